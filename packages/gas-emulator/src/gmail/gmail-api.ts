/**
 * The Gmail advanced service (`Gmail`, the Gmail API v1 through Apps Script) over the same mail world as GmailApp:
 * the same thread ids, message ids and labels. Covered: `Users.Threads.list/get/modify`, `Users.Messages.batchModify`,
 * `Users.Labels.list/create` (developers.google.com/workspace/gmail/api/reference/rest/v1). Apps Script's
 * argument order is kept: the request resource comes first, then `userId` ("me" or the user's own address).
 *
 * A thread's messages come back in one call with their headers, labels and (format "full") their MIME tree,
 * bodies as base64url (RFC 4648 §5) of the part's bytes. Each call is metered as one Gmail call under the
 * GmailApp cost types (list as "Gmail.search", get as "Gmail.read", modifications as "Gmail.label", labels as
 * "Gmail.meta"): an estimate, like those.
 */
import { createHash } from "node:crypto";
import type { GasContext } from "../core/context";
import type { AttachmentData, StoredMessage, ThreadRecord } from "./model";
import { SYSTEM_LABELS } from "./model";
import { evaluate, mentionsTrashOrSpam, parseQuery } from "./search";
import { GmailSession } from "./session";
import type { MailWorld } from "./world";

type GBatchModifyMessagesRequest = GoogleAppsScript.Gmail.Schema.BatchModifyMessagesRequest;
type GLabel = GoogleAppsScript.Gmail.Schema.Label;
type GListLabelsResponse = GoogleAppsScript.Gmail.Schema.ListLabelsResponse;
type GListThreadsResponse = GoogleAppsScript.Gmail.Schema.ListThreadsResponse;
type GMessage = GoogleAppsScript.Gmail.Schema.Message;
type GModifyThreadRequest = GoogleAppsScript.Gmail.Schema.ModifyThreadRequest;
type GThread = GoogleAppsScript.Gmail.Schema.Thread;
type Part = GoogleAppsScript.Gmail.Schema.MessagePart;

/** users.threads.list: "defaults to 100. The maximum allowed value for this field is 500." */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;
/** users.messages.batchModify: "There is a limit of 1000 ids per request." */
export const MAX_BATCH_IDS = 1000;

/** Any one of these lets a script read mail through the API (users.threads.get, "Authorization scopes"). */
const READ_SCOPES = [
  "https://mail.google.com/",
  "https://www.googleapis.com/auth/gmail.modify",
  "https://www.googleapis.com/auth/gmail.readonly",
  "https://www.googleapis.com/auth/gmail.metadata",
] as const;
/** Format "full" is refused under gmail.metadata alone. */
const BODY_SCOPES = READ_SCOPES.slice(0, 3);
const MODIFY_SCOPES = ["https://mail.google.com/", "https://www.googleapis.com/auth/gmail.modify"] as const;
const LABEL_SCOPES = [...MODIFY_SCOPES, "https://www.googleapis.com/auth/gmail.labels"] as const;

export const ENTITY_NOT_FOUND = "Requested entity was not found.";

/** How Apps Script reports a failed advanced-service call (the Sheets service's text, same pattern). */
function apiError(method: string, message: string): Error {
  return new Error(`API call to gmail.users.${method} failed with error: ${message}`);
}

/** A user label's id: "Label_" and digits, stable for a name (case-insensitive, like Gmail's label names). */
export function userLabelId(name: string): string {
  const hex = createHash("sha1").update(name.toLowerCase()).digest("hex").slice(0, 15);
  return `Label_${BigInt(`0x${hex}`).toString()}`;
}

const SYSTEM = new Set<string>(SYSTEM_LABELS);

export class EmulatedGmailApi {
  readonly Users: {
    Threads: {
      list(userId: string, optionalArgs?: ListArgs): GListThreadsResponse;
      get(userId: string, id: string, optionalArgs?: GetArgs): GThread;
      modify(resource: GModifyThreadRequest, userId: string, id: string): GThread;
    };
    Messages: { batchModify(resource: GBatchModifyMessagesRequest, userId: string): void };
    Labels: {
      list(userId: string): GListLabelsResponse;
      create(resource: GLabel, userId: string): GLabel;
    };
  };

