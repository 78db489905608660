/** Gmail drafts written for a person to review and send (quotes, samples): never sent by the add-on itself. */

export interface MadeDraft {
  draftId: string;
  threadId: string;
}

/** A reply draft inside the thread, or undefined when this mailbox does not hold the thread. */
export function createDraftInThread(threadId: string, body: string): MadeDraft | undefined {
  const thread = GmailApp.getThreadById(threadId);
  if (!thread) return undefined;
  return { draftId: thread.createDraftReply(body).getId(), threadId: thread.getId() };
}

/** A new draft to `to`, outside any thread. */
export function createDraft(to: string, subject: string, body: string): MadeDraft {
  return { draftId: GmailApp.createDraft(to, subject, body).getId(), threadId: "" };
}
