/**
 * The rows "My desk" needs, read by column rather than whole sheets (a 20,000-buyer, 100,000-inquiry book
 * must open in a couple of seconds):
 * - Buyers: the columns a due date and a desk line need (ID, company, contact, grade, owner, status, created,
 *   last contact) for every row — each run of neighbouring columns is one read.
 * - Inquiries: the Grade column of every row (one read) and a TextFinder for status "new" (server-side, no
 *   cells come back); only those candidate rows — not graded, or still open — are then read, column runs of
 *   row blocks planned by cost. Answered and graded inquiries, the bulk of an old book, cost one cell each.
 * Header rows are read fresh (one small read each): a moved column must never be read as another.
 */
import { type Buyer, Buyers, Inquiries, type Inquiry } from "../store/schemas";
import { dateTextParser } from "./config";
import { readColumns, rowsMatching } from "./desk-read";
import { RowStore } from "./desk-rows";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const BUYER_DESK_KEYS = [
  "id",
  "company",
  "name",
  "grade",
  "owner",
  "status",
  "created",
  "lastContact",
] as const satisfies readonly (keyof Buyer)[];

export const INQUIRY_DESK_KEYS = [
  "id",
  "receivedAt",
  "channel",
  "buyerId",
  "fromName",
  "fromEmail",
  "subject",
  "owner",
  "assignedTo",
  "status",
  "grade",
  "targetAt",
  "limitAt",
  "repliedAt",
] as const satisfies readonly (keyof Inquiry)[];

/** An inquiry still waiting for its answer, as a whole-cell pattern over the Status column (any case). */
const OPEN_STATUS = "\\s*new\\s*";

export interface DeskRows {
  buyers: Map<number, Buyer>;
  inquiries: Map<number, Inquiry>;
}

export function loadDeskRows(book: Book, timeZone: string): DeskRows {
  const parseDate = dateTextParser(timeZone);
  const buyerStore = new RowStore(book, Buyers, timeZone);
  const buyerReader = { sheet: buyerStore.sheet, spec: Buyers, headers: buyerStore.freshHeaders(), parseDate };
  const buyers = readColumns(buyerReader, BUYER_DESK_KEYS, "all", buyerStore.sheet.getLastRow());

  const inquiryStore = new RowStore(book, Inquiries, timeZone);
  const inquiryReader = {
    sheet: inquiryStore.sheet,
    spec: Inquiries,
    headers: inquiryStore.freshHeaders(),
    parseDate,
  };
  const lastRow = inquiryStore.sheet.getLastRow();
  const grades = readColumns(inquiryReader, ["grade"], "all", lastRow);
  const candidates = new Set(rowsMatching(inquiryReader, "status", OPEN_STATUS, lastRow));
  for (const [row, record] of grades) if (record.grade === "") candidates.add(row);
  const inquiries = readColumns(inquiryReader, INQUIRY_DESK_KEYS, [...candidates], lastRow);
  return { buyers, inquiries };
}
