/**
 * SpreadsheetApp's Range: a rectangle on a sheet, 1-based to scripts and 0-based inside. Every method
 * is one metered service call; reads and writes count cells as units.
 */
import { shiftFormula, toA1 } from "./a1";
import { CELL_TOO_LONG, columnsMismatch, invalidData, MAX_CELL_CHARS, rowsMismatch } from "./messages";
import type { Rect, SheetModel } from "./model";
import type { EmulatedSheet } from "./sheet";
import type { EmulatedSpreadsheet } from "./spreadsheet";
import { EmulatedTextFinder } from "./textfinder";
import { checkboxValues, EmulatedDataValidation, EmulatedDataValidationBuilder, ruleOf, satisfies } from "./validation";
import {
  type CellValue,
  copyValue,
  DEFAULT_FORMAT,
  displayValue,
  isGeneralFormat,
  type ParsedInput,
  parseInput,
  storedFormat,
  TEXT_FORMAT,
} from "./values";

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;

export type RangeMethods =
  | "getRow"
  | "getColumn"
  | "getNumRows"
  | "getNumColumns"
  | "getLastRow"
  | "getLastColumn"
  | "getA1Notation"
  | "getSheet"
  | "getGridId"
  | "getValue"
  | "getValues"
  | "getDisplayValue"
  | "getDisplayValues"
  | "getFormula"
  | "getFormulas"
  | "setValue"
  | "setValues"
  | "setFormula"
  | "setFormulas"
  | "getNumberFormat"
  | "getNumberFormats"
  | "setNumberFormat"
  | "setNumberFormats"
  | "setDataValidation"
  | "setDataValidations"
  | "getDataValidation"
  | "getDataValidations"
  | "clearDataValidations"
  | "setBackground"
  | "setBackgrounds"
  | "getBackground"
  | "getBackgrounds"
  | "setFontWeight"
  | "getFontWeight"
  | "clear"
  | "clearContent"
  | "clearFormat"
  | "createTextFinder"
  | "offset"
  | "activate"
  | "protect"
  | "getCell"
  | "isBlank"
  | "getWidth"
  | "getHeight"
  | "sort"
  | "insertCheckboxes"
  | "check"
  | "uncheck"
  | "removeCheckboxes";

export class EmulatedRange implements Pick<GRange, RangeMethods> {
  /** 0-based position and size. */
  readonly rect: Rect;

  constructor(
    readonly sheet: EmulatedSheet,
    r: number,
    c: number,
    nr: number,
    nc: number,
    /** A whole sheet as a sheet protection hands it out: its A1 notation is "" in Apps Script. */
    private readonly wholeSheet = false,
  ) {
    this.rect = { r, c, nr, nc };
  }

  private get model(): SheetModel {
    return this.sheet.model;
  }

  private get book(): EmulatedSpreadsheet {
    return this.sheet.book;
  }

  private get cells(): number {
    return this.rect.nr * this.rect.nc;
  }

  private local(method: string): void {
    this.book.touch("Spreadsheet.local", `Range.${method}`, 0, "view");
  }

  private asGas(): GRange {
    return this as unknown as GRange;
  }

  // --- Geometry (answered locally by Apps Script, still counted as calls) ---------------------------

  getRow(): number {
    this.local("getRow");
    return this.rect.r + 1;
  }
  getColumn(): number {
    this.local("getColumn");
    return this.rect.c + 1;
  }
  getNumRows(): number {
    this.local("getNumRows");
    return this.rect.nr;
  }
  getNumColumns(): number {
    this.local("getNumColumns");
    return this.rect.nc;
  }
  getHeight(): number {
    this.local("getHeight");
    return this.rect.nr;
  }
  getWidth(): number {
    this.local("getWidth");
    return this.rect.nc;
  }
  getLastRow(): number {
    this.local("getLastRow");
    return this.rect.r + this.rect.nr;
  }
  getLastColumn(): number {
    this.local("getLastColumn");
    return this.rect.c + this.rect.nc;
  }
  getA1Notation(): string {
    this.local("getA1Notation");
    if (this.wholeSheet) return "";
    return toA1(this.rect.r + 1, this.rect.c + 1, this.rect.nr, this.rect.nc);
  }
  getSheet(): GSheet {
    this.local("getSheet");
    return this.sheet as unknown as GSheet;
  }
  getGridId(): number {
    this.local("getGridId");
    return this.model.sheetId;
  }

