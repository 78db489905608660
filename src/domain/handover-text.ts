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
  leaverDrafts: string;
  leaverDraft: string;
  mail: string;
  forward: string;
  noForward: string;
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
      "The next time Buyerbook checks your mail (within a few hours), it puts a draft introduction in each buyer's language into your Gmail drafts: check each one and send it, so every buyer knows their new contact.",
    leaverDrafts:
      "Drafts {leaver} left unsent in their own Gmail. Buyerbook cannot open another person's mailbox, so nobody can send these: make each one again from the sidebar.",
    leaverDraft: "quotation {number} of {date}, never sent",
    mail: "Mail these buyers still send to {leaver}:",
    forward:
      "Buyerbook reads only the mailboxes of people who work here, so it does not see that mail. The Google Workspace admin forwards it to {to}: Admin console › Apps › Google Workspace › Gmail › Routing › Email forwarding using recipient address map ({leaver} → {to}); for a suspended account, Gmail › Default routing with “Change envelope recipient”. It then arrives in {to}'s inbox and Buyerbook reads it there.",
    noForward:
      "Nobody receives it (Settings handover.forwardMailTo is none), and Buyerbook cannot read {leaver}'s mailbox. The introductions give each buyer your address; if a buyer says they wrote to {leaver}, answer them from here.",
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
    drafts:
      "Buyerbook 下次检查你的邮件时（几小时内），会把每位客户的介绍信草稿（客户的语言）放进你的 Gmail 草稿箱：请逐一检查后发出，让每位客户知道新的联系人。",
    leaverDrafts:
      "{leaver} 在自己的 Gmail 中留下、尚未发出的草稿。Buyerbook 无法打开他人的邮箱，这些草稿已无人能发：请在侧边栏中重新生成。",
    leaverDraft: "报价单 {number}（{date}），从未发出",
    mail: "这些客户仍发往 {leaver} 的邮件：",
    forward:
      "Buyerbook 只能读取在职同事的邮箱，看不到这些邮件。请 Google Workspace 管理员将其转发给 {to}：管理控制台 › 应用 › Google Workspace › Gmail › 路由 › 使用收件人地址映射转发电子邮件（{leaver} → {to}）；若账号已暂停，则在 Gmail › 默认路由中选择“更改信封收件人”。邮件随后进入 {to} 的收件箱，Buyerbook 会在那里读取。",
    noForward:
      "没有人会收到这些邮件（设置表 handover.forwardMailTo 为 none），Buyerbook 也无法读取 {leaver} 的邮箱。介绍信会把你的邮箱告诉每位客户；如有客户说曾写信给 {leaver}，请由你回复。",
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
  /** Whether introduction drafts will be made for the receiver (the text says so only then). */
  introDrafts: boolean;
  /** Quotation drafts the leaver made and never sent (they sit in the leaver's Gmail, out of everyone's reach). */
  leaverDrafts?: { number: string; date: string; buyer: Pick<HandoverBuyer, "id" | "name" | "company" | "email"> }[];
  /**
   * Where the admin forwards mail still sent to the leaver: an address, or "" for nowhere (Settings
   * handover.forwardMailTo none). Undefined leaves the paragraph out.
   */
  forwardTo?: string;
}

/** The mail to the receiving salesperson, read top to bottom as a to-do list. */
export function handoverMail(input: HandoverMailInput): { subject: string; body: string } {
  const W = WORDS[input.lang];
  const lang = input.lang;
  const leaver = input.leaverName.trim() ? `${input.leaverName.trim()} <${input.leaverEmail}>` : input.leaverEmail;
  const work = openWork(input, W);
  const drafts = (input.leaverDrafts ?? []).map(
    (d) => `- ${buyerLabel(d.buyer, lang)}${W.colon}${fill(W.leaverDraft, { number: d.number, date: d.date })}`,
  );
  const body = [
    fill(W.hello, { name: input.receiverName.trim() }),
    "",
    fill(input.buyers.length === 1 ? W.leftOne : W.left, { leaver, n: input.buyers.length }),
    ...input.buyers.map((b) => buyerLine(b, W, lang)),
    "",
    work.length > 0 ? W.openWork : W.noOpenWork,
    ...work,
    ...section(fill(W.leaverDrafts, { leaver: input.leaverEmail }), drafts),
    ...forwardingLines(input, W),
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

/** "- Buyer: what" for each item `pick` finds on each buyer, buyer by buyer. */
function perBuyer<T>(
  input: HandoverMailInput,
  W: Words,
  pick: (b: HandoverBuyer) => readonly T[],
  line: (x: T) => string,
): string[] {
  return input.buyers.flatMap((b) => pick(b).map((x) => `- ${buyerLabel(b, input.lang)}${W.colon}${line(x)}`));
}

/** The open inquiries, quotes and samples (by where each sample stands), each section only when it has lines. */
function openWork(input: HandoverMailInput, W: Words): string[] {
  const samples = (state: SampleState) =>
    perBuyer(
      input,
      W,
      (b) => b.samples.filter((s) => s.state === state),
      (s) =>
        [
          fill(W.requested, { products: s.products, date: s.requested }),
          s.sent ? fill(W.sentBy, { date: s.sent }) + (s.courier ? ` (${s.courier})` : "") : "",
          s.tracking ? fill(W.tracking, { tracking: s.tracking }) : "",
        ]
          .filter((x) => x !== "")
          .join(W.comma),
    );
  return [
    ...section(
      W.inquiries,
      perBuyer(
        input,
        W,
        (b) => b.inquiries,
        (i) => fill(W.received, { subject: i.subject.trim(), date: i.received }),
      ),
    ),
    ...section(
      W.quotes,
      perBuyer(
        input,
        W,
        (b) => b.quotes,
        (q) =>
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
}

/** Where mail still sent to the leaver goes; left out when the caller did not say. */
function forwardingLines(input: HandoverMailInput, W: Words): string[] {
  if (input.forwardTo === undefined) return [];
  return [
    "",
    fill(W.mail, { leaver: input.leaverEmail }),
    input.forwardTo
      ? fill(W.forward, { to: input.forwardTo, leaver: input.leaverEmail })
      : fill(W.noForward, { leaver: input.leaverEmail }),
  ];
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
