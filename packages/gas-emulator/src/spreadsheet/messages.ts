/**
 * Apps Script's exact error texts for the Spreadsheet service. Each names where it was seen, so a
 * reader can check it; the contract tests pin them.
 */

/** Seen as "Range not found (line N, file ...)" in github.com/jamietr1/google-docs-writing-tracker/issues/18. */
export const RANGE_NOT_FOUND = "Range not found";

/** github.com/Elijas/auto-youtube-subscription-playlist-2/issues/99 */
export const ROWS_AT_LEAST_ONE = "The number of rows in the range must be at least 1.";
export const COLUMNS_AT_LEAST_ONE = "The number of columns in the range must be at least 1.";

/** Rows variant mirrors the columns text quoted in github.com/alpatania/sassafras/issues/8. */
export function rowsMismatch(data: number, range: number): string {
  return `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`;
}
export function columnsMismatch(data: number, range: number): string {
  return `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`;
}

export const OUTSIDE_SHEET = "The coordinates of the range are outside the dimensions of the sheet.";

export const CELL_TOO_LONG = "Your input contains more than the maximum of 50000 characters in a single cell.";
export const MAX_CELL_CHARS = 50000;

export const MAX_CELLS = 10_000_000;
export const TOO_MANY_CELLS =
  "This action would increase the number of cells in the workbook above the limit of 10000000 cells.";

/** Quoted in github.com/theoephraim/node-google-spreadsheet/pull/20 (the same backend text). */
export const PROTECTED_CELL =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

export function duplicateSheetName(name: string): string {
  return `A sheet with the name "${name}" already exists. Please enter another name.`;
}

export const UI_NOT_AVAILABLE = "Cannot call SpreadsheetApp.getUi() from this context.";

export function invalidData(a1: string): string {
  return `The data you entered in cell ${a1} violates the data validation rules set on this cell.`;
}

export const LAST_SHEET = "You can't remove all the sheets in a document.";

/** The Spreadsheet timeout text the meter throws; the emulator appends the document id like Apps Script. */
export const SPREADSHEET_TIMEOUT_PREFIX = "Service Spreadsheets timed out while accessing document with id";
