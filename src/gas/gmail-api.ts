/**
 * Reading and labelling mail through the Gmail advanced service (Gmail API v1, enabled in appsscript.json): a
 * search page of thread ids in one call, a thread's messages with their headers, labels and bodies in one call,
 * the imported label put on up to 1,000 messages in one call. GmailApp needs a call per header, body and
 * attachment list of every message, and a search to learn whether a message carries the Sent label.
 */
import type { MailFacts } from "../domain/classify";
import { apiMessageFacts, hasLabel } from "./gmail-message";
import { IMPORTED_LABEL, SEARCH_PAGE } from "./mail";

/** users.messages.batchModify: "There is a limit of 1000 ids per request." */
export const MODIFY_BATCH = 1000;

export interface ApiMessageRead {
  facts: MailFacts;
  /** Gmail's Sent label: this mailbox really sent it (a From header anyone can write). */
  sent: boolean;
  /** An unsent draft (Gmail's DRAFT label): read like any message, never labelled. */
  draft: boolean;
}

function gmail(): GoogleAppsScript.Gmail {
  if (typeof Gmail === "undefined" || !Gmail?.Users) {
    throw new Error("The Gmail advanced service is not enabled in appsscript.json (userSymbol Gmail, v1).");
  }
  return Gmail;
}

function users(): GoogleAppsScript.Gmail.Collection.UsersCollection {
  return gmail().Users as GoogleAppsScript.Gmail.Collection.UsersCollection;
}

/** Ids of the threads matching a Gmail search, newest first: one call per page of 500. */
export function listThreadIds(query: string, max = SEARCH_PAGE): string[] {
  const ids: string[] = [];
  let pageToken: string | undefined;
  do {
    const size = Math.min(SEARCH_PAGE, max - ids.length);
    const page = threads().list("me", { q: query, maxResults: size, ...(pageToken ? { pageToken } : {}) });
    for (const t of page.threads ?? []) if (t.id) ids.push(t.id);
    pageToken = page.nextPageToken;
  } while (pageToken && ids.length < max);
  return ids;
}

/** Every message of a thread, oldest first, with the facts intake reads: ONE call. */
export function readThread(threadId: string, mailbox: string): ApiMessageRead[] {
  const thread = threads().get("me", threadId, { format: "full" });
  return (thread.messages ?? []).map((m) => ({
    facts: apiMessageFacts(m, mailbox),
    sent: hasLabel(m, "SENT"),
    draft: hasLabel(m, "DRAFT"),
  }));
}

/** The imported label's id: one call to list the labels, one more the first time to create it. */
export function importedLabelId(): string {
  const labels = users().Labels as GoogleAppsScript.Gmail.Collection.Users.LabelsCollection;
  const wanted = IMPORTED_LABEL.toLowerCase();
  const found = (labels.list("me").labels ?? []).find((l) => String(l.name ?? "").toLowerCase() === wanted);
  if (found?.id) return found.id;
  const made = labels.create(
    { name: IMPORTED_LABEL, labelListVisibility: "labelShow", messageListVisibility: "show" },
    "me",
  );
  return String(made.id);
}

/** Puts the label on these messages, 1,000 a call; returns the calls made. */
export function labelMessages(labelId: string, messageIds: readonly string[]): number {
  const messages = users().Messages as GoogleAppsScript.Gmail.Collection.Users.MessagesCollection;
  let calls = 0;
  for (let i = 0; i < messageIds.length; i += MODIFY_BATCH) {
    messages.batchModify({ ids: messageIds.slice(i, i + MODIFY_BATCH), addLabelIds: [labelId] }, "me");
    calls += 1;
  }
  return calls;
}

function threads(): GoogleAppsScript.Gmail.Collection.Users.ThreadsCollection {
  return users().Threads as GoogleAppsScript.Gmail.Collection.Users.ThreadsCollection;
}
