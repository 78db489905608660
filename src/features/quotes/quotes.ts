/**
 * Quotes (R2, R3, R8, R9, R30, R31): build a plain-text quotation for a buyer, save it as Q-yyyy-nnnn with a
 * Gmail draft reply in the inquiry's thread (a person reviews and sends it), and mark it sent, which answers
 * the inquiry (R8). Each function reads each sheet once; saving must run under the document lock.
 */

import { type Config, describeIssue, readConfig } from "../../app/config";
import { type Decimal, formatMoney, toPlain } from "../../domain/money";
import {
  type CompanyProfile,
  INCOTERMS,
  type Incoterm,
  itemsCell,
  type MoqWarning,
  PAYMENT_TERMS,
  type PaymentTerm,
  type PricedLine,
  priceItems,
  type QuoteItem,
  type QuoteProduct,
  R9_KEYS,
  renderQuote,
} from "../../domain/quote";
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS, type TemplateKind, type TemplateRow } from "../../domain/quote-template";
import { responseHours } from "../../domain/sla";
import { parseTierPolicy, type Tier, type TierPolicy, tierForCountry } from "../../domain/tiers";
import { addZonedDays, startOfZonedDay, zonedDateKey, zonedParts } from "../../domain/time";
import { createDraft, createDraftInThread } from "../../gas/drafts";
import type { Lang } from "../../i18n";
import type { DataIssue } from "../../store/cells";
import { allocateIds, IdCounter, quoteSeries } from "../../store/ids";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import {
  type Buyer,
  Buyers,
  Inquiries,
  type Inquiry,
  Products,
  type Quote,
  Quotes,
  Settings,
  Templates,
} from "../../store/schemas";
import { appendOnlyTable, emptyRecord, type Table, TableWriter } from "../../store/table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A refusal the person can act on: unknown buyer, bad cells (with sheet/row/column/value), bad input. */
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
  port?: string;
  payment?: PaymentTerm;
  leadTime?: string;
  validityDays?: number;
  lang?: Lang;
}

export interface Sender {
  email: string;
  name: string;
}

export interface QuotePreview {
  /** The number it will get (provisional until saved: someone else may save first). */
  number: string;
  subject: string;
  text: string;
  lang: Lang;
  tier: Tier;
  tierFromCountry: Tier;
  currency: string;
  incoterm: Incoterm;
  port: string;
  payment: PaymentTerm;
  validUntil: string;
  total: string;
  totalText: string;
  lines: { code: string; qty: number; unitPrice: string; amount: string }[];
  moqWarnings: (MoqWarning & { message: string })[];
  /** Settings problems and empty R9 company fields: not blocking, shown to the person. */
  warnings: string[];
}

export interface SavedQuote extends QuotePreview {
  quoteId: string;
  draftId: string;
  threadId: string;
}

/** Hooks the caller uses to refuse early (the RPC checks the caller may quote for this buyer's owner). */
export interface QuoteChecks {
  onBuyer?: (buyer: Buyer) => void;
  /** Settings already read by the caller (the RPC context), so the job does not read the sheet again. */
  config?: Config;
}

/** Settings a quote needs, typed, with problems collected rather than thrown. */
export interface QuoteSettings {
  company: CompanyProfile;
  catalogueLink: string;
  policy: TierPolicy;
  currency: string;
  validityDays: number;
  incoterm: Incoterm;
  port: string;
  payment: PaymentTerm;
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
  return {
    company: {
      name: r.text("company.name"),
      founded: r.text("company.founded"),
      totalAssets: r.text("company.totalAssets"),
      annualSales: r.text("company.annualSales"),
      awards: r.text("company.awards"),
      contact: r.text("company.contact"),
      phone: r.text("company.phone"),
      fax: r.text("company.fax"),
      email: r.text("company.email"),
      website: r.text("company.website"),
    },
    catalogueLink: r.text("company.catalogueLink") || r.text("campaign.catalogueLink"),
    policy,
    currency: (r.text("quote.currency") || "USD").toUpperCase(),
    validityDays: Number.isInteger(validity) && validity > 0 ? validity : 30,
    incoterm: (INCOTERMS as readonly string[]).includes(incoterm) ? (incoterm as Incoterm) : "FOB",
    port: r.text("quote.port"),
    payment: (PAYMENT_TERMS as readonly string[]).includes(payment) ? (payment as PaymentTerm) : "T/T",
    problems,
  };
}

