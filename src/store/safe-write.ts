/**
 * Writes that land on the right rows while people type, sort, insert and delete rows in the same sheet.
 *
 * Sheets has no "update where ID = x": every write goes to a row number, and a person's edit can land between
 * any two calls of a job. So each write is checked on both sides:
 * - just before writing, one read of the rows to write (with the ID column and one row above and below)
 *   proves each row still holds its ID (else rows are found again by ID) and shows what people typed since the
 *   job read: a cell changed on both sides keeps the person's value, and the job's value is reported;
 * - only the changed cells are written (never a stale copy of the cells around them);
 * - just after writing, one read of the same rows proves the writes landed on their rows. If a sort, an insert
 *   or a delete landed in between, the cells written onto another row are put back (from the read just
 *   before, which has the neighbour rows, or from the job's own read of the table) and the writes go again
 *   to where their rows are now.
 * What cannot be helped is a change landing inside the very call that writes: a person's value typed into the
 * same cell at that instant is replaced, as one person's typing replaces another's.
 *
 * The checks cost three calls per job, not per sheet or per block of rows: a WriteBatch takes every write of a
 * job (several sheets, scattered rows, appends) and, with the Sheets advanced service, reads all their blocks
 * just before in ONE values.batchGetByDataFilter, writes every changed cell in ONE values.batchUpdate (two when
 * dates and text Sheets would misread go together: src/gas/batch-write.ts) and reads them all again in ONE call.
 * Nothing else is asked between the read before and the write (the spreadsheet's zone is asked first). Without
 * the advanced service the same rounds go range by range through SpreadsheetApp.
 */

import { readRangesOnce } from "../gas/batch-read";
import { canWriteInOneCall, flushPending, writeBlocks } from "../gas/batch-write";
import { wouldBeReinterpreted } from "./cells";
import { SheetZone } from "./sheet-zone";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A cell the job never read: its earlier value is unknown, so no conflict can be seen there. */
export const NOT_READ: unique symbol = Symbol("not read");
export type Known = unknown | typeof NOT_READ;

/** One cell a job changes, by the ID of its row. */
export interface CellChange {
  id: string;
  /** 0-based sheet column. */
  index: number;
  /** The field's name, for reports. */
  key: string;
  /** The value as the sheet should hold it. */
  value: unknown;
  /** The cell as the job read it, or NOT_READ. */
  before: Known;
  /** Plain-text format first when the value could be misread by Sheets (text and ID columns). */
  text: boolean;
}

/** The same cell changed by a person since the job read it: the person's value stays, the job's is reported. */
export interface Conflict {
  id: string;
  key: string;
  job: unknown;
  person: unknown;
}

export interface SafeWriteReport {
  /** Rows written (each once, however many columns). */
  rows: number;
  conflicts: Conflict[];
  unwritten: { id: string; reason: string }[];
  /** Rows of other records that a moved write landed on, put back to what they held. */
  repaired: string[];
  /** What could not be put back, for a person to check. */
  problems: string[];
  calls: number;
}

export interface SafeWriteOptions {
  sheetName: string;
  /** 0-based column of the IDs. */
  idIndex: number;
  /** Where each row was (a guess, checked). */
  hint: (id: string) => number | undefined;
  /** Whether two values of column `index` are the same (dates by time, blanks alike, text trimmed). */
  same: (index: number, a: unknown, b: unknown) => boolean;
  /** A row's cell as the job read it (for putting back a row a moved write landed on), or NOT_READ. */
  known?: (id: string, index: number) => Known;
  /** Rows that close share one read and one write (the cells between are read, never written). */
  rowGap?: number;
  /**
   * 0-based sheet columns that hold dates: the Sheets API reads a date as its serial number, which these
   * columns turn back into the Date getValues gives (so comparisons and put-backs see the same values).
   */
  dateIndexes?: ReadonlySet<number>;
}

/** Apps Script's message for a range past the sheet's edge (a person deleted rows). */
const OUTSIDE_SHEET = /outside the dimensions of the sheet/i;
/** Apps Script's message for a write refused by a protection. */
const PROTECTED = /protected cell or object/i;

/**
 * Whether a thrown value is a write refused by a protection. Read by its message, not `instanceof Error`: the
 * error comes from the Sheets service, which need not share this script's Error (another realm).
 */
export function isProtectionRefusal(e: unknown): boolean {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === "string" && PROTECTED.test(message);
}
const MAX_ROUNDS = 4;
/** A fresh read plus a write is ~150 ms; a read cell ~0.01 ms (packages/gas-emulator/src/core/costs.ts). */
const DEFAULT_ROW_GAP = 25;

interface Block {
  top: number;
  bottom: number;
  first: number;
  width: number;
}

interface Target {
  id: string;
  row: number;
  cells: CellChange[];
}

