/**
 * The only functions Apps Script sees. ENTRY_POINTS is the ONE list: the build appends a plain top-level
 * `function name(...args)` for each key (menus, triggers and google.script.run can only call those).
 */

import { Budget } from "./app/budget";
import { forgetCachedTables } from "./app/context";
import { mayPullMail, maySetUp, menuAudience } from "./app/guards";
import { readLanguageSetting } from "./app/language";
import { decide } from "./domain/access";
import type { JobName } from "./domain/schedule";
import { bumpDeskVersion, refreshDue, refreshEditedBuyers } from "./features/desk";
import { pullMailbox } from "./features/intake";
import { sendQueuedCampaigns } from "./features/outreach";
import { type ReportKind, reportRunner, writeReport } from "./features/reports";
import {
  type HeartbeatReport,
  type JobRunner,
  markScheduleStart,
  runHeartbeat,
  upkeepRunner,
} from "./features/schedule";
import { setupWorkbook } from "./features/setup";
import { auditEdit, bookOrRetire, installAuditTrigger } from "./features/staff";
import { activeBook } from "./gas/book";
import { withDocumentLock } from "./gas/lock";
import { buildMenu, MENU, menuItems, menuLanguage, rememberLanguage } from "./gas/menu";
import { currentUserEmail } from "./gas/session";
import { showSidebar } from "./gas/sidebar";
import { ensureHeartbeat } from "./gas/triggers";
import { t } from "./i18n";
import { HANDLERS } from "./rpc/handlers";
import { dispatch } from "./rpc/server";
import { Buyers } from "./store/schemas";
import { SMALL_TABLE_SHEETS } from "./store/small-tables";

/**
 * The Buyerbook menu, by role (R1): the items a person's role may run, from the same access table the server
 * checks. onOpen runs with limited authorization: in AuthMode.NONE (the add-on not yet used in this document)
 * nothing but the UI may be touched, and in LIMITED the user's address may be empty — then the minimal menu.
 */
function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const lang = menuLanguage(e?.authMode);
  if (!e || e.authMode === ScriptApp.AuthMode.NONE) {
    buildMenu(lang);
    return;
  }
  let user = "";
  try {
    user = Session.getActiveUser().getEmail();
  } catch {
    // Not allowed in this mode: the minimal menu.
  }
  buildMenu(lang, menuItems(user ? menuAudience(activeBook(), user) : { kind: "unknown" }));
}

/**
 * Simple trigger on a person's edit: a hand edit of Staff or Settings (a person's language, role, deputy)
 * reaches the next click at once — the cached copies of those small tables are dropped; a hand edit of a
 * buyer's grade, status or last contact (or a buyer typed in) gets its due day at once (R20, R23).
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
  } catch {
    // A simple trigger must never fail the person's edit; the daily refresh catches up.
  }
}

function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Menu: Set up workbook. Idempotent; returns what it did (also used by the CLI). */
function menuSetup(): string {
  const book = activeBook();
  const user = currentUserEmail();
  if (!maySetUp(book, user)) {
    const message = t(readLanguageSetting(book), "setup.needsRole");
    book.toast(message, t(readLanguageSetting(book), "setup.title"));
    return JSON.stringify({ refused: message });
  }
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
  markScheduleStart(new Date());
  // The on-edit audit (R33, R34) is per person too: each one's trigger logs their own hand edits.
  installAuditTrigger(activeBook());
  activeBook().toast(t(lang, state === "installed" ? "heartbeat.installed" : "heartbeat.already"));
  return state;
}

/** The jobs the heartbeat may run, by schedule name (src/domain/schedule.ts JOB_NAMES; times from Settings). */
const SCHEDULED_JOBS: Partial<Record<JobName, JobRunner>> = {
  pull: ({ book, user, now, budget }) => pullMailbox({ book, mailbox: user, now, budget }),
  // Each person's queued campaign mail, within their daily quota; what does not fit goes tomorrow (R11, R24).
  campaigns: ({ book, user, now, budget, slotKey }) => sendQueuedCampaigns({ book, user, now, budget, slotKey }),
  upkeep: upkeepRunner,
  // "weekly@2026-W48" writes W48's report; a missed slot is caught up once at the next tick (R33, R35, R19).
  weekly: reportRunner("weekly"),
  midweek: reportRunner("midweek"),
  "monthly-a": reportRunner("monthly-a"),
};

