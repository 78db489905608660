import type { Lang } from "../i18n";
import { type ColumnSpec, NUMBER_FORMAT, type SheetSpec } from "../store/columns";
import { headerLabel, mapHeaders } from "../store/headers";
import { ALL_SHEETS, Buyers, Settings, Staff } from "../store/schemas";
import { SETTING_DEFAULTS } from "../store/settings";
import { seedTemplates } from "./quotes";
import { allowSelfAway } from "./staff-away";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupResult {
  created: string[];
  upgraded: string[];
  settingsAdded: string[];
  staffAdded: string | null;
}

/**
 * Rows formatted and validated ahead of data, so typed and pasted values land with the right format.
 * Buyerbook's own appends set formats with the values, so this only serves people typing new rows by hand;
 * 200 keeps setup's cost small (formats are written cell by cell).
 */
const PREPARED_ROWS = 200;

/**
 * "Set up workbook": creates what is missing and upgrades what is there, never wiping anything. Re-running
 * it on a set-up book changes nothing (no calls that write, beyond reading what is there).
 */
export function setupWorkbook(book: Book, user: string, lang: Lang, now: Date): SetupResult {
  const result: SetupResult = { created: [], upgraded: [], settingsAdded: [], staffAdded: null };
  const existing = new Map(book.getSheets().map((s) => [s.getName(), s]));
  const sheets = new Map<string, Sheet>();
  for (const spec of ALL_SHEETS) {
    let sheet = existing.get(spec.name);
    if (!sheet) {
      sheet = book.insertSheet(spec.name);
      createSheet(sheet, spec, lang);
      result.created.push(spec.name);
    } else if (upgradeSheet(sheet, spec, lang)) {
      result.upgraded.push(spec.name);
    }
    sheets.set(spec.name, sheet);
  }
  removeDefaultSheet(book, existing);
  const fresh = new Set(result.created);
  result.settingsAdded = addMissingSettings(sheets.get(Settings.name)!, lang, fresh.has(Settings.name));
  result.staffAdded = recordSetupUser(sheets.get(Staff.name)!, user, now, fresh.has(Staff.name));
  seedTemplates(book, lang, fresh.has("Templates"));
  protectSheets(book, user, sheets);
  // Salespeople set their own trip dates and deputy (R6) in Staff's away columns, left open for them.
  allowSelfAway(book);
  return result;
}

function createSheet(sheet: Sheet, spec: SheetSpec, lang: Lang): void {
  const columns = [...spec.columns];
  sheet.getRange(1, 1, 1, columns.length).setValues([columns.map((c) => headerLabel(c, lang))]);
  sheet.setFrozenRows(1);
  formatColumns(sheet, columns, 1);
  if (spec.name === Buyers.name) addOverdueHighlight(sheet, spec);
}

/** Formats and dropdowns for columns placed from `firstColumn` (1-based), over the prepared rows. */
function formatColumns(sheet: Sheet, columns: readonly ColumnSpec[], firstColumn: number): void {
  const rows = PREPARED_ROWS;
  const formats = columns.map((c) => NUMBER_FORMAT[c.kind]);
  sheet.getRange(2, firstColumn, rows, columns.length).setNumberFormats(Array.from({ length: rows }, () => formats));
  const withDropdown = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === "enum" || c.kind === "bool");
  if (withDropdown.length === 0) return;
  const from = withDropdown[0].i;
  const to = withDropdown[withDropdown.length - 1].i;
  const rules = columns.slice(from, to + 1).map((c) => {
    if (c.kind === "enum")
      return SpreadsheetApp.newDataValidation()
        .requireValueInList([...(c.values ?? [])], true)
        .setAllowInvalid(true)
        .build();
    if (c.kind === "bool") return SpreadsheetApp.newDataValidation().requireCheckbox().build();
    return null;
  });
  // allowInvalid: people may type "a " and Buyerbook normalizes it; a hard rule would reject their typing.
  sheet
    .getRange(2, firstColumn + from, rows, to - from + 1)
    .setDataValidations(Array.from({ length: rows }, () => rules));
}

/** Overdue follow-ups red, due today amber (R20, R23), computed by the sheet so it stays current between runs. */
function addOverdueHighlight(sheet: Sheet, spec: SheetSpec): void {
  const index = spec.columns.findIndex((c) => c.key === "nextFollowUp");
  if (index < 0) return;
  const letter = columnLetter(index + 1);
  // The rule covers far more rows than are prepared: conditional formats cost the same whatever their size.
  const range = sheet.getRange(2, 1, sheet.getMaxRows() - 1, spec.columns.length);
  const overdue = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=AND($${letter}2<>"",$${letter}2<TODAY())`)
    .setBackground("#f4c7c3")
    .setRanges([range])
    .build();
  const today = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=$${letter}2=TODAY()`)
    .setBackground("#fce8b2")
    .setRanges([range])
    .build();
  sheet.setConditionalFormatRules([overdue, today]);
}

