/**
 * SpreadsheetApp's Spreadsheet, and the shared machinery its Sheets and Ranges use: metering, the
 * access check against the Drive item, protections, the selection and the cell budget.
 */
import type { GasContext } from "../core/context";
import { NO_ACCESS_MESSAGE } from "../core/files";
import { InjectedFault } from "../core/meter";
import { baseUser, normalizedEmailOf } from "../core/users";
import { splitSheetName } from "./a1";
import { literalFormulaValue } from "./literal-formula";
import {
  duplicateSheetName,
  LAST_SHEET,
  MAX_CELLS,
  PROTECTED_CELL,
  RANGE_NOT_FOUND,
  SPREADSHEET_TIMEOUT_PREFIX,
  TOO_MANY_CELLS,
} from "./messages";
import {
  contains,
  intersects,
  type ProtectionRecord,
  type Rect,
  type SheetModel,
  type SpreadsheetModel,
  shiftRectColumns,
  shiftRectRows,
} from "./model";
import { EmulatedProtection } from "./protection";
import type { EmulatedRange } from "./range";
import { EmulatedSheet } from "./sheet";
import { EmulatedTextFinder } from "./textfinder";
import type { CellValue } from "./values";

type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GUser = GoogleAppsScript.Base.User;

export type SpreadsheetMethods =
  | "getId"
  | "getName"
  | "rename"
  | "getUrl"
  | "getSheets"
  | "getNumSheets"
  | "getSheetByName"
  | "getSheetById"
  | "insertSheet"
  | "deleteSheet"
  | "getSpreadsheetTimeZone"
  | "setSpreadsheetTimeZone"
  | "getSpreadsheetLocale"
  | "setSpreadsheetLocale"
  | "toast"
  | "getEditors"
  | "addEditor"
  | "addEditors"
  | "removeEditor"
  | "getViewers"
  | "addViewer"
  | "addViewers"
  | "removeViewer"
  | "getOwner"
  | "createTextFinder"
  | "getRange"
  | "getActiveSheet"
  | "getActiveRange"
  | "setActiveSheet"
  | "setActiveRange"
  | "getProtections"
  | "getRangeByName";

/** Knobs the app passes down: how formula cells read (the emulator has no formula engine). */
export interface BookOptions {
  formulaValue: (formula: string) => CellValue;
}

export class EmulatedSpreadsheet implements Pick<GSpreadsheet, SpreadsheetMethods> {
  private readonly wrappers = new Map<SheetModel, EmulatedSheet>();

  toString(): string {
    return "Spreadsheet";
  }

  constructor(
    readonly ctx: GasContext,
    readonly model: SpreadsheetModel,
    private readonly options: BookOptions,
  ) {}

  private asGas(): GSpreadsheet {
    return this as unknown as GSpreadsheet;
  }

  // --- Shared machinery (not Apps Script API) ------------------------------------------------------

  /**
   * One metered service call, then the access check. A fault fires before anything changes, and a
   * Spreadsheet timeout names the document like Apps Script does.
   */
  touch(type: string, method: string, units: number, level: "view" | "edit"): void {
    try {
      this.ctx.call(type, method, units);
    } catch (e) {
      if (e instanceof InjectedFault && e.message === SPREADSHEET_TIMEOUT_PREFIX) {
        e.message = `${SPREADSHEET_TIMEOUT_PREFIX} ${this.model.id}.`;
      }
      throw e;
    }
    const item = this.model.item;
    if (item.trashed || !this.ctx.files.can(item, this.ctx.effectiveUser, level)) throw new Error(NO_ACCESS_MESSAGE);
  }

  /** A formula of constants only is worked out here; the rest is the caller's `formulaValue` (no engine). */
  formulaValue(formula: string): CellValue {
    return literalFormulaValue(formula) ?? this.options.formulaValue(formula);
  }

  sheetWrapper(model: SheetModel): EmulatedSheet {
    let w = this.wrappers.get(model);
    if (!w) {
      w = new EmulatedSheet(this, model);
      this.wrappers.set(model, w);
    }
    return w;
  }

  sheetWrapperById(sheetId: number): EmulatedSheet {
    const m = this.model.sheetById(sheetId);
    if (!m) throw new Error(RANGE_NOT_FOUND);
    return this.sheetWrapper(m);
  }

  private isOwner(user: string): boolean {
    return !user || user.toLowerCase() === this.model.item.owner.toLowerCase();
  }

  canEditProtection(p: ProtectionRecord, user: string): boolean {
    return this.isOwner(user) || p.editors.has(user.toLowerCase()) || this.domainMayEdit(p, user);
  }

