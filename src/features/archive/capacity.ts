/**
 * The book's size against the 10 million cell limit, and how fast it grows: read from the sheets' grids
 * (metadata, no cell reads) and from the dates the caller has already read.
 */
import { type Capacity, capacity, cellsOf, cellsPerMonth, type GridSize, rowsPerMonth } from "../../domain/capacity";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Every sheet's grid (rows × columns count toward the limit, empty or not). Two metadata calls per sheet. */
export function gridSizes(book: Book): GridSize[] {
  return book.getSheets().map((s) => ({ name: s.getName(), rows: s.getMaxRows(), columns: s.getMaxColumns() }));
}

export interface DatedRows {
  /** Sheet name, to find its width in the grid sizes. */
  name: string;
  dates: Iterable<Date | null | undefined>;
}

export interface BookCapacity extends Capacity {
  sheets: GridSize[];
  /** Rows per month of each dated sheet. */
  growth: { name: string; rowsPerMonth: number; columns: number }[];
}

/** Cells used now, and cells per month from the rows' dates (the last 12 months) times their sheet's width. */
export function bookCapacity(book: Book, dated: readonly DatedRows[], now: Date): BookCapacity {
  const sheets = gridSizes(book);
  const growth = dated.map((d) => ({
    name: d.name,
    rowsPerMonth: rowsPerMonth(d.dates, now),
    columns: sheets.find((s) => s.name === d.name)?.columns ?? 0,
  }));
  return { ...capacity(cellsOf(sheets), cellsPerMonth(growth)), sheets, growth };
}
