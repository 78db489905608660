/**
 * Rows scattered through big sheets, found by the value of one column — a buyer's inquiries, follow-ups,
 * quotes and samples, or the rows a merge rewrites — WITHOUT reading the sheets' span: the cost grows with the
 * rows found, not with the book.
 * 1. One TextFinder per sheet over its key column (whole cell, exact case): the search runs on the server and
 *    no cells come back.
 * 2. ONE batched read (gas/batch-read) of the hit rows of every sheet, each sheet's header row along with them.
 *    The search trusted the cached header; the fresh one checks it, and when a column moved the search runs
 *    again with the real header.
 * A hit is kept only when its key cell still holds the value as read: people sort sheets between two calls.
 */
import { columnLetters, type RangeRequest, readRanges } from "../gas/batch-read";
import { parseCell } from "./cells";
import type { RecordOf, SheetSpec } from "./columns";
import { dateTextParser } from "./date-text";
import { type HeaderMap, mapHeaders } from "./headers";
import { headerCacheKey, hintCacheKey, type LocatedRow } from "./row-store";
import { emptyValue } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const HEADER_SECONDS = 21_600;
const HINT_SECONDS = 21_600;
/** Enough history for any one buyer; a sheet with more hits gives its newest (lowest on the sheet) rows. */
export const ROWS_PER_SHEET = 500;

export interface KeyQuery<S extends SheetSpec = SheetSpec> {
  spec: S;
  /** The column searched (a key of the spec), matched as a whole cell. */
  key: string;
  values: readonly string[];
  limit?: number;
}

export interface KeyedRows<S extends SheetSpec = SheetSpec> {
  spec: S;
  /** Null when the book lacks the sheet (an older workbook). */
  sheet: Sheet | null;
  headers: HeaderMap | undefined;
  rows: LocatedRow<S>[];
}

export interface KeyedRead {
  /** In the order of the queries. */
  found: KeyedRows[];
  /** The values of the caller's extra ranges, read in the same batch. */
  extra: unknown[][][];
}

function documentCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return typeof CacheService === "undefined" ? null : CacheService.getDocumentCache();
  } catch {
    return null;
  }
}

/** Several document-cache entries in one call (headers, row hints); empty when there is no cache. */
export function cachedEntries(keys: readonly string[]): Record<string, string> {
  if (keys.length === 0) return {};
  return documentCache()?.getAll([...keys]) ?? {};
}

/** Where the spreadsheet's own time zone (the one its dates are read in) is cached beside the headers. */
const ZONE_KEY = "bb.sheetZone";

/** The cache keys `readRowsByKey` looks for in `cached`: fetch them with the caller's own keys in one getAll. */
export function headerKeys(specs: readonly SheetSpec[]): string[] {
  return [...specs.map(headerCacheKey), ZONE_KEY];
}