/** The Templates sheet as template rows (R31); a missing sheet or row falls back to the built-in defaults. */
export function loadTemplates(book: Book, tz: string): TemplateRow[] {
  const table = loadOptionalTable(book, Templates, tz);
  if (!table) return [];
  return table.rows
    .map((r) => r.record)
    .filter((r) => (TEMPLATE_KINDS as readonly string[]).includes(r.kind) && r.language !== "")
    .map((r) => ({ kind: r.kind as TemplateKind, lang: r.language as Lang, text: r.text }));
}

/**
 * Adds the built-in template rows the Templates sheet lacks (by kind and language); never changes a row a
 * person edited (R31). Called by "Set up workbook" after the sheet exists. Returns the rows added.
 */
export function seedTemplates(book: Book, lang: Lang, sheetIsNew = false): number {
  const sheet = book.getSheetByName(Templates.name);
  if (!sheet) return 0;
  // A sheet setup just created holds only its header: read that, not the (empty) data.
  const table = sheetIsNew ? appendOnlyTable(sheet, Templates) : loadTable(book, Templates, "UTC");
  const have = new Set(table.rows.map((r) => `${r.record.kind}|${r.record.language}`));
  const writer = new TableWriter(table);
  const note = lang === "zh-CN" ? "Buyerbook 默认模板，可直接修改（R31）" : "Buyerbook default; edit freely (R31)";
  for (const t of DEFAULT_TEMPLATES) {
    if (have.has(`${t.kind}|${t.lang}`)) continue;
    writer.append({ kind: t.kind, language: t.lang, text: t.text, note });
  }
  const added = writer.pending;
  if (added > 0) writer.commit();
  return added;
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
      row,
    });
  }
  return map;
}

function languageFor(inquiry: Inquiry | undefined, buyer: Buyer): Lang {
  if (inquiry?.language.toLowerCase().startsWith("zh")) return "zh-CN";
  if (!inquiry && ["china", "cn", "taiwan", "tw", "hong kong", "hk"].includes(buyer.country.toLowerCase()))
    return "zh-CN";
  return "en";
}

const MOQ_TEXT: Record<Lang, (w: MoqWarning) => string> = {
  en: (w) => `${w.code}: ${w.qty} is below the MOQ of ${w.moq} (R4)`,
  "zh-CN": (w) => `${w.code}：数量 ${w.qty} 低于最小起订量 ${w.moq}（R4）`,
};

interface Prepared {
  book: Book;
  config: Config;
  settings: QuoteSettings;
  buyer: Buyer;
  inquiry: Inquiry | undefined;
  inquiries: Table<typeof Inquiries> | undefined;
  templates: TemplateRow[];
  lang: Lang;
  tier: Tier;
  tierFromCountry: Tier;
  currency: string;
  incoterm: Incoterm;
  port: string;
  payment: PaymentTerm;
  leadTime: string;
  validityDays: number;
  lines: PricedLine[];
  total: Decimal;
  moqWarnings: MoqWarning[];
  warnings: string[];
  catalogueLink: string;
}

