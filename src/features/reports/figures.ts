/**
 * The boss's reports as data (R33, R35, R19, C4): the Saturday weekly report, the Wednesday brief and the
 * monthly A-list, computed from the sheets' rows. Pure: time, rules and rows are parameters; rendering
 * (Docs, e-mail) is the jobs layer's business.
 *
 * Every table is walked once per report, comparing instants as numbers; calendar days (Intl, slow in Apps
 * Script) are computed only for the few rows that need one, through a cache of 15-minute buckets.
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

import { type CadenceSettings, cadenceDays } from "../../domain/cadence";
import { type Grade, gradeRank, isGrade } from "../../domain/grades";
import { regionOf } from "../../domain/regions";
import { responseHours, type SlaSettings, slaState } from "../../domain/sla";
import { addDaysToKey, type DateKey, daysBetweenKeys, zonedDateKey } from "../../domain/time";
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

// ---------------------------------------------------------------------------------------------------
// Shared reading helpers

const CONTACT_KINDS: ReadonlySet<string> = new Set(["follow-up", "quote", "sample"]);
const NOT_CONTACTABLE: ReadonlySet<string> = new Set(["do-not-contact", "unsubscribed"]);
const QUARTER_HOUR = 900_000;

/**
 * Calendar days of instants, cached per 15-minute bucket: every zone offset is a multiple of 15 minutes,
 * so a local midnight never falls inside a bucket.
 */
export function dayKeyer(timeZone: string): (instant: Date | number) => DateKey {
  const cache = new Map<number, DateKey>();
  return (instant) => {
    const ms = typeof instant === "number" ? instant : instant.getTime();
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let key = cache.get(bucket);
    if (key === undefined) {
      key = zonedDateKey(bucket * QUARTER_HOUR, timeZone);
      cache.set(bucket, key);
    }
    return key;
  };
}

function msOf(d: Date | null | undefined): number | undefined {
  if (!d) return undefined;
  const ms = d.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

function within(ms: number | undefined, span: Span): boolean {
  return ms !== undefined && ms >= span.start.getTime() && ms < span.end.getTime();
}

function lower(s: string): string {
  return s.trim().toLowerCase();
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 100) / 100;
}

/** Who is who: Staff names by e-mail, and the order people are listed in (Staff order, then the rest). */
class People {
  private readonly byEmail = new Map<string, StaffMember>();
  readonly salespeople: string[] = [];
  readonly bosses: string[] = [];

  constructor(staff: readonly StaffMember[]) {
    for (const s of staff) {
      const email = lower(s.email);
      if (email === "" || this.byEmail.has(email)) continue;
      this.byEmail.set(email, s);
      if (s.role === "salesperson" && s.status !== "frozen") this.salespeople.push(email);
      if (s.role === "boss" && s.status !== "frozen") this.bosses.push(email);
    }
  }

  person(email: string): Person {
    const key = lower(email);
    const s = this.byEmail.get(key);
    return { email: key, name: s?.name.trim() || key };
  }

  /** Salespeople first (in Staff order), then anyone else who appears, alphabetically. */
  order(appearing: Iterable<string>): string[] {
    const seen = new Set(this.salespeople);
    // Rows without a person (unassigned inquiries, buyers without owner) go last.
    const extra = [...new Set(appearing)]
      .filter((e) => !seen.has(e))
      .sort((a, b) => Number(a === "") - Number(b === "") || (a < b ? -1 : 1));
    return [...this.salespeople, ...extra];
  }
}

/** The buyers by ID, as references for every list. */
class BuyerIndex {
  readonly byId = new Map<string, Buyer>();
  constructor(
    buyers: readonly Buyer[],
    readonly people: People,
  ) {
    for (const b of buyers) if (b.id !== "" && !this.byId.has(b.id)) this.byId.set(b.id, b);
  }

  ref(id: string): BuyerRef {
    const b = this.byId.get(id);
    return {
      id,
      company: b ? b.company || b.name || b.email : "",
      grade: b && isGrade(b.grade) ? b.grade : "",
      owner: this.people.person(b?.owner ?? ""),
    };
  }
}

/** The last contact before a cut-off instant, per buyer, gathered while the tables are walked. */
class ContactClock {
  private readonly last = new Map<string, number>();
  constructor(private readonly cutoff: number) {}

