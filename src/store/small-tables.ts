import { missingSheet } from "../gas/book";
import { documentCache } from "../gas/cache";
import type { DataIssue } from "./cells";
import type { RecordOf, SheetSpec } from "./columns";
import { dateTextParser } from "./date-text";
import { Routing, Rules, Settings, Staff } from "./schemas";
import { companyTimeZone } from "./settings";
import { readTable, type Table } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The small tables nearly every job and click needs (Settings, Staff, and the intake's Rules and Routing),
 * kept in the document cache for a few minutes: each is a sheet look-up, an extent and a read in Apps Script
 * (three Sheets calls), and a pull or a sidebar click should not spend its call budget on a dozen rows.
 *
 * Freshness: Buyerbook's own changes to Staff or Settings call `forgetSmallTables` (re-exported by the RPC
 * layer as `forgetCachedTables`), so they show at once. A HAND edit of any of these sheets (the boss adding
 * a Routing row, the assistant a Rules row) is seen when the cached copy expires: within CACHE_SECONDS.
 */
export const CACHE_SECONDS = 300;
const KEY_PREFIX = "small-tables.v2.";
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
  /** Undefined when the sheet is missing (an older workbook) or was not asked for. */
  rules?: SmallTable<typeof Rules>;
  routing?: SmallTable<typeof Routing>;
}

export interface SmallTableOptions {
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
  const hits = cache?.getAll(names.map(keyOf)) ?? {};
  const found: Partial<Record<Name, SmallTable<SheetSpec> | null>> = {};
  for (const name of names) {
    const text = hits[keyOf(name)];
    if (text === undefined || text === null) continue;
    found[name] = text === ABSENT ? null : (JSON.parse(text, dateReviver(SPECS[name])) as SmallTable<SheetSpec>);
  }
  const lookup = options.sheetByName ?? ((name: string) => book.getSheetByName(name));
  const fresh: Record<string, string> = {};
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
    const small = { records: table.rows.map((r) => r.record), issues: table.issues };
    found[name] = small as SmallTable<SheetSpec>;
    const json = JSON.stringify(small);
    if (utf8Bytes(json) <= MAX_VALUE_BYTES) fresh[keyOf(name)] = json;
  }
  if (cache && Object.keys(fresh).length > 0) cache.putAll(fresh, CACHE_SECONDS);
  return {
    settings: found.settings as SmallTable<typeof Settings>,
    staff: found.staff as SmallTable<typeof Staff>,
    rules: (found.rules ?? undefined) as SmallTable<typeof Rules> | undefined,
    routing: (found.routing ?? undefined) as SmallTable<typeof Routing> | undefined,
  };
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
