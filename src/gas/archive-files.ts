/** Spreadsheets other than the one Buyerbook runs in: the yearly archives. Needs the `spreadsheets` scope. */
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function createSpreadsheet(name: string): Spreadsheet {
  return SpreadsheetApp.create(name);
}

/** The spreadsheet with this id, or undefined when it is gone, trashed or no longer shared with the user. */
export function openSpreadsheet(id: string): Spreadsheet | undefined {
  if (!id) return undefined;
  try {
    if (DriveApp.getFileById(id).isTrashed()) return undefined;
    return SpreadsheetApp.openById(id);
  } catch {
    return undefined;
  }
}

/** Files a new spreadsheet in the book's own folder (the company's Buyerbook folder); left in My Drive if that fails. */
export function placeBesideBook(fileId: string, bookId: string): void {
  try {
    const parents = DriveApp.getFileById(bookId).getParents();
    if (parents.hasNext()) DriveApp.getFileById(fileId).moveTo(parents.next());
  } catch {
    // The archive is still complete where it was created; only its folder differs.
  }
}
