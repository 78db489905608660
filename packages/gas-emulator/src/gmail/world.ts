/**
 * The mail world of one emulated project: a mailbox per user address, mail delivered between them.
 * A message is stored once per mailbox it lands in (the sender's Sent, each To/Cc/Bcc recipient's
 * Inbox), each copy with its own Gmail ids, labels and flags, and threaded the way Gmail threads.
 */
import { createHash } from "node:crypto";
import { addressesOf, parseAddress } from "./addresses";
import { composeContent, parseRawMail, type StructuredMail } from "./content";
import { type MessageContent, messageIdKey, normalizeSubject, type StoredMessage, type ThreadRecord } from "./model";

/** Gmail starts a new conversation once a thread holds 100 messages. */
const MAX_THREAD_MESSAGES = 100;

export interface MailWorldOptions {
  /** Where "now" comes from (arrival time of mail without a usable Date header). Defaults to the real clock. */
  now?: () => Date;
  /** Email recipients per day per user: 100 for consumer accounts, 1,500 for Google Workspace (quotas page). */
  dailyRecipientQuota?: number;
  /**
   * Time zone for after:/before: dates in search. The Gmail API documents that such dates are
   * "interpreted as midnight on that date in the PST timezone".
   */
  searchTimeZone?: string;
  /** Create a mailbox for every address mail is delivered to (default true). */
  autoCreateMailboxes?: boolean;
}

export class Mailbox {
  readonly aliases = new Set<string>();
  /** The account's display name, used in the From of mail the user sends (e.g. "Li Wei"). */
  displayName = "";
  readonly threads = new Map<string, ThreadRecord>();
  readonly messages = new Map<string, StoredMessage>();
  /** User label names, keyed by lower-cased name (Gmail label names are case-insensitive). */
  readonly userLabels = new Map<string, string>();
  private readonly byRfcId = new Map<string, StoredMessage>();

  constructor(
    readonly address: string,
    private readonly world: MailWorld,
  ) {}

  /** Whether mail from `address` is this user's own (primary address or a configured alias). */
  isOwn(address: string): boolean {
    const a = address.toLowerCase();
    return a === this.address || this.aliases.has(a);
  }

  addAlias(address: string): this {
    this.aliases.add(address.toLowerCase());
    this.world.indexAlias(address.toLowerCase(), this);
    return this;
  }

  findByRfcId(messageId: string): StoredMessage | undefined {
    return this.byRfcId.get(messageIdKey(messageId));
  }

  threadOf(message: StoredMessage): ThreadRecord {
    const t = this.threads.get(message.threadId);
    if (!t) throw new Error(`Mailbox ${this.address}: message ${message.id} has no thread`);
    return t;
  }

  /** Threads newest first (by their latest message), as Gmail lists them. */
  sortedThreads(): ThreadRecord[] {
    return [...this.threads.values()].sort((a, b) => lastDate(b) - lastDate(a) || (a.id < b.id ? 1 : -1));
  }

  /**
   * Puts content into this mailbox as the owner sees it: sent when it is from the owner (or an alias),
   * otherwise unread in the inbox. Used for .eml files dropped into a user's folder.
   */
  import(content: MessageContent, arrival?: Date, idSeed?: string): StoredMessage {
    const fromOwner = this.isOwn(parseAddress(content.from).address);
    return this.store(content, { labels: fromOwner ? ["SENT"] : ["INBOX", "UNREAD"], arrival, idSeed });
  }

