/**
 * The emulated SpreadsheetApp: `new EmulatedSpreadsheetApp(ctx)`. See app.ts for the helpers
 * (createForTest, setActive, select, toasts, uiLog) and values.ts for how writes are interpreted.
 */
export { columnToLetters, lettersToColumn, parseA1, toA1 } from "./a1";
export { EmulatedSpreadsheetApp, SPREADSHEET_MIME, type SpreadsheetAppOptions } from "./app";
export {
  Charts,
  ChartType,
  EmulatedChartOptions,
  EmulatedContainerInfo,
  EmulatedEmbeddedChart,
  EmulatedEmbeddedChartBuilder,
} from "./charts";
export { EmulatedConditionalFormatRule, EmulatedConditionalFormatRuleBuilder } from "./conditional";
export * as SpreadsheetMessages from "./messages";
export { type ChartRecord, type ProtectionRecord, SheetModel, SpreadsheetModel, type Toast } from "./model";
export { EmulatedProtection, ProtectionType } from "./protection";
export { EmulatedRange } from "./range";
export { EmulatedRangeList } from "./range-list";
export { EmulatedSheet } from "./sheet";
export { EmulatedSheetsApi } from "./sheets-api";
export { EmulatedSpreadsheet } from "./spreadsheet";
export { EmulatedTextFinder } from "./textfinder";
export { Button, ButtonSet, EmulatedUi, type MenuRecord, type ShownHtml, UiLog } from "./ui";
export { DataValidationCriteria, EmulatedDataValidation, EmulatedDataValidationBuilder } from "./validation";
export { type CellValue, DEFAULT_FORMAT, displayValue, parseInput, TEXT_FORMAT } from "./values";
