/**
 * The Sheets advanced service (`Sheets`, the Sheets API v4 through Apps Script), as far as reading values goes:
 * `Spreadsheets.Values.batchGet` and `batchGetByDataFilter` with A1 ranges. Many ranges, ONE round trip —
 * what SpreadsheetApp cannot do for scattered rows (a RangeList has no getValues). The answer is shaped like
 * the API's: rows lose their trailing empty cells, trailing empty rows are dropped, an all-empty range has no
 * `values`; with UNFORMATTED_VALUE a date is its serial number on the spreadsheet's wall clock.
 */
import type { GasContext } from "../core/context";
import type { EmulatedSpreadsheetApp } from "./app";
import type { EmulatedSpreadsheet } from "./spreadsheet";
import { toSerial } from "./time";
import { displayValue } from "./values";

type ValueRange = GoogleAppsScript.Sheets.Schema.ValueRange;
type BatchGetResponse = GoogleAppsScript.Sheets.Schema.BatchGetValuesResponse;
type FilterRequest = GoogleAppsScript.Sheets.Schema.BatchGetValuesByDataFilterRequest;
type FilterResponse = GoogleAppsScript.Sheets.Schema.BatchGetValuesByDataFilterResponse;

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
    };
  };

  constructor(
    private readonly ctx: GasContext,
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
      },
    };
  }

  private read(spreadsheetId: string, ranges: string[], options: ReadOptions, method: string): ValueRange[] {
    if (ranges.length === 0) throw new Error("API call to sheets.spreadsheets.values.batchGet failed: no ranges.");
    const book = this.ctx.meter.quietly(() => this.app.openById(spreadsheetId)) as unknown as EmulatedSpreadsheet;
    const resolved = ranges.map((a1) => book.rangeByA1(a1));
    const cells = resolved.reduce((n, r) => n + r.rect.nr * r.rect.nc, 0);
    book.touch("Spreadsheet.read", method, cells, "view");
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
}

function trimEnd(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === "" || row[end - 1] === null || row[end - 1] === undefined)) end -= 1;
  return row.slice(0, end);
}
