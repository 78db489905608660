/**
 * Buyer matching (R21, R22): before anyone answers an unfamiliar sender, look them up — same address,
 * same company domain, same company name, or only a weak hint (same contact name, similar company).
 * Weak hints are never merged automatically; the caller files the buyer as "possible duplicate of B-…".
 *
 * The index is built once per intake run and answers each sender with a few Map look-ups. Only the address
 * and domain look-ups every sender needs are built up front; the weaker ones (company names, contact names,
 * company words, phone numbers) are built the first time a sender gets that far. Building a look-up of
 * 20,000 buyers is mostly Map inserts and the strings kept as keys, so each one not needed is time saved.
 */
import { collapseWhitespace, stripAccents } from "./text";

const ASCII_ONLY = /^[^\u0080-\uffff]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;
const UNICODE_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lower case, compatibility forms folded, accents dropped; ASCII (most rows) skips the Unicode work. */
function fold(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : stripAccents(text.normalize("NFKC")).toLowerCase();
}

/** Splits folded text into word tokens (letters/digits of any script). */
function words(folded: string): string[] {
  return ASCII_ONLY.test(folded) ? splitWords(folded, ASCII_SEPARATORS) : splitWords(folded, UNICODE_SEPARATORS);
}

/** split() without the empty strings a separator at either end leaves (the only place they occur). */
function splitWords(text: string, separators: RegExp): string[] {
  const parts = text.split(separators);
  if (parts[parts.length - 1] === "") parts.pop();
  if (parts.length > 0 && parts[0] === "") parts.shift();
  return parts;
}

export interface BuyerRecord {
  id: string;
  email: string;
  /** Other addresses of the same buyer. */
  emails?: string[];
  company: string;
  website?: string;
  phone?: string;
  name: string;
}

export interface SenderFacts {
  address: string;
  name?: string;
  company?: string;
}

export type MatchResult =
  | { kind: "email"; buyerId: string; why: string }
  | { kind: "domain"; buyerId: string; others: string[]; why: string }
  | { kind: "company"; buyerId: string; others: string[]; why: string }
  | { kind: "weak"; candidates: WeakCandidate[]; why: string }
  | { kind: "none"; why: string };

export interface WeakCandidate {
  buyerId: string;
  reason: "same-contact-name" | "similar-company";
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

// Free-mail providers: a shared domain says nothing about the company. Kept as exact registrable domains;
// the families below (yahoo.*, gmx.*, hotmail.*, …) are matched on their first label.
const FREE_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "ymail.com",
  "rocketmail.com",
  "msn.com",
  "aol.com",
  "aim.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "mail.com",
  "email.com",
  "usa.com",
  "web.de",
  "t-online.de",
  "freenet.de",
  "arcor.de",
  "yandex.ru",
  "yandex.com",
  "ya.ru",
  "mail.ru",
  "bk.ru",
  "inbox.ru",
  "list.ru",
  "rambler.ru",
  "ukr.net",
  "qq.com",
  "163.com",
  "126.com",
  "139.com",
  "189.cn",
  "sina.com",
  "sina.cn",
  "sohu.com",
  "yeah.net",
  "tom.com",
  "21cn.com",
  "aliyun.com",
  "foxmail.com",
  "protonmail.com",
  "protonmail.ch",
  "proton.me",
  "pm.me",
  "tutanota.com",
  "tuta.io",
  "zoho.com",
  "zohomail.com",
  "fastmail.com",
  "hey.com",
  "gmx.net",
  "rediffmail.com",
  "naver.com",
  "daum.net",
  "hanmail.net",
  "libero.it",
  "virgilio.it",
  "tiscali.it",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "laposte.net",
  "sfr.fr",
  "seznam.cz",
  "wp.pl",
  "o2.pl",
  "interia.pl",
  "onet.pl",
  "bol.com.br",
  "uol.com.br",
  "terra.com.br",
  "btinternet.com",
  "sky.com",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "bigpond.com",
  "optusnet.com.au",
  "shaw.ca",
  "rogers.com",
  "mweb.co.za",
  "walla.co.il",
  "inbox.com",
  "lycos.com",
  "excite.com",
]);
/** The families by first label (yahoo.de, hotmail.co.uk, gmx.at, …), as one test with no string cut out. */
const FREE_MAIL_FAMILY = /^(?:yahoo|hotmail|outlook|live|gmx|yandex|windowslive)(?:\.|$)/;

