/**
 * The boss's reports as data (R33, R35, R19, C4): the Saturday weekly report, the Wednesday brief and the
 * monthly A-list, computed from the sheets' rows (./scan walks them, ./figures finishes). Rendering (Docs,
 * e-mail) is the jobs' business.
 *
 * Every table is walked once per report, in row order (possibly over several executions), comparing instants
 * as numbers; calendar days (Intl, slow in Apps Script) are computed only for the few rows that need one,
 * through a cache of 15-minute buckets.
 *
 * Definitions the boss reads (and the tests hold the code to):
 * - A week is an ISO week in the company zone, [Monday 00:00, next Monday 00:00). Figures are "as of"
 *   the report time, or the week's end for a past week: nothing at or after `asOf` counts, so a re-run of
 *   an old week tells the same story.
 * - An inquiry's salesperson is "Handled by", else its owner. Its region is the buyer's region, else the
 *   region of the inquiry's (or buyer's) country.
 * - Reply speed (R7, R8, R26), per salesperson, over inquiries RECEIVED in the week: the median working hours
 *   to the reply; the share of them answered by the target (2 working hours) and by the limit (one day; fax
 *   12 h) — shares of all received, so an unanswered inquiry counts against them. "Still unanswered" is the
 *   whole backlog at `asOf`, from any week, and how many of those are past the limit.
 * - A contact with a buyer is a Follow-up of kind follow-up, quote or sample, or our reply to their inquiry.
 *   Grade changes, hand-overs, notes and mass campaigns are not contacts.
 * - Follow-ups due (R20, R23): the salesperson's buyers whose cadence due day — counted from their last
 *   contact before the week (or their creation) — falls on or before the week's Sunday; "done" are those
 *   contacted during the week. "Overdue now": due day before the `asOf` day.
 * - Difficulties (R35): Follow-ups marked "needs the boss" — flagged in the period, or still without the
 *   boss's answer.
 */

import type { CadenceSettings } from "../../domain/cadence";
import type { Grade } from "../../domain/grades";
import type { SlaSettings } from "../../domain/sla";
import type { DateKey } from "../../domain/time";
import type { Buyer, FollowUp, Inquiry, Quote, Sample, StaffMember } from "../../store/schemas";

/** [start, end): the end instant is not in the span. */
export interface Span {
  start: Date;
  end: Date;
}

export interface ReportRows {
  buyers: readonly Buyer[];
  inquiries: readonly Inquiry[];
  followUps: readonly FollowUp[];
  quotes: readonly Quote[];
  samples: readonly Sample[];
  staff: readonly StaffMember[];
}

export interface ReportRules {
  timeZone: string;
  sla: SlaSettings;
  cadence: CadenceSettings;
}

export interface Pair {
  current: number;
  previous: number;
}

export interface BreakdownRow extends Pair {
  /** A grade ("" = not graded), channel, source or region ("" = unknown). */
  key: string;
}

export interface Person {
  email: string;
  name: string;
}

export interface ReplySpeedRow extends Person {
  received: number;
  answered: number;
  /** Median working hours to the reply (2 decimals), null when nothing was answered. */
  medianHours: number | null;
  withinTarget: number;
  withinLimit: number;
  /** Shares of `received` (0–1), null when nothing was received. */
  shareWithinTarget: number | null;
  shareWithinLimit: number | null;
  /** The whole backlog at `asOf`, any week. */
  unanswered: number;
  unansweredPastLimit: number;
}

export interface FollowUpRow extends Person {
  /** Contacts the person logged in the week. */
  logged: number;
  /** Their buyers due this week, and how many of those were contacted in the week. */
  due: number;
  done: number;
  overdueNow: number;
}

export interface BuyerRef {
  id: string;
  company: string;
  grade: Grade | "";
  owner: Person;
}

export interface OverdueBuyer extends BuyerRef {
  lastContact: Date | null;
  dueDay: DateKey;
  daysOverdue: number;
}

export interface Step {
  at: Date;
  kind: string;
  by: Person;
  summary: string;
  nextStep: string;
}

export interface KeyBuyer extends BuyerRef {
  lastContact: Date | null;
  /** The latest follow-up's planned date when it names one, else the cadence due day. */
  nextContact: DateKey | null;
  latestStep: Step | null;
}

export interface GradeChange {
  at: Date;
  buyer: BuyerRef;
  by: Person;
  from: Grade | "";
  to: Grade | "";
  summary: string;
}

export interface QuoteLine {
  id: string;
  date: Date;
  buyer: BuyerRef;
  by: Person;
  items: string;
  total: string;
  currency: string;
  status: string;
}

export interface SampleLine {
  id: string;
  sent: Date | null;
  buyer: BuyerRef;
  products: string;
  kind: string;
  freight: string;
  courier: string;
  tracking: string;
  feedbackDue: Date | null;
  result: string;
}

export interface FeedbackLine {
  at: Date;
  buyer: BuyerRef;
  by: Person;
  summary: string;
}

export interface Difficulty {
  at: Date;
  by: Person;
  buyer: BuyerRef;
  summary: string;
  nextStep: string;
  answer: string;
}

export interface UnansweredInquiry {
  id: string;
  receivedAt: Date;
  from: string;
  buyer: BuyerRef | null;
  handler: Person;
  channel: string;
  pastLimit: boolean;
  limitAt: Date;
}

export interface WeeklyReport {
  span: Span;
  previousSpan: Span;
  asOf: Date;
  newBuyers: Pair;
  inquiries: Pair;
  byGrade: BreakdownRow[];
  byChannel: BreakdownRow[];
  bySource: BreakdownRow[];
  byRegion: BreakdownRow[];
  replySpeed: ReplySpeedRow[];
  replyTotal: ReplySpeedRow;
  followUps: FollowUpRow[];
  followUpTotal: FollowUpRow;
  overdue: OverdueBuyer[];
  /** Overdue buyers per owner (salespeople in Staff order), for the summary above the full list. */
  overdueByOwner: { owner: Person; count: number }[];
  /** The buyers each person contacted this week (a logged follow-up, quote or sample, or a reply), by name. */
  followedUp: { person: Person; buyers: BuyerRef[] }[];
  aBuyers: KeyBuyer[];
  quotesSent: QuoteLine[];
  quotesSentPrevious: number;
  samplesSent: SampleLine[];
  samplesSentPrevious: number;
  sampleFeedback: FeedbackLine[];
  awaitingFeedback: SampleLine[];
  gradeChanges: GradeChange[];
  gradeChangesPrevious: number;
  difficulties: Difficulty[];
}

export interface MidweekBrief {
  /** From the last Saturday report to `asOf`. */
  span: Span;
  asOf: Date;
  newBuyers: (BuyerRef & { created: Date; country: string })[];
  aMovement: GradeChange[];
  aBuyersNow: number;
  overdue: OverdueBuyer[];
  overdueByOwner: { owner: Person; count: number }[];
  unanswered: UnansweredInquiry[];
  unansweredByHandler: { handler: Person; count: number; pastLimit: number }[];
  openDifficulties: Difficulty[];
}

export interface AListEntry extends KeyBuyer {
  name: string;
  email: string;
  phone: string;
  country: string;
  region: string;
  nature: string;
  products: string;
  status: string;
  created: Date | null;
  contactsLast30Days: number;
  openQuotes: number;
  samplesSent: number;
}

export interface MonthlyAList {
  span: Span;
  asOf: Date;
  buyers: AListEntry[];
  byOwner: { owner: Person; count: number }[];
  byRegion: { region: string; count: number }[];
}
