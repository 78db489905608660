/**
 * GmailThread, GmailMessage, GmailLabel, GmailDraft and GmailAttachment over one mailbox. They read the
 * store live (real Apps Script objects are snapshots that need refresh(); reading live is the
 * forgiving side of that difference). Every Apps Script call is metered through the session.
 */
import { createHash } from "node:crypto";
import { decodeBytes, newBlob, toJavaBytes } from "../services/blob";
import { composeContent } from "./content";
import type { AttachmentData, StoredMessage, ThreadRecord } from "./model";
import {
  buildOutgoing,
  checkRecipientLimits,
  contentToMail,
  lastRealMessage,
  type OutgoingOptions,
  recipientsOf,
  replyRecipients,
  replySubject,
  threadingFor,
} from "./outgoing";
import { checkBatch, checkPage, type GmailSession } from "./session";

type Gm = GoogleAppsScript.Gmail.GmailMessage;
type Gt = GoogleAppsScript.Gmail.GmailThread;
type Gl = GoogleAppsScript.Gmail.GmailLabel;
type Gd = GoogleAppsScript.Gmail.GmailDraft;
type Ga = GoogleAppsScript.Gmail.GmailAttachment;

/** Every label a message carries that is not a Gmail system label. */
export function userLabelsOf(m: StoredMessage): string[] {
  return [...m.labels].filter((l) => !/^(INBOX|SENT|UNREAD|STARRED|TRASH|SPAM|DRAFT|IMPORTANT)$/.test(l));
}

export class EmulatedGmailAttachment
  implements
    Pick<Ga, "getName" | "getContentType" | "getSize" | "getBytes" | "getDataAsString" | "getHash" | "isGoogleType">
{
  toString(): string {
    return "GmailAttachment";
  }

  constructor(
    private readonly s: GmailSession,
    private readonly data: AttachmentData,
  ) {}
  getName(): string {
    this.s.call("Gmail.meta", "GmailAttachment.getName");
    return this.data.name;
  }
  getContentType(): string {
    this.s.call("Gmail.meta", "GmailAttachment.getContentType");
    return this.data.contentType;
  }
  /** The reference page: "faster than calling getBytes().length and does not count against the Gmail read quota". */
  getSize(): number {
    return this.data.bytes.length;
  }
  getBytes(): number[] {
    this.s.call("Gmail.read", "GmailAttachment.getBytes", 1);
    return toJavaBytes(this.data.bytes);
  }
  getDataAsString(charset?: string): string {
    this.s.call("Gmail.read", "GmailAttachment.getDataAsString", 1);
    return decodeBytes(this.data.bytes, charset);
  }
  getHash(): string {
    return createHash("sha1").update(this.data.bytes).digest("hex");
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): GoogleAppsScript.Base.Blob {
    this.s.call("Gmail.read", "GmailAttachment.copyBlob", 1);
    return newBlob(this.data.bytes, this.data.contentType, this.data.name);
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.copyBlob();
  }
}

