/**
 * Quotes (R2, R3, R8, R9, R30, R31): build a plain-text quotation for a buyer (quote-pricing.ts), save it as
 * Q-yyyy-nnnn with a Gmail draft addressed to the buyer in the inquiry's thread (a person reviews and sends
 * it), and mark it sent, which answers the inquiry (R8). Each function reads each sheet once; saving must
 * run under the document lock.
 */

import { readConfig } from "../../app/config";
import { namedPlace } from "../../domain/pricing";
import { itemsCell } from "../../domain/quote";
import { answerChanges } from "../../domain/reply-speed";
import { addZonedDays, startOfZonedDay, zonedParts } from "../../domain/time";
import { allocateIds, IdCounter, quoteSeries } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import { Inquiries, type Quote, Quotes, Settings } from "../../store/schemas";
import { emptyRecord, TableWriter } from "../../store/table";
import { recordContact } from "./contact";
import { draftForBuyer, type Sender } from "./letter-context";
import {
  prepareQuote,
  type QuoteChecks,
  QuoteError,
  type QuoteInput,
  type QuotePreview,
  renderPrepared,
} from "./quote-pricing";

export { type QuoteChecks, QuoteError, type QuoteInput, type QuotePreview, type Sender };

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SavedQuote extends QuotePreview {
  quoteId: string;
  draftId: string;
  threadId: string;
  /** Who the draft is addressed to (the buyer). */
  draftTo: string;
}

function quoteYear(now: Date, tz: string): number {
  return zonedParts(now, tz).year;
}

/** The quote as it would be saved now, with a provisional number; writes nothing (the builder's preview). */
export function buildQuote(
  book: Book,
  input: QuoteInput,
  sender: Sender,
  now: Date,
  checks: QuoteChecks = {},
): QuotePreview {
  const p = prepareQuote(book, input, sender, now, checks);
  const year = quoteYear(now, p.config.timeZone);
  const quotes = loadTable(book, Quotes, p.config.timeZone);
  return renderPrepared(p, IdCounter.open(quoteSeries(year), quotes.byId.keys()).peek(), now, quotes);
}

/**
 * Saves the quote (R8): the next Q-yyyy-nnnn (never reused: the last number is kept in document properties),
 * a Gmail draft to the buyer in the inquiry's thread (else a new draft to the buyer) with the quote and
 * catalogue link, the Quotes row as draft, and a Log line. The caller holds the document lock.
 */
export function saveQuote(
  book: Book,
  input: QuoteInput,
  sender: Sender,
  now: Date,
  checks: QuoteChecks = {},
): SavedQuote {
  const p = prepareQuote(book, input, sender, now, checks);
  const tz = p.config.timeZone;
  const year = quoteYear(now, tz);
  const quotes = loadTable(book, Quotes, tz);
  // Rendered (and refused, if a template is broken) before the number is taken; under the lock the number
  // taken is the one peeked.
  const peeked = IdCounter.open(quoteSeries(year), quotes.byId.keys()).peek();
  let preview = renderPrepared(p, peeked, now, quotes);
  // Taken before anything else is written: a failure below must not hand this number out again.
  const [number] = allocateIds(quoteSeries(year), quotes.byId.keys(), 1);
  if (number !== peeked) preview = renderPrepared(p, number, now, quotes);

  const draft = draftForBuyer(p.buyer, p.inquiry, { subject: preview.subject, body: preview.text }, p.readerLang);
  preview.warnings.push(...draft.warnings);
  const { draftId, threadId } = draft;

  const writer = new TableWriter(quotes);
  const record: Quote = {
    ...emptyRecord(Quotes),
    id: number,
    date: now,
    buyerId: p.buyer.id,
    inquiryId: p.inquiry?.id ?? "",
    by: sender.email.toLowerCase(),
    tier: p.quote.tier,
    currency: p.quote.currency,
    incoterm: p.quote.incoterm,
    // The place the term names (the port of loading for FOB, the destination for CIF…), as the quote says.
    port: namedPlace(p.quote.incoterm, p.quote.loadingPort, p.quote.destination),
    payment: p.payment,
    items: itemsCell(p.quote.lines),
    // The total of the term it covers: "6250.00", or "6250.00 FOB" when freight to a CIF place is on request.
    total: preview.complete || preview.total === "" ? preview.total : `${preview.total} ${preview.totalTerm}`,
    status: "draft",
    validUntil: startOfZonedDay(addZonedDays(now, p.validityDays, tz), tz),
    draftId,
  };
  writer.append(record);
  const report = writer.commit();
  for (const u of report.unwritten) preview.warnings.push(`Quotes ${u.id}: ${u.reason}`);
  appendLog(book, {
    at: now,
    user: sender.email,
    action: "quote.save",
    target: number,
    detail: `${p.buyer.id} ${p.quote.tier} ${preview.totalText}`,
  });
  return { ...preview, quoteId: number, draftId, threadId, draftTo: draft.to };
}

