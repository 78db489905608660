/**
 * How Sheets reads a value a script writes with setValue/setValues/appendRow: like text a user typed into a
 * cell that is not formatted as plain text ("@"). Reference: developers.google.com/apps-script/reference/
 * spreadsheet/range#setvaluevalue, and for the locale rules support.google.com/docs/answer/58515.
 *
 * - "=…" is a formula; so is "+…" (Sheets' Lotus-style formula entry: "+86 574 1234" becomes the formula
 *   "=+86 574 1234", a parse error) and "-…" when the rest is not a number ("-abc" becomes "=-abc").
 * - "'…" is text without the apostrophe; TRUE/FALSE in any case are booleans.
 * - Numbers in the locale's separators, with grouping, exponent, percent, the locale's currency symbol, and
 *   accounting parentheses for negatives: "(1,234.50)" is -1234.5.
 * - Dates and times in the locale's day/month order, ISO dates everywhere, English month names in English
 *   locales ("Jan 5", "5 Jan 2026"), and a bare "1/2" as a day of the current year (which is why typing a
 *   fraction gives a date).
 * Formats that Sheets applies with the value (dates, percent, currency, grouping) come back as `autoFormat`.
 */

import { MONTH_NAMES } from "../core/names";
import { wallClock, wallClockToMs } from "../core/zones";
import { type LocaleRules, localeRules } from "./locale";
import { CELL_TOO_LONG, MAX_CELL_CHARS } from "./messages";
import type { CellValue } from "./values";

export interface ParsedInput {
  value: CellValue;
  formula?: string;
  /** A number format Sheets applies when it recognises a date, time, percent or currency in typed text. */
  autoFormat?: string;
}

/** What the cell's surroundings decide: its zone and locale, and "now" (for dates typed without a year). */
export interface InputContext {
  timeZone: string;
  locale: string;
  nowMs: number;
}

const EMPTY: ParsedInput = { value: "" };
const HAS_DIGIT = /\d/;

// --- numbers ---------------------------------------------------------------------------------------

interface NumberGrammar {
  number: RegExp;
  rules: LocaleRules;
}
const grammars = new Map<string, NumberGrammar>();

function esc(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function numberGrammar(rules: LocaleRules): NumberGrammar {
  const key = `${rules.decimal}${rules.group}`;
  let g = grammars.get(key);
  if (!g) {
    const d = esc(rules.decimal);
    const grp = esc(rules.group);
    // digits with consistent grouping, or plain digits; optional fraction; optional exponent
    const number = new RegExp(`^(?:\\d{1,3}(?:${grp}\\d{3})+|\\d+)?(?:${d}\\d+)?(?:[eE][+-]?\\d+)?$`);
    g = { number, rules };
    grammars.set(key, g);
  }
  return g;
}

/** A plain number in the locale's separators ("1,234.5" / "1.234,5"), without sign, currency or percent. */
function plainNumber(s: string, rules: LocaleRules): { n: number; grouped: boolean; decimals: number } | undefined {
  if (!HAS_DIGIT.test(s) || !numberGrammar(rules).number.test(s)) return undefined;
  const grouped = s.includes(rules.group);
  const canonical = s.split(rules.group).join("").replace(rules.decimal, ".");
  const n = Number(canonical);
  if (!Number.isFinite(n)) return undefined;
  const dot = canonical.indexOf(".");
  const decimals = dot < 0 ? 0 : canonical.slice(dot + 1).replace(/[eE].*$/, "").length;
  return { n, grouped, decimals };
}

function parseNumber(text: string, rules: LocaleRules): ParsedInput | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    // Accounting notation: "(123)" is -123.
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-")) {
    if (negative) return undefined;
    negative = true;
    s = s.slice(1).trim();
  }
  let currency = false;
  const sym = rules.currencySymbol;
  if (s.startsWith(sym)) {
    currency = true;
    s = s.slice(sym.length).trim();
  } else if (s.endsWith(sym)) {
    currency = true;
    s = s.slice(0, -sym.length).trim();
  }
  if (currency && s.startsWith("-") && !negative) {
    negative = true;
    s = s.slice(1).trim();
  }
  let percent = false;
  if (!currency && s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  }
  const p = plainNumber(s, rules);
  if (!p) return undefined;
  const n = negative ? -p.n : p.n;
  if (currency) return { value: n, autoFormat: rules.currencyFormat };
  if (percent) return { value: n / 100, autoFormat: p.decimals > 0 ? "0.00%" : "0%" };
  if (p.grouped) return { value: n, autoFormat: p.decimals > 0 ? "#,##0.00" : "#,##0" };
  return { value: n };
}

