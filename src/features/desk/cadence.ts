import type { Config } from "../../app/config";
import { nextFollowUp } from "../../domain/cadence";
import { isGrade } from "../../domain/grades";
import { dateKeyToInstant } from "../../domain/time";

/** R20/R23 as the sheet stores it: the due day as a Date at midnight in the company zone. */
export function nextFollowUpDate(since: Date, grade: string, config: Config): Date {
  const key = nextFollowUp(since, isGrade(grade) ? grade : undefined, config.cadenceDays, config.timeZone);
  return dateKeyToInstant(key, config.timeZone);
}
