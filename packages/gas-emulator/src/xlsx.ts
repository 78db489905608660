/**
 * Saves an emulated spreadsheet to .xlsx and loads it back (exceljs), so local runs can persist a
 * workbook between sessions and a person can open it in Excel or upload it to Google Sheets.
 *
 * What travels in the cells: values with their JS types (strings stay strings), formulas, number
 * formats ("@" for plain text), frozen rows/columns, column widths and list validations.
 * What Excel has no place for (Drive sharing, Sheets protections with editors, exact sheet ids and
 * sizes, non-list validations, conditional rules, embedded charts, the spreadsheet time zone) travels as JSON in one
 * very-hidden sheet named `__gas_emulator__`, split into cells below Excel's 32,767-character cell
 * limit. A workbook without that sheet (any .xlsx) still loads, with defaults for the rest.
 */
import ExcelJS from "exceljs";
import { parseA1, quoteSheetName, toA1 } from "./spreadsheet/a1";
import type { EmulatedSpreadsheetApp } from "./spreadsheet/app";
import type {
  ChartRecord,
  ConditionalRule,
  ProtectionRecord,
  SheetModel,
  SpreadsheetModel,
  ValidationRule,
} from "./spreadsheet/model";
import type { EmulatedSpreadsheet } from "./spreadsheet/spreadsheet";
import { type CellValue, DEFAULT_FORMAT, isDateFormat, isGeneralFormat } from "./spreadsheet/values";

const META_SHEET = "__gas_emulator__";
const META_CHUNK = 30_000;
/** Excel column width units are ~7 px at the default font. */
const PX_PER_WIDTH_UNIT = 7;
/** What Excel shows for a Date whose Sheets format is not a date format (the real format is kept in meta). */
const FALLBACK_DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

interface ValidationRun {
  r: number;
  c: number;
  nr: number;
  rule: number;
}

/** A chart with its source ranges as A1 notation with the sheet name ("'Sales data'!A1:B8"). */
type SavedChart = Omit<ChartRecord, "ranges"> & { ranges: string[] };

interface SheetMeta {
  name: string;
  sheetId: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  columnWidths: [number, number][];
  hiddenColumns: number[];
  tabColor: string | null;
  conditionalRules: ConditionalRule[];
  validationRules: ValidationRule[];
  validations: ValidationRun[];
  /** Cells whose xlsx type differs from the emulator's: Dates in non-date formats, numbers in date formats. */
  typeFixes: { r: number; c: number; kind: "date" | "number"; format?: string }[];
  /** Absent in files written before charts were emulated. */
  charts?: SavedChart[];
}

interface WorkbookMeta {
  version: 1;
  timeZone: string;
  locale: string;
  editors: string[];
  commenters: string[];
  viewers: string[];
  protections: (Omit<ProtectionRecord, "editors"> & { editors: string[] })[];
  nextSheetId: number;
  nextChartId?: number;
  sheets: SheetMeta[];
}

// JSON cannot hold Dates; validation arguments can.
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}
function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && "$date" in (value as Record<string, unknown>)) {
    return new Date((value as { $date: string }).$date);
  }
  return value;
}

function modelOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SpreadsheetModel {
  return (ss as unknown as EmulatedSpreadsheet).model;
}

function validationRuns(sheet: SheetModel, rules: ValidationRule[]): ValidationRun[] {
  const index = new Map<ValidationRule, number>();
  const runs: ValidationRun[] = [];
  const open = new Map<number, ValidationRun>(); // by column: the run still growing
  sheet.validations.rows.forEach((row, r) => {
    const seen = new Set<number>();
    row?.forEach((rule, c) => {
      if (!rule) return;
      let i = index.get(rule);
      if (i === undefined) {
        i = rules.push(rule) - 1;
        index.set(rule, i);
      }
      const run = open.get(c);
      if (run && run.rule === i && run.r + run.nr === r) run.nr++;
      else {
        const fresh = { r, c, nr: 1, rule: i };
        runs.push(fresh);
        open.set(c, fresh);
      }
      seen.add(c);
    });
    for (const c of [...open.keys()]) if (!seen.has(c)) open.delete(c);
  });
  return runs;
}

