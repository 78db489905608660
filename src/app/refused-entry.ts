import type { Action } from "../domain/access";
import { currentUserEmail } from "../gas/session";
import { entryRefusal } from "./guards";

/**
 * A caller check for an entry point no RPC checks (menus, the CLI): the refusal toasted in the caller's
 * language and returned as `{ refused }`, or undefined when they may go on.
 */
export function refusedEntry(book: GoogleAppsScript.Spreadsheet.Spreadsheet, action: Action): string | undefined {
  const message = entryRefusal(book, currentUserEmail(), action, new Date());
  if (message === undefined) return undefined;
  book.toast(message);
  return JSON.stringify({ refused: message });
}
