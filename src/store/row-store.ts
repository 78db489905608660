/**
 * Row-level access for the sidebar's clicks: read, change and append ONE row of a big sheet without reading
 * the whole table (a grade or a follow-up on a 20,000-buyer book must cost a handful of Sheets calls).
 *
 * - The header row is cached in the document cache; every row read re-checks that the row's ID sits in the
 *   cached ID column and that the known columns parse, and re-reads the header when they do not.
 * - Where a row lives is remembered per ID ("row hints") by every read that saw it (desk, buyer, search).
 *   A hint is only a guess: the row read at the hint must carry the ID, else a TextFinder on the ID column
 *   finds it (people sort and insert rows).
 * - Writes touch only the changed cells, checked before and after (safe-write.ts): a person's sort, inserted
 *   row or typing meanwhile never sends a value to the wrong row or over what they typed.
 */

import { readRanges } from "../gas/batch-read";
import { sheetOf } from "../gas/book";
import { documentCache } from "../gas/cache";
import { cellValue, parseCell, wouldBeReinterpreted } from "./cells";
import { type ColumnSpec, NUMBER_FORMAT, type RecordOf, type SheetSpec } from "./columns";
import { dateTextParser } from "./date-text";
import { dateColumnsOf, type HeaderMap, mapHeaders } from "./headers";
import { type CellChange, type Conflict, WriteBatch } from "./safe-write";
import { emptyValue } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const HEADER_KEY = "bb.hdr.";
const HINT_KEY = "bb.row.";
/** The cache keeps values at most 6 hours; headers change rarely and every row read re-checks them. */
const HEADER_SECONDS = 21_600;
const HINT_SECONDS = 21_600;

export interface LocatedRow<S extends SheetSpec> {
  /** 1-based sheet row. */
  row: number;
  record: RecordOf<S>;
  /** The raw values read, from column 1 to the header's width. */
  line: unknown[];
}

const cache = documentCache;

/** A row wanted by ID, with the row the sidebar showed it on when it did. */
type Wanted = { store: RowStore<SheetSpec>; id: string; shownAt?: number; guess?: number };

/** The document-cache key of the spreadsheet's time zone (File > Settings), which dates are read in. */
export const SHEET_ZONE_KEY = "bb.sheetZone";

/** The document-cache keys of a sheet's header row and of a row hint (for reads that fetch several in one getAll). */
export function headerCacheKey(spec: SheetSpec): string {
  return HEADER_KEY + spec.name;
}
export function hintCacheKey(spec: SheetSpec, id: string): string {
  return `${HINT_KEY}${spec.name}.${id}`;
}

/** Remembers where rows are (called by reads that saw many rows at once: desk, search, history). */
export function rememberRows(spec: SheetSpec, rows: { id: string; row: number }[]): void {
  const c = cache();
  if (!c || rows.length === 0) return;
  const values: Record<string, string> = {};
  for (const r of rows.slice(0, 500)) if (r.id) values[HINT_KEY + spec.name + "." + r.id] = String(r.row);
  c.putAll(values, HINT_SECONDS);
}

/** What one row update did: `conflicts` are cells a person changed meanwhile (their value kept). */
export interface RowWrite {
  written: boolean;
  conflicts: Conflict[];
  problems: string[];
}

const isText = (c: ColumnSpec) => c.kind === "text" || c.kind === "id";

export class RowStore<S extends SheetSpec> {
  readonly sheet: Sheet;
  private headerRow: unknown[] | undefined;
  private map: HeaderMap | undefined;
  private headerFresh = false;
  private readonly parseDate: (text: string) => Date | undefined;

  constructor(
    book: Book,
    readonly spec: S,
    timeZone: string,
  ) {
    this.sheet = sheetOf(book, spec);
    this.parseDate = dateTextParser(timeZone);
  }

  /** The header map (from the cache when there; `hint` is a cached header row fetched together with a row hint). */
  headers(cachedRow?: string | null): HeaderMap {
    if (this.map) return this.map;
    if (cachedRow === undefined) cachedRow = cache()?.get(HEADER_KEY + this.spec.name);
    if (cachedRow) {
      try {
        this.headerRow = JSON.parse(cachedRow) as unknown[];
      } catch {
        this.headerRow = undefined;
      }
    }
    if (!this.headerRow) this.reloadHeaders();
    this.map = mapHeaders(this.spec, this.headerRow ?? []);
    return this.map;
  }

  /** Reads the header row now (one read) and caches it: bulk reads trust no cached header. */
  freshHeaders(): HeaderMap {
    this.reloadHeaders();
    return this.map!;
  }

