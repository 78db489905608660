/**
 * A quote priced and written for the buyer (R2, R3, R4, R8, R9): the products at the buyer's tier, the
 * Incoterm's build-up from the Freight sheet (a component without a row is plainly "on request"), converted
 * once at the dated Settings rate (a currency without a rate is refused by name), and the cover mail in the
 * buyer's language from the Templates sheet. Warnings for the person: MOQ, a tier that did not move the price,
 * old rates, missing company facts, and another open quote to the same company.
 */

import { type Config, readConfig } from "../../app/config";
import type { BuyerLang } from "../../domain/buyer-language";
import type { CellProblem } from "../../domain/cell-problem";
import { type ChargeRowText, parseChargeTable } from "../../domain/freight";
import { FX_KEYS, rateAgeDays } from "../../domain/fx";
import { missingR9Facts } from "../../domain/letters";
import type { MailTemplateRow } from "../../domain/mail-template";
import { companyDomain, isFreeMail, normalizeCompany } from "../../domain/matching";
import { formatMoney, toPlain } from "../../domain/money";
import { namedPlace, type PricedQuote, priceQuote } from "../../domain/pricing";
import type { PricingSettings } from "../../domain/pricing-settings";
import {
  INCOTERMS,
  type Incoterm,
  type MoqWarning,
  PAYMENT_TERMS,
  type PaymentTerm,
  type QuoteItem,
  type QuoteProduct,
  type TierWarning,
} from "../../domain/quote";
import { renderQuoteMail } from "../../domain/quote-text";
import { parseTierPolicy, type Tier, type TierPolicy, tierForCountry } from "../../domain/tiers";
import { addZonedDays, startOfZonedDay, zonedDateKey } from "../../domain/time";
import { type Lang, t } from "../../i18n";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import {
  type Buyer,
  Buyers,
  Freight,
  Inquiries,
  type Inquiry,
  Products,
  type Quote,
  type Quotes,
  Settings,
  type StaffMember,
} from "../../store/schemas";
import type { Table } from "../../store/table";
import {
  buyerFacts,
  buyerLanguage,
  companyOf,
  LetterError,
  pricingSettings,
  type Sender,
  senderFacts,
} from "./letter-context";
import { loadMailTemplates, templateIssueText } from "./templates";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A refusal the person can act on (unknown buyer, bad cells, a currency without a rate), in their language. */
export class QuoteError extends Error {
  constructor(
    readonly code: "not-found" | "invalid",
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join("; ")}` : message);
    this.name = "QuoteError";
  }
}

export interface QuoteInput {
  buyerId: string;
  inquiryId?: string;
  items: QuoteItem[];
  /** Overrides the tier that follows from the buyer's country (R3: a person may override). */
  tier?: Tier;
  currency?: string;
  incoterm?: Incoterm;
  /** The port of loading (Settings quote.port by default). */
  port?: string;
  /** The destination port or named place for CFR, CIF, DAP and DDP. */
  destination?: string;
  /** Where the main carriage ends when that is not the named place (DAP Dubai via Jebel Ali). */
  dischargePort?: string;
  payment?: PaymentTerm;
  leadTime?: string;
  validityDays?: number;
  /** The buyer's language for the mail; by default what they write in. */
  lang?: BuyerLang;
}

/** Hooks the caller uses to refuse early, and what it has already read. */
export interface QuoteChecks {
  onBuyer?: (buyer: Buyer) => void;
  /** Settings already read by the caller (the RPC context), so the job does not read the sheet again. */
  config?: Config;
  /** The reader's language, for refusals and warnings (the RPC caller's). */
  lang?: Lang;
  /** The Staff rows (the sender's name signs the mail). */
  staff?: readonly StaffMember[];
}

/** Settings a quote needs beyond pricing-settings: tiers, defaults. */
export interface QuoteSettings {
  policy: TierPolicy;
  currency: string;
  validityDays: number;
  incoterm: Incoterm;
  port: string;
  payment: PaymentTerm;
  pricing: PricingSettings;
  problems: string[];
}

export function readQuoteSettings(config: Config): QuoteSettings {
  const r = config.reader;
  const problems: string[] = [];
  const policy = parseTierPolicy(
    {
      priceSensitive: r.text("tier.price-sensitive"),
      valueAdded: r.text("tier.value-added"),
      priceSensitiveAdjust: r.text("tier.price-sensitive.adjust"),
      valueAddedAdjust: r.text("tier.value-added.adjust"),
    },
    problems,
  );
  const incoterm = r.text("quote.incoterm").toUpperCase();
  const payment = r.text("quote.payment").toUpperCase();
  if (!(INCOTERMS as readonly string[]).includes(incoterm))
    problems.push(`Settings quote.incoterm: "${incoterm}" is not one of ${INCOTERMS.join(" ")}; using FOB`);
  if (!(PAYMENT_TERMS as readonly string[]).includes(payment))
    problems.push(`Settings quote.payment: "${payment}" is not T/T or L/C; using T/T`);
  const validity = r.number("quote.validityDays");
  const pricing = pricingSettings(config);
  return {
    policy,
    currency: (r.text("quote.currency") || "USD").toUpperCase(),
    validityDays: Number.isInteger(validity) && validity > 0 ? validity : 30,
    incoterm: (INCOTERMS as readonly string[]).includes(incoterm) ? (incoterm as Incoterm) : "FOB",
    port: r.text("quote.port"),
    payment: (PAYMENT_TERMS as readonly string[]).includes(payment) ? (payment as PaymentTerm) : "T/T",
    pricing,
    problems: [...problems, ...pricing.problems],
  };
}

export function productFacts(table: Table<typeof Products>): Map<string, QuoteProduct> {
  const map = new Map<string, QuoteProduct>();
  for (const { row, record: p } of table.rows) {
    if (p.code === "") continue;
    map.set(p.code, {
      code: p.code,
      name: p.name,
      model: p.model,
      spec: p.spec,
      moq: p.moq,
      unit: p.unit,
      currency: p.currency,
      basePrice: p.basePrice,
      tierPrices: p.tierPrices,
      leadTime: p.leadTime,
      catalogueLink: p.catalogueLink,
      priceBasis: p.priceBasis,
      row,
    });
  }
  return map;
}

/** The Freight sheet's rows as typed; a book without the sheet has no charges (everything on request). */
function freightRows(book: Book, tz: string): ChargeRowText[] {
  const table = loadOptionalTable(book, Freight, tz);
  return (table?.rows ?? []).map(({ row, record }) => ({
    destination: record.destination,
    component: record.component,
    basis: record.basis,
    amount: record.amount,
    currency: record.currency,
    loadingPort: record.loadingPort,
    row,
  }));
}

export interface PreparedQuote {
  config: Config;
  settings: QuoteSettings;
  buyers: Table<typeof Buyers>;
  buyer: Buyer;
  inquiry: Inquiry | undefined;
  templates: MailTemplateRow[];
  /** The buyer's language (the mail's), and the reader's (warnings, refusals). */
  lang: BuyerLang;
  readerLang: Lang;
  tierFromCountry: Tier;
  quote: PricedQuote;
  payment: PaymentTerm;
  leadTime: string;
  validityDays: number;
  catalogueLink: string;
  sender: Sender;
  staff: readonly StaffMember[];
  warnings: string[];
}

/** "Headline: reason; reason" with the reader's punctuation. */
export function refusalText(lang: Lang, headline: "quote.cannotPrice" | "tmpl.refused", reasons: string[]): string {
  const zh = lang === "zh-CN";
  return `${t(lang, headline)}${zh ? "：" : ": "}${reasons.join(zh ? "；" : "; ")}`;
}

/** A bad cell named for the reader: sheet, row, column, what is wrong and what it holds. */
function dataIssueText(lang: Lang, p: CellProblem): string {
  return t(lang, "data.issue", {
    sheet: p.sheet,
    row: p.row,
    column: p.column,
    problem: p.problem,
    value: String(p.value),
  });
}

/** The refusal of an unpriceable quote, every cause named in the reader's language. */
function pricingRefusal(
  lang: Lang,
  settings: QuoteSettings,
  r: Extract<ReturnType<typeof priceQuote>, { ok: false }>,
): QuoteError {
  const rates = settings.pricing.rates;
  // One missing base or date refuses every conversion: said once, not per currency.
  const reasons = [
    ...new Set(
      r.missingRates.map((code) =>
        rates.base === ""
          ? t(lang, "quote.noRates", { key: FX_KEYS.base, currency: code })
          : rates.date === ""
            ? t(lang, "quote.noRateDate", { key: FX_KEYS.date, currency: code })
            : t(lang, "quote.noRate", { currency: code, key: FX_KEYS.rate(code), base: rates.base }),
      ),
    ),
  ];
  for (const e of r.errors) {
    const product = /^product (\S+) is not in the Products sheet$/.exec(e);
    if (product) reasons.push(t(lang, "quote.noProduct", { code: product[1] }));
  }
  for (const p of r.problems) reasons.push(dataIssueText(lang, p));
  return new QuoteError("invalid", refusalText(lang, "quote.cannotPrice", reasons));
}

/** Reads what the quote needs (each sheet once) and prices it; throws a QuoteError the person can act on. */
export function prepareQuote(
  book: Book,
  input: QuoteInput,
  sender: Sender,
  now: Date,
  checks: QuoteChecks,
): PreparedQuote {
  const config = checks.config ?? readConfig(loadTable(book, Settings, "UTC"));
  const readerLang = checks.lang ?? config.lang;
  const tz = config.timeZone;
  const settings = readQuoteSettings(config);
  const { buyers, buyer, inquiries, inquiry } = quoteBuyerAndInquiry(book, input, tz, readerLang, checks);
  const country = buyer.country || inquiry?.country || "";
  const priced = priceItems(book, input, settings, country, now, tz, readerLang);
  const templates = loadMailTemplates(book, tz);
  const lang = input.lang ?? buyerLanguage(buyer, inquiry, inquiries, templates);
  const { company, catalogueLink } = companyOf(config);
  const warnings = [...config.problems, ...settings.problems];
  for (const p of priced.chargeProblems) warnings.push(dataIssueText(readerLang, p));
  for (const key of missingR9Facts(company)) warnings.push(t(readerLang, "quote.r9Missing", { key }));
  if (priced.incoterm !== "EXW" && priced.incoterm !== "FOB" && (input.destination ?? "").trim() === "")
    warnings.push(t(readerLang, "quote.noDestination", { term: priced.incoterm, country: country || "–" }));
  if (priced.loadingPort === "") warnings.push(t(readerLang, "quote.noLoadingPort"));
  const lines = priced.quote.lines;
  const productLinks = [...new Set(lines.map((l) => l.catalogueLink).filter((x) => x !== ""))];
  const leadTimes = [...new Set(lines.map((l) => l.leadTime).filter((x) => x !== ""))];
  return {
    config,
    settings,
    buyers,
    buyer,
    inquiry,
    templates,
    lang,
    readerLang,
    tierFromCountry: priced.tierFromCountry,
    quote: priced.quote,
    payment: input.payment ?? settings.payment,
    leadTime: (input.leadTime ?? (leadTimes.length === 1 ? leadTimes[0] : "")).trim(),
    validityDays: input.validityDays ?? settings.validityDays,
    catalogueLink: catalogueLink || productLinks.join(" "),
    sender,
    staff: checks.staff ?? [],
    warnings,
  };
}

/** The buyer and the inquiry the quote answers; a missing one, or another buyer's inquiry, is refused. */
function quoteBuyerAndInquiry(book: Book, input: QuoteInput, tz: string, readerLang: Lang, checks: QuoteChecks) {
  const buyers = loadTable(book, Buyers, tz);
  const buyer = buyers.byId.get(input.buyerId)?.record;
  if (!buyer)
    throw new QuoteError(
      "not-found",
      t(readerLang, "error.notFound", { what: t(readerLang, "sb.buyer"), id: input.buyerId }),
    );
  checks.onBuyer?.(buyer);
  const inquiries = loadOptionalTable(book, Inquiries, tz);
  let inquiry: Inquiry | undefined;
  if (input.inquiryId) {
    inquiry = inquiries?.byId.get(input.inquiryId)?.record;
    if (!inquiry)
      throw new QuoteError(
        "not-found",
        t(readerLang, "error.notFound", { what: t(readerLang, "sb.inquiry"), id: input.inquiryId }),
      );
    if (inquiry.buyerId !== "" && inquiry.buyerId !== buyer.id)
      throw new QuoteError(
        "invalid",
        t(readerLang, "quote.otherBuyer", { inquiry: inquiry.id, buyer: inquiry.buyerId }),
      );
  }
  return { buyers, buyer, inquiries, inquiry };
}

/** Prices the items at the buyer's tier (or the one chosen) on the terms asked for, or refuses naming each cause. */
function priceItems(
  book: Book,
  input: QuoteInput,
  settings: QuoteSettings,
  country: string,
  now: Date,
  tz: string,
  readerLang: Lang,
) {
  if (input.items.length === 0) throw new QuoteError("invalid", t(readerLang, "sb.q.needItem"));
  const products = productFacts(loadTable(book, Products, tz));
  const charges = parseChargeTable(freightRows(book, tz));
  const tierFromCountry = tierForCountry(country, settings.policy);
  const incoterm = input.incoterm ?? settings.incoterm;
  const loadingPort = (input.port ?? settings.port).trim();
  const priced = priceQuote({
    items: input.items,
    products,
    tier: input.tier ?? tierFromCountry,
    policy: settings.policy,
    currency: (input.currency ?? settings.currency).toUpperCase(),
    defaultCurrency: settings.currency,
    defaultBasis: settings.pricing.priceBasis,
    incoterm,
    loadingPort,
    destination: { port: (input.destination ?? "").trim(), country, dischargePort: input.dischargePort?.trim() },
    charges: charges.rates,
    rates: settings.pricing.rates,
    today: zonedDateKey(now, tz),
    maxRateAgeDays: settings.pricing.maxRateAgeDays,
  });
  if (!priced.ok) throw pricingRefusal(readerLang, settings, priced);
  return { quote: priced.quote, tierFromCountry, incoterm, loadingPort, chargeProblems: charges.problems };
}

export interface QuotePreview {
  /** The number it will get (provisional until saved: someone else may save first). */
  number: string;
  subject: string;
  text: string;
  /** The buyer's language the mail is written in. */
  lang: BuyerLang;
  tier: Tier;
  tierFromCountry: Tier;
  currency: string;
  incoterm: Incoterm;
  port: string;
  destination: string;
  payment: PaymentTerm;
  validUntil: string;
  /** The total as a plain amount ("" when not even the goods make one term) and the term it covers. */
  total: string;
  totalTerm: string;
  /** "USD 6,250.00 CIF Jebel Ali", or what is on request, for the person. */
  totalText: string;
  complete: boolean;
  onRequest: string[];
  /** The date of the exchange rate used, "" when nothing was converted. */
  rateDate: string;
  lines: { code: string; qty: number; unitPrice: string; amount: string }[];
  moqWarnings: (MoqWarning & { message: string })[];
  /** R3: a tier that did not move the price, said to the person (never to the buyer). */
  tierWarnings: (TierWarning & { message: string })[];
  /** Other open quotes to the same company (this buyer or a colleague of theirs). */
  openQuotes: { id: string; buyerId: string; message: string }[];
  /** Settings problems, empty company facts, old rates: not blocking, shown to the person. */
  warnings: string[];
}

const MOQ_TEXT: Record<Lang, (w: MoqWarning) => string> = {
  en: (w) => `${w.code}: ${w.qty} is below the MOQ of ${w.moq}`,
  "zh-CN": (w) => `${w.code}：数量 ${w.qty} 低于最小起订量 ${w.moq}`,
};

/** Open quotes (draft or sent, still valid) to this buyer or to buyers of the same company. */
export function openQuotesToCompany(
  buyer: Buyer,
  buyers: Table<typeof Buyers>,
  quotes: Table<typeof Quotes>,
  today: Date,
): Quote[] {
  const domains = (b: Buyer) =>
    [b.email, ...b.otherEmails.split(/[,;\s]+/)]
      .map((a) => (a.includes("@") && !isFreeMail(a) ? companyDomain(a) : ""))
      .filter((d) => d !== "");
  const mine = new Set(domains(buyer));
  const company = normalizeCompany(buyer.company);
  const sameCompany = (b: Buyer) =>
    b.id === buyer.id ||
    domains(b).some((d) => mine.has(d)) ||
    (company !== "" && normalizeCompany(b.company) === company);
  const colleagues = new Set(
    buyers.rows
      .map((r) => r.record)
      .filter(sameCompany)
      .map((b) => b.id),
  );
  return quotes.rows
    .map((r) => r.record)
    .filter(
      (q) =>
        colleagues.has(q.buyerId) &&
        (q.status === "draft" || q.status === "sent") &&
        (!q.validUntil || q.validUntil.getTime() >= today.getTime()),
    );
}

function staffTotal(q: PricedQuote): string {
  const term = q.totalTerm ? `${q.totalTerm} ${namedPlace(q.totalTerm, q.loadingPort, q.destination)}`.trim() : "";
  return q.total ? `${formatMoney(q.total, q.currency)} ${term}`.trim() : "";
}

/** The cover mail with the quotation in the buyer's language, and what the person should check. */
export function renderPrepared(
  p: PreparedQuote,
  number: string,
  now: Date,
  quotes: Table<typeof Quotes>,
): QuotePreview {
  const tz = p.config.timeZone;
  const rl = p.readerLang;
  const validUntil = zonedDateKey(addZonedDays(now, p.validityDays, tz), tz);
  const q = p.quote;
  const mail = quoteMailOrRefuse(p, number, now, validUntil);
  const warnings = [...p.warnings];
  const age = q.rates ? rateAgeDays(p.settings.pricing.rates, zonedDateKey(now, tz)) : undefined;
  if (q.rates && age !== undefined && age > p.settings.pricing.maxRateAgeDays)
    warnings.push(t(rl, "quote.oldRates", { days: age, date: q.rates.date }));
  const openQuotes = openQuoteNotes(p, quotes, startOfZonedDay(now, tz));
  return {
    number,
    subject: mail.subject,
    text: mail.body,
    lang: mail.language,
    tier: q.tier,
    tierFromCountry: p.tierFromCountry,
    currency: q.currency,
    incoterm: q.incoterm,
    port: q.loadingPort,
    destination: q.destination.port,
    payment: p.payment,
    validUntil,
    total: q.total ? toPlain(q.total) : "",
    totalTerm: q.totalTerm ?? "",
    totalText: staffTotal(q) || t(rl, "quote.onRequestOnly"),
    complete: q.complete,
    onRequest: q.onRequest,
    rateDate: q.rates?.date ?? "",
    lines: q.lines.map((l) => ({
      code: l.code,
      qty: l.qty,
      unitPrice: toPlain(l.unitPrice),
      amount: toPlain(l.amount),
    })),
    moqWarnings: q.moqWarnings.map((w) => ({ ...w, message: MOQ_TEXT[rl](w) })),
    tierWarnings: q.tierWarnings.map((w) => ({
      ...w,
      message: t(rl, w.tier === "value-added" ? "quote.tierValueAdded" : "quote.tierPriceSensitive", { code: w.code }),
    })),
    openQuotes,
    warnings,
  };
}

/** The cover mail from the Templates sheet; a template that cannot be filled is refused with its issues. */
function quoteMailOrRefuse(p: PreparedQuote, number: string, now: Date, validUntil: string) {
  const tz = p.config.timeZone;
  const rl = p.readerLang;
  const mail = renderQuoteMail({
    templates: p.templates,
    lang: p.lang,
    quote: p.quote,
    facts: {
      number,
      date: zonedDateKey(now, tz),
      validUntil,
      buyerCompany: p.buyer.company,
      payment: p.payment,
      leadTime: p.leadTime,
    },
    buyer: buyerFacts(p.buyer),
    sender: senderFacts(p.sender, p.staff),
    company: companyOf(p.config).company,
    catalogueLink: p.catalogueLink,
  });
  if (!mail.ok)
    throw new QuoteError(
      "invalid",
      refusalText(
        rl,
        "tmpl.refused",
        mail.issues.map((i) => templateIssueText(i, rl)),
      ),
    );
  return mail;
}

/** Other open quotes to the buyer's company, each named for the person with who it went to and who made it. */
function openQuoteNotes(p: PreparedQuote, quotes: Table<typeof Quotes>, today: Date): QuotePreview["openQuotes"] {
  const rl = p.readerLang;
  return openQuotesToCompany(p.buyer, p.buyers, quotes, today).map((o) => {
    const who = p.buyers.byId.get(o.buyerId)?.record;
    const name = [who?.name, who?.company].filter((x) => x && x.trim() !== "").join(", ") || who?.email || o.buyerId;
    return {
      id: o.id,
      buyerId: o.buyerId,
      message: t(rl, o.buyerId === p.buyer.id ? "quote.openSameBuyer" : "quote.openSameCompany", {
        id: o.id,
        status: t(rl, o.status === "sent" ? "sb.q.status.sent" : "sb.q.status.draft"),
        buyer: name,
        by: o.by,
      }),
    };
  });
}

export { LetterError };
