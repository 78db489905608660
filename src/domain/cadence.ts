/**
 * Follow-up cadence: when each buyer should next be contacted (R20, R23).
 *
 * Representation: a whole number of calendar days per grade, counted from the day of the last contact
 * (or the day the buyer was created, if never contacted), in the company zone. The due date is a date
 * key; convert with `dateKeyToInstant` for the instant it starts.
 *
 * Defaults and why:
 * - R20 "A twice a week": every 3 days. 3.5 is not a whole day, and alternating 3/4 would need to
 *   remember the previous gap; 3 days always gives at least two contacts in any 7 days.
 * - R20 "B once a week" 7, "C every half month" 15, "D once a month" 30.
 * - R20 vs R23: R23 says "contact every buyer at least once every half month", yet R20 gives D buyers a
 *   month. We read R20 as the specific rule for graded buyers (so D stays 30) and R23 as the rule for
 *   buyers nobody has graded yet (ungraded: 15) — every inquiry is tracked even before triage.
 *   A company that wants R23 literally for everyone sets `maxGapDays: 15`, which caps every grade.
 */
import { type Grade, gradeRank } from "./grades";
import { addDaysToKey, type DateKey, daysBetweenKeys, type Parsed, zonedDateKey } from "./time";

export interface CadenceSettings {
  /** Days between contacts per grade, and for buyers not graded yet. */
  A: number;
  B: number;
  C: number;
  D: number;
  ungraded: number;
  /** R23 as a hard floor for every grade, when set: no buyer waits longer than this. */
  maxGapDays?: number;
}

export const DEFAULT_CADENCE: CadenceSettings = { A: 3, B: 7, C: 15, D: 30, ungraded: 15 };

/** The gap in days that applies to a grade, after the optional R23 cap. */
export function cadenceDays(grade: Grade | undefined, settings: CadenceSettings = DEFAULT_CADENCE): number {
  const days = grade ? settings[grade] : settings.ungraded;
  return settings.maxGapDays !== undefined ? Math.min(days, settings.maxGapDays) : days;
}

/** Tells whether a day is a working day (Settings working days and holidays); every day when absent. */
export type WorkdayTest = (key: DateKey) => boolean;

/** The first working day on or after `key` (a due day never falls on a weekend or holiday). */
export function onWorkingDay(key: DateKey, isWorkday?: WorkdayTest): DateKey {
  if (!isWorkday) return key;
  // A month of closed days in a row is a broken calendar, not a holiday: then the day stays as it is.
  for (let n = 0, day = key; n < 31; n += 1, day = addDaysToKey(day, 1)) if (isWorkday(day)) return day;
  return key;
}

/**
 * R20/R23: the day the next follow-up is due, counted from the last contact (or creation) day and moved to
 * the next working day when it falls on a day off.
 */
export function nextFollowUp(
  since: Date,
  grade: Grade | undefined,
  settings: CadenceSettings,
  timeZone: string,
  isWorkday?: WorkdayTest,
): DateKey {
  return onWorkingDay(addDaysToKey(zonedDateKey(since, timeZone), cadenceDays(grade, settings)), isWorkday);
}

export type DueState = "overdue" | "today" | "upcoming";

/** Whole days past the due date (0 when due today or later). */
export function daysOverdue(nextDue: DateKey, now: Date, timeZone: string): number {
  return Math.max(0, daysBetweenKeys(nextDue, zonedDateKey(now, timeZone)));
}

export function dueState(nextDue: DateKey, now: Date, timeZone: string): DueState {
  const daysLate = daysBetweenKeys(nextDue, zonedDateKey(now, timeZone));
  if (daysLate > 0) return "overdue";
  return daysLate === 0 ? "today" : "upcoming";
}

// ---------------------------------------------------------------------------------------------------
// Buyers

export interface CadenceBuyer {
  id: string;
  grade?: Grade;
  createdAt?: Date;
  lastContactAt?: Date;
  /** The buyer asked not to be contacted, or unsubscribed: no follow-up is ever due. */
  doNotContact?: boolean;
  unsubscribed?: boolean;
}

