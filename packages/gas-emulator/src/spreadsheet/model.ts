/**
 * The data behind an emulated spreadsheet, free of Apps Script API shape: sheets as per-row arrays,
 * protections, validations and conditional rules as plain records. The API classes (Range, Sheet,
 * Spreadsheet) wrap this and do the metering, access and protection checks.
 */
import type { DriveItem } from "../core/files";
import { Grid } from "./grid";
import type { CellValue } from "./values";

export interface Rect {
  /** 0-based first row/column, with sizes. */
  r: number;
  c: number;
  nr: number;
  nc: number;
}

export const CRITERIA_TYPES = [
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
  "DATE_IS_VALID_DATE",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_BETWEEN",
  "DATE_NOT_BETWEEN",
  "DATE_EQUAL_TO",
  "DATE_ON_OR_AFTER",
  "DATE_ON_OR_BEFORE",
  "NUMBER_BETWEEN",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_NOT_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "CHECKBOX",
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_IS_VALID_EMAIL",
  "TEXT_IS_VALID_URL",
  "CUSTOM_FORMULA",
] as const;

export type CriteriaType = (typeof CRITERIA_TYPES)[number];

export interface ValidationRule {
  criteria: CriteriaType;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ConditionalRule {
  formula?: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  ranges: { sheetId: number; rect: Rect }[];
}

export interface ProtectionRecord {
  id: number;
  type: "RANGE" | "SHEET";
  sheetId: number;
  /** For RANGE protections; a SHEET protection covers the whole sheet minus `unprotected`. */
  rect?: Rect;
  unprotected: Rect[];
  description: string;
  editors: Set<string>;
  warningOnly: boolean;
  domainEdit: boolean;
}

/**
 * An embedded chart as the sheet keeps it: type, source ranges, anchor and options. Nothing is drawn;
 * the record is what a script can read back (EmbeddedChart) and what xlsx.ts persists.
 */
export interface ChartRecord {
  /** null until the chart is inserted into a sheet (EmbeddedChart.getChartId). */
  chartId: number | null;
  /** A Charts.ChartType name ("BAR"), or null when the builder never set one. */
  type: string | null;
  ranges: { sheetId: number; rect: Rect }[];
  /** 1-based anchor cell and pixel offsets (EmbeddedChartBuilder.setPosition). */
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** Options as a tree: setOption("legend.position", x) and setOption("legend", {position: x}) agree. */
  options: Record<string, unknown>;
  numHeaders: number;
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
  transpose: boolean;
}

export class SheetModel {
  readonly values = new Grid<CellValue>();
  readonly formulas = new Grid<string>();
  readonly formats = new Grid<string>();
  readonly validations = new Grid<ValidationRule>();
  readonly backgrounds = new Grid<string>();
  readonly fontWeights = new Grid<string>();
  frozenRows = 0;
  frozenColumns = 0;
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  conditionalRules: ConditionalRule[] = [];
  tabColor: string | null = null;
  charts: ChartRecord[] = [];

  constructor(
    public sheetId: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  get cellCount(): number {
    return this.maxRows * this.maxColumns;
  }

  private rowHasContent(r: number, fromCol = 0): boolean {
    const v = this.values.rows[r];
    if (v !== undefined) {
      for (let c = fromCol; c < v.length; c++) if (v[c] !== undefined && v[c] !== "") return true;
    }
    const f = this.formulas.rows[r];
    if (f !== undefined) {
      for (let c = fromCol; c < f.length; c++) if (f[c] !== undefined) return true;
    }
    return false;
  }

  /** 1-based last row with content, 0 when empty (Sheet.getLastRow). */
  lastRow(): number {
    const n = Math.max(this.values.rows.length, this.formulas.rows.length);
    for (let r = n - 1; r >= 0; r--) if (this.rowHasContent(r)) return r + 1;
    return 0;
  }

  /** 1-based last column with content, 0 when empty (Sheet.getLastColumn). */
  lastColumn(): number {
    let last = 0;
    for (const grid of [this.values, this.formulas] as Grid<unknown>[]) {
      for (const row of grid.rows) {
        if (row === undefined) continue;
        for (let c = row.length - 1; c >= last; c--) {
          if (row[c] !== undefined && row[c] !== "") {
            last = c + 1;
            break;
          }
        }
      }
    }
    return last;
  }

  /** Every per-cell layer, for structural edits that move all of them together. */
  layers(): Grid<unknown>[] {
    return [this.values, this.formulas, this.formats, this.validations, this.backgrounds, this.fontWeights];
  }
}

export interface Toast {
  spreadsheetId: string;
  message: string;
  title: string;
  timeoutSeconds: number;
  at: Date;
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  protections: ProtectionRecord[] = [];
  toasts: Toast[] = [];
  nextSheetId = 0;
  nextProtectionId = 1;
  /** Chart ids are unique across the spreadsheet (EmbeddedChart.getChartId). */
  nextChartId = 1;
  activeSheetId = 0;
  /** The user's selection on the active sheet (getActiveRange), 0-based. */
  selection: Rect = { r: 0, c: 0, nr: 1, nc: 1 };
  locale = "en_US";

  constructor(
    readonly item: DriveItem,
    public timeZone: string,
  ) {}

  get id(): string {
    return this.item.id;
  }

  sheetById(sheetId: number): SheetModel | undefined {
    return this.sheets.find((s) => s.sheetId === sheetId);
  }

  sheetByName(name: string): SheetModel | undefined {
    // Sheet names are case-insensitive in Sheets: "Orders" and "orders" cannot coexist.
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  totalCells(): number {
    let n = 0;
    for (const s of this.sheets) n += s.cellCount;
    return n;
  }

  addSheet(name: string, index = this.sheets.length, rows = 1000, cols = 26): SheetModel {
    // The first sheet of a new spreadsheet has gid 0, like Sheets; later ones get fresh ids.
    const sheet = new SheetModel(this.nextSheetId, name, rows, cols);
    this.nextSheetId = this.nextSheetId === 0 ? 1_000_001 : this.nextSheetId + 7919;
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.r >= outer.r &&
    inner.c >= outer.c &&
    inner.r + inner.nr <= outer.r + outer.nr &&
    inner.c + inner.nc <= outer.c + outer.nc
  );
}

/**
 * Moves a rectangle for `n` rows inserted (n > 0) or deleted (n < 0) at 0-based row `at`, the way
 * Sheets moves protected ranges and conditional-format ranges. Returns undefined if deleted entirely.
 */
export function shiftRectRows(rect: Rect, at: number, n: number): Rect | undefined {
  const end = rect.r + rect.nr;
  if (n > 0) {
    if (at <= rect.r) return { ...rect, r: rect.r + n };
    if (at < end) return { ...rect, nr: rect.nr + n };
    return rect;
  }
  const delEnd = at - n;
  if (delEnd <= rect.r) return { ...rect, r: rect.r + n };
  if (at >= end) return rect;
  const keptBefore = Math.max(0, at - rect.r);
  const keptAfter = Math.max(0, end - delEnd);
  const nr = keptBefore + keptAfter;
  if (nr === 0) return undefined;
  return { ...rect, r: Math.min(rect.r, at), nr };
}

export function shiftRectColumns(rect: Rect, at: number, n: number): Rect | undefined {
  const t = shiftRectRows({ r: rect.c, c: rect.r, nr: rect.nc, nc: rect.nr }, at, n);
  return t && { r: t.c, c: t.r, nr: t.nc, nc: t.nr };
}
