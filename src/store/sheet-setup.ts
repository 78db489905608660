/**
 * Making and upgrading Buyerbook's sheets: header, frozen header row, column formats and dropdowns. Setup
 * uses these for every sheet; a feature uses `ensureSheet` for a sheet it needs only once it is used, and
 * the Log writer to remake a Log someone deleted.
 */
import type { Lang } from "../domain/lang";
import { checkboxRule, dropdownRule, highlightRule } from "../gas/sheet-rules";
import { type ColumnSpec, NUMBER_FORMAT, type SheetSpec } from "./columns";
import { headerLabel, mapHeaders } from "./headers";
import { Buyers } from "./schemas";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Rows formatted and validated ahead of data, so typed and pasted values land with the right format and
 * dropdowns. Buyerbook's own appends set formats with the values, so this only serves people typing rows by
 * hand; formats are priced per cell, so the band is what a person types between two setups, not the whole sheet.
 */
export const PREPARED_ROWS = 100;

/**
 * The sheet of `spec`, created as setup creates a missing one (header, frozen header row, column
 * formats, dropdowns) when it is not there yet. For the sheets a feature needs only once it is used.
 * Call it holding the document lock, like every job that writes. It does not protect the sheet: the
 * on-demand sheets are open to every editor.
 */
export function ensureSheet(book: Book, spec: SheetSpec, lang: Lang): Sheet {
  const sheet = book.getSheetByName(spec.name);
  if (sheet) return sheet;
  const made = book.insertSheet(spec.name);
  prepareSheet(made, spec, lang, []);
  return made;
}

/** A new sheet: formats and dropdowns first (so the first rows land as plain text), then header and rows. */
export function prepareSheet(sheet: Sheet, spec: SheetSpec, lang: Lang, rows: unknown[][]): void {
  const columns = spec.columns;
  // A new sheet has 26 columns; a wider one (Inquiries) needs the rest before anything is written there.
  const width = sheet.getMaxColumns();
  if (columns.length > width) sheet.insertColumnsAfter(width, columns.length - width);
  formatColumns(sheet, columns, 1, Math.max(PREPARED_ROWS, rows.length));
  // Header and first rows in one write: a sheet created a moment ago holds nothing to merge with.
  sheet.getRange(1, 1, 1 + rows.length, columns.length).setValues([columns.map((c) => headerLabel(c, lang)), ...rows]);
  sheet.setFrozenRows(1);
  if (spec.name === Buyers.name) addOverdueHighlight(sheet, spec);
  trimSurplusColumns(sheet, columns.length, Math.max(width, columns.length));
}

/**
 * A sheet comes with 26 columns; the ones no schema column fills still count toward the spreadsheet's
 * 10 million cells (an empty column of a 100,000-row sheet is 100,000 cells). Removes the columns right of
 * `keep` (the sheet has `max`); returns how many went.
 */
function trimSurplusColumns(sheet: Sheet, keep: number, max = sheet.getMaxColumns()): number {
  if (max <= keep) return 0;
  sheet.deleteColumns(keep + 1, max - keep);
  return max - keep;
}

/**
 * An existing sheet sized to what it uses: the empty columns right of everything in use go (a person's own
 * columns with anything in them, header or data, are in use and stay). Returns how many went.
 */
export function trimUnusedColumns(sheet: Sheet, spec: SheetSpec): number {
  return trimSurplusColumns(sheet, Math.max(sheet.getLastColumn(), spec.columns.length));
}

/** Formats and dropdowns for columns placed from `firstColumn` (1-based), over the prepared rows. */
export function formatColumns(
  sheet: Sheet,
  columns: readonly ColumnSpec[],
  firstColumn: number,
  rows = PREPARED_ROWS,
): void {
  const formats = columns.map((c) => NUMBER_FORMAT[c.kind]);
  sheet.getRange(2, firstColumn, rows, columns.length).setNumberFormats(Array.from({ length: rows }, () => formats));
  const withDropdown = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === "enum" || c.kind === "bool");
  if (withDropdown.length === 0) return;
  const from = withDropdown[0].i;
  const to = withDropdown[withDropdown.length - 1].i;
  const rules = columns.slice(from, to + 1).map((c) => {
    if (c.kind === "enum") return dropdownRule(c.values ?? []);
    if (c.kind === "bool") return checkboxRule();
    return null;
  });
  sheet
    .getRange(2, firstColumn + from, rows, to - from + 1)
    .setDataValidations(Array.from({ length: rows }, () => rules));
}

/** Overdue follow-ups red, due today amber (R20, R23), computed by the sheet so it stays current between runs. */
function addOverdueHighlight(sheet: Sheet, spec: SheetSpec): void {
  const index = spec.columns.findIndex((c) => c.key === "nextFollowUp");
  if (index < 0) return;
  const letter = columnLetter(index + 1);
  // Every row below the header ("A2:V" reaches the last row): conditional formats cost the same whatever
  // their size, so the rule covers far more rows than are prepared.
  const range = sheet.getRange(`A2:${columnLetter(spec.columns.length)}`);
  const overdue = highlightRule(`=AND($${letter}2<>"",$${letter}2<TODAY())`, "#f4c7c3", [range]);
  const today = highlightRule(`=$${letter}2=TODAY()`, "#fce8b2", [range]);
  sheet.setConditionalFormatRules([overdue, today]);
}

export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Adds columns a newer Buyerbook knows after the last used column; people's own columns stay where they are. */
export function upgradeSheet(sheet: Sheet, spec: SheetSpec, lang: Lang): boolean {
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  const { missing } = mapHeaders(spec, header);
  if (missing.length === 0) return false;
  const at = lastColumn + 1;
  if (at + missing.length - 1 > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), at + missing.length - 1 - sheet.getMaxColumns());
  sheet.getRange(1, at, 1, missing.length).setValues([missing.map((c) => headerLabel(c, lang))]);
  formatColumns(sheet, missing, at);
  return true;
}

/** The language a sheet's header is written in, judged by its known columns; undefined when none is known. */
export function headerLanguage(sheet: Sheet, spec: SheetSpec): Lang | undefined {
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  const text = new Set(header.map((h) => String(h).trim()));
  if (spec.columns.some((c) => text.has(c.en))) return "en";
  if (spec.columns.some((c) => text.has(c.zh))) return "zh-CN";
  return undefined;
}
