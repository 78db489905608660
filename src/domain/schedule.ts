/**
 * The heartbeat schedule. One hourly time trigger runs whatever is due; this module decides what that is.
 *
 * Jobs and the rules they serve:
 * - "pull"      R6/C2: fetch mail at set times every day ("08:30,12:30,17:30"), slot key per day and time;
 * - "digest"    R8/R20: each salesperson's morning mail of what is due ("08:00"), after the upkeep;
 * - "weekly"    R33/C4: the Saturday report ("SAT 16:00"), one per ISO week;
 * - "midweek"   R35: the Wednesday brief ("WED 15:00"), one per ISO week;
 * - "monthly-a" R19: the A-buyer list ("first working day 09:00"), one per month.
 *
 * Each occurrence has a slot key ("pull@2026-11-26T08:30", "weekly@2026-W48", "monthly-a@2026-11");
 * the caller records keys it ran. The rules: a slot is due once its time has come (a slot exactly at
 * `now` is due), never before, and never again once recorded. If several occurrences of a job were
 * missed (the machine was off), only the LATEST runs — catching up once — and the older ones are
 * returned as `skipped`, for the caller to record as skipped-by-catch-up.
 *
 * Wall times in a DST gap run at the shifted time (02:30 -> 03:30) and in an overlap at the first
 * occurrence, as `zonedToInstant` documents; the slot key keeps the configured wall time.
 */
import {
  addDaysToKey,
  type DateKey,
  dateKeyToInstant,
  formatClockTime,
  formatDateKey,
  type Parsed,
  parseClockTime,
  parseDateKey,
  parseWeekday,
  type SettingError,
  type Weekday,
  weekdayOfKey,
  zonedDateKey,
} from "./time";
import { firstWorkingDayOfMonth, isoWeekOfDateKey } from "./weeks";
import type { WorkingDayRule } from "./workCalendar";

/**
 * In the order a heartbeat runs them: mail first (so reports see it), then campaign sends, then the daily upkeep
 * (due dates, returns from trips, the dashboard), the morning digest (which reads the due dates), the reports.
 */
export const JOB_NAMES = ["pull", "campaigns", "upkeep", "digest", "midweek", "weekly", "monthly-a"] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** "pull@2026-11-26T08:30", "weekly@2026-W48", "midweek@2026-W48", "monthly-a@2026-11". */
export type SlotKey = `${JobName}@${string}`;

/** When a job runs, in local wall time. */
export type SlotSpec =
  | { kind: "daily"; minutes: number }
  | { kind: "weekly"; weekday: Weekday; minutes: number }
  | { kind: "monthly"; day: "first-working-day" | number; minutes: number };

export interface ScheduledJob {
  job: JobName;
  slots: SlotSpec[];
}

/** Parsed schedule; jobs whose Settings value is blank are simply absent. */
export interface ScheduleSettings {
  jobs: ScheduledJob[];
}

/** The Settings text each job's schedule comes from. */
export interface ScheduleSettingsText {
  pullSlots?: string;
  campaignSend?: string;
  upkeepDaily?: string;
  digestDaily?: string;
  weeklyReport?: string;
  midweekBrief?: string;
  monthlyAList?: string;
}

export const SCHEDULE_SETTING_KEYS: Record<keyof ScheduleSettingsText, string> = {
  pullSlots: "pullSlots",
  campaignSend: "campaignSend",
  upkeepDaily: "upkeepDaily",
  digestDaily: "digestDaily",
  weeklyReport: "weeklyReport",
  midweekBrief: "midweekBrief",
  monthlyAList: "monthlyAList",
};

/** The defaults the rules set (R6: three pulls a day; R33, R35: Saturday and Wednesday; R19: monthly). */
export const DEFAULT_SCHEDULE_TEXT: Required<
  Omit<ScheduleSettingsText, "campaignSend" | "upkeepDaily" | "digestDaily">
> = {
  pullSlots: "08:30,12:30,17:30",
  weeklyReport: "SAT 16:00",
  midweekBrief: "WED 15:00",
  monthlyAList: "first working day 09:00",
};

// ---------------------------------------------------------------------------------------------------
// Parsing

function timeOfDay(raw: string): number | undefined {
  const minutes = parseClockTime(raw);
  return minutes !== undefined && minutes < 24 * 60 ? minutes : undefined;
}

type SpecParser = (value: string) => SlotSpec[] | string;

