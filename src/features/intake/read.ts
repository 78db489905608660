/**
 * Reading the listed threads (C2): every thread's messages in one batched call, each message's facts through
 * read-once accessors (headers only when classification asks), classified, and our own messages checked against
 * the mailbox's Sent label — never trusted on their From header (a forged colleague never answers an inquiry).
 *
 * Gmail calls per thread of one new buyer message: the thread's id, From, date, id, subject and plain body, and
 * the headers classification looks at; the batched getMessagesForThreads and the label are shared by all threads.
 */
import type { Budget } from "../../app/budget";
import { type Classification, type ClassifyContext, classify, type MailFacts } from "../../domain/classify";
import { stripInvisible } from "../../domain/text";
import { messageFacts, messagesOfThreads } from "../../gas/mail";
import { sentByMailbox } from "../../gas/sent";
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
}

export interface ReadOptions {
  mailbox: string;
  budget: Budget;
  classify: ClassifyContext;
  /** Threads that already have inquiry rows: only their messages since the last pull are new. */
  isImported: (threadId: string) => boolean;
  progress?: (done: number, total: number) => void;
}

/** Each thread is modeled at ~1.5 s of Gmail work in the worst case; keep that much budget in hand. */
const THREAD_RESERVE_MS = 1500;

/** The threads read before the time budget ran out, and whether it did. */
export function readThreads(listing: Listing, options: ReadOptions): { threads: ReadThread[]; partial: boolean } {
  const listed = listing.threads;
  if (listed.length === 0) return { threads: [], partial: false };
  const all = messagesOfThreads(listed.map((t) => t.thread));
  const threads: ReadThread[] = [];
  let partial = false;
  for (let i = 0; i < listed.length; i += 1) {
    if (!options.budget.has(THREAD_RESERVE_MS)) {
      partial = true;
      break;
    }
    const thread = listed[i];
    // A buyer's new message puts an imported thread back in the inbox search (labels are per message); read
    // only what came after the last completed pull there, so our old replies are not counted again.
    const since = thread.fresh && !options.isImported(thread.id) ? undefined : listing.watermark;
    const messages = [...all[i]]
      .filter((m) => since === undefined || m.getDate().getTime() > since)
      .map((m) => cleaned(messageFacts(m, thread.id, options.mailbox)))
      .sort((a, b) => a.date.getTime() - b.date.getTime())
      .map((facts) => ({ facts, kind: classify(facts, options.classify), sent: false }));
    threads.push({ listed: thread, messages });
    options.progress?.(i + 1, listed.length);
  }
  markSent(threads);
  return { threads, partial };
}

/** Names and subjects without bidirectional overrides or zero-width characters (they disguise what is shown). */
function cleaned(facts: MailFacts): MailFacts {
  facts.subject = stripInvisible(facts.subject);
  if (facts.from) facts.from = { name: stripInvisible(facts.from.name), address: facts.from.address };
  return facts;
}

function markSent(threads: ReadThread[]): void {
  const own = threads.flatMap((t) => t.messages.filter((m) => m.kind.kind === "own").map((m) => ({ t, m })));
  if (own.length === 0) return;
  const sent = sentByMailbox(own.map(({ t, m }) => ({ threadId: t.listed.id, rfcMessageId: m.facts.rfcMessageId })));
  for (const { m } of own) m.sent = !!m.facts.rfcMessageId && sent.has(m.facts.rfcMessageId);
}
