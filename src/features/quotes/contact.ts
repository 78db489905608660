/**
 * A sent quote or sample is personal contact with the buyer (R20, R23): their Last contact and next follow-up move,
 * by the one rule every feature uses (domain/contact.ts).
 */
import type { Config } from "../../app/config";
import { type ContactEvent, contactChanges } from "../../domain/contact";
import { loadTable } from "../../store/load-table";
import { Buyers } from "../../store/schemas";
import { TableWriter } from "../../store/table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function recordContact(book: Book, buyerId: string, event: ContactEvent, config: Config): void {
  if (!buyerId) return;
  const buyers = loadTable(book, Buyers, config.timeZone);
  const buyer = buyers.byId.get(buyerId)?.record;
  if (!buyer) return;
  const changes = contactChanges(buyer, event, { days: config.cadenceDays, timeZone: config.timeZone });
  if (!changes) return;
  const writer = new TableWriter(buyers);
  writer.update(buyerId, changes);
  writer.commit();
}
