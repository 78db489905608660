/**
 * Samples (R5, R27): log a sample request in the Samples sheet with its freight terms, prepare the reply in the
 * buyer's language as a Gmail draft to them (the electronic sample is the catalogue and picture links: instant
 * and free; a physical one uses the courier account the buyer gave in their mail, or asks for it; a large one
 * carries the T/T notice with the amount and the bank details from Settings), and ask for feedback a few days
 * after delivery. Callers hold the document lock for the writing functions.
 */

import { type Config, readConfig } from "../../app/config";
import type { BuyerLang } from "../../domain/buyer-language";
import type { MailTemplateRow } from "../../domain/mail-template";
import { type Decimal, MoneyError, parseAmount, toPlain } from "../../domain/money";
import {
  type LetterParties,
  type PictureLink,
  renderElectronicSample,
  renderPhysicalSample,
} from "../../domain/replies";
import { type CourierAccount, readSampleMail } from "../../domain/sample-mail";
import { missingBankDetails, type SampleTermsInput, sampleTerms } from "../../domain/sample-terms";
import { isPromisingSample, planSample, type SampleKind, type SamplePlan } from "../../domain/samples";
import { addZonedDays, startOfZonedDay } from "../../domain/time";
import { buyerMessageBodies } from "../../gas/buyer-mail";
import { type Lang, t } from "../../i18n";
import { allocateIds } from "../../store/ids";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import {
  type Buyer,
  Buyers,
  Inquiries,
  type Inquiry,
  type Product,
  Products,
  type Sample,
  Samples,
  Settings,
  type StaffMember,
} from "../../store/schemas";
import { emptyRecord, type Table, TableWriter } from "../../store/table";
import { recordContact } from "./contact";
import {
  buyerFacts,
  buyerLanguage,
  companyOf,
  draftForBuyer,
  pricingSettings,
  renderedOrRefuse,
  type Sender,
  senderFacts,
} from "./letter-context";
import { pictureLinks } from "./products";
import { loadMailTemplates } from "./templates";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class SampleError extends Error {
  constructor(
    readonly code: "not-found" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "SampleError";
  }
}

export interface SampleInput {
  buyerId: string;
  inquiryId?: string;
  /** Product codes. */
  products: string[];
  /** Default: electronic (R27: it goes first). */
  kind?: SampleKind;
  /** The person says the buyer offered to pay the courier (their mail is read for it too). */
  buyerOffersCourier?: boolean;
  /** What the physical sample costs, in the quote currency ("85.00"). */
  cost?: string;
  /** The buyer's language for the mail; by default what they write in. */
  lang?: BuyerLang;
}

export interface SampleRequested {
  sampleId: string;
  plan: SamplePlan;
  subject: string;
  text: string;
  draftId: string;
  /** Who the draft is addressed to (the buyer). */
  draftTo: string;
  lang: BuyerLang;
  feedbackDue: Date | null;
  /** The courier account the buyer gave in their mail, used instead of asking for it. */
  courierAccount: CourierAccount | null;
  /** The buyer's own words offering to pay the courier. */
  offerEvidence: string[];
  warnings: string[];
}

export interface SampleChecks {
  onBuyer?: (buyer: Buyer) => void;
  config?: Config;
  /** The reader's language (refusals and warnings). */
  lang?: Lang;
  staff?: readonly StaffMember[];
}

function feedbackDays(reader: ReturnType<typeof readConfig>["reader"]): number {
  const n = reader.number("sample.feedbackDays");
  return Number.isInteger(n) && n >= 0 ? n : 3;
}

/** What the buyer's own mail in the inquiry's thread says about the courier (R27), newest message first. */
function courierFromMail(buyer: Buyer, inquiry: Inquiry | undefined): ReturnType<typeof readSampleMail> {
  const addresses = [buyer.email, ...buyer.otherEmails.split(/[,;\s]+/), inquiry?.fromEmail ?? ""].filter(Boolean);
  const bodies = inquiry?.gmailThreadId ? buyerMessageBodies(inquiry.gmailThreadId, addresses) : [];
  const readings = bodies.map(readSampleMail);
  const withAccount = readings.find((r) => r.account);
  const evidence = [...new Set(readings.flatMap((r) => r.evidence))];
  return {
    offers: evidence.length > 0,
    evidence,
    accounts: withAccount?.accounts ?? [],
    account: withAccount?.account,
  };
}

