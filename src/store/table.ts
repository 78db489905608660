import { cellValue, type DataIssue, type DateTextParser, parseCell, wouldBeReinterpreted } from "./cells";
import type { ColumnSpec, RecordOf, SheetSpec } from "./columns";
import { NUMBER_FORMAT } from "./columns";
import { type HeaderMap, mapHeaders } from "./headers";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TableRow<T> {
  /** 1-based row at read time; only a hint: writes re-locate rows by ID. */
  row: number;
  record: T;
  /** Keys whose cells could not be read; writes never touch them unless the caller sets them explicitly. */
  bad: Set<string>;
}

export interface Table<S extends SheetSpec> {
  spec: S;
  sheet: Sheet;
  headers: HeaderMap;
  rows: TableRow<RecordOf<S>>[];
  byId: Map<string, TableRow<RecordOf<S>>>;
  issues: DataIssue[];
  /** The sheet's last row when it was read (1 = only the header). */
  lastRow: number;
}

export interface ReadOptions {
  parseDateText: DateTextParser;
}

/** One read of the whole sheet (the only read of that sheet in a job), mapped by header and normalized. */
export function readTable<S extends SheetSpec>(sheet: Sheet, spec: S, options: ReadOptions): Table<S> {
  const values = sheet.getDataRange().getValues();
  const headers = mapHeaders(spec, values[0] ?? []);
  const columns = spec.columns.filter((c) => headers.index.has(c.key));
  const rows = (r: number) => values[r - 1];
  return tableOf(
    sheet,
    spec,
    headers,
    columns,
    values.length,
    options,
    (row, index) => rows(row)[index],
    (row) => rows(row).every((v) => v === "" || v === null),
  );
}

/**
 * Modeled read costs (packages/gas-emulator/src/core/costs.ts, "Spreadsheet.read"): ~50 ms a round trip and ~0.01 ms a cell, so
 * one more call is worth reading about 5,000 more cells.
 */
const READ_CALL_MS = 50;
const READ_CELL_MS = 0.01;

/**
 * A table of only the `keys` columns (the other fields empty), for a big sheet where a job needs few of them:
 * 100,000 inquiries x 26 columns is ~26 s of reading in Apps Script, a third of the columns about a third of
 * that. Reads are planned by the cost table: the whole sheet in one call when that is cheaper (a small sheet);
 * else the header row (read whole, so appends through TableWriter still fill every column), then the needed
 * columns, where two neighbouring runs share one read when the cells between them cost less than a call —
 * which picks, and can beat, the cheaper of "one rectangle around them all" and "one read per contiguous run".
 * Fields left unread are never written back unless the job sets them.
 */
export function readTableColumns<S extends SheetSpec>(
  sheet: Sheet,
  spec: S,
  keys: readonly (keyof RecordOf<S> & string)[],
  options: ReadOptions,
  plan: ColumnReadPlan = {},
): Table<S> {
  const extent = sheet.getDataRange();
  const lastRow = extent.getNumRows();
  const width = extent.getNumColumns();
  const dataRows = lastRow - 1;
  if (dataRows < 1) return readTable(sheet, spec, options);
  // Planned on the spec's own layout; if a person moved columns, the header read below finds them anyway.
  const guess = planColumnRuns(
    spec.columns.flatMap((c, i) => (keys.includes(c.key) && i < width ? [i] : [])),
    dataRows,
    plan.maxColumnReads,
  );
  const wholeMs = READ_CALL_MS + lastRow * width * READ_CELL_MS;
  const headerMs = READ_CALL_MS + width * READ_CELL_MS;
  if (guess.length === 0 || wholeMs <= headerMs + runsCost(guess, dataRows)) return readTable(sheet, spec, options);

  const headers = mapHeaders(spec, sheet.getRange(1, 1, 1, width).getValues()[0]);
  const columns = spec.columns.filter((c) => keys.includes(c.key) && headers.index.has(c.key));
  if (columns.length === 0) return readTable(sheet, spec, options);
  const runs = planColumnRuns(
    columns.map((c) => headers.index.get(c.key)!),
    dataRows,
    plan.maxColumnReads,
  );
  /** Per sheet column index, the block holding it and its offset there. */
  const blockOf = new Map<number, { values: unknown[][]; offset: number }>();
  for (const run of runs) {
    const values = sheet.getRange(2, run.first + 1, dataRows, run.last - run.first + 1).getValues();
    for (let i = run.first; i <= run.last; i += 1) blockOf.set(i, { values, offset: i - run.first });
  }
  const cell = (row: number, index: number): unknown => {
    const block = blockOf.get(index)!;
    return block.values[row - 2][block.offset];
  };
  const located = columns.map((c) => headers.index.get(c.key)!);
  return tableOf(sheet, spec, headers, columns, lastRow, options, cell, (row) =>
    located.every((index) => {
      const v = cell(row, index);
      return v === "" || v === null;
    }),
  );
}

