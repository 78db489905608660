/**
 * Time-zone arithmetic for the company's IANA time zone, built only on `Intl.DateTimeFormat` with
 * `timeZone` (available in Apps Script V8). Time is always a parameter here: nothing reads the clock.
 *
 * Two representations are used throughout the domain:
 * - an *instant* (`Date`), an absolute point in time;
 * - a *date key* ("2026-11-26"), a calendar day in the company zone. Calendar arithmetic on date keys is
 *   done in UTC, where every day has 24 hours, so it is exact and zone-free.
 */

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A calendar day written "YYYY-MM-DD". */
export type DateKey = string;

export interface ZonedParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

/** A wall-clock time in a zone; fields may overflow (day 32, minute 90) and are normalised like `Date.UTC`. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** A Settings value that could not be read; `key` names the Settings key so the person can fix it. */
export interface SettingError {
  key: string;
  value: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: SettingError[] };

const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

// Building a DateTimeFormat costs far more than using one (ICU data load), and the hourly heartbeat
// formats thousands of instants, so keep one per zone for the life of the script.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hour12: false,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function toMs(instant: Date | number): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("time: not a valid instant");
  return ms;
}

/** The wall-clock fields of `instant` as seen in `timeZone`. */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(toMs(instant))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  // Some ICU versions print midnight as "24" under hour12:false.
  const hour = fields.hour === 24 ? 0 : fields.hour;
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour,
    minute: fields.minute,
    second: fields.second,
    weekday: weekdayOf(fields.year, fields.month, fields.day),
  };
}

/** Milliseconds the zone is ahead of UTC at `instant` (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: Date | number, timeZone: string): number {
  const ms = toMs(instant);
  const p = zonedParts(ms, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return wallAsUtc - wholeSecond;
}

function localAsUtcMs(local: LocalDateTime): number {
  return Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
    local.millisecond ?? 0,
  );
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`.
 *
 * DST is resolved deterministically, like Temporal's "compatible" disambiguation:
 * - in an overlap (autumn: 02:30 happens twice in Berlin) the EARLIER instant is returned;
 * - in a gap (spring: 02:30 never happens in Berlin) the time is moved FORWARD by the gap's length,
 *   so 02:30 becomes 03:30 — the moment the clock would show had it not jumped.
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): Date {
  const wall = localAsUtcMs(local);
  // Offsets a day either side bracket any transition near this wall time (zones change at most once a day).
  const offsetBefore = zoneOffsetMs(wall - MS_PER_DAY, timeZone);
  const offsetAfter = zoneOffsetMs(wall + MS_PER_DAY, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((ms) => ms + zoneOffsetMs(ms, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // Gap: read the wall time with the offset in force before the jump, which lands after it.
  return new Date(wall - offsetBefore);
}

/** Midnight (or the first existing instant) of the zoned calendar day containing `instant`. */
export function startOfZonedDay(instant: Date | number, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  return zonedToInstant({ year: p.year, month: p.month, day: p.day }, timeZone);
}

/** `n` calendar days later (or earlier) at the same wall-clock time; across DST this is not n × 24 h. */
export function addZonedDays(instant: Date | number, n: number, timeZone: string): Date {
  const ms = toMs(instant);
  const p = zonedParts(ms, timeZone);
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return zonedToInstant({ ...p, day: p.day + n, millisecond }, timeZone);
}

/** The zoned calendar day of `instant`, e.g. "2026-11-26". */
export function zonedDateKey(instant: Date | number, timeZone: string): DateKey {
  const p = zonedParts(instant, timeZone);
  return formatDateKey(p.year, p.month, p.day);
}

// ---------------------------------------------------------------------------------------------------
// Date keys: calendar days, zone-free.

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

export function formatDateKey(year: number, month: number, day: number): DateKey {
  const d = new Date(Date.UTC(year, month - 1, day));
  const y = d.getUTCFullYear();
  const yyyy = y >= 0 && y < 10000 ? String(y).padStart(4, "0") : String(y);
  return `${yyyy}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Parses "2026-11-26"; throws RangeError for anything else, including 2026-02-30. */
export function parseDateKey(key: DateKey): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not a date key (YYYY-MM-DD): ${key}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (formatDateKey(year, month, day) !== key) throw new RangeError(`no such calendar day: ${key}`);
  return { year, month, day };
}

export function isDateKey(value: string): boolean {
  try {
    parseDateKey(value);
    return true;
  } catch {
    return false;
  }
}

function dateKeyUtcMs(key: DateKey): number {
  const { year, month, day } = parseDateKey(key);
  return Date.UTC(year, month - 1, day);
}

export function addDaysToKey(key: DateKey, n: number): DateKey {
  const { year, month, day } = parseDateKey(key);
  return formatDateKey(year, month, day + n);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenKeys(from: DateKey, to: DateKey): number {
  return Math.round((dateKeyUtcMs(to) - dateKeyUtcMs(from)) / MS_PER_DAY);
}

export function weekdayOf(year: number, month: number, day: number): Weekday {
  const sundayZero = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as Weekday;
}

export function weekdayOfKey(key: DateKey): Weekday {
  const { year, month, day } = parseDateKey(key);
  return weekdayOf(year, month, day);
}

// Working-time and schedule scans ask for the same few opening times over and over; each answer costs
// several Intl calls, which are slow in Apps Script. Answers never change, so remember a bounded number.
const dayTimeCache = new Map<string, number>();
const DAY_TIME_CACHE_LIMIT = 5000;

/** The instant a zoned calendar day starts (or, given minutes, the wall time that many minutes after midnight). */
export function dateKeyToInstant(key: DateKey, timeZone: string, minutesAfterMidnight = 0): Date {
  const cacheKey = `${timeZone}|${key}|${minutesAfterMidnight}`;
  let ms = dayTimeCache.get(cacheKey);
  if (ms === undefined) {
    const { year, month, day } = parseDateKey(key);
    ms = zonedToInstant({ year, month, day, minute: minutesAfterMidnight }, timeZone).getTime();
    if (dayTimeCache.size >= DAY_TIME_CACHE_LIMIT) dayTimeCache.clear();
    dayTimeCache.set(cacheKey, ms);
  }
  return new Date(ms);
}

// ---------------------------------------------------------------------------------------------------
// Parsing what people type into Settings.

/** "09:00", "9:00", "18:30" -> minutes after midnight; "24:00" allowed as end of day. */
export function parseClockTime(raw: string): number | undefined {
  const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(raw);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59 || hour > 24 || (hour === 24 && minute > 0)) return undefined;
  return hour * 60 + minute;
}

/** Minutes after midnight -> "08:30". */
export function formatClockTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

const WEEKDAY_NAMES: Record<string, Weekday> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

const ZH_WEEKDAY_DIGITS: Record<string, Weekday> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};

/** "MON", "Monday", "周一", "星期日", "礼拜六" -> ISO weekday. */
export function parseWeekday(raw: string): Weekday | undefined {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  const en = WEEKDAY_NAMES[text.replace(/\.$/, "")];
  if (en) return en;
  const zh = /^(?:周|星期|礼拜|禮拜)(.)$/.exec(text);
  return zh ? ZH_WEEKDAY_DIGITS[zh[1]] : undefined;
}

export const WEEKDAY_ABBREVIATIONS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;

export function minutesToMs(minutes: number): number {
  return minutes * MS_PER_MINUTE;
}
