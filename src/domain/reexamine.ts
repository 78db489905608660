/**
 * Re-examining the buyers already in the book (R21: an imported list, rows typed by hand years ago; R22: who is
 * who). Each row is read for what it says itself, with the rules intake applies to mail: an EMPTY country is
 * filled from the phone's country code, else a place the city or notes name, else the company domain's country
 * (never free mail); an EMPTY website from the company e-mail domain. A value a person typed is never changed.
 * Every row is then matched, as the mail pull matches a sender, against the rows above it: any match, strong or
 * weak, is only flagged "possible duplicate of …" — merging stays a person's decision.
 *
 * Pure and batch-wise: a batch is rows [from, to) of the whole book, and a batch after a stop gives what one long
 * run gives, since the rows above the batch already carry what the earlier batches wrote.
 */
import { citiesIn, countriesIn, countryName, countryOfField } from "./countries";
import { appendEvidence, type CountryHint, chooseCountry, domainCountry, placesSaidIn } from "./enrich";
import {
  type BuyerIndex,
  buildBuyerIndex,
  companyDomain,
  isFreeMail,
  type MatchResult,
  matchSender,
  normalizeEmail,
  possibleDuplicateText,
  splitPhones,
} from "./matching";
import { readPhone } from "./phone";
import { canonicalCountry, regionOf } from "./regions";
import { collapseWhitespace } from "./text";

/** The cells of a Buyers row this pass reads. */
export interface BookBuyerRow {
  id: string;
  company: string;
  name: string;
  email: string;
  otherEmails: string;
  phone: string;
  website: string;
  country: string;
  region: string;
  city: string;
  notes: string;
  status: string;
  duplicateOf: string;
  evidence: string;
}

export type FilledField = "country" | "website";
export type RowChanges = Partial<Pick<BookBuyerRow, "country" | "region" | "website" | "duplicateOf" | "evidence">>;

export interface RowPlan {
  id: string;
  changes: RowChanges;
  filled: FilledField[];
  /** Set when the row was flagged: how strong the evidence was (strong is flagged too, never merged). */
  duplicate?: "strong" | "weak";
}

export interface ReexamineCounts {
  looked: number;
  countries: number;
  websites: number;
  strongDuplicates: number;
  weakDuplicates: number;
}

export interface ReexaminePlan {
  rows: RowPlan[];
  counts: ReexamineCounts;
}

export function noCounts(): ReexamineCounts {
  return { looked: 0, countries: 0, websites: 0, strongDuplicates: 0, weakDuplicates: 0 };
}

/** Adds `more` into `into`. */
export function addCounts(into: ReexamineCounts, more: ReexamineCounts): void {
  for (const key of Object.keys(more) as (keyof ReexamineCounts)[]) into[key] += more[key];
}

/** A merged row is history, not a buyer: it is neither examined nor matched against. */
function isMerged(row: BookBuyerRow): boolean {
  return row.status === "merged";
}

/**
 * Plans rows [from, to) of `rows` (the whole Buyers sheet in order). `ownDomains`: our company's domains, never
 * a buyer's company. Rows without an ID are skipped (they are nobody's yet).
 */
export function planReexamine(
  rows: readonly BookBuyerRow[],
  from: number,
  to: number,
  ownDomains: readonly string[] = [],
): ReexaminePlan {
  const own = ownDomains.map((d) => d.toLowerCase().replace(/^@/, ""));
  const index = buildBuyerIndex(rows.slice(0, from).filter((r) => !isMerged(r)));
  const plans: RowPlan[] = [];
  const counts = noCounts();
  for (const row of rows.slice(from, to)) {
    if (!row.id || isMerged(row)) continue;
    counts.looked += 1;
    const plan = planRow(row, index, own);
    if (plan.filled.includes("country")) counts.countries += 1;
    if (plan.filled.includes("website")) counts.websites += 1;
    if (plan.duplicate === "strong") counts.strongDuplicates += 1;
    if (plan.duplicate === "weak") counts.weakDuplicates += 1;
    if (Object.keys(plan.changes).length > 0) plans.push(plan);
    // The rows below are matched against this one as it will stand (a website filled here is its domain too).
    index.add({ ...row, ...plan.changes });
  }
  return { rows: plans, counts };
}