export class EmulatedGmailMessage
  implements
    Pick<
      Gm,
      | "getId"
      | "getHeader"
      | "getRawContent"
      | "getPlainBody"
      | "getBody"
      | "getFrom"
      | "getTo"
      | "getCc"
      | "getBcc"
      | "getReplyTo"
      | "getSubject"
      | "getDate"
      | "isUnread"
      | "isInInbox"
      | "isInTrash"
      | "isStarred"
      | "isDraft"
      | "isInChats"
      | "isInPriorityInbox"
    >
{
  toString(): string {
    return "GmailMessage";
  }

  constructor(
    private readonly s: GmailSession,
    /** @internal */ readonly stored: StoredMessage,
  ) {}

  private meta<T>(method: string, value: () => T): T {
    this.s.call("Gmail.meta", `GmailMessage.${method}`);
    return value();
  }

  getId(): string {
    return this.meta("getId", () => this.stored.id);
  }
  getThread(): Gt {
    return this.meta("getThread", () => asThread(new EmulatedGmailThread(this.s, this.stored.threadId)));
  }
  /** The header's (decoded) value, "" when the message has no such header. */
  getHeader(name: string): string {
    return this.meta("getHeader", () => {
      const lower = name.toLowerCase();
      return this.stored.content.headers.find(([k]) => k.toLowerCase() === lower)?.[1] ?? "";
    });
  }
  getRawContent(): string {
    this.s.call("Gmail.read", "GmailMessage.getRawContent", 1);
    return this.stored.content.raw;
  }
  getPlainBody(): string {
    return this.meta("getPlainBody", () => this.stored.content.text);
  }
  getBody(): string {
    return this.meta("getBody", () => this.stored.content.html || this.stored.content.text);
  }
  getFrom(): string {
    return this.meta("getFrom", () => this.stored.content.from);
  }
  getTo(): string {
    return this.meta("getTo", () => this.stored.content.to);
  }
  getCc(): string {
    return this.meta("getCc", () => this.stored.content.cc);
  }
  getBcc(): string {
    return this.meta("getBcc", () => this.stored.content.bcc);
  }
  getReplyTo(): string {
    return this.meta("getReplyTo", () => this.stored.content.replyTo);
  }
  getSubject(): string {
    return this.meta("getSubject", () => this.stored.content.subject);
  }
  getDate(): GoogleAppsScript.Base.Date {
    return this.meta("getDate", () => new Date(this.stored.date.getTime()));
  }
  getAttachments(options?: GoogleAppsScript.Gmail.GmailAttachmentOptions): Ga[] {
    return this.meta("getAttachments", () => {
      const inline = options?.includeInlineImages ?? true;
      const regular = options?.includeAttachments ?? true;
      return this.stored.content.attachments
        .filter((a) => (a.inline ? inline : regular))
        .map((a) => new EmulatedGmailAttachment(this.s, a) as unknown as Ga);
    });
  }
  isUnread(): boolean {
    return this.meta("isUnread", () => this.stored.labels.has("UNREAD"));
  }
  isInInbox(): boolean {
    return this.meta("isInInbox", () => this.stored.labels.has("INBOX"));
  }
  isInTrash(): boolean {
    return this.meta("isInTrash", () => this.stored.labels.has("TRASH"));
  }
  isStarred(): boolean {
    return this.meta("isStarred", () => this.stored.labels.has("STARRED"));
  }
  isDraft(): boolean {
    return this.meta("isDraft", () => this.stored.draftId !== undefined);
  }
  isInChats(): boolean {
    return false;
  }
  isInPriorityInbox(): boolean {
    return false;
  }

  private flag(method: string, add: string | undefined, remove: string | undefined): Gm {
    this.s.call("Gmail.label", `GmailMessage.${method}`, 1);
    if (add) this.stored.labels.add(add);
    if (remove) this.stored.labels.delete(remove);
    return asMessage(this);
  }
  markRead(): Gm {
    return this.flag("markRead", undefined, "UNREAD");
  }
  markUnread(): Gm {
    return this.flag("markUnread", "UNREAD", undefined);
  }
  star(): Gm {
    return this.flag("star", "STARRED", undefined);
  }
  unstar(): Gm {
    return this.flag("unstar", undefined, "STARRED");
  }
  moveToTrash(): Gm {
    this.flag("moveToTrash", "TRASH", "INBOX");
    return asMessage(this);
  }
  refresh(): Gm {
    return asMessage(this);
  }

  createDraftReply(body: string, options?: GoogleAppsScript.Gmail.GmailReplyOptions): Gd {
    this.s.call("Gmail.draft", "GmailMessage.createDraftReply");
    return asDraft(createReplyDraft(this.s, this.stored, body, options, false));
  }
  createDraftReplyAll(body: string, options?: GoogleAppsScript.Gmail.GmailReplyOptions): Gd {
    this.s.call("Gmail.draft", "GmailMessage.createDraftReplyAll");
    return asDraft(createReplyDraft(this.s, this.stored, body, options, true));
  }
  reply(body: string, options?: GoogleAppsScript.Gmail.GmailAdvancedOptions): Gm {
    this.s.call("Gmail.send", "GmailMessage.reply");
    sendReply(this.s, this.stored, body, options, false);
    return asMessage(this);
  }
  replyAll(body: string, options?: GoogleAppsScript.Gmail.GmailAdvancedOptions): Gm {
    this.s.call("Gmail.send", "GmailMessage.replyAll");
    sendReply(this.s, this.stored, body, options, true);
    return asMessage(this);
  }
  forward(recipient: string, options?: GoogleAppsScript.Gmail.GmailAdvancedOptions): Gm {
    this.s.call("Gmail.send", "GmailMessage.forward");
    const c = this.stored.content;
    const quoted = `\n\n---------- Forwarded message ---------\nFrom: ${c.from}\nDate: ${this.stored.date.toUTCString()}\nSubject: ${c.subject}\nTo: ${c.to}\n\n${c.text}`;
    const mail = buildOutgoing(this.s.box, recipient, `Fwd: ${c.subject}`, quoted, {
      ...options,
      attachments: [],
    });
    mail.attachments = [...(mail.attachments ?? []), ...c.attachments.map((a) => ({ ...a }))];
    this.s.send(mail);
    return asMessage(this);
  }
}

