/**
 * Old rows move from the book to the yearly archive spreadsheets, so a book lived in for years stays under
 * the 10 million cell limit: answered or closed inquiries, follow-ups and expired or rejected quotes older
 * than Settings "archive.afterMonths", and the Log older than "log.keepMonths".
 *
 * Nothing is lost, and nothing is copied twice. Each batch is:
 *   1. a journal entry in the book's state (which archive, which rows of it the batch will take),
 *   2. the rows appended to the archive,
 *   3. read back from the archive (the verification): only rows found there, equal cell for cell, may leave,
 *   4. the buyers concerned marked with the archive's year ("Archived history"),
 *   5. those rows deleted from the book, then the journal cleared.
 * A run that stops anywhere (the 6-minute limit, an error) leaves the journal; the next run settles it first
 * (steps 3–5 against the archive's block as written) before copying anything, so a row copied but not yet
 * deleted is deleted, never copied again.
 */
import type { Budget } from "../../app/budget";
import { type Config, readConfig } from "../../app/config";
import { archiveCutoff, archiveWindowMonths, CELL_LIMIT, cellsOf } from "../../domain/capacity";
import { zonedParts } from "../../domain/time";
import { bookState } from "../../gas/book-state";
import type { SheetSpec } from "../../store/columns";
import { dateTextParser } from "../../store/date-text";
import { loadTable } from "../../store/load-table";
import { Buyers, FollowUps, Inquiries, Log, Quotes, Settings } from "../../store/schemas";
import { readTableColumns, TableWriter } from "../../store/table";
import { markInquiriesWritten } from "../desk";
import {
  ArchiveBooks,
  ArchiveUnavailable,
  archiveRefs,
  archiveSheet,
  Fingerprints,
  fingerprint,
} from "./archive-books";
import { gridSizes } from "./capacity";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Row = Record<string, unknown>;

const JOURNAL_KEY = "archive.journal";
/** Cells copied per batch: about 12 s of writing (0.08 ms a cell), so several batches fit in a run. */
export const BATCH_CELLS = 150_000;
/** The time one more batch may take (reads, the write, the read-back, deletions), kept free of the budget. */
const BATCH_RESERVE_MS = 60_000;

interface Target {
  spec: SheetSpec;
  dateKey: string;
  /** Columns read besides the date to decide. */
  keys: string[];
  archivable(row: Row): boolean;
  /** Rows of this sheet belong to a buyer (their history): the buyer is marked with the archive's year. */
  buyerKey?: string;
  window: "archive" | "log";
}

export const ARCHIVE_TARGETS: readonly Target[] = [
  {
    spec: Inquiries,
    dateKey: "receivedAt",
    keys: ["status"],
    // Open inquiries stay, however old: someone still owes an answer.
    archivable: (r) => r.status === "replied" || r.status === "closed",
    buyerKey: "buyerId",
    window: "archive",
  },
  {
    spec: FollowUps,
    dateKey: "at",
    keys: ["needsBoss", "bossAnswer"],
    // A question to the boss still unanswered stays in the book.
    archivable: (r) => !(r.needsBoss === true && String(r.bossAnswer ?? "").trim() === ""),
    buyerKey: "buyerId",
    window: "archive",
  },
  {
    spec: Quotes,
    dateKey: "date",
    keys: ["status"],
    archivable: (r) => r.status === "expired" || r.status === "rejected",
    buyerKey: "buyerId",
    window: "archive",
  },
  { spec: Log, dateKey: "at", keys: [], archivable: () => true, window: "log" },
];

/** A batch on its way: the archive block it takes, so a later run can settle it. */
interface Journal {
  sheet: string;
  year: string;
  archiveId: string;
  /** First archive row of the block and its row count. */
  from: number;
  count: number;
}

export interface ArchiveRun {
  windowMonths: number;
  logKeepMonths: number;
  /** Rows moved per sheet. */
  moved: Record<string, number>;
  /** Year -> archive link, for the years written to in this run. */
  archives: Record<string, string>;
  /** Nothing left to archive (false: the budget ran out; the next run goes on). */
  done: boolean;
  problems: string[];
}

/** One candidate row of the book: where it is and the archive year it goes to. */
interface Candidate {
  row: number;
  year: string;
}

