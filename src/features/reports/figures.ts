/**
 * The three reports' figures (R33, R35, R19, C4) from a finished walk of the tables (./scan): the Saturday
 * weekly report, the Wednesday brief and the monthly A-list. Pure: time, rules and rows are parameters; the
 * definitions the boss reads are in ./report-types. `weeklyReport`, `midweekBrief` and `monthlyAList` walk all
 * rows at once; the report jobs walk them in slices (./slices) and finish with the `…FromScan` forms, so both
 * ways give the same figures.
 */

import { cadenceDays } from "../../domain/cadence";
import { type Grade, gradeRank, isGrade } from "../../domain/grades";
import { regionOf } from "../../domain/regions";
import { addDaysToKey, type DateKey, daysBetweenKeys } from "../../domain/time";
import type { Buyer } from "../../store/schemas";
import type {
  AListEntry,
  BuyerRef,
  GradeChange,
  KeyBuyer,
  MidweekBrief,
  MonthlyAList,
  OverdueBuyer,
  Pair,
  Person,
  ReplySpeedRow,
  ReportRows,
  ReportRules,
  Span,
  Step,
  WeeklyReport,
} from "./report-types";
import {
  bump,
  type ContactClock,
  feedFollowUps,
  feedInquiries,
  feedQuotes,
  feedSamples,
  lastContactOf,
  lower,
  msOf,
  newScan,
  type ScanContext,
  type ScanOptions,
  type ScanState,
  type SpeedStats,
  type StepRow,
  scanContext,
  tallyRows,
  type WeekSpan,
  within,
} from "./scan";

export type * from "./report-types";
export type { WeekSpan } from "./scan";

const NOT_CONTACTABLE: ReadonlySet<string> = new Set(["do-not-contact", "unsubscribed"]);
const THIRTY_DAYS = 30 * 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 100) / 100;
}

