/**
 * The emulated SpreadsheetApp. Apps Script methods first; then, clearly separated, the emulator's
 * helpers that tests and the local runner use to set the scene (create a spreadsheet for a user,
 * bind the script to one, select cells, inspect toasts and UI).
 */
import type { GasContext } from "../core/context";
import { NO_ACCESS_MESSAGE } from "../core/files";
import { EmulatedConditionalFormatRuleBuilder } from "./conditional";
import { UI_NOT_AVAILABLE } from "./messages";
import { SpreadsheetModel, type Toast } from "./model";
import { ProtectionType } from "./protection";
import type { EmulatedRange } from "./range";
import type { EmulatedSheet } from "./sheet";
import { EmulatedSpreadsheet } from "./spreadsheet";
import { EmulatedUi, UiLog } from "./ui";
import { DataValidationCriteria, EmulatedDataValidationBuilder } from "./validation";
import type { CellValue } from "./values";

type GApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

export const SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet";
/**
 * Opening a spreadsheet other than the current one needs the full spreadsheets scope. The reference page's
 * scope lists also name spreadsheets.currentonly, but that scope covers only the file the script runs in:
 * with it, openById fails with "Required permissions: https://www.googleapis.com/auth/spreadsheets"
 * (github.com/peterherrmann/BetterLog/issues/29; github.com/vtst/google-apps-scripts VtstAddonTriggerLib
 * README: "The more restricted … spreadsheets.currentonly scopes … are not sufficient").
 */
const OPEN_SCOPES = ["https://www.googleapis.com/auth/spreadsheets"] as const;

export type AppMethods =
  | "getActiveSpreadsheet"
  | "getActive"
  | "getActiveSheet"
  | "getActiveRange"
  | "setActiveSheet"
  | "setActiveRange"
  | "openById"
  | "openByUrl"
  | "create"
  | "getUi"
  | "flush"
  | "newDataValidation"
  | "newConditionalFormatRule"
  | "ProtectionType"
  | "DataValidationCriteria";

export interface SpreadsheetAppOptions {
  /**
   * What getValue/getValues return for a formula cell. The emulator has no formula engine; by
   * default a formula cell reads as "" (its formula is kept and returned by getFormula/getFormulas).
   */
  formulaValue?: (formula: string) => CellValue;
  /** Title of createAddonMenu() menus (the add-on's name in the Extensions menu). */
  addonName?: string;
}

export class EmulatedSpreadsheetApp implements Pick<GApp, AppMethods> {
  readonly ProtectionType = ProtectionType as unknown as GApp["ProtectionType"];
  readonly DataValidationCriteria = DataValidationCriteria as unknown as GApp["DataValidationCriteria"];

  /** False for executions without a user interface (triggers, the execution API): getUi() throws. */
  uiAvailable = true;
  /** Everything menus, sidebars, dialogs and alerts showed. */
  readonly uiLog = new UiLog();
  private activeId: string | undefined;
  private readonly books = new WeakMap<SpreadsheetModel, EmulatedSpreadsheet>();
  private readonly formulaValue: (formula: string) => CellValue;
  private readonly addonName: string;

  toString(): string {
    return "SpreadsheetApp";
  }

  constructor(
    readonly ctx: GasContext,
    options: SpreadsheetAppOptions = {},
  ) {
    this.formulaValue = options.formulaValue ?? (() => "");
    this.addonName = options.addonName ?? "Add-on";
  }

  // --- Apps Script API -----------------------------------------------------------------------------

  getActiveSpreadsheet(): GSpreadsheet {
    this.ctx.call("Spreadsheet.meta", "SpreadsheetApp.getActiveSpreadsheet", 0);
    if (this.activeId === undefined) return null as unknown as GSpreadsheet;
    const item = this.ctx.files.assertAccess(this.activeId, this.ctx.effectiveUser, "view");
    return this.bookOf(item.content as SpreadsheetModel) as unknown as GSpreadsheet;
  }

  getActive(): GSpreadsheet {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): GSheet {
    const ss = this.getActiveSpreadsheet() as unknown as EmulatedSpreadsheet | null;
    return (ss ? ss.getActiveSheet() : null) as GSheet;
  }

  getActiveRange(): GRange {
    const ss = this.getActiveSpreadsheet() as unknown as EmulatedSpreadsheet | null;
    return (ss ? ss.getActiveRange() : null) as GRange;
  }

  setActiveSheet(sheet: GSheet): GSheet {
    return (sheet as unknown as EmulatedSheet).book.setActiveSheet(sheet);
  }

  setActiveRange(range: GRange): GRange {
    return (range as unknown as EmulatedRange).sheet.book.setActiveRange(range);
  }

  /**
   * The spreadsheet `id` as the Sheets advanced service reaches it: the API's own scopes (any of `scopes`) and
   * the user's access, not SpreadsheetApp's. Unmetered: the API call is metered by its caller.
   */
  openForApi(id: string, method: string, scopes: readonly string[]): EmulatedSpreadsheet {
    this.ctx.requireScope(method, scopes);
    const item = this.ctx.files.assertAccess(id, this.ctx.effectiveUser, "view");
    if (item.mimeType !== SPREADSHEET_MIME || !(item.content instanceof SpreadsheetModel)) {
      throw new Error(NO_ACCESS_MESSAGE);
    }
    return this.bookOf(item.content);
  }

