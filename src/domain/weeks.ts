/**
 * ISO weeks and calendar months in the company zone: the keys the weekly report (R33), the midweek
 * brief (R35) and the monthly A-list (R19) are filed under, and their human labels.
 *
 * ISO 8601 weeks start on Monday; week 1 is the week holding the year's first Thursday, so 28 Dec–3 Jan
 * can belong to either year and some years (2026, 2032, …) have 53 weeks.
 */
import {
  addDaysToKey,
  type DateKey,
  dateKeyToInstant,
  daysBetweenKeys,
  formatDateKey,
  parseDateKey,
  weekdayOf,
  weekdayOfKey,
  zonedDateKey,
} from "./time";
import { isWorkingDay, type WorkingDayRule } from "./workCalendar";

/** "2026-W48" */
export type WeekKey = string;
/** "2026-11" */
export type MonthKey = string;

export type Locale = "en" | "zh-CN";

export interface IsoWeek {
  /** The ISO week-numbering year, which differs from the calendar year around New Year. */
  year: number;
  week: number;
  key: WeekKey;
  /** Monday 00:00 in the zone. */
  start: Date;
  /** The next Monday 00:00 in the zone (exclusive). */
  end: Date;
  /** Monday and Sunday as date keys (both inclusive). */
  firstDay: DateKey;
  lastDay: DateKey;
}

export interface MonthRange {
  year: number;
  month: number;
  key: MonthKey;
  start: Date;
  /** The first instant of the next month (exclusive). */
  end: Date;
  firstDay: DateKey;
  lastDay: DateKey;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** 52, or 53 when the year starts on a Thursday (or on a Wednesday in a leap year). */
export function weeksInIsoYear(year: number): number {
  const jan1 = weekdayOf(year, 1, 1);
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** The Monday of ISO week 1 of `year`. */
function mondayOfWeekOne(year: number): DateKey {
  const jan4 = formatDateKey(year, 1, 4);
  return addDaysToKey(jan4, 1 - weekdayOfKey(jan4));
}

function weekFromMonday(year: number, week: number, monday: DateKey, timeZone: string): IsoWeek {
  const nextMonday = addDaysToKey(monday, 7);
  return {
    year,
    week,
    key: `${year}-W${pad2(week)}`,
    start: dateKeyToInstant(monday, timeZone),
    end: dateKeyToInstant(nextMonday, timeZone),
    firstDay: monday,
    lastDay: addDaysToKey(monday, 6),
  };
}

/** The ISO week of a calendar day. */
export function isoWeekOfDateKey(key: DateKey, timeZone: string): IsoWeek {
  // The Thursday of a week decides which year the week belongs to.
  const thursday = addDaysToKey(key, 4 - weekdayOfKey(key));
  const weekYear = parseDateKey(thursday).year;
  const firstMonday = mondayOfWeekOne(weekYear);
  const monday = addDaysToKey(key, 1 - weekdayOfKey(key));
  const week = daysBetweenKeys(firstMonday, monday) / 7 + 1;
  return weekFromMonday(weekYear, week, monday, timeZone);
}

/** The ISO week `instant` falls in, as seen on the company's calendar. */
export function isoWeekOf(instant: Date | number, timeZone: string): IsoWeek {
  return isoWeekOfDateKey(zonedDateKey(instant, timeZone), timeZone);
}

/** Parses "2026-W48" (also "2026W48", lower case); throws RangeError for week 53 of a 52-week year. */
export function weekRange(key: WeekKey, timeZone: string): IsoWeek {
  const m = /^(\d{4})-?[Ww](\d{1,2})$/.exec(key.trim());
  if (!m) throw new RangeError(`not an ISO week key like 2026-W48: ${key}`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInIsoYear(year)) {
    throw new RangeError(`${year} has ${weeksInIsoYear(year)} ISO weeks, not ${week}: ${key}`);
  }
  return weekFromMonday(year, week, addDaysToKey(mondayOfWeekOne(year), (week - 1) * 7), timeZone);
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const EN_MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function dayRangeLabel(first: DateKey, last: DateKey, locale: Locale): string {
  const a = parseDateKey(first);
  const b = parseDateKey(last);
  if (locale === "zh-CN") {
    if (a.year !== b.year) return `${a.year}年${a.month}月${a.day}日–${b.year}年${b.month}月${b.day}日`;
    if (a.month !== b.month) return `${a.month}月${a.day}日–${b.month}月${b.day}日`;
    return `${a.month}月${a.day}日–${b.day}日`;
  }
  if (a.year !== b.year)
    return `${a.day} ${EN_MONTHS[a.month - 1]} ${a.year}–${b.day} ${EN_MONTHS[b.month - 1]} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${EN_MONTHS[a.month - 1]}–${b.day} ${EN_MONTHS[b.month - 1]}`;
  return `${a.day}–${b.day} ${EN_MONTHS[b.month - 1]}`;
}

/** "2026-W48 (23–29 Nov)" / "2026年第48周（11月23日–29日）". */
export function weekLabel(week: Pick<IsoWeek, "year" | "week" | "key" | "firstDay" | "lastDay">, locale: Locale) {
  const days = dayRangeLabel(week.firstDay, week.lastDay, locale);
  return locale === "zh-CN" ? `${week.year}年第${week.week}周（${days}）` : `${week.key} (${days})`;
}

// ---------------------------------------------------------------------------------------------------
// Months

export function monthKeyOf(instant: Date | number, timeZone: string): MonthKey {
  return zonedDateKey(instant, timeZone).slice(0, 7);
}

function parseMonthKey(key: MonthKey): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(key.trim());
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new RangeError(`not a month key like 2026-11: ${key}`);
  return { year: Number(m[1]), month };
}

/** The zoned span of a calendar month, e.g. "2026-11". */
export function monthRange(key: MonthKey, timeZone: string): MonthRange {
  const { year, month } = parseMonthKey(key);
  const firstDay = formatDateKey(year, month, 1);
  const nextFirst = formatDateKey(year, month + 1, 1);
  return {
    year,
    month,
    key: firstDay.slice(0, 7),
    start: dateKeyToInstant(firstDay, timeZone),
    end: dateKeyToInstant(nextFirst, timeZone),
    firstDay,
    lastDay: addDaysToKey(nextFirst, -1),
  };
}

/** "November 2026" / "2026年11月". */
export function monthLabel(key: MonthKey, locale: Locale): string {
  const { year, month } = parseMonthKey(key);
  return locale === "zh-CN" ? `${year}年${month}月` : `${EN_MONTHS_LONG[month - 1]} ${year}`;
}

/**
 * The first working day of a month (R19: the A-list goes out then). A month with no working day at
 * all — everything a holiday — yields undefined rather than a day in the next month.
 */
export function firstWorkingDayOfMonth(key: MonthKey, rule: WorkingDayRule): DateKey | undefined {
  const { year, month } = parseMonthKey(key);
  for (let day = formatDateKey(year, month, 1); parseDateKey(day).month === month; day = addDaysToKey(day, 1)) {
    if (isWorkingDay(day, rule)) return day;
  }
  return undefined;
}
