/**
 * Utilities.parseDate: java.text.SimpleDateFormat.parse with en_US symbols, lenient like Java's default
 * (month 13 rolls into the next year), reading from the start of the text and ignoring what follows the
 * pattern. A zone in the text (z, Z, X) wins over the `timeZone` argument.
 * References: developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String),
 * docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html ("Number: … For parsing, the number of
 * pattern letters is ignored unless it's needed to separate two adjacent fields").
 */
import { MONTH_NAMES, WEEKDAY_NAMES } from "../core/names";
import { isKnownZone, utcMs, wallClock, wallClockToMs } from "../core/zones";

type Field = "y" | "M" | "d" | "H" | "h" | "k" | "K" | "m" | "s" | "S" | "a" | "E" | "zone";

interface Token {
  field?: Field;
  letter?: string;
  count: number;
  literal?: string;
}

const NUMERIC = new Set(["y", "M", "d", "H", "h", "k", "K", "m", "s", "S", "D", "u", "F", "w", "W"]);

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      let j = i + 1;
      let text = "";
      if (pattern[j] === "'") {
        out.push({ count: 1, literal: "'" });
        i += 2;
        continue;
      }
      while (j < pattern.length && !(pattern[j] === "'" && pattern[j + 1] !== "'")) {
        text += pattern[j];
        j += pattern[j] === "'" ? 2 : 1;
      }
      out.push({ count: 1, literal: text });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      out.push({ letter: c, count: n });
      i += n;
      continue;
    }
    out.push({ count: 1, literal: c });
    i += 1;
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const DAYS = WEEKDAY_NAMES.map((d) => d.toLowerCase());

export function unparseable(text: string): string {
  return `Unparseable date: "${text}"`;
}

interface Parts {
  y: number;
  M: number;
  d: number;
  h: number;
  m: number;
  s: number;
  S: number;
  pm?: boolean;
  twelve: boolean;
  offsetMinutes?: number;
  zone?: string;
}

function readZone(text: string, parts: Parts): boolean {
  const t = text.trim();
  if (/^Z$/i.test(t)) {
    parts.offsetMinutes = 0;
    return true;
  }
  const m = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?$/.exec(t);
  if (m) {
    parts.offsetMinutes = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    return true;
  }
  if (/^(GMT|UTC)$/i.test(t)) {
    parts.offsetMinutes = 0;
    return true;
  }
  if (isKnownZone(t)) {
    parts.zone = t;
    return true;
  }
  return false;
}

/** Parses `text` with a SimpleDateFormat `pattern` in `timeZone`; throws Java's "Unparseable date". */
export function parseJavaDate(text: string, timeZone: string, pattern: string): Date {
  const tokens = tokenize(pattern);
  let re = "^";
  const fields: Token[] = [];
  tokens.forEach((t, i) => {
    if (t.literal !== undefined) {
      re += escapeRe(t.literal);
      return;
    }
    const letter = t.letter as string;
    const next = tokens[i + 1];
    const abutting = next?.letter !== undefined && NUMERIC.has(next.letter);
    let group: string;
    if (letter === "M" && t.count >= 3) group = "([A-Za-z]+)";
    else if (letter === "E") group = "([A-Za-z]+)";
    else if (letter === "a") group = "([AaPp][Mm])";
    else if (letter === "z" || letter === "Z" || letter === "X")
      group = "(Z|[A-Za-z_/]+(?:[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})";
    else if (NUMERIC.has(letter)) group = abutting ? `(\\d{${t.count}})` : "([+-]?\\d+)";
    else throw new Error(`Illegal pattern character '${letter}'`);
    re += group;
    fields.push(t);
  });
  const m = new RegExp(re).exec(text);
  if (!m) throw new Error(unparseable(text));
  const parts: Parts = { y: 1970, M: 1, d: 1, h: 0, m: 0, s: 0, S: 0, twelve: false };
  for (let i = 0; i < fields.length; i++) {
    const t = fields[i];
    const v = m[i + 1];
    const n = Number(v);
    switch (t.letter) {
      case "y":
        // Java: a two-digit year with "yy" lands within 80 years before and 20 after now; 2000s is close enough.
        parts.y = t.count <= 2 && v.length <= 2 ? 2000 + n : n;
        break;
      case "M": {
        if (t.count >= 3) {
          const lower = v.toLowerCase();
          const idx = MONTHS.findIndex((name) => name === lower || name.slice(0, 3) === lower);
          if (idx < 0) throw new Error(unparseable(text));
          parts.M = idx + 1;
        } else parts.M = n;
        break;
      }
      case "d":
        parts.d = n;
        break;
      case "H":
      case "k":
        parts.h = t.letter === "k" && n === 24 ? 0 : n;
        break;
      case "h":
      case "K":
        parts.h = t.letter === "h" && n === 12 ? 0 : n;
        parts.twelve = true;
        break;
      case "m":
        parts.m = n;
        break;
      case "s":
        parts.s = n;
        break;
      case "S":
        parts.S = n;
        break;
      case "a":
        parts.pm = v.toLowerCase() === "pm";
        break;
      case "E": {
        const lower = v.toLowerCase();
        if (!DAYS.some((d) => d === lower || d.slice(0, 3) === lower)) throw new Error(unparseable(text));
        break;
      }
      default:
        if (!readZone(v, parts)) throw new Error(unparseable(text));
    }
  }
  if (parts.pm) parts.h += 12;
  // Lenient: out-of-range fields roll over, as Java's default (lenient) calendar does.
  const local = utcMs(parts.y, parts.M, parts.d, parts.h, parts.m, parts.s, parts.S);
  if (parts.offsetMinutes !== undefined) return new Date(local - parts.offsetMinutes * 60_000);
  const zone = parts.zone ?? (isKnownZone(timeZone) ? timeZone : "GMT");
  const w = wallClock(local, "UTC");
  const ms = wallClockToMs(zone, w.year, w.month, w.day, w.hour, w.minute, w.second) + w.millisecond;
  return new Date(ms);
}
