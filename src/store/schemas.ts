import { col, defineSheet, derived, type RecordOf } from "./columns";

export const GRADES = ["A", "B", "C", "D"] as const;
export const ROLES = ["boss", "assistant", "salesperson", "viewer"] as const;
export const STAFF_STATUSES = ["active", "away", "frozen"] as const;
/** "merged": the row is an alias of the buyer named in "Possible duplicate of" (R22), kept so old IDs resolve. */
export const BUYER_STATUSES = ["active", "do-not-contact", "unsubscribed", "bounced", "merged"] as const;
export const CHANNELS = [
  "email",
  "platform",
  "fax",
  "phone",
  "post",
  "visit",
  "trade-show",
  "website",
  "import",
] as const;
export const FOLLOW_UP_CHANNELS = ["email", "phone", "fax", "post", "visit", "trade-show", "platform"] as const;
export const INQUIRY_STATUSES = ["new", "replied", "closed"] as const;
export const SOURCES = [
  "alibaba",
  "made-in-china",
  "global-sources",
  "website",
  "email",
  "trade-show",
  "phone",
  "referral",
  "import",
  "other",
] as const;
export const QUOTE_STATUSES = ["draft", "sent", "accepted", "rejected", "expired"] as const;
export const SAMPLE_KINDS = ["electronic", "physical"] as const;
export const FREIGHT_TERMS = ["collect", "buyer-pays", "prepaid-by-us", "tt-prepayment"] as const;
/** "request": what a buyer asks us to make or change (R13), listed for the boss on the Dashboard. */
export const FOLLOW_UP_KINDS = [
  "follow-up",
  "grade",
  "handover",
  "campaign",
  "sample",
  "quote",
  "note",
  "request",
] as const;

export const Buyers = defineSheet({
  name: "Buyers",
  zh: "客户",
  idKey: "id",
  idPrefix: "B-",
  idDigits: 6,
  columns: [
    col.id("id", "Buyer ID", "客户编号"),
    col.text("company", "Company", "公司", 180),
    col.text("name", "Contact", "联系人"),
    col.text("email", "E-mail", "邮箱", 180),
    col.text("otherEmails", "Other e-mails", "其他邮箱"),
    col.text("phone", "Phone", "电话"),
    col.text("website", "Website", "网站"),
    col.text("country", "Country", "国家"),
    col.text("region", "Region", "地区"),
    col.text("nature", "Business type", "客户类型"),
    col.enumOf("source", "Source", "来源", SOURCES),
    col.enumOf("grade", "Grade", "等级", GRADES),
    col.text("owner", "Owner", "负责人", 170),
    col.enumOf("status", "Status", "状态", BUYER_STATUSES),
    col.text("products", "Products asked", "询问产品", 180),
    col.datetime("created", "Created", "创建时间"),
    col.datetime("lastContact", "Last contact", "最近联系"),
    derived(col.date("nextFollowUp", "Next follow-up", "下次跟进")),
    derived(col.number("daysOverdue", "Days overdue", "逾期天数")),
    col.text("duplicateOf", "Possible duplicate of", "疑似重复"),
    col.text("notes", "Notes", "备注", 220),
    col.text("city", "City", "城市"),
    col.text("title", "Job title", "职位"),
    /** Bulk campaign mail reaches the buyer but is never their last contact (R23). */
    col.datetime("lastCampaign", "Last campaign", "最近群发"),
    /** Why intake filled what it filled ("country: phone +971 4 555 0199; company: signature line …"). */
    col.text("evidence", "Evidence", "信息依据", 260),
    // Years whose archive spreadsheet holds older history of this buyer (written by the archive job).
    col.text("archivedIn", "Archived history", "归档历史"),
  ],
});

