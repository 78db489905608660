import { sheetOf } from "../gas/book";
import type { SheetSpec } from "./columns";
import { dateTextParser } from "./date-text";
import { readTable, type Table } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Reads one sheet as a table (one data read), parsing typed dates in the company zone. */
export function loadTable<S extends SheetSpec>(book: Book, spec: S, timeZone: string): Table<S> {
  return readTable(sheetOf(book, spec), spec, { parseDateText: dateTextParser(timeZone) });
}

/** Like loadTable, but a missing optional sheet reads as empty rather than failing the job. */
export function loadOptionalTable<S extends SheetSpec>(book: Book, spec: S, timeZone: string): Table<S> | undefined {
  const sheet = book.getSheetByName(spec.name);
  return sheet ? readTable(sheet, spec, { parseDateText: dateTextParser(timeZone) }) : undefined;
}