function prepare(book: Book, input: QuoteInput, checks: QuoteChecks): Prepared {
  const config = checks.config ?? readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const settings = readQuoteSettings(config);
  const buyers = loadTable(book, Buyers, tz);
  const buyer = buyers.byId.get(input.buyerId)?.record;
  if (!buyer) throw new QuoteError("not-found", `buyer ${input.buyerId} is not in the Buyers sheet`);
  checks.onBuyer?.(buyer);
  let inquiries: Table<typeof Inquiries> | undefined;
  let inquiry: Inquiry | undefined;
  if (input.inquiryId) {
    inquiries = loadTable(book, Inquiries, tz);
    inquiry = inquiries.byId.get(input.inquiryId)?.record;
    if (!inquiry) throw new QuoteError("not-found", `inquiry ${input.inquiryId} is not in the Inquiries sheet`);
    if (inquiry.buyerId !== "" && inquiry.buyerId !== buyer.id)
      throw new QuoteError("invalid", `inquiry ${inquiry.id} belongs to buyer ${inquiry.buyerId}, not ${buyer.id}`);
  }
  if (input.items.length === 0) throw new QuoteError("invalid", "a quote needs at least one product");
  const products = loadTable(book, Products, tz);
  const facts = productFacts(products);
  const tierFromCountry = tierForCountry(buyer.country || inquiry?.country || "", settings.policy);
  const tier = input.tier ?? tierFromCountry;
  const currency = (input.currency ?? settings.currency).toUpperCase();
  const priced = priceItems(input.items, facts, tier, currency, settings.policy, settings.currency);
  if (!priced.ok)
    throw new QuoteError("invalid", "the quote cannot be priced", [
      ...priced.errors,
      ...priced.problems.map((p) => describeIssue(p as DataIssue)),
    ]);
  const lang = input.lang ?? languageFor(inquiry, buyer);
  const warnings = [...config.problems, ...settings.problems];
  for (const key of R9_KEYS)
    if (settings.company[key].trim() === "")
      warnings.push(`Settings company.${key} is empty (R9: every answer names it)`);
  const productLinks = [...new Set(priced.lines.map((l) => l.catalogueLink).filter((x) => x !== ""))];
  const leadTimes = [...new Set(priced.lines.map((l) => l.leadTime).filter((x) => x !== ""))];
  return {
    book,
    config,
    settings,
    buyer,
    inquiry,
    inquiries,
    templates: loadTemplates(book, tz),
    lang,
    tier,
    tierFromCountry,
    currency,
    incoterm: input.incoterm ?? settings.incoterm,
    port: (input.port ?? settings.port).trim(),
    payment: input.payment ?? settings.payment,
    leadTime: (input.leadTime ?? leadTimes.join(" / ")).trim(),
    validityDays: input.validityDays ?? settings.validityDays,
    lines: priced.lines,
    total: priced.total,
    moqWarnings: priced.moqWarnings,
    warnings,
    catalogueLink: settings.catalogueLink || productLinks.join(" "),
  };
}

function render(p: Prepared, number: string, sender: Sender, now: Date): QuotePreview {
  const tz = p.config.timeZone;
  const validUntil = zonedDateKey(addZonedDays(now, p.validityDays, tz), tz);
  const { subject, text } = renderQuote(
    p.templates,
    p.lang,
    {
      number,
      date: zonedDateKey(now, tz),
      validUntil,
      tier: p.tier,
      currency: p.currency,
      incoterm: p.incoterm,
      port: p.port,
      payment: p.payment,
      leadTime: p.leadTime,
    },
    {
      buyerName: p.buyer.name,
      buyerCompany: p.buyer.company,
      senderName: sender.name,
      company: p.settings.company,
      catalogueLink: p.catalogueLink,
    },
    p.lines,
    p.total,
  );
  return {
    number,
    subject,
    text,
    lang: p.lang,
    tier: p.tier,
    tierFromCountry: p.tierFromCountry,
    currency: p.currency,
    incoterm: p.incoterm,
    port: p.port,
    payment: p.payment,
    validUntil,
    total: toPlain(p.total),
    totalText: formatMoney(p.total, p.currency),
    lines: p.lines.map((l) => ({
      code: l.code,
      qty: l.qty,
      unitPrice: toPlain(l.unitPrice),
      amount: toPlain(l.amount),
    })),
    moqWarnings: p.moqWarnings.map((w) => ({ ...w, message: MOQ_TEXT[p.lang](w) })),
    warnings: p.warnings,
  };
}

function quoteYear(now: Date, tz: string): number {
  return zonedParts(now, tz).year;
}

/** The quote as it would be saved now, with a provisional number; writes nothing (the builder's preview). */
export function buildQuote(
  book: Book,
  input: QuoteInput,
  sender: Sender,
  now: Date,
  checks: QuoteChecks = {},
): QuotePreview {
  const p = prepare(book, input, checks);
  const year = quoteYear(now, p.config.timeZone);
  const quotes = loadTable(book, Quotes, p.config.timeZone);
  return render(p, IdCounter.open(quoteSeries(year), quotes.byId.keys()).peek(), sender, now);
}

/**
 * Saves the quote (R8): the next Q-yyyy-nnnn (never reused: the last number is kept in document properties),
 * a Gmail draft reply in the inquiry's thread (else a new draft to the buyer) with the quote and catalogue
 * link, the Quotes row as draft, and a Log line. The caller holds the document lock.
 */
