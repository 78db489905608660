/**
 * Gmail search (support.google.com/mail/answer/7190), evaluated per MESSAGE: a thread matches when any
 * of its messages matches, which is how Gmail answers GmailApp.search. That is why a fresh reply in a
 * labelled thread makes the whole thread match `-label:done`, exactly as in real Gmail.
 *
 * Supported: in:, label: (Gmail's hyphenated form "label:project-done" and "label:Project/Done"),
 * is:, has:, from:, to:, cc:, bcc:, subject:, filename:, list:, rfc822msgid:, after:/before: (YYYY/MM/DD or
 * epoch seconds), older:/newer:, newer_than:/older_than: (h, d, w, m = month, y), larger:/smaller:,
 * bare words and "quoted phrases", AND by juxtaposition, OR / {a b}, -negation and (grouping).
 * In Gmail, OR binds tighter than juxtaposition: "a b OR c" means a AND (b OR c).
 */
import { parseAddressList } from "./addresses";
import type { StoredMessage } from "./model";
import { messageIdKey } from "./model";

export type QueryNode =
  | { kind: "and"; items: QueryNode[] }
  | { kind: "or"; items: QueryNode[] }
  | { kind: "not"; item: QueryNode }
  | { kind: "term"; field: string; value: string };

type Token =
  | { t: "open" | "close" | "obrace" | "cbrace" | "or" | "minus" }
  | { t: "term"; field: string; value: string }
  | { t: "field"; field: string };

