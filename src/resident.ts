/**
 * What Code.js runs itself, without the on-demand program: the menu on open, the on-edit triggers, the
 * sidebar and its everyday RPCs. They run many times a day for every person, so they parse only Code.js.
 */

import { forgetCachedTables } from "./app/context";
import { menuAudience } from "./app/guards";
import { readLanguageSetting } from "./app/language";
import { refusedEntry } from "./app/refused-entry";
import { bumpDeskVersion, markInquiriesWritten, refreshEditedBuyers } from "./features/desk";
import { auditEdit } from "./features/staff";
import { activeBook } from "./gas/book";
import { buildMenu, menuItems, menuLanguage, withoutAuthorization } from "./gas/menu";
import { loadProgram } from "./gas/program";
import { activeUserEmailIfAllowed, currentUserEmail } from "./gas/session";
import { showSidebar } from "./gas/sidebar";
import { RESIDENT_HANDLERS } from "./rpc/resident-handlers";
import { dispatch } from "./rpc/server";
import { Buyers, Inquiries, Templates } from "./store/schemas";
import { SMALL_TABLE_SHEETS } from "./store/small-tables";

/**
 * The Buyerbook menu, by role (R1): the items a person's role may run, from the same access table the server
 * checks. onOpen runs with limited authorization: in AuthMode.NONE (the add-on not yet used in this document)
 * nothing but the UI may be touched, and in LIMITED the user's address may be empty — then the minimal menu.
 */
function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const lang = menuLanguage(e?.authMode);
  if (withoutAuthorization(e?.authMode)) {
    buildMenu(lang);
    return;
  }
  const user = activeUserEmailIfAllowed();
  buildMenu(lang, menuItems(user ? menuAudience(activeBook(), user) : { kind: "unknown" }));
}

/**
 * Simple trigger on a person's edit: a hand edit of Staff or Settings (a person's language, role, deputy)
 * reaches the next click at once — the cached copies of those small tables are dropped; a hand edit of a
 * buyer's grade, status or last contact (or a buyer typed in) gets its due day at once (R20, R23); an edit in
 * Inquiries makes the next desk look for open inquiries afresh (open-inquiries.ts); a template
 * typed in is checked as it is saved (the program does that: editing templates is rare).
 */
function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = e?.range;
    const name = range?.getSheet().getName();
    if (!range || !name) return;
    if (SMALL_TABLE_SHEETS.includes(name)) forgetCachedTables();
    if (name === Buyers.name) {
      const edited = {
        row: range.getRow(),
        rows: range.getNumRows(),
        column: range.getColumn(),
        columns: range.getNumColumns(),
      };
      if (refreshEditedBuyers(activeBook(), edited, new Date()) > 0) bumpDeskVersion();
    }
    // A person may type or paste an inquiry, or set one open again: desks search for open ones afresh.
    if (name === Inquiries.name) markInquiriesWritten(activeBook());
    if (name === Templates.name) {
      loadProgram().checkEditedTemplates(range.getRow(), range.getRow() + range.getNumRows() - 1);
    }
  } catch {
    // A simple trigger must never fail the person's edit; the daily refresh catches up.
  }
}

/**
 * The book's installable on-edit trigger (R33, R34): the audit owner's logs every editor's key hand edits. It
 * runs on every edit, so it lives here with the simple trigger, not in the program.
 */
function onEditAudit(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  return JSON.stringify(auditEdit(e, new Date()));
}

function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu: open the sidebar (my desk, the selected buyer, grading, follow-ups, find/add). */
function menuOpenSidebar(): string | undefined {
  const refused = refusedEntry(activeBook(), "desk.view");
  if (refused) return refused;
  showSidebar(readLanguageSetting(activeBook()));
  return undefined;
}

/**
 * The sidebar's single server function: google.script.run.rpc(method, payloadJson) -> RpcResult JSON. The
 * everyday RPCs are answered here; the rest by the program, whose dispatch checks them the same way.
 */
function rpc(method: string, payloadJson: string): string {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is too new for some Apps Script V8 builds.
  if (typeof method === "string" && Object.prototype.hasOwnProperty.call(RESIDENT_HANDLERS, method)) {
    return JSON.stringify(
      dispatch(RESIDENT_HANDLERS, method, payloadJson, activeBook(), currentUserEmail(), new Date()),
    );
  }
  return loadProgram().PROGRAM_POINTS.rpc(method as never, payloadJson as never) as string;
}

export const RESIDENT_POINTS = { onOpen, onEdit, onEditAudit, onInstall, menuOpenSidebar, rpc };