export interface ColumnReadPlan {
  /**
   * At most this many reads of data columns (the header read aside), for a job held to a call count: the
   * narrowest gaps between runs are read along until the runs fit, trading cells for calls.
   */
  maxColumnReads?: number;
}

/**
 * Sorted column runs; a gap is read along when its cells cost less than another call, then (with `maxRuns`)
 * the narrowest remaining gaps until at most `maxRuns` runs are left.
 */
function planColumnRuns(indexes: readonly number[], rows: number, maxRuns?: number): { first: number; last: number }[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const runs: { first: number; last: number }[] = [];
  for (const i of sorted) {
    const run = runs[runs.length - 1];
    if (run && (i - run.last - 1) * rows * READ_CELL_MS < READ_CALL_MS) run.last = i;
    else runs.push({ first: i, last: i });
  }
  const limit = Math.max(1, maxRuns ?? Number.POSITIVE_INFINITY);
  while (runs.length > limit) {
    let narrowest = 1;
    for (let k = 2; k < runs.length; k += 1) {
      if (runs[k].first - runs[k - 1].last < runs[narrowest].first - runs[narrowest - 1].last) narrowest = k;
    }
    runs[narrowest - 1].last = runs[narrowest].last;
    runs.splice(narrowest, 1);
  }
  return runs;
}

function runsCost(runs: readonly { first: number; last: number }[], rows: number): number {
  return runs.reduce((ms, r) => ms + READ_CALL_MS + (r.last - r.first + 1) * rows * READ_CELL_MS, 0);
}

/** Rows 2..lastRow as records, from whatever was read: `cell(row, columnIndex)` with 1-based sheet rows. */
function tableOf<S extends SheetSpec>(
  sheet: Sheet,
  spec: S,
  headers: HeaderMap,
  columns: readonly ColumnSpec[],
  lastRow: number,
  options: ReadOptions,
  cell: (row: number, index: number) => unknown,
  isBlank: (row: number) => boolean,
): Table<S> {
  const rows: TableRow<RecordOf<S>>[] = [];
  const byId = new Map<string, TableRow<RecordOf<S>>>();
  const issues: DataIssue[] = [];
  const located = columns.map((c) => ({ c, index: headers.index.get(c.key)! }));
  for (let r = 2; r <= lastRow; r += 1) {
    if (isBlank(r)) continue;
    const record = emptyRecord(spec) as Record<string, unknown>;
    const bad = new Set<string>();
    for (const { c, index } of located) {
      const raw = cell(r, index);
      const parsed = parseCell(c, raw, options.parseDateText);
      if (parsed.ok) record[c.key] = parsed.value;
      else {
        bad.add(c.key);
        issues.push({ sheet: spec.name, row: r, column: c.en, value: raw, problem: parsed.problem });
      }
    }
    const row = { row: r, record: record as RecordOf<S>, bad };
    rows.push(row);
    if (spec.idKey) {
      const id = String(record[spec.idKey] ?? "");
      if (id !== "") {
        if (byId.has(id)) {
          issues.push({ sheet: spec.name, row: r, column: idColumn(spec).en, value: id, problem: "duplicate ID" });
        } else byId.set(id, row);
      }
    }
  }
  return { spec, sheet, headers, rows, byId, issues, lastRow };
}

export function emptyValue(c: ColumnSpec): unknown {
  if (c.kind === "number" || c.kind === "date" || c.kind === "datetime") return null;
  if (c.kind === "bool") return false;
  return "";
}

