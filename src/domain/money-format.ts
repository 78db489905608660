/**
 * Money as the buyer's language writes it: "USD 20,868.00" (en), "20.868,00 USD" (es), "20 868,00 USD" (fr, ru).
 * The layout (code before or after, separators, grouping) comes from Intl.NumberFormat; the digits come from
 * the exact Decimal, never from a float, so 0.0125 and 12,345,678,901.23 print exactly as computed.
 *
 * Always the ISO code, never "$" (ambiguous between USD, CAD, AUD…), and the code exactly once.
 * Every space-like separator Intl emits (no-break, narrow no-break, thin) becomes a plain space: ICU versions
 * differ in which one they use, and a plain space keeps quotes identical across runtimes and searchable.
 * Bidi marks Intl adds for Arabic are dropped: in plain text they only make copy-paste fragile.
 */
import { type BuyerLang, NUMBER_LOCALE } from "./buyer-language";
import { type Decimal, minorDigits, rescale, toPlain } from "./money";

const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;
const BIDI = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(lang: BuyerLang, currency: string, digits: number): Intl.NumberFormat {
  const key = `${lang}|${currency}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(NUMBER_LOCALE[lang], {
      style: "currency",
      currency,
      currencyDisplay: "code",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  return f;
}

function clean(s: string): string {
  return s.replace(BIDI, "").replace(SPACES, " ");
}

/**
 * "USD 6,250.00" in en, "6.250,00 USD" in es. Shows at least the currency's minor digits and every digit the
 * amount has (a unit price of 0.0125 keeps its four).
 */
export function formatMoneyIn(d: Decimal, currency: string, lang: BuyerLang): string {
  const code = currency.trim().toUpperCase();
  const digits = Math.max(d.scale, minorDigits(code));
  const plain = toPlain(rescale(d, digits));
  const negative = plain.startsWith("-");
  const [whole, fraction = ""] = plain.replace("-", "").split(".");
  // The whole part is a safe integer (Decimal guarantees it), so Intl groups it exactly; -0 keeps its sign.
  const wholeNumber = Number(whole);
  const parts = formatterFor(lang, code, digits).formatToParts(negative ? -wholeNumber : wholeNumber);
  return clean(parts.map((p) => (p.type === "fraction" ? fraction : p.value)).join("")).trim();
}

/** A plain number in the buyer's language ("1,000" / "1.000" / "1 000"), for quantities. */
export function formatQuantityIn(n: number, lang: BuyerLang): string {
  return clean(new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 3 }).format(n));
}

/** An exchange rate as typed (up to 6 decimals), with the language's decimal mark: "7.1234" / "7,1234". */
export function formatRateIn(rate: Decimal, lang: BuyerLang): string {
  const plain = toPlain(rate);
  const [whole, fraction] = plain.split(".");
  const grouped = formatQuantityIn(Number(whole), lang);
  if (fraction === undefined) return grouped;
  const mark = clean(
    new Intl.NumberFormat(NUMBER_LOCALE[lang], { minimumFractionDigits: 1 })
      .formatToParts(1.5)
      .find((p) => p.type === "decimal")?.value ?? ".",
  );
  return `${grouped}${mark}${fraction}`;
}
