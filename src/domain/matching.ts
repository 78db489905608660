/**
 * Buyer matching (R21, R22): before anyone answers an unfamiliar sender, look them up — same address,
 * same company domain, same company name, or only a weak hint (same contact name, similar company).
 * Weak hints are never merged automatically; the caller files the buyer as "possible duplicate of B-…".
 *
 * The index is built once per intake run and answers each sender with a few look-ups. Only the address
 * and domain look-ups every sender needs are built up front; the weaker ones (company words, contact names,
 * phone numbers) are built the first time a sender gets that far. Each look-up files 20,000 buyers under hashes
 * read straight from their text (KeyChains), and checks a sender's few candidates against the exact key.
 */
import { type BuyerColumns, type BuyerRecord, buyerColumnsOf } from "./buyer-columns";
import { ASCII_ONLY, fold, words } from "./fold";
import { isFreeMailDomain } from "./free-mail";
import {
  AsciiWords,
  emptyStringList,
  hashOf,
  hashStep,
  joinHashes,
  KeyChains,
  mix,
  PlainAddress,
  wordsHash,
} from "./key-chains";
import {
  CJK_LEGAL_PREFIX,
  CJK_LEGAL_SUFFIX,
  LEGAL_CONNECTOR_TOKENS,
  LEGAL_PREFIX_RUNS,
  LEGAL_PREFIX_TOKENS,
  LEGAL_SUFFIX_TOKENS,
} from "./legal-forms";
import { hanNameKeyHashes, hanNameKeys } from "./pinyin";
import { collapseWhitespace } from "./text";

export type { BuyerRecord } from "./buyer-columns";

export interface SenderFacts {
  address: string;
  name?: string;
  company?: string;
  /** The sender's phone as written or E.164 (from the signature): confirms a name or a company (R22). */
  phone?: string;
  /** The number a fax came from (no address: the gateway is not the buyer). The same number joins (R22, R26). */
  fax?: string;
}

/** Fields of a match that joins a buyer other than by the exact address. */
interface Join {
  buyerId: string;
  /** Other buyers the same evidence points at (a person may merge them). */
  others: string[];
  strong: true;
  /** The sender's address, new to this buyer: file it under the buyer's other addresses. */
  addAddress?: string;
  why: string;
}

/**
 * `strong` says whether to join the buyer (email, domain, company, contact) or to enter a new buyer, flagged
 * "possible duplicate of …" when `kind` is "weak" (R22: never merged on weak evidence).
 */
export type MatchResult =
  | { kind: "email"; buyerId: string; strong: true; why: string }
  | ({ kind: "domain" } & Join)
  | ({ kind: "company" } & Join)
  /** The contact's name and phone both match. */
  | ({ kind: "contact" } & Join)
  | { kind: "weak"; candidates: WeakCandidate[]; strong: false; why: string }
  | { kind: "none"; strong: false; why: string };

export interface WeakCandidate {
  buyerId: string;
  reason: "same-contact-name" | "similar-company" | "same-company" | "same-phone";
}

/** The "Possible duplicate of" cell of a buyer a person should compare with these (R22: never merged here). */
export function possibleDuplicateText(ids: readonly string[]): string {
  return ids.length > 0 ? `possible duplicate of ${ids.join(", ")}` : "";
}

// ---------------------------------------------------------------- e-mail and domains

export function normalizeEmail(address: string | undefined | null): string {
  let text = String(address ?? "")
    .trim()
    .toLowerCase();
  if (SIMPLE_EMAIL.test(text)) return text; // the common case, without the clean-up below
  const angle = /<([^<>]+)>/.exec(text);
  if (angle) text = angle[1].trim();
  text = text.replace(/^mailto:/, "");
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) return "";
  return text.replace(/\.+$/, "");
}

const SIMPLE_EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/;

