/**
 * The boss's reports as jobs (C4, R33, R35, R19): walk the tables (./slices, over as many executions as it
 * takes), compute the figures (./figures), lay them out (./render) in the boss's language, write the period's
 * Doc and mail its link. Scheduled by the heartbeat ("weekly", "midweek", "monthly-a") and written on demand
 * from the menu.
 *
 * The reports belong to the boss (R33, R34): the heartbeat writes them only when it runs as the designated
 * writer (Settings "reports.writer", by default the assistant), the Doc is shared with the boss and the
 * assistant as editors, and salespeople lose any access to it and to the reports folder.
 */

import { Budget } from "../../app/budget";
import { type Config, dateTextParser, readConfig } from "../../app/config";
import { readBeats, type ScheduleHealth, scheduleHealth } from "../../app/heartbeats";
import { decide } from "../../domain/access";
import { parseScheduleSettings, parseSlotKey, type SlotSpec } from "../../domain/schedule";
import { addDaysToKey, dateKeyToInstant } from "../../domain/time";
import { type IsoWeek, isoWeekOf, monthKeyOf, monthLabel, monthRange, weekLabel, weekRange } from "../../domain/weeks";
import { type BookState, bookState } from "../../gas/book-state";
import { type DocBlock, type DocShare, mailReportLink, writeReportDoc } from "../../gas/docs";
import { type Lang, t, toLang } from "../../i18n";
import { logIntegrity } from "../../store/log";
import { Buyers, type StaffMember } from "../../store/schemas";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { readTableColumns } from "../../store/table";
import type { JobRunner } from "../schedule";
import {
  aListFromScan,
  aListScanOptions,
  midweekFromScan,
  midweekScanOptions,
  weeklyFromScan,
  weeklyScanOptions,
} from "./figures";
import { type LogIntegrity, renderAList, renderMidweek, renderWeekly, type WeeklyExtras } from "./render";
import type { ReportRules } from "./report-types";
import { BUYER_KEYS, type ScanContext, type ScanOptions, type ScanState, scanContext } from "./scan";
import { endWalk, type RunState, SLICE_MS, walk } from "./slices";
import { rt } from "./texts";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REPORT_FOLDER = "Buyerbook reports";
export const REPORT_KINDS = ["weekly", "midweek", "monthly-a"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** The font of a zh-CN report (Google Docs offers it; the .docx export names it for the East-Asian text). */
export const CJK_FONT = "Noto Sans SC";
/** Time kept for the figures, the Doc, the sharing and the mail after the walk (they take ~10–15 s). */
const FINISH_RESERVE_MS = 30_000;
const SCRATCH_COLUMN: Record<ReportKind, number> = { weekly: 1, midweek: 2, "monthly-a": 3 };

export interface ReportResult {
  kind: ReportKind;
  /** "2026-W48" or "2026-11". */
  period: string;
  docId: string;
  url: string;
  name: string;
  created: boolean;
  sharedWith: string[];
  /** Salespeople whose access to the Doc or the reports folder was taken away. */
  revoked: string[];
  mailedTo: string[];
  /** The executions the walk took (1 when the report fit one), and how often it started again. */
  slices: number;
  restarts: number;
  problems: string[];
}

/** A report that did not finish in this execution: the next heartbeat tick goes on from here. */
export interface ReportProgress {
  kind: ReportKind;
  period: string;
  done: false;
  slices: number;
  /** The table the walk stopped in ("finish" when only the writing is left). */
  table: string;
  row: number;
  /** Times the walk started again (the rows moved, or its saved state did not check out). */
  restarts: number;
}

/** A heartbeat that is not the report writer's: it leaves the report to them and says so. */
export interface ReportSkipped {
  kind: ReportKind;
  skipped: "not-writer";
  writer: string;
}

export interface ReportJobInput {
  book: Book;
  now: Date;
  /** "2026-W48" / "2026-11"; default: the week or month of `now`. */
  period?: string;
  /** The person asking from the menu: must be allowed to write reports (boss, assistant). */
  actor?: string;
  /** The execution's budget; the menu's default is the whole execution. */
  budget?: Budget;
  /** Rows per read (tests make it small to force many slices). */
  chunkRows?: number;
  /** How long one slice may take (default SLICE_MS). */
  sliceMs?: number;
  /** Leave the Log's check out of the weekly report (a tool that only wants the figures). */
  skipLogCheck?: boolean;
}

/** The book-state key that remembers each period's Doc. */
export function reportPropertyKey(kind: ReportKind, period: string): string {
  return `report.${kind === "monthly-a" ? "monthlyA" : kind}.${period}`;
}

function runKey(kind: ReportKind): string {
  return `report.run.${kind}`;
}

interface Loaded {
  config: Config;
  staff: StaffMember[];
  context: ScanContext;
  parseDate: (text: string) => Date | undefined;
  state: BookState;
}

/** Settings and Staff (through the small-table cache) and the buyers' report columns: read by every slice. */
function load(book: Book): Loaded {
  const small = loadSmallTables(book);
  const config = readConfig(asTable(small.settings));
  const tz = config.timeZone;
  const parseDate = dateTextParser(tz);
  const staff = small.staff.records;
  const buyerSheet = book.getSheetByName(Buyers.name);
  const buyers = buyerSheet
    ? readTableColumns(buyerSheet, Buyers, BUYER_KEYS, { parseDateText: parseDate }).rows.map((r) => r.record)
    : [];
  const rules: ReportRules = { timeZone: tz, sla: config.sla, cadence: { ...config.cadenceDays } };
  return { config, staff, context: scanContext(staff, buyers, rules), parseDate, state: bookState(book.getId()) };
}

const active = (s: StaffMember) => s.status !== "frozen" && s.email.trim() !== "";
const emailOf = (s: StaffMember) => s.email.trim().toLowerCase();

/** Who writes the reports: Settings "reports.writer", else the first active assistant, else the first boss. */
export function reportWriter(config: Config, staff: readonly StaffMember[]): string {
  const set = config.reader.text("reports.writer").trim().toLowerCase();
  if (set !== "") return set;
  const first = (role: StaffMember["role"]) => staff.find((s) => s.role === role && active(s));
  const who = first("assistant") ?? first("boss");
  return who ? emailOf(who) : "";
}

function assertMayWrite(loaded: Loaded, actor: string | undefined): void {
  if (actor === undefined) return;
  const me = loaded.staff.find((s) => emailOf(s) === actor.toLowerCase());
  const decision = decide(me, "report.write");
  if (decision.ok) return;
  const lang = loaded.config.lang;
  if (decision.reason === "unknown") throw new Error(t(lang, "auth.unknown", { email: actor }));
  if (decision.reason === "frozen") throw new Error(t(lang, "auth.frozen", { email: actor }));
  throw new Error(t(lang, "auth.denied", { role: me?.role ?? "", action: "report.write" }));
}

/** Settings' addresses (comma-separated allowed), else the active bosses in Staff. */
function bossEmails(loaded: Loaded): string[] {
  const configured = loaded.config.reader.list("report.bossEmail").map((e) => e.toLowerCase());
  if (configured.length > 0) return configured;
  return loaded.staff.filter((s) => s.role === "boss" && active(s)).map(emailOf);
}

/** The boss's own language (Staff), for what the boss reads; Settings' language when no boss is in Staff. */
function bossLanguage(loaded: Loaded): Lang {
  const bosses = new Set(bossEmails(loaded));
  const boss =
    loaded.staff.find((s) => bosses.has(emailOf(s)) && s.language) ??
    loaded.staff.find((s) => s.role === "boss" && active(s) && s.language);
  return boss ? toLang(boss.language) : loaded.config.lang;
}

/** Boss and assistant edit every report; anyone else it goes to (the head of marketing) may only read it. */
function sharing(loaded: Loaded, recipients: readonly string[]) {
  const editors = new Set([
    ...bossEmails(loaded),
    ...loaded.staff.filter((s) => (s.role === "boss" || s.role === "assistant") && active(s)).map(emailOf),
  ]);
  const share: DocShare[] = [
    ...[...editors].map((email) => ({ email, role: "editor" as const })),
    ...recipients.filter((e) => !editors.has(e)).map((email) => ({ email, role: "viewer" as const })),
  ];
  const salespeople = loaded.staff.filter((s) => s.role === "salesperson").map(emailOf);
  const readers = new Set(recipients);
  return {
    share,
    folderShare: share.filter((s) => s.role === "editor"),
    // A salesperson keeps nothing, unless the report is addressed to them (then they read it).
    revoke: salespeople.filter((e) => !editors.has(e) && !readers.has(e)),
  };
}

interface Publish {
  kind: ReportKind;
  period: string;
  title: string;
  subject: string;
  lang: Lang;
  blocks: DocBlock[];
  glance: string;
  recipients: string[];
  problems: string[];
  slices: number;
  restarts: number;
}

/** A report addressed to the boss (Settings report.bossEmail, else Staff); a problem is said when there is none. */
function publishToBoss(
  loaded: Loaded,
  p: Omit<Publish, "recipients" | "problems">,
  what: "report" | "brief",
): ReportResult {
  const recipients = bossEmails(loaded);
  const problems = recipients.length === 0 ? [`no boss to send the ${what} to: set report.bossEmail in Settings`] : [];
  return publish(loaded, { ...p, recipients, problems });
}

function publish(loaded: Loaded, p: Publish): ReportResult {
  const access = sharing(loaded, p.recipients);
  const doc = writeReportDoc(
    {
      propertyKey: reportPropertyKey(p.kind, p.period),
      title: p.title,
      folderName: REPORT_FOLDER,
      blocks: p.blocks,
      ...access,
      fontFamily: p.lang === "zh-CN" ? CJK_FONT : undefined,
    },
    { get: (key) => loaded.state.get<string | null>(key, null), set: (key, id) => loaded.state.set(key, id) },
  );
  const subject = doc.created ? p.subject : `${p.subject}${rt(p.lang, "mail.updated")}`;
  const body = rt(p.lang, "mail.body", { title: p.title, url: doc.url, glance: p.glance });
  const mailedTo: string[] = [];
  for (const to of p.recipients) {
    try {
      mailReportLink(to, subject, body);
      mailedTo.push(to);
    } catch (e) {
      // The Doc is written and shared; a mail quota or address problem must not lose it.
      p.problems.push(`mail to ${to}: ${(e as Error).message}`);
    }
  }
  return {
    kind: p.kind,
    period: p.period,
    docId: doc.id,
    url: doc.url,
    name: doc.name,
    created: doc.created,
    sharedWith: doc.sharedWith,
    revoked: doc.revoked,
    mailedTo,
    slices: p.slices,
    restarts: p.restarts,
    problems: [...loaded.config.problems, ...p.problems],
  };
}

/** The instant of a weekly schedule slot ("SAT 16:00") within `week`. */
function slotInWeek(
  week: IsoWeek,
  spec: SlotSpec | undefined,
  fallback: { weekday: number; minutes: number },
  tz: string,
) {
  const weekday = spec?.kind === "weekly" ? spec.weekday : fallback.weekday;
  const minutes = spec?.kind === "weekly" ? spec.minutes : fallback.minutes;
  return dateKeyToInstant(addDaysToKey(week.firstDay, weekday - 1), tz, minutes);
}

/** A report kind: its period, the walk's options when it starts, and the Doc it finishes with. */
interface Plan {
  period: string;
  start: () => ScanOptions;
  finish: (scan: ScanState, run: RunState) => ReportResult;
}

/** The Log check reads the whole Log and hashes each line: only when the run still has the time for it. */
const LOG_CHECK_RESERVE_MS = 60_000;

/** The Log's hash chain (R33, R34) as the weekly report states it: intact, or what was changed or removed. */
function logCheck(input: ReportJobInput, timeZone: string): LogIntegrity | undefined {
  if (input.skipLogCheck) return undefined;
  if (input.budget && !input.budget.has(LOG_CHECK_RESERVE_MS))
    return { intact: false, changed: 0, removed: 0, notChecked: true };
  const r = logIntegrity(input.book, timeZone);
  if (r.status === "missing") return { intact: false, changed: 0, removed: 0, missing: true };
  const changed = r.findings.filter((f) => f.kind === "changed" || f.kind === "inserted").length;
  const removed = r.findings.reduce((n, f) => n + (f.kind === "removed" ? f.count : 0), 0);
  return { intact: r.status === "intact", changed, removed };
}

function weekOf(period: string | undefined, now: Date, tz: string): IsoWeek {
  return period ? weekRange(period, tz) : isoWeekOf(now, tz);
}

function weeklyPlan(loaded: Loaded, input: ReportJobInput): Plan {
  const tz = loaded.config.timeZone;
  const week = weekOf(input.period, input.now, tz);
  const previous = isoWeekOf(week.start.getTime() - 1, tz);
  return {
    period: week.key,
    start: () => weeklyScanOptions(week, previous, input.now),
    finish: (scan, run) => {
      const lang = bossLanguage(loaded);
      const extras: WeeklyExtras = {
        health: scheduleHealth(loaded.staff, readBeats(loaded.state), input.now, tz),
        integrity: logCheck(input, tz),
      };
      const report = weeklyFromScan(scan, loaded.context);
      const rendered = renderWeekly(report, { lang, timeZone: tz }, { previous: weekLabel(previous, lang) }, extras);
      return publishToBoss(
        loaded,
        {
          kind: "weekly",
          period: week.key,
          lang,
          title: rt(lang, "weekly.title", { week: weekLabel(week, lang) }),
          subject: rt(lang, "mail.weekly.subject", { week: weekLabel(week, lang) }),
          ...rendered,
          slices: run.slices,
          restarts: run.restarts,
        },
        "report",
      );
    },
  };
}

function midweekPlan(loaded: Loaded, input: ReportJobInput): Plan {
  const { config } = loaded;
  const tz = config.timeZone;
  const week = weekOf(input.period, input.now, tz);
  const previous = isoWeekOf(week.start.getTime() - 1, tz);
  const parsed = parseScheduleSettings({
    weeklyReport: config.reader.text("report.weekly"),
    midweekBrief: config.reader.text("report.midweek"),
  });
  const slots = parsed.ok ? parsed.value.jobs : [];
  const since = slotInWeek(previous, slots.find((j) => j.job === "weekly")?.slots[0], { weekday: 6, minutes: 960 }, tz);
  const slot = slotInWeek(week, slots.find((j) => j.job === "midweek")?.slots[0], { weekday: 3, minutes: 900 }, tz);
  return {
    period: week.key,
    // Written during its week: as of now; a past week's brief: as of that week's Wednesday slot.
    start: () => midweekScanOptions(since, input.now.getTime() < week.end.getTime() ? input.now : slot),
    finish: (scan, run) => {
      const lang = bossLanguage(loaded);
      const rendered = renderMidweek(midweekFromScan(scan, loaded.context), { lang, timeZone: tz });
      return publishToBoss(
        loaded,
        {
          kind: "midweek",
          period: week.key,
          lang,
          title: rt(lang, "midweek.title", { week: weekLabel(week, lang) }),
          subject: rt(lang, "mail.midweek.subject", { week: weekLabel(week, lang) }),
          ...rendered,
          slices: run.slices,
          restarts: run.restarts,
        },
        "brief",
      );
    },
  };
}

function aListPlan(loaded: Loaded, input: ReportJobInput): Plan {
  const { config } = loaded;
  const tz = config.timeZone;
  const month = monthRange(input.period ?? monthKeyOf(input.now, tz), tz);
  return {
    period: month.key,
    start: () => aListScanOptions(month, input.now),
    finish: (scan, run) => {
      // The head of marketing reads it in the company's language (they are not necessarily in Staff).
      const lang = config.lang;
      const rendered = renderAList(aListFromScan(scan, loaded.context, month), { lang, timeZone: tz });
      const head = config.reader.list("report.marketingHeadEmail").map((e) => e.toLowerCase());
      const problems: string[] = [];
      let recipients = head;
      if (head.length === 0) {
        recipients = bossEmails(loaded);
        problems.push("report.marketingHeadEmail is empty in Settings: the A-list went to the boss instead");
      }
      return publish(loaded, {
        kind: "monthly-a",
        period: month.key,
        lang,
        title: rt(lang, "monthly.title", { month: monthLabel(month.key, lang) }),
        subject: rt(lang, "mail.monthly.subject", { month: monthLabel(month.key, lang) }),
        ...rendered,
        recipients,
        slices: run.slices,
        restarts: run.restarts,
        problems,
      });
    },
  };
}

const PLANS: Record<ReportKind, (loaded: Loaded, input: ReportJobInput) => Plan> = {
  weekly: weeklyPlan,
  midweek: midweekPlan,
  "monthly-a": aListPlan,
};

/**
 * One slice of a report: walks on from where the last slice stopped and, when the walk is done and the
 * finishing fits, writes the Doc. Reads need no lock; the Doc is not in the book.
 */
export function reportSlice(kind: ReportKind, input: ReportJobInput): ReportResult | ReportProgress {
  const loaded = load(input.book);
  assertMayWrite(loaded, input.actor);
  return sliceWith(loaded, kind, input);
}

function sliceWith(loaded: Loaded, kind: ReportKind, input: ReportJobInput): ReportResult | ReportProgress {
  const executionBudget = input.budget ?? new Budget();
  const plan = PLANS[kind](loaded, { ...input, budget: executionBudget });
  const budget = executionBudget.slice(input.sliceMs ?? SLICE_MS);
  const key = runKey(kind);
  const walked = walk({
    book: input.book,
    state: loaded.state,
    key,
    column: SCRATCH_COLUMN[kind],
    period: plan.period,
    start: plan.start,
    context: loaded.context,
    parseDate: loaded.parseDate,
    budget,
    executionBudget,
    now: input.now,
    chunkRows: input.chunkRows,
    finishReserveMs: FINISH_RESERVE_MS,
  });
  if (!walked.done) {
    return {
      kind,
      period: plan.period,
      done: false,
      slices: walked.run.slices,
      table: walked.table,
      row: walked.run.row,
      restarts: walked.run.restarts,
    };
  }
  const result = plan.finish(walked.scan, walked.run);
  endWalk(input.book, loaded.state, key, SCRATCH_COLUMN[kind]);
  return result;
}

export function isFinished(out: ReportResult | ReportProgress): out is ReportResult {
  return !("done" in out);
}

/**
 * A whole report in this execution (the menu, the CLI): slices follow one another while the execution's budget
 * lasts. Each slice reads Staff and the buyers again, so it is one slice whenever the report fits one. What
 * does not fit is left for the schedule's next ticks (the progress says where it stopped).
 */
export function writeReport(kind: ReportKind, input: ReportJobInput): ReportResult | ReportProgress {
  const budget = input.budget ?? new Budget();
  for (;;) {
    const out = reportSlice(kind, { ...input, budget });
    if (isFinished(out) || !budget.has(FINISH_RESERVE_MS)) return out;
  }
}

function finished(out: ReportResult | ReportProgress): ReportResult {
  if (isFinished(out)) return out;
  throw new Error(`The ${out.kind} report ${out.period} did not finish in this execution (${out.slices} slices).`);
}

/** Whole reports for tools and tests: these throw rather than return a report still in progress. */
export const writeWeeklyReport = (input: ReportJobInput) => finished(writeReport("weekly", input));
export const writeMidweekBrief = (input: ReportJobInput) => finished(writeReport("midweek", input));
export const writeMonthlyAList = (input: ReportJobInput) => finished(writeReport("monthly-a", input));

/**
 * The heartbeat's runner: "weekly@2026-W48" writes (a slice of) W48's report — only when this heartbeat runs
 * as the report writer. A result with `done: false` tells the heartbeat to come back at the next tick.
 */
export function reportRunner(
  kind: ReportKind,
  options: Pick<ReportJobInput, "skipLogCheck" | "chunkRows" | "sliceMs"> = {},
): JobRunner {
  return ({ book, user, now, slotKey, budget }) => {
    const slot = parseSlotKey(slotKey);
    const loaded = load(book);
    const writer = reportWriter(loaded.config, loaded.staff);
    if (writer !== user.toLowerCase()) return { kind, skipped: "not-writer", writer } satisfies ReportSkipped;
    return sliceWith(loaded, kind, { ...options, book, now, period: slot?.period, budget });
  };
}

/** Whose schedule is running and whose mail was pulled today (the boss's desk shows it too). */
export function bookScheduleHealth(book: Book, now: Date): ScheduleHealth[] {
  const loaded = load(book);
  return scheduleHealth(loaded.staff, readBeats(loaded.state), now, loaded.config.timeZone);
}