/** Writes the changed cells of rows found by ID, checked before and after (see the module comment). */
export function writeCells(sheet: Sheet, changes: readonly CellChange[], options: SafeWriteOptions): SafeWriteReport {
  const batch = new WriteBatch();
  const report = batch.cells(sheet, changes, options);
  batch.commit();
  return report;
}

/**
 * Appends lines under the last row, checked like writeCells: the rows around the target read just before
 * (the new rows must still be blank; the row above is kept), written, read again. If a person inserted or
 * deleted a row above in between, the row the lines landed on is put back and the lines move with the rows.
 * A row typed under the data since the job read it is never overwritten: the last row is asked for now.
 */
export function appendLines(sheet: Sheet, lines: unknown[][], options: AppendOptions): AppendReport {
  const batch = new WriteBatch();
  const report = batch.append(sheet, lines, options);
  batch.commit();
  return report;
}

interface CellJob {
  sheet: Sheet;
  options: SafeWriteOptions;
  report: SafeWriteReport;
  pending: Map<string, CellChange[]>;
  rowOf: Map<string, number>;
  written: Set<string>;
  /** This round: the rows to write, their blocks, the read before, the cells to write. */
  targets: Target[];
  blocks: Block[];
  before?: unknown[][][];
  toWrite: Target[];
}

interface AppendJob {
  sheet: Sheet;
  lines: unknown[][];
  options: AppendOptions;
  report: AppendReport;
  known?: number;
  done: boolean;
  /** This round: the last row, the rows read around the new ones, the sheet's row count, the read before. */
  last: number;
  top: number;
  span: number;
  maxRows: number;
  check?: unknown[][];
  /** The new rows have their columns' formats (set through SpreadsheetApp and flushed). */
  formatted?: boolean;
}

/**
 * The checked writes of one job, across sheets: every write queued here goes in the same rounds, so the
 * reads just before, the write and the reads just after are each ONE call for all rows of all sheets (the
 * Sheets API's batch calls, src/gas), not one per sheet and per block of rows. The guarantees are writeCells'
 * and appendLines' (each job's rows are checked as if written alone). Reports are filled by `commit`.
 */
export class WriteBatch {
  /** `zone`: the job's time zone, when the job asks it once for its reads and writes together. */
  constructor(private readonly zone?: SheetZone) {}

  private readonly cellJobs: CellJob[] = [];
  private readonly appendJobs: AppendJob[] = [];
  private readonly done: (() => void)[] = [];
  /** Calls made for all jobs together (each charged once, to the first job's report). */
  private shared = 0;

  cells(sheet: Sheet, changes: readonly CellChange[], options: SafeWriteOptions): SafeWriteReport {
    const report: SafeWriteReport = { rows: 0, conflicts: [], unwritten: [], repaired: [], problems: [], calls: 0 };
    const pending = groupById(changes);
    const rowOf = new Map<string, number>();
    for (const id of pending.keys()) {
      const row = options.hint(id);
      if (row !== undefined && row >= 2) rowOf.set(id, row);
    }
    this.cellJobs.push({
      sheet,
      options,
      report,
      pending,
      rowOf,
      written: new Set(),
      targets: [],
      blocks: [],
      toWrite: [],
    });
    return report;
  }

  append(sheet: Sheet, lines: unknown[][], options: AppendOptions): AppendReport {
    const report: AppendReport = { appended: 0, row: 0, repaired: [], problems: [], calls: 0 };
    if (lines.length > 0)
      this.appendJobs.push({
        sheet,
        lines,
        options,
        report,
        known: options.lastRow,
        done: false,
        last: 0,
        top: 0,
        span: 0,
        maxRows: 0,
      });
    return report;
  }

  /** Runs `fn` once the batch is written (to update what the caller holds in memory). */
  afterCommit(fn: () => void): void {
    this.done.push(fn);
  }

  get size(): number {
    return this.cellJobs.length + this.appendJobs.length;
  }

