/**
 * Embedded charts (Sheet.newChart/insertChart/getCharts/removeChart/updateChart) and the `Charts`
 * enums. Charts are records on the sheet — type, source ranges, anchor, options — with nothing drawn;
 * what a script can read back is what it set. Reference pages:
 *   developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 *   developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 *   developers.google.com/apps-script/reference/spreadsheet/container-info
 *   developers.google.com/apps-script/reference/charts/chart-options
 *   developers.google.com/apps-script/reference/charts/chart-type
 */
import { PROTECTED_CELL } from "./messages";
import type { ChartRecord, Rect, SheetModel, SpreadsheetModel } from "./model";
import { shiftRectColumns, shiftRectRows } from "./model";
import { EmulatedRange } from "./range";
import type { EmulatedSheet } from "./sheet";
import type { EmulatedSpreadsheet } from "./spreadsheet";

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type GBarBuilder = GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder;
type GContainerInfo = GoogleAppsScript.Spreadsheet.ContainerInfo;
type GChartOptions = GoogleAppsScript.Charts.ChartOptions;
type GCharts = GoogleAppsScript.Charts.Charts;

function names<T extends string>(...keys: T[]): { readonly [K in T]: K } {
  return Object.fromEntries(keys.map((k) => [k, k])) as { [K in T]: K };
}

/** developers.google.com/apps-script/reference/charts/chart-type (the order of the reference page). */
export const ChartType = names(
  "TIMELINE",
  "AREA",
  "BAR",
  "BUBBLE",
  "CANDLESTICK",
  "COLUMN",
  "COMBO",
  "GAUGE",
  "GEO",
  "HISTOGRAM",
  "RADAR",
  "LINE",
  "ORG",
  "PIE",
  "SCATTER",
  "SPARKLINE",
  "STEPPED_AREA",
  "TABLE",
  "TREEMAP",
  "WATERFALL",
);
export const ChartHiddenDimensionStrategy = names("IGNORE_BOTH", "IGNORE_ROWS", "IGNORE_COLUMNS", "SHOW_BOTH");
export const ChartMergeStrategy = names("MERGE_COLUMNS", "MERGE_ROWS");
export const ChartPosition = names("TOP", "RIGHT", "BOTTOM", "NONE");
export const ColumnType = names("DATE", "NUMBER", "STRING");
export const CurveStyle = names("NORMAL", "SMOOTH");
export const PointStyle = names("NONE", "TINY", "MEDIUM", "LARGE", "HUGE");

/**
 * The `Charts` global's enums. Its builders of stand-alone charts (newBarChart, newDataTable…) render
 * images for HTML/UiApp and are not emulated.
 */
export const Charts: Pick<
  GCharts,
  | "ChartType"
  | "ChartHiddenDimensionStrategy"
  | "ChartMergeStrategy"
  | "Position"
  | "ColumnType"
  | "CurveStyle"
  | "PointStyle"
> = {
  ChartType: ChartType as unknown as GCharts["ChartType"],
  ChartHiddenDimensionStrategy: ChartHiddenDimensionStrategy as unknown as GCharts["ChartHiddenDimensionStrategy"],
  ChartMergeStrategy: ChartMergeStrategy as unknown as GCharts["ChartMergeStrategy"],
  Position: ChartPosition as unknown as GCharts["Position"],
  ColumnType: ColumnType as unknown as GCharts["ColumnType"],
  CurveStyle: CurveStyle as unknown as GCharts["CurveStyle"],
  PointStyle: PointStyle as unknown as GCharts["PointStyle"],
};

// --- Records and options -------------------------------------------------------------------------

/** A new chart's record. Defaults from the builder page: IGNORE_ROWS, MERGE_COLUMNS, not transposed. */
export function newChartRecord(): ChartRecord {
  return {
    chartId: null,
    type: null,
    ranges: [],
    // Unsourced: where Sheets places a chart whose builder never called setPosition; A1 here.
    anchorRow: 1,
    anchorColumn: 1,
    offsetX: 0,
    offsetY: 0,
    options: {},
    // "Negative values cause headers to be auto-detected" (setNumHeaders): auto until set.
    numHeaders: -1,
    hiddenDimensionStrategy: ChartHiddenDimensionStrategy.IGNORE_ROWS,
    mergeStrategy: ChartMergeStrategy.MERGE_COLUMNS,
    transpose: false,
  };
}

/** Deep copy of option values (plain data: strings, numbers, booleans, arrays, objects). */
function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneValue(x)])) as T;
  }
  return v;
}