/** True for free-mail providers (gmail.com, yahoo.co.uk, vip.163.com, gmx.at, …). */
export function isFreeMail(domainOrAddress: string | undefined | null): boolean {
  return isFreeMailDomain(companyDomain(domainOrAddress));
}

/** isFreeMail for a value already passed through companyDomain(). */
function isFreeMailDomain(domain: string): boolean {
  if (!domain) return false;
  return FREE_MAIL_DOMAINS.has(domain) || FREE_MAIL_FAMILY.test(domain);
}

// ---------------------------------------------------------------- company names

// Legal forms and filler words dropped from the END of a name (repeatedly): "Acme Trading Co., Ltd." -> "acme".
const LEGAL_SUFFIXES = new Set(
  (
    "co company companies corp corporation inc incorporated ltd limited llc lc plc llp lp gmbh mbh ag kg ohg ug ev " +
    "sa sl slu srl sarl sas sasu spa snc bv nv pty pte oy oyj ab as asa aps kk sdn bhd tbk jsc pjsc ooo zao oao pao " +
    "ооо зао оао пао ао ип тоо trading trade traders enterprise enterprises sociedad anonima limitada ltda cia " +
    "industry industries industrial intl international group holding holdings and"
  ).split(" "),
);
// Legal forms written BEFORE the name: "ООО «Ромашка»", "PT Maju Jaya", "The Acme Company".
const LEGAL_PREFIXES = new Set("the ooo ооо zao зао oao оао pao пао ао ип тоо pt cv ud jsc".split(" "));
const CJK_SUFFIX =
  /(?:股份有限公司|有限责任公司|有限責任公司|有限公司|株式会社|集团|集團|公司|贸易|貿易|商行|工厂|工廠|厂|廠)$/;
const CJK_PREFIX = /^(?:株式会社|有限会社)/;

/**
 * Comparable company name: case, accents, punctuation and legal forms ignored.
 * "ACME Trading Co., Ltd." and "Acme Limited" both -> "acme"; "Müller GmbH & Co. KG" -> "muller";
 * "深圳市华强有限公司" -> "深圳市华强". Returns "" when nothing distinctive is left.
 */
export function normalizeCompany(name: string | undefined | null): string {
  const text = String(name ?? "");
  const ascii = ASCII_ONLY.test(text);
  // Dots and apostrophes join ("S.p.A." -> "spa", "O'Neil" -> "oneil"); other punctuation separates.
  const tokens = ascii ? asciiWords(text.toLowerCase()) : words(fold(text).replace(JOINING_PUNCTUATION, ""));
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && LEGAL_PREFIXES.has(tokens[start])) start += 1;
  while (end > start && LEGAL_SUFFIXES.has(tokens[end - 1])) end -= 1;
  if (ascii) return joinWords(tokens, start, end);
  const kept: string[] = [];
  for (let i = start; i < end; i++) {
    let token = tokens[i];
    for (let guard = 0; guard < 5 && CJK_SUFFIX.test(token); guard++) token = token.replace(CJK_SUFFIX, "");
    token = token.replace(CJK_PREFIX, "");
    if (token !== "") kept.push(token);
  }
  let keptEnd = kept.length;
  while (keptEnd > 0 && LEGAL_SUFFIXES.has(kept[keptEnd - 1])) keptEnd -= 1;
  return joinWords(kept, 0, keptEnd);
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