const parseDailyTimes: SpecParser = (value) => {
  const minutes = new Set<number>();
  for (const piece of value.split(/[,;，；、\s]+/).filter((s) => s !== "")) {
    const m = timeOfDay(piece);
    if (m === undefined) return `"${piece}" is not a time like 08:30`;
    minutes.add(m);
  }
  return Array.from(minutes)
    .sort((a, b) => a - b)
    .map((m) => ({ kind: "daily", minutes: m }));
};

const parseWeeklySlot: SpecParser = (value) => {
  const m = /^(\S+)\s+(\S+)$/.exec(value.trim());
  const weekday = m ? parseWeekday(m[1]) : undefined;
  const minutes = m ? timeOfDay(m[2]) : undefined;
  if (weekday === undefined || minutes === undefined) return "expected a weekday and a time, like SAT 16:00";
  return [{ kind: "weekly", weekday, minutes }];
};

const parseMonthlySlot: SpecParser = (value) => {
  const text = value.normalize("NFKC").trim();
  const first = /^(?:first working day|每月第一个工作日|第一个工作日)\s*(\S+)$/i.exec(text);
  const nth = /^(?:day\s*)?(\d{1,2})\s+(\S+)$/i.exec(text);
  const minutes = first ? timeOfDay(first[1]) : nth ? timeOfDay(nth[2]) : undefined;
  const day = nth ? Number(nth[1]) : 0;
  if (minutes === undefined || (nth && (day < 1 || day > 31))) {
    return 'expected "first working day 09:00" or a day of the month and a time, like "day 1 09:00"';
  }
  return [{ kind: "monthly", day: first ? "first-working-day" : day, minutes }];
};

const JOB_SOURCES: { field: keyof ScheduleSettingsText; job: JobName; parse: SpecParser }[] = [
  { field: "pullSlots", job: "pull", parse: parseDailyTimes },
  { field: "campaignSend", job: "campaigns", parse: parseDailyTimes },
  { field: "upkeepDaily", job: "upkeep", parse: parseDailyTimes },
  { field: "digestDaily", job: "digest", parse: parseDailyTimes },
  { field: "midweekBrief", job: "midweek", parse: parseWeeklySlot },
  { field: "weeklyReport", job: "weekly", parse: parseWeeklySlot },
  { field: "monthlyAList", job: "monthly-a", parse: parseMonthlySlot },
];