export function cloneChartRecord(r: ChartRecord): ChartRecord {
  return {
    ...r,
    ranges: r.ranges.map((x) => ({ sheetId: x.sheetId, rect: { ...x.rect } })),
    options: cloneValue(r.options),
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);
}

/** Sets a dotted option path ("legend.position") in the option tree. */
export function setOptionPath(options: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = options;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = cloneValue(value);
}

/** Reads a dotted option path; null when unset (ChartOptions.get). */
export function getOptionPath(options: Record<string, unknown>, path: string): unknown {
  let node: unknown = options;
  for (const key of path.split(".")) {
    if (!isPlainObject(node) || !(key in node)) return null;
    node = node[key];
  }
  return node === undefined ? null : cloneValue(node);
}

// --- Access helpers ------------------------------------------------------------------------------

function local(book: EmulatedSpreadsheet, method: string): void {
  book.touch("Spreadsheet.local", method, 0, "view");
}

function rangeRef(range: GRange): { sheetId: number; rect: Rect } {
  const e = range as unknown as EmulatedRange;
  if (!(e instanceof EmulatedRange)) throw new Error("Invalid argument: range");
  return { sheetId: e.sheet.model.sheetId, rect: { ...e.rect } };
}

function sameRef(a: { sheetId: number; rect: Rect }, b: { sheetId: number; rect: Rect }): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.rect.r === b.rect.r &&
    a.rect.c === b.rect.c &&
    a.rect.nr === b.rect.nr &&
    a.rect.nc === b.rect.nc
  );
}

/** Ranges of a record as Range objects; a range whose sheet was deleted is dropped. */
function rangesOf(book: EmulatedSpreadsheet, record: ChartRecord): GRange[] {
  const out: GRange[] = [];
  for (const x of record.ranges) {
    const sheet = book.model.sheetById(x.sheetId);
    if (!sheet) continue;
    const w = book.sheetWrapper(sheet);
    out.push(new EmulatedRange(w, x.rect.r, x.rect.c, x.rect.nr, x.rect.nc) as unknown as GRange);
  }
  return out;
}

// --- ContainerInfo and ChartOptions --------------------------------------------------------------

export class EmulatedContainerInfo
  implements Pick<GContainerInfo, "getAnchorColumn" | "getAnchorRow" | "getOffsetX" | "getOffsetY">
{
  toString(): string {
    return "ContainerInfo";
  }

  constructor(
    private readonly book: EmulatedSpreadsheet,
    private readonly position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number },
  ) {}

  getAnchorColumn(): number {
    local(this.book, "ContainerInfo.getAnchorColumn");
    return this.position.anchorColumn;
  }
  getAnchorRow(): number {
    local(this.book, "ContainerInfo.getAnchorRow");
    return this.position.anchorRow;
  }
  getOffsetX(): number {
    local(this.book, "ContainerInfo.getOffsetX");
    return this.position.offsetX;
  }
  getOffsetY(): number {
    local(this.book, "ContainerInfo.getOffsetY");
    return this.position.offsetY;
  }
}

/** "These options are immutable" (chart-options page): a copy taken when the options were asked for. */
export class EmulatedChartOptions implements Pick<GChartOptions, "get"> {
  private readonly options: Record<string, unknown>;

  constructor(
    private readonly book: EmulatedSpreadsheet,
    options: Record<string, unknown>,
  ) {
    this.options = cloneValue(options);
  }

  get(option: string): unknown {
    local(this.book, "ChartOptions.get");
    return getOptionPath(this.options, option);
  }

  /** The set value, else null: the emulator knows no chart defaults. */
  getOrDefault(option: string): unknown {
    local(this.book, "ChartOptions.getOrDefault");
    return getOptionPath(this.options, option);
  }
}

// --- EmbeddedChart -------------------------------------------------------------------------------

export type EmbeddedChartMethods =
  | "getChartId"
  | "getContainerInfo"
  | "getHiddenDimensionStrategy"
  | "getMergeStrategy"
  | "getNumHeaders"
  | "getOptions"
  | "getRanges"
  | "getTransposeRowsAndColumns"
  | "modify";

/**
 * A chart value: what build() returned or getCharts() read. It does not follow later changes to the
 * sheet; modify() + Sheet.updateChart(chart) is how a chart changes (embedded-chart page).
 */
export class EmulatedEmbeddedChart implements Pick<GChart, EmbeddedChartMethods> {
  readonly record: ChartRecord;

