import type { Config } from "../../app/config";
import { type MailLang, type MergeValues, mailLanguage } from "../../domain/campaign";
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

/** Merge values for one buyer. The signature is the buyer's owner, or the sender when the buyer has none. */
export function mergeValues(campaign: Campaign, buyer: Buyer, ctx: RenderContext): MergeValues {
  const ownerEmail = (buyer.owner || campaign.sender || campaign.createdBy).toLowerCase();
  return {
    name: buyer.name,
    company: buyer.company,
    country: buyer.country,
    city: buyer.city,
    products: buyer.products
      .split(/[;；,，]/)
      .map((p) => p.trim())
      .filter(Boolean)
      .slice(0, 3)
      .join(", "),
    grade: buyer.grade,
    "owner.name": ctx.staffNames.get(ownerEmail) ?? ownerEmail,
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
