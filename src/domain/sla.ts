/**
 * Reply SLA for inquiries: R7 (answer every inquiry), R8 (within one day, aiming for two hours),
 * R26 (a fax inquiry gets a fax answer within 12 hours), measured against the working calendar.
 *
 * How the two clocks are read — the manual gives durations, not a clock; this is our interpretation:
 * - The clock STARTS when the inquiry arrives, or at the next opening time if it arrives out of hours
 *   (an inquiry at 03:00, on Saturday night or on a holiday starts the clock when the office opens).
 * - The TARGET (default 2 h, R8) is counted in working hours: 17:30 + 2 h = next working day 10:30
 *   with 09:00–18:00 hours.
 * - The LIMIT (default 24 h, R8 "within one day"; 12 h for fax, R26) is counted in elapsed hours from
 *   the clock start, but the clock stops over whole non-working days. So "one day" means "the same time
 *   on the next working day": Friday 17:00 -> Monday 17:00, Thursday before a Friday holiday -> Monday.
 *   Counting 24 *working* hours instead would give three days at 8 h a day, which is not "one day".
 *   A limit earlier than the target (a fax at closing time) is raised to the target: a deadline that
 *   falls before the aim is meaningless.
 * All hours are configurable, per channel too.
 */
import {
  addDaysToKey,
  type DateKey,
  dateKeyToInstant,
  daysBetweenKeys,
  MS_PER_HOUR,
  minutesToMs,
  type Parsed,
  type SettingError,
  zonedDateKey,
} from "./time";
import { DEFAULT_WORK_CALENDAR, isWorkingDay, type WorkCalendar } from "./workCalendar";

/** Far enough to cross any holiday season, short enough to stop a calendar with no working days. */
const MAX_SCAN_DAYS = 3700;

interface Interval {
  start: number;
  end: number;
}

type IntervalsOfDay = (day: DateKey, calendar: WorkCalendar) => Interval[];

/** The opening periods of one day as instants (none on a non-working day). */
const openingIntervals: IntervalsOfDay = (day, calendar) => {
  if (!isWorkingDay(day, calendar)) return [];
  return calendar.periods
    .map((p) => ({
      start: dateKeyToInstant(day, calendar.timeZone, p.start).getTime(),
      end: dateKeyToInstant(day, calendar.timeZone, p.end).getTime(),
    }))
    .filter((i) => i.end > i.start);
};

/** A whole working day, midnight to midnight (23 or 25 h on DST days); nothing on a day off. */
const workingDayIntervals: IntervalsOfDay = (day, calendar) => {
  if (!isWorkingDay(day, calendar)) return [];
  const start = dateKeyToInstant(day, calendar.timeZone).getTime();
  const end = dateKeyToInstant(addDaysToKey(day, 1), calendar.timeZone).getTime();
  return [{ start, end }];
};

function sumWithin(a: number, b: number, calendar: WorkCalendar, intervalsOf: IntervalsOfDay): number {
  if (b <= a) return 0;
  const first = zonedDateKey(a, calendar.timeZone);
  const days = daysBetweenKeys(first, zonedDateKey(b, calendar.timeZone));
  let total = 0;
  for (let i = 0; i <= days; i++) {
    for (const iv of intervalsOf(addDaysToKey(first, i), calendar)) {
      total += Math.max(0, Math.min(iv.end, b) - Math.max(iv.start, a));
    }
  }
  return total;
}

/** Walks forward from `start` until `ms` of counted time has passed; 0 ms gives the next counted instant. */
function advanceWithin(start: number, ms: number, calendar: WorkCalendar, intervalsOf: IntervalsOfDay): Date {
  if (!(ms >= 0)) throw new RangeError(`sla: cannot add a negative or invalid duration (${ms} ms)`);
  let remaining = ms;
  const first = zonedDateKey(start, calendar.timeZone);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    for (const iv of intervalsOf(addDaysToKey(first, i), calendar)) {
      if (iv.end <= start) continue;
      const from = Math.max(iv.start, start);
      // Ending exactly at closing time stays on this day; a zero duration at closing was skipped above.
      if (remaining <= iv.end - from) return new Date(from + remaining);
      remaining -= iv.end - from;
    }
  }
  throw new RangeError(`sla: no working time within ${MAX_SCAN_DAYS} days — check working days and holidays`);
}

/** Working (opening-hours) milliseconds between two instants; 0 if `b` is not after `a`. */
export function workingMsBetween(a: Date, b: Date, calendar: WorkCalendar): number {
  return sumWithin(a.getTime(), b.getTime(), calendar, openingIntervals);
}

/** The instant `hours` working hours after `start`; with 0 hours, when the clock next runs. */
export function addWorkingHours(start: Date, hours: number, calendar: WorkCalendar): Date {
  return advanceWithin(start.getTime(), hours * MS_PER_HOUR, calendar, openingIntervals);
}

/** `start` itself during opening hours, otherwise the next opening time. */
export function nextWorkingInstant(start: Date, calendar: WorkCalendar): Date {
  return addWorkingHours(start, 0, calendar);
}

/** `hours` of elapsed time after `start`, not counting whole non-working days (the LIMIT clock). */
export function addWorkingDayHours(start: Date, hours: number, calendar: WorkCalendar): Date {
  return advanceWithin(start.getTime(), hours * MS_PER_HOUR, calendar, workingDayIntervals);
}

