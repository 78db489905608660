/**
 * Values for many ranges, of several sheets, in ONE round trip: the Sheets API's values.batchUpdate through the
 * Sheets advanced service (enabled in appsscript.json). SpreadsheetApp writes one range per call (a RangeList
 * sets one value everywhere), so a job touching scattered rows of three sheets paid a call per run of cells.
 *
 * How each value is sent, so the sheet holds what SpreadsheetApp's setValues would have stored:
 * - text Sheets would reinterpret (a formula, a phone's "+", a code's leading zeros, "TRUE", a date-like word)
 *   goes RAW: stored as the very string, in any cell format;
 * - a Date goes USER_ENTERED as its wall-clock time in the spreadsheet's zone ("2026-12-07 10:00:05"): Sheets
 *   stores a date and, in a cell of the General format, gives it a date format — as setValue(date) does;
 * - other text, numbers and booleans ride with either (Sheets keeps them as they are both ways).
 * One call when the batch has no Date or no reinterpretable text, else two (the same ranges, each call with
 * the other's cells left out: the API skips a null cell).
 */
import { zonedParts } from "../domain/time";
import { sheetsApi } from "./batch-read";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ValueBlock {
  sheet: Sheet;
  /** 1-based, like Sheet.getRange. */
  row: number;
  column: number;
  /** Rows × columns; every cell is written ("" clears a cell). */
  values: unknown[][];
  /**
   * The block's text cells are formatted as plain text already (flushed): Sheets keeps any string typed there
   * as it is, so the whole block goes as typed input, in one call with the dates.
   */
  plainTextReady?: boolean;
}

/**
 * Commits SpreadsheetApp's queued writes now: an advanced-service call does not wait for them, so a format
 * set through SpreadsheetApp must be flushed before the API writes the values under it.
 */
export function flushPending(): void {
  SpreadsheetApp.flush();
}

/** Whether one API call can write many ranges (the advanced service is enabled). */
export function canWriteInOneCall(): boolean {
  return sheetsApi() !== undefined;
}

/**
 * Writes every block through values.batchUpdate; returns the calls made (1 or 2). Throws the API's error
 * (a protected cell, a range past a sheet's edge): then nothing of that call was written.
 */
export function writeBlocks(
  book: Book,
  blocks: readonly ValueBlock[],
  isLiteralText: (s: string) => boolean,
  spreadsheetZone?: string,
): number {
  const api = sheetsApi();
  if (!api) throw new Error("The Sheets advanced service is not enabled.");
  if (blocks.length === 0) return 0;
  // Asked here only when the caller did not ask before its read (a call between a read and the write it
  // checks is a moment more for a person's edit to be overwritten).
  let timeZone = spreadsheetZone;
  const wall = (d: Date) => {
    if (timeZone === undefined) timeZone = book.getSpreadsheetTimeZone();
    return wallClock(d, timeZone);
  };
  const names = new Map<Sheet, string>();
  const raw: { range: string; values: unknown[][] }[] = [];
  const typed: { range: string; values: unknown[][] }[] = [];
  let anyRaw = false;
  let anyTyped = false;
  for (const b of blocks) {
    let name = names.get(b.sheet);
    if (name === undefined) {
      name = `'${b.sheet.getName().replace(/'/g, "''")}'`;
      names.set(b.sheet, name);
    }
    const range = `${name}!${a1(b.row, b.column)}:${a1(b.row + b.values.length - 1, b.column + b.values[0].length - 1)}`;
    const rawValues: unknown[][] = [];
    const typedValues: unknown[][] = [];
    for (const line of b.values) {
      const r: unknown[] = [];
      const t: unknown[] = [];
      for (const v of line) {
        if (v instanceof Date) {
          r.push(null);
          t.push(wall(v));
          anyTyped = true;
        } else if (typeof v === "string" && !b.plainTextReady && isLiteralText(v)) {
          r.push(v);
          t.push(null);
          anyRaw = true;
        } else {
          const plain =
            v === null || v === undefined ? "" : typeof v === "number" || typeof v === "boolean" ? v : String(v);
          r.push(plain);
          t.push(plain);
        }
      }
      rawValues.push(r);
      typedValues.push(t);
    }
    raw.push({ range, values: rawValues });
    typed.push({ range, values: typedValues });
  }
  const id = book.getId();
  const values = api.Spreadsheets!.Values!;
  if (!anyTyped) {
    values.batchUpdate({ valueInputOption: "RAW", data: raw }, id);
    return 1;
  }
  if (!anyRaw) {
    values.batchUpdate({ valueInputOption: "USER_ENTERED", data: typed }, id);
    return 1;
  }
  // The plain cells go with the dates; the RAW call carries only the text that must stay literal.
  const onlyLiteral = raw.map((r, i) => ({
    range: r.range,
    values: r.values.map((line, y) => line.map((v, x) => (typed[i].values[y][x] === null ? v : null))),
  }));
  values.batchUpdate({ valueInputOption: "USER_ENTERED", data: typed }, id);
  values.batchUpdate({ valueInputOption: "RAW", data: onlyLiteral }, id);
  return 2;
}

/** "2026-12-07 10:00:05": the instant on the spreadsheet's wall clock, to the nearest second. */
function wallClock(d: Date, timeZone: string): string {
  const p = zonedParts(Math.round(d.getTime() / 1000) * 1000, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

function a1(row: number, column: number): string {
  let letters = "";
  for (let x = column; x > 0; x = Math.floor((x - 1) / 26))
    letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters;
  return `${letters}${row}`;
}
