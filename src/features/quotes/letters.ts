/**
 * The mails a salesperson drafts from the sidebar besides quotes and samples (R7, R8, R9, R18, R20, R31): the
 * first answer to an inquiry (what we can do, our strengths and the full company facts) and the follow-up for
 * the buyer's grade (naming their open quotation), in the buyer's language from the Templates sheet, as a
 * Gmail draft to the buyer in the inquiry's thread. Nothing is sent: a person reads it and presses Send.
 */

import { type Config, readConfig } from "../../app/config";
import type { BuyerLang } from "../../domain/buyer-language";
import { productNames } from "../../domain/letters";
import { type Grade, renderFollowUp, renderInquiryReply } from "../../domain/replies";
import { startOfZonedDay, zonedDateKey } from "../../domain/time";
import { type Lang, t } from "../../i18n";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import { type Buyer, Buyers, Inquiries, type Inquiry, Quotes, Settings, type StaffMember } from "../../store/schemas";
import {
  buyerFacts,
  buyerLanguage,
  companyOf,
  draftForBuyer,
  LetterError,
  renderedOrRefuse,
  type Sender,
  senderFacts,
} from "./letter-context";
import { loadMailTemplates } from "./templates";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const LETTER_KINDS = ["inquiry.reply", "followup"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface LetterInput {
  buyerId: string;
  inquiryId?: string;
  kind: LetterKind;
  /** The buyer's language; by default what they write in. */
  lang?: BuyerLang;
}

export interface LetterChecks {
  onBuyer?: (buyer: Buyer) => void;
  config?: Config;
  lang?: Lang;
  staff?: readonly StaffMember[];
}

export interface LetterPreview {
  kind: LetterKind;
  /** The template used: inquiry.reply, or followup.A … followup.D for the buyer's grade. */
  key: string;
  lang: BuyerLang;
  subject: string;
  text: string;
  warnings: string[];
}

export interface DraftedLetter extends LetterPreview {
  draftId: string;
  threadId: string;
  draftTo: string;
}

interface Written extends LetterPreview {
  buyer: Buyer;
  inquiry: Inquiry | undefined;
  readerLang: Lang;
}

/** What the buyer asked about, by name (never a catalogue code): the inquiry's product, else what they asked before. */
function productsOf(buyer: Buyer, inquiry: Inquiry | undefined): string {
  return productNames(inquiry?.product || "") || productNames(buyer.products) || productNames(inquiry?.subject ?? "");
}

function write(book: Book, input: LetterInput, sender: Sender, now: Date, checks: LetterChecks): Written {
  const config = checks.config ?? readConfig(loadTable(book, Settings, "UTC"));
  const rl = checks.lang ?? config.lang;
  const tz = config.timeZone;
  const buyer = loadTable(book, Buyers, tz).byId.get(input.buyerId)?.record;
  if (!buyer)
    throw new LetterError("not-found", t(rl, "error.notFound", { what: t(rl, "sb.buyer"), id: input.buyerId }));
  checks.onBuyer?.(buyer);
  const inquiries = loadOptionalTable(book, Inquiries, tz);
  let inquiry: Inquiry | undefined;
  if (input.inquiryId) {
    inquiry = inquiries?.byId.get(input.inquiryId)?.record;
    if (!inquiry || (inquiry.buyerId !== "" && inquiry.buyerId !== buyer.id))
      throw new LetterError("not-found", t(rl, "error.notFound", { what: t(rl, "sb.inquiry"), id: input.inquiryId }));
  }
  const templates = loadMailTemplates(book, tz);
  const lang = input.lang ?? buyerLanguage(buyer, inquiry, inquiries, templates);
  const { company, catalogueLink } = companyOf(config);
  const parties = {
    templates,
    lang,
    buyer: buyerFacts(buyer),
    sender: senderFacts(sender, checks.staff),
    company,
    catalogueLink,
  };
  const products = productsOf(buyer, inquiry);
  const warnings: string[] = [];
  if (input.kind === "inquiry.reply") {
    if (products === "") throw new LetterError("invalid", t(rl, "letter.noProducts"));
    const mail = renderedOrRefuse(renderInquiryReply(parties, products), rl);
    const base = { kind: input.kind, key: "inquiry.reply", lang, subject: mail.subject, text: mail.body };
    return { ...base, warnings, buyer, inquiry, readerLang: rl };
  }
  if (!["A", "B", "C", "D"].includes(buyer.grade)) throw new LetterError("invalid", t(rl, "letter.gradeFirst"));
  const grade = buyer.grade as Grade;
  // The open quotation the follow-up names: the newest one still valid, drafted or sent.
  const today = startOfZonedDay(now, tz).getTime();
  const open = loadTable(book, Quotes, tz)
    .rows.map((r) => r.record)
    .filter(
      (q) =>
        q.buyerId === buyer.id &&
        (q.status === "draft" || q.status === "sent") &&
        (!q.validUntil || q.validUntil.getTime() >= today),
    )
    .sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0))[0];
  if (open?.status === "draft") warnings.push(t(rl, "letter.quoteNotSent", { id: open.id }));
  const mail = renderedOrRefuse(
    renderFollowUp(parties, grade, {
      products,
      quoteNumber: open?.id,
      quoteValidUntil: open?.validUntil ? zonedDateKey(open.validUntil, tz) : "",
    }),
    rl,
  );
  const base = { kind: input.kind, key: `followup.${grade}`, lang, subject: mail.subject, text: mail.body };
  return { ...base, warnings, buyer, inquiry, readerLang: rl };
}

function view(w: Written): LetterPreview {
  return { kind: w.kind, key: w.key, lang: w.lang, subject: w.subject, text: w.text, warnings: w.warnings };
}

/** The mail as it would be drafted now; writes nothing. */
export function previewLetter(
  book: Book,
  input: LetterInput,
  sender: Sender,
  now: Date,
  checks: LetterChecks = {},
): LetterPreview {
  return view(write(book, input, sender, now, checks));
}

/** The mail as a Gmail draft to the buyer (in the inquiry's thread when this mailbox holds it), and a Log line. */
export function draftLetter(
  book: Book,
  input: LetterInput,
  sender: Sender,
  now: Date,
  checks: LetterChecks = {},
): DraftedLetter {
  const w = write(book, input, sender, now, checks);
  const draft = draftForBuyer(w.buyer, w.inquiry, { subject: w.subject, body: w.text }, w.readerLang);
  appendLog(book, {
    at: now,
    user: sender.email,
    action: "letter.draft",
    target: w.buyer.id,
    detail: `${w.key} ${w.lang}${w.inquiry ? ` ${w.inquiry.id}` : ""}`,
  });
  return {
    ...view(w),
    warnings: [...w.warnings, ...draft.warnings],
    draftId: draft.draftId,
    threadId: draft.threadId,
    draftTo: draft.to,
  };
}
