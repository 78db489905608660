/**
 * The Sheets advanced service (`Sheets`, the Sheets API v4 through Apps Script), as far as values go:
 * `Spreadsheets.Values.batchGet` and `batchGetByDataFilter` with A1 ranges, and `Spreadsheets.Values.batchUpdate`.
 * Many ranges, ONE round trip — what SpreadsheetApp cannot do for scattered rows (a RangeList has no getValues
 * and sets only one value). The read answer is shaped like the API's: rows lose their trailing empty cells,
 * trailing empty rows are dropped, an all-empty range has no `values`; with UNFORMATTED_VALUE a date is its
 * serial number on the spreadsheet's wall clock. A range past the sheet's edge fails the whole call with the
 * API's "exceeds grid limits" message; so does a write touching a protected cell — and then nothing is written.
 * An API call does not go through SpreadsheetApp's write cache: it is a round trip of its own, made when called.
 */
import type { GasContext } from "../core/context";
import { parseA1, quoteSheetName, splitSheetName, toA1 } from "./a1";
import type { EmulatedSpreadsheetApp } from "./app";
import type { EmulatedRange } from "./range";
import type { EmulatedSpreadsheet } from "./spreadsheet";
import { toSerial } from "./time";
import { displayValue } from "./values";

/**
 * developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate ("Authorization scopes"):
 * any one of these; spreadsheets.currentonly is SpreadsheetApp's alone.
 */
const API_SCOPES = [
  "https://www.googleapis.com/auth/spreadsheets",
  "https://www.googleapis.com/auth/drive",
  "https://www.googleapis.com/auth/drive.file",
] as const;

type ValueRange = GoogleAppsScript.Sheets.Schema.ValueRange;
type BatchGetResponse = GoogleAppsScript.Sheets.Schema.BatchGetValuesResponse;
type FilterRequest = GoogleAppsScript.Sheets.Schema.BatchGetValuesByDataFilterRequest;
type FilterResponse = GoogleAppsScript.Sheets.Schema.BatchGetValuesByDataFilterResponse;
type UpdateRequest = GoogleAppsScript.Sheets.Schema.BatchUpdateValuesRequest;
type UpdateResponse = GoogleAppsScript.Sheets.Schema.BatchUpdateValuesResponse;

interface ReadOptions {
  valueRenderOption?: string;
  dateTimeRenderOption?: string;
  majorDimension?: string;
}

export class EmulatedSheetsApi {
  readonly Spreadsheets: {
    Values: {
      batchGet(spreadsheetId: string, optionalArgs?: ReadOptions & { ranges?: string[] | string }): BatchGetResponse;
      batchGetByDataFilter(resource: FilterRequest, spreadsheetId: string): FilterResponse;
      batchUpdate(resource: UpdateRequest, spreadsheetId: string): UpdateResponse;
    };
  };

  /** `_ctx`: the service's calls are metered by the spreadsheets they reach (through `app`), not here. */
  constructor(
    _ctx: GasContext,
    private readonly app: EmulatedSpreadsheetApp,
  ) {
    this.Spreadsheets = {
      Values: {
        batchGet: (spreadsheetId, optionalArgs = {}) => {
          const ranges = optionalArgs.ranges === undefined ? [] : ([] as string[]).concat(optionalArgs.ranges);
          const read = this.read(spreadsheetId, ranges, optionalArgs, "Sheets.Spreadsheets.Values.batchGet");
          return { spreadsheetId, valueRanges: read };
        },
        batchGetByDataFilter: (resource, spreadsheetId) => {
          const filters = resource.dataFilters ?? [];
          const ranges = filters.map((f) => {
            if (typeof f.a1Range !== "string") throw new Error("The emulator reads data filters by a1Range only.");
            return f.a1Range;
          });
          const read = this.read(spreadsheetId, ranges, resource, "Sheets.Spreadsheets.Values.batchGetByDataFilter");
          return {
            spreadsheetId,
            valueRanges: read.map((valueRange, i) => ({ dataFilters: [filters[i]], valueRange })),
          };
        },
        batchUpdate: (resource, spreadsheetId) => this.write(resource, spreadsheetId),
      },
    };
  }