  toString(): string {
    return "EmbeddedChart";
  }

  constructor(
    readonly book: EmulatedSpreadsheet,
    record: ChartRecord,
  ) {
    this.record = cloneChartRecord(record);
  }

  getChartId(): number | null {
    local(this.book, "EmbeddedChart.getChartId");
    return this.record.chartId;
  }
  getContainerInfo(): GContainerInfo {
    local(this.book, "EmbeddedChart.getContainerInfo");
    return new EmulatedContainerInfo(this.book, { ...this.record });
  }
  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    local(this.book, "EmbeddedChart.getHiddenDimensionStrategy");
    return this.record.hiddenDimensionStrategy as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy;
  }
  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    local(this.book, "EmbeddedChart.getMergeStrategy");
    return this.record.mergeStrategy as unknown as GoogleAppsScript.Charts.ChartMergeStrategy;
  }
  getNumHeaders(): number {
    local(this.book, "EmbeddedChart.getNumHeaders");
    return this.record.numHeaders;
  }
  getOptions(): GChartOptions {
    local(this.book, "EmbeddedChart.getOptions");
    return new EmulatedChartOptions(this.book, this.record.options);
  }
  getRanges(): GRange[] {
    local(this.book, "EmbeddedChart.getRanges");
    return rangesOf(this.book, this.record);
  }
  getTransposeRowsAndColumns(): boolean {
    local(this.book, "EmbeddedChart.getTransposeRowsAndColumns");
    return this.record.transpose;
  }
  modify(): GBuilder {
    local(this.book, "EmbeddedChart.modify");
    return new EmulatedEmbeddedChartBuilder(this.book, this.record) as unknown as GBuilder;
  }
  /** "Casts to a data source chart … or null otherwise": the emulator has no data source charts. */
  asDataSourceChart(): null {
    local(this.book, "EmbeddedChart.asDataSourceChart");
    return null;
  }
}

// --- EmbeddedChartBuilder ------------------------------------------------------------------------

export type EmbeddedChartBuilderMethods =
  | "addRange"
  | "asAreaChart"
  | "asBarChart"
  | "asColumnChart"
  | "asComboChart"
  | "asHistogramChart"
  | "asLineChart"
  | "asPieChart"
  | "asScatterChart"
  | "asTableChart"
  | "build"
  | "clearRanges"
  | "getChartType"
  | "getContainer"
  | "getRanges"
  | "removeRange"
  | "setChartType"
  | "setHiddenDimensionStrategy"
  | "setMergeStrategy"
  | "setNumHeaders"
  | "setOption"
  | "setPosition"
  | "setTransposeRowsAndColumns";

/** Type-specific builder methods the emulator offers, as the Google Charts options they set. */
export type TypedBuilderMethods = "setTitle" | "setLegendPosition" | "setColors" | "setStacked" | "setBackgroundColor";

/**
 * One builder for every chart type: asBarChart() and friends set the type and return this same
 * object, so the common methods and the few typed ones below work whatever the type.
 */
const BUILDER_HASH = "5e3f1a2b";

