/**
 * SpreadsheetApp's Sheet: size, ranges, structural edits (insert/delete rows and columns move values,
 * formulas, formats and validations together, and shift protections and conditional-format ranges).
 */
import { parseA1 } from "./a1";
import {
  getCharts,
  insertChart,
  newChartBuilder,
  removeChart,
  shiftChartsForColumns,
  shiftChartsForRows,
  updateChart,
} from "./charts";
import { ConditionalRuleOf, EmulatedConditionalFormatRule } from "./conditional";
import {
  COLUMNS_AT_LEAST_ONE,
  duplicateSheetName,
  OUTSIDE_SHEET,
  RANGE_NOT_FOUND,
  ROWS_AT_LEAST_ONE,
} from "./messages";
import type { Rect, SheetModel } from "./model";
import { EmulatedRange } from "./range";
import type { EmulatedSpreadsheet } from "./spreadsheet";
import { EmulatedTextFinder } from "./textfinder";
import type { CellValue } from "./values";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

export type SheetMethods =
  | "getName"
  | "setName"
  | "getSheetId"
  | "getIndex"
  | "getMaxRows"
  | "getMaxColumns"
  | "getLastRow"
  | "getLastColumn"
  | "getRange"
  | "getDataRange"
  | "appendRow"
  | "insertRowsAfter"
  | "insertRowsBefore"
  | "insertRowAfter"
  | "insertRowBefore"
  | "insertRows"
  | "insertColumns"
  | "deleteRow"
  | "deleteRows"
  | "insertColumnsAfter"
  | "insertColumnsBefore"
  | "insertColumnAfter"
  | "insertColumnBefore"
  | "deleteColumn"
  | "deleteColumns"
  | "setFrozenRows"
  | "getFrozenRows"
  | "setFrozenColumns"
  | "getFrozenColumns"
  | "setColumnWidth"
  | "getColumnWidth"
  | "hideColumns"
  | "showColumns"
  | "isColumnHiddenByUser"
  | "protect"
  | "getProtections"
  | "createTextFinder"
  | "setConditionalFormatRules"
  | "getConditionalFormatRules"
  | "clear"
  | "clearContents"
  | "clearFormats"
  | "sort"
  | "getParent"
  | "activate"
  | "setTabColor"
  | "getTabColor"
  | "getActiveRange"
  | "newChart"
  | "insertChart"
  | "getCharts"
  | "removeChart"
  | "updateChart";

/** Sheets' sort order within a column: numbers and dates, then text, then booleans; blanks always last. */
function sortKey(v: CellValue): [number, number | string] {
  if (v === "") return [9, 0];
  if (typeof v === "number") return [0, v];
  if (v instanceof Date) return [0, v.getTime()];
  if (typeof v === "boolean") return [2, v ? 1 : 0];
  return [1, v.toLowerCase()];
}

export class EmulatedSheet implements Pick<GSheet, SheetMethods> {
  constructor(
    readonly book: EmulatedSpreadsheet,
    readonly model: SheetModel,
  ) {}

  toString(): string {
    return "Sheet";
  }

  private asGas(): GSheet {
    return this as unknown as GSheet;
  }

  private local(method: string): void {
    this.book.touch("Spreadsheet.local", `Sheet.${method}`, 0, "view");
  }

  private meta(method: string): void {
    this.book.touch("Spreadsheet.meta", `Sheet.${method}`, 0, "view");
  }

  private structure(method: string): void {
    this.book.touch("Spreadsheet.structure", `Sheet.${method}`, 0, "edit");
  }

  // --- Identity and size ---------------------------------------------------------------------------

