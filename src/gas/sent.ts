/**
 * Whether this mailbox really sent a message. A From header is written by whoever sends the mail, so a forged
 * "ann@our-domain" in Ann's inbox says nothing; Gmail's Sent label does: only mail the account sent carries it.
 * GmailMessage has no label accessor, so the label is asked through search, which matches messages and returns
 * their threads: `in:sent {rfc822msgid:a rfc822msgid:b …}` names at most one candidate per thread, so a thread
 * in the answer proves its candidate was sent. A thread with several candidates takes one more round per extra
 * candidate (rare: two of our messages in one thread since the last pull).
 */

export interface SentCandidate {
  threadId: string;
  /** RFC Message-ID without angle brackets. */
  rfcMessageId: string;
}

/** Message-IDs per search, so the query stays short. */
const PER_QUERY = 20;
/** A Message-ID search can express: no spaces, quotes, braces or parentheses. */
const SEARCHABLE = /^[^\s"(){}]+$/;

/** The Message-IDs among `candidates` that this mailbox sent (carry Gmail's Sent label). */
export function sentByMailbox(candidates: readonly SentCandidate[]): Set<string> {
  const sent = new Set<string>();
  const byThread = new Map<string, string[]>();
  for (const c of candidates) {
    if (!c.rfcMessageId || !SEARCHABLE.test(c.rfcMessageId)) continue;
    const list = byThread.get(c.threadId) ?? [];
    if (!list.includes(c.rfcMessageId)) list.push(c.rfcMessageId);
    byThread.set(c.threadId, list);
  }
  for (let round = 0; ; round += 1) {
    const asked: SentCandidate[] = [];
    for (const [threadId, ids] of byThread) if (ids[round]) asked.push({ threadId, rfcMessageId: ids[round] });
    if (asked.length === 0) return sent;
    for (let i = 0; i < asked.length; i += PER_QUERY) {
      const chunk = asked.slice(i, i + PER_QUERY);
      const query = `in:sent {${chunk.map((c) => `rfc822msgid:${c.rfcMessageId}`).join(" ")}}`;
      const threads = new Set(GmailApp.search(query, 0, chunk.length).map((t) => t.getId()));
      for (const c of chunk) if (threads.has(c.threadId)) sent.add(c.rfcMessageId);
    }
  }
}
