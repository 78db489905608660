/**
 * What the sidebar's server functions take and give (the client imports these types only). Instants travel
 * as ISO-8601 strings, due days as "yyyy-mm-dd" in the company zone.
 */
import type { DueState } from "../../domain/cadence";
import type { SlaState } from "../../domain/sla";

export type GradeLetter = "A" | "B" | "C" | "D";
export type FollowUpChannel = "email" | "phone" | "fax" | "post" | "visit" | "trade-show" | "platform";

export interface Me {
  email: string;
  name: string;
  role: string;
  lang: "zh-CN" | "en";
}

export interface DeskInquiry {
  id: string;
  buyerId: string;
  company: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  channel: string;
  receivedAt: string | null;
  targetAt: string | null;
  limitAt: string | null;
  state: SlaState | "";
  minutesToTarget: number;
  minutesToLimit: number;
  grade: string;
  owner: string;
  assignedTo: string;
  /** Set when I see it as the deputy of this away colleague (R6). */
  forOwner: string;
}

export interface DeskFollowUp {
  buyerId: string;
  company: string;
  name: string;
  grade: string;
  owner: string;
  dueDate: string;
  state: DueState;
  daysOverdue: number;
  lastContact: string | null;
  forOwner: string;
}

/** A sample whose feedback is due (R27): delivered some days ago, the buyer's verdict not yet recorded. */
export interface DeskSample {
  id: string;
  buyerId: string;
  company: string;
  products: string;
  kind: string;
  delivered: string | null;
  feedbackDue: string;
  daysLate: number;
  forOwner: string;
}

export interface Desk {
  at: string;
  unanswered: DeskInquiry[];
  ungraded: DeskInquiry[];
  due: DeskFollowUp[];
  /** Away colleagues whose work I hold as deputy (R6). */
  covering: { email: string; name: string; until: string | null }[];
  totals: { unanswered: number; ungraded: number; overdue: number; today: number };
  /** Samples whose feedback is due today or earlier (R27); absent when the book has no Samples sheet. */
  feedbackDue?: DeskSample[];
}

/** One colleague as the Team tab shows them (R1, R6); the boss and the assistant see every field. */
export interface TeamMember {
  email: string;
  name: string;
  role: string;
  status: string;
  deputy: string;
  awayFrom: string | null;
  awayUntil: string | null;
  regions: string;
  products: string;
  language: string;
  /** Away today (between the away dates) or marked away. */
  awayNow: boolean;
  /**
   * For the boss and the assistant only: whether this person's hourly schedule is running and their mail was
   * pulled today (R6, R8: nothing missed silently). Null for viewers and frozen people.
   */
  schedule?: { running: boolean; lastRun: string | null; lastPull: string | null; pulledToday: boolean } | null;
}

/** What offboarding a person would move (R29), for the confirm step. */
export interface OffboardPreview {
  email: string;
  buyers: number;
  inquiries: number;
  quotes: number;
  samples: number;
  /** Who would receive: one named colleague, or the active salespeople the load is spread over. */
  receivers: string[];
}

export interface BuyerCard {
  id: string;
  company: string;
  name: string;
  email: string;
  otherEmails: string;
  phone: string;
  website: string;
  country: string;
  region: string;
  source: string;
  grade: string;
  owner: string;
  ownerName: string;
  status: string;
  products: string;
  created: string | null;
  lastContact: string | null;
  nextFollowUp: string | null;
  daysOverdue: number | null;
  duplicateOf: string;
  notes: string;
}

export type HistoryKind = "inquiry" | "quote" | "sample" | "followup";

export interface HistoryItem {
  kind: HistoryKind;
  id: string;
  at: string | null;
  title: string;
  detail: string;
  by: string;
  /** Inquiries: status, grade and SLA state; follow-ups: the kind ("grade", "follow-up"…). */
  status: string;
  grade: string;
  needsBoss: boolean;
}

export interface BuyerView {
  buyer: BuyerCard;
  /** Whether I may grade and log for this buyer (owner, deputy, boss, assistant). */
  canAct: boolean;
  inquiries: DeskInquiry[];
  history: HistoryItem[];
}

export interface Selection {
  sheet: string;
  row: number;
  buyerId: string;
  inquiryId: string;
}

export interface GradeInfo {
  grade: GradeLetter;
  definition: string;
  cadenceDays: number;
}

export interface Bootstrap {
  me: Me;
  /** The company zone (Settings): due days and times are shown in it, whatever the browser's zone. */
  timeZone: string;
  strings: Record<string, string>;
  grades: GradeInfo[];
  ungradedDays: number;
  channels: FollowUpChannel[];
  sources: string[];
  desk: Desk;
  selection: Selection | null;
  buyer: BuyerView | null;
  /** Colleagues (from the cached Staff table: no sheet read). */
  team: TeamMember[];
}

export interface GradeResult {
  inquiryId: string;
  buyerId: string;
  grade: GradeLetter;
  nextFollowUp: string | null;
  followUpId: string;
}

export interface LogResult {
  followUpId: string;
  buyerId: string;
  lastContact: string;
  nextFollowUp: string | null;
  /** Set when the follow-up answered an inquiry by phone, fax, post or platform (R7, R8, R26). */
  answered: { inquiryId: string; responseHours: number } | null;
}

export interface BuyerHitView {
  id: string;
  company: string;
  name: string;
  email: string;
  phone: string;
  country: string;
  grade: string;
  owner: string;
  matchedOn: string;
}

export type AddBuyerResult =
  | { created: true; buyerId: string; duplicateOf: string[] }
  | { created: false; duplicates: BuyerHitView[] };