interface TargetState {
  target: Target;
  sheet: Sheet;
  cutoff: Date;
  /** Sorted by row; kept up to date as rows are deleted. */
  candidates: Candidate[];
}

/** Runs as many batches as the budget allows. Call holding the document lock. */
export function archiveOldRows(args: { book: Book; now: Date; budget: Budget }): ArchiveRun {
  const { book, now, budget } = args;
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const share = cellsOf(gridSizes(book)) / CELL_LIMIT;
  const afterMonths = Math.max(0, config.reader.number("archive.afterMonths"));
  const logMonths = Math.max(0, config.reader.number("log.keepMonths"));
  const run: ArchiveRun = {
    windowMonths: archiveWindowMonths(afterMonths, share),
    logKeepMonths: archiveWindowMonths(logMonths, share),
    moved: {},
    archives: {},
    done: false,
    problems: [...config.problems],
  };
  const archives = new ArchiveBooks(book);
  const state = bookState(book.getId());
  const pending = state.get<Journal | null>(JOURNAL_KEY, null);
  if (pending) settleJournal(book, config, archives, pending, run);

  const states: TargetState[] = [];
  for (const target of ARCHIVE_TARGETS) {
    const cutoff = archiveCutoff(now, target.window === "log" ? run.logKeepMonths : run.windowMonths);
    const sheet = book.getSheetByName(target.spec.name);
    if (!cutoff || !sheet) continue;
    states.push({ target, sheet, cutoff, candidates: findCandidates(sheet, target, cutoff, config.timeZone) });
  }
  // One batch per sheet in turn, so a first run over years of backlog moves some of every kind.
  for (;;) {
    const open = states.filter((s) => s.candidates.length > 0);
    if (open.length === 0) {
      run.done = true;
      break;
    }
    if (!budget.has(BATCH_RESERVE_MS)) break;
    try {
      for (const state of open) {
        if (!budget.has(BATCH_RESERVE_MS)) break;
        if (!moveBatch(book, config, archives, state, run)) state.candidates = [];
      }
    } catch (e) {
      // Nothing was copied or journaled for that batch: the book keeps its rows, the next run tries again.
      if (!(e instanceof ArchiveUnavailable)) throw e;
      run.problems.push(e.message);
      break;
    }
  }
  const refs = archiveRefs(book.getId());
  for (const year of Object.keys(run.archives)) run.archives[year] = refs[year]?.url ?? "";
  // Rows deleted from Inquiries move the open ones up: desks search again rather than find them moved.
  if (run.moved[Inquiries.name]) markInquiriesWritten(book);
  return run;
}

function yearOf(date: Date, timeZone: string): string {
  return String(zonedParts(date, timeZone).year);
}

/** The rows old enough to go, from one read of the date and deciding columns. */
function findCandidates(sheet: Sheet, target: Target, cutoff: Date, timeZone: string): Candidate[] {
  const keys = [target.dateKey, ...target.keys];
  const table = readTableColumns(sheet, target.spec, keys as never, { parseDateText: dateTextParser(timeZone) });
  const out: Candidate[] = [];
  for (const { row, record } of table.rows) {
    const r = record as Row;
    const date = r[target.dateKey];
    if (!(date instanceof Date) || date.getTime() >= cutoff.getTime() || !target.archivable(r)) continue;
    out.push({ row, year: yearOf(date, timeZone) });
  }
  return out.sort((a, b) => a.row - b.row);
}

/**
 * The next batch: candidates of the first one's year, in sheet order, as many as BATCH_CELLS allows, over a
 * span of rows read in one call (rows kept in between are read along, not copied).
 */
function nextBatch(state: TargetState, width: number): Candidate[] {
  const first = state.candidates[0];
  const maxRows = Math.max(1, Math.floor(BATCH_CELLS / Math.max(1, width)));
  const batch: Candidate[] = [];
  for (const c of state.candidates) {
    if (batch.length >= maxRows || c.row - first.row >= 3 * maxRows) break;
    if (c.year === first.year) batch.push(c);
  }
  return batch;
}

