/**
 * The greeting line of a mail to a buyer, in the buyer's language. The name comes from the Buyers sheet,
 * which intake fills from mail headers, platform notices and faxes, so it may hold a fax gateway ("eFax
 * Corporate"), a placeholder ("Customer", "客户", "{{name}}"), a mailbox ("info", "john.smith85") or
 * nothing. None of those is greeted: the buyer gets the language's neutral greeting instead.
 */
import type { BuyerLang } from "./buyer-language";

/** Fax-to-mail services whose name lands in the From header of a faxed inquiry (R26). */
const GATEWAY_NAMES =
  /\b(e-?fax|my-?fax|ring-?central|fax\.?plus|metro-?fax|sr-?fax|inter-?fax|hello-?fax|fax2mail|faxage|mfax|j2 global|popfax|faxzero|fax to e-?mail|fax-to-mail)\b/i;
const GATEWAY_DOMAINS =
  /(^|[@.])(efax\.com|efaxsend\.com|myfax\.com|ringcentral\.com|fax\.plus|metrofax\.com|srfax\.com|interfax\.net|hellofax\.com|fax2mail\.com|faxage\.com|j2\.com|popfax\.com)$/i;

/** Whether a display name or address belongs to a fax gateway rather than a person. */
export function isFaxGateway(nameOrAddress: string): boolean {
  const s = String(nameOrAddress ?? "").trim();
  return GATEWAY_NAMES.test(s) || GATEWAY_DOMAINS.test(s.toLowerCase());
}

/** Words that stand in for a name: never greet "Dear Customer" or "Dear Purchasing". */
const PLACEHOLDERS = new Set(
  [
    "customer",
    "client",
    "buyer",
    "sir",
    "madam",
    "sir or madam",
    "sir madam",
    "dear",
    "friend",
    "purchasing",
    "purchase",
    "purchaser",
    "purchasing manager",
    "purchasing department",
    "procurement",
    "manager",
    "sales",
    "info",
    "admin",
    "office",
    "contact",
    "unknown",
    "n a",
    "na",
    "none",
    "null",
    "undefined",
    "test",
    "name",
    "your name",
    "first name",
    "full name",
    "xxx",
    "mr",
    "mrs",
    "ms",
    "客户",
    "买家",
    "采购",
    "先生",
    "女士",
    "经理",
    "您好",
    "cliente",
    "comprador",
    "señor",
    "senor",
    "señora",
    "estimado cliente",
    "monsieur",
    "madame",
    "acheteur",
    "senhor",
    "senhora",
    "покупатель",
    "клиент",
    "господин",
    "عميل",
    "مشتري",
    "السيد",
  ].map((w) => w.normalize("NFKC")),
);

/** A department or job title where a name should be: "Purchasing Dept.", "Import Manager", "Sales Team". */
const ROLE =
  /^(?:purchas\w*|procurement|import\w*|export\w*|sales|sourcing|buying|logistics)(?: (?:dept|department|team|manager|office|division))?$/;

export type NameVerdict =
  | { usable: true; name: string }
  | { usable: false; reason: "empty" | "gateway" | "placeholder" | "local-part" | "address" };

function words(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The name a greeting may use, or why not. A name equal to the address's local part is a mailbox ("info",
 * "john.smith85", "jsmith") unless it is written like a name ("John", "John Smith" for john.smith@).
 */
export function greetingName(name: string | undefined | null, email = ""): NameVerdict {
  let n = String(name ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, "")
    .trim();
  // "Ahmed Saleh via eFax", "Ahmed Saleh (RingCentral)", "Ahmed (Sales)": the person is named first.
  n = n
    .replace(/\s+(?:via|by)\s+.*$/i, (tail) => (isFaxGateway(tail) ? "" : tail))
    .replace(/(\S)\s*[([][^()[\]]*[)\]]?\s*$/, "$1")
    .trim();
  if (n === "") return { usable: false, reason: "empty" };
  if (isFaxGateway(n)) return { usable: false, reason: "gateway" };
  if (/@/.test(n)) return { usable: false, reason: "address" };
  if (/[{}[\]<>%$#|]/.test(n) || !/\p{L}/u.test(n) || PLACEHOLDERS.has(words(n)) || ROLE.test(words(n)))
    return { usable: false, reason: "placeholder" };
  const local = String(email ?? "")
    .trim()
    .toLowerCase()
    .split("@")[0];
  if (local !== "" && words(n) === words(local)) {
    const writtenLikeAName = /^\p{Lu}/u.test(n) && !/[\d._+]/.test(n);
    if (!writtenLikeAName) return { usable: false, reason: "local-part" };
  }
  return { usable: true, name: n };
}

/** Chinese runs straight into a Chinese name; any other script gets a space. */
const HAN_START = /^\p{Script=Han}/u;

/** "Dear Ahmed Saleh," / "Dear Sir or Madam," and the six other languages' equivalents. */
export function greetingLine(lang: BuyerLang, name: string): string {
  const n = name.trim();
  switch (lang) {
    case "zh-CN":
      return n ? `尊敬的${HAN_START.test(n) ? n : ` ${n}`}：` : "尊敬的客户：";
    case "es":
      return n ? `Estimado/a ${n}:` : "Estimados señores:";
    case "fr":
      return n ? `Bonjour ${n},` : "Madame, Monsieur,";
    case "pt":
      return n ? `Prezado(a) ${n},` : "Prezados senhores,";
    case "ru":
      return n ? `Здравствуйте, ${n}!` : "Добрый день!";
    case "ar":
      return n ? `عزيزي/عزيزتي ${n}،` : "السادة الكرام،";
    default:
      return n ? `Dear ${n},` : "Dear Sir or Madam,";
  }
}

/** The greeting for a buyer: their name when it is one, else the neutral form. */
export function greetingFor(lang: BuyerLang, name: string | undefined | null, email = ""): string {
  const verdict = greetingName(name, email);
  return greetingLine(lang, verdict.usable ? verdict.name : "");
}
