import { protectionOfSheet } from "../../gas/protection";
import { mapHeaders } from "../../store/headers";
import { Staff } from "../../store/schemas";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The Staff cells every person may edit for themselves: their deputy and away dates (R6). */
export const SELF_SERVICE_COLUMNS = ["deputy", "awayFrom", "awayUntil"] as const;

/**
 * Opens the away columns of the Staff sheet to every editor (the rest of Staff stays boss-and-assistant only),
 * so a salesperson can name their deputy and dates (R6). Idempotent; run by the boss or the assistant.
 */
export function allowSelfAway(book: Book): boolean {
  const sheet = book.getSheetByName(Staff.name);
  if (!sheet) return false;
  const protection = protectionOfSheet(sheet);
  if (!protection) return false;
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  const map = mapHeaders(Staff, header);
  const cols = SELF_SERVICE_COLUMNS.map((k) => map.index.get(k)).filter((c): c is number => c !== undefined);
  if (cols.length === 0) return false;
  const rows = sheet.getMaxRows() - 1;
  const first = Math.min(...cols);
  const last = Math.max(...cols);
  // One block when adjacent (a row's away cells are written in one range); else a range per column.
  const spans = last - first + 1 === cols.length ? [[first, cols.length]] : cols.map((c) => [c, 1]);
  const wanted = spans.map(([c, width]) => sheet.getRange(2, c + 1, rows, width));
  const existing = protection.getUnprotectedRanges();
  const have = new Set(existing.map((r) => r.getA1Notation()));
  const missing = wanted.filter((r) => !have.has(r.getA1Notation()));
  if (missing.length === 0) return false;
  protection.setUnprotectedRanges([...existing, ...missing]);
  return true;
}