  see(buyerId: string, ms: number | undefined): void {
    if (ms === undefined || buyerId === "" || ms >= this.cutoff) return;
    const prev = this.last.get(buyerId);
    if (prev === undefined || ms > prev) this.last.set(buyerId, ms);
  }

  /** The buyer's last contact: the latest one seen, or the sheet's Last contact when it is earlier than the cut-off. */
  of(buyer: Buyer): number | undefined {
    const seen = this.last.get(buyer.id);
    const sheet = msOf(buyer.lastContact);
    const fromSheet = sheet !== undefined && sheet < this.cutoff ? sheet : undefined;
    if (seen === undefined) return fromSheet;
    return fromSheet === undefined ? seen : Math.max(seen, fromSheet);
  }
}

const GRADE_CHANGE =
  /(?:^|[^A-Za-z])([A-D]|none|ungraded|未分级|-|—)?(?:级|級)?\s*(?:→|->|=>|⇒|\bto\b|改为|调为|调整为|变为|升为|降为)\s*([A-D])(?![A-Za-z])/i;
const LONE_GRADE = /(?:^|[^A-Za-z])([A-D])(?:级|級)?(?![A-Za-z])/g;

/**
 * Reads a grade change from a "grade" follow-up's text: "B → A", "C->A", "from B to A", "改为A", or just
 * "A" (the new grade). The previous grade, when the text lacks it, comes from the buyer's earlier change.
 */
export function parseGradeChange(summary: string): { from: Grade | ""; to: Grade | "" } {
  const text = summary.normalize("NFKC");
  const m = GRADE_CHANGE.exec(text);
  if (m) {
    const from = m[1]?.toUpperCase();
    return { from: isGrade(from) ? from : "", to: m[2].toUpperCase() as Grade };
  }
  const lone = [...text.matchAll(LONE_GRADE)].map((x) => x[1]);
  return { from: "", to: lone.length === 1 && isGrade(lone[0]) ? lone[0] : "" };
}

interface LatestStep {
  ms: number;
  row: FollowUp;
}

function stepOf(row: FollowUp, people: People): Step {
  return {
    at: row.at as Date,
    kind: row.kind,
    by: people.person(row.by),
    summary: row.summary,
    nextStep: row.nextStep,
  };
}

function isUnansweredAt(inquiry: Inquiry, rec: number | undefined, rep: number | undefined, asOf: number): boolean {
  if (rec === undefined || rec >= asOf || inquiry.status === "closed") return false;
  if (rep !== undefined) return rep >= asOf;
  // Marked replied by a person without a time: answered, we just cannot time it.
  return inquiry.status !== "replied";
}

// ---------------------------------------------------------------------------------------------------
// One walk over every table, shared by the three reports

export interface WeekSpan extends Span {
  /** The week's Sunday, for "due this week". */
  lastDay: DateKey;
}

interface ScanOptions {
  asOf: number;
  week?: WeekSpan;
  previous?: Span;
  /** The midweek brief's "since Saturday", the A-list's last 30 days. */
  recent?: Span;
}

class Tally {
  private readonly counts = new Map<string, Pair>();
  add(key: string, which: keyof Pair): void {
    let pair = this.counts.get(key);
    if (!pair) {
      pair = { current: 0, previous: 0 };
      this.counts.set(key, pair);
    }
    pair[which] += 1;
  }
  /** Fixed keys first in the given order (always listed), then the rest by this week's count; unknown ("") last. */
  rows(fixed: readonly string[] = []): BreakdownRow[] {
    const out: BreakdownRow[] = fixed.map((key) => ({ key, ...(this.counts.get(key) ?? { current: 0, previous: 0 }) }));
    const rest = [...this.counts.entries()]
      .filter(([key]) => !fixed.includes(key))
      .map(([key, p]) => ({ key, ...p }))
      .sort(
        (a, b) =>
          Number(a.key === "") - Number(b.key === "") ||
          b.current - a.current ||
          b.previous - a.previous ||
          (a.key < b.key ? -1 : 1),
      );
    return [...out, ...rest];
  }
}

