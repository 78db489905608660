/**
 * Which catalogue products an inquiry asks about (R4 the catalogue; R22 "about which products"): by model
 * number, by the product's name, or by the catalogue's keywords in any language. One short common word is never
 * enough ("LED", "lamp"): a match needs a model number, a whole name or keyword phrase, or most of a name's
 * distinctive words.
 */
import { fold, hasCjk, words } from "./fold";

/** A Products row: code, name and model are the sheet's columns; keywords are optional, comma separated. */
export interface CatalogueProduct {
  code: string;
  name: string;
  model?: string;
  /** "flood light, 投光灯, reflector LED, прожектор" — any language; "," ";" "|" or new lines separate. */
  keywords?: string;
}

export interface ProductMatch {
  code: string;
  /** "model 'HB-150'", "name 'LED High Bay Light 150W' (4 of 5 words)", "keyword '投光灯'". */
  evidence: string;
}

interface CompiledProduct {
  code: string;
  name: string;
  model?: RegExp;
  modelText: string;
  nameKey: string;
  nameTokens: string[];
  /** Keyword phrases: folded word runs (two words or one long word) and unspaced CJK/Hangul strings. */
  phrases: { text: string; key: string }[];
  unspaced: { text: string }[];
}

export interface ProductMatcher {
  match(text: string): ProductMatch[];
}

// Words that say little about WHICH product: never enough alone, and weighed down in a name.
const COMMON = new Set(
  (
    "led light lights lamp lamps bulb w v kw watt watts pcs pc piece set sets type new product products series model " +
    "item high low quality price best good outdoor indoor the for with and of a an to in on by from " +
    "de la el los las del para con y en und fur mit der die das le les des pour avec et du em com para e do da " +
    "с и для на в из"
  ).split(" "),
);

/** Folded words, plurals and Cyrillic endings dropped ("lights" -> "light", "панели" -> "панел"), so forms meet. */
function stems(text: string): string[] {
  return words(fold(text)).map(stem);
}

// Russian and Ukrainian inflect by case and number ("светодиодная панель", "светодиодные панели"): the folded
// endings, longest first ("й" folds to "и"), are dropped from a long word so every form meets the catalogue's.
const CYRILLIC_ENDINGS = (
  "иями ями ами ого его ому ему ыми ими ыи ии ои аи ая яя ое ее ые ие ую юю ых их ов ев еи ам ям ах ях ом ем ью " +
  "ы и і а я у ю е о ь"
).split(" ");

