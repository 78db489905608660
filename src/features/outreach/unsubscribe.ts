/**
 * "Unsubscribe" replies (R23 suppression): the buyer is marked and never gets campaign mail again. Meant to
 * be called by mail intake: for each incoming message, `isUnsubscribeRequest(subject, body)` (domain/campaign)
 * and, for those that are, `applyUnsubscribes` with the intake's own Buyers table and writer (no extra read),
 * or `markUnsubscribed` when no table is at hand.
 */

import { readConfig } from "../../app/config";
import { isUnsubscribeRequest } from "../../domain/campaign";
import { normalizeEmail } from "../../domain/matching";
import { zonedDateKey } from "../../domain/time";
import { loadTable } from "../../store/load-table";
import { Buyers, Settings } from "../../store/schemas";
import { type Table, TableWriter } from "../../store/table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ReplyFacts {
  fromAddress: string;
  subject: string;
  body: string;
}

export { isUnsubscribeRequest };

/**
 * Marks every buyer row with one of these addresses (main or other e-mails) unsubscribed, noting when.
 * Rows already do-not-contact or bounced keep that stronger status. Returns the buyer IDs changed.
 */
export function applyUnsubscribes(
  buyers: Table<typeof Buyers>,
  writer: TableWriter<typeof Buyers>,
  addresses: readonly string[],
  now: Date,
  timeZone: string,
): string[] {
  const wanted = new Set(addresses.map(normalizeEmail).filter((a) => a !== ""));
  if (wanted.size === 0) return [];
  const changed: string[] = [];
  const day = zonedDateKey(now, timeZone);
  for (const { record } of buyers.rows) {
    const all = [record.email, ...record.otherEmails.split(/[,;\s]+/)].map(normalizeEmail);
    if (!all.some((a) => wanted.has(a))) continue;
    if (record.status === "unsubscribed" || record.status === "do-not-contact" || record.status === "bounced") continue;
    const note = `Unsubscribed by reply ${day}`;
    writer.update(record.id, {
      status: "unsubscribed",
      notes: record.notes ? `${record.notes}\n${note}` : note,
    });
    changed.push(record.id);
  }
  return changed;
}

/** The addresses among these replies that ask to stop campaign mail. */
export function unsubscribeAddresses(replies: readonly ReplyFacts[]): string[] {
  return replies.filter((r) => isUnsubscribeRequest(r.subject, r.body)).map((r) => normalizeEmail(r.fromAddress));
}

/** Standalone form (own read and write of Buyers); call holding the document lock. */
export function markUnsubscribed(book: Book, replies: readonly ReplyFacts[], now: Date): string[] {
  const addresses = unsubscribeAddresses(replies);
  if (addresses.length === 0) return [];
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const buyers = loadTable(book, Buyers, config.timeZone);
  const writer = new TableWriter(buyers);
  const changed = applyUnsubscribes(buyers, writer, addresses, now, config.timeZone);
  writer.commit();
  return changed;
}
