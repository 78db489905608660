/**
 * The rows "My desk" needs, without reading a big sheet's span (a 20,000-buyer, 100,000-inquiry book opens
 * in under a modeled second, in at most five Sheets data calls when the caches are warm):
 * 1. The open inquiries (status "new", wherever they are): the rows the last desk found, when no pull or
 *    person has written Inquiries since (open-inquiries.ts; each is checked when its row is read), else a
 *    TextFinder over Inquiries' Status column.
 * 2. One batched read (gas/batch-read): Buyers' "Next follow-up" column — the due day the sheet itself shows
 *    and colours, kept by every Buyerbook write and the daily refresh (a hand edit of a grade or a last contact
 *    shows after the next refresh) — and, for a salesperson, the Owner column (their buyers and those of whoever
 *    they cover for, R6); the Grade column of the newest UNGRADED_WINDOW_ROWS inquiries; Samples' buyer,
 *    feedback-due and result columns; and the header rows that check the cached headers.
 * 3. One batched read of the columns the lines show: the candidate inquiries, the due buyers (the most late;
 *    the ones tied at the cut read along so grades can order them), the samples that can be listed
 *    (desk-samples.ts), and the ID cells that check where their buyers' owners were taken from.
 * 4. The names of the buyers of the inquiry lines shown (namesFor): from the names the last desk remembered,
 *    else each looked for on the row its ID gives (IDs are handed out in order) or its row hint, in one read.
 *    Only when some are not there (a sorted sheet) do one search and one read more find them.
 *
 * Why a window for answered-but-ungraded inquiries: R10 asks for every inquiry to be graded the day it comes
 * in, so one still ungraded months later is backlog to clear in the sheet (filter Grade on blanks), not a line
 * of today's desk. An OPEN inquiry is found wherever it is, and shows under "ungraded" too when it has no grade.
 */
import { dateTextParser } from "../../app/config";
import { daysBetweenKeys, zonedDateKey } from "../../domain/time";
import { type RangeRequest, readRanges } from "../../gas/batch-read";
import { missingSheet } from "../../gas/book";
import type { SheetSpec } from "../../store/columns";
import { idNumber } from "../../store/ids";
import { hintCacheKey } from "../../store/row-store";
import { cachedEntries, findRows, headerKeys, parseRecord, runsOf, SheetHeaders } from "../../store/rows-by-key";
import { type Buyer, Buyers, Inquiries, type Inquiry, type Sample, Samples } from "../../store/schemas";
import { type KnownBuyer, nameKey, parseName } from "./buyer-names";
import { DESK_LIMIT } from "./desk";
import { type DueSample, mostLate, onThisDesk, rowsByBuyerId } from "./desk-samples";
import { LineReads } from "./line-reads";
import { findOpen, recallOpenRows, rememberOpenRows } from "./open-inquiries";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** About three months of a busy book (100,000 inquiries in two years); a quiet book is read whole. */
export const UNGRADED_WINDOW_ROWS = 10_000;
/** Due buyers tied at the cut whose grades are read to order them; past this, ties go by row. */
const MAX_TIED = 100;
/** A due line shows the buyer's ID, company, contact (name, else address), grade and owner (read as column groups). */
const DUE_LINE_KEYS = ["id", "company", "name", "email", "grade", "owner"] as const;

export interface DueLine {
  row: number;
  buyer: Buyer;
  /** Days past the due day (0: due today). */
  late: number;
}

export interface DeskRows {
  /** Open inquiries and answered-but-ungraded ones of the window, by sheet row. */
  inquiries: Map<number, Inquiry>;
  /** The due buyers to show, most late first (at most DESK_LIMIT, after the tie-break). */
  due: DueLine[];
  dueTotals: { overdue: number; today: number };
  /** The buyers' names and owners (of the inquiries, the samples and the due lines), by ID. */
  buyers: Map<string, KnownBuyer>;
  /** Samples whose feedback day has come and whose result is empty (R27); undefined without a Samples sheet. */
  samples?: Sample[];
  /** How many samples await feedback on this desk (`samples` holds those that can be listed). */
  samplesTotal: number;
  /** The owners of the due samples' buyers, by buyer ID, on a salesperson's desk (empty on a manager's). */
  sampleOwners: Map<string, string>;
  /** A remembered open row no longer held its inquiry: the rows were read again after a search. */
  memoryFailed: boolean;
  /**
   * Reads these buyers' names into `buyers` (from the names cache, else one batched read): call it
   * with the buyers of the lines shown, not of every candidate.
   */
  namesFor(ids: readonly string[]): void;
}

