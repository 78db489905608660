/**
 * A buyer's mail as Buyerbook reads and answers it: their words in a thread (a sample request's courier
 * account), and Gmail drafts to them for a person to check and send (quotes, replies, samples,
 * introductions): the add-on never sends them itself.
 *
 * A draft in the buyer's thread must be addressed to the buyer. GmailThread.createDraftReply answers "the
 * sender of the last message in the thread using the reply-to address" (GmailThread reference), which is us
 * when our own message is the last one; its options (attachments, bcc, cc, from, htmlBody, inlineImages,
 * name, replyTo, subject) cannot change the recipient. So the draft answers the buyer's own latest message
 * there (GmailMessage.createDraftReply: "replying to the sender of this message"), which keeps the thread and
 * its Re: subject. A thread with no message from the buyer (or not in this mailbox) gets a new draft to the
 * buyer's address instead, and says so.
 */

export interface BuyerDraftRequest {
  /** The inquiry's Gmail thread, when there is one. */
  threadId?: string;
  /** Where the draft goes: the buyer's address. */
  to: string;
  /** Every address of the buyer (theirs in the thread count as the buyer's messages). */
  buyerAddresses: readonly string[];
  /** Subject of a new draft (a reply in the thread keeps the thread's "Re:" subject). */
  subject: string;
  body: string;
}

export interface MadeBuyerDraft {
  draftId: string;
  /** The thread the draft sits in ("" for a new draft outside any thread until it is sent). */
  threadId: string;
  /** Who the draft is addressed to, as Gmail has it. */
  to: string;
  /** Why a draft meant for a thread was made outside it. */
  outsideThread?: "thread-not-found" | "no-buyer-message";
}

function addressOf(header: string): string {
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(header) ?? /([^\s<>,;"]+@[^\s<>,;"]+)/.exec(header);
  return (m?.[1] ?? "").trim().toLowerCase();
}

/** The buyer's latest message in the thread (not a draft), by any of their addresses (or a Reply-To of theirs). */
function latestFromBuyer(
  messages: readonly GoogleAppsScript.Gmail.GmailMessage[],
  buyer: ReadonlySet<string>,
): GoogleAppsScript.Gmail.GmailMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.isDraft()) continue;
    const answersTo = addressOf(m.getReplyTo() || m.getFrom());
    if (buyer.has(answersTo)) return m;
  }
  return undefined;
}

/** A draft addressed to the buyer: in their thread when this mailbox holds a message of theirs, else a new one. */
export function createBuyerDraft(req: BuyerDraftRequest): MadeBuyerDraft {
  const buyer = new Set([req.to, ...req.buyerAddresses].map((a) => addressOf(a) || a.trim().toLowerCase()));
  let outsideThread: MadeBuyerDraft["outsideThread"];
  if (req.threadId) {
    const thread = GmailApp.getThreadById(req.threadId);
    if (thread) {
      const message = latestFromBuyer(thread.getMessages(), buyer);
      if (message) {
        const draft = message.createDraftReply(req.body);
        return { draftId: draft.getId(), threadId: thread.getId(), to: draft.getMessage().getTo() };
      }
      outsideThread = "no-buyer-message";
    } else outsideThread = "thread-not-found";
  }
  const draft = GmailApp.createDraft(req.to, req.subject, req.body);
  return { draftId: draft.getId(), threadId: "", to: req.to, ...(outsideThread ? { outsideThread } : {}) };
}

/**
 * The plain bodies of the buyer's own messages in a thread, newest first (at most `max`), for reading what
 * they asked; empty when the thread is not in this mailbox.
 */
export function buyerMessageBodies(threadId: string, buyerAddresses: readonly string[], max = 3): string[] {
  const thread = threadId ? GmailApp.getThreadById(threadId) : null;
  if (!thread) return [];
  const buyer = new Set(buyerAddresses.map((a) => addressOf(a) || a.trim().toLowerCase()));
  const out: string[] = [];
  const messages = thread.getMessages();
  for (let i = messages.length - 1; i >= 0 && out.length < max; i--) {
    const m = messages[i];
    if (!m.isDraft() && buyer.has(addressOf(m.getReplyTo() || m.getFrom()))) out.push(m.getPlainBody());
  }
  return out;
}
