/**
 * Campaign mail (R11, R12, R15, R16, R23, R24, R25): the kinds the desk sends, their default wording in
 * English and Chinese, merge fields, the language each buyer gets, and the footer that lets a buyer say
 * "unsubscribe" (and lets Buyerbook find a message again in Sent mail after a crash).
 */
import { ownWords } from "./own-words";

export const CAMPAIGN_KINDS = ["news", "products", "holiday", "show", "meeting", "greeting"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export type MailLang = "en" | "zh-CN";

export interface Template {
  subject: string;
  body: string;
}

/**
 * Default wording per kind. A person edits the campaign's own subject/body; these fill what is left empty.
 * `{{field|fallback}}` prints the fallback when the field is empty (a buyer without a contact name).
 */
export const DEFAULT_TEMPLATES: Record<CampaignKind, Record<MailLang, Template>> = {
  news: {
    en: {
      subject: "Market news from {{our.company}}",
      body: "Dear {{name|Sir or Madam}},\n\n{{text}}\n\nBest regards,\n{{owner.name}}\n{{our.company}}",
    },
    "zh-CN": {
      subject: "{{our.company}} 市场资讯",
      body: "{{name|您好}}：\n\n{{text}}\n\n此致\n{{owner.name}}\n{{our.company}}",
    },
  },
  products: {
    en: {
      subject: "New products for {{company|you}}",
      body: "Dear {{name|Sir or Madam}},\n\nYou asked us about {{products|our products}} before. Our newest and best-selling items are in the catalogue: {{catalogue}}\n\n{{text}}\n\nBest regards,\n{{owner.name}}\n{{our.company}}",
    },
    "zh-CN": {
      subject: "{{our.company}} 新品推荐",
      body: "{{name|您好}}：\n\n您之前询问过{{products|我们的产品}}。最新及热销产品请见目录：{{catalogue}}\n\n{{text}}\n\n此致\n{{owner.name}}\n{{our.company}}",
    },
  },
  holiday: {
    en: {
      subject: "Season's greetings from {{our.company}}",
      body: "Dear {{name|Sir or Madam}},\n\n{{text}}\n\nWarm wishes,\n{{owner.name}}\n{{our.company}}",
    },
    "zh-CN": {
      subject: "{{our.company}} 节日问候",
      body: "{{name|您好}}：\n\n{{text}}\n\n祝好\n{{owner.name}}\n{{our.company}}",
    },
  },
  greeting: {
    en: {
      subject: "Greetings from {{our.company}}",
      body: "Dear {{name|Sir or Madam}},\n\n{{text}}\n\nBest regards,\n{{owner.name}}\n{{our.company}}",
    },
    "zh-CN": {
      subject: "{{our.company}} 问候",
      body: "{{name|您好}}：\n\n{{text}}\n\n此致\n{{owner.name}}\n{{our.company}}",
    },
  },
  show: {
    en: {
      subject: "Visit us at {{show.name}}, booth {{show.booth}}",
      body: "Dear {{name|Sir or Madam}},\n\nWe will exhibit at {{show.name}} ({{show.city}}), {{show.dates}}, booth {{show.booth}}. We bring our newest samples and would be glad to meet you there. Please reply with a day and time that suits you.\n\n{{text}}\n\nBest regards,\n{{owner.name}}\n{{our.company}}",
    },
    "zh-CN": {
      subject: "诚邀莅临 {{show.name}}，展位 {{show.booth}}",
      body: "{{name|您好}}：\n\n我们将参加 {{show.name}}（{{show.city}}），{{show.dates}}，展位号 {{show.booth}}，届时将展出最新样品，诚邀您莅临洽谈。请回复方便见面的日期和时间。\n\n{{text}}\n\n此致\n{{owner.name}}\n{{our.company}}",
    },
  },
  meeting: {
    en: {
      subject: "Meeting in {{show.city}}, {{show.dates}}",
      body: "Dear {{name|Sir or Madam}},\n\nI will be in {{show.city}} on {{show.dates}} and would like to visit {{company|you}} to talk about {{products|our products}}. Would a short meeting suit you? Please reply with a day and time.\n\n{{text}}\n\nBest regards,\n{{owner.name}}\n{{our.company}}",
    },
    "zh-CN": {
      subject: "{{show.dates}} {{show.city}} 拜访预约",
      body: "{{name|您好}}：\n\n我将于 {{show.dates}} 到访 {{show.city}}，希望拜访贵司，当面沟通{{products|我们的产品}}。请回复方便的日期和时间。\n\n{{text}}\n\n此致\n{{owner.name}}\n{{our.company}}",
    },
  },
};

/** Merge fields a template may use. */
export const MERGE_FIELDS = [
  "name",
  "company",
  "country",
  "city",
  "products",
  "grade",
  "owner.name",
  "owner.email",
  "our.company",
  "our.website",
  "our.phone",
  "catalogue",
  "show.name",
  "show.booth",
  "show.dates",
  "show.city",
  "text",
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string>>;

export interface Rendered {
  text: string;
  /** Fields the template names that do not exist (typos): a campaign with any is not queued. */
  unknown: string[];
  /** Known fields with no value and no fallback: shown in the preview so a person notices. */
  empty: string[];
}

const FIELD = /\{\{\s*([a-zA-Z.]+)\s*(?:\|([^}]*))?\}\}/g;

/** Fills `{{field}}` and `{{field|fallback}}`. Values are plain text (mail is sent as plain text). */
export function renderTemplate(template: string, values: MergeValues): Rendered {
  const unknown = new Set<string>();
  const empty = new Set<string>();
  const text = template.replace(FIELD, (_whole, name: string, fallback: string | undefined) => {
    if (!(MERGE_FIELDS as readonly string[]).includes(name)) {
      unknown.add(name);
      return "";
    }
    const v = (values[name as MergeField] ?? "").trim();
    if (v !== "") return v;
    if (fallback !== undefined) return fallback.trim();
    if (name !== "text") empty.add(name);
    return "";
  });
  // An empty {{text}} paragraph leaves a blank gap: collapse runs of blank lines.
  return { text: text.replace(/\n{3,}/g, "\n\n"), unknown: [...unknown], empty: [...empty] };
}

const CHINESE_COUNTRIES = new Set(["china", "cn", "taiwan", "tw", "hong kong", "hk", "macau", "mo", "中国"]);

/**
 * The language a buyer gets: the campaign's fixed language, else what the buyer writes in (their inquiries),
 * else a Chinese-speaking country, else the Settings default.
 */
export function mailLanguage(
  campaignLanguage: string,
  buyer: { writes?: string; country: string },
  fallback: MailLang,
): MailLang {
  if (campaignLanguage === "en" || campaignLanguage === "zh-CN") return campaignLanguage;
  const writes = (buyer.writes ?? "").toLowerCase();
  if (writes.startsWith("zh")) return "zh-CN";
  if (writes !== "" && writes !== "unknown" && writes !== "und") return "en";
  if (CHINESE_COUNTRIES.has(buyer.country.trim().toLowerCase())) return "zh-CN";
  return fallback;
}

/** The footer every campaign message ends with: how to unsubscribe, and a reference to find it again. */
export function campaignFooter(lang: MailLang, ref: string): string {
  return lang === "zh-CN"
    ? `\n\n--\n如不希望再收到此类邮件，请回复"退订"。 Ref ${ref}`
    : `\n\n--\nTo stop receiving these e-mails, reply "unsubscribe". Ref ${ref}`;
}

/** The outbox reference inside a sent body ("Ref O-000123"), or undefined. */
export function refInBody(body: string): string | undefined {
  return /\bRef (O-\d+)\b/.exec(body)?.[1];
}

const UNSUBSCRIBE = [
  /\bunsubscribe\b/i,
  /\bremove me\b/i,
  /\bstop (sending|e-?mailing|mailing)\b/i,
  /\bopt[- ]?out\b/i,
  /\bdo not (contact|e-?mail|send)\b/i,
  /退订/,
  /取消订阅/,
  /不要再发/,
  /别再发/,
];

/** Whether a reply asks us to stop mailing (checked on the reply's own words and subject, not the quote). */
export function isUnsubscribeRequest(subject: string, body: string): boolean {
  const own = `${subject.replace(/^\s*(re|aw|回复|答复)\s*[:：]\s*/i, "")}\n${ownWords(body)}`;
  return UNSUBSCRIBE.some((re) => re.test(own));
}

/** What a batch in flight looked like, kept in document properties until its statuses are written. */
export interface SendingMarker {
  sender: string;
  startedAt: number;
  /** Outbox IDs and the campaign each belongs to. */
  rows: { id: string; campaignId: string }[];
}

/**
 * After a crash between sending and writing statuses: rows whose reference is in the sender's Sent mail were
 * sent (mark them, never send again); the rest were not (they stay queued).
 */
export function reconcileMarker(
  marker: SendingMarker,
  refsInSent: ReadonlySet<string>,
): { sent: string[]; notSent: string[] } {
  const sent: string[] = [];
  const notSent: string[] = [];
  for (const r of marker.rows) (refsInSent.has(r.id) ? sent : notSent).push(r.id);
  return { sent, notSent };
}