function companyTokens(normalized: string): string[] {
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

/** Comparable person name: titles dropped, words in sorted order ("Smith, John" = "John Smith"). */
function normalizePersonName(name: string | undefined | null): string {
  const folded = fold(String(name ?? ""));
  const text = TITLE.test(folded) ? folded.replace(TITLES, " ") : folded;
  const tokens = words(text);
  // A single given name ("John") is too common to hint at anything.
  if (tokens.length < 2) return tokens.length === 1 && CJK_NAME.test(text) ? tokens[0] : "";
  if (tokens.length === 2) return tokens[0] <= tokens[1] ? `${tokens[0]} ${tokens[1]}` : `${tokens[1]} ${tokens[0]}`;
  return tokens.sort().join(" ");
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
  const x = phoneDigits(a).replace(/^0+/, "");
  const y = phoneDigits(b).replace(/^0+/, "");
  if (x.length < 7 || y.length < 7) return x.length > 0 && x === y;
  return x.length >= y.length ? x.endsWith(y) : y.endsWith(x);
}

function splitPhones(phone: string | undefined): string[] {
  return String(phone ?? "")
    .split(/[;,/|]|\bor\b/)
    .map((p) => p.trim())
    .filter((p) => phoneDigits(p).length >= 5);
}

const PHONE_TAIL = 7;

// ---------------------------------------------------------------- index

/** Buyer IDs under one key: a lone ID as a string (most keys name one buyer), a list once a second shares it. */
type Postings = string | string[];

/** Adds a buyer (ID or row position) under a key, once even when the buyer has the key twice. */
function post<T extends string | number>(map: Map<string, T | T[]>, key: string, item: T): void {
  if (!key) return;
  const current = map.get(key);
  if (current === undefined) map.set(key, item);
  else if (!Array.isArray(current)) {
    if (current !== item) map.set(key, [current, item]);
  } else if (current[current.length - 1] !== item) current.push(item);
}

const NO_IDS: readonly string[] = [];

function idsOf(map: ReadonlyMap<string, Postings>, key: string): readonly string[] {
  const ids = map.get(key);
  return ids === undefined ? NO_IDS : typeof ids === "string" ? [ids] : ids;
}

/**
 * The buyers as look-ups for matchSender and findBuyers. Addresses and company domains are indexed at once;
 * every other look-up on first use. The records are read then, so they must not change after the index is
 * built (each intake run builds its own).
 */
export class BuyerIndex {
  private readonly records: readonly BuyerRecord[];
  private readonly emails = new Map<string, string>();
  private readonly domains = new Map<string, Postings>();
  private byId?: Map<string, BuyerRecord>;
  private companyNames?: string[];
  private companies?: Map<string, Postings>;
  /** Company words -> positions in `records` (numbers, so no per-buyer map from ID to company is needed). */
  private companyTokens?: Map<string, number | number[]>;
  private contactNames?: Map<string, Postings>;
  private phoneTails?: Map<string, Postings>;

  constructor(buyers: readonly BuyerRecord[]) {
    this.records = buyers.filter((buyer) => !!buyer?.id);
    for (const buyer of this.records) {
      this.addAddress(buyer.email, buyer.id);
      if (buyer.emails) for (const other of buyer.emails) this.addAddress(other, buyer.id);
      if (buyer.website) {
        const site = companyDomain(buyer.website);
        if (site && !isFreeMailDomain(site)) post(this.domains, site, buyer.id);
      }
    }
  }

  /** Later buyers never take over an earlier buyer's address. */
  private addAddress(raw: string, id: string): void {
    const address = normalizeEmail(raw);
    if (!address) return;
    if (!this.emails.has(address)) this.emails.set(address, id);
    const domain = companyDomain(address);
    if (domain && !isFreeMailDomain(domain)) post(this.domains, domain, id);
  }

  get size(): number {
    return this.records.length;
  }

  /** The buyer with this ID (a repeated ID: its last row, as when a person edits the later copy). */
  buyer(id: string): BuyerRecord | undefined {
    return this.buyersById().get(id);
  }

  /** Each buyer once, in first-seen order. */
  forEachBuyer(visit: (buyer: BuyerRecord) => void): void {
    for (const buyer of this.buyersById().values()) visit(buyer);
  }

  private buyersById(): Map<string, BuyerRecord> {
    if (!this.byId) {
      this.byId = new Map();
      for (const buyer of this.records) this.byId.set(buyer.id, buyer);
    }
    return this.byId;
  }

  /** The buyer owning this normalized address. */
  withEmail(address: string): string | undefined {
    return this.emails.get(address);
  }

  /** Buyers with an address or website at this company domain, earliest first. */
  atDomain(domain: string): readonly string[] {
    return idsOf(this.domains, domain);
  }

  /** Buyers with this normalized company name, earliest first. */
  withCompany(normalized: string): readonly string[] {
    if (!this.companies) {
      this.companies = new Map();
      const names = this.normalizedCompanies();
      for (let i = 0; i < names.length; i++) post(this.companies, names[i], this.records[i].id);
    }
    return idsOf(this.companies, normalized);
  }

  /**
   * Buyers whose company name has this distinctive word, each with its normalized company name: `visit` is
   * called per buyer in row order, and not at all when more than `limit` buyers share the word.
   */
  forCompanyToken(token: string, limit: number, visit: (id: string, company: string) => void): void {
    if (!this.companyTokens) this.buildCompanyTokens();
    const postings = this.companyTokens!.get(token);
    if (postings === undefined) return;
    const names = this.normalizedCompanies();
    if (typeof postings === "number") visit(this.records[postings].id, names[postings]);
    else if (postings.length <= limit) for (const at of postings) visit(this.records[at].id, names[at]);
  }

  /** Buyers whose contact has this normalized person name. */
  withContactName(normalized: string): readonly string[] {
    if (!this.contactNames) {
      this.contactNames = new Map();
      for (const buyer of this.records) post(this.contactNames, normalizePersonName(buyer.name), buyer.id);
    }
    return idsOf(this.contactNames, normalized);
  }

  /** Buyers with a phone number ending in these digits (the last PHONE_TAIL, national "0" dropped). */
  withPhoneTail(tail: string): readonly string[] {
    if (!this.phoneTails) {
      this.phoneTails = new Map();
      for (const buyer of this.records) {
        if (!buyer.phone) continue;
        for (const phone of splitPhones(buyer.phone)) {
          const digits = phoneDigits(phone).replace(/^0+/, "");
          if (digits.length >= PHONE_TAIL) post(this.phoneTails, digits.slice(-PHONE_TAIL), buyer.id);
        }
      }
    }
    return idsOf(this.phoneTails, tail);
  }

  private normalizedCompanies(): string[] {
    this.companyNames ??= this.records.map((buyer) => normalizeCompany(buyer.company));
    return this.companyNames;
  }

  private buildCompanyTokens(): void {
    const names = this.normalizedCompanies();
    const tokens = new Map<string, number | number[]>();
    for (let i = 0; i < names.length; i++) {
      if (names[i]) forEachCompanyToken(names[i], (token) => post(tokens, token, i));
    }
    this.companyTokens = tokens;
  }
}

/** Builds the look-up index once per run. Later buyers never overwrite an earlier buyer's address. */
export function buildBuyerIndex(buyers: readonly BuyerRecord[]): BuyerIndex {
  return new BuyerIndex(buyers);
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

/**
 * R22: who is this sender? Exact address (any of the buyer's addresses) > same company domain (never a
 * free-mail domain) > same normalized company name > weak hints. The sender's company is taken from
 * `company`, or from the display name when that name ends in a legal form ("Acme Trading Co., Ltd").
 */
export function matchSender(index: BuyerIndex, sender: SenderFacts): MatchResult {
  const address = normalizeEmail(sender.address);
  if (address) {
    const byAddress = index.withEmail(address);
    if (byAddress) return { kind: "email", buyerId: byAddress, why: `address ${address} belongs to ${byAddress}` };
    const domain = companyDomain(address);
    if (domain && !isFreeMailDomain(domain)) {
      const atDomain = index.atDomain(domain);
      if (atDomain.length > 0) {
        return {
          kind: "domain",
          buyerId: atDomain[0],
          others: atDomain.slice(1),
          why: `same company domain ${domain} as ${atDomain[0]}`,
        };
      }
    }
  }

  const companyText = sender.company?.trim()
    ? sender.company
    : sender.name && looksLikeCompanyName(sender.name)
      ? sender.name
      : "";
  const company = normalizeCompany(companyText);
  if (company) {
    const same = index.withCompany(company);
    if (same.length > 0) {
      return {
        kind: "company",
        buyerId: same[0],
        others: same.slice(1),
        why: `company "${collapseWhitespace(companyText)}" matches ${same[0]}`,
      };
    }
  }

  const candidates: WeakCandidate[] = [];
  const seen = new Set<string>();
  const personName = normalizePersonName(sender.name);
  for (const id of personName ? index.withContactName(personName) : NO_IDS) {
    if (seen.has(id)) continue;
    seen.add(id);
    candidates.push({ buyerId: id, reason: "same-contact-name" });
  }
  if (company) {
    for (const id of similarCompanies(index, company)) {
      if (seen.has(id)) continue;
      seen.add(id);
      candidates.push({ buyerId: id, reason: "similar-company" });
    }
  }
  if (candidates.length > 0) {
    return {
      kind: "weak",
      candidates: candidates.slice(0, 10),
      why: `possible duplicate of ${candidates
        .slice(0, 3)
        .map((c) => c.buyerId)
        .join(", ")} (${candidates[0].reason.replace(/-/g, " ")})`,
    };
  }
  return { kind: "none", why: address ? `no buyer known for ${address}` : "no usable sender address" };
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
    const other = new Set(companyTokens(companyOf.get(id) ?? ""));
    const union = tokens.length + other.size - count;
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
  const person = normalizePersonName(q);
  if (person) add(index.withContactName(person), "name");

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
