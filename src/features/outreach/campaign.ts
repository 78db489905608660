/**
 * Campaigns (R11, R12, R15, R16, R24, R25): create one from a kind and an audience, preview the first messages
 * and the count, queue one Outbox row per recipient. Sending is `sendQueuedCampaigns` (campaign-send.ts).
 * Every function here writes sheets: call it holding the document lock (RPC write handlers and menus do).
 *
 * Who gets a copy (domain/campaign-eligibility.ts): never a buyer waiting for our answer (an unanswered
 * inquiry) or with an open quote within Settings campaign.quietDays; one copy per person once their addresses
 * and rows are resolved to one buyer; each copy sent from and signed by the buyer's owner (Settings
 * campaign.senderMode owner) or by one named sender for all (named), never a mix; the greeting uses a real
 * name only. A Drive link in the mail that buyers could not open stops the queueing, naming the file.
 */

import { dateTextParser, readConfig } from "../../app/config";
import {
  CAMPAIGN_KINDS,
  type CampaignKind,
  DEFAULT_TEMPLATES,
  type MailLang,
  renderTemplate,
} from "../../domain/campaign";
import {
  type CampaignCandidate,
  campaignAudience,
  canonicalAddress,
  driveLinks,
  type ExclusionReason,
  type Recipient,
  unshareableLinks,
} from "../../domain/campaign-eligibility";
import { normalizeEmail } from "../../domain/matching";
import { readPricingSettings } from "../../domain/pricing-settings";
import {
  describeSegment,
  type SegmentFilter,
  type SuppressionReason,
  selectSegment,
  suppressionOf,
} from "../../domain/segment";
import { linkSharing } from "../../gas/drive-sharing";
import { type Lang, t } from "../../i18n";
import { IdCounter } from "../../store/ids";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import {
  type Buyer,
  Buyers,
  type Campaign,
  Campaigns,
  Inquiries,
  Outbox,
  type OutboxRow,
  Quotes,
  Settings,
  Staff,
  type StaffMember,
} from "../../store/schemas";
import { ensureSheet } from "../../store/sheet-setup";
import { emptyRecord, readTable, type Table, TableWriter } from "../../store/table";
import { type CampaignSender, languageFor, mergeValues, type RenderContext, renderContext } from "./campaign-context";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface CampaignDraft {
  name: string;
  kind: CampaignKind;
  segment: SegmentFilter;
  /** "auto" (each buyer's language), "en" or "zh-CN". */
  language?: string;
  text?: string;
  subjectEn?: string;
  bodyEn?: string;
  subjectZh?: string;
  bodyZh?: string;
  catalogueLink?: string;
  showName?: string;
  showCity?: string;
  showDates?: string;
  booth?: string;
  /** Whose mailbox (and daily quota) sends it; default the creator. */
  sender?: string;
}

export class CampaignError extends Error {}

/** Writes a draft campaign; empty subjects/bodies get the kind's default wording so a person can edit it. */
export function createCampaign(book: Book, user: string, draft: CampaignDraft, now: Date): Campaign {
  if (!(CAMPAIGN_KINDS as readonly string[]).includes(draft.kind))
    throw new CampaignError(`Unknown campaign kind ${draft.kind}`);
  const config = readConfig(loadTable(book, Settings, "UTC"));
  // The first campaign makes the Campaigns sheet (setup leaves the outreach sheets until they are used).
  const table = readTable(ensureSheet(book, Campaigns, config.lang), Campaigns, {
    parseDateText: dateTextParser(config.timeZone),
  });
  const ids = IdCounter.open(Campaigns, table.byId.keys());
  const defaults = DEFAULT_TEMPLATES[draft.kind];
  const campaign: Campaign = {
    ...emptyRecord(Campaigns),
    id: ids.take(),
    name: draft.name,
    kind: draft.kind,
    status: "draft",
    segment: JSON.stringify(draft.segment ?? {}),
    language: draft.language ?? "auto",
    subjectEn: draft.subjectEn || defaults.en.subject,
    bodyEn: draft.bodyEn || defaults.en.body,
    subjectZh: draft.subjectZh || defaults["zh-CN"].subject,
    bodyZh: draft.bodyZh || defaults["zh-CN"].body,
    text: draft.text ?? "",
    catalogueLink: draft.catalogueLink ?? "",
    showName: draft.showName ?? "",
    showCity: draft.showCity ?? "",
    showDates: draft.showDates ?? "",
    booth: draft.booth ?? "",
    sender: (draft.sender || user).toLowerCase(),
    createdBy: user.toLowerCase(),
    created: now,
    recipients: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
  };
  const writer = new TableWriter(table);
  writer.append(campaign);
  writer.commit();
  ids.save();
  return campaign;
}

