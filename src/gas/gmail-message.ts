/**
 * One message of the Gmail API (users.threads.get, format "full") as the facts intake reads: the same fields as
 * GmailApp gave (messageFacts in mail.ts), from data already fetched, so no call per message. Body parts come as
 * base64url (RFC 4648 §5) of the part's bytes in the part's own charset; UTF-8, ASCII and Latin-1 are decoded here,
 * any other charset (GBK, Big5, KOI8-R, windows-1251…) through a Utilities blob, which knows them all.
 */
import type { MailFacts } from "../domain/classify";
import { parseAddress, parseAddressList } from "../domain/text";
import { INTAKE_HEADERS, normalizeMessageId } from "./mail";

export type ApiMessage = GoogleAppsScript.Gmail.Schema.Message;
type Part = GoogleAppsScript.Gmail.Schema.MessagePart;

/** Enough of a body for summaries, quantities and platform fields; a 60,000-character mail is cut here. */
const MAX_BODY_CHARS = 100_000;
/** GmailApp's attachments were read up to this many a message. */
const MAX_ATTACHMENTS = 20;

/** The facts of `message`, read from `mailbox`. */
export function apiMessageFacts(message: ApiMessage, mailbox: string): MailFacts {
  const all = message.payload?.headers ?? [];
  const header = (name: string) => {
    const found = all.find((h) => String(h.name ?? "").toLowerCase() === name);
    return found ? String(found.value ?? "") : "";
  };
  const headers: Record<string, string> = {};
  for (const name of INTAKE_HEADERS) headers[name] = header(name);
  const from = parseAddress(header("from"));
  const date = Number(message.internalDate);
  const facts: MailFacts = {
    messageId: String(message.id ?? ""),
    threadId: String(message.threadId ?? ""),
    rfcMessageId: normalizeMessageId(headers["message-id"]),
    mailbox,
    from: from?.address ? { name: from.name ?? "", address: from.address } : undefined,
    replyTo: parseAddress(headers["reply-to"])?.address || undefined,
    to: [],
    cc: [],
    subject: header("subject"),
    date: new Date(Number.isFinite(date) ? date : 0),
    plainBody: plainBodyOf(message.payload).slice(0, MAX_BODY_CHARS),
    headers,
    attachmentNames: leaves(message.payload)
      .map((p) => String(p.filename ?? ""))
      .filter((name) => name !== "")
      .slice(0, MAX_ATTACHMENTS),
  };
  // Not enumerable, as GmailApp's were: copying the facts does not copy the recipient lists.
  Object.defineProperties(facts, {
    to: { enumerable: false, get: () => parseAddressList(headers.to).map((a) => a.address) },
    cc: { enumerable: false, get: () => parseAddressList(headers.cc).map((a) => a.address) },
  });
  return facts;
}

/**
 * Whether the message carries a system label: SENT only on mail this account sent (never on a forged From),
 * DRAFT on an unsent draft.
 */
export function hasLabel(message: ApiMessage, label: "SENT" | "DRAFT" | "INBOX"): boolean {
  return (message.labelIds ?? []).includes(label);
}

/**
 * What GmailApp's getPlainBody gives: the first text/plain body part, else the first text/html one made plain
 * the way Gmail does it (htmlToPlain). Attachments (parts with a file name) are never the body.
 */
export function plainBodyOf(payload: Part | undefined): string {
  const bodies = leaves(payload).filter((p) => !p.filename);
  const plain = bodies.find((p) => mimeOf(p) === "text/plain");
  if (plain) return partText(plain);
  const html = bodies.find((p) => mimeOf(p) === "text/html");
  return html ? htmlToPlain(partText(html)) : "";
}

function leaves(part: Part | undefined): Part[] {
  if (!part) return [];
  return part.parts && part.parts.length > 0 ? part.parts.flatMap(leaves) : [part];
}

function mimeOf(part: Part): string {
  return String(part.mimeType ?? "").toLowerCase();
}

function partText(part: Part): string {
  const bytes = bodyBytes(part.body?.data);
  const contentType = (part.headers ?? []).find((h) => String(h.name ?? "").toLowerCase() === "content-type");
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(String(contentType?.value ?? ""))?.[1] ?? "utf-8";
  return decodeText(bytes, charset);
}

/** Body data as bytes: base64url text as the REST API sends it, or a byte array should the service hand one. */
function bodyBytes(data: unknown): number[] {
  if (Array.isArray(data)) return data.map((b) => Number(b) & 0xff);
  return base64UrlToBytes(String(data ?? ""));
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Base64url (RFC 4648 §5), padded or not; the standard alphabet's "+" and "/" are read too. */
export function base64UrlToBytes(text: string): number[] {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const value = ch === "-" || ch === "+" ? 62 : ch === "_" || ch === "/" ? 63 : ALPHABET.indexOf(ch);
    if (value < 0) continue; // padding, line breaks
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return out;
}

function decodeText(bytes: number[], charset: string): string {
  const name = charset.toLowerCase().replace(/_/g, "-");
  if (name === "utf-8" || name === "utf8" || name === "us-ascii" || name === "ascii") return utf8(bytes);
  if (name === "iso-8859-1" || name === "latin1") return fromCodes(bytes);
  try {
    return Utilities.newBlob(bytes.map((b) => (b > 127 ? b - 256 : b))).getDataAsString(charset);
  } catch {
    return utf8(bytes); // a charset Java does not know: read it as UTF-8 rather than lose the mail
  }
}

/** UTF-8 bytes to text; a malformed sequence becomes U+FFFD (Apps Script has no TextDecoder). */
export function utf8(bytes: number[]): string {
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const extra = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let code = extra === 0 ? b : extra === 1 ? b & 0x1f : extra === 2 ? b & 0x0f : b & 0x07;
    // A malformed sequence is one U+FFFD for its lead byte and the continuation bytes read before it broke.
    let taken = 1;
    while (extra > 0 && taken <= extra && i + taken < bytes.length && (bytes[i + taken] & 0xc0) === 0x80) {
      code = (code << 6) | (bytes[i + taken] & 0x3f);
      taken += 1;
    }
    const whole = extra >= 0 && taken === extra + 1;
    const valid =
      whole && code >= [0, 0x80, 0x800, 0x10000][extra] && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    codes.push(valid ? code : 0xfffd);
    i += extra < 0 ? 1 : taken;
  }
  return fromCodes(codes);
}

function fromCodes(codes: number[]): string {
  let out = "";
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCodePoint(...codes.slice(i, i + 8192));
  return out;
}

const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

/**
 * Plain text of an HTML-only message as GmailApp's getPlainBody gives it (the emulator's rule, which follows
 * Gmail's): block elements and <br> become line breaks, tags vanish, entities are decoded, blank runs collapse.
 */
export function htmlToPlain(html: string): string {
  const text = html
    .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n")
    .replace(/<\/(p|div|tr|h[1-6]|li|ul|ol|table|blockquote|section|article|header|footer)\s*>/gi, "\n")
    .replace(/<(p|div|tr|h[1-6]|table|blockquote)\b[^>]*>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, body: string) => {
      if (body[0] !== "#") return ENTITIES[body.toLowerCase()] ?? whole;
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    });
  return text
    .replace(/[ \t\u00a0]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