export interface QuoteSentResult {
  quoteId: string;
  status: "sent";
  inquiryId: string;
  inquiryAnswered: boolean;
}

/**
 * The quote went out (R8): status sent, and its inquiry answered now unless a reply was already recorded
 * (the pull job records our reply in the thread too; whichever comes first counts). Caller holds the lock.
 */
export function markQuoteSent(
  book: Book,
  quoteId: string,
  user: string,
  now: Date,
  checks: { onQuote?: (quote: Quote) => void } = {},
): QuoteSentResult {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const quotes = loadTable(book, Quotes, tz);
  const quote = quotes.byId.get(quoteId)?.record;
  if (!quote) throw new QuoteError("not-found", `quote ${quoteId} is not in the Quotes sheet`);
  checks.onQuote?.(quote);
  const writer = new TableWriter(quotes);
  const firstSent = quote.status !== "sent";
  if (firstSent) writer.update(quoteId, { status: "sent" });
  let inquiryAnswered = false;
  if (quote.inquiryId) {
    const inquiries = loadTable(book, Inquiries, tz);
    const inquiry = inquiries.byId.get(quote.inquiryId)?.record;
    // An inquiry awaiting our reply (also one the buyer reopened by writing again) is answered by the quote.
    if (inquiry && inquiry.status === "new") {
      const w = new TableWriter(inquiries);
      w.update(inquiry.id, answerChanges(inquiry, now, config.calendar));
      w.commit();
      inquiryAnswered = true;
    }
  }
  if (writer.pending > 0) writer.commit();
  if (firstSent) recordContact(book, quote.buyerId, { kind: "quote-sent", at: now }, config);
  appendLog(book, {
    at: now,
    user,
    action: "quote.sent",
    target: quoteId,
    detail: quote.inquiryId ? `inquiry ${quote.inquiryId} answered` : "",
  });
  return { quoteId, status: "sent", inquiryId: quote.inquiryId, inquiryAnswered };
}

/**
 * Draft and sent quotes whose validity date has passed (in the company zone) become expired, so the desk and
 * the weekly report never count a stale price as open. Accepted and rejected quotes stay as they are.
 * One read and one batched write; the caller holds the document lock.
 */
export function expireQuotes(book: Book, now: Date): { expired: string[] } {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const today = startOfZonedDay(now, config.timeZone).getTime();
  const quotes = loadTable(book, Quotes, config.timeZone);
  const writer = new TableWriter(quotes);
  const expired: string[] = [];
  for (const { record: q, bad } of quotes.rows) {
    if (bad.has("validUntil") || !q.validUntil || q.id === "") continue;
    if ((q.status === "draft" || q.status === "sent") && q.validUntil.getTime() < today) {
      writer.update(q.id, { status: "expired" });
      expired.push(q.id);
    }
  }
  if (writer.pending > 0) writer.commit();
  return { expired };
}
