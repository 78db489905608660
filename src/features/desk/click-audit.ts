/**
 * Audit lines (R33, R34) for the sidebar's clicks. A grade or a follow-up already writes four cells and a
 * Follow-ups row; writing its Log line at once would be the sixth Sheets call of a click. So the line is
 * queued in document properties (durable, shared, written under the document lock) and the queue is written
 * to the Log in ONE append by an open sidebar's next check for news (every minute or two), "Refresh due dates",
 * or once it holds FLUSH_AT lines. Each line keeps the time of the action, so the Log reads true.
 */

import { documentCache } from "../../gas/cache";
import { withDocumentLock } from "../../gas/lock";
import {
  deleteDocProperty,
  readDocJson,
  readDocProperties,
  readDocProperty,
  writeDocProperties,
  writeDocProperty,
} from "../../gas/properties";
import { appendLog, type LogLine } from "../../store/log";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

const QUEUE_KEY = "audit.queue";
/**
 * The desk's version: changed by every job and click that changes what a desk shows (mail pulled, a grade, a
 * follow-up, due dates refreshed…). An open sidebar asks for it every minute or two — one property read —
 * and fetches its desk again only when it moved.
 */
const VERSION_KEY = "desk.version";
/**
 * The same version, and whether lines wait, in the document cache: a desk read takes them with its header
 * look-up (no property read). Only a hint — when it is missing the desk says version "" and the sidebar's next
 * check (which reads the property) fetches once more.
 */
export const DESK_STATE_CACHE_KEY = "bb.deskState";
/** Well under the 9 KB a property value may hold (about 150 characters a line). */
export const FLUSH_AT = 25;

interface QueuedLine {
  at: string;
  user: string;
  action: string;
  target: string;
  detail: string;
}

function readQueue(): QueuedLine[] {
  const parsed = readDocJson<unknown>(QUEUE_KEY, []);
  return Array.isArray(parsed) ? (parsed as QueuedLine[]) : [];
}

/** Queues one Log line; call while holding the document lock. Flushes when the queue is long. */
export function queueAudit(book: Book, entry: LogLine): void {
  const queue = readQueue();
  queue.push({
    at: (entry.at ?? new Date()).toISOString(),
    user: entry.user,
    action: entry.action,
    target: entry.target,
    detail: entry.detail.slice(0, 200),
  });
  if (queue.length >= FLUSH_AT) {
    writeLines(book, queue);
    deleteDocProperty(QUEUE_KEY);
    bumpDeskVersion();
  } else {
    // A click that queues a line changed the desk: the version moves in the same property write.
    const version = nextVersion();
    writeDocProperties({ [QUEUE_KEY]: JSON.stringify(queue), [VERSION_KEY]: version });
    cacheState(version, true);
  }
}

function cacheState(version: string, queued: boolean): void {
  try {
    documentCache()?.put(DESK_STATE_CACHE_KEY, JSON.stringify({ version, queued }), 21_600);
  } catch {
    // A hint only (see DESK_STATE_CACHE_KEY).
  }
}

/** The desk state as cached (see DESK_STATE_CACHE_KEY): version "" and nothing queued when unknown. */
export function cachedDeskState(text: string | null | undefined): { version: string; queued: boolean } {
  try {
    const parsed = JSON.parse(text ?? "") as { version?: unknown; queued?: unknown };
    return { version: String(parsed.version ?? ""), queued: parsed.queued === true };
  } catch {
    return { version: "", queued: false };
  }
}

function nextVersion(): string {
  return `${Date.now().toString(36)}.${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Marks the desk data changed (call after a job wrote inquiries, buyers or follow-ups). */
export function bumpDeskVersion(): void {
  try {
    const version = nextVersion();
    writeDocProperty(VERSION_KEY, version);
    cacheState(version, false);
  } catch {
    // Not worth failing a job over: open sidebars also refresh on their own every few minutes.
  }
}

/** The desk's current version ("" before anything changed it) and whether Log lines wait: one property read. */
export function deskState(): { version: string; queued: boolean } {
  const all = readDocProperties();
  return { version: all[VERSION_KEY] ?? "", queued: (all[QUEUE_KEY] ?? "") !== "" };
}

/** Writes queued lines to the Log. `locked` when the caller already holds the document lock. */
export function flushAudit(book: Book, locked = false): number {
  const run = () => {
    const queue = readQueue();
    if (queue.length === 0) return 0;
    writeLines(book, queue);
    deleteDocProperty(QUEUE_KEY);
    cacheState(readDocProperty(VERSION_KEY) ?? "", false);
    return queue.length;
  };
  if (locked) return run();
  // A cheap look first: most views find nothing queued and need no lock.
  if (readQueue().length === 0) return 0;
  return withDocumentLock(run, 5000);
}

function writeLines(book: Book, lines: QueuedLine[]): void {
  appendLog(
    book,
    lines.map((l) => ({ ...l, at: new Date(l.at) })),
  );
}