function replyMail(
  s: GmailSession,
  target: StoredMessage,
  body: string,
  options: GoogleAppsScript.Gmail.GmailReplyOptions | undefined,
  all: boolean,
) {
  const who = replyRecipients(s.box, target.content, all);
  const opts: OutgoingOptions = { ...options };
  if (who.cc) opts.cc = [who.cc, options?.cc].filter((x) => x).join(", ");
  return buildOutgoing(
    s.box,
    who.to,
    options?.subject ?? replySubject(target.content.subject),
    body,
    opts,
    threadingFor(target.content),
  );
}

/** A draft in the target's thread: Re: subject, In-Reply-To and References set, addressed per the reply rules. */
export function createReplyDraft(
  s: GmailSession,
  target: StoredMessage,
  body: string,
  options: GoogleAppsScript.Gmail.GmailReplyOptions | undefined,
  all: boolean,
): EmulatedGmailDraft {
  const mail = replyMail(s, target, body, options, all);
  const messageId = s.world.newRfcMessageId(s.box.address);
  const content = composeContent(mail, messageId, s.now(), true);
  const stored = s.box.store(content, { labels: ["DRAFT"], threadId: target.threadId, draftId: s.world.newDraftId() });
  return new EmulatedGmailDraft(s, stored);
}

function sendReply(
  s: GmailSession,
  target: StoredMessage,
  body: string,
  options: GoogleAppsScript.Gmail.GmailAdvancedOptions | undefined,
  all: boolean,
): StoredMessage {
  return s.send(replyMail(s, target, body, options, all), { senderThreadId: target.threadId });
}

