/**
 * Exact money for quotes (R8: "the quote must be accurate"). An amount is an integer count of 10^-scale units
 * held in a plain number, checked to stay a safe integer, so 0.1 + 0.2 is exactly 0.3 and a line of
 * 500 x 12.35 is exactly 6175.00. Plain numbers (not BigInt) keep values JSON- and cache-friendly and work the
 * same in every Apps Script V8 build; every operation refuses a result beyond Number.MAX_SAFE_INTEGER rather
 * than lose a cent.
 *
 * Rounding: quotes round HALF-UP (half away from zero), the commercial convention buyers check with a
 * calculator or with ROUND() in Sheets. HALF-EVEN (banker's) is available for callers that need it.
 */

export interface Decimal {
  /** The value times 10^scale, an integer. */
  readonly units: number;
  /** Digits after the decimal point, 0..MAX_SCALE. */
  readonly scale: number;
}

export type Rounding = "half-up" | "half-even";

/** Unit prices of cheap parts are quoted to 4 decimals (USD 0.0125 per piece); no more. */
export const MAX_SCALE = 4;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MoneyError";
  }
}

/** Digits after the point for a currency's smallest unit (ISO 4217); 2 when not listed. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, KWD: 3, BHD: 3, OMR: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.trim().toUpperCase()] ?? 2;
}

/** Exact powers of ten up to 10^15 (all safe integers). */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

function checked(units: number, what: string): number {
  if (!Number.isSafeInteger(units)) throw new MoneyError(`${what} is too large to compute exactly`);
  return units;
}

export function decimal(units: number, scale: number): Decimal {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) throw new MoneyError(`bad scale ${scale}`);
  return { units: checked(units, "amount"), scale };
}

export const ZERO: Decimal = { units: 0, scale: 0 };

/**
 * Reads an amount a person typed: "12.50", "1,234.5", "１２.５" (full-width), " 0.0125 ". Thousands commas
 * must be grouped by three; a sign, letters, currency symbols or two decimal points are refused, so
 * "1.234,50" (European) or "12,5" are errors rather than a silently wrong price.
 */
export function parseDecimal(text: string, maxScale = MAX_SCALE): Decimal {
  const s = String(text).normalize("NFKC").trim();
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new MoneyError(`"${text}" is not an amount (write it like 1234.50 or 1,234.50)`);
  const fraction = m[2] ?? "";
  if (fraction.length > maxScale)
    throw new MoneyError(`"${text}" has more than ${maxScale} digits after the decimal point`);
  const digits = (m[1].replace(/,/g, "") + fraction).replace(/^0+(?=\d)/, "");
  const units = Number(digits);
  if (!Number.isSafeInteger(units)) throw new MoneyError(`"${text}" is too large`);
  return { units, scale: fraction.length };
}

/** The same value with `scale` digits (scale must not drop digits: use `round` for that). */
export function rescale(d: Decimal, scale: number): Decimal {
  if (scale < d.scale) throw new MoneyError("rescale would drop digits; round instead");
  return decimal(checked(d.units * POW10[scale - d.scale], "amount"), scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale).units;
  const y = rescale(b, scale).units;
  return decimal(checked(x + y, "sum"), scale);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, ZERO);
}

/** Price x quantity: exact (the product has the price's scale). Quantities are whole units. */
export function times(d: Decimal, quantity: number): Decimal {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new MoneyError(`bad quantity ${quantity}`);
  return decimal(checked(d.units * quantity, "line amount"), d.scale);
}

/** Integer division rounded by `mode`, exact for safe integers (no float quotient is trusted). */
function divideRounded(n: number, d: number, mode: Rounding): number {
  if (d <= 0) throw new MoneyError("division by zero");
  let q = Math.trunc(n / d);
  let r = n - q * d;
  // The float quotient may be off by one near integers: correct it so 0 <= |r| < d with r's sign = n's.
  while (n >= 0 ? r < 0 : r > 0) {
    q += n >= 0 ? -1 : 1;
    r = n - q * d;
  }
  while (Math.abs(r) >= d) {
    q += n >= 0 ? 1 : -1;
    r = n - q * d;
  }
  const twice = Math.abs(r) * 2;
  const away = twice > d || (twice === d && (mode === "half-up" || Math.abs(q) % 2 === 1));
  return away ? q + (n >= 0 ? 1 : -1) : q;
}