export function parseSegment(json: string): SegmentFilter {
  if (json.trim() === "") return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" ? (v as SegmentFilter) : {};
  } catch {
    throw new CampaignError(`The campaign's audience is not a valid filter: ${json.slice(0, 80)}`);
  }
}

export interface RenderedMessage {
  buyerId: string;
  email: string;
  language: MailLang;
  /** The mailbox that sends this copy; the same person signs it. */
  sender: string;
  subject: string;
  body: string;
}

export interface RenderProblems {
  unknownFields: string[];
  emptyFields: string[];
}

/** One buyer's message (without the footer, which carries the outbox reference and is added at send time). */
export function renderFor(
  campaign: Campaign,
  buyer: Buyer,
  ctx: RenderContext,
  problems?: RenderProblems,
  sender?: CampaignSender,
): RenderedMessage {
  const language = languageFor(campaign, buyer, ctx);
  const values = mergeValues(campaign, buyer, ctx, sender);
  const subjectTemplate = language === "zh-CN" ? campaign.subjectZh : campaign.subjectEn;
  const bodyTemplate = language === "zh-CN" ? campaign.bodyZh : campaign.bodyEn;
  const fallback = DEFAULT_TEMPLATES[(campaign.kind as CampaignKind) || "news"]?.[language];
  const subject = renderTemplate(subjectTemplate || fallback?.subject || "", values);
  const body = renderTemplate(bodyTemplate || fallback?.body || "", values);
  if (problems) {
    for (const f of [...subject.unknown, ...body.unknown])
      if (!problems.unknownFields.includes(f)) problems.unknownFields.push(f);
    for (const f of [...subject.empty, ...body.empty])
      if (!problems.emptyFields.includes(f)) problems.emptyFields.push(f);
  }
  return {
    buyerId: buyer.id,
    email: buyer.email.trim(),
    language,
    sender: (sender?.email || values["owner.email"] || "").toLowerCase(),
    subject: subject.text.replace(/\s+/g, " ").trim(),
    body: body.text,
  };
}

export interface CampaignPreview {
  campaignId: string;
  audience: string;
  /** How many messages queueing would create. */
  count: number;
  suppressed: Partial<Record<SuppressionReason | "duplicate-address", number>>;
  /** Buyers the segment picked who get no copy: waiting for our answer, a recent open quote, a second copy… */
  excluded: Partial<Record<ExclusionReason, number>>;
  /** Copies per sending mailbox (each is sent from, and signed by, that person). */
  senders: Record<string, number>;
  byLanguage: Record<MailLang, number>;
  messages: RenderedMessage[];
  unknownFields: string[];
  emptyFields: string[];
  /** Drive links in the mail that buyers could not open, each said in the reader's language. */
  linkProblems: string[];
}

interface Loaded {
  campaign: Campaign;
  buyers: Buyer[];
  buyerTable: Table<typeof Buyers>;
  staff: StaffMember[];
  inquiries: Table<typeof Inquiries> | undefined;
  ctx: RenderContext;
  config: ReturnType<typeof readConfig>;
  timeZone: string;
  lang: Lang;
}

function load(
  book: Book,
  campaignId: string,
  lang?: Lang,
): Loaded & { campaigns: ReturnType<typeof loadTable<typeof Campaigns>> } {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const readerLang = lang ?? config.lang;
  // No Campaigns sheet yet: no campaign has been created.
  const campaigns = loadOptionalTable(book, Campaigns, tz);
  const campaign = campaigns?.byId.get(campaignId)?.record;
  if (!campaigns || !campaign) throw new CampaignError(t(readerLang, "campaign.notFound", { id: campaignId }));
  const buyerTable = loadTable(book, Buyers, tz);
  const staff = loadTable(book, Staff, tz).rows.map((r) => r.record);
  const inquiries = loadOptionalTable(book, Inquiries, tz);
  const ctx = renderContext(config, staff, inquiries);
  return {
    campaign,
    buyers: buyerTable.rows.map((r) => r.record),
    buyerTable,
    staff,
    inquiries,
    ctx,
    config,
    timeZone: tz,
    lang: readerLang,
    campaigns,
  };
}

/** The first buyer (in sheet order) each address belongs to, its other addresses included: one person, one ID. */
export function addressResolver(buyers: readonly Buyer[]): (address: string) => string | undefined {
  const owner = new Map<string, string>();
  for (const b of buyers) {
    if (!b.id) continue;
    for (const a of [b.email, ...b.otherEmails.split(/[,;\s]+/)]) {
      for (const key of [normalizeEmail(a), canonicalAddress(a)])
        if (key !== "" && !owner.has(key)) owner.set(key, b.id);
    }
  }
  return (address) => owner.get(normalizeEmail(address)) ?? owner.get(canonicalAddress(address));
}