  getName(): string {
    this.local("getName");
    return this.model.name;
  }
  setName(name: string): GSheet {
    this.structure("setName");
    const other = this.book.model.sheetByName(name);
    if (other && other !== this.model) throw new Error(duplicateSheetName(name));
    this.model.name = name;
    return this.asGas();
  }
  getSheetId(): number {
    this.local("getSheetId");
    return this.model.sheetId;
  }
  getIndex(): number {
    this.local("getIndex");
    return this.book.model.sheets.indexOf(this.model) + 1;
  }
  getMaxRows(): number {
    this.meta("getMaxRows");
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    this.meta("getMaxColumns");
    return this.model.maxColumns;
  }
  getLastRow(): number {
    this.meta("getLastRow");
    return this.model.lastRow();
  }
  getLastColumn(): number {
    this.meta("getLastColumn");
    return this.model.lastColumn();
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.local("getParent");
    return this.book as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  // --- Ranges --------------------------------------------------------------------------------------

  /** Validated 1-based range construction, without metering. */
  rangeAt(row: number, column: number, numRows = 1, numColumns = 1): EmulatedRange {
    if (!(row >= 1)) throw new Error("The starting row of the range is too small.");
    if (!(column >= 1)) throw new Error("The starting column of the range is too small.");
    if (!(numRows >= 1)) throw new Error(ROWS_AT_LEAST_ONE);
    if (!(numColumns >= 1)) throw new Error(COLUMNS_AT_LEAST_ONE);
    if (row + numRows - 1 > this.model.maxRows || column + numColumns - 1 > this.model.maxColumns) {
      throw new Error(OUTSIDE_SHEET);
    }
    return new EmulatedRange(this, row - 1, column - 1, numRows, numColumns);
  }

  /** A1 notation (without sheet name) resolved against this sheet's size. */
  rangeA1(a1: string): EmulatedRange {
    const ref = parseA1(a1);
    const row = ref.row ?? 1;
    const col = ref.col ?? 1;
    const endRow = ref.endRow ?? this.model.maxRows;
    const endCol = ref.endCol ?? this.model.maxColumns;
    if (endRow > this.model.maxRows || endCol > this.model.maxColumns) throw new Error(RANGE_NOT_FOUND);
    return this.rangeAt(row, col, endRow - row + 1, endCol - col + 1);
  }

  getRange(a1Notation: string): GRange;
  getRange(row: number, column: number): GRange;
  getRange(row: number, column: number, numRows: number): GRange;
  getRange(row: number, column: number, numRows: number, numColumns: number): GRange;
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): GRange {
    this.local("getRange");
    if (typeof a === "string") return this.rangeA1(a) as unknown as GRange;
    return this.rangeAt(a, column as number, numRows ?? 1, numColumns ?? 1) as unknown as GRange;
  }

  getDataRange(): GRange {
    // The data's extent lives on the server: like getLastRow, finding it is a round trip.
    this.meta("getDataRange");
    return this.rangeAt(
      1,
      1,
      Math.max(1, this.model.lastRow()),
      Math.max(1, this.model.lastColumn()),
    ) as unknown as GRange;
  }

  getActiveRange(): GRange | null {
    this.local("getActiveRange");
    return this.book.activeRangeOn(this.model) as unknown as GRange | null;
  }

  // --- Rows and columns ----------------------------------------------------------------------------

  appendRow(rowContents: unknown[]): GSheet {
    const n = Math.max(1, rowContents.length);
    this.book.touch("Spreadsheet.write", "Sheet.appendRow", n, "edit");
    const row = this.model.lastRow() + 1;
    const growRows = row > this.model.maxRows ? 1 : 0;
    const growCols = Math.max(0, rowContents.length - this.model.maxColumns);
    this.book.assertCellBudget(growRows * (this.model.maxColumns + growCols) + growCols * this.model.maxRows);
    // Validate and parse on a range that may lie just past the current edge, then grow and commit.
    const range = new EmulatedRange(this, row - 1, 0, 1, n);
    if (growRows || growCols) {
      const saved = [this.model.maxRows, this.model.maxColumns];
      this.model.maxRows += growRows;
      this.model.maxColumns += growCols;
      try {
        if (growRows) for (const layer of this.formatLayers()) layer.insertRows(row - 1, 1, row - 2);
        range.writeInput([rowContents.length ? rowContents : [""]]);
      } catch (e) {
        [this.model.maxRows, this.model.maxColumns] = saved;
        if (growRows) for (const layer of this.formatLayers()) layer.deleteRows(row - 1, 1);
        throw e;
      }
    } else {
      range.writeInput([rowContents.length ? rowContents : [""]]);
    }
    return this.asGas();
  }

  private formatLayers() {
    return [this.model.formats, this.model.validations, this.model.backgrounds, this.model.fontWeights];
  }