/** Rounds to `scale` digits (or rescales up, exactly). */
export function round(d: Decimal, scale: number, mode: Rounding = "half-up"): Decimal {
  if (scale >= d.scale) return rescale(d, scale);
  return decimal(divideRounded(d.units, POW10[d.scale - scale], mode), scale);
}

/**
 * The amount changed by `percent` (a Decimal like -5 or 12.5), rounded to `scale`:
 * 12.50 with -5 -> 11.875 -> 11.88 (half-up at scale 2).
 */
export function adjustByPercent(d: Decimal, percent: Decimal, scale: number, mode: Rounding = "half-up"): Decimal {
  const hundred = 100 * POW10[percent.scale];
  const factor = checked(hundred + percent.units, "percentage");
  if (factor < 0) throw new MoneyError("a percentage below -100 would make the price negative");
  const product = checked(d.units * factor, "adjusted amount");
  // product / 10^exactScale is the exact value; round it to `scale` in one step.
  const exactScale = d.scale + percent.scale + 2;
  if (exactScale <= scale) return decimal(checked(product * POW10[scale - exactScale], "amount"), scale);
  return decimal(divideRounded(product, POW10[exactScale - scale], mode), scale);
}

/**
 * d x num / den rounded once to `scale`: a currency conversion (amount x rate-to / rate-from) or a share
 * (value x 0.3 / 100) without an intermediate rounding. Refuses, like every operation here, an intermediate
 * beyond safe integers rather than lose a cent.
 */
export function mulDiv(d: Decimal, num: Decimal, den: Decimal, scale: number, mode: Rounding = "half-up"): Decimal {
  if (den.units <= 0) throw new MoneyError("division by zero or by a negative amount");
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) throw new MoneyError(`bad scale ${scale}`);
  // value = d.units * num.units * 10^(den.scale) / (den.units * 10^(d.scale + num.scale)), wanted at `scale`.
  const shift = scale + den.scale - d.scale - num.scale;
  if (Math.abs(shift) >= POW10.length) throw new MoneyError("too many decimal places to compute exactly");
  const n = checked(checked(d.units * num.units, "product") * (shift > 0 ? POW10[shift] : 1), "product");
  const q = checked(den.units * (shift < 0 ? POW10[-shift] : 1), "divisor");
  return decimal(divideRounded(n, q, mode), scale);
}

export function negate(d: Decimal): Decimal {
  return { units: d.units === 0 ? 0 : -d.units, scale: d.scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

/** Reads a percentage typed in Settings: "-5", "-5%", "+12.5 %", "0". */
export function parsePercent(text: string): Decimal {
  const s = String(text).normalize("NFKC").trim().replace(/\s*%$/, "");
  const m = /^([+-]?)(\d+(?:\.\d{1,4})?)$/.exec(s);
  if (!m) throw new MoneyError(`"${text}" is not a percentage (write it like -5% or 10)`);
  const d = parseDecimal(m[2], 4);
  return m[1] === "-" ? { units: -d.units, scale: d.scale } : d;
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  return Math.sign(rescale(a, scale).units - rescale(b, scale).units);
}

/** "6250.5" style text (no grouping): what the Quotes sheet stores, so it reads back exactly. */
export function toPlain(d: Decimal): string {
  const negative = d.units < 0;
  const digits = String(Math.abs(d.units)).padStart(d.scale + 1, "0");
  const whole = digits.slice(0, digits.length - d.scale);
  const fraction = d.scale > 0 ? `.${digits.slice(digits.length - d.scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/**
 * "USD 6,250.00": grouped, with at least the currency's minor digits (a unit price of 0.0125 keeps its four).
 * The ISO code, not a symbol: "$" is ambiguous between USD, CAD, AUD and others in an export quote.
 */
export function formatMoney(d: Decimal, currency: string): string {
  const scale = Math.max(d.scale, minorDigits(currency));
  const plain = toPlain(rescale(d, scale));
  const [whole, fraction] = plain.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency.trim().toUpperCase()} ${sign}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** Reads an amount stored by `toPlain` (or typed), in a currency's minor units for totals and thresholds. */
export function parseAmount(text: string, currency: string): Decimal {
  return round(parseDecimal(text), Math.max(minorDigits(currency), 0));
}
