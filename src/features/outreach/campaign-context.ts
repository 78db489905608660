import type { Config } from "../../app/config";
import { type MailLang, type MergeValues, mailLanguage } from "../../domain/campaign";
import { greetingName } from "../../domain/greeting";
import { productNames } from "../../domain/letters";
import type { Buyer, Campaign, Inquiries, StaffMember } from "../../store/schemas";
import type { Table } from "../../store/table";

/** What rendering a campaign for one buyer needs besides the buyer: our company, staff names, languages. */
export interface RenderContext {
  company: { name: string; website: string; phone: string };
  catalogueLink: string;
  fallbackLang: MailLang;
  staffNames: Map<string, string>;
  /** Per buyer, the language of their latest inquiry (what they write in). */
  buyerWrites: Map<string, string>;
}

export function renderContext(
  config: Config,
  staff: readonly StaffMember[],
  inquiries: Table<typeof Inquiries> | undefined,
): RenderContext {
  const r = config.reader;
  const buyerWrites = new Map<string, string>();
  const latest = new Map<string, number>();
  for (const { record } of inquiries?.rows ?? []) {
    if (!record.buyerId || !record.language) continue;
    const at = record.receivedAt?.getTime() ?? 0;
    if (at >= (latest.get(record.buyerId) ?? -1)) {
      latest.set(record.buyerId, at);
      buyerWrites.set(record.buyerId, record.language);
    }
  }
  return {
    company: { name: r.text("company.name"), website: r.text("company.website"), phone: r.text("company.phone") },
    catalogueLink: r.text("campaign.catalogueLink") || r.text("company.website"),
    fallbackLang: r.text("campaign.language").toLowerCase().startsWith("zh") ? "zh-CN" : "en",
    staffNames: new Map(staff.map((s) => [s.email.toLowerCase(), s.name || s.email])),
    buyerWrites,
  };
}

export function languageFor(campaign: Campaign, buyer: Buyer, ctx: RenderContext): MailLang {
  return mailLanguage(
    campaign.language,
    { writes: ctx.buyerWrites.get(buyer.id), country: buyer.country },
    ctx.fallbackLang,
  );
}

/** Who sends one buyer's copy and signs it: always the same person (the Outbox row's sender). */
export interface CampaignSender {
  email: string;
  name: string;
}

/**
 * Merge values for one buyer. The signature is the person whose mailbox sends the copy; the greeting uses the
 * buyer's name only when it is a person's (never a fax gateway, "Customer" or a mailbox), else the template's
 * neutral fallback.
 */
export function mergeValues(
  campaign: Campaign,
  buyer: Buyer,
  ctx: RenderContext,
  sender?: CampaignSender,
): MergeValues {
  const ownerEmail = (sender?.email || buyer.owner || campaign.sender || campaign.createdBy).toLowerCase();
  const verdict = greetingName(buyer.name, buyer.email);
  return {
    name: verdict.usable ? verdict.name : "",
    company: buyer.company,
    country: buyer.country,
    city: buyer.city,
    // By name: the Products asked cell carries catalogue codes ("P-0002 LED Flood Light") no buyer may read.
    products: productNames(buyer.products),
    grade: buyer.grade,
    "owner.name": sender?.name || ctx.staffNames.get(ownerEmail) || ownerEmail,
    "owner.email": ownerEmail,
    "our.company": ctx.company.name,
    "our.website": ctx.company.website,
    "our.phone": ctx.company.phone,
    catalogue: campaign.catalogueLink || ctx.catalogueLink,
    "show.name": campaign.showName,
    "show.booth": campaign.booth,
    "show.dates": campaign.showDates,
    "show.city": campaign.showCity,
    text: campaign.text,
  };
}
