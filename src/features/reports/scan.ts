/**
 * One walk over the big tables, shared by the three reports, fed in row chunks. What the walk gathers (the
 * ScanState) is plain data — numbers, strings, Dates, Maps, Sets and arrays of them — so a report that does
 * not fit one execution saves it between slices (./codec) and goes on where it stopped. Who is who (Staff)
 * and the buyers are the ScanContext, read again by every slice; feeding rows in sheet order gives the same
 * state however the rows are cut into chunks.
 */

import { isGrade } from "../../domain/grades";
import { regionOf } from "../../domain/regions";
import { responseHours, slaState } from "../../domain/sla";
import { type DateKey, zonedDateKey } from "../../domain/time";
import type { Buyer, FollowUp, Inquiry, Quote, Sample, StaffMember } from "../../store/schemas";
import type {
  BreakdownRow,
  BuyerRef,
  Difficulty,
  FeedbackLine,
  Pair,
  Person,
  QuoteLine,
  ReportRules,
  SampleLine,
  Span,
  UnansweredInquiry,
} from "./report-types";

export const CONTACT_KINDS: ReadonlySet<string> = new Set(["follow-up", "quote", "sample"]);
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

export function msOf(d: Date | null | undefined): number | undefined {
  if (!d) return undefined;
  const ms = d.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

export function within(ms: number | undefined, span: Span): boolean {
  return ms !== undefined && ms >= span.start.getTime() && ms < span.end.getTime();
}

export function lower(s: string): string {
  return s.trim().toLowerCase();
}

export function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Who is who: Staff names by e-mail, and the order people are listed in (Staff order, then the rest). */
export class People {
  private readonly byEmail = new Map<string, StaffMember>();
  readonly salespeople: string[] = [];

  constructor(staff: readonly StaffMember[]) {
    for (const s of staff) {
      const email = lower(s.email);
      if (email === "" || this.byEmail.has(email)) continue;
      this.byEmail.set(email, s);
      if (s.role === "salesperson" && s.status !== "frozen") this.salespeople.push(email);
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
export class BuyerIndex {
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

/** What every slice rebuilds: the rules, who is who and the buyers. */
export interface ScanContext {
  rules: ReportRules;
  people: People;
  index: BuyerIndex;
  dayOf: (instant: Date | number) => DateKey;
}

export function scanContext(staff: readonly StaffMember[], buyers: readonly Buyer[], rules: ReportRules): ScanContext {
  const people = new People(staff);
  return { rules, people, index: new BuyerIndex(buyers, people), dayOf: dayKeyer(rules.timeZone) };
}

export interface WeekSpan extends Span {
  /** The week's Sunday, for "due this week". */
  lastDay: DateKey;
}

export interface ScanOptions {
  asOf: number;
  week?: WeekSpan;
  previous?: Span;
  /** The midweek brief's "since Saturday", the A-list's last 30 days. */
  recent?: Span;
}

/** The last contact before a cut-off instant, per buyer, gathered while the tables are walked. */
export interface ContactClock {
  cutoff: number;
  last: Map<string, number>;
}

function see(clock: ContactClock, buyerId: string, ms: number | undefined): void {
  if (ms === undefined || buyerId === "" || ms >= clock.cutoff) return;
  const prev = clock.last.get(buyerId);
  if (prev === undefined || ms > prev) clock.last.set(buyerId, ms);
}

/** The buyer's last contact: the latest one seen, or the sheet's Last contact when it is earlier than the cut-off. */
export function lastContactOf(clock: ContactClock, buyer: Buyer): number | undefined {
  const seen = clock.last.get(buyer.id);
  const sheet = msOf(buyer.lastContact);
  const fromSheet = sheet !== undefined && sheet < clock.cutoff ? sheet : undefined;
  if (seen === undefined) return fromSheet;
  return fromSheet === undefined ? seen : Math.max(seen, fromSheet);
}

type Tally = Map<string, Pair>;

function tally(t: Tally, key: string, which: keyof Pair): void {
  let pair = t.get(key);
  if (!pair) {
    pair = { current: 0, previous: 0 };
    t.set(key, pair);
  }
  pair[which] += 1;
}

/** Fixed keys first in the given order (always listed), then the rest by this week's count; unknown ("") last. */
export function tallyRows(t: Tally, fixed: readonly string[] = []): BreakdownRow[] {
  const out: BreakdownRow[] = fixed.map((key) => ({ key, ...(t.get(key) ?? { current: 0, previous: 0 }) }));
  const rest = [...t.entries()]
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

export interface SpeedStats {
  received: number;
  hours: number[];
  withinTarget: number;
  withinLimit: number;
  unanswered: number;
  pastLimit: number;
}

/** A follow-up as the reports keep it between slices: only the fields a list shows (in one walk, the row itself). */
export type StepRow = Pick<FollowUp, "at" | "buyerId" | "by" | "kind" | "summary" | "nextStep" | "nextDue">;

export interface ScanState {
  options: ScanOptions;
  beforeWeek: ContactClock;
  beforeAsOf: ContactClock;
  contactedInWeek: Set<string>;
  /** Per person (lower-case e-mail), the buyers they contacted in the week, in the order first contacted. */
  contactedBy: Map<string, Set<string>>;
  inquiries: Pair;
  byGrade: Tally;
  byChannel: Tally;
  bySource: Tally;
  byRegion: Tally;
  speed: Map<string, SpeedStats>;
  unanswered: UnansweredInquiry[];
  logged: Map<string, number>;
  latest: Map<string, { ms: number; row: StepRow }>;
  gradeRows: { ms: number; row: StepRow }[];
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

const NO_SPAN: Span = { start: new Date(0), end: new Date(0) };

export function newScan(options: ScanOptions): ScanState {
  const week = options.week ?? NO_SPAN;
  return {
    options,
    beforeWeek: { cutoff: Math.min(week.start.getTime(), options.asOf), last: new Map() },
    beforeAsOf: { cutoff: options.asOf, last: new Map() },
    contactedInWeek: new Set(),
    contactedBy: new Map(),
    inquiries: { current: 0, previous: 0 },
    byGrade: new Map(),
    byChannel: new Map(),
    bySource: new Map(),
    byRegion: new Map(),
    speed: new Map(),
    unanswered: [],
    logged: new Map(),
    latest: new Map(),
    gradeRows: [],
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
}

function spans(s: ScanState) {
  const o = s.options;
  return { week: o.week ?? NO_SPAN, previous: o.previous ?? NO_SPAN, recent: o.recent ?? NO_SPAN };
}

function beforeAsOf(s: ScanState) {
  return (ms: number | undefined): ms is number => ms !== undefined && ms < s.options.asOf;
}

function statsOf(s: ScanState, email: string): SpeedStats {
  let st = s.speed.get(email);
  if (!st) {
    st = { received: 0, hours: [], withinTarget: 0, withinLimit: 0, unanswered: 0, pastLimit: 0 };
    s.speed.set(email, st);
  }
  return st;
}

function contacted(s: ScanState, person: string, buyerId: string): void {
  s.contactedInWeek.add(buyerId);
  let mine = s.contactedBy.get(person);
  if (!mine) {
    mine = new Set();
    s.contactedBy.set(person, mine);
  }
  mine.add(buyerId);
}

function isUnansweredAt(inquiry: Inquiry, rec: number | undefined, rep: number | undefined, asOf: number): boolean {
  if (rec === undefined || rec >= asOf || inquiry.status === "closed") return false;
  if (rep !== undefined) return rep >= asOf;
  // Marked replied by a person without a time: answered, we just cannot time it.
  return inquiry.status !== "replied";
}

export function feedInquiries(s: ScanState, c: ScanContext, rows: readonly Inquiry[]): void {
  const { week, previous, recent } = spans(s);
  const before = beforeAsOf(s);
  const asOfDate = new Date(s.options.asOf);
  const { rules, index, people } = c;
  for (const q of rows) {
    const rec = msOf(q.receivedAt);
    const rep = msOf(q.repliedAt);
    const handler = lower(q.assignedTo || q.owner);
    if (q.buyerId !== "" && before(rep)) {
      see(s.beforeWeek, q.buyerId, rep);
      see(s.beforeAsOf, q.buyerId, rep);
      if (within(rep, week)) contacted(s, handler, q.buyerId);
      if (within(rep, recent)) bump(s.contactsRecent, q.buyerId);
    }
    const inWeek = before(rec) && within(rec, week);
    if (inWeek || within(rec, previous)) {
      const which = inWeek ? "current" : "previous";
      const buyer = q.buyerId !== "" ? index.byId.get(q.buyerId) : undefined;
      s.inquiries[which] += 1;
      tally(s.byGrade, isGrade(q.grade) ? q.grade : "", which);
      tally(s.byChannel, q.channel, which);
      tally(s.bySource, q.source, which);
      tally(s.byRegion, buyer?.region.trim() || regionOf(q.country || buyer?.country || ""), which);
    }
    if (inWeek) {
      const st = statsOf(s, handler);
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
    if (isUnansweredAt(q, rec, rep, s.options.asOf)) {
      const sla = slaState({ receivedAt: q.receivedAt as Date, channel: q.channel }, asOfDate, rules.sla);
      const pastLimit = sla.state === "overdue";
      const st = statsOf(s, handler);
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
}

/** The state as saved between slices: follow-ups cut down to the fields the lists show. */
export function compact(s: ScanState): ScanState {
  const latest = new Map<string, { ms: number; row: StepRow }>();
  for (const [id, v] of s.latest) latest.set(id, { ms: v.ms, row: stepRow(v.row) });
  return { ...s, latest, gradeRows: s.gradeRows.map((g) => ({ ms: g.ms, row: stepRow(g.row) })) };
}

function stepRow(f: StepRow): StepRow {
  return {
    at: f.at,
    buyerId: f.buyerId,
    by: f.by,
    kind: f.kind,
    summary: f.summary,
    nextStep: f.nextStep,
    nextDue: f.nextDue,
  };
}

export function feedFollowUps(s: ScanState, c: ScanContext, rows: readonly FollowUp[]): void {
  const { week, recent } = spans(s);
  const before = beforeAsOf(s);
  const { index, people } = c;
  for (const f of rows) {
    const t = msOf(f.at);
    if (!before(t)) continue;
    const contact = CONTACT_KINDS.has(f.kind);
    if (f.buyerId !== "") {
      if (contact) {
        see(s.beforeWeek, f.buyerId, t);
        see(s.beforeAsOf, f.buyerId, t);
        if (within(t, recent)) bump(s.contactsRecent, f.buyerId);
      }
      const cur = s.latest.get(f.buyerId);
      if (!cur || t >= cur.ms) s.latest.set(f.buyerId, { ms: t, row: f });
    }
    const inWeek = within(t, week);
    if (inWeek && contact) {
      bump(s.logged, lower(f.by));
      if (f.buyerId !== "") contacted(s, lower(f.by), f.buyerId);
    }
    if (f.kind === "grade" && f.buyerId !== "") s.gradeRows.push({ ms: t, row: f });
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
}

export function feedQuotes(s: ScanState, c: ScanContext, rows: readonly Quote[]): void {
  const { week, previous } = spans(s);
  const before = beforeAsOf(s);
  for (const q of rows) {
    const d = msOf(q.date);
    if (!before(d) || q.status === "draft") continue;
    if (q.status === "sent" && q.buyerId !== "") bump(s.openQuotes, q.buyerId);
    if (within(d, week)) {
      s.quotesSent.push({
        id: q.id,
        date: q.date as Date,
        buyer: c.index.ref(q.buyerId),
        by: c.people.person(q.by),
        items: q.items,
        total: q.total,
        currency: q.currency,
        status: q.status,
      });
    } else if (within(d, previous)) s.quotesSentPrevious += 1;
  }
}

export function feedSamples(s: ScanState, c: ScanContext, rows: readonly Sample[]): void {
  const { week, previous } = spans(s);
  const before = beforeAsOf(s);
  for (const x of rows) {
    const sent = msOf(x.sent);
    if (!before(sent)) continue;
    if (x.buyerId !== "") bump(s.samplesByBuyer, x.buyerId);
    const line: SampleLine = {
      id: x.id,
      sent: x.sent,
      buyer: c.index.ref(x.buyerId),
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
}

/** The tables a report walks, in the order it walks them, and the columns it reads of each. */
export const SCAN_TABLES = [
  {
    name: "inquiries",
    feed: feedInquiries,
    keys: [
      "receivedAt",
      "repliedAt",
      "buyerId",
      "assignedTo",
      "owner",
      "grade",
      "channel",
      "source",
      "country",
      "status",
      "id",
      "fromName",
      "fromEmail",
    ],
  },
  {
    name: "followUps",
    feed: feedFollowUps,
    keys: ["at", "buyerId", "by", "kind", "summary", "nextStep", "nextDue", "needsBoss", "bossAnswer"],
  },
  {
    name: "quotes",
    feed: feedQuotes,
    keys: ["id", "date", "buyerId", "by", "items", "total", "currency", "status"],
  },
  {
    name: "samples",
    feed: feedSamples,
    keys: ["id", "sent", "buyerId", "products", "kind", "freight", "courier", "tracking", "feedbackDue", "result"],
  },
] as const;

/** The report's buyer columns (the A-list shows the most). */
export const BUYER_KEYS = [
  "id",
  "company",
  "name",
  "email",
  "phone",
  "country",
  "region",
  "nature",
  "grade",
  "owner",
  "status",
  "products",
  "created",
  "lastContact",
] as const;
