import { defaultFaxRuleRows } from "../../domain/fax";
import { sheetProtections } from "../../gas/protection";
import { effectiveUserEmail } from "../../gas/session";
import type { Lang } from "../../i18n";
import type { SheetSpec } from "../../store/columns";
import { mapHeaders } from "../../store/headers";
import {
  ALL_SHEETS,
  ON_DEMAND_SHEETS,
  Rules,
  SETUP_SHEETS,
  Settings,
  Staff,
  TEMPLATES_BEFORE_UPGRADE,
  Templates,
} from "../../store/schemas";
import { SETTING_DEFAULTS } from "../../store/settings";
import { prepareSheet, trimUnusedColumns, upgradeSheet } from "../../store/sheet-setup";
import { type EditedOldRow, retireOldTemplates, seedTemplates, templateSeedRows } from "../quotes";
import { allowSelfAway } from "./self-service";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export interface SetupResult {
  created: string[];
  upgraded: string[];
  settingsAdded: string[];
  staffAdded: string | null;
  /** Empty columns removed from existing sheets, by sheet (every cell counts toward the 10 million limit). */
  trimmedColumns: Record<string, number>;
  /**
   * A Templates sheet of the old Kind | Text shape was kept whole under this name and a new one written; the
   * rows a person had edited there are named in the new rows' notes.
   */
  templatesKept?: { sheet: string; editedRows: number[] };
}

/**
 * "Set up workbook": creates what is missing and upgrades what is there, never wiping anything. Re-running
 * it on a set-up book changes nothing (no calls that write, beyond reading what is there).
 * The outreach sheets (Campaigns, Outbox, Import) are made by `ensureSheet` when first used; once there,
 * setup upgrades them like the others.
 */
export function setupWorkbook(book: Book, user: string, lang: Lang, now: Date): SetupResult {
  const result: SetupResult = {
    created: [],
    upgraded: [],
    settingsAdded: [],
    staffAdded: null,
    trimmedColumns: {},
  };
  const trim = (sheet: Sheet, spec: SheetSpec) => {
    const n = trimUnusedColumns(sheet, spec);
    if (n > 0) result.trimmedColumns[spec.name] = n;
  };
  // An old-shape Templates sheet steps aside (kept whole) so the new one is written below.
  const retired = retireOldTemplates(book);
  if (retired) result.templatesKept = { sheet: TEMPLATES_BEFORE_UPGRADE, editedRows: retired.map((r) => r.row) };
  const existing = new Map(book.getSheets().map((s) => [s.getName(), s]));
  let blank = blankDefaultSheet(existing);
  const sheets = new Map<string, Sheet>();
  const created = new Set<string>();
  for (const spec of SETUP_SHEETS) {
    let sheet = existing.get(spec.name);
    if (!sheet) {
      // The blank sheet a new spreadsheet comes with becomes the first missing one: one rename instead of an
      // insert and a delete.
      sheet = blank ? blank.setName(spec.name) : book.insertSheet(spec.name);
      blank = undefined;
      prepareSheet(sheet, spec, lang, firstRows(spec, user, lang, now, retired));
      created.add(spec.name);
    } else {
      if (upgradeSheet(sheet, spec, lang)) result.upgraded.push(spec.name);
      trim(sheet, spec);
    }
    sheets.set(spec.name, sheet);
  }
  for (const spec of ON_DEMAND_SHEETS) {
    const sheet = existing.get(spec.name);
    if (!sheet) continue;
    if (upgradeSheet(sheet, spec, lang)) result.upgraded.push(spec.name);
    trim(sheet, spec);
  }
  if (blank) book.deleteSheet(blank);
  result.created = [...created];
  result.settingsAdded = created.has(Settings.name)
    ? SETTING_DEFAULTS.map((d) => d.key)
    : addMissingSettings(sheets.get(Settings.name)!, lang);
  const freshStaff = created.has(Staff.name);
  result.staffAdded = freshStaff ? (user ? "boss" : null) : recordSetupUser(sheets.get(Staff.name)!, user, now);
  if (!created.has(Templates.name)) seedTemplates(book, lang);
  const managers = freshStaff ? [user.toLowerCase()].filter((x) => x !== "") : undefined;
  protectSheets(book, user, { sheets, created, managers });
  // Each salesperson's own away cells (R6) and the owner columns (R34); a Staff sheet made this run holds
  // only the person setting up, and Buyers and Inquiries nothing yet: nothing to align.
  if (!freshStaff) allowSelfAway(book);
  return result;
}

