import { PRICING_SETTINGS } from "../domain/pricing-settings";
import { DEFAULT_TIME_ZONE } from "../domain/time";
import type { Settings as SettingsSpec } from "./schemas";
import type { Table } from "./table";

export interface SettingDefault {
  key: string;
  value: string;
  en: string;
  zh: string;
}

/** What "Set up workbook" writes into Settings; re-running adds missing keys and never changes a value. */
export const SETTING_DEFAULTS: readonly SettingDefault[] = [
  {
    key: "language",
    value: "zh-CN",
    en: "Language of menus, reports and headers (zh-CN or en)",
    zh: "菜单、报告和表头的语言（zh-CN 或 en）",
  },
  { key: "company.name", value: "", en: "Company name (in every answer)", zh: "公司名称（每封回复都写明）" },
  { key: "company.founded", value: "", en: "Founding year", zh: "创办年份" },
  { key: "company.totalAssets", value: "", en: "Total assets", zh: "总资产" },
  { key: "company.annualSales", value: "", en: "Annual sales", zh: "年销售额" },
  { key: "company.awards", value: "", en: "Awards and certifications", zh: "获奖与认证" },
  { key: "company.contact", value: "", en: "Contact person", zh: "联系人" },
  { key: "company.phone", value: "", en: "Phone", zh: "电话" },
  { key: "company.fax", value: "", en: "Fax", zh: "传真" },
  { key: "company.website", value: "", en: "Website", zh: "网站" },
  {
    key: "company.domains",
    value: "",
    en: "Our own mail domains, comma-separated (mail from them is ours)",
    zh: "本公司邮箱域名，逗号分隔",
  },
  { key: "timeZone", value: "Asia/Shanghai", en: "Company time zone (IANA name)", zh: "公司时区（IANA 名称）" },
  {
    key: "workingHours",
    value: "09:00-18:00",
    en: "Working hours, for reply deadlines",
    zh: "工作时间，用于计算回复时限",
  },
  {
    key: "workingDays",
    value: "Mon-Fri",
    en: "Working days (e.g. Mon-Fri or Mon-Sat)",
    zh: "工作日（如 Mon-Fri 或 Mon-Sat）",
  },
  { key: "holidays", value: "", en: "Holidays, yyyy-mm-dd, comma-separated", zh: "节假日，yyyy-mm-dd，逗号分隔" },
  {
    key: "pull.slots",
    value: "08:30,12:30,17:30",
    en: "Mail pulls each day (morning, noon, evening)",
    zh: "每天收信时间（早中晚）",
  },
  {
    key: "cadence.A",
    value: "3",
    en: "Days between follow-ups, grade A (twice a week)",
    zh: "A 类跟进间隔天数（每周两次）",
  },
  {
    key: "cadence.B",
    value: "7",
    en: "Days between follow-ups, grade B (weekly)",
    zh: "B 类跟进间隔天数（每周一次）",
  },
  {
    key: "cadence.C",
    value: "15",
    en: "Days between follow-ups, grade C (half-monthly)",
    zh: "C 类跟进间隔天数（半月一次）",
  },
  {
    key: "cadence.D",
    value: "30",
    en: "Days between follow-ups, grade D (monthly)",
    zh: "D 类跟进间隔天数（每月一次）",
  },
  {
    key: "cadence.ungraded",
    value: "15",
    en: "Days between follow-ups, not yet graded",
    zh: "未分级客户跟进间隔天数",
  },
  { key: "reply.targetHours", value: "2", en: "Reply target in working hours", zh: "回复目标（工作小时）" },
  {
    key: "reply.limitHours",
    value: "24",
    en: "Reply limit in hours (within one day)",
    zh: "最迟回复（小时，一天内）",
  },
  { key: "reply.faxHours", value: "12", en: "Fax reply limit in hours", zh: "传真回复时限（小时）" },
  {
    key: "report.weekly",
    value: "SAT 16:00",
    en: "Weekly report to the boss (Saturday before closing)",
    zh: "周报时间（周六下班前）",
  },
  {
    key: "campaign.send",
    // Several slots: the quota is a rolling 24 hours from the first send, so one daily slot would find it
    // still spent the next day and send only every other day.
    value: "10:00,14:00,18:00",
    en: "Queued campaign mail goes out daily at (within the mail quota)",
    zh: "每天发送排队的群发邮件的时间（受每日配额限制）",
  },
  {
    key: "upkeep.daily",
    value: "07:00",
    en: "Daily upkeep: due dates, returns from trips, the dashboard",
    zh: "每日维护：跟进到期日、出差归来、统计看板",
  },
  {
    key: "digest.daily",
    value: "08:00",
    en: "Each salesperson's morning mail of due follow-ups and inquiries near their reply limit",
    zh: "每天早上给业务员发送到期跟进和即将超时询盘的提醒邮件",
  },
  { key: "report.midweek", value: "WED 15:00", en: "Wednesday brief", zh: "周三简报" },
  {
    key: "report.monthlyA",
    value: "first working day 09:00",
    en: "Monthly A-list to the head of marketing",
    zh: "每月 A 类客户清单发给市场部负责人",
  },
  { key: "report.bossEmail", value: "", en: "Boss's e-mail for reports", zh: "老板邮箱（接收报告）" },
  {
    key: "reports.writer",
    value: "",
    en: "Whose schedule writes the reports (e-mail; empty: the assistant)",
    zh: "由谁的自动任务撰写报告（邮箱；留空：助理）",
  },
  {
    key: "report.marketingHeadEmail",
    value: "",
    en: "Head of marketing's e-mail",
    zh: "市场部负责人邮箱",
  },
  {
    key: "intake.ignore",
    value: "",
    en: "Addresses or domains never treated as inquiries, comma-separated",
    zh: "不视为询盘的邮箱或域名，逗号分隔",
  },
  {
    key: "campaign.language",
    value: "en",
    en: "Campaign language when a buyer's language is unknown (en or zh-CN)",
    zh: "客户语言未知时营销邮件的语言（en 或 zh-CN）",
  },
  {
    key: "campaign.catalogueLink",
    value: "",
    en: "Catalogue link for new-product campaigns",
    zh: "新品推广邮件中的目录链接",
  },
  {
    key: "sample.largeCost",
    value: "200",
    en: "Sample cost above which T/T prepayment is asked",
    zh: "样品费用超过此值需 T/T 预付",
  },
  {
    key: "sample.feedbackDays",
    value: "3",
    en: "Days after a sample is delivered to ask for feedback",
    zh: "样品签收后多少天询问反馈",
  },
  {
    key: "tier.price-sensitive",
    value: "Middle East, Southeast Asia",
    en: "Regions or countries quoted at the price-sensitive tier: the first quote is already competitive",
    zh: "按价格敏感档报价的地区或国家：首次报价即具竞争力",
  },
  {
    key: "tier.value-added",
    value: "United States",
    en: "Regions or countries quoted at the value-added tier: service included and explained",
    zh: "按增值档报价的地区或国家：价格含服务并在报价中说明",
  },
  {
    key: "tier.price-sensitive.adjust",
    value: "0",
    en: "Percent on the base price for price-sensitive quotes when a product has no such tier price (e.g. -5)",
    zh: "产品无价格敏感档价格时，在基础价上调整的百分比（如 -5）",
  },
  {
    key: "tier.value-added.adjust",
    value: "0",
    en: "Percent on the base price for value-added quotes when a product has no such tier price (e.g. 8)",
    zh: "产品无增值档价格时，在基础价上调整的百分比（如 8）",
  },
  { key: "quote.currency", value: "USD", en: "Default quote currency (ISO code)", zh: "默认报价币种（ISO 代码）" },
  { key: "quote.validityDays", value: "30", en: "Days a quote stays valid", zh: "报价有效天数" },
  { key: "quote.incoterm", value: "FOB", en: "Default Incoterm (EXW FOB CFR CIF DAP DDP)", zh: "默认贸易术语" },
  { key: "quote.port", value: "", en: "Default port of loading", zh: "默认装运港" },
  { key: "quote.payment", value: "T/T", en: "Default payment terms (T/T or L/C)", zh: "默认付款方式（T/T 或 L/C）" },
  {
    key: "company.catalogueLink",
    value: "",
    en: "E-catalogue link sent with quotes and electronic samples",
    zh: "随报价和电子样品发送的电子目录链接",
  },
  { key: "company.email", value: "", en: "Company e-mail", zh: "公司邮箱" },
  {
    key: "archive.afterMonths",
    value: "24",
    en: "Answered or closed inquiries, follow-ups and expired or rejected quotes older than this many months move to the yearly archive spreadsheet (0 = never)",
    zh: "已回复或已关闭的询盘、跟进记录及过期或被拒的报价，超过此月数后移入年度归档表格（0 = 不归档）",
  },
  {
    key: "log.keepMonths",
    value: "12",
    en: "Months of Log kept in the book; older lines move to the yearly archive (0 = keep all)",
    zh: "日志在表格中保留的月数；更早的记录移入年度归档表格（0 = 全部保留）",
  },
  // Quotes, samples and campaigns: prices per Incoterm, dated rates, bank details, campaign senders.
  ...PRICING_SETTINGS.map((d) => ({ key: d.key, value: d.value, en: d.note.en, zh: d.note["zh-CN"] })),
  {
    key: "handover.forwardMailTo",
    value: "receiver",
    en: "When someone leaves, where the admin forwards mail buyers still send to their address: receiver (the colleague who takes their buyers), an e-mail address, or none",
    zh: "员工离职后，客户仍发往其邮箱的邮件由管理员转发到：receiver（接手客户的同事）、某个邮箱地址，或 none",
  },
];