// Two-label public suffixes seen in trade mail. Also any "<generic>.<2-letter ccTLD>" (see below).
const TWO_PART_SUFFIXES = new Set([
  "co.uk",
  "org.uk",
  "ac.uk",
  "me.uk",
  "ltd.uk",
  "plc.uk",
  "com.cn",
  "net.cn",
  "org.cn",
  "gov.cn",
  "com.au",
  "net.au",
  "org.au",
  "co.nz",
  "co.jp",
  "ne.jp",
  "or.jp",
  "co.kr",
  "co.in",
  "co.id",
  "co.th",
  "co.za",
  "co.il",
  "co.ke",
  "com.br",
  "com.mx",
  "com.ar",
  "com.tr",
  "com.sg",
  "com.hk",
  "com.tw",
  "com.my",
  "com.vn",
  "com.pk",
  "com.sa",
  "com.eg",
  "com.ng",
  "com.ph",
  "com.bd",
  "com.co",
  "com.pe",
  "com.ec",
  "com.uy",
  "com.ua",
]);
const GENERIC_SECOND_LEVEL = new Set(["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "mil"]);

/**
 * The registrable ("company") domain of an address, bare domain or URL: "ann@sales.acme.de" -> "acme.de",
 * "https://www.acme.co.uk/en" -> "acme.co.uk", "li@mail.foo.com.cn" -> "foo.com.cn". "" when there is none.
 */
export function companyDomain(addressOrDomain: string | undefined | null): string {
  let text = String(addressOrDomain ?? "")
    .trim()
    .toLowerCase();
  if (!text) return "";
  const at = text.lastIndexOf("@");
  if (at >= 0) text = text.slice(at + 1);
  if (!SIMPLE_DOMAIN.test(text)) {
    text = text
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
      .replace(/[/?#:>].*$/, "")
      .replace(/\.+$/, "");
    if (!/^[a-z0-9\u00a1-\uffff-]+(?:\.[a-z0-9\u00a1-\uffff-]+)+$/.test(text)) return "";
  }
  // Index arithmetic instead of split/join: this runs for every buyer address when the index is built.
  const last = text.lastIndexOf(".");
  const prev = text.lastIndexOf(".", last - 1);
  if (prev < 0) return text;
  // Every two-part suffix ends in a two-letter country code, so ".com" and the like need no look-up.
  if (text.length - last !== 3 || !isTwoPartSuffix(text.slice(prev + 1))) return text.slice(prev + 1);
  const prev2 = text.lastIndexOf(".", prev - 1);
  return prev2 < 0 ? text : text.slice(prev2 + 1);
}

const SIMPLE_DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** "co.uk", "com.cn", or any generic second level under a two-letter country code ("ac.jp", "gob.pe"). */
function isTwoPartSuffix(lastTwoLabels: string): boolean {
  return (
    TWO_PART_SUFFIXES.has(lastTwoLabels) || GENERIC_SECOND_LEVEL.has(lastTwoLabels.slice(0, lastTwoLabels.indexOf(".")))
  );
}

/** True for free-mail providers (gmail.com, yahoo.co.uk, vip.163.com, gmx.at, …). */
export function isFreeMail(domainOrAddress: string | undefined | null): boolean {
  return isFreeMailDomain(companyDomain(domainOrAddress));
}

// ---------------------------------------------------------------- company names

/**
 * Comparable company name: case, accents, punctuation and legal forms ignored, in the languages of our buyers.
 * "ACME Trading Co., Ltd." and "Acme Limited" both -> "acme"; "Müller GmbH & Co. KG" -> "muller";
 * "Comercializadora Sol S.A. de C.V." -> "comercializadora sol"; "Công ty TNHH Ánh Sáng" -> "anh sang";
 * "深圳市华强有限公司" -> "深圳市华强"; "(주)한빛전자" -> "한빛전자". Returns "" when nothing distinctive is left.
 */
export function normalizeCompany(name: string | undefined | null): string {
  const text = String(name ?? "");
  const ascii = ASCII_ONLY.test(text);
  // Dots and apostrophes join ("S.p.A." -> "spa", "O'Neil" -> "oneil"); other punctuation separates.
  const tokens = ascii ? asciiWords(text.toLowerCase()) : words(fold(text).replace(JOINING_PUNCTUATION, ""));
  let start = skipPrefixes(tokens);
  let end = stripSuffixes(tokens, start, tokens.length);
  if (ascii) return joinWords(tokens, start, end);
  const kept: string[] = [];
  for (let i = start; i < end; i++) {
    let token = tokens[i];
    for (let guard = 0; guard < 5 && CJK_LEGAL_SUFFIX.test(token); guard++) token = token.replace(CJK_LEGAL_SUFFIX, "");
    token = token.replace(CJK_LEGAL_PREFIX, "");
    if (token !== "") kept.push(token);
  }
  start = skipPrefixes(kept);
  end = stripSuffixes(kept, start, kept.length);
  return joinWords(kept, start, end);
}

/** Multi-word legal forms, folded as the names they are compared with ("ограниченной" -> "ограниченнои"). */
const PREFIX_RUNS = LEGAL_PREFIX_RUNS.map((run) => run.map(fold));
/** The words a multi-word prefix starts with: most names start with none of them and skip the run search. */
const PREFIX_RUN_STARTS = new Set(PREFIX_RUNS.map((run) => run[0]));

/** The first token after the legal forms written before a name (keeping at least one token). */
function skipPrefixes(tokens: readonly string[]): number {
  let start = 0;
  for (let guard = 0; guard < 8 && tokens.length - start > 1; guard++) {
    const run = !PREFIX_RUN_STARTS.has(tokens[start])
      ? undefined
      : PREFIX_RUNS.find((r) => tokens.length - start > r.length && r.every((word, j) => tokens[start + j] === word));
    if (run) start += run.length;
    else if (LEGAL_PREFIX_TOKENS.has(tokens[start])) start += 1;
    else break;
  }
  return start;
}

/** The end after dropping legal forms (and the "de", "&" joining them: "S.A. de C.V.") from the end. */
function stripSuffixes(tokens: readonly string[], start: number, end: number): number {
  let stripped = false;
  while (end > start) {
    const last = tokens[end - 1];
    if (LEGAL_SUFFIX_TOKENS.has(last) || (stripped && LEGAL_CONNECTOR_TOKENS.has(last) && end - 1 > start)) {
      end -= 1;
      stripped = true;
    } else break;
  }
  return end;
}

const JOINING_PUNCTUATION = /[.'’`]/g;

/**
 * The words of lower-case ASCII text, dots, apostrophes and backticks joining ("s.p.a." -> "spa"): what
 * splitting `text.replace(JOINING_PUNCTUATION, "")` on non-alphanumerics gives, in one pass without the
 * intermediate string (this runs for every buyer when the company look-up is built).
 */
function asciiWords(lower: string): string[] {
  const tokens: string[] = [];
  let token = "";
  let from = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0) {
      token = token === "" ? lower.slice(from, i) : token + lower.slice(from, i);
      from = -1;
    }
    if (c === 46 || c === 39 || c === 96) continue; // . ' ` join the letters around them
    if (token !== "") {
      tokens.push(token);
      token = "";
    }
  }
  return tokens;
}

function joinWords(tokens: readonly string[], start: number, end: number): string {
  if (end - start === 1) return tokens[start];
  let out = "";
  for (let i = start; i < end; i++) out = i === start ? tokens[i] : `${out} ${tokens[i]}`;
  return out;
}

/** A display name that says it is a company ("Acme Trading Co., Ltd") rather than a person. */
function looksLikeCompanyName(name: string): boolean {
  const raw = collapseWhitespace(name).toLowerCase();
  return (
    /\b(?:co|ltd|limited|llc|inc|corp|gmbh|ag|s\.?a|s\.?l|srl|s\.?p\.?a|b\.?v|pty|plc|llp|ooo|trading|company)\b\.?\s*$/i.test(
      raw,
    ) ||
    /(?:有限公司|公司|株式会社)$/.test(raw) ||
    /^(?:ооо|ooo|pt)\s/i.test(raw)
  );
}

// Words too common in company names to hint at a duplicate on their own.
const GENERIC_COMPANY_WORDS = new Set(
  (
    "import export imports exports imp exp global general world worldwide solutions solution services service " +
    "technology technologies tech electronics electric electrical products product supply supplies systems system " +
    "china shenzhen guangzhou shanghai ningbo hong kong hk usa uk de new best top star sun the of and"
  ).split(" "),
);

/** The distinctive words of a normalized company name, the ones a similar company is looked up by. */
export function companyTokens(normalized: string): string[] {
  const tokens: string[] = [];
  forEachCompanyToken(normalized, (token) => tokens.push(token));
  return tokens;
}

/** companyTokens without the arrays, for the index build (a normalized name is words joined by one space). */
function forEachCompanyToken(normalized: string, visit: (token: string) => void): void {
  let start = 0;
  while (start < normalized.length) {
    let end = normalized.indexOf(" ", start);
    if (end < 0) end = normalized.length;
    if (end - start >= 3) {
      const token = normalized.slice(start, end);
      if (!GENERIC_COMPANY_WORDS.has(token)) visit(token);
    }
    start = end + 1;
  }
}

const TITLE = /\b(?:mr|mrs|ms|miss|dr|sr|sra|herr|frau|mme|m)\b/;
const TITLES = /\b(?:mr|mrs|ms|miss|dr|sr|sra|herr|frau|mme|m)\b\.?/g;
const CJK_NAME = /[\u3400-\u9fff]{2,}/;
/** Unified Han ideographs only (what fold leaves as they are), two or more. */
const HAN_ONLY = /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$/;

/** Comparable person name: titles dropped, words in sorted order ("Smith, John" = "John Smith"). */
function nameKey(tokens: string[]): string {
  // A single given name ("John") is too common to hint at anything.
  if (tokens.length < 2) return tokens.length === 1 && CJK_NAME.test(tokens[0]) ? tokens[0] : "";
  if (tokens.length === 2) return tokens[0] <= tokens[1] ? `${tokens[0]} ${tokens[1]}` : `${tokens[1]} ${tokens[0]}`;
  return tokens.slice().sort().join(" ");
}

function personTokens(name: string | undefined | null): string[] {
  const raw = String(name ?? "");
  // Most names are ASCII: one pass over the characters instead of two regular expressions and a split. ("_" is
  // a word character to TITLE, so such a name keeps the regular-expression reading.)
  if (ASCII_ONLY.test(raw) && raw.indexOf("_") < 0) return asciiNameTokens(raw.toLowerCase());
  const folded = fold(raw);
  return words(TITLE.test(folded) ? folded.replace(TITLES, " ") : folded);
}

const TITLE_WORDS = new Set(["mr", "mrs", "ms", "miss", "dr", "sr", "sra", "herr", "frau", "mme", "m"]);

/** The words of a lower-case ASCII name (letters and digits), titles dropped: what personTokens' regexes give. */
function asciiNameTokens(lower: string): string[] {
  const tokens: string[] = [];
  let from = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (from < 0) from = i;
      continue;
    }
    if (from < 0) continue;
    const token = lower.slice(from, i);
    if (!TITLE_WORDS.has(token)) tokens.push(token);
    from = -1;
  }
  return tokens;
}

/**
 * Every key a person's name is compared by: its normalized form, the pinyin of a Chinese name ("陈大文" ->
 * "chen dawen", "chan dawen", …), and a three-word Latin name with two words joined ("Chen Da Wen" ->
 * "chen dawen"), so the one person written in either script or spacing meets.
 */
export function personNameKeys(name: string | undefined | null): string[] {
  // A name of Han characters alone ("陈大文", most Chinese contacts) is its own key: no folding or splitting.
  if (typeof name === "string" && HAN_ONLY.test(name)) return withPinyin(name, name);
  const tokens = personTokens(name);
  const key = nameKey(tokens);
  if (!key) return emptyStringList();
  if (CJK_NAME.test(key)) return withPinyin(key, tokens.join(""));
  if (tokens.length !== 3) return [key];
  const keys = [key];
  for (let i = 0; i < 2; i++) {
    const joined = nameKey(i === 0 ? [tokens[0] + tokens[1], tokens[2]] : [tokens[0], tokens[1] + tokens[2]]);
    if (!keys.includes(joined)) keys.push(joined);
  }
  return keys;
}

/**
 * [key, ...hanNameKeys(han)], copied with a loop: the spread was compiled for one kind of array and the empty
 * one hanNameKeys gives for an unknown character is another, which threw matchSender's compiled code away.
 */
function withPinyin(key: string, han: string): string[] {
  const keys = [key];
  const pinyin = hanNameKeys(han);
  for (let i = 0; i < pinyin.length; i++) keys.push(pinyin[i]);
  return keys;
}

// ---------------------------------------------------------------- phones

/**
 * Digits of a phone number for comparison. "+1 (555) 0100" -> "15550100", "0049 30 1234567" -> "49301234567"
 * (a leading "00" international prefix is dropped), extensions ("ext. 12", "x12") are cut.
 */
export function phoneDigits(phone: string | undefined | null): string {
  const text = String(phone ?? "")
    .toLowerCase()
    .replace(/(?:ext\.?|extension|x|#|分机|转)\s*\d+\s*$/, "");
  let digits = text.replace(/\D+/g, "");
  if (digits.startsWith("00")) digits = digits.slice(2);
  return digits;
}

/**
 * Two phone numbers are the same line when their digits are equal, or when one ends with the other
 * after dropping a national trunk "0" and the shared tail has at least 7 digits — this tolerates a
 * country code written on one side only ("+49 30 1234567" vs "030 1234567"). Heuristic, not E.164.
 */
export function samePhone(a: string | undefined | null, b: string | undefined | null): boolean {
  return sameLine(phoneDigits(a).replace(/^0+/, ""), phoneDigits(b).replace(/^0+/, ""));
}

/** samePhone for numbers already read as digits, leading zeros dropped. */
function sameLine(x: string, y: string): boolean {
  if (x.length < 7 || y.length < 7) return x.length > 0 && x === y;
  return x.length >= y.length ? x.endsWith(y) : y.endsWith(x);
}

const PHONE_SEPARATORS = /[;,/|]|\bor\b/;
const LEADING_ZEROS = /^0+/;

/** The numbers of a phone cell that holds several ("+971 4 555 0199 / +971 50 123 4567"). */
export function splitPhones(phone: string | undefined): string[] {
  return String(phone ?? "")
    .split(PHONE_SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => phoneDigits(p).length >= 5);
}

const PHONE_TAIL = 7;

// ---------------------------------------------------------------- index

/** No IDs, as a list of the kind lists of IDs are (emptyStringList). */
const NO_IDS: readonly string[] = emptyStringList();

/** Title words a contact name drops (personTokens), by length, for reading them in place. */
const TITLES_BY_LENGTH = [[], ["m"], ["mr", "ms", "dr", "sr"], ["mrs", "sra", "mme"], ["miss", "herr", "frau"]];

/** True when text[from, to), lower-cased, is a title word ("Mr", "Frau"): TITLE_WORDS without slicing a string. */
function isTitleAt(text: string, from: number, to: number): boolean {
  const titles = TITLES_BY_LENGTH[to - from];
  if (!titles) return false;
  // Loops, not titles.some(…): a closure per word of every contact name was most of what building the look-up
  // allocated.
  for (let t = 0; t < titles.length; t++) if (spellsTitle(text, from, titles[t])) return true;
  return false;
}

function spellsTitle(text: string, from: number, title: string): boolean {
  for (let i = 0; i < title.length; i++) if ((text.charCodeAt(from + i) | 32) !== title.charCodeAt(i)) return false;
  return true;
}

/** The number the last PHONE_TAIL digits before `end` make (layout between them skipped; there are enough). */
function lastDigits(text: string, end: number): number {
  let tail = 0;
  let unit = 1;
  for (let i = end - 1, n = 0; n < PHONE_TAIL; i--) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    tail += (c - 48) * unit;
    unit *= 10;
    n++;
  }
  return tail;
}

/** The reader of company and contact names' words, shared: the index reads one name at a time. */
const WORDS = new AsciiWords();
const ADDRESS = new PlainAddress();
/** hanNameKeyHashes' answer for the name being filed. */
const HAN_KEY_HASHES: number[] = [];
/**
 * The legal forms written after a name, by hash: KeyChains rather than a Map, whose number keys (hashes beyond
 * the small-integer range) would each be boxed, three look-ups per company name of the book.
 */
const LEGAL_SUFFIXES = Array.from(LEGAL_SUFFIX_TOKENS);
const LEGAL_SUFFIX_HASHES = new KeyChains(LEGAL_SUFFIXES.length);
for (let i = 0; i < LEGAL_SUFFIXES.length; i++) LEGAL_SUFFIX_HASHES.add(hashOf(LEGAL_SUFFIXES[i]), i);

/** True when a phone cell has only digits, separators and layout ("+971 (4) 555-0199 / 050 123 4567"). */
function isPlainPhone(phones: string): boolean {
  for (let i = 0; i < phones.length; i++) {
    const c = phones.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 32 || c === 43 || c === 45 || c === 40 || c === 41 || c === 46)) {
      if (!(c === 59 || c === 44 || c === 47 || c === 124)) return false;
    }
  }
  return true;
}