interface Audience {
  recipients: { buyer: Buyer; recipient: Recipient }[];
  suppressed: CampaignPreview["suppressed"];
  excluded: CampaignPreview["excluded"];
}

/**
 * The segment's buyers who get a copy, each with the person who sends and signs it. A buyer whose address or
 * row resolves to a suppressed buyer (unsubscribed, do not contact, bounced) is left out as that buyer is.
 */
function audienceOf(book: Book, l: Loaded, now: Date): Audience {
  const filter = parseSegment(l.campaign.segment);
  const segment = selectSegment(l.buyers, filter, now);
  const suppressed: Audience["suppressed"] = {};
  for (const s of segment.suppressed) suppressed[s.reason] = (suppressed[s.reason] ?? 0) + 1;
  const resolve = addressResolver(l.buyers);
  const blocked = new Map<string, SuppressionReason>();
  for (const b of l.buyers) {
    const reason = suppressionOf(b);
    if (reason && reason !== "no-address") blocked.set(b.id, reason);
  }
  const candidates: CampaignCandidate[] = [];
  for (const b of segment.recipients) {
    const reason = blocked.get(resolve(b.email) ?? b.id);
    if (reason) suppressed[reason] = (suppressed[reason] ?? 0) + 1;
    else
      candidates.push({
        buyerId: b.id,
        email: b.email,
        name: b.name,
        owner: b.owner,
        language: l.ctx.buyerWrites.get(b.id),
      });
  }
  const pricing = readPricingSettings(l.config.reader.all());
  const quotes = loadOptionalTable(book, Quotes, l.timeZone);
  const { recipients, excluded } = campaignAudience(
    candidates,
    {
      inquiries: (l.inquiries?.rows ?? []).map(({ record: i }) => ({
        buyerId: i.buyerId,
        fromEmail: i.fromEmail,
        receivedAt: i.receivedAt ?? now,
        answered: i.status !== "new" || !!i.repliedAt,
      })),
      quotes: (quotes?.rows ?? []).map(({ record: q }) => ({
        buyerId: q.buyerId,
        date: q.date ?? now,
        status: q.status,
      })),
    },
    {
      now,
      quietDays: pricing.quietDays,
      resolve,
      senderMode: pricing.senderMode,
      // The named sender: Settings campaign.sender, else the campaign's own Sender (its creator by default).
      namedSender: pricing.namedSender || l.campaign.sender || l.campaign.createdBy,
      staff: l.staff.map((s) => ({ email: s.email, name: s.name, active: s.status !== "frozen" })),
    },
  );
  const counts: Audience["excluded"] = {};
  for (const x of excluded) counts[x.reason] = (counts[x.reason] ?? 0) + 1;
  const byId = new Map(segment.recipients.map((b) => [b.id, b]));
  return {
    recipients: recipients.map((r) => ({ buyer: byId.get(r.buyerId)!, recipient: r })),
    suppressed,
    excluded: counts,
  };
}

/** Drive links in the campaign that a buyer could not open (or could edit), each named in the reader's language. */
function linkProblems(l: Loaded): string[] {
  const c = l.campaign;
  const text = [c.subjectEn, c.bodyEn, c.subjectZh, c.bodyZh, c.text, c.catalogueLink || l.ctx.catalogueLink].join(
    "\n",
  );
  const links = driveLinks(text);
  if (links.length === 0) return [];
  const sharing = linkSharing(links.map((x) => x.fileId));
  const keys = {
    "not-shared": "campaign.linkPrivate",
    "not-found": "campaign.linkMissing",
    "editable-by-anyone": "campaign.linkEditable",
  } as const;
  return unshareableLinks(links, sharing).map(({ link, problem }) =>
    t(l.lang, keys[problem], { name: sharing.get(link.fileId)?.name ?? link.url, url: link.url }),
  );
}

/** The count and the first `show` messages, exactly as they would go out (footer aside). */
export function previewCampaign(book: Book, campaignId: string, now: Date, show = 3, lang?: Lang): CampaignPreview {
  const l = load(book, campaignId, lang);
  const filter = parseSegment(l.campaign.segment);
  const audience = audienceOf(book, l, now);
  const problems: RenderProblems = { unknownFields: [], emptyFields: [] };
  const byLanguage: Record<MailLang, number> = { en: 0, "zh-CN": 0 };
  const senders: Record<string, number> = {};
  const messages: RenderedMessage[] = [];
  for (const { buyer, recipient } of audience.recipients) {
    const m = renderFor(l.campaign, buyer, l.ctx, problems, recipient.sender);
    byLanguage[m.language] += 1;
    senders[recipient.sender.email] = (senders[recipient.sender.email] ?? 0) + 1;
    if (messages.length < show) messages.push(m);
  }
  return {
    campaignId,
    audience: describeSegment(filter),
    count: audience.recipients.length,
    suppressed: audience.suppressed,
    excluded: audience.excluded,
    senders,
    byLanguage,
    messages,
    ...problems,
    linkProblems: linkProblems(l),
  };
}

