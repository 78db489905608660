/**
 * A report's walk over the big tables in slices, so it never needs more than one execution can give it.
 * Each slice reads the tables in chunks of rows (only the columns the figures use), feeds them to the scan and,
 * before each chunk, checks that the chunk and the saving of the work so far still fit its budget. A slice that
 * stops saves the scan in the hidden scratch sheet and its place (table, next row, the ID just before it) in the
 * book's state; the next slice — the next heartbeat tick — reads Staff and the buyers again and goes on. The
 * rows are fed in sheet order however they are cut, so the figures equal those of one walk over every row.
 * If the rows moved meanwhile (a person sorted a sheet), the walk starts again rather than count a row twice.
 */

import type { Budget } from "../../app/budget";
import type { BookState } from "../../gas/book-state";
import { clearScratch, loadScratch, saveScratch } from "../../gas/scratch";
import { readColumns } from "../../store/column-reader";
import type { SheetSpec } from "../../store/columns";
import { mapHeaders } from "../../store/headers";
import { FollowUps, Inquiries, Quotes, Samples } from "../../store/schemas";
import { checksum, decode, encode } from "./codec";
import { compact, newScan, SCAN_TABLES, type ScanContext, type ScanOptions, type ScanState } from "./scan";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SPECS: Record<(typeof SCAN_TABLES)[number]["name"], SheetSpec> = {
  inquiries: Inquiries,
  followUps: FollowUps,
  quotes: Quotes,
  samples: Samples,
};

/**
 * Rows per chunk: about 3 s of cells in the cost model (25,000 inquiries x 14 columns), fine enough to stop
 * close to the budget, few enough round trips (each chunk is one read per run of needed columns).
 */
export const CHUNK_ROWS = 25_000;
/**
 * A slice walks for at most this long, well inside the 6-minute execution; the last slice adds the finishing
 * (the figures, the Doc, the mail: ~10–15 s), so a slice stays under 90 s.
 */
export const SLICE_MS = 60_000;
/** Kept in hand to save the walk so far (the scratch write and the state). */
const SAVE_RESERVE_MS = 5_000;
/** Modeled read cost (packages/gas-emulator cost table): a round trip and a cell. */
const READ_CALL_MS = 50;
const READ_CELL_MS = 0.01;

/** Where a walk stands, kept in the book's state between slices (small: the scan itself is in scratch). */
export interface RunState {
  period: string;
  /** Index into SCAN_TABLES; SCAN_TABLES.length once every table is walked. */
  table: number;
  /** The next sheet row of that table to read (2 = the first data row). */
  row: number;
  /** The ID in the row before `row`, to prove on resuming that the rows have not moved. */
  lastId: string;
  slices: number;
  restarts: number;
  startedAt: number;
  scratch?: { cells: number; sum: string };
}

export interface WalkOptions {
  book: Book;
  state: BookState;
  /** The state key of this kind's walk, and its scratch column. */
  key: string;
  column: number;
  period: string;
  /** The scan's options when a new walk starts (its as-of time is fixed then, for every slice). */
  start: () => ScanOptions;
  context: ScanContext;
  parseDate: (text: string) => Date | undefined;
  /** This slice's walking time. */
  budget: Budget;
  /** The execution's: the finishing is started only when it still has `finishReserveMs`. */
  executionBudget: Budget;
  now: Date;
  chunkRows?: number;
  /** Time the caller needs after the walk (the figures, the Doc, the mail), checked before finishing. */
  finishReserveMs: number;
}

export type Walk =
  | { done: true; scan: ScanState; run: RunState }
  | { done: false; run: RunState; table: string; reason: "budget" };

function freshRun(period: string, now: Date, restarts = 0): RunState {
  return { period, table: 0, row: 2, lastId: "", slices: 0, restarts, startedAt: now.getTime() };
}

/** The saved scan, or undefined when it is missing or does not match its checksum. */
function restore(o: WalkOptions, run: RunState): ScanState | undefined {
  if (!run.scratch) return undefined;
  const text = loadScratch(o.book, o.column, run.scratch.cells);
  if (text === undefined || checksum(text) !== run.scratch.sum) return undefined;
  try {
    return decode<ScanState>(text);
  } catch {
    return undefined;
  }
}

