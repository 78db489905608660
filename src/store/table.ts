import { cellValue, type DataIssue, type DateTextParser, parseCell } from "./cells";
import type { ColumnSpec, RecordOf, SheetSpec } from "./columns";
import { NUMBER_FORMAT } from "./columns";
import { type HeaderMap, mapHeaders } from "./headers";
import { type CellChange, type Conflict, type Known, NOT_READ, WriteBatch } from "./safe-write";
import type { SheetZone } from "./sheet-zone";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TableRow<T> {
  /** 1-based row at read time; only a hint: writes re-locate rows by ID. */
  row: number;
  record: T;
  /** Keys whose cells could not be read; writes never touch them unless the caller sets them explicitly. */
  bad: Set<string>;
  /** The fields read of this row when more than the table's were (store/widen-rows.ts). */
  readKeys?: ReadonlySet<string>;
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
  /** The fields read (a table read by columns leaves the rest empty); all when absent. */
  readKeys?: ReadonlySet<string>;
  /** How the read turned typed date text into dates (writes compare cells the same way). */
  parseDateText?: DateTextParser;
}

export interface ReadOptions {
  parseDateText: DateTextParser;
}

/** One read of the whole sheet (the only read of that sheet in a job), mapped by header and normalized. */
export function readTable<S extends SheetSpec>(sheet: Sheet, spec: S, options: ReadOptions): Table<S> {
  const extent = sheet.getDataRange();
  const values = withRowBelow(extent.getNumRows(), (rows) =>
    sheet.getRange(1, 1, rows, extent.getNumColumns()).getValues(),
  );
  return tableOfValues(sheet, spec, values, options);
}

/**
 * A table from a whole sheet's values already read (header row first). Rows may be shorter than the header
 * (the Sheets API leaves trailing blanks out): a missing cell reads as blank.
 */
export function tableOfValues<S extends SheetSpec>(
  sheet: Sheet,
  spec: S,
  values: unknown[][],
  options: ReadOptions,
): Table<S> {
  const blank = (v: unknown) => v === "" || v === null || v === undefined;
  while (values.length > 1 && values[values.length - 1].every(blank)) values.pop();
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
    (row, index) => rows(row)[index] ?? "",
    (row) => rows(row).every(blank),
  );
}

/**
 * Reads `rows` rows and the one below them when the sheet has it: a row a person inserts between asking for
 * the extent and reading it pushes the last row down by one, and it must not go unread (a missed buyer would
 * be entered twice, a missed ID handed out again).
 */
function withRowBelow(rows: number, read: (rows: number) => unknown[][]): unknown[][] {
  if (rows < 1) return read(Math.max(1, rows));
  try {
    return read(rows + 1);
  } catch (e) {
    if (e instanceof Error && /outside the dimensions of the sheet/i.test(e.message)) return read(rows);
    throw e;
  }
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
  const blocks = runs.map((run) => ({
    first: run.first,
    last: run.last,
    values: withRowBelow(dataRows, (rows) =>
      sheet.getRange(2, run.first + 1, rows, run.last - run.first + 1).getValues(),
    ),
  }));
  return tableOfBlocks(sheet, spec, headers, keys, blocks, options, dataRows);
}

/**
 * A table of the `keys` columns from blocks of columns already read (rows 2 on; `first` and `last` are the
 * block's 0-based sheet columns), under `headers`. Rows may be shorter than their block (the Sheets API leaves trailing blanks out).
 */