/** A record with every field empty, to spread defaults over. */
export function emptyRecord<S extends SheetSpec>(spec: S): RecordOf<S> {
  // A plain loop: this runs once per row read, 100,000 times for a lived-in Inquiries sheet.
  const record: Record<string, unknown> = {};
  for (const c of spec.columns) record[c.key] = emptyValue(c);
  return record as RecordOf<S>;
}

function idColumn(spec: SheetSpec): ColumnSpec {
  const c = spec.columns.find((x) => x.key === spec.idKey);
  if (!c) throw new Error(`Sheet ${spec.name} has no ID column`);
  return c;
}

export interface WriteReport {
  updated: number;
  appended: number;
  /** Changes that could not be written (row deleted by a person meanwhile, column missing), never dropped silently. */
  unwritten: { id: string; reason: string }[];
  calls: number;
}

export interface WriterOptions {
  /**
   * Make room for appended rows by inserting them right after the last row (one structural call) instead of
   * asking for the sheet size and inserting only when the blank rows below run out (one or two calls). For a
   * job held to a call count (the mail pull); the new rows take the look and dropdowns of the last data row.
   */
  insertAfterLastRow?: boolean;
}

/** An update located at a sheet row. */
interface Target<S extends SheetSpec> {
  id: string;
  row: number;
  changes: Partial<RecordOf<S>>;
}

/** Rows read and written together: `group` is the written column span, `read*` what is read (it may add the ID). */
interface Block<S extends SheetSpec> {
  group: { first: number; width: number };
  targets: Target<S>[];
  top: number;
  height: number;
  readFirst: number;
  readWidth: number;
}

/**
 * Collects changes to a table and writes them in as few calls as the layout allows. Call `commit` while
 * holding the document lock (script writes then cannot interleave; a person's hand edits still can). Updates
 * go to the rows where the table was read, and each block's fresh read takes the ID column along to prove
 * every row still holds its record; if a person sorted, inserted or deleted rows meanwhile, the ID column is
 * re-read and rows are found by ID. Changes are merged into freshly read blocks so other cells' edits survive.
 */
export class TableWriter<S extends SheetSpec> {
  private readonly updates = new Map<string, Partial<RecordOf<S>>>();
  private readonly appends: RecordOf<S>[] = [];
  private readonly appendsById = new Map<string, RecordOf<S>>();

  constructor(
    private readonly table: Table<S>,
    private readonly options: WriterOptions = {},
  ) {}

  update(id: string, changes: Partial<RecordOf<S>>): void {
    // A row appended in this same job is not in the sheet yet: change it before it is written.
    const pendingAppend = this.table.spec.idKey ? this.appendsById.get(id) : undefined;
    if (pendingAppend) {
      Object.assign(pendingAppend as object, changes);
      return;
    }
    const previous = this.updates.get(id) ?? {};
    this.updates.set(id, { ...previous, ...changes });
    const row = this.table.byId.get(id);
    if (row) Object.assign(row.record as object, changes);
  }

  append(record: RecordOf<S>): void {
    this.appends.push(record);
    if (this.table.spec.idKey)
      this.appendsById.set(String((record as Record<string, unknown>)[this.table.spec.idKey]), record);
  }

  get pending(): number {
    return this.updates.size + this.appends.length;
  }

  commit(): WriteReport {
    const report: WriteReport = { updated: 0, appended: 0, unwritten: [], calls: 0 };
    // When the updates had to ask for the last row, the appends share it: updates never move it.
    const lastRow = this.updates.size > 0 ? this.writeUpdates(report) : undefined;
    if (this.appends.length > 0) this.writeAppends(report, lastRow);
    this.updates.clear();
    this.appends.length = 0;
    this.appendsById.clear();
    return report;
  }

