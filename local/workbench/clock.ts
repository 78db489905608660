/** The workbench's clock steps, in the company's time zone (the report slot is "SAT 16:00" company time). */
import { addDaysToKey, dateKeyToInstant, weekdayOfKey, zonedDateKey } from "../../src/domain/time";

export type ClockStep = "hour" | "day" | "saturday";

export const CLOCK_STEPS: readonly ClockStep[] = ["hour", "day", "saturday"];

/** Where a step takes the clock: an hour on, a day on, or the next Saturday 16:00 strictly after now. */
export function clockTarget(now: Date, step: ClockStep, timeZone: string): Date {
  if (step === "hour") return new Date(now.getTime() + 3600_000);
  if (step === "day") return new Date(now.getTime() + 24 * 3600_000);
  const today = zonedDateKey(now, timeZone);
  for (let i = 0; i <= 7; i++) {
    const key = addDaysToKey(today, i);
    if (weekdayOfKey(key) !== 6) continue;
    const at = dateKeyToInstant(key, timeZone, 16 * 60);
    if (at.getTime() > now.getTime()) return at;
  }
  return dateKeyToInstant(addDaysToKey(today, 7), timeZone, 16 * 60);
}
