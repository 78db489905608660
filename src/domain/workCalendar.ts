/**
 * The company's working calendar: which days are working days, and the opening hours on those days.
 * Built from Settings text ("09:00-18:00", "MON-FRI", "2026-10-01, 2026-10-02") and used by the reply
 * SLA (R8), the first working day of the month (R19) and anything else that counts working time.
 */
import {
  type DateKey,
  DEFAULT_TIME_ZONE,
  formatClockTime,
  isDateKey,
  isValidTimeZone,
  type Parsed,
  parseClockTime,
  parseWeekday,
  type SettingError,
  WEEKDAY_ABBREVIATIONS,
  type Weekday,
  weekdayOfKey,
} from "./time";

/** Which calendar days are working days. */
export interface WorkingDayRule {
  /** ISO weekdays the office normally works (1 = Monday). */
  workingDays: readonly Weekday[];
  /** Public holidays and other closed days, even when they fall on a working weekday. */
  holidays: readonly DateKey[];
  /**
   * Days worked although their weekday is normally off — China's 调休 make-up days, when a weekend
   * is worked to bridge a public holiday. Holidays win if a day is listed in both.
   */
  extraWorkingDays?: readonly DateKey[];
}

/** One opening period in minutes after local midnight, `start` < `end` (no shifts across midnight). */
export interface WorkingPeriod {
  start: number;
  end: number;
}

export interface WorkCalendar extends WorkingDayRule {
  timeZone: string;
  /** Opening periods of every working day, sorted and non-overlapping (e.g. a lunch break splits two). */
  periods: readonly WorkingPeriod[];
}

/** Mon–Fri, 09:00–18:00 in Asia/Shanghai. Saturday work is common in export firms: set it in Settings. */
export const DEFAULT_WORK_CALENDAR: WorkCalendar = {
  timeZone: DEFAULT_TIME_ZONE,
  periods: [{ start: 9 * 60, end: 18 * 60 }],
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
  extraWorkingDays: [],
};

export function isWorkingDay(key: DateKey, rule: WorkingDayRule): boolean {
  if (rule.holidays.indexOf(key) >= 0) return false;
  if (rule.extraWorkingDays && rule.extraWorkingDays.indexOf(key) >= 0) return true;
  return rule.workingDays.indexOf(weekdayOfKey(key)) >= 0;
}

/** Minutes of opening time on one working day. */
export function workingMinutesPerDay(calendar: WorkCalendar): number {
  return calendar.periods.reduce((sum, p) => sum + (p.end - p.start), 0);
}

// ---------------------------------------------------------------------------------------------------
// Settings parsing

/** The Settings text a calendar is built from; blank or missing fields take the defaults. */
export interface WorkCalendarSettings {
  timeZone?: string;
  /** "09:00-18:00" or "09:00-12:00, 13:30-18:00" */
  workingHours?: string;
  /** "MON-FRI", "Mon-Sat", "MON,TUE,WED,THU,FRI,SAT", "周一至周六" */
  workingDays?: string;
  /** Date keys separated by commas, semicolons, spaces or new lines. */
  holidays?: string;
  extraWorkingDays?: string;
}

/** The Settings key each field is reported under when it cannot be read. */
export const WORK_CALENDAR_SETTING_KEYS: Record<keyof WorkCalendarSettings, string> = {
  timeZone: "timeZone",
  workingHours: "workingHours",
  workingDays: "workingDays",
  holidays: "holidays",
  extraWorkingDays: "extraWorkingDays",
};

function isBlank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === "";
}