  toString(): string {
    return "AdvancedServiceIdentifier{name=gmail, version=v1}";
  }

  constructor(
    private readonly ctx: GasContext,
    private readonly world: MailWorld,
  ) {
    this.Users = {
      Threads: {
        list: (userId, args = {}) => this.list(userId, args),
        get: (userId, id, args = {}) => this.get(userId, id, args),
        modify: (resource, userId, id) => this.modifyThread(resource, userId, id),
      },
      Messages: { batchModify: (resource, userId) => this.batchModify(resource, userId) },
      Labels: {
        list: (userId) => this.labels(userId),
        create: (resource, userId) => this.createLabel(resource, userId),
      },
    };
  }

  /** The effective user's mailbox; `userId` must be "me" or that user (Apps Script acts for one user only). */
  private session(method: string, userId: string, scopes: readonly string[]): GmailSession {
    const s = GmailSession.forEffectiveUser(this.ctx, this.world, "Gmail", `Users.${method}`);
    this.ctx.requireScope(`Gmail.Users.${method}`, scopes);
    const who = String(userId ?? "").toLowerCase();
    if (who !== "me" && !s.box.isOwn(who)) {
      throw apiError(method.toLowerCase(), "Delegation denied for " + s.box.address);
    }
    return s;
  }

  private list(userId: string, args: ListArgs): GListThreadsResponse {
    const s = this.session("Threads.list", userId, READ_SCOPES);
    const ast = args.q ? parseQuery(args.q) : undefined;
    const withTrash = args.includeSpamTrash === true || (ast !== undefined && mentionsTrashOrSpam(ast));
    const wanted = (args.labelIds ?? []).map((id) => this.labelName(s, id, "threads.list"));
    const sc = s.searchContext();
    const matches = (m: StoredMessage) =>
      (withTrash || (!m.labels.has("TRASH") && !m.labels.has("SPAM"))) &&
      wanted.every((l) => hasLabel(m, l)) &&
      (ast === undefined || evaluate(ast, m, sc));
    const found = s.box.sortedThreads().filter((t) => t.messages.some(matches));
    const start = args.pageToken ? Number.parseInt(args.pageToken, 36) : 0;
    if (!Number.isInteger(start) || start < 0) throw apiError("threads.list", "Invalid pageToken");
    const size = Math.min(MAX_PAGE, Math.max(1, args.maxResults ?? DEFAULT_PAGE));
    const page = found.slice(start, start + size);
    s.call("Gmail.search", "Gmail.Users.Threads.list", page.length);
    const out: GListThreadsResponse = { resultSizeEstimate: found.length };
    // The API leaves `threads` out when nothing matched.
    if (page.length > 0)
      out.threads = page.map((t) => ({ id: t.id, snippet: snippetOf(last(t)), historyId: history(t) }));
    if (start + size < found.length) out.nextPageToken = (start + size).toString(36);
    return out;
  }

  private get(userId: string, id: string, args: GetArgs): GThread {
    const format = threadFormat(args);
    const s = this.session("Threads.get", userId, format === "full" ? BODY_SCOPES : READ_SCOPES);
    const thread = s.box.threads.get(String(id));
    s.call("Gmail.read", "Gmail.Users.Threads.get", thread?.messages.length ?? 0);
    if (!thread) throw apiError("threads.get", ENTITY_NOT_FOUND);
    return threadResource(thread, format, args);
  }