  /** Returns the sheet's last row when it had to be read now (rows were re-located by ID). */
  private writeUpdates(report: WriteReport): number | undefined {
    const { spec, headers } = this.table;
    if (!spec.idKey) throw new Error(`Sheet ${spec.name} has no ID column; rows cannot be updated by ID`);
    const idIndex = headers.index.get(spec.idKey);
    if (idIndex === undefined) {
      for (const id of this.updates.keys())
        report.unwritten.push({ id, reason: `the ${spec.name} sheet has no ID column` });
      return undefined;
    }
    const located = this.locatedAtReadTime();
    if (located) {
      const missing: WriteReport["unwritten"] = [];
      const blocks = this.planBlocks(located, missing, idIndex);
      if (this.verifiedCheaper(blocks)) {
        const reads = this.readVerified(blocks, idIndex, report);
        if (reads) {
          report.unwritten.push(...missing);
          const rows = new Set<number>();
          this.writeBlocks(blocks, reads, report, rows);
          report.updated += rows.size;
          return undefined;
        }
      }
      // A row moved (or proving the rows would cost more than re-reading the IDs): find them by ID instead.
    }
    return this.writeRelocated(idIndex, report);
  }

  /** Every update at the row its record was read from, or undefined when one was not read (appended earlier). */
  private locatedAtReadTime(): Target<S>[] | undefined {
    const targets: Target<S>[] = [];
    for (const [id, changes] of this.updates) {
      const read = this.table.byId.get(id);
      if (!read || read.row < 2) return undefined;
      targets.push({ id, row: read.row, changes });
    }
    return targets;
  }

  /**
   * Taking the ID column along in each block's read costs its extra cells; the alternative is asking for the
   * last row and re-reading the whole ID column (two calls). Chosen by the modeled cost (packages/gas-emulator/src/core/costs.ts).
   */
  private verifiedCheaper(blocks: Block<S>[]): boolean {
    const widened = blocks.reduce((cells, b) => cells + b.height * (b.readWidth - b.group.width), 0);
    const relocate = META_CALL_MS + READ_CALL_MS + Math.max(0, this.table.lastRow - 1) * READ_CELL_MS;
    return widened * READ_CELL_MS < relocate;
  }

  /**
   * Reads every block (ID column included) and checks each target row still holds its ID. All blocks are read
   * before any is written, so a moved row means nothing was written yet and the by-ID path starts clean.
   * Returns undefined when a row moved or the sheet has shrunk below a block.
   */
  private readVerified(blocks: Block<S>[], idIndex: number, report: WriteReport): unknown[][][] | undefined {
    const reads: unknown[][][] = [];
    for (const b of blocks) {
      const range = rangeOrUndefined(this.table.sheet, b.top, b.readFirst + 1, b.height, b.readWidth);
      if (!range) return undefined;
      const fresh = range.getValues();
      report.calls += 1;
      for (const t of b.targets) {
        if (String(fresh[t.row - b.top][idIndex - b.readFirst] ?? "").trim() !== t.id) return undefined;
      }
      reads.push(fresh);
    }
    return reads;
  }

  /** The careful path: the last row and the ID column read now, rows found by ID, then read-merge-write. */
  private writeRelocated(idIndex: number, report: WriteReport): number {
    const { spec, sheet } = this.table;
    // The fresh check of this commit: rows a person sorted, inserted or deleted are found where they are now.
    const lastRow = sheet.getLastRow();
    const ids = lastRow > 1 ? sheet.getRange(2, idIndex + 1, lastRow - 1, 1).getValues() : [];
    report.calls += ids.length > 0 ? 2 : 1;
    const rowOf = new Map<string, number>();
    ids.forEach((line, i) => {
      const id = String(line[0] ?? "").trim();
      if (id !== "" && !rowOf.has(id)) rowOf.set(id, i + 2);
    });
    const targets: Target<S>[] = [];
    for (const [id, changes] of this.updates) {
      const row = rowOf.get(id);
      if (row === undefined) report.unwritten.push({ id, reason: `row ${id} is no longer in ${spec.name} (deleted?)` });
      else targets.push({ id, row, changes });
    }
    const blocks = this.planBlocks(targets, report.unwritten);
    // A row changed in two column groups is one updated row.
    const rows = new Set<number>();
    for (const b of blocks) {
      const fresh = sheet.getRange(b.top, b.readFirst + 1, b.height, b.readWidth).getValues();
      report.calls += 1;
      this.writeBlocks([b], [fresh], report, rows);
    }
    report.updated += rows.size;
    return lastRow;
  }