export const Inquiries = defineSheet({
  name: "Inquiries",
  zh: "询盘",
  idKey: "id",
  idPrefix: "I-",
  idDigits: 6,
  columns: [
    col.id("id", "Inquiry ID", "询盘编号"),
    col.datetime("receivedAt", "Received", "收到时间"),
    col.enumOf("channel", "Channel", "渠道", CHANNELS),
    col.enumOf("source", "Source", "来源", SOURCES),
    col.text("mailbox", "Mailbox", "收件邮箱"),
    col.text("buyerId", "Buyer ID", "客户编号"),
    col.text("fromName", "From name", "发件人"),
    col.text("fromEmail", "From e-mail", "发件邮箱", 180),
    col.text("subject", "Subject", "主题", 220),
    col.text("summary", "Summary", "摘要", 300),
    col.text("product", "Product", "产品"),
    col.text("quantity", "Quantity", "数量"),
    col.text("country", "Country", "国家"),
    col.text("language", "Language", "语言"),
    col.text("owner", "Owner", "负责人", 170),
    col.text("assignedTo", "Handled by", "处理人", 170),
    col.enumOf("status", "Status", "状态", INQUIRY_STATUSES),
    col.enumOf("grade", "Grade", "等级", GRADES),
    derived(col.datetime("targetAt", "Reply target", "目标回复时间")),
    derived(col.datetime("limitAt", "Reply limit", "最迟回复时间")),
    col.datetime("repliedAt", "Replied at", "回复时间"),
    derived(col.number("responseHours", "Response (working h)", "回复用时（工作小时）")),
    derived(col.bool("overdue", "Overdue", "已逾期")),
    col.text("gmailMessageId", "Gmail message ID", "Gmail 邮件 ID"),
    col.text("gmailThreadId", "Gmail thread ID", "Gmail 会话 ID"),
    col.text("rfcMessageId", "Message-ID", "Message-ID", 200),
    // One row is one conversation with the buyer (R7, R8): its messages and its reply clock.
    derived(col.number("messages", "Messages", "邮件数")),
    derived(col.datetime("lastBuyerAt", "Last buyer message", "客户最近来信")),
    /** The oldest buyer message we have not answered; empty once answered. */
    derived(col.datetime("awaitingSince", "Awaiting reply since", "待回复起始")),
    /** Buyer messages sent while waiting for our answer: escalations. */
    derived(col.number("chases", "Chases", "催促次数")),
    /** Each answered wait, "2026-11-23T01:00Z → 2026-11-23T02:30Z; …" (reply-speed.ts reads it). */
    derived(col.text("replyHistory", "Reply history", "回复记录", 220)),
    /** "<Message-ID> sender date" per message: the same message is never counted twice. */
    derived(col.text("messageLog", "Message log", "邮件记录", 220)),
    /** Gmail threads of the same conversation elsewhere (a colleague's copy, the buyer's mail after a platform notice). */
    derived(col.text("otherThreads", "Other threads", "其他会话", 160)),
  ],
});

export const FollowUps = defineSheet({
  name: "Follow-ups",
  zh: "跟进",
  idKey: "id",
  idPrefix: "F-",
  idDigits: 6,
  columns: [
    col.id("id", "Follow-up ID", "跟进编号"),
    col.datetime("at", "When", "时间"),
    col.text("buyerId", "Buyer ID", "客户编号"),
    col.text("inquiryId", "Inquiry ID", "询盘编号"),
    col.text("by", "By", "跟进人", 170),
    col.enumOf("kind", "Kind", "类型", FOLLOW_UP_KINDS),
    col.enumOf("channel", "Channel", "渠道", FOLLOW_UP_CHANNELS),
    col.text("summary", "What happened", "跟进内容", 300),
    col.text("nextStep", "Next step", "下一步", 200),
    col.bool("needsBoss", "Needs the boss", "需老板处理"),
    col.text("bossAnswer", "Boss's answer", "老板答复", 200),
    col.date("nextDue", "Next due", "下次跟进"),
  ],
});

export const Quotes = defineSheet({
  name: "Quotes",
  zh: "报价",
  idKey: "id",
  idPrefix: "Q-",
  columns: [
    col.id("id", "Quote no.", "报价单号"),
    col.datetime("date", "Date", "日期"),
    col.text("buyerId", "Buyer ID", "客户编号"),
    col.text("inquiryId", "Inquiry ID", "询盘编号"),
    col.text("by", "By", "报价人", 170),
    col.text("tier", "Price tier", "价格档"),
    col.text("currency", "Currency", "币种"),
    col.text("incoterm", "Incoterm", "贸易术语"),
    col.text("port", "Port", "港口"),
    col.text("payment", "Payment", "付款方式"),
    col.text("items", "Items", "产品明细", 260),
    col.text("total", "Total", "总额"),
    col.enumOf("status", "Status", "状态", QUOTE_STATUSES),
    col.date("validUntil", "Valid until", "有效期至"),
    col.text("draftId", "Gmail draft ID", "草稿 ID"),
  ],
});

