/**
 * Quotations (R2, R3, R8, R9): price the chosen products for the buyer's tier exactly, warn when a quantity is
 * below the MOQ, and render the plain-text quote from the company's one template with the company profile.
 * Pure: the job reads the sheets and hands in products, settings and templates.
 */
import type { CellProblem } from "./cell-problem";
import type { Lang } from "./lang";
import {
  adjustByPercent,
  compare,
  type Decimal,
  formatMoney,
  MoneyError,
  minorDigits,
  parseDecimal,
  round,
  sum,
  times,
  toPlain,
} from "./money";
import { renderTemplate, type TemplateRow, templateFor } from "./quote-template";
import { parseTierPrices, type Tier, type TierPolicy } from "./tiers";

export const INCOTERMS = ["EXW", "FOB", "CFR", "CIF", "DAP", "DDP"] as const;
export type Incoterm = (typeof INCOTERMS)[number];
export const PAYMENT_TERMS = ["T/T", "L/C"] as const;
export type PaymentTerm = (typeof PAYMENT_TERMS)[number];

/** A Products row as pricing needs it; `row` (1-based) lets a bad cell be reported where a person can fix it. */
export interface QuoteProduct {
  code: string;
  name: string;
  model: string;
  spec: string;
  moq: number | null;
  unit: string;
  currency: string;
  basePrice: string;
  tierPrices: string;
  leadTime: string;
  catalogueLink: string;
  /** What the base and tier prices include: "FOB" (default) or "EXW" (ex works; pricing.ts adds origin charges). */
  priceBasis?: string;
  row?: number;
}

export type { CellProblem } from "./cell-problem";

export interface QuoteItem {
  code: string;
  qty: number;
}

/** How a line's price relates to the standard price: R3 tiers must move it, or say they did not. */
export type TierAdjustment = "uplift" | "discount" | "none";

export interface PricedLine {
  code: string;
  name: string;
  model: string;
  spec: string;
  unit: string;
  qty: number;
  moq: number | null;
  unitPrice: Decimal;
  amount: Decimal;
  leadTime: string;
  catalogueLink: string;
  adjustment: TierAdjustment;
}

export interface MoqWarning {
  code: string;
  qty: number;
  moq: number;
}

/**
 * R3: a value-added line without an uplift (or a price-sensitive line without a discount) is priced at the
 * standard price; the person is told, the buyer is not promised a service nobody priced in.
 */
export interface TierWarning {
  code: string;
  tier: Exclude<Tier, "standard">;
}

export function tierWarningText(w: TierWarning, lang: Lang): string {
  if (lang === "zh-CN")
    return w.tier === "value-added"
      ? `${w.code}：没有增值档价格，且 tier.value-added.adjust 为 0，按标准价报出，未含服务成本（R3）`
      : `${w.code}：没有价格敏感档价格，且 tier.price-sensitive.adjust 为 0，按标准价报出（R3）`;
  return w.tier === "value-added"
    ? `${w.code}: no value-added price and tier.value-added.adjust is 0, so it is quoted at the standard price with no service cost in it`
    : `${w.code}: no price-sensitive price and tier.price-sensitive.adjust is 0, so it is quoted at the standard price`;
}

export type Priced =
  | { ok: true; lines: PricedLine[]; total: Decimal; moqWarnings: MoqWarning[]; tierWarnings: TierWarning[] }
  | { ok: false; problems: CellProblem[]; errors: string[] };

export type TierPriced =
  | { ok: true; unitPrice: Decimal; adjustment: TierAdjustment }
  | { ok: false; column: string; value: unknown; problem: string };

/**
 * One product's unit price for `tier`, in the product's currency, exactly: the product's own price for the
 * tier wins; otherwise the base price (or its "standard" tier price) moved by the tier's Settings percentage,
 * kept to at least `minor` digits.
 */
export function tierUnitPrice(p: QuoteProduct, tier: Tier, policy: TierPolicy, minor: number): TierPriced {
  const tiers = parseTierPrices(p.tierPrices);
  if (!tiers.ok) return { ok: false, column: "Tier prices", value: p.tierPrices, problem: tiers.problem };
  let base: Decimal | undefined = tiers.prices.standard;
  if (p.basePrice.trim() !== "") {
    try {
      base = parseDecimal(p.basePrice);
    } catch (e) {
      if (!(e instanceof MoneyError)) throw e;
      return { ok: false, column: "Base price", value: p.basePrice, problem: e.message };
    }
  }
  const own = tiers.prices[tier];
  const unitPrice = own ?? (base ? adjustByPercent(base, policy.adjust[tier], Math.max(base.scale, minor)) : undefined);
  if (!unitPrice)
    return { ok: false, column: "Base price", value: p.basePrice, problem: `no base price and no ${tier} tier price` };
  const standard = base ?? unitPrice;
  const c = compare(unitPrice, standard);
  return { ok: true, unitPrice, adjustment: c > 0 ? "uplift" : c < 0 ? "discount" : "none" };
}