/** What a sheet holds the moment setup creates it: Settings defaults, the setup user in Staff, the templates. */
function firstRows(spec: SheetSpec, user: string, lang: Lang, now: Date, edited?: EditedOldRow[]): unknown[][] {
  const line = (values: Record<string, unknown>) => spec.columns.map((c) => values[c.key] ?? "");
  if (spec.name === Settings.name)
    return SETTING_DEFAULTS.map((d) => line({ key: d.key, value: d.value, note: lang === "zh-CN" ? d.zh : d.en }));
  if (spec.name === Staff.name) return user ? [line(setupUserRecord(user, "boss", now))] : [];
  // The fax gateways intake knows, as rows the assistant can see and extend (R26).
  if (spec.name === Rules.name) return defaultFaxRuleRows().map(line);
  // Same rows as seedTemplates writes into an existing Templates sheet; an upgraded book's edits carried over.
  if (spec.name === Templates.name) return templateSeedRows(lang, edited).map(line);
  return [];
}

function setupUserRecord(user: string, role: string, now: Date): Record<string, unknown> {
  return {
    email: user.toLowerCase(),
    name: user.split("@")[0],
    role,
    status: "active",
    joined: now,
    language: "zh-CN",
  };
}

/** The blank "Sheet1" a new spreadsheet comes with: reused for the first missing sheet, else removed. */
function blankDefaultSheet(existing: Map<string, Sheet>): Sheet | undefined {
  const blank = existing.get("Sheet1") ?? existing.get("工作表1");
  return blank && blank.getLastRow() === 0 ? blank : undefined;
}

/** Settings keys a newer Buyerbook knows, appended under what is there; values people set stay as they are. */
function addMissingSettings(sheet: Sheet, lang: Lang): string[] {
  const lastRow = sheet.getLastRow();
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
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
  range.setNumberFormat("@");
  range.setValues(lines);
  return missing.map((d) => d.key);
}

/** The first person to set up becomes the boss; the next boss-or-assistant-less setup records an assistant. */
function recordSetupUser(sheet: Sheet, user: string, now: Date): string | null {
  if (!user) return null;
  const lastRow = sheet.getLastRow();
  const lastColumn = Math.max(1, sheet.getLastColumn());
  const values = sheet.getRange(1, 1, Math.max(1, lastRow), lastColumn).getValues();
  const map = mapHeaders(Staff, values[0]);
  const emailCol = map.index.get("email")!;
  const roleCol = map.index.get("role")!;
  const rows = values.slice(1);
  if (rows.some((r) => String(r[emailCol]).trim().toLowerCase() === user.toLowerCase())) return null;
  const roles = new Set(rows.map((r) => String(r[roleCol]).trim()));
  const role = roles.has("boss") ? (roles.has("assistant") ? null : "assistant") : "boss";
  if (!role) return null;
  const line: unknown[] = new Array(lastColumn).fill("");
  for (const [key, value] of Object.entries(setupUserRecord(user, role, now))) {
    const i = map.index.get(key);
    if (i !== undefined) line[i] = value;
  }
  sheet.getRange(lastRow + 1, 1, 1, lastColumn).setValues([line]);
  return role;
}

export interface ProtectOptions {
  /** Sheets the caller already holds, by name (saves looking them up). */
  sheets?: Map<string, Sheet>;
  /** Sheets created in this execution: they carry no protection yet, so none is looked for. */
  created?: ReadonlySet<string>;
  /** The active boss and assistant, when the caller just wrote them (a Staff sheet created this run). */
  managers?: string[];
}

/**
 * Staff, Settings and Products (prices, R36), Rules, Routing and Templates are editable only by the boss and
 * the assistant. Returns the protections it created, by sheet name.
 */
