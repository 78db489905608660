/**
 * Hand edits to key columns are audited too (R33, R34): who changed a buyer's or an inquiry's owner or grade
 * by typing in the sheet. An installable on-edit trigger runs as the person who installed it, and every
 * user's trigger fires on every edit; so each person installs their own, and a trigger logs only the edits of
 * its owner (Apps Script gives other users' triggers a blank active user). One line per edited key cell.
 */
import { withDocumentLock } from "../../gas/lock";
import { activeUserEmail } from "../../gas/session";
import { ensureEditTrigger } from "../../gas/triggers";
import { mapHeaders } from "../../store/headers";
import { appendLog, type LogLine } from "../../store/log";
import { Buyers, Inquiries } from "../../store/schemas";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const AUDIT_HANDLER = "onEditAudit";
/** The columns whose hand edits are logged, per sheet. */
const KEY_COLUMNS: Record<string, { spec: typeof Buyers | typeof Inquiries; keys: string[] }> = {
  [Buyers.name]: { spec: Buyers, keys: ["owner", "grade"] },
  [Inquiries.name]: { spec: Inquiries, keys: ["owner", "assignedTo", "grade"] },
};
/** A paste over thousands of rows is summed up rather than logged cell by cell. */
const MAX_LINES = 200;

function show(v: unknown): string {
  if (v === undefined || v === null) return "";
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Logs the key cells changed by this edit; returns how many lines were written. */
export function auditEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): number {
  const user = activeUserEmail();
  if (!user || !e?.range) return 0;
  const range = e.range;
  const sheet = range.getSheet();
  const watched = KEY_COLUMNS[sheet.getName()];
  if (!watched) return 0;
  const top = range.getRow();
  const left = range.getColumn();
  const height = range.getNumRows();
  const width = range.getNumColumns();
  const bottom = top + height - 1;
  if (bottom < 2) return 0;
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  const map = mapHeaders(watched.spec, header);
  const hit = watched.keys
    .map((key) => ({ key, col: (map.index.get(key) ?? -1) + 1 }))
    .filter((k) => k.col >= left && k.col < left + width);
  if (hit.length === 0) return 0;
  const firstRow = Math.max(2, top);
  const single = height === 1 && width === 1;
  const values = single ? [[e.value]] : range.getValues();
  const idCol = (map.index.get(watched.spec.idKey ?? "") ?? -1) + 1;
  const ids =
    idCol > 0
      ? sheet
          .getRange(firstRow, idCol, bottom - firstRow + 1, 1)
          .getValues()
          .map((r) => show(r[0]))
      : [];
  const entries: LogLine[] = [];
  for (let row = firstRow; row <= bottom; row += 1) {
    for (const { key, col } of hit) {
      const label = show(header[col - 1]) || key;
      const after = show(values[row - top][col - left]);
      const before = single ? show(e.oldValue) : "?";
      entries.push({
        at: now,
        user,
        action: `edit.${key}`,
        target: ids[row - firstRow] || `${sheet.getName()}!${row}`,
        detail: `${sheet.getName()} row ${row}, ${label}: "${before}" → "${after}" (typed in the sheet)`,
      });
    }
  }
  const lines =
    entries.length <= MAX_LINES
      ? entries
      : [
          ...entries.slice(0, MAX_LINES - 1),
          {
            ...entries[0],
            target: `${sheet.getName()}!${firstRow}:${bottom}`,
            detail: `${entries.length - MAX_LINES + 1} more key cells changed in the same paste`,
          },
        ];
  withDocumentLock(() => appendLog(sheet.getParent(), lines), 10_000);
  return lines.length;
}

/** Installs this user's on-edit audit trigger for the book, once (add-ons may own one per event type). */
export function installAuditTrigger(book: Book): "installed" | "already" {
  return ensureEditTrigger(book, AUDIT_HANDLER);
}