// --- dates and times -------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?$/;
const MONTH_INDEX = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  MONTH_INDEX.set(name.toLowerCase(), i + 1);
  MONTH_INDEX.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_INDEX.set("sept", 9);
// "Jan 5", "Jan 5, 2026", "January 5 2026"
const MONTH_FIRST = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:(?:,\s*|\s+)(\d{4}))?$/;
// "Jan 2026", "March 2026": the first of that month (unsourced; Excel reads it so too)
const MONTH_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/;
// "5 Jan", "5 Jan 2026", "5-Jan-2026"
const DAY_FIRST = /^(\d{1,2})(?:\s+|-)([A-Za-z]{3,9})\.?(?:(?:\s+|-)(\d{4}))?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && h < 24 && mi < 60 && s < 60;
}

function dateInput(ctx: InputContext, y: number, mo: number, d: number, autoFormat: string, h = 0, mi = 0, s = 0) {
  if (!validDate(y, mo, d, h, mi, s)) return undefined;
  return { value: new Date(wallClockToMs(ctx.timeZone, y, mo, d, h, mi, s)), autoFormat };
}

function currentYear(ctx: InputContext): number {
  return wallClock(ctx.nowMs, ctx.timeZone).year;
}

function parseNumericDate(s: string, rules: LocaleRules, ctx: InputContext): ParsedInput | undefined {
  const seps = esc(rules.dateSeparators);
  const m = new RegExp(
    `^(\\d{1,4})([${seps}])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$`,
  ).exec(s);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[3])];
  const sep = m[2];
  const hasYear = m[4] !== undefined;
  let year = hasYear ? Number(m[4]) : currentYear(ctx);
  if (hasYear && m[4].length === 2) year += year < 30 ? 2000 : 1900;
  const [h, mi, sec] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
  if (m[1].length > 2) return undefined; // a year first is only ISO (handled before)
  const monthFirst = rules.dateOrder === "MDY" || rules.dateOrder === "YMD";
  const [mo, d] = monthFirst ? [a, b] : [b, a];
  const datePart = monthFirst ? `M${sep}d${sep}yyyy` : `d${sep}M${sep}yyyy`;
  const format = m[5] === undefined ? datePart : `${datePart} H:mm:ss`;
  return dateInput(ctx, year, mo, d, format, h, mi, sec);
}

function parseNamedMonth(s: string, ctx: InputContext): ParsedInput | undefined {
  let m = MONTH_FIRST.exec(s);
  if (m) {
    const mo = MONTH_INDEX.get(m[1].toLowerCase());
    if (mo === undefined) return undefined;
    const year = m[3] === undefined ? currentYear(ctx) : Number(m[3]);
    return dateInput(ctx, year, mo, Number(m[2]), m[3] === undefined ? "mmm d" : "mmm d, yyyy");
  }
  m = MONTH_YEAR.exec(s);
  if (m) {
    const mo = MONTH_INDEX.get(m[1].toLowerCase());
    return mo === undefined ? undefined : dateInput(ctx, Number(m[2]), mo, 1, "mmmm yyyy");
  }
  m = DAY_FIRST.exec(s);
  if (m) {
    const mo = MONTH_INDEX.get(m[2].toLowerCase());
    if (mo === undefined) return undefined;
    const year = m[3] === undefined ? currentYear(ctx) : Number(m[3]);
    return dateInput(ctx, year, mo, Number(m[1]), m[3] === undefined ? "d mmm" : "d mmm yyyy");
  }
  return undefined;
}