export const Samples = defineSheet({
  name: "Samples",
  zh: "样品",
  idKey: "id",
  idPrefix: "S-",
  idDigits: 6,
  columns: [
    col.id("id", "Sample ID", "样品编号"),
    col.date("requestDate", "Requested", "申请日期"),
    col.text("buyerId", "Buyer ID", "客户编号"),
    col.text("products", "Products", "产品"),
    col.enumOf("kind", "Kind", "类型", SAMPLE_KINDS),
    col.enumOf("freight", "Freight", "运费", FREIGHT_TERMS),
    col.text("courier", "Courier", "快递"),
    col.text("tracking", "Tracking no.", "运单号"),
    col.text("cost", "Cost", "费用"),
    col.date("sent", "Sent", "寄出"),
    col.date("delivered", "Delivered", "签收"),
    col.date("feedbackDue", "Feedback due", "反馈到期"),
    col.text("result", "Result", "结果", 200),
  ],
});

export const Products = defineSheet({
  name: "Products",
  zh: "产品",
  idKey: "code",
  idPrefix: "P-",
  idDigits: 4,
  protectedSheet: true,
  columns: [
    col.id("code", "Code", "编号"),
    col.text("name", "Name", "名称", 160),
    col.text("model", "Model", "型号"),
    col.text("spec", "Specification", "规格", 180),
    col.number("moq", "MOQ", "最小起订量"),
    col.text("unit", "Unit", "单位"),
    col.text("keyContact", "Key contact", "关键联系人"),
    col.text("certifications", "Certifications", "认证"),
    col.text("parameters", "Technical parameters", "技术参数", 200),
    col.text("currency", "Currency", "币种"),
    col.text("basePrice", "Base price", "基础价"),
    col.text("tierPrices", "Tier prices", "分档价格", 200),
    col.text("leadTime", "Lead time", "交期"),
    col.text("pictures", "Pictures", "图片", 160),
    col.text("catalogueLink", "Catalogue link", "目录链接", 200),
    /** Words buyers use for the product, any language, comma separated ("flood light, 投光灯, reflector LED"). */
    col.text("keywords", "Keywords", "关键词", 220),
    // What the prices include: FOB (default, Settings quote.priceBasis) or EXW; the quote adds the rest (R3).
    col.text("priceBasis", "Price basis", "价格条件"),
  ],
});

/**
 * What delivery beyond the port of loading costs (R3, R8: an accurate quote), one row per charge, kept by the
 * assistant: destination (port, country, region or *), component (origin, freight, insurance, delivery, duty),
 * basis (unit, shipment, percent), amount, currency, loading port. A component without a row is "price on request".
 */
export const Freight = defineSheet({
  name: "Freight",
  zh: "运费",
  protectedSheet: true,
  columns: [
    col.text("destination", "Destination", "目的地", 160),
    col.text("component", "Component", "费用项目"),
    col.text("basis", "Basis", "计费方式"),
    col.text("amount", "Amount", "金额"),
    col.text("currency", "Currency", "币种"),
    col.text("loadingPort", "Loading port", "装运港"),
    col.text("note", "Note", "说明", 220),
  ],
});

export const Staff = defineSheet({
  name: "Staff",
  zh: "员工",
  idKey: "email",
  protectedSheet: true,
  columns: [
    col.text("email", "E-mail", "邮箱", 200),
    col.text("name", "Name", "姓名"),
    col.enumOf("role", "Role", "角色", ROLES),
    col.enumOf("status", "Status", "状态", STAFF_STATUSES),
    col.text("deputy", "Deputy", "代理人", 180),
    col.date("awayFrom", "Away from", "外出开始"),
    col.date("awayUntil", "Away until", "外出结束"),
    col.text("regions", "Regions", "负责地区"),
    col.text("products", "Products", "负责产品"),
    col.date("joined", "Joined", "入职"),
    col.date("left", "Left", "离职"),
    col.enumOf("language", "Language", "语言", ["zh-CN", "en"]),
    // The morning digest (R8, R20): empty means on, so a book upgraded by setup sends it to everyone.
    col.enumOf("digest", "Digest", "每日提醒", ["on", "off"]),
  ],
});

