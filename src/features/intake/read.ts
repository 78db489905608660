/**
 * Reading the listed threads (C2): each thread's messages with their headers, labels and bodies in ONE Gmail
 * request, 50 threads sent at once, classified; our own messages are ours only when Gmail filed them under Sent — never
 * trusted on their From header (a forged colleague never answers an inquiry).
 *
 * Gmail calls: one per thread read, whatever its messages; the searches, the label lookup and the labelling
 * (1,000 messages a call) are shared by all threads. A thread deleted since it was listed (404) is skipped; any
 * other failed read stops the pull before it writes, so the mail is read again next run.
 */
import type { Budget } from "../../app/budget";
import { type Classification, type ClassifyContext, classify, type MailFacts } from "../../domain/classify";
import { stripInvisible } from "../../domain/text";
import { type ApiMessageRead, gmailToken, readThreads as readGmailThreads } from "../../gas/gmail-api";
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

/**
 * Threads read per UrlFetchApp.fetchAll. Any chunk of 10 or more keeps Apps Script's ~10 requests in flight, so
 * the size does not change the rounds a pull takes; 50 keeps the time budget checked every few seconds (5 rounds),
 * holds at most 50 threads' full bodies in memory at once, and stays far under the Gmail API's per-user rate limit
 * (15,000 quota units a minute; a threads.get is 10, so a chunk spends 500).
 */
const READ_CHUNK = 50;
/** Requests Apps Script is counted on to run at once in one fetchAll (10 to 20 observed; the low end). */
const IN_FLIGHT = 10;
/** One round of parallel reads is modeled well under 1.5 s (its slowest thread); keep that much budget in hand. */
const ROUND_RESERVE_MS = 1500;

/** The threads read before the time budget ran out, and whether it did. Threads gone since listing are skipped. */
export function readThreads(listing: Listing, options: ReadOptions): { threads: ReadThread[]; partial: boolean } {
  const listed = listing.threads;
  const threads: ReadThread[] = [];
  let partial = false;
  const token = listed.length > 0 ? gmailToken() : "";
  for (let i = 0; i < listed.length; ) {
    const rounds = roundsThatFit(options.budget);
    if (rounds === 0) {
      partial = true;
      break;
    }
    const chunk = listed.slice(i, i + Math.min(READ_CHUNK, rounds * IN_FLIGHT));
    const reads = readGmailThreads(
      chunk.map((t) => t.id),
      options.mailbox,
      token,
    );
    reads.forEach((read, k) => {
      if (!read.gone) threads.push(readThread(chunk[k], read.messages, listing, options));
    });
    i += chunk.length;
    options.progress?.(i, listed.length);
  }
  return { threads, partial };
}

/** How many rounds of parallel reads the budget still holds, up to one full chunk's. */
function roundsThatFit(budget: Budget): number {
  let rounds = Math.ceil(READ_CHUNK / IN_FLIGHT);
  while (rounds > 0 && !budget.has(rounds * ROUND_RESERVE_MS)) rounds -= 1;
  return rounds;
}

function readThread(thread: ListedThread, all: ApiMessageRead[], listing: Listing, options: ReadOptions): ReadThread {
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
  return { listed: thread, messages, messageIds };
}

/** Names and subjects without bidirectional overrides or zero-width characters (they disguise what is shown). */
function cleaned(facts: MailFacts): MailFacts {
  facts.subject = stripInvisible(facts.subject);
  if (facts.from) facts.from = { name: stripInvisible(facts.from.name), address: facts.from.address };
  return facts;
}
