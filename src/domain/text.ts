/**
 * Text helpers for mail intake: address parsing, subject cleaning, reply/signature stripping,
 * a cheap language guess and quantity extraction. Pure and allocation-light: these run on every
 * message of a Gmail pull inside one Apps Script execution.
 */

export interface ParsedAddress {
  name: string;
  address: string;
}

/** Longest text we ever scan with regular expressions; keeps hostile 60k-character bodies cheap. */
export const MAX_SCAN_CHARS = 20_000;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Bidirectional overrides and zero-width characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF): a
 * name or subject carrying them can display as something else than it says ("moc.lapyap" shown reversed),
 * so intake drops them from names, companies and subjects.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function stripInvisible(text: string | undefined | null): string {
  return String(text ?? "").replace(INVISIBLE, "");
}

/** Removes combining accents: "Müller" -> "Muller", "Société" -> "Societe". */
export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

const HTML_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/**
 * Good-enough HTML to text for notification mails: block tags become line breaks, table cells become
 * spaces (so "Label</td><td>value" stays on one line), scripts/styles are dropped, common entities decoded.
 */
export function htmlToText(html: string): string {
  return html
    .slice(0, MAX_SCAN_CHARS * 3)
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|tr|li|h[1-6]|table|blockquote)\s*>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === "#") {
        const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
      }
      return HTML_ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n[ \n]*/g, "\n")
    .trim();
}

// Reply / forward prefixes in the languages our buyers write in. "AW"/"WG" German, "SV"/"VS" Nordic,
// "RV" Spanish forward, "TR" French forward, "回复/答复/转发" Chinese, "Ответ/Отв/Пересл" Russian, "رد" Arabic.
const SUBJECT_PREFIX =
  /^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|rv|tr|antw|enc|res|r|回复|回覆|答复|转发|轉寄|转|Ответ|Отв|Пересл|رد|إعادة توجيه)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|\[(?:ext|external)\])\s*/i;

/** "Re: Fwd: 回复: Price" -> "Price". */
export function cleanSubject(subject: string | undefined | null): string {
  let text = String(subject ?? "");
  for (let i = 0; i < 20; i++) {
    const next = text.replace(SUBJECT_PREFIX, "");
    if (next === text) break;
    text = next;
  }
  return collapseWhitespace(text);
}

/** True when the subject carries a reply prefix (the message is likely a reply in a thread). */
export function isReplySubject(subject: string | undefined | null): boolean {
  return /^\s*(?:re|aw|sv|vs|antw|res|r|回复|回覆|答复|Ответ|Отв|رد)\s*(?:\[\d+\])?\s*[:：]/i.test(
    String(subject ?? ""),
  );
}

const EMAIL_RE = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[^\s<>()"',;:@]+/;

/**
 * Parses one address as found in a header: `Name <a@b>`, `"Last, First" <a@b>`, `a@b (Name)` or `a@b`.
 * The address comes back lower-cased; undefined when no address is present.
 */
export function parseAddress(raw: string | undefined | null): ParsedAddress | undefined {
  const text = String(raw ?? "").trim();
  if (!text) return undefined;
  const angle = /^(.*?)<\s*([^<>]*?)\s*>\s*(?:\((.*)\))?\s*$/.exec(text);
  if (angle) {
    const address = angle[2].trim().replace(/^mailto:/i, "");
    if (!EMAIL_RE.test(address)) return undefined;
    return { name: unquote(angle[1] || angle[3] || ""), address: address.toLowerCase() };
  }
  const comment = /^([^\s()]+@[^\s()]+)\s*\((.*)\)\s*$/.exec(text);
  if (comment) return { name: unquote(comment[2]), address: comment[1].toLowerCase() };
  const bare = EMAIL_RE.exec(text);
  if (!bare) return undefined;
  return { name: "", address: bare[0].replace(/^mailto:/i, "").toLowerCase() };
}

function unquote(name: string): string {
  return collapseWhitespace(name.replace(/^\s*"(.*)"\s*$/, "$1").replace(/\\(.)/g, "$1"));
}

/** Splits a To/Cc header on commas that are outside quotes and angle brackets. */
export function parseAddressList(raw: string | undefined | null): ParsedAddress[] {
  const text = String(raw ?? "");
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let angle = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "<") angle = true;
    else if (ch === ">") angle = false;
    if ((ch === "," || ch === ";") && !quoted && !angle) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const out: ParsedAddress[] = [];
  for (const part of parts) {
    const parsed = parseAddress(part);
    if (parsed) out.push(parsed);
  }
  return out;
}