export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Adds columns a newer Buyerbook knows after the last used column; people's own columns stay where they are. */
function upgradeSheet(sheet: Sheet, spec: SheetSpec, lang: Lang): boolean {
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

/** The blank "Sheet1" a new spreadsheet comes with, once Buyerbook's sheets are there. */
function removeDefaultSheet(book: Book, existing: Map<string, Sheet>): void {
  const blank = existing.get("Sheet1") ?? existing.get("工作表1");
  if (blank && blank.getLastRow() === 0) book.deleteSheet(blank);
}

function addMissingSettings(sheet: Sheet, lang: Lang, fresh: boolean): string[] {
  // A sheet created a moment ago holds only its header: no need to read it back.
  const lastRow = fresh ? 1 : sheet.getLastRow();
  const header = fresh
    ? Settings.columns.map((c) => c.en)
    : sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  const map = mapHeaders(Settings, header);
  const keyCol = map.index.get("key") ?? 0;
  const existing = new Set(
    lastRow > 1
      ? sheet
          .getRange(2, keyCol + 1, lastRow - 1, 1)
          .getValues()
          .map((r) => String(r[0]).trim())
      : [],
  );
  const missing = SETTING_DEFAULTS.filter((d) => !existing.has(d.key));
  if (missing.length === 0) return [];
  const width = Math.max(...[...map.index.values()]) + 1;
  const lines = missing.map((d) => {
    const line: unknown[] = new Array(width).fill("");
    line[map.index.get("key") ?? 0] = d.key;
    line[map.index.get("value") ?? 1] = d.value;
    line[map.index.get("note") ?? 2] = lang === "zh-CN" ? d.zh : d.en;
    return line;
  });
  const range = sheet.getRange(lastRow + 1, 1, lines.length, width);
  // Prepared rows are plain text already; rows past them need the format before the values.
  if (!fresh || lastRow + lines.length > PREPARED_ROWS + 1) range.setNumberFormat("@");
  range.setValues(lines);
  return missing.map((d) => d.key);
}

/** The first person to set up becomes the boss; the next boss-or-assistant-less setup records an assistant. */
function recordSetupUser(sheet: Sheet, user: string, now: Date, fresh: boolean): string | null {
  if (!user) return null;
  const lastRow = fresh ? 1 : sheet.getLastRow();
  const lastColumn = fresh ? Staff.columns.length : Math.max(1, sheet.getLastColumn());
  const values = fresh
    ? [Staff.columns.map((c) => c.en)]
    : sheet.getRange(1, 1, Math.max(1, lastRow), lastColumn).getValues();
  const map = mapHeaders(Staff, values[0]);
  const emailCol = map.index.get("email")!;
  const roleCol = map.index.get("role")!;
  const rows = values.slice(1);
  if (rows.some((r) => String(r[emailCol]).trim().toLowerCase() === user.toLowerCase())) return null;
  const roles = new Set(rows.map((r) => String(r[roleCol]).trim()));
  const role = roles.has("boss") ? (roles.has("assistant") ? null : "assistant") : "boss";
  if (!role) return null;
  const line: unknown[] = new Array(lastColumn).fill("");
  const set = (key: string, v: unknown) => {
    const i = map.index.get(key);
    if (i !== undefined) line[i] = v;
  };
  set("email", user.toLowerCase());
  set("name", user.split("@")[0]);
  set("role", role);
  set("status", "active");
  set("joined", now);
  set("language", "zh-CN");
  sheet.getRange(lastRow + 1, 1, 1, lastColumn).setValues([line]);
  return role;
}

/** Staff, Settings and Products (prices, R36) are editable only by the boss and the assistant. */
export function protectSheets(book: Book, setupUser: string, known?: Map<string, Sheet>): void {
  const staffSheet = known?.get(Staff.name) ?? book.getSheetByName(Staff.name);
  if (!staffSheet) return;
  const values = staffSheet.getDataRange().getValues();
  const map = mapHeaders(Staff, values[0] ?? []);
  const e = map.index.get("email")!;
  const r = map.index.get("role")!;
  const s = map.index.get("status")!;
  const managers = values
    .slice(1)
    .filter((row) => (row[r] === "boss" || row[r] === "assistant") && row[s] !== "frozen")
    .map((row) => String(row[e]).trim().toLowerCase())
    .filter((x) => x !== "");
  if (setupUser && managers.length === 0) managers.push(setupUser.toLowerCase());
  const existing = book.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  for (const spec of ALL_SHEETS.filter((x) => x.protectedSheet)) {
    const sheet = known?.get(spec.name) ?? book.getSheetByName(spec.name);
    if (!sheet) continue;
    const protection = existing.find((p) => p.getRange().getSheet().getName() === spec.name) ?? sheet.protect();
    const current = protection.getEditors().map((u) => u.getEmail().toLowerCase());
    const remove = current.filter((x) => !managers.includes(x));
    const add = managers.filter((x) => !current.includes(x));
    if (remove.length > 0) protection.removeEditors(remove);
    if (add.length > 0) protection.addEditors(add);
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
  }
}