  commit(): void {
    const first = this.cellJobs[0]?.sheet ?? this.appendJobs[0]?.sheet;
    if (first) {
      const io = new BatchIo(first.getParent(), this.zone);
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const cells = this.cellJobs.filter((j) => j.pending.size > 0);
        const appends = this.appendJobs.filter((j) => !j.done);
        if (cells.length === 0 && appends.length === 0) break;
        this.round(io, cells, appends);
      }
      this.shared += io.calls;
      const firstReport = this.cellJobs[0]?.report ?? this.appendJobs[0]?.report;
      if (firstReport) firstReport.calls += this.shared;
    }
    for (const job of this.cellJobs) {
      for (const id of job.pending.keys()) {
        job.report.unwritten.push({ id, reason: `row ${id} kept moving in ${job.options.sheetName}; try again` });
      }
      job.report.rows = job.written.size;
    }
    for (const job of this.appendJobs) {
      if (!job.done)
        job.report.problems.push(
          `${job.options.sheetName}: new rows kept being typed into; nothing appended, try again`,
        );
    }
    this.cellJobs.length = 0;
    this.appendJobs.length = 0;
    for (const fn of this.done.splice(0)) fn();
  }

  /** One round: where the rows are, one read before, one write, one read after, put back what moved. */
  private round(io: BatchIo, cells: CellJob[], appends: AppendJob[]): void {
    for (const job of cells) {
      if ([...job.pending.keys()].some((id) => !job.rowOf.has(id)))
        relocate(job.sheet, job.options, job.pending, job.rowOf, job.report);
      job.targets = [...job.pending].map(([id, changes]) => ({ id, row: job.rowOf.get(id)!, cells: changes }));
      job.blocks = job.targets.length > 0 ? planBlocks(job.targets, job.options, io.oneCall) : [];
    }
    for (const job of appends) planAppend(job);
    io.formatAppends(appends);
    const live = cells.filter((j) => j.targets.length > 0);
    const reads = readPlan(live, appends);
    io.prepare(
      (reads.requests.length > 1 && reads.requests.some((r) => (r.dateColumns?.size ?? 0) > 0)) ||
        live.some((j) => j.targets.some((t) => t.cells.some((c) => c.value instanceof Date))) ||
        appends.some((j) => j.lines.some((line) => line.some((v) => v instanceof Date))),
    );
    const before = io.read(reads.requests);
    const writes: Write[] = [];
    const writing: CellJob[] = [];
    for (const job of live) {
      job.before = reads.cellsOf(job, before);
      const b = job.before;
      if (!b || !job.targets.every((t) => idAt(b, job.blocks, t.row, job.options.idIndex) === t.id)) {
        // A row moved (or lies past the sheet's edge now): find every row by ID, nothing written yet.
        job.rowOf.clear();
        job.toWrite = [];
        continue;
      }
      job.toWrite = decide(job.targets, b, job.blocks, job.options, job.report);
      if (job.toWrite.length === 0) {
        for (const t of job.targets) job.written.add(t.id);
        job.pending.clear();
        continue;
      }
      writing.push(job);
      for (const run of mergeRows(rowRuns(job.toWrite)))
        writes.push({ sheet: job.sheet, row: run.row, column: run.first + 1, values: run.values, run, job });
    }
    const appending: AppendJob[] = [];
    for (const job of appends) {
      job.check = reads.appendOf(job, before);
      const check = job.check;
      const rowAt = (row: number) => check[row - job.top] ?? [];
      // A person typed into the new rows since the last row was read: look again, lower down.
      if (job.lines.some((_, i) => !isBlank(rowAt(job.last + 1 + i)))) continue;
      appending.push(job);
      writes.push({
        sheet: job.sheet,
        row: job.last + 1,
        column: job.options.first + 1,
        values: job.lines,
        append: job,
      });
    }
    if (writes.length === 0) return;
    io.write(writes);
    const after = io.read(reads.requests);
    const fixes: Write[] = [];
    for (const job of writing) this.settleCells(job, reads.cellsOf(job, after), fixes);
    for (const job of appending) settleAppend(job, reads.appendOf(job, after), fixes);
    if (fixes.length > 0) io.write(fixes);
  }

  /** After the write: rows that hold their ID are done; writes that landed on another row are put back. */
  private settleCells(job: CellJob, after: unknown[][][] | undefined, fixes: Write[]): void {
    const moved = after ? movedRows(job.toWrite, after, job.blocks, job.options.idIndex) : job.toWrite.map((t) => t.id);
    const still = new Map<string, CellChange[]>();
    for (const t of job.targets) {
      if (moved.includes(t.id)) still.set(t.id, t.cells);
      else job.written.add(t.id);
    }
    if (moved.length > 0) {
      const putBack = putBackPlan(job.toWrite, moved, job.before!, after, job.blocks, job.options, job.report);
      for (const run of mergeRows(rowRuns(putBack)))
        fixes.push({ sheet: job.sheet, row: run.row, column: run.first + 1, values: run.values, run, job });
      job.rowOf.clear();
    }
    job.pending = still;
  }
}

function groupById(changes: readonly CellChange[]): Map<string, CellChange[]> {
  const byId = new Map<string, CellChange[]>();
  for (const c of changes) {
    const list = byId.get(c.id);
    if (list) list.push(c);
    else byId.set(c.id, [c]);
  }
  return byId;
}