interface Target {
  query: KeyQuery;
  sheet: Sheet | null;
  header: unknown[] | undefined;
  /** The header came from the cache and has not been checked against the sheet yet. */
  unchecked: boolean;
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

function dateColumnsOf(spec: SheetSpec, map: HeaderMap): Set<number> {
  const out = new Set<number>();
  for (const c of spec.columns) {
    const i = map.index.get(c.key);
    if (i !== undefined && (c.kind === "date" || c.kind === "datetime")) out.add(i + 1);
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rows whose key cell holds one of `values` (one TextFinder over that column), the newest `limit`. The column
 * is named open-ended ("C2:C"): no round trip to learn where the data ends.
 */
function search(sheet: Sheet, column: number, values: readonly string[], limit: number): number[] {
  if (values.length === 0) return [];
  const letters = columnLetters(column + 1);
  const finder = sheet
    .getRange(`${letters}2:${letters}`)
    .createTextFinder(values.length === 1 ? values[0] : `^(?:${values.map(escapeRegExp).join("|")})$`)
    .matchEntireCell(true)
    .matchCase(true);
  if (values.length > 1) finder.useRegularExpression(true);
  const rows = [...new Set(finder.findAll().map((r) => r.getRow()))].sort((a, b) => a - b);
  return rows.slice(-limit);
}

/** Consecutive rows as one range each: [first row, count]. */
function runsOf(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row) last[1] += 1;
    else runs.push([row, 1]);
  }
  return runs;
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

/**
 * The rows of each query's sheet whose `key` column holds one of its values, plus the caller's extra ranges
 * (built from the book's sheets, found by name without a look-up call each),
 * in one batched read. `cached` holds the document-cache entries already fetched (see headerKeys).
 * Cost: one find per sheet that exists, one batched read (a second round only when a cached header proved stale).
 */
export function readRowsByKey(
  book: Book,
  queries: readonly KeyQuery[],
  timeZone: string,
  cached: Record<string, string>,
  extraRanges: (sheetByName: (name: string) => Sheet | undefined) => RangeRequest[] = () => [],
): KeyedRead {
  const sheets = new Map(book.getSheets().map((s) => [s.getName(), s]));
  const extra = extraRanges((name) => sheets.get(name));
  const cache = documentCache();
  const targets: Target[] = queries.map((query) => {
    const header = parseHeader(cached[headerCacheKey(query.spec)]);
    return { query, sheet: sheets.get(query.spec.name) ?? null, header, unchecked: header !== undefined };
  });
  const fresh: Record<string, string> = {};
  let zone = cached[ZONE_KEY];
  if (!zone) {
    zone = book.getSpreadsheetTimeZone();
    fresh[ZONE_KEY] = zone;
  }
  const cold = targets.filter((t) => t.sheet && !t.header);
  if (cold.length > 0) {
    const read = readRanges(
      book,
      cold.map((t) => headerRange(t.sheet!, t.sheet!.getLastColumn())),
      zone,
    );
    cold.forEach((t, i) => {
      t.header = read[i][0];
      fresh[headerCacheKey(t.query.spec)] = JSON.stringify(t.header);
    });
  }
  let result: { rows: Map<Target, LocatedRow<SheetSpec>[]>; extra: unknown[][][] } | undefined;
  for (let attempt = 0; attempt < 2 && !result; attempt += 1) {
    const round = searchAndRead(book, targets, extra, timeZone, zone);
    const stale = targets.filter((t, i) => {
      const got = round.headers[i];
      if (!got || !t.unchecked) return false;
      t.unchecked = false;
      if (sameColumns(t.query.spec, mapHeaders(t.query.spec, got), mapHeaders(t.query.spec, t.header ?? [])))
        return false;
      t.header = got;
      fresh[headerCacheKey(t.query.spec)] = JSON.stringify(got);
      return true;
    });
    if (stale.length === 0 || attempt === 1) result = round;
  }
  if (cache && Object.keys(fresh).length > 0) cache.putAll(fresh, HEADER_SECONDS);
  const found = targets.map((t) => ({
    spec: t.query.spec,
    sheet: t.sheet,
    headers: t.header ? mapHeaders(t.query.spec, t.header) : undefined,
    rows: result!.rows.get(t) ?? [],
  }));
  rememberFound(cache, found);
  return { found, extra: result!.extra };
}

function headerRange(sheet: Sheet, width: number): RangeRequest {
  return { sheet, row: 1, column: 1, rows: 1, columns: Math.max(1, width) };
}

function sameColumns(spec: SheetSpec, a: HeaderMap, b: HeaderMap): boolean {
  return spec.columns.every((c) => a.index.get(c.key) === b.index.get(c.key));
}

function searchAndRead(
  book: Book,
  targets: Target[],
  extra: readonly RangeRequest[],
  timeZone: string,
  sheetZone: string,
) {
  const parseDate = dateTextParser(timeZone);
  const requests: RangeRequest[] = [];
  const headerAt: (number | undefined)[] = [];
  const plans: {
    target: Target;
    map: HeaderMap;
    hits: number[];
    runs: [number, number][];
    first: number;
    width: number;
  }[] = [];
  for (const t of targets) {
    if (!t.sheet || !t.header) {
      headerAt.push(undefined);
      continue;
    }
    const map = mapHeaders(t.query.spec, t.header);
    const width = Math.max(map.width, ...[...map.index.values()].map((i) => i + 1));
    headerAt.push(t.unchecked ? requests.length : undefined);
    if (t.unchecked) requests.push(headerRange(t.sheet, width));
    const column = map.index.get(t.query.key);
    const values = [...new Set(t.query.values.map((v) => v.trim()).filter((v) => v !== ""))];
    const hits = column === undefined ? [] : search(t.sheet, column, values, t.query.limit ?? ROWS_PER_SHEET);
    const runs = runsOf(hits);
    const dateColumns = dateColumnsOf(t.query.spec, map);
    plans.push({ target: t, map, hits, runs, first: requests.length, width });
    for (const [row, count] of runs)
      requests.push({ sheet: t.sheet, row, column: 1, rows: count, columns: width, dateColumns });
  }
  const values = readRanges(book, [...requests, ...extra], sheetZone);
  const rows = new Map<Target, LocatedRow<SheetSpec>[]>();
  for (const plan of plans) {
    const { spec, key } = plan.target.query;
    const wanted = new Set(plan.target.query.values.map((v) => v.trim()));
    const column = plan.map.index.get(key);
    const out: LocatedRow<SheetSpec>[] = [];
    plan.runs.forEach(([row, count], i) => {
      const block = values[plan.first + i];
      for (let k = 0; k < count; k += 1) {
        const line = block[k] ?? [];
        if (column === undefined || !wanted.has(String(line[column] ?? "").trim())) continue;
        out.push({ row: row + k, record: parseRecord(spec, plan.map, line, parseDate), line });
      }
    });
    rows.set(plan.target, out);
  }
  const headers = headerAt.map((at) => (at === undefined ? undefined : values[at][0]));
  return { rows, extra: values.slice(requests.length), headers };
}

/** Row hints for the next click on any of these rows, in one cache write. */
function rememberFound(cache: GoogleAppsScript.Cache.Cache | null, found: KeyedRows[]): void {
  if (!cache) return;
  const hints: Record<string, string> = {};
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
  if (n > 0) cache.putAll(hints, HINT_SECONDS);
}