  openById(id: string): GSpreadsheet {
    this.ctx.call("Spreadsheet.meta", "SpreadsheetApp.openById", 0);
    this.ctx.requireScope("SpreadsheetApp.openById", OPEN_SCOPES);
    const item = this.ctx.files.assertAccess(id, this.ctx.effectiveUser, "view");
    if (item.mimeType !== SPREADSHEET_MIME || !(item.content instanceof SpreadsheetModel)) {
      throw new Error(NO_ACCESS_MESSAGE);
    }
    return this.bookOf(item.content) as unknown as GSpreadsheet;
  }

  openByUrl(url: string): GSpreadsheet {
    const m = /\/spreadsheets\/d\/([^/]+)/.exec(url);
    if (!m) throw new Error(`Invalid argument: url`);
    this.ctx.requireScope("SpreadsheetApp.openByUrl", OPEN_SCOPES);
    return this.openById(m[1]);
  }

  create(name: string, rows?: number, columns?: number): GSpreadsheet {
    this.ctx.call("Spreadsheet.structure", "SpreadsheetApp.create", 0);
    this.ctx.requireScope("SpreadsheetApp.create", OPEN_SCOPES);
    return this.makeSpreadsheet(name, this.ctx.effectiveUser, rows, columns) as unknown as GSpreadsheet;
  }

  getUi(): GoogleAppsScript.Base.Ui {
    this.ctx.call("Spreadsheet.ui", "SpreadsheetApp.getUi", 0);
    if (!this.uiAvailable) throw new Error(UI_NOT_AVAILABLE);
    return new EmulatedUi(this.ctx, this.uiLog, this.addonName) as unknown as GoogleAppsScript.Base.Ui;
  }

  /**
   * Writes are applied immediately in the emulator; what flush changes is the price: the meter commits the
   * queued writes (one round trip) here rather than at the next read or at the end of the execution.
   */
  flush(): void {
    this.ctx.call("Spreadsheet.flush", "SpreadsheetApp.flush", 0);
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new EmulatedDataValidationBuilder() as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }

  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return new EmulatedConditionalFormatRuleBuilder() as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }

  // --- Emulator helpers (not Apps Script API) ------------------------------------------------------

  private makeSpreadsheet(name: string, owner: string, rows = 1000, columns = 26): EmulatedSpreadsheet {
    const files = this.ctx.files;
    const item = files.add({
      id: files.newId("ss"),
      name,
      mimeType: SPREADSHEET_MIME,
      owner: owner.toLowerCase(),
      created: this.ctx.clock.now(),
    });
    const model = new SpreadsheetModel(item, this.ctx.timeZone);
    model.addSheet("Sheet1", 0, rows, columns);
    item.content = model;
    return this.bookOf(model);
  }

  /** Creates a spreadsheet owned by `owner` without metering (test and scenario setup). */
  createForTest(name: string, owner = this.ctx.effectiveUser): GSpreadsheet {
    return this.makeSpreadsheet(name, owner) as unknown as GSpreadsheet;
  }

  /** The one API object per spreadsheet model (so identity and sheet wrappers stay stable). */
  bookOf(model: SpreadsheetModel): EmulatedSpreadsheet {
    let book = this.books.get(model);
    if (!book) {
      book = new EmulatedSpreadsheet(this.ctx, model, { formulaValue: this.formulaValue });
      this.books.set(model, book);
    }
    return book;
  }

  /** Binds the script to `ss` (the container of a bound script / the document an add-on runs in). */
  setActive(ss: GSpreadsheet | null): void {
    this.activeId = ss ? (ss as unknown as EmulatedSpreadsheet).model.id : undefined;
  }

  /** The id of the document the script is bound to / runs in, if any. */
  get activeDocumentId(): string | undefined {
    return this.activeId;
  }

  /** Runs `fn` with `id` (or no document) as the active spreadsheet, as a trigger's execution sees it. */
  withActiveDocument<T>(id: string | undefined, fn: () => T): T {
    const saved = this.activeId;
    this.activeId = id;
    try {
      return fn();
    } finally {
      this.activeId = saved;
    }
  }

  /** Simulates the user selecting `a1` on `sheet` (what getActiveRange/getActiveSheet then return). */
  select(sheet: GSheet, a1: string): GRange {
    const s = sheet as unknown as EmulatedSheet;
    const range = s.rangeA1(a1);
    s.book.select(s.model, range.rect);
    return range as unknown as GRange;
  }

  /** Every toast shown, oldest first, across the spreadsheets this app opened. */
  toasts(ss?: GSpreadsheet): Toast[] {
    if (ss) return [...(ss as unknown as EmulatedSpreadsheet).model.toasts];
    const out: Toast[] = [];
    for (const item of this.ctx.files.all()) {
      if (item.content instanceof SpreadsheetModel) out.push(...item.content.toasts);
    }
    return out.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** The emulator's object behind an Apps Script Spreadsheet (for inspection in tests). */
  emulated(ss: GSpreadsheet): EmulatedSpreadsheet {
    return ss as unknown as EmulatedSpreadsheet;
  }
}
