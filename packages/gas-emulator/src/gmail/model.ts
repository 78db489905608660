/** The stored shapes of the mail world. One `MessageContent` may back several `StoredMessage`s (one per mailbox). */

export interface AttachmentData {
  name: string;
  contentType: string;
  bytes: Uint8Array;
  /** Inline images (Content-Disposition: inline with a Content-ID) are still attachments to Gmail. */
  inline: boolean;
}

/** What RFC 822 says about a message, decoded. Header values are as a script reads them (encoded words decoded). */
export interface MessageContent {
  /** With angle brackets, as in the header ("<abc@host>"). */
  messageId: string;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  subject: string;
  /** The Date header, or undefined when absent or unparseable. */
  date: Date | undefined;
  inReplyTo: string;
  references: string[];
  /** Every header in source order, name as written, value decoded. */
  headers: [string, string][];
  /** The text/plain part, "" when the message has none. */
  text: string;
  /** The text/html part, "" when the message has none. */
  html: string;
  /**
   * True when the message has no text/plain part and `text` was derived from `html` (what getPlainBody returns);
   * the Gmail API then shows only the text/html part. Absent on content saved before this field existed.
   */
  textFromHtml?: boolean;
  attachments: AttachmentData[];
  /** The RFC 822 source (what getRawContent returns). */
  raw: string;
}

/** Gmail's system labels, as the Gmail API names them. User labels are stored by their display name. */
export const SYSTEM_LABELS = ["INBOX", "SENT", "UNREAD", "STARRED", "TRASH", "SPAM", "DRAFT", "IMPORTANT"] as const;
export type SystemLabel = (typeof SYSTEM_LABELS)[number];

export interface StoredMessage {
  /** Gmail message id: 16 hex characters, unique within the world (so distinct per mailbox copy). */
  id: string;
  threadId: string;
  /** Owner address of the mailbox holding this copy. */
  owner: string;
  content: MessageContent;
  /** System labels (upper case, see SYSTEM_LABELS) and user label names. */
  labels: Set<string>;
  /** Gmail's internal date: the Date header when sane, else the arrival time. */
  date: Date;
  /** Set while the message is a draft ("r" + digits, like Gmail draft ids). */
  draftId?: string;
  /** The .eml file this copy was loaded from (loadMailDir); unset for mail the emulator composed or received. */
  loadedFrom?: string;
}

export interface ThreadRecord {
  id: string;
  /** Oldest first. */
  messages: StoredMessage[];
}

/** Strip brackets and whitespace: Message-IDs compare by their inner text. */
export function messageIdKey(id: string): string {
  return id.trim().replace(/^<|>$/g, "").trim();
}

const REPLY_PREFIX =
  /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|antw|rif|tr|回复|答复|回覆|转发|轉寄|返信|転送)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;

/** The subject Gmail threads on: reply/forward prefixes (Re:, Fwd:, AW:, 回复:, 答复:…) stripped, case and spacing folded. */
export function normalizeSubject(subject: string): string {
  let s = subject;
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(REPLY_PREFIX, "");
  }
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}
