/**
 * Reading the listed threads (C2): each thread's messages with their headers, labels and bodies in ONE call of the
 * Gmail advanced service, classified; our own messages are ours only when Gmail filed them under Sent — never
 * trusted on their From header (a forged colleague never answers an inquiry).
 *
 * Gmail calls: one per thread read, whatever its messages; the searches, the label lookup and the labelling
 * (1,000 messages a call) are shared by all threads.
 */
import type { Budget } from "../../app/budget";
import { type Classification, type ClassifyContext, classify, type MailFacts } from "../../domain/classify";
import { stripInvisible } from "../../domain/text";
import { readThread } from "../../gas/gmail-api";
import type { ListedThread, Listing } from "./search";

export interface ReadMessage {
  facts: MailFacts;
  kind: Classification;
  /** Our message, and this mailbox really sent it (Gmail's Sent label). */
  sent: boolean;
}

export interface ReadThread {
  listed: ListedThread;
  /** Oldest first. */
  messages: ReadMessage[];
  /** Every message of the thread as read, new or not, drafts aside: what the imported label goes on. */
  messageIds: string[];
}

export interface ReadOptions {
  mailbox: string;
  budget: Budget;
  classify: ClassifyContext;
  /** Threads that already have inquiry rows: only their messages since the last pull are new. */
  isImported: (threadId: string) => boolean;
  progress?: (done: number, total: number) => void;
}

/** Each thread is modeled at well under 1.5 s of Gmail work (one fetch); keep that much budget in hand. */
const THREAD_RESERVE_MS = 1500;

/** The threads read before the time budget ran out, and whether it did. */
export function readThreads(listing: Listing, options: ReadOptions): { threads: ReadThread[]; partial: boolean } {
  const listed = listing.threads;
  const threads: ReadThread[] = [];
  let partial = false;
  for (let i = 0; i < listed.length; i += 1) {
    if (!options.budget.has(THREAD_RESERVE_MS)) {
      partial = true;
      break;
    }
    const thread = listed[i];
    const all = readThread(thread.id, options.mailbox);
    // A buyer's new message puts an imported thread back in the inbox search (labels are per message); read
    // only what came after the last completed pull there, so our old replies are not counted again.
    const since = thread.fresh && !options.isImported(thread.id) ? undefined : listing.watermark;
    const messages = all
      .filter((m) => since === undefined || m.facts.date.getTime() > since)
      .map((m) => ({ facts: cleaned(m.facts), sent: m.sent }))
      .sort((a, b) => a.facts.date.getTime() - b.facts.date.getTime())
      .map(({ facts, sent }) => {
        const kind = classify(facts, options.classify);
        return { facts, kind, sent: kind.kind === "own" && sent };
      });
    // Drafts are left unlabelled: the label marks mail that came or went, and a draft is neither yet.
    const messageIds = all.filter((m) => !m.draft).map((m) => m.facts.messageId);
    threads.push({ listed: thread, messages, messageIds });
    options.progress?.(i + 1, listed.length);
  }
  return { threads, partial };
}

/** Names and subjects without bidirectional overrides or zero-width characters (they disguise what is shown). */
function cleaned(facts: MailFacts): MailFacts {
  facts.subject = stripInvisible(facts.subject);
  if (facts.from) facts.from = { name: stripInvisible(facts.from.name), address: facts.from.address };
  return facts;
}
