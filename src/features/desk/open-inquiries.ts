/**
 * Where the open inquiries (status "new") are, remembered between desks so that most desks need no search over
 * Inquiries' Status column (a TextFinder over 100,000 cells is ~0.2 s of a one-second open).
 *
 * Only the mail pull writes an inquiry open (a new conversation, or an answered one the buyer wrote to
 * again), and people typing in the sheet. Each of those marks the inquiries written: a new token in the
 * script cache ("inquiries.gen"; the script cache because an add-on's hourly pull has no document cache). A
 * desk that searched remembers the rows it found under the token it saw BEFORE searching, so a pull that
 * lands meanwhile leaves the memory stale-marked, never stale-trusted. Everything else — an answer, a sort,
 * rows inserted or deleted, the archive moving rows out — is caught by reading the remembered rows: a row
 * that no longer carries its inquiry's ID makes the desk search again. A writer this does not know of (another
 * script) is bounded by the memory's lifetime.
 */
import { bookState } from "../../gas/book-state";
import { documentCache } from "../../gas/cache";
import { CACHE_SECONDS } from "../../store/small-tables";

const GEN_KEY = "inquiries.gen";
/** In the document cache (only desks read and write it): put with the call's other entries in one putAll. */
const ROWS_KEY = "bb.inquiries.open";
/**
 * A remembered list lives twenty minutes at most (writers nobody marks are caught by then): the small tables'
 * and names' lifetime, so a desk that searched puts it in the same putAll as they.
 */
const ROWS_SECONDS = CACHE_SECONDS;

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface OpenRows {
  /** The token current when the search ran. */
  gen: string;
  /** [sheet row, inquiry ID] of each open inquiry found. */
  rows: [number, string][];
}

/**
 * Marks Inquiries written: remembered open rows no longer count. Call it once the rows are committed (read
 * back, as checked writes are, or flushed): a desk that saw the new token before the rows were in the sheet
 * would search too early and remember the list without them under the new token.
 */
export function markInquiriesWritten(book: Book): void {
  // Not swallowed: a mark that did not land would let desks trust a list without the rows just written (a
  // pull that fails here is read again next run; nothing it wrote is lost or written twice).
  bookState(book.getId()).putCached(GEN_KEY, newToken());
}

function newToken(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Puts a token in place when there is none (the script cache drops it after six hours without a write: every
 * night), so the morning's desks remember what they found before the first pull. The hourly heartbeat calls it,
 * never a desk: a desk that made the token after its search could remember, as true, a list that a pull
 * landing meanwhile had already outdated. A token made before a search has no such hole.
 */
export function keepInquiriesTokenAlive(book: Book): void {
  const state = bookState(book.getId());
  if (state.cached<string>(GEN_KEY) === undefined) state.keepCached(GEN_KEY, newToken());
}

/** The token now and the remembered rows if they were found under it (two cache reads, ~3 ms each). */
export function recallOpenRows(book: Book): { gen: string | undefined; rows: [number, string][] | undefined } {
  const token = bookState(book.getId()).cached<unknown>(GEN_KEY);
  const gen = typeof token === "string" ? token : undefined;
  if (gen === undefined) return { gen, rows: undefined };
  let kept: OpenRows | undefined;
  try {
    kept = JSON.parse(documentCache()?.get(ROWS_KEY) ?? "null") as OpenRows | undefined;
  } catch {
    kept = undefined;
  }
  const fits = kept?.gen === gen && Array.isArray(kept.rows);
  return { gen, rows: fits ? kept?.rows : undefined };
}

/** Remembers the open rows a search found, under the token seen before the search (none seen: nothing kept). */
export function rememberOpenRows(gen: string | undefined, rows: [number, string][]): void {
  if (gen === undefined) return;
  try {
    documentCache()?.put(ROWS_KEY, JSON.stringify({ gen, rows } satisfies OpenRows), ROWS_SECONDS);
  } catch {
    // A list too big for one cache entry (100 KB: thousands of open inquiries) is searched for each time.
  }
}
