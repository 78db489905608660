import type { Budget } from "../../app/budget";
import { bookState } from "../../gas/book-state";
import { archiveOldRows } from "../archive";
import { refreshDue } from "../desk";
import { refreshDashboardJob } from "../outreach";
import { expireQuotes } from "../quotes";
import { returnFromAway } from "../staff";
import type { JobRunner } from "./heartbeat";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The upkeep's parts in the order they run: each reads its sheets once and writes what changed. */
const PARTS: [string, (book: Book, now: Date, budget: Budget) => unknown][] = [
  // People back from a trip take their work back first (R6), so the due dates below see the right owners.
  ["returned", (book, now) => returnFromAway(book, now)],
  ["due", (book, now) => refreshDue(book, now)],
  ["dashboard", (book, now) => refreshDashboardJob({ book, now })],
  ["quotes", (book, now) => expireQuotes(book, now)],
  // Last, with what is left of the tick: old rows to the yearly archives, in batches that stop within the
  // budget (a bigger backlog goes on at the next day's upkeep).
  ["archive", (book, now, budget) => archiveOldRows({ book, now, budget })],
];

/** The least time a part is started with: the largest (due dates over every buyer) takes well under this. */
export const UPKEEP_PART_MIN_MS = 45_000;
const PROGRESS_KEY = "upkeep.progress";

/**
 * A part's result as kept between ticks: counts and short values only. A property value holds at most 9 KB, and
 * on a lived-in book a part's full result (every buyer it changed, every archived row) is far larger.
 */
export function compactResult(result: unknown): unknown {
  if (result === null || typeof result !== "object") return result;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
    if (Array.isArray(value)) out[key] = value.length <= 5 && JSON.stringify(value).length <= 300 ? value : value.length;
    else if (typeof value === "string") out[key] = value.length <= 300 ? value : `${value.slice(0, 297)}...`;
    else if (value === null || typeof value !== "object") out[key] = value;
    else out[key] = JSON.stringify(value).length <= 300 ? value : compactResult(value);
  }
  return out;
}

interface Progress {
  slot: string;
  results: Record<string, unknown>;
}

/**
 * The daily upkeep the heartbeat runs (Settings "upkeep.daily"): people back from a trip take their work back
 * (R6), every buyer's next follow-up and days overdue are current in the sheet (R20, R23), the dashboard shows
 * today's figures (R17), and quotes past their validity are marked expired. Part by part, each holding the lock
 * only for its own run; a part that no longer fits the tick's time is left for the next tick, which goes on
 * where this one stopped (the parts done are remembered in the book's state).
 */
export const upkeepRunner: JobRunner = ({ book, now, budget, slotKey, withLock }) => {
  const state = bookState(book.getId());
  const saved = state.get<Progress | null>(PROGRESS_KEY, null);
  const progress: Progress = saved?.slot === slotKey ? saved : { slot: slotKey, results: {} };
  for (const [name, part] of PARTS) {
    if (name in progress.results) continue;
    if (!budget.has(UPKEEP_PART_MIN_MS)) return { done: false, ...progress.results };
    progress.results[name] = compactResult(withLock(() => part(book, now, budget)));
    state.set(PROGRESS_KEY, progress);
  }
  state.delete(PROGRESS_KEY);
  return progress.results;
};