  /** Inserts `n` rows before 0-based row `at`; new rows take formats from the row above (or below). */
  private insertRowsAt(at: number, n: number): void {
    if (!(n >= 1)) throw new Error(ROWS_AT_LEAST_ONE);
    if (at < 0 || at > this.model.maxRows) throw new Error(OUTSIDE_SHEET);
    this.book.assertCellBudget(n * this.model.maxColumns);
    const inheritFrom = at > 0 ? at - 1 : undefined;
    this.model.values.insertRows(at, n);
    this.model.formulas.insertRows(at, n);
    for (const layer of this.formatLayers()) {
      layer.insertRows(at, n, inheritFrom);
    }
    if (inheritFrom === undefined) {
      // Inserting above row 1: the new rows copy the formats of the row that is pushed down.
      for (const layer of this.formatLayers()) {
        const below = layer.rows[at + n];
        for (let i = 0; i < n; i++) layer.rows[at + i] = below === undefined ? undefined : below.slice();
      }
    }
    this.model.maxRows += n;
    if (at < this.model.frozenRows) this.model.frozenRows += n;
    this.book.shiftRows(this.model, at, n);
    shiftChartsForRows(this.book.model, this.model, at, n);
  }

  insertRowsAfter(afterPosition: number, howMany: number): GSheet {
    this.structure("insertRowsAfter");
    this.insertRowsAt(afterPosition, howMany);
    return this.asGas();
  }
  insertRowsBefore(beforePosition: number, howMany: number): GSheet {
    this.structure("insertRowsBefore");
    if (beforePosition < 1) throw new Error(OUTSIDE_SHEET);
    this.insertRowsAt(beforePosition - 1, howMany);
    return this.asGas();
  }
  insertRowAfter(afterPosition: number): GSheet {
    this.structure("insertRowAfter");
    this.insertRowsAt(afterPosition, 1);
    return this.asGas();
  }
  insertRowBefore(beforePosition: number): GSheet {
    this.structure("insertRowBefore");
    if (beforePosition < 1) throw new Error(OUTSIDE_SHEET);
    this.insertRowsAt(beforePosition - 1, 1);
    return this.asGas();
  }

  private deleteRowsAt(at: number, n: number): void {
    if (!(n >= 1) || at < 0 || at + n > this.model.maxRows) throw new Error("Those rows are out of bounds.");
    // Seen in many scripts: deleting every row below the frozen header is refused.
    if (this.model.maxRows - n <= this.model.frozenRows) {
      throw new Error("Sorry, it is not possible to delete all non-frozen rows.");
    }
    this.book.assertEditable(this.model, { r: at, c: 0, nr: n, nc: this.model.maxColumns });
    for (const layer of this.model.layers()) layer.deleteRows(at, n);
    this.model.maxRows -= n;
    this.book.shiftRows(this.model, at, -n);
    shiftChartsForRows(this.book.model, this.model, at, -n);
  }

  /** Blank rows before 1-based `rowIndex` (reference: sheet#insertrowsrowindex,-numrows). */
  insertRows(rowIndex: number, numRows = 1): void {
    this.structure("insertRows");
    this.insertRowsAt(rowIndex - 1, numRows);
  }
  deleteRow(rowPosition: number): GSheet {
    this.structure("deleteRow");
    this.deleteRowsAt(rowPosition - 1, 1);
    return this.asGas();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.structure("deleteRows");
    this.deleteRowsAt(rowPosition - 1, howMany);
  }