  private read(spreadsheetId: string, ranges: string[], options: ReadOptions, method: string): ValueRange[] {
    if (ranges.length === 0) throw new Error("API call to sheets.spreadsheets.values.batchGet failed: no ranges.");
    const book = this.app.openForApi(spreadsheetId, method, API_SCOPES);
    const resolved = ranges.map((a1) => resolve(book, a1, "batchGet"));
    // A whole sheet or whole rows cost what they hold (the API returns the cells with data), not the grid.
    const cells = resolved.reduce(
      (n, r, i) => n + (wholeRowsOrSheet(ranges[i]) ? cellsWithData(r) : r.rect.nr * r.rect.nc),
      0,
    );
    // Metered first, read after: whatever lands before this call (a person's edit) is in what it returns.
    book.touch("Spreadsheet.read", method, cells, "view");
    return this.values(book, ranges, resolved, options);
  }

  private values(
    book: EmulatedSpreadsheet,
    ranges: string[],
    resolved: EmulatedRange[],
    options: ReadOptions,
  ): ValueRange[] {
    const tz = book.model.timeZone;
    const unformatted = options.valueRenderOption === "UNFORMATTED_VALUE";
    const serialDates = options.dateTimeRenderOption !== "FORMATTED_STRING";
    return resolved.map((range, i) => {
      const formats = range.sheet.model.formats.rows;
      const rows = range.readValues().map((row, r) =>
        trimEnd(
          row.map((v, c) => {
            if (!unformatted) return displayValue(v, formats[range.rect.r + r]?.[range.rect.c + c], tz);
            if (!(v instanceof Date)) return v;
            return serialDates
              ? toSerial(v.getTime(), tz)
              : displayValue(v, formats[range.rect.r + r]?.[range.rect.c + c], tz);
          }),
        ),
      );
      while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
      const out: ValueRange = { range: ranges[i], majorDimension: options.majorDimension ?? "ROWS" };
      if (rows.length > 0) out.values = rows;
      return out;
    });
  }

  /**
   * values.batchUpdate: every range checked first (its sheet, the grid, the data's size, protections), then
   * written; one failure writes nothing. RAW stores values as given; USER_ENTERED parses text as typing does.
   */
  private write(resource: UpdateRequest, spreadsheetId: string): UpdateResponse {
    const option = resource?.valueInputOption;
    if (option !== "RAW" && option !== "USER_ENTERED") {
      throw new Error(
        apiError("batchUpdate", `Invalid valueInputOption: ${option ?? "INPUT_VALUE_OPTION_UNSPECIFIED"}`),
      );
    }
    const data = resource.data ?? [];
    if (data.length === 0) throw new Error(apiError("batchUpdate", "Must specify at least one range."));
    const book = this.app.openForApi(spreadsheetId, "Sheets.Spreadsheets.Values.batchUpdate", API_SCOPES);
    const plans = data.map((d) => {
      const a1 = String(d.range ?? "");
      const range = resolve(book, a1, "batchUpdate");
      let values = (d.values ?? []) as unknown[][];
      if (d.majorDimension === "COLUMNS") values = transpose(values);
      const rows = values.length;
      const columns = Math.max(0, ...values.map((line) => line.length));
      if (rows > range.rect.nr)
        throw new Error(
          apiError(
            "batchUpdate",
            `Requested writing within range [${a1}], but tried writing to row [${range.rect.r + rows}]`,
          ),
        );
      if (columns > range.rect.nc)
        throw new Error(
          apiError(
            "batchUpdate",
            `Requested writing within range [${a1}], but tried writing to column [${columnLetter(range.rect.c + columns)}]`,
          ),
        );
      return { range, values, rows, columns };
    });
    const cells = plans.reduce(
      (n, p) => n + p.values.reduce((m, line) => m + line.filter((v) => v !== null && v !== undefined).length, 0),
      0,
    );
    book.touch("Spreadsheet.write.api", "Sheets.Spreadsheets.Values.batchUpdate", cells, "edit");
    for (const p of plans) {
      if (p.rows === 0 || p.columns === 0) continue;
      try {
        book.assertEditable(p.range.sheet.model, { r: p.range.rect.r, c: p.range.rect.c, nr: p.rows, nc: p.columns });
      } catch (e) {
        throw new Error(apiError("batchUpdate", (e as Error).message));
      }
    }
    const sheets = new Set<unknown>();
    const responses = plans.map((p) => {
      const written = p.range.writeApiValues(p.values, option === "RAW");
      if (written > 0) sheets.add(p.range.sheet.model);
      const updatedRange = `${quoteSheetName(p.range.sheet.model.name)}!${toA1(p.range.rect.r + 1, p.range.rect.c + 1, Math.max(1, p.rows), Math.max(1, p.columns))}`;
      return { spreadsheetId, updatedRange, updatedRows: p.rows, updatedColumns: p.columns, updatedCells: written };
    });
    return {
      spreadsheetId,
      totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
      totalUpdatedColumns: responses.reduce((n, r) => n + r.updatedColumns, 0),
      totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
      totalUpdatedSheets: sheets.size,
      responses,
    };
  }
}