function validDate(d: Date | undefined): d is Date {
  return d !== undefined && !Number.isNaN(d.getTime());
}

/**
 * The buyer's next due day, or undefined for buyers who must not be contacted. A buyer with neither a
 * contact nor a creation date is due today: we cannot tell how long they have waited.
 */
export function buyerDueDate(
  buyer: CadenceBuyer,
  now: Date,
  timeZone: string,
  settings: CadenceSettings = DEFAULT_CADENCE,
  isWorkday?: WorkdayTest,
): DateKey | undefined {
  if (buyer.doNotContact || buyer.unsubscribed) return undefined;
  const since = validDate(buyer.lastContactAt) ? buyer.lastContactAt : buyer.createdAt;
  return validDate(since)
    ? nextFollowUp(since, buyer.grade, settings, timeZone, isWorkday)
    : zonedDateKey(now, timeZone);
}

export interface DueEntry<B extends CadenceBuyer> {
  buyer: B;
  dueDate: DateKey;
  state: DueState;
  daysOverdue: number;
  /** Days until due (negative when overdue). */
  daysUntil: number;
}

/**
 * Every contactable buyer with their due day, most urgent first: longest overdue, then better grade
 * (A before D, ungraded last), then id for a stable order. `withinDays` keeps only buyers due by then.
 */
export function dueList<B extends CadenceBuyer>(
  buyers: readonly B[],
  now: Date,
  timeZone: string,
  settings: CadenceSettings = DEFAULT_CADENCE,
  withinDays?: number,
): DueEntry<B>[] {
  const today = zonedDateKey(now, timeZone);
  const entries: DueEntry<B>[] = [];
  for (const buyer of buyers) {
    const dueDate = buyerDueDate(buyer, now, timeZone, settings);
    if (dueDate === undefined) continue;
    const daysUntil = daysBetweenKeys(today, dueDate);
    if (withinDays !== undefined && daysUntil > withinDays) continue;
    const state: DueState = daysUntil < 0 ? "overdue" : daysUntil === 0 ? "today" : "upcoming";
    entries.push({ buyer, dueDate, state, daysOverdue: Math.max(0, -daysUntil), daysUntil });
  }
  return entries.sort(
    (a, b) =>
      a.daysUntil - b.daysUntil ||
      gradeRank(a.buyer.grade) - gradeRank(b.buyer.grade) ||
      (a.buyer.id < b.buyer.id ? -1 : a.buyer.id > b.buyer.id ? 1 : 0),
  );
}

// ---------------------------------------------------------------------------------------------------
// Settings

const CADENCE_KEYS: Record<string, keyof CadenceSettings> = {
  a: "A",
  b: "B",
  c: "C",
  d: "D",
  ungraded: "ungraded",
  none: "ungraded",
  "-": "ungraded",
  未分级: "ungraded",
  max: "maxGapDays",
  floor: "maxGapDays",
};

/**
 * Reads "A:3, B:7, C:15, D:30, ungraded:15, max:15" (":" or "=", any separators, "A级:3" works too).
 * Entries left out keep their defaults; days must be whole and positive.
 */
export function parseCadenceSettings(raw: string, key = "followUpDays"): Parsed<CadenceSettings> {
  const settings: CadenceSettings = { ...DEFAULT_CADENCE };
  const fail = (message: string): Parsed<CadenceSettings> => ({ ok: false, errors: [{ key, value: raw, message }] });
  for (const entry of raw.normalize("NFKC").split(/[,;、\n]+/)) {
    if (entry.trim() === "") continue;
    const m = /^\s*(\S+?)(?:级|級)?\s*[:=]\s*(\S+)\s*$/.exec(entry);
    const field = m ? CADENCE_KEYS[m[1].toLowerCase()] : undefined;
    if (!m || !field) return fail(`"${entry.trim()}" is not like A:3 (grade A–D, ungraded or max, then days)`);
    const days = Number(m[2]);
    if (!Number.isInteger(days) || days < 1) return fail(`"${entry.trim()}": days must be a whole number ≥ 1`);
    settings[field] = days;
  }
  return { ok: true, value: settings };
}
