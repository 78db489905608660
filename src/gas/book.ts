import type { SheetSpec } from "../store/columns";

/** The spreadsheet this add-on is bound to (the one the user has open, or the trigger's document). */
export function activeBook(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  if (!book) throw new Error("Buyerbook runs inside a spreadsheet: no active spreadsheet.");
  return book;
}

/** The bound spreadsheet, or undefined when there is none; throws what Apps Script throws (no access). */
export function activeBookIfAny(): GoogleAppsScript.Spreadsheet.Spreadsheet | undefined {
  return SpreadsheetApp.getActiveSpreadsheet() ?? undefined;
}

export function sheetOf(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: SheetSpec,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = book.getSheetByName(spec.name);
  if (!sheet) throw missingSheet(spec);
  return sheet;
}

/** The error for a sheet the job cannot run without: the person's fix is to run setup again. */
export function missingSheet(spec: SheetSpec): Error {
  return new Error(`The ${spec.name} sheet is missing. Run Buyerbook > Set up workbook.`);
}
