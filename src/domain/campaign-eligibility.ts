/**
 * Who may get a campaign mail, from whom, greeted how (R11, R12, R16, R23, R24), and whether its picture
 * links open for a buyer. Pure: the job hands in the segment's buyers, their open work, an address resolver
 * and the staff list.
 *
 * - Never to a buyer who waits for us: an unanswered inquiry (at any age: a newsletter is no answer, R7) or an
 *   open quote dated within the last N days (Settings campaign.quietDays) — the salesperson writes to them.
 * - One copy per person: buyers resolving to the same buyer ID, or with the same normalised address
 *   (case, "mailto:", "+tags", Gmail dots), get one mail, the first in sheet order.
 * - Sender and signature are the same person: the buyer's owner (or one named sender for the whole campaign);
 *   an owner who is not an active colleague gives way to the named sender, never a mix of the two.
 * - The greeting uses the buyer's name only when it is one (greeting.ts); otherwise the neutral greeting.
 * - Fax-to-mail gateway addresses get no campaign mail (it would print as a fax, or bounce).
 */
import { type BuyerLang, chooseLanguage } from "./buyer-language";
import { greetingLine, greetingName, isFaxGateway, type NameVerdict } from "./greeting";
import { normalizeEmail } from "./matching";

export interface CampaignCandidate {
  buyerId: string;
  email: string;
  name: string;
  /** The buyer's owner (Staff e-mail). */
  owner: string;
  /** What the buyer writes in (latest inquiry's language) or a language set on the buyer. */
  language?: string;
}

export interface OpenInquiry {
  buyerId?: string;
  fromEmail?: string;
  receivedAt: Date;
  answered: boolean;
}

export interface OpenQuote {
  buyerId: string;
  date: Date;
  /** Quotes sheet status: draft and sent are open; accepted, rejected and expired are not. */
  status: string;
}

export interface StaffSender {
  email: string;
  name: string;
  active: boolean;
}

export interface EligibilityPolicy {
  now: Date;
  /** Settings campaign.quietDays: an open quote this recent keeps the buyer out of campaigns. */
  quietDays: number;
  /** The buyer an address belongs to (the Buyers index), or undefined. */
  resolve: (address: string) => string | undefined;
  /** "owner": each buyer's owner sends and signs; "named": one person sends and signs every mail. */
  senderMode: "owner" | "named";
  /** The named sender; with "owner", the one who takes over buyers whose owner cannot send. */
  namedSender?: string;
  staff: readonly StaffSender[];
}

export type ExclusionReason =
  | "unanswered-inquiry"
  | "open-quote"
  | "duplicate"
  | "fax-gateway"
  | "no-address"
  | "no-sender";

export interface Recipient {
  buyerId: string;
  /** The address to send to, as the buyer wrote it (trimmed). */
  email: string;
  lang: BuyerLang;
  /** The mailbox that sends and the name that signs: always the same person. */
  sender: { email: string; name: string };
  greeting: string;
  /** Why the buyer's name was not used, when it was not (for the preview). */
  nameIssue?: Exclude<NameVerdict, { usable: true }>["reason"];
}

export interface Excluded {
  buyerId: string;
  email: string;
  reason: ExclusionReason;
  /** For a duplicate, the buyer who gets the one copy. */
  sameAs?: string;
}

const DAY_MS = 86_400_000;
const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/** One person's address however it was typed: lower case, no "+tag", no dots in a Gmail local part. */
export function canonicalAddress(address: string): string {
  const email = normalizeEmail(address);
  if (email === "") return "";
  const [local, domain] = email.split("@");
  let l = local.replace(/\+.*$/, "");
  if (GMAIL.has(domain)) l = l.replace(/\./g, "");
  return `${l}@${domain === "googlemail.com" ? "gmail.com" : domain}`;
}

/** The buyer behind an address, trying it as typed, lower-cased, without its +tag, and canonical. */
function resolveAny(address: string, policy: EligibilityPolicy): string | undefined {
  const normal = normalizeEmail(address);
  const forms = [address.trim(), normal, normal.replace(/\+[^@]*@/, "@"), canonicalAddress(address)];
  for (const form of forms) {
    const id = form ? policy.resolve(form) : undefined;
    if (id) return id;
  }
  return undefined;
}

function waitingForUs(
  ids: ReadonlySet<string>,
  inquiries: readonly OpenInquiry[],
  quotes: readonly OpenQuote[],
  policy: EligibilityPolicy,
): ExclusionReason | undefined {
  const mine = (buyerId: string | undefined, from: string | undefined) => {
    if (buyerId && ids.has(buyerId)) return true;
    if (!from) return false;
    const resolved = resolveAny(from, policy);
    return (!!resolved && ids.has(resolved)) || ids.has(`addr:${canonicalAddress(from)}`);
  };
  if (inquiries.some((i) => !i.answered && mine(i.buyerId, i.fromEmail))) return "unanswered-inquiry";
  const since = policy.now.getTime() - policy.quietDays * DAY_MS;
  if (
    quotes.some(
      (q) => (q.status === "draft" || q.status === "sent") && q.date.getTime() >= since && mine(q.buyerId, undefined),
    )
  )
    return "open-quote";
  return undefined;
}

