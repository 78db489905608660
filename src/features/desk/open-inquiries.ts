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
 *
 * Two copies: a desk that searched keeps its list in the document cache (in the call's one putAll); the hourly
 * heartbeat, after its job (the pull is one), searches in the background and keeps its list in the script
 * cache (a trigger has no document cache), so the first desk after a pull, or of the morning, need not search.
 */
import { columnLetters, readRanges } from "../../gas/batch-read";
import { bookState } from "../../gas/book-state";
import { documentCache } from "../../gas/cache";
import { mapHeaders } from "../../store/headers";
import { Inquiries } from "../../store/schemas";
import { CACHE_SECONDS } from "../../store/small-tables";

const GEN_KEY = "inquiries.gen";
/** In the document cache (only desks read and write it): put with the call's other entries in one putAll. */
const ROWS_KEY = "bb.inquiries.open";
/** The heartbeat's copy, in the script cache. */
const BACKGROUND_ROWS_KEY = "inquiries.open";
/**
 * A desk's list lives twenty minutes at most (writers nobody marks are caught by then): the small tables' and
 * names' lifetime, so a desk that searched puts it in the same putAll as they. The heartbeat's lives until the
 * next hourly tick replaces it.
 */
const ROWS_SECONDS = CACHE_SECONDS;
const BACKGROUND_ROWS_SECONDS = 3_900;
/** More open rows than this are not remembered by the heartbeat (their IDs would be read one range each). */
const MAX_BACKGROUND_ROWS = 500;
/** An inquiry still waiting for its answer, as a whole-cell pattern over the Status column (any case). */
const OPEN_STATUS = "\\s*new\\s*";

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

/** The token now and the remembered rows if they were found under it (one or two cache reads, ~3 ms each). */
export function recallOpenRows(book: Book): { gen: string | undefined; rows: [number, string][] | undefined } {
  const got = bookState(book.getId()).cachedAll([GEN_KEY, BACKGROUND_ROWS_KEY]);
  const gen = typeof got[GEN_KEY] === "string" ? (got[GEN_KEY] as string) : undefined;
  if (gen === undefined) return { gen, rows: undefined };
  const background = got[BACKGROUND_ROWS_KEY];
  if (fits(background, gen)) return { gen, rows: background.rows };
  let kept: unknown;
  try {
    kept = JSON.parse(documentCache()?.get(ROWS_KEY) ?? "null");
  } catch {
    kept = undefined;
  }
  return { gen, rows: fits(kept, gen) ? kept.rows : undefined };
}

function fits(kept: unknown, gen: string): kept is OpenRows {
  return (kept as OpenRows | undefined)?.gen === gen && Array.isArray((kept as OpenRows).rows);
}

/**
 * The heartbeat's part, after its job: when nothing remembered fits the token (a pull just marked Inquiries
 * written, or the night dropped it all), it searches for the open rows and reads their IDs, and keeps them for
 * the desks. Reads only (no lock). As a desk does, it takes the token before searching — and makes one when
 * there is none (after six hours without a write the script cache has dropped it), which a desk never does:
 * a desk that made the token after its search could remember, as true, a list a pull had just outdated.
 * Returns how many open rows it kept, or undefined when it kept nothing new.
 */
export function refreshOpenRowsInBackground(book: Book): number | undefined {
  const state = bookState(book.getId());
  const got = state.cachedAll([GEN_KEY, BACKGROUND_ROWS_KEY]);
  let gen = typeof got[GEN_KEY] === "string" ? (got[GEN_KEY] as string) : undefined;
  if (gen === undefined) {
    gen = newToken();
    state.putCached(GEN_KEY, gen);
  }
  // Searched already under this token (kept, or too many to keep): the next tick need not search again.
  if ((got[BACKGROUND_ROWS_KEY] as { gen?: string } | undefined)?.gen === gen) return undefined;
  const rows = searchOpenRows(book);
  // Too many (or no Status column): marked searched without rows, which no desk takes for a list.
  const kept = rows === undefined ? { gen, skipped: true } : ({ gen, rows } satisfies OpenRows);
  state.keepCached(BACKGROUND_ROWS_KEY, kept, BACKGROUND_ROWS_SECONDS);
  return rows?.length;
}

/** Every open inquiry's [row, ID]: a search of the Status column and one batched read of the rows' ID cells. */
function searchOpenRows(book: Book): [number, string][] | undefined {
  const sheet = book.getSheetByName(Inquiries.name);
  if (!sheet || sheet.getLastRow() < 2) return sheet ? [] : undefined;
  const map = mapHeaders(Inquiries, sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0]);
  const status = map.index.get("status");
  const id = map.index.get("id");
  if (status === undefined || id === undefined) return undefined;
  const rows = findOpen(sheet, status);
  if (rows.length > MAX_BACKGROUND_ROWS) return undefined;
  const ids = readRanges(
    book,
    rows.map((row) => ({ sheet, row, column: id + 1, rows: 1, columns: 1 })),
  );
  return rows.flatMap((row, i): [number, string][] => {
    const value = String(ids[i]?.[0]?.[0] ?? "").trim();
    return value ? [[row, value]] : [];
  });
}

/** The rows whose Status (0-based column) says open, by a TextFinder over that column. */
export function findOpen(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number): number[] {
  const letters = columnLetters(column + 1);
  return sheet
    .getRange(`${letters}2:${letters}`)
    .createTextFinder(`^(?:${OPEN_STATUS})$`)
    .useRegularExpression(true)
    .matchEntireCell(true)
    .findAll()
    .map((r) => r.getRow());
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