const OPERATORS = new Set([
  "in",
  "label",
  "is",
  "has",
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "filename",
  "list",
  "rfc822msgid",
  "after",
  "before",
  "older",
  "newer",
  "newer_than",
  "older_than",
  "larger",
  "smaller",
  "deliveredto",
]);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const atTermStart = () => i === 0 || /[\s({]/.test(query[i - 1]);
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")" || ch === "{" || ch === "}") {
      tokens.push({ t: ch === "(" ? "open" : ch === ")" ? "close" : ch === "{" ? "obrace" : "cbrace" });
      i++;
    } else if (ch === "-" && atTermStart() && i + 1 < query.length && !/\s/.test(query[i + 1])) {
      tokens.push({ t: "minus" });
      i++;
    } else if (ch === '"') {
      const end = query.indexOf('"', i + 1);
      const stop = end < 0 ? query.length : end;
      tokens.push({ t: "term", field: "", value: query.slice(i + 1, stop) });
      i = stop + 1;
    } else {
      let j = i;
      while (j < query.length && !/[\s(){}"]/.test(query[j])) j++;
      const word = query.slice(i, j);
      const colon = word.indexOf(":");
      const field = colon > 0 ? word.slice(0, colon).toLowerCase() : "";
      if (word === "OR" || word === "|") tokens.push({ t: "or" });
      else if (word === "AND") {
        // juxtaposition already means AND
      } else if (OPERATORS.has(field) && colon === word.length - 1 && query[j] === '"') {
        const end = query.indexOf('"', j + 1);
        const stop = end < 0 ? query.length : end;
        tokens.push({ t: "term", field, value: query.slice(j + 1, stop) });
        j = stop + 1;
      } else if (OPERATORS.has(field) && colon === word.length - 1 && (query[j] === "(" || query[j] === "{")) {
        tokens.push({ t: "field", field });
      } else if (OPERATORS.has(field)) {
        tokens.push({ t: "term", field, value: word.slice(colon + 1) });
      } else {
        tokens.push({ t: "term", field: "", value: word });
      }
      i = j;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): QueryNode {
    const items: QueryNode[] = [];
    while (this.pos < this.tokens.length) {
      const before = this.pos;
      const node = this.parseAnd("");
      if (node) items.push(node);
      if (this.pos === before) this.pos++; // a stray ")" or "}": skip it like Gmail does
    }
    return { kind: "and", items };
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  /** Juxtaposed OR-groups until a closing bracket. */
  private parseAnd(field: string, closer?: "close" | "cbrace"): QueryNode | undefined {
    const items: QueryNode[] = [];
    for (let tok = this.peek(); tok && tok.t !== "close" && tok.t !== "cbrace"; tok = this.peek()) {
      const node = this.parseOr(field);
      if (node) items.push(node);
      else break;
    }
    if (closer && this.peek()?.t === closer) this.pos++;
    if (items.length === 0) return undefined;
    return items.length === 1 ? items[0] : { kind: "and", items };
  }

  private parseOr(field: string): QueryNode | undefined {
    const first = this.parseUnary(field);
    if (!first) return undefined;
    const items = [first];
    while (this.peek()?.t === "or") {
      this.pos++;
      const next = this.parseUnary(field);
      if (next) items.push(next);
    }
    return items.length === 1 ? first : { kind: "or", items };
  }

  private parseUnary(field: string): QueryNode | undefined {
    const tok = this.peek();
    if (!tok) return undefined;
    if (tok.t === "minus") {
      this.pos++;
      const item = this.parseUnary(field);
      return item ? { kind: "not", item } : undefined;
    }
    if (tok.t === "or") {
      this.pos++; // a leading or doubled OR: ignore
      return this.parseUnary(field);
    }
    if (tok.t === "open") {
      this.pos++;
      return this.parseAnd(field, "close");
    }
    if (tok.t === "obrace") {
      this.pos++;
      const items: QueryNode[] = [];
      for (let t = this.peek(); t && t.t !== "cbrace" && t.t !== "close"; t = this.peek()) {
        const node = this.parseUnary(field);
        if (node) items.push(node);
        else break;
      }
      if (this.peek()?.t === "cbrace") this.pos++;
      return items.length ? { kind: "or", items } : undefined;
    }
    if (tok.t === "field") {
      this.pos++;
      return this.parseUnary(tok.field);
    }
    if (tok.t === "term") {
      this.pos++;
      return { kind: "term", field: tok.field || field, value: tok.value };
    }
    return undefined;
  }
}

export function parseQuery(query: string): QueryNode {
  return new Parser(tokenize(query)).parseAll();
}

// ---- evaluation ----

export interface SearchContext {
  now: Date;
  timeZone: string;
  isOwn: (address: string) => boolean;
  ownAddress: string;
}

/** Gmail treats these punctuation marks and spaces alike in label search: "Project/Done" = "project-done". */
export function labelSearchName(name: string): string {
  return name.toLowerCase().replace(/[\s"&(){}|/\\-]/g, "-");
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whole-word (or phrase) match; CJK text has no spaces, so CJK terms match as substrings. */
export function textMatches(haystack: string, term: string): boolean {
  const t = words(term);
  if (!t) return true;
  const h = words(haystack);
  if (CJK.test(t)) return h.includes(t) || haystack.toLowerCase().includes(term.toLowerCase());
  return ` ${h} `.includes(` ${t} `);
}

function addressMatches(header: string, value: string, ctx: SearchContext): boolean {
  if (value.toLowerCase() === "me") return parseAddressList(header).some((a) => ctx.isOwn(a.address));
  return textMatches(header, value);
}

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - utcMs;
}

/** after:/before: values: YYYY/MM/DD (midnight in the search time zone), YYYY-MM-DD, M/D/YYYY or epoch seconds. */
export function parseSearchDate(value: string, timeZone: string): number | undefined {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000;
  let m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (!m) return undefined;
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const guess = Date.UTC(y, mo - 1, d);
  const first = guess - offsetMs(guess, timeZone);
  return guess - offsetMs(first, timeZone);
}

const PERIOD_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

function periodStart(value: string, now: Date): number | undefined {
  const m = /^(\d+)([hdwmy])$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === "m" || unit === "y") {
    const d = new Date(now.getTime());
    if (unit === "m") d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    return d.getTime();
  }
  return now.getTime() - n * PERIOD_MS[unit];
}

function sizeBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)b?$/i.exec(value);
  if (!m) return Number.NaN;
  const mult = m[2].toLowerCase() === "m" ? 1024 * 1024 : m[2].toLowerCase() === "k" ? 1024 : 1;
  return Number(m[1]) * mult;
}

const SYSTEM_BY_NAME: Record<string, string> = {
  inbox: "INBOX",
  sent: "SENT",
  unread: "UNREAD",
  starred: "STARRED",
  trash: "TRASH",
  spam: "SPAM",
  draft: "DRAFT",
  drafts: "DRAFT",
  important: "IMPORTANT",
};

function hasLabel(message: StoredMessage, value: string): boolean {
  const wanted = labelSearchName(value);
  const system = SYSTEM_BY_NAME[wanted];
  if (system) return message.labels.has(system);
  for (const l of message.labels) {
    if (l === l.toUpperCase() && SYSTEM_BY_NAME[l.toLowerCase()]) continue;
    if (labelSearchName(l) === wanted) return true;
  }
  return false;
}

function userLabelCount(message: StoredMessage): number {
  let n = 0;
  for (const l of message.labels) if (!(l === l.toUpperCase() && SYSTEM_BY_NAME[l.toLowerCase()])) n++;
  return n;
}

function termMatches(message: StoredMessage, field: string, value: string, ctx: SearchContext): boolean {
  const c = message.content;
  const v = value.trim();
  switch (field) {
    case "": {
      const names = c.attachments.map((a) => a.name).join(" ");
      return [c.subject, c.text, c.from, c.to, c.cc, names].some((h) => textMatches(h, v));
    }
    case "from":
      return addressMatches(c.from, v, ctx);
    case "to":
    case "deliveredto":
      return [c.to, c.cc, c.bcc].some((h) => addressMatches(h, v, ctx));
    case "cc":
      return addressMatches(c.cc, v, ctx);
    case "bcc":
      return addressMatches(c.bcc, v, ctx);
    case "subject":
      return textMatches(c.subject, v);
    case "label":
      return hasLabel(message, v);
    case "in":
      if (v.toLowerCase() === "anywhere" || v.toLowerCase() === "all") return true;
      if (v.toLowerCase() === "chats") return false;
      return hasLabel(message, v);
    case "is": {
      const k = v.toLowerCase();
      if (k === "read") return !message.labels.has("UNREAD");
      if (k === "unstarred") return !message.labels.has("STARRED");
      return hasLabel(message, k);
    }
    case "has": {
      const k = v.toLowerCase();
      if (k === "attachment") return c.attachments.length > 0;
      if (k === "userlabels") return userLabelCount(message) > 0;
      if (k === "nouserlabels") return userLabelCount(message) === 0;
      return false;
    }
    case "filename":
      return c.attachments.some((a) => a.name.toLowerCase() === v.toLowerCase() || textMatches(a.name, v));
    case "list":
      return c.headers.some(([k, hv]) => k.toLowerCase() === "list-id" && hv.toLowerCase().includes(v.toLowerCase()));
    case "rfc822msgid":
      return messageIdKey(c.messageId) === messageIdKey(v);
    case "after":
    case "newer":
    case "before":
    case "older": {
      const at = parseSearchDate(v, ctx.timeZone);
      if (at === undefined) return false;
      return field === "after" || field === "newer" ? message.date.getTime() >= at : message.date.getTime() < at;
    }
    case "newer_than":
    case "older_than": {
      const at = periodStart(v, ctx.now);
      if (at === undefined) return false;
      return field === "newer_than" ? message.date.getTime() > at : message.date.getTime() <= at;
    }
    case "larger":
    case "smaller": {
      const size = Buffer.byteLength(c.raw, "utf8");
      const limit = sizeBytes(v);
      return field === "larger" ? size > limit : size < limit;
    }
    default:
      return textMatches(`${field}:${v}`, v);
  }
}

export function evaluate(node: QueryNode, message: StoredMessage, ctx: SearchContext): boolean {
  switch (node.kind) {
    case "and":
      return node.items.every((n) => evaluate(n, message, ctx));
    case "or":
      return node.items.some((n) => evaluate(n, message, ctx));
    case "not":
      return !evaluate(node.item, message, ctx);
    case "term":
      return termMatches(message, node.field, node.value, ctx);
  }
}

/** Gmail leaves Trash and Spam out of search unless the query asks for them. */
export function mentionsTrashOrSpam(node: QueryNode): boolean {
  switch (node.kind) {
    case "and":
    case "or":
      return node.items.some(mentionsTrashOrSpam);
    case "not":
      return mentionsTrashOrSpam(node.item);
    case "term": {
      if (node.field !== "in" && node.field !== "label" && node.field !== "is") return false;
      const v = node.value.toLowerCase();
      return v === "trash" || v === "spam" || v === "anywhere";
    }
  }
}
