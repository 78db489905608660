/**
 * Reading and labelling mail through the Gmail API v1: a search page of thread ids in one call and the imported
 * label put on up to 1,000 messages in one call (the advanced service, enabled in appsscript.json); threads'
 * messages with their headers, labels and bodies one request a thread, many requests sent at once (REST through
 * UrlFetchApp.fetchAll). GmailApp needs a call per header, body and
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

/** Gmail REST's users.threads.get; the same Thread resource the advanced service returns (bodies base64url). */
const THREADS_URL = "https://gmail.googleapis.com/gmail/v1/users/me/threads/";

/** A thread as read: its messages oldest first, or gone (deleted or moved out of reach since it was listed). */
export type ThreadRead = { id: string; gone: false; messages: ApiMessageRead[] } | { id: string; gone: true };

/**
 * Gmail said no to a read for a reason that may pass (a 429 rate limit, a 5xx) or needs the user (a 401 or 403):
 * the pull stops before writing anything, so the mail is read again next run.
 */
export class GmailReadError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`Gmail answered ${status} to a thread read: ${detail}`);
    this.name = "GmailReadError";
  }
}

/** The script's own OAuth token, for the REST reads (asked once per pull: it outlives an execution). */
export function gmailToken(): string {
  return ScriptApp.getOAuthToken();
}

/**
 * These threads' messages, in order, with ONE UrlFetchApp.fetchAll of Gmail REST threads.get requests: Apps
 * Script runs a fetchAll's requests at once (about 10 in flight), where the advanced service's Threads.get is one
 * round trip after another. Each request is still one Gmail call and one UrlFetch call of the daily quota
 * (20,000 consumer / 100,000 Workspace). A 404 is a thread gone since it was listed; any other failure throws.
 */
export function readThreads(threadIds: readonly string[], mailbox: string, token: string): ThreadRead[] {
  if (threadIds.length === 0) return [];
  const headers = { Authorization: `Bearer ${token}` };
  const responses = UrlFetchApp.fetchAll(
    threadIds.map((id) => ({
      url: `${THREADS_URL}${encodeURIComponent(id)}?format=full`,
      method: "get" as const,
      headers,
      muteHttpExceptions: true,
    })),
  );
  return responses.map((response, i) => {
    const id = threadIds[i];
    const status = response.getResponseCode();
    if (status === 404) return { id, gone: true };
    if (status !== 200) throw new GmailReadError(status, errorMessage(response.getContentText()));
    const thread = JSON.parse(response.getContentText()) as GoogleAppsScript.Gmail.Schema.Thread;
    return { id, gone: false, messages: (thread.messages ?? []).map((m) => messageRead(m, mailbox)) };
  });
}

function messageRead(m: GoogleAppsScript.Gmail.Schema.Message, mailbox: string): ApiMessageRead {
  return { facts: apiMessageFacts(m, mailbox), sent: hasLabel(m, "SENT"), draft: hasLabel(m, "DRAFT") };
}

/** The API error body's message (`{"error": {"message": …}}`), or the start of whatever came back. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return parsed.error.message;
  } catch {
    // not JSON: an HTML error page from a proxy, say
  }
  return body.slice(0, 200);
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
