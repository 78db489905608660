/**
 * What a salesperson receives when a colleague leaves (R29): one mail listing the buyers now theirs, by name
 * and company, and their open work grouped by what must happen next (answer, chase a quotation, send a sample
 * reply, watch a parcel, ask for feedback); and for each buyer a draft introduction from the new owner in the
 * buyer's language ("your new contact is …"), to check and send.
 */
import { type BuyerLang, chooseLanguage } from "./buyer-language";
import { greetingName } from "./greeting";
import type { BuyerFacts, CompanyFacts, SenderFacts } from "./letters";
import { letterValues } from "./letters";
import { type MailTemplateRow, type RenderedMail, renderMail } from "./mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "./mail-templates";

/**
 * Where a sample stands. A reply drafted but not sent, or a parcel not shipped, is "not-sent": never "on the
 * way" until the Samples row has a sent date.
 */
export type SampleState = "not-sent" | "on-the-way" | "awaiting-feedback" | "done";

export function sampleState(s: {
  kind: string;
  sent: Date | null;
  delivered: Date | null;
  result: string;
  /** For an electronic sample: whether the reply with the links has left (its draft was sent). */
  replySent?: boolean;
}): SampleState {
  if (s.result.trim() !== "") return "done";
  if (s.kind === "electronic") return s.replySent === false ? "not-sent" : "awaiting-feedback";
  if (!s.sent) return "not-sent";
  return s.delivered ? "awaiting-feedback" : "on-the-way";
}

export interface HandoverBuyer {
  /** The Buyers row ID: named only when the buyer has no name, company or address to go by. */
  id: string;
  name: string;
  company: string;
  email: string;
  country: string;
  grade: string;
  /** yyyy-mm-dd. */
  nextFollowUp?: string;
  inquiries: { subject: string; received: string }[];
  quotes: { number: string; date: string; total: string; status: string; validUntil: string }[];
  samples: {
    products: string;
    requested: string;
    state: SampleState;
    sent?: string;
    courier?: string;
    tracking?: string;
  }[];
}

export type StaffLang = "en" | "zh-CN";

/** The fixed start of every handover subject: a rerun finds the mail already sent by searching for it. */
export const HANDOVER_SUBJECT_MARKER = "Buyerbook handover";

interface Words {
  subject: string;
  subjectOne: string;
  leftOne: string;
  colon: string;
  hello: string;
  left: string;
  grade: string;
  followUpBy: string;
  openWork: string;
  noOpenWork: string;
  inquiries: string;
  quotes: string;
  notSent: string;
  onTheWay: string;
  feedback: string;
  received: string;
  quoteLine: string;
  requested: string;
  sentBy: string;
  tracking: string;
  statuses: Record<string, string>;
  drafts: string;
  readFirst: string;
  book: string;
  noName: string;
  comma: string;
}

const WORDS: Record<StaffLang, Words> = {
  en: {
    subject: "{marker} {leaver}: {n} buyers are now yours",
    subjectOne: "{marker} {leaver}: 1 buyer is now yours",
    hello: "Hello {name},",
    left: "{leaver} has left the company. From today these {n} buyers are yours:",
    leftOne: "{leaver} has left the company. From today this buyer is yours:",
    grade: "grade {grade}",
    followUpBy: "follow up by {date}",
    openWork: "Their open work, most urgent first:",
    noOpenWork: "None of them has open work right now; follow each up on the dates above.",
    inquiries: "Unanswered inquiries (answer within one working day):",
    quotes: "Open quotations:",
    notSent: "Sample replies or parcels not sent yet:",
    onTheWay: "Samples on the way:",
    feedback: "Samples delivered, waiting for the buyer's feedback:",
    received: '"{subject}", received {date}',
    quoteLine: "{number} of {date}, {total}, {status}, valid until {valid}",
    requested: "{products}, requested {date}",
    sentBy: "sent {date}",
    tracking: "tracking {tracking}",
    statuses: { draft: "not sent to the buyer yet", sent: "sent to the buyer" },
    drafts:
      "A draft introduction in each buyer's language is in your Gmail drafts: check it and send it, so every buyer knows their new contact.",
    readFirst: "Their past inquiries, quotations and follow-ups stay in the book: read them before you write.",
    book: "The buyer book: {url}",
    noName: "buyer {id} with no name, company or e-mail on file",
    comma: ", ",
    colon: ": ",
  },
  "zh-CN": {
    subject: "{marker} {leaver}：你接手了 {n} 位客户",
    subjectOne: "{marker} {leaver}：你接手了 1 位客户",
    hello: "{name}，你好：",
    left: "{leaver} 已离职。从今天起，以下 {n} 位客户由你负责：",
    leftOne: "{leaver} 已离职。从今天起，以下客户由你负责：",
    grade: "{grade} 级",
    followUpBy: "{date} 前跟进",
    openWork: "未完成事项（按紧急程度排列）：",
    noOpenWork: "这些客户目前没有未完成事项；请按上面的日期逐一跟进。",
    inquiries: "未回复的询盘（请在一个工作日内回复）：",
    quotes: "未结束的报价：",
    notSent: "尚未发出的样品回复或样品：",
    onTheWay: "运输途中的样品：",
    feedback: "已送达、等待客户反馈的样品：",
    received: "“{subject}”，{date} 收到",
    quoteLine: "{number}（{date}），{total}，{status}，有效期至 {valid}",
    requested: "{products}，{date} 申请",
    sentBy: "{date} 寄出",
    tracking: "运单号 {tracking}",
    statuses: { draft: "尚未发给客户", sent: "已发给客户" },
    drafts: "每位客户的介绍信草稿（客户的语言）已放在你的 Gmail 草稿箱：请检查后发出，让每位客户知道新的联系人。",
    readFirst: "过去的询盘、报价和跟进记录都保留在表格里，联系客户前请先阅读。",
    book: "客户表格：{url}",
    noName: "客户 {id}（表中没有姓名、公司或邮箱）",
    comma: "，",
    colon: "：",
  },
};

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** "Ahmed Saleh, Gulf Hardware LLC": the name when it is a person's, the company, else the address. */
export function buyerLabel(b: Pick<HandoverBuyer, "id" | "name" | "company" | "email">, lang: StaffLang): string {
  const W = WORDS[lang];
  const verdict = greetingName(b.name, b.email);
  const parts = [verdict.usable ? verdict.name : "", b.company.trim()].filter((x) => x !== "");
  if (parts.length > 0) return parts.join(W.comma);
  if (b.email.trim() !== "") return b.email.trim();
  return fill(W.noName, { id: b.id });
}