/** Reads the schedule from Settings; every unreadable value is reported with its key and text. */
export function parseScheduleSettings(
  text: ScheduleSettingsText,
  keyNames: Partial<Record<keyof ScheduleSettingsText, string>> = SCHEDULE_SETTING_KEYS,
): Parsed<ScheduleSettings> {
  const keys = { ...SCHEDULE_SETTING_KEYS, ...keyNames };
  const jobs: ScheduledJob[] = [];
  const errors: SettingError[] = [];
  for (const source of JOB_SOURCES) {
    const value = text[source.field];
    if (value === undefined || value.trim() === "") continue;
    const slots = source.parse(value);
    if (typeof slots === "string") {
      errors.push({ key: keys[source.field], value, message: `${keys[source.field]} = "${value}": ${slots}` });
    } else if (slots.length > 0) {
      jobs.push({ job: source.job, slots });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { jobs } };
}

// ---------------------------------------------------------------------------------------------------
// Occurrences

export interface SlotOccurrence {
  job: JobName;
  slotKey: SlotKey;
  at: Date;
}

interface ScheduleContext {
  timeZone: string;
  /** Needed for "first working day" slots. */
  calendar: WorkingDayRule;
}

function monthlyDay(spec: { day: "first-working-day" | number }, day: DateKey, ctx: ScheduleContext): boolean {
  const { year, month } = parseDateKey(day);
  if (spec.day === "first-working-day") return firstWorkingDayOfMonth(day.slice(0, 7), ctx.calendar) === day;
  // Day 31 in a 30-day month runs on its last day.
  const lastDay = parseDateKey(formatDateKey(year, month + 1, 0)).day;
  return parseDateKey(day).day === Math.min(spec.day, lastDay);
}

function slotKeyFor(job: JobName, spec: SlotSpec, day: DateKey, ctx: ScheduleContext): SlotKey {
  if (spec.kind === "daily") return `${job}@${day}T${formatClockTime(spec.minutes)}`;
  if (spec.kind === "weekly") return `${job}@${isoWeekOfDateKey(day, ctx.timeZone).key}`;
  return `${job}@${day.slice(0, 7)}`;
}

function occursOn(spec: SlotSpec, day: DateKey, ctx: ScheduleContext): boolean {
  if (spec.kind === "daily") return true;
  if (spec.kind === "weekly") return weekdayOfKey(day) === spec.weekday;
  return monthlyDay(spec, day, ctx);
}

/** A job's occurrences on the days from `first` to `last` (inclusive), in time order. */
function occurrencesBetween(job: ScheduledJob, first: DateKey, last: DateKey, ctx: ScheduleContext): SlotOccurrence[] {
  const out: SlotOccurrence[] = [];
  for (let day = first; day <= last; day = addDaysToKey(day, 1)) {
    for (const spec of job.slots) {
      if (!occursOn(spec, day, ctx)) continue;
      out.push({
        job: job.job,
        slotKey: slotKeyFor(job.job, spec, day, ctx),
        at: dateKeyToInstant(day, ctx.timeZone, spec.minutes),
      });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** How far back to look: far enough to find the latest occurrence of any job (a month can be 62 days back). */
function lookbackDays(job: ScheduledJob, catchUpDays: number): number {
  const period = job.slots[0].kind === "daily" ? 1 : job.slots[0].kind === "weekly" ? 7 : 31;
  return Math.max(catchUpDays, 2 * period);
}

// ---------------------------------------------------------------------------------------------------
// What is due

export interface DueJob extends SlotOccurrence {
  /** Older missed occurrences this run replaces; record them as skipped-by-catch-up. */
  skipped: SlotKey[];
}

export interface DueJobsInput extends ScheduleContext {
  schedule: ScheduleSettings;
  /** Slot keys already run (or already recorded as skipped). */
  alreadyRun: ReadonlySet<string> | readonly string[];
  now: Date;
  /** Occurrences before this instant are ignored — e.g. the install time, so a new install runs no backlog. */
  since?: Date;
  /** How many days back missed slots are reported as skipped (default 7). */
  catchUpDays?: number;
}

/**
 * The jobs the heartbeat should run now, at most one per job: the latest occurrence at or before `now`
 * when it has not run. "pull" comes first so that reports run in the same heartbeat see the new mail.
 */
export function dueJobs(input: DueJobsInput): DueJob[] {
  const ran = new Set<string>(input.alreadyRun as Iterable<string>);
  const today = zonedDateKey(input.now, input.timeZone);
  const due: DueJob[] = [];
  for (const job of input.schedule.jobs) {
    const first = addDaysToKey(today, -lookbackDays(job, input.catchUpDays ?? 7));
    const past = occurrencesBetween(job, first, today, input).filter(
      (o) => o.at.getTime() <= input.now.getTime() && (!input.since || o.at.getTime() >= input.since.getTime()),
    );
    const latest = past[past.length - 1];
    if (!latest || ran.has(latest.slotKey)) continue;
    // Only misses since the last slot that did run: anything older was settled then.
    let lastRun = -1;
    past.forEach((o, i) => {
      if (ran.has(o.slotKey)) lastRun = i;
    });
    const skipped = past.slice(lastRun + 1, -1).map((o) => o.slotKey);
    due.push({ ...latest, skipped: skipped.filter((k, i) => k !== latest.slotKey && skipped.indexOf(k) === i) });
  }
  return due.sort((a, b) => JOB_NAMES.indexOf(a.job) - JOB_NAMES.indexOf(b.job) || a.at.getTime() - b.at.getTime());
}

/** The first occurrence of any job strictly after `now`, for "next run" displays; undefined if none. */
export function nextRunAfter(
  now: Date,
  schedule: ScheduleSettings,
  ctx: ScheduleContext,
  horizonDays = 62,
): SlotOccurrence | undefined {
  const today = zonedDateKey(now, ctx.timeZone);
  const last = addDaysToKey(today, horizonDays);
  let best: SlotOccurrence | undefined;
  for (const job of schedule.jobs) {
    const next = occurrencesBetween(job, today, last, ctx).find((o) => o.at.getTime() > now.getTime());
    if (next && (!best || next.at.getTime() < best.at.getTime())) best = next;
  }
  return best;
}

/** Splits "weekly@2026-W48" into its job and period; undefined for anything else. */
export function parseSlotKey(key: string): { job: JobName; period: string } | undefined {
  const at = key.indexOf("@");
  const job = key.slice(0, at) as JobName;
  if (at < 0 || JOB_NAMES.indexOf(job) < 0 || at === key.length - 1) return undefined;
  return { job, period: key.slice(at + 1) };
}
