/**
 * Which spreadsheet an execution works on. A bound script's (and a menu's, a sidebar's) is the active one. An
 * editor add-on's hourly trigger has none: it opens the book by the id its owner's menu stored when the schedule
 * was started (user properties: the trigger is that person's), which needs the `spreadsheets` scope (README).
 */
import { rememberOpenedBook } from "./book-state";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

const USER_BOOK = "buyerbook.book";
const DOC_BOOK = "buyerbook.bookId";
const NO_ACCESS = /do not have permission to access the requested document/i;

export type Located =
  | { kind: "active"; book: Book }
  | { kind: "opened"; book: Book }
  /** The stored book can no longer be opened by this person (offboarded, or the file is gone). */
  | { kind: "no-access"; bookId: string }
  | { kind: "none" };

/**
 * Stores this book's id for the current user (and for each of their heartbeat triggers, so a person using
 * Buyerbook in two books has each trigger open its own), and in the document for reference.
 */
export function rememberBook(book: Book, triggerIds: readonly string[]): void {
  const id = book.getId();
  const values: Record<string, string> = { [USER_BOOK]: id };
  for (const uid of triggerIds) values[`${USER_BOOK}.${uid}`] = id;
  PropertiesService.getUserProperties().setProperties(values);
  PropertiesService.getDocumentProperties()?.setProperty(DOC_BOOK, id);
}

/** The active spreadsheet, else the one stored for `triggerUid` (or for the user). */
export function locateBook(triggerUid?: string): Located {
  let active: Book | null;
  try {
    active = SpreadsheetApp.getActiveSpreadsheet();
  } catch (e) {
    if (NO_ACCESS.test(String((e as Error).message))) return { kind: "no-access", bookId: "" };
    throw e;
  }
  if (active) {
    rememberOpenedBook(undefined);
    return { kind: "active", book: active };
  }
  const props = PropertiesService.getUserProperties();
  const id = (triggerUid && props.getProperty(`${USER_BOOK}.${triggerUid}`)) || props.getProperty(USER_BOOK);
  if (!id) return { kind: "none" };
  try {
    const book = SpreadsheetApp.openById(id);
    rememberOpenedBook(id);
    return { kind: "opened", book };
  } catch (e) {
    if (NO_ACCESS.test(String((e as Error).message))) return { kind: "no-access", bookId: id };
    throw e;
  }
}
