/**
 * Country and city names in the ten languages our buyers write (R22: where is this buyer?). The names come from
 * a generated table (src/domain/data/country-names.ts): Apps Script's Intl is not documented to carry full ICU
 * data, and reading a signature needs name -> code, the reverse of Intl.DisplayNames.
 */
import { CITY_NAMES, COUNTRY_NAMES } from "./data/country-names";
import { foldKey, hasCjk } from "./fold";

export interface PlaceMention {
  /** ISO 3166 alpha-2. */
  code: string;
  /** The name as found in the table ("Dubai", "Deutschland"). */
  name: string;
  /** For a city: its display name ("Dubai" for "دبي"). */
  city?: string;
}

interface Entry {
  code: string;
  name: string;
  /** Also an everyday word or a person's name ("Jordan", "Đức"): counts only as a whole field. */
  ambiguous: boolean;
  city?: string;
}

interface Table {
  spaced: Map<string, Entry>;
  /** Names written without spaces (Chinese, Korean), longest first: found as substrings. */
  unspaced: [string, Entry][];
  maxWords: number;
}

let countries: Table | undefined;
let cities: Table | undefined;
let displayByCode: Map<string, string> | undefined;

function emptyTable(): Table {
  return { spaced: new Map(), unspaced: [], maxWords: 1 };
}

function addName(table: Table, raw: string, entry: Omit<Entry, "ambiguous" | "name">): void {
  const ambiguous = raw.startsWith("~");
  const name = ambiguous ? raw.slice(1) : raw;
  const full: Entry = { ...entry, name, ambiguous };
  if (hasCjk(name) && !/\s/.test(name)) {
    if (ambiguous) return;
    table.unspaced.push([name, full]);
    return;
  }
  const key = foldKey(name);
  const known = table.spaced.get(key);
  if (known) {
    if (ambiguous) known.ambiguous = true;
    return;
  }
  if (!key) return;
  table.spaced.set(key, full);
  table.maxWords = Math.max(table.maxWords, key.split(" ").length);
}

function countryTable(): Table {
  if (countries) return countries;
  const table = emptyTable();
  displayByCode = new Map();
  for (const line of COUNTRY_NAMES.split("\n")) {
    const [code, ...names] = line.split("|");
    displayByCode.set(code, names[0]);
    for (const name of names) addName(table, name, { code });
  }
  table.unspaced.sort((a, b) => b[0].length - a[0].length);
  countries = table;
  return table;
}

function cityTable(): Table {
  if (cities) return cities;
  const table = emptyTable();
  for (const line of CITY_NAMES.split("\n")) {
    const [code, ...groups] = line.split("|");
    for (const group of groups) {
      const names = group.split("=");
      for (const name of names) addName(table, name, { code, city: names[0] });
    }
  }
  table.unspaced.sort((a, b) => b[0].length - a[0].length);
  cities = table;
  return table;
}

/** English display name of an ISO code ("AE" -> "United Arab Emirates"); "" when unknown. */
export function countryName(code: string | undefined | null): string {
  countryTable();
  return displayByCode?.get(String(code ?? "").toUpperCase()) ?? "";
}

/**
 * The country a whole field names: "Germany", "DE", "德国", "Emiratos Árabes Unidos", "USA". Undefined when the
 * field is not one country's name.
 */
export function countryOfField(text: string | undefined | null): PlaceMention | undefined {
  const raw = String(text ?? "").trim();
  if (/^[A-Za-z]{2}$/.test(raw)) {
    const code = raw.toUpperCase() === "UK" ? "GB" : raw.toUpperCase();
    return countryName(code) ? { code, name: raw } : undefined;
  }
  const table = countryTable();
  const unspaced = table.unspaced.find(([name]) => name === raw);
  if (unspaced) return { code: unspaced[1].code, name: unspaced[1].name };
  const entry = table.spaced.get(foldKey(raw));
  return entry ? { code: entry.code, name: entry.name } : undefined;
}

/** Countries named in one line of text ("Jebel Ali Free Zone, Dubai, U.A.E." -> AE), each once. */
export function countriesIn(line: string): PlaceMention[] {
  return mentions(countryTable(), line);
}

/** Known cities named in one line of text ("20095 Hamburg" -> Hamburg, DE). */
export function citiesIn(line: string): PlaceMention[] {
  return mentions(cityTable(), line).map((m) => ({ ...m }));
}

function mentions(table: Table, line: string): PlaceMention[] {
  const text = String(line ?? "").slice(0, 400);
  const found: PlaceMention[] = [];
  const add = (entry: Entry) => {
    if (!found.some((f) => f.code === entry.code && f.name === entry.name))
      found.push(
        entry.city ? { code: entry.code, name: entry.name, city: entry.city } : { code: entry.code, name: entry.name },
      );
  };
  let rest = text;
  if (hasCjk(rest)) {
    for (const [name, entry] of table.unspaced) {
      if (!rest.includes(name) || !startsWord(rest, name)) continue;
      add(entry);
      rest = rest.split(name).join(" "); // "中国香港" must not also count as "中国"
    }
  }
  const tokens = foldKey(rest).split(" ").filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(table.maxWords, tokens.length - i); n >= 1; n--) {
      const key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(" ");
      const entry = table.spaced.get(key);
      if (!entry || (entry.ambiguous && !standsAlone(text, key))) continue;
      add(entry);
      i += n - 1;
      break;
    }
  }
  return found;
}

/** An ambiguous name counts when it is the whole line or a whole comma-separated part ("Amman, Jordan"). */
function standsAlone(line: string, key: string): boolean {
  return line.split(/[,，、،;|/]/).some((part) => foldKey(part) === key);
}

const HANGUL = /[\uac00-\ud7af]/;

/**
 * Korean writes words with spaces, and a place starts its word ("부산광역시"): "대구" inside "해운대구" (a district
 * of Busan) is no mention of Daegu. Chinese has no spaces, so any occurrence counts.
 */
function startsWord(text: string, name: string): boolean {
  if (!HANGUL.test(name)) return true;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at === 0 || !HANGUL.test(text[at - 1])) return true;
  }
  return false;
}
