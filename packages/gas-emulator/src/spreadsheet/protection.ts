/**
 * Protected sheets and ranges. Per the Protection reference page: the spreadsheet owner and the
 * current user can never be removed from a protection's editors, adding an editor to a protection
 * does not share the spreadsheet, and warning-only protections do not block edits.
 */

import { baseUser, normalizedEmailOf } from "../core/users";
import { PROTECTED_CELL } from "./messages";
import type { ProtectionRecord, Rect } from "./model";
import { EmulatedRange } from "./range";
import type { EmulatedSpreadsheet } from "./spreadsheet";

type GProtection = GoogleAppsScript.Spreadsheet.Protection;
type GUser = GoogleAppsScript.Base.User;

export const ProtectionType = { RANGE: "RANGE", SHEET: "SHEET" } as const;
/**
 * setDomainEdit on a consumer (gmail.com) spreadsheet throws, per the Protection reference page; the page
 * does not give the text and none was found in public sources, so this wording is the emulator's.
 */
export const DOMAIN_EDIT_NEEDS_WORKSPACE =
  "Domain edit permission can only be set on a spreadsheet that belongs to a Google Workspace domain.";

export class EmulatedProtection
  implements
    Pick<
      GProtection,
      | "addEditor"
      | "addEditors"
      | "removeEditor"
      | "removeEditors"
      | "getEditors"
      | "setDescription"
      | "getDescription"
      | "setWarningOnly"
      | "isWarningOnly"
      | "remove"
      | "canEdit"
      | "getRange"
      | "setRange"
      | "getProtectionType"
      | "setUnprotectedRanges"
      | "getUnprotectedRanges"
      | "setDomainEdit"
      | "canDomainEdit"
    >
{
  constructor(
    private readonly book: EmulatedSpreadsheet,
    readonly record: ProtectionRecord,
  ) {}

  private asGas(): GProtection {
    return this as unknown as GProtection;
  }

  /** Only someone who may edit the protected area may change its protection. */
  private change(method: string): void {
    this.book.touch("Spreadsheet.structure", `Protection.${method}`, 0, "edit");
    if (!this.book.canEditProtection(this.record, this.book.ctx.effectiveUser)) throw new Error(PROTECTED_CELL);
  }

  private read(method: string): void {
    this.book.touch("Spreadsheet.meta", `Protection.${method}`, 0, "view");
  }

  addEditor(emailAddress: string | GUser): GProtection {
    this.change("addEditor");
    this.record.editors.add(normalizedEmailOf(emailAddress));
    return this.asGas();
  }
  addEditors(emailAddresses: string[]): GProtection {
    this.change("addEditors");
    for (const e of emailAddresses) this.record.editors.add(normalizedEmailOf(e));
    return this.asGas();
  }
  removeEditor(emailAddress: string | GUser): GProtection {
    this.change("removeEditor");
    this.removeOne(normalizedEmailOf(emailAddress));
    return this.asGas();
  }
  removeEditors(emailAddresses: (string | GUser)[]): GProtection {
    this.change("removeEditors");
    for (const e of emailAddresses) this.removeOne(normalizedEmailOf(e));
    return this.asGas();
  }
  private removeOne(email: string): void {
    if (email === this.book.model.item.owner.toLowerCase()) return;
    if (email === this.book.ctx.effectiveUser.toLowerCase()) return;
    this.record.editors.delete(email);
  }
  /** A warning-only protection has no editors (gas-fakes' live run: test/testsheets.js "Protection"). */
  getEditors(): GUser[] {
    this.read("getEditors");
    if (this.record.warningOnly) return [];
    const owner = this.book.model.item.owner.toLowerCase();
    const emails = [owner, ...[...this.record.editors].filter((e) => e !== owner)];
    return emails.map(baseUser);
  }
  setDescription(description: string): GProtection {
    this.change("setDescription");
    this.record.description = description;
    return this.asGas();
  }
  getDescription(): string {
    this.read("getDescription");
    return this.record.description;
  }
  setWarningOnly(warningOnly: boolean): GProtection {
    this.change("setWarningOnly");
    this.record.warningOnly = warningOnly;
    return this.asGas();
  }
  isWarningOnly(): boolean {
    this.read("isWarningOnly");
    return this.record.warningOnly;
  }
  /** Reference: "Throws an exception if the spreadsheet does not belong to a Google Workspace domain". */
  setDomainEdit(editable: boolean): GProtection {
    this.change("setDomainEdit");
    if (this.book.ctx.accountKnown && this.book.ctx.account !== "workspace") {
      throw new Error(DOMAIN_EDIT_NEEDS_WORKSPACE);
    }
    this.record.domainEdit = editable;
    return this.asGas();
  }
  canDomainEdit(): boolean {
    this.read("canDomainEdit");
    return this.record.domainEdit;
  }
  remove(): void {
    this.change("remove");
    this.book.model.protections = this.book.model.protections.filter((p) => p !== this.record);
  }
  canEdit(): boolean {
    this.read("canEdit");
    return this.book.canEditProtection(this.record, this.book.ctx.effectiveUser);
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.read("getProtectionType");
    return this.record.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  private rangeOf(rect: Rect, wholeSheet = false): GoogleAppsScript.Spreadsheet.Range {
    const sheet = this.book.sheetWrapperById(this.record.sheetId);
    return new EmulatedRange(
      sheet,
      rect.r,
      rect.c,
      rect.nr,
      rect.nc,
      wholeSheet,
    ) as unknown as GoogleAppsScript.Spreadsheet.Range;
  }
  /** A sheet protection's range is the whole sheet, with an empty A1 notation. */
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    this.read("getRange");
    const sheet = this.book.sheetWrapperById(this.record.sheetId);
    return this.record.rect ? this.rangeOf(this.record.rect) : this.rangeOf(sheet.wholeRect(), true);
  }
  /** Moves a range protection to another range (reference: protection#setrangerange). */
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GProtection {
    this.change("setRange");
    // Unsourced text: Apps Script's message for a sheet protection is not published.
    if (this.record.type !== "RANGE") throw new Error("A sheet protection cannot be given a range.");
    const r = range as unknown as EmulatedRange;
    this.record.sheetId = r.sheet.model.sheetId;
    this.record.rect = { ...r.rect };
    return this.asGas();
  }
  toString(): string {
    return "Protection";
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GProtection {
    this.change("setUnprotectedRanges");
    if (this.record.type !== "SHEET") throw new Error("Unprotected ranges can only be set on sheet protections.");
    this.record.unprotected = ranges.map((r) => ({ ...(r as unknown as EmulatedRange).rect }));
    return this.asGas();
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.read("getUnprotectedRanges");
    return this.record.unprotected.map((rect) => this.rangeOf(rect));
  }
}
