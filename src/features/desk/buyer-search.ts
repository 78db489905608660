/**
 * Finding a buyer from the sidebar (R21, R22) without reading the Buyers sheet's span.
 *
 * Quick way, for a query in Latin letters, digits and punctuation: a TextFinder on the server over the columns
 * a buyer is found by (ID, company, contact, e-mail, other e-mails, phone, website) for the query's longest word
 * — letters matching their accented forms, a phone's last digits with any separators between them — and, while
 * that names too many rows, for the next longest (the rows holding both), at most three; then one
 * batched read of those rows' find columns (and the header row, to check the cached one), the buyer matching
 * of the whole-book search run over those rows alone, and one batched read of the hits' whole rows. Every buyer the whole-book search would list contains that
 * word somewhere in those columns, except a contact written in Chinese whose pinyin the query is: a query that
 * could be a name in pinyin (two to four words of letters) also takes every contact written in Han characters
 * (one more search, of the Contact column). Letters the classes do not cover remain: so the quick way answers
 * only when it found someone, else the whole way runs.
 *
 * Whole way (Chinese, Cyrillic or Arabic queries, short words, words too common to be worth it, nothing found):
 * the same seven columns of every row, then the hits' whole rows in one batched read.
 */
import type { RpcContext } from "../../app/context";
import { fold } from "../../domain/fold";
import { LEGAL_PREFIX_TOKENS, LEGAL_SUFFIX_TOKENS } from "../../domain/legal-forms";
import { buildBuyerIndex, findBuyers } from "../../domain/matching";
import { columnLetters, readRanges } from "../../gas/batch-read";
import { missingSheet } from "../../gas/book";
import { dateTextParser } from "../../store/date-text";
import { dateColumnsOf, type HeaderMap } from "../../store/headers";
import { rememberRows } from "../../store/row-store";
import { cachedEntries, headerKeys, parseRecord, runsOf, SheetHeaders } from "../../store/rows-by-key";
import { type Buyer, Buyers } from "../../store/schemas";
import { readTableColumns } from "../../store/table";
import type { BuyerHitView } from "./types";

/** What a buyer is found by (the matching index's fields). */
const FIND_KEYS = ["id", "company", "name", "email", "otherEmails", "phone", "website"] as const;
/**
 * Past this many rows holding the words, the quick way is no quicker: their find columns cost as much as a
 * good share of the whole way's.
 */
