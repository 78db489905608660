/**
 * A hidden "Buyerbook scratch" sheet for work in progress too big for properties (a report's partial figures
 * between slices): one column per use, the text cut into cells of SCRATCH_CELL characters (Sheets holds 50,000
 * in a cell). The column is plain text, so nothing in it is read as a number, date or formula.
 */
export const SCRATCH_SHEET = "Buyerbook scratch";
export const SCRATCH_CELL = 45_000;

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

function scratchSheet(book: Book, create: boolean): GoogleAppsScript.Spreadsheet.Sheet | undefined {
  const found = book.getSheetByName(SCRATCH_SHEET);
  if (found || !create) return found ?? undefined;
  const sheet = book.insertSheet(SCRATCH_SHEET);
  sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).setNumberFormat("@");
  // Optional call: the offline emulator has no Sheet.hideSheet yet; Apps Script always has.
  (sheet as { hideSheet?: () => unknown }).hideSheet?.();
  return sheet;
}

/** Writes `text` into `column` (1-based) from row 1, clearing what an earlier, longer text left below. */
export function saveScratch(book: Book, column: number, text: string, previousCells = 0): number {
  const sheet = scratchSheet(book, true) as GoogleAppsScript.Spreadsheet.Sheet;
  const cells: string[][] = [];
  for (let i = 0; i < text.length; i += SCRATCH_CELL) cells.push([text.slice(i, i + SCRATCH_CELL)]);
  if (cells.length === 0) cells.push([""]);
  const rows = Math.max(cells.length, previousCells);
  while (cells.length < rows) cells.push([""]);
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  const range = sheet.getRange(1, column, rows, 1);
  range.setNumberFormat("@");
  range.setValues(cells);
  return Math.ceil(text.length / SCRATCH_CELL);
}

/** The text saved in `column` over `cells` cells, or undefined when the sheet is gone. */
export function loadScratch(book: Book, column: number, cells: number): string | undefined {
  const sheet = scratchSheet(book, false);
  if (!sheet || cells <= 0) return sheet ? "" : undefined;
  return sheet
    .getRange(1, column, cells, 1)
    .getValues()
    .map((r) => String(r[0] ?? ""))
    .join("");
}

/** Empties `column` (the work is done). */
export function clearScratch(book: Book, column: number, cells: number): void {
  const sheet = scratchSheet(book, false);
  if (sheet && cells > 0) sheet.getRange(1, column, cells, 1).clearContent();
}