// Lines that start the quoted previous message. Everything from here on is history, not news.
const QUOTE_START: RegExp[] = [
  /^-{2,}\s*(?:original message|forwarded message|原始邮件|原始郵件|Исходное сообщение|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}/i,
  /^_{8,}\s*$/, // Outlook's rule above the quoted header block
  /^(?:On|Am|Le|El|Em|Il|Op)\s.{4,200}(?:wrote|schrieb|a écrit|escribió|escreveu|ha scritto|schreef)\s*:\s*$/i,
  /^在.{2,120}(?:写道|寫道)[:：]?\s*$/,
  /^.{2,160}(?:написал|написала|написал\(а\))\s*:\s*$/i,
  /^(?:From|De|Von|Van|Da|От|发件人|寄件者)\s*[:：]\s*\S.*$/i,
];
// A quote header often wraps: "On Mon, 3 Jun 2024 at 10:00, Ann <a@b.com>" / "wrote:".
const WRAPPED_QUOTE_FIRST = /^(?:On|Am|Le|El|Em|Il|Op)\s.{4,200}$/;
const WRAPPED_QUOTE_SECOND = /^.{0,120}(?:wrote|schrieb|a écrit|escribió|escreveu|ha scritto|schreef)\s*:\s*$/i;
const SIGNATURE_START = /^(?:Sent from my \w+.*|Get Outlook for \w+.*|发自我的\S+|Enviado desde mi \S+.*)$/i;

/**
 * A short preview of what the sender actually wrote: quoted history (">" lines, "On … wrote:",
 * "-----Original Message-----", Outlook "From:/Sent:" blocks) and the signature ("-- ") are cut,
 * whitespace collapsed, and the result shortened at a word boundary to at most `maxChars`.
 */
export function summarize(plainBody: string | undefined | null, maxChars = 500): string {
  const body = String(plainBody ?? "").slice(0, MAX_SCAN_CHARS);
  const lines = body.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (kept.length > 0 || trimmed) {
      if (/^--\s*$/.test(line) || SIGNATURE_START.test(trimmed)) break;
      if (QUOTE_START.some((re) => re.test(trimmed))) {
        // A "From:" line only starts a quote when header-ish lines follow (avoid cutting "From: our side…").
        if (/^(?:From|De|Von|Van|Da|От|发件人|寄件者)\s*[:：]/i.test(trimmed) && !looksLikeHeaderBlock(lines, i)) {
          kept.push(trimmed);
          continue;
        }
        break;
      }
      if (WRAPPED_QUOTE_FIRST.test(trimmed) && WRAPPED_QUOTE_SECOND.test((lines[i + 1] ?? "").trim())) break;
      if (trimmed.startsWith(">")) continue;
      kept.push(trimmed);
    }
  }
  return truncateAtWord(collapseWhitespace(kept.join(" ")), maxChars);
}

function looksLikeHeaderBlock(lines: string[], start: number): boolean {
  const window = lines.slice(start + 1, start + 5).join("\n");
  return /^(?:Sent|Date|To|Subject|Gesendet|Envoyé|Enviado|Отправлено|发送时间|日期|收件人|主题)\s*[:：]/im.test(
    window,
  );
}

export function truncateAtWord(text: string, maxChars: number): string {
  if (maxChars <= 0) return "";
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return (space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "") + "…";
}

export type LanguageCode =
  | "zh"
  | "ja"
  | "ko"
  | "en"
  | "es"
  | "fr"
  | "de"
  | "pt"
  | "it"
  | "nl"
  | "tr"
  | "pl"
  | "ru"
  | "uk"
  | "ar"
  | "fa"
  | "he"
  | "th"
  | "el"
  | "hi"
  | "vi"
  | "und";

