/**
 * Sheets' serial numbers: days since 1899-12-30 on the spreadsheet's local wall clock (not the machine's).
 * The zone arithmetic itself lives in core/zones.
 */
import { utcMs, wallClock } from "../core/zones";

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** Sheets' serial number of an instant, read on the wall clock of `timeZone`. */
export function toSerial(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const local = utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond);
  return (local - SERIAL_EPOCH_UTC) / 86_400_000;
}