function planRow(row: BookBuyerRow, index: BuyerIndex, own: readonly string[]): RowPlan {
  const changes: RowChanges = {};
  const filled: FilledField[] = [];
  const notes: string[] = [];
  const domain = companyDomain(normalizeEmail(row.email));
  const companyMail = !!domain && !isFreeMail(domain) && !own.includes(domain);
  if (!row.website.trim() && companyMail) {
    changes.website = domain;
    filled.push("website");
    notes.push(`website: company e-mail domain ${domain}`);
  }
  if (!row.country.trim()) {
    const found = rowCountry(row, domain, companyMail, changes.website ?? row.website);
    if (found.country) {
      changes.country = found.country;
      if (!row.region.trim()) changes.region = regionOf(found.country);
      filled.push("country");
      notes.push(`country: ${found.why}`);
    } else notes.push(`country empty: ${found.why}`);
  }
  const match = matchSender(index, {
    address: row.email,
    name: row.name,
    company: row.company,
    phone: splitPhones(row.phone)[0],
  });
  // A buyer this row was flagged against before, whose flag is empty now, was cleared by a person: they
  // decided the two are not the same, and a later pass does not flag them again.
  const decided = flaggedBefore(row.evidence);
  const ids = duplicateIds(match).filter((id) => id !== row.id && !decided.has(id));
  let duplicate: RowPlan["duplicate"];
  if (ids.length > 0 && !row.duplicateOf.trim()) {
    changes.duplicateOf = possibleDuplicateText(ids);
    duplicate = match.strong ? "strong" : "weak";
    const why = duplicateWhy(match);
    const unnamed = ids.filter((id) => !why.includes(id));
    notes.push(`duplicate: ${why}${unnamed.length > 0 ? ` (${possibleDuplicateText(unnamed)})` : ""}`);
  }
  const evidence = appendEvidence(row.evidence, notes);
  if (evidence !== row.evidence) changes.evidence = evidence;
  return { id: row.id, changes, filled, ...(duplicate ? { duplicate } : {}) };
}

/** The buyers earlier passes flagged this row against, read back from its Evidence notes ("duplicate: …"). */
function flaggedBefore(evidence: string): Set<string> {
  const ids = new Set<string>();
  for (const note of evidence.split(/;\s*/)) {
    if (!note.startsWith("duplicate:")) continue;
    for (const id of note.match(/\bB-\d+\b/g) ?? []) ids.add(id);
  }
  return ids;
}

/** Every buyer the match points at, the strongest first. */
function duplicateIds(match: MatchResult): string[] {
  if (match.kind === "none") return [];
  if (match.kind === "weak") return match.candidates.map((c) => c.buyerId);
  if (match.kind === "email") return [match.buyerId];
  return [match.buyerId, ...match.others];
}

function duplicateWhy(match: MatchResult): string {
  return match.kind === "email" ? `same e-mail address as ${match.buyerId}` : match.why;
}

/**
 * The row's country, by levels strongest first: the phone's country code (a number says where it rings), a place
 * its city or notes name, the company domain's country. The evidence says which, or why none.
 */
function rowCountry(
  row: BookBuyerRow,
  domain: string,
  companyMail: boolean,
  website: string,
): { country: string; why: string } {
  const phones = splitPhones(row.phone);
  const byPhone: CountryHint[] = [];
  for (const p of phones) {
    const read = readPhone(p);
    if (read.ok && read.country) byPhone.push({ code: read.country, how: `phone ${p}` });
  }
  const byText = textCountries(row);
  const byDomain = domainCountry(domain, companyMail, website);
  const choice = chooseCountry([byPhone, byText, byDomain]);
  const name = choice.code ? canonicalCountry(countryName(choice.code)) : "";
  if (name) {
    const used = choice.notes.filter((n) => n.used).map((n) => n.note);
    return { country: name, why: used.join("; ") };
  }
  const why = choice.notes.map((n) => n.note);
  if (phones.length === 0) why.push("no phone number");
  else if (byPhone.length === 0) why.push(`phone ${quote(phones[0])} has no country code`);
  if (byText.length === 0) why.push("city and notes name no known place");
  if (!domain) why.push("no e-mail address");
  else if (!companyMail) why.push(isFreeMail(domain) ? `${domain} is free mail` : `${domain} is our own domain`);
  else if (byDomain.length === 0) why.push(`${domain} says no country`);
  return { country: "", why: why.join("; ") };
}

/** The city cell read as a place (a country typed there counts too); the notes only where they say "in …". */
function textCountries(row: BookBuyerRow): CountryHint[] {
  const hints: CountryHint[] = [];
  const city = collapseWhitespace(row.city);
  if (city) {
    const whole = countryOfField(city);
    const places = whole ? [whole] : [...countriesIn(city), ...citiesIn(city)];
    for (const place of places) hints.push({ code: place.code, how: `city ${quote(city)}` });
  }
  for (const line of row.notes.split(/\r?\n/).slice(0, 30)) {
    for (const code of placesSaidIn(line)) hints.push({ code, how: `notes say ${quote(line)}` });
  }
  return hints;
}

function quote(text: string): string {
  return `'${collapseWhitespace(text).slice(0, 80)}'`;
}
