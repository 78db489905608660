/**
 * What the receiving salesperson reads when a colleague leaves (R29): the buyers now theirs by name and
 * company, their open work grouped by what must happen next, the quotation drafts the leaver never sent (left
 * in the leaver's Gmail, which no one can open), and what happens to mail buyers still send to the old address.
 * The texts are domain/handover-text.ts; this gathers the facts from the sheets already read.
 */

import { type HandoverBuyer, sampleState } from "../../domain/handover-text";
import { zonedDateKey } from "../../domain/time";
import type { Buyer, Inquiries, Quotes, Samples } from "../../store/schemas";
import type { Table } from "../../store/table";

export interface HandoverUnitFacts {
  buyer?: Buyer;
  inquiryId?: string;
  country: string;
}

export interface HandoverTables {
  inquiries: Table<typeof Inquiries>;
  quotes: Table<typeof Quotes>;
  samples: Table<typeof Samples>;
  timeZone: string;
}

const OPEN_QUOTE = new Set(["draft", "sent"]);

/** "USD 9979.85": a total already carrying its currency is not prefixed again. */
function totalText(currency: string, total: string): string {
  const t = total.trim();
  if (t === "") return "";
  return /^[A-Z]{3}\b/.test(t) || currency.trim() === "" ? t : `${currency.trim()} ${t}`;
}

/** One handed-over buyer (or buyer-less inquiry) with the open work the receiver takes on. */
export function handoverBuyer(u: HandoverUnitFacts, t: HandoverTables): HandoverBuyer {
  const day = (d: Date | null | undefined) => (d ? zonedDateKey(d, t.timeZone) : "");
  const inquiry = u.inquiryId ? t.inquiries.byId.get(u.inquiryId)?.record : undefined;
  const mine = (buyerId: string, inquiryId?: string) => (u.buyer ? buyerId === u.buyer.id : inquiryId === u.inquiryId);
  return {
    id: u.buyer?.id ?? u.inquiryId ?? "",
    name: u.buyer?.name ?? inquiry?.fromName ?? "",
    company: u.buyer?.company ?? "",
    email: u.buyer?.email ?? inquiry?.fromEmail ?? "",
    country: u.buyer?.country ?? u.country,
    grade: u.buyer?.grade ?? "",
    nextFollowUp: u.buyer?.nextFollowUp ? day(u.buyer.nextFollowUp) : undefined,
    inquiries: t.inquiries.rows
      .map((r) => r.record)
      .filter((i) => i.status === "new" && mine(i.buyerId, i.id))
      .map((i) => ({ subject: i.subject || i.product || i.summary, received: day(i.receivedAt) })),
    quotes: u.buyer
      ? t.quotes.rows
          .map((r) => r.record)
          .filter((q) => OPEN_QUOTE.has(q.status) && mine(q.buyerId))
          .map((q) => ({
            number: q.id,
            date: day(q.date),
            total: totalText(q.currency, q.total),
            status: q.status,
            validUntil: day(q.validUntil),
          }))
      : [],
    samples: u.buyer
      ? t.samples.rows
          .map((r) => r.record)
          .filter((s) => mine(s.buyerId) && s.result.trim() === "")
          .map((s) => ({
            products: s.products,
            requested: day(s.requestDate),
            state: sampleState({ kind: s.kind, sent: s.sent, delivered: s.delivered, result: s.result }),
            sent: s.sent ? day(s.sent) : undefined,
            courier: s.courier || undefined,
            tracking: s.tracking || undefined,
          }))
          .filter((s) => s.state !== "done")
      : [],
  };
}

/** Quotation drafts the leaver saved and never sent: their Gmail drafts, which nobody can send now. */
export function leaverQuoteDrafts(leaver: string, quotes: Table<typeof Quotes>, tz: string) {
  return quotes.rows
    .map((r) => r.record)
    .filter((q) => q.status === "draft" && q.by.trim().toLowerCase() === leaver && q.draftId !== "")
    .map((q) => ({ id: q.id, buyerId: q.buyerId, date: q.date ? zonedDateKey(q.date, tz) : "" }));
}

/**
 * Where the admin forwards mail still sent to the leaver (Settings handover.forwardMailTo): "receiver" is
 * the colleague who takes most of their buyers, "none" nobody (""), else the address typed.
 */
export function forwardTarget(setting: string, buyersByReceiver: ReadonlyMap<string, number>): string {
  const s = setting.trim().toLowerCase();
  if (s === "none" || s === "no" || s === "-") return "";
  if (s.includes("@")) return s;
  let best = "";
  for (const [receiver, n] of [...buyersByReceiver].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    if (n > (buyersByReceiver.get(best) ?? -1)) best = receiver;
  return best;
}