/** Copies, verifies and deletes one batch. False when the sheet should not be tried again in this run. */
function moveBatch(book: Book, config: Config, archives: ArchiveBooks, state: TargetState, run: ArchiveRun): boolean {
  const { sheet, target } = state;
  const width = Math.max(1, sheet.getLastColumn());
  const batch = nextBatch(state, width);
  const top = batch[0].row;
  const span = sheet.getRange(top, 1, batch[batch.length - 1].row - top + 1, width);
  const values = span.getValues();
  const formats = span.getNumberFormats();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0];
  const lines = batch.map((c) => values[c.row - top]);
  const year = batch[0].year;
  const archive = archives.of(year);
  const dest = archiveSheet(archive, target.spec, header);
  const from = Math.max(dest.sheet.getLastRow(), 1) + 1;
  const journal: Journal = { sheet: target.spec.name, year, archiveId: archive.getId(), from, count: lines.length };
  bookState(book.getId()).set(JOURNAL_KEY, journal);
  const spread = <T>(line: readonly T[], blank: T): T[] => {
    const out = new Array<T>(dest.width).fill(blank);
    line.forEach((v, i) => {
      out[dest.toArchive[i]] = v;
    });
    return out;
  };
  const max = dest.sheet.getMaxRows();
  if (from + lines.length - 1 > max) dest.sheet.insertRowsAfter(max, from + lines.length - 1 - max);
  const block = dest.sheet.getRange(from, 1, lines.length, dest.width);
  block.setNumberFormats(batch.map((c) => spread(formats[c.row - top], "General")));
  block.setValues(lines.map((line) => spread(line, "" as unknown)));
  run.archives[year] = "";
  const verified = readBack(dest.sheet, journal, dest.toArchive);
  const copied = lines.filter((line) => verified.take(fingerprint(line)));
  if (copied.length < lines.length)
    run.problems.push(
      `${target.spec.name}: ${lines.length - copied.length} rows did not read back equal from ${archive.getName()}; they stay in the book`,
    );
  markBuyers(book, config, target, header, copied, year, run);
  const gone = deleteVerified(sheet, batch, top, width, new Fingerprints(copied));
  bookState(book.getId()).delete(JOURNAL_KEY);
  run.moved[target.spec.name] = (run.moved[target.spec.name] ?? 0) + gone.length;
  // The candidates below the deleted rows moved up; the ones not deleted are not tried again this run.
  const tried = new Set(batch.map((c) => c.row));
  const deleted = [...gone].sort((a, b) => a - b);
  state.candidates = state.candidates
    .filter((c) => !tried.has(c.row))
    .map((c) => ({ ...c, row: c.row - countBelow(deleted, c.row) }));
  return gone.length > 0 || copied.length === lines.length;
}

/** How many of the sorted rows lie above `row`. */
function countBelow(sorted: readonly number[], row: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The archive block of the journal as it is in the archive now, in the book's column order. */
function readBack(sheet: Sheet, journal: Journal, toArchive: readonly number[]): Fingerprints {
  const last = Math.min(sheet.getLastRow(), journal.from + journal.count - 1);
  if (last < journal.from) return new Fingerprints();
  const width = Math.max(...toArchive, 0) + 1;
  const values = sheet.getRange(journal.from, 1, last - journal.from + 1, width).getValues();
  return new Fingerprints(values.map((line) => toArchive.map((i) => line[i])));
}

/**
 * Deletes the batch rows whose content is verified in the archive, after re-reading them: a row a person
 * changed or moved since the copy stays (it goes, changed, with a later batch). Bottom-up, one call per run
 * of adjacent rows. Returns the deleted rows.
 */
function deleteVerified(sheet: Sheet, batch: Candidate[], top: number, width: number, verified: Fingerprints) {
  const height = batch[batch.length - 1].row - top + 1;
  const now = sheet.getRange(top, 1, height, width).getValues();
  const gone = batch.map((c) => c.row).filter((row) => verified.take(fingerprint(now[row - top])));
  deleteRows(sheet, gone);
  return gone;
}

function deleteRows(sheet: Sheet, rows: readonly number[]): void {
  const sorted = [...rows].sort((a, b) => b - a);
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] - 1) j += 1;
    sheet.deleteRows(sorted[j], j - i + 1);
    i = j + 1;
  }
}