/** The last row and the ID column read now; rows not found are reported unwritten and dropped. */
function relocate(
  sheet: Sheet,
  options: SafeWriteOptions,
  pending: Map<string, CellChange[]>,
  rowOf: Map<string, number>,
  report: SafeWriteReport,
): void {
  const lastRow = sheet.getLastRow();
  report.calls += 1;
  const ids = lastRow > 1 ? sheet.getRange(2, options.idIndex + 1, lastRow - 1, 1).getValues() : [];
  if (ids.length > 0) report.calls += 1;
  rowOf.clear();
  ids.forEach((line, i) => {
    const id = String(line[0] ?? "").trim();
    if (id !== "" && !rowOf.has(id)) rowOf.set(id, i + 2);
  });
  for (const id of [...pending.keys()]) {
    if (rowOf.has(id)) continue;
    report.unwritten.push({ id, reason: `row ${id} is no longer in ${options.sheetName} (deleted?)` });
    pending.delete(id);
  }
}

/** Rows close together share a block; each block spans its changed columns and the ID column, plus a row each side. */
function planBlocks(targets: Target[], options: SafeWriteOptions, oneCall: boolean): Block[] {
  // When all blocks are read in one call, another block costs no call: rows share a block only when their
  // neighbour rows touch (the cells between would be read twice for nothing).
  const gap = oneCall ? 2 : (options.rowGap ?? DEFAULT_ROW_GAP);
  const sorted = [...targets].sort((a, b) => a.row - b.row);
  const blocks: Block[] = [];
  let current: Target[] = [];
  const close = () => {
    if (current.length === 0) return;
    const indexes = [options.idIndex, ...current.flatMap((t) => t.cells.map((c) => c.index))];
    const first = Math.min(...indexes);
    const top = Math.max(1, current[0].row - 1);
    blocks.push({ top, bottom: current[current.length - 1].row + 1, first, width: Math.max(...indexes) - first + 1 });
    current = [];
  };
  for (const t of sorted) {
    const prev = current[current.length - 1];
    if (prev && t.row - prev.row > gap) close();
    current.push(t);
  }
  close();
  return blocks;
}

/** One range to read: 1-based like Sheet.getRange; `dateColumns` are 1-based sheet columns holding dates. */
interface ReadRequest {
  sheet: Sheet;
  row: number;
  column: number;
  rows: number;
  columns: number;
  dateColumns?: ReadonlySet<number>;
}

/** Values to write at a place (1-based), with what they are for when a protection refuses them. */
interface Write {
  sheet: Sheet;
  row: number;
  column: number;
  values: unknown[][];
  run?: Run;
  job?: CellJob;
  append?: AppendJob;
}

/** The reads of a round: every block of every cell job and the rows around every append, in one list. */
function readPlan(cells: CellJob[], appends: AppendJob[]) {
  const requests: ReadRequest[] = [];
  const cellAt = new Map<CellJob, number>();
  const appendAt = new Map<AppendJob, number>();
  for (const job of cells) {
    cellAt.set(job, requests.length);
    const dates = job.options.dateIndexes;
    for (const b of job.blocks)
      requests.push({
        sheet: job.sheet,
        row: b.top,
        column: b.first + 1,
        rows: b.bottom - b.top + 1,
        columns: b.width,
        dateColumns: dates ? new Set([...dates].map((i) => i + 1)) : undefined,
      });
  }
  for (const job of appends) {
    appendAt.set(job, requests.length);
    const first = job.options.first;
    const width = job.lines[0].length;
    const dates = job.options.dateOffsets;
    requests.push({
      sheet: job.sheet,
      row: job.top,
      column: first + 1,
      rows: job.span,
      columns: width,
      dateColumns: dates ? new Set(dates.map((i) => first + i + 1)) : undefined,
    });
  }
  return {
    requests,
    /** A cell job's blocks as read, or undefined when one lay past the sheet's edge. */
    cellsOf(job: CellJob, read: (unknown[][] | undefined)[]): unknown[][][] | undefined {
      const at = cellAt.get(job)!;
      const out = read.slice(at, at + job.blocks.length);
      return out.every((v) => v !== undefined) ? (out as unknown[][][]) : undefined;
    },
    appendOf(job: AppendJob, read: (unknown[][] | undefined)[]): unknown[][] {
      return read[appendAt.get(job)!] ?? [];
    },
  };
}

/**
 * The round trips of a batch: through the Sheets API when the project has it (one call for all ranges of a
 * read or a write), else SpreadsheetApp (a call per range). Rows past a sheet's edge (a person deleted rows)
 * read as blank, and a range wholly past it as undefined.
 */
class BatchIo {
  calls = 0;
  private readonly api = canWriteInOneCall();
  /** Whether every range of a read (or a write) goes in one call. */
  get oneCall(): boolean {
    return this.api;
  }
  private zone: string | undefined;
  /** The job's, when it shares one with its other reads and writes; else this batch's own. */
  private readonly jobZone: SheetZone;

