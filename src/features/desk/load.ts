/**
 * The rows "My desk" needs, read by column rather than whole sheets (a 20,000-buyer, 100,000-inquiry book
 * must open in a couple of seconds):
 * - Buyers: the columns a due date and a desk line need (ID, company, contact, grade, owner, status, created,
 *   last contact) for every row — each run of neighbouring columns is one read.
 * - Inquiries: a TextFinder for status "new" over every row (server-side, no cells come back) and the Grade
 *   column of the newest UNGRADED_WINDOW_ROWS rows (one read); only those candidate rows — still open, or
 *   answered but not graded — are then read, column runs of row blocks planned by cost.
 *   Why a window: R10 asks for every inquiry to be graded the day it comes in, so an answered inquiry still
 *   ungraded months later is backlog to clear in the sheet (filter Grade on blanks), not a line of today's
 *   desk. Reading the whole Grade column of a 100,000-row book costs a second, and each such straggler
 *   scattered through it one more round trip (~50 of them were 2.6 s). An OPEN inquiry is found wherever it
 *   is, and shows under "ungraded" too when it has no grade.
 * Header rows are read fresh (one small read each): a moved column must never be read as another.
 */

import { dateTextParser } from "../../app/config";
import { readColumns, rowsMatching } from "../../store/column-reader";
import { RowStore } from "../../store/row-store";
import { type Buyer, Buyers, Inquiries, type Inquiry } from "../../store/schemas";

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

/** About three months of a busy book (100,000 inquiries in two years); a quiet book is read whole. */
export const UNGRADED_WINDOW_ROWS = 10_000;

/** An inquiry still waiting for its answer, as a whole-cell pattern over the Status column (any case). */
const OPEN_STATUS = "\\s*new\\s*";

export interface DeskRows {
  buyers: Map<number, Buyer>;
  inquiries: Map<number, Inquiry>;
}

export function loadDeskRows(book: Book, timeZone: string, ungradedWindow = UNGRADED_WINDOW_ROWS): DeskRows {
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
  const windowFirst = Math.max(2, lastRow - ungradedWindow + 1);
  const windowRows =
    windowFirst === 2 ? "all" : Array.from({ length: lastRow - windowFirst + 1 }, (_, i) => windowFirst + i);
  const grades = readColumns(inquiryReader, ["grade"], windowRows, lastRow);
  const candidates = new Set(rowsMatching(inquiryReader, "status", OPEN_STATUS, lastRow));
  for (const [row, record] of grades) if (record.grade === "") candidates.add(row);
  const inquiries = readColumns(inquiryReader, INQUIRY_DESK_KEYS, [...candidates], lastRow);
  return { buyers, inquiries };
}