  /**
   * Stores one copy. A message joins an existing thread when its In-Reply-To/References name a message
   * already threaded here AND the normalized subjects match; else it starts a thread. A Message-ID already
   * in this mailbox is not stored twice (Gmail de-duplicates); the labels are merged instead.
   * `idSeed` makes the Gmail id depend on the seed instead of the arrival order (mail loaded from files keeps
   * its id from run to run even when other files come and go).
   */
  store(
    content: MessageContent,
    options: { labels: string[]; arrival?: Date; threadId?: string; draftId?: string; idSeed?: string },
  ): StoredMessage {
    const existing = content.messageId ? this.findByRfcId(content.messageId) : undefined;
    if (existing && !options.draftId) {
      for (const l of options.labels) existing.labels.add(l);
      if (existing.labels.has("SENT") && existing.labels.has("INBOX")) existing.labels.delete("UNREAD");
      return existing;
    }
    const date = content.date ?? options.arrival ?? this.world.now();
    const id = this.world.newMessageId(date, options.idSeed && `${this.address}\n${options.idSeed}`);
    // A thread restored from a saved run may already carry this id (a reply draft saved before its parent
    // message, which is loaded again from its file): the message joins it rather than replacing it.
    const thread =
      (options.threadId ? this.threads.get(options.threadId) : undefined) ??
      this.threadFor(content) ??
      this.threads.get(id);
    const message: StoredMessage = {
      id,
      threadId: thread?.id ?? id,
      owner: this.address,
      content,
      labels: new Set(options.labels),
      date,
      draftId: options.draftId,
    };
    if (thread) {
      thread.messages.push(message);
      thread.messages.sort((a, b) => a.date.getTime() - b.date.getTime());
    } else {
      this.threads.set(id, { id, messages: [message] });
    }
    this.messages.set(id, message);
    if (content.messageId) this.byRfcId.set(messageIdKey(content.messageId), message);
    return message;
  }

  private threadFor(content: MessageContent): ThreadRecord | undefined {
    const subject = normalizeSubject(content.subject);
    const named = [content.inReplyTo, ...[...content.references].reverse()].filter((x) => x);
    for (const ref of named) {
      const parent = this.findByRfcId(ref);
      if (!parent) continue;
      const thread = this.threads.get(parent.threadId);
      if (!thread || thread.messages.length >= MAX_THREAD_MESSAGES) continue;
      if (normalizeSubject(parent.content.subject) === subject) return thread;
    }
    return undefined;
  }

  /**
   * Puts back a message saved from an earlier run with its Gmail ids, into its thread (created if missing).
   * A message whose id or Message-ID is already here is left as it is.
   */
  restore(saved: Omit<StoredMessage, "owner">): StoredMessage {
    const present = this.messages.get(saved.id) ?? this.findByRfcId(saved.content.messageId);
    if (present) return present;
    const message: StoredMessage = { ...saved, owner: this.address };
    const thread = this.threads.get(saved.threadId);
    if (thread) {
      thread.messages.push(message);
      thread.messages.sort((a, b) => a.date.getTime() - b.date.getTime());
    } else {
      this.threads.set(saved.threadId, { id: saved.threadId, messages: [message] });
    }
    this.messages.set(message.id, message);
    if (message.content.messageId) this.byRfcId.set(messageIdKey(message.content.messageId), message);
    return message;
  }

  /** Removes a message (deleted drafts). Drops the thread when it empties. */
  remove(message: StoredMessage): void {
    const thread = this.threads.get(message.threadId);
    if (thread) {
      thread.messages = thread.messages.filter((m) => m !== message);
      if (thread.messages.length === 0) this.threads.delete(thread.id);
    }
    this.messages.delete(message.id);
    const key = messageIdKey(message.content.messageId);
    if (this.byRfcId.get(key) === message) this.byRfcId.delete(key);
  }

  /** Re-keys a message whose content changed (draft update). */
  reindex(message: StoredMessage, previousMessageId: string): void {
    const key = messageIdKey(previousMessageId);
    if (this.byRfcId.get(key) === message) this.byRfcId.delete(key);
    this.byRfcId.set(messageIdKey(message.content.messageId), message);
  }

  drafts(): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.draftId !== undefined);
  }
}

function lastDate(t: ThreadRecord): number {
  return t.messages.reduce((max, m) => Math.max(max, m.date.getTime()), 0);
}

export interface DeliveryResult {
  messageId: string;
  /** One stored copy per mailbox the message landed in. */
  copies: StoredMessage[];
}

export interface DeliverOptions {
  /**
   * Put the message only into these mailboxes, each seeing it as its owner would (sent if from the
   * owner, else inbox). Default: the From address's mailbox (Sent) and each To/Cc/Bcc mailbox (Inbox).
   */
  mailboxes?: string[];
  arrival?: Date;
  /** Store the sender's copy in this thread of the sender's mailbox (replies and drafts sent from a thread). */
  senderThreadId?: string;
  /** Leave the sender's mailbox alone (the sent copy already exists, e.g. a draft turned into sent mail). */
  skipSender?: boolean;
}

