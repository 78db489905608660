type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** Whole-sheet protections of the book. */
export function sheetProtections(book: Book): Protection[] {
  return book.getProtections(SpreadsheetApp.ProtectionType.SHEET);
}

/** Range protections of the book. */
export function rangeProtections(book: Book): Protection[] {
  return book.getProtections(SpreadsheetApp.ProtectionType.RANGE);
}

/** The protection covering this whole sheet, if there is one. */
export function protectionOfSheet(sheet: Sheet): Protection | undefined {
  return sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
}
