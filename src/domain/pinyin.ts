/**
 * Chinese personal names in Latin letters (R22: "陈大文" who writes from QQ and "Chen Dawen" who writes from
 * Gmail may be one person). Only the common surnames and given-name characters are known (a generated table,
 * src/domain/data/name-pinyin.ts): a name with another character gets no reading rather than a wrong one.
 */
import { GIVEN_PINYIN, SURNAME_PINYIN } from "./data/name-pinyin";

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
  const reading = readHanName(name);
  if (!reading?.given) return [];
  return [reading.surname, ...reading.surnameAlternates].map((surname) =>
    surname <= reading.given ? `${surname} ${reading.given}` : `${reading.given} ${surname}`,
  );
}