export interface DeskScope {
  /** The owners whose buyers are on this desk (lower case), or "everyone" for the boss, the assistant, viewers. */
  owners: readonly string[] | "everyone";
}

interface Ctx {
  book: Book;
  timeZone: string;
  now: Date;
  headers: SheetHeaders;
  parseDate: (text: string) => Date | undefined;
  cached: Record<string, string>;
}

const SPECS: SheetSpec[] = [Buyers, Inquiries, Samples];

/** What a sample line shows and what placing it needs. */
const SAMPLE_LINE_KEYS = ["id", "buyerId", "products", "kind", "delivered", "feedbackDue", "result"] as const;

/** The Inquiries columns a desk line needs (read in groups of neighbours). */
const INQUIRY_DESK_KEYS = [
  "id",
  "receivedAt",
  "channel",
  "buyerId",
  "fromName",
  "fromEmail",
  "subject",
  "owner",
  "assignedTo",
  "status",
  "grade",
  "targetAt",
  "limitAt",
  "repliedAt",
] as const;

export function loadDeskRows(
  book: Book,
  timeZone: string,
  now: Date,
  scope: DeskScope,
  ungradedWindow = UNGRADED_WINDOW_ROWS,
  alsoCached: readonly string[] = [],
): DeskRows & { cached: Record<string, string> } {
  const cached = cachedEntries([...headerKeys(SPECS), ...alsoCached]);
  const headers = new SheetHeaders(book, SPECS, cached);
  if (!headers.sheet(Buyers)) throw missingSheet(Buyers);
  if (!headers.sheet(Inquiries)) throw missingSheet(Inquiries);
  const c: Ctx = { book, timeZone, now, headers, parseDate: dateTextParser(timeZone), cached };
  let first = firstRound(c, scope, ungradedWindow, true);
  if (!first.headersHeld) first = firstRound(c, scope, ungradedWindow, true);
  let rows = secondRound(c, first);
  if (rows.memoryFailed) {
    // A remembered open row no longer holds its inquiry (rows sorted, inserted or archived since): search.
    first = firstRound(c, scope, ungradedWindow, false);
    rows = secondRound(c, first);
  }
  headers.save();
  return { ...rows, cached };
}

interface FirstRound {
  headersHeld: boolean;
  candidates: number[];
  dueCandidates: { row: number; late: number }[];
  /** The owner and due day of each due candidate, from the column reads. */
  dueFacts: Map<number, { owner: string; next: Date }>;
  dueTotals: { overdue: number; today: number };
  /** Samples awaiting feedback, from the column reads; undefined when Samples was not read. */
  dueSamples: DueSample[] | undefined;
  /** The owners whose buyers are on this desk (lower case); undefined for everyone's. */
  mine: Set<string> | undefined;
  /** Buyers' Owner column as read (a salesperson's desk), row 2 first. */
  owners?: unknown[][];
  /** The open inquiries' rows, and how they were known (open-inquiries.ts). */
  open: { rows: number[]; recalled?: [number, string][]; gen?: string };
}

/** The searches and the column reads: which rows to show. */
function firstRound(c: Ctx, scope: DeskScope, window: number, useMemory: boolean): FirstRound {
  const { headers } = c;
  // The token is taken before any search, so a list found now is remembered under the token it is true for.
  const memory = recallOpenRows(c.book);
  // A salesperson's desk holds their buyers and those they cover for: the Owner column says which. (Reading it
  // costs less than a search that would name thousands of rows one by one.)
  const mine = scope.owners === "everyone" ? undefined : new Set(scope.owners.map((o) => o.toLowerCase()));
  const reads = planColumnReads(headers, window, mine !== undefined);
  const recalled =
    useMemory && memory.rows?.every(([row]) => row >= 2 && row <= reads.lastInquiry) ? memory.rows : undefined;
  const statusCol = headers.map(Inquiries)!.index.get("status");
  const open = recalled
    ? recalled.map(([row]) => row)
    : statusCol === undefined
      ? []
      : findOpen(headers.sheet(Inquiries)!, statusCol);
  const values = readRanges(c.book, reads.requests, headers.zone);
  const headersHeld = headers.settle(new Map(reads.checks.map((x, i) => [x.spec, values[i][0] ?? []])));
  const today = zonedDateKey(c.now, c.timeZone);
  return {
    headersHeld,
    candidates: openOrUngraded(open, values, reads),
    ...dueBuyers(c, values, reads, mine, today),
    dueSamples: dueSamples(c, values, reads, today),
    mine,
    owners: reads.at.owner === undefined ? undefined : values[reads.at.owner],
    open: { rows: open, recalled, gen: memory.gen },
  };
}

