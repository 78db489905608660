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
 */

import { wouldBeReinterpreted } from "./cells";

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
  const report: SafeWriteReport = { rows: 0, conflicts: [], unwritten: [], repaired: [], problems: [], calls: 0 };
  let pending = groupById(changes);
  const rowOf = new Map<string, number>();
  for (const id of pending.keys()) {
    const row = options.hint(id);
    if (row !== undefined && row >= 2) rowOf.set(id, row);
  }
  const written = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS && pending.size > 0; round += 1) {
    if ([...pending.keys()].some((id) => !rowOf.has(id))) {
      relocate(sheet, options, pending, rowOf, report);
      if (pending.size === 0) break;
    }
    const targets = [...pending].map(([id, cells]) => ({ id, row: rowOf.get(id)!, cells }));
    const blocks = planBlocks(targets, options);
    const before = readBlocks(sheet, blocks, report);
    if (!before || !targets.every((t) => idAt(before, blocks, t.row, options.idIndex) === t.id)) {
      // A row moved (or lies past the sheet's edge now): find every row by ID, nothing written yet.
      rowOf.clear();
      continue;
    }
    const toWrite = decide(targets, before, blocks, options, report);
    const wroteAt = writeRuns(sheet, toWrite, report);
    if (wroteAt.size === 0) {
      for (const t of targets) written.add(t.id);
      pending.clear();
      break;
    }
    const after = readBlocks(sheet, blocks, report);
    const moved = after ? movedRows(toWrite, after, blocks, options.idIndex) : toWrite.map((t) => t.id);
    const still = new Map<string, CellChange[]>();
    for (const t of targets) {
      if (moved.includes(t.id)) still.set(t.id, t.cells);
      else written.add(t.id);
    }
    if (moved.length > 0) {
      putBack(sheet, toWrite, moved, before, after, blocks, options, report);
      rowOf.clear();
    }
    pending = still;
  }
  for (const id of pending.keys()) {
    report.unwritten.push({ id, reason: `row ${id} kept moving in ${options.sheetName}; try again` });
  }
  report.rows = written.size;
  return report;
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
function planBlocks(targets: Target[], options: SafeWriteOptions): Block[] {
  const gap = options.rowGap ?? DEFAULT_ROW_GAP;
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

/** One read per block; the row under a block may be past the sheet's edge (then the block ends a row higher). */
function readBlocks(sheet: Sheet, blocks: Block[], report: SafeWriteReport): unknown[][][] | undefined {
  const out: unknown[][][] = [];
  for (const b of blocks) {
    let values = tryRead(sheet, b.top, b.first + 1, b.bottom - b.top + 1, b.width, report);
    if (!values) {
      values = tryRead(sheet, b.top, b.first + 1, b.bottom - b.top, b.width, report);
      if (!values) return undefined;
      values.push(new Array(b.width).fill(""));
    }
    out.push(values);
  }
  return out;
}

function tryRead(
  sheet: Sheet,
  row: number,
  column: number,
  rows: number,
  columns: number,
  report: SafeWriteReport,
): unknown[][] | undefined {
  if (rows < 1) return undefined;
  report.calls += 1;
  try {
    return sheet.getRange(row, column, rows, columns).getValues();
  } catch (e) {
    if (e instanceof Error && OUTSIDE_SHEET.test(e.message)) return undefined;
    throw e;
  }
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

/**
 * Writes each row's changed cells: one write per run of adjacent changed columns, and single cells that take
 * the same value (an owner, a flag, a day count) together in one RangeList write wherever they are. Returns
 * the rows written.
 */
function writeRuns(sheet: Sheet, targets: Target[], report: Pick<SafeWriteReport, "calls" | "unwritten">): Set<number> {
  const rows = new Set<number>();
  const perRow = rowRuns(targets);
  /** Row runs whose cells all take one value, by that value: they can share one RangeList write. */
  const uniform = new Map<string, Run[]>();
  for (const run of perRow) {
    const first = valueKey(run.values[0][0]);
    if (!run.values[0].every((v) => valueKey(v) === first)) continue;
    if (run.plainText.length !== 0 && run.plainText.length !== run.values[0].length) continue;
    const key = `${first}|${run.plainText.length > 0}`;
    uniform.set(key, [...(uniform.get(key) ?? []), run]);
  }
  const listed = new Set<Run>();
  for (const group of uniform.values()) {
    if (group.length < 2) continue;
    const list = sheet.getRangeList(
      group.map((r) => {
        const start = a1(r.row, r.first + 1);
        return r.values[0].length === 1 ? start : `${start}:${a1(r.row, r.first + r.values[0].length)}`;
      }),
    );
    try {
      if (group[0].plainText.length > 0) {
        report.calls += 1;
        list.setNumberFormat("@");
      }
      report.calls += 1;
      list.setValue(group[0].values[0][0] as never);
    } catch (e) {
      // One protected cell refuses the whole list: write them one by one below, so only that one is refused.
      if (!isProtectionRefusal(e)) throw e;
      continue;
    }
    for (const r of group) {
      listed.add(r);
      rows.add(r.row);
    }
  }
  const runs = mergeRows(perRow.filter((r) => !listed.has(r)));
  for (const run of runs) {
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
      for (const row of writeCellByCell(sheet, run, report)) rows.add(row);
      continue;
    }
    for (let r = 0; r < run.values.length; r += 1) rows.add(run.row + r);
  }
  return rows;
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

function valueKey(v: unknown): string {
  return v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`;
}

function a1(row: number, column: number): string {
  let letters = "";
  for (let x = column; x > 0; x = Math.floor((x - 1) / 26))
    letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters;
  return `${letters}${row}`;
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
function putBack(
  sheet: Sheet,
  written: Target[],
  moved: string[],
  before: unknown[][][],
  after: unknown[][][] | undefined,
  blocks: Block[],
  options: SafeWriteOptions,
  report: SafeWriteReport,
): void {
  if (!after) {
    report.problems.push(`${options.sheetName}: rows changed during a write and could not be checked`);
    return;
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
  writeRuns(sheet, fixes, report);
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
}

export interface AppendReport {
  appended: number;
  /** The row of the first line written. */
  row: number;
  repaired: string[];
  problems: string[];
  calls: number;
}

/**
 * Appends lines under the last row, checked like writeCells: the rows around the target read just before
 * (the new rows must still be blank; the row above is kept), written, read again. If a person inserted or
 * deleted a row above in between, the row the lines landed on is put back and the lines move with the rows.
 * A row typed under the data since the job read it is never overwritten: the last row is asked for now.
 */
export function appendLines(sheet: Sheet, lines: unknown[][], options: AppendOptions): AppendReport {
  const report: AppendReport = { appended: 0, row: 0, repaired: [], problems: [], calls: 0 };
  if (lines.length === 0) return report;
  const n = lines.length;
  const width = lines[0].length;
  let known = options.lastRow;
  for (let attempt = 0; attempt < MAX_ROUNDS; attempt += 1) {
    const last = Math.max(known ?? sheet.getLastRow(), 1);
    if (known === undefined) report.calls += 1;
    known = undefined;
    const maxRows = makeRoom(sheet, last, n, options, report);
    const top = Math.max(1, last - 1);
    const span = Math.min(maxRows, last + n + 1) - top + 1;
    const check = sheet.getRange(top, options.first + 1, span, width).getValues();
    report.calls += 1;
    const rowAt = (values: unknown[][], row: number): unknown[] => values[row - top] ?? new Array(width).fill("");
    // A person typed into the new rows since the last row was read: look again, lower down.
    if (lines.some((_, i) => !isBlank(rowAt(check, last + 1 + i)))) continue;
    const range = sheet.getRange(last + 1, options.first + 1, n, width);
    const formats = options.formats;
    if (formats) {
      range.setNumberFormats(lines.map(() => formats));
      report.calls += 1;
    }
    range.setValues(lines);
    report.calls += 1;
    const after = sheet.getRange(top, options.first + 1, span, width).getValues();
    report.calls += 1;
    const shift = shiftOf(sheet, check, after, last, top, maxRows, options, report);
    report.appended = n;
    report.row = last + 1 + shift;
    if (shift !== 0) {
      // What each written row should hold now: the lines one row up or down, the overwritten row put back.
      const from = Math.min(last + 1, last + 1 + shift);
      const to = Math.max(last + n, last + n + shift);
      const fixed = [];
      for (let p = from; p <= to; p += 1) {
        fixed.push(
          p >= last + 1 + shift && p <= last + n + shift ? lines[p - last - 1 - shift] : rowAt(check, p - shift),
        );
      }
      sheet.getRange(from, options.first + 1, fixed.length, width).setValues(fixed);
      report.calls += 1;
      report.repaired.push(`${options.sheetName}!${from}:${to}`);
    }
    return report;
  }
  report.problems.push(`${options.sheetName}: new rows kept being typed into; nothing appended, try again`);
  return report;
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
