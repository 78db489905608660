/**
 * Planning a pull (pure: no service call): every message read becomes a change to a conversation row and its
 * buyer, an answer, or a Log line saying why it was skipped. The commit writes what this plans.
 */
import { isUnsubscribeRequest } from "../../domain/campaign";
import type { MailFacts } from "../../domain/classify";
import { normalizeEmail } from "../../domain/matching";
import type { MessageKey, Recognition } from "../../domain/message-identity";
import { guessLanguage, isReplySubject, summarize } from "../../domain/text";
import type { LogLine } from "../../store/log";
import type { Inquiry } from "../../store/schemas";
import type { BuyerBook, Resolution } from "./buyers";
import { conflictLine } from "./conflicts";
import type { InquiryBook, MessageIn, RowFacts } from "./conversations";
import type { ReadMessage, ReadThread } from "./read";
import { type BuyerMessageKind, readSender, type Sender, type SenderContext } from "./sender";

/** What a pull did, as the trigger log, the CLI and the tests read it. */
export interface PullResult {
  mailbox: string;
  threads: number;
  messages: number;
  newBuyers: number;
  /** New conversations (one row each). */
  newInquiries: number;
  /** Buyer messages that continued a conversation already in the sheet (its row updated, not a new row). */
  conversationsUpdated: number;
  /** Of those, messages written while still waiting for our answer: escalations (R8). */
  chases: number;
  repliesMatched: number;
  possibleDuplicates: number;
  /** New buyers who may be someone else's buyer: routed to that owner, both told in the Log (R6). */
  ownershipConflicts: number;
  /** Messages reusing a known Message-ID with another sender or date: both kept, the clash logged. */
  messageIdClashes: number;
  /** Buyers marked unsubscribed because they wrote asking to stop campaign mail (R24). */
  unsubscribed: number;
  alreadyImported: number;
  skipped: Record<string, number>;
  overdueFlagged: number;
  /** Problems that did not stop the pull: bad Settings values, cells a person typed, unwritable rows. */
  problems: string[];
  /** True when the time budget stopped the run before every thread; the next run continues. */
  partial: boolean;
  labelled: number;
}

export function emptyResult(mailbox: string, problems: string[]): PullResult {
  return {
    mailbox,
    threads: 0,
    messages: 0,
    newBuyers: 0,
    newInquiries: 0,
    conversationsUpdated: 0,
    chases: 0,
    repliesMatched: 0,
    possibleDuplicates: 0,
    ownershipConflicts: 0,
    messageIdClashes: 0,
    unsubscribed: 0,
    alreadyImported: 0,
    skipped: {},
    overdueFlagged: 0,
    problems,
    partial: false,
    labelled: 0,
  };
}

export interface PlanContext {
  mailbox: string;
  now: Date;
  sender: SenderContext;
}

export interface Plan {
  log: LogLine[];
  /** Senders who asked to stop campaign mail in this run (R24). */
  unsubscribeFrom: string[];
  /** Fresh threads whose messages are all planned: their messages labelled imported once the rows are written. */
  done: { id: string; messageIds: string[] }[];
}

export function planIntake(
  threads: readonly ReadThread[],
  books: { buyers: BuyerBook; inquiries: InquiryBook },
  ctx: PlanContext,
  result: PullResult,
): Plan {
  const planner = new Planner(books.buyers, books.inquiries, ctx, result);
  // In the order the mail came (Gmail lists newest first): a buyer's first mail enters them, their colleague's
  // and their other address's later mail finds them.
  const ordered = [...threads].sort((a, b) => firstAt(a) - firstAt(b));
  for (const thread of ordered) {
    for (const message of thread.messages) planner.message(message, thread.listed.id);
    if (thread.listed.fresh) planner.plan.done.push({ id: thread.listed.id, messageIds: thread.messageIds });
  }
  result.overdueFlagged += books.inquiries.flagOverdue();
  result.newBuyers += books.buyers.newBuyers;
  result.possibleDuplicates += books.buyers.possibleDuplicates;
  for (const conflict of books.buyers.conflicts) planner.logLine(conflictLine(conflict));
  result.ownershipConflicts += books.buyers.conflicts.length;
  return planner.plan;
}

