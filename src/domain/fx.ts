/**
 * Exchange rates for quotes in the buyer's currency (R3, R8). The assistant keeps one dated rate table in
 * Settings:
 *
 *   fx.base  USD          the currency every rate is against
 *   fx.date  2026-11-20   the day the rates were taken (printed on every converted quote)
 *   fx.EUR   0.9213       1 USD = 0.9213 EUR
 *   fx.CNY   7.1234       1 USD = 7.1234 CNY
 *
 * Conversions are exact (one rounding, half-up); a currency without a rate is refused by name, never priced
 * at 1:1 or at a remembered rate.
 */
import { type Decimal, MoneyError, mulDiv, parseDecimal } from "./money";

export interface RateTable {
  base: string;
  /** yyyy-mm-dd, or "" when Settings has none (then nothing can be converted). */
  date: string;
  /** Units of the currency per 1 base. The base itself is implicit (1). */
  rates: ReadonlyMap<string, Decimal>;
}

export const FX_KEYS = { base: "fx.base", date: "fx.date", rate: (code: string) => `fx.${code}` };

/** Rates carry up to six decimals (what banks publish). */
export const RATE_DIGITS = 6;

export function currencyCode(text: string): string {
  const code = String(text ?? "")
    .trim()
    .toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : "";
}

/**
 * Reads the fx.* Settings rows. Every bad row is a problem naming key and value; that currency then has no
 * rate (and a quote needing it is refused) rather than a half-read one.
 */
export function parseRateTable(settings: ReadonlyMap<string, string>): { table: RateTable; problems: string[] } {
  const problems: string[] = [];
  const baseText = settings.get(FX_KEYS.base) ?? "";
  const base = currencyCode(baseText);
  if (baseText.trim() !== "" && base === "")
    problems.push(`Settings ${FX_KEYS.base}: "${baseText}" is not a currency code like USD`);
  const dateText = (settings.get(FX_KEYS.date) ?? "").trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(dateText) ? dateText : "";
  if (dateText !== "" && date === "")
    problems.push(`Settings ${FX_KEYS.date}: "${dateText}" is not a date like 2026-11-20`);
  const rates = new Map<string, Decimal>();
  for (const [key, value] of settings) {
    const m = /^fx\.([A-Za-z]{3})$/.exec(key.trim());
    if (!m || key === FX_KEYS.base) continue;
    const code = m[1].toUpperCase();
    if (value.trim() === "") continue;
    try {
      const rate = parseDecimal(value, RATE_DIGITS);
      if (rate.units <= 0) throw new MoneyError("a rate must be above zero");
      rates.set(code, rate);
    } catch (e) {
      if (!(e instanceof MoneyError)) throw e;
      problems.push(`Settings ${key}: "${value}" ${e.message}`);
    }
  }
  return { table: { base, date, rates }, problems };
}

export type RateLookup =
  | { ok: true; from: string; to: string; num: Decimal; den: Decimal }
  | { ok: false; currency: string; message: string };

const ONE: Decimal = { units: 1, scale: 0 };

function rateOf(table: RateTable, code: string): Decimal | undefined {
  return code === table.base ? ONE : table.rates.get(code);
}

/** How to turn `from` amounts into `to` amounts: x num / den (exact); a refusal names the missing currency. */
export function lookupRate(table: RateTable, from: string, to: string): RateLookup {
  const f = currencyCode(from);
  const t = currencyCode(to);
  if (f === "" || t === "")
    return { ok: false, currency: f === "" ? from : to, message: `"${f === "" ? from : to}" is not a currency code` };
  if (f === t) return { ok: true, from: f, to: t, num: ONE, den: ONE };
  if (table.base === "")
    return { ok: false, currency: f, message: `no exchange rates: Settings ${FX_KEYS.base} is empty` };
  if (table.date === "")
    return {
      ok: false,
      currency: f,
      message: `Settings ${FX_KEYS.date} is empty: a converted quote must state the rate's date`,
    };
  for (const code of [f, t])
    if (!rateOf(table, code))
      return {
        ok: false,
        currency: code,
        message: `no exchange rate for ${code} (Settings ${FX_KEYS.rate(code)}, against ${table.base})`,
      };
  return { ok: true, from: f, to: t, num: rateOf(table, t)!, den: rateOf(table, f)! };
}

/** An amount in `to`, rounded once to `scale`. */
export function convertAmount(amount: Decimal, rate: Extract<RateLookup, { ok: true }>, scale: number): Decimal {
  return mulDiv(amount, rate.num, rate.den, scale);
}

/** Whole days from the rate's date to `today` (both yyyy-mm-dd), for a "rates are old" warning. */
export function rateAgeDays(table: RateTable, today: string): number | undefined {
  if (table.date === "" || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return undefined;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${table.date}T00:00:00Z`)) / 86_400_000);
}
