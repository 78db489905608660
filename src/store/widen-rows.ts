/**
 * More columns of a few rows of a table that was read by columns. A job that needs a handful of columns of
 * every row (IDs, threads, open state) but the whole record of only the rows it will change reads the narrow
 * columns of the sheet first, then the rest of those few rows here — in one batched read (gas/batch-read) of
 * one range per run of consecutive rows, so the cost grows with the rows widened, not with the sheet.
 *
 * Each range carries the row's ID cell: a row whose ID moved since the first read (someone sorted the sheet)
 * is not widened but returned, for the caller to read again the slow way.
 */
import { type RangeRequest, readRanges } from "../gas/batch-read";
import { type DataIssue, parseCell } from "./cells";
import type { RecordOf, SheetSpec } from "./columns";
import { dateColumnsOf } from "./headers";
import { runsOf } from "./rows-by-key";
import type { Table, TableRow } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface Widened<T> {
  /** Rows whose ID no longer sits where the table read it: left as they were. */
  moved: TableRow<T>[];
  /** Cells that did not parse (their keys are marked bad on the row, as a whole read would). */
  issues: DataIssue[];
}

export function widenRows<S extends SheetSpec>(
  book: Book,
  table: Table<S>,
  rows: readonly TableRow<RecordOf<S>>[],
  keys: readonly (keyof RecordOf<S> & string)[],
  /** The spreadsheet's own zone (dates come as serial numbers); asked of the book when a date is met. */
  timeZone?: string,
): Widened<RecordOf<S>> {
  const { spec, headers } = table;
  const idIndex = spec.idKey ? headers.index.get(spec.idKey) : undefined;
  const columns = spec.columns.filter((c) => keys.includes(c.key) && headers.index.has(c.key));
  if (rows.length === 0 || idIndex === undefined || columns.length === 0) return { moved: [...rows], issues: [] };
  const indexes = [idIndex, ...columns.map((c) => headers.index.get(c.key)!)];
  const first = Math.min(...indexes);
  const width = Math.max(...indexes) - first + 1;
  const dateColumns = new Set([...dateColumnsOf(spec, headers)].filter((c) => c > first && c <= first + width));
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const runs = runsOf(rows.map((r) => r.row));
  const requests: RangeRequest[] = runs.map(([row, count]) => ({
    sheet: table.sheet,
    row,
    column: first + 1,
    rows: count,
    columns: width,
    dateColumns,
  }));
  let values: unknown[][][];
  try {
    values = readRanges(book, requests, timeZone);
  } catch {
    // Rows deleted since the first read put some ranges past the sheet's edge: none is trusted where it was.
    return { moved: [...rows], issues: [] };
  }
  const parseDate = table.parseDateText ?? (() => undefined);
  const read = new Set([...(table.readKeys ?? []), ...columns.map((c) => c.key)]);
  const moved: TableRow<RecordOf<S>>[] = [];
  const issues: DataIssue[] = [];
  runs.forEach(([start, count], r) => {
    for (let k = 0; k < count; k += 1) {
      const row = byRow.get(start + k)!;
      const line = values[r][k] ?? [];
      const id = String((row.record as Record<string, unknown>)[spec.idKey!] ?? "");
      if (String(line[idIndex - first] ?? "").trim() !== id) {
        moved.push(row);
        continue;
      }
      const record = row.record as Record<string, unknown>;
      for (const c of columns) {
        const raw = line[headers.index.get(c.key)! - first];
        const parsed = parseCell(c, raw, parseDate);
        if (parsed.ok) record[c.key] = parsed.value;
        else {
          row.bad.add(c.key);
          issues.push({ sheet: spec.name, row: row.row, column: c.en, value: raw, problem: parsed.problem });
        }
      }
      row.readKeys = read;
    }
  });
  return { moved, issues };
}
