/**
 * Cell value semantics: how Apps Script's setValue/setValues interpret what a script writes (like a
 * user typing it), and how getDisplayValues renders a stored value through its number format.
 */

import { MONTH_NAMES, shortName, WEEKDAY_NAMES } from "../core/names";
import { wallClock, wallClockToMs } from "../core/zones";
import { CELL_TOO_LONG, MAX_CELL_CHARS } from "./messages";
import { toSerial } from "./time";

export type CellValue = string | number | boolean | Date;

/** What getNumberFormat returns for a cell nobody formatted (Sheets' "Automatic"). */
export const DEFAULT_FORMAT = "0.###############";
export const TEXT_FORMAT = "@";

export function isGeneralFormat(format: string | undefined): boolean {
  return format === undefined || format === DEFAULT_FORMAT || format === "General" || format === "";
}

export interface ParsedInput {
  value: CellValue;
  formula?: string;
  /** A number format Sheets applies when it recognises a date, time or percent in typed text. */
  autoFormat?: string;
}

const EMPTY: ParsedInput = { value: "" };

// Precompiled so that parsing 500k cells stays cheap.
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;
const HAS_DIGIT = /\d/;
const ISO_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && h < 24 && mi < 60 && s < 60;
}

function zonedDate(zone: string, y: number, mo: number, d: number, h: number, mi: number, s: number): Date {
  return new Date(wallClockToMs(zone, y, mo, d, h, mi, s));
}

function parseDateLike(s: string, timeZone: string, locale: string): ParsedInput | undefined {
  let m = ISO_DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const [h, mi, sec] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
    if (!validDate(y, mo, d, h, mi, sec)) return undefined;
    const sep = m[2] === "-" ? "-" : m[2];
    const datePart = `yyyy${sep}mm${sep}dd`;
    const autoFormat = m[5] === undefined ? datePart : `${datePart} hh:mm${m[7] === undefined ? "" : ":ss"}`;
    return { value: zonedDate(timeZone, y, mo, d, h, mi, sec), autoFormat };
  }
  m = US_DATE.exec(s);
  if (m) {
    // en_US reads month first; most other locales day first.
    const monthFirst = locale === "en_US" || locale === "en" || locale.startsWith("en_PH");
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [mo, d] = monthFirst ? [a, b] : [b, a];
    const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    if (!validDate(y, mo, d, h, mi, sec)) return undefined;
    const datePart = monthFirst ? "M/d/yyyy" : "d/M/yyyy";
    const autoFormat = m[4] === undefined ? datePart : `${datePart} H:mm:ss`;
    return { value: zonedDate(timeZone, y, mo, d, h, mi, sec), autoFormat };
  }
  m = TIME.exec(s);
  if (m) {
    let h = Number(m[1]);
    const [mi, sec] = [Number(m[2]), Number(m[3] ?? 0)];
    if (m[4]) {
      if (h < 1 || h > 12) return undefined;
      const pm = m[4].toLowerCase() === "p";
      h = (h % 12) + (pm ? 12 : 0);
    }
    if (h >= 24 || mi >= 60 || sec >= 60) return undefined;
    // A time alone is a time on Sheets' day zero, 1899-12-30.
    return {
      value: zonedDate(timeZone, 1899, 12, 30, h, mi, sec),
      autoFormat: m[3] === undefined ? "hh:mm" : "hh:mm:ss",
    };
  }
  return undefined;
}

function parseNumber(s: string): ParsedInput | undefined {
  if (!NUMBER.test(s) || !HAS_DIGIT.test(s)) return undefined;
  const percent = s.endsWith("%");
  const n = Number((percent ? s.slice(0, -1) : s).replace(/,/g, ""));
  if (!Number.isFinite(n)) return undefined;
  if (!percent) return { value: n };
  const decimals = s.includes(".");
  return { value: n / 100, autoFormat: decimals ? "0.00%" : "0%" };
}

/**
 * Interprets one value written by setValue/setValues/appendRow the way Sheets does for user-entered
 * input. `asText` is true when the cell's number format is plain text ("@").
 */
export function parseInput(input: unknown, asText: boolean, timeZone: string, locale: string): ParsedInput {
  if (input === null || input === undefined) return EMPTY;
  switch (typeof input) {
    case "number":
      return { value: input };
    case "boolean":
      return { value: input };
    case "string":
      break;
    default:
      if (input instanceof Date) return { value: new Date(input.getTime()) };
      return parseInput(String(input), asText, timeZone, locale);
  }
  const s = input as string;
  if (s.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
  if (s === "") return EMPTY;
  if (asText) return { value: s };
  const c = s.charCodeAt(0);
  if (c === 39 /* ' */) return { value: s.slice(1) };
  if (c === 61 /* = */ && s.length > 1) return { value: "", formula: s };
  // Fast path: most text in a sheet starts with a letter and is neither a boolean nor a number.
  const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (isLetter || c > 127) {
    if (s.length === 4 || s.length === 5) {
      const upper = s.toUpperCase();
      if (upper === "TRUE") return { value: true };
      if (upper === "FALSE") return { value: false };
    }
    return { value: s };
  }
  const t = s.trim();
  if (t === "") return { value: s };
  return parseNumber(t) ?? parseDateLike(t, timeZone, locale) ?? { value: s };
}

/** Copies a stored value for returning to a script (Dates are mutable). */
export function copyValue(v: CellValue | undefined): CellValue {
  if (v === undefined) return "";
  return v instanceof Date ? new Date(v.getTime()) : v;
}

// ---------------------------------------------------------------------------------------------
// Display

const DATE_TOKEN = /yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|"[^"]*"|\\.|./gi;
const DATE_FORMAT_HINT = /[yd]|h|s|am\/pm/i;

