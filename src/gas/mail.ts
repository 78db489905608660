export const IMPORTED_LABEL = "Buyerbook/Imported";
/** Gmail search caps a page at 500 threads. */
export const SEARCH_PAGE = 500;

/** Threads matching a Gmail search through GmailApp (campaign sending checks what it sent), a page of 500 a call. */
export function searchThreads(query: string, max = SEARCH_PAGE): GoogleAppsScript.Gmail.GmailThread[] {
  const out: GoogleAppsScript.Gmail.GmailThread[] = [];
  for (let start = 0; out.length < max; start += SEARCH_PAGE) {
    const page = GmailApp.search(query, start, Math.min(SEARCH_PAGE, max - out.length));
    out.push(...page);
    if (page.length < SEARCH_PAGE) break;
  }
  return out;
}

/** Headers intake may consult (classification, threading, recipients); read from each message's header list. */
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

/** RFC Message-IDs compare without angle brackets and whitespace ("<a@b>" and "a@b" are one message). */
export function normalizeMessageId(value: string | undefined): string {
  return String(value ?? "")
    .replace(/[<>\s]/g, "")
    .slice(0, 500);
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
