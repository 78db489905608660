import { isShapeError, readNamed, sheetsApi } from "../gas/batch-read";
import { missingSheet } from "../gas/book";
import { documentCache } from "../gas/cache";
import type { DataIssue } from "./cells";
import type { RecordOf, SheetSpec } from "./columns";
import { dateTextParser } from "./date-text";
import { mapHeaders } from "./headers";
import { headerCacheKey, SHEET_ZONE_KEY } from "./row-store";
import { Routing, Rules, Settings, Staff } from "./schemas";
import { companyTimeZone } from "./settings";
import { SheetZone } from "./sheet-zone";
import { readTable, type Table, tableOfValues } from "./table";
import { datesFromSerials } from "./tables-at-once";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The small tables nearly every job and click needs (Settings, Staff, and the intake's Rules and Routing),
 * kept in the document cache for a few minutes: each is a sheet look-up, an extent and a read in Apps Script
 * (three Sheets calls), and a pull or a sidebar click should not spend its call budget on a dozen rows.
 *
 * Freshness: Buyerbook's own changes to Staff or Settings call `forgetSmallTables` (re-exported by the RPC
 * layer as `forgetCachedTables`), so they show at once; so do hand edits, through the simple on-edit trigger
 * (src/resident.ts). An edit no trigger sees (another script, the Sheets API) shows when the cached copy
 * expires: within CACHE_SECONDS — twenty minutes, the lifetime of the desk's buyer names too, so the first
 * open of a day puts the tables, the header rows read with them and the names in ONE putAll (~90 ms a put).
 */
export const CACHE_SECONDS = 1_200;
const KEY_PREFIX = "small-tables.v2.";
const ZONE_KEY = SHEET_ZONE_KEY;
/** CacheService caps a value at 100 KB; a bigger table is simply read each time. */
const MAX_VALUE_BYTES = 90 * 1024;

export interface SmallTable<S extends SheetSpec> {
  records: RecordOf<S>[];
  /** Cells that could not be read, as the read reported them (cached along, so a cached read reports them too). */
  issues: DataIssue[];
}

export interface SmallTables {
  settings: SmallTable<typeof Settings>;
  staff: SmallTable<typeof Staff>;
  /** The spreadsheet's time zone when the cache held it or a cold start asked for it (else undefined). */
  sheetZone?: string;
  /** Undefined when the sheet is missing (an older workbook) or was not asked for. */
  rules?: SmallTable<typeof Rules>;
  routing?: SmallTable<typeof Routing>;
}

export interface SmallTableOptions {
  /**
   * Sheets whose header rows a cold start reads along with the tables and caches with them (the sheets the
   * caller's RowStores will read rows of).
   */
  headers?: readonly SheetSpec[];
  /** Also Rules and Routing (the intake's tables). */
  intake?: boolean;
  /** Finds a sheet by name; a job that already listed the sheets passes its listing (no look-up calls). */
  sheetByName?: (name: string) => Sheet | null | undefined;
}

const SPECS = { settings: Settings, staff: Staff, rules: Rules, routing: Routing } as const;
type Name = keyof typeof SPECS;

/** Cached marker of a missing optional sheet, so an older workbook does not look it up on every run. */
const ABSENT = "absent";

/**
 * The small tables, from the document cache where present (no Sheets call), else read (one table read each)
 * and cached. Settings and Staff must exist; Rules and Routing may be missing.
 */
export function loadSmallTables(book: Book, options: SmallTableOptions = {}): SmallTables {
  const names: Name[] = options.intake ? ["settings", "staff", "rules", "routing"] : ["settings", "staff"];
  const cache = documentCache();
  const hits = cache?.getAll([...names.map(keyOf), ZONE_KEY]) ?? {};
  const found: Partial<Record<Name, SmallTable<SheetSpec> | null>> = {};
  for (const name of names) {
    const text = hits[keyOf(name)];
    if (text === undefined || text === null) continue;
    found[name] = text === ABSENT ? null : (JSON.parse(text, dateReviver(SPECS[name])) as SmallTable<SheetSpec>);
  }
  const fresh: Record<string, string> = {};
  const missing = names.filter((name) => found[name] === undefined);
  if (missing.length > 0) {
    const batched = readAtColdStart(book, missing, options.headers ?? [], {
      zone: hits[ZONE_KEY] ?? undefined,
      settings: found.settings ?? undefined,
    });
    if (batched) {
      Object.assign(found, batched.found);
      Object.assign(fresh, batched.fresh);
    }
  }
  const lookup = options.sheetByName ?? ((name: string) => book.getSheetByName(name));
  // Settings first: its time zone reads the typed dates of the others.
  let timeZone: string | undefined;
  for (const name of names) {
    if (name !== "settings" && timeZone === undefined)
      timeZone = companyTimeZone(asTable(found.settings as SmallTable<typeof Settings>));
    if (found[name] !== undefined) continue;
    const spec = SPECS[name];
    const sheet = lookup(spec.name);
    if (!sheet) {
      if (name === "settings" || name === "staff") throw missingSheet(spec);
      found[name] = null;
      fresh[keyOf(name)] = ABSENT;
      continue;
    }
    const table = readTable(sheet, spec, { parseDateText: dateTextParser(timeZone ?? "UTC") });
    found[name] = keep(fresh, name, table);
  }
  if (cache && Object.keys(fresh).length > 0) cache.putAll(fresh, CACHE_SECONDS);
  return {
    sheetZone: hits[ZONE_KEY] ?? fresh[ZONE_KEY] ?? undefined,
    settings: found.settings as SmallTable<typeof Settings>,
    staff: found.staff as SmallTable<typeof Staff>,
    rules: (found.rules ?? undefined) as SmallTable<typeof Rules> | undefined,
    routing: (found.routing ?? undefined) as SmallTable<typeof Routing> | undefined,
  };
}

