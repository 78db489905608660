/**
 * Folding text for comparison: lower case, compatibility forms folded (full-width letters, "㈜"), accents and
 * Arabic vowel marks dropped. Shared by buyer matching and the reading of mail signatures, so a name is
 * compared the same way wherever it comes from.
 */
import { stripAccents } from "./text";

export const ASCII_ONLY = /^[^\u0080-\uffff]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;
const UNICODE_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lower case, compatibility forms folded, accents dropped; ASCII (most rows) skips the Unicode work. */
export function fold(text: string): string {
  // ASCII and the unified Han ideographs (a Chinese name, "陈大文 Chen") have no compatibility forms, accents or
  // decompositions: lower case is all folding does to them, without two normalisations per name.
  if (FOLD_STABLE.test(text)) return text.toLowerCase();
  let folded = stripAccents(text.normalize("NFKC"));
  // NFD takes Hangul syllables apart into jamo: put them back together.
  if (JAMO.test(folded)) folded = folded.normalize("NFC");
  // Letters NFD does not take apart, and Arabic vowel marks: rare, so looked for before any replace.
  return (
    UNDECOMPOSED.test(folded) ? folded.replace(UNDECOMPOSED_ALL, (c) => UNDECOMPOSED_AS[c] ?? "") : folded
  ).toLowerCase();
}

// ASCII, U+3400–4DBF and U+4E00–9FFF: written as what is NOT in them, as ASCII_ONLY is.
const FOLD_STABLE = /^[^\u0080-\u33ff\u4dc0-\u4dff\ua000-\uffff]*$/;
const JAMO = /[\u1100-\u11ff]/;
const UNDECOMPOSED = /[đĐłŁßøØ\u0640\u064b-\u065f\u0670]/;
const UNDECOMPOSED_ALL = new RegExp(UNDECOMPOSED.source, "g");
const UNDECOMPOSED_AS: Record<string, string> = { đ: "d", Đ: "d", ł: "l", Ł: "l", ß: "ss", ø: "o", Ø: "o" };

/** Splits folded text into word tokens (letters/digits of any script). */
export function words(folded: string): string[] {
  return ASCII_ONLY.test(folded) ? splitWords(folded, ASCII_SEPARATORS) : splitWords(folded, UNICODE_SEPARATORS);
}

/** split() without the empty strings a separator at either end leaves (the only place they occur). */
function splitWords(text: string, separators: RegExp): string[] {
  const parts = text.split(separators);
  if (parts[parts.length - 1] === "") parts.pop();
  if (parts.length > 0 && parts[0] === "") parts.shift();
  return parts;
}

/** The folded words of a text joined by one space: the key names are compared and looked up by. */
export function foldKey(text: string): string {
  return words(fold(text)).join(" ");
}

/** True when the text has Han, kana or Hangul characters, which are written without spaces between words. */
export function hasCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(text);
}
