/**
 * Cell value semantics: how getDisplayValues renders a stored value through its number format (typed input
 * is read in input.ts).
 */

import { MONTH_NAMES, shortName, WEEKDAY_NAMES } from "../core/names";
import { wallClock } from "../core/zones";
import { localeRules, localizeNumberText } from "./locale";
import { toSerial } from "./time";

export type CellValue = string | number | boolean | Date;

/** What getNumberFormat returns for a cell nobody formatted (Sheets' "Automatic"). */
export const DEFAULT_FORMAT = "0.###############";
export const TEXT_FORMAT = "@";

export function isGeneralFormat(format: string | undefined): boolean {
  return format === undefined || format === DEFAULT_FORMAT || format === "" || format.toLowerCase() === "general";
}

/** The format a cell keeps after setNumberFormat: Sheets stores "general" as its automatic format. */
export function storedFormat(format: string | null | undefined): string | undefined {
  if (format === null || format === undefined) return undefined;
  return isGeneralFormat(format) ? undefined : format;
}

export { type InputContext, type ParsedInput, parseInput } from "./input";

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
export function displayValue(
  value: CellValue | undefined,
  format: string | undefined,
  timeZone: string,
  locale = "en_US",
): string {
  if (value === undefined || value === "") return "";
  if (typeof value === "number") {
    const fmt = format ?? DEFAULT_FORMAT;
    const text = displayNumber(value, fmt);
    return isDateFormat(fmt) ? text : localizeNumberText(text, localeRules(locale));
  }
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
  return String(value);
}

function displayNumber(value: number, fmt: string): string {
  if (isGeneralFormat(fmt) || fmt === TEXT_FORMAT) return formatGeneralNumber(value);
  if (isDateFormat(fmt)) {
    const epoch = Date.UTC(1899, 11, 30);
    return formatDate(epoch + Math.round(value * 86_400_000), fmt, "UTC");
  }
  return formatNumber(value, fmt);
}