interface SpeedStats {
  received: number;
  hours: number[];
  withinTarget: number;
  withinLimit: number;
  unanswered: number;
  pastLimit: number;
}

interface Scan {
  asOf: number;
  dayOf: (ms: number | Date) => DateKey;
  people: People;
  index: BuyerIndex;
  beforeWeek: ContactClock;
  beforeAsOf: ContactClock;
  contactedInWeek: Set<string>;
  newBuyers: Pair;
  newBuyersRecent: Buyer[];
  inquiries: Pair;
  byGrade: Tally;
  byChannel: Tally;
  bySource: Tally;
  byRegion: Tally;
  speed: Map<string, SpeedStats>;
  unanswered: UnansweredInquiry[];
  logged: Map<string, number>;
  latest: Map<string, LatestStep>;
  gradeChanges: GradeChange[];
  feedback: FeedbackLine[];
  difficulties: Difficulty[];
  quotesSent: QuoteLine[];
  quotesSentPrevious: number;
  openQuotes: Map<string, number>;
  samplesSent: SampleLine[];
  samplesSentPrevious: number;
  samplesByBuyer: Map<string, number>;
  awaitingFeedback: SampleLine[];
  contactsRecent: Map<string, number>;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function scan(rows: ReportRows, rules: ReportRules, o: ScanOptions): Scan {
  const people = new People(rows.staff);
  const index = new BuyerIndex(rows.buyers, people);
  const asOfDate = new Date(o.asOf);
  const noSpan: Span = { start: new Date(0), end: new Date(0) };
  const week = o.week ?? noSpan;
  const previous = o.previous ?? noSpan;
  const recent = o.recent ?? noSpan;
  const s: Scan = {
    asOf: o.asOf,
    dayOf: dayKeyer(rules.timeZone),
    people,
    index,
    beforeWeek: new ContactClock(Math.min(week.start.getTime(), o.asOf)),
    beforeAsOf: new ContactClock(o.asOf),
    contactedInWeek: new Set(),
    newBuyers: { current: 0, previous: 0 },
    newBuyersRecent: [],
    inquiries: { current: 0, previous: 0 },
    byGrade: new Tally(),
    byChannel: new Tally(),
    bySource: new Tally(),
    byRegion: new Tally(),
    speed: new Map(),
    unanswered: [],
    logged: new Map(),
    latest: new Map(),
    gradeChanges: [],
    feedback: [],
    difficulties: [],
    quotesSent: [],
    quotesSentPrevious: 0,
    openQuotes: new Map(),
    samplesSent: [],
    samplesSentPrevious: 0,
    samplesByBuyer: new Map(),
    awaitingFeedback: [],
    contactsRecent: new Map(),
  };
  const before = (ms: number | undefined): ms is number => ms !== undefined && ms < o.asOf;
  const stats = (email: string): SpeedStats => {
    let st = s.speed.get(email);
    if (!st) {
      st = { received: 0, hours: [], withinTarget: 0, withinLimit: 0, unanswered: 0, pastLimit: 0 };
      s.speed.set(email, st);
    }
    return st;
  };

  for (const b of index.byId.values()) {
    const created = msOf(b.created);
    if (!before(created)) continue;
    if (within(created, week)) s.newBuyers.current += 1;
    else if (within(created, previous)) s.newBuyers.previous += 1;
    if (within(created, recent)) s.newBuyersRecent.push(b);
  }

  for (const q of rows.inquiries) {
    const rec = msOf(q.receivedAt);
    const rep = msOf(q.repliedAt);
    if (q.buyerId !== "" && before(rep)) {
      s.beforeWeek.see(q.buyerId, rep);
      s.beforeAsOf.see(q.buyerId, rep);
      if (within(rep, week)) s.contactedInWeek.add(q.buyerId);
      if (within(rep, recent)) bump(s.contactsRecent, q.buyerId);
    }
    const handler = lower(q.assignedTo || q.owner);
    const inWeek = before(rec) && within(rec, week);
    if (inWeek || within(rec, previous)) {
      const which = inWeek ? "current" : "previous";
      const buyer = q.buyerId !== "" ? index.byId.get(q.buyerId) : undefined;
      s.inquiries[which] += 1;
      s.byGrade.add(isGrade(q.grade) ? q.grade : "", which);
      s.byChannel.add(q.channel, which);
      s.bySource.add(q.source, which);
      s.byRegion.add(buyer?.region.trim() || regionOf(q.country || buyer?.country || ""), which);
    }
    if (inWeek) {
      const st = stats(handler);
      st.received += 1;
      if (before(rep)) {
        st.hours.push(responseHours(q.receivedAt as Date, q.repliedAt as Date, rules.sla.calendar));
        const sla = slaState(
          { receivedAt: q.receivedAt as Date, channel: q.channel, repliedAt: q.repliedAt as Date },
          asOfDate,
          rules.sla,
        );
        if (sla.metTarget) st.withinTarget += 1;
        if (sla.state === "answered-in-time") st.withinLimit += 1;
      }
    }
    if (isUnansweredAt(q, rec, rep, o.asOf)) {
      const sla = slaState({ receivedAt: q.receivedAt as Date, channel: q.channel }, asOfDate, rules.sla);
      const pastLimit = sla.state === "overdue";
      const st = stats(handler);
      st.unanswered += 1;
      if (pastLimit) st.pastLimit += 1;
      s.unanswered.push({
        id: q.id,
        receivedAt: q.receivedAt as Date,
        from: q.fromName || q.fromEmail,
        buyer: q.buyerId !== "" ? index.ref(q.buyerId) : null,
        handler: people.person(handler),
        channel: q.channel,
        pastLimit,
        limitAt: sla.limitAt,
      });
    }
  }

  const gradeRows: { ms: number; row: FollowUp }[] = [];
  for (const f of rows.followUps) {
    const t = msOf(f.at);
    if (!before(t)) continue;
    const contact = CONTACT_KINDS.has(f.kind);
    if (f.buyerId !== "") {
      if (contact) {
        s.beforeWeek.see(f.buyerId, t);
        s.beforeAsOf.see(f.buyerId, t);
        if (within(t, recent)) bump(s.contactsRecent, f.buyerId);
      }
      const cur = s.latest.get(f.buyerId);
      if (!cur || t >= cur.ms) s.latest.set(f.buyerId, { ms: t, row: f });
    }
    const inWeek = within(t, week);
    if (inWeek && contact) {
      bump(s.logged, lower(f.by));
      if (f.buyerId !== "") s.contactedInWeek.add(f.buyerId);
    }
    if (f.kind === "grade" && f.buyerId !== "") gradeRows.push({ ms: t, row: f });
    if (f.kind === "sample" && inWeek)
      s.feedback.push({ at: f.at as Date, buyer: index.ref(f.buyerId), by: people.person(f.by), summary: f.summary });
    if (f.needsBoss && (inWeek || within(t, recent) || f.bossAnswer.trim() === "")) {
      s.difficulties.push({
        at: f.at as Date,
        by: people.person(f.by),
        buyer: index.ref(f.buyerId),
        summary: f.summary,
        nextStep: f.nextStep,
        answer: f.bossAnswer.trim(),
      });
    }
  }
  s.gradeChanges = gradeChangesOf(gradeRows, index);

  for (const q of rows.quotes) {
    const d = msOf(q.date);
    if (!before(d) || q.status === "draft") continue;
    if (q.status === "sent" && q.buyerId !== "") bump(s.openQuotes, q.buyerId);
    if (within(d, week)) {
      s.quotesSent.push({
        id: q.id,
        date: q.date as Date,
        buyer: index.ref(q.buyerId),
        by: people.person(q.by),
        items: q.items,
        total: q.total,
        currency: q.currency,
        status: q.status,
      });
    } else if (within(d, previous)) s.quotesSentPrevious += 1;
  }

  for (const x of rows.samples) {
    const sent = msOf(x.sent);
    if (!before(sent)) continue;
    if (x.buyerId !== "") bump(s.samplesByBuyer, x.buyerId);
    const line: SampleLine = {
      id: x.id,
      sent: x.sent,
      buyer: index.ref(x.buyerId),
      products: x.products,
      kind: x.kind,
      freight: x.freight,
      courier: x.courier,
      tracking: x.tracking,
      feedbackDue: x.feedbackDue,
      result: x.result.trim(),
    };
    if (within(sent, week)) s.samplesSent.push(line);
    else if (within(sent, previous)) s.samplesSentPrevious += 1;
    if (line.result === "" && before(msOf(x.feedbackDue))) s.awaitingFeedback.push(line);
  }
  return s;
}

/** Grade changes in time order, each with the grade before it (from its text, else the buyer's previous change). */
function gradeChangesOf(rows: { ms: number; row: FollowUp }[], index: BuyerIndex): GradeChange[] {
  rows.sort((a, b) => a.ms - b.ms);
  const lastGrade = new Map<string, Grade | "">();
  return rows.map(({ row }) => {
    const parsed = parseGradeChange(row.summary);
    const from = parsed.from || lastGrade.get(row.buyerId) || "";
    if (parsed.to) lastGrade.set(row.buyerId, parsed.to);
    return {
      at: row.at as Date,
      buyer: index.ref(row.buyerId),
      by: index.people.person(row.by),
      from,
      to: parsed.to,
      summary: row.summary,
    };
  });
}

/** A buyer's due day as seen at a cut-off; `clock` says which contacts count (those before the week, or before asOf). */
function dueDay(s: Scan, b: Buyer, clock: ContactClock, rules: ReportRules): DateKey | undefined {
  if (NOT_CONTACTABLE.has(b.status)) return undefined;
  const created = msOf(b.created);
  if (created !== undefined && created >= s.asOf) return undefined;
  const since = clock.of(b) ?? created;
  if (since === undefined) return s.dayOf(s.asOf);
  return addDaysToKey(s.dayOf(since), cadenceDays(isGrade(b.grade) ? b.grade : undefined, rules.cadence));
}

function overdueOf(s: Scan, b: Buyer, rules: ReportRules): OverdueBuyer | undefined {
  const due = dueDay(s, b, s.beforeAsOf, rules);
  if (due === undefined) return undefined;
  const late = daysBetweenKeys(due, s.dayOf(s.asOf));
  if (late <= 0) return undefined;
  const last = s.beforeAsOf.of(b);
  return {
    ...s.index.ref(b.id),
    lastContact: last === undefined ? null : new Date(last),
    dueDay: due,
    daysOverdue: late,
  };
}

function keyBuyerOf(s: Scan, b: Buyer, rules: ReportRules): KeyBuyer {
  const latest = s.latest.get(b.id);
  const last = s.beforeAsOf.of(b);
  const planned =
    latest?.row.nextDue && msOf(latest.row.nextDue) !== undefined ? s.dayOf(latest.row.nextDue) : undefined;
  return {
    ...s.index.ref(b.id),
    lastContact: last === undefined ? null : new Date(last),
    nextContact: planned ?? dueDay(s, b, s.beforeAsOf, rules) ?? null,
    latestStep: latest ? stepOf(latest.row, s.people) : null,
  };
}

const byOverdue = (a: OverdueBuyer, b: OverdueBuyer) =>
  b.daysOverdue - a.daysOverdue ||
  gradeRank(a.grade || undefined) - gradeRank(b.grade || undefined) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const byNextContact = (a: KeyBuyer, b: KeyBuyer) => {
  const x = a.nextContact ?? "9999";
  const y = b.nextContact ?? "9999";
  return x < y ? -1 : x > y ? 1 : a.company.localeCompare(b.company) || (a.id < b.id ? -1 : 1);
};

const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();

// ---------------------------------------------------------------------------------------------------
// The three reports

/** R33, R35, C4: the Saturday report for `week`, with `previous` beside each figure. */
export function weeklyReport(
  rows: ReportRows,
  rules: ReportRules,
  week: WeekSpan,
  previous: Span,
  now: Date,
): WeeklyReport {
  const asOf = Math.min(now.getTime(), week.end.getTime());
  const s = scan(rows, rules, { asOf, week, previous });
  const due = new Map<string, number>();
  const done = new Map<string, number>();
  const overdueBy = new Map<string, number>();
  const overdue: OverdueBuyer[] = [];
  const aBuyers: KeyBuyer[] = [];
  for (const b of s.index.byId.values()) {
    const owner = lower(b.owner);
    const dueWeek = dueDay(s, b, s.beforeWeek, rules);
    if (dueWeek !== undefined && dueWeek <= week.lastDay) {
      bump(due, owner);
      if (s.contactedInWeek.has(b.id)) bump(done, owner);
    }
    const late = overdueOf(s, b, rules);
    if (late) {
      overdue.push(late);
      bump(overdueBy, owner);
    }
    if (b.grade === "A" && before(msOf(b.created), asOf)) aBuyers.push(keyBuyerOf(s, b, rules));
  }

  const speedPeople = s.people.order([...s.speed.keys()]);
  const replySpeed = speedPeople.map((email) => speedRow(s.people.person(email), s.speed.get(email)));
  const replyTotal = speedRow(
    { email: "", name: "" },
    [...s.speed.values()].reduce<SpeedStats>(
      (t, x) => ({
        received: t.received + x.received,
        hours: t.hours.concat(x.hours),
        withinTarget: t.withinTarget + x.withinTarget,
        withinLimit: t.withinLimit + x.withinLimit,
        unanswered: t.unanswered + x.unanswered,
        pastLimit: t.pastLimit + x.pastLimit,
      }),
      { received: 0, hours: [], withinTarget: 0, withinLimit: 0, unanswered: 0, pastLimit: 0 },
    ),
  );
  const followPeople = s.people.order([...s.logged.keys(), ...due.keys(), ...overdueBy.keys()]);
  const followUps = followPeople.map((email) => ({
    ...s.people.person(email),
    logged: s.logged.get(email) ?? 0,
    due: due.get(email) ?? 0,
    done: done.get(email) ?? 0,
    overdueNow: overdueBy.get(email) ?? 0,
  }));
  const sum = (k: "logged" | "due" | "done" | "overdueNow") => followUps.reduce((n, r) => n + r[k], 0);

  return {
    span: { start: week.start, end: week.end },
    previousSpan: previous,
    asOf: new Date(asOf),
    newBuyers: s.newBuyers,
    inquiries: s.inquiries,
    byGrade: s.byGrade.rows(["A", "B", "C", "D", ""]),
    byChannel: s.byChannel.rows(),
    bySource: s.bySource.rows(),
    byRegion: s.byRegion.rows(),
    replySpeed,
    replyTotal,
    followUps,
    followUpTotal: {
      email: "",
      name: "",
      logged: sum("logged"),
      due: sum("due"),
      done: sum("done"),
      overdueNow: sum("overdueNow"),
    },
    overdue: overdue.sort(byOverdue),
    aBuyers: aBuyers.sort(byNextContact),
    quotesSent: s.quotesSent.sort((a, b) => a.date.getTime() - b.date.getTime()),
    quotesSentPrevious: s.quotesSentPrevious,
    samplesSent: s.samplesSent.sort((a, b) => (a.sent?.getTime() ?? 0) - (b.sent?.getTime() ?? 0)),
    samplesSentPrevious: s.samplesSentPrevious,
    sampleFeedback: s.feedback.sort(byTime),
    awaitingFeedback: s.awaitingFeedback.sort(
      (a, b) => (a.feedbackDue?.getTime() ?? 0) - (b.feedbackDue?.getTime() ?? 0),
    ),
    gradeChanges: s.gradeChanges.filter((g) => within(g.at.getTime(), week)),
    gradeChangesPrevious: s.gradeChanges.filter((g) => within(g.at.getTime(), previous)).length,
    difficulties: s.difficulties.sort(byTime),
  };
}

function before(ms: number | undefined, cutoff: number): boolean {
  return ms === undefined || ms < cutoff;
}

function speedRow(person: Person, st: SpeedStats | undefined): ReplySpeedRow {
  const x = st ?? { received: 0, hours: [], withinTarget: 0, withinLimit: 0, unanswered: 0, pastLimit: 0 };
  return {
    ...person,
    received: x.received,
    answered: x.hours.length,
    medianHours: median(x.hours),
    withinTarget: x.withinTarget,
    withinLimit: x.withinLimit,
    shareWithinTarget: x.received > 0 ? x.withinTarget / x.received : null,
    shareWithinLimit: x.received > 0 ? x.withinLimit / x.received : null,
    unanswered: x.unanswered,
    unansweredPastLimit: x.pastLimit,
  };
}

/** R35: the Wednesday brief — what moved since the Saturday report (`since`) up to `asOf`. */
export function midweekBrief(rows: ReportRows, rules: ReportRules, since: Date, asOf: Date): MidweekBrief {
  const span = { start: since, end: asOf };
  const s = scan(rows, rules, { asOf: asOf.getTime(), recent: span });
  const overdue: OverdueBuyer[] = [];
  const overdueBy = new Map<string, number>();
  let aBuyersNow = 0;
  for (const b of s.index.byId.values()) {
    if (!before(msOf(b.created), s.asOf)) continue;
    if (b.grade === "A") aBuyersNow += 1;
    const late = overdueOf(s, b, rules);
    if (late) {
      overdue.push(late);
      bump(overdueBy, lower(b.owner));
    }
  }
  const byHandler = new Map<string, { count: number; pastLimit: number }>();
  for (const u of s.unanswered) {
    const h = byHandler.get(u.handler.email) ?? { count: 0, pastLimit: 0 };
    h.count += 1;
    if (u.pastLimit) h.pastLimit += 1;
    byHandler.set(u.handler.email, h);
  }
  return {
    span,
    asOf,
    newBuyers: s.newBuyersRecent
      .map((b) => ({ ...s.index.ref(b.id), created: b.created as Date, country: b.country }))
      .sort((a, b) => a.created.getTime() - b.created.getTime()),
    aMovement: s.gradeChanges.filter((g) => within(g.at.getTime(), span) && (g.from === "A" || g.to === "A")),
    aBuyersNow,
    overdue: overdue.sort(byOverdue),
    overdueByOwner: s.people
      .order(overdueBy.keys())
      .filter((e) => overdueBy.has(e))
      .map((e) => ({ owner: s.people.person(e), count: overdueBy.get(e) ?? 0 })),
    unanswered: s.unanswered.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()),
    unansweredByHandler: s.people
      .order(byHandler.keys())
      .filter((e) => byHandler.has(e))
      .map((e) => ({ handler: s.people.person(e), ...(byHandler.get(e) as { count: number; pastLimit: number }) })),
    openDifficulties: s.difficulties.filter((d) => d.answer === "").sort(byTime),
  };
}

