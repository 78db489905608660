/**
 * "Re-examine the buyers" (R21, R22): the Buyers rows already in the book go through the rules intake applies
 * to mail (src/domain/reexamine.ts) in batches: one read of Buyers and one checked write of the changed cells a
 * batch. The place reached is kept in the book's state, so a run stopped by the time budget is continued by the
 * next one; a pass that reached the end starts over only when someone runs it again. Call holding the lock.
 */
import type { Budget } from "../../app/budget";
import { readConfig } from "../../app/config";
import { addCounts, type BookBuyerRow, noCounts, planReexamine, type ReexamineCounts } from "../../domain/reexamine";
import { bookState } from "../../gas/book-state";
import { type Lang, t } from "../../i18n";
import { loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import { type Buyer, Buyers, Settings } from "../../store/schemas";
import { TableWriter } from "../../store/table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Where the pass is, in the book's state: the next row, and the ID of the last row done (rows may move). */
interface Cursor {
  next: number;
  lastId: string;
}

const CURSOR_KEY = "reexamine.cursor";
/** Rows planned and written a batch: one read and one write of Buyers each. */
export const REEXAMINE_BATCH = 500;
/** Time a batch needs (a read and a checked write of a big Buyers sheet): no batch starts with less left. */
const BATCH_MS = 30_000;

export interface ReexamineOptions {
  book: Book;
  user: string;
  now: Date;
  budget: Budget;
  /** Rows a batch (tests make it small). */
  batchSize?: number;
}

export interface ReexamineResult extends ReexamineCounts {
  /** Rows of Buyers passed so far in this pass, and how many there are. */
  position: number;
  total: number;
  /** True when the pass reached the last row (the next run starts a new pass). */
  finished: boolean;
  batches: number;
  /** Cells not written (a person changed them meanwhile, a row deleted): for a person to check. */
  problems: string[];
}

/** Where to go on: after the row last done when it is still there (a sort moves rows), else at the count. */
function resumeAt(rows: readonly BookBuyerRow[], cursor: Cursor): number {
  if (cursor.lastId) {
    const at = rows.findIndex((r) => r.id === cursor.lastId);
    if (at >= 0) return at + 1;
  }
  return Math.min(cursor.next, rows.length);
}

/** Runs batches of the pass while the budget allows (at least one), and writes one Log line for the run. */
export function reexamineBuyers(options: ReexamineOptions): ReexamineResult {
  const { book, budget } = options;
  const state = bookState(book.getId());
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const size = Math.max(1, options.batchSize ?? REEXAMINE_BATCH);
  let cursor = state.get<Cursor>(CURSOR_KEY, { next: 0, lastId: "" });
  const result: ReexamineResult = {
    ...noCounts(),
    position: 0,
    total: 0,
    finished: false,
    batches: 0,
    problems: [],
  };
  do {
    const buyers = loadTable(book, Buyers, config.timeZone);
    const rows: BookBuyerRow[] = buyers.rows.map(({ record }) => record);
    const from = resumeAt(rows, cursor);
    const to = Math.min(rows.length, from + size);
    const plan = planReexamine(rows, from, to, config.ownDomains);
    const writer = new TableWriter(buyers);
    for (const row of plan.rows) writer.update(row.id, row.changes as Partial<Buyer>);
    const report = writer.commit();
    for (const u of report.unwritten) result.problems.push(`${u.id}: ${u.reason}`);
    for (const c of report.conflicts) result.problems.push(`${c.id} ${c.key}: kept the value a person wrote`);
    addCounts(result, plan.counts);
    result.batches += 1;
    result.position = to;
    result.total = rows.length;
    result.finished = to >= rows.length;
    cursor = { next: to, lastId: rows[to - 1]?.id ?? "" };
    if (result.finished) state.delete(CURSOR_KEY);
    else state.set(CURSOR_KEY, cursor);
  } while (!result.finished && budget.has(BATCH_MS));
  appendLog(book, {
    at: options.now,
    user: options.user,
    action: "buyers.reexamine",
    target: Buyers.name,
    detail: logDetail(result),
  });
  return result;
}

function logDetail(r: ReexamineResult): string {
  const where = r.finished ? "pass finished" : `stopped at row ${r.position} of ${r.total}; the next run continues`;
  return (
    `${r.looked} rows looked at; filled ${r.countries} countries, ${r.websites} websites; ` +
    `flagged ${r.strongDuplicates + r.weakDuplicates} possible duplicates ` +
    `(${r.strongDuplicates} on strong evidence, ${r.weakDuplicates} on weak); ${where}` +
    (r.problems.length > 0 ? `; not written: ${r.problems.slice(0, 5).join("; ")}` : "")
  );
}

/** The run's summary as the menu's toast says it, in the person's language. */
export function reexamineMessage(lang: Lang, r: ReexamineResult): string {
  const counts = {
    looked: r.looked,
    countries: r.countries,
    websites: r.websites,
    duplicates: r.strongDuplicates + r.weakDuplicates,
    position: r.position,
    total: r.total,
  };
  const done = t(lang, "reexamine.done", counts);
  return r.finished ? done : `${done} ${t(lang, "reexamine.partial", counts)}`;
}
