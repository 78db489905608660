/**
 * Keeps the Buyers sheet's "Next follow-up" and "Days overdue" current (R20, R23): one read of Buyers, then
 * only the changed cells written (TableWriter batches them). The sheet's conditional formats colour the rows
 * (overdue red, due today amber) from these cells. Run daily and from the menu "Refresh due dates".
 */

import { readConfig } from "../../app/config";
import { loadTable } from "../../store/load-table";
import { Buyers, Settings } from "../../store/schemas";
import { TableWriter } from "../../store/table";
import { dueCells } from "./cadence";
import { bumpDeskVersion, flushAudit } from "./click-audit";

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
  flushAudit(book, true);
  if (result.changed > 0) bumpDeskVersion();
  return result;
}
