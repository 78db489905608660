/**
 * Keeps the Buyers sheet's "Next follow-up" and "Days overdue" current (R20, R23): one read of Buyers, then
 * only the changed cells written (TableWriter batches them). The sheet's conditional formats colour the rows
 * (overdue red, due today amber) from these cells. Run daily and from the menu "Refresh due dates".
 */

import { readConfig } from "../../app/config";
import { buyerDueDate, type CadenceSettings } from "../../domain/cadence";
import { isGrade } from "../../domain/grades";
import { dateKeyToInstant, daysBetweenKeys, zonedDateKey } from "../../domain/time";
import { loadTable } from "../../store/load-table";
import { type Buyer, Buyers, Settings } from "../../store/schemas";
import { TableWriter } from "../../store/table";
import { flushAudit, queueAudit } from "./click-audit";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RefreshDueResult {
  buyers: number;
  changed: number;
  overdue: number;
  dueToday: number;
  problems: string[];
}

/** The derived cells a buyer should show at `now`: blank for buyers who must not be contacted. */
export function dueCells(
  b: Pick<Buyer, "id" | "grade" | "created" | "lastContact" | "status">,
  now: Date,
  timeZone: string,
  cadence: CadenceSettings,
): { nextFollowUp: Date | null; daysOverdue: number | null; daysLate: number | null } {
  const key = buyerDueDate(
    {
      id: b.id,
      grade: isGrade(b.grade) ? b.grade : undefined,
      createdAt: b.created ?? undefined,
      lastContactAt: b.lastContact ?? undefined,
      doNotContact: b.status === "do-not-contact" || b.status === "bounced",
      unsubscribed: b.status === "unsubscribed",
    },
    now,
    timeZone,
    cadence,
  );
  if (key === undefined) return { nextFollowUp: null, daysOverdue: null, daysLate: null };
  const daysLate = daysBetweenKeys(key, zonedDateKey(now, timeZone));
  return { nextFollowUp: dateKeyToInstant(key, timeZone), daysOverdue: Math.max(0, daysLate), daysLate };
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
    const { daysLate, ...cells } = dueCells(record, now, config.timeZone, config.cadenceDays);
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
  return result;
}
