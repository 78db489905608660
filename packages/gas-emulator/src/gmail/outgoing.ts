/**
 * Mail a script writes: turning Apps Script's (recipient, subject, body, options) into structured mail,
 * the reply rules (who a reply goes to, its subject and threading headers), and sending it through the
 * world with the daily recipient quota.
 */

import { readBlobSource } from "../services/blob";
import { addressesOf, formatAddress, parseAddressList } from "./addresses";
import type { StructuredMail } from "./content";
import type { MessageContent, StoredMessage } from "./model";
import type { Mailbox, MailWorld } from "./world";

/** The options shared by GmailApp.sendEmail/createDraft, reply and MailApp.sendEmail. */
export interface OutgoingOptions {
  attachments?: unknown[];
  bcc?: string;
  cc?: string;
  from?: string;
  htmlBody?: string;
  name?: string;
  noReply?: boolean;
  replyTo?: string;
  subject?: string;
  inlineImages?: unknown;
}

export function buildOutgoing(
  box: Mailbox,
  to: string,
  subject: string,
  body: string,
  options: OutgoingOptions = {},
  threading: { inReplyTo?: string; references?: string[] } = {},
): StructuredMail {
  // Gmail only sends "from" a verified alias; anything else goes out from the primary address.
  const fromAddress = options.from && box.isOwn(options.from) ? options.from.toLowerCase() : box.address;
  return {
    from: formatAddress(options.name ?? box.displayName, fromAddress),
    to,
    cc: options.cc,
    bcc: options.bcc,
    replyTo: options.replyTo,
    subject,
    text: body,
    html: options.htmlBody,
    attachments: (options.attachments ?? []).map((a, i) => {
      const data = readBlobSource(a, "attachments");
      return {
        name: data.name || `attachment${i === 0 ? "" : `-${i}`}`,
        contentType: data.contentType || "application/octet-stream",
        bytes: data.bytes,
      };
    }),
    inReplyTo: threading.inReplyTo,
    references: threading.references,
  };
}

/** Every recipient address (To, Cc, Bcc), validated the way Apps Script validates them. */
export function recipientsOf(mail: StructuredMail): string[] {
  const entries = [mail.to, mail.cc, mail.bcc].flatMap((list) => parseAddressList(list ?? ""));
  for (const e of entries) if (!e.address) throw new Error(`Invalid email: ${e.name}`);
  if (entries.length === 0) throw new Error("Failed to send email: no recipient");
  return entries.map((e) => e.address);
}

/** Per-message recipient limit from the quotas page ("Email recipients per message": 50). */
const MAX_RECIPIENTS_PER_MESSAGE = 50;

export function checkRecipientLimits(world: MailWorld, user: string, recipients: string[], now: Date): void {
  if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) throw new Error("Limit Exceeded: Email Recipients Per Message.");
  world.spendRecipients(user, recipients.length, now);
}

/** The message a thread-level reply answers: the latest one that is not a draft. */
export function lastRealMessage(messages: StoredMessage[]): StoredMessage {
  const real = messages.filter((m) => m.draftId === undefined);
  return real[real.length - 1] ?? messages[messages.length - 1];
}

export function replySubject(original: string): string {
  return /^\s*re\s*:/i.test(original) ? original : `Re: ${original}`;
}

/**
 * Who a reply goes to: "the sender of the … message using the reply-to address" (GmailThread and
 * GmailMessage reference pages), even when that sender is the user. Gmail's web client would answer the
 * original recipients of one's own message; Apps Script does not, so a follow-up drafted on a thread whose
 * last message is ours is addressed to ourselves. replyAll adds the other recipients.
 */
export function replyRecipients(box: Mailbox, m: MessageContent, all: boolean): { to: string; cc: string } {
  const primary = m.replyTo || m.from;
  if (!all) return { to: primary, cc: "" };
  const notMine = (list: string) => parseAddressList(list).filter((a) => a.address && !box.isOwn(a.address));
  const seen = new Set(addressesOf(primary));
  const extraTo = notMine(m.to).filter((a) => !seen.has(a.address));
  for (const a of extraTo) seen.add(a.address);
  const cc = notMine(m.cc).filter((a) => !seen.has(a.address));
  const join = (list: { name: string; address: string }[]) =>
    list.map((a) => formatAddress(a.name, a.address)).join(", ");
  return { to: [primary, join(extraTo)].filter((x) => x).join(", "), cc: join(cc) };
}

export function threadingFor(m: MessageContent): { inReplyTo: string; references: string[] } {
  return { inReplyTo: m.messageId, references: [...m.references, m.messageId].filter((x) => x) };
}

/** Structured mail back from stored content (to re-send a draft with a fresh date). */
export function contentToMail(c: MessageContent): StructuredMail {
  return {
    from: c.from,
    to: c.to,
    cc: c.cc,
    bcc: c.bcc,
    replyTo: c.replyTo,
    subject: c.subject,
    text: c.text,
    html: c.html || undefined,
    attachments: c.attachments.map((a) => ({ name: a.name, contentType: a.contentType, bytes: a.bytes })),
    messageId: c.messageId,
    inReplyTo: c.inReplyTo || undefined,
    references: c.references,
  };
}