class Planner {
  readonly plan: Plan = { log: [], unsubscribeFrom: [], done: [] };

  constructor(
    private readonly buyers: BuyerBook,
    private readonly inquiries: InquiryBook,
    private readonly ctx: PlanContext,
    private readonly result: PullResult,
  ) {}

  message(m: ReadMessage, threadId: string): void {
    this.result.messages += 1;
    const { facts, kind } = m;
    if (kind.kind === "own") {
      if (m.sent) this.ours(facts, threadId, kind.why);
      else
        this.skip(
          facts,
          "own",
          `${kind.why}, but not sent from this mailbox: never our answer (a colleague's copy counts in their own pull)`,
        );
      return;
    }
    if (kind.kind === "skip") {
      this.skip(facts, kind.reason, kind.why);
      return;
    }
    this.buyerMessage(facts, threadId, kind);
  }

  private buyerMessage(facts: MailFacts, threadId: string, kind: BuyerMessageKind): void {
    const message = messageIn(facts, threadId, false);
    const known = this.inquiries.recognise(facts.messageId, message.key);
    if (known.kind === "same") {
      // This mailbox's copy of a filed message: the thread joins its conversation (our answers there count).
      this.result.alreadyImported += 1;
      this.inquiries.link(known.owner, threadId);
      return;
    }
    if (known.kind === "clash") this.clash(facts, message.key, known);
    const sender = readSender(facts, kind, this.ctx.sender);
    const who = this.buyers.resolve(sender, facts.date);
    let rows = this.inquiries.conversationOf(message);
    if (rows.length === 0 && kind.kind === "inquiry") {
      const joined = this.inquiries.joinPlatform(message, {
        buyerId: who.buyerId,
        strong: who.strong,
        address: sender.address,
        products: sender.products,
        text: `${facts.subject}\n${sender.text}`,
        asked: who.askedBefore,
      });
      if (joined) rows = [joined];
    }
    const outcome = this.inquiries.buyerMessage(message, rows, kind.channel, () =>
      this.rowFacts(facts, kind, sender, who),
    );
    if (outcome.action === "new") this.result.newInquiries += 1;
    else this.continued(outcome.row, outcome.chase, outcome.reopened);
    if (!who.buyerId) this.note(facts, "intake.unknown-sender", sender);
    // R24: a buyer who writes "unsubscribe" gets no more campaign mail. The message is still an inquiry like any
    // other: the buyer asked us something (to stop), so it stays on the desk with its reply clock. Only a buyer's
    // own e-mail counts; a platform notification's footer ("unsubscribe from these alerts") speaks for the platform.
    if (kind.kind === "inquiry" && sender.address && isUnsubscribeRequest(facts.subject, facts.plainBody))
      this.plan.unsubscribeFrom.push(sender.address);
  }

  private continued(row: Inquiry, chase: boolean, reopened: boolean): void {
    this.result.conversationsUpdated += 1;
    if (chase) this.result.chases += 1;
    if (!reopened) return;
    // Awaiting again (R8): the owner handles it, or their deputy while they are away.
    const decision = this.buyers.handlerFor(row.owner, row.country);
    if (decision.assignedTo && decision.assignedTo !== row.assignedTo)
      this.inquiries.writes.update(row.id, row, { assignedTo: decision.assignedTo });
  }

  /** The new conversation row's facts: routed now (R6), so only a new row adds to someone's load. */
  private rowFacts(facts: MailFacts, kind: BuyerMessageKind, sender: Sender, who: Resolution): RowFacts {
    const decision = this.buyers.route(who.buyer, sender);
    return {
      channel: kind.channel,
      source: sender.source,
      buyerId: who.buyerId,
      fromName: sender.name || sender.company || sender.fax,
      fromEmail: sender.address,
      subject: facts.subject,
      summary: summarize(sender.text, 500),
      product: sender.productText,
      quantity: sender.quantity,
      country: sender.country || who.buyer?.country || "",
      language: guessLanguage(`${facts.subject}\n${sender.text}`),
      owner: decision.owner,
      assignedTo: decision.assignedTo,
      gmailMessageId: facts.messageId,
      rfcMessageId: facts.rfcMessageId,
    };
  }

