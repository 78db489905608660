/**
 * Which threads a pull reads (C2): unimported inbox threads of the look-back window, and imported threads of the
 * last days with a message since the last completed pull (a buyer's follow-up, our answer). The watermark is
 * when the last completed pull searched; it moves only when this run reached every thread it found.
 */
import { listThreadIds } from "../../gas/gmail-api";
import { IMPORTED_LABEL, SEARCH_PAGE } from "../../gas/mail";
import { readDocJson, writeDocJson } from "../../gas/properties";

export interface ListedThread {
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
  const fresh = listThreadIds(`in:inbox -label:${labelQuery()} newer_than:${lookbackDays}d`);
  const freshIds = new Set(fresh);
  // An imported thread is read again only when it has a message since the last pull. Gmail matches a search
  // message by message and our reply carries no label, so that is two searches of ids (no thread fetched): the
  // threads with a message since the watermark (after: takes epoch seconds), then — only when some are not
  // fresh — the imported threads of the last days; the steady state is hundreds of quiet imported threads.
  const since = watermark > 0 ? listThreadIds(`after:${Math.floor(watermark / 1000)} newer_than:${RECENT_DAYS}d`) : [];
  const candidates = since.filter((id) => !freshIds.has(id));
  const imported =
    candidates.length > 0 ? new Set(listThreadIds(`label:${labelQuery()} newer_than:${RECENT_DAYS}d`)) : new Set();
  const changed = candidates.filter((id) => imported.has(id));
  return {
    threads: [...fresh.map((id) => ({ id, fresh: true })), ...changed.map((id) => ({ id, fresh: false }))],
    watermark,
    full: fresh.length >= SEARCH_PAGE,
    more: fresh.length >= SEARCH_PAGE || since.length >= SEARCH_PAGE || imported.size >= SEARCH_PAGE,
    startedAt,
  };
}

/** After a run that reached every listed thread (and the search had no more pages): the next run starts here. */
export function advanceWatermark(mailbox: string, listing: Listing, partial: boolean): void {
  if (!partial && !listing.more) writeDocJson(WATERMARK_KEY + mailbox, listing.startedAt);
}

/** Gmail search names a nested label with its slash, quoted when it has spaces. */
function labelQuery(): string {
  return IMPORTED_LABEL.includes(" ") ? `"${IMPORTED_LABEL}"` : IMPORTED_LABEL;
}