  /**
   * Groups the targets into blocks: changed columns that share a write (columnGroups), rows close enough to
   * share one (blocksOf). With `verifyIndex`, each block's read is widened to take that column along.
   * Changes to columns the sheet lacks are reported as unwritten here.
   */
  private planBlocks(targets: Target<S>[], unwritten: WriteReport["unwritten"], verifyIndex?: number): Block<S>[] {
    const { spec, headers } = this.table;
    const touched = new Set<number>();
    for (const { id, changes } of targets) {
      for (const key of Object.keys(changes)) {
        const index = headers.index.get(key);
        if (index === undefined) unwritten.push({ id, reason: `column ${key} is missing from ${spec.name}` });
        else touched.add(index);
      }
    }
    if (targets.length === 0 || touched.size === 0) return [];
    const sorted = [...targets].sort((a, b) => a.row - b.row);
    const rowSpan = sorted[sorted.length - 1].row - sorted[0].row + 1;
    const blocks: Block<S>[] = [];
    for (const group of columnGroups([...touched], rowSpan)) {
      const inGroup = (key: string) => {
        const index = headers.index.get(key);
        return index !== undefined && index >= group.first && index < group.first + group.width;
      };
      const groupTargets = sorted.filter((t) => Object.keys(t.changes).some(inGroup));
      const readFirst = verifyIndex === undefined ? group.first : Math.min(group.first, verifyIndex);
      const readLast = Math.max(group.first + group.width - 1, verifyIndex ?? group.first);
      for (const block of blocksOf(groupTargets, group.width)) {
        const top = block[0].row;
        const height = block[block.length - 1].row - top + 1;
        blocks.push({ group, targets: block, top, height, readFirst, readWidth: readLast - readFirst + 1 });
      }
    }
    return blocks;
  }

  /** Merges the changes into each block's fresh values and writes the block's columns: other cells keep what is there now. */
  private writeBlocks(blocks: Block<S>[], reads: unknown[][][], report: WriteReport, updatedRows: Set<number>): void {
    const { spec, sheet, headers } = this.table;
    blocks.forEach((b, n) => {
      const { first, width } = b.group;
      const offset = first - b.readFirst;
      const fresh = reads[n].map((line) => line.slice(offset, offset + width));
      let risky = false;
      for (const { row, changes } of b.targets) {
        const line = fresh[row - b.top];
        for (const [key, value] of Object.entries(changes)) {
          const index = headers.index.get(key);
          if (index === undefined || index < first || index >= first + width) continue;
          const column = spec.columns.find((c) => c.key === key)!;
          const v = cellValue(column, value);
          if (typeof v === "string" && (column.kind === "text" || column.kind === "id") && wouldBeReinterpreted(v))
            risky = true;
          line[index - first] = v;
        }
        updatedRows.add(row);
      }
      const range = sheet.getRange(b.top, first + 1, b.height, width);
      if (risky) {
        // Outside text that Sheets would parse: make its columns plain text before the values land.
        const formats = range.getNumberFormats();
        for (const c of spec.columns) {
          const index = headers.index.get(c.key);
          if (index === undefined || index < first || index >= first + width) continue;
          if (c.kind !== "text" && c.kind !== "id") continue;
          for (const line of formats) line[index - first] = "@";
        }
        range.setNumberFormats(formats);
        report.calls += 2;
      }
      range.setValues(fresh);
      report.calls += 1;
    });
  }

