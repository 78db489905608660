/**
 * Mailboxes on disk: `dir/<address>/*.eml`, one folder per user. A file in a user's folder is IN that
 * user's mailbox (sent when it is from the user or an alias, else inbox), and nowhere else.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseRawMail } from "./content";
import type { StoredMessage } from "./model";
import type { MailWorld } from "./world";

export interface LoadReport {
  /** Messages stored per mailbox address. */
  loaded: Record<string, number>;
  files: number;
}

/** Loads every user folder under `dir`. Messages are stored oldest first, so replies thread whatever the file names. */
export async function loadMailDir(world: MailWorld, dir: string): Promise<LoadReport> {
  const report: LoadReport = { loaded: {}, files: 0 };
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const address = entry.name.toLowerCase();
    const userDir = path.join(dir, entry.name);
    const files = (await fs.readdir(userDir)).filter((f) => f.toLowerCase().endsWith(".eml")).sort();
    const parsed = [];
    for (const file of files) {
      const raw = await fs.readFile(path.join(userDir, file));
      // A file without a Message-ID gets one from its name, so it is the same message in every run.
      const content = await parseRawMail(raw, `<${path.parse(file).name}@mail.emulated>`);
      parsed.push({ content, file: path.join(userDir, file) });
    }
    report.files += files.length;
    const box = world.mailbox(address);
    const arrival = world.now();
    const dateOf = (c: { date?: Date }) => (c.date ?? arrival).getTime();
    parsed.sort((a, b) => dateOf(a.content) - dateOf(b.content));
    for (const { content, file } of parsed) {
      const stored = box.import(content, arrival, content.messageId);
      if (!stored.loadedFrom) stored.loadedFrom = file;
    }
    report.loaded[address] = parsed.length;
  }
  return report;
}

/**
 * The .eml source of a message (drafts and sent mail composed by the emulator included). Takes the
 * stored message or a GmailMessage handed out by the emulated GmailApp (read without metering).
 */
export function saveEml(message: StoredMessage | GoogleAppsScript.Gmail.GmailMessage): string {
  const stored = "content" in message ? message : (message as unknown as { stored?: StoredMessage }).stored;
  if (!stored) throw new Error("saveEml: not a message of the emulated mail world");
  return stored.content.raw;
}

/** Writes a mailbox's messages as `<gmail id>.eml` files into `dir/<address>/` (optionally only some). */
export async function writeMailDir(
  world: MailWorld,
  dir: string,
  address: string,
  filter: (m: StoredMessage) => boolean = () => true,
): Promise<string[]> {
  const box = world.mailbox(address);
  const userDir = path.join(dir, box.address);
  await fs.mkdir(userDir, { recursive: true });
  const written: string[] = [];
  for (const m of box.messages.values()) {
    if (!filter(m)) continue;
    const file = path.join(userDir, `${m.id}.eml`);
    await fs.writeFile(file, saveEml(m), "utf8");
    written.push(file);
  }
  return written;
}