function save(o: WalkOptions, run: RunState, scan: ScanState): void {
  const text = encode(compact(scan));
  const cells = saveScratch(o.book, o.column, text, run.scratch?.cells ?? 0);
  run.scratch = { cells, sum: checksum(text) };
  o.state.set(o.key, run);
}

/** Ends a walk: its state and scratch are removed (the report is written, or the walk abandoned). */
export function endWalk(book: Book, state: BookState, key: string, column: number): void {
  const run = state.get<RunState | null>(key, null);
  if (run?.scratch) clearScratch(book, column, run.scratch.cells);
  state.delete(key);
}

/** Reads one chunk of a table's columns; the first row read is the one before `from` when resuming. */
function readChunk(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  spec: SheetSpec,
  keys: readonly string[],
  from: number,
  to: number,
  parseDate: (text: string) => Date | undefined,
  headers: ReturnType<typeof mapHeaders>,
) {
  const rows: number[] = [];
  for (let r = from; r <= to; r += 1) rows.push(r);
  return readColumns({ sheet, spec, headers, parseDate }, keys, rows, to);
}

/** Walks as far as the budget allows; done when every table is fed and the finishing still fits. */
export function walk(o: WalkOptions): Walk {
  const saved = o.state.get<RunState | null>(o.key, null);
  let run: RunState = saved && saved.period === o.period ? saved : freshRun(o.period, o.now);
  let scan = run.table === 0 && run.row === 2 ? newScan(o.start()) : restore(o, run);
  if (!scan) {
    run = freshRun(o.period, o.now, run.restarts + 1);
    scan = newScan(o.start());
  }
  run.slices += 1;
  let outcome = walkTables(o, run, scan);
  if (outcome === "moved") {
    // The rows moved since the last slice: the walk starts again (its scratch is overwritten when saved).
    const restarted: RunState = {
      ...freshRun(o.period, o.now, run.restarts + 1),
      slices: run.slices,
      scratch: run.scratch,
    };
    run = restarted;
    scan = newScan(o.start());
    outcome = walkTables(o, run, scan);
  }
  if (outcome === "moved" || outcome === "budget") {
    save(o, run, scan);
    return { done: false, run, table: SCAN_TABLES[run.table]?.name ?? "finish", reason: "budget" };
  }
  if (!o.executionBudget.has(o.finishReserveMs)) {
    save(o, run, scan);
    return { done: false, run, table: "finish", reason: "budget" };
  }
  return { done: true, scan, run };
}

/** Feeds chunks until the tables end ("fed"), the budget is spent, or the rows are found to have moved. */
function walkTables(o: WalkOptions, run: RunState, scan: ScanState): "fed" | "budget" | "moved" {
  const chunkRows = o.chunkRows ?? CHUNK_ROWS;
  for (; run.table < SCAN_TABLES.length; run.table += 1, run.row = 2, run.lastId = "") {
    const t = SCAN_TABLES[run.table];
    const spec = SPECS[t.name];
    const sheet = o.book.getSheetByName(spec.name);
    if (!sheet) continue;
    const lastRow = sheet.getLastRow();
    if (run.row > lastRow) continue;
    const width = Math.max(1, sheet.getLastColumn());
    const headers = mapHeaders(spec, sheet.getRange(1, 1, 1, width).getValues()[0]);
    const keys = [...t.keys, "id"];
    let estimate = READ_CALL_MS + chunkRows * keys.length * READ_CELL_MS;
    while (run.row <= lastRow) {
      if (!o.budget.has(estimate + SAVE_RESERVE_MS)) return "budget";
      const began = o.budget.elapsedMs();
      const from = run.row > 2 ? run.row - 1 : run.row;
      const to = Math.min(lastRow, run.row + chunkRows - 1);
      const chunk = readChunk(sheet, spec, keys, from, to, o.parseDate, headers);
      if (from < run.row) {
        const before = chunk.get(from) as { id?: string } | undefined;
        if ((before?.id ?? "") !== run.lastId) return "moved";
        chunk.delete(from);
      }
      const records = [...chunk.values()];
      t.feed(scan, o.context, records as never);
      run.row = to + 1;
      run.lastId = String((records[records.length - 1] as { id?: string } | undefined)?.id ?? "");
      estimate = Math.max(estimate, o.budget.elapsedMs() - began);
    }
  }
  return "fed";
}
