/**
 * Conversations (R7 answer every inquiry, R8 within one day; R6 mail is read three times a day): one row per
 * conversation with a buyer, not one per message. Given a thread's rows and a new message, decide whether it
 * opens a conversation or updates one, and what the reply clock says:
 * - "awaiting our reply since" is the OLDEST buyer message we have not answered;
 * - a buyer who writes again before any answer is chasing: an escalation, and the clock keeps its start;
 * - a buyer who writes again after our answer is awaiting again, with a new due time from that message;
 * - our message answers the conversation (the caller measures the response from `awaitingSince`).
 */

export type ConversationStatus = "awaiting" | "answered" | "closed";

export interface ConversationRow {
  id: string;
  threadId: string;
  buyerId: string;
  channel: string;
  openedAt: Date;
  /** Every message of the conversation, the buyer's and ours. */
  messages: number;
  lastBuyerMessageAt?: Date;
  lastOurMessageAt?: Date;
  /** Our first answer (the R8 response is measured to it). */
  firstRepliedAt?: Date;
  /** The oldest unanswered buyer message; undefined once answered. */
  awaitingSince?: Date;
  targetAt?: Date;
  limitAt?: Date;
  /** Buyer messages sent while waiting for us (chases). */
  chases: number;
  escalated: boolean;
  status: ConversationStatus;
}

export interface ConversationMessage {
  at: Date;
  from: "buyer" | "us";
  threadId: string;
  buyerId?: string;
  channel?: string;
}

export interface ConversationOptions {
  /** The reply clock of a buyer message (e.g. replyDue of sla.ts for its channel). */
  due(at: Date, channel: string): { targetAt: Date; limitAt: Date };
  /** The ID of a new row. */
  newId(): string;
}

export type ConversationDecision =
  | { action: "new"; row: ConversationRow; why: string }
  | {
      action: "update";
      id: string;
      changes: Partial<ConversationRow>;
      row: ConversationRow;
      /** Our message answered the buyer messages waiting since this time (for the response time). */
      answered?: { since: Date; at: Date };
      why: string;
    }
  | { action: "ignore"; why: string };

function validDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** The thread's open conversation: the latest row not closed. */
function openRow(rows: readonly ConversationRow[], threadId: string): ConversationRow | undefined {
  let open: ConversationRow | undefined;
  for (const row of rows) {
    if (row.threadId !== threadId || row.status === "closed") continue;
    if (!open || row.openedAt.getTime() >= open.openedAt.getTime()) open = row;
  }
  return open;
}

/** Decides what one message does to a thread's conversation rows. Never throws on bad input. */
export function applyMessage(
  rows: readonly ConversationRow[],
  message: ConversationMessage,
  options: ConversationOptions,
): ConversationDecision {
  if (!message || !validDate(message.at)) return { action: "ignore", why: "message without a valid date" };
  if (!message.threadId) return { action: "ignore", why: "message without a thread" };
  const open = openRow(rows ?? [], message.threadId);
  if (message.from === "us") return ours(open, message);
  if (!open) return opened(message, options);
  return buyerAgain(open, message, options);
}

function opened(message: ConversationMessage, options: ConversationOptions): ConversationDecision {
  const channel = message.channel || "email";
  const due = options.due(message.at, channel);
  const row: ConversationRow = {
    id: options.newId(),
    threadId: message.threadId,
    buyerId: message.buyerId ?? "",
    channel,
    openedAt: message.at,
    messages: 1,
    lastBuyerMessageAt: message.at,
    awaitingSince: message.at,
    targetAt: due.targetAt,
    limitAt: due.limitAt,
    chases: 0,
    escalated: false,
    status: "awaiting",
  };
  return { action: "new", row, why: "first buyer message of the thread: a new conversation" };
}

function buyerAgain(open: ConversationRow, message: ConversationMessage, options: ConversationOptions) {
  const changes: Partial<ConversationRow> = {
    messages: open.messages + 1,
    lastBuyerMessageAt: later(open.lastBuyerMessageAt, message.at),
  };
  let why: string;
  if (open.status === "awaiting" && open.awaitingSince) {
    // Still unanswered: a chase. The clock keeps the oldest message; an earlier one (mail read out of order)
    // moves it back.
    changes.chases = open.chases + 1;
    changes.escalated = true;
    if (message.at.getTime() < open.awaitingSince.getTime()) {
      const due = options.due(message.at, open.channel);
      Object.assign(changes, { awaitingSince: message.at, targetAt: due.targetAt, limitAt: due.limitAt });
    }
    why = `buyer wrote again before our answer (chase ${open.chases + 1}): escalated, still awaiting since ${iso(open.awaitingSince)}`;
  } else {
    const due = options.due(message.at, open.channel);
    Object.assign(changes, {
      status: "awaiting",
      awaitingSince: message.at,
      targetAt: due.targetAt,
      limitAt: due.limitAt,
    });
    why = "buyer wrote again after our answer: awaiting our reply again";
  }
  return update(open, changes, why);
}

