/**
 * The mails a salesperson sends a buyer, from the Templates sheet in the buyer's language (R9, R31): the first
 * answer to an inquiry (with the company profile), the follow-up for the buyer's grade (R18, R20), and the
 * sample replies (R27). Each returns the rendered mail or the refusal naming template, language and
 * placeholder; nothing half-filled ever reaches a buyer.
 */
import type { BuyerLang } from "./buyer-language";
import { type BuyerFacts, type CompanyFacts, letterValues, renderWithProfile, type SenderFacts } from "./letters";
import { type MailTemplateKey, type MailTemplateRow, type RenderedMail, renderMail } from "./mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "./mail-templates";

export interface LetterParties {
  templates: readonly MailTemplateRow[];
  /** The buyer's language; English when the Templates sheet has no row in it. */
  lang: BuyerLang;
  buyer: BuyerFacts;
  sender: SenderFacts;
  company: CompanyFacts;
  catalogueLink: string;
}

/** R7, R8, R9: the first answer, with what we can do, our strengths and the full company facts. */
export function renderInquiryReply(p: LetterParties, products: string): RenderedMail {
  const values = {
    ...letterValues(p.lang, p.buyer, p.sender, p.company, p.catalogueLink),
    "inquiry.products": products.trim(),
  };
  return renderWithProfile(p.templates, "inquiry.reply", p.lang, values, p.company);
}

export type Grade = "A" | "B" | "C" | "D";

/** R18, R20: the follow-up for the buyer's grade, naming the open quotation when there is one. */
export function renderFollowUp(
  p: LetterParties,
  grade: Grade,
  topic: { products?: string; quoteNumber?: string; quoteValidUntil?: string } = {},
): RenderedMail {
  const key = `followup.${grade}` as MailTemplateKey;
  return renderMail(p.templates, DEFAULT_MAIL_TEMPLATES, key, p.lang, {
    ...letterValues(p.lang, p.buyer, p.sender, p.company, p.catalogueLink),
    "inquiry.products": (topic.products ?? "").trim(),
    "quote.number": (topic.quoteNumber ?? "").trim(),
    "quote.validUntil": (topic.quoteNumber ? (topic.quoteValidUntil ?? "") : "").trim(),
  });
}

export interface PictureLink {
  name: string;
  url: string;
}

/** R27: the electronic sample: the catalogue and picture links (check them with campaign-eligibility's sharing). */
export function renderElectronicSample(
  p: LetterParties,
  products: string,
  pictures: readonly PictureLink[],
): RenderedMail {
  const links = [
    p.catalogueLink.trim(),
    ...pictures
      .filter((l) => l.url.trim() !== "")
      .map((l) => (l.name.trim() ? `${l.name.trim()}: ${l.url.trim()}` : l.url.trim())),
  ].filter((x) => x !== "");
  return renderMail(p.templates, DEFAULT_MAIL_TEMPLATES, "sample.electronic", p.lang, {
    ...letterValues(p.lang, p.buyer, p.sender, p.company, p.catalogueLink),
    "sample.products": products.trim(),
    "sample.links": links.join("\n"),
  });
}

/** R27: the physical sample, with the terms paragraph from sample-terms.ts (in the same language). */
export function renderPhysicalSample(p: LetterParties, products: string, terms: string): RenderedMail {
  return renderMail(p.templates, DEFAULT_MAIL_TEMPLATES, "sample.physical", p.lang, {
    ...letterValues(p.lang, p.buyer, p.sender, p.company, p.catalogueLink),
    "sample.products": products.trim(),
    "sample.terms": terms.trim(),
  });
}
