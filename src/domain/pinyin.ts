/**
 * Chinese personal names in Latin letters (R22: "陈大文" who writes from QQ and "Chen Dawen" who writes from
 * Gmail may be one person). Only the common surnames and given-name characters are known (a generated table,
 * src/domain/data/name-pinyin.ts): a name with another character gets no reading rather than a wrong one.
 */
import { GIVEN_PINYIN, SURNAME_PINYIN } from "./data/name-pinyin";
import { emptyStringList, hashOf, joinHashes, mix, wordsHash } from "./key-chains";

interface Tables {
  /** Surname (one or two characters) -> its readings, the standard pinyin first. */
  surnames: Map<string, string[]>;
  given: Map<string, string>;
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) return tables;
  const surnames = new Map<string, string[]>();
  for (const group of SURNAME_PINYIN.split("|")) {
    const [readings, chars] = group.split(":");
    const list = readings.split(",");
    for (const surname of chars.split(" ")) if (!surnames.has(surname)) surnames.set(surname, list);
  }
  const given = new Map<string, string>();
  for (const group of GIVEN_PINYIN.split("|")) {
    const [reading, chars] = group.split(":");
    for (const c of Array.from(chars)) if (!given.has(c)) given.set(c, reading);
  }
  tables = { surnames, given };
  return tables;
}

const HAN_NAME = /^[\u3400-\u9fff\uf900-\ufaff]{2,4}$/;

export interface HanNameReading {
  surname: string;
  given: string;
  /** Other romanisations of the surname (Cantonese "chan", Hokkien "tan", Wade-Giles "chang"). */
  surnameAlternates: string[];
}

/**
 * "陈大文" -> { surname: "chen", given: "dawen", surnameAlternates: ["chan", "tan", "chin"] }; undefined when the
 * text is not a 2–4 character Chinese name or has a character outside the table.
 */
export function readHanName(name: string | undefined | null): HanNameReading | undefined {
  const text = String(name ?? "").replace(/[\s·•]/g, "");
  if (!HAN_NAME.test(text)) return undefined;
  const { surnames, given } = load();
  const compound = text.length >= 3 ? surnames.get(text.slice(0, 2)) : undefined;
  const surnameLength = compound ? 2 : 1;
  const readings = compound ?? surnames.get(text[0]);
  if (!readings) return undefined;
  let givenReading = "";
  for (const c of Array.from(text.slice(surnameLength))) {
    const reading = given.get(c) ?? surnames.get(c)?.[0];
    if (!reading) return undefined;
    givenReading += reading;
  }
  return { surname: readings[0], given: givenReading, surnameAlternates: readings.slice(1) };
}

/**
 * The comparable keys of a Chinese name's romanisations, in the form person names are compared (words sorted):
 * "陈大文" -> ["chen dawen", "chan dawen", "dawen tan", "chin dawen"]. Empty when the name cannot be read.
 */
export function hanNameKeys(name: string | undefined | null): string[] {
  const keys = emptyStringList();
  const reading = readHanName(name);
  if (!reading?.given) return keys;
  keys.push(sortedPair(reading.surname, reading.given));
  for (const surname of reading.surnameAlternates) keys.push(sortedPair(surname, reading.given));
  return keys;
}

function sortedPair(a: string, b: string): string {
  return a <= b ? `${a} ${b}` : `${b} ${a}`;
}

/** The tables by character code, with wordsHash of each reading: what hanNameKeyHashes reads. */
interface CodeTables {
  /** A one-character surname's code (or a two-character surname's, c0 * 65536 + c1) -> its readings' hashes. */
  surnames: Map<number, number[]>;
  /** A given-name character's code -> hashOf its reading, and BASE to the power of the reading's length. */
  given: Map<number, { hash: number; power: number }>;
}

let codeTables: CodeTables | null | undefined;

/** null when a reading is not plain letters (its hash would not be the hash of a word): callers build the keys. */
function loadCodes(): CodeTables | null {
  if (codeTables !== undefined) return codeTables;
  const { surnames, given } = load();
  const plain = (reading: string) => /^[a-z]+$/.test(reading);
  const codes: CodeTables = { surnames: new Map(), given: new Map() };
  let usable = true;
  surnames.forEach((readings, chars) => {
    if (!readings.every(plain)) usable = false;
    const code = chars.length === 1 ? chars.charCodeAt(0) : chars.charCodeAt(0) * 65536 + chars.charCodeAt(1);
    if (chars.length <= 2) codes.surnames.set(code, readings.map(wordsHash));
  });
  const readingOf = (reading: string) => ({ hash: hashOf(reading), power: joinHashes(1, 0, reading.length) });
  given.forEach((reading, c) => {
    if (!plain(reading)) usable = false;
    if (c.length === 1) codes.given.set(c.charCodeAt(0), readingOf(reading));
  });
  // A given-name character missing from the given table is read as a surname (its standard reading).
  surnames.forEach((readings, c) => {
    if (c.length === 1 && !codes.given.has(c.charCodeAt(0))) codes.given.set(c.charCodeAt(0), readingOf(readings[0]));
  });
  codeTables = usable ? codes : null;
  return codeTables;
}

/**
 * wordsHash of each key hanNameKeys(name) gives, in its order, written into `out` (how many are returned), for a
 * name of Han characters alone ("陈大文"): the buyer index files every Chinese contact so, without building the
 * pinyin strings. -1 when the tables cannot be read this way (then ask hanNameKeys).
 */
export function hanNameKeyHashes(name: string, out: number[]): number {
  const codes = loadCodes();
  if (!codes) return -1;
  // readHanName for text of Han characters only: nothing to drop, 2–4 characters of the name ranges.
  if (!HAN_NAME.test(name)) return 0;
  const compound = name.length >= 3 ? codes.surnames.get(name.charCodeAt(0) * 65536 + name.charCodeAt(1)) : undefined;
  const surnameLength = compound ? 2 : 1;
  const readings = compound ?? codes.surnames.get(name.charCodeAt(0));
  if (!readings) return 0;
  let given = 0;
  for (let i = surnameLength; i < name.length; i++) {
    const reading = codes.given.get(name.charCodeAt(i));
    if (!reading) return 0;
    given = (Math.imul(given, reading.power) + reading.hash) | 0;
  }
  if (surnameLength === name.length) return 0;
  // A key is "surname given" (or the reverse: the words' hashes are summed, in any order).
  const givenHash = mix(given);
  for (let i = 0; i < readings.length; i++) out[i] = (readings[i] + givenHash) | 0;
  return readings.length;
}
