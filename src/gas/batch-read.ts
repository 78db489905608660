/**
 * Many ranges of one spreadsheet in ONE round trip: the Sheets API's values.batchGetByDataFilter through the
 * Sheets advanced service (enabled in appsscript.json). SpreadsheetApp cannot do this — a RangeList has no
 * getValues, and a getValues per scattered row is a round trip each (200 rows of a buyer's history would be
 * 200 trips). A data filter per range travels in the POST body, so hundreds of ranges fit where a GET URL
 * (values.batchGet) would grow too long.
 *
 * Without the advanced service (not enabled, or the API call fails) every range is read with its own getValues:
 * slower, the same answer.
 */
import { zonedToInstant } from "../domain/time";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface RangeRequest {
  sheet: Sheet;
  /** 1-based, like Sheet.getRange. */
  row: number;
  column: number;
  /** Undefined: down to the sheet's last row with data (no round trip to learn where that is). */
  rows?: number;
  columns: number;
  /**
   * 1-based sheet columns that hold dates. The API gives a date as its serial number; in these columns a
   * number becomes the Date getValues would have given.
   */
  dateColumns?: ReadonlySet<number>;
}

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

/**
 * Each range's values as getValues returns them: rows × columns, blanks as "". `timeZone` is the spreadsheet's
 * (File > Settings), which dates are read in; asked of the book when not given.
 */
export function readRanges(book: Book, requests: readonly RangeRequest[], timeZone?: string): unknown[][][] {
  if (requests.length === 0) return [];
  const api = typeof Sheets === "undefined" ? undefined : Sheets;
  if (api?.Spreadsheets?.Values && requests.length > 1) {
    try {
      return viaApi(book, api, requests, timeZone);
    } catch {
      // The API is off for this project or failed this once: the plain reads below give the same values.
    }
  }
  return requests.map((r) => {
    const rows = r.rows ?? r.sheet.getLastRow() - r.row + 1;
    return rows > 0 ? r.sheet.getRange(r.row, r.column, rows, r.columns).getValues() : [];
  });
}

/** The Sheets advanced service, when this project has it enabled. */
export function sheetsApi(): GoogleAppsScript.Sheets | undefined {
  const api = typeof Sheets === "undefined" ? undefined : Sheets;
  return api?.Spreadsheets?.Values ? api : undefined;
}

/**
 * Like readRanges, in ONE call of the Sheets API, and strict: an API error (a range past a sheet's edge:
 * "exceeds grid limits") is thrown, not answered by a slower read.
 */
export function readRangesOnce(book: Book, requests: readonly RangeRequest[], timeZone?: string): unknown[][][] {
  const api = sheetsApi();
  if (!api) throw new Error("The Sheets advanced service is not enabled.");
  return viaApi(book, api, requests, timeZone);
}

/**
 * The Sheets API refused a named read because a sheet is not as named (missing, renamed) or smaller than a range:
 * a reason to read the usual way. Any other failure (the service itself) is the caller's to fail on, as any read's.
 */
export function isShapeError(e: unknown): boolean {
  return e instanceof Error && /Unable to parse range|exceeds grid limits/i.test(e.message);
}

/** A sheet named, not held (no look-up call): all of it, only its header row, or a range of it ("C2:F"). */
export interface NamedRead {
  sheetName: string;
  headerOnly?: boolean;
  /** A range in A1 notation, without the sheet's name; open at the bottom ("C2:F") it ends at the last row with data. */
  a1?: string;
}

/**
 * Whole sheets, header rows and ranges by sheet name in ONE call of the Sheets API ("'Staff'" is every cell of Staff, "'Staff'!1:1"
 * its first row), as the API gives them: unformatted, dates as serial numbers (see serialToDate), trailing
 * blanks left out, so rows may be shorter than the header. Throws when the service is off or a sheet is missing.
 */
export function readNamed(book: Book, reads: readonly NamedRead[]): unknown[][][] {
  const api = sheetsApi();
  if (!api) throw new Error("The Sheets advanced service is not enabled.");
  return batchGet(
    book,
    api,
    reads.map((r) => {
      const name = quotedName(r.sheetName);
      return r.a1 ? `${name}!${r.a1}` : r.headerOnly ? `${name}!1:1` : name;
    }),
  );
}

/**
 * The A1 ranges' values in ONE values.batchGetByDataFilter, in the order asked, as the API gives them:
 * unformatted, dates as serial numbers, trailing blanks left out.
 */
function batchGet(book: Book, api: GoogleAppsScript.Sheets, a1s: readonly string[]): unknown[][][] {
  const response = api.Spreadsheets!.Values!.batchGetByDataFilter(
    {
      dataFilters: a1s.map((a1Range) => ({ a1Range })),
      valueRenderOption: "UNFORMATTED_VALUE",
      dateTimeRenderOption: "SERIAL_NUMBER",
      majorDimension: "ROWS",
    },
    book.getId(),
  );
  const byA1 = new Map<string, unknown[][]>();
  for (const matched of response.valueRanges ?? []) {
    const a1 = matched.dataFilters?.[0]?.a1Range;
    if (a1 !== undefined) byA1.set(a1, (matched.valueRange?.values ?? []) as unknown[][]);
  }
  return a1s.map((a1) => {
    const got = byA1.get(a1);
    if (got === undefined) throw new Error(`The Sheets API did not return ${a1}.`);
    return got;
  });
}

function quotedName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function viaApi(
  book: Book,
  api: GoogleAppsScript.Sheets,
  requests: readonly RangeRequest[],
  knownZone: string | undefined,
): unknown[][][] {
  const names = new Map<Sheet, string>();
  const a1s = requests.map((r) => {
    let name = names.get(r.sheet);
    if (name === undefined) {
      name = quotedName(r.sheet.getName());
      names.set(r.sheet, name);
    }
    return a1Of(name, r);
  });
  const values = batchGet(book, api, a1s);
  let timeZone = knownZone;
  return requests.map((request, i) => {
    const got = values[i];
    const out: unknown[][] = [];
    const rows = request.rows ?? got.length;
    for (let r = 0; r < rows; r += 1) {
      const line: unknown[] = new Array(request.columns);
      const source = got[r] ?? [];
      for (let c = 0; c < request.columns; c += 1) {
        const v = source[c];
        if (v === undefined || v === null) line[c] = "";
        else if (typeof v === "number" && request.dateColumns?.has(request.column + c)) {
          timeZone ??= book.getSpreadsheetTimeZone();
          line[c] = serialToDate(v, timeZone);
        } else line[c] = v;
      }
      out.push(line);
    }
    return out;
  });
}

/** A Sheets serial number (days since 1899-12-30 on the spreadsheet's wall clock) as the instant it shows. */
export function serialToDate(serial: number, timeZone: string): Date {
  const wall = new Date(SERIAL_EPOCH_UTC + Math.round(serial * MS_PER_DAY));
  return zonedToInstant(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      millisecond: wall.getUTCMilliseconds(),
    },
    timeZone,
  );
}

function a1Of(name: string, r: RangeRequest): string {
  const end = r.rows === undefined ? "" : String(r.row + r.rows - 1);
  return `${name}!${columnLetters(r.column)}${r.row}:${columnLetters(r.column + r.columns - 1)}${end}`;
}

/** "A", "Z", "AA"…: a 1-based column's letters in A1 notation. */
export function columnLetters(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
