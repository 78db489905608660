import type { ColumnSpec } from "./columns";

/** A problem with one cell a person typed, reported with everything needed to find and fix it. */
export interface DataIssue {
  sheet: string;
  /** 1-based spreadsheet row. */
  row: number;
  column: string;
  value: unknown;
  problem: string;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

/** Turns text typed by a person into a Date (in the spreadsheet's zone), or undefined when it is not a date. */
export type DateTextParser = (text: string) => Date | undefined;

const MS_PER_DAY = 86_400_000;
/** Sheets serial dates count days from 1899-12-30. */
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

function toHalfWidth(s: string): string {
  return s.normalize("NFKC");
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "是", "对", "x", "✓"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "否", ""]);

/**
 * Reads one cell as the column's kind. Unambiguous fixes are made ("a " -> "A", "2026-11-26" -> a date);
 * anything else comes back as a problem so the caller can report it and leave the cell alone.
 */
export function parseCell(column: ColumnSpec, raw: unknown, parseDateText: DateTextParser): Parsed {
  if (raw === null || raw === undefined) raw = "";
  switch (column.kind) {
    case "id":
    case "text":
      if (raw instanceof Date) return { ok: true, value: raw.toISOString().slice(0, 10) };
      return { ok: true, value: String(raw).trim() };
    case "number": {
      if (typeof raw === "number")
        return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, problem: "not a number" };
      const s = toHalfWidth(String(raw)).trim().replace(/[,\s]/g, "");
      if (s === "") return { ok: true, value: null };
      const n = Number(s);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, problem: "not a number" };
    }
    case "date":
    case "datetime": {
      if (raw instanceof Date)
        return Number.isNaN(raw.getTime()) ? { ok: false, problem: "not a date" } : { ok: true, value: raw };
      if (raw === "") return { ok: true, value: null };
      if (typeof raw === "number") return { ok: true, value: new Date(SHEETS_EPOCH_MS + raw * MS_PER_DAY) };
      const d = parseDateText(toHalfWidth(String(raw)).trim());
      return d ? { ok: true, value: d } : { ok: false, problem: "not a date (use yyyy-mm-dd)" };
    }
    case "bool": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      const s = toHalfWidth(String(raw)).trim().toLowerCase();
      if (TRUE_WORDS.has(s)) return { ok: true, value: true };
      if (FALSE_WORDS.has(s)) return { ok: true, value: false };
      return { ok: false, problem: "not yes/no" };
    }
    case "enum": {
      const s = toHalfWidth(String(raw)).trim();
      if (s === "") return { ok: true, value: "" };
      const values = column.values ?? [];
      const exact = values.find((v) => v === s) ?? values.find((v) => v.toLowerCase() === s.toLowerCase());
      if (exact !== undefined) return { ok: true, value: exact };
      // "A级", "A 类", "grade a": a single allowed value embedded with decoration is unambiguous.
      const stripped = s.replace(/^(grade|level)\s*/i, "").replace(/\s*(级|类|級|類)$/, "");
      const loose = values.find((v) => v.toLowerCase() === stripped.toLowerCase());
      if (loose !== undefined) return { ok: true, value: loose };
      return { ok: false, problem: `not one of ${values.join(", ")}` };
    }
  }
}

/** Apps Script's hard limit for one cell; longer text is cut with a visible marker instead of failing the write. */
export const MAX_CELL_CHARS = 50_000;
const CUT_MARKER = " …[cut]";

/**
 * Whether Sheets would reinterpret this string if written to a cell not formatted as plain text:
 * formulas, numbers (losing a phone's + or a code's leading zeros), dates, booleans, or a leading apostrophe.
 */
export function wouldBeReinterpreted(s: string): boolean {
  if (s === "") return false;
  const c = s.charCodeAt(0);
  // = + - @ ' and digits/dot/currency/parenthesis starts are where Sheets' parser may act.
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 39) return true;
  if (/^\s*[\d.$€¥£(]/.test(s) || /^\s*(true|false)\s*$/i.test(s)) return true;
  // "Jan 5", "March 3, 2026", "Sept 9", "May 2026": a month name then a number is a date to Sheets.
  return MONTH_FIRST_DATE.test(s);
}

const MONTH_FIRST_DATE =
  /^\s*(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?[\s,/-]+\d/i;

/** The value to write for a field, as Sheets should store it. Text is capped at the cell limit. */
export function cellValue(column: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return "";
  switch (column.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : "";
    case "date":
    case "datetime":
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value : "";
    case "bool":
      return value === true;
    default: {
      const s = String(value);
      return s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS - CUT_MARKER.length) + CUT_MARKER : s;
    }
  }
}
