/**
 * Samples (R5, R27): log a sample request in the Samples sheet with its freight terms, prepare the reply as a
 * Gmail draft (the electronic sample is the catalogue and picture links: instant and free), and ask for
 * feedback a few days after delivery. Callers hold the document lock for the writing functions.
 */

import { type Config, readConfig } from "../../app/config";
import { type Decimal, MoneyError, parseAmount, toPlain } from "../../domain/money";
import { renderTemplate, type TemplateKind, templateFor } from "../../domain/quote-template";
import { isPromisingSample, planSample, type SampleKind, type SamplePlan, sampleTermsText } from "../../domain/samples";
import { addZonedDays, startOfZonedDay } from "../../domain/time";
import { createDraft, createDraftInThread } from "../../gas/drafts";
import type { Lang } from "../../i18n";
import { allocateIds } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import {
  type Buyer,
  Buyers,
  Inquiries,
  type Inquiry,
  Products,
  type Sample,
  Samples,
  Settings,
} from "../../store/schemas";
import { emptyRecord, TableWriter } from "../../store/table";
import { pictureLinks } from "./products";
import { loadTemplates, readQuoteSettings, type Sender } from "./quotes";

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
  buyerOffersCourier?: boolean;
  /** What the physical sample costs, in the quote currency ("85.00"). */
  cost?: string;
  lang?: Lang;
}

export interface SampleRequested {
  sampleId: string;
  plan: SamplePlan;
  subject: string;
  text: string;
  draftId: string;
  feedbackDue: Date | null;
  warnings: string[];
}

function feedbackDays(reader: ReturnType<typeof readConfig>["reader"]): number {
  const n = reader.number("sample.feedbackDays");
  return Number.isInteger(n) && n >= 0 ? n : 3;
}

function languageOf(inquiry: Inquiry | undefined): Lang {
  return inquiry?.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function requestSample(
  book: Book,
  input: SampleInput,
  sender: Sender,
  now: Date,
  checks: { onBuyer?: (buyer: Buyer) => void; config?: Config } = {},
): SampleRequested {
  const config = checks.config ?? readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const settings = readQuoteSettings(config);
  const warnings = [...config.problems, ...settings.problems];
  const buyer = loadTable(book, Buyers, tz).byId.get(input.buyerId)?.record;
  if (!buyer) throw new SampleError("not-found", `buyer ${input.buyerId} is not in the Buyers sheet`);
  checks.onBuyer?.(buyer);
  let inquiry: Inquiry | undefined;
  if (input.inquiryId) {
    inquiry = loadTable(book, Inquiries, tz).byId.get(input.inquiryId)?.record;
    if (!inquiry) throw new SampleError("not-found", `inquiry ${input.inquiryId} is not in the Inquiries sheet`);
  }
  if (input.products.length === 0) throw new SampleError("invalid", "name at least one product");
  const products = loadTable(book, Products, tz);
  const chosen = input.products.map((code) => {
    const p = products.byId.get(code)?.record;
    if (!p) throw new SampleError("not-found", `product ${code} is not in the Products sheet`);
    return p;
  });
  let cost: Decimal | null = null;
  if (input.cost && input.cost.trim() !== "") {
    try {
      cost = parseAmount(input.cost, settings.currency);
    } catch (e) {
      if (e instanceof MoneyError) throw new SampleError("invalid", `cost: ${e.message}`);
      throw e;
    }
  }
  const largeText = config.reader.text("sample.largeCost");
  let largeCost = parseAmount("200", settings.currency);
  try {
    largeCost = parseAmount(largeText, settings.currency);
  } catch {
    warnings.push(`Settings sample.largeCost: "${largeText}" is not an amount; using 200`);
  }
  const samples = loadTable(book, Samples, tz);
  const electronicAlreadySent = samples.rows.some(
    (r) => r.record.buyerId === buyer.id && r.record.kind === "electronic",
  );
  const kind = input.kind ?? "electronic";
  const plan = planSample(
    { kind, buyerOffersCourier: input.buyerOffersCourier === true, cost, electronicAlreadySent },
    { largeCost, currency: settings.currency, feedbackDays: feedbackDays(config.reader) },
  );

  const lang = input.lang ?? languageOf(inquiry);
  const templates = loadTemplates(book, tz);
  const names = chosen.map((p) => [p.name, p.model].filter((x) => x !== "").join(" ") || p.code).join(", ");
  const links = chosen.flatMap((p) => pictureLinks(p.pictures)).filter((l) => l.url !== "");
  const productLinks = [...new Set(chosen.map((p) => p.catalogueLink).filter((x) => x !== ""))];
  const values: Record<string, string> = {
    "buyer.name": buyer.name || (lang === "zh-CN" ? "客户" : "Sir or Madam"),
    "buyer.company": buyer.company,
    "sender.name": sender.name,
    "company.name": settings.company.name,
    "catalogue.link": [settings.catalogueLink, ...productLinks].filter((x) => x !== "").join(" "),
    "sample.products": names,
    "sample.pictures": links.map((l) => `${l.name}: ${l.url}`).join("\n"),
    "sample.terms": kind === "physical" ? sampleTermsText(plan, cost, settings.currency, lang) : "",
  };
  const bodyKind: TemplateKind = kind === "electronic" ? "sample.electronic" : "sample.physical";
  const text = renderTemplate(templateFor(templates, bodyKind, lang), values);
  const subject = renderTemplate(templateFor(templates, "sample.subject", lang), values).trim();
  if (kind === "electronic" && values["catalogue.link"] === "" && links.length === 0)
    warnings.push("no catalogue link (Settings company.catalogueLink) and no pictures: the electronic sample is empty");

  const [sampleId] = allocateIds(Samples, samples.byId.keys(), 1);

  let draftId = "";
  const inThread = inquiry?.gmailThreadId ? createDraftInThread(inquiry.gmailThreadId, text) : undefined;
  if (inThread) draftId = inThread.draftId;
  else if (buyer.email !== "") draftId = createDraft(buyer.email, subject, text).draftId;
  else warnings.push(`buyer ${buyer.id} has no e-mail: no draft was made`);

  // An electronic sample arrives the moment the draft is sent: its feedback clock starts today.
  const today = startOfZonedDay(now, tz);
  const feedbackDue = kind === "electronic" ? addZonedDays(today, feedbackDays(config.reader), tz) : null;
  const record: Sample = {
    ...emptyRecord(Samples),
    id: sampleId,
    requestDate: now,
    buyerId: buyer.id,
    products: chosen.map((p) => p.code).join(", "),
    kind,
    freight: plan.freight,
    cost: cost ? toPlain(cost) : "",
    delivered: kind === "electronic" ? today : null,
    feedbackDue,
  };
  const writer = new TableWriter(samples);
  writer.append(record);
  writer.commit();
  appendLog(book, {
    at: now,
    user: sender.email,
    action: "sample.request",
    target: sampleId,
    detail: `${buyer.id} ${kind} ${plan.rules.join(" | ")}`,
  });
  return { sampleId, plan, subject, text, draftId, feedbackDue, warnings };
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