  constructor(
    private readonly book: Book,
    jobZone?: SheetZone,
  ) {
    this.jobZone = jobZone ?? new SheetZone(book);
  }

  /**
   * Through the API, the new rows of appends get their columns' formats before the read that checks them
   * (text columns plain text): then the line can go in one call as typed input and text stays text. The
   * formats are flushed: an API call does not wait for SpreadsheetApp's queued writes.
   */
  formatAppends(appends: readonly AppendJob[]): void {
    if (!this.api) return;
    let formatted = false;
    for (const job of appends) {
      const formats = job.options.formats;
      if (!formats) continue;
      if (job.options.insertAfterLastRow) {
        // Rows inserted under the data took the look of the row above: only the text Sheets would misread
        // needs plain text (one RangeList), not the whole rows.
        const cells = job.lines.flatMap((line, r) =>
          line.flatMap((v, c) =>
            typeof v === "string" && wouldBeReinterpreted(v) ? [a1(job.last + 1 + r, job.options.first + 1 + c)] : [],
          ),
        );
        if (cells.length > 0) {
          job.sheet.getRangeList(cells).setNumberFormat("@");
          this.calls += 1;
          formatted = true;
        }
        job.formatted = true;
        continue;
      }
      job.sheet
        .getRange(job.last + 1, job.options.first + 1, job.lines.length, job.lines[0].length)
        .setNumberFormats(job.lines.map(() => formats));
      this.calls += 1;
      job.formatted = true;
      formatted = true;
    }
    if (formatted) flushPending();
  }

  /**
   * The spreadsheet's time zone (the API reads dates as serial numbers on its wall clock, and dates are written
   * as its wall-clock time), asked once before the first read: a call between a read and the write it checks
   * would be a moment more for a person's edit to be overwritten.
   */
  prepare(datesAhead: boolean): void {
    // Reads of one range go through getValues (dates come as dates); the zone is for API reads and for writes.
    if (!this.api || !datesAhead || this.zone !== undefined) return;
    const asked = this.jobZone.asked;
    this.zone = this.jobZone.get();
    this.calls += this.jobZone.asked - asked;
  }

  read(requests: readonly ReadRequest[]): (unknown[][] | undefined)[] {
    if (requests.length === 0) return [];
    if (this.api && requests.length > 1) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const edges = attempt === 0 ? undefined : this.edges(requests);
        const fitted = requests.map((r) => fitToEdge(r, edges?.get(r.sheet)));
        const asked = fitted.filter((r): r is ReadRequest => r !== undefined);
        this.calls += 1;
        let got: unknown[][][];
        try {
          got = asked.length > 0 ? readRangesOnce(this.book, asked, this.zone) : [];
        } catch (e) {
          // A failed read fails the write (a row is never taken for moved on a failed read).
          if (!isPastGrid(e)) throw e;
          continue;
        }
        let n = 0;
        return requests.map((r, i) => {
          const f = fitted[i];
          if (!f) return undefined;
          const values = got[n++];
          while (values.length < r.rows) values.push(new Array(r.columns).fill(""));
          return values;
        });
      }
    }
    return requests.map((r) => this.readOne(r));
  }

  /** One range by getValues; when it reaches past the sheet's edge, the rows there read as blank. */
  private readOne(r: ReadRequest): unknown[][] | undefined {
    let edge: number | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const f = fitToEdge(r, edge);
      if (!f) return undefined;
      this.calls += 1;
      try {
        const values = r.sheet.getRange(f.row, f.column, f.rows, f.columns).getValues();
        while (values.length < r.rows) values.push(new Array(r.columns).fill(""));
        return values;
      } catch (e) {
        if (!(e instanceof Error && OUTSIDE_SHEET.test(e.message))) throw e;
        edge = r.sheet.getMaxRows();
        this.calls += 1;
      }
    }
    return undefined;
  }

  /** Each sheet's row count now (asked once per sheet). */
  private edges(requests: readonly ReadRequest[]): Map<Sheet, number> {
    const out = new Map<Sheet, number>();
    for (const r of requests) {
      if (out.has(r.sheet)) continue;
      out.set(r.sheet, r.sheet.getMaxRows());
      this.calls += 1;
    }
    return out;
  }

  /**
   * Writes every range: one API call (two when dates and text that must stay literal go together), or, when a
   * protection refuses it (nothing written then) or the API is off, range by range through SpreadsheetApp,
   * where a refused run is written cell by cell so only the protected cells are refused.
   */
  write(writes: readonly Write[]): void {
    if (this.api) {
      const blocks = writes.map((w) => (w.append?.formatted ? { ...w, plainTextReady: true } : w));
      try {
        this.calls += writeBlocks(this.book, blocks, wouldBeReinterpreted, this.zone);
        return;
      } catch (e) {
        if (!isProtectionRefusal(e)) throw e;
      }
    }
    for (const w of writes) {
      if (w.run && w.job) {
        writeRun(w.job.sheet, w.run, w.job.report);
        continue;
      }
      const range = w.sheet.getRange(w.row, w.column, w.values.length, w.values[0].length);
      const formats = w.append?.options.formats;
      if (formats) {
        range.setNumberFormats(w.values.map(() => formats));
        this.calls += 1;
      }
      range.setValues(w.values);
      this.calls += 1;
    }
  }
}