export function saveQuote(
  book: Book,
  input: QuoteInput,
  sender: Sender,
  now: Date,
  checks: QuoteChecks = {},
): SavedQuote {
  const p = prepare(book, input, checks);
  const tz = p.config.timeZone;
  const year = quoteYear(now, tz);
  const quotes = loadTable(book, Quotes, tz);
  // Taken before anything else is written: a failure below must not hand this number out again.
  const [number] = allocateIds(quoteSeries(year), quotes.byId.keys(), 1);
  const preview = render(p, number, sender, now);

  let draftId = "";
  let threadId = "";
  if (p.inquiry?.gmailThreadId) {
    const draft = createDraftInThread(p.inquiry.gmailThreadId, preview.text);
    if (draft) ({ draftId, threadId } = draft);
    else preview.warnings.push(`Gmail thread of ${p.inquiry.id} is not in your mailbox; a new draft was made`);
  }
  if (draftId === "" && p.buyer.email !== "")
    draftId = createDraft(p.buyer.email, preview.subject, preview.text).draftId;
  if (draftId === "") preview.warnings.push(`buyer ${p.buyer.id} has no e-mail: no draft was made`);

  const writer = new TableWriter(quotes);
  const record: Quote = {
    ...emptyRecord(Quotes),
    id: number,
    date: now,
    buyerId: p.buyer.id,
    inquiryId: p.inquiry?.id ?? "",
    by: sender.email.toLowerCase(),
    tier: p.tier,
    currency: p.currency,
    incoterm: p.incoterm,
    port: p.port,
    payment: p.payment,
    items: itemsCell(p.lines),
    total: toPlain(p.total),
    status: "draft",
    validUntil: startOfZonedDay(addZonedDays(now, p.validityDays, tz), tz),
    draftId,
  };
  writer.append(record);
  const report = writer.commit();
  for (const u of report.unwritten) preview.warnings.push(`Quotes ${u.id}: ${u.reason}`);
  appendLog(book, {
    at: now,
    user: sender.email,
    action: "quote.save",
    target: number,
    detail: `${p.buyer.id} ${p.tier} ${preview.totalText}`,
  });
  return { ...preview, quoteId: number, draftId, threadId };
}

export interface QuoteSentResult {
  quoteId: string;
  status: "sent";
  inquiryId: string;
  inquiryAnswered: boolean;
}

/**
 * The quote went out (R8): status sent, and its inquiry answered now unless a reply was already recorded
 * (the pull job records our reply in the thread too; whichever comes first counts). Caller holds the lock.
 */
export function markQuoteSent(
  book: Book,
  quoteId: string,
  user: string,
  now: Date,
  checks: { onQuote?: (quote: Quote) => void } = {},
): QuoteSentResult {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const quotes = loadTable(book, Quotes, tz);
  const quote = quotes.byId.get(quoteId)?.record;
  if (!quote) throw new QuoteError("not-found", `quote ${quoteId} is not in the Quotes sheet`);
  checks.onQuote?.(quote);
  const writer = new TableWriter(quotes);
  if (quote.status !== "sent") writer.update(quoteId, { status: "sent" });
  let inquiryAnswered = false;
  if (quote.inquiryId) {
    const inquiries = loadTable(book, Inquiries, tz);
    const inquiry = inquiries.byId.get(quote.inquiryId)?.record;
    if (inquiry && inquiry.status === "new" && !inquiry.repliedAt) {
      const w = new TableWriter(inquiries);
      w.update(inquiry.id, {
        status: "replied",
        repliedAt: now,
        responseHours: inquiry.receivedAt ? responseHours(inquiry.receivedAt, now, config.calendar) : null,
        overdue: false,
      });
      w.commit();
      inquiryAnswered = true;
    }
  }
  if (writer.pending > 0) writer.commit();
  appendLog(book, {
    at: now,
    user,
    action: "quote.sent",
    target: quoteId,
    detail: quote.inquiryId ? `inquiry ${quote.inquiryId} answered` : "",
  });
  return { quoteId, status: "sent", inquiryId: quote.inquiryId, inquiryAnswered };
}

/**
 * Draft and sent quotes whose validity date has passed (in the company zone) become expired, so the desk and
 * the weekly report never count a stale price as open. Accepted and rejected quotes stay as they are.
 * One read and one batched write; the caller holds the document lock.
 */
export function expireQuotes(book: Book, now: Date): { expired: string[] } {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const today = startOfZonedDay(now, config.timeZone).getTime();
  const quotes = loadTable(book, Quotes, config.timeZone);
  const writer = new TableWriter(quotes);
  const expired: string[] = [];
  for (const { record: q, bad } of quotes.rows) {
    if (bad.has("validUntil") || !q.validUntil || q.id === "") continue;
    if ((q.status === "draft" || q.status === "sent") && q.validUntil.getTime() < today) {
      writer.update(q.id, { status: "expired" });
      expired.push(q.id);
    }
  }
  if (writer.pending > 0) writer.commit();
  return { expired };
}