function saveChart(model: SpreadsheetModel, chart: ChartRecord): SavedChart {
  const ranges: string[] = [];
  for (const { sheetId, rect } of chart.ranges) {
    const sheet = model.sheetById(sheetId);
    if (sheet) ranges.push(`${quoteSheetName(sheet.name)}!${toA1(rect.r + 1, rect.c + 1, rect.nr, rect.nc)}`);
  }
  return { ...chart, ranges };
}

/** Ranges resolve by sheet name once every sheet is loaded (a chart may read a later sheet). */
function loadChart(model: SpreadsheetModel, saved: SavedChart): ChartRecord {
  const ranges: ChartRecord["ranges"] = [];
  for (const a1 of saved.ranges) {
    const ref = parseA1(a1);
    const sheet = ref.sheetName === undefined ? undefined : model.sheetByName(ref.sheetName);
    if (!sheet || ref.row === undefined || ref.col === undefined) continue;
    const endRow = ref.endRow ?? sheet.maxRows;
    const endCol = ref.endCol ?? sheet.maxColumns;
    ranges.push({
      sheetId: sheet.sheetId,
      rect: { r: ref.row - 1, c: ref.col - 1, nr: endRow - ref.row + 1, nc: endCol - ref.col + 1 },
    });
  }
  return { ...saved, ranges };
}

function listFormula(rule: ValidationRule): string | undefined {
  if (rule.criteria !== "VALUE_IN_LIST") return undefined;
  const items = (rule.args[0] as unknown[]).map(String);
  const joined = items.join(",");
  // Excel's inline list is limited to 255 characters and cannot hold commas or quotes inside items.
  if (joined.length > 255 || items.some((s) => s.includes(",") || s.includes('"'))) return undefined;
  return `"${joined}"`;
}