/** The one batched read of the first round: where each column's values sit in it (absent when not read). */
interface ColumnReads {
  checks: { spec: SheetSpec; request: RangeRequest }[];
  requests: RangeRequest[];
  at: { grade?: number; next?: number; owner?: number; samples?: number; sampleBuyers?: number };
  /** The first Inquiries row of the ungraded window, and the sheet's last row. */
  windowFirst: number;
  lastInquiry: number;
  /** Samples' feedback-due and result columns sit side by side, so they are read as one range. */
  samplesTogether: boolean;
}

/** The header checks, then the grade window, the due days, the owners (when the desk is one person's) and samples. */
function planColumnReads(headers: SheetHeaders, window: number, byOwner: boolean): ColumnReads {
  const inquiries = headers.sheet(Inquiries)!;
  const buyers = headers.sheet(Buyers)!;
  const iMap = headers.map(Inquiries)!;
  const bMap = headers.map(Buyers)!;
  const checks = headers.checks();
  const requests: RangeRequest[] = checks.map((x) => x.request);
  const lastInquiry = inquiries.getLastRow();
  const windowFirst = Math.max(2, lastInquiry - window + 1);
  const gradeCol = iMap.index.get("grade");
  const nextCol = bMap.index.get("nextFollowUp");
  const ownerCol = bMap.index.get("owner");
  const at: ColumnReads["at"] = {};
  if (gradeCol !== undefined && lastInquiry >= windowFirst) {
    at.grade = requests.length;
    requests.push({
      sheet: inquiries,
      row: windowFirst,
      column: gradeCol + 1,
      rows: lastInquiry - windowFirst + 1,
      columns: 1,
    });
  }
  if (nextCol !== undefined) {
    at.next = requests.length;
    requests.push({ sheet: buyers, row: 2, column: nextCol + 1, columns: 1, dateColumns: new Set([nextCol + 1]) });
  }
  if (byOwner && ownerCol !== undefined) {
    at.owner = requests.length;
    requests.push({ sheet: buyers, row: 2, column: ownerCol + 1, columns: 1 });
  }
  const samples = headers.sheet(Samples);
  const sMap = headers.map(Samples);
  const feedbackCol = sMap?.index.get("feedbackDue");
  const resultCol = sMap?.index.get("result");
  const samplesTogether = feedbackCol !== undefined && resultCol === feedbackCol + 1;
  const sampleBuyerCol = sMap?.index.get("buyerId");
  if (samples && feedbackCol !== undefined && resultCol !== undefined && sampleBuyerCol !== undefined) {
    at.sampleBuyers = requests.length;
    requests.push({ sheet: samples, row: 2, column: sampleBuyerCol + 1, columns: 1 });
    at.samples = requests.length;
    const dateColumns = new Set([feedbackCol + 1]);
    if (samplesTogether) requests.push({ sheet: samples, row: 2, column: feedbackCol + 1, columns: 2, dateColumns });
    else {
      requests.push({ sheet: samples, row: 2, column: feedbackCol + 1, columns: 1, dateColumns });
      requests.push({ sheet: samples, row: 2, column: resultCol + 1, columns: 1 });
    }
  }
  return { checks, requests, at, windowFirst, lastInquiry, samplesTogether };
}

/** Open inquiries wherever they are, and the window's inquiries with an empty grade, by sheet row. */
function openOrUngraded(open: number[], values: unknown[][][], reads: ColumnReads): number[] {
  const candidates = new Set(open);
  if (reads.at.grade !== undefined)
    values[reads.at.grade].forEach((line, i) => {
      if (String(line[0] ?? "").trim() === "") candidates.add(reads.windowFirst + i);
    });
  return [...candidates].sort((a, b) => a - b);
}

