/**
 * Keeps the Buyers sheet's "Next follow-up" and "Days overdue" current (R20, R23): one read of Buyers, then
 * only the changed cells written (TableWriter batches them). The sheet's conditional formats colour the rows
 * (overdue red, due today amber) from these cells. Run daily and from the menu "Refresh due dates".
 */

import { readConfig } from "../../app/config";
import { cellValue } from "../../store/cells";
import { loadTable } from "../../store/load-table";
import { RowStore } from "../../store/row-store";
import { Buyers, Settings } from "../../store/schemas";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { TableWriter } from "../../store/table";
import { dueCells } from "./cadence";
import { bumpDeskVersion, flushAudit, queueAudit } from "./click-audit";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RefreshDueResult {
  buyers: number;
  changed: number;
  overdue: number;
  dueToday: number;
  problems: string[];
}

const sameDate = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Call while holding the document lock. */
export function refreshDue(book: Book, now: Date): RefreshDueResult {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const buyers = loadTable(book, Buyers, config.timeZone);
  const writer = new TableWriter(buyers);
  const result: RefreshDueResult = { buyers: 0, changed: 0, overdue: 0, dueToday: 0, problems: [] };
  for (const { record, bad } of buyers.rows) {
    if (record.id === "") continue;
    result.buyers += 1;
    // A date a person mistyped is left for them to fix, not overwritten with a guess.
    if (bad.has("lastContact") || bad.has("created")) continue;
    const { daysLate, ...cells } = dueCells(record, now, config);
    if (daysLate !== null && daysLate > 0) result.overdue += 1;
    else if (daysLate === 0) result.dueToday += 1;
    if (!sameDate(record.nextFollowUp, cells.nextFollowUp) || record.daysOverdue !== cells.daysOverdue) {
      writer.update(record.id, cells);
      result.changed += 1;
    }
  }
  const report = writer.commit();
  for (const u of report.unwritten) result.problems.push(`${u.id}: ${u.reason}`);
  result.problems.push(...report.problems);
  // A cell someone typed into since the read keeps their value; the value computed here goes to the Log.
  for (const c of report.conflicts) {
    const show = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ""));
    result.problems.push(`${c.id}: ${c.key} kept as typed`);
    queueAudit(book, {
      at: now,
      user: "buyerbook",
      action: "kept.typed",
      target: c.id,
      detail: `${c.key}: kept "${show(c.person)}" typed meanwhile; not written: "${show(c.job)}"`,
    });
  }
  flushAudit(book, true);
  if (result.changed > 0) bumpDeskVersion();
  return result;
}

/** The Buyers columns whose hand edit changes a buyer's due day. */
const DUE_INPUTS = ["id", "grade", "status", "created", "lastContact"] as const;
/** A paste bigger than this waits for the daily refresh (a simple trigger has 30 s). */
const EDIT_ROWS = 500;

/**
 * A hand edit of Buyers — a typed grade or last contact, a buyer typed in on a new row — gets its "Next
 * follow-up" and "Days overdue" at once, so the desk (which reads those cells) agrees with the sheet before the
 * daily refresh. Called by the onEdit simple trigger with the edited block: one read of its rows and one write
 * of the two derived cells when any changed. Returns the rows changed.
 */
export function refreshEditedBuyers(
  book: Book,
  edited: { row: number; rows: number; column: number; columns: number },
  now: Date,
): number {
  const config = readConfig(asTable(loadSmallTables(book).settings));
  const rows = new RowStore(book, Buyers, config.timeZone);
  const map = rows.headers();
  const inputs = DUE_INPUTS.map((k) => map.index.get(k)).filter((i): i is number => i !== undefined);
  const touched = inputs.some((i) => i + 1 >= edited.column && i + 1 < edited.column + edited.columns);
  const nextIndex = map.index.get("nextFollowUp");
  const daysIndex = map.index.get("daysOverdue");
  if (!touched || nextIndex === undefined || daysIndex === undefined) return 0;
  const first = Math.max(2, edited.row);
  const last = Math.min(edited.row + edited.rows - 1, first + EDIT_ROWS - 1);
  if (last < first) return 0;
  const width = Math.max(...[...map.index.values()].map((i) => i + 1));
  const values = rows.sheet.getRange(first, 1, last - first + 1, width).getValues();
  const [lo, hi] = nextIndex < daysIndex ? [nextIndex, daysIndex] : [daysIndex, nextIndex];
  const nextColumn = Buyers.columns.find((c) => c.key === "nextFollowUp")!;
  const daysColumn = Buyers.columns.find((c) => c.key === "daysOverdue")!;
  let changed = 0;
  const block = values.map((line) => {
    const span = line.slice(lo, hi + 1);
    const record = rows.parse(line).record;
    if (record.id === "") return span;
    const cells = dueCells(record, now, config);
    const next = cellValue(nextColumn, cells.nextFollowUp);
    const days = cellValue(daysColumn, cells.daysOverdue);
    const was = [line[nextIndex], line[daysIndex]];
    const same = (a: unknown, b: unknown) =>
      a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : String(a ?? "") === String(b ?? "");
    if (same(was[0], next) && same(was[1], days)) return span;
    changed += 1;
    span[nextIndex - lo] = next;
    span[daysIndex - lo] = days;
    return span;
  });
  if (changed > 0) rows.sheet.getRange(first, lo + 1, block.length, hi - lo + 1).setValues(block);
  return changed;
}