  /**
   * users.threads.get as the REST API answers it (`GET .../gmail/v1/users/{userId}/threads/{id}`), unmetered:
   * the caller (UrlFetchApp) meters the request. The status and JSON body the API sends: 200 with the Thread,
   * 404 for a thread that is not (or no longer) there, 400 for a bad format, 403 when the token's scopes do not
   * allow reading mail. `messages` is how many messages the answer carries (what its latency is priced on).
   */
  restThread(userId: string, id: string, args: GetArgs): { status: number; body: unknown; messages: number } {
    let format: string;
    try {
      format = threadFormat(args);
    } catch (e) {
      return {
        status: 400,
        body: restError(400, (e as Error).message, "INVALID_ARGUMENT", "invalidArgument"),
        messages: 0,
      };
    }
    const accepted = format === "full" ? BODY_SCOPES : READ_SCOPES;
    const scopes = this.ctx.scopes;
    if (scopes && !accepted.some((a) => scopes.has(a))) {
      return {
        status: 403,
        body: restError(
          403,
          "Request had insufficient authentication scopes.",
          "PERMISSION_DENIED",
          "insufficientPermissions",
        ),
        messages: 0,
      };
    }
    const s = GmailSession.forEffectiveUser(this.ctx, this.world, "UrlFetchApp", "fetch");
    const who = String(userId ?? "").toLowerCase();
    if (who !== "me" && !s.box.isOwn(who)) {
      return {
        status: 403,
        body: restError(403, `Delegation denied for ${s.box.address}`, "PERMISSION_DENIED", "forbidden"),
        messages: 0,
      };
    }
    const thread = s.box.threads.get(String(id));
    if (!thread) return { status: 404, body: restError(404, ENTITY_NOT_FOUND, "NOT_FOUND", "notFound"), messages: 0 };
    return { status: 200, body: threadResource(thread, format, args), messages: thread.messages.length };
  }

  private modifyThread(resource: GModifyThreadRequest, userId: string, id: string): GThread {
    const s = this.session("Threads.modify", userId, MODIFY_SCOPES);
    const thread = s.box.threads.get(String(id));
    s.call("Gmail.label", "Gmail.Users.Threads.modify", 1);
    if (!thread) throw apiError("threads.modify", ENTITY_NOT_FOUND);
    const change = this.change(s, resource, "threads.modify");
    for (const m of thread.messages) change(m);
    return {
      id: thread.id,
      historyId: history(thread),
      messages: thread.messages.map((m) => messageResource(m, "minimal")),
    };
  }

  private batchModify(resource: GBatchModifyMessagesRequest, userId: string): void {
    const s = this.session("Messages.batchModify", userId, MODIFY_SCOPES);
    const ids = resource?.ids ?? [];
    const messages = ids.map((id) => s.box.messages.get(String(id)));
    s.call("Gmail.label", "Gmail.Users.Messages.batchModify", new Set(messages.map((m) => m?.threadId)).size);
    if (ids.length === 0) throw apiError("messages.batchModify", "No message ids given");
    if (ids.length > MAX_BATCH_IDS) {
      throw apiError("messages.batchModify", `Too many ids: ${ids.length} (at most ${MAX_BATCH_IDS} per request)`);
    }
    if (messages.some((m) => m === undefined)) throw apiError("messages.batchModify", ENTITY_NOT_FOUND);
    const change = this.change(s, resource, "messages.batchModify");
    for (const m of messages) if (m) change(m);
  }

  /** Checks every label id first (an unknown one changes nothing), then returns the change for one message. */
  private change(
    s: GmailSession,
    resource: { addLabelIds?: string[]; removeLabelIds?: string[] } | undefined,
    method: string,
  ): (m: StoredMessage) => void {
    const add = (resource?.addLabelIds ?? []).map((id) => this.labelName(s, id, method));
    const remove = (resource?.removeLabelIds ?? []).map((id) => this.labelName(s, id, method));
    return (m) => {
      for (const l of add) m.labels.add(l);
      for (const l of remove)
        for (const have of [...m.labels]) if (have.toLowerCase() === l.toLowerCase()) m.labels.delete(have);
    };
  }

  /** The stored label a label id names: a system label as is, a user label by its "Label_…" id. */
  private labelName(s: GmailSession, id: string, method: string): string {
    if (SYSTEM.has(id)) return id;
    for (const name of s.box.userLabels.values()) if (userLabelId(name) === id) return name;
    throw apiError(method, `Invalid label: ${id}`);
  }