function splitList(raw: string): string[] {
  return raw
    .split(/[,;，；、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function parseWorkingHours(raw: string, key = "workingHours"): Parsed<WorkingPeriod[]> {
  const periods: WorkingPeriod[] = [];
  const fail = (message: string): Parsed<WorkingPeriod[]> => ({ ok: false, errors: [{ key, value: raw, message }] });
  for (const piece of raw.split(/[,;，；]/).map((s) => s.trim())) {
    if (piece === "") continue;
    const m = /^(\S+?)\s*(?:-|–|—|~|～|至|到)\s*(\S+)$/.exec(piece);
    const start = m ? parseClockTime(m[1]) : undefined;
    const end = m ? parseClockTime(m[2]) : undefined;
    if (start === undefined || end === undefined) {
      return fail(`"${piece}" is not a time range like 09:00-18:00`);
    }
    if (end <= start) return fail(`"${piece}" ends before it starts (shifts across midnight are not supported)`);
    periods.push({ start, end });
  }
  if (periods.length === 0) return fail("no working hours given, expected e.g. 09:00-18:00");
  periods.sort((a, b) => a.start - b.start);
  for (let i = 1; i < periods.length; i++) {
    if (periods[i].start < periods[i - 1].end) {
      return fail(
        `${formatClockTime(periods[i].start)} overlaps the period ending ${formatClockTime(periods[i - 1].end)}`,
      );
    }
  }
  return { ok: true, value: periods };
}

/** "MON-FRI", "Mon-Sat", "MON,WED,FRI", "周一至周五" -> sorted ISO weekdays. */
export function parseWorkingDays(raw: string, key = "workingDays"): Parsed<Weekday[]> {
  const days = new Set<Weekday>();
  for (const piece of raw.split(/[,;，；、\s]+/).filter((s) => s !== "")) {
    const range = /^(.+?)(?:-|–|—|~|～|至|到)(.+)$/.exec(piece);
    const from = parseWeekday(range ? range[1] : piece);
    const to = range ? parseWeekday(range[2]) : from;
    if (from === undefined || to === undefined) {
      return { ok: false, errors: [{ key, value: raw, message: `"${piece}" is not a weekday or range like MON-FRI` }] };
    }
    // A range may wrap the week end: "SUN-THU" is common in the Middle East.
    for (let d = from, n = 0; n < 7; d = ((d % 7) + 1) as Weekday, n++) {
      days.add(d);
      if (d === to) break;
    }
  }
  if (days.size === 0) return { ok: false, errors: [{ key, value: raw, message: "no working days given" }] };
  return { ok: true, value: Array.from(days).sort((a, b) => a - b) };
}

function parseDateList(raw: string, key: string): Parsed<DateKey[]> {
  const bad = splitList(raw).filter((s) => !isDateKey(s));
  if (bad.length > 0) {
    return { ok: false, errors: [{ key, value: raw, message: `not dates in YYYY-MM-DD form: ${bad.join(", ")}` }] };
  }
  return { ok: true, value: splitList(raw).sort() };
}

/** Builds a calendar from Settings text, collecting every error rather than stopping at the first. */
export function parseWorkCalendar(
  settings: WorkCalendarSettings,
  keys: Record<keyof WorkCalendarSettings, string> = WORK_CALENDAR_SETTING_KEYS,
): Parsed<WorkCalendar> {
  const errors: SettingError[] = [];
  const calendar: WorkCalendar = { ...DEFAULT_WORK_CALENDAR };
  if (!isBlank(settings.timeZone)) {
    const tz = settings.timeZone.trim();
    if (isValidTimeZone(tz)) calendar.timeZone = tz;
    else errors.push({ key: keys.timeZone, value: settings.timeZone, message: "not an IANA time zone name" });
  }
  const take = <T>(raw: string | undefined, parse: (raw: string) => Parsed<T>, apply: (value: T) => void) => {
    if (isBlank(raw)) return;
    const parsed = parse(raw);
    if (parsed.ok) apply(parsed.value);
    else errors.push(...parsed.errors);
  };
  take(
    settings.workingHours,
    (raw) => parseWorkingHours(raw, keys.workingHours),
    (v) => {
      calendar.periods = v;
    },
  );
  take(
    settings.workingDays,
    (raw) => parseWorkingDays(raw, keys.workingDays),
    (v) => {
      calendar.workingDays = v;
    },
  );
  take(
    settings.holidays,
    (raw) => parseDateList(raw, keys.holidays),
    (v) => {
      calendar.holidays = v;
    },
  );
  take(
    settings.extraWorkingDays,
    (raw) => parseDateList(raw, keys.extraWorkingDays),
    (v) => {
      calendar.extraWorkingDays = v;
    },
  );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: calendar };
}

/** "MON-FRI" style text for display. */
export function describeWorkingDays(days: readonly Weekday[]): string {
  return days.map((d) => WEEKDAY_ABBREVIATIONS[d - 1]).join(",");
}
