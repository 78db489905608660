/**
 * The boss's reports as jobs (C4, R33, R35, R19): read each sheet once, compute the figures
 * (./figures), lay them out (report-render), write the period's Doc (src/gas/docs) and mail its
 * link. Scheduled by the heartbeat ("weekly", "midweek", "monthly-a") and written on demand from the menu.
 */

import { type Config, readConfig } from "../../app/config";
import { decide } from "../../domain/access";
import { parseScheduleSettings, parseSlotKey, type SlotSpec } from "../../domain/schedule";
import { addDaysToKey, dateKeyToInstant } from "../../domain/time";
import { type IsoWeek, isoWeekOf, monthKeyOf, monthLabel, monthRange, weekLabel, weekRange } from "../../domain/weeks";
import { type DocBlock, type DocShare, mailReportLink, writeReportDoc } from "../../gas/docs";
import { t } from "../../i18n";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { Buyers, FollowUps, Inquiries, Quotes, Samples, Settings, Staff } from "../../store/schemas";
import type { JobRunner } from "../schedule";
import { midweekBrief, monthlyAList, type ReportRows, type ReportRules, weeklyReport } from "./figures";
import { renderAList, renderMidweek, renderWeekly } from "./render";
import { rt } from "./texts";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REPORT_FOLDER = "Buyerbook reports";
export const REPORT_KINDS = ["weekly", "midweek", "monthly-a"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportResult {
  kind: ReportKind;
  /** "2026-W48" or "2026-11". */
  period: string;
  docId: string;
  url: string;
  name: string;
  created: boolean;
  sharedWith: string[];
  mailedTo: string[];
  problems: string[];
}

export interface ReportJobInput {
  book: Book;
  now: Date;
  /** "2026-W48" / "2026-11"; default: the week or month of `now`. */
  period?: string;
  /** The person asking from the menu: must be allowed to write reports (boss, assistant). */
  actor?: string;
}

/** The document property that remembers each period's Doc. */
export function reportPropertyKey(kind: ReportKind, period: string): string {
  return `report.${kind === "monthly-a" ? "monthlyA" : kind}.${period}`;
}

interface Loaded {
  config: Config;
  rows: ReportRows;
  rules: ReportRules;
}

/** One read per sheet; Quotes and Samples may not exist in an older book. */
function load(book: Book): Loaded {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const records = <T>(table: { rows: { record: T }[] } | undefined): T[] =>
    table ? table.rows.map((r) => r.record) : [];
  const rows: ReportRows = {
    staff: records(loadTable(book, Staff, tz)),
    buyers: records(loadTable(book, Buyers, tz)),
    inquiries: records(loadTable(book, Inquiries, tz)),
    followUps: records(loadTable(book, FollowUps, tz)),
    quotes: records(loadOptionalTable(book, Quotes, tz)),
    samples: records(loadOptionalTable(book, Samples, tz)),
  };
  return {
    config,
    rows,
    rules: {
      timeZone: tz,
      sla: config.sla,
      cadence: { ...config.cadenceDays },
    },
  };
}

function assertMayWrite(loaded: Loaded, actor: string | undefined): void {
  if (actor === undefined) return;
  const me = loaded.rows.staff.find((s) => s.email.toLowerCase() === actor.toLowerCase());
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
  return loaded.rows.staff
    .filter((s) => s.role === "boss" && s.status !== "frozen" && s.email.trim() !== "")
    .map((s) => s.email.trim().toLowerCase());
}

interface Publish {
  kind: ReportKind;
  period: string;
  title: string;
  subject: string;
  blocks: DocBlock[];
  glance: string;
  recipients: string[];
  problems: string[];
}

function publish(loaded: Loaded, p: Publish): ReportResult {
  const share: DocShare[] = p.recipients.map((email) => ({ email, role: "commenter" }));
  const doc = writeReportDoc({
    propertyKey: reportPropertyKey(p.kind, p.period),
    title: p.title,
    folderName: REPORT_FOLDER,
    blocks: p.blocks,
    share,
  });
  const lang = loaded.config.lang;
  const subject = doc.created ? p.subject : `${p.subject}${rt(lang, "mail.updated")}`;
  const body = rt(lang, "mail.body", { title: p.title, url: doc.url, glance: p.glance });
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
    mailedTo,
    problems: [...loaded.config.problems, ...p.problems],
  };
}

function weekOf(period: string | undefined, now: Date, tz: string): IsoWeek {
  return period ? weekRange(period, tz) : isoWeekOf(now, tz);
}