  private labels(userId: string): GListLabelsResponse {
    const s = this.session("Labels.list", userId, READ_SCOPES);
    s.call("Gmail.meta", "Gmail.Users.Labels.list");
    return {
      labels: [
        ...SYSTEM_LABELS.map((id) => ({ id, name: id, type: "system" })),
        ...[...s.box.userLabels.values()].map((name) => userLabel(name)),
      ],
    };
  }

  private createLabel(resource: GLabel, userId: string): GLabel {
    const s = this.session("Labels.create", userId, LABEL_SCOPES);
    s.call("Gmail.meta", "Gmail.Users.Labels.create");
    const name = String(resource?.name ?? "").trim();
    if (!name) throw apiError("labels.create", "Invalid label name");
    if (s.labelName(name) || SYSTEM.has(name.toUpperCase())) {
      throw apiError("labels.create", "Label name exists or conflicts");
    }
    return { ...userLabel(s.ensureLabel(name)), ...visibility(resource) };
  }
}

interface ListArgs {
  q?: string;
  maxResults?: number;
  pageToken?: string;
  labelIds?: string[];
  includeSpamTrash?: boolean;
}

function threadFormat(args: GetArgs): string {
  const format = String(args.format ?? "full").toLowerCase();
  if (format !== "full" && format !== "metadata" && format !== "minimal") {
    throw apiError("threads.get", `Invalid value at 'format' (${args.format})`);
  }
  return format;
}

function threadResource(thread: ThreadRecord, format: string, args: GetArgs): GThread {
  const only = args.metadataHeaders ? ([] as string[]).concat(args.metadataHeaders) : undefined;
  return {
    id: thread.id,
    historyId: history(thread),
    messages: thread.messages.map((m) => messageResource(m, format, only)),
  };
}

/** The REST API's error body (Google API error model: code, message, status, errors[].reason). */
export function restError(code: number, message: string, status: string, reason: string): unknown {
  return { error: { code, message, errors: [{ message, domain: "global", reason }], status } };
}

export interface GetArgs {
  format?: string;
  metadataHeaders?: string[] | string;
}

function hasLabel(m: StoredMessage, name: string): boolean {
  if (m.labels.has(name)) return true;
  const lower = name.toLowerCase();
  return [...m.labels].some((l) => l.toLowerCase() === lower);
}

function userLabel(name: string): GLabel {
  return {
    id: userLabelId(name),
    name,
    type: "user",
    labelListVisibility: "labelShow",
    messageListVisibility: "show",
  };
}

function visibility(resource: GLabel | undefined): GLabel {
  const out: GLabel = {};
  if (resource?.labelListVisibility) out.labelListVisibility = resource.labelListVisibility;
  if (resource?.messageListVisibility) out.messageListVisibility = resource.messageListVisibility;
  return out;
}

function last(t: ThreadRecord): StoredMessage {
  return t.messages[t.messages.length - 1];
}

/** A history id that grows with the thread's newest message (the API's is a mailbox-wide counter). */
function history(t: ThreadRecord): string {
  return String(Math.max(...t.messages.map((m) => Number.parseInt(m.id.slice(0, 12), 16))));
}

function snippetOf(m: StoredMessage | undefined): string {
  return (m?.content.text ?? "").replace(/\s+/g, " ").trim().slice(0, 200);
}

