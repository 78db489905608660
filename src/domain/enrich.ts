/**
 * Buyer facts from one mail (R21 every customer goes into the book; R22 look the sender up): company, country,
 * city, phone, fax, website, job title, quantity and products, each with the evidence a person can check, or
 * empty with a note saying why. Only what the sender wrote now and messages they forwarded are read: the quoted
 * history of a reply (our own text, our own signature) never is.
 *
 * Country, by order of trust: the buyer's own words (a "Country:" field, the signature's address or city) >
 * the country code of a phone number they wrote > a place they say they are in ("our shop in Lagos") > the
 * country-code domain of their company (never a generic domain, never free mail).
 */
import { citiesIn, countriesIn, countryName, countryOfField, type PlaceMention } from "./countries";
import { fold, foldKey, hasCjk } from "./fold";
import { hasLegalForm } from "./legal-forms";
import { findSignature, type MailPart, splitParts } from "./mail-parts";
import { companyDomain, isFreeMail, normalizeEmail } from "./matching";
import { findPhones, type PhoneFound, readPhone } from "./phone";
import { type CatalogueProduct, type ProductMatcher, productMatcher } from "./products";
import {
  companyIn,
  type LabelledField,
  type LineValue,
  labelledFields,
  looksLikePersonName,
  looksLikeTitle,
  matchesDomain,
  websiteIn,
} from "./signature";
import { collapseWhitespace, extractQuantity } from "./text";

export type FactField =
  | "name"
  | "company"
  | "country"
  | "city"
  | "phone"
  | "fax"
  | "website"
  | "title"
  | "quantity"
  | "products";

export interface Evidence {
  field: FactField;
  /** "signature text 'Dubai, United Arab Emirates'", "phone +971 4 555 0199", "no signature". */
  note: string;
  /** True for the evidence a fact was taken from; false for a note on a missing, weaker or conflicting hint. */
  used: boolean;
}

export interface BuyerFacts {
  name: string;
  company: string;
  /** ISO 3166 alpha-2, "" when unknown. */
  country: string;
  /** English display name ("United Arab Emirates"), "" when unknown. */
  countryName: string;
  city: string;
  /** E.164. */
  phone: string;
  /** E.164. */
  fax: string;
  /** A host name ("alnoor-trading.ae"). */
  website: string;
  title: string;
  /** As written ("2,000 pcs"). */
  quantity: string;
  /** Product codes. */
  products: string[];
  evidence: Evidence[];
}

export interface EnrichInput {
  from?: { name?: string; address?: string };
  subject?: string;
  /** Plain-text body. */
  body?: string;
  /** Our company's domains: a quoted or forwarded part from them is never read as the buyer's. */
  ownDomains?: readonly string[];
  /** Fields a platform notification gave ("Country/Region: Peru"), trusted like the buyer's own labelled fields. */
  given?: { name?: string; company?: string; country?: string; quantity?: string; product?: string };
  /** The catalogue, or a matcher built from it once per run. */
  catalogue?: readonly CatalogueProduct[] | ProductMatcher;
}

/** One readable block of the mail: what the sender wrote now, or a message of someone else they forwarded. */
interface Source {
  lines: string[];
  signature: string[];
  signedAs?: string;
  labelled: Partial<Record<LabelledField, LineValue>>;
  /** " (forwarded part)" or "". */
  where: string;
}

/** Reads the buyer facts of one mail. Never throws; every field has a fact with evidence or a note why not. */
export function enrichSender(input: EnrichInput): BuyerFacts {
  const address = normalizeEmail(input.from?.address);
  const domain = companyDomain(address);
  const own = (input.ownDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, ""));
  const companyMail = !!domain && !isFreeMail(domain) && !own.includes(domain);
  const sources = readableSources(input.body ?? "", input.subject ?? "", own);
  const facts: BuyerFacts = {
    name: "",
    company: "",
    country: "",
    countryName: "",
    city: "",
    phone: "",
    fax: "",
    website: "",
    title: "",
    quantity: "",
    products: [],
    evidence: [],
  };
  const note = (field: FactField, text: string, used = false) => {
    if (!facts.evidence.some((e) => e.field === field && e.note === text))
      facts.evidence.push({ field, note: text, used });
  };
  if (!sources.some((s) => s.signature.length > 0)) note("name", "no signature");

  readName(facts, input, sources, note);
  readCompany(facts, input, sources, domain, companyMail, note);
  readTitle(facts, sources, note);
  readWebsite(facts, sources, domain, companyMail, note);
  const phones = sources.flatMap((s) => phonesOf(s));
  readCountry(facts, input, sources, phones, domain, companyMail, note);
  readPhones(facts, phones, note);
  readCity(facts, sources, note);
  readQuantity(facts, input, sources, note);
  readProducts(facts, input, sources, note);
  return facts;
}

