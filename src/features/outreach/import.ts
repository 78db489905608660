/**
 * Bulk import (R21): rows from a file (the CLI reads .xlsx/.csv) or from the Import sheet become buyers,
 * through the same duplicate check as mail. Merges only fill empty fields; anything that would change a
 * value goes to "needs a person" with both values side by side. Call holding the document lock.
 */

import { readConfig } from "../../app/config";
import { readLanguageSetting } from "../../app/language";
import {
  cleanRow,
  type ExistingBuyer,
  type ImportedBuyer,
  mapImportHeaders,
  planImport,
  type RowDecision,
  rowValues,
} from "../../domain/import";
import { chooseOwner, type RoutingRule } from "../../domain/routing";
import { t } from "../../i18n";
import { mapHeaders } from "../../store/headers";
import { IdCounter } from "../../store/ids";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import { type Buyer, Buyers, Import, Routing, Settings, SOURCES, Staff } from "../../store/schemas";
import { ensureSheet } from "../../store/sheet-setup";
import { staffList } from "../../store/staff-facts";
import { emptyRecord, TableWriter } from "../../store/table";
import { nextFollowUpDate } from "../desk";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type ImportResult = "created" | "merged" | "needs-person" | "invalid";

export interface ImportReportRow {
  /** The row in the file or sheet (the header is row 1). */
  line: number;
  result: ImportResult;
  buyerId: string;
  detail: string;
}

export interface ImportReport {
  total: number;
  created: number;
  merged: number;
  needsPerson: number;
  invalid: number;
  unmappedHeaders: string[];
  rows: ImportReportRow[];
  problems: string[];
  dryRun: boolean;
}

export interface ImportOptions {
  /** Source for rows that do not say (default "import"; "trade-show" for a show's contact list). */
  source?: string;
  /** The trade show these contacts were met at (noted on each buyer, for show campaigns and trips). */
  show?: string;
  /** Decide and report, write nothing. */
  dryRun?: boolean;
}

export class ImportError extends Error {}

/** Imports rows given with their header row (the CLI path). `lines[i]` is file row i + 2. */
export function importRows(
  book: Book,
  user: string,
  header: readonly unknown[],
  lines: readonly (readonly unknown[])[],
  now: Date,
  options: ImportOptions = {},
): ImportReport {
  return runImport(
    book,
    user,
    header,
    lines.map((cells, i) => ({ line: i + 2, cells })),
    now,
    options,
  );
}

/**
 * Imports the Import sheet's rows not yet imported, and writes each row's result beside it. The first use
 * makes the sheet (setup leaves it until needed) and asks the person to paste their rows there.
 */
export function importFromSheet(book: Book, user: string, now: Date, options: ImportOptions = {}): ImportReport {
  const sheet = book.getSheetByName(Import.name);
  if (!sheet) {
    const lang = readLanguageSetting(book);
    ensureSheet(book, Import, lang);
    throw new ImportError(t(lang, "import.sheetCreated"));
  }
  const values = sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  const own = mapHeaders(Import, header);
  const resultCol = own.index.get("result");
  const idCol = own.index.get("buyerId");
  const detailCol = own.index.get("detail");
  if (resultCol === undefined || idCol === undefined || detailCol === undefined)
    throw new ImportError("The Import sheet lost its result columns. Run Buyerbook > Set up workbook.");
  const ours = new Set([resultCol, idCol, detailCol]);
  const dataHeader = header.map((h, i) => (ours.has(i) ? "" : h));
  const pending: { line: number; cells: unknown[] }[] = [];
  for (let r = 1; r < values.length; r += 1) {
    const line = values[r];
    if (String(line[resultCol] ?? "").trim() !== "") continue;
    if (line.every((v, i) => ours.has(i) || v === "" || v === null)) continue;
    pending.push({ line: r + 1, cells: line });
  }
  const report = runImport(book, user, dataHeader, pending, now, options);
  if (options.dryRun || report.rows.length === 0) return report;
  // One write: the result columns of every data row (rows not imported now keep what they had).
  const first = Math.min(...ours);
  const width = Math.max(...ours) - first + 1;
  const block = values.slice(1).map((line) => line.slice(first, first + width));
  for (const row of report.rows) {
    const cells = block[row.line - 2];
    cells[resultCol - first] = row.result;
    cells[idCol - first] = row.buyerId;
    cells[detailCol - first] = row.detail;
  }
  const range = sheet.getRange(2, first + 1, block.length, width);
  range.setNumberFormat("@");
  range.setValues(block);
  return report;
}

/** The Routing sheet's rules that name someone (an optional sheet: none when it is missing). */
function routingRules(book: Book, tz: string): RoutingRule[] {
  return (loadOptionalTable(book, Routing, tz)?.rows ?? [])
    .map((r) => r.record)
    .filter((r) => r.to !== "")
    .map((r) => ({
      match: { country: r.country || undefined, region: r.region || undefined, product: r.product || undefined },
      to: r.to.toLowerCase(),
    }));
}

/** What the import plan compares a file's row with, of a buyer in the book. */
function existingBuyer(b: Buyer): ExistingBuyer {
  return {
    id: b.id,
    company: b.company,
    name: b.name,
    email: b.email,
    otherEmails: b.otherEmails,
    phone: b.phone,
    website: b.website,
    country: b.country,
    region: b.region,
    city: b.city,
    nature: b.nature,
    source: b.source,
    grade: b.grade,
    products: b.products,
    owner: b.owner,
    notes: b.notes,
  };
}