/** Buyers due today or late (on this desk's owners when it is one person's), with the day counts. */
function dueBuyers(
  c: Ctx,
  values: unknown[][][],
  reads: ColumnReads,
  mine: Set<string> | undefined,
  today: string,
): Pick<FirstRound, "dueCandidates" | "dueFacts" | "dueTotals"> {
  const { at } = reads;
  const dueCandidates: { row: number; late: number }[] = [];
  const dueFacts = new Map<number, { owner: string; next: Date }>();
  const dueTotals = { overdue: 0, today: 0 };
  if (at.next !== undefined)
    values[at.next].forEach((line, i) => {
      const row = i + 2;
      const due = line[0];
      if (!(due instanceof Date) || Number.isNaN(due.getTime())) return;
      const owner = at.owner === undefined ? undefined : String(values[at.owner]?.[i]?.[0] ?? "").trim();
      if (mine && !mine.has((owner ?? "").toLowerCase())) return;
      const late = daysBetweenKeys(zonedDateKey(due, c.timeZone), today);
      if (late < 0) return;
      dueCandidates.push({ row, late });
      dueFacts.set(row, { owner: owner ?? "", next: due });
      if (late > 0) dueTotals.overdue += 1;
      else dueTotals.today += 1;
    });
  return { dueCandidates, dueFacts, dueTotals };
}

/** Samples whose feedback day has come and whose result is still empty (none read: undefined), and their buyers. */
function dueSamples(c: Ctx, values: unknown[][][], reads: ColumnReads, today: string): DueSample[] | undefined {
  const at = reads.at.samples;
  if (at === undefined || reads.at.sampleBuyers === undefined) return undefined;
  const buyerIds = values[reads.at.sampleBuyers];
  const due: DueSample[] = [];
  const results = reads.samplesTogether ? values[at].map((line) => [line[1]]) : values[at + 1];
  values[at].forEach((line, i) => {
    const day = line[0];
    if (!(day instanceof Date) || String(results[i]?.[0] ?? "").trim() !== "") return;
    const late = daysBetweenKeys(zonedDateKey(day, c.timeZone), today);
    if (late >= 0) due.push({ row: i + 2, buyerId: String(buyerIds[i]?.[0] ?? "").trim(), late });
  });
  return due;
}

/** The due lines worth reading: every one above the cut, and those tied at it (their grades order them). */
function dueToRead(due: { row: number; late: number }[]): { row: number; late: number }[] {
  const sorted = [...due].sort((a, b) => b.late - a.late || a.row - b.row);
  if (sorted.length <= DESK_LIMIT) return sorted;
  const cut = sorted[DESK_LIMIT - 1].late;
  const above = sorted.filter((d) => d.late > cut);
  const tied = sorted.filter((d) => d.late === cut).slice(0, MAX_TIED);
  return [...above, ...tied];
}

const rank = (g: string) => ("ABCD".includes(g) && g !== "" ? "ABCD".indexOf(g) : 4);

