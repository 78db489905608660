/**
 * Lower bounds of round trips, computed from the work a scenario has to do — which sheets it must read or
 * write, where the rows it needs lie (contiguous blocks), how many threads it must read — never from the
 * code's own steps. The counted round trips are the calls that reach Google's servers with data: Sheets
 * reads, writes, searches and structural edits; Gmail searches, message fetches, label, draft and send calls;
 * Docs creation and saving. Metadata and accessor calls (getLastRow, getFrom…) are in the totals, not here.
 */

export const ROUND_TRIP_TYPES = [
  "Spreadsheet.read",
  "Spreadsheet.write",
  "Spreadsheet.find",
  "Spreadsheet.structure",
  "Gmail.search",
  "Gmail.read",
  "Gmail.label",
  "Gmail.draft",
  "Gmail.send",
];

/** Cost-table figures the block rule uses: a read call ~50 ms, a read cell ~0.01 ms. */
const READ_CALL_MS = 50;
const READ_CELL_MS = 0.01;

/**
 * Contiguous blocks a reader of `rows` (sheet rows) `width` columns wide needs at the least: two runs of rows
 * share one read when the rows between them cost less to read along than another call.
 */
export function readBlocks(rows: readonly number[], width: number): number {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const gapRows = READ_CALL_MS / READ_CELL_MS / Math.max(1, width);
  let blocks = 0;
  for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] - sorted[i - 1] - 1 > gapRows) blocks += 1;
  return blocks;
}

/** Contiguous runs of rows (writes cannot read along: each run is its own call). */
export function writeBlocks(rows: readonly number[]): number {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  return sorted.filter((r, i) => i === 0 || r !== sorted[i - 1] + 1).length;
}

export interface Work {
  /** Per sheet read: its blocks (or 1 for "all the rows of some columns"), and whether rows must be found first. */
  reads?: { sheet: string; blocks: number; locate?: boolean }[];
  /** Per sheet written: its contiguous blocks. */
  writes?: { sheet: string; blocks: number }[];
  /** Rows inserted or deleted (per contiguous run), sheets created. */
  structural?: number;
  gmail?: { searched?: number; threadsRead?: number; threadsLabelled?: number; sent?: number; drafts?: number };
}

export interface Bound {
  calls: number;
  why: string;
}

/**
 * The fewest calls: any set of rows of a sheet can be read in one call (the span around them), and written in
 * one (the span, with the cells between re-written as just read), so each sheet read or written costs one
 * call, plus one search where the rows must be found first. The blocks are named beside it: they are what a
 * cost-aware reader pays in calls instead of reading the gaps along (see readBlocks).
 */
export function lowerBound(work: Work): Bound {
  const parts: string[] = [];
  let calls = 0;
  for (const r of work.reads ?? []) {
    if (r.blocks === 0 && !r.locate) continue;
    calls += (r.blocks > 0 ? 1 : 0) + (r.locate ? 1 : 0);
    parts.push(
      `${r.sheet} ${r.locate ? "find + " : ""}${r.blocks > 0 ? `read (rows in ${r.blocks} block${r.blocks === 1 ? "" : "s"})` : "no rows"}`,
    );
  }
  for (const w of work.writes ?? []) {
    if (w.blocks === 0) continue;
    calls += 1;
    parts.push(`${w.sheet} write (${w.blocks} block${w.blocks === 1 ? "" : "s"})`);
  }
  if (work.structural) {
    calls += work.structural;
    parts.push(`${work.structural} structural`);
  }
  const g = work.gmail;
  if (g) {
    const search = g.searched ? Math.ceil(g.searched / 500) : 0;
    // The Gmail API fetches one thread a call (threads.get; UrlFetchApp.fetchAll sends many at once, but each is a call) and labels
    // up to 1,000 messages a call (Messages.batchModify, at least one message a thread), after the label lookup.
    const read = g.threadsRead ?? 0;
    const label = g.threadsLabelled ? 1 + Math.ceil(g.threadsLabelled / 1000) : 0;
    calls += search + read + label + (g.sent ?? 0) + (g.drafts ?? 0);
    parts.push(`Gmail ${search} search page(s), ${read} thread fetch(es), ${label} label call(s)`);
  }
  return { calls: Math.max(1, calls), why: parts.join("; ") };
}
