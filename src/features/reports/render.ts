/**
 * The reports' figures (./figures) laid out as Doc blocks in the reader's language: headings, short
 * paragraphs, whole tables, and bar tables ("██████ 12") where the boss would rather look than read.
 */

import type { ScheduleHealth } from "../../app/heartbeats";
import { zonedParts } from "../../domain/time";
import type { DocBlock } from "../../gas/docs";
import type { Lang } from "../../i18n";
import type {
  BreakdownRow,
  BuyerRef,
  Difficulty,
  GradeChange,
  KeyBuyer,
  MidweekBrief,
  MonthlyAList,
  OverdueBuyer,
  Person,
  SampleLine,
  WeeklyReport,
} from "./figures";
import { type ReportTextKey, rt } from "./texts";

/** The regions Buyerbook derives from a country, in Chinese; a region a person typed is shown as typed. */
const REGION_ZH: Record<string, string> = {
  "Middle East": "中东",
  "Southeast Asia": "东南亚",
  "East Asia": "东亚",
  "South Asia": "南亚",
  "North America": "北美",
  "Latin America": "拉丁美洲",
  Europe: "欧洲",
  CIS: "独联体",
  Africa: "非洲",
  Oceania: "大洋洲",
};

function regionLabel(region: string, lang: Lang): string {
  return lang === "zh-CN" ? (REGION_ZH[region] ?? region) : region;
}

/** Long lists are cut here in the Doc (the sheets hold the rest); the figures above them count everything. */
export const LIST_LIMIT = 100;
const BAR_WIDTH = 20;

export interface RenderContext {
  lang: Lang;
  timeZone: string;
}

export interface Rendered {
  blocks: DocBlock[];
  /** One line for the e-mail. */
  glance: string;
}

