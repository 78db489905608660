/**
 * The on-demand program: the entry points that run a few times a day (menus, triggers, jobs) and the RPCs the
 * sidebar calls rarely, built into the project file Program.html and evaluated only by the executions that
 * need it (src/gas/program.ts). Code.js (src/entry.ts) calls in by name (src/program-points.ts).
 */

import { Budget } from "./app/budget";
import { callerLanguage, mayPullMail, maySetUp } from "./app/guards";
import { recordBeat } from "./app/heartbeats";
import { readLanguageSetting } from "./app/language";
import { refusedEntry } from "./app/refused-entry";
import type { JobName } from "./domain/schedule";
import { bumpDeskVersion, refreshDue } from "./features/desk";
import { pullMailbox, reexamineBuyers, reexamineMessage } from "./features/intake";
import { sendQueuedCampaigns } from "./features/outreach";
import { templateProblemsInRows } from "./features/quotes";
import { isFinished, type ReportKind, reportRunner, reportWriter, writeReport } from "./features/reports";
import {
  digestRunner,
  type HeartbeatReport,
  type JobSpec,
  runHeartbeat,
  startSchedule,
  UPKEEP_PART_MIN_MS,
  upkeepRunner,
} from "./features/schedule";
import { setupWorkbook } from "./features/setup";
import { draftHandoverIntros, installAuditTrigger } from "./features/staff";
import { activeBook } from "./gas/book";
import { locateBook } from "./gas/book-locator";
import { bookState } from "./gas/book-state";
import { withDocumentLock } from "./gas/lock";
import { MENU, rememberLanguage } from "./gas/menu";
import { registerProgram } from "./gas/program";
import { clearContinuations, removeAllMyTriggers, requestContinuation } from "./gas/schedule-triggers";
import { activeUserEmailIfAllowed, currentUserEmail } from "./gas/session";
import { t } from "./i18n";
import type { ProgramPointName } from "./program-points";
import { RESIDENT_POINTS } from "./resident";
import { HANDLERS } from "./rpc/handlers";
import { dispatch } from "./rpc/server";

/** A typo in a template is shown to the person who typed it, as they save (a buyer never reads "{compnay}"). */
export function checkEditedTemplates(first: number, last: number): void {
  const book = activeBook();
  const lang = callerLanguage(book, activeUserEmailIfAllowed(), new Date());
  const problems = templateProblemsInRows(book, first, last, lang);
  if (problems.length > 0) book.toast(problems.slice(0, 3).join("\n"), t(lang, "tmpl.checkTitle"), 20);
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
  // The manager setting up owns the book's on-edit audit (R33, R34) from the start.
  installAuditTrigger(book);
  const lang = readLanguageSetting(book);
  const message = t(lang, "setup.done", { created: result.created.length, upgraded: result.upgraded.length });
  book.toast(message, t(lang, "setup.title"));
  return JSON.stringify(result);
}

/** Menu: start the schedule (this user's one hourly heartbeat). */
function menuStartSchedule(): string {
  const book = activeBook();
  const refused = refusedMenu(book, "menuStartSchedule");
  if (refused) return refused;
  const lang = readLanguageSetting(book);
  const state = startSchedule(book, currentUserEmail(), new Date());
  book.toast(t(lang, state === "installed" ? "heartbeat.installed" : "heartbeat.already"));
  return state;
}

/** The reports are the writer's (R33): another person's tick leaves them, without reading a sheet. */
const writerOnly: JobSpec["notFor"] = (user, config, staff) => {
  const writer = reportWriter(config, staff);
  return writer === user.toLowerCase()
    ? undefined
    : `reports are written by ${writer || "nobody (no assistant in Staff)"}`;
};

/** Only salespeople get the morning digest, unless they turned it off (Staff "Digest"). */
const digestNotFor: JobSpec["notFor"] = (user, _config, staff) => {
  const me = staff.find((s) => s.email.trim().toLowerCase() === user.toLowerCase());
  if (me?.role !== "salesperson") return "the digest is for salespeople";
  return me.digest === "off" ? "digest turned off in Staff" : undefined;
};

/**
 * R29: introductions owed to buyers handed to this person, drafted in their own mailbox after their pull; a
 * failure here is reported with the pull's result, never a reason to pull again.
 */