type Note = (field: FactField, text: string, used?: boolean) => void;

function readableSources(body: string, subject: string, own: string[]): Source[] {
  const parts = splitParts(body, subject);
  const isOurs = (part: MailPart) => {
    const d = companyDomain(part.from?.address ?? "");
    return !!d && own.includes(d);
  };
  const readable = parts.filter((p) => p.kind === "new" || (p.kind === "forwarded" && !isOurs(p)));
  return readable.map((part) => {
    const signature = findSignature(part.lines);
    return {
      lines: part.lines,
      signature: signature?.lines ?? [],
      signedAs: signature?.signedAs,
      labelled: labelledFields(part.lines),
      where: part.kind === "new" ? "" : " (forwarded part)",
    };
  });
}

/** The first value any source gives, with the source it came from. */
function first<T>(sources: Source[], read: (s: Source) => T | undefined): { value: T; source: Source } | undefined {
  for (const source of sources) {
    const value = read(source);
    if (value !== undefined) return { value, source };
  }
  return undefined;
}

function quote(text: string): string {
  return `'${collapseWhitespace(text).slice(0, 80)}'`;
}

// ---------------------------------------------------------------- name, company, title, website

function readName(facts: BuyerFacts, input: EnrichInput, sources: Source[], note: Note): void {
  const given = collapseWhitespace(input.given?.name ?? "");
  const display = collapseWhitespace(input.from?.name ?? "").replace(/^["']|["']$/g, "");
  if (given) {
    facts.name = given;
    note("name", `platform field ${quote(given)}`, true);
    return;
  }
  if (display && !display.includes("@") && !hasLegalForm(display)) {
    facts.name = display;
    note("name", `sender's display name ${quote(display)}`, true);
    return;
  }
  const found = first(sources, (s) => {
    const labelled = s.labelled.name?.value;
    if (labelled) return { value: labelled, how: `labelled ${quote(s.labelled.name!.line)}` };
    const line = s.signature.find(looksLikePersonName);
    if (line) return { value: line.replace(/[,.]+$/, ""), how: `signature line ${quote(line)}` };
    if (s.signedAs && looksLikePersonName(s.signedAs)) return { value: s.signedAs, how: `signed ${quote(s.signedAs)}` };
    return undefined;
  });
  if (found) {
    facts.name = found.value.value;
    note("name", found.value.how + found.source.where, true);
  } else note("name", display ? `display name ${quote(display)} is not a person's name` : "no name given");
}

function readCompany(
  facts: BuyerFacts,
  input: EnrichInput,
  sources: Source[],
  domain: string,
  companyMail: boolean,
  note: Note,
): void {
  const given = collapseWhitespace(input.given?.company ?? "");
  if (given) {
    facts.company = given;
    note("company", `platform field ${quote(given)}`, true);
    return;
  }
  const found = first(sources, (s) => {
    const labelled = s.labelled.company;
    if (labelled && foldKey(labelled.value)) return { value: labelled.value, how: `labelled ${quote(labelled.line)}` };
    for (const line of s.signature) {
      const company = companyIn(line);
      if (company) return { value: company, how: `signature line ${quote(line)}` };
    }
    if (companyMail) {
      const line = s.signature.find((l) => matchesDomain(l, domain) && !/@|www\./i.test(l));
      if (line) return { value: line, how: `signature line ${quote(line)} spells the domain ${domain}` };
    }
    return undefined;
  });
  if (found) {
    facts.company = collapseWhitespace(found.value.value);
    note("company", found.value.how + found.source.where, true);
    return;
  }
  const display = collapseWhitespace(input.from?.name ?? "");
  if (display && hasLegalForm(display)) {
    facts.company = display;
    note("company", `sender's display name ${quote(display)}`, true);
    return;
  }
  if (sources.every((s) => s.signature.length === 0)) note("company", "no signature");
  else note("company", "no line of the signature names a company");
  if (input.given && "company" in input.given) note("company", "the platform's company field is empty");
}

function readTitle(facts: BuyerFacts, sources: Source[], note: Note): void {
  const found = first(sources, (s) => {
    if (s.labelled.title) return { value: s.labelled.title.value, how: `labelled ${quote(s.labelled.title.line)}` };
    for (const line of s.signature) {
      if (!looksLikeTitle(line)) continue;
      // "Purchasing Manager, Brightway Electric Inc." -> the part before the company.
      const title = hasLegalForm(line) ? line.split(/[,，|]/)[0].trim() : line;
      if (title && !hasLegalForm(title)) return { value: title, how: `signature line ${quote(line)}` };
    }
    return undefined;
  });
  if (found) {
    facts.title = collapseWhitespace(found.value.value);
    note("title", found.value.how + found.source.where, true);
  } else note("title", "no job title in the signature");
}

function readWebsite(facts: BuyerFacts, sources: Source[], domain: string, companyMail: boolean, note: Note): void {
  const found = first(sources, (s) => {
    const labelled = s.labelled.website && websiteIn(s.labelled.website.value);
    if (labelled) return { value: labelled, how: `labelled ${quote(s.labelled.website!.line)}` };
    for (const line of s.signature) {
      const site = /www\.|https?:|\b(?:web|website|site)\b/i.test(line) ? websiteIn(line) : undefined;
      if (site) return { value: site, how: `signature line ${quote(line)}` };
    }
    return undefined;
  });
  if (found) {
    facts.website = found.value.value;
    note("website", found.value.how + found.source.where, true);
  } else if (companyMail) {
    facts.website = domain;
    note("website", `sender's company domain ${domain}`, true);
  } else note("website", domain ? `no website given; ${domain} is free mail` : "no website given");
}

// ---------------------------------------------------------------- phones

interface PhoneSeen extends PhoneFound {
  where: string;
}

function phonesOf(source: Source): PhoneSeen[] {
  // The signature first; numbers elsewhere in the text only with a label or a "+".
  const inSignature = findPhones(source.signature.join("\n"));
  const found = inSignature.length > 0 ? inSignature : findPhones(source.lines.join("\n"));
  return found.map((p) => ({ ...p, where: source.where }));
}

function readPhones(facts: BuyerFacts, phones: PhoneSeen[], note: Note): void {
  for (const kind of ["phone", "fax"] as const) {
    const field: FactField = kind;
    const candidates = phones.filter((p) => (kind === "fax" ? p.kind === "fax" : p.kind !== "fax"));
    if (candidates.length === 0) {
      if (kind === "phone") note("phone", "no phone number given");
      continue;
    }
    let problem = "";
    for (const p of candidates) {
      const international = readPhone(p.text);
      const read = international.ok ? international : facts.country ? readPhone(p.text, facts.country) : international;
      if (!read.ok) {
        problem ||= read.problem;
        continue;
      }
      facts[kind] = read.e164;
      const how = international.ok
        ? `${p.label || "number"} ${quote(p.text)}`
        : `${p.label || "number"} ${quote(p.text)} read as a ${facts.countryName} number (no country code written)`;
      note(field, how + p.where, true);
      problem = "";
      break;
    }
    if (problem) note(field, problem);
  }
}

// ---------------------------------------------------------------- country and city

/** One clue to a buyer's country and where it was seen ("phone +971 4 555 0199"). */
export interface CountryHint {
  code: string;
  how: string;
}

export interface CountryChoice {
  /** ISO 3166 alpha-2, "" when no level settles it. */
  code: string;
  /** The hints used (used: true), and the others with why they were not. */
  notes: { note: string; used: boolean }[];
}

/**
 * The country hints settle, by levels strongest first: the first level naming one country wins; a level naming
 * several lets a lower level say which ("Dubai | Riyadh" offices, a +971 phone), else it is passed over with a
 * note. Used for a mail's sender and for a row already in the book alike.
 */
export function chooseCountry(tiers: readonly (readonly CountryHint[])[]): CountryChoice {
  const notes: CountryChoice["notes"] = [];
  const note = (text: string, used = false) => {
    if (!notes.some((n) => n.note === text)) notes.push({ note: text, used });
  };
  const lower = (from: number) => tiers.slice(from + 1).flat();
  for (let t = 0; t < tiers.length; t++) {
    const codes = distinct(tiers[t]);
    if (codes.length === 0) continue;
    const chosen = codes.length === 1 ? codes[0] : (distinct(lower(t)).find((c) => codes.includes(c)) ?? "");
    if (!chosen) {
      note(`several countries named (${codes.map(countryName).join(", ")}) and nothing says which`);
      continue;
    }
    for (const hint of tiers[t]) if (hint.code === chosen) note(hint.how, true);
    for (const hint of lower(t))
      note(
        hint.code === chosen ? `also ${hint.how}` : `${hint.how} says ${countryName(hint.code)}, weaker than the above`,
      );
    return { code: chosen, notes };
  }
  return { code: "", notes };
}

function readCountry(
  facts: BuyerFacts,
  input: EnrichInput,
  sources: Source[],
  phones: PhoneSeen[],
  domain: string,
  companyMail: boolean,
  note: Note,
): void {
  const explicit = explicitCountries(input, sources, note);
  const byPhone = phoneCountries(phones);
  const prose = proseCountries(sources);
  const byDomain = domainCountry(domain, companyMail, facts.website);
  const choice = chooseCountry([explicit, byPhone, prose, byDomain]);
  for (const n of choice.notes) note("country", n.note, n.used);
  if (choice.code) setCountry(facts, choice.code);
  else note("country", missingCountryWhy(sources, phones, domain, companyMail));
}

function setCountry(facts: BuyerFacts, code: string): void {
  facts.country = code;
  facts.countryName = countryName(code);
}

function distinct(hints: readonly CountryHint[]): string[] {
  return Array.from(new Set(hints.map((h) => h.code)));
}

function explicitCountries(input: EnrichInput, sources: Source[], note: Note): CountryHint[] {
  const hints: CountryHint[] = [];
  const given = collapseWhitespace(input.given?.country ?? "");
  if (given) {
    const place = countryOfField(given);
    if (place) hints.push({ code: place.code, how: `platform field ${quote(given)}` });
    else note("country", `country name not recognised: ${quote(given)}`);
  }
  for (const s of sources) {
    const labelled = s.labelled.country;
    if (labelled) {
      const place = countryOfField(labelled.value) ?? single(countriesIn(labelled.value));
      if (place) hints.push({ code: place.code, how: `labelled ${quote(labelled.line)}${s.where}` });
      else note("country", `country name not recognised: ${quote(labelled.value)}`);
    }
    for (const line of s.signature) {
      if (/@/.test(line)) continue;
      for (const place of [...countriesIn(line), ...citiesIn(line)]) {
        hints.push({ code: place.code, how: `signature text ${quote(line)}${s.where}` });
      }
    }
  }
  return hints;
}

function single(places: PlaceMention[]): PlaceMention | undefined {
  return places.length === 1 ? places[0] : undefined;
}

function phoneCountries(phones: PhoneSeen[]): CountryHint[] {
  const hints: CountryHint[] = [];
  for (const p of phones) {
    const read = readPhone(p.text);
    if (read.ok && read.country) hints.push({ code: read.country, how: `${p.kind} ${p.text}${p.where}` });
  }
  return hints;
}

// Words before a place that say the sender is there: "in", "from", "en", "aus", "в", "في", "tại"…
const PLACE_PREPOSITIONS = new Set(
  "in from based located en de desde em do da no na au aux a du aus bei в во из في من بـ tai o tu".split(" "),
);
const CJK_BEFORE_PLACE = /(?:来自|來自|位于|位於|在|从|從|地处)$/;
const KOREAN_AFTER_PLACE = /^(?:에서|에 있는|의)/;
/** Places on our side of the trade: a buyer writing "from China" means where we are. */
const SUPPLIER_SIDE = new Set(["CN", "HK", "TW", "MO"]);

function proseCountries(sources: Source[]): CountryHint[] {
  const hints: CountryHint[] = [];
  for (const s of sources) {
    const signature = new Set(s.signature);
    for (const line of s.lines.slice(0, 60)) {
      if (!line.trim() || signature.has(line.trim())) continue;
      for (const code of placesSaidIn(line)) hints.push({ code, how: `the message says ${quote(line)}${s.where}` });
    }
  }
  return hints;
}

/**
 * The countries a line of prose says someone is in ("a shop in Lagos", "来自迪拜"); a place merely mentioned
 * ("we ship to Chile") or our side of the trade ("from China") says nothing.
 */
export function placesSaidIn(line: string): string[] {
  const codes: string[] = [];
  for (const place of [...countriesIn(line), ...citiesIn(line)]) {
    if (SUPPLIER_SIDE.has(place.code) || !saysThere(line, place.name) || codes.includes(place.code)) continue;
    codes.push(place.code);
  }
  return codes;
}

/** True when the place follows a preposition of location ("a shop in Lagos", "来自迪拜", "두바이에서"). */
function saysThere(line: string, name: string): boolean {
  if (hasCjk(name) && !/\s/.test(name)) {
    const at = line.indexOf(name);
    if (at < 0) return false;
    return CJK_BEFORE_PLACE.test(line.slice(0, at)) || KOREAN_AFTER_PLACE.test(line.slice(at + name.length));
  }
  const tokens = foldKey(line).split(" ");
  const key = foldKey(name).split(" ");
  for (let i = 1; i + key.length <= tokens.length; i++) {
    if (key.every((k, j) => tokens[i + j] === k) && PLACE_PREPOSITIONS.has(tokens[i - 1])) return true;
  }
  return false;
}

// Two-letter top-level domains sold as generic names (".io", ".co", ".ai"): they say nothing of a country.
const VANITY_TLDS = new Set(
  "io ai co me tv cc ws fm am ly to gg so sh ac nu tk ml ga cf gq la im is it ag bz vc mu sc tm gl gs ms".split(" "),
);

/**
 * The country of a company's domain or website by its two-letter top-level domain ("acme.de" -> DE), never of
 * free mail (companyMail false) or a vanity domain (".io", ".co").
 */
export function domainCountry(domain: string, companyMail: boolean, website: string): CountryHint[] {
  const hints: CountryHint[] = [];
  const add = (host: string, how: string) => {
    const tld = host.slice(host.lastIndexOf(".") + 1);
    if (tld.length !== 2 || VANITY_TLDS.has(tld)) return;
    const code = tld === "uk" ? "GB" : tld.toUpperCase();
    if (countryName(code) && !hints.some((h) => h.code === code)) hints.push({ code, how: `${how} .${tld}` });
  };
  if (companyMail) add(domain, "domain");
  if (website && website !== domain && !isFreeMail(website)) add(companyDomain(website), "website domain");
  return hints;
}

function missingCountryWhy(sources: Source[], phones: PhoneSeen[], domain: string, companyMail: boolean): string {
  const why: string[] = [];
  if (sources.every((s) => s.signature.length === 0)) why.push("no signature");
  else why.push("the signature names no country or known city");
  if (phones.length === 0) why.push("no phone number");
  else if (!phones.some((p) => readPhone(p.text).ok)) why.push("phone has no country code");
  if (!domain) why.push("no sender domain");
  else if (!companyMail) why.push(isFreeMail(domain) ? `${domain} is free mail` : `${domain} is our own domain`);
  else {
    const tld = domain.slice(domain.lastIndexOf(".") + 1);
    why.push(tld.length === 2 ? `.${tld} is used as a generic domain` : `.${tld} is a generic domain`);
  }
  return why.join("; ");
}

function readCity(facts: BuyerFacts, sources: Source[], note: Note): void {
  const found = first(sources, (s) => {
    const labelled = s.labelled.city;
    if (labelled) return { value: labelled.value, how: `labelled ${quote(labelled.line)}` };
    const cities: { city: string; code: string; line: string; at: number }[] = [];
    for (const line of s.signature) {
      if (line.includes("@")) continue;
      const folded = fold(line);
      for (const c of citiesIn(line))
        if (c.city) cities.push({ ...c, city: c.city, line, at: folded.lastIndexOf(fold(c.name)) });
    }
    const sameCountry = cities.filter((c) => !facts.country || c.code === facts.country);
    const names = Array.from(new Set(sameCountry.map((c) => c.city)));
    if (names.length === 0) return undefined;
    if (names.length === 1) return { value: names[0], how: `signature text ${quote(sameCountry[0].line)}` };
    // "Via Torino 15, 20123 Milano": on one address line the city comes after the street.
    const lines = new Set(sameCountry.map((c) => c.line));
    if (lines.size === 1) {
      const last = sameCountry.reduce((a, b) => (b.at > a.at ? b : a));
      return { value: last.city, how: `signature text ${quote(last.line)} (the last place before the country)` };
    }
    return { value: "", how: `several cities named (${names.join(", ")})` };
  });
  if (found?.value.value) {
    facts.city = found.value.value;
    note("city", found.value.how + found.source.where, true);
  } else note("city", found ? found.value.how : "no known city in the signature");
}

// ---------------------------------------------------------------- quantity and products

/** What the buyer asks: their new text and the messages they forwarded (never our quoted reply). */
function requestText(sources: Source[]): string {
  return sources.map((s) => s.lines.join("\n")).join("\n");
}

function readQuantity(facts: BuyerFacts, input: EnrichInput, sources: Source[], note: Note): void {
  const given = collapseWhitespace(input.given?.quantity ?? "");
  if (given) {
    facts.quantity = given;
    note("quantity", `platform field ${quote(given)}`, true);
    return;
  }
  const q = extractQuantity(`${input.subject ?? ""}\n${requestText(sources)}`);
  if (q) {
    facts.quantity = q.text;
    note("quantity", `text ${quote(q.text)}`, true);
  } else note("quantity", "no quantity in the message");
}

function readProducts(facts: BuyerFacts, input: EnrichInput, sources: Source[], note: Note): void {
  if (!input.catalogue) return;
  const matcher = "match" in input.catalogue ? input.catalogue : productMatcher(input.catalogue);
  const text = `${input.subject ?? ""}\n${input.given?.product ?? ""}\n${requestText(sources)}`;
  const matches = matcher.match(text);
  facts.products = matches.map((m) => m.code);
  for (const m of matches) note("products", `${m.code}: ${m.evidence}`, true);
  if (matches.length === 0) note("products", "no catalogue product named");
}

/** The evidence as one line a person reads ("country: phone +971 4 555 0199; …"), used notes first. */
export function evidenceText(facts: Pick<BuyerFacts, "evidence">, field?: FactField): string {
  return facts.evidence
    .filter((e) => !field || e.field === field)
    .sort((a, b) => Number(b.used) - Number(a.used))
    .map((e) => `${e.field}: ${e.note}`)
    .join("; ");
}

/** What the Evidence column of a buyer holds at most (a cell a person still reads). */
export const EVIDENCE_MAX = 1000;

/**
 * A buyer's Evidence cell with more notes ("country: phone +971 4 555 0199") after what it already says, joined
 * by "; " as intake writes them; a note the cell already holds is not written twice.
 */
export function appendEvidence(cell: string, notes: readonly string[]): string {
  const fresh = notes.filter((n) => n !== "" && !cell.includes(n));
  if (fresh.length === 0) return cell;
  return [cell, ...fresh]
    .filter((x) => x !== "")
    .join("; ")
    .slice(0, EVIDENCE_MAX);
}
