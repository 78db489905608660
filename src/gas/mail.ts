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
 * The facts intake needs from one message. Headers come from the raw source in one call rather than one
 * getHeader call each; the body is capped, since summaries need only its start.
 */
export function messageFacts(
  message: GoogleAppsScript.Gmail.GmailMessage,
  threadId: string,
  mailbox: string,
): MailFacts {
  const raw = safe(() => message.getRawContent(), "");
  const headers = parseHeaderBlock(raw);
  const from = parseAddress(safe(() => message.getFrom(), headers.from ?? ""));
  return {
    messageId: message.getId(),
    threadId,
    rfcMessageId: (headers["message-id"] ?? "").replace(/[<>\s]/g, ""),
    mailbox,
    from: from?.address ? { name: from.name ?? "", address: from.address } : undefined,
    replyTo: headers["reply-to"],
    to: parseAddressList(headers.to ?? "").map((a) => a.address),
    cc: parseAddressList(headers.cc ?? "").map((a) => a.address),
    subject: safe(() => message.getSubject(), headers.subject ?? "") ?? "",
    date: new Date(safe(() => message.getDate().getTime(), 0)),
    plainBody: safe(() => message.getPlainBody(), "").slice(0, 100_000),
    headers,
    attachmentNames: attachmentNamesFromRaw(raw),
  };
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    const v = fn();
    return v === null || v === undefined ? fallback : v;
  } catch {
    return fallback;
  }
}

/** RFC 5322 header block: unfolded, names lower-cased, first occurrence wins. */
export function parseHeaderBlock(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? raw.slice(0, end) : raw.slice(0, 20_000)).replace(/\r?\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function attachmentNamesFromRaw(raw: string): string[] {
  const names: string[] = [];
  const re = /(?:file)?name\*?="?([^";\r\n]+)"?/gi;
  for (let m = re.exec(raw); m && names.length < 20; m = re.exec(raw)) names.push(m[1].trim());
  return [...new Set(names)];
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