export function isDateFormat(format: string): boolean {
  if (format === TEXT_FORMAT || isGeneralFormat(format)) return false;
  const unquoted = format.replace(/"[^"]*"/g, "");
  return DATE_FORMAT_HINT.test(unquoted) || /^m+$/i.test(unquoted);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatDate(ms: number, format: string, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const tokens = format.match(DATE_TOKEN) ?? [];
  const hasAmPm = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const lower = tok.toLowerCase();
    switch (lower) {
      case "yyyy":
        out += String(w.year).padStart(4, "0");
        break;
      case "yy":
        out += pad2(w.year % 100);
        break;
      case "mmmm":
        out += MONTH_NAMES[w.month - 1];
        break;
      case "mmm":
        out += shortName(MONTH_NAMES[w.month - 1]);
        break;
      case "mm":
      case "m": {
        // "m" after an hour or before seconds is minutes, otherwise month.
        const prev = tokens
          .slice(0, i)
          .reverse()
          .find((t) => /^[a-z]/i.test(t) && !/^"/.test(t));
        const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t) && !/^"/.test(t));
        const minutes = (prev && /^h/i.test(prev)) || (next && /^s/i.test(next));
        const n = minutes ? w.minute : w.month;
        out += lower === "mm" ? pad2(n) : String(n);
        break;
      }
      case "dddd":
        out += WEEKDAY_NAMES[w.weekday];
        break;
      case "ddd":
        out += shortName(WEEKDAY_NAMES[w.weekday]);
        break;
      case "dd":
        out += pad2(w.day);
        break;
      case "d":
        out += String(w.day);
        break;
      case "hh":
      case "h": {
        const h = hasAmPm ? w.hour % 12 || 12 : w.hour;
        out += lower === "hh" ? pad2(h) : String(h);
        break;
      }
      case "ss":
        out += pad2(w.second);
        break;
      case "s":
        out += String(w.second);
        break;
      case "am/pm":
        out += w.hour < 12 ? "AM" : "PM";
        break;
      case "a/p":
        out += w.hour < 12 ? "A" : "P";
        break;
      default:
        if (tok.startsWith('"')) out += tok.slice(1, -1);
        else if (tok.startsWith("\\")) out += tok.slice(1);
        else out += tok;
    }
  }
  return out;
}

const NUMBER_PATTERN = /([#0,]*0|[#,]+)?(\.([0#]*))?/;

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Formats a number through a (simple) Sheets number format: 0, 0.00, #,##0, #,##0.00, 0%, literals. */
export function formatNumber(n: number, format: string): string {
  const sections = format.split(";");
  let fmt = sections[0];
  let value = n;
  if (n < 0 && sections.length > 1 && sections[1] !== "") {
    fmt = sections[1];
    value = -n;
  }
  const unquoted = fmt.replace(/"([^"]*)"/g, "");
  if (unquoted.includes("%")) value *= 100;
  const start = fmt.search(/[#0.,]/);
  if (start < 0) return fmt.replace(/"([^"]*)"/g, "$1");
  const m = NUMBER_PATTERN.exec(fmt.slice(start));
  const spec = m?.[0] ?? "";
  const intSpec = m?.[1] ?? "";
  const decSpec = m?.[3] ?? "";
  const minDec = (decSpec.match(/0/g) ?? []).length;
  const maxDec = decSpec.length;
  const minInt = (intSpec.match(/0/g) ?? []).length;
  const negative = value < 0;
  let text = Math.abs(value).toFixed(maxDec);
  if (maxDec > minDec) {
    const [i, d = ""] = text.split(".");
    let dec = d;
    while (dec.length > minDec && dec.endsWith("0")) dec = dec.slice(0, -1);
    text = dec ? `${i}.${dec}` : i;
  }
  let [intPart, decPart] = text.split(".");
  if (minInt === 0 && intPart === "0" && decPart) intPart = "";
  intPart = intPart.padStart(minInt, "0");
  if (intSpec.includes(",")) intPart = group(intPart);
  const body = decPart !== undefined ? `${intPart}.${decPart}` : intPart;
  const prefix = fmt.slice(0, start).replace(/"([^"]*)"/g, "$1");
  const suffix = fmt.slice(start + spec.length).replace(/"([^"]*)"/g, "$1");
  return `${negative ? "-" : ""}${prefix}${body}${suffix}`;
}

/** Sheets' "Automatic" rendering of a number: integers in full, fractions to at most 10 places. */
export function formatGeneralNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [mant, exp] = n.toExponential(2).split("e");
    const e = Number(exp);
    return `${mant.replace(/\.?0+$/, "")}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(n.toFixed(10)));
}

/** What getDisplayValue shows for `value` formatted with `format` in `timeZone`. */
export function displayValue(value: CellValue | undefined, format: string | undefined, timeZone: string): string {
  if (value === undefined || value === "") return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const fmt = format ?? DEFAULT_FORMAT;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return "";
    if (isGeneralFormat(fmt) || fmt === TEXT_FORMAT) return formatDate(ms, "M/d/yyyy H:mm:ss", timeZone);
    if (isDateFormat(fmt)) return formatDate(ms, fmt, timeZone);
    return formatNumber(toSerial(ms, timeZone), fmt);
  }
  if (isGeneralFormat(fmt) || fmt === TEXT_FORMAT) return formatGeneralNumber(value);
  if (isDateFormat(fmt)) {
    const epoch = Date.UTC(1899, 11, 30);
    return formatDate(epoch + Math.round(value * 86_400_000), fmt, "UTC");
  }
  return formatNumber(value, fmt);
}