export const Settings = defineSheet({
  name: "Settings",
  zh: "设置",
  idKey: "key",
  protectedSheet: true,
  columns: [
    col.text("key", "Key", "键", 200),
    col.text("value", "Value", "值", 260),
    col.text("note", "Note", "说明", 360),
  ],
});

export const Log = defineSheet({
  name: "Log",
  zh: "日志",
  columns: [
    col.datetime("at", "When", "时间"),
    col.text("user", "User", "用户", 180),
    col.text("action", "Action", "操作", 140),
    col.text("target", "Target", "对象", 120),
    col.text("detail", "Detail", "详情", 400),
    /** The line's link in the Log's hash chain (domain/log-chain.ts): written by Buyerbook, never by hand. */
    col.text("hash", "Hash", "校验码", 120),
  ],
});

/** How platform notifications are read (C2): rows the assistant extends without code. */
export const RULE_KINDS = ["platform", "fax"] as const;
/**
 * How platform notifications and fax-to-mail notices are read (C2, R26): rows the assistant extends without
 * code. Kind "fax": the row names a fax gateway (Platform = the gateway's name, Field = number/name/company,
 * Country = the country of numbers it writes without a code). A blank kind is a platform row.
 */
export const Rules = defineSheet({
  name: "Rules",
  zh: "解析规则",
  protectedSheet: true,
  columns: [
    col.text("platform", "Platform", "平台"),
    col.text("fromPattern", "From (pattern)", "发件人（模式）", 200),
    col.text("subjectPattern", "Subject (pattern)", "主题（模式）", 160),
    col.text("field", "Field", "字段"),
    col.text("pattern", "Pattern", "规则", 320),
    col.enumOf("kind", "Kind", "类型", RULE_KINDS),
    col.text("country", "Country", "国家"),
  ],
});

/** Who gets new buyers by country, region or product (R6); first matching row wins. */
export const Routing = defineSheet({
  name: "Routing",
  zh: "分配规则",
  protectedSheet: true,
  columns: [
    col.text("country", "Country", "国家"),
    col.text("region", "Region", "地区"),
    col.text("product", "Product", "产品"),
    col.text("to", "Salesperson", "业务员", 200),
  ],
});

/** One row per campaign (R11, R12, R15, R16, R24, R25): who it goes to, what it says, how far sending got. */
export const CAMPAIGN_STATUSES = ["draft", "queued", "done", "cancelled"] as const;
export const Campaigns = defineSheet({
  name: "Campaigns",
  zh: "营销邮件",
  idKey: "id",
  idPrefix: "CM-",
  idDigits: 4,
  columns: [
    col.id("id", "Campaign ID", "活动编号"),
    col.text("name", "Name", "名称", 180),
    col.text("kind", "Kind", "类型"),
    col.enumOf("status", "Status", "状态", CAMPAIGN_STATUSES),
    col.text("segment", "Audience (filter)", "目标客户（筛选）", 260),
    col.text("language", "Language", "语言"),
    col.text("subjectEn", "Subject (en)", "主题（英文）", 220),
    col.text("bodyEn", "Body (en)", "正文（英文）", 300),
    col.text("subjectZh", "Subject (zh-CN)", "主题（中文）", 220),
    col.text("bodyZh", "Body (zh-CN)", "正文（中文）", 300),
    col.text("text", "Message text", "正文内容", 300),
    col.text("catalogueLink", "Catalogue link", "目录链接", 200),
    col.text("showName", "Show / trip", "展会/出差", 160),
    col.text("showCity", "City", "城市"),
    col.text("showDates", "Dates", "日期"),
    col.text("booth", "Booth", "展位号"),
    col.text("sender", "Sender", "发件人", 180),
    col.text("createdBy", "Created by", "创建人", 180),
    col.datetime("created", "Created", "创建时间"),
    col.datetime("queuedAt", "Queued", "排队时间"),
    col.number("recipients", "Recipients", "收件人数"),
    col.number("sent", "Sent", "已发送"),
    col.number("failed", "Failed", "失败"),
    col.number("skipped", "Skipped", "跳过"),
  ],
});

