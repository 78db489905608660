/**
 * R20/R23 as the sheet stores it: the due day as a Date at midnight in the company zone, moved off weekends
 * and holidays (Settings working days and holidays), and the "Days overdue" beside it.
 */
import type { Config } from "../../app/config";
import { buyerDueDate, nextFollowUp, type WorkdayTest } from "../../domain/cadence";
import { isGrade } from "../../domain/grades";
import { dateKeyToInstant, daysBetweenKeys, zonedDateKey } from "../../domain/time";
import { isWorkingDay } from "../../domain/workCalendar";
import type { Buyer } from "../../store/schemas";

export type CadenceConfig = Pick<Config, "timeZone" | "cadenceDays" | "calendar">;

/** Buyers nobody may contact (they asked, the mail bounced, they unsubscribed, or the row is a merged alias). */
const NO_CONTACT = new Set(["do-not-contact", "bounced", "unsubscribed", "merged"]);

export function contactable(status: string): boolean {
  return !NO_CONTACT.has(status);
}

export function workdayTest(config: Pick<Config, "calendar">): WorkdayTest {
  return (key) => isWorkingDay(key, config.calendar);
}

export function nextFollowUpDate(since: Date, grade: string, config: CadenceConfig): Date {
  const key = nextFollowUp(
    since,
    isGrade(grade) ? grade : undefined,
    config.cadenceDays,
    config.timeZone,
    workdayTest(config),
  );
  return dateKeyToInstant(key, config.timeZone);
}

/** The derived cells a buyer should show at `now`: blank for buyers who must not be contacted. */
export function dueCells(
  b: Pick<Buyer, "id" | "grade" | "created" | "lastContact" | "status">,
  now: Date,
  config: CadenceConfig,
): { nextFollowUp: Date | null; daysOverdue: number | null; daysLate: number | null } {
  const key = buyerDueDate(
    {
      id: b.id,
      grade: isGrade(b.grade) ? b.grade : undefined,
      createdAt: b.created ?? undefined,
      lastContactAt: b.lastContact ?? undefined,
      doNotContact: !contactable(b.status),
    },
    now,
    config.timeZone,
    config.cadenceDays,
    workdayTest(config),
  );
  if (key === undefined) return { nextFollowUp: null, daysOverdue: null, daysLate: null };
  const daysLate = daysBetweenKeys(key, zonedDateKey(now, config.timeZone));
  return { nextFollowUp: dateKeyToInstant(key, config.timeZone), daysOverdue: Math.max(0, daysLate), daysLate };
}

/**
 * The next follow-up a person is told after an action: the due day, or today when that day has passed (a
 * buyer overdue is due now — "next follow-up 4 Nov" on 23 Nov would tell them nothing).
 */
export function nextContactShown(due: Date | null, now: Date, timeZone: string): string | null {
  if (!due) return null;
  const today = dateKeyToInstant(zonedDateKey(now, timeZone), timeZone);
  return (due.getTime() < today.getTime() ? today : due).toISOString();
}