/** The word at text[from, to) is one of the space-separated words of `text`. */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || text.charCodeAt(at - 1) === 32) && (end === text.length || text.charCodeAt(end) === 32))
      return true;
  }
  return false;
}

/**
 * The buyers as look-ups for matchSender and findBuyers. Addresses and company domains are indexed at once;
 * every other look-up on first use (BuyerIndexOptions says when the rows are read). A buyer changes only through
 * add() and addAddress(), which keep every built look-up current: a buyer entered earlier in a run is found by the
 * mail after it (R22 within one run as across runs).
 *
 * Each look-up is KeyChains over a hash of the key read straight from the buyer's text (the words of an ASCII
 * company or contact name are hashed without being cut out; a phone's last digits are a number), so building one
 * over 20,000 buyers allocates almost nothing. A look-up then checks its few candidates against the exact key
 * (normalizeCompany, personNameKeys, …, computed once per buyer asked about), so it answers what Maps of the exact
 * keys would: the same buyers, in the same order.
 */
export class BuyerIndex {
  /** The buyers' fields as the index was given them (add() appends). */
  private readonly rows: BuyerColumns;
  /**
   * Normalized addresses and their company domains -> references: a row position, or -1 - k for the k-th
   * address addAddress() filed. In the order they were indexed, so the first buyer with an address keeps it.
   */
  private readonly emails: KeyChains;
  private readonly domains: KeyChains;
  private readonly filed: { id: string; address: string }[] = [];
  // Every field is set when the index is made, the look-ups built later included: an index has one shape from
  // its first look-up to its last, and code compiled for it in one run is not thrown away in the next.
  private ids: KeyChains | undefined = undefined;
  private byId: Map<string, BuyerRecord> | undefined = undefined;
  /** Every word of each company name (a superset of its normalized words) -> row positions. */
  private companyWords: KeyChains | undefined = undefined;
  // Read once per buyer asked about (a few thousand rows a run): Maps by row, as arrays set at scattered rows of
  // 20,000 would become dictionaries.
  private readonly companyNames = new Map<number, string>();
  private contactNames: KeyChains | undefined = undefined;
  private readonly nameKeys = new Map<number, NameKeys>();
  /**
   * wordsHash of every key in nameKeys, each buyer's side by side from its NameKeys.from: one array for the run,
   * not a typed array per buyer asked about (a few thousand of them a run, most of what checking them allocated).
   */
  private nameKeyHashes = new Int32Array(1024);
  private nameKeyHashCount = 0;
  private readonly phoneLines = new Map<number, string[]>();
  private readonly tokenCounts = new Map<string, number>();
  /**
   * Company words found in more buyers' normalized names than a forCompanyToken limit, with how many were counted:
   * rows are only ever added, so such a word stays too common, and the next sender need not count again.
   */
  private readonly crowdedTokens = new Map<string, number>();
  /**
   * A contact-name key's first limit + 1 buyers, once withContactName stopped there: rows are only added after
   * them, so the answer stays the same for that limit.
   */
  private readonly crowdedNames = new Map<string, readonly string[]>();
  private readonly rowOfId = new Map<string, number>();
  /**
   * How many rows, from the first, have IDs in strictly ascending order (as the IDs are handed out and rows
   * appended), found the first time a row is looked up by ID: those rows are found by halving, with no look-up
   * of 20,000 IDs to build. UNCHECKED before; NOT_ASCENDING when a person sorted the rows otherwise or an ID
   * repeats (then the `ids` look-up).
   */
  private ascendingIdRows = UNCHECKED;
  /** With ascending IDs, the buyers add() entered after they were found so: each ID's last row. */
  private readonly addedRowOfId = new Map<string, number>();
  /** The last PHONE_TAIL digits of each phone, as a number -> row positions (exact: nothing to check). */
  private phoneTails: KeyChains | undefined = undefined;
  /** Addresses added in this run (addAddress), by buyer: the caller writes them to the buyer's other addresses. */
  private readonly added = new Map<string, string[]>();