/** Buyer-facing picture names: the product's name and model, never the library's internal file name. */
function pictureList(products: readonly Product[]): PictureLink[] {
  return products.flatMap((p) => {
    const links = pictureLinks(p.pictures).filter((l) => l.url !== "");
    const title = [p.name, p.model].filter((x) => x.trim() !== "").join(" ");
    return links.map((l, i) => ({ name: links.length > 1 && title ? `${title} (${i + 1})` : title, url: l.url }));
  });
}

function parseCost(text: string | undefined, currency: string, lang: Lang): Decimal | null {
  if (!text || text.trim() === "") return null;
  try {
    return parseAmount(text, currency);
  } catch (e) {
    if (e instanceof MoneyError) throw new SampleError("invalid", t(lang, "sample.badCost", { detail: e.message }));
    throw e;
  }
}

/** The settings one sample request reads, with the problems found in them as the first warnings. */
function sampleSettings(book: Book, checks: SampleChecks) {
  const config = checks.config ?? readConfig(loadTable(book, Settings, "UTC"));
  const pricing = pricingSettings(config);
  const currency = (config.reader.text("quote.currency") || "USD").toUpperCase();
  const warnings = [...config.problems, ...pricing.problems];
  const largeText = config.reader.text("sample.largeCost");
  let largeCost = parseAmount("200", currency);
  try {
    largeCost = parseAmount(largeText, currency);
  } catch {
    warnings.push(`Settings sample.largeCost: "${largeText}" is not an amount; using 200`);
  }
  return { config, rl: checks.lang ?? config.lang, tz: config.timeZone, pricing, currency, warnings, largeCost };
}

/** The buyer and the inquiry the sample answers; either one named and missing is refused. */
function buyerAndInquiry(book: Book, input: SampleInput, tz: string, rl: Lang, checks: SampleChecks) {
  const buyer = loadTable(book, Buyers, tz).byId.get(input.buyerId)?.record;
  if (!buyer)
    throw new SampleError("not-found", t(rl, "error.notFound", { what: t(rl, "sb.buyer"), id: input.buyerId }));
  checks.onBuyer?.(buyer);
  const inquiries = loadOptionalTable(book, Inquiries, tz);
  let inquiry: Inquiry | undefined;
  if (input.inquiryId) {
    inquiry = inquiries?.byId.get(input.inquiryId)?.record;
    if (!inquiry)
      throw new SampleError("not-found", t(rl, "error.notFound", { what: t(rl, "sb.inquiry"), id: input.inquiryId }));
  }
  return { buyer, inquiries, inquiry };
}

/** The products asked for, in the order given; none, or a code the library does not know, is refused. */
function chosenProducts(book: Book, codes: string[], tz: string, rl: Lang): Product[] {
  if (codes.length === 0) throw new SampleError("invalid", t(rl, "sb.s.needProduct"));
  const products = loadTable(book, Products, tz);
  return codes.map((code) => {
    const p = products.byId.get(code)?.record;
    if (!p) throw new SampleError("not-found", t(rl, "error.notFound", { what: t(rl, "sample.product"), id: code }));
    return p;
  });
}

/** "Name model, Name model": how the mail names the products (the code when a product has neither). */
function productNames(chosen: readonly Product[]): string {
  return chosen.map((p) => [p.name, p.model].filter((x) => x !== "").join(" ") || p.code).join(", ");
}

/** A physical sample's mail carries its terms, so it is refused while the cost or bank details are missing. */
function physicalSampleMail(parties: LetterParties, names: string, terms: SampleTermsInput, rl: Lang) {
  const paragraph = sampleTerms(terms);
  if (!paragraph.ok)
    throw new SampleError(
      "invalid",
      terms.cost
        ? t(rl, "sample.needsBank", { keys: missingBankDetails(terms.bank).join(", ") })
        : t(rl, "sample.needsCost"),
    );
  return renderedOrRefuse(renderPhysicalSample(parties, names, paragraph.text), rl);
}