  private insertColumnsAt(at: number, n: number): void {
    if (!(n >= 1)) throw new Error(COLUMNS_AT_LEAST_ONE);
    if (at < 0 || at > this.model.maxColumns) throw new Error(OUTSIDE_SHEET);
    this.book.assertCellBudget(n * this.model.maxRows);
    const inheritFrom = at > 0 ? at - 1 : undefined;
    this.model.values.insertColumns(at, n);
    this.model.formulas.insertColumns(at, n);
    for (const layer of this.formatLayers()) layer.insertColumns(at, n, inheritFrom);
    this.model.maxColumns += n;
    const widths = [...this.model.columnWidths.entries()];
    this.model.columnWidths.clear();
    for (const [c, w] of widths) this.model.columnWidths.set(c >= at + 1 ? c + n : c, w);
    this.book.shiftColumns(this.model, at, n);
    shiftChartsForColumns(this.book.model, this.model, at, n);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): GSheet {
    this.structure("insertColumnsAfter");
    this.insertColumnsAt(afterPosition, howMany);
    return this.asGas();
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GSheet {
    this.structure("insertColumnsBefore");
    this.insertColumnsAt(beforePosition - 1, howMany);
    return this.asGas();
  }
  insertColumnAfter(afterPosition: number): GSheet {
    this.structure("insertColumnAfter");
    this.insertColumnsAt(afterPosition, 1);
    return this.asGas();
  }
  insertColumnBefore(beforePosition: number): GSheet {
    this.structure("insertColumnBefore");
    this.insertColumnsAt(beforePosition - 1, 1);
    return this.asGas();
  }

  private deleteColumnsAt(at: number, n: number): void {
    if (!(n >= 1) || at < 0 || at + n > this.model.maxColumns) throw new Error("Those columns are out of bounds.");
    if (n === this.model.maxColumns) throw new Error("Sorry, it is not possible to delete all non-frozen columns.");
    this.book.assertEditable(this.model, { r: 0, c: at, nr: this.model.maxRows, nc: n });
    for (const layer of this.model.layers()) layer.deleteColumns(at, n);
    this.model.maxColumns -= n;
    const widths = [...this.model.columnWidths.entries()];
    this.model.columnWidths.clear();
    for (const [c, w] of widths) {
      if (c <= at) this.model.columnWidths.set(c, w);
      else if (c > at + n) this.model.columnWidths.set(c - n, w);
    }
    this.book.shiftColumns(this.model, at, -n);
    shiftChartsForColumns(this.book.model, this.model, at, -n);
  }

  /** Blank columns before 1-based `columnIndex` (reference: sheet#insertcolumnscolumnindex,-numcolumns). */
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.structure("insertColumns");
    this.insertColumnsAt(columnIndex - 1, numColumns);
  }
  deleteColumn(columnPosition: number): GSheet {
    this.structure("deleteColumn");
    this.deleteColumnsAt(columnPosition - 1, 1);
    return this.asGas();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.structure("deleteColumns");
    this.deleteColumnsAt(columnPosition - 1, howMany);
  }

  // --- View ----------------------------------------------------------------------------------------

  setFrozenRows(rows: number): void {
    this.structure("setFrozenRows");
    if (rows < 0 || rows > this.model.maxRows) throw new Error(OUTSIDE_SHEET);
    this.model.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.meta("getFrozenRows");
    return this.model.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.structure("setFrozenColumns");
    if (columns < 0 || columns > this.model.maxColumns) throw new Error(OUTSIDE_SHEET);
    this.model.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    this.meta("getFrozenColumns");
    return this.model.frozenColumns;
  }
  setColumnWidth(columnPosition: number, width: number): GSheet {
    this.structure("setColumnWidth");
    this.model.columnWidths.set(columnPosition, width);
    return this.asGas();
  }
  getColumnWidth(columnPosition: number): number {
    this.meta("getColumnWidth");
    // 100 px is Sheets' default column width.
    return this.model.columnWidths.get(columnPosition) ?? 100;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.structure("hideColumns");
    for (let i = 0; i < numColumns; i++) this.model.hiddenColumns.add(columnIndex + i);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.structure("showColumns");
    for (let i = 0; i < numColumns; i++) this.model.hiddenColumns.delete(columnIndex + i);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.meta("isColumnHiddenByUser");
    return this.model.hiddenColumns.has(columnPosition);
  }
  setTabColor(color: string | null): GSheet {
    this.structure("setTabColor");
    this.model.tabColor = color;
    return this.asGas();
  }
  getTabColor(): string | null {
    this.meta("getTabColor");
    return this.model.tabColor;
  }
  activate(): GSheet {
    this.book.touch("Spreadsheet.ui", "Sheet.activate", 0, "view");
    this.book.select(this.model, { r: 0, c: 0, nr: 1, nc: 1 });
    return this.asGas();
  }