export class EmulatedGmailThread
  implements
    Pick<
      Gt,
      | "getId"
      | "getFirstMessageSubject"
      | "getMessageCount"
      | "getLastMessageDate"
      | "isUnread"
      | "isInInbox"
      | "isInTrash"
      | "isInSpam"
      | "isImportant"
      | "isInChats"
      | "isInPriorityInbox"
      | "hasStarredMessages"
      | "getPermalink"
    >
{
  toString(): string {
    return "GmailThread";
  }

  constructor(
    private readonly s: GmailSession,
    /** @internal */ readonly threadId: string,
  ) {}

  /** @internal The live record (a thread whose last draft was deleted no longer exists). */
  record(): ThreadRecord {
    const t = this.s.box.threads.get(this.threadId);
    if (!t) throw new Error(`Invalid argument: thread (no thread ${this.threadId} in ${this.s.box.address})`);
    return t;
  }

  private meta<T>(method: string, value: () => T): T {
    this.s.call("Gmail.meta", `GmailThread.${method}`);
    return value();
  }

  getId(): string {
    return this.meta("getId", () => this.threadId);
  }
  getFirstMessageSubject(): string {
    return this.meta("getFirstMessageSubject", () => this.record().messages[0]?.content.subject ?? "");
  }
  getMessages(): Gm[] {
    const messages = this.record().messages;
    this.s.call("Gmail.read", "GmailThread.getMessages", messages.length);
    return messages.map((m) => asMessage(new EmulatedGmailMessage(this.s, m)));
  }
  getMessageCount(): number {
    return this.meta("getMessageCount", () => this.record().messages.length);
  }
  getLastMessageDate(): GoogleAppsScript.Base.Date {
    return this.meta(
      "getLastMessageDate",
      () => new Date(Math.max(...this.record().messages.map((m) => m.date.getTime()))),
    );
  }
  getLabels(): Gl[] {
    return this.meta("getLabels", () => {
      const names = new Set(this.record().messages.flatMap(userLabelsOf));
      return [...names].map((n) => asLabel(new EmulatedGmailLabel(this.s, n)));
    });
  }
  private any(label: string): boolean {
    return this.record().messages.some((m) => m.labels.has(label));
  }
  isUnread(): boolean {
    return this.meta("isUnread", () => this.any("UNREAD"));
  }
  isInInbox(): boolean {
    return this.meta("isInInbox", () => this.any("INBOX"));
  }
  isInTrash(): boolean {
    return this.meta("isInTrash", () => this.any("TRASH"));
  }
  isInSpam(): boolean {
    return this.meta("isInSpam", () => this.any("SPAM"));
  }
  isImportant(): boolean {
    return this.meta("isImportant", () => this.any("IMPORTANT"));
  }
  isInChats(): boolean {
    return false;
  }
  isInPriorityInbox(): boolean {
    return false;
  }
  hasStarredMessages(): boolean {
    return this.meta("hasStarredMessages", () => this.any("STARRED"));
  }
  /** Approximation of the link Apps Script returns; it opens the conversation by thread id. */
  getPermalink(): string {
    return this.meta("getPermalink", () => `https://mail.google.com/mail/u/0/#all/${this.threadId}`);
  }

  addLabel(label: Gl): Gt {
    this.s.call("Gmail.label", "GmailThread.addLabel", 1);
    const name = this.s.ensureLabel(label.getName());
    for (const m of this.record().messages) m.labels.add(name);
    return asThread(this);
  }
  removeLabel(label: Gl): Gt {
    this.s.call("Gmail.label", "GmailThread.removeLabel", 1);
    removeUserLabel(this.record(), label.getName());
    return asThread(this);
  }
  private modify(method: string, add: string[], remove: string[]): Gt {
    this.s.call("Gmail.label", `GmailThread.${method}`, 1);
    applyFlags(this.record(), add, remove);
    return asThread(this);
  }
  markRead(): Gt {
    return this.modify("markRead", [], ["UNREAD"]);
  }
  markUnread(): Gt {
    return this.modify("markUnread", ["UNREAD"], []);
  }
  markImportant(): Gt {
    return this.modify("markImportant", ["IMPORTANT"], []);
  }
  markUnimportant(): Gt {
    return this.modify("markUnimportant", [], ["IMPORTANT"]);
  }
  moveToArchive(): Gt {
    return this.modify("moveToArchive", [], ["INBOX"]);
  }
  moveToInbox(): Gt {
    return this.modify("moveToInbox", ["INBOX"], ["TRASH", "SPAM"]);
  }
  moveToTrash(): Gt {
    return this.modify("moveToTrash", ["TRASH"], ["INBOX"]);
  }
  moveToSpam(): Gt {
    return this.modify("moveToSpam", ["SPAM"], ["INBOX"]);
  }
  refresh(): Gt {
    return asThread(this);
  }

  createDraftReply(body: string, options?: GoogleAppsScript.Gmail.GmailReplyOptions): Gd {
    this.s.call("Gmail.draft", "GmailThread.createDraftReply");
    return asDraft(createReplyDraft(this.s, lastRealMessage(this.record().messages), body, options, false));
  }
  createDraftReplyAll(body: string, options?: GoogleAppsScript.Gmail.GmailReplyOptions): Gd {
    this.s.call("Gmail.draft", "GmailThread.createDraftReplyAll");
    return asDraft(createReplyDraft(this.s, lastRealMessage(this.record().messages), body, options, true));
  }
  reply(body: string, options?: GoogleAppsScript.Gmail.GmailAdvancedOptions): Gt {
    this.s.call("Gmail.send", "GmailThread.reply");
    sendReply(this.s, lastRealMessage(this.record().messages), body, options, false);
    return asThread(this);
  }
  replyAll(body: string, options?: GoogleAppsScript.Gmail.GmailAdvancedOptions): Gt {
    this.s.call("Gmail.send", "GmailThread.replyAll");
    sendReply(this.s, lastRealMessage(this.record().messages), body, options, true);
    return asThread(this);
  }
}

