/**
 * The conventions of a spreadsheet locale (Spreadsheet.getSpreadsheetLocale) that change how Sheets reads
 * typed input and shows numbers: decimal and grouping separators, day/month order, the currency symbol and
 * the format Sheets gives a typed currency amount.
 *
 * Sources: support.google.com/docs/answer/58515 (locale decides date, number and currency formats). The exact
 * currency format strings are observations, not published; see the README's Known differences.
 */
export type DateOrder = "MDY" | "DMY" | "YMD";

export interface LocaleRules {
  decimal: "." | ",";
  group: "," | "." | " ";
  dateOrder: DateOrder;
  /** Separators Sheets accepts between day, month and year for this locale, besides "-" in ISO dates. */
  dateSeparators: string;
  currencySymbol: string;
  /** The number format a typed amount in this currency gets. */
  currencyFormat: string;
  /** Whether English month names ("Jan 5") are read as dates. */
  englishMonths: boolean;
}

const US: LocaleRules = {
  decimal: ".",
  group: ",",
  dateOrder: "MDY",
  dateSeparators: "/",
  currencySymbol: "$",
  currencyFormat: '"$"#,##0.00',
  englishMonths: true,
};

const KNOWN: Record<string, LocaleRules> = {
  en_US: US,
  en_GB: { ...US, dateOrder: "DMY", currencySymbol: "£", currencyFormat: '"£"#,##0.00' },
  zh_CN: { ...US, dateOrder: "YMD", currencySymbol: "¥", currencyFormat: '"¥"#,##0.00', englishMonths: false },
  de_DE: {
    decimal: ",",
    group: ".",
    dateOrder: "DMY",
    dateSeparators: "./",
    currencySymbol: "€",
    currencyFormat: '#,##0.00 "€"',
    englishMonths: false,
  },
};

/** Languages that write a decimal comma, for locales the table above does not name. */
const COMMA_DECIMAL = new Set([
  "de",
  "fr",
  "es",
  "it",
  "pt",
  "ru",
  "nl",
  "pl",
  "tr",
  "vi",
  "id",
  "cs",
  "da",
  "sv",
  "nb",
  "fi",
  "uk",
]);
const YEAR_FIRST = new Set(["zh", "ja", "ko", "hu", "lt"]);
const MONTH_FIRST = new Set(["en_US", "en", "en_PH", "es_US"]);

const cache = new Map<string, LocaleRules>();

export function localeRules(locale: string): LocaleRules {
  const hit = cache.get(locale);
  if (hit) return hit;
  const lang = locale.split(/[_-]/)[0].toLowerCase();
  let rules = KNOWN[locale];
  if (!rules) {
    const comma = COMMA_DECIMAL.has(lang);
    rules = {
      ...US,
      decimal: comma ? "," : ".",
      group: comma ? "." : ",",
      dateOrder: MONTH_FIRST.has(locale) ? "MDY" : YEAR_FIRST.has(lang) ? "YMD" : "DMY",
      dateSeparators: comma ? "./" : "/",
      englishMonths: lang === "en",
    };
  }
  cache.set(locale, rules);
  return rules;
}

/** Rewrites a number rendered with "." and "," into the locale's separators. */
export function localizeNumberText(text: string, rules: LocaleRules): string {
  if (rules.decimal === ".") return text;
  return text.replace(/[.,]/g, (ch) => (ch === "." ? rules.decimal : rules.group));
}
