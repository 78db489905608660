/**
 * Writes RFC 5322 messages as real .eml source: UTF-8 bodies in base64 (safe for any line length and
 * script), non-ASCII header words RFC 2047-encoded, CRLF line ends. What a mail client would save.
 */

export interface EmlAddress {
  name?: string;
  address: string;
}

export interface EmlMessage {
  from: EmlAddress;
  to: EmlAddress[];
  cc?: EmlAddress[];
  subject: string;
  date: Date;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  text: string;
  /** Extra headers, e.g. Auto-Submitted or List-Unsubscribe. */
  headers?: Record<string, string>;
}

export function composeEml(m: EmlMessage): string {
  const lines = [
    `From: ${formatAddress(m.from)}`,
    `To: ${m.to.map(formatAddress).join(", ")}`,
    ...(m.cc && m.cc.length > 0 ? [`Cc: ${m.cc.map(formatAddress).join(", ")}`] : []),
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${rfc2822Date(m.date)}`,
    `Message-ID: ${m.messageId}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references && m.references.length > 0 ? [`References: ${m.references.join(" ")}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
  ];
  const body = Buffer.from(m.text.replace(/\r?\n/g, "\r\n"), "utf8").toString("base64");
  const wrapped = body.match(/.{1,76}/g) ?? [];
  return `${lines.join("\r\n")}\r\n\r\n${wrapped.join("\r\n")}\r\n`;
}

export function formatAddress(a: EmlAddress): string {
  if (!a.name) return a.address;
  const name = /^[\x20-\x7e]*$/.test(a.name) ? `"${a.name.replace(/["\\]/g, "")}"` : encodeWord(a.name);
  return `${name} <${a.address}>`;
}

/** RFC 2047 B-encoding for header text that is not plain ASCII. */
export function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Tue, 24 Nov 2026 09:05:00 +0000" */
export function rfc2822Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
