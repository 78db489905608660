/**
 * Time-zone arithmetic on top of Intl, shared by Utilities.formatDate and the trigger scheduler.
 * Apps Script runs on Java: an unknown zone id silently becomes GMT (java.util.TimeZone.getTimeZone), and
 * "GMT+8" / "GMT+08:00" / "GMT-0530" are custom fixed-offset ids. We do the same.
 */
export interface LocalFields {
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
  /** Minutes east of UTC in force at that instant. */
  offsetMinutes: number;
}

const FIXED_OFFSET = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    try {
      formatters.set(
        zone,
        new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          hourCycle: "h23",
          year: "numeric",
          month: "numeric",
          day: "numeric",
          hour: "numeric",
          minute: "numeric",
          second: "numeric",
        }),
      );
    } catch {
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone) ?? null;
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

export function offsetMinutesAt(ms: number, zone: string): number {
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined) return fixed;
  const f = formatterFor(zone);
  if (!f) return 0;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  const wholeSecondMs = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - wholeSecondMs) / 60000);
}

export function localFields(ms: number, zone: string): LocalFields {
  const offsetMinutes = offsetMinutesAt(ms, zone);
  const d = new Date(ms + offsetMinutes * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes,
  };
}

/**
 * The instant when the wall clock in `zone` shows the given local time. In a DST gap the clock jumps, so
 * we land on the first valid instant after it; in an overlap we take the earlier one (Java does the same).
 */
export function zonedTimeToMs(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = wall - offsetMinutesAt(wall, zone) * 60000;
  const second2 = wall - offsetMinutesAt(first, zone) * 60000;
  const candidates = [first, second2].filter((c) => c + offsetMinutesAt(c, zone) * 60000 === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return Math.max(first, second2);
}

/** Java's short zone name, e.g. "EST", "CST" for China, or "GMT+08:00" for custom ids. */
export function shortZoneName(ms: number, zone: string): string {
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined || !formatterFor(zone)) return fixed ? `GMT${formatOffset(fixed, true)}` : "GMT";
  // Java's names differ from CLDR's for some zones; CLDR says "GMT+8" where Java says "CST".
  const javaNames: Record<string, string> = {
    "Asia/Shanghai": "CST",
    "Asia/Chongqing": "CST",
    "Asia/Harbin": "CST",
    "Asia/Taipei": "CST",
    "Asia/Hong_Kong": "HKT",
    "Asia/Tokyo": "JST",
    "Asia/Seoul": "KST",
    "Asia/Kolkata": "IST",
    "Asia/Singapore": "SGT",
    "Europe/London": offsetMinutesAt(ms, zone) === 0 ? "GMT" : "BST",
    "Europe/Berlin": offsetMinutesAt(ms, zone) === 60 ? "CET" : "CEST",
    "Europe/Paris": offsetMinutesAt(ms, zone) === 60 ? "CET" : "CEST",
    UTC: "UTC",
    "Etc/UTC": "UTC",
  };
  if (javaNames[zone]) return javaNames[zone];
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName")?.value;
  if (!name || /^GMT[+-]/.test(name)) return `GMT${formatOffset(offsetMinutesAt(ms, zone), true)}`;
  return name;
}

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

/**
 * Week of year as java.util.GregorianCalendar computes it for the en_US locale Apps Script formats with:
 * weeks start on Sunday and week 1 is the week containing January 1 (minimalDaysInFirstWeek = 1). So the
 * last days of December can be week 1 of the next year. This is NOT the ISO week (use "u"/ISO elsewhere).
 */
export function usWeekOfYear(year: number, month: number, day: number): { week: number; weekYear: number } {
  const dayMs = Date.UTC(year, month - 1, day);
  const weekStart = (y: number) => {
    const jan1 = Date.UTC(y, 0, 1);
    return jan1 - new Date(jan1).getUTCDay() * 86400000;
  };
  const nextStart = weekStart(year + 1);
  if (dayMs >= nextStart) return { week: 1, weekYear: year + 1 };
  return { week: Math.floor((dayMs - weekStart(year)) / (7 * 86400000)) + 1, weekYear: year };
}