// Frequent short words that are (mostly) specific to one language. Words shared by several
// languages ("de", "a", "la", "in") are left out or only counted where they are distinctive.
const STOPWORDS: Record<string, string[]> = {
  en: "the and you your for with this that have please price we are our would like is of to".split(" "),
  es: "el los las que por para con una usted precio necesitamos somos nuestra gracias del estamos cotización".split(
    " ",
  ),
  fr: "le les des est pour avec nous vous une votre prix merci sommes notre bonjour cordialement".split(" "),
  de: "der die das und ist für mit wir sie ihr ein eine bitte preis danke nicht unsere grüße angebot".split(" "),
  pt: "os uma não com para você preço obrigado somos nossa gostaríamos cotação olá por favor".split(" "),
  it: "il gli che per con una siamo nostra prezzo grazie vorremmo della sono buongiorno".split(" "),
  nl: "het een van voor met wij zijn onze prijs graag bedankt niet".split(" "),
  tr: "ve bir bu için fiyat teşekkürler lütfen biz merhaba ile".split(" "),
  pl: "się jest nie dla cena dziękuję proszę jesteśmy nasza".split(" "),
  vi: "và của cho chúng tôi giá được không này cảm ơn".split(" "),
};
const STOPWORD_LOOKUP: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const lang of Object.keys(STOPWORDS)) {
    for (const word of STOPWORDS[lang]) {
      const list = map.get(word) ?? [];
      list.push(lang);
      map.set(word, list);
    }
  }
  return map;
})();

/**
 * Guesses the language of a message body. Non-Latin scripts decide first (Han -> zh unless kana present
 * -> ja; Cyrillic -> ru, or uk with і/ї/є; Arabic -> ar, or fa with Persian letters; …); Latin text is
 * scored by distinctive stop words. Returns "und" when the evidence is thin.
 */
export function guessLanguage(text: string | undefined | null): LanguageCode {
  const sample = String(text ?? "").slice(0, 4000);
  let latin = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let cyrillic = 0;
  let ukrainian = 0;
  let arabic = 0;
  let persian = 0;
  let hebrew = 0;
  let thai = 0;
  let greek = 0;
  let devanagari = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
    else if (c >= 0x400 && c <= 0x4ff) {
      cyrillic++;
      if (c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491) ukrainian++;
    } else if (c >= 0x600 && c <= 0x6ff) {
      arabic++;
      if (c === 0x67e || c === 0x686 || c === 0x698 || c === 0x6af) persian++;
    } else if (c >= 0x590 && c <= 0x5ff) hebrew++;
    else if (c >= 0xe00 && c <= 0xe7f) thai++;
    else if (c >= 0x370 && c <= 0x3ff) greek++;
    else if (c >= 0x900 && c <= 0x97f) devanagari++;
  }
  // CJK characters carry a word each, so they count about four Latin letters.
  const scripts: [LanguageCode, number][] = [
    [kana > 0 ? "ja" : "zh", (han + kana) * 4],
    ["ko", hangul * 2],
    [ukrainian > 1 ? "uk" : "ru", cyrillic],
    [persian > 1 ? "fa" : "ar", arabic],
    ["he", hebrew],
    ["th", thai],
    ["el", greek],
    ["hi", devanagari],
  ];
  let best: [LanguageCode, number] = ["und", 0];
  for (const entry of scripts) if (entry[1] > best[1]) best = entry;
  if (best[1] >= 8 && best[1] >= latin * 0.5) return best[0];
  if (latin < 8) return "und";

  const scores: Record<string, number> = {};
  const words = sample.toLowerCase().match(/[a-zà-ɏ]+/g) ?? [];
  for (const word of words) {
    const langs = STOPWORD_LOOKUP.get(word);
    if (!langs) continue;
    for (const lang of langs) scores[lang] = (scores[lang] ?? 0) + 1 / langs.length;
  }
  let first = "und";
  let firstScore = 0;
  let secondScore = 0;
  for (const lang of Object.keys(scores)) {
    const s = scores[lang];
    if (s > firstScore) {
      secondScore = firstScore;
      firstScore = s;
      first = lang;
    } else if (s > secondScore) secondScore = s;
  }
  if (firstScore >= 2 && firstScore > secondScore * 1.5) return first as LanguageCode;
  return "und";
}

export interface Quantity {
  amount: number;
  unit: string;
  /** The matched text, for display ("2,000 units"). */
  text: string;
}

