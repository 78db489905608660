/**
 * The checker behind "the Chinese sidebar is Chinese": every piece of text a person sees (visible text, the
 * options of selects, placeholders, tooltips) is split into Latin words, and each word must be data from the
 * book (a company, a name, an address, a subject), a code or brand on the allow-list, or a language's own name.
 * Anything else is an English UI word that escaped the catalogue; a catalogue key left as is ("sb.due") fails too.
 */
import type { Page } from "playwright-core";
import { BUYER_LANGS } from "../../src/domain/buyer-language";

/** Codes and names that stay as they are in every language. */
export const ALLOWED = new Set(
  [
    "Buyerbook",
    "Gmail",
    "Google",
    "English",
    // trade codes: currencies, incoterms, payment terms, units
    "USD",
    "EUR",
    "CNY",
    "RMB",
    "GBP",
    "FOB",
    "CIF",
    "CFR",
    "EXW",
    "DDP",
    "DAP",
    "FCA",
    "CPT",
    "CIP",
    "DPU",
    "TT",
    "LC",
    "DP",
    "DA",
    "OA",
    "pcs",
    "MOQ",
    // the buyer languages as the quote panel offers them, each in its own language
    ...BUYER_LANGS.flatMap((l) => (new Intl.DisplayNames([l], { type: "language" }).of(l) ?? "").split(/\s+/)),
  ].map((w) => w.toLowerCase()),
);

/** Latin words of a text (IDs, addresses and numbers are not words). */
export function latinWords(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, " ") // links
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ") // e-mail addresses
    .replace(/\b[A-Z]-[\d-]+\b/g, " ") // B-000001, Q-2026-0001
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, " ") // time zones: Asia/Shanghai
    .replace(/\b[a-z]+\.[A-Za-z][\w–-]*/g, " ") // Settings keys a person looks up: cadence.A–D
    .replace(/\b[\w-]+\.(com|cn|se|ae|vn|example|test|io)\b/gi, " "); // domains
  // Latin letters with their accents: "Français" is one word, not "Fran" and "ais".
  return cleaned.match(/\p{Script=Latin}[\p{Script=Latin}']+/gu) ?? [];
}

/** Every text a person sees on the page: visible text, select options, placeholders, titles. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden text (closed panels).
    const out = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll("option"))) out.push(el.textContent ?? "");
    for (const el of Array.from(document.querySelectorAll("[placeholder]")))
      out.push(el.getAttribute("placeholder") ?? "");
    for (const el of Array.from(document.querySelectorAll("[title]"))) out.push(el.getAttribute("title") ?? "");
    return out;
  });
}

export interface Findings {
  keys: string[];
  words: string[];
}

/** Catalogue keys left untranslated and English words that are neither data nor allowed. */
export function untranslated(texts: readonly string[], data: ReadonlySet<string>): Findings {
  const keys = new Set<string>();
  const words = new Set<string>();
  for (const text of texts) {
    for (const m of text.match(/\b(?:sb|error|auth|field|action|menu|sheet)\.[a-z][\w.-]*/g) ?? []) keys.add(m);
    // A unit left in English after a number ("13 d 14 h"): one letter, so not a word above.
    for (const m of text.matchAll(/\d\s([dhms])\b/g)) words.add(m[1]);
    for (const w of latinWords(text)) {
      const lower = w.toLowerCase();
      if (!ALLOWED.has(lower) && !data.has(lower)) words.add(w);
    }
  }
  return { keys: [...keys].sort(), words: [...words].sort() };
}

/** The Latin words of every value in the book's sheets: what people typed or mail brought is data, not UI. */
export function dataWords(sheets: readonly unknown[][][]): Set<string> {
  const out = new Set<string>();
  for (const values of sheets)
    for (const row of values.slice(1))
      for (const cell of row) for (const w of latinWords(String(cell ?? ""))) out.add(w.toLowerCase());
  return out;
}