/** The rows to show, read in one batch (plus one search and one read for buyers not where their ID says). */
function secondRound(c: Ctx, first: FirstRound): DeskRows {
  const { headers } = c;
  const buyersSheet = headers.sheet(Buyers)!;
  const dueRows = dueToRead(first.dueCandidates);
  const reads = new LineReads(headers);
  reads.rows(Inquiries, headers.sheet(Inquiries)!, first.candidates, INQUIRY_DESK_KEYS);
  reads.rows(Buyers, buyersSheet, [...new Set(dueRows.map((d) => d.row))], DUE_LINE_KEYS);
  // The samples that can be listed, by the owners the Owner column gives at the rows the buyers' IDs give (a
  // salesperson's desk); those rows' ID cells ride along to check them.
  const guesses =
    first.owners && first.dueSamples
      ? rowsByBuyerId(new Set(first.dueSamples.map((d) => d.buyerId)), first.owners.length + 1)
      : new Map<string, number>();
  const guessedOwner = (id: string) => {
    const row = guesses.get(id);
    return row === undefined ? undefined : String(first.owners?.[row - 2]?.[0] ?? "").trim();
  };
  const samplesRead = first.dueSamples ? mostLate(onThisDesk(first.dueSamples, guessedOwner, first.mine)) : [];
  const samplesSheet = headers.sheet(Samples);
  if (samplesSheet && headers.map(Samples))
    reads.rows(
      Samples,
      samplesSheet,
      samplesRead.map((d) => d.row),
      SAMPLE_LINE_KEYS,
    );
  const idCells = reads.cells(buyersSheet, (headers.map(Buyers)!.index.get("id") ?? 0) + 1, [...guesses.values()]);
  reads.read(c.book);

  const inquiries = inquiriesRead(c, first, reads.lines(Inquiries));
  const { buyers, dueBuyers } = dueBuyersRead(c, first, reads.lines(Buyers));
  // A sample's buyer decides whose desk it is on (the owner): the guess holds where the ID cell read agrees; a
  // buyer not there (a sorted sheet) is read by ID. An inquiry's buyer only names its line, and only the lines
  // shown need names (namesFor, once the desk is cut to them); a manager's desk needs no owner to pick samples.
  const idAt = idCells();
  const sampleOwners = new Map<string, string>();
  const unresolved: string[] = [];
  for (const id of first.owners ? new Set(first.dueSamples?.map((d) => d.buyerId)) : []) {
    const row = guesses.get(id);
    if (row !== undefined && idAt.get(row) === id) sampleOwners.set(id, guessedOwner(id) ?? "");
    else if (id !== "") unresolved.push(id);
  }
  readBuyersById(
    c,
    unresolved.filter((id) => !buyers.has(id)),
    buyers,
  );
  for (const id of unresolved) sampleOwners.set(id, buyers.get(id)?.buyer.owner ?? "");
  const samples =
    first.dueSamples && samplesSheet ? samplesOfDesk(c, first, sampleOwners, reads.lines(Samples)) : undefined;
  const namesFor = (ids: readonly string[]) => {
    const missing = [...new Set(ids)].filter((id) => id !== "" && !buyers.has(id));
    readBuyersById(c, missing, buyers);
  };
  return {
    inquiries: inquiries.rows,
    due: dueLines(dueRows, dueBuyers),
    dueTotals: first.dueTotals,
    buyers,
    samples: samples?.rows,
    samplesTotal: samples?.total ?? 0,
    sampleOwners,
    namesFor,
    memoryFailed: inquiries.memoryFailed,
  };
}

/**
 * The candidate inquiries as read; the remembered open rows checked against them, or — after a search — the
 * rows found remembered for the next desk (open-inquiries.ts).
 */
function inquiriesRead(c: Ctx, first: FirstRound, lines: Map<number, unknown[]>) {
  const map = c.headers.map(Inquiries)!;
  const rows = new Map<number, Inquiry>();
  for (const [row, line] of lines) {
    const record = parseRecord(Inquiries, map, line, c.parseDate);
    if (record.id !== "") rows.set(row, record);
  }
  const memoryFailed = first.open.recalled?.some(([row, id]) => rows.get(row)?.id !== id) ?? false;
  if (!first.open.recalled) {
    const found = first.open.rows.flatMap((row): [number, string][] => {
      const id = rows.get(row)?.id;
      return id ? [[row, id]] : [];
    });
    rememberOpenRows(first.open.gen, found);
  }
  return { rows, memoryFailed };
}

/** The due buyers as read (owner and due day from the column reads), by row and, for names, by ID. */
function dueBuyersRead(c: Ctx, first: FirstRound, lines: Map<number, unknown[]>) {
  const map = c.headers.map(Buyers)!;
  const buyers = new Map<string, KnownBuyer>();
  const dueBuyers = new Map<number, Buyer>();
  for (const [row, line] of lines) {
    const buyer = parseRecord(Buyers, map, line, c.parseDate);
    if (buyer.id === "") continue;
    const known = first.dueFacts.get(row);
    buyer.owner = known?.owner || buyer.owner;
    buyer.nextFollowUp = known?.next ?? null;
    dueBuyers.set(row, buyer);
    buyers.set(buyer.id, { row, buyer });
  }
  return { buyers, dueBuyers };
}