const QUICK_MAX_ROWS = 3_000;
/** Shorter words name too many rows (a number of two digits is telling enough). */
const QUICK_MIN_CHARS = 3;
/** Searches of the quick way at most: each word narrows the rows (a buyer listed holds every word). */
const QUICK_MAX_FINDS = 3;
const HITS = 30;
/** Two to four words of letters: what could be a Chinese name in pinyin. */
const PINYIN_LIKE = /^[a-z]+(?:[ '-][a-z]+){1,3}$/i;
/** The CJK ideographs (extension A and the unified block), written as the characters themselves. */
const HAN_FIRST = "\u3400";
const HAN_LAST = "\u9fff";
const READ_CELL_MS = 0.01;
const FIND_CALL_MS = 120;
const FIND_CELL_MS = 0.001;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function searchBuyers(ctx: RpcContext, query: string): BuyerHitView[] {
  const q = query.trim();
  if (q === "") return [];
  const headers = new SheetHeaders(ctx.book, [Buyers], cachedEntries(headerKeys([Buyers])));
  const sheet = headers.sheet(Buyers);
  if (!sheet) throw missingSheet(Buyers);
  const parseDate = dateTextParser(ctx.config.timeZone);
  const quick = quickPatterns(q);
  const found = quick.length > 0 ? quickSearch(ctx, headers, sheet, quick, q, parseDate) : undefined;
  headers.save();
  const hits = found && found.length > 0 ? found : wholeSearch(ctx, sheet, q, parseDate);
  rememberRows(
    Buyers,
    hits.map((h) => ({ id: h.buyer.id, row: h.row })),
  );
  return hits.map((h) => hitView(h.buyer, h.field));
}

interface Hit {
  buyer: Buyer;
  row: number;
  field: string;
}

/**
 * The TextFinder patterns for the quick way, most telling first (the longest words; legal forms such as "LLC"
 * are left out, a company is matched without them), or none when only the whole way can answer this query.
 */
export function quickPatterns(query: string): string[] {
  if (!/^[\x20-\x7e]+$/.test(query)) return [];
  const digits = query.replace(/\D/g, "");
  if (/^[\d\s+().\-/]+$/.test(query)) {
    if (digits.length < 5) return [];
    // A number matches with separators anywhere between its digits ("+49 40-123 4567").
    return [[...digits.slice(-6)].join("[^0-9]*")];
  }
  if (query.includes("@")) return [escapeRegExp(query.toLowerCase())];
  const terms = [...new Set(fold(query).split(/[^a-z0-9]+/))]
    .filter((t) => (t.length >= QUICK_MIN_CHARS || /^\d{2}$/.test(t)) && !LEGAL_SUFFIX_TOKENS.has(t))
    .filter((t) => !LEGAL_PREFIX_TOKENS.has(t))
    .sort((a, b) => Number(COMMON_WORDS.has(a)) - Number(COMMON_WORDS.has(b)) || b.length - a.length)
    .slice(0, QUICK_MAX_FINDS);
  return terms.map((term) => [...term].map((c) => ACCENTED[c] ?? escapeRegExp(c)).join(""));
}

/**
 * Words on a good share of an exporter's buyers: searched last, since every row a search names is a Range to
 * go through (the results are the same in any order; only the cost differs).
 */
const COMMON_WORDS = new Set(
  (
    "lighting light lights led lamp lamps electric electrical electronics electronic hardware tools tool building " +
    "materials material supply supplies import imports export exports technology technologies tech products product " +
    "solutions systems global general equipment machinery engineering services service world home contact buyer " +
    "sales purchasing info office mail gmail yahoo hotmail outlook example"
  ).split(" "),
);

/** Latin letters and the accented forms fold() takes back to them. */
const ACCENTED: Record<string, string> = {
  a: "[aàáâãäåāăą]",
  c: "[cçćčĉċ]",
  d: "[dďđ]",
  e: "[eèéêëēĕėęě]",
  g: "[gğĝġģ]",
  i: "[iìíîïĩīĭįı]",
  l: "[lĺļľł]",
  n: "[nñńņň]",
  o: "[oòóôõöøōŏő]",
  r: "[rŕŗř]",
  s: "[sśŝşš]",
  t: "[tţťŧ]",
  u: "[uùúûüũūŭůűų]",
  y: "[yýÿŷ]",
  z: "[zźżž]",
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function quickSearch(
  ctx: RpcContext,
  headers: SheetHeaders,
  sheet: Sheet,
  patterns: readonly string[],
  query: string,
  parseDate: (text: string) => Date | undefined,
): Hit[] | undefined {
  const map = headers.map(Buyers)!;
  const columns = FIND_KEYS.map((k) => map.index.get(k)).filter((i): i is number => i !== undefined);
  if (columns.length === 0) return undefined;
  const span = `${columnLetters(Math.min(...columns) + 1)}2:${columnLetters(Math.max(...columns) + 1)}`;
  // Another search is worth it while reading the rows named so far would cost more (a search's price grows
  // with the cells it looks through, a read's ten times faster with the cells it reads: costs in the emulator's
  // cost table, packages/gas-emulator/src/core/costs.ts).
  const searched = Math.max(1, sheet.getLastRow() - 1) * columns.length;
  const worthAnother = (found: number) =>
    found * columns.length * READ_CELL_MS > FIND_CALL_MS + searched * FIND_CELL_MS;
  let rows: number[] | undefined;
  for (const pattern of patterns) {
    const hits = new Set(
      sheet
        .getRange(span)
        .createTextFinder(pattern)
        .useRegularExpression(true)
        .matchCase(false)
        .findAll()
        .map((r) => r.getRow()),
    );
    rows = rows === undefined ? [...hits] : rows.filter((row) => hits.has(row));
    if (!worthAnother(rows.length)) break;
  }
  if (!rows || rows.length > QUICK_MAX_ROWS) return undefined;
  // A name in Latin letters is also the pinyin of a contact written in Chinese ("Chen Dawen" ~ "陈大文"), whom
  // no search for its letters finds: such a query looks at every contact written in Han characters too.
  const nameColumn = map.index.get("name");
  if (PINYIN_LIKE.test(query) && nameColumn !== undefined) {
    const letter = columnLetters(nameColumn + 1);
    const han = sheet
      .getRange(`${letter}2:${letter}`)
      .createTextFinder(`[${HAN_FIRST}-${HAN_LAST}]`)
      .useRegularExpression(true)
      .findAll()
      .map((r) => r.getRow());
    rows = [...new Set([...rows, ...han])];
    if (rows.length > QUICK_MAX_ROWS) return undefined;
  }
  if (rows.length === 0) return undefined;
  rows.sort((a, b) => a - b);
  const checks = headers.checks();
  const runs = runsOf(rows);
  const firstColumn = Math.min(...columns);
  const width = Math.max(...columns) - firstColumn + 1;
  const values = readRanges(
    ctx.book,
    [
      ...checks.map((c) => c.request),
      ...runs.map(([row, count]) => ({ sheet, row, column: firstColumn + 1, rows: count, columns: width })),
    ],
    headers.zone,
  );
  // A person moved the columns since the header was cached: the search looked in the wrong ones.
  if (!headers.settle(new Map(checks.map((c, i) => [c.spec, values[i][0] ?? []])))) return undefined;
  const found: { buyer: Buyer; row: number }[] = [];
  runs.forEach(([row, count], i) => {
    const block = values[checks.length + i];
    for (let k = 0; k < count; k += 1) {
      // The find columns sit at their sheet places in a line padded to the left.
      const line = [...new Array(firstColumn).fill(""), ...(block[k] ?? [])];
      const buyer = parseRecord(Buyers, map, line, parseDate);
      if (buyer.id !== "") found.push({ buyer, row: row + k });
    }
  });
  return completed(ctx, sheet, map, ranked(found, query), parseDate);
}

function wholeSearch(
  ctx: RpcContext,
  sheet: Sheet,
  query: string,
  parseDate: (text: string) => Date | undefined,
): Hit[] {
  const table = readTableColumns(sheet, Buyers, FIND_KEYS, { parseDateText: parseDate });
  const hits = ranked(
    table.rows.map((r) => ({ buyer: r.record, row: r.row })),
    query,
  );
  return table.readKeys ? completed(ctx, sheet, table.headers, hits, parseDate) : hits;
}

/**
 * The hits' whole rows (country, grade and owner are shown beside a hit), in one batched read. A row sorted
 * away since the find columns were read is shown as first read.
 */
function completed(
  ctx: RpcContext,
  sheet: Sheet,
  map: HeaderMap,
  hits: Hit[],
  parseDate: (text: string) => Date | undefined,
): Hit[] {
  if (hits.length === 0) return hits;
  const width = Math.max(...[...map.index.values()].map((i) => i + 1));
  const dateColumns = dateColumnsOf(Buyers, map);
  let values: unknown[][][];
  try {
    values = readRanges(
      ctx.book,
      hits.map((h) => ({ sheet, row: h.row, column: 1, rows: 1, columns: width, dateColumns })),
    );
  } catch {
    // Rows deleted since the find columns were read: the hits are shown as first read.
    return hits;
  }
  return hits.map((h, i) => {
    const buyer = parseRecord(Buyers, map, values[i][0] ?? [], parseDate);
    return buyer.id === h.buyer.id ? { ...h, buyer } : h;
  });
}

/** The buyer matching's own ranking (exact address, phone, domain, company, name, then text) over these rows. */
function ranked(rows: readonly { buyer: Buyer; row: number }[], query: string): Hit[] {
  const byId = new Map(rows.filter((r) => r.buyer.id !== "").map((r) => [r.buyer.id, r]));
  return findBuyers(buyerIndexOf([...byId.values()].map((r) => r.buyer)), query, HITS).flatMap((h) => {
    const r = byId.get(h.buyerId);
    return r ? [{ buyer: r.buyer, row: r.row, field: h.field }] : [];
  });
}

/** The buyer matching's index over Buyers rows as they are (rows without an ID left out). */
export function buyerIndexOf(buyers: readonly Buyer[]) {
  return buildBuyerIndex(buyers);
}

export function hitView(b: Buyer, matchedOn: string): BuyerHitView {
  return {
    id: b.id,
    company: b.company,
    name: b.name,
    email: b.email,
    phone: b.phone,
    country: b.country,
    grade: b.grade,
    owner: b.owner,
    matchedOn,
  };
}
