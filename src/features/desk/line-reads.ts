/**
 * The desk's second read: the rows of several sheets, each in only the columns its lines show (groups of
 * neighbouring columns, not every column up to the last one needed), plus any single-column ranges, in ONE
 * batched read; then each sheet's rows as lines laid out as the sheet is (columns not read are empty).
 */
import { type RangeRequest, readRanges } from "../../gas/batch-read";
import type { SheetSpec } from "../../store/columns";
import { runsOf, type SheetHeaders } from "../../store/rows-by-key";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet columns (1-based) holding these keys, as runs of neighbours: [first column, how many]. */
export function columnGroups(map: { index: ReadonlyMap<string, number> }, keys: readonly string[]): [number, number][] {
  const columns = [...new Set(keys.map((k) => map.index.get(k)).filter((i): i is number => i !== undefined))]
    .map((i) => i + 1)
    .sort((a, b) => a - b);
  const groups: [number, number][] = [];
  for (const column of columns) {
    const last = groups[groups.length - 1];
    if (last && last[0] + last[1] === column) last[1] += 1;
    else groups.push([column, 1]);
  }
  return groups.length > 0 ? groups : [[1, 1]];
}

interface Block {
  spec: SheetSpec;
  runs: [number, number][];
  groups: [number, number][];
  first: number;
}

export class LineReads {
  private readonly requests: RangeRequest[] = [];
  private readonly blocks: Block[] = [];
  private values: unknown[][][] = [];

  constructor(private readonly headers: SheetHeaders) {}

  /** Plans these rows of `spec`'s sheet, in the columns of `keys`. */
  rows(spec: SheetSpec, sheet: Sheet, rows: readonly number[], keys: readonly string[]): void {
    const runs = runsOf([...rows]);
    const groups = columnGroups(this.headers.map(spec)!, keys);
    this.blocks.push({ spec, runs, groups, first: this.requests.length });
    const dateColumns = this.headers.dateColumns(spec);
    for (const [row, count] of runs)
      for (const [column, columns] of groups)
        this.requests.push({ sheet, row, column, rows: count, columns, dateColumns });
  }

  /** Plans one column of these rows; the answer is `cells()` of the returned handle after `read()`. */
  cells(sheet: Sheet, column: number, rows: readonly number[]): () => Map<number, string> {
    const runs = runsOf([...rows]);
    const first = this.requests.length;
    for (const [row, count] of runs) this.requests.push({ sheet, row, column, rows: count, columns: 1 });
    return () => {
      const out = new Map<number, string>();
      runs.forEach(([row, count], i) => {
        for (let k = 0; k < count; k += 1) out.set(row + k, String(this.values[first + i][k]?.[0] ?? "").trim());
      });
      return out;
    };
  }

  read(book: Book): void {
    this.values = readRanges(book, this.requests, this.headers.zone);
  }

  /** The planned rows of `spec`, by sheet row, each laid out as the sheet's columns. */
  lines(spec: SheetSpec): Map<number, unknown[]> {
    const out = new Map<number, unknown[]>();
    const block = this.blocks.find((b) => b.spec === spec);
    if (!block) return out;
    let at = block.first;
    for (const [row, count] of block.runs) {
      const rowLines = Array.from({ length: count }, () => [] as unknown[]);
      for (const [column, columns] of block.groups) {
        const got = this.values[at++];
        for (let k = 0; k < count; k += 1)
          for (let j = 0; j < columns; j += 1) rowLines[k][column - 1 + j] = got[k]?.[j] ?? "";
      }
      rowLines.forEach((line, k) => {
        out.set(row + k, line);
      });
    }
    return out;
  }
}
