/**
 * Saving and restoring the mail a project made in an emulated world: drafts, sent mail and mail delivered
 * between the world's mailboxes, each as its raw RFC 822 source with its Gmail ids, thread id and labels.
 * Mail loaded from a mail folder (loadMailDir) is not copied, only its labels are: the .eml files are
 * loaded again next run and get the same ids (they are seeded by address and Message-ID).
 *
 * Order when opening a saved world: `restoreComposedMail`, then `loadMailDir`, then `restoreMailLabels`.
 * Composed mail goes first so that a reply dropped into the mail folder threads onto the sent message.
 */
import { parseRawMail } from "../gmail/content";
import type { StoredMessage } from "../gmail/model";
import type { MailWorld } from "../gmail/world";

export interface SavedMessage {
  id: string;
  threadId: string;
  labels: string[];
  /** Gmail's internal date, ISO-8601. */
  date: string;
  draftId?: string;
  /** The RFC 822 source (what getRawContent returns). */
  raw: string;
}

export interface SavedMailbox {
  /** User label names (GmailApp.createLabel), including labels no message carries. */
  labels: string[];
  /** Mail the emulator composed or received, not loaded from a file. */
  messages: SavedMessage[];
  /** Labels of messages loaded from files, by RFC Message-ID. */
  fileLabels: Record<string, string[]>;
}

export interface SavedMail {
  counters: { messages: number; drafts: number };
  mailboxes: Record<string, SavedMailbox>;
}

function saveMessage(m: StoredMessage): SavedMessage {
  const saved: SavedMessage = {
    id: m.id,
    threadId: m.threadId,
    labels: [...m.labels],
    date: m.date.toISOString(),
    raw: m.content.raw,
  };
  if (m.draftId !== undefined) saved.draftId = m.draftId;
  return saved;
}

export function saveMail(world: MailWorld): SavedMail {
  const mailboxes: Record<string, SavedMailbox> = {};
  for (const address of world.users()) {
    const box = world.mailbox(address);
    const saved: SavedMailbox = { labels: [...box.userLabels.values()], messages: [], fileLabels: {} };
    for (const thread of box.sortedThreads()) {
      for (const m of thread.messages) {
        if (!m.loadedFrom) saved.messages.push(saveMessage(m));
        else if (m.content.messageId) saved.fileLabels[m.content.messageId] = [...m.labels];
      }
    }
    mailboxes[address] = saved;
  }
  return { counters: world.idCounters(), mailboxes };
}

/** Puts composed mail back with its ids (async: the raw source is parsed again). */
export async function restoreComposedMail(world: MailWorld, saved: SavedMail): Promise<void> {
  for (const [address, box] of Object.entries(saved.mailboxes)) {
    const mailbox = world.mailbox(address);
    for (const m of box.messages) {
      const content = await parseRawMail(m.raw, `<${m.id}@mail.emulated>`);
      mailbox.restore({
        id: m.id,
        threadId: m.threadId,
        content,
        labels: new Set(m.labels),
        date: new Date(m.date),
        draftId: m.draftId,
      });
    }
  }
}

/** Labels of file-loaded mail, the user label list, and the id counters (after the mail folder is loaded). */
export function restoreMailLabels(world: MailWorld, saved: SavedMail): void {
  for (const [address, box] of Object.entries(saved.mailboxes)) {
    const mailbox = world.mailbox(address);
    for (const name of box.labels) mailbox.userLabels.set(name.toLowerCase(), name);
    for (const [rfc, labels] of Object.entries(box.fileLabels)) {
      const m = mailbox.findByRfcId(rfc);
      if (m) m.labels = new Set(labels);
    }
  }
  world.reserveIds(saved.counters);
}
