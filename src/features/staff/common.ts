/** Small pieces the staff jobs share: mail sent exactly once, the team list, who is who. */

import { sameAddress } from "../../domain/access";
import { anyThreadMatches, sendPlainMail } from "../../gas/mail";
import { readDocJson, writeDocJson } from "../../gas/properties";
import type { StaffMember } from "../../store/schemas";
import type { TeamLine } from "./texts";

/**
 * Whether the acting user already sent `to` a mail whose subject carries `marker`, since `since`. Looking in
 * Sent (rather than keeping a note after sending) makes a mail exactly-once even when the run breaks right
 * after the send: the rerun finds it and does not send it twice.
 */
export function alreadySent(to: string, marker: string, since: Date): boolean {
  const after = Math.floor(since.getTime() / 1000);
  const query = `in:sent to:${to} subject:"${marker.replace(/"/g, "")}" after:${after}`;
  return anyThreadMatches(query);
}

/**
 * Mail sent at most once, remembered in two places: a document property (cheap to read, survives a local
 * session) and, for the moment between a send and writing that property, the Sent folder (alreadySent).
 * `stamp` names the occasion (a join or a leave date): a new occasion mails again.
 */
export class MailedOnce {
  private readonly done: Set<string>;
  private changed = false;

  constructor(
    private readonly key: string,
    private readonly stamp: string,
  ) {
    const saved = readDocJson<{ stamp: string; to: string[] }>(key, { stamp: "", to: [] });
    this.done = new Set(saved.stamp === stamp ? saved.to : []);
  }

  /** Sends unless already sent to `to` for this occasion; true when it sent now. */
  send(to: string, marker: string, since: Date, mail: () => { subject: string; body: string }): boolean {
    if (this.done.has(to)) return false;
    this.done.add(to);
    this.changed = true;
    if (alreadySent(to, marker, since)) return false;
    const { subject, body } = mail();
    sendPlainMail({ to, subject, body });
    return true;
  }

  /** Writes what was sent (once, after all sends). */
  save(): void {
    if (this.changed) writeDocJson(this.key, { stamp: this.stamp, to: [...this.done].sort() });
  }
}

/** Everyone still on the team (not frozen), for "who is who" (R30). */
export function team(staff: readonly StaffMember[]): TeamLine[] {
  return staff
    .filter((s) => s.email !== "" && s.status !== "frozen")
    .map((s) => ({ name: s.name, email: s.email.toLowerCase(), role: s.role, regions: s.regions }));
}

export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return sameAddress(a, b);
}

export interface Actor {
  email: string;
  role: string;
}
