/**
 * The book's one on-edit audit trigger (R33, R34): installable, owned by the manager who started it, fired by
 * every editor's edits. Only its recorded owner's trigger logs, so each edit is logged once; an older
 * trigger (someone else's, from before) removes itself when it fires.
 */
import { readDocJson, writeDocJson } from "./properties";
import { activeUserEmail, effectiveUserEmail } from "./session";

const OWNER_KEY = "audit.owner";

/** Whoever the script runs as (the trigger's owner in a trigger), lower-cased. */
export function runningAs(): string {
  return effectiveUserEmail();
}

/** The person whose edit fired the trigger, lower-cased; "" when Apps Script withholds it (consumer accounts). */
export function editingUser(): string {
  return activeUserEmail();
}

/** The manager whose trigger audits the book ("" when none was started yet). */
export function auditOwner(): string {
  return readDocJson<string>(OWNER_KEY, "");
}

/**
 * Installs the running user's on-edit trigger calling `handler` (once) and records them as the audit's owner.
 * "already" when their trigger was there and they were already the owner.
 */
export function takeOverAudit(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  handler: string,
): "installed" | "already" {
  const me = runningAs();
  const mine = ScriptApp.getUserTriggers(book).filter((t) => t.getHandlerFunction() === handler);
  const wasOwner = auditOwner() === me;
  if (!wasOwner) writeDocJson(OWNER_KEY, me);
  if (mine.length > 0) return wasOwner ? "already" : "installed";
  ScriptApp.newTrigger(handler).forSpreadsheet(book).onEdit().create();
  return "installed";
}

/** Removes the running user's own triggers calling `handler` on this book; returns how many. */
export function dropMyEditTriggers(book: GoogleAppsScript.Spreadsheet.Spreadsheet, handler: string): number {
  const mine = ScriptApp.getUserTriggers(book).filter((t) => t.getHandlerFunction() === handler);
  for (const t of mine) ScriptApp.deleteTrigger(t);
  return mine.length;
}