const UNIT_WORDS =
  "pcs|pc|pieces|piece|units|unit|sets|set|pairs|pair|tons|tonnes|ton|mt|kgs|kg|cartons|carton|ctns|ctn|pallets|pallet|rolls|roll|meters|metres|m2|sqm|boxes|box|bags|bag|dozens|dozen|containers|container|unidades|piezas|juegos|pièces|pieces|stück|stk|штук|шт|единиц|قطعة|حبة|件|个|個|套|台|吨|箱|只|条|米|片|双";
const NUMBER = "(\\d{1,3}(?:[,.' ]\\d{3})+|\\d+(?:[.,]\\d+)?)\\s*(k)?";
const LABELLED_QTY = new RegExp(
  "(?:数量|採購量|采购量|quantity|qty|q'ty|order quantity|purchase quantity|cantidad|quantité|menge|количество|الكمية)\\s*[:：]?\\s*(?:about|approx\\.?|around|約|约|大约)?\\s*" +
    NUMBER +
    "\\s*(" +
    UNIT_WORDS +
    ")?",
  "i",
);
const CONTAINER_QTY = /(\d+)\s*[x×*]\s*(20|40|45)\s*'?\s*(gp|hq|hc|ft|dc|rf|ot)?\b/i;
const CONTAINER_WORDS =
  /(\d+|one|two|three|four|five)\s*(?:x\s*)?(20|40|45)\s*(?:'|ft|feet|-foot|foot)?\s*(gp|hq|hc|dc)?\s*containers?/i;
const UNIT_QTY = new RegExp(NUMBER + "\\s*(" + UNIT_WORDS + ")(?![a-z])", "i");
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * Finds the order quantity in free text: "数量: 500", "Quantity: 2,000 units", "1x40HQ",
 * "two 40ft containers", "500 pcs", "5k pieces". Returns undefined when none is found.
 */
export function extractQuantity(text: string | undefined | null): Quantity | undefined {
  const sample = String(text ?? "").slice(0, MAX_SCAN_CHARS);
  const labelled = LABELLED_QTY.exec(sample);
  if (labelled) {
    const amount = parseAmount(labelled[1], labelled[2]);
    if (amount !== undefined) return { amount, unit: normalizeUnit(labelled[3] ?? ""), text: labelled[0].trim() };
  }
  const container = CONTAINER_QTY.exec(sample);
  if (container) {
    return {
      amount: Number(container[1]),
      unit: (container[2] + (container[3] ?? "")).toUpperCase(),
      text: container[0].trim(),
    };
  }
  const containerWords = CONTAINER_WORDS.exec(sample);
  if (containerWords) {
    const n = WORD_NUMBERS[containerWords[1].toLowerCase()] ?? Number(containerWords[1]);
    return {
      amount: n,
      unit: (containerWords[2] + (containerWords[3] ?? "FT")).toUpperCase(),
      text: containerWords[0].trim(),
    };
  }
  const unit = UNIT_QTY.exec(sample);
  if (unit) {
    const amount = parseAmount(unit[1], unit[2]);
    if (amount !== undefined) return { amount, unit: normalizeUnit(unit[3]), text: unit[0].trim() };
  }
  return undefined;
}

function parseAmount(digits: string, thousands?: string): number | undefined {
  let cleaned: string;
  if (/^\d{1,3}(?:[,.' ]\d{3})+$/.test(digits)) cleaned = digits.replace(/[,.' ]/g, "");
  else cleaned = digits.replace(",", ".");
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return undefined;
  return thousands ? value * 1000 : value;
}

function normalizeUnit(unit: string): string {
  const u = unit.toLowerCase();
  if (/^(pcs|pc|pieces|piece|piezas|pièces|stück|stk|штук|шт|قطعة|حبة|件|个|個|只|片)$/.test(u)) return "pcs";
  if (/^(units|unit|unidades|единиц|台)$/.test(u)) return "units";
  if (/^(sets|set|juegos|套)$/.test(u)) return "sets";
  if (/^(tons|tonnes|ton|mt|吨)$/.test(u)) return "t";
  if (/^(cartons|carton|ctns|ctn|箱)$/.test(u)) return "cartons";
  if (/^(containers|container)$/.test(u)) return "containers";
  return u;
}
