/**
 * A job's tables in ONE call of the Sheets API: whole sheets by name, and for a big sheet only the columns the
 * job needs, as ranges open at the bottom ("C2:F"), with the sheet's header row. No extent is asked and no read
 * is made per column run: the pull's three tables cost one round trip where they cost eleven (an extent and the
 * reads of each). The columns are planned on the spec's own layout; a sheet whose header row says a person
 * moved or removed one is read again the usual way (readTableColumns). Without the advanced service, or when
 * the API finds a sheet missing or a range past a sheet's edge, every table is read the usual way; a failure of
 * the service itself fails the job, as any read's does.
 */
import { columnLetters, isShapeError, type NamedRead, readNamed, serialToDate, sheetsApi } from "../gas/batch-read";
import type { SheetSpec } from "./columns";
import { dateColumnsOf, type HeaderMap, mapHeaders } from "./headers";
import { type ReadOptions, readTable, readTableColumns, type Table, tableOfBlocks, tableOfValues } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TableWanted {
  sheet: Sheet;
  spec: SheetSpec;
  /** Only these columns (the other fields left empty, as readTableColumns leaves them); all when absent. */
  keys?: readonly string[];
}

/** Where a wanted table's values sit in the one read. */
interface Planned {
  want: TableWanted;
  /** The whole sheet, or the header row then one range per run of columns. */
  at: number;
  runs: { first: number; last: number }[];
}

/**
 * The tables, in the order wanted. `zone` gives the spreadsheet's time zone (the API gives dates as serial
 * numbers); it is asked only when a date column holds one.
 */
export function readTablesAtOnce(
  book: Book,
  wants: readonly TableWanted[],
  options: ReadOptions,
  zone: () => string,
): Table<SheetSpec>[] {
  const usual = () => wants.map((w) => readUsual(w, options));
  if (!sheetsApi() || wants.length === 0) return usual();
  const reads: NamedRead[] = [];
  const planned: Planned[] = wants.map((want) => {
    const at = reads.length;
    if (!want.keys) {
      reads.push({ sheetName: want.sheet.getName() });
      return { want, at, runs: [] };
    }
    const runs = runsOf(want.spec, want.keys);
    reads.push({ sheetName: want.sheet.getName(), headerOnly: true });
    for (const run of runs)
      reads.push({
        sheetName: want.sheet.getName(),
        a1: `${columnLetters(run.first + 1)}2:${columnLetters(run.last + 1)}`,
      });
    return { want, at, runs };
  });
  let values: unknown[][][];
  try {
    values = readNamed(book, reads);
  } catch (e) {
    if (!isShapeError(e)) throw e;
    return usual();
  }
  return planned.map((p) => tableOf(p, values, options, zone));
}

function readUsual(want: TableWanted, options: ReadOptions): Table<SheetSpec> {
  return want.keys
    ? readTableColumns(want.sheet, want.spec, want.keys as never, options)
    : readTable(want.sheet, want.spec, options);
}

function tableOf(p: Planned, values: unknown[][][], options: ReadOptions, zone: () => string): Table<SheetSpec> {
  const { sheet, spec, keys } = p.want;
  if (!keys) {
    const all = values[p.at];
    const headers = mapHeaders(spec, all[0] ?? []);
    return tableOfValues(
      sheet,
      spec,
      [all[0] ?? [], ...datesFromSerials(spec, headers, all.slice(1), 0, zone)],
      options,
    );
  }
  const headers = mapHeaders(spec, values[p.at][0] ?? []);
  // Read where the spec puts the columns: a header that says otherwise (a person moved or removed one) means the
  // cells read are not the columns wanted.
  const moved = keys.some((key) => headers.index.get(key) !== spec.columns.findIndex((c) => c.key === key));
  if (moved) return readTableColumns(sheet, spec, keys as never, options);
  const blocks = p.runs.map((run, i) => ({
    first: run.first,
    last: run.last,
    values: datesFromSerials(spec, headers, values[p.at + 1 + i], run.first, zone),
  }));
  return tableOfBlocks(sheet, spec, headers, keys, blocks, options);
}

/** The spec columns of `keys`, in runs of neighbours (in one call a gap costs cells and saves nothing). */
function runsOf(spec: SheetSpec, keys: readonly string[]): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  spec.columns.forEach((c, i) => {
    if (!keys.includes(c.key)) return;
    const run = runs[runs.length - 1];
    if (run && run.last === i - 1) run.last = i;
    else runs.push({ first: i, last: i });
  });
  return runs;
}

/**
 * The Sheets API gives dates as serial numbers: in the spec's date columns (found by the header; `first` is the
 * 0-based sheet column of the values' first) they become the dates getValues would have given.
 */
export function datesFromSerials(
  spec: SheetSpec,
  headers: HeaderMap,
  rows: unknown[][],
  first: number,
  zone: () => string,
): unknown[][] {
  const dateColumns = dateColumnsOf(spec, headers);
  if (dateColumns.size === 0) return rows;
  for (const row of rows) {
    for (let c = 0; c < row.length; c += 1) {
      const v = row[c];
      if (typeof v === "number" && dateColumns.has(first + c + 1)) row[c] = serialToDate(v, zone());
    }
  }
  return rows;
}