/** The due lines shown: most late first, then by grade, then by ID; at most DESK_LIMIT. */
function dueLines(dueRows: { row: number; late: number }[], dueBuyers: Map<number, Buyer>): DueLine[] {
  return dueRows
    .map((d) => ({ row: d.row, late: d.late, buyer: dueBuyers.get(d.row) }))
    .filter((d): d is DueLine => d.buyer !== undefined)
    .sort(
      (a, b) => b.late - a.late || rank(a.buyer.grade) - rank(b.buyer.grade) || a.buyer.id.localeCompare(b.buyer.id),
    )
    .slice(0, DESK_LIMIT);
}

/**
 * The samples this desk lists, parsed: the most late of its own, now that their owners are known. When a
 * guessed owner proved wrong (a sorted Buyers sheet), a sample that should be listed may not have been read:
 * one more read fetches it.
 */
function samplesOfDesk(
  c: Ctx,
  first: FirstRound,
  owners: ReadonlyMap<string, string>,
  read: Map<number, unknown[]>,
): { rows: Sample[]; total: number } {
  const sheet = c.headers.sheet(Samples)!;
  const map = c.headers.map(Samples)!;
  const mine = onThisDesk(
    first.dueSamples ?? [],
    (id) => (first.mine ? (owners.get(id) ?? "") : undefined),
    first.mine,
  );
  const missing = mostLate(mine).filter((d) => !read.has(d.row));
  if (missing.length > 0) {
    const runs = runsOf(missing.map((d) => d.row));
    const width = c.headers.width(Samples);
    const dateColumns = c.headers.dateColumns(Samples);
    const values = readRanges(
      c.book,
      runs.map(([row, rows]) => ({ sheet, row, column: 1, rows, columns: width, dateColumns })),
      c.headers.zone,
    );
    runs.forEach(([row, count], i) => {
      for (let k = 0; k < count; k += 1) read.set(row + k, values[i][k] ?? []);
    });
  }
  const rows = [...read.values()]
    .map((line) => parseRecord(Samples, map, line, c.parseDate))
    .filter((s) => s.id !== "");
  return { rows, total: mine.length };
}

/**
 * Buyers by ID, for their names: from the names the last desk remembered, else on the row a hint or the ID
 * gives (one batch, checked), and — for any not there (a sorted sheet) — one search over the ID column and one
 * read. Each found goes into `into`.
 */
function readBuyersById(c: Ctx, ids: string[], into: Map<string, KnownBuyer>): void {
  if (ids.length === 0) return;
  const { headers } = c;
  const sheet = headers.sheet(Buyers)!;
  const map = headers.map(Buyers)!;
  const cached = cachedEntries(ids.flatMap((id) => [nameKey(id), hintCacheKey(Buyers, id)]));
  for (const id of ids) {
    const known = parseName(id, cached[nameKey(id)]);
    if (known) into.set(id, known);
  }
  const unknown = ids.filter((id) => !into.has(id));
  if (unknown.length === 0) return;
  const maxRows = sheet.getMaxRows();
  const guess = new Map<string, number>();
  for (const id of unknown) {
    const row = Number(cached[hintCacheKey(Buyers, id)] ?? 0) || idNumber(Buyers, id) + 1;
    if (row >= 2 && row <= maxRows) guess.set(id, row);
  }
  const columns = Math.max(1, ...["id", "company", "name", "email", "owner"].map((k) => (map.index.get(k) ?? -1) + 1));
  const take = (rows: number[], accept: ReadonlySet<string>) => {
    const runs = runsOf(rows);
    const values = readRanges(
      c.book,
      runs.map(([row, count]) => ({ sheet, row, column: 1, rows: count, columns })),
      headers.zone,
    );
    runs.forEach(([row, count], i) => {
      for (let k = 0; k < count; k += 1) {
        const buyer = parseRecord(Buyers, map, values[i][k] ?? [], c.parseDate);
        if (!accept.has(buyer.id) || into.has(buyer.id)) continue;
        const known = { row: row + k, buyer };
        into.set(buyer.id, known);
      }
    });
  };
  if (guess.size > 0) take([...guess.values()], new Set(guess.keys()));
  const missing = unknown.filter((id) => !into.has(id));
  const idCol = map.index.get("id");
  if (missing.length === 0 || idCol === undefined) return;
  // Not where their IDs say (a sorted sheet): one search for all of them, and one read of the rows it names.
  const found = findRows(sheet, idCol, missing);
  if (found.length > 0) take(found, new Set(missing));
}