  // --- Reads --------------------------------------------------------------------------------------

  /** The values as getValues returns them, without metering (shared by getValue/getValues). */
  readValues(): CellValue[][] {
    const { r, c, nr, nc } = this.rect;
    const valueRows = this.model.values.rows;
    const formulaRows = this.model.formulas.rows;
    const out: CellValue[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const vr = valueRows[r + i];
      const fr = formulaRows[r + i];
      const row: CellValue[] = new Array(nc);
      if (vr === undefined && fr === undefined) {
        row.fill("");
      } else {
        for (let j = 0; j < nc; j++) {
          const f = fr === undefined ? undefined : fr[c + j];
          if (f !== undefined) {
            row[j] = this.book.formulaValue(f);
            continue;
          }
          const v = vr === undefined ? undefined : vr[c + j];
          row[j] = v === undefined ? "" : v instanceof Date ? new Date(v.getTime()) : v;
        }
      }
      out[i] = row;
    }
    return out;
  }

  private readDisplay(): string[][] {
    const { r, c, nr, nc } = this.rect;
    const tz = this.book.model.timeZone;
    const locale = this.book.model.locale;
    const values = this.readValues();
    const out: string[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const fmtRow = this.model.formats.rows[r + i];
      const row: string[] = new Array(nc);
      for (let j = 0; j < nc; j++) row[j] = displayValue(values[i][j], fmtRow?.[c + j], tz, locale);
      out[i] = row;
    }
    return out;
  }

  private readLayer<T>(grid: { rows: (T[] | undefined)[] }, empty: T): T[][] {
    const { r, c, nr, nc } = this.rect;
    const out: T[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const src = grid.rows[r + i];
      const row: T[] = new Array(nc);
      for (let j = 0; j < nc; j++) {
        const v = src === undefined ? undefined : src[c + j];
        row[j] = v === undefined ? empty : v;
      }
      out[i] = row;
    }
    return out;
  }