/** R33, C4: the Saturday report for a week — a Doc in "Buyerbook reports", shared with and mailed to the boss. */
export function writeWeeklyReport(input: ReportJobInput): ReportResult {
  const loaded = load(input.book);
  assertMayWrite(loaded, input.actor);
  const { config } = loaded;
  const tz = config.timeZone;
  const week = weekOf(input.period, input.now, tz);
  const previous = isoWeekOf(week.start.getTime() - 1, tz);
  const report = weeklyReport(loaded.rows, loaded.rules, week, previous, input.now);
  const lang = config.lang;
  const rendered = renderWeekly(report, { lang, timeZone: tz }, { previous: weekLabel(previous, lang) });
  const recipients = bossEmails(loaded);
  return publish(loaded, {
    kind: "weekly",
    period: week.key,
    title: rt(lang, "weekly.title", { week: weekLabel(week, lang) }),
    subject: rt(lang, "mail.weekly.subject", { week: weekLabel(week, lang) }),
    ...rendered,
    recipients,
    problems: recipients.length === 0 ? ["no boss to send the report to: set report.bossEmail in Settings"] : [],
  });
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

/** R35: the Wednesday brief — what moved since the last Saturday report. */
export function writeMidweekBrief(input: ReportJobInput): ReportResult {
  const loaded = load(input.book);
  assertMayWrite(loaded, input.actor);
  const { config } = loaded;
  const tz = config.timeZone;
  const week = weekOf(input.period, input.now, tz);
  const previous = isoWeekOf(week.start.getTime() - 1, tz);
  const parsed = parseScheduleSettings({
    weeklyReport: config.reader.text("report.weekly"),
    midweekBrief: config.reader.text("report.midweek"),
  });
  const slots = parsed.ok ? parsed.value.jobs : [];
  const weeklySpec = slots.find((j) => j.job === "weekly")?.slots[0];
  const midweekSpec = slots.find((j) => j.job === "midweek")?.slots[0];
  const since = slotInWeek(previous, weeklySpec, { weekday: 6, minutes: 16 * 60 }, tz);
  const slot = slotInWeek(week, midweekSpec, { weekday: 3, minutes: 15 * 60 }, tz);
  // Written during its week: as of now; a past week's brief: as of that week's Wednesday slot.
  const asOf = input.now.getTime() < week.end.getTime() ? input.now : slot;
  const brief = midweekBrief(loaded.rows, loaded.rules, since, asOf);
  const lang = config.lang;
  const rendered = renderMidweek(brief, { lang, timeZone: tz });
  const recipients = bossEmails(loaded);
  return publish(loaded, {
    kind: "midweek",
    period: week.key,
    title: rt(lang, "midweek.title", { week: weekLabel(week, lang) }),
    subject: rt(lang, "mail.midweek.subject", { week: weekLabel(week, lang) }),
    ...rendered,
    recipients,
    problems: recipients.length === 0 ? ["no boss to send the brief to: set report.bossEmail in Settings"] : [],
  });
}

/** R19: every A buyer with details, to the head of marketing (Settings report.marketingHeadEmail). */
export function writeMonthlyAList(input: ReportJobInput): ReportResult {
  const loaded = load(input.book);
  assertMayWrite(loaded, input.actor);
  const { config } = loaded;
  const tz = config.timeZone;
  const month = monthRange(input.period ?? monthKeyOf(input.now, tz), tz);
  const list = monthlyAList(loaded.rows, loaded.rules, month, input.now);
  const lang = config.lang;
  const rendered = renderAList(list, { lang, timeZone: tz });
  const head = config.reader.list("report.marketingHeadEmail").map((e) => e.toLowerCase());
  const problems: string[] = [];
  let recipients = head;
  if (head.length === 0) {
    recipients = bossEmails(loaded);
    problems.push("report.marketingHeadEmail is empty in Settings: the A-list went to the boss instead (R19)");
  }
  return publish(loaded, {
    kind: "monthly-a",
    period: month.key,
    title: rt(lang, "monthly.title", { month: monthLabel(month.key, lang) }),
    subject: rt(lang, "mail.monthly.subject", { month: monthLabel(month.key, lang) }),
    ...rendered,
    recipients,
    problems,
  });
}

const WRITERS: Record<ReportKind, (input: ReportJobInput) => ReportResult> = {
  weekly: writeWeeklyReport,
  midweek: writeMidweekBrief,
  "monthly-a": writeMonthlyAList,
};

export function writeReport(kind: ReportKind, input: ReportJobInput): ReportResult {
  return WRITERS[kind](input);
}

/** Heartbeat runners: the slot key names the period ("weekly@2026-W48" writes W48's report). */
export function reportRunner(kind: ReportKind): JobRunner {
  return ({ book, now, slotKey }) => {
    const slot = parseSlotKey(slotKey);
    return writeReport(kind, { book, now, period: slot?.period });
  };
}
