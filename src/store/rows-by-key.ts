/**
 * Rows scattered through big sheets, found by the value of one column — a buyer's inquiries, follow-ups,
 * quotes and samples, or the rows a merge rewrites — WITHOUT reading the sheets' span: the cost grows with the
 * rows found, not with the book.
 * 1. One TextFinder per sheet over its key column (whole cell, exact case): the search runs on the server and
 *    no cells come back.
 * 2. ONE batched read (gas/batch-read) of the hit rows of every sheet, each sheet's header row along with them.
 *    The search trusted the cached header; the fresh one checks it, and when a column moved the search runs
 *    again with the real header (SheetHeaders, shared with the desk's reads).
 * A hit is kept only when its key cell still holds the value as read: people sort sheets between two calls.
 */
import { columnLetters, type RangeRequest, readRanges } from "../gas/batch-read";
import { documentCache } from "../gas/cache";
import { parseCell } from "./cells";
import type { RecordOf, SheetSpec } from "./columns";
import { dateTextParser } from "./date-text";
import { dateColumnsOf, type HeaderMap, mapHeaders } from "./headers";
import { headerCacheKey, hintCacheKey, type LocatedRow, SHEET_ZONE_KEY } from "./row-store";
import { emptyValue } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const HEADER_SECONDS = 21_600;
const HINT_SECONDS = 21_600;
/** Enough history for any one buyer; a sheet with more hits gives its newest (lowest on the sheet) rows. */
export const ROWS_PER_SHEET = 500;
/** Where the spreadsheet's own time zone (the one its dates are read in) is cached beside the headers. */
const ZONE_KEY = SHEET_ZONE_KEY;

/** Several document-cache entries in one call (headers, row hints); empty when there is no cache. */
export function cachedEntries(keys: readonly string[]): Record<string, string> {
  if (keys.length === 0) return {};
  return documentCache()?.getAll([...keys]) ?? {};
}

/** The cache keys SheetHeaders looks for: fetch them with the caller's own keys in one getAll. */
export function headerKeys(specs: readonly SheetSpec[]): string[] {
  return [...specs.map(headerCacheKey), ZONE_KEY];
}