  /**
   * Protection.setDomainEdit: "all users in the domain that owns the spreadsheet have permission to edit the
   * protected range or sheet" — only in Google Workspace, and only users who may edit the file at all.
   */
  private domainMayEdit(p: ProtectionRecord, user: string): boolean {
    if (this.ctx.account !== "workspace" || !p.domainEdit || !user) return false;
    const domain = (e: string) => e.slice(e.lastIndexOf("@") + 1).toLowerCase();
    const owner = this.model.item.owner;
    return domain(user) === domain(owner) && this.ctx.files.can(this.model.item, user, "edit");
  }

  /** Throws Apps Script's protection error if the effective user may not write `rect` on `sheet`. */
  assertEditable(sheet: SheetModel, rect: Rect): void {
    const protections = this.model.protections;
    if (protections.length === 0) return;
    const user = this.ctx.effectiveUser;
    if (this.isOwner(user)) return;
    for (const p of protections) {
      if (p.sheetId !== sheet.sheetId || p.warningOnly || this.canEditProtection(p, user)) continue;
      if (p.type === "RANGE") {
        if (p.rect && intersects(p.rect, rect)) throw new Error(PROTECTED_CELL);
      } else if (!p.unprotected.some((u) => contains(u, rect))) {
        throw new Error(PROTECTED_CELL);
      }
    }
  }

  assertCellBudget(extraCells: number): void {
    if (extraCells > 0 && this.model.totalCells() + extraCells > MAX_CELLS) throw new Error(TOO_MANY_CELLS);
  }

  addProtection(type: "RANGE" | "SHEET", sheet: SheetModel, rect?: Rect): GoogleAppsScript.Spreadsheet.Protection {
    // A new protection starts with the spreadsheet's editors plus the user creating it (the
    // reference example removes them with protection.removeEditors(protection.getEditors())).
    const editors = new Set<string>(this.model.item.editors);
    if (this.ctx.effectiveUser) editors.add(this.ctx.effectiveUser.toLowerCase());
    const record: ProtectionRecord = {
      id: this.model.nextProtectionId++,
      type,
      sheetId: sheet.sheetId,
      rect,
      unprotected: [],
      description: "",
      editors,
      warningOnly: false,
      // A consumer (gmail.com) spreadsheet has no domain to share the protected area with.
      domainEdit: !this.ctx.accountKnown || this.ctx.account === "workspace",
    };
    this.model.protections.push(record);
    return new EmulatedProtection(this, record) as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }

  protectionsOf(type: "RANGE" | "SHEET", sheet?: SheetModel): GoogleAppsScript.Spreadsheet.Protection[] {
    return this.model.protections
      .filter((p) => p.type === type && (!sheet || p.sheetId === sheet.sheetId))
      .map((p) => new EmulatedProtection(this, p) as unknown as GoogleAppsScript.Spreadsheet.Protection);
  }

  /** Moves protections and conditional-format ranges after rows are inserted (n > 0) or deleted. */
  shiftRows(sheet: SheetModel, at: number, n: number): void {
    this.shiftRects(sheet, (rect) => shiftRectRows(rect, at, n));
  }

  shiftColumns(sheet: SheetModel, at: number, n: number): void {
    this.shiftRects(sheet, (rect) => shiftRectColumns(rect, at, n));
  }

  private shiftRects(sheet: SheetModel, move: (rect: Rect) => Rect | undefined): void {
    const kept: ProtectionRecord[] = [];
    for (const p of this.model.protections) {
      if (p.sheetId !== sheet.sheetId) {
        kept.push(p);
        continue;
      }
      p.unprotected = p.unprotected.map(move).filter((r): r is Rect => r !== undefined);
      if (p.rect) {
        const moved = move(p.rect);
        if (!moved) continue; // the protected rows are gone, and so is the protection
        p.rect = moved;
      }
      kept.push(p);
    }
    this.model.protections = kept;
    for (const s of this.model.sheets) {
      for (const rule of s.conditionalRules) {
        rule.ranges = rule.ranges
          .map((x) => (x.sheetId === sheet.sheetId ? { sheetId: x.sheetId, rect: move(x.rect) } : x))
          .filter((x): x is { sheetId: number; rect: Rect } => x.rect !== undefined);
      }
    }
  }

  select(sheet: SheetModel, rect: Rect): void {
    this.model.activeSheetId = sheet.sheetId;
    this.model.selection = { ...rect };
  }

  activeSheetModel(): SheetModel {
    return this.model.sheetById(this.model.activeSheetId) ?? this.model.sheets[0];
  }

  activeRangeOn(sheet: SheetModel): EmulatedRange | null {
    if (sheet.sheetId !== this.activeSheetModel().sheetId) return null;
    const s = this.model.selection;
    return this.sheetWrapper(sheet).rangeAt(s.r + 1, s.c + 1, s.nr, s.nc);
  }