function buyerLine(b: HandoverBuyer, W: Words, lang: StaffLang): string {
  const place = b.country.trim() ? ` (${b.country.trim()})` : "";
  const notes = [
    b.grade.trim() ? fill(W.grade, { grade: b.grade.trim() }) : "",
    b.nextFollowUp ? fill(W.followUpBy, { date: b.nextFollowUp }) : "",
  ]
    .filter((x) => x !== "")
    .join(W.comma);
  return `- ${buyerLabel(b, lang)}${place}${notes ? `${W.comma}${notes}` : ""}`;
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ["", title, ...lines];
}

export interface HandoverMailInput {
  lang: StaffLang;
  receiverName: string;
  leaverName: string;
  leaverEmail: string;
  url: string;
  buyers: readonly HandoverBuyer[];
  /** Whether the introduction drafts were made (the text says so only then). */
  introDrafts: boolean;
}

/** The mail to the receiving salesperson, read top to bottom as a to-do list. */
export function handoverMail(input: HandoverMailInput): { subject: string; body: string } {
  const W = WORDS[input.lang];
  const lang = input.lang;
  const leaver = input.leaverName.trim() ? `${input.leaverName.trim()} <${input.leaverEmail}>` : input.leaverEmail;
  const label = (b: HandoverBuyer) => buyerLabel(b, lang);
  const each = <T>(pick: (b: HandoverBuyer) => readonly T[], line: (b: HandoverBuyer, x: T) => string) =>
    input.buyers.flatMap((b) => pick(b).map((x) => `- ${label(b)}${W.colon}${line(b, x)}`));
  const samples = (state: SampleState) =>
    each(
      (b) => b.samples.filter((s) => s.state === state),
      (_b, s) =>
        [
          fill(W.requested, { products: s.products, date: s.requested }),
          s.sent ? fill(W.sentBy, { date: s.sent }) + (s.courier ? ` (${s.courier})` : "") : "",
          s.tracking ? fill(W.tracking, { tracking: s.tracking }) : "",
        ]
          .filter((x) => x !== "")
          .join(W.comma),
    );
  const work = [
    ...section(
      W.inquiries,
      each(
        (b) => b.inquiries,
        (_b, i) => fill(W.received, { subject: i.subject.trim(), date: i.received }),
      ),
    ),
    ...section(
      W.quotes,
      each(
        (b) => b.quotes,
        (_b, q) =>
          fill(W.quoteLine, {
            number: q.number,
            date: q.date,
            total: q.total,
            status: W.statuses[q.status] ?? q.status,
            valid: q.validUntil,
          }),
      ),
    ),
    ...section(W.notSent, samples("not-sent")),
    ...section(W.onTheWay, samples("on-the-way")),
    ...section(W.feedback, samples("awaiting-feedback")),
  ];
  const body = [
    fill(W.hello, { name: input.receiverName.trim() }),
    "",
    fill(input.buyers.length === 1 ? W.leftOne : W.left, { leaver, n: input.buyers.length }),
    ...input.buyers.map((b) => buyerLine(b, W, lang)),
    "",
    work.length > 0 ? W.openWork : W.noOpenWork,
    ...work,
    "",
    ...(input.introDrafts ? [W.drafts] : []),
    W.readFirst,
    fill(W.book, { url: input.url }),
  ];
  return {
    subject: fill(input.buyers.length === 1 ? W.subjectOne : W.subject, {
      marker: HANDOVER_SUBJECT_MARKER,
      leaver: input.leaverEmail,
      n: input.buyers.length,
    }),
    body: `${body.join("\n")}\n`,
  };
}

/**
 * The introduction the new owner sends a handed-over buyer, in the buyer's language (English when the
 * Templates sheet has no row in it): "your previous contact handed your account to me; reach me at …".
 */
export function renderHandoverIntro(input: {
  templates: readonly MailTemplateRow[];
  /** What the buyer writes in (latest inquiry) or a language set on the buyer. */
  buyerLanguage: string;
  buyer: BuyerFacts;
  newOwner: SenderFacts;
  previousName: string;
  company: CompanyFacts;
}): RenderedMail {
  const lang: BuyerLang = chooseLanguage({ writes: input.buyerLanguage });
  return renderMail(input.templates, DEFAULT_MAIL_TEMPLATES, "handover.intro", lang, {
    ...letterValues(lang, input.buyer, input.newOwner, input.company),
    "previous.name": input.previousName.trim(),
  });
}