  getValue(): unknown {
    this.book.touch("Spreadsheet.read", "Range.getValue", 1, "view");
    const f = this.model.formulas.get(this.rect.r, this.rect.c);
    if (f !== undefined) return this.book.formulaValue(f);
    return copyValue(this.model.values.get(this.rect.r, this.rect.c));
  }
  getValues(): unknown[][] {
    this.book.touch("Spreadsheet.read", "Range.getValues", this.cells, "view");
    return this.readValues();
  }
  getDisplayValue(): string {
    this.book.touch("Spreadsheet.read", "Range.getDisplayValue", 1, "view");
    return this.cellRange().readDisplay()[0][0];
  }
  getDisplayValues(): string[][] {
    this.book.touch("Spreadsheet.read", "Range.getDisplayValues", this.cells, "view");
    return this.readDisplay();
  }
  getFormula(): string {
    this.book.touch("Spreadsheet.read", "Range.getFormula", 1, "view");
    return this.model.formulas.get(this.rect.r, this.rect.c) ?? "";
  }
  getFormulas(): string[][] {
    this.book.touch("Spreadsheet.read", "Range.getFormulas", this.cells, "view");
    return this.readLayer(this.model.formulas, "");
  }
  getNumberFormat(): string {
    this.book.touch("Spreadsheet.read", "Range.getNumberFormat", 1, "view");
    return this.model.formats.get(this.rect.r, this.rect.c) ?? DEFAULT_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.book.touch("Spreadsheet.read", "Range.getNumberFormats", this.cells, "view");
    return this.readLayer(this.model.formats, DEFAULT_FORMAT);
  }
  getBackground(): string {
    this.book.touch("Spreadsheet.read", "Range.getBackground", 1, "view");
    return this.model.backgrounds.get(this.rect.r, this.rect.c) ?? "#ffffff";
  }
  getBackgrounds(): string[][] {
    this.book.touch("Spreadsheet.read", "Range.getBackgrounds", this.cells, "view");
    return this.readLayer(this.model.backgrounds, "#ffffff");
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.book.touch("Spreadsheet.read", "Range.getFontWeight", 1, "view");
    return (this.model.fontWeights.get(this.rect.r, this.rect.c) ??
      "normal") as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    this.book.touch("Spreadsheet.read", "Range.getDataValidation", 1, "view");
    const rule = this.model.validations.get(this.rect.r, this.rect.c);
    return rule ? (new EmulatedDataValidation(rule) as unknown as GoogleAppsScript.Spreadsheet.DataValidation) : null;
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    this.book.touch("Spreadsheet.read", "Range.getDataValidations", this.cells, "view");
    return this.readLayer(this.model.validations, undefined as never).map((row) =>
      row.map((rule) =>
        rule ? (new EmulatedDataValidation(rule) as unknown as GoogleAppsScript.Spreadsheet.DataValidation) : null,
      ),
    );
  }
  isBlank(): boolean {
    this.book.touch("Spreadsheet.read", "Range.isBlank", this.cells, "view");
    return this.readValues().every((row, i) =>
      row.every((v, j) => v === "" && this.model.formulas.get(this.rect.r + i, this.rect.c + j) === undefined),
    );
  }

  // --- Writes -------------------------------------------------------------------------------------

  private assertShape(data: unknown[][]): void {
    if (!Array.isArray(data) || data.length !== this.rect.nr) {
      throw new Error(rowsMismatch(Array.isArray(data) ? data.length : 0, this.rect.nr));
    }
    for (const row of data) {
      if (!Array.isArray(row) || row.length !== this.rect.nc) {
        throw new Error(columnsMismatch(Array.isArray(row) ? row.length : 0, this.rect.nc));
      }
    }
  }

  /** What typed input is read against: the spreadsheet's zone and locale, and now. */
  private inputContext() {
    return {
      timeZone: this.book.model.timeZone,
      locale: this.book.model.locale,
      nowMs: this.book.ctx.clock.nowMs(),
    };
  }

