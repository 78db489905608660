import { zonedToInstant } from "../domain/time";

/** Reads "2026-11-26", "2026/11/26", "2026-11-26 08:30" typed by a person as an instant in the company zone. */
export function dateTextParser(timeZone: string): (text: string) => Date | undefined {
  return (text: string) => {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
    if (!m) return undefined;
    const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0"].map(Number);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
    return zonedToInstant({ year, month, day, hour, minute }, timeZone);
  };
}