  /** Our message, sent from this mailbox: it answers the conversations it belongs to (R7, R8), a personal contact. */
  private ours(facts: MailFacts, threadId: string, why: string): void {
    const message = messageIn(facts, threadId, true);
    if (this.inquiries.recognise(facts.messageId, message.key).kind === "same") return;
    const touched = this.inquiries.ourMessage(message, this.inquiries.conversationOf(message));
    for (const { row, answered } of touched) {
      if (answered) this.result.repliesMatched += 1;
      // R20, R23: our mail in a conversation with the buyer is personal contact.
      if (row.buyerId) this.buyers.touch(row.buyerId, facts.date);
    }
    if (touched.length === 0) this.skip(facts, "own", why);
  }

  private skip(facts: MailFacts, reason: string, why: string): void {
    this.result.skipped[reason] = (this.result.skipped[reason] ?? 0) + 1;
    this.logLine({
      action: "intake.skip",
      target: facts.rfcMessageId || facts.messageId,
      detail: `${reason}: ${why} | from ${facts.from?.address ?? "(none)"} | ${facts.subject.slice(0, 500)}`,
    });
  }

  private clash(facts: MailFacts, key: MessageKey, known: Extract<Recognition<Inquiry>, { kind: "clash" }>): void {
    this.result.messageIdClashes += 1;
    const earlier = known.known.map((k) => `${k.from || "(sender not kept)"} at ${iso(k.at)}`).join(", ");
    this.logLine({
      action: "intake.clash",
      target: key.id,
      detail: `Message-ID already filed under ${known.owners.map((r) => r.id).join(", ")} (${earlier}); this message is from ${key.from || "(none)"} at ${iso(key.at)}: both kept | ${facts.subject.slice(0, 300)}`,
    });
  }

  private note(facts: MailFacts, action: string, sender: Sender): void {
    this.logLine({
      action,
      target: facts.rfcMessageId || facts.messageId,
      detail: `nothing in the mail names the buyer (${sender.evidence.phone ?? "no number, name or company"}): the inquiry waits for a person to file it`,
    });
  }

  logLine(line: Omit<LogLine, "at" | "user">): void {
    this.plan.log.push({ at: this.ctx.now, user: this.ctx.mailbox, ...line });
  }
}

/**
 * A message as the conversations see it. The messages it answers (two more header reads) are looked at only
 * when its thread is unknown here, and for a buyer's message only when its subject says it is a reply.
 */
function firstAt(thread: ReadThread): number {
  return thread.messages.length > 0 ? thread.messages[0].facts.date.getTime() : Number.POSITIVE_INFINITY;
}

function messageIn(facts: MailFacts, threadId: string, ours: boolean): MessageIn {
  return {
    key: { id: facts.rfcMessageId, from: normalizeEmail(facts.from?.address), at: facts.date },
    threadId,
    at: facts.date,
    names: () =>
      ours || isReplySubject(facts.subject)
        ? (`${facts.headers["in-reply-to"] ?? ""} ${facts.headers.references ?? ""}`.match(/<[^<>\s]+>/g) ?? [])
        : [],
  };
}

/**
 * The messages planning will file into conversations (buyers' messages, ours this mailbox sent), as the
 * conversations see them: what decides which rows must be read in full first.
 */
export function conversationMessages(threads: readonly ReadThread[]): MessageIn[] {
  const out: MessageIn[] = [];
  for (const thread of threads)
    for (const m of thread.messages) {
      if (m.kind.kind === "skip" || (m.kind.kind === "own" && !m.sent)) continue;
      out.push(messageIn(m.facts, thread.listed.id, m.kind.kind === "own"));
    }
  return out;
}

function iso(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