/** A read request cut at the sheet's last row (`edge`); undefined when it starts below it. */
function fitToEdge(r: ReadRequest, edge: number | undefined): ReadRequest | undefined {
  if (edge === undefined) return r;
  if (r.row > edge) return undefined;
  return { ...r, rows: Math.min(r.rows, edge - r.row + 1) };
}

function isPastGrid(e: unknown): boolean {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === "string" && (/exceeds grid limits/i.test(message) || OUTSIDE_SHEET.test(message));
}

function blockOf(blocks: Block[], row: number): number {
  return blocks.findIndex((b) => row >= b.top && row <= b.bottom);
}

function cellAt(reads: unknown[][][], blocks: Block[], row: number, index: number): unknown {
  const n = blockOf(blocks, row);
  if (n < 0) return undefined;
  return reads[n][row - blocks[n].top]?.[index - blocks[n].first];
}

function idAt(reads: unknown[][][], blocks: Block[], row: number, idIndex: number): string {
  return String(cellAt(reads, blocks, row, idIndex) ?? "").trim();
}

/** Per target, the cells to write now: a person's change since the job's read wins; equal values are skipped. */
function decide(
  targets: Target[],
  before: unknown[][][],
  blocks: Block[],
  options: SafeWriteOptions,
  report: SafeWriteReport,
): Target[] {
  const out: Target[] = [];
  for (const t of targets) {
    const cells: CellChange[] = [];
    for (const c of t.cells) {
      const fresh = cellAt(before, blocks, t.row, c.index);
      if (c.before !== NOT_READ && !options.same(c.index, fresh, c.before)) {
        report.conflicts.push({ id: t.id, key: c.key, job: c.value, person: fresh });
        continue;
      }
      if (!options.same(c.index, fresh, c.value)) cells.push(c);
    }
    if (cells.length > 0) out.push({ ...t, cells });
  }
  return out;
}

/** One run by setValues; returns the rows written. */
function writeRun(sheet: Sheet, run: Run, report: Pick<SafeWriteReport, "calls" | "unwritten">): number[] {
  const range = sheet.getRange(run.row, run.first + 1, run.values.length, run.values[0].length);
  try {
    if (run.plainText.length > 0) {
      // Outside text Sheets would parse (a formula, a phone's +, a code's zeros): plain text before the value.
      report.calls += 2;
      const formats = range.getNumberFormats();
      for (const line of formats) for (const i of run.plainText) line[i] = "@";
      range.setNumberFormats(formats);
    }
    report.calls += 1;
    range.setValues(run.values);
  } catch (e) {
    // A protected cell (an owner column: boss and assistant only) refuses the whole range: the run's cells
    // are written one by one, so only the protected ones are refused (reported), the rest of the job goes on.
    if (!isProtectionRefusal(e)) throw e;
    return writeCellByCell(sheet, run, report);
  }
  return run.values.map((_, r) => run.row + r);
}

/** A refused run's cells, each written alone; returns the rows where at least one cell was written. */
function writeCellByCell(sheet: Sheet, run: Run, report: Pick<SafeWriteReport, "calls" | "unwritten">): number[] {
  const written: number[] = [];
  run.values.forEach((line, r) => {
    line.forEach((value, c) => {
      const cell = sheet.getRange(run.row + r, run.first + 1 + c);
      try {
        if (run.plainText.includes(c)) {
          report.calls += 1;
          cell.setNumberFormat("@");
        }
        report.calls += 1;
        cell.setValue(value as never);
        if (!written.includes(run.row + r)) written.push(run.row + r);
      } catch (e) {
        if (!isProtectionRefusal(e)) throw e;
        report.unwritten.push({ id: run.ids[r], reason: `${run.keys[c]} is protected (boss and assistant)` });
      }
    });
  });
  return written;
}

interface Run {
  row: number;
  first: number;
  /** The ID of each row and the field of each column, for reports. */
  ids: string[];
  keys: string[];
  values: unknown[][];
  /** Offsets (in the run) of text cells that need the plain-text format. */
  plainText: number[];
}