  constructor(buyers: readonly BuyerRecord[], options: BuyerIndexOptions = {}) {
    this.rows = buyerColumnsOf(buyers, options.rowsChange === true);
    const size = this.rows.length;
    // Entries: an address each, and room for other addresses and the buyers a run enters.
    this.emails = new KeyChains(size, size * 1.25);
    this.domains = new KeyChains(size, size * 1.25);
    fileAddresses(this.emails, this.domains, this.rows);
  }

  private idOf(ref: number): string {
    return ref >= 0 ? this.rows.ids[ref] : this.filed[-1 - ref].id;
  }

  private hasAddress(ref: number, address: string): boolean {
    if (ref < 0) return this.filed[-1 - ref].address === address;
    const others = this.rows.others[ref];
    return normalizeEmail(this.rows.emails[ref]) === address || !!others?.some((x) => normalizeEmail(x) === address);
  }

  private hasDomain(ref: number, domain: string): boolean {
    if (ref < 0) return companyDomain(this.filed[-1 - ref].address) === domain;
    const { emails, others, websites } = this.rows;
    const at = (raw: string) => companyDomain(normalizeEmail(raw)) === domain;
    const website = websites[ref];
    return at(emails[ref]) || !!others[ref]?.some(at) || (!!website && companyDomain(website) === domain);
  }

  /**
   * A buyer entered during this run: every look-up built so far learns it, the others will read it when built.
   * A record whose ID is already indexed replaces that buyer's details (its addresses are added).
   */
  add(buyer: BuyerRecord): void {
    if (!buyer?.id) return;
    const at = this.rows.length;
    this.rows.push(buyer);
    indexAddresses(this.emails, this.domains, this.rows, at);
    this.ids?.add(hashOf(buyer.id), at);
    if (this.ascendingIdRows >= 0) this.addedRowOfId.set(buyer.id, at);
    this.rowOfId.delete(buyer.id);
    this.byId?.set(buyer.id, this.rows.recordAt(at));
    if (this.companyWords) indexCompanyWords(this.companyWords, this.rows.companies[at], at);
    if (this.contactNames) indexContactName(this.contactNames, this.rows.names[at], at);
    if (this.phoneTails) indexPhones(this.phoneTails, this.rows.phones[at], at);
    searchTextCache.delete(this);
  }

  /**
   * Files another address under a buyer (a strong match's `addAddress`). False when the address is empty or
   * already belongs to a buyer (this one or another: an address is never moved).
   */
  addAddress(buyerId: string, address: string): boolean {
    const normalized = normalizeEmail(address);
    if (!this.buyer(buyerId) || !normalized) return false;
    const isNew = this.withEmail(normalized) === undefined;
    // Filed even when taken: the address's company domain now points at this buyer too.
    const ref = -1 - this.filed.length;
    this.filed.push({ id: buyerId, address: normalized });
    this.emails.add(hashOf(normalized), ref);
    const domain = companyDomain(normalized);
    if (domain) this.domains.add(hashOf(domain), ref);
    if (!isNew) return false;
    const list = this.added.get(buyerId) ?? [];
    list.push(normalized);
    this.added.set(buyerId, list);
    searchTextCache.delete(this);
    return true;
  }

  /** The addresses addAddress() filed under this buyer during the run. */
  addedAddresses(buyerId: string): readonly string[] {
    return this.added.get(buyerId) ?? NO_IDS;
  }

  get size(): number {
    return this.rows.length;
  }

  /** The buyer with this ID (a repeated ID: its last row, as when a person edits the later copy). */
  buyer(id: string): BuyerRecord | undefined {
    const at = this.lastRowOf(id);
    return at < 0 ? undefined : this.rows.recordAt(at);
  }

  /** personNameKeys of the buyer's contact, computed once per buyer. */
  contactKeysOf(id: string): readonly string[] {
    const at = this.lastRowOf(id);
    return at < 0 ? NO_IDS : this.nameKeysAt(at).keys;
  }

  /**
   * True when the buyer's contact has one of these person-name keys, `hashes` being their wordsHash: what
   * `keys.some((k) => contactKeysOf(id).includes(k))` says, the strings compared only when their hashes are equal
   * (a sender's name is compared with every buyer sharing its phone or company).
   */
  sharesContactKey(id: string, keys: readonly string[], hashes: ArrayLike<number>): boolean {
    const at = this.lastRowOf(id);
    if (at < 0) return false;
    const { keys: theirs, from } = this.nameKeysAt(at);
    const theirHashes = this.nameKeyHashes;
    for (let i = 0; i < keys.length; i++)
      for (let j = 0; j < theirs.length; j++)
        if (theirHashes[from + j] === hashes[i] && theirs[j] === keys[i]) return true;
    return false;
  }

  /** The buyer's phone numbers as samePhone reads them (digits, leading zeros dropped), read once per buyer. */
  phoneLinesOf(id: string): readonly string[] {
    const at = this.lastRowOf(id);
    if (at < 0) return NO_IDS;
    let lines = this.phoneLines.get(at);
    if (!lines) {
      lines = emptyStringList();
      for (const phone of splitPhones(this.rows.phones[at])) lines.push(phoneDigits(phone).replace(LEADING_ZEROS, ""));
      this.phoneLines.set(at, lines);
    }
    return lines;
  }

  /** How many different distinctive words a normalized company name has (similarCompanies' union). */
  companyTokenCount(normalized: string): number {
    let count = this.tokenCounts.get(normalized);
    if (count === undefined) {
      count = new Set(companyTokens(normalized)).size;
      this.tokenCounts.set(normalized, count);
    }
    return count;
  }

  /** The row a buyer ID names (a repeated ID: its last row), or -1. */
  private lastRowOf(id: string): number {
    if (!id) return -1;
    // A candidate is asked about again and again (its name, then its phone, for each sender): remember its row.
    const known = this.rowOfId.get(id);
    if (known !== undefined) return known;
    if (this.ascendingIdRows === UNCHECKED)
      this.ascendingIdRows = idsAscend(this.rows.ids, this.rows.length) ? this.rows.length : NOT_ASCENDING;
    const found = this.ascendingIdRows >= 0 ? this.sortedRowOf(id) : this.chainedRowOf(id);
    this.rowOfId.set(id, found);
    return found;
  }

