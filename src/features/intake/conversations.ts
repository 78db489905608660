/**
 * The Inquiries side of a pull (R7, R8, R26): one row per conversation with a buyer, one conversation per Gmail
 * thread. A buyer's later message updates the row (messages, last buyer message); while we have not answered it
 * is a chase (an escalation, counted), after our answer the row awaits again with a new due time. Our message
 * that this mailbox sent answers it. Planned in memory; the commit writes it.
 *
 * A row also answers for other threads of the same conversation ("Other threads"): a colleague's copy of the
 * buyer's mail (CC), and the buyer's own mail after a platform notice, joined only on strong evidence.
 */
import type { Config } from "../../app/config";
import {
  applyMessage,
  type ConversationDecision,
  type ConversationRow,
  PLATFORM_JOIN_DAYS,
  platformConversationFor,
} from "../../domain/conversation";
import {
  formatMessageLog,
  type MessageKey,
  MessageRegistry,
  parseMessageLog,
  type Recognition,
} from "../../domain/message-identity";
import { answerChanges } from "../../domain/reply-speed";
import { replyDue } from "../../domain/sla";
import type { IdCounter } from "../../store/ids";
import { Inquiries, type Inquiry } from "../../store/schemas";
import { emptyRecord, type Table } from "../../store/table";
import { RowChanges } from "./changes";
import { INQUIRY_KEYS as CONVERSATION_KEYS } from "./load";

export interface ConversationContext {
  mailbox: string;
  now: Date;
  config: Config;
}

/** The new row's fields that are not the conversation's clock. */
export type RowFacts = Pick<
  Inquiry,
  | "channel"
  | "source"
  | "buyerId"
  | "fromName"
  | "fromEmail"
  | "subject"
  | "summary"
  | "product"
  | "quantity"
  | "country"
  | "language"
  | "owner"
  | "assignedTo"
  | "gmailMessageId"
  | "rfcMessageId"
>;

export interface MessageIn {
  key: MessageKey;
  threadId: string;
  at: Date;
  /** In-Reply-To and References: the messages this one answers (read only when the thread is unknown). */
  names: () => string[];
}

export class InquiryBook {
  readonly writes = new RowChanges<Inquiry>();
  private readonly rows: Inquiry[] = [];
  /** Rows read only in the columns every row needs (load.ts): widened before a message's clock touches them. */
  private readonly narrow = new Set<Inquiry>();
  private readonly byThread = new Map<string, Inquiry[]>();
  private readonly byGmailId = new Map<string, Inquiry>();
  private readonly registry = new MessageRegistry<Inquiry>();

  constructor(
    table: Table<typeof Inquiries>,
    private readonly ids: IdCounter,
    private readonly ctx: ConversationContext,
  ) {
    const whole = !table.readKeys || CONVERSATION_KEYS.every((k) => table.readKeys!.has(k));
    for (const { record, readKeys } of table.rows) {
      this.index(record);
      if (!whole && !(readKeys && CONVERSATION_KEYS.every((k) => readKeys.has(k)))) this.narrow.add(record);
    }
  }

  /**
   * The rows, read only narrowly, that these messages may update: their threads' rows, the rows a reply names
   * where its thread is unknown, and open platform notices young enough to be joined. A superset of what the
   * planning touches, computed from the narrow columns alone (threads, message log, channel, date, status).
   */
  rowsToWiden(messages: readonly MessageIn[]): Inquiry[] {
    if (this.narrow.size === 0 || messages.length === 0) return [];
    const wanted = new Set<Inquiry>();
    let earliest = Number.POSITIVE_INFINITY;
    let latest = Number.NEGATIVE_INFINITY;
    for (const message of messages) {
      earliest = Math.min(earliest, message.at.getTime());
      latest = Math.max(latest, message.at.getTime());
      const own = this.byThread.get(message.threadId);
      if (own && own.length > 0) for (const row of own) wanted.add(row);
      else for (const id of message.names()) for (const row of this.registry.ownersOf(id)) wanted.add(row);
    }
    // A notice some message here may continue opened at most PLATFORM_JOIN_DAYS before it (joinable).
    const since = earliest - PLATFORM_JOIN_DAYS * 86_400_000;
    for (const row of this.narrow) {
      const at = row.receivedAt?.getTime();
      if (row.channel !== "platform" || row.status === "closed" || at === undefined) continue;
      if (at >= since && at <= latest) wanted.add(row);
    }
    return [...wanted].filter((row) => this.narrow.has(row));
  }

  /** These rows now hold every column (or were read again whole). */
  widened(rows: readonly Inquiry[]): void {
    for (const row of rows) this.narrow.delete(row);
  }

  /** Stores the ID counter when this run handed out IDs (call once the rows are written). */
  saveIds(): void {
    this.ids.save();
  }

  /** Every row, as read and as planned (open load, overdue). */
  all(): readonly Inquiry[] {
    return this.rows;
  }

  isImported(threadId: string): boolean {
    return this.byThread.has(threadId);
  }