export interface QueueResult {
  campaignId: string;
  queued: number;
  /** Buyers already queued or sent for this campaign (queueing twice never mails twice). */
  alreadyQueued: number;
  suppressed: number;
  /** Left out: waiting for our answer, a recent open quote, a second copy of one person, no sender… */
  excluded: Partial<Record<ExclusionReason, number>>;
}

/**
 * Queues one Outbox row per recipient, each sent by the person who signs it; sending happens on that person's
 * heartbeat, within their daily quota. A Drive link buyers could not open stops the queueing, naming the file.
 */
export function queueCampaign(book: Book, campaignId: string, now: Date, readerLang?: Lang): QueueResult {
  const l = load(book, campaignId, readerLang);
  const { campaign, ctx, timeZone, lang, campaigns } = l;
  if (campaign.status === "cancelled") throw new CampaignError(t(lang, "campaign.cancelled", { id: campaignId }));
  const problems: RenderProblems = { unknownFields: [], emptyFields: [] };
  const links = linkProblems(l);
  if (links.length > 0) throw new CampaignError(links.join(" "));
  const audience = audienceOf(book, l, now);
  // The first campaign queued makes the Outbox sheet.
  const outbox = readTable(ensureSheet(book, Outbox, lang), Outbox, { parseDateText: dateTextParser(timeZone) });
  const already = new Set(outbox.rows.filter((r) => r.record.campaignId === campaignId).map((r) => r.record.buyerId));
  const ids = IdCounter.open(Outbox, outbox.byId.keys());
  const writer = new TableWriter(outbox);
  let queued = 0;
  let alreadyQueued = 0;
  for (const { buyer, recipient } of audience.recipients) {
    const m = renderFor(campaign, buyer, ctx, problems, recipient.sender);
    if (already.has(buyer.id)) {
      alreadyQueued += 1;
      continue;
    }
    const row: OutboxRow = {
      ...emptyRecord(Outbox),
      id: ids.take(),
      campaignId,
      buyerId: buyer.id,
      email: m.email,
      language: m.language,
      // The buyer's owner (or the named sender): the mailbox it goes out from is the person who signs it.
      sender: recipient.sender.email,
      status: "queued",
      queuedAt: now,
    };
    writer.append(row);
    queued += 1;
  }
  if (problems.unknownFields.length > 0)
    throw new CampaignError(
      t(lang, "campaign.unknownFields", { fields: problems.unknownFields.map((f) => `{{${f}}}`).join(", ") }),
    );
  writer.commit();
  ids.save();
  const cw = new TableWriter(campaigns);
  cw.update(campaignId, {
    status: "queued",
    queuedAt: campaign.queuedAt ?? now,
    recipients: (campaign.recipients ?? 0) + queued,
  });
  cw.commit();
  const left = (o: Record<string, number | undefined>) => Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);
  return {
    campaignId,
    queued,
    alreadyQueued,
    suppressed: left(audience.suppressed),
    excluded: audience.excluded,
  };
}

/** Stops a campaign: its queued rows are skipped at the next send, nothing more goes out. */
export function cancelCampaign(book: Book, campaignId: string): void {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const campaigns = loadOptionalTable(book, Campaigns, config.timeZone);
  if (!campaigns?.byId.has(campaignId)) throw new CampaignError(`Campaign ${campaignId} was not found.`);
  const w = new TableWriter(campaigns);
  w.update(campaignId, { status: "cancelled" });
  w.commit();
}

export interface CampaignStatus {
  id: string;
  name: string;
  kind: string;
  status: string;
  sender: string;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
}

/** Every campaign (or one) with its Outbox counts. Read-only. */
export function campaignStatus(book: Book, campaignId?: string): CampaignStatus[] {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  // Before the first campaign there is no Campaigns or Outbox sheet: nothing to count.
  const campaigns = loadOptionalTable(book, Campaigns, config.timeZone);
  const outbox = loadOptionalTable(book, Outbox, config.timeZone);
  if (!campaigns) return [];
  const counts = new Map<string, Record<string, number>>();
  for (const { record } of outbox?.rows ?? []) {
    const c = counts.get(record.campaignId) ?? {};
    c[record.status] = (c[record.status] ?? 0) + 1;
    counts.set(record.campaignId, c);
  }
  return campaigns.rows
    .map((r) => r.record)
    .filter((c) => !campaignId || c.id === campaignId)
    .map((c) => {
      const n = counts.get(c.id) ?? {};
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        status: c.status,
        sender: c.sender,
        queued: n.queued ?? 0,
        sent: n.sent ?? 0,
        failed: n.failed ?? 0,
        skipped: n.skipped ?? 0,
      };
    });
}
