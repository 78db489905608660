/**
 * Buyer matching (R21, R22): before anyone answers an unfamiliar sender, look them up — same address,
 * same company domain, same company name, or only a weak hint (same contact name, similar company).
 * Weak hints are never merged automatically; the caller files the buyer as "possible duplicate of B-…".
 *
 * The index is built once per intake run and answers each sender with a few Map look-ups, so 500 senders
 * against 20,000 buyers stay in the low milliseconds.
 */
import { collapseWhitespace, stripAccents } from "./text";

const ASCII_ONLY = /^[^\u0080-\uffff]*$/;

/** Lower case, compatibility forms folded, accents dropped; ASCII (most rows) skips the Unicode work. */
function fold(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : stripAccents(text.normalize("NFKC")).toLowerCase();
}

/** Splits folded text into word tokens (letters/digits of any script). */
function words(folded: string): string[] {
  const parts = ASCII_ONLY.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u);
  return parts.filter(Boolean);
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

export interface BuyerIndex {
  readonly buyers: ReadonlyMap<string, BuyerRecord>;
  readonly byEmail: ReadonlyMap<string, string>;
  readonly byDomain: ReadonlyMap<string, string[]>;
  readonly byCompany: ReadonlyMap<string, string[]>;
  readonly byContactName: ReadonlyMap<string, string[]>;
  readonly byCompanyToken: ReadonlyMap<string, string[]>;
  readonly byPhoneTail: ReadonlyMap<string, string[]>;
  /** Per buyer id, the normalized company name (for similarity scoring without re-normalizing). */
  readonly companyOf: ReadonlyMap<string, string>;
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
  const tld = text.slice(last + 1);
  const second = text.slice(prev + 1, last);
  const twoPart = (tld.length === 2 && GENERIC_SECOND_LEVEL.has(second)) || TWO_PART_SUFFIXES.has(`${second}.${tld}`);
  if (!twoPart) return text.slice(prev + 1);
  const prev2 = text.lastIndexOf(".", prev - 1);
  return prev2 < 0 ? text : text.slice(prev2 + 1);
}

const SIMPLE_DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

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
const FREE_MAIL_FAMILIES = new Set(["yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "windowslive"]);

/** True for free-mail providers (gmail.com, yahoo.co.uk, vip.163.com, gmx.at, …). */
export function isFreeMail(domainOrAddress: string | undefined | null): boolean {
  return isFreeMailDomain(companyDomain(domainOrAddress));
}

/** isFreeMail for a value already passed through companyDomain(). */
function isFreeMailDomain(domain: string): boolean {
  if (!domain) return false;
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  const dot = domain.indexOf(".");
  return FREE_MAIL_FAMILIES.has(dot < 0 ? domain : domain.slice(0, dot));
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
  // Dots and apostrophes join ("S.p.A." -> "spa", "O'Neil" -> "oneil"); other punctuation separates.
  let tokens = words(fold(String(name ?? "")).replace(/[.'’`]/g, ""));
  while (tokens.length > 1 && LEGAL_PREFIXES.has(tokens[0])) tokens = tokens.slice(1);
  while (tokens.length > 0 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1])) tokens = tokens.slice(0, -1);
  if (ASCII_ONLY.test(tokens.join(""))) return tokens.join(" ");
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i];
    for (let guard = 0; guard < 5 && CJK_SUFFIX.test(token); guard++) token = token.replace(CJK_SUFFIX, "");
    tokens[i] = token.replace(CJK_PREFIX, "");
  }
  tokens = tokens.filter(Boolean);
  while (tokens.length > 0 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1])) tokens = tokens.slice(0, -1);
  return tokens.join(" ");
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
  return normalized.split(" ").filter((t) => t.length >= 3 && !GENERIC_COMPANY_WORDS.has(t));
}