  // --- Protection, finding, conditional formats ----------------------------------------------------

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.structure("protect");
    return this.book.addProtection("SHEET", this.model);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    this.meta("getProtections");
    return this.book.protectionsOf(String(type) as "RANGE" | "SHEET", this.model);
  }
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.local("createTextFinder");
    return new EmulatedTextFinder(this.book, [{ sheet: this, rect: this.wholeRect() }], findText) as never;
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this.structure("setConditionalFormatRules");
    this.model.conditionalRules = rules.map((r) => ConditionalRuleOf(r));
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    this.meta("getConditionalFormatRules");
    return this.model.conditionalRules.map(
      (r) =>
        new EmulatedConditionalFormatRule(
          this.book,
          r,
        ) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
    );
  }

  // --- Embedded charts (charts.ts) ------------------------------------------------------------------

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.local("newChart");
    return newChartBuilder(this);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.structure("insertChart");
    insertChart(this, chart);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.book.touch("Spreadsheet.read", "Sheet.getCharts", 0, "view");
    return getCharts(this);
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.structure("removeChart");
    removeChart(this, chart);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.structure("updateChart");
    updateChart(this, chart);
  }

  wholeRect(): Rect {
    return { r: 0, c: 0, nr: this.model.maxRows, nc: this.model.maxColumns };
  }

  // --- Clearing and sorting ------------------------------------------------------------------------

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): GSheet {
    this.book.touch("Spreadsheet.write", "Sheet.clear", 0, "edit");
    const range = new EmulatedRange(this, 0, 0, this.model.maxRows, this.model.maxColumns);
    if (options && (options.contentsOnly || options.formatOnly)) {
      range.clearLayers({ contents: options.contentsOnly, formats: options.formatOnly });
    } else {
      range.clearLayers({ contents: true, formats: true });
    }
    return this.asGas();
  }
  clearContents(): GSheet {
    this.book.touch("Spreadsheet.write", "Sheet.clearContents", 0, "edit");
    new EmulatedRange(this, 0, 0, this.model.maxRows, this.model.maxColumns).clearLayers({ contents: true });
    return this.asGas();
  }
  clearFormats(): GSheet {
    this.book.touch("Spreadsheet.write", "Sheet.clearFormats", 0, "edit");
    new EmulatedRange(this, 0, 0, this.model.maxRows, this.model.maxColumns).clearLayers({ formats: true });
    return this.asGas();
  }

  /** Sheet.sort(columnPosition, ascending): sorts all rows below the frozen ones by one column. */
  sort(columnPosition: number, ascending = true): GSheet {
    this.book.touch("Spreadsheet.write", "Sheet.sort", 0, "edit");
    const start = this.model.frozenRows;
    const end = this.model.lastRow();
    if (end > start) {
      this.sortRows(
        { r: start, c: 0, nr: end - start, nc: this.model.maxColumns },
        { column: columnPosition, ascending },
      );
    }
    return this.asGas();
  }

  /** Reorders the rows of `rect` by sort specs (column numbers are absolute, as in Range.sort). */
  sortRows(rect: Rect, spec: unknown): void {
    this.book.assertEditable(this.model, rect);
    const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
      typeof s === "number"
        ? { column: s, ascending: true }
        : { column: (s as { column: number }).column, ascending: (s as { ascending?: boolean }).ascending !== false },
    );
    const order = Array.from({ length: rect.nr }, (_, i) => i);
    const keys = specs.map((s) =>
      order.map((i) => {
        const f = this.model.formulas.get(rect.r + i, s.column - 1);
        const v = f !== undefined ? this.book.formulaValue(f) : (this.model.values.get(rect.r + i, s.column - 1) ?? "");
        return sortKey(v);
      }),
    );
    order.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const [ta, va] = keys[k][a];
        const [tb, vb] = keys[k][b];
        if (ta === 9 || tb === 9) {
          if (ta !== tb) return ta === 9 ? 1 : -1;
          continue;
        }
        let cmp = ta - tb || (va < vb ? -1 : va > vb ? 1 : 0);
        if (!specs[k].ascending) cmp = -cmp;
        if (cmp !== 0) return cmp;
      }
      return a - b;
    });
    if (rect.c === 0 && rect.nc === this.model.maxColumns) {
      for (const layer of this.model.layers()) layer.permuteRows(rect.r, order);
      return;
    }
    // A partial-width range: move only the cells inside the rectangle.
    for (const layer of this.model.layers()) {
      const block = order.map((i) => {
        const row = layer.rows[rect.r + i];
        return Array.from({ length: rect.nc }, (_, j) => (row === undefined ? undefined : row[rect.c + j]));
      });
      block.forEach((cells, i) => {
        for (let j = 0; j < rect.nc; j++) layer.set(rect.r + i, rect.c + j, cells[j]);
      });
    }
  }
}