function parseHeader(text: string | undefined): unknown[] | undefined {
  if (!text) return undefined;
  try {
    const row = JSON.parse(text) as unknown;
    return Array.isArray(row) ? row : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The header rows of a few sheets for one batched job: from the document cache, or — not cached — assumed to be
 * the layout setup writes; either way checked by a fresh copy read in the job's own batch (`checks` and
 * `settle`), and read properly when the check disagrees. Sheets are found by name from one getSheets.
 */
export class SheetHeaders {
  readonly zone: string;
  private readonly sheets: Map<string, Sheet>;
  private readonly rows = new Map<SheetSpec, unknown[]>();
  private readonly unchecked = new Set<SheetSpec>();
  private readonly fresh: Record<string, string> = {};

  constructor(
    private readonly book: Book,
    specs: readonly SheetSpec[],
    cached: Record<string, string>,
  ) {
    this.sheets = new Map(book.getSheets().map((s) => [s.getName(), s]));
    this.zone = cached[ZONE_KEY] || book.getSpreadsheetTimeZone();
    if (!cached[ZONE_KEY]) this.fresh[ZONE_KEY] = this.zone;
    for (const spec of specs) {
      if (!this.sheet(spec)) continue;
      const header = parseHeader(cached[headerCacheKey(spec)]);
      if (!header) this.assumed.add(spec);
      this.rows.set(spec, header ?? spec.columns.map((c) => c.en));
      this.unchecked.add(spec);
    }
  }

  private readonly assumed = new Set<SheetSpec>();

  /** Reads these sheets' header rows now (their whole width), in one batch. */
  private readNow(specs: SheetSpec[]): void {
    if (specs.length === 0) return;
    const read = readRanges(
      this.book,
      specs.map((spec) => headerRange(this.sheet(spec)!, this.sheet(spec)!.getLastColumn())),
      this.zone,
    );
    specs.forEach((spec, i) => {
      this.assumed.delete(spec);
      this.keep(spec, read[i][0] ?? []);
    });
  }

  sheet(spec: SheetSpec): Sheet | undefined {
    return this.sheets.get(spec.name);
  }

  map(spec: SheetSpec): HeaderMap | undefined {
    const row = this.rows.get(spec);
    return row ? mapHeaders(spec, row) : undefined;
  }

  /** The width to read a whole row of this sheet. */
  width(spec: SheetSpec): number {
    const map = this.map(spec);
    return map ? Math.max(1, map.width, ...[...map.index.values()].map((i) => i + 1)) : 1;
  }

  /** 1-based columns of the spec's date columns (see RangeRequest.dateColumns). */
  dateColumns(spec: SheetSpec): Set<number> {
    return dateColumnsOf(spec, this.map(spec));
  }

  /** The header rows to read along with the job's batch: the cached ones not yet checked. */
  checks(): { spec: SheetSpec; request: RangeRequest }[] {
    return [...this.unchecked].map((spec) => ({ spec, request: headerRange(this.sheet(spec)!, this.width(spec)) }));
  }

  /**
   * Takes the header rows read by the job. True when every checked header still places the known columns where
   * the cached one did; else the fresh ones replace them and the job must run its search again.
   */
  settle(read: Map<SheetSpec, unknown[]>): boolean {
    let same = true;
    const reread: SheetSpec[] = [];
    for (const [spec, row] of read) {
      this.unchecked.delete(spec);
      const before = this.map(spec);
      const after = mapHeaders(spec, row);
      const agree = before && spec.columns.every((c) => before.index.get(c.key) === after.index.get(c.key));
      if (agree) {
        // The assumed layout was right: what was read is the header (cached for the next job).
        if (this.assumed.delete(spec)) this.keep(spec, row);
        continue;
      }
      same = false;
      // A guess that proved wrong read only the guessed width: the real header is read whole.
      if (this.assumed.has(spec)) reread.push(spec);
      else this.keep(spec, row);
    }
    this.readNow(reread);
    return same;
  }

  /** Caches the headers read (call once the job is done). */
  save(): void {
    if (Object.keys(this.fresh).length > 0) documentCache()?.putAll(this.fresh, HEADER_SECONDS);
  }

  private keep(spec: SheetSpec, row: unknown[]): void {
    this.rows.set(spec, row);
    this.fresh[headerCacheKey(spec)] = JSON.stringify(row);
  }
}

function headerRange(sheet: Sheet, width: number): RangeRequest {
  return { sheet, row: 1, column: 1, rows: 1, columns: Math.max(1, width) };
}

/** One row as read, typed by the spec (cells that do not parse read as empty). */
export function parseRecord<S extends SheetSpec>(
  spec: S,
  map: HeaderMap,
  line: readonly unknown[],
  parseDate: (text: string) => Date | undefined,
): RecordOf<S> {
  const record: Record<string, unknown> = {};
  for (const c of spec.columns) {
    const index = map.index.get(c.key);
    const parsed = index === undefined ? undefined : parseCell(c, line[index], parseDate);
    record[c.key] = parsed?.ok ? parsed.value : emptyValue(c);
  }
  return record as RecordOf<S>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rows whose cell in `column` (0-based) holds one of `values`, whole cell: one TextFinder over the column,
 * named open-ended ("C2:C") so no round trip is spent learning where the data ends. `matchCase` false for
 * addresses people type in any case.
 */
export function findRows(sheet: Sheet, column: number, values: readonly string[], matchCase = true): number[] {
  const wanted = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
  if (wanted.length === 0) return [];
  const letters = columnLetters(column + 1);
  const finder = sheet
    .getRange(`${letters}2:${letters}`)
    .createTextFinder(wanted.length === 1 ? wanted[0] : `^(?:${wanted.map(escapeRegExp).join("|")})$`)
    .matchEntireCell(true)
    .matchCase(matchCase);
  if (wanted.length > 1) finder.useRegularExpression(true);
  return [...new Set(finder.findAll().map((r) => r.getRow()))].sort((a, b) => a - b);
}

/** Consecutive rows as one range each: [first row, count]. */
export function runsOf(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row) last[1] += 1;
    else if (!last || last[0] + last[1] < row) runs.push([row, 1]);
  }
  return runs;
}

export interface KeyQuery<S extends SheetSpec = SheetSpec> {
  spec: S;
  /** The column searched (a key of the spec), matched as a whole cell. */
  key: string;
  values: readonly string[];
  limit?: number;
}