  /** A message already filed (this mailbox's own copy by Gmail id, or any copy by Message-ID, sender and date). */
  recognise(gmailId: string, key: MessageKey): Recognition<Inquiry> {
    const mine = this.byGmailId.get(gmailId);
    if (mine) return { kind: "same", owner: mine };
    return key.id ? this.registry.recognise(key) : { kind: "new" };
  }

  /** The conversation rows a message belongs to: its thread's, else those it names (a reply from another mailbox). */
  conversationOf(message: MessageIn): Inquiry[] {
    const own = this.byThread.get(message.threadId);
    if (own && own.length > 0) return own;
    const named: Inquiry[] = [];
    for (const id of message.names())
      for (const row of this.registry.ownersOf(id)) if (!named.includes(row)) named.push(row);
    for (const row of named) this.link(row, message.threadId);
    return named;
  }

  /** A platform notice this direct mail continues (strong evidence only), linked to the mail's thread. */
  joinPlatform(
    message: MessageIn,
    mail: { buyerId: string; strong: boolean; address: string; products: string[]; text: string; asked: string },
  ): Inquiry | undefined {
    if (!mail.buyerId) return undefined;
    // What the rule also asks of the narrow columns (open, young enough) is asked here first, so only rows
    // rowsToWiden read in full are looked at more closely.
    const candidates = this.rows.filter(
      (r) =>
        r.channel === "platform" &&
        r.buyerId === mail.buyerId &&
        r.status !== "closed" &&
        !!r.receivedAt &&
        joinable(r.receivedAt, message.at),
    );
    this.mustBeWhole(candidates);
    const facts = candidates.map((r) => ({
      id: r.id,
      channel: r.channel,
      source: r.source,
      buyerId: r.buyerId,
      fromEmail: r.fromEmail,
      openedAt: r.receivedAt as Date,
      status: r.status,
      product: mail.asked,
    }));
    const found = platformConversationFor(facts, { ...mail, at: message.at });
    const row = found && this.rows.find((r) => r.id === found.id);
    if (!row) return undefined;
    // Our answer goes to the buyer's own thread from now on; the notice's thread stays linked.
    const others = threadsOf(row).filter((t) => t !== message.threadId);
    this.writes.update(row.id, row, { gmailThreadId: message.threadId, otherThreads: others.join(", ") });
    this.map(row, message.threadId);
    return row;
  }

  /** Files this thread under the row (a colleague's copy of the same conversation). */
  link(row: Inquiry, threadId: string): void {
    if (!threadId || threadsOf(row).includes(threadId)) {
      this.map(row, threadId);
      return;
    }
    const others = row.otherThreads ? `${row.otherThreads}, ${threadId}` : threadId;
    this.writes.update(row.id, row, { otherThreads: others.slice(0, 5000) });
    this.map(row, threadId);
  }

  /** A buyer's message: opens a conversation or updates one (a chase, or awaiting again). */
  buyerMessage(
    message: MessageIn,
    rows: Inquiry[],
    channel: string,
    facts: () => RowFacts,
  ): { row: Inquiry; action: "new" | "update"; chase: boolean; reopened: boolean } {
    const decision = this.decide(rows, message, "buyer", channel);
    if (decision.action === "update") {
      const row = this.rows.find((r) => r.id === decision.id)!;
      const reopened = row.status !== "new" && decision.row.status === "awaiting";
      const changes = this.clockChanges(decision.row);
      this.writes.update(row.id, row, { ...changes, messageLog: withMessage(row, message.key) });
      this.registry.add(message.key, row);
      return { row, action: "update", chase: (decision.changes.chases ?? 0) > 0, reopened };
    }
    const at = message.at;
    const due = decision.action === "new" ? decision.row : replyDue(at, channel, this.ctx.config.sla);
    const row: Inquiry = {
      ...emptyRecord(Inquiries),
      ...facts(),
      id: decision.action === "new" ? decision.row.id : this.ids.take(),
      receivedAt: at,
      mailbox: this.ctx.mailbox,
      status: "new",
      grade: "",
      targetAt: due.targetAt ?? null,
      limitAt: due.limitAt ?? null,
      overdue: !!due.limitAt && this.ctx.now.getTime() > due.limitAt.getTime(),
      gmailThreadId: message.threadId,
      messages: 1,
      lastBuyerAt: at,
      awaitingSince: at,
      chases: 0,
      messageLog: formatMessageLog([message.key]),
    };
    this.writes.append(row);
    this.index(row);
    this.registry.add(message.key, row);
    return { row, action: "new", chase: false, reopened: false };
  }

  /** Our message (this mailbox sent it): answers the open conversations it belongs to. Returns those it touched. */
  ourMessage(message: MessageIn, rows: Inquiry[]): { row: Inquiry; answered: boolean }[] {
    const touched: { row: Inquiry; answered: boolean }[] = [];
    for (const row of rows) {
      if (row.status === "closed") continue;
      const decision = this.decide([row], message, "us", row.channel);
      if (decision.action !== "update") continue;
      let changes: Partial<Inquiry> = { messages: decision.row.messages, messageLog: withMessage(row, message.key) };
      if (decision.answered) changes = { ...changes, ...answerChanges(row, message.at, this.ctx.config.calendar) };
      this.writes.update(row.id, row, changes);
      this.registry.add(message.key, row);
      touched.push({ row, answered: !!decision.answered });
    }
    return touched;
  }

