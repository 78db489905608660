import type { MailFacts } from "../domain/classify";
import { parseAddress, parseAddressList } from "../domain/text";

export const IMPORTED_LABEL = "Buyerbook/Imported";
/** Gmail search caps a page at 500 threads. */
export const SEARCH_PAGE = 500;
/** GmailLabel.addToThreads takes at most 100 threads a call. */
export const LABEL_BATCH = 100;

/** Threads not yet imported, and imported threads with recent messages (buyer follow-ups, our replies). */
export function searchThreads(query: string, max = SEARCH_PAGE): GoogleAppsScript.Gmail.GmailThread[] {
  const out: GoogleAppsScript.Gmail.GmailThread[] = [];
  for (let start = 0; out.length < max; start += SEARCH_PAGE) {
    const page = GmailApp.search(query, start, Math.min(SEARCH_PAGE, max - out.length));
    out.push(...page);
    if (page.length < SEARCH_PAGE) break;
  }
  return out;
}

/**
 * Headers intake may consult. Each is fetched with one getHeader call the first time classification asks
 * for it, then kept: an ordinary inquiry needs about ten, and getRawContent (a full fetch of the source, far
 * dearer than an accessor) is never called.
 */
export const INTAKE_HEADERS = [
  "message-id",
  "reply-to",
  "in-reply-to",
  "references",
  "x-failed-recipients",
  "content-type",
  "auto-submitted",
  "x-autoreply",
  "x-autorespond",
  "precedence",
  "list-unsubscribe",
  "list-id",
  "to",
  "cc",
] as const;

/** Read-once getters over a message's headers, so classification pays only for the headers it looks at. */
export function lazyHeaders(message: GoogleAppsScript.Gmail.GmailMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const cache = new Map<string, string>();
  for (const name of INTAKE_HEADERS) {
    Object.defineProperty(headers, name, {
      enumerable: true,
      get() {
        let value = cache.get(name);
        if (value === undefined) {
          value = orEmpty(message.getHeader(name));
          cache.set(name, value);
        }
        return value;
      },
    });
  }
  return headers;
}

/**
 * The facts intake needs from one message. Each getter is one Gmail call (Gmail.meta), so only what the
 * pull uses is read: id, From, subject, date and plain body always; headers and attachment names on demand.
 * A missing value (no From, no subject) reads as empty. A getter that THROWS is a service failure and is
 * not swallowed: the pull stops before writing anything, so the message is read again next run rather than
 * misfiled (a lost List-Unsubscribe header would turn a newsletter into an inquiry).
 */
export function messageFacts(
  message: GoogleAppsScript.Gmail.GmailMessage,
  threadId: string,
  mailbox: string,
): MailFacts {
  const headers = lazyHeaders(message);
  const from = parseAddress(orEmpty(message.getFrom()));
  let attachments: string[] | undefined;
  const dateMs = message.getDate()?.getTime() ?? Number.NaN;
  const facts: MailFacts = {
    messageId: message.getId(),
    threadId,
    get rfcMessageId() {
      return normalizeMessageId(headers["message-id"]);
    },
    mailbox,
    from: from?.address ? { name: from.name ?? "", address: from.address } : undefined,
    get replyTo() {
      return parseAddress(headers["reply-to"])?.address || undefined;
    },
    to: [],
    cc: [],
    subject: orEmpty(message.getSubject()),
    date: new Date(Number.isFinite(dateMs) ? dateMs : 0),
    plainBody: orEmpty(message.getPlainBody()).slice(0, MAX_BODY_CHARS),
    headers,
    get attachmentNames() {
      attachments ??= (message.getAttachments() ?? []).slice(0, 20).map((a) => orEmpty(a.getName()));
      return attachments;
    },
  };
  // Recipients are read only if someone asks (not enumerable, so copying the facts does not fetch them).
  Object.defineProperties(facts, {
    to: { enumerable: false, get: () => parseAddressList(headers.to).map((a) => a.address) },
    cc: { enumerable: false, get: () => parseAddressList(headers.cc).map((a) => a.address) },
  });
  return facts;
}

/** Enough of a body for summaries, quantities and platform fields; a 60,000-character mail is cut here. */
const MAX_BODY_CHARS = 100_000;

/** RFC Message-IDs compare without angle brackets and whitespace ("<a@b>" and "a@b" are one message). */
export function normalizeMessageId(value: string | undefined): string {
  return String(value ?? "")
    .replace(/[<>\s]/g, "")
    .slice(0, 500);
}

function orEmpty(value: string | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export function importedLabel(): GoogleAppsScript.Gmail.GmailLabel {
  return GmailApp.getUserLabelByName(IMPORTED_LABEL) ?? GmailApp.createLabel(IMPORTED_LABEL);
}

/** Labels threads in batches of 100 (the Gmail limit per call). */
export function labelThreads(
  label: GoogleAppsScript.Gmail.GmailLabel,
  threads: GoogleAppsScript.Gmail.GmailThread[],
): number {
  let calls = 0;
  for (let i = 0; i < threads.length; i += LABEL_BATCH) {
    label.addToThreads(threads.slice(i, i + LABEL_BATCH));
    calls += 1;
  }
  return calls;
}

/** The messages of each thread, in one call. */
export function messagesOfThreads(
  threads: GoogleAppsScript.Gmail.GmailThread[],
): GoogleAppsScript.Gmail.GmailMessage[][] {
  return GmailApp.getMessagesForThreads(threads);
}

/** Whether any thread matches the Gmail search (one call, at most one thread fetched). */
export function anyThreadMatches(query: string): boolean {
  return GmailApp.search(query, 0, 1).length > 0;
}

/** Mails the add-on may still send today (a rolling 24 hours). */
export function remainingDailyQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

/** Sends a plain-text mail (MailApp: the quota-light way to send a notification). */
export function sendPlainMail(message: { to: string; subject: string; body: string; name?: string }): void {
  MailApp.sendEmail(message);
}
