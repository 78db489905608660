/**
 * What a buyer's sample request says about the courier (R27), read from the buyer's own words only (never our
 * quoted text below): a courier account number they gave (DHL, FedEx, UPS, TNT) is used, not asked for again;
 * and an offer to pay the courier ("freight collect", "运费我们到付", "port dû"…) marks a promising buyer.
 */
import { ownWords } from "./own-words";

export const COURIERS = ["DHL", "FedEx", "UPS", "TNT"] as const;
export type Courier = (typeof COURIERS)[number];

export interface CourierAccount {
  courier: Courier;
  /** As the courier writes it: digits without separators, or UPS's six characters upper-cased. */
  account: string;
}

const COURIER_NAMES: Record<Courier, RegExp> = {
  DHL: /\bdhl\b|敦豪/gi,
  FedEx: /\bfed-?ex\b|联邦快递/gi,
  UPS: /\bups\b/gi,
  TNT: /\btnt\b/gi,
};

/** Words that make a number an account rather than a tracking number or a phone. */
const ACCOUNT_WORD =
  /\b(account|acct|a\/c|acc(?:ount)? ?(?:no|number|#)|collect)\b|账号|帐号|账户|帐户|到付|\bcuenta\b|\bcompte\b|\bconta\b|сч[её]т|аккаунт|حساب/i;
const NOT_ACCOUNT =
  /\b(tracking|track|waybill|awb|shipment no|phone|tel|mobile|whatsapp)\b|运单|单号|电话|手机|rastreo|suivi|rastreamento|трек|телефон|تتبع|هاتف/i;

/** Account number shapes: DHL Express and FedEx 9 digits, TNT 6 to 9, UPS 6 letters and digits. */
function accountShape(courier: Courier, token: string): string | undefined {
  const digits = token.replace(/[\s-]/g, "");
  if (courier === "UPS") {
    const t = digits.toUpperCase();
    return /^[A-Z0-9]{6}$/.test(t) && /\d/.test(t) ? t : undefined;
  }
  if (!/^\d+$/.test(digits)) return undefined;
  if (courier === "TNT") return digits.length >= 6 && digits.length <= 9 ? digits : undefined;
  return digits.length === 9 ? digits : undefined;
}

/** A run of digits (spaces and dashes allowed) or six letters and digits; not part of a decimal, a URL or a phone. */
const TOKEN = /(?<![\w+/.])(?:\d[\d -]{4,13}\d|[A-Za-z0-9]{6})(?![\w/]|[.,]\d)/g;

const PHONE = /\+\s?\d[\d\s().-]{6,}\d/g;

/** Sentences and lines: an account number belongs with the courier named next to it. */
function segments(text: string): string[] {
  // "account no. 960123456": the period of an abbreviation ends no sentence.
  return text.split(/\n|(?<=[.!?。！？;；])(?<!\b(?:no|nr|nº|acc|acct|tel|ref)\.)\s+/i).filter((s) => s.trim() !== "");
}

/**
 * Courier accounts the buyer gave, in the order written. A number counts only next to a courier's name and
 * an account word ("account", "账号", "cuenta", "compte", "conta", "счёт", "حساب"), never in a line about
 * tracking or a phone, and only in the courier's account shape.
 */
export function findCourierAccounts(body: string): CourierAccount[] {
  const found: CourierAccount[] = [];
  // Phone numbers first out: "+971 50 123 4567" holds a nine-digit run that is nobody's account.
  const text = ownWords(body).replace(PHONE, " ");
  for (const segment of segments(text)) {
    if (!ACCOUNT_WORD.test(segment) || NOT_ACCOUNT.test(segment)) continue;
    const names: { courier: Courier; at: number }[] = [];
    for (const courier of COURIERS)
      for (const m of segment.matchAll(COURIER_NAMES[courier])) names.push({ courier, at: m.index ?? 0 });
    if (names.length === 0) continue;
    for (const m of segment.matchAll(TOKEN)) {
      const at = m.index ?? 0;
      // The courier named closest before the number, else the closest after it.
      const before = names.filter((n) => n.at < at).sort((a, b) => b.at - a.at)[0];
      const after = names.filter((n) => n.at > at).sort((a, b) => a.at - b.at)[0];
      const courier = (before ?? after)?.courier;
      if (!courier) continue;
      const account = accountShape(courier, m[0]);
      if (account && !found.some((f) => f.courier === courier && f.account === account))
        found.push({ courier, account });
    }
  }
  return found;
}

/** "We pay the courier" in the languages buyers write in. */
const OFFERS: readonly { pattern: RegExp; negation: RegExp }[] = [
  {
    pattern:
      /\bfreight[- ]collect\b|\bcollect (?:freight|shipment|basis)\b|\b(?:we|i)(?: will|'ll| can| shall| would)? (?:pay|cover|bear) (?:for )?(?:the |your )?(?:freight|courier|shipping|postage|express|delivery|sample freight)|\b(?:at|on) our (?:own )?(?:cost|expense|account)\b|\b(?:bill|charge) (?:it |the freight )?to our (?:account|dhl|fedex|ups|tnt)|\bour (?:dhl|fedex|ups|tnt)(?: express)? account\b|\b(?:receiver|consignee) pays\b/i,
    negation: /\b(?:not|cannot|can't|won't|don't|do not|unable to|never)\b[^.,;\n]{0,25}$/i,
  },
  {
    pattern:
      /运费我们到付|运费到付|快递到付|到付|(?:我们|我方|我司)(?:来)?(?:支付|承担|付|出)(?:快递费|运费)|(?:运费|快递费)(?:由)?(?:我们|我方|我司)(?:来)?(?:支付|承担|付|出)/,
    negation: /(?:不|无法|不能|没法|不可以)[^。\n]{0,4}$/,
  },
  {
    pattern:
      /\bflete (?:por cobrar|a cobrar|pagadero en destino)\b|\bportes? debidos?\b|\b(?:nosotros )?(?:pagamos|pagaremos|cubrimos|cubriremos|asumimos|asumiremos) (?:el |los )?(?:flete|env[ií]o|courier|gastos de env[ií]o)|\ba nuestro cargo\b|\bcon nuestra cuenta\b/i,
    negation: /\bno\b[^.\n]{0,20}$/i,
  },
  {
    pattern:
      /\bfrete a (?:cobrar|pagar)\b|\b(?:nós )?(?:pagamos|pagaremos|arcamos|arcaremos) (?:com )?(?:o )?(?:frete|envio|courier)|\b(?:frete )?por nossa conta\b/i,
    negation: /(?<![\p{L}])não(?![\p{L}])[^.\n]{0,20}$/iu,
  },
  {
    pattern:
      /\bport d[ûu](?![\p{L}])|\bnous (?:payons|paierons|prenons en charge|prendrons en charge) (?:le |les )?(?:port|transport|frais de port|frais d'envoi|coursier)|(?<![\p{L}])[àa] nos frais\b|\bsur notre compte\b/iu,
    negation: /\b(?:ne|n')[^.\n]{0,20}$|\bpas\b[^.\n]{0,10}$/i,
  },
  {
    pattern:
      /оплат[аоуые][а-яё]* (?:получател[а-яё]+|за сч[её]т получателя)|за сч[её]т получателя|(?:мы )?оплатим (?:доставку|пересылку|курьера|отправку)|(?:доставку|пересылку) оплатим|за наш сч[её]т/i,
    negation: /(?:^|\s)не\s[^.\n]{0,15}$/i,
  },
  {
    pattern:
      /الشحن على (?:حسابنا|حساب المستلم|نفقتنا)|على حساب المستلم|(?:سندفع|ندفع|نتحمل|سنتحمل) (?:تكلفة|رسوم|أجرة|مصاريف|تكاليف) (?:الشحن|البريد السريع|الشحنة)/,
    negation: /(?:لا|لن|لم)\s[^.\n]{0,10}$/,
  },
];

export interface CourierOffer {
  offers: boolean;
  /** The buyer's words that made it an offer ("we pay the freight", "运费我们到付", or the account line). */
  evidence: string[];
}

/**
 * Whether the buyer offers to pay the courier themselves (R27: very promising): an offer phrase not negated
 * just before ("we cannot pay the freight" is no offer), or a courier account given for the sample.
 */
export function buyerOffersCourier(body: string): CourierOffer {
  const own = ownWords(body);
  const evidence: string[] = [];
  for (const { pattern, negation } of OFFERS) {
    const m = pattern.exec(own);
    if (!m) continue;
    const before = own.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
    if (negation.test(before)) continue;
    evidence.push(m[0]);
  }
  for (const a of findCourierAccounts(body)) evidence.push(`${a.courier} ${a.account}`);
  return { offers: evidence.length > 0, evidence };
}

export interface SampleMailFacts extends CourierOffer {
  accounts: CourierAccount[];
  /** The account to ship on: the first one the buyer gave. */
  account?: CourierAccount;
}

/** Both readings of one sample request mail. */
export function readSampleMail(body: string): SampleMailFacts {
  const accounts = findCourierAccounts(body);
  const offer = buyerOffersCourier(body);
  return { ...offer, accounts, account: accounts[0] };
}