export function protectSheets(book: Book, setupUser: string, options: ProtectOptions = {}): Map<string, Protection> {
  const made = new Map<string, Protection>();
  const find = (name: string) => options.sheets?.get(name) ?? book.getSheetByName(name);
  const managers = options.managers ? [...options.managers] : activeManagers(find(Staff.name));
  if (!managers) return made;
  if (setupUser && managers.length === 0) managers.push(setupUser.toLowerCase());
  const created = options.created ?? new Set<string>();
  const targets = ALL_SHEETS.filter((spec) => spec.protectedSheet)
    .map((spec) => ({ name: spec.name as string, sheet: find(spec.name) }))
    .filter((t): t is { name: string; sheet: Sheet } => t.sheet !== null);
  // Sheets created a moment ago carry no protection: the book's list is read only when some may.
  const existing = targets.some((t) => !created.has(t.name)) ? sheetProtections(book) : [];
  const fresh = new NewProtections(book, managers);
  for (const { name, sheet } of targets) {
    const found = existing.find((p) => p.getRange().getSheet().getName() === name);
    if (found) keepOnlyManagers(found, managers);
    else made.set(name, fresh.protect(sheet));
  }
  return made;
}

/** Boss and assistant emails from the Staff sheet (frozen ones aside); undefined without a Staff sheet. */
function activeManagers(staffSheet: Sheet | null): string[] | undefined {
  if (!staffSheet) return undefined;
  const values = staffSheet.getDataRange().getValues();
  const map = mapHeaders(Staff, values[0] ?? []);
  const e = map.index.get("email")!;
  const r = map.index.get("role")!;
  const s = map.index.get("status")!;
  return values
    .slice(1)
    .filter((row) => (row[r] === "boss" || row[r] === "assistant") && row[s] !== "frozen")
    .map((row) => String(row[e]).trim().toLowerCase())
    .filter((x) => x !== "");
}

/** An existing protection: its editors become exactly the managers, and domain-wide editing goes off. */
function keepOnlyManagers(protection: Protection, managers: string[]): void {
  const current = protection.getEditors().map((u) => u.getEmail().toLowerCase());
  const remove = current.filter((x) => !managers.includes(x));
  const add = managers.filter((x) => !current.includes(x));
  if (remove.length > 0) protection.removeEditors(remove);
  if (add.length > 0) protection.addEditors(add);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

/**
 * New protections, made with the fewest calls. Per the Protection reference page a new protection mirrors the
 * spreadsheet's permissions (its editors, plus whoever protects) until its editor list or domain setting
 * changes; so the file's editors are read once for all of them instead of once each, and whether domain-wide
 * editing applies (a property of the file's sharing, the same for every new protection in this run) is
 * asked once too. Each protection then gets only the changes it needs, and at least one, which detaches it
 * from the file's permissions.
 */
class NewProtections {
  private inherited?: string[];
  private me = "";
  private domainEdit?: boolean;

  constructor(
    private readonly book: Book,
    private readonly managers: string[],
  ) {}

  protect(sheet: Sheet): Protection {
    const protection = sheet.protect();
    if (!this.inherited) {
      this.me = effectiveUserEmail();
      const editors = this.book.getEditors().map((u) => u.getEmail().toLowerCase());
      this.inherited = [...new Set([...editors, this.me])].filter((x) => x !== "");
    }
    // The one protecting stays an editor (the reference example adds them before removing others).
    const remove = this.inherited.filter((x) => x !== this.me && !this.managers.includes(x));
    const add = this.managers.filter((x) => !this.inherited!.includes(x));
    if (remove.length > 0) protection.removeEditors(remove);
    if (add.length > 0) protection.addEditors(add);
    this.domainEdit ??= protection.canDomainEdit();
    if (this.domainEdit) protection.setDomainEdit(false);
    else if (remove.length === 0 && add.length === 0) {
      const explicit = [...new Set([...this.managers, this.me])].filter((x) => x !== "");
      if (explicit.length > 0) protection.addEditors(explicit);
    }
    return protection;
  }
}
