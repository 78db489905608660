/**
 * What a pull reads of the book before any mail: one listing of the sheets, the small tables from the document
 * cache (Settings, Staff, Rules, Routing), Buyers whole, Inquiries only in its index columns (the few rows the
 * mail continues are read in full once the mail is read: widenInquiries), and the catalogue's names, models and
 * keywords (R4, R22 "about which products").
 */
import { type Config, dateTextParser, describeIssue, readConfig } from "../../app/config";
import type { CatalogueProduct } from "../../domain/products";
import type { StaffFacts } from "../../domain/routing";
import { missingSheet } from "../../gas/book";
import type { SheetSpec } from "../../store/columns";
import { Buyers, Inquiries, type Inquiry, Products } from "../../store/schemas";
import { SheetZone } from "../../store/sheet-zone";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { staffList } from "../../store/staff-facts";
import { type ReadOptions, readTableColumns, type Table } from "../../store/table";
import { readTablesAtOnce } from "../../store/tables-at-once";
import { widenRows } from "../../store/widen-rows";
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
  /** The spreadsheet's time zone, asked once for the pull's reads, writes and Log together. */
  zone: SheetZone;
}

/**
 * The columns every Inquiries row is read in fall in six runs on the standard layout: one read each (a gap read
 * along costs a second per 100,000 rows, a read 50 ms), so the pull's Sheets calls stay fixed whatever the count.
 */
const INQUIRY_COLUMN_READS = 6;

/**
 * What the pull reads of EVERY Inquiries row: IDs and threads (dedupe, conversations, numbering), the message
 * log (the same message from another mailbox), open state and handler (load, overdue), and channel and date
 * (which platform notices a direct mail could continue). Half the columns: at 100,000 rows each costs a second.
 */
export const INQUIRY_INDEX_KEYS = [
  "id",
  "receivedAt",
  "channel",
  "buyerId",
  "owner",
  "assignedTo",
  "status",
  "limitAt",
  "overdue",
  "gmailMessageId",
  "gmailThreadId",
  "rfcMessageId",
  "messageLog",
  "otherThreads",
] as const;

/**
 * What the pull reads of the rows a message updates (conversations.ts rowsToWiden): the index columns and the
 * reply clock and who the row is about. Subjects, summaries and products (long text) are never read.
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

export function loadIntakeBook(book: Book, now: Date): IntakeBook {
  const sheets = new Map(book.getSheets().map((sheet) => [sheet.getName(), sheet]));
  const small = loadSmallTables(book, { intake: true, sheetByName: (name) => sheets.get(name) });
  const config = readConfig(asTable(small.settings));
  const staff = asTable(small.staff);
  const options: ReadOptions = { parseDateText: dateTextParser(config.timeZone) };
  const products = sheets.get(Products.name);
  const zone = new SheetZone(book, small.sheetZone);
  const [buyerTable, inquiryTable, productTable] = readTablesAtOnce(
    book,
    [
      { sheet: required(sheets, Buyers), spec: Buyers },
      { sheet: required(sheets, Inquiries), spec: Inquiries, keys: INQUIRY_INDEX_KEYS },
      ...(products ? [{ sheet: products, spec: Products, keys: CATALOGUE_KEYS }] : []),
    ],
    options,
    () => zone.get(),
  );
  const buyers = buyerTable as Table<typeof Buyers>;
  const inquiries = inquiryTable as Table<typeof Inquiries>;
  const problems = [...config.problems, ...[staff, buyers, inquiries].flatMap((t) => t.issues.map(describeIssue))];
  const rules = intakeRules(small.rules?.records, small.routing?.records, problems);
  return {
    book,
    sheets,
    config,
    // Deputies count only while vouched for and in their dates (store/deputies.ts).
    team: staffList(staff, now),
    rules,
    buyers,
    inquiries,
    catalogue: catalogueOf(productTable as Table<typeof Products> | undefined),
    problems,
    zone,
  };
}

const CATALOGUE_KEYS = ["code", "name", "model", "keywords"];

/** The Products rows as the matcher takes them; an older book without the sheet has no catalogue. */
function catalogueOf(table: Table<typeof Products> | undefined): CatalogueProduct[] {
  if (!table) return [];
  return table.rows
    .map(({ record }) => ({ code: record.code, name: record.name, model: record.model, keywords: record.keywords }))
    .filter((p) => p.code !== "" && (p.name !== "" || p.model !== ""));
}

export function required(sheets: Map<string, Sheet>, spec: SheetSpec): Sheet {
  const sheet = sheets.get(spec.name);
  if (!sheet) throw missingSheet(spec);
  return sheet;
}

/**
 * The rest of the pull's columns of the rows it will update, in one batched read. A row someone moved since the
 * first read (a sort) cannot be trusted where it was: then Inquiries is read again in all the pull's columns.
 */
export function widenInquiries(book: IntakeBook, rows: readonly Inquiry[]): { reread: boolean } {
  if (rows.length === 0) return { reread: false };
  const wanted = new Set(rows);
  const tableRows = book.inquiries.rows.filter((r) => wanted.has(r.record));
  const { moved, issues } = widenRows(book.book, book.inquiries, tableRows, INQUIRY_KEYS);
  book.problems.push(...issues.map(describeIssue));
  if (moved.length === 0 && tableRows.length === rows.length) return { reread: false };
  const options: ReadOptions = { parseDateText: dateTextParser(book.config.timeZone) };
  book.inquiries = readTableColumns(required(book.sheets, Inquiries), Inquiries, INQUIRY_KEYS, options, {
    maxColumnReads: INQUIRY_COLUMN_READS,
  });
  return { reread: true };
}