/** The message as users.threads.get returns it in `format`. */
function messageResource(m: StoredMessage, format: string, only?: string[]): GMessage {
  const labelIds = [...m.labels].map((l) => (SYSTEM.has(l) ? l : userLabelId(l)));
  const out: GMessage = {
    id: m.id,
    threadId: m.threadId,
    labelIds,
    snippet: snippetOf(m),
    historyId: String(Number.parseInt(m.id.slice(0, 12), 16)),
    internalDate: String(m.date.getTime()),
    sizeEstimate: Buffer.byteLength(m.content.raw, "utf8"),
  };
  if (format === "minimal") return out;
  const headers = m.content.headers.map(([name, value]) => ({ name, value }));
  if (format === "metadata") {
    const wanted = only?.map((h) => h.toLowerCase());
    out.payload = {
      partId: "",
      mimeType: topMimeType(m),
      filename: "",
      headers: wanted ? headers.filter((h) => wanted.includes(h.name.toLowerCase())) : headers,
    };
    return out;
  }
  const tree = mimeTree(m);
  // The message's own headers stay as written (a bounce's multipart/report, say); only a text body's charset
  // is said to be UTF-8, which is how the emulator sends text. Mail the emulator composed has no Content-Type in
  // its stored headers (GmailApp's getHeader gives ""); the API answer has none either.
  const asSent = headers.map((h) =>
    h.name.toLowerCase() === "content-type" && /^\s*text\//i.test(h.value) && !/charset\s*=\s*"?utf-?8\b/i.test(h.value)
      ? { name: h.name, value: withUtf8(h.value) }
      : h,
  );
  out.payload = { ...tree, headers: asSent };
  return out;
}

function withUtf8(contentType: string): string {
  const re = /charset\s*=\s*("[^"]*"|[^;\s]+)/i;
  return re.test(contentType) ? contentType.replace(re, 'charset="UTF-8"') : `${contentType}; charset="UTF-8"`;
}

function topMimeType(m: StoredMessage): string {
  return mimeTree(m).mimeType ?? "text/plain";
}

/**
 * The message's MIME tree as the API shows it: the body (text/plain and text/html as multipart/alternative, or
 * the one there is), then attachments in a multipart/mixed. Text is sent as UTF-8 whatever its charset was.
 */
function mimeTree(m: StoredMessage): Part {
  const { text, html, textFromHtml, attachments } = m.content;
  const textPart = textFromHtml && html ? undefined : textLeaf("text/plain", text);
  const htmlPart = html ? textLeaf("text/html", html) : undefined;
  const leaves = [textPart, htmlPart].filter((p): p is Part => p !== undefined);
  const body =
    leaves.length === 2 ? container("multipart/alternative", leaves) : (leaves[0] ?? textLeaf("text/plain", ""));
  const tree =
    attachments.length === 0
      ? body
      : container("multipart/mixed", [body, ...attachments.map((a, i) => attachmentLeaf(m, a, i))]);
  return numbered(tree, "");
}

function textLeaf(mimeType: string, text: string): Part {
  const bytes = Buffer.from(text, "utf8");
  return {
    mimeType,
    filename: "",
    headers: [
      { name: "Content-Type", value: `${mimeType}; charset="UTF-8"` },
      { name: "Content-Transfer-Encoding", value: "quoted-printable" },
    ],
    body: { size: bytes.length, data: base64Url(bytes) },
  };
}

function attachmentLeaf(m: StoredMessage, a: AttachmentData, i: number): Part {
  const disposition = a.inline ? "inline" : "attachment";
  return {
    mimeType: a.contentType,
    filename: a.name,
    headers: [
      { name: "Content-Type", value: `${a.contentType}; name="${a.name}"` },
      { name: "Content-Disposition", value: `${disposition}; filename="${a.name}"` },
      { name: "Content-Transfer-Encoding", value: "base64" },
    ],
    body: { size: a.bytes.length, attachmentId: `ANGjdJ${m.id}x${i}` },
  };
}

function container(mimeType: string, parts: Part[]): Part {
  return {
    mimeType,
    filename: "",
    headers: [{ name: "Content-Type", value: `${mimeType}; boundary="emu-${mimeType.slice(10)}"` }],
    body: { size: 0 },
    parts,
  };
}

/** Part ids as the API numbers them: "" for the message, "0", "1" below it, "0.1" below "0". */
function numbered(part: Part, id: string): Part {
  const out: Part = { ...part, partId: id };
  if (part.parts) out.parts = part.parts.map((p, i) => numbered(p, id === "" ? String(i) : `${id}.${i}`));
  return out;
}

/** Base64url with padding, as the API sends body data (RFC 4648 §5). */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}
