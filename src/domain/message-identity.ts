/**
 * When two mails are the same message (C2 exactly once). A Message-ID is chosen by the sender, so anyone can
 * reuse one: a copy of a message in a colleague's mailbox (CC) is the same message only when its Message-ID,
 * its sender and its date agree. When the ID agrees but the sender or the date does not, both are messages
 * and the clash is worth a line in the Log (a reused or forged ID must not make mail disappear).
 */

export interface MessageKey {
  /** RFC Message-ID without angle brackets. */
  id: string;
  /** The From address, lower case. */
  from: string;
  at: Date;
}

/**
 * Copies of one message reach each mailbox at slightly different times (Gmail dates a message when it accepts
 * it); a sender reusing a Message-ID for another mail is far further apart, or from another address.
 */
export const SAME_MESSAGE_TOLERANCE_MS = 10 * 60_000;

export function normalizeMessageKeyId(id: string | undefined | null): string {
  return String(id ?? "")
    .replace(/[<>\s]/g, "")
    .slice(0, 500);
}

function validDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** The same message: Message-ID, sender and date agree (a key without a sender is compared on ID and date). */
export function sameMessage(a: MessageKey, b: MessageKey): boolean {
  if (!a.id || normalizeMessageKeyId(a.id) !== normalizeMessageKeyId(b.id)) return false;
  if (a.from && b.from && a.from.toLowerCase() !== b.from.toLowerCase()) return false;
  if (!validDate(a.at) || !validDate(b.at)) return false;
  return Math.abs(a.at.getTime() - b.at.getTime()) <= SAME_MESSAGE_TOLERANCE_MS;
}

/**
 * The messages of a conversation as one cell a person can read: one line per message,
 * "<Message-ID> sender 2026-11-23T04:00Z". Capped: the oldest lines go first (their copies are long read).
 */
export function formatMessageLog(keys: readonly MessageKey[], maxChars = 20_000): string {
  const lines = keys
    .filter((k) => k.id && validDate(k.at))
    .map((k) => `<${normalizeMessageKeyId(k.id)}> ${k.from || "-"} ${k.at.toISOString().slice(0, 16)}Z`);
  let text = lines.join("\n");
  while (text.length > maxChars && lines.length > 1) {
    lines.shift();
    text = lines.join("\n");
  }
  return text;
}

const LOG_LINE = /^<([^<>\s]+)>\s+(\S+)\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)\s*$/;

/** Reads a message log back; lines a person changed into something else are left out. */
export function parseMessageLog(text: string | undefined | null): MessageKey[] {
  const out: MessageKey[] = [];
  for (const line of String(text ?? "").split(/\r?\n/)) {
    const m = LOG_LINE.exec(line.trim());
    if (!m) continue;
    const at = new Date(m[3].length === 17 ? `${m[3].slice(0, 16)}:00Z` : m[3]);
    if (validDate(at)) out.push({ id: m[1], from: m[2] === "-" ? "" : m[2].toLowerCase(), at });
  }
  return out;
}

export type Recognition<T> =
  /** The same message as one already known, filed under `owner`. */
  | { kind: "same"; owner: T }
  /** The Message-ID is known but the sender or the date differ: another message reusing the ID. */
  | { kind: "clash"; owners: T[]; known: MessageKey[] }
  | { kind: "new" };

/** Messages already filed (under an inquiry row, say), found by Message-ID and compared by sender and date. */
export class MessageRegistry<T> {
  private readonly byId = new Map<string, { key: MessageKey; owner: T }[]>();

  add(key: MessageKey, owner: T): void {
    const id = normalizeMessageKeyId(key.id);
    if (!id) return;
    const list = this.byId.get(id);
    if (!list) this.byId.set(id, [{ key: { ...key, id }, owner }]);
    else if (!list.some((e) => e.owner === owner && sameMessage(e.key, key))) list.push({ key: { ...key, id }, owner });
  }

  /** Whatever was filed under this Message-ID (a reply's In-Reply-To names the message it answers). */
  ownersOf(id: string): T[] {
    return (this.byId.get(normalizeMessageKeyId(id)) ?? []).map((e) => e.owner);
  }

  recognise(key: MessageKey): Recognition<T> {
    const list = this.byId.get(normalizeMessageKeyId(key.id));
    if (!list || list.length === 0) return { kind: "new" };
    const same = list.find((e) => sameMessage(e.key, key));
    if (same) return { kind: "same", owner: same.owner };
    return { kind: "clash", owners: list.map((e) => e.owner), known: list.map((e) => e.key) };
  }
}