  /** lastRowOf when the first ascendingIdRows rows' IDs ascend: each is there once, found by halving. */
  private sortedRowOf(id: string): number {
    const added = this.addedRowOfId.get(id);
    if (added !== undefined) return added;
    const ids = this.rows.ids;
    let low = 0;
    let high = this.ascendingIdRows;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ids[middle] < id) low = middle + 1;
      else high = middle;
    }
    return low < this.ascendingIdRows && ids[low] === id ? low : -1;
  }

  private chainedRowOf(id: string): number {
    const ids = this.idChains();
    let found = -1;
    for (let e = ids.first(hashOf(id)); e >= 0; e = ids.next(e)) {
      const at = ids.ref(e);
      if (this.rows.ids[at] === id) found = at;
    }
    return found;
  }

  // Each look-up is built the first time it is needed: sized here, filled by a function of the rows (below the class).
  private idChains(): KeyChains {
    if (!this.ids) {
      this.ids = new KeyChains(this.rows.length, this.rows.length + RUN_ROOM);
      fileIds(this.ids, this.rows.ids, this.rows.length);
    }
    return this.ids;
  }

  private contactNameChains(): KeyChains {
    if (!this.contactNames) {
      // A Chinese name is filed under its pinyin readings too, a three-word name under its joined readings.
      this.contactNames = new KeyChains(this.rows.length, this.rows.length * 1.5);
      fileContactNames(this.contactNames, this.rows.names, this.rows.length);
    }
    return this.contactNames;
  }

  private phoneTailChains(): KeyChains {
    if (!this.phoneTails) {
      this.phoneTails = new KeyChains(this.rows.length, this.rows.length + RUN_ROOM);
      filePhoneTails(this.phoneTails, this.rows.phones, this.rows.length);
    }
    return this.phoneTails;
  }

  private companyWordChains(): KeyChains {
    if (!this.companyWords) {
      // About as many different words as buyers (names share "trading", differ in the rest), three per name.
      this.companyWords = new KeyChains(this.rows.length, (this.rows.length + RUN_ROOM) * 3);
      fileCompanyWords(this.companyWords, this.rows.companies, this.rows.length);
    }
    return this.companyWords;
  }

  /** Each buyer once, in first-seen order. */
  forEachBuyer(visit: (buyer: BuyerRecord) => void): void {
    if (!this.byId) {
      this.byId = new Map();
      for (let at = 0; at < this.rows.length; at++) this.byId.set(this.rows.ids[at], this.rows.recordAt(at));
    }
    for (const buyer of this.byId.values()) visit(buyer);
  }

  /** The buyer owning this normalized address. */
  withEmail(address: string): string | undefined {
    if (!address) return undefined;
    for (let e = this.emails.first(hashOf(address)); e >= 0; e = this.emails.next(e)) {
      const ref = this.emails.ref(e);
      if (this.hasAddress(ref, address)) return this.idOf(ref);
    }
    return undefined;
  }

  /** Buyers with an address or website at this company domain, earliest first. */
  atDomain(domain: string): readonly string[] {
    if (!domain || isFreeMailDomain(domain)) return NO_IDS;
    const ids = emptyStringList();
    for (let e = this.domains.first(hashOf(domain)); e >= 0; e = this.domains.next(e)) {
      const ref = this.domains.ref(e);
      if (this.hasDomain(ref, domain)) pushOnce(ids, this.idOf(ref));
    }
    return ids;
  }

  /** Buyers with this normalized company name, earliest first. */
  withCompany(normalized: string): readonly string[] {
    if (!normalized) return NO_IDS;
    const words = this.companyWordChains();
    // The candidates: the buyers with the name's rarest word.
    let key = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (let from = 0; from < normalized.length; ) {
      let to = normalized.indexOf(" ", from);
      if (to < 0) to = normalized.length;
      const hash = hashOf(normalized, from, to);
      const count = words.count(hash);
      if (count < fewest) {
        fewest = count;
        key = hash;
      }
      from = to + 1;
    }
    const ids = emptyStringList();
    for (let e = words.first(key); e >= 0; e = words.next(e)) {
      const at = words.ref(e);
      if (this.companyAt(at) === normalized) pushOnce(ids, this.rows.ids[at]);
    }
    return ids;
  }

  /**
   * Buyers whose company name has this distinctive word, each with its normalized company name: `visit` is
   * called per buyer in row order, and not at all when more than `limit` buyers share the word.
   */
  forCompanyToken(token: string, limit: number, visit: (id: string, company: string) => void): void {
    if (token.length < 3 || GENERIC_COMPANY_WORDS.has(token) || token.includes(" ")) return;
    const crowded = this.crowdedTokens.get(token);
    if (crowded !== undefined && crowded > limit && crowded > 1) return;
    const words = this.companyWordChains();
    const found: number[] = [];
    for (let e = words.first(hashOf(token)); e >= 0; e = words.next(e)) {
      const at = words.ref(e);
      if (!hasWord(this.companyAt(at), token)) continue;
      found.push(at);
      if (found.length > limit && found.length > 1) {
        this.crowdedTokens.set(token, found.length);
        return;
      }
    }
    for (const at of found) visit(this.rows.ids[at], this.companyAt(at));
  }

  /**
   * Buyers whose contact has this person-name key (see personNameKeys). With a `limit`, the list stops at
   * limit + 1 buyers: enough to tell a name shared by too many.
   */
  withContactName(key: string, limit = Number.POSITIVE_INFINITY): readonly string[] {
    if (!key) return NO_IDS;
    const names = this.contactNameChains();
    const crowded = this.crowdedNames.get(key);
    if (crowded !== undefined && crowded.length === limit + 1) return crowded;
    const hash = wordsHash(key);
    const ids = emptyStringList();
    for (let e = names.first(hash); e >= 0 && ids.length <= limit; e = names.next(e)) {
      const at = names.ref(e);
      if (this.hasNameKeyAt(at, key, hash)) pushOnce(ids, this.rows.ids[at]);
    }
    if (ids.length > limit) this.crowdedNames.set(key, ids);
    return ids;
  }

  private nameKeysAt(at: number): NameKeys {
    let keys = this.nameKeys.get(at);
    if (!keys) {
      const strings = personNameKeys(this.rows.names[at]);
      keys = { keys: strings, from: this.fileKeyHashes(strings) };
      this.nameKeys.set(at, keys);
    }
    return keys;
  }

  /** nameKeysAt(at).includes(key), `hash` being wordsHash(key). */
  private hasNameKeyAt(at: number, key: string, hash: number): boolean {
    const { keys, from } = this.nameKeysAt(at);
    const hashes = this.nameKeyHashes;
    for (let i = 0; i < keys.length; i++) if (hashes[from + i] === hash && keys[i] === key) return true;
    return false;
  }

  /** Appends wordsHash of each key to nameKeyHashes, answering where they start. */
  private fileKeyHashes(keys: readonly string[]): number {
    const from = this.nameKeyHashCount;
    if (from + keys.length > this.nameKeyHashes.length) {
      const grown = new Int32Array(Math.max(this.nameKeyHashes.length * 2, from + keys.length));
      grown.set(this.nameKeyHashes);
      this.nameKeyHashes = grown;
    }
    for (let i = 0; i < keys.length; i++) this.nameKeyHashes[from + i] = wordsHash(keys[i]);
    this.nameKeyHashCount = from + keys.length;
    return from;
  }

  /** Buyers with a phone number ending in these digits (the last PHONE_TAIL, national "0" dropped). */
  withPhoneTail(tail: string, limit = Number.POSITIVE_INFINITY): readonly string[] {
    if (tail.length !== PHONE_TAIL || !/^\d+$/.test(tail)) return NO_IDS;
    const tails = this.phoneTailChains();
    const ids = emptyStringList();
    for (let e = tails.first(Number(tail)); e >= 0 && ids.length <= limit; e = tails.next(e))
      pushOnce(ids, this.rows.ids[tails.ref(e)]);
    return ids;
  }

  private companyAt(at: number): string {
    let name = this.companyNames.get(at);
    if (name === undefined) {
      name = normalizeCompany(this.rows.companies[at]);
      this.companyNames.set(at, name);
    }
    return name;
  }
}

// Each look-up is filled by a function of its own, called once per run, that is its loop over the book and nothing
// else: the loop is compiled while it runs (on-stack replacement), and a statement before or after it, run once per
// run, would have too little feedback when the whole function is compiled, which would throw that code away again
// in the next run. The rows are an argument, not a field read through the index.

