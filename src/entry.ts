/**
 * The only functions Apps Script sees. ENTRY_POINTS is the ONE list: the build appends a plain top-level
 * `function name(...args)` for each key (menus, triggers and google.script.run can only call those).
 */
import { t } from "./i18n";
import { activeBook } from "./gas/book";
import { withDocumentLock } from "./gas/lock";
import { buildMenu, menuLanguage, rememberLanguage } from "./gas/menu";
import { currentUserEmail } from "./gas/session";
import { ensureHeartbeat } from "./gas/triggers";
import { setupWorkbook } from "./jobs/setup";
import { readLanguageSetting } from "./jobs/language";

function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(menuLanguage(e?.authMode));
}

function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu: Set up workbook. Idempotent; returns what it did (also used by the CLI). */
function menuSetup(): string {
  const book = activeBook();
  const user = currentUserEmail();
  const result = withDocumentLock(() => {
    const lang = readLanguageSetting(book);
    const r = setupWorkbook(book, user, lang, new Date());
    rememberLanguage(readLanguageSetting(book));
    return r;
  });
  const lang = readLanguageSetting(book);
  const message = t(lang, "setup.done", { created: result.created.length, upgraded: result.upgraded.length });
  book.toast(message, t(lang, "setup.title"));
  return JSON.stringify(result);
}

/** Menu: start the schedule (this user's one hourly heartbeat). */
function menuStartSchedule(): string {
  const lang = readLanguageSetting(activeBook());
  const state = ensureHeartbeat();
  activeBook().toast(t(lang, state === "installed" ? "heartbeat.installed" : "heartbeat.already"));
  return state;
}

export const ENTRY_POINTS = {
  onOpen,
  onInstall,
  menuSetup,
  menuStartSchedule,
};