export class EmulatedEmbeddedChartBuilder
  implements Pick<GBuilder, EmbeddedChartBuilderMethods>, Pick<GBarBuilder, TypedBuilderMethods>
{
  private readonly draft: ChartRecord;

  toString(): string {
    // Live prints the Java object (gas-fakes' live run, test/testsheetschart.js); the hash part is made up.
    return `com.google.apps.maestro.server.beans.trix.impl.ChartPropertyApiEmbeddedChartBuilder@${BUILDER_HASH}`;
  }

  constructor(
    private readonly book: EmulatedSpreadsheet,
    seed: ChartRecord,
  ) {
    this.draft = cloneChartRecord(seed);
  }

  private call(method: string): void {
    local(this.book, `EmbeddedChartBuilder.${method}`);
  }

  private self(): GBuilder {
    return this as unknown as GBuilder;
  }

  private typed<T>(method: string, type: keyof typeof ChartType): T {
    this.call(method);
    this.draft.type = type;
    return this as unknown as T;
  }

  addRange(range: GRange): GBuilder {
    this.call("addRange");
    const ref = rangeRef(range);
    // "Does not add the range if it has already been added to the chart."
    if (!this.draft.ranges.some((x) => sameRef(x, ref))) this.draft.ranges.push(ref);
    return this.self();
  }
  removeRange(range: GRange): GBuilder {
    this.call("removeRange");
    // "Does not throw an error if the range is not in this chart"; only an added range matches.
    const ref = rangeRef(range);
    this.draft.ranges = this.draft.ranges.filter((x) => !sameRef(x, ref));
    return this.self();
  }
  clearRanges(): GBuilder {
    this.call("clearRanges");
    this.draft.ranges = [];
    return this.self();
  }
  getRanges(): GRange[] {
    this.call("getRanges");
    return rangesOf(this.book, this.draft);
  }

  setChartType(type: GoogleAppsScript.Charts.ChartType): GBuilder {
    this.call("setChartType");
    const name = String(type);
    if (!(name in ChartType)) throw new Error("Invalid argument: type");
    this.draft.type = name;
    return this.self();
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    this.call("getChartType");
    return this.draft.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  asAreaChart(): GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder {
    return this.typed("asAreaChart", "AREA");
  }
  asBarChart(): GBarBuilder {
    return this.typed("asBarChart", "BAR");
  }
  asColumnChart(): GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder {
    return this.typed("asColumnChart", "COLUMN");
  }
  asComboChart(): GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder {
    return this.typed("asComboChart", "COMBO");
  }
  asHistogramChart(): GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder {
    return this.typed("asHistogramChart", "HISTOGRAM");
  }
  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    return this.typed("asLineChart", "LINE");
  }
  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    return this.typed("asPieChart", "PIE");
  }
  asScatterChart(): GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder {
    return this.typed("asScatterChart", "SCATTER");
  }
  asTableChart(): GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder {
    return this.typed("asTableChart", "TABLE");
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GBuilder {
    this.call("setPosition");
    // "anchorRowPos and anchorColPos are 1-indexed."
    this.draft.anchorRow = anchorRowPos;
    this.draft.anchorColumn = anchorColPos;
    this.draft.offsetX = offsetX;
    this.draft.offsetY = offsetY;
    return this.self();
  }
  getContainer(): GContainerInfo {
    this.call("getContainer");
    return new EmulatedContainerInfo(this.book, { ...this.draft });
  }

  /** "Doesn't validate the option you specify is valid for this chart type nor … the value." */
  setOption(option: string, value: unknown): GBuilder {
    this.call("setOption");
    setOptionPath(this.draft.options, option, value);
    return this.self();
  }
  setNumHeaders(headers: number): GBuilder {
    this.call("setNumHeaders");
    this.draft.numHeaders = headers;
    return this.self();
  }
  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): GBuilder {
    this.call("setHiddenDimensionStrategy");
    this.draft.hiddenDimensionStrategy = String(strategy);
    return this.self();
  }
  setMergeStrategy(mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy): GBuilder {
    this.call("setMergeStrategy");
    this.draft.mergeStrategy = String(mergeStrategy);
    return this.self();
  }
  setTransposeRowsAndColumns(transpose: boolean): GBuilder {
    this.call("setTransposeRowsAndColumns");
    this.draft.transpose = transpose;
    return this.self();
  }

  // Typed-builder conveniences, stored as the Google Charts configuration options they stand for.
  setTitle(chartTitle: string): GBarBuilder {
    this.call("setTitle");
    setOptionPath(this.draft.options, "title", chartTitle);
    return this as unknown as GBarBuilder;
  }
  setLegendPosition(position: GoogleAppsScript.Charts.Position): GBarBuilder {
    this.call("setLegendPosition");
    setOptionPath(this.draft.options, "legend.position", String(position).toLowerCase());
    return this as unknown as GBarBuilder;
  }
  setColors(cssValues: string[]): GBarBuilder {
    this.call("setColors");
    setOptionPath(this.draft.options, "colors", cssValues);
    return this as unknown as GBarBuilder;
  }
  setStacked(): GBarBuilder {
    this.call("setStacked");
    setOptionPath(this.draft.options, "isStacked", true);
    return this as unknown as GBarBuilder;
  }
  setBackgroundColor(cssValue: string): GBarBuilder {
    this.call("setBackgroundColor");
    setOptionPath(this.draft.options, "backgroundColor", cssValue);
    return this as unknown as GBarBuilder;
  }

  /** "Does not automatically draw the chart": the chart still has to be inserted or updated. */
  build(): GChart {
    this.call("build");
    return new EmulatedEmbeddedChart(this.book, this.draft) as unknown as GChart;
  }
}

// --- Sheet operations (called by EmulatedSheet after metering) -----------------------------------