  /** Parses, validates and then commits a block of user-entered input; nothing changes on error. */
  writeInput(data: unknown[][], forceFormula = false): void {
    const { r, c } = this.rect;
    const m = this.model;
    const input = this.inputContext();
    this.book.assertEditable(m, this.rect);
    const parsed: ParsedInput[][] = new Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const src = data[i];
      const fmtRow = m.formats.rows[r + i];
      const ruleRow = m.validations.rows[r + i];
      const out: ParsedInput[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) {
        const fmt = fmtRow === undefined ? undefined : fmtRow[c + j];
        let value = src[j];
        if (forceFormula && typeof value === "string" && value !== "" && !value.startsWith("=")) value = `=${value}`;
        const p = parseInput(value, fmt === TEXT_FORMAT, input);
        const rule = ruleRow === undefined ? undefined : ruleRow[c + j];
        if (rule !== undefined && !rule.allowInvalid && p.formula === undefined && !satisfies(rule, p.value)) {
          throw new Error(invalidData(toA1(r + i + 1, c + j + 1)));
        }
        out[j] = p;
      }
      parsed[i] = out;
    }
    for (let i = 0; i < parsed.length; i++) {
      const row = parsed[i];
      for (let j = 0; j < row.length; j++) {
        const p = row[j];
        m.values.set(r + i, c + j, p.value === "" ? undefined : p.value);
        if (p.formula !== undefined || m.formulas.rows[r + i] !== undefined) m.formulas.set(r + i, c + j, p.formula);
        if (p.autoFormat !== undefined && isGeneralFormat(m.formats.get(r + i, c + j))) {
          m.formats.set(r + i, c + j, p.autoFormat);
        }
      }
    }
  }

  /**
   * The Sheets API's values write (spreadsheets.values.update/batchUpdate) on this range, unmetered (the API
   * call is metered once by its caller). `data` starts at the top-left and may be smaller than the range; a
   * null cell is skipped (left as it is; "" clears). RAW stores every value as given — a string stays that
   * string, never a formula, number or date; USER_ENTERED parses a string as typing it would. Returns the
   * cells written.
   */
  writeApiValues(data: unknown[][], raw: boolean): number {
    const { r, c } = this.rect;
    const m = this.model;
    const input = this.inputContext();
    const parsed: (ParsedInput | undefined)[][] = data.map((row, i) =>
      row.map((value, j) => {
        if (value === null || value === undefined) return undefined;
        if (raw) {
          if (typeof value === "string" && value.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
          return {
            value:
              typeof value === "string" || typeof value === "number" || typeof value === "boolean"
                ? value
                : String(value),
          };
        }
        return parseInput(value, m.formats.get(r + i, c + j) === TEXT_FORMAT, input);
      }),
    );
    let cells = 0;
    parsed.forEach((row, i) => {
      row.forEach((p, j) => {
        if (p === undefined) return;
        cells += 1;
        m.values.set(r + i, c + j, p.value === "" ? undefined : p.value);
        if (p.formula !== undefined || m.formulas.rows[r + i] !== undefined) m.formulas.set(r + i, c + j, p.formula);
        if (p.autoFormat !== undefined && isGeneralFormat(m.formats.get(r + i, c + j))) {
          m.formats.set(r + i, c + j, p.autoFormat);
        }
      });
    });
    return cells;
  }

  private fill<T>(value: T): T[][] {
    const out: T[][] = new Array(this.rect.nr);
    for (let i = 0; i < this.rect.nr; i++) out[i] = new Array(this.rect.nc).fill(value);
    return out;
  }

  /** One value for every cell; a formula's relative references move with each cell, as in Sheets. */
  private fillInput(value: unknown, forceFormula = false): unknown[][] {
    const isFormula = typeof value === "string" && (value.startsWith("=") || (forceFormula && value !== ""));
    if (!isFormula || this.cells === 1) return this.fill(value);
    const formula = (value as string).startsWith("=") ? (value as string) : `=${value}`;
    const out: unknown[][] = new Array(this.rect.nr);
    for (let i = 0; i < this.rect.nr; i++) {
      out[i] = new Array(this.rect.nc);
      for (let j = 0; j < this.rect.nc; j++) out[i][j] = shiftFormula(formula, i, j);
    }
    return out;
  }

  setValue(value: unknown): GRange {
    this.book.touch("Spreadsheet.write", "Range.setValue", this.cells, "edit");
    this.writeInput(this.fillInput(value));
    return this.asGas();
  }
  setValues(values: unknown[][]): GRange {
    this.book.touch("Spreadsheet.write", "Range.setValues", this.cells, "edit");
    this.assertShape(values);
    this.writeInput(values);
    return this.asGas();
  }
  setFormula(formula: string): GRange {
    this.book.touch("Spreadsheet.write", "Range.setFormula", this.cells, "edit");
    this.writeInput(this.fillInput(formula, true), true);
    return this.asGas();
  }
  setFormulas(formulas: string[][]): GRange {
    this.book.touch("Spreadsheet.write", "Range.setFormulas", this.cells, "edit");
    this.assertShape(formulas);
    this.writeInput(formulas, true);
    return this.asGas();
  }

  private writeLayer<T>(grid: { set(r: number, c: number, v: T | undefined): void }, data: (T | undefined)[][]): void {
    this.book.assertEditable(this.model, this.rect);
    for (let i = 0; i < this.rect.nr; i++) {
      for (let j = 0; j < this.rect.nc; j++) grid.set(this.rect.r + i, this.rect.c + j, data[i][j]);
    }
  }

  setNumberFormat(numberFormat: string): GRange {
    this.book.touch("Spreadsheet.write", "Range.setNumberFormat", this.cells, "edit");
    this.writeLayer(this.model.formats, this.fill(storedFormat(numberFormat)));
    return this.asGas();
  }
  setNumberFormats(numberFormats: string[][]): GRange {
    this.book.touch("Spreadsheet.write", "Range.setNumberFormats", this.cells, "edit");
    this.assertShape(numberFormats);
    this.writeLayer(
      this.model.formats,
      numberFormats.map((row) => row.map(storedFormat)),
    );
    return this.asGas();
  }
  setBackground(color: string | null): GRange {
    this.book.touch("Spreadsheet.write", "Range.setBackground", this.cells, "edit");
    this.writeLayer(this.model.backgrounds, this.fill(color ?? undefined));
    return this.asGas();
  }
  setBackgrounds(color: string[][]): GRange {
    this.book.touch("Spreadsheet.write", "Range.setBackgrounds", this.cells, "edit");
    this.assertShape(color);
    this.writeLayer(this.model.backgrounds, color);
    return this.asGas();
  }
  setFontWeight(fontWeight: string | null): GRange {
    this.book.touch("Spreadsheet.write", "Range.setFontWeight", this.cells, "edit");
    this.writeLayer(this.model.fontWeights, this.fill(fontWeight ?? undefined));
    return this.asGas();
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GRange {
    this.book.touch("Spreadsheet.structure", "Range.setDataValidation", this.cells, "edit");
    const model = rule === null ? undefined : ruleOf(rule);
    this.writeLayer(this.model.validations, this.fill(model));
    return this.asGas();
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): GRange {
    this.book.touch("Spreadsheet.structure", "Range.setDataValidations", this.cells, "edit");
    this.assertShape(rules);
    this.writeLayer(
      this.model.validations,
      rules.map((row) => row.map((rule) => (rule === null ? undefined : ruleOf(rule)))),
    );
    return this.asGas();
  }
  clearDataValidations(): GRange {
    this.book.touch("Spreadsheet.structure", "Range.clearDataValidations", this.cells, "edit");
    this.book.assertEditable(this.model, this.rect);
    this.model.validations.clear(this.rect.r, this.rect.c, this.rect.nr, this.rect.nc);
    return this.asGas();
  }

  /** Clears the chosen layers without metering (shared with Sheet.clear*). */
  clearLayers(options: { contents?: boolean; formats?: boolean; validations?: boolean }): void {
    this.book.assertEditable(this.model, this.rect);
    const { r, c, nr, nc } = this.rect;
    if (options.contents) {
      this.model.values.clear(r, c, nr, nc);
      this.model.formulas.clear(r, c, nr, nc);
    }
    if (options.formats) {
      this.model.formats.clear(r, c, nr, nc);
      this.model.backgrounds.clear(r, c, nr, nc);
      this.model.fontWeights.clear(r, c, nr, nc);
    }
    if (options.validations) this.model.validations.clear(r, c, nr, nc);
  }

  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): GRange {
    this.book.touch("Spreadsheet.write", "Range.clear", this.cells, "edit");
    if (
      !options ||
      (!options.contentsOnly && !options.formatOnly && !options.validationsOnly && !options.commentsOnly)
    ) {
      this.clearLayers({ contents: true, formats: true });
    } else {
      this.clearLayers({
        contents: options.contentsOnly,
        formats: options.formatOnly,
        validations: options.validationsOnly,
      });
    }
    return this.asGas();
  }
  clearContent(): GRange {
    this.book.touch("Spreadsheet.write", "Range.clearContent", this.cells, "edit");
    this.clearLayers({ contents: true });
    return this.asGas();
  }
  clearFormat(): GRange {
    this.book.touch("Spreadsheet.write", "Range.clearFormat", this.cells, "edit");
    this.clearLayers({ formats: true });
    return this.asGas();
  }

  // --- Checkboxes (reference: range#insertcheckboxes, #check, #uncheck, #removecheckboxes) -----------

  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GRange {
    this.book.touch("Spreadsheet.structure", "Range.insertCheckboxes", this.cells, "edit");
    const builder = new EmulatedDataValidationBuilder().requireCheckbox(checkedValue, uncheckedValue);
    this.writeLayer(this.model.validations, this.fill(ruleOf(builder.build())));
    return this.asGas();
  }

  /** Sets every checkbox cell of the range to its checked (or unchecked) value; other cells stay. */
  private setChecks(method: string, checked: boolean): GRange {
    this.book.touch("Spreadsheet.write", `Range.${method}`, this.cells, "edit");
    this.book.assertEditable(this.model, this.rect);
    const { r, c, nr, nc } = this.rect;
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        const rule = this.model.validations.get(r + i, c + j);
        if (rule?.criteria !== "CHECKBOX") continue;
        const [on, off] = checkboxValues(rule);
        const v = checked ? on : off;
        this.model.values.set(r + i, c + j, v === "" ? undefined : v);
        this.model.formulas.set(r + i, c + j, undefined);
      }
    }
    return this.asGas();
  }
  check(): GRange {
    return this.setChecks("check", true);
  }
  uncheck(): GRange {
    return this.setChecks("uncheck", false);
  }

  /** Removes checkbox rules; a cell holding its checked or unchecked value is cleared too (reference text). */
  removeCheckboxes(): GRange {
    this.book.touch("Spreadsheet.structure", "Range.removeCheckboxes", this.cells, "edit");
    this.book.assertEditable(this.model, this.rect);
    const { r, c, nr, nc } = this.rect;
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        const rule = this.model.validations.get(r + i, c + j);
        if (rule?.criteria !== "CHECKBOX") continue;
        this.model.validations.set(r + i, c + j, undefined);
        const v = this.model.values.get(r + i, c + j);
        if (checkboxValues(rule).some((x) => x === v)) this.model.values.set(r + i, c + j, undefined);
      }
    }
    return this.asGas();
  }

  // --- Navigation and other ------------------------------------------------------------------------

  toString(): string {
    return "Range";
  }

  private cellRange(): EmulatedRange {
    return new EmulatedRange(this.sheet, this.rect.r, this.rect.c, 1, 1);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GRange {
    this.local("offset");
    return this.sheet.rangeAt(
      this.rect.r + rowOffset + 1,
      this.rect.c + columnOffset + 1,
      numRows ?? this.rect.nr,
      numColumns ?? this.rect.nc,
    ) as unknown as GRange;
  }

  getCell(row: number, column: number): GRange {
    this.local("getCell");
    if (row < 1 || column < 1 || row > this.rect.nr || column > this.rect.nc) {
      throw new Error("Cell reference out of range");
    }
    return new EmulatedRange(this.sheet, this.rect.r + row - 1, this.rect.c + column - 1, 1, 1) as unknown as GRange;
  }

  activate(): GRange {
    this.book.touch("Spreadsheet.ui", "Range.activate", 0, "view");
    this.book.select(this.model, this.rect);
    return this.asGas();
  }

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.book.touch("Spreadsheet.structure", "Range.protect", 0, "edit");
    return this.book.addProtection("RANGE", this.model, { ...this.rect });
  }

  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.local("createTextFinder");
    return new EmulatedTextFinder(this.book, [{ sheet: this.sheet, rect: this.rect }], findText) as never;
  }

  /** Range.sort(sortSpecObj): a column number, {column, ascending}, or an array of those. */
  sort(sortSpecObj: unknown): GRange {
    this.book.touch("Spreadsheet.write", "Range.sort", this.cells, "edit");
    this.sheet.sortRows(this.rect, sortSpecObj);
    return this.asGas();
  }
}