/** A table read, as kept: in `fresh` (to be cached) when it fits a cache entry. */
function keep(fresh: Record<string, string>, name: Name, table: Table<SheetSpec>): SmallTable<SheetSpec> {
  const small = { records: table.rows.map((r) => r.record), issues: table.issues };
  const json = JSON.stringify(small);
  if (utf8Bytes(json) <= MAX_VALUE_BYTES) fresh[keyOf(name)] = json;
  return small;
}

/**
 * A cold start (the cached copies expired): the missing small tables and the header rows of `headers` in ONE
 * call of the Sheets API, where three calls a table and two a header row would be ~0.4 s of a click. The header
 * rows are cached with the tables (one putAll, one lifetime: they expire and are read again together).
 * Undefined when the API is off or finds a sheet missing (an older workbook): each table is then read on its own
 * as before. A failure of the service itself fails the caller, as any read's does.
 */
function readAtColdStart(
  book: Book,
  missing: readonly Name[],
  headers: readonly SheetSpec[],
  cached: { zone?: string; settings?: SmallTable<SheetSpec> },
): { found: Partial<Record<Name, SmallTable<SheetSpec>>>; fresh: Record<string, string> } | undefined {
  if (!sheetsApi()) return undefined;
  // Settings first: its time zone reads the typed dates of the others.
  const order = [...missing].sort((a, b) => Number(b === "settings") - Number(a === "settings"));
  let values: unknown[][][];
  try {
    values = readNamed(book, [
      ...order.map((name) => ({ sheetName: SPECS[name].name })),
      ...headers.map((spec) => ({ sheetName: spec.name, headerOnly: true })),
    ]);
  } catch (e) {
    if (!isShapeError(e)) throw e;
    return undefined;
  }
  const fresh: Record<string, string> = {};
  const found: Partial<Record<Name, SmallTable<SheetSpec>>> = {};
  const sheetZone = new SheetZone(book, cached.zone);
  let timeZone: string | undefined;
  order.forEach((name, i) => {
    const spec = SPECS[name];
    // Settings, read just now or still cached, says the company's time zone for the others' typed dates.
    const settings = found.settings ?? cached.settings;
    if (name !== "settings" && timeZone === undefined && settings)
      timeZone = companyTimeZone(asTable(settings as SmallTable<typeof Settings>));
    const all = values[i];
    const rows = [
      all[0] ?? [],
      ...datesFromSerials(spec, mapHeaders(spec, all[0] ?? []), all.slice(1), 0, () => sheetZone.get()),
    ];
    // The sheet is not used: a small table is kept as records, never written through.
    const table = tableOfValues(undefined as unknown as Sheet, spec, rows, {
      parseDateText: dateTextParser(timeZone ?? "UTC"),
    });
    found[name] = keep(fresh, name, table);
  });
  headers.forEach((spec, i) => {
    fresh[headerCacheKey(spec)] = JSON.stringify(values[order.length + i][0] ?? []);
  });
  // Asked for the dates just read: cached with the tables, so the next cold start need not ask.
  if (sheetZone.asked > 0) fresh[ZONE_KEY] = sheetZone.get();
  return { found, fresh };
}

/** The Staff table as cached (no Sheets call), or undefined when it is not in the cache. */
export function cachedStaff(): RecordOf<typeof Staff>[] | undefined {
  const text = documentCache()?.get(keyOf("staff"));
  if (!text || text === ABSENT) return undefined;
  return (JSON.parse(text, dateReviver(Staff)) as SmallTable<typeof Staff>).records;
}

/** The sheets whose hand edits should reach the next click at once (see forgetSmallTables). */
export const SMALL_TABLE_SHEETS: readonly string[] = Object.values(SPECS).map((s) => s.name);

/** Drops every cached small table: call after Buyerbook itself changes Staff, Settings, Rules or Routing. */
export function forgetSmallTables(): void {
  documentCache()?.removeAll(Object.keys(SPECS).map((name) => keyOf(name as Name)));
}

/**
 * A small table in the shape the table readers (the config reader, staffList) take: rows and issues only, no sheet
 * behind it, so nothing may write through it.
 */
export function asTable<S extends SheetSpec>(small: SmallTable<S>): Table<S> {
  return {
    rows: small.records.map((record) => ({ row: 0, record, bad: new Set<string>() })),
    issues: small.issues,
  } as unknown as Table<S>;
}

function keyOf(name: Name): string {
  return KEY_PREFIX + name;
}

/** JSON keeps dates as ISO text: the spec's date columns (only those: a Settings value stays text) get them back. */
function dateReviver(spec: SheetSpec): (key: string, value: unknown) => unknown {
  const dateKeys = new Set(spec.columns.filter((c) => c.kind === "date" || c.kind === "datetime").map((c) => c.key));
  return (key, value) =>
    dateKeys.has(key) && typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value)
      ? new Date(value)
      : value;
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // A surrogate pair counts 6 rather than 4: an over-estimate only caches a little less.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}