export { threadsOf };

export function applyFlags(thread: ThreadRecord, add: string[], remove: string[]): void {
  for (const m of thread.messages) {
    for (const l of add) m.labels.add(l);
    for (const l of remove) m.labels.delete(l);
  }
}

function removeUserLabel(thread: ThreadRecord, name: string): void {
  const lower = name.toLowerCase();
  for (const m of thread.messages) for (const l of [...m.labels]) if (l.toLowerCase() === lower) m.labels.delete(l);
}

function threadsOf(threads: Gt[]): ThreadRecord[] {
  return threads.map((t) => (t as unknown as EmulatedGmailThread).record());
}

export const LABEL_GONE = "Invalid argument: label (it was deleted)";

export class EmulatedGmailLabel
  implements
    Pick<Gl, "getName" | "addToThread" | "addToThreads" | "removeFromThread" | "removeFromThreads" | "getUnreadCount">
{
  toString(): string {
    return "GmailLabel";
  }

  constructor(
    private readonly s: GmailSession,
    private readonly name: string,
  ) {}

  getName(): string {
    this.s.call("Gmail.meta", "GmailLabel.getName");
    return this.name;
  }
  getId(): string {
    this.s.call("Gmail.meta", "GmailLabel.getId");
    return `Label_${Buffer.from(this.name.toLowerCase()).toString("hex").slice(0, 16)}`;
  }
  addToThread(thread: Gt): Gl {
    return this.addToThreads([thread], "addToThread");
  }
  /** At most 100 threads per call ("You can label up to 100 threads per batch"). */
  addToThreads(threads: Gt[], method = "addToThreads"): Gl {
    this.s.call("Gmail.label", `GmailLabel.${method}`, threads.length);
    checkBatch(threads);
    const name = this.s.ensureLabel(this.name);
    for (const t of threadsOf(threads)) for (const m of t.messages) m.labels.add(name);
    return asLabel(this);
  }
  removeFromThread(thread: Gt): Gl {
    return this.removeFromThreads([thread], "removeFromThread");
  }
  removeFromThreads(threads: Gt[], method = "removeFromThreads"): Gl {
    this.s.call("Gmail.label", `GmailLabel.${method}`, threads.length);
    checkBatch(threads);
    for (const t of threadsOf(threads)) removeUserLabel(t, this.name);
    return asLabel(this);
  }
  private labelled(): ThreadRecord[] {
    const lower = this.name.toLowerCase();
    return this.s.box
      .sortedThreads()
      .filter((t) => t.messages.some((m) => [...m.labels].some((l) => l.toLowerCase() === lower)));
  }
  getThreads(start?: number, max?: number): Gt[] {
    checkPage(max);
    const page = this.labelled().slice(start ?? 0, max === undefined ? undefined : (start ?? 0) + max);
    this.s.call("Gmail.search", "GmailLabel.getThreads", page.length);
    return page.map((t) => asThread(new EmulatedGmailThread(this.s, t.id)));
  }
  getUnreadCount(): number {
    this.s.call("Gmail.meta", "GmailLabel.getUnreadCount");
    return this.labelled().filter((t) => t.messages.some((m) => m.labels.has("UNREAD"))).length;
  }
  /** Deleting a label that is gone throws (gas-fakes' live run: /(not found|invalid)/i; exact text unsourced). */
  deleteLabel(): void {
    this.s.call("Gmail.meta", "GmailLabel.deleteLabel");
    if (!this.s.box.userLabels.has(this.name.toLowerCase())) throw new Error(LABEL_GONE);
    for (const t of this.s.box.threads.values()) removeUserLabel(t, this.name);
    this.s.box.userLabels.delete(this.name.toLowerCase());
  }
}