/** Working hours taken to reply, rounded to 2 decimals (the Inquiries sheet's response-time column). */
export function responseHours(receivedAt: Date, repliedAt: Date, calendar: WorkCalendar): number {
  return Math.round((workingMsBetween(receivedAt, repliedAt, calendar) / MS_PER_HOUR) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------------
// Reply due times and states

/** How an inquiry arrived; free text in the sheet, compared case-insensitively. */
export type InquiryChannel = "email" | "platform" | "fax" | "phone" | "post" | "web" | (string & {});

export interface SlaRule {
  /** R8: the aim, in working hours. */
  targetWorkingHours: number;
  /** R8 / R26: the deadline, in elapsed hours on working days (see the module comment). */
  limitHours: number;
}

export interface SlaSettings extends SlaRule {
  calendar: WorkCalendar;
  /** An unanswered inquiry is "due-soon" when this little working time is left to the target. */
  dueSoonWorkingMinutes: number;
  /** Per-channel overrides, keyed by lower-case channel name. */
  channels: Record<string, Partial<SlaRule>>;
}

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  calendar: DEFAULT_WORK_CALENDAR,
  targetWorkingHours: 2,
  limitHours: 24,
  dueSoonWorkingMinutes: 30,
  channels: { fax: { limitHours: 12 } },
};

export interface ReplyDue {
  /** When the SLA clock starts: receipt, or the next opening time. */
  clockStartsAt: Date;
  targetAt: Date;
  limitAt: Date;
  rule: SlaRule;
}

export function ruleForChannel(channel: InquiryChannel | undefined, settings: SlaSettings): SlaRule {
  const override = channel ? settings.channels[channel.trim().toLowerCase()] : undefined;
  return {
    targetWorkingHours: override?.targetWorkingHours ?? settings.targetWorkingHours,
    limitHours: override?.limitHours ?? settings.limitHours,
  };
}

/** R8, R26: when the reply to an inquiry should go (target) and must go (limit). */
export function replyDue(
  receivedAt: Date,
  channel: InquiryChannel | undefined,
  settings: SlaSettings = DEFAULT_SLA_SETTINGS,
): ReplyDue {
  const rule = ruleForChannel(channel, settings);
  const clockStartsAt = nextWorkingInstant(receivedAt, settings.calendar);
  const targetAt = addWorkingHours(clockStartsAt, rule.targetWorkingHours, settings.calendar);
  const limit = addWorkingDayHours(clockStartsAt, rule.limitHours, settings.calendar);
  const limitAt = limit.getTime() < targetAt.getTime() ? targetAt : limit;
  return { clockStartsAt, targetAt, limitAt, rule };
}

export type SlaState = "ok" | "due-soon" | "target-missed" | "overdue" | "answered-in-time" | "answered-late";

export interface SlaInquiry {
  receivedAt: Date;
  channel?: InquiryChannel;
  repliedAt?: Date;
}

export interface SlaStatus extends ReplyDue {
  state: SlaState;
  /** Elapsed ms left to the target / limit (negative once passed), measured at `now` or at the reply. */
  msToTarget: number;
  msToLimit: number;
  /** Working ms left to the target (0 once passed) — what "due-soon" is judged on. */
  workingMsToTarget: number;
  /** For answered inquiries: whether the reply also met the 2 h aim. */
  metTarget?: boolean;
}

/**
 * Where an inquiry stands at `now`. Answered inquiries are judged on the reply time: "answered-in-time"
 * means within the LIMIT (R8's "within one day"); whether the 2 h aim was met is `metTarget`.
 */
export function slaState(inquiry: SlaInquiry, now: Date, settings: SlaSettings = DEFAULT_SLA_SETTINGS): SlaStatus {
  const due = replyDue(inquiry.receivedAt, inquiry.channel, settings);
  const at = inquiry.repliedAt ?? now;
  const msToTarget = due.targetAt.getTime() - at.getTime();
  const msToLimit = due.limitAt.getTime() - at.getTime();
  const workingMsToTarget = workingMsBetween(at, due.targetAt, settings.calendar);
  const base = { ...due, msToTarget, msToLimit, workingMsToTarget };
  if (inquiry.repliedAt) {
    return { ...base, state: msToLimit >= 0 ? "answered-in-time" : "answered-late", metTarget: msToTarget >= 0 };
  }
  let state: SlaState = "ok";
  if (msToLimit <= 0) state = "overdue";
  else if (msToTarget <= 0) state = "target-missed";
  else if (workingMsToTarget <= minutesToMs(settings.dueSoonWorkingMinutes)) state = "due-soon";
  return { ...base, state };
}

// ---------------------------------------------------------------------------------------------------
// Settings

export interface SlaSettingsText {
  replyTargetHours?: string;
  replyLimitHours?: string;
  faxReplyLimitHours?: string;
  dueSoonMinutes?: string;
}

function readPositive(key: string, raw: string | undefined, errors: SettingError[]): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw.trim());
  if (Number.isFinite(n) && n > 0) return n;
  errors.push({ key, value: raw, message: "expected a positive number of hours or minutes" });
  return undefined;
}

/** Reads the SLA numbers from Settings; blank values keep R8/R26 defaults. Keys are reported as given. */
export function parseSlaSettings(text: SlaSettingsText, calendar: WorkCalendar): Parsed<SlaSettings> {
  const errors: SettingError[] = [];
  const d = DEFAULT_SLA_SETTINGS;
  const target = readPositive("replyTargetHours", text.replyTargetHours, errors);
  const limit = readPositive("replyLimitHours", text.replyLimitHours, errors);
  const faxLimit = readPositive("faxReplyLimitHours", text.faxReplyLimitHours, errors);
  const dueSoon = readPositive("dueSoonMinutes", text.dueSoonMinutes, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      calendar,
      targetWorkingHours: target ?? d.targetWorkingHours,
      limitHours: limit ?? d.limitHours,
      dueSoonWorkingMinutes: dueSoon ?? d.dueSoonWorkingMinutes,
      channels: { ...d.channels, fax: { limitHours: faxLimit ?? d.channels.fax.limitHours } },
    },
  };
}