export async function saveWorkbookXlsx(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, path: string): Promise<void> {
  const model = modelOf(ss);
  const wb = new ExcelJS.Workbook();
  const meta: WorkbookMeta = {
    version: 1,
    timeZone: model.timeZone,
    locale: model.locale,
    editors: [...model.item.editors],
    commenters: [...model.item.commenters],
    viewers: [...model.item.viewers],
    protections: model.protections.map((p) => ({ ...p, editors: [...p.editors] })),
    nextSheetId: model.nextSheetId,
    nextChartId: model.nextChartId,
    sheets: [],
  };
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views:
        sheet.frozenRows || sheet.frozenColumns
          ? [{ state: "frozen", xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }]
          : [],
      properties: sheet.tabColor ? { tabColor: { argb: `FF${sheet.tabColor.replace("#", "")}` } } : undefined,
    });
    const rules: ValidationRule[] = [];
    const sm: SheetMeta = {
      name: sheet.name,
      sheetId: sheet.sheetId,
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      columnWidths: [...sheet.columnWidths.entries()],
      hiddenColumns: [...sheet.hiddenColumns],
      tabColor: sheet.tabColor,
      conditionalRules: sheet.conditionalRules,
      validationRules: rules,
      validations: validationRuns(sheet, rules),
      typeFixes: [],
      charts: sheet.charts.map((c) => saveChart(model, c)),
    };
    const rowCount = Math.max(sheet.values.rows.length, sheet.formulas.rows.length, sheet.formats.rows.length);
    for (let r = 0; r < rowCount; r++) {
      const values = sheet.values.rows[r];
      const formulas = sheet.formulas.rows[r];
      const formats = sheet.formats.rows[r];
      const width = Math.max(values?.length ?? 0, formulas?.length ?? 0, formats?.length ?? 0);
      if (width === 0) continue;
      const row = ws.getRow(r + 1);
      for (let c = 0; c < width; c++) {
        const formula = formulas?.[c];
        const value = values?.[c];
        const format = formats?.[c];
        if (formula === undefined && value === undefined && format === undefined) continue;
        const cell = row.getCell(c + 1);
        if (formula !== undefined) cell.value = { formula: formula.slice(1) } as ExcelJS.CellFormulaValue;
        else if (value !== undefined) cell.value = value;
        let xlsxFormat = format;
        if (value instanceof Date && formula === undefined && !isDateFormat(format ?? DEFAULT_FORMAT)) {
          sm.typeFixes.push({ r, c, kind: "date", format });
          xlsxFormat = FALLBACK_DATE_FORMAT;
        } else if (typeof value === "number" && formula === undefined && format && isDateFormat(format)) {
          sm.typeFixes.push({ r, c, kind: "number" });
        }
        if (xlsxFormat !== undefined && !isGeneralFormat(xlsxFormat)) cell.numFmt = xlsxFormat;
        else if (value instanceof Date) cell.numFmt = FALLBACK_DATE_FORMAT;
      }
    }
    for (const run of sm.validations) {
      const rule = rules[run.rule];
      const formula = listFormula(rule);
      if (!formula) continue;
      for (let i = 0; i < run.nr; i++) {
        ws.getCell(run.r + i + 1, run.c + 1).dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [formula],
          showErrorMessage: !rule.allowInvalid,
          ...(rule.helpText ? { showInputMessage: true, prompt: rule.helpText } : {}),
        };
      }
    }
    for (const [col, px] of sheet.columnWidths) ws.getColumn(col).width = px / PX_PER_WIDTH_UNIT;
    for (const col of sheet.hiddenColumns) ws.getColumn(col).hidden = true;
    meta.sheets.push(sm);
  }
  const metaSheet = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  const json = JSON.stringify(meta, replacer);
  for (let i = 0, row = 1; i < json.length; i += META_CHUNK, row++) {
    metaSheet.getCell(row, 1).value = json.slice(i, i + META_CHUNK);
  }
  await wb.xlsx.writeFile(path);
}

/** The emulator's value for an exceljs cell value (formulas come back separately). */
function cellValueOf(v: ExcelJS.CellValue): { value?: CellValue; formula?: string } {
  if (v === null || v === undefined) return {};
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) return { value: v };
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.formula === "string") return { formula: `=${o.formula}` };
  if (typeof o.sharedFormula === "string") return { formula: `=${o.sharedFormula}` };
  if (Array.isArray(o.richText)) return { value: (o.richText as { text: string }[]).map((t) => t.text).join("") };
  if (typeof o.text === "string") return { value: o.text };
  if (typeof o.error === "string") return { value: o.error };
  return { value: String(v) };
}

function readMeta(wb: ExcelJS.Workbook): WorkbookMeta | undefined {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return undefined;
  let json = "";
  for (let row = 1; row <= ws.rowCount; row++) {
    const v = ws.getCell(row, 1).value;
    if (typeof v === "string") json += v;
  }
  return json ? (JSON.parse(json, reviver) as WorkbookMeta) : undefined;
}