function fileAddresses(emails: KeyChains, domains: KeyChains, rows: BuyerColumns): void {
  for (let at = 0; at < rows.length; at++) indexAddresses(emails, domains, rows, at);
}

/** Files a buyer's addresses under their hashes, their company domains and its website's under theirs. */
function indexAddresses(emails: KeyChains, domains: KeyChains, rows: BuyerColumns, at: number): void {
  indexAddress(emails, domains, rows.emails[at], at);
  const others = rows.others[at];
  if (others) for (let i = 0; i < others.length; i++) indexAddress(emails, domains, others[i], at);
  const website = rows.websites[at];
  if (website) {
    const site = companyDomain(website);
    if (site && !isFreeMailDomain(site)) domains.add(hashOf(site), at);
  }
}

/**
 * Files an address and its company domain under a reference. A plain address (most) is read in one pass, its
 * domain hashed as both readings companyDomain could give ("acme.co.kr" or "co.kr"), the look-up checking.
 */
function indexAddress(emails: KeyChains, domains: KeyChains, raw: string, ref: number): void {
  if (typeof raw === "string" && ADDRESS.read(raw)) {
    emails.add(ADDRESS.hash, ref);
    domains.add(ADDRESS.lastTwo, ref);
    if (ADDRESS.hasThree) domains.add(ADDRESS.lastThree, ref);
    return;
  }
  const address = normalizeEmail(raw);
  if (!address) return;
  emails.add(hashOf(address), ref);
  const domain = companyDomain(address);
  if (domain) domains.add(hashOf(domain), ref);
}

/**
 * Entries for the buyers a run enters after a look-up is built, beyond one (or three company words) per row, so a
 * look-up filled to its size is not copied into one twice as big for the first buyer entered.
 */
const RUN_ROOM = 1024;

const UNCHECKED = -2;
const NOT_ASCENDING = -1;

/** True when the first `count` IDs are strings in strictly ascending order. */
function idsAscend(ids: readonly string[], count: number): boolean {
  for (let at = 0; at < count; at++) {
    const id = ids[at];
    if (typeof id !== "string" || (at > 0 && !(ids[at - 1] < id))) return false;
  }
  return true;
}

// The columns have room for more rows than they hold: `count` says how many are rows.

function fileIds(chains: KeyChains, ids: readonly string[], count: number): void {
  for (let at = 0; at < count; at++) chains.add(hashOfId(ids[at]), at);
}

/**
 * hashOf(id), read by a loop of its own: it only ever sees IDs, strings of one kind, and is compiled for them
 * (hashOf, reading every kind of string, calls out for each character).
 */
function hashOfId(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = hashStep(hash, id.charCodeAt(i));
  return hash;
}

function fileContactNames(chains: KeyChains, names: readonly string[], count: number): void {
  for (let at = 0; at < count; at++) indexContactName(chains, names[at], at);
}

function filePhoneTails(tails: KeyChains, phones: readonly (string | undefined)[], count: number): void {
  for (let at = 0; at < count; at++) indexPhones(tails, phones[at], at);
}

function fileCompanyWords(words: KeyChains, companies: readonly string[], count: number): void {
  for (let at = 0; at < count; at++) indexCompanyWords(words, companies[at], at);
}

/**
 * Files a contact under the hashes of personNameKeys(name). An ASCII name (most) is read in one pass: its
 * words' hashes summed in any order (the key sorts them), and a three-word name's two joined readings.
 */
function indexContactName(chains: KeyChains, name: string, at: number): void {
  if (!name) return;
  if (name.indexOf("_") >= 0 || !WORDS.read(name, false)) {
    indexContactNameKeys(chains, name, at);
    return;
  }
  const { starts, lengths, hashes } = WORDS;
  let words = 0;
  let sum = 0;
  // The first three words (titles left out), for the joined readings.
  let a = 0;
  let b = 0;
  let c = 0;
  for (let w = 0; w < WORDS.count; w++) {
    if (isTitleAt(name, starts[w], starts[w] + lengths[w])) continue;
    sum = (sum + mix(hashes[w])) | 0;
    if (words === 0) a = w;
    else if (words === 1) b = w;
    else if (words === 2) c = w;
    words++;
  }
  if (words < 2) return;
  chains.add(sum, at);
  if (words !== 3) return;
  chains.add((mix(joinHashes(hashes[a], hashes[b], lengths[b])) + mix(hashes[c])) | 0, at);
  chains.add((mix(hashes[a]) + mix(joinHashes(hashes[b], hashes[c], lengths[c]))) | 0, at);
}

function indexContactNameKeys(chains: KeyChains, name: string, at: number): void {
  // A name of Han characters alone (most Chinese contacts): the hashes of personNameKeys, from the characters.
  const count = HAN_ONLY.test(name) ? hanNameKeyHashes(name, HAN_KEY_HASHES) : -1;
  if (count >= 0) {
    chains.add(mix(hashOf(name)), at);
    for (let i = 0; i < count; i++) chains.add(HAN_KEY_HASHES[i], at);
    return;
  }
  // Not kept: most buyers are never a candidate, and keys kept for all would outlive the young generation.
  for (const key of personNameKeys(name)) chains.add(wordsHash(key), at);
}

/** Files a buyer under the last PHONE_TAIL digits of each of its numbers. */
function indexPhones(tails: KeyChains, phones: string | undefined, at: number): void {
  if (!phones) return;
  if (!isPlainPhone(phones)) {
    for (const phone of phones.split(PHONE_SEPARATORS)) {
      const digits = phoneDigits(phone).replace(LEADING_ZEROS, "");
      if (digits.length >= PHONE_TAIL) tails.add(Number(digits.slice(-PHONE_TAIL)), at);
    }
    return;
  }
  // Digits and layout only: no extension to cut, so each number's digits, leading zeros dropped, are its key.
  // Its significant digits are counted; a number with enough has its last ones read back from its end (no
  // division per digit).
  let digits = 0;
  for (let i = 0; i <= phones.length; i++) {
    const c = i < phones.length ? phones.charCodeAt(i) : 59;
    if (c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
    } else if (c === 59 || c === 44 || c === 47 || c === 124) {
      if (digits >= PHONE_TAIL) tails.add(lastDigits(phones, i), at);
      digits = 0;
    }
  }
}

/**
 * Files a buyer under every word of its company name. An ASCII name is read as normalizeCompany reads it
 * (dots and apostrophes join), legal forms included: its normalized words are among them.
 */
function indexCompanyWords(words: KeyChains, company: string, at: number): void {
  const text = String(company ?? "");
  if (!WORDS.read(text, true)) {
    indexNormalizedCompanyWords(words, text, at);
    return;
  }
  // Legal forms at the end ("Trading Co., Ltd.") are never in the normalized name: not filed.
  let end = WORDS.count;
  while (end > 0 && isLegalSuffix(text, end - 1)) end--;
  for (let w = 0; w < end; w++) words.add(WORDS.hashes[w], at);
}

/** The w-th word WORDS read from `text` is one of LEGAL_SUFFIX_TOKENS. */
function isLegalSuffix(text: string, w: number): boolean {
  for (let e = LEGAL_SUFFIX_HASHES.first(WORDS.hashes[w]); e >= 0; e = LEGAL_SUFFIX_HASHES.next(e))
    if (WORDS.spells(text, w, LEGAL_SUFFIXES[LEGAL_SUFFIX_HASHES.ref(e)], true)) return true;
  return false;
}

function indexNormalizedCompanyWords(words: KeyChains, text: string, at: number): void {
  const name = normalizeCompany(text);
  for (let from = 0; from < name.length; ) {
    let to = name.indexOf(" ", from);
    if (to < 0) to = name.length;
    words.add(hashOf(name, from, to), at);
    from = to + 1;
  }
}

/**
 * personNameKeys of a buyer's contact, and where the wordsHash of each starts in the index's nameKeyHashes: a
 * sender's keys are compared as numbers first.
 */