  private writeAppends(report: WriteReport, lastRowNow?: number): void {
    const { spec, sheet, headers } = this.table;
    const known = spec.columns.filter((c) => headers.index.has(c.key));
    if (known.length === 0) {
      for (const r of this.appends) {
        report.unwritten.push({
          id: spec.idKey ? String(r[spec.idKey]) : "(new row)",
          reason: `${spec.name} has no known headers`,
        });
      }
      return;
    }
    const indexes = known.map((c) => headers.index.get(c.key)!);
    const first = Math.min(...indexes);
    const width = Math.max(...indexes) - first + 1;
    // The fresh check of the appends (unless the updates just made it): the last row now, under the lock, so
    // rows a person added since the read are never overwritten. A value from the read would be stale for them.
    const lastRow = Math.max(lastRowNow ?? sheet.getLastRow(), 1);
    if (lastRowNow === undefined) report.calls += 1;
    if (this.options.insertAfterLastRow && lastRow > 1) {
      // New empty rows right under the data: nothing can be overwritten, and no sheet size is needed. (Under
      // the header the new rows would copy the header's look, so an empty table takes the path below.)
      sheet.insertRowsAfter(lastRow, this.appends.length);
      report.calls += 1;
    } else {
      const maxRows = sheet.getMaxRows();
      const need = lastRow + this.appends.length - maxRows;
      report.calls += 1;
      if (need > 0) {
        sheet.insertRowsAfter(maxRows, need);
        report.calls += 1;
      }
    }
    const formatLine: string[] = new Array(width).fill("General");
    for (const c of known) formatLine[headers.index.get(c.key)! - first] = NUMBER_FORMAT[c.kind];
    const values = this.appends.map((record) => {
      const line: unknown[] = new Array(width).fill("");
      for (const c of known)
        line[headers.index.get(c.key)! - first] = cellValue(c, (record as Record<string, unknown>)[c.key]);
      return line;
    });
    const range = sheet.getRange(lastRow + 1, first + 1, values.length, width);
    range.setNumberFormats(values.map(() => formatLine));
    range.setValues(values);
    report.calls += 2;
    report.appended += values.length;
  }
}

/** Apps Script's message for a range past the sheet's edge (a person deleted rows since the read). */
const OUTSIDE_SHEET = /outside the dimensions of the sheet/i;

/** The range, or undefined when it lies past the sheet's edge now; any other failure is thrown. */
function rangeOrUndefined(
  sheet: Sheet,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): GoogleAppsScript.Spreadsheet.Range | undefined {
  try {
    return sheet.getRange(row, column, numRows, numColumns);
  } catch (e) {
    if (e instanceof Error && OUTSIDE_SHEET.test(e.message)) return undefined;
    throw e;
  }
}

/** Modeled cost of a metadata call such as getLastRow ("Spreadsheet.meta" in packages/gas-emulator/src/core/costs.ts). */
const META_CALL_MS = 10;

/**
 * Modeled costs (packages/gas-emulator/src/core/costs.ts) that decide how changes are grouped: a fresh read plus a write per
 * block is ~150 ms of round trip; re-writing one unchanged cell costs ~0.06 ms (read + write).
 */
const ROUND_TRIP_MS = 150;
const CELL_MS = 0.06;

/**
 * Splits the changed columns (0-based sheet indexes) into contiguous groups: two changed columns share a group
 * when re-writing the untouched columns between them costs less than a separate round trip.
 */
function columnGroups(columns: number[], rows: number): { first: number; width: number }[] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const groups: { first: number; width: number }[] = [];
  let first = sorted[0];
  let last = sorted[0];
  for (const c of sorted.slice(1)) {
    const gapCells = (c - last - 1) * rows;
    if (gapCells * CELL_MS > ROUND_TRIP_MS) {
      groups.push({ first, width: last - first + 1 });
      first = c;
    }
    last = c;
  }
  groups.push({ first, width: last - first + 1 });
  return groups;
}

/**
 * Groups sorted target rows into blocks written with one read and one write each. Rows close together share
 * a block (re-writing the fresh values of the rows between) when that costs less than another round trip.
 */
function blocksOf<T extends { row: number }>(targets: T[], width: number): T[][] {
  const gapLimit = Math.max(1, Math.floor(ROUND_TRIP_MS / (CELL_MS * Math.max(1, width))));
  const blocks: T[][] = [];
  let current: T[] = [];
  for (const t of targets) {
    const prev = current[current.length - 1];
    if (prev && t.row - prev.row > gapLimit) {
      blocks.push(current);
      current = [];
    }
    current.push(t);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/**
 * A table for appending only (the Log): reads just the header row, since appends need no history.
 */
export function appendOnlyTable<S extends SheetSpec>(sheet: Sheet, spec: S): Table<S> {
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  return { spec, sheet, headers: mapHeaders(spec, header), rows: [], byId: new Map(), issues: [], lastRow: 0 };
}