  /** R8: an unanswered conversation past its limit is flagged overdue (and unflagged once answered). */
  flagOverdue(): number {
    let flagged = 0;
    const now = this.ctx.now.getTime();
    for (const row of this.rows) {
      const overdue = row.status === "new" && !!row.limitAt && now > row.limitAt.getTime();
      if (overdue === row.overdue) continue;
      this.writes.update(row.id, row, { overdue });
      if (overdue) flagged += 1;
    }
    return flagged;
  }

  private decide(rows: Inquiry[], message: MessageIn, from: "buyer" | "us", channel: string): ConversationDecision {
    this.mustBeWhole(rows);
    return applyMessage(
      rows.map((r) => conversationRow(r, message.threadId)),
      { at: message.at, from, threadId: message.threadId, channel },
      {
        due: (at, ch) => replyDue(at, ch, this.ctx.config.sla),
        newId: () => this.ids.take(),
      },
    );
  }

  /** The row's clock after a buyer message: awaiting (again) since, due times, chases. */
  private clockChanges(c: ConversationRow): Partial<Inquiry> {
    const overdue = c.status === "awaiting" && !!c.limitAt && this.ctx.now.getTime() > c.limitAt.getTime();
    return {
      messages: c.messages,
      lastBuyerAt: c.lastBuyerMessageAt ?? null,
      awaitingSince: c.awaitingSince ?? null,
      chases: c.chases,
      targetAt: c.targetAt ?? null,
      limitAt: c.limitAt ?? null,
      status: c.status === "awaiting" ? "new" : c.status === "answered" ? "replied" : "closed",
      overdue,
    };
  }

  /** A planning step about to read a row's clock: one read narrowly is a bug in rowsToWiden, never a guess. */
  private mustBeWhole(rows: readonly Inquiry[]): void {
    const narrow = rows.find((r) => this.narrow.has(r));
    if (narrow) throw new Error(`Inquiries row ${narrow.id} was not read in full before the pull planned it`);
  }

  private index(row: Inquiry): void {
    this.rows.push(row);
    for (const thread of threadsOf(row)) this.map(row, thread);
    if (row.gmailMessageId) this.byGmailId.set(row.gmailMessageId, row);
    const log = parseMessageLog(row.messageLog);
    for (const key of log) this.registry.add(key, row);
    // Rows written before the message log: their first message by Message-ID and date (sender not kept).
    if (log.length === 0 && row.rfcMessageId && row.receivedAt)
      this.registry.add({ id: row.rfcMessageId, from: "", at: row.receivedAt }, row);
  }

  private map(row: Inquiry, threadId: string): void {
    if (!threadId) return;
    const list = this.byThread.get(threadId) ?? [];
    if (!list.includes(row)) list.push(row);
    this.byThread.set(threadId, list);
  }
}

/** A platform notice opened at `opened` may be continued by a direct mail at `at` (the conversation rule's window). */
function joinable(opened: Date, at: Date): boolean {
  const age = at.getTime() - opened.getTime();
  return age >= 0 && age <= PLATFORM_JOIN_DAYS * 86_400_000;
}

function threadsOf(row: Inquiry): string[] {
  const others = row.otherThreads ? row.otherThreads.split(/[,;\s]+/).filter((t) => t !== "") : [];
  return row.gmailThreadId ? [row.gmailThreadId, ...others] : others;
}

function withMessage(row: Inquiry, key: MessageKey): string {
  return formatMessageLog([...parseMessageLog(row.messageLog), key]);
}

/**
 * A row as the conversation rules see it, under the thread being read. Rows written before conversations
 * (no Messages, no Awaiting since) read as one buyer message, awaiting while their status is "new".
 */
function conversationRow(row: Inquiry, threadId: string): ConversationRow {
  const received = row.receivedAt ?? new Date(0);
  const status =
    row.status === "closed"
      ? "closed"
      : row.status === "replied" || (!row.status && row.repliedAt)
        ? "answered"
        : "awaiting";
  return {
    id: row.id,
    threadId,
    buyerId: row.buyerId,
    channel: row.channel || "email",
    openedAt: received,
    messages: row.messages ?? 1,
    lastBuyerMessageAt: row.lastBuyerAt ?? received,
    firstRepliedAt: row.repliedAt ?? undefined,
    awaitingSince: status === "awaiting" ? (row.awaitingSince ?? received) : undefined,
    targetAt: row.targetAt ?? undefined,
    limitAt: row.limitAt ?? undefined,
    chases: row.chases ?? 0,
    escalated: (row.chases ?? 0) > 0,
    status,
  };
}
