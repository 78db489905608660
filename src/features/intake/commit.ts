/**
 * Writing a planned pull (C2 exactly once): Buyers and Inquiries together, then the Log, in as few calls as the
 * layout allows and checked as it lands (store/safe-write.ts: a cell a person typed into meanwhile keeps their
 * value, the pull's goes to the Log); the ID counters after them; the Gmail label only once every row of its thread is written, and
 * the watermark last. A failure anywhere leaves the mail to be read again, never filed twice.
 */
import { importedLabelId, labelMessages } from "../../gas/gmail-api";
import type { RecordOf, SheetSpec } from "../../store/columns";
import { LogWriter } from "../../store/log";
import { WriteBatch } from "../../store/safe-write";
import { Log } from "../../store/schemas";
import { type Table, TableWriter, type WriteReport } from "../../store/table";
import { markInquiriesWritten } from "../desk";
import { applyUnsubscribes } from "../outreach";
import type { BuyerBook } from "./buyers";
import type { RowChanges } from "./changes";
import type { InquiryBook } from "./conversations";
import type { IntakeBook } from "./load";
import type { Plan, PullResult } from "./plan";

/**
 * Appended rows go right under the fresh last row (one structural call); updates are proven by the block's ID
 * column (see TableWriter). The Log adds its header read and its appends only when there is a line to write.
 */
const WRITES = { insertAfterLastRow: true };

export function commitPlan(
  book: IntakeBook,
  books: { buyers: BuyerBook; inquiries: InquiryBook },
  plan: Plan,
  result: PullResult,
  now: Date,
): void {
  const buyers = writerOf(book.buyers, books.buyers.writes);
  if (plan.unsubscribeFrom.length > 0) {
    // The pull's own Buyers table and writer (no second read); buyers entered in this run are pending appends
    // of that writer, so they are offered too and marked before they are written.
    const entered = books.buyers.writes.appends.map((record) => ({ row: 0, record, bad: new Set<string>() }));
    const withNew = { ...book.buyers, rows: [...book.buyers.rows, ...entered] };
    result.unsubscribed = applyUnsubscribes(withNew, buyers, plan.unsubscribeFrom, now, book.config.timeZone).length;
  }
  const log = logWriter(book, plan);
  // Buyers and Inquiries in one batch: the reads just before, the write and the reads just after are one
  // call each for both sheets.
  const batch = new WriteBatch(book.zone);
  const reports = [buyers, writerOf(book.inquiries, books.inquiries.writes)].map((w) => w.commit(batch));
  batch.commit();
  // New conversations and answered ones written to again are open: the desks' remembered list is out of date.
  const inquiries = books.inquiries.writes;
  if (inquiries.appends.length > 0 || inquiries.updates.size > 0) markInquiriesWritten(book.book);
  for (const r of reports) {
    noteUnwritten(r, result);
    // A cell someone typed into since the read keeps their value; the pull's goes to the Log (before its commit).
    for (const c of r.conflicts) {
      result.problems.push(`${c.id}: ${c.key} kept as typed`);
      log.append({
        at: now,
        user: result.mailbox,
        action: "kept.typed",
        target: c.id,
        detail: `${c.key}: kept "${shown(c.person)}" typed meanwhile; not written: "${shown(c.job)}"`,
      });
    }
  }
  noteUnwritten(log.commit(), result);
  books.buyers.saveIds();
  books.inquiries.saveIds();
  if (plan.done.length > 0) {
    labelMessages(
      importedLabelId(),
      plan.done.flatMap((t) => t.messageIds),
    );
    result.labelled = plan.done.length;
  }
}

function noteUnwritten(r: WriteReport, result: PullResult): void {
  for (const u of r.unwritten) result.problems.push(`${u.id}: ${u.reason}`);
  result.problems.push(...r.problems);
}

function shown(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v ?? "");
}

function writerOf<S extends SheetSpec>(table: Table<S>, changes: RowChanges<RecordOf<S>>): TableWriter<S> {
  const writer = new TableWriter(table, WRITES);
  for (const record of changes.appends) writer.append(record);
  for (const [id, update] of changes.updates) writer.update(id, update, changes.readAs.get(id));
  return writer;
}

/** The Log's header is read only when there is something to log (a pull of plain inquiries logs nothing). */
function logWriter(book: IntakeBook, plan: Plan): LogWriter {
  const log = new LogWriter(book.book, {
    sheet: book.sheets.get(Log.name) ?? null,
    writer: { ...WRITES, zone: book.zone },
  });
  for (const line of plan.log) log.append(line);
  return log;
}
