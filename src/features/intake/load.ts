/**
 * What a pull reads of the book before any mail: one listing of the sheets, the small tables from the document
 * cache (Settings, Staff, Rules, Routing), Buyers whole, Inquiries only in the columns the pull uses, and the
 * catalogue's names, models and keywords (R4, R22 "about which products").
 */
import { type Config, dateTextParser, describeIssue, readConfig } from "../../app/config";
import type { CatalogueProduct } from "../../domain/products";
import type { StaffFacts } from "../../domain/routing";
import { missingSheet } from "../../gas/book";
import type { SheetSpec } from "../../store/columns";
import { Buyers, Inquiries, Products } from "../../store/schemas";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { staffList } from "../../store/staff-facts";
import { type ReadOptions, readTable, readTableColumns, type Table } from "../../store/table";
import { type IntakeRules, intakeRules } from "./rules";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface IntakeBook {
  book: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheets: Map<string, Sheet>;
  config: Config;
  team: StaffFacts[];
  rules: IntakeRules;
  buyers: Table<typeof Buyers>;
  inquiries: Table<typeof Inquiries>;
  catalogue: CatalogueProduct[];
  /** Bad Settings values, unreadable cells, bad Rules rows: reported, never fatal. */
  problems: string[];
}

/**
 * Inquiries' needed columns fall in a few runs on the standard layout; at most this many reads (the narrowest
 * gaps read along), so the pull's Sheets calls stay fixed whatever the mail count.
 */
const INQUIRY_COLUMN_READS = 3;

/**
 * What the pull reads of Inquiries: IDs and threads (dedupe, conversations, numbering), the reply clock and
 * open state (answers, load, overdue), and who the row is about (a platform notice joined by the buyer's mail).
 * Subjects, summaries and products (long text in the middle of the row) are never read.
 */
export const INQUIRY_KEYS = [
  "id",
  "receivedAt",
  "channel",
  "source",
  "buyerId",
  "fromEmail",
  "owner",
  "assignedTo",
  "status",
  "targetAt",
  "limitAt",
  "repliedAt",
  "responseHours",
  "overdue",
  "gmailMessageId",
  "gmailThreadId",
  "rfcMessageId",
  "messages",
  "lastBuyerAt",
  "awaitingSince",
  "chases",
  "replyHistory",
  "messageLog",
  "otherThreads",
] as const;

export function loadIntakeBook(book: Book): IntakeBook {
  const sheets = new Map(book.getSheets().map((sheet) => [sheet.getName(), sheet]));
  const small = loadSmallTables(book, { intake: true, sheetByName: (name) => sheets.get(name) });
  const config = readConfig(asTable(small.settings));
  const staff = asTable(small.staff);
  const options: ReadOptions = { parseDateText: dateTextParser(config.timeZone) };
  const buyers = readTable(required(sheets, Buyers), Buyers, options);
  const inquiries = readTableColumns(required(sheets, Inquiries), Inquiries, INQUIRY_KEYS, options, {
    maxColumnReads: INQUIRY_COLUMN_READS,
  });
  const problems = [...config.problems, ...[staff, buyers, inquiries].flatMap((t) => t.issues.map(describeIssue))];
  const rules = intakeRules(small.rules?.records, small.routing?.records, problems);
  return {
    book,
    sheets,
    config,
    team: staffList(staff),
    rules,
    buyers,
    inquiries,
    catalogue: readCatalogue(sheets.get(Products.name), options),
    problems,
  };
}

/** The Products rows as the matcher takes them; an older book without the sheet has no catalogue. */
function readCatalogue(sheet: Sheet | undefined, options: ReadOptions): CatalogueProduct[] {
  if (!sheet) return [];
  const table = readTableColumns(sheet, Products, ["code", "name", "model", "keywords"], options);
  return table.rows
    .map(({ record }) => ({ code: record.code, name: record.name, model: record.model, keywords: record.keywords }))
    .filter((p) => p.code !== "" && (p.name !== "" || p.model !== ""));
}

export function required(sheets: Map<string, Sheet>, spec: SheetSpec): Sheet {
  const sheet = sheets.get(spec.name);
  if (!sheet) throw missingSheet(spec);
  return sheet;
}
