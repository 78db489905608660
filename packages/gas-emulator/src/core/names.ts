/**
 * English month and weekday names, as both Java's SimpleDateFormat (en_US symbols, used by
 * Utilities.formatDate) and Sheets' number formats ("mmmm", "dddd") print them.
 */
export const MONTH_NAMES = [
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
] as const;

/** Indexed like Date.getUTCDay(): 0 = Sunday. */
export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** "Jan", "Sun": the three-letter forms both use. */
export function shortName(name: string): string {
  return name.slice(0, 3);
}
