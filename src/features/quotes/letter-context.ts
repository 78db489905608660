/**
 * What every mail to a buyer is written from (R9, R29, R31): the company facts and pricing Settings, the
 * Templates rows, the person who signs (the sender's Staff row), the buyer's language, and the one way such a
 * mail leaves Buyerbook: a Gmail draft addressed to the buyer, in their thread when there is one, for a person
 * to check and send.
 */

import type { Config } from "../../app/config";
import { type BuyerLang, chooseLanguage } from "../../domain/buyer-language";
import type { BuyerFacts, CompanyFacts, SenderFacts } from "../../domain/letters";
import type { MailTemplateRow, RenderedMail } from "../../domain/mail-template";
import { type PricingSettings, readPricingSettings } from "../../domain/pricing-settings";
import { createBuyerDraft, type MadeBuyerDraft } from "../../gas/buyer-mail";
import { type Lang, t } from "../../i18n";
import type { Buyer, Inquiries, Inquiry, StaffMember } from "../../store/schemas";
import type { Table } from "../../store/table";
import { templateIssueText, templateLanguages } from "./templates";

/** Who is writing: the caller of the RPC (a salesperson, their deputy, the boss). */
export interface Sender {
  email: string;
  name: string;
}

export function pricingSettings(config: Config): PricingSettings {
  return readPricingSettings(config.reader.all());
}

/** Company facts from Settings, with the catalogue link every letter may carry. */
export function companyOf(config: Config): { company: CompanyFacts; catalogueLink: string } {
  const pricing = pricingSettings(config);
  const r = config.reader;
  return {
    company: pricing.company,
    catalogueLink: r.text("company.catalogueLink") || r.text("campaign.catalogueLink"),
  };
}

/** The signature: the sender's name as the Staff sheet has it (never the bare address when a name exists). */
export function senderFacts(sender: Sender, staff: readonly StaffMember[] = []): SenderFacts {
  const row = staff.find((s) => s.email.trim().toLowerCase() === sender.email.trim().toLowerCase());
  return { name: (row?.name || sender.name || sender.email).trim(), email: sender.email.trim().toLowerCase() };
}

export function buyerFacts(buyer: Buyer): BuyerFacts {
  return { name: buyer.name, email: buyer.email, company: buyer.company };
}

/** Countries whose buyers read Chinese when they have not written to us yet. */
const CHINESE = /^(china|cn|prc|中国|taiwan|tw|台湾|hong kong|hk|香港|macau|macao|mo|澳门)$/i;

/**
 * The language to write to the buyer in: what they write in (the inquiry in hand, else their latest one),
 * else Chinese for a Chinese-speaking country, else English (a country alone says too little: a Dubai buyer
 * writes English); only a language the templates exist in.
 */
export function buyerLanguage(
  buyer: Pick<Buyer, "id" | "country">,
  inquiry: Pick<Inquiry, "language"> | undefined,
  inquiries: Table<typeof Inquiries> | undefined,
  templates: readonly MailTemplateRow[],
): BuyerLang {
  const available = templateLanguages(templates);
  let writes = inquiry?.language ?? "";
  if (writes === "" && inquiries) {
    let latest = -1;
    for (const { record } of inquiries.rows) {
      if (record.buyerId !== buyer.id || record.language.trim() === "") continue;
      const at = record.receivedAt?.getTime() ?? 0;
      if (at >= latest) {
        latest = at;
        writes = record.language;
      }
    }
  }
  if (writes.trim() !== "") return chooseLanguage({ writes }, available);
  return CHINESE.test(buyer.country.trim()) && available.includes("zh-CN") ? "zh-CN" : "en";
}

/** A refusal the person can act on, with its message already in their language. */
export class LetterError extends Error {
  constructor(
    readonly code: "not-found" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "LetterError";
  }
}

/** The rendered mail, or a refusal naming sheet, row, key, language and placeholder in the reader's language. */
export function renderedOrRefuse(mail: RenderedMail, lang: Lang): { subject: string; body: string } {
  if (mail.ok) return { subject: mail.subject, body: mail.body };
  const zh = lang === "zh-CN";
  const issues = mail.issues.map((i) => templateIssueText(i, lang)).join(zh ? "；" : "; ");
  throw new LetterError("invalid", `${t(lang, "tmpl.refused")}${zh ? "：" : ": "}${issues}`);
}

export interface DraftOutcome extends MadeBuyerDraft {
  warnings: string[];
}

/**
 * A Gmail draft of the mail to the buyer: in the inquiry's thread addressed to the buyer when this mailbox
 * holds a message of theirs, else a new draft; each fallback is said in the reader's language. A buyer with no
 * address gets no draft (draftId ""), and the person is told.
 */
export function draftForBuyer(
  buyer: Buyer,
  inquiry: Pick<Inquiry, "id" | "gmailThreadId" | "fromEmail"> | undefined,
  mail: { subject: string; body: string },
  lang: Lang,
): DraftOutcome {
  const warnings: string[] = [];
  const addresses = [buyer.email, ...buyer.otherEmails.split(/[,;\s]+/), inquiry?.fromEmail ?? ""].filter(
    (a) => a.trim() !== "",
  );
  const to = buyer.email.trim() || inquiry?.fromEmail?.trim() || "";
  // A fax or phone buyer (R26): the text is still made, to fax or read out; there is no draft to make.
  if (to === "")
    return {
      draftId: "",
      threadId: "",
      to: "",
      warnings: [t(lang, "letter.noAddress", { buyer: buyer.company || buyer.name || buyer.id })],
    };
  const made = createBuyerDraft({
    threadId: inquiry?.gmailThreadId || undefined,
    to,
    buyerAddresses: addresses,
    subject: mail.subject,
    body: mail.body,
  });
  if (made.outsideThread === "thread-not-found")
    warnings.push(t(lang, "letter.threadNotHere", { inquiry: inquiry?.id ?? "" }));
  if (made.outsideThread === "no-buyer-message")
    warnings.push(t(lang, "letter.noBuyerMessage", { inquiry: inquiry?.id ?? "", to }));
  return { ...made, warnings };
}
