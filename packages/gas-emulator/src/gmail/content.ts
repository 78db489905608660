/**
 * Turning mail into `MessageContent`: raw RFC 822 through mailparser (async; handles transfer
 * encodings, charsets, multipart), or a structured description composed here (sync; used by the
 * emulated sendEmail/createDraft, which are synchronous like Apps Script).
 */
import { simpleParser } from "mailparser";
import { composeEml, formatRfcDate, headerValueFromLine, htmlToText } from "./mime";
import type { AttachmentData, MessageContent } from "./model";

/** A message described field by field (the non-raw form of `MailWorld.deliver`). */
export interface StructuredMail {
  from: string;
  to?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  subject?: string;
  /** Plain body. When only `html` is given, the plain body is derived from it like Gmail does. */
  text?: string;
  html?: string;
  attachments?: { name: string; contentType?: string; bytes: Uint8Array | string }[];
  /** Extra headers (List-Unsubscribe, Auto-Submitted, X-Autoreply…). */
  headers?: Record<string, string>;
  /** "<id@host>"; generated when absent. */
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  date?: Date;
}

function splitIds(value: string): string[] {
  return value.match(/<[^>]+>/g) ?? (value.trim() ? value.trim().split(/\s+/) : []);
}

function firstHeader(headers: [string, string][], name: string): string {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1] ?? "";
}

function parseDateHeader(value: string): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ""));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Splits raw source at the first blank line without any parser, for mail mailparser cannot read. */
function fallbackContent(source: string, generatedId: string): MessageContent {
  const cut = source.search(/\r?\n\r?\n/);
  const head = cut >= 0 ? source.slice(0, cut) : "";
  const body = cut >= 0 ? source.slice(cut).replace(/^\r?\n\r?\n/, "") : source;
  const headers: [string, string][] = head
    .split(/\r?\n(?![ \t])/)
    .filter((l) => /^[^\s:]+:/.test(l))
    .map((l) => [l.slice(0, l.indexOf(":")).trim(), headerValueFromLine(l)]);
  return fromHeaders(headers, { text: body, html: "", attachments: [], raw: source }, generatedId);
}

function fromHeaders(
  headers: [string, string][],
  body: { text: string; html: string; attachments: AttachmentData[]; raw: string },
  generatedId: string,
): MessageContent {
  const h = (n: string) => firstHeader(headers, n);
  return {
    messageId: h("Message-ID") || generatedId,
    from: h("From"),
    to: h("To"),
    cc: h("Cc"),
    bcc: h("Bcc"),
    replyTo: h("Reply-To"),
    subject: h("Subject"),
    date: parseDateHeader(h("Date")),
    inReplyTo: splitIds(h("In-Reply-To"))[0] ?? "",
    references: splitIds(h("References")),
    headers,
    ...body,
  };
}

/** Parses raw RFC 822 mail. Never throws: unreadable mail is kept with whatever headers could be read. */
export async function parseRawMail(raw: string | Buffer | Uint8Array, generatedId: string): Promise<MessageContent> {
  const buffer = typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw);
  const source = buffer.toString("utf8");
  try {
    const parsed = await simpleParser(buffer, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
    const headers: [string, string][] = parsed.headerLines
      .filter((l) => l.key !== "")
      .map((l) => [l.line.slice(0, Math.max(0, l.line.indexOf(":"))).trim(), headerValueFromLine(l.line)]);
    const html = typeof parsed.html === "string" ? parsed.html : "";
    const text = parsed.text ? parsed.text : html ? htmlToText(html) : "";
    const attachments: AttachmentData[] = parsed.attachments.map((a, i) => ({
      name: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType || "application/octet-stream",
      bytes: Uint8Array.from(a.content),
      inline: a.contentDisposition === "inline" || (a.related ?? false),
    }));
    const content = fromHeaders(headers, { text, html, attachments, raw: source }, generatedId);
    if (!parsed.text && html) content.textFromHtml = true;
    // mailparser decodes charsets in the Subject more completely (RFC 2231, broken splits); prefer it.
    if (parsed.subject !== undefined) content.subject = parsed.subject;
    return content;
  } catch {
    return fallbackContent(source, generatedId);
  }
}

export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? Uint8Array.from(Buffer.from(data, "utf8")) : data;
}

/**
 * Builds content (with composed raw source) from a structured description.
 * `keepBcc` is true only for the sender's copy: recipients never see the Bcc header.
 */
export function composeContent(mail: StructuredMail, messageId: string, date: Date, keepBcc: boolean): MessageContent {
  const references = Array.isArray(mail.references) ? mail.references : splitIds(mail.references ?? "");
  const headers: [string, string][] = [
    ["Date", formatRfcDate(date)],
    ["From", mail.from],
    ["To", mail.to ?? ""],
    ["Cc", mail.cc ?? ""],
    ["Bcc", keepBcc ? (mail.bcc ?? "") : ""],
    ["Reply-To", mail.replyTo ?? ""],
    ["Subject", mail.subject ?? ""],
    ["Message-ID", messageId],
    ["In-Reply-To", mail.inReplyTo ?? ""],
    ["References", references.join(" ")],
    ...Object.entries(mail.headers ?? {}),
  ];
  const kept = headers.filter(([, v]) => v !== "");
  const html = mail.html ?? "";
  const text = mail.text ?? (html ? htmlToText(html) : "");
  const attachments: AttachmentData[] = (mail.attachments ?? []).map((a) => ({
    name: a.name,
    contentType: a.contentType ?? "application/octet-stream",
    bytes: toBytes(a.bytes),
    inline: false,
  }));
  const raw = composeEml({
    headers: kept,
    text,
    html: html || undefined,
    attachments,
    boundarySeed: messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 24),
  });
  const content = fromHeaders(kept, { text, html, attachments, raw }, messageId);
  if (mail.text === undefined && html) content.textFromHtml = true;
  return content;
}
