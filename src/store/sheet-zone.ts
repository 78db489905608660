type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The spreadsheet's time zone for one job: the Sheets API reads dates as serial numbers on its wall clock and
 * dates are written as its wall-clock time, so a job's reads, its writes and its Log need it. Asked of Apps
 * Script at most once, when first needed, however many of them there are.
 */
export class SheetZone {
  /** How many times Apps Script was asked (0 or 1). */
  asked = 0;

  /** `known`: the zone as the job already has it (the cached small tables keep it). */
  constructor(
    private readonly book: Book,
    private known?: string,
  ) {}

  get(): string {
    if (this.known === undefined) {
      this.known = this.book.getSpreadsheetTimeZone();
      this.asked += 1;
    }
    return this.known;
  }
}
