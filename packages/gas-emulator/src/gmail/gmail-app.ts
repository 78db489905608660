/**
 * GmailApp over the mailbox of ctx.effectiveUser (reference: developers.google.com/apps-script/reference/gmail/gmail-app).
 * Synchronous like Apps Script; each call is metered with ctx.call before it takes effect.
 */
import type { GasContext } from "../core/context";
import { composeContent } from "./content";
import type { StoredMessage } from "./model";
import {
  applyFlags,
  asDraft,
  asLabel,
  asMessage,
  asThread,
  EmulatedGmailDraft,
  EmulatedGmailLabel,
  EmulatedGmailMessage,
  EmulatedGmailThread,
  threadsOf,
} from "./objects";
import { buildOutgoing } from "./outgoing";
import { evaluate, mentionsTrashOrSpam, parseQuery } from "./search";
import { checkBatch, checkPage, GmailSession } from "./session";
import type { MailWorld } from "./world";

type Gmail = GoogleAppsScript.Gmail.GmailApp;
type Gt = GoogleAppsScript.Gmail.GmailThread;
type Gm = GoogleAppsScript.Gmail.GmailMessage;
type Gl = GoogleAppsScript.Gmail.GmailLabel;
type Gd = GoogleAppsScript.Gmail.GmailDraft;

export const DRAFT_NOT_FOUND = "Not Found: no draft with that id";