interface NameKeys {
  keys: readonly string[];
  from: number;
}

const NO_HASHES = new Int32Array(0);

/** wordsHash of each key, in a typed array (one element kind, whatever the hashes' size). */
function keyHashes(keys: readonly string[]): Int32Array {
  const hashes = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) hashes[i] = wordsHash(keys[i]);
  return hashes;
}

/** Adds a buyer's ID unless it is the one just added (a buyer with a key twice is listed once). */
function pushOnce(ids: string[], id: string): void {
  if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
}

export interface BuyerIndexOptions {
  /**
   * The rows (and the buyers add() is given) change while the index is in use, as the intake fills a known
   * buyer's empty fields in place: their fields are copied at once, and the index answers from the rows as they
   * were. Without it they must not change: names, companies and phones are read when a look-up first needs them.
   */
  rowsChange?: boolean;
}

/**
 * Builds the look-up index once per run, from the rows as they are (a Buyers row, its "Other e-mails" cell
 * included, is a BuyerRecord). Later buyers never overwrite an earlier buyer's address.
 */
export function buildBuyerIndex(buyers: readonly BuyerRecord[], options?: BuyerIndexOptions): BuyerIndex {
  return new BuyerIndex(buyers, options);
}

// The sidebar's free-text haystack is only needed when someone searches; build it on first use.
const searchTextCache = new WeakMap<BuyerIndex, Map<string, string>>();
function searchTextOf(index: BuyerIndex): Map<string, string> {
  let text = searchTextCache.get(index);
  if (!text) {
    const haystacks = new Map<string, string>();
    index.forEachBuyer((b) => {
      haystacks.set(b.id, fold([b.id, b.name, b.company, b.email, ...(b.emails ?? []), b.website ?? ""].join("\n")));
    });
    text = haystacks;
    searchTextCache.set(index, text);
  }
  return text;
}

// ---------------------------------------------------------------- matching

/** Company-token overlap needed before two different names count as "similar". */
const SIMILAR_COMPANY_JACCARD = 0.5;
/** Tokens shared by more buyers than this are too common to suggest a duplicate. */
const MAX_TOKEN_POSTINGS = 200;
/** A contact name shared by more buyers than this ("Wang Wei", "Mohammed Ali") suggests no duplicate. */
const MAX_NAME_POSTINGS = 20;

/**
 * R22: who is this sender? Strong evidence joins the buyer: the exact address (any of the buyer's addresses),
 * the same company domain (never free mail), the same normalized company name from a company-domain sender, from
 * a record with no address at all, or confirmed by the contact's name or phone, or the contact's name with the same phone. Weak evidence never
 * joins (R22: a person judges): a company name claimed from free mail, the same contact name (also across
 * scripts: "陈大文" ~ "Chen Dawen"), a similar company, the same phone alone. The sender's company is taken from
 * `company`, or from the display name when that name ends in a legal form ("Acme Trading Co., Ltd").
 */
export function matchSender(index: BuyerIndex, sender: SenderFacts): MatchResult {
  const address = normalizeEmail(sender.address);
  const domain = address ? companyDomain(address) : "";
  const companyMail = !!domain && !isFreeMailDomain(domain);
  if (address) {
    const byAddress = index.withEmail(address);
    if (byAddress)
      return { kind: "email", buyerId: byAddress, strong: true, why: `address ${address} belongs to ${byAddress}` };
    const atDomain = companyMail ? index.atDomain(domain) : NO_IDS;
    if (atDomain.length > 0) {
      return {
        kind: "domain",
        buyerId: atDomain[0],
        others: atDomain.slice(1),
        strong: true,
        addAddress: address,
        why: `same company domain ${domain} as ${atDomain[0]}`,
      };
    }
  }
  const evidence = new SenderEvidence(index, sender);
  const join = (kind: "company" | "contact", ids: readonly string[], buyerId: string, why: string): MatchResult => ({
    kind,
    buyerId,
    others: ids.filter((id) => id !== buyerId),
    strong: true,
    ...(address ? { addAddress: address } : {}),
    why,
  });

  const candidates = new WeakCandidates();
  const { company, companyText } = evidence;
  const sameCompany = company ? index.withCompany(company) : NO_IDS;
  if (sameCompany.length > 0) {
    const named = `company "${collapseWhitespace(companyText)}" matches`;
    if (companyMail)
      return join("company", sameCompany, sameCompany[0], `${named} ${sameCompany[0]} (sender at ${domain})`);
    // No address at all (a trade-show card, a platform notice without e-mail): the company is all the record says.
    if (!address) return join("company", sameCompany, sameCompany[0], `${named} ${sameCompany[0]}`);
    const byName = sameCompany.find((id) => evidence.sameName(id));
    if (byName) return join("company", sameCompany, byName, `${named} ${byName}, and so does the contact's name`);
    const byPhone = sameCompany.find((id) => evidence.samePhone(id));
    if (byPhone) return join("company", sameCompany, byPhone, `${named} ${byPhone}, and so does the phone`);
    for (const id of sameCompany) candidates.add(id, "same-company");
  }
  const sameFax = evidence.faxMatches();
  if (sameFax.length === 1) return join("contact", sameFax, sameFax[0], `fax number matches ${sameFax[0]}'s phone`);
  for (const id of sameFax) candidates.add(id, "same-phone");
  // The first buyers with the sender's phone ending, checked for the whole number as far as needed, then the rest.
  const phoneTail = evidence.phoneTailMatches(FEW_PHONE_MATCHES);
  const byNameAndPhone = evidence.firstWithNameAndPhone(phoneTail);
  if (byNameAndPhone) {
    const samePhone = evidence.phoneTailMatches().filter((id) => evidence.samePhone(id));
    return join("contact", samePhone, byNameAndPhone, `contact name and phone match ${byNameAndPhone}`);
  }
  for (let i = 0; i < phoneTail.length && !candidates.full; i++)
    if (evidence.samePhone(phoneTail[i])) candidates.add(phoneTail[i], "same-phone");
  if (!candidates.full && phoneTail.length > FEW_PHONE_MATCHES) {
    const all = evidence.phoneTailMatches();
    for (let i = phoneTail.length; i < all.length && !candidates.full; i++)
      if (evidence.samePhone(all[i])) candidates.add(all[i], "same-phone");
  }
  // The first candidates are all a weak match reports: once there are enough, the weaker hints need no look-up.
  if (!candidates.full) for (const id of evidence.nameMatches()) candidates.add(id, "same-contact-name");
  if (company && !candidates.full)
    for (const id of similarCompanies(index, company)) candidates.add(id, "similar-company");

  const unique = candidates.list;
  if (unique.length > 0) {
    const first = unique[0];
    const because = `${first.reason.replace(/-/g, " ")}${first.reason === "same-company" && address ? `; ${address} is free mail` : ""}`;
    return {
      kind: "weak",
      candidates: unique,
      strong: false,
      why: `possible duplicate of ${firstIds(unique, 3)} (${because})`,
    };
  }
  return { kind: "none", strong: false, why: address ? `no buyer known for ${address}` : "no usable sender address" };
}

/** The IDs of the first `count` candidates, as the weak match's reason lists them ("B-1, B-7"). */
function firstIds(candidates: readonly WeakCandidate[], count: number): string {
  let ids = candidates[0].buyerId;
  for (let i = 1; i < count && i < candidates.length; i++) ids = `${ids}, ${candidates[i].buyerId}`;
  return ids;
}

/** Up to this many buyers sharing a sender's phone tail are each compared by name. */
const FEW_PHONE_MATCHES = 16;
/** A name key with more buyers than this is not worth a set (firstWithNameAndPhone compares each phone match). */
const MAX_NAMED_BUYERS = 64;

/** How many candidates a weak match lists. */
const MAX_WEAK_CANDIDATES = 10;

/** A weak match's candidates: each buyer once, with the first reason found, the strongest hints first. */
class WeakCandidates {
  readonly list: WeakCandidate[] = [];
  private readonly seen = new Set<string>();