function runImport(
  book: Book,
  user: string,
  header: readonly unknown[],
  lines: readonly { line: number; cells: readonly unknown[] }[],
  now: Date,
  options: ImportOptions,
): ImportReport {
  const mapping = mapImportHeaders(header);
  if (!mapping.index.has("email") && !mapping.index.has("company") && !mapping.index.has("name"))
    throw new ImportError(
      `No column was recognised as e-mail, company or contact. Headers: ${header.filter((h) => String(h ?? "") !== "").join(", ")}`,
    );
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const buyers = loadTable(book, Buyers, tz);
  const team = staffList(loadTable(book, Staff, tz), now);
  const routing = routingRules(book, tz);
  const defaults = { source: options.source, show: options.show };
  const cleaned = lines.map((l) => cleanRow(rowValues(mapping, l.cells), defaults));
  const decisions = planImport(
    cleaned,
    buyers.rows.map(({ record }) => existingBuyer(record)),
  );

  const report: ImportReport = {
    total: lines.length,
    created: 0,
    merged: 0,
    needsPerson: 0,
    invalid: 0,
    unmappedHeaders: mapping.unmapped,
    rows: [],
    problems: buyers.issues.map((i) => `${i.sheet} row ${i.row}: ${i.problem}`),
    dryRun: options.dryRun === true,
  };
  const ids = IdCounter.open(Buyers, buyers.byId.keys());
  const writer = new TableWriter(buyers);
  const idOfRef = new Map<string, string>();
  const staffEmails = new Set(team.map((s) => s.email));
  const openLoad = new Map<string, number>();
  decisions.forEach((d, i) => {
    const line = lines[i].line;
    const row = (result: ImportResult, buyerId: string, detail: string) => {
      report.rows.push({ line, result, buyerId, detail });
      if (result === "created") report.created += 1;
      else if (result === "merged") report.merged += 1;
      else if (result === "needs-person") report.needsPerson += 1;
      else report.invalid += 1;
    };
    if (d.kind === "invalid") {
      row("invalid", "", d.why);
      return;
    }
    if (d.kind === "created") {
      const id = ids.take();
      idOfRef.set(d.ref, id);
      const owner = ownerFor(d.buyer, team, routing, openLoad, staffEmails, now);
      writer.append(newBuyer(id, d.buyer, owner, now, config));
      row("created", id, owner ? `owner ${owner}` : "no owner found: assign by hand");
      return;
    }
    const buyerId = d.buyerId ? (idOfRef.get(d.buyerId) ?? d.buyerId) : "";
    // Rows merged into a buyer created from this file changed that buyer before it is appended.
    const inBook = d.buyerId !== undefined && !d.buyerId.startsWith("row:");
    if (inBook && Object.keys(d.fills).length > 0) writer.update(buyerId, toBuyerChanges(d.fills));
    if (d.kind === "merged") row("merged", buyerId, `${d.why}${describeFills(d.fills)}`);
    else row("needs-person", buyerId, needsPersonDetail(d));
  });
  if (report.dryRun) return report;
  for (const u of writer.commit().unwritten) report.problems.push(`${u.id}: ${u.reason}`);
  ids.save();
  const counts = `${report.created} created, ${report.merged} merged, ${report.needsPerson} need a person`;
  const target = options.show || options.source || "import";
  appendLog(book, {
    at: now,
    user,
    action: "import",
    target,
    detail: `${report.total} rows: ${counts}, ${report.invalid} invalid`,
  });
  return report;
}

function ownerFor(
  buyer: ImportedBuyer,
  team: ReturnType<typeof staffList>,
  rules: RoutingRule[],
  openLoad: Map<string, number>,
  staffEmails: Set<string>,
  now: Date,
): string {
  if (buyer.owner && staffEmails.has(buyer.owner)) return buyer.owner;
  const decision = chooseOwner({
    country: buyer.country,
    region: buyer.region || undefined,
    product: buyer.products.split(/[;；,，]/)[0]?.trim() || undefined,
    staff: team,
    rules,
    openLoad,
    now,
  });
  if (decision.owner) openLoad.set(decision.owner, (openLoad.get(decision.owner) ?? 0) + 1);
  return decision.owner;
}

function newBuyer(
  id: string,
  b: ImportedBuyer,
  owner: string,
  now: Date,
  config: ReturnType<typeof readConfig>,
): Buyer {
  return {
    ...emptyRecord(Buyers),
    ...toBuyerChanges(b),
    id,
    owner,
    status: "active",
    created: now,
    nextFollowUp: nextFollowUpDate(now, b.grade, config),
  } as Buyer;
}

function toBuyerChanges(fills: Partial<ImportedBuyer>): Partial<Buyer> {
  const out: Partial<Buyer> = {};
  for (const [key, value] of Object.entries(fills)) {
    if (key === "owner" || value === undefined) continue;
    if (key === "source" && !(SOURCES as readonly string[]).includes(value)) continue;
    (out as Record<string, string>)[key] = value;
  }
  return out;
}

function describeFills(fills: Partial<ImportedBuyer>): string {
  const keys = Object.keys(fills);
  return keys.length > 0 ? `; filled ${keys.join(", ")}` : "; nothing new";
}

function needsPersonDetail(d: Extract<RowDecision, { kind: "needs-person" }>): string {
  const parts = [d.why];
  for (const c of d.conflicts) parts.push(`${c.field}: book "${c.inBook}" | file "${c.inFile}"`);
  if (d.candidates.length > 0) parts.push(`also possible: ${d.candidates.join(", ")}`);
  const filled = Object.keys(d.fills);
  if (filled.length > 0) parts.push(`filled empty ${filled.join(", ")}`);
  return parts.join("; ");
}
