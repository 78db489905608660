/**
 * The languages Buyerbook writes to buyers in (R9, R31): the company keeps its mail templates in these seven.
 * Staff read the add-on in zh-CN or en; buyers may be answered in any of these. A buyer whose language has no
 * template gets English (a German or Vietnamese buyer reads an English trade mail; a half-translated one is
 * worse).
 */

export const BUYER_LANGS = ["en", "zh-CN", "es", "fr", "pt", "ru", "ar"] as const;
export type BuyerLang = (typeof BUYER_LANGS)[number];

export function isBuyerLang(s: string): s is BuyerLang {
  return (BUYER_LANGS as readonly string[]).includes(s);
}

/**
 * The Intl locale for numbers in each language. Arabic keeps Latin digits (what Gulf and North African buyers
 * use in trade documents, and what a calculator shows); Portuguese follows Brazil, the largest market.
 */
export const NUMBER_LOCALE: Record<BuyerLang, string> = {
  en: "en-US",
  "zh-CN": "zh-CN",
  es: "es-ES",
  fr: "fr-FR",
  pt: "pt-BR",
  ru: "ru-RU",
  ar: "ar-u-nu-latn",
};

/** Written right to left: the text is plain, so this only tells a preview how to align it. */
export function isRightToLeft(lang: BuyerLang): boolean {
  return lang === "ar";
}

/**
 * A language code as stored on an inquiry (guessLanguage: "zh", "es", "pt", "uk"…) or typed in a sheet
 * ("zh-CN", "中文", "Spanish", "pt-BR") to a template language, or undefined when there is none for it.
 * Ukrainian is deliberately not mapped to Russian.
 */
export function toBuyerLang(raw: string | undefined | null): BuyerLang | undefined {
  const s = String(raw ?? "")
    .trim()
    .toLowerCase()
    .replace(/_/g, "-");
  if (s === "") return undefined;
  if (/^zh\b|^cn$|中文|汉语|chinese/.test(s)) return "zh-CN";
  if (/^en\b|english|英文|英语/.test(s)) return "en";
  if (/^es\b|spanish|español|espanol|西班牙/.test(s)) return "es";
  if (/^fr\b|french|français|francais|法语|法文/.test(s)) return "fr";
  if (/^pt\b|portuguese|português|portugues|葡萄牙/.test(s)) return "pt";
  if (/^ru\b|russian|русский|俄语|俄文/.test(s)) return "ru";
  if (/^ar\b|arabic|عربي|العربية|阿拉伯/.test(s)) return "ar";
  return undefined;
}

/**
 * The language to write in: the buyer's own (what they write, else what they set) when a template set exists
 * for it, else English.
 */
export function chooseLanguage(
  buyer: { writes?: string | null; preferred?: string | null },
  available: readonly BuyerLang[] = BUYER_LANGS,
): BuyerLang {
  for (const hint of [buyer.preferred, buyer.writes]) {
    const lang = toBuyerLang(hint);
    if (lang && available.includes(lang)) return lang;
  }
  return "en";
}