function before(ms: number | undefined, cutoff: number): boolean {
  return ms === undefined || ms < cutoff;
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

function stepOf(row: StepRow, c: ScanContext): Step {
  return {
    at: row.at as Date,
    kind: row.kind,
    by: c.people.person(row.by),
    summary: row.summary,
    nextStep: row.nextStep,
  };
}

/** Grade changes in time order, each with the grade before it (from its text, else the buyer's previous change). */
function gradeChangesOf(s: ScanState, c: ScanContext): GradeChange[] {
  const rows = [...s.gradeRows].sort((a, b) => a.ms - b.ms);
  const lastGrade = new Map<string, Grade | "">();
  return rows.map(({ row }) => {
    const parsed = parseGradeChange(row.summary);
    const from = parsed.from || lastGrade.get(row.buyerId) || "";
    if (parsed.to) lastGrade.set(row.buyerId, parsed.to);
    return {
      at: row.at as Date,
      buyer: c.index.ref(row.buyerId),
      by: c.people.person(row.by),
      from,
      to: parsed.to,
      summary: row.summary,
    };
  });
}

/** A buyer's due day as seen at a cut-off; `clock` says which contacts count (those before the week, or before asOf). */
function dueDay(s: ScanState, c: ScanContext, b: Buyer, clock: ContactClock): DateKey | undefined {
  if (NOT_CONTACTABLE.has(b.status)) return undefined;
  const asOf = s.options.asOf;
  const created = msOf(b.created);
  if (created !== undefined && created >= asOf) return undefined;
  const since = lastContactOf(clock, b) ?? created;
  if (since === undefined) return c.dayOf(asOf);
  return addDaysToKey(c.dayOf(since), cadenceDays(isGrade(b.grade) ? b.grade : undefined, c.rules.cadence));
}

function overdueOf(s: ScanState, c: ScanContext, b: Buyer): OverdueBuyer | undefined {
  const due = dueDay(s, c, b, s.beforeAsOf);
  if (due === undefined) return undefined;
  const late = daysBetweenKeys(due, c.dayOf(s.options.asOf));
  if (late <= 0) return undefined;
  const last = lastContactOf(s.beforeAsOf, b);
  return {
    ...c.index.ref(b.id),
    lastContact: last === undefined ? null : new Date(last),
    dueDay: due,
    daysOverdue: late,
  };
}

function keyBuyerOf(s: ScanState, c: ScanContext, b: Buyer): KeyBuyer {
  const latest = s.latest.get(b.id);
  const last = lastContactOf(s.beforeAsOf, b);
  const planned =
    latest?.row.nextDue && msOf(latest.row.nextDue) !== undefined ? c.dayOf(latest.row.nextDue) : undefined;
  return {
    ...c.index.ref(b.id),
    lastContact: last === undefined ? null : new Date(last),
    nextContact: planned ?? dueDay(s, c, b, s.beforeAsOf) ?? null,
    latestStep: latest ? stepOf(latest.row, c) : null,
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

/** Buyers created in the week (and the week before), and those created in `recent`. */
function newBuyersOf(s: ScanState, c: ScanContext): { pair: Pair; recent: Buyer[] } {
  const o = s.options;
  const none: Span = { start: new Date(0), end: new Date(0) };
  const pair = { current: 0, previous: 0 };
  const recent: Buyer[] = [];
  for (const b of c.index.byId.values()) {
    const created = msOf(b.created);
    if (created === undefined || created >= o.asOf) continue;
    if (within(created, o.week ?? none)) pair.current += 1;
    else if (within(created, o.previous ?? none)) pair.previous += 1;
    if (within(created, o.recent ?? none)) recent.push(b);
  }
  return { pair, recent };
}

/** Counts per person, listed salespeople first (Staff order), only those with a count. */
function perPerson(c: ScanContext, counts: Map<string, number>): { owner: Person; count: number }[] {
  return c.people
    .order(counts.keys())
    .filter((e) => counts.has(e))
    .map((e) => ({ owner: c.people.person(e), count: counts.get(e) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------------
// Walking every row at once

function scanAll(rows: ReportRows, rules: ReportRules, options: ScanOptions) {
  const c = scanContext(rows.staff, rows.buyers, rules);
  const s = newScan(options);
  feedInquiries(s, c, rows.inquiries);
  feedFollowUps(s, c, rows.followUps);
  feedQuotes(s, c, rows.quotes);
  feedSamples(s, c, rows.samples);
  return { s, c };
}

/** The weekly report's walk: up to `now`, or the week's end for a past week. */
export function weeklyScanOptions(week: WeekSpan, previous: Span, now: Date): ScanOptions {
  return { asOf: Math.min(now.getTime(), week.end.getTime()), week, previous };
}

export function midweekScanOptions(since: Date, asOf: Date): ScanOptions {
  return { asOf: asOf.getTime(), recent: { start: since, end: asOf } };
}

export function aListScanOptions(month: Span, now: Date): ScanOptions {
  const asOf = Math.min(now.getTime(), month.end.getTime());
  return { asOf, recent: { start: new Date(asOf - THIRTY_DAYS), end: new Date(asOf) } };
}

/** R33, R35, C4: the Saturday report for `week`, with `previous` beside each figure. */
export function weeklyReport(
  rows: ReportRows,
  rules: ReportRules,
  week: WeekSpan,
  previous: Span,
  now: Date,
): WeeklyReport {
  const { s, c } = scanAll(rows, rules, weeklyScanOptions(week, previous, now));
  return weeklyFromScan(s, c);
}

/** R35: the Wednesday brief — what moved since the Saturday report (`since`) up to `asOf`. */
export function midweekBrief(rows: ReportRows, rules: ReportRules, since: Date, asOf: Date): MidweekBrief {
  const { s, c } = scanAll(rows, rules, midweekScanOptions(since, asOf));
  return midweekFromScan(s, c);
}

/** R19: every A-grade buyer with their details, as of the month's run (or its end, for a past month). */
export function monthlyAList(rows: ReportRows, rules: ReportRules, month: Span, now: Date): MonthlyAList {
  const { s, c } = scanAll(rows, rules, aListScanOptions(month, now));
  return aListFromScan(s, c, month);
}

// ---------------------------------------------------------------------------------------------------
// The three reports from a finished walk

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

function replySpeedOf(s: ScanState, c: ScanContext): { rows: ReplySpeedRow[]; total: ReplySpeedRow } {
  const rows = c.people.order([...s.speed.keys()]).map((email) => speedRow(c.people.person(email), s.speed.get(email)));
  const total = speedRow(
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
  return { rows, total };
}

/** The buyers each person contacted in the week, by company name, people in the report's order. */
function followedUpOf(s: ScanState, c: ScanContext): { person: Person; buyers: BuyerRef[] }[] {
  return c.people
    .order(s.contactedBy.keys())
    .filter((e) => s.contactedBy.has(e))
    .map((e) => ({
      person: c.people.person(e),
      buyers: [...(s.contactedBy.get(e) ?? [])]
        .map((id) => c.index.ref(id))
        .sort((a, b) => a.company.localeCompare(b.company) || (a.id < b.id ? -1 : 1)),
    }));
}

export function weeklyFromScan(s: ScanState, c: ScanContext): WeeklyReport {
  const o = s.options;
  const week = o.week as WeekSpan;
  const previous = o.previous as Span;
  const due = new Map<string, number>();
  const done = new Map<string, number>();
  const overdueBy = new Map<string, number>();
  const overdue: OverdueBuyer[] = [];
  const aBuyers: KeyBuyer[] = [];
  for (const b of c.index.byId.values()) {
    const owner = lower(b.owner);
    const dueWeek = dueDay(s, c, b, s.beforeWeek);
    if (dueWeek !== undefined && dueWeek <= week.lastDay) {
      bump(due, owner);
      if (s.contactedInWeek.has(b.id)) bump(done, owner);
    }
    const late = overdueOf(s, c, b);
    if (late) {
      overdue.push(late);
      bump(overdueBy, owner);
    }
    if (b.grade === "A" && before(msOf(b.created), o.asOf)) aBuyers.push(keyBuyerOf(s, c, b));
  }
  const speed = replySpeedOf(s, c);
  const followPeople = c.people.order([...s.logged.keys(), ...due.keys(), ...overdueBy.keys()]);
  const followUps = followPeople.map((email) => ({
    ...c.people.person(email),
    logged: s.logged.get(email) ?? 0,
    due: due.get(email) ?? 0,
    done: done.get(email) ?? 0,
    overdueNow: overdueBy.get(email) ?? 0,
  }));
  const sum = (k: "logged" | "due" | "done" | "overdueNow") => followUps.reduce((n, r) => n + r[k], 0);
  const grades = gradeChangesOf(s, c);
  return {
    span: { start: week.start, end: week.end },
    previousSpan: previous,
    asOf: new Date(o.asOf),
    newBuyers: newBuyersOf(s, c).pair,
    inquiries: { ...s.inquiries },
    byGrade: tallyRows(s.byGrade, ["A", "B", "C", "D", ""]),
    byChannel: tallyRows(s.byChannel),
    bySource: tallyRows(s.bySource),
    byRegion: tallyRows(s.byRegion),
    replySpeed: speed.rows,
    replyTotal: speed.total,
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
    overdueByOwner: perPerson(c, overdueBy),
    followedUp: followedUpOf(s, c),
    aBuyers: aBuyers.sort(byNextContact),
    quotesSent: [...s.quotesSent].sort((a, b) => a.date.getTime() - b.date.getTime()),
    quotesSentPrevious: s.quotesSentPrevious,
    samplesSent: [...s.samplesSent].sort((a, b) => (a.sent?.getTime() ?? 0) - (b.sent?.getTime() ?? 0)),
    samplesSentPrevious: s.samplesSentPrevious,
    sampleFeedback: [...s.feedback].sort(byTime),
    awaitingFeedback: [...s.awaitingFeedback].sort(
      (a, b) => (a.feedbackDue?.getTime() ?? 0) - (b.feedbackDue?.getTime() ?? 0),
    ),
    gradeChanges: grades.filter((g) => within(g.at.getTime(), week)),
    gradeChangesPrevious: grades.filter((g) => within(g.at.getTime(), previous)).length,
    difficulties: [...s.difficulties].sort(byTime),
  };
}

export function midweekFromScan(s: ScanState, c: ScanContext): MidweekBrief {
  const asOf = s.options.asOf;
  const span = s.options.recent as Span;
  const overdue: OverdueBuyer[] = [];
  const overdueBy = new Map<string, number>();
  let aBuyersNow = 0;
  for (const b of c.index.byId.values()) {
    if (!before(msOf(b.created), asOf)) continue;
    if (b.grade === "A") aBuyersNow += 1;
    const late = overdueOf(s, c, b);
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
    asOf: new Date(asOf),
    newBuyers: newBuyersOf(s, c)
      .recent.map((b) => ({ ...c.index.ref(b.id), created: b.created as Date, country: b.country }))
      .sort((a, b) => a.created.getTime() - b.created.getTime()),
    aMovement: gradeChangesOf(s, c).filter((g) => within(g.at.getTime(), span) && (g.from === "A" || g.to === "A")),
    aBuyersNow,
    overdue: overdue.sort(byOverdue),
    overdueByOwner: perPerson(c, overdueBy),
    unanswered: [...s.unanswered].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()),
    unansweredByHandler: c.people
      .order(byHandler.keys())
      .filter((e) => byHandler.has(e))
      .map((e) => ({ handler: c.people.person(e), ...(byHandler.get(e) as { count: number; pastLimit: number }) })),
    openDifficulties: s.difficulties.filter((d) => d.answer === "").sort(byTime),
  };
}

export function aListFromScan(s: ScanState, c: ScanContext, month: Span): MonthlyAList {
  const asOf = s.options.asOf;
  const buyers: AListEntry[] = [];
  const byOwner = new Map<string, number>();
  const byRegion = new Map<string, number>();
  for (const b of c.index.byId.values()) {
    if (b.grade !== "A" || !before(msOf(b.created), asOf)) continue;
    buyers.push({
      ...keyBuyerOf(s, c, b),
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
    byOwner: perPerson(c, byOwner),
    byRegion: [...byRegion.entries()]
      .map(([region, count]) => ({ region, count }))
      .sort(
        (a, b) =>
          Number(a.region === "") - Number(b.region === "") || b.count - a.count || a.region.localeCompare(b.region),
      ),
  };
}