export interface KeyedRows<S extends SheetSpec = SheetSpec> {
  spec: S;
  /** Undefined when the book lacks the sheet (an older workbook). */
  sheet: Sheet | undefined;
  headers: HeaderMap | undefined;
  rows: LocatedRow<S>[];
}

export interface KeyedRead {
  /** In the order of the queries. */
  found: KeyedRows[];
  /** The values of the caller's extra ranges, read in the same batch. */
  extra: unknown[][][];
  headers: SheetHeaders;
}

/**
 * The rows of each query's sheet whose `key` column holds one of its values, plus the caller's extra ranges
 * (built from the book's sheets, found by name), in one batched read. `cached` holds the document-cache entries
 * already fetched (see headerKeys). Cost: one find per sheet that exists, one batched read — a second round
 * only when a cached header proved stale.
 */
export function readRowsByKey(
  book: Book,
  queries: readonly KeyQuery[],
  timeZone: string,
  cached: Record<string, string>,
  extra: { specs?: readonly SheetSpec[]; ranges?: (headers: SheetHeaders) => RangeRequest[] } = {},
): KeyedRead {
  const specs = [...new Set([...queries.map((q) => q.spec), ...(extra.specs ?? [])])];
  const headers = new SheetHeaders(book, specs, cached);
  const parseDate = dateTextParser(timeZone);
  let found: KeyedRows[] = [];
  let extraValues: unknown[][][] = [];
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const checks = headers.checks();
    const plans = queries.map((query) => {
      const sheet = headers.sheet(query.spec);
      const map = headers.map(query.spec);
      const column = map?.index.get(query.key);
      const hits = sheet && column !== undefined ? findRows(sheet, column, query.values) : [];
      return { query, sheet, map, runs: runsOf(hits.slice(-(query.limit ?? ROWS_PER_SHEET))) };
    });
    const requests: RangeRequest[] = checks.map((c) => c.request);
    for (const plan of plans)
      for (const [row, count] of plan.runs)
        requests.push({
          sheet: plan.sheet!,
          row,
          column: 1,
          rows: count,
          columns: headers.width(plan.query.spec),
          dateColumns: headers.dateColumns(plan.query.spec),
        });
    const extraRequests = extra.ranges?.(headers) ?? [];
    const values = readRanges(book, [...requests, ...extraRequests], headers.zone);
    const fresh = new Map(checks.map((c, i) => [c.spec, values[i][0] ?? []]));
    if (!headers.settle(fresh) && attempt === 0) continue;
    let at = checks.length;
    found = plans.map((plan) => {
      const { spec, key } = plan.query;
      const wanted = new Set(plan.query.values.map((v) => v.trim()));
      const column = plan.map?.index.get(key);
      const rows: LocatedRow<SheetSpec>[] = [];
      for (const [row, count] of plan.runs) {
        const block = values[at++];
        for (let k = 0; k < count; k += 1) {
          const line = block[k] ?? [];
          if (column === undefined || !wanted.has(String(line[column] ?? "").trim())) continue;
          rows.push({ row: row + k, record: parseRecord(spec, plan.map!, line, parseDate), line });
        }
      }
      return { spec, sheet: plan.sheet, headers: plan.map, rows };
    });
    extraValues = values.slice(requests.length);
    break;
  }
  headers.save();
  return { found, extra: extraValues, headers };
}

/** Row hints for the next click on any of these rows (and the caller's own), in one cache write (if any moved). */
export function rememberFound(found: KeyedRows[], also: Record<string, string> = {}): void {
  const hints: Record<string, string> = { ...also };
  let n = 0;
  for (const f of found) {
    const idKey = f.spec.idKey;
    if (!idKey) continue;
    for (const r of f.rows) {
      const id = String((r.record as Record<string, unknown>)[idKey] ?? "");
      if (id && n < 500) {
        hints[hintCacheKey(f.spec, id)] = String(r.row);
        n += 1;
      }
    }
  }
  const keys = Object.keys(hints);
  const cache = documentCache();
  if (!cache || keys.length === 0) return;
  // A look costs ~3 ms, a write ~90: a view opened again writes only the hints that moved.
  const have = cache.getAll(keys);
  const moved: Record<string, string> = {};
  for (const k of keys) if (have[k] !== hints[k]) moved[k] = hints[k];
  if (Object.keys(moved).length > 0) cache.putAll(moved, HINT_SECONDS);
}