function ours(open: ConversationRow | undefined, message: ConversationMessage): ConversationDecision {
  if (!open) return { action: "ignore", why: "our message opens no conversation (nothing of the buyer's to answer)" };
  const changes: Partial<ConversationRow> = {
    messages: open.messages + 1,
    lastOurMessageAt: later(open.lastOurMessageAt, message.at),
  };
  const since = open.awaitingSince;
  if (open.status === "awaiting" && since && message.at.getTime() >= since.getTime()) {
    Object.assign(changes, { status: "answered", awaitingSince: undefined });
    if (!open.firstRepliedAt) changes.firstRepliedAt = message.at;
    const decision = update(open, changes, `our answer to the buyer messages since ${iso(since)}`);
    return { ...decision, answered: { since, at: message.at } };
  }
  const why =
    open.status === "awaiting" ? "our message predates the buyer's open message: not an answer to it" : "our follow-up";
  return update(open, changes, why);
}

function update(open: ConversationRow, changes: Partial<ConversationRow>, why: string) {
  return { action: "update" as const, id: open.id, changes, row: { ...open, ...changes }, why };
}

function later(a: Date | undefined, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ");
}

/** Applies a run's messages in time order, returning the rows as they end up (new ones included). */
export function applyMessages(
  rows: readonly ConversationRow[],
  messages: readonly ConversationMessage[],
  options: ConversationOptions,
): { rows: ConversationRow[]; decisions: ConversationDecision[] } {
  const current = [...(rows ?? [])];
  const decisions: ConversationDecision[] = [];
  const sorted = [...(messages ?? [])].filter((m) => validDate(m?.at)).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const message of sorted) {
    const decision = applyMessage(current, message, options);
    decisions.push(decision);
    if (decision.action === "new") current.push(decision.row);
    else if (decision.action === "update") {
      const at = current.findIndex((r) => r.id === decision.id);
      if (at >= 0) current[at] = decision.row;
    }
  }
  return { rows: current, decisions };
}

/** A platform notice's conversation row, as far as joining the buyer's own mail to it needs. */
export interface PlatformRowFacts {
  id: string;
  channel: string;
  /** The platform ("alibaba", "made-in-china", …). */
  source: string;
  buyerId: string;
  /** The address the notice gave for the buyer. */
  fromEmail: string;
  openedAt: Date;
  status: string;
  /** The row's product text (catalogue codes and names). */
  product: string;
}

export interface DirectMail {
  buyerId: string;
  /** True when the sender was matched to the buyer on strong evidence (R22). */
  strong: boolean;
  address: string;
  at: Date;
  /** Catalogue codes the mail names. */
  products: readonly string[];
  /** Subject and text. */
  text: string;
}

/** How long after a platform notice the buyer's own mail may still be about it. */
export const PLATFORM_JOIN_DAYS = 7;

const PLATFORM_WORDS: Record<string, RegExp> = {
  alibaba: /alibaba|阿里巴巴/i,
  "made-in-china": /made[- ]in[- ]china|中国制造网/i,
  "global-sources": /global ?sources|环球资源/i,
};

/**
 * The platform notice a buyer's direct mail continues, joined only on strong evidence: the same buyer by a
 * strong match, from the very address the notice gave, within PLATFORM_JOIN_DAYS of it, while the conversation
 * is open, and about it (a product of the notice, or the platform named). Anything less is a new conversation.
 */
export function platformConversationFor(
  rows: readonly PlatformRowFacts[],
  mail: DirectMail,
): { id: string; why: string } | undefined {
  if (!mail?.strong || !mail.address || !validDate(mail.at)) return undefined;
  const address = mail.address.toLowerCase();
  let best: { row: PlatformRowFacts; why: string } | undefined;
  for (const row of rows ?? []) {
    if (row.channel !== "platform" || row.status === "closed" || row.buyerId !== mail.buyerId) continue;
    if (!row.fromEmail || row.fromEmail.toLowerCase() !== address || !validDate(row.openedAt)) continue;
    const age = mail.at.getTime() - row.openedAt.getTime();
    if (age < 0 || age > PLATFORM_JOIN_DAYS * 86_400_000) continue;
    const product = mail.products.find((code) => code && row.product.includes(code));
    const named = PLATFORM_WORDS[row.source]?.test(mail.text) ? row.source : "";
    if (!product && !named) continue;
    if (best && best.row.openedAt.getTime() > row.openedAt.getTime()) continue;
    const about = product ? `product ${product}` : `names ${named}`;
    best = { row, why: `same buyer and address as the ${row.source} notice ${row.id}, ${about}` };
  }
  return best && { id: best.row.id, why: best.why };
}