/** Runs of adjacent changed columns, per row. */
function rowRuns(targets: Target[]): Run[] {
  const perRow: Run[] = [];
  for (const t of [...targets].sort((a, b) => a.row - b.row)) {
    const cells = [...t.cells].sort((a, b) => a.index - b.index);
    let run: Run | undefined;
    for (const c of cells) {
      if (!run || c.index !== run.first + run.values[0].length) {
        run = { row: t.row, first: c.index, ids: [t.id], keys: [], values: [[]], plainText: [] };
        perRow.push(run);
      }
      if (c.text && typeof c.value === "string" && wouldBeReinterpreted(c.value))
        run.plainText.push(run.values[0].length);
      run.values[0].push(c.value);
      run.keys.push(c.key);
    }
  }
  return perRow;
}

/** Consecutive rows changing the same columns share one run (one write). */
function mergeRows(perRow: Run[]): Run[] {
  const merged: Run[] = [];
  for (const r of perRow) {
    const prev = merged.find(
      (m) =>
        m.first === r.first &&
        m.values[0].length === r.values[0].length &&
        m.row + m.values.length === r.row &&
        m.plainText.join() === r.plainText.join(),
    );
    if (prev) {
      prev.values.push(r.values[0]);
      prev.ids.push(r.ids[0]);
    } else merged.push(r);
  }
  return merged;
}

/** Targets whose rows no longer hold their ID after the write (their writes landed on another row). */
function movedRows(written: Target[], after: unknown[][][], blocks: Block[], idIndex: number): string[] {
  return written.filter((t) => idAt(after, blocks, t.row, idIndex) !== t.id).map((t) => t.id);
}

/**
 * The rows a moved write landed on get back what they held: from the read just before the write (it has the
 * row above and below each block, so one inserted or deleted row is covered), from the job's read of the
 * table, or blank for a row that was blank (a row a person inserted). Anything else is reported.
 */
function putBackPlan(
  written: Target[],
  moved: string[],
  before: unknown[][][],
  after: unknown[][][] | undefined,
  blocks: Block[],
  options: SafeWriteOptions,
  report: SafeWriteReport,
): Target[] {
  if (!after) {
    report.problems.push(`${options.sheetName}: rows changed during a write and could not be checked`);
    return [];
  }
  const earlier = new Map<string, { row: number; line: unknown[]; block: number }>();
  before.forEach((lines, n) => {
    lines.forEach((line, i) => {
      const id = String(line[options.idIndex - blocks[n].first] ?? "").trim();
      if (id !== "" && !earlier.has(id)) earlier.set(id, { row: blocks[n].top + i, line, block: n });
    });
  });
  const fixes: Target[] = [];
  for (const t of written) {
    if (!moved.includes(t.id)) continue;
    const n = blockOf(blocks, t.row);
    const line = after[n]?.[t.row - blocks[n].top] ?? [];
    const occupant = String(line[options.idIndex - blocks[n].first] ?? "").trim();
    const cells: CellChange[] = [];
    const unknown: string[] = [];
    for (const c of t.cells) {
      let value: Known = NOT_READ;
      if (occupant === "") {
        const ours = new Set(t.cells.map((x) => x.index - blocks[n].first));
        const blankElsewhere = line.every((v, i) => ours.has(i) || v === "" || v === null);
        if (blankElsewhere) value = "";
      } else {
        const seen = earlier.get(occupant);
        value = seen ? seen.line[c.index - blocks[seen.block].first] : (options.known?.(occupant, c.index) ?? NOT_READ);
      }
      if (value === NOT_READ) unknown.push(c.key);
      else cells.push({ ...c, id: occupant, value, before: NOT_READ });
    }
    if (cells.length > 0) {
      fixes.push({ id: occupant, row: t.row, cells });
      report.repaired.push(occupant || `${options.sheetName}!${t.row}`);
    }
    if (unknown.length > 0)
      report.problems.push(
        `${options.sheetName} row ${t.row} (${occupant || "no ID"}): ${unknown.join(", ")} overwritten while rows moved; the earlier value is in the sheet's version history`,
      );
  }
  return fixes;
}

export interface AppendOptions {
  sheetName: string;
  /** 0-based sheet column of each line's first value. */
  first: number;
  /** The number format of each column of a line; none set when absent (the rows keep theirs). */
  formats?: string[];
  /** Where the ID sits in a line, when the sheet has IDs (rows are then compared by ID). */
  idOffset?: number;
  /**
   * Make room by inserting the rows right after the last row (one structural call; the new rows take the
   * look and dropdowns of the row above) instead of using the blank rows below it.
   */
  insertAfterLastRow?: boolean;
  /** The last row, when the caller has just read it. */
  lastRow?: number;
  /** Offsets (in a line) of the columns that hold dates (see SafeWriteOptions.dateIndexes). */
  dateOffsets?: number[];
}

