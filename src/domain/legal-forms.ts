/**
 * Company legal forms in the languages of our buyers: to see that a signature line names a company ("Al Noor
 * Trading L.L.C.", "ООО «Светлый дом»", "Công ty TNHH Ánh Sáng", "(주)한빛전자", "深圳市华强电子有限公司") and to
 * compare company names without them (R22: "ACME Trading Co., Ltd." is "Acme Limited").
 */

// Written after the name. Dots and spaces inside a form are optional ("L.L.C.", "LLC", "S. A. de C. V.").
const LATIN_SUFFIX = new RegExp(
  "(?:^|[\\s,(])(?:" +
    [
      "co\\.?,?\\s*ltd\\.?",
      "company(?:\\s+limited)?",
      "corp(?:oration)?\\.?",
      "inc(?:orporated)?\\.?",
      "ltd\\.?",
      "limited",
      "l\\.?\\s?l\\.?\\s?c\\.?",
      "llp",
      "plc",
      "gmbh(?:\\s*&\\s*co\\.?\\s*kg)?",
      "ag",
      "kg",
      "e\\.\\s?k\\.?",
      "ug(?:\\s*\\(haftungsbeschränkt\\))?",
      "s\\.?\\s?a\\.?(?:\\s*de\\s*c\\.?\\s?v\\.?)?",
      "s\\.?\\s?a\\.?\\s?p\\.?\\s?i\\.?\\s*de\\s*c\\.?\\s?v\\.?",
      "s\\.?\\s?de\\s*r\\.?\\s?l\\.?(?:\\s*de\\s*c\\.?\\s?v\\.?)?",
      "s\\.?\\s?l\\.?(?:\\s?u\\.?)?",
      "s\\.?\\s?r\\.?\\s?l\\.?",
      "s\\.?\\s?a\\.?\\s?s\\.?",
      "s\\.?\\s?a\\.?\\s?c\\.?",
      "s\\.?\\s?n\\.?\\s?c\\.?",
      "s/a",
      "sarl",
      "eurl",
      "s\\.?\\s?p\\.?\\s?a\\.?",
      "b\\.?\\s?v\\.?",
      "n\\.?\\s?v\\.?",
      "pty\\.?\\s*(?:ltd\\.?|limited)",
      "pvt\\.?\\s*(?:ltd\\.?|limited)",
      "private\\s+limited",
      "pte\\.?\\s*(?:ltd\\.?|limited)",
      "sdn\\.?\\s*bhd\\.?",
      "ltda\\.?",
      "lda\\.?",
      "s\\.?\\s?r\\.?\\s?o\\.?",
      "kft\\.?",
      "lt[ée]e\\.?",
      "cia\\.?\\s*ltda\\.?",
      "eireli",
      "sp\\.\\s?z\\s?o\\.?\\s?o\\.?",
      "sp\\.\\s?k\\.?",
      "a\\.?\\s?ş\\.?",
      "ltd\\.?\\s*şti\\.?",
      "o?jsc",
      "pjsc",
      "cjsc",
      "fze",
      "fzco",
      "fz-?llc",
      "fzc",
      "w\\.?\\s?l\\.?\\s?l\\.?",
      "est\\.?",
      "establishment",
      "k\\.?\\s?k\\.?",
      "oy",
      "ab",
      "a/s",
      "aps",
      "trading(?:\\s+(?:co|company|llc|est))?\\.?",
      "enterprises?",
      "industries",
    ].join("|") +
    ")\\s*$",
  "i",
);
// Written before the name.
const PREFIX =
  /^(?:ооо|ooo|зао|оао|пао|ао|ип|тоо|одо|чп|pt\.?|cv\.?|công ty|cong ty|cty|주식회사|\(주\)|㈜|유한회사|شركة|مؤسسة|株式会社|有限会社)\s*\S/i;
// Written after the name, without a space.
const UNSPACED_SUFFIX =
  /(?:有限公司|有限責任公司|有限责任公司|股份公司|公司|株式会社|集团|集團|商行|工厂|工廠|厂|廠|주식회사|\(주\)|㈜|ذ\.?\s?م\.?\s?م\.?|ش\.?\s?م\.?\s?م\.?|المحدودة)\s*$/;

/** True when a line reads as a company name with its legal form ("Brightway Electric Inc."). */
export function hasLegalForm(line: string): boolean {
  const text = line.trim().replace(/[»"”」』]+$/, "");
  if (text.length < 3 || text.length > 120) return false;
  return LATIN_SUFFIX.test(text) || PREFIX.test(text) || UNSPACED_SUFFIX.test(text);
}

// ---------------------------------------------------------------- for comparison (folded word tokens)

/** Legal forms and filler words dropped from the END of a folded name, repeatedly. */
export const LEGAL_SUFFIX_TOKENS = new Set(
  (
    "co company companies corp corporation inc incorporated ltd limited llc lc plc llp lp gmbh mbh ag kg ohg ug ev ek " +
    "haftungsbeschrankt sa sl slu srl sarl sas sasu sac saa spa snc eurl bv nv vof pty pte pvt private opc oy oyj ab as " +
    "asa aps kk sdn bhd tbk jsc ojsc pjsc cjsc ooo zao oao pao ооо зао оао пао ао ип тоо cv rl sapi sp spk spz z oo sj " +
    "sti eireli epp me fze fzco fzllc fzc wll est establishment trading trade traders enterprise enterprises sociedad " +
    "anonima limitada ltda lda sro kft ltee cia industry industries industrial intl international group holding holdings and " +
    "tnhh mtv cp 주식회사 유한회사 주 ذمم شمم المحدودة للتجارة التجارية"
  ).split(" "),
);
/** Connecting words dropped with the legal form they belong to ("S.A. de C.V.", "GmbH & Co. KG", "Cia e Ltda"). */
export const LEGAL_CONNECTOR_TOKENS = new Set(["de", "y", "e", "et", "und", "&"]);
/** Legal forms and filler written BEFORE the name: "ООО «Ромашка»", "PT Maju Jaya", "Công ty TNHH Ánh Sáng". */
export const LEGAL_PREFIX_TOKENS = new Set(
  (
    "the ooo ооо zao зао oao оао pao пао ао ип тоо одо чп pt cv ud jsc cong ty cty tnhh mtv cp 주식회사 유한회사 주 " +
    "شركة مؤسسة"
  ).split(" "),
);
/** Multi-word legal forms before the name, as folded token runs. */
export const LEGAL_PREFIX_RUNS: readonly string[][] = [
  ["общество", "с", "ограниченной", "ответственностью"],
  ["закрытое", "акционерное", "общество"],
  ["публичное", "акционерное", "общество"],
  ["акционерное", "общество"],
  ["co", "phan"],
  ["thuong", "mai"],
  ["xuat", "nhap", "khau"],
];
/** Chinese, Japanese and Korean legal forms and filler at the end or start of an unspaced name. */
export const CJK_LEGAL_SUFFIX =
  /(?:股份有限公司|有限责任公司|有限責任公司|有限公司|株式会社|集团|集團|公司|贸易|貿易|进出口|進出口|商行|工厂|工廠|厂|廠|주식회사|유한회사)$/;
export const CJK_LEGAL_PREFIX = /^(?:株式会社|有限会社|주식회사|유한회사)/;