/** Writes the year into "Archived history" of each buyer whose rows were verified in the archive. */
function markBuyers(
  book: Book,
  config: Config,
  target: Target,
  header: readonly unknown[],
  lines: readonly (readonly unknown[])[],
  year: string,
  run: ArchiveRun,
): void {
  if (!target.buyerKey || lines.length === 0) return;
  const at = bookColumn(target.spec, header, target.buyerKey);
  if (at < 0) return;
  const ids = new Set(lines.map((l) => String(l[at] ?? "").trim()).filter((id) => id !== ""));
  const sheet = book.getSheetByName(Buyers.name);
  if (!sheet || ids.size === 0) return;
  const table = readTableColumns(sheet, Buyers, ["id", "archivedIn"], {
    parseDateText: dateTextParser(config.timeZone),
  });
  const writer = new TableWriter(table);
  for (const id of ids) {
    const row = table.byId.get(id);
    if (!row) continue;
    const years = new Set(row.record.archivedIn.match(/\b\d{4}\b/g) ?? []);
    if (years.has(year)) continue;
    years.add(year);
    writer.update(id, { archivedIn: [...years].sort().join(", ") });
  }
  const report = writer.commit();
  for (const u of report.unwritten) run.problems.push(`Buyers ${u.id}: archive year not written (${u.reason})`);
}

function bookColumn(spec: SheetSpec, header: readonly unknown[], key: string): number {
  const column = spec.columns.find((c) => c.key === key);
  if (!column) return -1;
  const wanted = new Set([column.key, column.en, column.zh].map((s) => s.toLowerCase()));
  return header.findIndex((h) =>
    wanted.has(
      String(h ?? "")
        .trim()
        .toLowerCase(),
    ),
  );
}

/**
 * A batch a stopped run left half done: its rows as the archive holds them are the ones that may leave the
 * book. Rows of that sheet and year still in the book with that content are deleted (buyers marked first);
 * rows not in the archive stay and go with a later batch.
 */
function settleJournal(book: Book, config: Config, archives: ArchiveBooks, journal: Journal, run: ArchiveRun): void {
  const target = ARCHIVE_TARGETS.find((t) => t.spec.name === journal.sheet);
  const sheet = book.getSheetByName(journal.sheet);
  const archive = archives.byId(journal.archiveId);
  if (!target || !sheet || !archive) {
    run.problems.push(`The unfinished archive batch of ${journal.sheet} could not be checked; the book keeps its rows`);
    bookState(book.getId()).delete(JOURNAL_KEY);
    return;
  }
  const width = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(1, 1, 1, width).getValues()[0];
  const dest = archiveSheet(archive, target.spec, header);
  const verified = readBack(dest.sheet, journal, dest.toArchive);
  if (verified.size > 0) {
    // Every row of that year that could have been in the batch, whatever the window is today.
    const end = new Date(Date.UTC(Number(journal.year) + 1, 0, 2));
    const candidates = findCandidates(sheet, target, end, config.timeZone).filter((c) => c.year === journal.year);
    const values = new Map<number, unknown[]>();
    const matched: Candidate[] = [];
    // Span by span from the top (the batch was the oldest rows), until every archived copy has its row.
    for (const span of spans(candidates, width)) {
      if (verified.size === 0) break;
      for (const [candidate, line] of readSpan(sheet, span, width)) {
        values.set(candidate.row, line);
        if (verified.take(fingerprint(line))) matched.push(candidate);
      }
    }
    markBuyers(
      book,
      config,
      target,
      header,
      matched.map((c) => values.get(c.row)!),
      journal.year,
      run,
    );
    deleteRows(
      sheet,
      matched.map((c) => c.row),
    );
    run.moved[journal.sheet] = (run.moved[journal.sheet] ?? 0) + matched.length;
  }
  bookState(book.getId()).delete(JOURNAL_KEY);
}

/** Candidates grouped into spans of rows of at most 3 × BATCH_CELLS cells. */
function spans(candidates: readonly Candidate[], width: number): Candidate[][] {
  const out: Candidate[][] = [];
  const maxSpan = Math.max(1, Math.floor((3 * BATCH_CELLS) / width));
  for (const c of candidates) {
    const last = out[out.length - 1];
    if (last && c.row - last[0].row < maxSpan) last.push(c);
    else out.push([c]);
  }
  return out;
}

/** The full rows of one span's candidates (one read). */
function readSpan(sheet: Sheet, span: readonly Candidate[], width: number): [Candidate, unknown[]][] {
  const top = span[0].row;
  const values = sheet.getRange(top, 1, span[span.length - 1].row - top + 1, width).getValues();
  return span.map((c) => [c, values[c.row - top]]);
}