function parseDateLike(s: string, rules: LocaleRules, ctx: InputContext): ParsedInput | undefined {
  const iso = ISO_DATE.exec(s);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[3]), Number(iso[4])];
    const [h, mi, sec] = [Number(iso[5] ?? 0), Number(iso[6] ?? 0), Number(iso[7] ?? 0)];
    const sep = iso[2];
    const datePart = `yyyy${sep}mm${sep}dd`;
    const format = iso[5] === undefined ? datePart : `${datePart} hh:mm${iso[7] === undefined ? "" : ":ss"}`;
    return dateInput(ctx, y, mo, d, format, h, mi, sec);
  }
  const numeric = parseNumericDate(s, rules, ctx);
  if (numeric) return numeric;
  const t = TIME.exec(s);
  if (t) {
    let h = Number(t[1]);
    const [mi, sec] = [Number(t[2]), Number(t[3] ?? 0)];
    if (t[4]) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (t[4].toLowerCase() === "p" ? 12 : 0);
    }
    if (h >= 24 || mi >= 60 || sec >= 60) return undefined;
    // A time alone is a time on Sheets' day zero, 1899-12-30.
    return dateInput(ctx, 1899, 12, 30, t[3] === undefined ? "hh:mm" : "hh:mm:ss", h, mi, sec);
  }
  return rules.englishMonths ? parseNamedMonth(s, ctx) : undefined;
}

// --- entry point -----------------------------------------------------------------------------------

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Interprets one value written by setValue/setValues/appendRow the way Sheets does for user-entered
 * input. `asText` is true when the cell's number format is plain text ("@").
 */
export function parseInput(input: unknown, asText: boolean, ctx: InputContext): ParsedInput {
  if (input === null || input === undefined) return EMPTY;
  switch (typeof input) {
    case "number":
    case "boolean":
      return { value: input };
    case "string":
      break;
    default:
      if (input instanceof Date) return { value: new Date(input.getTime()) };
      return parseInput(String(input), asText, ctx);
  }
  const s = input as string;
  if (s.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
  if (s === "") return EMPTY;
  if (asText) return { value: s };
  const c = s.charCodeAt(0);
  if (c === 39 /* ' */) return { value: s.slice(1) };
  if (c === 61 /* = */) return s.length > 1 ? { value: "", formula: s } : { value: s };
  const rules = localeRules(ctx.locale);
  if (c === 43 /* + */) return s.trim().length > 1 ? { value: "", formula: `=${s}` } : { value: s };
  // Fast path: most text in a sheet starts with a letter and is neither a boolean, a number nor a date.
  if (isLetter(c) || c > 127) {
    if (s.length === 4 || s.length === 5) {
      const upper = s.toUpperCase();
      if (upper === "TRUE") return { value: true };
      if (upper === "FALSE") return { value: false };
    }
    if (rules.englishMonths && isLetter(c) && HAS_DIGIT.test(s)) return parseNamedMonth(s.trim(), ctx) ?? { value: s };
    if (c > 127 && s.startsWith(rules.currencySymbol)) return parseNumber(s.trim(), rules) ?? { value: s };
    return { value: s };
  }
  const t = s.trim();
  if (t === "") return { value: s };
  const parsed = parseNumber(t, rules) ?? parseDateLike(t, rules, ctx);
  if (parsed) return parsed;
  // A leading minus that does not start a number starts a formula, as "+" does.
  if (c === 45 /* - */ && t.length > 1) return { value: "", formula: `=${s}` };
  return { value: s };
}
