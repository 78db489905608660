/**
 * The small amount of MIME the emulator needs on its own (mailparser only parses): decoding RFC 2047
 * encoded words in raw header lines, deriving plain text from HTML, and composing .eml source for
 * mail the emulated script writes (sendEmail, drafts).
 */
import { parseAddressList } from "./addresses";

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function decodeQ(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "_") bytes.push(0x20);
    else if (ch === "=" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(bytes);
}

const ENCODED_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?([bBqQ])\?([^?]*)\?=/g;

/** Decodes `=?charset?B|Q?...?=` words; whitespace between adjacent encoded words is dropped (RFC 2047 §6.2). */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?)/g, "$1");
  return joined.replace(ENCODED_WORD, (_m, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === "B" ? Uint8Array.from(Buffer.from(text, "base64")) : decodeQ(text);
    return decodeBytes(bytes, charset);
  });
}

/** Raw 8-bit header bytes reach us as latin1 characters; re-read them as UTF-8 when they are valid UTF-8. */
export function repairEightBit(value: string): string {
  const codes = Array.from(value, (c) => c.codePointAt(0) ?? 0);
  if (!codes.some((c) => c > 0x7f) || codes.some((c) => c > 0xff)) return value;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(value, "latin1"));
  } catch {
    return value;
  }
}

/** One header's value as a script sees it: unfolded, 8-bit repaired, encoded words decoded. */
export function headerValueFromLine(line: string): string {
  const colon = line.indexOf(":");
  const raw = colon >= 0 ? line.slice(colon + 1) : line;
  return decodeEncodedWords(repairEightBit(raw.replace(/\r?\n[ \t]+/g, " "))).trim();
}

const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

/**
 * Plain text for an HTML-only message, close to what Gmail gives getPlainBody(): block elements and
 * <br> become line breaks, tags vanish, entities are decoded, runs of blank lines collapse.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n")
    .replace(/<\/(p|div|tr|h[1-6]|li|ul|ol|table|blockquote|section|article|header|footer)\s*>/gi, "\n")
    .replace(/<(p|div|tr|h[1-6]|table|blockquote)\b[^>]*>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, " ")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(text)
    .replace(/[ \t\u00a0]+/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// ---- composing ----

// biome-ignore lint/suspicious/noControlCharactersInRegex: testing for non-ASCII needs the full range
const NON_ASCII = /[^\x00-\x7f]/;

function encodeWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

/** Encodes an unstructured header (Subject) when it is not plain ASCII. */
export function encodeHeaderText(text: string): string {
  return NON_ASCII.test(text) ? encodeWord(text) : text;
}

/** Encodes the display names of an address list, keeping the addresses readable. */
export function encodeAddressHeader(list: string): string {
  if (!NON_ASCII.test(list)) return list;
  return parseAddressList(list)
    .map((a) => (a.address ? (a.name ? `${encodeWord(a.name)} <${a.address}>` : a.address) : encodeWord(a.name)))
    .join(", ");
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date in UTC, e.g. "Tue, 03 Mar 2026 09:05:00 +0000". */
export function formatRfcDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function base64Lines(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString("base64")
      .match(/.{1,76}/g)
      ?.join("\r\n") ?? ""
  );
}

export interface ComposeAttachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface ComposeInput {
  /** Header name/value pairs in order (values decoded; this function encodes them). */
  headers: [string, string][];
  text: string;
  html?: string;
  attachments: ComposeAttachment[];
  /** Seed for deterministic boundaries. */
  boundarySeed: string;
}

const ADDRESS_HEADERS = new Set(["from", "to", "cc", "bcc", "reply-to", "sender"]);

function textPart(type: "plain" | "html", body: string): string {
  return `Content-Type: text/${type}; charset="UTF-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(Buffer.from(body, "utf8"))}\r\n`;
}

function multipart(kind: string, boundary: string, parts: string[]): string {
  return `Content-Type: multipart/${kind}; boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}`).join("\r\n")}\r\n--${boundary}--\r\n`;
}

/** RFC 822 source for a message: multipart/alternative when there is HTML, multipart/mixed around attachments. */
export function composeEml(input: ComposeInput): string {
  const head = input.headers
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${ADDRESS_HEADERS.has(k.toLowerCase()) ? encodeAddressHeader(v) : encodeHeaderText(v)}`)
    .join("\r\n");
  let body = input.html
    ? multipart("alternative", `alt_${input.boundarySeed}`, [
        textPart("plain", input.text),
        textPart("html", input.html),
      ])
    : textPart("plain", input.text);
  if (input.attachments.length > 0) {
    const attachmentParts = input.attachments.map((a) => {
      const name = encodeHeaderText(a.name);
      return `Content-Type: ${a.contentType}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.bytes)}\r\n`;
    });
    body = multipart("mixed", `mix_${input.boundarySeed}`, [body, ...attachmentParts]);
  }
  return `${head}\r\nMIME-Version: 1.0\r\n${body}`;
}