/**
 * Outreach menus (issue 8) go through the RPC handlers, so the caller's role is checked as in the sidebar
 * (sending, importing and the dashboard are boss/assistant actions). The toast shows the counts.
 */
function outreachMenu(method: string, doneKey: "campaign.sent" | "dashboard.done" | "import.done"): string {
  const book = activeBook();
  const result = dispatch(HANDLERS, method, "{}", book, currentUserEmail(), new Date());
  const counts = result.ok ? (result.data as Record<string, string | number>) : {};
  if (result.ok) bumpDeskVersion();
  book.toast(result.ok ? t(readLanguageSetting(book), doneKey, counts) : result.error);
  return JSON.stringify(result);
}

/** Menu: send this user's queued campaign mail now, within today's quota (the rest waits for the next days). */
function menuSendCampaignsNow(): string {
  return outreachMenu("campaignSendNow", "campaign.sent");
}

/** Menu: rebuild the Dashboard sheet (R13, R17). */
function menuRefreshDashboard(): string {
  return outreachMenu("dashboardRefresh", "dashboard.done");
}

/** Menu: import the Import sheet's new rows (R21). */
function menuImportSheet(): string {
  return outreachMenu("importSheet", "import.done");
}

/** The hourly time-driven trigger: runs what Settings says is due (pulls, reports), under one lock. */
function heartbeat(): string {
  // An offboarded colleague's trigger can no longer open the book: it removes itself and stops (R29).
  const book = bookOrRetire();
  if (!book)
    return JSON.stringify({ user: currentUserEmail(), ran: [], skippedSlots: [], stopped: "no-access", problems: [] });
  const report: HeartbeatReport = runHeartbeat(book, currentUserEmail(), new Date(), new Budget(), SCHEDULED_JOBS);
  // Mail pulled, due dates refreshed, campaigns sent: open sidebars fetch their desk again.
  if (report.ran.length > 0) bumpDeskVersion();
  return JSON.stringify(report);
}

/** Menu: pull this user's mail now, with a progress toast. */
function menuPullNow(): string {
  const book = activeBook();
  const lang = readLanguageSetting(book);
  const user = currentUserEmail();
  if (!mayPullMail(book, user)) {
    const message = t(lang, "pull.denied", { email: user || "(anonymous)" });
    book.toast(message);
    return JSON.stringify({ refused: message });
  }
  const result = withDocumentLock(() =>
    pullMailbox({
      book,
      mailbox: user,
      now: new Date(),
      budget: new Budget(),
      progress: (done, total) => {
        if (done === total || done % 50 === 0) book.toast(t(lang, "pull.progress", { done, total }));
      },
    }),
  );
  const counts = {
    inquiries: result.newInquiries,
    buyers: result.newBuyers,
    replies: result.repliesMatched,
    skipped: Object.values(result.skipped).reduce((a, b) => a + b, 0),
  };
  book.toast(t(lang, result.partial ? "pull.partial" : "pull.done", counts));
  // Open sidebars see the new inquiries at their next check (a minute or two).
  bumpDeskVersion();
  return JSON.stringify(result);
}

/**
 * The same access table the menu is built from, checked when an item runs that no RPC checks: a refusal toast
 * in the person's language, or undefined when they may.
 */
function refusedMenu(book: GoogleAppsScript.Spreadsheet.Spreadsheet, fn: string): string | undefined {
  const item = MENU.find((i) => i.fn === fn);
  if (!item?.action) return undefined;
  const audience = menuAudience(book, currentUserEmail());
  if (audience.kind === "staff" && decide(audience.actor, item.action).ok) return undefined;
  const lang = readLanguageSetting(book);
  const message = t(lang, "auth.notAllowed", { action: t(lang, `action.${item.action}`) });
  book.toast(message);
  return JSON.stringify({ refused: message });
}