export function tableOfBlocks<S extends SheetSpec>(
  sheet: Sheet,
  spec: S,
  headers: HeaderMap,
  keys: readonly string[],
  blocks: readonly { first: number; last: number; values: unknown[][] }[],
  options: ReadOptions,
  dataRows = 0,
): Table<S> {
  const columns = spec.columns.filter((c) => keys.includes(c.key) && headers.index.has(c.key));
  /** Per sheet column index, the block holding it and its offset there. */
  const blockOf = new Map<number, { values: unknown[][]; offset: number }>();
  let readRows = dataRows;
  for (const block of blocks) {
    readRows = Math.max(readRows, block.values.length);
    for (let i = block.first; i <= block.last; i += 1)
      blockOf.set(i, { values: block.values, offset: i - block.first });
  }
  const cell = (row: number, index: number): unknown => {
    const block = blockOf.get(index);
    return block?.values[row - 2]?.[block.offset] ?? "";
  };
  const located = columns.map((c) => headers.index.get(c.key)!);
  return tableOf(sheet, spec, headers, columns, readRows + 1, options, cell, (row) =>
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
  return {
    spec,
    sheet,
    headers,
    rows,
    byId,
    issues,
    lastRow,
    readKeys: new Set(columns.map((c) => c.key)),
    parseDateText: options.parseDateText,
  };
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
  /** Cells a person changed since the job read them: the person's value was kept, the job's is here. */
  conflicts: Conflict[];
  /** Rows of other records a moved write landed on, put back (see safe-write.ts). */
  repaired: string[];
  /** What could not be put back, for a person to check. */
  problems: string[];
  calls: number;
}

export interface WriterOptions {
  /**
   * Make room for appended rows by inserting them right after the last row (one structural call) instead of
   * using the blank rows below it. For a job held to a call count (the mail pull); the new rows take the look
   * and dropdowns of the last data row.
   */
  insertAfterLastRow?: boolean;
  /** The job's time zone, asked once for all its reads and writes (see SheetZone). */
  zone?: SheetZone;
}

/**
 * Collects changes to a table and writes them with the checks of safe-write.ts: updates go to the rows found
 * by ID just before writing, only changed cells are written, a cell a person changed since the job read it
 * keeps the person's value (the job's is reported in `conflicts`), and every write is read back so a sort, an
 * insert or a delete landing in between is put right. Appends go under the last row as it is now. Call
 * `commit` while holding the document lock (script writes then cannot interleave; a person's edits still can).
 */
export class TableWriter<S extends SheetSpec> {
  private readonly updates = new Map<string, Partial<RecordOf<S>>>();
  private readonly appends: RecordOf<S>[] = [];
  private readonly appendsById = new Map<string, RecordOf<S>>();
  /** Per ID, each changed field's cell as the job read it (before `update` changed the record). */
  private readonly before = new Map<string, Map<string, Known>>();

  constructor(
    private readonly table: Table<S>,
    private readonly options: WriterOptions = {},
  ) {}

  /**
   * `readAs`: the cells as the job read them, when its own planning already changed the table's record in memory
   * (without it, the record is taken as read, and a cell changed in memory would look typed by a person).
   */
  update(id: string, changes: Partial<RecordOf<S>>, readAs?: Partial<RecordOf<S>>): void {
    // A row appended in this same job is not in the sheet yet: change it before it is written.
    const pendingAppend = this.table.spec.idKey ? this.appendsById.get(id) : undefined;
    if (pendingAppend) {
      Object.assign(pendingAppend as object, changes);
      return;
    }
    const row = this.table.byId.get(id);
    const seen = this.before.get(id) ?? new Map<string, Known>();
    for (const key of Object.keys(changes)) if (!seen.has(key)) seen.set(key, this.readValue(row, key, readAs));
    this.before.set(id, seen);
    const previous = this.updates.get(id) ?? {};
    this.updates.set(id, { ...previous, ...changes });
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

  /**
   * Writes what was collected. With `batch` (shared with other writers of the same job, other sheets too), the
   * writes are only queued: the report is filled when the batch is committed.
   */
  commit(batch?: WriteBatch): WriteReport {
    const own = batch ?? new WriteBatch(this.options.zone);
    const report: WriteReport = {
      updated: 0,
      appended: 0,
      unwritten: [],
      conflicts: [],
      repaired: [],
      problems: [],
      calls: 0,
    };
    if (this.updates.size > 0) this.writeUpdates(report, own);
    if (this.appends.length > 0) this.writeAppends(report, own);
    this.updates.clear();
    this.before.clear();
    this.appends.length = 0;
    this.appendsById.clear();
    if (!batch) own.commit();
    return report;
  }

  /** The cell as the job read it, or NOT_READ when the column was not read or did not parse. */
  private readValue(row: TableRow<RecordOf<S>> | undefined, key: string, readAs?: Partial<RecordOf<S>>): Known {
    const column = this.table.spec.columns.find((c) => c.key === key);
    if (!row || !column || row.bad.has(key)) return NOT_READ;
    const read = row.readKeys ?? this.table.readKeys;
    if (read && !read.has(key)) return NOT_READ;
    const source = (readAs && key in readAs ? readAs : row.record) as Record<string, unknown>;
    return cellValue(column, source[key]);
  }

  private columnAt(index: number): ColumnSpec | undefined {
    for (const [key, i] of this.table.headers.index) {
      if (i === index) return this.table.spec.columns.find((c) => c.key === key);
    }
    return undefined;
  }

  /** Two cell values of one column compared as the column reads them (text trimmed, dates by time). */
  private same(index: number, a: unknown, b: unknown): boolean {
    const column = this.columnAt(index);
    const parse = this.table.parseDateText ?? (() => undefined);
    const norm = (v: unknown) => {
      if (!column) return v;
      const parsed = parseCell(column, v, parse);
      return parsed.ok ? cellValue(column, parsed.value) : v;
    };
    return cellKey(norm(a)) === cellKey(norm(b));
  }

  private writeUpdates(report: WriteReport, batch: WriteBatch): void {
    const { spec, headers, sheet } = this.table;
    if (!spec.idKey) throw new Error(`Sheet ${spec.name} has no ID column; rows cannot be updated by ID`);
    const idIndex = headers.index.get(spec.idKey);
    if (idIndex === undefined) {
      for (const id of this.updates.keys())
        report.unwritten.push({ id, reason: `the ${spec.name} sheet has no ID column` });
      return;
    }
    const changes: CellChange[] = [];
    for (const [id, fields] of this.updates) {
      for (const [key, value] of Object.entries(fields)) {
        const column = spec.columns.find((c) => c.key === key);
        const index = headers.index.get(key);
        if (!column || index === undefined) {
          report.unwritten.push({ id, reason: `column ${key} is missing from ${spec.name}` });
          continue;
        }
        const text = column.kind === "text" || column.kind === "id";
        changes.push({
          id,
          index,
          key,
          value: cellValue(column, value),
          before: this.before.get(id)?.get(key) ?? NOT_READ,
          text,
        });
      }
    }
    if (changes.length === 0) return;
    const indexes = [idIndex, ...changes.map((c) => c.index)];
    const width = Math.max(...indexes) - Math.min(...indexes) + 1;
    const result = batch.cells(sheet, changes, {
      sheetName: spec.name,
      idIndex,
      hint: (id) => this.table.byId.get(id)?.row,
      same: (index, a, b) => this.same(index, a, b),
      known: (id, index) => this.knownAt(id, index),
      // Reading the rows between two changes (twice: before and after) costs less than two more calls up to here.
      rowGap: Math.max(1, Math.floor(READ_CALL_MS / (width * READ_CELL_MS))),
      dateIndexes: new Set(
        spec.columns.filter((c) => isDateKind(c) && headers.index.has(c.key)).map((c) => headers.index.get(c.key)!),
      ),
    });
    batch.afterCommit(() => {
      report.updated += result.rows;
      report.unwritten.push(...result.unwritten);
      report.conflicts.push(...result.conflicts);
      report.repaired.push(...result.repaired);
      report.problems.push(...result.problems);
      report.calls += result.calls;
    });
  }

  /** Another row's cell as the job read it (to put it back if a moved write landed on it). */
  private knownAt(id: string, index: number): Known {
    const column = this.columnAt(index);
    if (!column) return NOT_READ;
    const snapshot = this.before.get(id)?.get(column.key);
    if (snapshot !== undefined) return snapshot;
    return this.readValue(this.table.byId.get(id), column.key);
  }

  private writeAppends(report: WriteReport, batch: WriteBatch): void {
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
    const formats: string[] = new Array(width).fill("General");
    for (const c of known) formats[headers.index.get(c.key)! - first] = NUMBER_FORMAT[c.kind];
    const lines = this.appends.map((record) => {
      const line: unknown[] = new Array(width).fill("");
      for (const c of known)
        line[headers.index.get(c.key)! - first] = cellValue(c, (record as Record<string, unknown>)[c.key]);
      return line;
    });
    const idIndex = spec.idKey ? headers.index.get(spec.idKey) : undefined;
    const appends = [...this.appends];
    const result = batch.append(sheet, lines, {
      sheetName: spec.name,
      first,
      formats,
      idOffset: idIndex === undefined ? undefined : idIndex - first,
      insertAfterLastRow: this.options.insertAfterLastRow,
      dateOffsets: known.filter(isDateKind).map((c) => headers.index.get(c.key)! - first),
    });
    batch.afterCommit(() => {
      report.appended += result.appended;
      report.repaired.push(...result.repaired);
      report.problems.push(...result.problems);
      report.calls += result.calls;
      if (result.appended === 0)
        for (const r of appends)
          report.unwritten.push({
            id: spec.idKey ? String(r[spec.idKey]) : "(new row)",
            reason: `${spec.name}: rows kept being typed under the data; try again`,
          });
    });
  }
}

function isDateKind(c: ColumnSpec): boolean {
  return c.kind === "date" || c.kind === "datetime";
}

/** A cell value as a comparable key: dates by the second, blanks alike. */
function cellKey(v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  if (v instanceof Date) return `d${Math.round(v.getTime() / 1000)}`;
  return `${typeof v}:${String(v)}`;
}

/**
 * A table for appending only (the Log): reads just the header row, since appends need no history.
 */
export function appendOnlyTable<S extends SheetSpec>(sheet: Sheet, spec: S): Table<S> {
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  return { spec, sheet, headers: mapHeaders(spec, header), rows: [], byId: new Map(), issues: [], lastRow: 0 };
}
