/**
 * Wall clock <-> instant in a time zone, on top of Intl and without dependencies. One module for every
 * service that needs it: Utilities.formatDate, the trigger scheduler, Sheets' typed dates and serial numbers.
 *
 * Apps Script runs on Java, so zone ids behave as java.util.TimeZone.getTimeZone makes them behave:
 * an unknown id silently becomes GMT, and "GMT+8" / "GMT+08:00" / "UTC-0530" are custom fixed-offset ids.
 * Offsets keep their seconds (Intl reports local mean time before 1900, e.g. +08:05:43 for Shanghai),
 * so Sheets' day zero (1899-12-30) converts both ways without drift.
 */
export interface WallClock {
  /** Astronomical year: 1 BC is 0, 2 BC is -1 (what Date.getUTCFullYear gives). */
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes east of UTC in force at that instant, truncated as Java's "Z" pattern prints them. */
  offsetMinutes: number;
}

const FIXED_OFFSET = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Date.UTC for any year: Date.UTC maps years 0-99 to 1900-1999, which would corrupt ancient dates and
 * Sheets' serial arithmetic; setUTCFullYear does not.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Fixed offset in minutes for "GMT", "UTC", "GMT+8", "GMT-05:30"; undefined for region ids. */
export function fixedOffsetOf(zone: string): number | undefined {
  const m = FIXED_OFFSET.exec(zone.trim());
  if (!m) return undefined;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

/** Whether Java would know this id (otherwise it falls back to GMT). */
export function isKnownZone(zone: string): boolean {
  return fixedOffsetOf(zone) !== undefined || formatterFor(zone) !== null;
}

/** Offset of `zone` from UTC at instant `ms`, in ms (east positive, whole seconds). */
export function offsetMsAt(ms: number, zone: string): number {
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined) return fixed * MINUTE;
  const f = formatterFor(zone);
  if (!f) return 0;
  const p = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of f.formatToParts(new Date(ms))) {
    if (part.type === "era") bc = part.value.startsWith("B");
    else if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  }
  const year = bc ? 1 - p.year : p.year;
  const wholeSecond = ms - (((ms % SECOND) + SECOND) % SECOND);
  return utcMs(year, p.month, p.day, p.hour % 24, p.minute, p.second) - wholeSecond;
}

export function offsetMinutesAt(ms: number, zone: string): number {
  return Math.trunc(offsetMsAt(ms, zone) / MINUTE);
}

/** What a wall clock in `zone` shows at instant `ms`. */
export function wallClock(ms: number, zone: string): WallClock {
  const offset = offsetMsAt(ms, zone);
  const d = new Date(ms + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes: Math.trunc(offset / MINUTE),
  };
}

/**
 * The instant when the wall clock in `zone` shows the given local time, as Java's lenient calendar resolves
 * it: in a DST gap the clock jumps, so 02:30 becomes the instant shown as 03:30; in an overlap the earlier
 * of the two instants wins.
 */
export function wallClockToMs(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = utcMs(year, month, day, hour, minute, second);
  const before = offsetMsAt(wall - DAY, zone);
  const after = offsetMsAt(wall + DAY, zone);
  // No transition within a day either side (the common case): one offset answers.
  if (before === after && offsetMsAt(wall - before, zone) === before) return wall - before;
  const candidates = [before, offsetMsAt(wall, zone), after].map((o) => wall - o);
  const valid = candidates.filter((c) => c + offsetMsAt(c, zone) === wall);
  return valid.length > 0 ? Math.min(...valid) : Math.max(...candidates);
}

/** Java's short zone name, e.g. "EST", "CST" for China, or "GMT+08:00" for custom ids. */
export function shortZoneName(ms: number, zone: string): string {
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined || !formatterFor(zone)) return fixed ? `GMT${formatOffset(fixed, true)}` : "GMT";
  const javaName = JAVA_SHORT_NAMES[zone]?.(offsetMinutesAt(ms, zone));
  if (javaName) return javaName;
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName")?.value;
  if (!name || /^GMT[+-]/.test(name)) return `GMT${formatOffset(offsetMinutesAt(ms, zone), true)}`;
  return name;
}

const always = (name: string) => () => name;
/** Where Java's names differ from CLDR's (CLDR says "GMT+8" where Java says "CST"). */
const JAVA_SHORT_NAMES: Record<string, (offsetMinutes: number) => string> = {
  "Asia/Shanghai": always("CST"),
  "Asia/Chongqing": always("CST"),
  "Asia/Harbin": always("CST"),
  "Asia/Taipei": always("CST"),
  "Asia/Hong_Kong": always("HKT"),
  "Asia/Tokyo": always("JST"),
  "Asia/Seoul": always("KST"),
  "Asia/Kolkata": always("IST"),
  "Asia/Singapore": always("SGT"),
  "Europe/London": (o) => (o === 0 ? "GMT" : "BST"),
  "Europe/Berlin": (o) => (o === 60 ? "CET" : "CEST"),
  "Europe/Paris": (o) => (o === 60 ? "CET" : "CEST"),
  UTC: always("UTC"),
  "Etc/UTC": always("UTC"),
};

export function longZoneName(ms: number, zone: string): string {
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined || !formatterFor(zone))
    return fixed ? `GMT${formatOffset(fixed, true)}` : "Greenwich Mean Time";
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "long" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName")?.value;
  return name ?? `GMT${formatOffset(offsetMinutesAt(ms, zone), true)}`;
}

/** "+0800" or, with a colon, "+08:00". */
export function formatOffset(offsetMinutes: number, colon: boolean): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}