export class EmulatedGmailApp
  implements
    Pick<
      Gmail,
      | "search"
      | "getInboxThreads"
      | "getInboxUnreadCount"
      | "getMessagesForThreads"
      | "getMessagesForThread"
      | "getMessageById"
      | "getThreadById"
      | "getUserLabelByName"
      | "getUserLabels"
      | "createLabel"
      | "deleteLabel"
      | "createDraft"
      | "getDrafts"
      | "getDraft"
      | "getDraftMessages"
      | "sendEmail"
      | "getAliases"
      | "markThreadsRead"
      | "markThreadsUnread"
      | "markThreadRead"
      | "markThreadUnread"
      | "markMessageRead"
      | "markMessagesRead"
      | "markMessagesUnread"
      | "markMessageUnread"
      | "moveThreadsToArchive"
      | "moveThreadToArchive"
      | "moveThreadsToInbox"
      | "moveThreadToInbox"
      | "moveThreadsToTrash"
      | "moveThreadToTrash"
      | "moveMessageToTrash"
      | "starMessage"
      | "unstarMessage"
      | "getStarredThreads"
      | "getTrashThreads"
      | "getSpamThreads"
      | "refreshThreads"
      | "refreshThread"
      | "refreshMessage"
    >
{
  toString(): string {
    return "GmailApp";
  }

  constructor(
    private readonly ctx: GasContext,
    private readonly world: MailWorld,
  ) {}

  private session(method: string): GmailSession {
    return GmailSession.forEffectiveUser(this.ctx, this.world, "GmailApp", method);
  }

  private page(s: GmailSession, threads: { id: string }[], start?: number, max?: number): Gt[] {
    const from = start ?? 0;
    const slice = threads.slice(from, max === undefined ? undefined : from + max);
    return slice.map((t) => asThread(new EmulatedGmailThread(s, t.id)));
  }

  /** Threads newest first; a thread matches when any of its messages matches. At most 500 per call. */
  search(query: string, start?: number, max?: number): Gt[] {
    const s = this.session("search");
    const ast = parseQuery(query);
    const withTrash = mentionsTrashOrSpam(ast);
    const sc = s.searchContext();
    const matches = (m: StoredMessage) =>
      (withTrash || (!m.labels.has("TRASH") && !m.labels.has("SPAM"))) && evaluate(ast, m, sc);
    const found = s.box.sortedThreads().filter((t) => t.messages.some(matches));
    const result = this.page(s, found, start, max);
    s.call("Gmail.search", "GmailApp.search", result.length);
    checkPage(max);
    return result;
  }

  private listByLabel(method: string, label: string, start?: number, max?: number): Gt[] {
    const s = this.session(method);
    const found = s.box.sortedThreads().filter((t) => t.messages.some((m) => m.labels.has(label)));
    const result = this.page(s, found, start, max);
    s.call("Gmail.search", `GmailApp.${method}`, result.length);
    checkPage(max);
    return result;
  }

  getInboxThreads(start?: number, max?: number): Gt[] {
    return this.listByLabel("getInboxThreads", "INBOX", start, max);
  }
  getStarredThreads(start?: number, max?: number): Gt[] {
    return this.listByLabel("getStarredThreads", "STARRED", start, max);
  }
  getTrashThreads(start?: number, max?: number): Gt[] {
    return this.listByLabel("getTrashThreads", "TRASH", start, max);
  }
  getSpamThreads(start?: number, max?: number): Gt[] {
    return this.listByLabel("getSpamThreads", "SPAM", start, max);
  }

  getInboxUnreadCount(): number {
    const s = this.session("getInboxUnreadCount");
    s.call("Gmail.meta", "GmailApp.getInboxUnreadCount");
    return [...s.box.threads.values()].filter((t) =>
      t.messages.some((m) => m.labels.has("INBOX") && m.labels.has("UNREAD")),
    ).length;
  }

  /** One call for many threads: the batched read the reference page recommends. */
  getMessagesForThreads(threads: Gt[]): Gm[][] {
    const s = this.session("getMessagesForThreads");
    const records = threadsOf(threads);
    s.call(
      "Gmail.read",
      "GmailApp.getMessagesForThreads",
      records.reduce((n, t) => n + t.messages.length, 0),
    );
    return records.map((t) => t.messages.map((m) => asMessage(new EmulatedGmailMessage(s, m))));
  }

  getMessagesForThread(thread: Gt): Gm[] {
    const s = this.session("getMessagesForThread");
    const [record] = threadsOf([thread]);
    s.call("Gmail.read", "GmailApp.getMessagesForThread", record.messages.length);
    return record.messages.map((m) => asMessage(new EmulatedGmailMessage(s, m)));
  }

  getMessageById(id: string): Gm {
    const s = this.session("getMessageById");
    s.call("Gmail.read", "GmailApp.getMessageById", 1);
    const m = s.box.messages.get(id);
    return (m ? asMessage(new EmulatedGmailMessage(s, m)) : null) as Gm;
  }

  getThreadById(id: string): Gt {
    const s = this.session("getThreadById");
    s.call("Gmail.read", "GmailApp.getThreadById", 0);
    return (s.box.threads.has(id) ? asThread(new EmulatedGmailThread(s, id)) : null) as Gt;
  }

  // ---- labels ----

  /** The user label with this name, or null. */
  getUserLabelByName(name: string): Gl {
    const s = this.session("getUserLabelByName");
    s.call("Gmail.meta", "GmailApp.getUserLabelByName");
    const stored = s.labelName(name);
    return (stored ? asLabel(new EmulatedGmailLabel(s, stored)) : null) as Gl;
  }

  getUserLabels(): Gl[] {
    const s = this.session("getUserLabels");
    s.call("Gmail.meta", "GmailApp.getUserLabels");
    return [...s.box.userLabels.values()].map((n) => asLabel(new EmulatedGmailLabel(s, n)));
  }

  /** Creates the label; an existing label of that name (any case) is returned as is. */
  createLabel(name: string): Gl {
    const s = this.session("createLabel");
    s.call("Gmail.meta", "GmailApp.createLabel");
    return asLabel(new EmulatedGmailLabel(s, s.ensureLabel(name)));
  }

  deleteLabel(label: Gl): Gmail {
    this.session("deleteLabel");
    label.deleteLabel();
    return this.self();
  }

  // ---- flags and moves (batch limit 100 threads) ----

  private modifyThreads(method: string, threads: Gt[], add: string[], remove: string[]): Gmail {
    const s = this.session(method);
    s.call("Gmail.label", `GmailApp.${method}`, threads.length);
    checkBatch(threads);
    for (const t of threadsOf(threads)) applyFlags(t, add, remove);
    return this.self();
  }
  markThreadsRead(threads: Gt[]): Gmail {
    return this.modifyThreads("markThreadsRead", threads, [], ["UNREAD"]);
  }
  markThreadsUnread(threads: Gt[]): Gmail {
    return this.modifyThreads("markThreadsUnread", threads, ["UNREAD"], []);
  }
  markThreadRead(thread: Gt): Gmail {
    return this.modifyThreads("markThreadRead", [thread], [], ["UNREAD"]);
  }
  markThreadUnread(thread: Gt): Gmail {
    return this.modifyThreads("markThreadUnread", [thread], ["UNREAD"], []);
  }
  moveThreadsToArchive(threads: Gt[]): Gmail {
    return this.modifyThreads("moveThreadsToArchive", threads, [], ["INBOX"]);
  }
  moveThreadToArchive(thread: Gt): Gmail {
    return this.modifyThreads("moveThreadToArchive", [thread], [], ["INBOX"]);
  }
  moveThreadsToInbox(threads: Gt[]): Gmail {
    return this.modifyThreads("moveThreadsToInbox", threads, ["INBOX"], ["TRASH", "SPAM"]);
  }
  moveThreadToInbox(thread: Gt): Gmail {
    return this.modifyThreads("moveThreadToInbox", [thread], ["INBOX"], ["TRASH", "SPAM"]);
  }
  moveThreadsToTrash(threads: Gt[]): Gmail {
    return this.modifyThreads("moveThreadsToTrash", threads, ["TRASH"], ["INBOX"]);
  }
  moveThreadToTrash(thread: Gt): Gmail {
    return this.modifyThreads("moveThreadToTrash", [thread], ["TRASH"], ["INBOX"]);
  }

  private modifyMessages(method: string, messages: Gm[], add: string[], remove: string[]): Gmail {
    const s = this.session(method);
    s.call("Gmail.label", `GmailApp.${method}`, messages.length);
    checkBatch(messages);
    for (const m of messages) {
      const stored = (m as unknown as EmulatedGmailMessage).stored;
      for (const l of add) stored.labels.add(l);
      for (const l of remove) stored.labels.delete(l);
    }
    return this.self();
  }
  markMessageRead(message: Gm): Gmail {
    return this.modifyMessages("markMessageRead", [message], [], ["UNREAD"]);
  }
  markMessagesRead(messages: Gm[]): Gmail {
    return this.modifyMessages("markMessagesRead", messages, [], ["UNREAD"]);
  }
  markMessageUnread(message: Gm): Gmail {
    return this.modifyMessages("markMessageUnread", [message], ["UNREAD"], []);
  }
  markMessagesUnread(messages: Gm[]): Gmail {
    return this.modifyMessages("markMessagesUnread", messages, ["UNREAD"], []);
  }
  moveMessageToTrash(message: Gm): Gmail {
    return this.modifyMessages("moveMessageToTrash", [message], ["TRASH"], ["INBOX"]);
  }
  starMessage(message: Gm): Gmail {
    return this.modifyMessages("starMessage", [message], ["STARRED"], []);
  }
  unstarMessage(message: Gm): Gmail {
    return this.modifyMessages("unstarMessage", [message], [], ["STARRED"]);
  }

  /** The emulator's objects read the store live, so refreshing is a no-op. */
  refreshThreads(_threads: Gt[]): Gmail {
    return this.self();
  }
  refreshThread(_thread: Gt): Gmail {
    return this.self();
  }
  refreshMessage(_message: Gm): Gmail {
    return this.self();
  }

  // ---- drafts and sending ----

  createDraft(
    recipient: string,
    subject: string,
    body: string,
    options?: GoogleAppsScript.Gmail.GmailAdvancedOptions,
  ): Gd {
    const s = this.session("createDraft");
    s.call("Gmail.draft", "GmailApp.createDraft");
    const mail = buildOutgoing(s.box, recipient, subject, body, options);
    const content = composeContent(mail, this.world.newRfcMessageId(s.box.address), s.now(), true);
    const stored = s.box.store(content, { labels: ["DRAFT"], draftId: this.world.newDraftId() });
    return asDraft(new EmulatedGmailDraft(s, stored));
  }

  getDrafts(): Gd[] {
    const s = this.session("getDrafts");
    const drafts = s.box.drafts();
    s.call("Gmail.read", "GmailApp.getDrafts", drafts.length);
    return drafts.map((d) => asDraft(new EmulatedGmailDraft(s, d)));
  }

  getDraft(draftId: string): Gd {
    const s = this.session("getDraft");
    s.call("Gmail.read", "GmailApp.getDraft", 1);
    const d = s.box.drafts().find((m) => m.draftId === draftId);
    // An unknown id throws (gas-fakes' live run: /(404|not found)/i; exact text unsourced).
    if (!d) throw new Error(DRAFT_NOT_FOUND);
    return asDraft(new EmulatedGmailDraft(s, d));
  }

  getDraftMessages(): Gm[] {
    const s = this.session("getDraftMessages");
    const drafts = s.box.drafts();
    s.call("Gmail.read", "GmailApp.getDraftMessages", drafts.length);
    return drafts.map((d) => asMessage(new EmulatedGmailMessage(s, d)));
  }

  /** Sends to the recipients' mailboxes in the world and files the sender's copy under Sent. */
  sendEmail(
    recipient: string,
    subject: string,
    body: string,
    options?: GoogleAppsScript.Gmail.GmailAdvancedOptions,
  ): Gmail {
    const s = this.session("sendEmail");
    s.call("Gmail.send", "GmailApp.sendEmail");
    s.send(buildOutgoing(s.box, recipient, subject, body, options));
    return this.self();
  }

  getAliases(): string[] {
    const s = this.session("getAliases");
    s.call("Gmail.meta", "GmailApp.getAliases");
    return [...s.box.aliases];
  }

  private self(): Gmail {
    return this as unknown as Gmail;
  }
}