  get full(): boolean {
    return this.list.length >= MAX_WEAK_CANDIDATES;
  }

  add(buyerId: string, reason: WeakCandidate["reason"]): void {
    if (this.full || this.seen.has(buyerId)) return;
    this.seen.add(buyerId);
    this.list.push({ buyerId, reason });
  }
}

/** The sender's name, company and phone, compared with buyers on demand (each key computed once). */
class SenderEvidence {
  readonly companyText: string;
  readonly company: string;
  private nameKeys: string[] | undefined = undefined;
  private nameKeyHashes: Int32Array = NO_HASHES;
  private phone: string;

  constructor(
    private readonly index: BuyerIndex,
    private readonly sender: SenderFacts,
  ) {
    this.companyText = sender.company?.trim()
      ? sender.company
      : sender.name && looksLikeCompanyName(sender.name)
        ? sender.name
        : "";
    this.company = normalizeCompany(this.companyText);
    this.phone = phoneDigits(sender.phone).replace(/^0+/, "");
  }

  private keys(): string[] {
    if (!this.nameKeys) {
      this.nameKeys = this.companyText === this.sender.name ? emptyStringList() : personNameKeys(this.sender.name);
      this.nameKeyHashes = keyHashes(this.nameKeys);
    }
    return this.nameKeys;
  }

  /** True when the buyer's contact has one of the sender's name keys. */
  sameName(buyerId: string): boolean {
    const keys = this.keys();
    if (keys.length === 0) return false;
    return this.index.sharesContactKey(buyerId, keys, this.nameKeyHashes);
  }

  samePhone(buyerId: string): boolean {
    if (this.phone.length < PHONE_TAIL) return false;
    const lines = this.index.phoneLinesOf(buyerId);
    for (let i = 0; i < lines.length; i++) if (sameLine(lines[i], this.phone)) return true;
    return false;
  }

  /** Buyers with the fax's number among their phones. */
  faxMatches(): string[] {
    const fax = phoneDigits(this.sender.fax).replace(LEADING_ZEROS, "");
    if (fax.length < PHONE_TAIL) return [];
    return this.index
      .withPhoneTail(fax.slice(-PHONE_TAIL))
      .filter((id) => this.index.phoneLinesOf(id).some((line) => sameLine(line, fax)));
  }

  /**
   * Buyers with a phone ending in the sender's last digits (samePhone says which have the sender's number): with
   * a `limit`, the first limit + 1 of them (enough to tell there are more).
   */
  phoneTailMatches(limit = Number.POSITIVE_INFINITY): readonly string[] {
    if (this.phone.length < PHONE_TAIL) return NO_IDS;
    const ids = this.index.withPhoneTail(this.phone.slice(-PHONE_TAIL), limit);
    return ids.length > limit + 1 ? ids.slice(0, limit + 1) : ids;
  }

  /**
   * The first buyer with both the sender's phone and name, `head` being phoneTailMatches(FEW_PHONE_MATCHES).
   * Many buyers sharing a number (a platform's switchboard) are first narrowed to those the contact-name look-up
   * has under one of the sender's names: when it has none, the list need not be read at all.
   */
  firstWithNameAndPhone(head: readonly string[]): string | undefined {
    if (head.length === 0 || this.keys().length === 0) return undefined;
    const named = head.length > FEW_PHONE_MATCHES ? this.namedBuyers() : undefined;
    if (named?.size === 0) return undefined;
    const ids = head.length > FEW_PHONE_MATCHES ? this.phoneTailMatches() : head;
    for (const id of ids) if ((!named || named.has(id)) && this.samePhone(id) && this.sameName(id)) return id;
    return undefined;
  }

  /**
   * Every buyer whose contact has one of the sender's name keys (a superset of those sameName accepts), or
   * undefined when a key has too many for a set to be worth it.
   */
  private namedBuyers(): Set<string> | undefined {
    const named = new Set<string>();
    for (const key of this.keys()) {
      const ids = this.index.withContactName(key, MAX_NAMED_BUYERS);
      if (ids.length > MAX_NAMED_BUYERS) return undefined;
      for (const id of ids) named.add(id);
    }
    return named;
  }

  /** Buyers whose contact name meets one of the sender's name keys (a name many buyers share hints at nothing). */
  nameMatches(): string[] {
    const found = new Set<string>();
    for (const key of this.keys()) {
      const ids = this.index.withContactName(key, MAX_NAME_POSTINGS);
      if (ids.length <= MAX_NAME_POSTINGS) for (const id of ids) found.add(id);
    }
    return Array.from(found);
  }
}

function similarCompanies(index: BuyerIndex, normalized: string): string[] {
  const tokens = Array.from(new Set(companyTokens(normalized)));
  if (tokens.length === 0) return [];
  const shared = new Map<string, number>();
  const companyOf = new Map<string, string>();
  for (const token of tokens) {
    index.forCompanyToken(token, MAX_TOKEN_POSTINGS, (id, company) => {
      shared.set(id, (shared.get(id) ?? 0) + 1);
      companyOf.set(id, company);
    });
  }
  const scored: [string, number][] = [];
  shared.forEach((count, id) => {
    const union = tokens.length + index.companyTokenCount(companyOf.get(id) ?? "") - count;
    const jaccard = union > 0 ? count / union : 0;
    if (jaccard >= SIMILAR_COMPANY_JACCARD) scored.push([id, jaccard]);
  });
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return scored.map((s) => s[0]);
}

// ---------------------------------------------------------------- sidebar search

export interface BuyerHit {
  buyerId: string;
  field: "email" | "domain" | "phone" | "company" | "name" | "text";
}

/**
 * Sidebar search: an e-mail address, a domain (or URL), a phone number, or words from a name/company.
 * Exact hits come first; at most `limit` results.
 */
export function findBuyers(index: BuyerIndex, query: string, limit = 50): BuyerHit[] {
  const q = collapseWhitespace(String(query ?? ""));
  if (!q) return [];
  const hits: BuyerHit[] = [];
  const seen = new Set<string>();
  const add = (ids: Iterable<string> | undefined, field: BuyerHit["field"]) => {
    if (!ids) return;
    for (const id of ids) {
      if (hits.length >= limit) return;
      if (seen.has(id)) continue;
      seen.add(id);
      hits.push({ buyerId: id, field });
    }
  };

  const address = normalizeEmail(q);
  if (address) {
    const exact = index.withEmail(address);
    if (exact) add([exact], "email");
  }
  const digits = phoneDigits(q);
  const looksLikePhone = /^[\d\s+().\-/]+$/.test(q) && digits.length >= 5;
  if (looksLikePhone) {
    const tail = digits.replace(/^0+/, "").slice(-PHONE_TAIL);
    const candidates = index.withPhoneTail(tail);
    add(
      candidates.filter((id) => splitPhones(index.buyer(id)?.phone).some((p) => samePhone(p, q))),
      "phone",
    );
    if (digits.length < PHONE_TAIL + 1) {
      // Partial numbers: scan (sidebar only, one query at a time).
      const matches: string[] = [];
      index.forEachBuyer((buyer) => {
        if (splitPhones(buyer.phone).some((p) => phoneDigits(p).includes(digits))) matches.push(buyer.id);
      });
      add(matches, "phone");
    }
    return hits;
  }
  if (!/\s/.test(q) && !q.includes("@") && /\.[a-z]{2,}/i.test(q)) {
    add(index.atDomain(companyDomain(q)), "domain");
  }
  const company = normalizeCompany(q);
  if (company) add(index.withCompany(company), "company");
  for (const key of personNameKeys(q)) add(index.withContactName(key), "name");

  const needle = fold(q);
  const terms = needle.split(" ").filter(Boolean);
  const matches: string[] = [];
  searchTextOf(index).forEach((text, id) => {
    if (hits.length + matches.length >= limit) return;
    if (!seen.has(id) && terms.every((t) => text.includes(t))) matches.push(id);
  });
  add(matches, "text");
  return hits;
}