function stem(w: string): string {
  if (w.length >= 5 && /[а-яєії]/.test(w)) {
    const ending = CYRILLIC_ENDINGS.find((e) => w.endsWith(e) && w.length - e.length >= 4);
    return ending ? w.slice(0, -ending.length) : w;
  }
  if (w.length >= 6 && /[lrndz]es$/.test(w)) return w.slice(0, -2);
  return w.length >= 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

function modelPattern(model: string): RegExp | undefined {
  const groups = fold(model).match(/[a-z0-9]+/g);
  if (!groups) return undefined;
  const joined = groups.join("");
  // A model must say something: 3+ characters with a digit ("HB150"), or 5+ letters.
  if (joined.length < 3 || (!/\d/.test(joined) && joined.length < 5)) return undefined;
  // "T8-18" is also written "T8 18W": a watt sign may follow a model ending in a number.
  const unit = /\d$/.test(joined) ? "w?" : "";
  return new RegExp(`(?<![a-z0-9])${groups.join("[\\s._/-]?")}${unit}(?![a-z0-9])`, "i");
}

function compile(product: CatalogueProduct): CompiledProduct | undefined {
  const code = String(product?.code ?? "").trim();
  if (!code) return undefined;
  const name = String(product.name ?? "").trim();
  const modelText = String(product.model ?? "").trim();
  const phrases: CompiledProduct["phrases"] = [];
  const unspaced: CompiledProduct["unspaced"] = [];
  const addPhrase = (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    for (const run of text.match(/[\u3400-\u9fff\uac00-\ud7af]{2,}/g) ?? []) unspaced.push({ text: run });
    if (hasCjk(text) && !/[a-z]{3}/i.test(text)) return;
    const tokens = stems(text);
    const strong = tokens.length >= 2 || (tokens.length === 1 && tokens[0].length >= 5 && !COMMON.has(tokens[0]));
    if (strong) phrases.push({ text, key: ` ${tokens.join(" ")} ` });
  };
  for (const keyword of String(product.keywords ?? "").split(/[,;|\n]/)) addPhrase(keyword);
  for (const run of name.match(/[\u3400-\u9fff\uac00-\ud7af]{2,}/g) ?? []) unspaced.push({ text: run });
  const nameTokens = Array.from(new Set(stems(name)));
  return {
    code,
    name,
    model: modelText ? modelPattern(modelText) : undefined,
    modelText,
    nameKey: nameTokens.length >= 2 ? ` ${stems(name).join(" ")} ` : "",
    nameTokens,
    phrases,
    unspaced,
  };
}

/** Compiles a catalogue once for a run of many mails. */
export function productMatcher(catalogue: readonly CatalogueProduct[]): ProductMatcher {
  const products = (catalogue ?? []).map(compile).filter((p): p is CompiledProduct => !!p);
  // A word in many products' names tells them apart less ("flood" in one of ten beats "light" in all ten).
  const namesWith = new Map<string, number>();
  for (const p of products) for (const t of p.nameTokens) namesWith.set(t, (namesWith.get(t) ?? 0) + 1);
  // Specifications ("100w", "600x600") tell a product apart when written, but an inquiry often leaves them out.
  const weight = (token: string) =>
    COMMON.has(token) || token.length < 2 ? 0.25 : /\d/.test(token) ? 0.5 : 1 / Math.sqrt(namesWith.get(token) ?? 1);
  const distinctive = (token: string) =>
    !COMMON.has(token) && token.length >= 3 && (namesWith.get(token) ?? 0) <= Math.max(1, products.length / 3);
  return {
    match(text: string): ProductMatch[] {
      const raw = String(text ?? "").slice(0, 20_000);
      const folded = fold(raw);
      const tokens = stems(raw);
      const spaced = ` ${tokens.join(" ")} `;
      const present = new Set(tokens);
      const found: (ProductMatch & { matched: Set<string> })[] = [];
      for (const p of products) {
        const hit = matchOne(p, raw, folded, spaced, present, weight, distinctive);
        if (hit) found.push({ code: p.code, ...hit });
      }
      // A product whose matched words are all inside another's explains the text less ("Flood Light 50W" when
      // the text names the 100W one): keep the fuller match.
      return found
        .filter((a) => !found.some((b) => b !== a && isStrictSubset(a.matched, b.matched)))
        .map(({ code, evidence }) => ({ code, evidence }));
    },
  };
}

function matchOne(
  p: CompiledProduct,
  raw: string,
  folded: string,
  spaced: string,
  present: Set<string>,
  weight: (t: string) => number,
  distinctive: (t: string) => boolean,
): { evidence: string; matched: Set<string> } | undefined {
  const all = new Set(p.nameTokens);
  if (p.model?.test(folded)) return { evidence: `model '${p.modelText}'`, matched: all };
  if (p.nameKey && spaced.includes(p.nameKey)) return { evidence: `name '${p.name}'`, matched: all };
  for (const phrase of p.phrases)
    if (spaced.includes(phrase.key)) return { evidence: `keyword '${phrase.text}'`, matched: all };
  for (const run of p.unspaced) if (raw.includes(run.text)) return { evidence: `keyword '${run.text}'`, matched: all };
  const matched = p.nameTokens.filter((t) => present.has(t));
  if (matched.length < 2 || !matched.some(distinctive)) return undefined;
  const total = p.nameTokens.reduce((sum, t) => sum + weight(t), 0);
  const got = matched.reduce((sum, t) => sum + weight(t), 0);
  if (got < 0.5 * total) return undefined;
  return {
    evidence: `name '${p.name}' (${matched.length} of ${p.nameTokens.length} words)`,
    matched: new Set(matched),
  };
}

function isStrictSubset(a: Set<string>, b: Set<string>): boolean {
  if (a.size >= b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** One-off matching; for many mails build a productMatcher once. */
export function matchProducts(catalogue: readonly CatalogueProduct[], text: string): ProductMatch[] {
  return productMatcher(catalogue).match(text);
}