  private reloadHeaders(): void {
    const width = Math.max(1, this.sheet.getLastColumn());
    this.headerRow = this.sheet.getRange(1, 1, 1, width).getValues()[0];
    this.map = mapHeaders(this.spec, this.headerRow);
    this.headerFresh = true;
    cache()?.put(HEADER_KEY + this.spec.name, JSON.stringify(this.headerRow), HEADER_SECONDS);
  }

  private get idIndex(): number {
    const i = this.spec.idKey ? this.headers().index.get(this.spec.idKey) : undefined;
    if (i === undefined)
      throw new Error(`The ${this.spec.name} sheet has no ID column. Run Buyerbook > Set up workbook.`);
    return i;
  }

  private get width(): number {
    return Math.max(this.headers().width, ...[...this.headers().index.values()].map((i) => i + 1));
  }

  /** Parses one row as read; undefined when a known column does not parse (the header may have moved). */
  parse(line: readonly unknown[]): { record: RecordOf<S>; ok: boolean } {
    const record: Record<string, unknown> = {};
    let ok = true;
    for (const c of this.spec.columns) {
      const index = this.headers().index.get(c.key);
      if (index === undefined) {
        record[c.key] = emptyValue(c);
        continue;
      }
      const parsed = parseCell(c, line[index], this.parseDate);
      if (parsed.ok) record[c.key] = parsed.value;
      else {
        record[c.key] = emptyValue(c);
        ok = false;
      }
    }
    return { record: record as RecordOf<S>, ok };
  }

