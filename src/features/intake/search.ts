/**
 * Which threads a pull reads (C2): unimported inbox threads of the look-back window, and imported threads of the
 * last days with a message since the last completed pull (a buyer's follow-up, our answer). The watermark is
 * when the last completed pull searched; it moves only when this run reached every thread it found.
 */
import { IMPORTED_LABEL, SEARCH_PAGE, searchThreads } from "../../gas/mail";
import { readDocJson, writeDocJson } from "../../gas/properties";

type Thread = GoogleAppsScript.Gmail.GmailThread;

export interface ListedThread {
  thread: Thread;
  id: string;
  /** Not labelled imported yet (the run labels it once its messages are rows). */
  fresh: boolean;
}

export interface Listing {
  threads: ListedThread[];
  /** When the last completed pull searched (ms); 0 before the first. */
  watermark: number;
  /** A full page of unimported threads: this run cannot take them all (the result says partial). */
  full: boolean;
  /** A full search page of either search: more is left for the next run. */
  more: boolean;
  startedAt: number;
}

const WATERMARK_KEY = "pull.watermark.";
/** Imported threads are re-read this long for new messages (a buyer's follow-up, our reply). */
const RECENT_DAYS = 3;

export function listThreads(mailbox: string, now: Date, lookbackDays: number): Listing {
  const watermark = readDocJson<number>(WATERMARK_KEY + mailbox, 0);
  const startedAt = now.getTime();
  const fresh = withIds(searchThreads(`in:inbox -label:${labelQuery()} newer_than:${lookbackDays}d`));
  const recent = watermark > 0 ? withIds(searchThreads(`label:${labelQuery()} newer_than:${RECENT_DAYS}d`)) : [];
  const freshIds = new Set(fresh.map((t) => t.id));
  // An imported thread is fetched again only when it has a message since the last pull (one cheap accessor
  // per thread instead of every message's fields): the steady state is hundreds of quiet imported threads.
  const changed = recent.filter((t) => !freshIds.has(t.id) && t.thread.getLastMessageDate().getTime() > watermark);
  return {
    threads: [...fresh.map((t) => ({ ...t, fresh: true })), ...changed.map((t) => ({ ...t, fresh: false }))],
    watermark,
    full: fresh.length >= SEARCH_PAGE,
    more: fresh.length >= SEARCH_PAGE || recent.length >= SEARCH_PAGE,
    startedAt,
  };
}

/** After a run that reached every listed thread (and the search had no more pages): the next run starts here. */
export function advanceWatermark(mailbox: string, listing: Listing, partial: boolean): void {
  if (!partial && !listing.more) writeDocJson(WATERMARK_KEY + mailbox, listing.startedAt);
}

/** Each thread's id, read once (every getId is a Gmail call). */
function withIds(threads: Thread[]): { thread: Thread; id: string }[] {
  return threads.map((thread) => ({ thread, id: thread.getId() }));
}

/** Gmail search names a nested label with its slash, quoted when it has spaces. */
function labelQuery(): string {
  return IMPORTED_LABEL.includes(" ") ? `"${IMPORTED_LABEL}"` : IMPORTED_LABEL;
}
