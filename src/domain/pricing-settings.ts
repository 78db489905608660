/**
 * The Settings rows quotes, samples and campaigns read (R3, R8, R9, R27), their defaults and notes, and one
 * reader that turns the Settings sheet (key -> value) into typed values with problems collected, never thrown.
 * "Set up workbook" adds the rows a book lacks; a person fills the rates and bank details.
 */
import type { BuyerLang } from "./buyer-language";
import { parseRateTable, type RateTable } from "./fx";
import type { CompanyFacts } from "./letters";
import type { PriceBasis } from "./pricing";
import type { BankDetails } from "./sample-terms";

export interface SettingDefault {
  key: string;
  value: string;
  note: { en: string; "zh-CN": string };
}

export const PRICING_SETTINGS: readonly SettingDefault[] = [
  {
    key: "quote.priceBasis",
    value: "FOB",
    note: {
      en: "What Products prices include unless the product says otherwise: FOB or EXW",
      "zh-CN": "产品价格默认的价格条件：FOB 或 EXW",
    },
  },
  {
    key: "fx.base",
    value: "USD",
    note: { en: "The currency every fx.* rate is quoted against", "zh-CN": "汇率的基准币种" },
  },
  {
    key: "fx.date",
    value: "",
    note: {
      en: "The day the rates were taken (yyyy-mm-dd); printed on every converted quote",
      "zh-CN": "汇率日期（yyyy-mm-dd），换算后的报价会注明",
    },
  },
  { key: "fx.EUR", value: "", note: { en: "1 base = this many EUR", "zh-CN": "1 基准币 = 多少 EUR" } },
  { key: "fx.CNY", value: "", note: { en: "1 base = this many CNY", "zh-CN": "1 基准币 = 多少 CNY" } },
  { key: "fx.GBP", value: "", note: { en: "1 base = this many GBP", "zh-CN": "1 基准币 = 多少 GBP" } },
  {
    key: "fx.maxAgeDays",
    value: "30",
    note: { en: "Rates older than this many days are flagged on a quote", "zh-CN": "汇率超过此天数时提醒更新" },
  },
  {
    key: "campaign.quietDays",
    value: "14",
    note: {
      en: "No campaign mail to a buyer with an open quote this recent (unanswered inquiries always block)",
      "zh-CN": "近期（天数）有未结报价的客户不发营销邮件（未回复询盘的客户一律不发）",
    },
  },
  {
    key: "campaign.senderMode",
    value: "owner",
    note: {
      en: "owner: each buyer's owner sends and signs; named: campaign.sender sends and signs every mail",
      "zh-CN": "owner：由客户负责人发送并署名；named：统一由 campaign.sender 发送并署名",
    },
  },
  {
    key: "campaign.sender",
    value: "",
    note: {
      en: "The named sender (also takes over buyers whose owner has left)",
      "zh-CN": "指定发件人（负责人已离职的客户也由其发送）",
    },
  },
  {
    key: "company.products",
    value: "",
    note: { en: "Main products, named in the company profile", "zh-CN": "主营产品，写入公司简介" },
  },
  { key: "company.address", value: "", note: { en: "Company address", "zh-CN": "公司地址" } },
  { key: "bank.beneficiary", value: "", note: { en: "T/T: beneficiary name", "zh-CN": "电汇：收款人" } },
  {
    key: "bank.beneficiaryAddress",
    value: "",
    note: { en: "T/T: beneficiary address", "zh-CN": "电汇：收款人地址" },
  },
  { key: "bank.name", value: "", note: { en: "T/T: bank name", "zh-CN": "电汇：开户银行" } },
  { key: "bank.address", value: "", note: { en: "T/T: bank address", "zh-CN": "电汇：银行地址" } },
  { key: "bank.account", value: "", note: { en: "T/T: account number", "zh-CN": "电汇：账号" } },
  { key: "bank.swift", value: "", note: { en: "T/T: SWIFT code", "zh-CN": "电汇：SWIFT 代码" } },
];

/** The Templates sheet after this change: one row per key and language (mail-template.ts). */
export const TEMPLATES_COLUMNS = ["Key", "Language", "Subject", "Body", "Note"] as const;

export interface PricingSettings {
  priceBasis: PriceBasis;
  rates: RateTable;
  maxRateAgeDays: number;
  quietDays: number;
  senderMode: "owner" | "named";
  namedSender: string;
  bank: BankDetails;
  company: CompanyFacts;
  problems: string[];
}

function whole(settings: ReadonlyMap<string, string>, key: string, fallback: number, problems: string[]): number {
  const raw = (settings.get(key) ?? "").trim();
  if (raw === "") return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0) return n;
  problems.push(`Settings ${key}: "${raw}" is not a whole number of days; using ${fallback}`);
  return fallback;
}

/** Everything the pricing, sample and campaign domain reads from Settings (key -> value). */
export function readPricingSettings(settings: ReadonlyMap<string, string>): PricingSettings {
  const problems: string[] = [];
  const text = (key: string) => (settings.get(key) ?? "").trim();
  const basis = text("quote.priceBasis").toUpperCase() || "FOB";
  if (basis !== "FOB" && basis !== "EXW")
    problems.push(`Settings quote.priceBasis: "${text("quote.priceBasis")}" is not FOB or EXW; using FOB`);
  const mode = text("campaign.senderMode").toLowerCase() || "owner";
  if (mode !== "owner" && mode !== "named")
    problems.push(`Settings campaign.senderMode: "${text("campaign.senderMode")}" is not owner or named; using owner`);
  const fx = parseRateTable(settings);
  problems.push(...fx.problems);
  return {
    priceBasis: basis === "EXW" ? "EXW" : "FOB",
    rates: fx.table,
    maxRateAgeDays: whole(settings, "fx.maxAgeDays", 30, problems),
    quietDays: whole(settings, "campaign.quietDays", 14, problems),
    senderMode: mode === "named" ? "named" : "owner",
    namedSender: text("campaign.sender").toLowerCase(),
    bank: {
      beneficiary: text("bank.beneficiary"),
      beneficiaryAddress: text("bank.beneficiaryAddress"),
      bankName: text("bank.name"),
      bankAddress: text("bank.address"),
      account: text("bank.account"),
      swift: text("bank.swift"),
    },
    company: {
      name: text("company.name"),
      founded: text("company.founded"),
      totalAssets: text("company.totalAssets"),
      annualSales: text("company.annualSales"),
      awards: text("company.awards"),
      contact: text("company.contact"),
      phone: text("company.phone"),
      fax: text("company.fax"),
      email: text("company.email"),
      website: text("company.website"),
      products: text("company.products"),
      address: text("company.address"),
    },
    problems,
  };
}

/** The note column for a settings row in the book's language. */
export function settingNote(row: SettingDefault, lang: Extract<BuyerLang, "en" | "zh-CN">): string {
  return row.note[lang];
}
