/**
 * Phone and fax numbers in mail text (R22: a caller or a fax is looked up by number; R26: a fax is answered by
 * fax). Numbers are read with libphonenumber-js and its metadata minus the formatting rules (we only ever write
 * E.164, see scripts/gen-identity-data.ts), so a number's country comes from its country code, never a guess.
 */
import { type CountryCode, type MetadataJson, parsePhoneNumberFromString } from "libphonenumber-js/core";
import metadataJson from "./data/phone-metadata.json";

const METADATA = metadataJson as unknown as MetadataJson;

export type PhoneKind = "phone" | "mobile" | "fax" | "whatsapp";

export interface PhoneRead {
  /** "+97145550199". */
  e164: string;
  /** ISO 3166 alpha-2 of the number's country ("" when the country code is shared and the number does not say). */
  country: string;
  /** "971". */
  callingCode: string;
}

export type PhoneResult = ({ ok: true } & PhoneRead) | { ok: false; problem: string };

const MAX_PHONE_TEXT = 40;

/**
 * Reads one written number: "+971 4 555 0199", "0049 (0)30 1234567", "(+86) 755-2345 6789". A number without a
 * country code is read only when `defaultCountry` is given (the country already known from other evidence).
 */
export function readPhone(raw: string | undefined | null, defaultCountry?: string): PhoneResult {
  const text = String(raw ?? "")
    .trim()
    .slice(0, MAX_PHONE_TEXT * 2);
  const cleaned = text
    .replace(/(?:ext\.?|extension|x|#|分机|轉|转|доб\.?)\s*\d+\s*$/i, "")
    .replace(/^\(\s*\+\s*(\d+)\s*\)/, "+$1 ")
    .replace(/^\+\s+/, "+")
    .replace(/^00(?=[1-9])/, "+")
    .trim();
  const digits = cleaned.replace(/\D/g, "");
  if (digits.length < 6) return { ok: false, problem: `too few digits in '${text}'` };
  const international = cleaned.startsWith("+");
  const fallback = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  if (!international && !fallback) return { ok: false, problem: `phone has no country code: '${text}'` };
  let number: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    number = parsePhoneNumberFromString(cleaned, international ? {} : { defaultCountry: fallback }, METADATA);
  } catch {
    number = undefined;
  }
  if (!number) {
    return {
      ok: false,
      problem: international ? `unknown country code in '${text}'` : `not a ${fallback} number: '${text}'`,
    };
  }
  if (!number.isPossible()) return { ok: false, problem: `wrong length for +${number.countryCallingCode}: '${text}'` };
  return {
    ok: true,
    e164: number.number,
    country: number.country ?? soleCountry(number.countryCallingCode),
    callingCode: number.countryCallingCode,
  };
}

/** The country of a calling code that only one country uses ("971" -> "AE"); "" for shared ones ("1", "7"). */
function soleCountry(callingCode: string): string {
  const countries = (METADATA as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes[
    callingCode
  ];
  return countries && countries.length === 1 ? countries[0] : "";
}

export interface PhoneFound {
  kind: PhoneKind;
  /** The number as written. */
  text: string;
  /** The label it was written after ("Tel", "电话", "Факс"), "" when none. */
  label: string;
}

// Labels in our ten languages. A label decides the kind; a number with none counts only when it starts with "+".
const LABELS: [PhoneKind, RegExp][] = [
  ["fax", /^(?:fax|telefax|facsimile|f|传真|傳真|факс|فاكس|ファックス|팩스|số fax)$/i],
  ["whatsapp", /^(?:whats\s*app|wa|wechat|微信|viber|line)$/i],
  [
    "mobile",
    /^(?:mob(?:ile)?|mb|m|cell(?:ular)?|cel|celular|móvil|movil|portable|handy|mobil|手机|手機|моб(?:ильный)?|сот(?:овый)?|جوال|موبايل|الجوال|di động|dđ|hp|휴대폰|핸드폰|휴대전화|h\.p)$/i,
  ],
  [
    "phone",
    /^(?:tel(?:ephone)?|phone|ph|t|p|direct|office|landline|电话|電話|座机|teléfono|telefono|telefone|fone|tél(?:éphone)?|telefon|тел(?:ефон)?|т|هاتف|الهاتف|ت|điện thoại|đt|dt|sđt|sdt|전화(?:번호)?|tel\.?\s*\/\s*fax|тел\.?\s*\/\s*факс)$/i,
  ],
];

const NUMBER = /(?:\(\s*\+?\d{1,4}\s*\)\s*|\+\s?)?\d[\d\s().\-/]{5,24}\d/g;

/**
 * Numbers in a block of text (a signature, a fax cover): each labelled number, and each unlabelled one written
 * with "+"/"00". "Tel/Fax" counts as a phone. Dates, prices and order numbers have no label and no "+".
 */
export function findPhones(text: string): PhoneFound[] {
  const found: PhoneFound[] = [];
  for (const rawLine of String(text ?? "")
    .slice(0, 4000)
    .split(/\r?\n/)) {
    // One line may hold several fields: "Tel: +971 4 1 | Fax: +971 4 2", "T +49 30 1 · M +49 171 2".
    for (const part of rawLine.split(/\s[|·•]\s|\s{3,}|\t|;\s/)) {
      NUMBER.lastIndex = 0;
      let m: RegExpExecArray | null = NUMBER.exec(part);
      let from = 0;
      while (m) {
        const before = part.slice(from, m.index);
        const kind = kindOfLabel(before);
        const written = m[0].trim();
        const international = /^(?:\(\s*)?(?:\+|00[1-9])/.test(written);
        if (kind || international) found.push({ kind: kind?.kind ?? "phone", text: written, label: kind?.label ?? "" });
        from = m.index + m[0].length;
        m = NUMBER.exec(part);
      }
    }
  }
  return found;
}

function kindOfLabel(before: string): { kind: PhoneKind; label: string } | undefined {
  const tail = before.replace(/[\s:：.,\-–()[\]]+$/, "").trim();
  const m = /([\p{L}][\p{L}\s.'/&]{0,24})$/u.exec(tail);
  if (!m) return undefined;
  // Try the last word, then the last two and three ("Số điện thoại", "Tel / Fax").
  const wordsOfLabel = m[1].trim().split(/\s+/);
  for (let n = Math.min(3, wordsOfLabel.length); n >= 1; n--) {
    const label = wordsOfLabel.slice(-n).join(" ").replace(/\.$/, "");
    for (const [kind, re] of LABELS) if (re.test(label)) return { kind, label };
  }
  return undefined;
}
