/**
 * What every mail to a buyer shares (R9): the greeting in the buyer's language, the sender's signature, and
 * the company profile block (what we can do for you, strengths, full company facts). The job reads Settings
 * company.* and the sender's Staff row once and hands them in.
 */
import type { BuyerLang } from "./buyer-language";
import { greetingFor } from "./greeting";
import {
  type MailTemplateKey,
  type MailTemplateRow,
  type RenderedMail,
  renderMail,
  templateLanguage,
} from "./mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "./mail-templates";

/** Settings company.*: the R9 facts plus what the profile's strengths name. */
export interface CompanyFacts {
  name: string;
  founded: string;
  totalAssets: string;
  annualSales: string;
  awards: string;
  contact: string;
  phone: string;
  fax: string;
  email: string;
  website: string;
  /** "Stainless steel door hardware, hinges and locks" (Settings company.products). */
  products?: string;
  address?: string;
}

/** The person who signs (the buyer's owner, R29), from Staff. */
export interface SenderFacts {
  name: string;
  email: string;
  phone?: string;
  title?: string;
}

export interface BuyerFacts {
  name: string;
  email: string;
  company: string;
}

export const COMPANY_SETTING_KEYS = [
  "company.name",
  "company.founded",
  "company.totalAssets",
  "company.annualSales",
  "company.awards",
  "company.contact",
  "company.phone",
  "company.fax",
  "company.email",
  "company.website",
  "company.products",
  "company.address",
] as const;

/** The R9 facts a complete profile has; each empty one is a warning for the person. */
export const R9_FACTS = ["founded", "totalAssets", "annualSales", "awards", "contact", "phone", "fax"] as const;

export function missingR9Facts(company: CompanyFacts): string[] {
  return R9_FACTS.filter((k) => company[k].trim() === "").map((k) => `company.${k}`);
}

export function companyValues(company: CompanyFacts): Record<string, string> {
  return {
    "company.name": company.name.trim(),
    "company.founded": company.founded.trim(),
    "company.totalAssets": company.totalAssets.trim(),
    "company.annualSales": company.annualSales.trim(),
    "company.awards": company.awards.trim(),
    "company.contact": company.contact.trim(),
    "company.phone": company.phone.trim(),
    "company.fax": company.fax.trim(),
    "company.email": company.email.trim(),
    "company.website": company.website.trim(),
    "company.products": (company.products ?? "").trim(),
    "company.address": (company.address ?? "").trim(),
  };
}

/** Greeting, signature and company name: the values every mail template has. */
export function letterValues(
  lang: BuyerLang,
  buyer: BuyerFacts,
  sender: SenderFacts,
  company: CompanyFacts,
  catalogueLink = "",
): Record<string, string> {
  return {
    greeting: greetingFor(lang, buyer.name, buyer.email),
    "buyer.company": buyer.company.trim(),
    "sender.name": sender.name.trim(),
    "sender.email": sender.email.trim(),
    "sender.phone": (sender.phone ?? "").trim(),
    "sender.title": (sender.title ?? "").trim(),
    "company.name": company.name.trim(),
    "company.website": company.website.trim(),
    "catalogue.link": catalogueLink.trim(),
  };
}

/** The R9 profile block in `lang` (from the Templates row company.profile). */
export function renderProfile(rows: readonly MailTemplateRow[], lang: BuyerLang, company: CompanyFacts): RenderedMail {
  return renderMail(rows, DEFAULT_MAIL_TEMPLATES, "company.profile", lang, companyValues(company));
}

/**
 * Renders a mail whose template embeds the profile block: the block first, in the same language the mail
 * will use, then the mail. Either refusal is returned as it is.
 */
export function renderWithProfile(
  rows: readonly MailTemplateRow[],
  key: MailTemplateKey,
  lang: BuyerLang,
  values: Record<string, string>,
  company: CompanyFacts,
  allow: readonly string[] = [],
): RenderedMail {
  const language = templateLanguage(rows, DEFAULT_MAIL_TEMPLATES, key, lang);
  const profile = renderProfile(rows, language, company);
  if (!profile.ok) return profile;
  return renderMail(rows, DEFAULT_MAIL_TEMPLATES, key, language, { ...values, "company.profile": profile.body }, allow);
}

/**
 * What a buyer asked about, as a buyer may read it: the Products/Inquiries cells carry the catalogue code first
 * ("P-0002 LED Flood Light 100W; P-0005 Tape measure 5 m"), an internal number no mail may show. Codes are
 * dropped (an item that is only a code goes), repeats once, at most `max` items.
 */
export function productNames(cell: string, max = 3): string {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of String(cell ?? "").split(/[;；,，\n]/)) {
    const name = part
      .replace(/\bP-\d{4,}\b/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (name === "" || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names.slice(0, max).join(", ");
}