export interface AppendReport {
  appended: number;
  /** The row of the first line written. */
  row: number;
  repaired: string[];
  problems: string[];
  calls: number;
}

/** Where an append goes this round: the last row asked for now (unless just read), room made below it. */
function planAppend(job: AppendJob): void {
  const n = job.lines.length;
  const last = Math.max(job.known ?? job.sheet.getLastRow(), 1);
  if (job.known === undefined) job.report.calls += 1;
  job.known = undefined;
  job.maxRows = makeRoom(job.sheet, last, n, job.options, job.report);
  job.last = last;
  job.top = Math.max(1, last - 1);
  job.span = Math.min(job.maxRows, last + n + 1) - job.top + 1;
}

/**
 * After an append's write: if a row above was inserted or deleted in between, the lines moved with the rows
 * and the row they landed on gets back what it held (queued in `fixes`).
 */
function settleAppend(job: AppendJob, after: unknown[][], fixes: Write[]): void {
  const { lines, last, top, options, report } = job;
  const check = job.check ?? [];
  const n = lines.length;
  const width = lines[0].length;
  const rowAt = (values: unknown[][], row: number): unknown[] => values[row - top] ?? new Array(width).fill("");
  const shift = shiftOf(job.sheet, check, after, last, top, job.maxRows, options, report);
  report.appended = n;
  report.row = last + 1 + shift;
  job.done = true;
  if (shift === 0) return;
  // What each written row should hold now: the lines one row up or down, the overwritten row put back.
  const from = Math.min(last + 1, last + 1 + shift);
  const to = Math.max(last + n, last + n + shift);
  const fixed = [];
  for (let p = from; p <= to; p += 1) {
    fixed.push(p >= last + 1 + shift && p <= last + n + shift ? lines[p - last - 1 - shift] : rowAt(check, p - shift));
  }
  fixes.push({ sheet: job.sheet, row: from, column: options.first + 1, values: fixed });
  report.repaired.push(`${options.sheetName}!${from}:${to}`);
}

/** Blank rows enough for the lines (and the row under them, to read); returns the sheet's row count now. */
function makeRoom(sheet: Sheet, last: number, n: number, options: AppendOptions, report: AppendReport): number {
  if (options.insertAfterLastRow && last > 1) {
    // New empty rows right under the data: nothing can be overwritten. (Under the header the new rows would
    // copy the header's look, so an empty table takes the path below.)
    sheet.insertRowsAfter(last, n);
    const maxRows = sheet.getMaxRows();
    report.calls += 2;
    return maxRows;
  }
  const maxRows = sheet.getMaxRows();
  report.calls += 1;
  const need = last + n - maxRows;
  if (need <= 0) return maxRows;
  sheet.insertRowsAfter(maxRows, need);
  report.calls += 1;
  return maxRows + need;
}

function isBlank(line: readonly unknown[]): boolean {
  return line.every((v) => v === "" || v === null || v === undefined);
}

function sameLine(a: readonly unknown[], b: readonly unknown[], idOffset?: number): boolean {
  const key = (v: unknown) => (v instanceof Date ? `d${v.getTime()}` : String(v ?? ""));
  if (idOffset !== undefined && String(a[idOffset] ?? "").trim() !== "") return key(a[idOffset]) === key(b[idOffset]);
  return a.length === b.length && a.every((v, i) => key(v) === key(b[i]));
}

/**
 * How far the rows above moved between the read before the write and the write (0, or one row up or down):
 * the last data row is looked for where it was and one row up; when it is gone, the sheet's row count says
 * whether a row was inserted (it was overwritten) or deleted (it was that row).
 */
function shiftOf(
  sheet: Sheet,
  check: unknown[][],
  after: unknown[][],
  last: number,
  top: number,
  maxRows: number,
  options: AppendOptions,
  report: AppendReport,
): -1 | 0 | 1 {
  const lastLine = check[last - top];
  if (!lastLine || last < 2) return 0;
  if (sameLine(after[last - top] ?? [], lastLine, options.idOffset)) return 0;
  // One row up, with a blank row under it (the first new row, moved up): a row above was deleted. (A sort
  // that swapped the last two rows leaves a data row there instead.)
  const up = after[last - 1 - top];
  if (
    last - 1 >= Math.max(top, 2) &&
    up &&
    sameLine(up, lastLine, options.idOffset) &&
    isBlank(after[last - top] ?? [])
  )
    return -1;
  const now = sheet.getMaxRows();
  report.calls += 1;
  if (now > maxRows) return 1;
  if (now < maxRows) return -1;
  return 0;
}

/** A cell's A1 notation (without the sheet's name). */
function a1(row: number, column: number): string {
  let letters = "";
  for (let x = column; x > 0; x = Math.floor((x - 1) / 26))
    letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters;
  return `${letters}${row}`;
}