/** Whether a line at this adjustment is what its tier promises (R3). */
export function tierKeptPromise(tier: Tier, adjustment: TierAdjustment): boolean {
  if (tier === "value-added") return adjustment === "uplift";
  if (tier === "price-sensitive") return adjustment === "discount";
  return true;
}

/**
 * The price of each item for `tier`, exactly (see tierUnitPrice). Line amounts and the total are rounded
 * half-up to the currency's minor unit. Products must be priced in the quote currency (pricing.ts converts).
 */
export function priceItems(
  items: readonly QuoteItem[],
  products: ReadonlyMap<string, QuoteProduct>,
  tier: Tier,
  currency: string,
  policy: TierPolicy,
  defaultCurrency: string,
): Priced {
  const problems: CellProblem[] = [];
  const errors: string[] = [];
  const lines: PricedLine[] = [];
  const moqWarnings: MoqWarning[] = [];
  const tierWarnings: TierWarning[] = [];
  const minor = minorDigits(currency);
  for (const item of items) {
    const p = products.get(item.code);
    if (!p) {
      errors.push(`product ${item.code} is not in the Products sheet`);
      continue;
    }
    const cell = (column: string, value: unknown, problem: string) =>
      problems.push({ sheet: "Products", row: p.row ?? 0, column, value, problem: `${p.code}: ${problem}` });
    const productCurrency = (p.currency || defaultCurrency).trim().toUpperCase();
    if (productCurrency !== currency.trim().toUpperCase()) {
      cell("Currency", p.currency, `priced in ${productCurrency}, the quote is in ${currency}`);
      continue;
    }
    const priced = tierUnitPrice(p, tier, policy, minor);
    if (!priced.ok) {
      cell(priced.column, priced.value, priced.problem);
      continue;
    }
    if (p.moq !== null && item.qty < p.moq) moqWarnings.push({ code: p.code, qty: item.qty, moq: p.moq });
    if (tier !== "standard" && !tierKeptPromise(tier, priced.adjustment)) tierWarnings.push({ code: p.code, tier });
    lines.push({
      code: p.code,
      name: p.name,
      model: p.model,
      spec: p.spec,
      unit: p.unit,
      qty: item.qty,
      moq: p.moq,
      unitPrice: priced.unitPrice,
      amount: round(times(priced.unitPrice, item.qty), minor),
      leadTime: p.leadTime,
      catalogueLink: p.catalogueLink,
      adjustment: priced.adjustment,
    });
  }
  if (problems.length > 0 || errors.length > 0) return { ok: false, problems, errors };
  return {
    ok: true,
    lines,
    total: round(sum(lines.map((l) => l.amount)), minor),
    moqWarnings,
    tierWarnings,
  };
}

const LABELS: Record<Lang, Record<string, string>> = {
  en: {
    about: "About {name}",
    founded: "Founded",
    totalAssets: "Total assets",
    annualSales: "Annual sales",
    awards: "Awards and certifications",
    contact: "Contact",
    phone: "Phone",
    fax: "Fax",
    email: "E-mail",
    website: "Website",
    moq: "MOQ",
    lead: "lead time",
  },
  "zh-CN": {
    about: "关于 {name}",
    founded: "成立年份",
    totalAssets: "总资产",
    annualSales: "年销售额",
    awards: "荣誉与认证",
    contact: "联系人",
    phone: "电话",
    fax: "传真",
    email: "邮箱",
    website: "网站",
    moq: "起订量",
    lead: "交期",
  },
};

/** The company details every answer carries (R9), from Settings company.*; empty ones are left out. */
export interface CompanyProfile {
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
}

/** The R9 keys a complete profile has; the job warns about the empty ones. */
export const R9_KEYS = [
  "name",
  "founded",
  "totalAssets",
  "annualSales",
  "awards",
  "contact",
  "phone",
  "fax",
] as const satisfies readonly (keyof CompanyProfile)[];

export function renderCompanyProfile(c: CompanyProfile, lang: Lang): string {
  const L = LABELS[lang];
  const sep = lang === "zh-CN" ? "：" : ": ";
  const rows: [string, string][] = [
    [L.founded, c.founded],
    [L.totalAssets, c.totalAssets],
    [L.annualSales, c.annualSales],
    [L.awards, c.awards],
    [L.contact, c.contact],
    [L.phone, c.phone],
    [L.fax, c.fax],
    [L.email, c.email],
    [L.website, c.website],
  ];
  const lines = rows.filter(([, v]) => v.trim() !== "").map(([k, v]) => `${k}${sep}${v.trim()}`);
  if (lines.length === 0 && c.name.trim() === "") return "";
  return [L.about.replace("{name}", c.name.trim()).trim(), ...lines].join("\n");
}

function quantityText(qty: number, unit: string): string {
  return `${qty.toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`;
}