function normalizePersonName(name: string | undefined | null): string {
  const text = fold(String(name ?? "")).replace(/\b(?:mr|mrs|ms|miss|dr|sr|sra|herr|frau|mme|m)\b\.?/g, " ");
  const tokens = words(text);
  // A single given name ("John") is too common to hint at anything.
  if (tokens.length < 2 && !/[\u3400-\u9fff]{2,}/.test(text)) return "";
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

function push(map: Map<string, string[]>, key: string, id: string): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/** Builds the look-up index once per run. Later buyers never overwrite an earlier buyer's address. */
export function buildBuyerIndex(buyers: readonly BuyerRecord[]): BuyerIndex {
  const byId = new Map<string, BuyerRecord>();
  const byEmail = new Map<string, string>();
  const byDomain = new Map<string, string[]>();
  const byCompany = new Map<string, string[]>();
  const byContactName = new Map<string, string[]>();
  const byCompanyToken = new Map<string, string[]>();
  const byPhoneTail = new Map<string, string[]>();
  const companyOf = new Map<string, string>();

  for (const buyer of buyers) {
    if (!buyer?.id) continue;
    byId.set(buyer.id, buyer);
    const addresses = buyer.emails && buyer.emails.length > 0 ? [buyer.email, ...buyer.emails] : [buyer.email];
    for (const raw of addresses) {
      const address = normalizeEmail(raw);
      if (!address) continue;
      if (!byEmail.has(address)) byEmail.set(address, buyer.id);
      const domain = companyDomain(address);
      if (domain && !isFreeMailDomain(domain)) push(byDomain, domain, buyer.id);
    }
    if (buyer.website) {
      const site = companyDomain(buyer.website);
      if (site && !isFreeMailDomain(site)) push(byDomain, site, buyer.id);
    }
    const company = normalizeCompany(buyer.company);
    if (company) {
      companyOf.set(buyer.id, company);
      push(byCompany, company, buyer.id);
      for (const token of companyTokens(company)) push(byCompanyToken, token, buyer.id);
    }
    push(byContactName, normalizePersonName(buyer.name), buyer.id);
    if (buyer.phone) {
      for (const phone of splitPhones(buyer.phone)) {
        const digits = phoneDigits(phone).replace(/^0+/, "");
        if (digits.length >= PHONE_TAIL) push(byPhoneTail, digits.slice(-PHONE_TAIL), buyer.id);
      }
    }
  }
  return { buyers: byId, byEmail, byDomain, byCompany, byContactName, byCompanyToken, byPhoneTail, companyOf };
}

// The sidebar's free-text haystack is only needed when someone searches; build it on first use.
const searchTextCache = new WeakMap<BuyerIndex, Map<string, string>>();
function searchTextOf(index: BuyerIndex): Map<string, string> {
  let text = searchTextCache.get(index);
  if (!text) {
    text = new Map();
    for (const [id, b] of index.buyers) {
      text.set(id, fold([id, b.name, b.company, b.email, ...(b.emails ?? []), b.website ?? ""].join("\n")));
    }
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
    const byAddress = index.byEmail.get(address);
    if (byAddress) return { kind: "email", buyerId: byAddress, why: `address ${address} belongs to ${byAddress}` };
    const domain = companyDomain(address);
    if (domain && !isFreeMailDomain(domain)) {
      const atDomain = index.byDomain.get(domain);
      if (atDomain && atDomain.length > 0) {
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
    const same = index.byCompany.get(company);
    if (same && same.length > 0) {
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
  for (const id of (personName && index.byContactName.get(personName)) || []) {
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
  for (const token of tokens) {
    const postings = index.byCompanyToken.get(token);
    if (!postings || postings.length > MAX_TOKEN_POSTINGS) continue;
    for (const id of postings) shared.set(id, (shared.get(id) ?? 0) + 1);
  }
  const scored: [string, number][] = [];
  shared.forEach((count, id) => {
    const other = new Set(companyTokens(index.companyOf.get(id) ?? ""));
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
    const exact = index.byEmail.get(address);
    if (exact) add([exact], "email");
  }
  const digits = phoneDigits(q);
  const looksLikePhone = /^[\d\s+().\-/]+$/.test(q) && digits.length >= 5;
  if (looksLikePhone) {
    const tail = digits.replace(/^0+/, "").slice(-PHONE_TAIL);
    const candidates = index.byPhoneTail.get(tail) ?? [];
    add(
      candidates.filter((id) => splitPhones(index.buyers.get(id)?.phone).some((p) => samePhone(p, q))),
      "phone",
    );
    if (digits.length < PHONE_TAIL + 1) {
      // Partial numbers: scan (sidebar only, one query at a time).
      const matches: string[] = [];
      index.buyers.forEach((buyer, id) => {
        if (splitPhones(buyer.phone).some((p) => phoneDigits(p).includes(digits))) matches.push(id);
      });
      add(matches, "phone");
    }
    return hits;
  }
  if (!/\s/.test(q) && !q.includes("@") && /\.[a-z]{2,}/i.test(q)) {
    add(index.byDomain.get(companyDomain(q)), "domain");
  }
  const company = normalizeCompany(q);
  if (company) add(index.byCompany.get(company), "company");
  const person = normalizePersonName(q);
  if (person) add(index.byContactName.get(person), "name");

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