/** Menu: run what is due now (the heartbeat, by hand). */
function menuRunDueNow(): string {
  return refusedMenu(activeBook(), "menuRunDueNow") ?? heartbeat();
}

/** Onboarding (R29, R30) for the CLI and scripts: the "onboard" RPC, with its role checks. */
function staffOnboard(payloadJson: string): string {
  return rpc("onboard", payloadJson);
}

/** Offboarding (R29) for the CLI and scripts: the "offboard" RPC, with its role checks. */
function staffOffboard(payloadJson: string): string {
  return rpc("offboard", payloadJson);
}

/** Installable on-edit trigger (R33, R34): logs the owner's own hand edits of owner and grade. */
function onEditAudit(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  return JSON.stringify({ logged: auditEdit(e, new Date()) });
}

/** Menu: install this user's on-edit audit trigger. */
function menuInstallAudit(): string {
  const book = activeBook();
  const result = dispatch(HANDLERS, "installAudit", "{}", book, currentUserEmail(), new Date());
  const lang = readLanguageSetting(book);
  if (result.ok) {
    const state = (result.data as { trigger: string }).trigger;
    book.toast(t(lang, state === "installed" ? "audit.installed" : "audit.already"));
  } else book.toast(result.error);
  return JSON.stringify(result);
}

/**
 * Menu (and CLI): write a report now — this week's or month's, or the one named ("2026-W48", "2026-11").
 * Menu clicks pass no period; anything that is not text is ignored. Boss and assistant only (R33, R34).
 */
function writeReportNow(kind: ReportKind, period: unknown): string {
  const book = activeBook();
  const user = currentUserEmail();
  const chosen = typeof period === "string" && period.trim() !== "" ? period.trim() : undefined;
  const result = withDocumentLock(() => writeReport(kind, { book, now: new Date(), period: chosen, actor: user }));
  book.toast(t(readLanguageSetting(book), "report.written", { name: result.name }));
  return JSON.stringify(result);
}

/** Menu: the Saturday report (R33) now; `weekKey` like "2026-W48" for another week. */
function menuWeeklyReport(weekKey?: string): string {
  return writeReportNow("weekly", weekKey);
}

/** Menu: the Wednesday brief (R35) now; `weekKey` for another week. */
function menuMidweekBrief(weekKey?: string): string {
  return writeReportNow("midweek", weekKey);
}

/** Menu: the monthly A-list (R19) now; `monthKey` like "2026-11" for another month. */
function menuMonthlyA(monthKey?: string): string {
  return writeReportNow("monthly-a", monthKey);
}

/** The sidebar's single server function: google.script.run.rpc(method, payloadJson) -> RpcResult JSON. */
function rpc(method: string, payloadJson: string): string {
  return JSON.stringify(dispatch(HANDLERS, method, payloadJson, activeBook(), currentUserEmail(), new Date()));
}

/** Menu: open the sidebar (my desk, the selected buyer, grading, follow-ups, find/add). */
function menuOpenSidebar(): void {
  showSidebar(readLanguageSetting(activeBook()));
}

/** Menu and CLI: keep Buyers' "Next follow-up" and "Days overdue" current (R20, R23). */
function menuRefreshDue(): string {
  const book = activeBook();
  const refused = refusedMenu(book, "menuRefreshDue");
  if (refused) return refused;
  const result = withDocumentLock(() => refreshDue(book, new Date()));
  const lang = readLanguageSetting(book);
  book.toast(t(lang, "due.refreshed", { changed: result.changed, overdue: result.overdue, today: result.dueToday }));
  return JSON.stringify(result);
}

export const ENTRY_POINTS = {
  staffOnboard,
  staffOffboard,
  onEditAudit,
  menuInstallAudit,
  menuOpenSidebar,
  menuRefreshDue,
  rpc,
  heartbeat,
  menuPullNow,
  menuRunDueNow,
  menuWeeklyReport,
  menuMidweekBrief,
  menuMonthlyA,
  menuSendCampaignsNow,
  menuRefreshDashboard,
  menuImportSheet,
  onOpen,
  onEdit,
  onInstall,
  menuSetup,
  menuStartSchedule,
};