  private local(method: string): void {
    this.touch("Spreadsheet.local", `Spreadsheet.${method}`, 0, "view");
  }

  private meta(method: string): void {
    this.touch("Spreadsheet.meta", `Spreadsheet.${method}`, 0, "view");
  }

  // --- Apps Script API -----------------------------------------------------------------------------

  getId(): string {
    this.local("getId");
    return this.model.id;
  }
  getName(): string {
    this.meta("getName");
    return this.model.item.name;
  }
  rename(newName: string): void {
    this.touch("Spreadsheet.structure", "Spreadsheet.rename", 0, "edit");
    this.model.item.name = newName;
  }
  getUrl(): string {
    this.local("getUrl");
    return `https://docs.google.com/spreadsheets/d/${this.model.id}/edit`;
  }
  getSheets(): GSheet[] {
    this.meta("getSheets");
    return this.model.sheets.map((s) => this.sheetWrapper(s) as unknown as GSheet);
  }
  getNumSheets(): number {
    this.meta("getNumSheets");
    return this.model.sheets.length;
  }
  getSheetByName(name: string): GSheet | null {
    this.meta("getSheetByName");
    const s = this.model.sheetByName(name);
    return s ? (this.sheetWrapper(s) as unknown as GSheet) : null;
  }
  getSheetById(id: number): GSheet | null {
    this.meta("getSheetById");
    const s = this.model.sheetById(id);
    return s ? (this.sheetWrapper(s) as unknown as GSheet) : null;
  }