/** One row per campaign recipient; a row moves queued -> sent/failed/skipped exactly once (never dropped). */
export const OUTBOX_STATUSES = ["queued", "sent", "failed", "skipped"] as const;
export const Outbox = defineSheet({
  name: "Outbox",
  zh: "发件队列",
  idKey: "id",
  idPrefix: "O-",
  idDigits: 6,
  columns: [
    col.id("id", "Outbox ID", "队列编号"),
    col.text("campaignId", "Campaign ID", "活动编号"),
    col.text("buyerId", "Buyer ID", "客户编号"),
    col.text("email", "E-mail", "邮箱", 180),
    col.text("language", "Language", "语言"),
    col.text("sender", "Sender", "发件人", 180),
    col.enumOf("status", "Status", "状态", OUTBOX_STATUSES),
    col.datetime("queuedAt", "Queued", "排队时间"),
    col.datetime("sentAt", "Sent", "发送时间"),
    col.text("followUpId", "Follow-up ID", "跟进编号"),
    col.text("detail", "Detail", "说明", 240),
  ],
});

/** Old customers and trade-show contacts pasted for import (R21); result columns are filled by Buyerbook. */
export const Import = defineSheet({
  name: "Import",
  zh: "导入",
  columns: [
    col.text("company", "Company", "公司", 180),
    col.text("name", "Contact", "联系人"),
    col.text("email", "E-mail", "邮箱", 180),
    col.text("phone", "Phone", "电话"),
    col.text("website", "Website", "网站"),
    col.text("country", "Country", "国家"),
    col.text("city", "City", "城市"),
    col.text("nature", "Business type", "客户类型"),
    col.text("source", "Source", "来源"),
    col.text("grade", "Grade", "等级"),
    col.text("products", "Products asked", "询问产品", 180),
    col.text("show", "Trade show", "展会"),
    col.text("notes", "Notes", "备注", 220),
    col.text("result", "Import result", "导入结果", 160),
    col.text("buyerId", "Buyer ID", "客户编号"),
    col.text("detail", "Import detail", "导入说明", 300),
  ],
});

/**
 * The company's mail templates to buyers (R9, R30, R31): one row per key and language, with {placeholders}
 * (domain/mail-template.ts says which), kept by the assistant. Books made before this shape had Kind | Language
 * | Text | Note; "Set up workbook" keeps that sheet as TEMPLATES_BEFORE_UPGRADE (features/setup).
 */
export const Templates = defineSheet({
  name: "Templates",
  zh: "模板",
  protectedSheet: true,
  columns: [
    col.text("key", "Key", "键"),
    // Text, not a dropdown: a row typed "es-ES" or "Spanish" must be read as typed, then named as the problem.
    col.text("language", "Language", "语言"),
    col.text("subject", "Subject", "主题", 260),
    col.text("body", "Body", "正文", 480),
    col.text("note", "Note", "说明", 220),
  ],
});

/** Where "Set up workbook" keeps a Templates sheet of the old Kind | Language | Text shape, untouched. */
export const TEMPLATES_BEFORE_UPGRADE = "Templates (before upgrade)";

/** The sheets "Set up workbook" creates: the core sheets plus what intake and quotes need at once. */
export const SETUP_SHEETS = [
  Buyers,
  Inquiries,
  FollowUps,
  Quotes,
  Samples,
  Products,
  Staff,
  Settings,
  Rules,
  Routing,
  Log,
  Templates,
  Freight,
] as const;

/** Sheets created when their feature is first used (store/sheet-setup ensureSheet); setup upgrades them once there. */
export const ON_DEMAND_SHEETS = [Campaigns, Outbox, Import] as const;

export const ALL_SHEETS = [...SETUP_SHEETS, ...ON_DEMAND_SHEETS] as const;

export type Buyer = RecordOf<typeof Buyers>;
export type Inquiry = RecordOf<typeof Inquiries>;
export type FollowUp = RecordOf<typeof FollowUps>;
export type Quote = RecordOf<typeof Quotes>;
export type Sample = RecordOf<typeof Samples>;
export type Product = RecordOf<typeof Products>;
export type StaffMember = RecordOf<typeof Staff>;
export type SettingRow = RecordOf<typeof Settings>;
export type LogEntry = RecordOf<typeof Log>;
export type Campaign = RecordOf<typeof Campaigns>;
export type OutboxRow = RecordOf<typeof Outbox>;
export type ImportRow = RecordOf<typeof Import>;
export type TemplateRecord = RecordOf<typeof Templates>;
export type FreightRow = RecordOf<typeof Freight>;
