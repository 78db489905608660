/**
 * What counts as contact with a buyer (R23: contact every buyer at least once every half month; R20 cadence by
 * grade). Personal contact is one person's work with this buyer: our mail in a conversation with them, a quote
 * or sample sent, a logged call, visit or meeting. A bulk campaign (R11, R12, R24) reaches the buyer too, but it
 * is only ever the buyer's "last campaign", never their last contact: a book kept "in touch" by newsletters alone
 * is exactly what R23 is there to prevent.
 */
import { type CadenceSettings, nextFollowUp } from "./cadence";
import { isGrade } from "./grades";
import { dateKeyToInstant } from "./time";

export type ContactEventKind =
  /** Our mail to the buyer; `inConversation` when it belongs to a conversation with them. */
  | "our-mail"
  /** A mail the buyer sent us (their contact, not ours). */
  | "buyer-mail"
  | "quote-sent"
  | "sample-sent"
  | "call"
  | "visit"
  | "meeting"
  | "trade-show"
  | "fax-sent"
  | "letter-sent"
  | "campaign"
  | "note"
  | "grade"
  | "handover";

export interface ContactEvent {
  kind: ContactEventKind;
  at: Date;
  /** Our mail: part of a conversation with the buyer (an answer, a follow-up in the thread). */
  inConversation?: boolean;
  /** Our mail: sent to many buyers at once (a campaign, whatever it was logged as). */
  bulk?: boolean;
}

export type ContactClass = "personal" | "campaign" | "none";

const PERSONAL: ReadonlySet<ContactEventKind> = new Set([
  "quote-sent",
  "sample-sent",
  "call",
  "visit",
  "meeting",
  "trade-show",
  "fax-sent",
  "letter-sent",
]);

/** Classifies one event, with the reason a person reads. */
export function classifyContact(event: ContactEvent): { class: ContactClass; why: string } {
  const kind = event?.kind;
  if (kind === "campaign" || (kind === "our-mail" && event.bulk))
    return { class: "campaign", why: "bulk mail: counts as the last campaign, not as contact" };
  if (kind === "our-mail")
    return event.inConversation
      ? { class: "personal", why: "our mail in a conversation with the buyer" }
      : { class: "personal", why: "our mail to this buyer alone" };
  if (kind && PERSONAL.has(kind)) return { class: "personal", why: `${kind.replace(/-/g, " ")}: personal contact` };
  if (kind === "buyer-mail") return { class: "none", why: "the buyer wrote to us: their contact, not ours" };
  return { class: "none", why: `${kind ?? "unknown event"}: not contact with the buyer` };
}

/** The buyer's last personal contact and last campaign from their events (any order). */
export function lastContacts(events: readonly ContactEvent[]): { lastContact?: Date; lastCampaign?: Date } {
  let lastContact: Date | undefined;
  let lastCampaign: Date | undefined;
  for (const event of events ?? []) {
    if (!(event?.at instanceof Date) || Number.isNaN(event.at.getTime())) continue;
    const c = classifyContact(event).class;
    if (c === "personal" && (!lastContact || event.at > lastContact)) lastContact = event.at;
    if (c === "campaign" && (!lastCampaign || event.at > lastCampaign)) lastCampaign = event.at;
  }
  return { lastContact, lastCampaign };
}

/**
 * A Follow-ups row as a contact event: its kind (follow-up, grade, handover, campaign, sample, quote, note,
 * request) and channel (email, phone, fax, post, visit, trade-show, platform).
 */
export function followUpEvent(row: { kind: string; channel: string; at: Date }): ContactEvent {
  const byKind: Record<string, ContactEventKind> = {
    campaign: "campaign",
    sample: "sample-sent",
    quote: "quote-sent",
    grade: "grade",
    handover: "handover",
    note: "note",
    request: "note",
  };
  const byChannel: Record<string, ContactEventKind> = {
    email: "our-mail",
    platform: "our-mail",
    phone: "call",
    fax: "fax-sent",
    post: "letter-sent",
    visit: "visit",
    "trade-show": "trade-show",
  };
  const kind = byKind[row.kind] ?? (row.kind === "follow-up" ? byChannel[row.channel] : undefined) ?? "note";
  return { kind, at: row.at, inConversation: kind === "our-mail" };
}

/**
 * What one event changes on the buyer's row, the same for every feature (the pull, a sent quote, a sample, a
 * logged call, a campaign): personal contact moves Last contact and the next follow-up by the grade's cadence
 * (R20, R23); a campaign moves only Last campaign; anything else, or an event older than what the row holds,
 * changes nothing.
 */
export function contactChanges(
  buyer: { lastContact?: Date | null; lastCampaign?: Date | null; grade?: string },
  event: ContactEvent,
  cadence: { days: CadenceSettings; timeZone: string },
): { lastContact: Date; nextFollowUp: Date; daysOverdue: number } | { lastCampaign: Date } | undefined {
  if (!(event?.at instanceof Date) || Number.isNaN(event.at.getTime())) return undefined;
  const kind = classifyContact(event).class;
  if (kind === "campaign") {
    if (buyer.lastCampaign && buyer.lastCampaign.getTime() >= event.at.getTime()) return undefined;
    return { lastCampaign: event.at };
  }
  if (kind !== "personal") return undefined;
  if (buyer.lastContact && buyer.lastContact.getTime() >= event.at.getTime()) return undefined;
  const grade = isGrade(buyer.grade) ? buyer.grade : undefined;
  const due = nextFollowUp(event.at, grade, cadence.days, cadence.timeZone);
  return { lastContact: event.at, nextFollowUp: dateKeyToInstant(due, cadence.timeZone), daysOverdue: 0 };
}