export async function loadWorkbookXlsx(
  app: EmulatedSpreadsheetApp,
  path: string,
  options: { name: string; owner: string },
): Promise<GoogleAppsScript.Spreadsheet.Spreadsheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const meta = readMeta(wb);
  const ss = app.createForTest(options.name, options.owner);
  const model = modelOf(ss);
  model.sheets = [];
  if (meta) {
    model.timeZone = meta.timeZone;
    model.locale = meta.locale;
    for (const e of meta.editors) model.item.editors.add(e);
    for (const e of meta.commenters) model.item.commenters.add(e);
    for (const e of meta.viewers) model.item.viewers.add(e);
    model.protections = meta.protections.map((p) => ({ ...p, editors: new Set(p.editors) }));
    model.nextProtectionId = Math.max(0, ...model.protections.map((p) => p.id)) + 1;
  }
  const sheetMetas = new Map((meta?.sheets ?? []).map((s) => [s.name, s]));
  const savedCharts: [SheetModel, SavedChart[]][] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const sm = sheetMetas.get(ws.name);
    const sheet = model.addSheet(
      ws.name,
      model.sheets.length,
      sm?.maxRows ?? Math.max(1000, ws.rowCount),
      sm?.maxColumns ?? Math.max(26, ws.columnCount),
    );
    if (sm) sheet.sheetId = sm.sheetId;
    // includeEmpty: a formatted empty cell (a plain-text column waiting for phone numbers) matters.
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const r = rowNumber - 1;
        const c = colNumber - 1;
        const { value, formula } = cellValueOf(cell.value);
        if (formula !== undefined) sheet.formulas.set(r, c, formula);
        else if (value !== undefined && value !== "") sheet.values.set(r, c, value);
        const fmt = cell.numFmt;
        if (fmt && fmt !== "General") sheet.formats.set(r, c, fmt);
      });
    });
    if (sm) {
      for (const fix of sm.typeFixes) {
        const v = sheet.values.get(fix.r, fix.c);
        if (fix.kind === "date") {
          sheet.formats.set(fix.r, fix.c, fix.format);
          if (typeof v === "number") sheet.values.set(fix.r, fix.c, new Date(Math.round((v - 25569) * 86_400_000)));
        } else if (v instanceof Date) {
          sheet.values.set(fix.r, fix.c, v.getTime() / 86_400_000 + 25569);
        }
      }
      sheet.frozenRows = sm.frozenRows;
      sheet.frozenColumns = sm.frozenColumns;
      for (const [col, px] of sm.columnWidths) sheet.columnWidths.set(col, px);
      for (const col of sm.hiddenColumns) sheet.hiddenColumns.add(col);
      sheet.tabColor = sm.tabColor;
      sheet.conditionalRules = sm.conditionalRules;
      for (const run of sm.validations) {
        const rule = sm.validationRules[run.rule];
        for (let i = 0; i < run.nr; i++) sheet.validations.set(run.r + i, run.c, rule);
      }
      if (sm.charts) savedCharts.push([sheet, sm.charts]);
    } else {
      loadForeignSheetSettings(ws, sheet);
    }
  }
  if (meta) model.nextSheetId = meta.nextSheetId;
  for (const [sheet, charts] of savedCharts) sheet.charts = charts.map((c) => loadChart(model, c));
  const chartIds = model.sheets.flatMap((s) => s.charts.map((c) => c.chartId ?? 0));
  model.nextChartId = Math.max(meta?.nextChartId ?? 1, ...chartIds.map((id) => id + 1));
  if (model.sheets.length === 0) model.addSheet("Sheet1");
  model.activeSheetId = model.sheets[0].sheetId;
  return ss;
}

/** Frozen panes, widths and list validations from an .xlsx the emulator did not write. */
function loadForeignSheetSettings(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === "frozen") {
    sheet.frozenRows = view.ySplit ?? 0;
    sheet.frozenColumns = view.xSplit ?? 0;
  }
  ws.columns?.forEach((col, i) => {
    if (col.width) sheet.columnWidths.set(i + 1, Math.round(col.width * PX_PER_WIDTH_UNIT));
    if (col.hidden) sheet.hiddenColumns.add(i + 1);
  });
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const dv = cell.dataValidation;
      if (dv?.type !== "list" || !dv.formulae?.[0]) return;
      const f = String(dv.formulae[0]);
      if (!f.startsWith('"')) return;
      const rule: ValidationRule = {
        criteria: "VALUE_IN_LIST",
        args: [f.slice(1, -1).split(","), true],
        allowInvalid: !dv.showErrorMessage,
        helpText: dv.prompt ?? null,
      };
      sheet.validations.set(rowNumber - 1, colNumber - 1, rule);
    });
  });
}