function senderFor(c: CampaignCandidate, policy: EligibilityPolicy): { email: string; name: string } | undefined {
  const active = (email: string | undefined) => {
    const e = (email ?? "").trim().toLowerCase();
    return policy.staff.find((s) => s.email.trim().toLowerCase() === e && s.active);
  };
  const person =
    policy.senderMode === "owner" ? (active(c.owner) ?? active(policy.namedSender)) : active(policy.namedSender);
  return person
    ? { email: person.email.trim().toLowerCase(), name: person.name.trim() || person.email.trim() }
    : undefined;
}

/** The campaign's recipients, in sheet order, and everyone left out with the reason. */
export function campaignAudience(
  candidates: readonly CampaignCandidate[],
  open: { inquiries: readonly OpenInquiry[]; quotes: readonly OpenQuote[] },
  policy: EligibilityPolicy,
): { recipients: Recipient[]; excluded: Excluded[] } {
  const recipients: Recipient[] = [];
  const excluded: Excluded[] = [];
  const owner = new Map<string, string>();
  for (const c of candidates) {
    const email = c.email.trim();
    const address = canonicalAddress(email);
    const out = (reason: ExclusionReason, sameAs?: string) =>
      excluded.push({ buyerId: c.buyerId, email, reason, ...(sameAs ? { sameAs } : {}) });
    if (address === "") {
      out("no-address");
      continue;
    }
    if (isFaxGateway(address)) {
      out("fax-gateway");
      continue;
    }
    const resolved = resolveAny(email, policy);
    const keys = [`id:${c.buyerId}`, `addr:${address}`, ...(resolved ? [`id:${resolved}`] : [])];
    const first = keys.map((k) => owner.get(k)).find((v) => v !== undefined);
    for (const k of keys) if (!owner.has(k)) owner.set(k, first ?? c.buyerId);
    if (first !== undefined) {
      out("duplicate", first);
      continue;
    }
    const ids = new Set([c.buyerId, ...(resolved ? [resolved] : []), `addr:${address}`]);
    const waiting = waitingForUs(ids, open.inquiries, open.quotes, policy);
    if (waiting) {
      out(waiting);
      continue;
    }
    const sender = senderFor(c, policy);
    if (!sender) {
      out("no-sender");
      continue;
    }
    const lang = chooseLanguage({ writes: c.language });
    const verdict = greetingName(c.name, email);
    recipients.push({
      buyerId: c.buyerId,
      email,
      lang,
      sender,
      greeting: greetingLine(lang, verdict.usable ? verdict.name : ""),
      ...(verdict.usable ? {} : { nameIssue: verdict.reason }),
    });
  }
  return { recipients, excluded };
}

// ---------------------------------------------------------------- picture links

/** A Google Drive or Docs link found in campaign text, a catalogue link or a Products picture cell. */
export interface DriveLink {
  url: string;
  fileId: string;
}

/**
 * What Drive says about a file (DriveApp.getFileById(id).getSharingAccess() and getSharingPermission()), or
 * null when the file cannot be opened (deleted, or not shared with the sender either).
 */
export interface DriveSharing {
  access: "ANYONE" | "ANYONE_WITH_LINK" | "DOMAIN" | "DOMAIN_WITH_LINK" | "PRIVATE" | string;
  permission: "VIEW" | "COMMENT" | "EDIT" | "OWNER" | "ORGANIZER" | "FILE_ORGANIZER" | "NONE" | string;
}

export type LinkProblem = "not-shared" | "not-found" | "editable-by-anyone";

const DRIVE_URL = /https?:\/\/(?:drive|docs)\.google\.com\/[^\s<>"')\]]+/gi;

/** The Drive links in a text, one per file, with the file (or folder) ID. */
export function driveLinks(text: string): DriveLink[] {
  const links: DriveLink[] = [];
  for (const m of String(text ?? "").matchAll(DRIVE_URL)) {
    const url = m[0].replace(/[.,;:]+$/, "");
    const id =
      /\/(?:file|document|spreadsheets|presentation|drawings|forms)\/d\/([\w-]{10,})/.exec(url)?.[1] ??
      /\/folders\/([\w-]{10,})/.exec(url)?.[1] ??
      /[?&]id=([\w-]{10,})/.exec(url)?.[1];
    if (id && !links.some((l) => l.fileId === id)) links.push({ url, fileId: id });
  }
  return links;
}

/**
 * The links a buyer could not open (or could edit): every Drive file must be shared "anyone with the link"
 * (or public) for viewing. `sharing` holds one lookup per file ID; a file missing from it counts as unknown
 * and is flagged, never assumed shared.
 */
export function unshareableLinks(
  links: readonly DriveLink[],
  sharing: ReadonlyMap<string, DriveSharing | null>,
): { link: DriveLink; problem: LinkProblem }[] {
  const problems: { link: DriveLink; problem: LinkProblem }[] = [];
  for (const link of links) {
    const s = sharing.get(link.fileId);
    if (!s) problems.push({ link, problem: "not-found" });
    else if (s.access !== "ANYONE" && s.access !== "ANYONE_WITH_LINK") problems.push({ link, problem: "not-shared" });
    else if (s.permission === "EDIT" || s.permission === "OWNER" || s.permission === "ORGANIZER")
      problems.push({ link, problem: "editable-by-anyone" });
  }
  return problems;
}