/** Settings as key -> text, from the Settings table (what a person typed wins over the default). */
export function settingsMap(table: Table<typeof SettingsSpec>): Map<string, string> {
  const map = new Map<string, string>(SETTING_DEFAULTS.map((d) => [d.key, d.value]));
  for (const { record } of table.rows) if (record.key !== "") map.set(record.key, record.value);
  return map;
}

/** Typed reads of Settings values; a bad value falls back to the default and is reported, never crashes a job. */
export class SettingsReader {
  readonly problems: string[] = [];
  constructor(private readonly map: Map<string, string>) {}

  text(key: string): string {
    return (this.map.get(key) ?? SETTING_DEFAULTS.find((d) => d.key === key)?.value ?? "").trim();
  }

  number(key: string): number {
    const raw = this.text(key);
    const n = Number(raw);
    if (raw !== "" && Number.isFinite(n)) return n;
    const fallback = Number(SETTING_DEFAULTS.find((d) => d.key === key)?.value);
    this.problems.push(`Settings ${key}: "${raw}" is not a number; using ${fallback}`);
    return fallback;
  }

  /** Every key and value (defaults included), for readers that take the whole table (fx.* rates). */
  all(): ReadonlyMap<string, string> {
    return this.map;
  }

  list(key: string): string[] {
    return this.text(key)
      .split(/[,，;；\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
}

/** The company's time zone from Settings, or the default when it is missing or not a zone Intl knows. */
export function companyTimeZone(settings: Table<typeof SettingsSpec>): string {
  const zone = new SettingsReader(settingsMap(settings)).text("timeZone");
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