// ---------------------------------------------------------------------------------------------------
// Formatting

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDay(d: Date | null, timeZone: string): string {
  if (!d) return "—";
  const p = zonedParts(d, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

export function formatTime(d: Date | null, timeZone: string): string {
  if (!d) return "—";
  const p = zonedParts(d, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function formatShare(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}

export function formatHours(hours: number | null): string {
  return hours === null ? "—" : (Math.round(hours * 10) / 10).toFixed(1);
}

export function formatChange(current: number, previous: number): string {
  const d = current - previous;
  return d > 0 ? `+${d}` : String(d);
}

/** "██████ 12": the bar's length is the value's share of the largest value shown. */
export function bar(value: number, max: number, label = String(value)): string {
  const n = max > 0 ? Math.round((value / max) * BAR_WIDTH) : 0;
  const blocks = "█".repeat(value > 0 ? Math.max(1, n) : 0);
  return blocks ? `${blocks} ${label}` : label;
}

function personLabel(p: Person, ctx: RenderContext, empty: ReportTextKey = "unassigned"): string {
  return p.email === "" && p.name === "" ? rt(ctx.lang, empty) : p.name || p.email;
}

function buyerLabel(b: BuyerRef | null): string {
  if (!b || b.id === "") return "—";
  return b.company ? `${b.company} (${b.id})` : b.id;
}

function gradeLabel(g: string, ctx: RenderContext): string {
  return g === "" ? rt(ctx.lang, "ungraded") : g;
}

function stepLabel(b: KeyBuyer, ctx: RenderContext): string {
  const s = b.latestStep;
  if (!s) return "—";
  const next = s.nextStep ? ` → ${s.nextStep}` : "";
  return `${formatDay(s.at, ctx.timeZone)} ${s.kind}: ${s.summary}${next}`.trim();
}

// ---------------------------------------------------------------------------------------------------
// Building blocks

const h1 = (text: string): DocBlock => ({ kind: "heading", level: 1, text });
const h2 = (text: string): DocBlock => ({ kind: "heading", level: 2, text });
const para = (text: string, bold = false): DocBlock => ({ kind: "paragraph", text, bold });

/** A table, or "None." when there are no rows; long tables are cut at LIST_LIMIT with a note. */
function tableOrNone(header: string[], rows: string[][], ctx: RenderContext, limit = LIST_LIMIT): DocBlock[] {
  if (rows.length === 0) return [para(rt(ctx.lang, "none"))];
  const out: DocBlock[] = [{ kind: "table", rows: [header, ...rows.slice(0, limit)] }];
  if (rows.length > limit) out.push(para(rt(ctx.lang, "more", { count: rows.length - limit })));
  return out;
}

function breakdown(
  title: string,
  keyHeader: string,
  rows: BreakdownRow[],
  ctx: RenderContext,
  label = (k: string) => k,
) {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  const max = Math.max(0, ...rows.map((r) => r.current));
  return [
    h2(title),
    ...tableOrNone(
      [keyHeader, L("col.thisWeek"), L("col.lastWeek"), L("col.chart")],
      rows.map((r) => [label(r.key), String(r.current), String(r.previous), bar(r.current, max)]),
      ctx,
    ),
  ];
}

function overdueTable(list: OverdueBuyer[], ctx: RenderContext, limit = LIST_LIMIT): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return tableOrNone(
    [L("col.buyer"), L("col.grade"), L("col.owner"), L("col.lastContact"), L("col.dueDay"), L("col.daysOverdue")],
    list.map((o) => [
      buyerLabel(o),
      gradeLabel(o.grade, ctx),
      personLabel(o.owner, ctx, "noOwner"),
      formatDay(o.lastContact, ctx.timeZone),
      o.dueDay,
      String(o.daysOverdue),
    ]),
    ctx,
    limit,
  );
}

function keyBuyerTable(list: KeyBuyer[], ctx: RenderContext, limit = LIST_LIMIT): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return tableOrNone(
    [L("col.buyer"), L("col.owner"), L("col.lastContact"), L("col.nextContact"), L("col.latestStep")],
    list.map((b) => [
      buyerLabel(b),
      personLabel(b.owner, ctx, "noOwner"),
      formatDay(b.lastContact, ctx.timeZone),
      b.nextContact ?? "—",
      stepLabel(b, ctx),
    ]),
    ctx,
    limit,
  );
}

function gradeTable(list: GradeChange[], ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return tableOrNone(
    [L("col.when"), L("col.buyer"), L("col.change2"), L("col.by")],
    list.map((g) => [
      formatTime(g.at, ctx.timeZone),
      buyerLabel(g.buyer),
      `${g.from ? g.from : "?"} → ${g.to ? g.to : "?"}`,
      personLabel(g.by, ctx),
    ]),
    ctx,
  );
}

function difficultyTable(list: Difficulty[], ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return tableOrNone(
    [L("col.when"), L("col.who"), L("col.buyer"), L("col.what"), L("col.nextStep"), L("col.answer")],
    list.map((d) => [
      formatTime(d.at, ctx.timeZone),
      personLabel(d.by, ctx),
      buyerLabel(d.buyer),
      d.summary,
      d.nextStep || "—",
      d.answer || "—",
    ]),
    ctx,
    Number.POSITIVE_INFINITY,
  );
}

function sampleRow(s: SampleLine, ctx: RenderContext): string[] {
  return [
    s.id,
    formatDay(s.sent, ctx.timeZone),
    buyerLabel(s.buyer),
    s.products,
    [s.kind, s.freight].filter(Boolean).join(", "),
    [s.courier, s.tracking].filter(Boolean).join(" ") || "—",
    formatDay(s.feedbackDue, ctx.timeZone),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The weekly report (R33)

/** What the weekly report says beyond the sheets' figures: schedules and pulls, and the Log's check. */
export interface WeeklyExtras {
  health: ScheduleHealth[];
  integrity?: LogIntegrity;
}

/** The Log's check as the report states it: rows changed (or slipped in) and removed since they were written. */
export interface LogIntegrity {
  intact: boolean;
  changed: number;
  removed: number;
  /** There is no Log sheet to check. */
  missing?: boolean;
  /** The run had no time left to check it (the next report will). */
  notChecked?: boolean;
}

/** The boss reads the worst overdue buyers up front; all of them are in the appendix. */
export const OVERDUE_WORST = 10;

/**
 * The boss reads from the top: key buyers and difficulties first, then who followed up whom, what is overdue,
 * the figures, and whose mail or schedule is not running; the full overdue list closes the Doc.
 */
export function renderWeekly(
  r: WeeklyReport,
  ctx: RenderContext,
  labels: { previous: string },
  extras: WeeklyExtras = { health: [] },
): Rendered {
  const L = (k: ReportTextKey, p?: Record<string, string | number>) => rt(ctx.lang, k, p);
  const glance = L("glance", {
    newBuyers: r.newBuyers.current,
    newBuyersPrev: r.newBuyers.previous,
    inquiries: r.inquiries.current,
    inquiriesPrev: r.inquiries.previous,
    unanswered: r.replyTotal.unanswered,
    overdue: r.overdue.length,
    difficulties: r.difficulties.filter((d) => d.answer === "").length,
  });
  const blocks: DocBlock[] = [
    para(L("asOf", { asOf: formatTime(r.asOf, ctx.timeZone), timeZone: ctx.timeZone, previous: labels.previous })),
    para(glance, true),
    h1(L("h.aBuyers")),
    ...keyBuyerTable(r.aBuyers, ctx, 200),
    h1(L("h.difficulties")),
    ...difficultyTable(r.difficulties, ctx),
    ...(r.difficulties.length > 0 ? [para(L("difficulties.note"))] : []),
    ...followedUpBlocks(r, ctx),
    ...overdueBlocks(r, ctx),
    ...figureBlocks(r, ctx),
    ...replyBlocks(r, ctx),
    ...followUpBlocks(r, ctx),
    ...activityBlocks(r, ctx),
    ...healthBlocks(extras, ctx),
    h1(L("h.appendix")),
    ...overdueTable(r.overdue, ctx, Number.POSITIVE_INFINITY),
  ];
  return { blocks, glance };
}

function followedUpBlocks(r: WeeklyReport, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return [
    h1(L("h.followedUp")),
    para(L("followedUp.note")),
    ...tableOrNone(
      [L("col.salesperson"), L("col.count"), L("col.buyers")],
      r.followedUp.map((f) => [
        personLabel(f.person, ctx),
        String(f.buyers.length),
        f.buyers.map((b) => buyerLabel(b)).join("; "),
      ]),
      ctx,
      Number.POSITIVE_INFINITY,
    ),
  ];
}

function overdueBlocks(r: WeeklyReport, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey, p?: Record<string, string | number>) => rt(ctx.lang, k, p);
  const max = Math.max(0, ...r.overdueByOwner.map((o) => o.count));
  const worst = r.overdue.slice(0, OVERDUE_WORST);
  return [
    h1(L("h.overdue", { count: r.overdue.length })),
    ...tableOrNone(
      [L("col.owner"), L("col.count")],
      r.overdueByOwner.map((o) => [personLabel(o.owner, ctx, "noOwner"), bar(o.count, max)]),
      ctx,
      Number.POSITIVE_INFINITY,
    ),
    ...(worst.length > 0
      ? [h2(L("h.overdueWorst", { count: worst.length })), ...overdueTable(worst, ctx), para(L("overdue.appendix"))]
      : []),
  ];
}

function figureBlocks(r: WeeklyReport, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  const figureRow = (key: ReportTextKey, current: number, previous: number) => [
    L(key),
    String(current),
    String(previous),
    formatChange(current, previous),
  ];
  return [
    h1(L("h.figures")),
    {
      kind: "table",
      rows: [
        [L("col.figure"), L("col.thisWeek"), L("col.lastWeek"), L("col.change")],
        figureRow("row.newBuyers", r.newBuyers.current, r.newBuyers.previous),
        figureRow("row.inquiries", r.inquiries.current, r.inquiries.previous),
        figureRow("row.quotes", r.quotesSent.length, r.quotesSentPrevious),
        figureRow("row.samples", r.samplesSent.length, r.samplesSentPrevious),
        figureRow("row.grades", r.gradeChanges.length, r.gradeChangesPrevious),
      ],
    },
    ...breakdown(L("h.byGrade"), L("col.grade"), r.byGrade, ctx, (k) => gradeLabel(k, ctx)),
    ...breakdown(L("h.byChannel"), L("col.channel"), r.byChannel, ctx, (k) => k || L("unknown")),
    ...breakdown(L("h.bySource"), L("col.source"), r.bySource, ctx, (k) => k || L("unknown")),
    ...breakdown(L("h.byRegion"), L("col.region"), r.byRegion, ctx, (k) =>
      k ? regionLabel(k, ctx.lang) : L("unknown"),
    ),
  ];
}

function replyBlocks(r: WeeklyReport, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return [
    h1(L("h.reply")),
    para(L("reply.note")),
    {
      kind: "table",
      rows: [
        [
          L("col.salesperson"),
          L("col.received"),
          L("col.answered"),
          L("col.median"),
          L("col.within2h"),
          L("col.within24h"),
          L("col.unanswered"),
          L("col.pastLimit"),
        ],
        ...[...r.replySpeed, r.replyTotal].map((x, i, all) => [
          i === all.length - 1 ? L("row.total") : personLabel(x, ctx),
          String(x.received),
          String(x.answered),
          formatHours(x.medianHours),
          `${x.withinTarget} (${formatShare(x.shareWithinTarget)})`,
          `${x.withinLimit} (${formatShare(x.shareWithinLimit)})`,
          String(x.unanswered),
          String(x.unansweredPastLimit),
        ]),
      ],
    },
    h2(L("h.replyChart")),
    ...tableOrNone(
      [L("col.salesperson"), L("col.within2h")],
      r.replySpeed.map((x) => [
        personLabel(x, ctx),
        bar(x.shareWithinTarget ?? 0, 1, formatShare(x.shareWithinTarget)),
      ]),
      ctx,
    ),
  ];
}

function followUpBlocks(r: WeeklyReport, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  const followMax = Math.max(0, ...r.followUps.map((f) => f.due));
  return [
    h1(L("h.followUps")),
    para(L("followUps.note")),
    {
      kind: "table",
      rows: [
        [L("col.salesperson"), L("col.logged"), L("col.due"), L("col.done"), L("col.doneVsDue"), L("col.overdueNow")],
        ...[...r.followUps, r.followUpTotal].map((x, i, all) => [
          i === all.length - 1 ? L("row.total") : personLabel(x, ctx, "noOwner"),
          String(x.logged),
          String(x.due),
          String(x.done),
          formatShare(x.due > 0 ? x.done / x.due : null),
          String(x.overdueNow),
        ]),
      ],
    },
    h2(L("h.followChart")),
    ...tableOrNone(
      [L("col.salesperson"), L("col.done"), L("col.due")],
      r.followUps.map((x) => [personLabel(x, ctx, "noOwner"), bar(x.done, followMax), bar(x.due, followMax)]),
      ctx,
    ),
  ];
}

function activityBlocks(r: WeeklyReport, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey, p?: Record<string, string | number>) => rt(ctx.lang, k, p);
  return [
    h1(L("h.activity")),
    h2(L("h.quotes", { count: r.quotesSent.length, previous: r.quotesSentPrevious })),
    ...tableOrNone(
      [L("col.no"), L("col.date"), L("col.buyer"), L("col.by"), L("col.items"), L("col.total"), L("col.status")],
      r.quotesSent.map((q) => [
        q.id,
        formatDay(q.date, ctx.timeZone),
        buyerLabel(q.buyer),
        personLabel(q.by, ctx),
        q.items || "—",
        [q.currency, q.total].filter(Boolean).join(" ") || "—",
        q.status || "—",
      ]),
      ctx,
    ),
    h2(L("h.samples", { count: r.samplesSent.length, previous: r.samplesSentPrevious })),
    ...tableOrNone(
      sampleHeader(ctx),
      r.samplesSent.map((s) => sampleRow(s, ctx)),
      ctx,
    ),
    h2(L("h.feedback")),
    ...tableOrNone(
      [L("col.when"), L("col.buyer"), L("col.by"), L("col.what")],
      r.sampleFeedback.map((f) => [
        formatTime(f.at, ctx.timeZone),
        buyerLabel(f.buyer),
        personLabel(f.by, ctx),
        f.summary,
      ]),
      ctx,
    ),
    h2(L("h.awaiting")),
    ...tableOrNone(
      sampleHeader(ctx),
      r.awaitingFeedback.map((s) => sampleRow(s, ctx)),
      ctx,
    ),
    h2(L("h.grades", { count: r.gradeChanges.length, previous: r.gradeChangesPrevious })),
    ...gradeTable(r.gradeChanges, ctx),
  ];
}

function logLine(i: LogIntegrity, ctx: RenderContext): string {
  if (i.notChecked) return rt(ctx.lang, "log.notChecked");
  if (i.missing) return rt(ctx.lang, "log.missing");
  return i.intact ? rt(ctx.lang, "log.intact") : rt(ctx.lang, "log.broken", { changed: i.changed, removed: i.removed });
}

/** Whose mail was not pulled today and whose schedule is not running (R6, R8, R20), and the Log's check. */
function healthBlocks(extras: WeeklyExtras, ctx: RenderContext): DocBlock[] {
  const L = (k: ReportTextKey, p?: Record<string, string | number>) => rt(ctx.lang, k, p);
  const pullers = extras.health.filter((h) => h.role === "salesperson");
  const notPulled = pullers.filter((h) => !h.pulledToday).map((h) => h.name);
  const stopped = extras.health.filter((h) => !h.running).map((h) => h.name);
  const yesNo = (b: boolean) => L(b ? "yes" : "no");
  const integrity = extras.integrity;
  return [
    h1(L("h.health")),
    para(notPulled.length > 0 ? L("health.notPulled", { names: notPulled.join(", ") }) : L("health.allPulled"), true),
    para(stopped.length > 0 ? L("health.stopped", { names: stopped.join(", ") }) : L("health.allRunning"), true),
    ...(integrity ? [para(logLine(integrity, ctx), !integrity.intact)] : []),
    para(L("health.note")),
    ...tableOrNone(
      [L("col.person"), L("col.lastPull"), L("col.pulledToday"), L("col.schedule"), L("col.lastRun")],
      extras.health.map((h) => [
        h.name,
        formatTime(h.lastPull, ctx.timeZone),
        h.role === "salesperson" ? yesNo(h.pulledToday) : "—",
        L(h.running ? "schedule.running" : "schedule.stopped"),
        formatTime(h.lastBeat, ctx.timeZone),
      ]),
      ctx,
      Number.POSITIVE_INFINITY,
    ),
  ];
}

function sampleHeader(ctx: RenderContext): string[] {
  const L = (k: ReportTextKey) => rt(ctx.lang, k);
  return [
    L("col.id"),
    L("col.date"),
    L("col.buyer"),
    L("col.products"),
    L("col.kind"),
    L("col.tracking"),
    L("col.feedbackDue"),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The Wednesday brief (R35)

export function renderMidweek(b: MidweekBrief, ctx: RenderContext): Rendered {
  const L = (k: ReportTextKey, p?: Record<string, string | number>) => rt(ctx.lang, k, p);
  const pastLimit = b.unanswered.filter((u) => u.pastLimit).length;
  const glance = [
    L("h.newBuyers", { count: b.newBuyers.length }),
    L("h.aMovement", { count: b.aMovement.length, total: b.aBuyersNow }),
    L("h.overdueBrief", { count: b.overdue.length }),
    L("h.unansweredBrief", { count: b.unanswered.length, pastLimit }),
    L("h.openDifficulties", { count: b.openDifficulties.length }),
  ].join("\n");
  const unansweredMax = Math.max(0, ...b.unansweredByHandler.map((h) => h.count));
  const overdueMax = Math.max(0, ...b.overdueByOwner.map((h) => h.count));
  const blocks: DocBlock[] = [
    para(
      L("brief.intro", {
        since: formatTime(b.span.start, ctx.timeZone),
        asOf: formatTime(b.asOf, ctx.timeZone),
        timeZone: ctx.timeZone,
      }),
    ),
    h1(L("h.newBuyers", { count: b.newBuyers.length })),
    ...tableOrNone(
      [L("col.buyer"), L("col.country"), L("col.grade"), L("col.owner"), L("col.created")],
      b.newBuyers.map((n) => [
        buyerLabel(n),
        n.country || "—",
        gradeLabel(n.grade, ctx),
        personLabel(n.owner, ctx, "noOwner"),
        formatTime(n.created, ctx.timeZone),
      ]),
      ctx,
    ),
    h1(L("h.aMovement", { count: b.aMovement.length, total: b.aBuyersNow })),
    ...gradeTable(b.aMovement, ctx),
    h1(L("h.overdueBrief", { count: b.overdue.length })),
    ...tableOrNone(
      [L("col.owner"), L("col.count")],
      b.overdueByOwner.map((o) => [personLabel(o.owner, ctx, "noOwner"), bar(o.count, overdueMax)]),
      ctx,
    ),
    ...(b.overdue.length > 0 ? overdueTable(b.overdue, ctx) : []),
    h1(L("h.unansweredBrief", { count: b.unanswered.length, pastLimit })),
    ...tableOrNone(
      [L("col.handler"), L("col.unanswered"), L("col.pastLimit")],
      b.unansweredByHandler.map((h) => [personLabel(h.handler, ctx), bar(h.count, unansweredMax), String(h.pastLimit)]),
      ctx,
    ),
    ...(b.unanswered.length > 0
      ? tableOrNone(
          [L("col.id"), L("col.received"), L("col.from"), L("col.buyer"), L("col.handler"), L("col.limit")],
          b.unanswered.map((u) => [
            u.id,
            formatTime(u.receivedAt, ctx.timeZone),
            u.from || "—",
            buyerLabel(u.buyer),
            personLabel(u.handler, ctx),
            `${formatTime(u.limitAt, ctx.timeZone)}${u.pastLimit ? " ⚠" : ""}`,
          ]),
          ctx,
        )
      : []),
    h1(L("h.openDifficulties", { count: b.openDifficulties.length })),
    ...difficultyTable(b.openDifficulties, ctx),
    ...(b.openDifficulties.length > 0 ? [para(L("difficulties.note"))] : []),
  ];
  return { blocks, glance };
}

// ---------------------------------------------------------------------------------------------------
// The monthly A-list (R19)

export function renderAList(a: MonthlyAList, ctx: RenderContext): Rendered {
  const L = (k: ReportTextKey, p?: Record<string, string | number>) => rt(ctx.lang, k, p);
  const ownerMax = Math.max(0, ...a.byOwner.map((o) => o.count));
  const regionMax = Math.max(0, ...a.byRegion.map((o) => o.count));
  const glance = L("h.aList", { count: a.buyers.length });
  const all = Number.POSITIVE_INFINITY;
  const blocks: DocBlock[] = [
    para(L("aList.intro", { asOf: formatTime(a.asOf, ctx.timeZone), timeZone: ctx.timeZone })),
    para(glance, true),
    h2(L("h.aByOwner")),
    ...tableOrNone(
      [L("col.owner"), L("col.count")],
      a.byOwner.map((o) => [personLabel(o.owner, ctx, "noOwner"), bar(o.count, ownerMax)]),
      ctx,
    ),
    h2(L("h.aByRegion")),
    ...tableOrNone(
      [L("col.region"), L("col.count")],
      a.byRegion.map((o) => [o.region ? regionLabel(o.region, ctx.lang) : L("unknown"), bar(o.count, regionMax)]),
      ctx,
    ),
    h1(L("h.aDetails")),
    ...tableOrNone(
      [
        L("col.buyer"),
        L("col.contact"),
        L("col.email"),
        L("col.phone"),
        L("col.country"),
        L("col.region"),
        L("col.nature"),
        L("col.products"),
        L("col.created"),
      ],
      a.buyers.map((b) => [
        buyerLabel(b),
        b.name || "—",
        b.email || "—",
        b.phone || "—",
        b.country || "—",
        b.region ? regionLabel(b.region, ctx.lang) : "—",
        b.nature || "—",
        b.products || "—",
        formatDay(b.created, ctx.timeZone),
      ]),
      ctx,
      all,
    ),
    h1(L("h.aActivity")),
    ...tableOrNone(
      [
        L("col.buyer"),
        L("col.owner"),
        L("col.lastContact"),
        L("col.nextContact"),
        L("col.contacts30"),
        L("col.openQuotes"),
        L("col.samplesSent"),
        L("col.latestStep"),
      ],
      a.buyers.map((b) => [
        buyerLabel(b),
        personLabel(b.owner, ctx, "noOwner"),
        formatDay(b.lastContact, ctx.timeZone),
        b.nextContact ?? "—",
        String(b.contactsLast30Days),
        String(b.openQuotes),
        String(b.samplesSent),
        stepLabel(b, ctx),
      ]),
      ctx,
      all,
    ),
  ];
  return { blocks, glance };
}