/** The item lines of the quote: plain text, one product per numbered block (R2). */
export function renderItems(lines: readonly PricedLine[], currency: string, lang: Lang): string {
  const L = LABELS[lang];
  const sep = lang === "zh-CN" ? "：" : " ";
  return lines
    .map((l, i) => {
      const title = [l.name, l.model].filter((x) => x.trim() !== "").join(" ");
      const spec = l.spec.trim() === "" ? "" : lang === "zh-CN" ? `（${l.spec}）` : ` (${l.spec})`;
      const money = `${quantityText(l.qty, l.unit)} x ${formatMoney(l.unitPrice, currency)} = ${formatMoney(l.amount, currency)}`;
      const notes = [
        l.moq !== null ? `${L.moq}${sep}${quantityText(l.moq, l.unit)}` : "",
        l.leadTime ? `${L.lead}${sep}${l.leadTime}` : "",
      ].filter((x) => x !== "");
      const noteText =
        notes.length === 0 ? "" : lang === "zh-CN" ? `（${notes.join("，")}）` : ` (${notes.join(", ")})`;
      return `${i + 1}. ${l.code} ${title}${spec}\n   ${money}${noteText}`;
    })
    .join("\n");
}

export interface QuoteTerms {
  number: string;
  /** yyyy-mm-dd in the company zone. */
  date: string;
  validUntil: string;
  tier: Tier;
  currency: string;
  incoterm: Incoterm;
  port: string;
  payment: PaymentTerm;
  leadTime: string;
}

export interface QuoteParties {
  buyerName: string;
  buyerCompany: string;
  senderName: string;
  company: CompanyProfile;
  catalogueLink: string;
}

/** R3: "service included" is said only for a value-added quote with at least one line carrying an uplift. */
export function servicePriced(tier: Tier, lines: readonly Pick<PricedLine, "adjustment">[]): boolean {
  return tier === "value-added" && lines.some((l) => l.adjustment === "uplift");
}

/**
 * Fills the company's quote template (R30, R31) in `lang`; the service paragraph as servicePriced says (R3).
 * FOB in the product currency only: pricing.ts `priceQuote` with quote-text.ts `renderQuoteMail` adds the
 * Incoterm build-up, conversion and the seven buyer languages, and replaces this once the quote job calls them.
 */
export function renderQuote(
  templates: readonly TemplateRow[],
  lang: Lang,
  terms: QuoteTerms,
  parties: QuoteParties,
  lines: readonly PricedLine[],
  total: Decimal,
): { subject: string; text: string } {
  const base: Record<string, string> = {
    "buyer.name": parties.buyerName || (lang === "zh-CN" ? "客户" : "Sir or Madam"),
    "buyer.company": parties.buyerCompany,
    "sender.name": parties.senderName,
    "company.name": parties.company.name,
    "company.phone": parties.company.phone,
    "company.fax": parties.company.fax,
    "company.website": parties.company.website,
    "company.contact": parties.company.contact,
    "catalogue.link": parties.catalogueLink,
    "quote.number": terms.number,
    "quote.date": terms.date,
    "quote.validUntil": terms.validUntil,
    "quote.currency": terms.currency,
    "quote.incoterm": terms.incoterm,
    "quote.port": terms.port,
    "quote.terms": `${terms.incoterm} ${terms.port}`.trim(),
    "quote.payment": terms.payment,
    "quote.leadTime": terms.leadTime,
    "quote.tier": terms.tier,
    "quote.total": formatMoney(total, terms.currency),
  };
  const values: Record<string, string> = {
    ...base,
    "quote.items": renderItems(lines, terms.currency, lang),
    "company.profile": renderCompanyProfile(parties.company, lang),
    // R3: the service paragraph only where a value-added uplift pays for it.
    "quote.service": servicePriced(terms.tier, lines)
      ? renderTemplate(templateFor(templates, "quote.service", lang), base).trim()
      : "",
  };
  return {
    subject: renderTemplate(templateFor(templates, "quote.subject", lang), values).trim(),
    text: renderTemplate(templateFor(templates, "quote", lang), values),
  };
}

/** The items cell of the Quotes sheet: "P-0001 x 500 @ 12.50; P-0002 x 200 @ 3.2" (readable, exact). */
export function itemsCell(lines: readonly PricedLine[]): string {
  return lines.map((l) => `${l.code} x ${l.qty} @ ${toPlain(l.unitPrice)}`).join("; ");
}

/** Parses "P-0001:500,P-0002:200" (CLI and quick entry). */
export function parseItemList(text: string): QuoteItem[] {
  return text
    .split(/[,，;\s]+/)
    .filter((s) => s !== "")
    .map((part) => {
      const m = /^(P-\d+)[:x*](\d+)$/i.exec(part.trim());
      if (!m) throw new Error(`"${part}" is not CODE:QTY (like P-0001:500)`);
      return { code: m[1].toUpperCase(), qty: Number(m[2]) };
    });
}
