/**
 * Reading only what the desk needs from a big sheet: some columns of all rows, or some columns of some rows.
 * The reads are planned by cost. A round trip costs about as much as reading CELLS_PER_CALL cells (Apps Script's
 * best-practices page: ~7 ms of overhead per call against ~0.1 ms per cell in a batch, and a remote read adds
 * its latency), so two column runs (or two row blocks) share one getValues when the cells between them cost
 * less than a second call — else each is read on its own.
 */
import { parseCell } from "./cells";
import type { RecordOf, SheetSpec } from "./columns";
import type { HeaderMap } from "./headers";
import { emptyValue } from "./table";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** About how many cells one more round trip is worth. */
export const CELLS_PER_CALL = 5000;

/** An inclusive span: sheet rows (1-based) or column indexes (0-based). */
export interface Span {
  first: number;
  last: number;
}

/**
 * Groups sorted, distinct positions into spans: the gap between two neighbours is read along when its cells
 * (gap × `across`) cost less than another call.
 */
export function planSpans(positions: readonly number[], across: number): Span[] {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const spans: Span[] = [];
  for (const p of sorted) {
    const last = spans[spans.length - 1];
    if (last && (p - last.last - 1) * across < CELLS_PER_CALL) last.last = p;
    else spans.push({ first: p, last: p });
  }
  return spans;
}

const cells = (s: Span) => s.last - s.first + 1;

export interface ColumnReader<S extends SheetSpec> {
  sheet: Sheet;
  spec: S;
  headers: HeaderMap;
  parseDate: (text: string) => Date | undefined;
}

/**
 * The `keys` columns of `rows` (1-based sheet rows; "all" for 2..lastRow), parsed. Keys the sheet lacks read
 * as empty. Returns sheet row -> record (the other fields empty). One getValues per planned block × run.
 */
export function readColumns<S extends SheetSpec>(
  reader: ColumnReader<S>,
  keys: readonly string[],
  rows: readonly number[] | "all",
  lastRow: number,
): Map<number, RecordOf<S>> {
  const { sheet, spec, headers } = reader;
  const columns = spec.columns.filter((c) => keys.includes(c.key));
  const present = columns.filter((c) => headers.index.has(c.key));
  const out = new Map<number, RecordOf<S>>();
  const wanted = rows === "all" ? null : rows.filter((r) => r >= 2 && r <= lastRow);
  if (lastRow < 2 || (wanted && wanted.length === 0)) return out;
  const blank = () => {
    const r: Record<string, unknown> = {};
    for (const c of columns) r[c.key] = emptyValue(c);
    return r;
  };
  const colIndexes = present.map((c) => headers.index.get(c.key)!);
  // Rows first (their gaps cost every column read), then the column runs of each block.
  const blocks = wanted ? planSpans(wanted, Math.max(1, colIndexes.length)) : [{ first: 2, last: lastRow }];
  const keep = wanted ? new Set(wanted) : null;
  for (const block of blocks) {
    const records = new Map<number, Record<string, unknown>>();
    for (let r = block.first; r <= block.last; r += 1) if (!keep || keep.has(r)) records.set(r, blank());
    for (const run of planSpans(colIndexes, cells(block))) {
      const values = sheet.getRange(block.first, run.first + 1, cells(block), cells(run)).getValues();
      for (const c of present) {
        const index = headers.index.get(c.key)!;
        if (index < run.first || index > run.last) continue;
        for (const [row, record] of records) {
          const parsed = parseCell(c, values[row - block.first][index - run.first], reader.parseDate);
          record[c.key] = parsed.ok ? parsed.value : emptyValue(c);
        }
      }
    }
    for (const [row, record] of records) out.set(row, record as RecordOf<S>);
  }
  return out;
}

/**
 * Rows whose `key` cell matches `pattern` (a regular expression over the whole cell, any case): one TextFinder
 * over that column — it searches on the server, far cheaper than reading the column — for few expected hits.
 */
export function rowsMatching<S extends SheetSpec>(
  reader: ColumnReader<S>,
  key: string,
  pattern: string,
  lastRow: number,
): number[] {
  const index = reader.headers.index.get(key);
  if (index === undefined || lastRow < 2) return [];
  return reader.sheet
    .getRange(2, index + 1, lastRow - 1, 1)
    .createTextFinder(`^(?:${pattern})$`)
    .useRegularExpression(true)
    .matchEntireCell(true)
    .findAll()
    .map((r) => r.getRow());
}