interface QuotaState {
  windowStart: number;
  used: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class MailWorld {
  private readonly boxes = new Map<string, Mailbox>();
  private readonly aliasOwners = new Map<string, Mailbox>();
  private readonly quotas = new Map<string, QuotaState>();
  private readonly quotaLimits = new Map<string, number>();
  private counter = 0;
  private draftCounter = 0;
  readonly now: () => Date;
  dailyRecipientQuota: number;
  readonly searchTimeZone: string;
  private readonly autoCreate: boolean;

  constructor(options: MailWorldOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.dailyRecipientQuota = options.dailyRecipientQuota ?? 100;
    this.searchTimeZone = options.searchTimeZone ?? "America/Los_Angeles";
    this.autoCreate = options.autoCreateMailboxes ?? true;
  }

  /** The mailbox of `address`, created on first use. An alias resolves to its owner's mailbox. */
  mailbox(address: string): Mailbox {
    const a = address.trim().toLowerCase();
    const found = this.boxes.get(a) ?? this.aliasOwners.get(a);
    if (found) return found;
    const box = new Mailbox(a, this);
    this.boxes.set(a, box);
    return box;
  }

  hasMailbox(address: string): boolean {
    const a = address.trim().toLowerCase();
    return this.boxes.has(a) || this.aliasOwners.has(a);
  }

  users(): string[] {
    return [...this.boxes.keys()];
  }

  /** @internal Called by Mailbox.addAlias. */
  indexAlias(alias: string, box: Mailbox): void {
    this.aliasOwners.set(alias, box);
  }

  /**
   * Gmail-like message id: 16 hex digits from the internal date, unique across the world. The low bits come
   * from a counter, or from `seed` when given (stable across runs), moving on past any id already taken.
   */
  newMessageId(date: Date, seed?: string): string {
    const ms = BigInt(Math.min(Math.max(0, date.getTime()), 2 ** 43));
    let low: number;
    if (seed) {
      low = Number.parseInt(createHash("sha1").update(seed).digest("hex").slice(0, 5), 16);
    } else {
      this.counter += 1;
      low = this.counter & 0xfffff;
    }
    for (;;) {
      const id = ((ms << 20n) | BigInt(low)).toString(16).padStart(16, "0").slice(-16);
      if (![...this.boxes.values()].some((b) => b.messages.has(id))) return id;
      low = (low + 1) & 0xfffff;
    }
  }

  /** The id counters, saved with composed mail so a restored world never hands out an id twice. */
  idCounters(): { messages: number; drafts: number } {
    return { messages: this.counter, drafts: this.draftCounter };
  }

  /** Continues numbering after saved counters. Never goes back. */
  reserveIds(counters: { messages: number; drafts: number }): void {
    this.counter = Math.max(this.counter, counters.messages);
    this.draftCounter = Math.max(this.draftCounter, counters.drafts);
  }

  newDraftId(): string {
    this.draftCounter += 1;
    return `r${(7_300_000_000_000_000_000n + BigInt(this.draftCounter) * 7919n).toString()}`;
  }

  /** A fresh RFC Message-ID for mail composed in the world. */
  newRfcMessageId(fromAddress: string): string {
    this.counter += 1;
    const domain = fromAddress.split("@")[1] || "mail.emulated";
    return `<emu.${this.now().getTime().toString(36)}.${this.counter.toString(36)}@${domain}>`;
  }

  /** Delivers structured mail (sync), or raw RFC 822 source (async, via mailparser). */
  deliver(mail: StructuredMail, options?: DeliverOptions): DeliveryResult;
  deliver(raw: string | Buffer | Uint8Array, options?: DeliverOptions): Promise<DeliveryResult>;
  deliver(
    mail: StructuredMail | string | Buffer | Uint8Array,
    options: DeliverOptions = {},
  ): DeliveryResult | Promise<DeliveryResult> {
    if (typeof mail === "string" || mail instanceof Uint8Array) return this.deliverRaw(mail, options);
    return this.deliverStructured(mail, options);
  }

  deliverStructured(mail: StructuredMail, options: DeliverOptions = {}): DeliveryResult {
    const date = mail.date ?? options.arrival ?? this.now();
    const messageId = mail.messageId ?? this.newRfcMessageId(parseAddress(mail.from).address);
    const senderCopy = composeContent(mail, messageId, date, true);
    const recipientCopy = mail.bcc ? composeContent(mail, messageId, date, false) : senderCopy;
    return this.route(senderCopy, recipientCopy, { ...options, arrival: date });
  }

  /**
   * Parses raw mail with mailparser and routes it like `deliver`. Mail that names no address at all
   * (no From, no recipients) lands nowhere unless `options.mailboxes` says where it belongs.
   */
  async deliverRaw(raw: string | Buffer | Uint8Array, options: DeliverOptions = {}): Promise<DeliveryResult> {
    const content = await parseRawMail(raw, this.newRfcMessageId("unknown@mail.emulated"));
    return this.route(content, content, options);
  }

  /** Stores content in the sender's mailbox (Sent) and every recipient's (Inbox, unread). */
  routeContent(content: MessageContent, options: DeliverOptions = {}): DeliveryResult {
    return this.route(content, content, options);
  }

  private route(senderCopy: MessageContent, recipientCopy: MessageContent, options: DeliverOptions): DeliveryResult {
    const sender = parseAddress(senderCopy.from).address;
    const recipients = [
      ...new Set([
        ...addressesOf(senderCopy.to),
        ...addressesOf(senderCopy.cc),
        ...addressesOf(senderCopy.bcc),
        ...addressesOf(recipientCopy.to),
        ...addressesOf(recipientCopy.cc),
      ]),
    ];
    if (options.mailboxes) {
      const copies = options.mailboxes.map((m) => this.mailbox(m).import(recipientCopy, options.arrival));
      return { messageId: senderCopy.messageId, copies };
    }
    const roles = new Map<Mailbox, { sent: boolean; received: boolean }>();
    const involve = (address: string, role: "sent" | "received") => {
      if (!address || (!this.autoCreate && !this.hasMailbox(address))) return;
      const box = this.mailbox(address);
      const r = roles.get(box) ?? { sent: false, received: false };
      r[role] = true;
      roles.set(box, r);
    };
    if (!options.skipSender) involve(sender, "sent");
    for (const r of recipients) involve(r, "received");
    if (options.skipSender && sender && this.hasMailbox(sender)) roles.delete(this.mailbox(sender));
    const copies: StoredMessage[] = [];
    for (const [box, role] of roles) {
      const labels = role.sent ? (role.received ? ["SENT", "INBOX"] : ["SENT"]) : ["INBOX", "UNREAD"];
      const threadId = role.sent ? options.senderThreadId : undefined;
      copies.push(box.store(role.sent ? senderCopy : recipientCopy, { labels, arrival: options.arrival, threadId }));
    }
    return { messageId: senderCopy.messageId, copies };
  }

  // ---- the "Email recipients per day" quota, shared by MailApp and GmailApp sends ----

  /** Sets one user's daily recipient quota (e.g. 1500 for a Workspace account). */
  setRecipientQuota(user: string, limit: number): void {
    this.quotaLimits.set(user.toLowerCase(), limit);
  }

  private quotaState(user: string, nowMs: number): QuotaState {
    const key = user.toLowerCase();
    let s = this.quotas.get(key);
    // The quotas page: "Quotas are per user and reset 24 hours after the first request."
    if (!s || nowMs - s.windowStart >= DAY_MS) {
      s = { windowStart: nowMs, used: 0 };
      this.quotas.set(key, s);
    }
    return s;
  }

  remainingRecipients(user: string, now: Date): number {
    const limit = this.quotaLimits.get(user.toLowerCase()) ?? this.dailyRecipientQuota;
    const s = this.quotas.get(user.toLowerCase());
    if (!s || now.getTime() - s.windowStart >= DAY_MS) return limit;
    return Math.max(0, limit - s.used);
  }

  /** Spends `count` recipients of `user`'s quota or throws Apps Script's quota error (spending nothing). */
  spendRecipients(user: string, count: number, now: Date): void {
    if (count > this.remainingRecipients(user, now))
      throw new Error("Service invoked too many times for one day: email.");
    this.quotaState(user, now.getTime()).used += count;
  }
}