  /**
   * The row with this ID, or undefined when no row has it. `shownAt`: the row the sidebar showed it on, a hint
   * like the cached one; `guess`: where the ID says it should be (tried when no hint). Cost with a valid hint and cached header: one read; otherwise one find and one read
   * (plus one header read when the cached header proved stale).
   */
  find(id: string, shownAt?: number, guess?: number): LocatedRow<S> | undefined {
    const wanted = id.trim();
    if (wanted === "") return undefined;
    const hintKey = `${HINT_KEY}${this.spec.name}.${wanted}`;
    const cached = this.map ? {} : (cache()?.getAll([HEADER_KEY + this.spec.name, hintKey]) ?? {});
    if (!this.map) this.headers(cached[HEADER_KEY + this.spec.name] ?? null);
    // The row the sidebar showed it on comes first: it is minutes old, a cached hint may be hours old; a guess
    // (the caller's, from the ID) only when nobody knew better.
    const hints = [shownAt ?? 0, Number(cached[hintKey] ?? 0)].filter((h) => h >= 2);
    for (const hint of new Set(hints.length > 0 ? hints : [guess ?? 0])) {
      if (hint < 2) continue;
      const hit = this.readAt(hint, wanted);
      if (hit) return hit;
    }
    // A person may move the row between the search and the read: then it is searched for again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const found = this.search(wanted);
      if (found === undefined) break;
      const hit = this.readAt(found, wanted);
      if (hit) {
        cache()?.put(hintKey, String(found), HINT_SECONDS);
        return hit;
      }
    }
    if (!this.headerFresh) {
      // The ID column may have moved since the header was cached: look again with the real header.
      this.reloadHeaders();
      const again = this.search(wanted);
      const hit = again !== undefined ? this.readAt(again, wanted) : undefined;
      if (hit) cache()?.put(hintKey, String(again), HINT_SECONDS);
      return hit;
    }
    return undefined;
  }

  /**
   * Several rows, one per store (different sheets), in one read when the cache holds their headers and row
   * hints: one cache look for all of them, one batched read of the hinted rows; a row not where its hint says,
   * or read under a header that no longer fits, is found the usual way (find).
   */
  static findPair<A extends SheetSpec, B extends SheetSpec>(
    book: Book,
    a: { store: RowStore<A>; id: string; shownAt?: number; guess?: number },
    b: { store: RowStore<B>; id: string; shownAt?: number; guess?: number },
  ): [LocatedRow<A> | undefined, LocatedRow<B> | undefined] {
    // The two stores differ only in their record types, which this reading does not depend on.
    const found = RowStore.findTogether(book, [a, b] as unknown as Wanted[]);
    return [found[0] as LocatedRow<A> | undefined, found[1] as LocatedRow<B> | undefined];
  }

  private static findTogether(book: Book, wanted: readonly Wanted[]): (LocatedRow<SheetSpec> | undefined)[] {
    const ids = wanted.map((w) => w.id.trim());
    const keys = wanted.flatMap((w, i) => [
      HEADER_KEY + w.store.spec.name,
      `${HINT_KEY}${w.store.spec.name}.${ids[i]}`,
    ]);
    const cached = cache()?.getAll(keys) ?? {};
    const cachedHints = wanted.map((w, i) => {
      if (!w.store.map) w.store.headers(cached[HEADER_KEY + w.store.spec.name] ?? null);
      return Number(cached[`${HINT_KEY}${w.store.spec.name}.${ids[i]}`] ?? 0);
    });
    const hints = wanted.map((w, i) => w.shownAt || cachedHints[i] || w.guess || 0);
    const asked = wanted.flatMap((_w, i) => (ids[i] !== "" && hints[i] >= 2 ? [i] : []));
    let lines: unknown[][][] = [];
    if (asked.length > 0) {
      try {
        lines = readRanges(
          book,
          asked.map((i) => ({
            sheet: wanted[i].store.sheet,
            row: hints[i],
            column: 1,
            rows: 1,
            columns: wanted[i].store.width,
            dateColumns: dateColumnsOf(wanted[i].store.spec, wanted[i].store.headers()),
          })),
        );
      } catch {
        // A hint past a sheet's edge (rows deleted since): every row is found the usual way.
        lines = [];
      }
    }
    return wanted.map((w, i) => {
      if (ids[i] === "") return undefined;
      const k = asked.indexOf(i);
      const line = k >= 0 ? lines[k]?.[0] : undefined;
      if (line && String(line[w.store.idIndex] ?? "").trim() === ids[i]) {
        const parsed = w.store.parse(line);
        if (parsed.ok) return { row: hints[i], record: parsed.record, line };
      }
      // Not on the shown row: the cached hint when it is another row, then a search.
      return w.store.find(ids[i], cachedHints[i] !== hints[i] ? cachedHints[i] : undefined);
    });
  }

  private search(id: string): number | undefined {
    const lastRow = this.sheet.getLastRow();
    if (lastRow < 2) return undefined;
    const hit = this.sheet
      .getRange(2, this.idIndex + 1, lastRow - 1, 1)
      .createTextFinder(id)
      .matchEntireCell(true)
      .matchCase(true)
      .findNext();
    return hit ? hit.getRow() : undefined;
  }

  /** Whatever row `row` holds (the selected row of the sheet), parsed; one read. */
  at(row: number): LocatedRow<S> | undefined {
    if (row < 2 || row > this.sheet.getLastRow()) return undefined;
    const line = this.sheet.getRange(row, 1, 1, this.width).getValues()[0];
    return { row, record: this.parse(line).record, line };
  }

  private readAt(row: number, id: string): LocatedRow<S> | undefined {
    let line: unknown[];
    try {
      line = this.sheet.getRange(row, 1, 1, this.width).getValues()[0];
    } catch (e) {
      // A hint past the sheet's edge (a person deleted rows since): not there.
      if (e instanceof Error && /outside the dimensions of the sheet/i.test(e.message)) return undefined;
      throw e;
    }
    if (String(line[this.idIndex] ?? "").trim() !== id) return undefined;
    let parsed = this.parse(line);
    if (!parsed.ok && !this.headerFresh) {
      // A column that should hold a date or a grade holds something else: the header may have moved.
      this.reloadHeaders();
      line = this.sheet.getRange(row, 1, 1, this.width).getValues()[0];
      if (String(line[this.idIndex] ?? "").trim() !== id) return undefined;
      parsed = this.parse(line);
    }
    return { row, record: parsed.record, line };
  }

  /**
   * Writes `changes` into the located row with the checks of safe-write.ts: the row is read again just
   * before (found by ID if a person moved it), only the changed cells are written, a cell a person changed
   * since `at` was read keeps their value (reported in `conflicts`), and the write is read back. Throws when
   * the row is gone.
   */
  update(at: LocatedRow<S>, changes: Partial<RecordOf<S>>, batch?: WriteBatch): RowWrite {
    const map = this.headers();
    const cells: CellChange[] = [];
    for (const c of this.spec.columns) {
      if (!(c.key in changes)) continue;
      const index = map.index.get(c.key);
      if (index === undefined) continue;
      const value = cellValue(c, (changes as Record<string, unknown>)[c.key]);
      cells.push({ id: this.idOf(at), index, key: c.key, value, before: at.line[index], text: isText(c) });
    }
    if (cells.length === 0) return { written: false, conflicts: [], problems: [] };
    const own = batch ?? new WriteBatch();
    const report = own.cells(this.sheet, cells, {
      sheetName: this.spec.name,
      idIndex: this.idIndex,
      hint: () => at.row,
      same: (index, a, b) => this.same(index, a, b),
      dateIndexes: this.dateIndexes(),
    });
    own.afterCommit(() => {
      if (report.unwritten.length > 0) throw new Error(report.unwritten.map((u) => u.reason).join("; "));
      const lost = new Set(report.conflicts.map((c) => c.key));
      for (const c of cells) {
        if (lost.has(c.key)) continue;
        (at.record as Record<string, unknown>)[c.key] = (changes as Record<string, unknown>)[c.key];
        at.line[c.index] = c.value;
      }
    });
    if (!batch) own.commit();
    // With a batch, these lists fill when it is committed.
    return { written: true, conflicts: report.conflicts, problems: report.problems };
  }

  /** The sheet columns (0-based) of the date fields. */
  private dateIndexes(): Set<number> {
    const map = this.headers();
    const out = new Set<number>();
    for (const c of this.spec.columns) {
      const i = map.index.get(c.key);
      if (i !== undefined && (c.kind === "date" || c.kind === "datetime")) out.add(i);
    }
    return out;
  }

  private idOf(at: LocatedRow<S>): string {
    return String(at.line[this.idIndex] ?? "").trim();
  }

  /** Two values of the column at `index`, compared as the column reads them (text trimmed, dates by time). */
  private same(index: number, a: unknown, b: unknown): boolean {
    const column = [...this.headers().index].find(([, i]) => i === index)?.[0];
    const spec = this.spec.columns.find((c) => c.key === column);
    const norm = (v: unknown) => {
      if (!spec) return v;
      const parsed = parseCell(spec, v, this.parseDate);
      return parsed.ok ? cellValue(spec, parsed.value) : v;
    };
    const key = (v: unknown) =>
      v === null || v === undefined || v === ""
        ? ""
        : v instanceof Date
          ? `d${Math.round(v.getTime() / 1000)}`
          : `${typeof v}:${String(v)}`;
    return key(norm(a)) === key(norm(b));
  }

  /**
   * Appends one record under the last row as it is now (safe-write.ts appendLines: never over a row a person
   * typed there, checked before and after). With a batch, it is written when the batch is committed.
   */
  append(record: RecordOf<S>, batch?: WriteBatch): void {
    const map = this.headers();
    const known = this.spec.columns.filter((c) => map.index.has(c.key));
    if (known.length === 0) throw new Error(`The ${this.spec.name} sheet has no known headers.`);
    const indexes = known.map((c) => map.index.get(c.key)!);
    const first = Math.min(...indexes);
    const last = Math.max(...indexes);
    const line: unknown[] = new Array(last - first + 1).fill("");
    let risky = false;
    for (const c of known) {
      const v = cellValue(c, (record as Record<string, unknown>)[c.key]);
      if (typeof v === "string" && isText(c) && wouldBeReinterpreted(v)) risky = true;
      line[map.index.get(c.key)! - first] = v;
    }
    const idIndex = this.spec.idKey ? map.index.get(this.spec.idKey) : undefined;
    const own = batch ?? new WriteBatch();
    const report = own.append(this.sheet, [line], {
      sheetName: this.spec.name,
      first,
      // New rows carry the formats of the row above (Sheets does that); text Sheets would misread gets them set.
      formats: risky ? this.formatsFor(first, last) : undefined,
      idOffset: idIndex === undefined ? undefined : idIndex - first,
      dateOffsets: [...this.dateIndexes()].map((i) => i - first),
    });
    own.afterCommit(() => {
      if (report.appended === 0) throw new Error(report.problems.join("; "));
      if (this.spec.idKey) {
        const id = String((record as Record<string, unknown>)[this.spec.idKey] ?? "");
        if (id) cache()?.put(`${HINT_KEY}${this.spec.name}.${id}`, String(report.row), HINT_SECONDS);
      }
    });
    if (!batch) own.commit();
  }

  private formatsFor(first: number, last: number): string[] {
    const map = this.headers();
    const formats: string[] = new Array(last - first + 1).fill("General");
    for (const c of this.spec.columns) {
      const i = map.index.get(c.key);
      if (i !== undefined && i >= first && i <= last) formats[i - first] = NUMBER_FORMAT[c.kind];
    }
    return formats;
  }

  /** The highest ID number in the ID column (one read); used once to seed an ID counter. */
  highestIdNumber(toNumber: (id: string) => number): number {
    const lastRow = this.sheet.getLastRow();
    if (lastRow < 2) return 0;
    const ids = this.sheet.getRange(2, this.idIndex + 1, lastRow - 1, 1).getValues();
    let max = 0;
    for (const [id] of ids) max = Math.max(max, toNumber(String(id ?? "")));
    return max;
  }
}