function handoverIntros(book: GoogleAppsScript.Spreadsheet.Spreadsheet, user: string, now: Date) {
  try {
    return draftHandoverIntros(book, user, now);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The pull, recording for the boss whose mail was pulled in full and when (a pull cut short by the time
 * budget continues at the next slot and does not count as done).
 */
const pullJob: JobSpec["run"] = ({ book, user, now, budget }) => {
  const state = bookState(book.getId());
  try {
    const result = pullMailbox({ book, mailbox: user, now, budget });
    recordBeat(state, user, {
      pullTriedAt: now.getTime(),
      pullError: "",
      ...(result.partial ? {} : { pulledAt: now.getTime() }),
    });
    return { ...result, handoverIntros: handoverIntros(book, user, now) };
  } catch (e) {
    recordBeat(state, user, { pullTriedAt: now.getTime(), pullError: (e as Error).message });
    throw e;
  }
};

/**
 * The jobs the heartbeat may run, by schedule name (src/domain/schedule.ts JOB_NAMES; times from Settings), with
 * the least time each needs to start. The pull and the campaign send allocate IDs while they read mail, so they
 * hold the lock for their run; the upkeep takes it part by part; the digest and the reports write no sheet.
 */
const SCHEDULED_JOBS: Partial<Record<JobName, JobSpec>> = {
  pull: { run: pullJob, perUser: true, lockWhole: true, minMs: 60_000 },
  // Each person's queued campaign mail, within their daily quota; what does not fit goes tomorrow (R11, R24).
  campaigns: {
    run: ({ book, user, now, budget, slotKey }) => sendQueuedCampaigns({ book, user, now, budget, slotKey }),
    perUser: true,
    lockWhole: true,
    minMs: 60_000,
  },
  upkeep: { run: upkeepRunner, minMs: UPKEEP_PART_MIN_MS },
  digest: { run: digestRunner, perUser: true, minMs: 20_000, notFor: digestNotFor },
  // "weekly@2026-W48" writes (a slice of) W48's report; a missed slot is caught up once (R33, R35, R19).
  weekly: { run: reportRunner("weekly"), minMs: 40_000, notFor: writerOnly },
  midweek: { run: reportRunner("midweek"), minMs: 40_000, notFor: writerOnly },
  "monthly-a": { run: reportRunner("monthly-a"), minMs: 40_000, notFor: writerOnly },
};

/**
 * Outreach menus go through the RPC handlers, so the caller's role is checked as in the sidebar
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

/**
 * Menu: go over the Buyers rows already in the book (R21, R22): empty fields filled from what each row says,
 * possible duplicates flagged (never merged), in batches; a run stopped by the time budget is continued by the next.
 */
function menuReexamineBuyers(): string {
  const book = activeBook();
  const refused = refusedMenu(book, "menuReexamineBuyers");
  if (refused) return refused;
  const user = currentUserEmail();
  const now = new Date();
  const result = withDocumentLock(() => reexamineBuyers({ book, user, now, budget: new Budget() }));
  book.toast(reexamineMessage(callerLanguage(book, user, now), result));
  bumpDeskVersion();
  return JSON.stringify(result);
}

/**
 * The hourly time-driven trigger: runs what Settings says is due, one job a tick. A bound script's trigger has its
 * spreadsheet; an add-on's opens the one stored for it. Work left over is continued by a one-off trigger where
 * the deployment allows one (a bound script), else at the next tick.
 */
function heartbeat(e?: { triggerUid?: string }): string {
  const user = currentUserEmail();
  const stopped = (why: HeartbeatReport["stopped"]): string =>
    JSON.stringify({ user, ran: [], passed: [], deferred: [], skippedSlots: [], stopped: why, problems: [] });
  const found = locateBook(e?.triggerUid);
  if (found.kind === "no-access") {
    // An offboarded colleague's trigger can no longer open the book: it removes itself and stops (R29).
    removeAllMyTriggers();
    return stopped("no-access");
  }
  if (found.kind === "none") return stopped("no-book");
  const report: HeartbeatReport = runHeartbeat(found.book, user, new Date(), new Budget(), SCHEDULED_JOBS);
  if (report.continuation === "next-tick" && requestContinuation(60_000)) report.continuation = "trigger";
  // Mail pulled, due dates refreshed, campaigns sent: open sidebars fetch their desk again.
  if (report.ran.length > 0) bumpDeskVersion();
  return JSON.stringify(report);
}

/** The one-off continuation trigger (bound script only): removes itself, then runs the heartbeat again. */
function heartbeatContinue(e?: { triggerUid?: string }): string {
  clearContinuations();
  return heartbeat(e);
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
 * The same access table the menu is built from (gas/menu MENU), checked when an item runs that no RPC checks:
 * the caller's refusal in their language (see refusedEntry), or undefined when they may.
 */
function refusedMenu(book: GoogleAppsScript.Spreadsheet.Spreadsheet, fn: string): string | undefined {
  const action = MENU.find((i) => i.fn === fn)?.action;
  return action ? refusedEntry(book, action) : undefined;
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

/** Menu: make this manager's on-edit trigger the book's audit (R33, R34). */
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
  const refused = refusedEntry(book, "report.write");
  if (refused) return refused;
  const user = currentUserEmail();
  const chosen = typeof period === "string" && period.trim() !== "" ? period.trim() : undefined;
  // No lock: a report reads the sheets and writes only its Doc (and its own progress), so sidebars go on.
  const result = writeReport(kind, { book, now: new Date(), period: chosen, actor: user });
  const lang = readLanguageSetting(book);
  book.toast(
    isFinished(result)
      ? t(lang, "report.written", { name: result.name })
      : t(lang, "report.continues", { slices: result.slices }),
  );
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

/** The entry points the program answers (src/program-points.ts lists them for Code.js). */
export const PROGRAM_POINTS = {
  staffOnboard,
  staffOffboard,
  menuInstallAudit,
  menuRefreshDue,
  rpc,
  heartbeat,
  heartbeatContinue,
  menuPullNow,
  menuRunDueNow,
  menuWeeklyReport,
  menuMidweekBrief,
  menuMonthlyA,
  menuSendCampaignsNow,
  menuRefreshDashboard,
  menuImportSheet,
  menuReexamineBuyers,
  menuSetup,
  menuStartSchedule,
} satisfies Record<ProgramPointName, (...args: never[]) => unknown>;

registerProgram({ PROGRAM_POINTS, checkEditedTemplates });

/** Every entry point in one module graph (Node, the tests): Code.js's own and the program's, with the full rpc. */
export const ENTRY_POINTS = { ...RESIDENT_POINTS, ...PROGRAM_POINTS };
