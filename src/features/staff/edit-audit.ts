/**
 * Hand edits to key columns are audited too (R33, R34): who changed a buyer's or an inquiry's owner or grade,
 * or a colleague's away dates and deputy, by typing in the sheet. One installable on-edit trigger audits the
 * book: a manager's (setup or Start schedule by the boss or the assistant installs it and records them as its
 * owner). Every editor's edit fires it, so nobody has to install anything; older per-person triggers see that
 * they are not the recorded owner's and remove themselves, so each edit is logged once. Apps Script shows the
 * trigger who edited within one Google Workspace domain; elsewhere (consumer accounts) the editor is blank and
 * the line says so. One line per edited key cell.
 */
import { auditOwner, dropMyEditTriggers, editingUser, runningAs, takeOverAudit } from "../../gas/audit-trigger";
import { withDocumentLock } from "../../gas/lock";
import { mapHeaders } from "../../store/headers";
import { appendLog, type LogLine } from "../../store/log";
import { Buyers, Inquiries, Staff } from "../../store/schemas";
import { forgetSmallTables } from "../../store/small-tables";
import { vouchTypedAway } from "./typed-away";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const AUDIT_HANDLER = "onEditAudit";
/** The columns whose hand edits are logged, per sheet. */
const KEY_COLUMNS: Record<string, { spec: typeof Buyers | typeof Inquiries | typeof Staff; keys: string[] }> = {
  [Buyers.name]: { spec: Buyers, keys: ["owner", "grade"] },
  [Inquiries.name]: { spec: Inquiries, keys: ["owner", "assignedTo", "grade"] },
  [Staff.name]: { spec: Staff, keys: ["role", "status", "deputy", "awayFrom", "awayUntil"] },
};
/** A paste over thousands of rows is summed up rather than logged cell by cell. */
const MAX_LINES = 200;

function show(v: unknown): string {
  if (v === undefined || v === null) return "";
  return v instanceof Date ? v.toISOString() : String(v);
}

/** What the Log's user column says when Apps Script does not reveal the editor (consumer accounts). */
export const UNIDENTIFIED_EDITOR = "an editor (not identified)";

export interface AuditOutcome {
  logged: number;
  /** Why this run logged nothing on purpose: not the book's audit trigger, or not an edit event. */
  ignored?: "not-audit-owner" | "no-audit-owner" | "not-an-edit";
}

/** Logs the key cells changed by this edit, when this is the book's audit trigger. */
export function auditEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): AuditOutcome {
  const owner = auditOwner();
  if (owner === "") return { logged: 0, ignored: "no-audit-owner" };
  if (runningAs() !== owner) {
    // Someone else's trigger (installed per person by an older Buyerbook, or a former owner's): step aside.
    if (typeof e?.source?.getId === "function") dropMyEditTriggers(e.source, AUDIT_HANDLER);
    return { logged: 0, ignored: "not-audit-owner" };
  }
  if (!e?.range || typeof e.range.getSheet !== "function") return { logged: 0, ignored: "not-an-edit" };
  const user = editingUser() || UNIDENTIFIED_EDITOR;
  const range = e.range;
  const sheet = range.getSheet();
  const watched = KEY_COLUMNS[sheet.getName()];
  if (!watched) return { logged: 0 };
  const top = range.getRow();
  const left = range.getColumn();
  const height = range.getNumRows();
  const width = range.getNumColumns();
  const bottom = top + height - 1;
  if (bottom < 2) return { logged: 0 };
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  const map = mapHeaders(watched.spec, header);
  const hit = watched.keys
    .map((key) => ({ key, col: (map.index.get(key) ?? -1) + 1 }))
    .filter((k) => k.col >= left && k.col < left + width);
  if (hit.length === 0) return { logged: 0 };
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
  const staffSheet = sheet.getName() === Staff.name;
  const notes = withDocumentLock(() => {
    // Away cells typed by their person or a manager are vouched for; anyone else's are not honoured (R6).
    const extra = staffSheet ? vouchTypedAway(sheet, range, editingUser(), now) : [];
    appendLog(sheet.getParent(), [...lines, ...extra]);
    // A typed Staff change counts from the next click, not when the cached copy expires.
    if (staffSheet) forgetSmallTables();
    return extra.length;
  }, 10_000);
  return { logged: lines.length + notes };
}

/**
 * Makes the running manager's on-edit trigger the book's audit (installing it once). Callers check the role
 * ("audit.install": boss and assistant); the latest manager to start it owns it, and the previous owner's
 * trigger retires itself at its next fire.
 */
export function installAuditTrigger(book: Book): "installed" | "already" {
  return takeOverAudit(book, AUDIT_HANDLER);
}
