/**
 * Starting a person's schedule: their hourly heartbeat pulls their mail three times a day and sends their
 * morning digest, so a salesperson who never started it is missed silently. The menu item and the sidebar's
 * offer both come here.
 */
import { entryRefusal } from "../../app/guards";
import { recordBeat } from "../../app/heartbeats";
import { rememberBook } from "../../gas/book-locator";
import { bookState } from "../../gas/book-state";
import { withDocumentLock } from "../../gas/lock";
import { triggerIdsOf } from "../../gas/schedule-triggers";
import { ensureHeartbeat, HEARTBEAT_HANDLER } from "../../gas/triggers";
import { allowSelfAway } from "../setup";
import { installAuditTrigger } from "../staff";
import { markScheduleStart } from "./heartbeat";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type StartResult = ReturnType<typeof ensureHeartbeat>;

export function startSchedule(book: Book, user: string, now: Date): StartResult {
  const state = ensureHeartbeat();
  // An add-on's hourly trigger has no open spreadsheet: it finds this book by the id stored here.
  rememberBook(book, triggerIdsOf(HEARTBEAT_HANDLER));
  markScheduleStart(book, now);
  // Until its first tick the schedule counts as running: the sidebar stops offering it at once.
  recordBeat(bookState(book.getId()), user, { startedAt: now.getTime() });
  // The book's on-edit audit belongs to a manager: the boss or assistant starting the schedule owns it, and
  // re-aligns the protections (each salesperson's away cells, the owner columns over today's rows).
  if (entryRefusal(book, user, "audit.install", now) === undefined) {
    installAuditTrigger(book);
    withDocumentLock(() => allowSelfAway(book));
  }
  return state;
}