export class EmulatedGmailDraft implements Pick<Gd, "getId" | "getMessageId" | "deleteDraft"> {
  toString(): string {
    return "GmailDraft";
  }

  constructor(
    private readonly s: GmailSession,
    private readonly stored: StoredMessage,
  ) {}

  private alive(): StoredMessage {
    if (this.stored.draftId === undefined || !this.s.box.messages.has(this.stored.id)) {
      throw new Error("Invalid argument: draft (it was sent or deleted)");
    }
    return this.stored;
  }

  getId(): string {
    this.s.call("Gmail.meta", "GmailDraft.getId");
    return this.alive().draftId as string;
  }
  getMessageId(): string {
    this.s.call("Gmail.meta", "GmailDraft.getMessageId");
    return this.alive().id;
  }
  getMessage(): Gm {
    this.s.call("Gmail.read", "GmailDraft.getMessage", 1);
    return asMessage(new EmulatedGmailMessage(this.s, this.alive()));
  }
  /** Sends the draft: it becomes the sent message in its thread, and recipients receive it. */
  send(): Gm {
    this.s.call("Gmail.send", "GmailDraft.send");
    const draft = this.alive();
    const now = this.s.now();
    const mail = { ...contentToMail(draft.content), date: now };
    checkRecipientLimits(this.s.world, this.s.box.address, recipientsOf(mail), now);
    draft.content = composeContent(mail, draft.content.messageId, now, true);
    draft.date = now;
    draft.draftId = undefined;
    draft.labels.delete("DRAFT");
    draft.labels.add("SENT");
    this.s.box.threadOf(draft).messages.sort((a, b) => a.date.getTime() - b.date.getTime());
    this.s.world.deliverStructured(mail, { skipSender: true });
    return asMessage(new EmulatedGmailMessage(this.s, draft));
  }
  deleteDraft(): void {
    this.s.call("Gmail.draft", "GmailDraft.deleteDraft");
    this.s.box.remove(this.alive());
  }
  update(recipient: string, subject: string, body: string, options?: GoogleAppsScript.Gmail.GmailDraftOptions): Gd {
    this.s.call("Gmail.draft", "GmailDraft.update");
    const draft = this.alive();
    const previousId = draft.content.messageId;
    const threading = { inReplyTo: draft.content.inReplyTo || undefined, references: draft.content.references };
    const mail = buildOutgoing(this.s.box, recipient, subject, body, options, threading);
    draft.content = composeContent(mail, previousId, this.s.now(), true);
    this.s.box.reindex(draft, previousId);
    return asDraft(this);
  }
}

// The emulated classes implement the Apps Script interfaces partially (Pick<>); callers get the real types.
export const asMessage = (m: EmulatedGmailMessage): Gm => m as unknown as Gm;
export const asThread = (t: EmulatedGmailThread): Gt => t as unknown as Gt;
export const asLabel = (l: EmulatedGmailLabel): Gl => l as unknown as Gl;
export const asDraft = (d: EmulatedGmailDraft): Gd => d as unknown as Gd;