const THIRTY_DAYS = 30 * 86_400_000;

/** R19: every A-grade buyer with their details, as of the month's run (or its end, for a past month). */
export function monthlyAList(rows: ReportRows, rules: ReportRules, month: Span, now: Date): MonthlyAList {
  const asOf = Math.min(now.getTime(), month.end.getTime());
  const s = scan(rows, rules, { asOf, recent: { start: new Date(asOf - THIRTY_DAYS), end: new Date(asOf) } });
  const buyers: AListEntry[] = [];
  const byOwner = new Map<string, number>();
  const byRegion = new Map<string, number>();
  for (const b of s.index.byId.values()) {
    if (b.grade !== "A" || !before(msOf(b.created), asOf)) continue;
    buyers.push({
      ...keyBuyerOf(s, b, rules),
      name: b.name,
      email: b.email,
      phone: b.phone,
      country: b.country,
      region: b.region.trim() || regionOf(b.country),
      nature: b.nature,
      products: b.products,
      status: b.status,
      created: b.created,
      contactsLast30Days: s.contactsRecent.get(b.id) ?? 0,
      openQuotes: s.openQuotes.get(b.id) ?? 0,
      samplesSent: s.samplesByBuyer.get(b.id) ?? 0,
    });
    bump(byOwner, lower(b.owner));
    bump(byRegion, b.region.trim() || regionOf(b.country));
  }
  buyers.sort((a, b) => a.owner.name.localeCompare(b.owner.name) || a.company.localeCompare(b.company));
  return {
    span: month,
    asOf: new Date(asOf),
    buyers,
    byOwner: s.people
      .order(byOwner.keys())
      .filter((e) => byOwner.has(e))
      .map((e) => ({ owner: s.people.person(e), count: byOwner.get(e) ?? 0 })),
    byRegion: [...byRegion.entries()]
      .map(([region, count]) => ({ region, count }))
      .sort(
        (a, b) =>
          Number(a.region === "") - Number(b.region === "") || b.count - a.count || a.region.localeCompare(b.region),
      ),
  };
}