function trimEnd(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === "" || row[end - 1] === null || row[end - 1] === undefined)) end -= 1;
  return row.slice(0, end);
}

/** How Apps Script reports a failed advanced-service call. */
function apiError(method: string, message: string): string {
  return `API call to sheets.spreadsheets.values.${method} failed with error: ${message}`;
}

/**
 * An A1 range of the API: its sheet must exist and the range lie inside the grid (the API does not grow a sheet
 * for values.update/batchUpdate; values.append does).
 */
function resolve(book: EmulatedSpreadsheet, a1: string, method: string): EmulatedRange {
  const { sheetName, ref } = splitSheetName(a1);
  // A sheet's name alone ("Staff", "'My Sheet'") is every cell of that sheet — unless, unquoted, it reads as a
  // range of the first sheet ("A1" is a cell; "'A1'" the sheet named A1).
  const wholeSheet = sheetName === undefined && !readsAsRange(ref) ? book.model.sheetByName(unquoted(ref)) : undefined;
  if (wholeSheet) return book.sheetWrapper(wholeSheet).rangeAt(1, 1, wholeSheet.maxRows, wholeSheet.maxColumns);
  const sheet = sheetName === undefined ? book.model.sheets[0] : book.model.sheetByName(sheetName);
  let parsed: ReturnType<typeof parseA1>;
  try {
    parsed = parseA1(ref);
  } catch {
    throw new Error(apiError(method, `Unable to parse range: ${a1}`));
  }
  if (!sheet) throw new Error(apiError(method, `Unable to parse range: ${a1}`));
  const row = parsed.row ?? 1;
  const col = parsed.col ?? 1;
  const endRow = parsed.endRow ?? sheet.maxRows;
  const endCol = parsed.endCol ?? sheet.maxColumns;
  if (endRow > sheet.maxRows || endCol > sheet.maxColumns) {
    throw new Error(
      apiError(
        method,
        `Range (${a1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
      ),
    );
  }
  return book.sheetWrapper(sheet).rangeAt(row, col, endRow - row + 1, endCol - col + 1);
}

/** A range with no column bounds: a sheet's name alone, or whole rows ("1:1"). */
function wholeRowsOrSheet(a1: string): boolean {
  const { sheetName, ref } = splitSheetName(a1);
  return (sheetName === undefined && !readsAsRange(ref)) || /^\$?\d+:\$?\d+$/.test(ref);
}

/** The cells of a range up to its sheet's last row and column with data: about what the API returns of it. */
function cellsWithData(range: EmulatedRange): number {
  const model = range.sheet.model;
  const rows = Math.max(0, Math.min(range.rect.r + range.rect.nr, model.lastRow()) - range.rect.r);
  const columns = Math.max(0, Math.min(range.rect.c + range.rect.nc, model.lastColumn()) - range.rect.c);
  return rows * columns;
}

function readsAsRange(ref: string): boolean {
  if (ref.startsWith("'")) return false;
  try {
    parseA1(ref);
    return true;
  } catch {
    return false;
  }
}

function unquoted(name: string): string {
  return name.length >= 2 && name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function transpose(values: unknown[][]): unknown[][] {
  const width = Math.max(0, ...values.map((v) => v.length));
  return Array.from({ length: width }, (_, c) => values.map((line) => line[c] ?? null));
}

function columnLetter(column: number): string {
  return toA1(1, column).replace(/\d+$/, "");
}