function chartOf(chart: GChart): EmulatedEmbeddedChart {
  const e = chart as unknown as EmulatedEmbeddedChart;
  if (!(e instanceof EmulatedEmbeddedChart)) throw new Error("Invalid argument: chart");
  return e;
}

/**
 * Charts are objects on the sheet, so a sheet protection guards them: Apps Script's protection text
 * speaks of "a protected cell or object". Range protections cover cells only.
 */
function assertObjectsEditable(book: EmulatedSpreadsheet, sheet: SheetModel): void {
  const user = book.ctx.effectiveUser;
  for (const p of book.model.protections) {
    if (p.type !== "SHEET" || p.sheetId !== sheet.sheetId || p.warningOnly) continue;
    if (!book.canEditProtection(p, user)) throw new Error(PROTECTED_CELL);
  }
}

export function newChartBuilder(sheet: EmulatedSheet): GBuilder {
  return new EmulatedEmbeddedChartBuilder(sheet.book, newChartRecord()) as unknown as GBuilder;
}

/** Sheet.insertChart: a new chart with its own id; the chart value passed in is not changed. */
export function insertChart(sheet: EmulatedSheet, chart: GChart): void {
  const e = chartOf(chart);
  assertObjectsEditable(sheet.book, sheet.model);
  const record = cloneChartRecord(e.record);
  record.chartId = sheet.book.model.nextChartId++;
  sheet.model.charts.push(record);
}

export function getCharts(sheet: EmulatedSheet): GChart[] {
  return sheet.model.charts.map((r) => new EmulatedEmbeddedChart(sheet.book, r) as unknown as GChart);
}

function indexOnSheet(sheet: EmulatedSheet, chart: EmulatedEmbeddedChart): number {
  const id = chart.record.chartId;
  // Unsourced: Apps Script's text for a chart that is not on this sheet (never inserted, already
  // removed, or on another sheet). The emulator refuses it rather than doing nothing silently.
  const i = id === null ? -1 : sheet.model.charts.findIndex((r) => r.chartId === id);
  if (i < 0) throw new Error("Invalid argument: chart");
  return i;
}

export function removeChart(sheet: EmulatedSheet, chart: GChart): void {
  const e = chartOf(chart);
  const i = indexOnSheet(sheet, e);
  assertObjectsEditable(sheet.book, sheet.model);
  sheet.model.charts.splice(i, 1);
}

/** Sheet.updateChart: the chart built from modify() replaces the one with the same id. */
export function updateChart(sheet: EmulatedSheet, chart: GChart): void {
  const e = chartOf(chart);
  const i = indexOnSheet(sheet, e);
  assertObjectsEditable(sheet.book, sheet.model);
  sheet.model.charts[i] = cloneChartRecord(e.record);
}

// --- Structural edits ----------------------------------------------------------------------------

/** The 0-based anchor after `n` lines inserted (n > 0) or deleted (n < 0) at 0-based `at`. */
function shiftAnchor(anchor0: number, at: number, n: number): number {
  if (n > 0) return anchor0 >= at ? anchor0 + n : anchor0;
  if (anchor0 >= at - n) return anchor0 + n;
  return Math.min(anchor0, at);
}

/**
 * Rows inserted or deleted on `sheet`: chart source ranges on it move like other ranges (charts on any
 * sheet may read it), and charts anchored on it move with their anchor cell.
 */
export function shiftChartsForRows(book: SpreadsheetModel, sheet: SheetModel, at: number, n: number): void {
  moveCharts(book, sheet, (rect) => shiftRectRows(rect, at, n));
  for (const c of sheet.charts) c.anchorRow = shiftAnchor(c.anchorRow - 1, at, n) + 1;
}

export function shiftChartsForColumns(book: SpreadsheetModel, sheet: SheetModel, at: number, n: number): void {
  moveCharts(book, sheet, (rect) => shiftRectColumns(rect, at, n));
  for (const c of sheet.charts) c.anchorColumn = shiftAnchor(c.anchorColumn - 1, at, n) + 1;
}

function moveCharts(book: SpreadsheetModel, sheet: SheetModel, move: (rect: Rect) => Rect | undefined): void {
  for (const s of book.sheets) {
    for (const chart of s.charts) {
      chart.ranges = chart.ranges
        .map((x) => (x.sheetId === sheet.sheetId ? { sheetId: x.sheetId, rect: move(x.rect) } : x))
        .filter((x): x is { sheetId: number; rect: Rect } => x.rect !== undefined);
    }
  }
}