  insertSheet(): GSheet;
  insertSheet(sheetIndex: number): GSheet;
  insertSheet(sheetName: string): GSheet;
  insertSheet(sheetName: string, sheetIndex: number): GSheet;
  insertSheet(sheetIndex: number, options: { template?: GSheet }): GSheet;
  insertSheet(options: { template?: GSheet }): GSheet;
  insertSheet(sheetName: string, options: { template?: GSheet }): GSheet;
  insertSheet(sheetName: string, sheetIndex: number, options: { template?: GSheet }): GSheet;
  insertSheet(a?: unknown, b?: unknown): GSheet {
    this.touch("Spreadsheet.structure", "Spreadsheet.insertSheet", 0, "edit");
    let name = typeof a === "string" ? a : undefined;
    const index = typeof a === "number" ? a : typeof b === "number" ? b : this.model.sheets.length;
    if (name === undefined) {
      let n = this.model.sheets.length + 1;
      while (this.model.sheetByName(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (this.model.sheetByName(name)) throw new Error(duplicateSheetName(name));
    if (index < 0 || index > this.model.sheets.length) throw new Error(RANGE_NOT_FOUND);
    this.assertCellBudget(1000 * 26);
    const sheet = this.model.addSheet(name, index);
    // The reference page: "The new sheet becomes the active sheet."
    this.select(sheet, { r: 0, c: 0, nr: 1, nc: 1 });
    return this.sheetWrapper(sheet) as unknown as GSheet;
  }

  deleteSheet(sheet: GSheet): void {
    this.touch("Spreadsheet.structure", "Spreadsheet.deleteSheet", 0, "edit");
    const model = (sheet as unknown as EmulatedSheet).model;
    if (!this.model.sheets.includes(model)) throw new Error(RANGE_NOT_FOUND);
    if (this.model.sheets.length === 1) throw new Error(LAST_SHEET);
    this.assertEditable(model, { r: 0, c: 0, nr: model.maxRows, nc: model.maxColumns });
    this.model.sheets = this.model.sheets.filter((s) => s !== model);
    this.model.protections = this.model.protections.filter((p) => p.sheetId !== model.sheetId);
    if (this.model.activeSheetId === model.sheetId) this.select(this.model.sheets[0], { r: 0, c: 0, nr: 1, nc: 1 });
  }

  getSpreadsheetTimeZone(): string {
    this.meta("getSpreadsheetTimeZone");
    return this.model.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.touch("Spreadsheet.structure", "Spreadsheet.setSpreadsheetTimeZone", 0, "edit");
    this.model.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    this.meta("getSpreadsheetLocale");
    return this.model.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.touch("Spreadsheet.structure", "Spreadsheet.setSpreadsheetLocale", 0, "edit");
    this.model.locale = locale;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.touch("Spreadsheet.ui", "Spreadsheet.toast", 0, "view");
    this.model.toasts.push({
      spreadsheetId: this.model.id,
      message: String(msg),
      title: title ?? "",
      timeoutSeconds: timeoutSeconds ?? 5,
      at: this.ctx.clock.now(),
    });
  }

  // --- Sharing (backed by the Drive item, so DriveApp sees the same editors) ------------------------

  getEditors(): GUser[] {
    this.meta("getEditors");
    const owner = this.model.item.owner.toLowerCase();
    return [owner, ...[...this.model.item.editors].filter((e) => e !== owner)].filter(Boolean).map(baseUser);
  }
  addEditor(emailAddress: string | GUser): GSpreadsheet {
    this.touch("Drive.share", "Spreadsheet.addEditor", 0, "edit");
    const email = normalizedEmailOf(emailAddress);
    this.model.item.viewers.delete(email);
    this.model.item.editors.add(email);
    return this.asGas();
  }
  addEditors(emailAddresses: string[]): GSpreadsheet {
    this.touch("Drive.share", "Spreadsheet.addEditors", 0, "edit");
    for (const e of emailAddresses) {
      this.model.item.viewers.delete(normalizedEmailOf(e));
      this.model.item.editors.add(normalizedEmailOf(e));
    }
    return this.asGas();
  }
  removeEditor(emailAddress: string | GUser): GSpreadsheet {
    this.touch("Drive.share", "Spreadsheet.removeEditor", 0, "edit");
    this.model.item.editors.delete(normalizedEmailOf(emailAddress));
    return this.asGas();
  }
  getViewers(): GUser[] {
    this.meta("getViewers");
    // Per the reference page, editors are also listed as viewers.
    const all = new Set([...this.model.item.viewers, ...this.model.item.commenters, ...this.model.item.editors]);
    return [...all].map(baseUser);
  }
  addViewer(emailAddress: string | GUser): GSpreadsheet {
    this.touch("Drive.share", "Spreadsheet.addViewer", 0, "edit");
    const email = normalizedEmailOf(emailAddress);
    if (!this.model.item.editors.has(email)) this.model.item.viewers.add(email);
    return this.asGas();
  }
  addViewers(emailAddresses: string[]): GSpreadsheet {
    this.touch("Drive.share", "Spreadsheet.addViewers", 0, "edit");
    for (const e of emailAddresses)
      if (!this.model.item.editors.has(normalizedEmailOf(e))) this.model.item.viewers.add(normalizedEmailOf(e));
    return this.asGas();
  }
  removeViewer(emailAddress: string | GUser): GSpreadsheet {
    this.touch("Drive.share", "Spreadsheet.removeViewer", 0, "edit");
    this.model.item.viewers.delete(normalizedEmailOf(emailAddress));
    return this.asGas();
  }
  getOwner(): GUser {
    this.meta("getOwner");
    return baseUser(this.model.item.owner);
  }

  // --- Finding, ranges, selection ------------------------------------------------------------------

  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.local("createTextFinder");
    const scopes = this.model.sheets.map((s) => {
      const sheet = this.sheetWrapper(s);
      return { sheet, rect: sheet.wholeRect() };
    });
    return new EmulatedTextFinder(this, scopes, findText) as never;
  }

  /** Resolves "Sheet!A1:B2" (or plain "A1:B2" on the active sheet) without metering. */
  rangeByA1(a1: string): EmulatedRange {
    const { sheetName, ref } = splitSheetName(a1);
    const sheet = sheetName === undefined ? this.activeSheetModel() : this.model.sheetByName(sheetName);
    if (!sheet) throw new Error(RANGE_NOT_FOUND);
    return this.sheetWrapper(sheet).rangeA1(ref);
  }

  getRange(a1Notation: string): GRange {
    this.local("getRange");
    return this.rangeByA1(a1Notation) as unknown as GRange;
  }
  getRangeByName(_name: string): GRange | null {
    this.meta("getRangeByName");
    return null;
  }
  getActiveSheet(): GSheet {
    this.local("getActiveSheet");
    return this.sheetWrapper(this.activeSheetModel()) as unknown as GSheet;
  }
  getActiveRange(): GRange | null {
    this.local("getActiveRange");
    return this.activeRangeOn(this.activeSheetModel()) as unknown as GRange | null;
  }
  setActiveSheet(sheet: GSheet): GSheet {
    this.touch("Spreadsheet.ui", "Spreadsheet.setActiveSheet", 0, "view");
    const model = (sheet as unknown as EmulatedSheet).model;
    this.select(model, { r: 0, c: 0, nr: 1, nc: 1 });
    return sheet;
  }
  setActiveRange(range: GRange): GRange {
    this.touch("Spreadsheet.ui", "Spreadsheet.setActiveRange", 0, "view");
    const e = range as unknown as EmulatedRange;
    this.select(e.sheet.model, e.rect);
    return range;
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    this.meta("getProtections");
    return this.protectionsOf(String(type) as "RANGE" | "SHEET");
  }
}