/** An electronic sample is the catalogue and the pictures, so with neither there is nothing to send. */
function electronicSampleMail(parties: LetterParties, names: string, chosen: readonly Product[], rl: Lang) {
  const pictures = pictureList(chosen);
  if (parties.catalogueLink === "" && pictures.length === 0)
    throw new SampleError("invalid", t(rl, "sample.nothingToSend"));
  return renderedOrRefuse(renderElectronicSample(parties, names, pictures), rl);
}

/** The letter's parties; without a company catalogue link, the chosen products' own links stand in. */
function sampleParties(
  config: Config,
  letter: {
    templates: MailTemplateRow[];
    lang: BuyerLang;
    buyer: Buyer;
    sender: Sender;
    staff?: readonly StaffMember[];
  },
  chosen: readonly Product[],
): LetterParties {
  const { company, catalogueLink } = companyOf(config);
  const productLinks = [...new Set(chosen.map((p) => p.catalogueLink).filter((x) => x !== ""))];
  return {
    templates: letter.templates,
    lang: letter.lang,
    buyer: buyerFacts(letter.buyer),
    sender: senderFacts(letter.sender, letter.staff),
    company,
    catalogueLink: catalogueLink || productLinks.join(" "),
  };
}

/** Writes the sample's row and its log line. */
function recordSample(
  book: Book,
  samples: Table<typeof Samples>,
  sender: Sender,
  now: Date,
  s: {
    id: string;
    buyer: Buyer;
    chosen: readonly Product[];
    kind: SampleKind;
    plan: SamplePlan;
    account: CourierAccount | undefined;
    cost: Decimal | null;
    delivered: Date | null;
    feedbackDue: Date | null;
  },
): void {
  const record: Sample = {
    ...emptyRecord(Samples),
    id: s.id,
    requestDate: now,
    buyerId: s.buyer.id,
    products: s.chosen.map((p) => p.code).join(", "),
    kind: s.kind,
    freight: s.plan.freight,
    // The buyer's own courier account, so whoever ships uses it (R27).
    courier: s.account ? `${s.account.courier} ${s.account.account}` : "",
    cost: s.cost ? toPlain(s.cost) : "",
    delivered: s.delivered,
    feedbackDue: s.feedbackDue,
  };
  const writer = new TableWriter(samples);
  writer.append(record);
  writer.commit();
  appendLog(book, {
    at: now,
    user: sender.email,
    action: "sample.request",
    target: s.id,
    detail: `${s.buyer.id} ${s.kind} ${s.plan.rules.join(" | ")}`,
  });
}

export function requestSample(
  book: Book,
  input: SampleInput,
  sender: Sender,
  now: Date,
  checks: SampleChecks = {},
): SampleRequested {
  const { config, rl, tz, pricing, currency, warnings, largeCost } = sampleSettings(book, checks);
  const { buyer, inquiries, inquiry } = buyerAndInquiry(book, input, tz, rl, checks);
  const chosen = chosenProducts(book, input.products, tz, rl);
  const cost = parseCost(input.cost, currency, rl);
  const samples = loadTable(book, Samples, tz);
  const electronicAlreadySent = samples.rows.some(
    (r) => r.record.buyerId === buyer.id && r.record.kind === "electronic",
  );
  const kind = input.kind ?? "electronic";
  // R27: the buyer's own mail says whether they gave a courier account or offered to pay the courier.
  const mail = kind === "physical" ? courierFromMail(buyer, inquiry) : undefined;
  const buyerOffersCourier = input.buyerOffersCourier === true || mail?.offers === true;
  const plan = planSample(
    { kind, buyerOffersCourier, cost, electronicAlreadySent },
    { largeCost, currency, feedbackDays: feedbackDays(config.reader) },
  );

  const templates = loadMailTemplates(book, tz);
  const lang = input.lang ?? buyerLanguage(buyer, inquiry, inquiries, templates);
  const parties = sampleParties(config, { templates, lang, buyer, sender, staff: checks.staff }, chosen);
  const names = productNames(chosen);
  const account = mail?.account;
  const bank = pricing.bank;
  const terms = { plan, cost, currency, account, bank, buyerCompany: buyer.company, buyerEmail: buyer.email, lang };
  const rendered =
    kind === "physical"
      ? physicalSampleMail(parties, names, terms, rl)
      : electronicSampleMail(parties, names, chosen, rl);
  if (plan.offerElectronicFirst) warnings.push(t(rl, "sb.s.electronicFirst"));
  if (plan.suggestGrade === "A") warnings.push(t(rl, "sb.s.promising"));

  const [sampleId] = allocateIds(Samples, samples.byId.keys(), 1);

  const draft = draftForBuyer(buyer, inquiry, rendered, rl);
  warnings.push(...draft.warnings);

  // An electronic sample arrives the moment the draft is sent: its feedback clock starts today.
  const today = startOfZonedDay(now, tz);
  const feedbackDue = kind === "electronic" ? addZonedDays(today, feedbackDays(config.reader), tz) : null;
  const delivered = kind === "electronic" ? today : null;
  const written = { id: sampleId, buyer, chosen, kind, plan, account, cost, delivered, feedbackDue };
  recordSample(book, samples, sender, now, written);
  return {
    sampleId,
    plan,
    subject: rendered.subject,
    text: rendered.body,
    draftId: draft.draftId,
    draftTo: draft.to,
    lang,
    feedbackDue,
    courierAccount: account ?? null,
    offerEvidence: mail?.evidence ?? [],
    warnings,
  };
}

export interface SampleUpdate {
  sampleId: string;
  courier?: string;
  tracking?: string;
  sent?: Date;
  delivered?: Date;
  result?: string;
}

/**
 * Records shipping, delivery and the buyer's verdict. Delivery sets the feedback date a few days later
 * (Settings sample.feedbackDays, R27) so the follow-up asks what the buyer thought.
 */
export function updateSample(
  book: Book,
  update: SampleUpdate,
  user: string,
  now: Date,
  checks: { onSample?: (sample: Sample) => void } = {},
): Sample {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const samples = loadTable(book, Samples, tz);
  const row = samples.byId.get(update.sampleId);
  if (!row) throw new SampleError("not-found", `sample ${update.sampleId} is not in the Samples sheet`);
  checks.onSample?.(row.record);
  const changes: Partial<Sample> = {};
  if (update.courier !== undefined) changes.courier = update.courier.trim();
  if (update.tracking !== undefined) changes.tracking = update.tracking.trim();
  if (update.sent !== undefined) changes.sent = update.sent;
  if (update.delivered !== undefined) {
    changes.delivered = update.delivered;
    changes.feedbackDue = addZonedDays(startOfZonedDay(update.delivered, tz), feedbackDays(config.reader), tz);
  }
  if (update.result !== undefined) changes.result = update.result.trim();
  const writer = new TableWriter(samples);
  writer.update(update.sampleId, changes);
  writer.commit();
  // R23: a physical sample on its way is personal contact with the buyer.
  if (update.sent) recordContact(book, row.record.buyerId, { kind: "sample-sent", at: update.sent }, config);
  appendLog(book, {
    at: now,
    user,
    action: "sample.update",
    target: update.sampleId,
    detail: Object.keys(changes).join(", "),
  });
  return row.record;
}

export interface BuyerSample {
  id: string;
  requestDate: string;
  products: string;
  kind: string;
  freight: string;
  promising: boolean;
  courier: string;
  tracking: string;
  sent: string;
  delivered: string;
  feedbackDue: string;
  result: string;
}

/** One buyer's samples, newest first, for the buyer history (dates as ISO strings for the sidebar). */
export function samplesOfBuyer(book: Book, buyerId: string, tz: string): BuyerSample[] {
  const iso = (d: Date | null) => (d ? d.toISOString() : "");
  return loadTable(book, Samples, tz)
    .rows.map((r) => r.record)
    .filter((s) => s.buyerId === buyerId)
    .sort((a, b) => (b.requestDate?.getTime() ?? 0) - (a.requestDate?.getTime() ?? 0))
    .map((s) => ({
      id: s.id,
      requestDate: iso(s.requestDate),
      products: s.products,
      kind: s.kind,
      freight: s.freight,
      promising: isPromisingSample(s.freight),
      courier: s.courier,
      tracking: s.tracking,
      sent: iso(s.sent),
      delivered: iso(s.delivered),
      feedbackDue: iso(s.feedbackDue),
      result: s.result,
    }));
}
