/**
 * Campaigns (R11, R12, R15, R16, R24, R25): create one from a kind and an audience, preview the first messages
 * and the count, queue one Outbox row per recipient. Sending is `sendQueuedCampaigns` (campaign-send.ts).
 * Every function here writes sheets: call it holding the document lock (RPC write handlers and menus do).
 */

import { dateTextParser, readConfig } from "../../app/config";
import {
  CAMPAIGN_KINDS,
  type CampaignKind,
  DEFAULT_TEMPLATES,
  type MailLang,
  renderTemplate,
} from "../../domain/campaign";
import { describeSegment, type SegmentFilter, type SuppressionReason, selectSegment } from "../../domain/segment";
import type { Lang } from "../../i18n";
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
  Settings,
  Staff,
} from "../../store/schemas";
import { ensureSheet } from "../../store/sheet-setup";
import { emptyRecord, readTable, TableWriter } from "../../store/table";
import { languageFor, mergeValues, type RenderContext, renderContext } from "./campaign-context";

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
): RenderedMessage {
  const language = languageFor(campaign, buyer, ctx);
  const values = mergeValues(campaign, buyer, ctx);
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
  byLanguage: Record<MailLang, number>;
  messages: RenderedMessage[];
  unknownFields: string[];
  emptyFields: string[];
}

interface Loaded {
  campaign: Campaign;
  buyers: Buyer[];
  ctx: RenderContext;
  timeZone: string;
  lang: Lang;
}

function load(book: Book, campaignId: string): Loaded & { campaigns: ReturnType<typeof loadTable<typeof Campaigns>> } {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  // No Campaigns sheet yet: no campaign has been created.
  const campaigns = loadOptionalTable(book, Campaigns, tz);
  const campaign = campaigns?.byId.get(campaignId)?.record;
  if (!campaigns || !campaign) throw new CampaignError(`Campaign ${campaignId} was not found.`);
  const buyers = loadTable(book, Buyers, tz).rows.map((r) => r.record);
  const staff = loadTable(book, Staff, tz).rows.map((r) => r.record);
  const ctx = renderContext(config, staff, loadOptionalTable(book, Inquiries, tz));
  return { campaign, buyers, ctx, timeZone: tz, lang: config.lang, campaigns };
}

/** The count and the first `show` messages, exactly as they would go out (footer aside). */
export function previewCampaign(book: Book, campaignId: string, now: Date, show = 3): CampaignPreview {
  const { campaign, buyers, ctx } = load(book, campaignId);
  const filter = parseSegment(campaign.segment);
  const audience = selectSegment(buyers, filter, now);
  const problems: RenderProblems = { unknownFields: [], emptyFields: [] };
  const byLanguage: Record<MailLang, number> = { en: 0, "zh-CN": 0 };
  const messages: RenderedMessage[] = [];
  for (const buyer of audience.recipients) {
    const m = renderFor(campaign, buyer, ctx, problems);
    byLanguage[m.language] += 1;
    if (messages.length < show) messages.push(m);
  }
  const suppressed: CampaignPreview["suppressed"] = {};
  for (const s of audience.suppressed) suppressed[s.reason] = (suppressed[s.reason] ?? 0) + 1;
  return {
    campaignId,
    audience: describeSegment(filter),
    count: audience.recipients.length,
    suppressed,
    byLanguage,
    messages,
    ...problems,
  };
}

export interface QueueResult {
  campaignId: string;
  queued: number;
  /** Buyers already queued or sent for this campaign (queueing twice never mails twice). */
  alreadyQueued: number;
  suppressed: number;
}

/** Queues one Outbox row per recipient; sending happens on the heartbeat, within the daily quota. */
export function queueCampaign(book: Book, campaignId: string, now: Date): QueueResult {
  const { campaign, buyers, ctx, timeZone, lang, campaigns } = load(book, campaignId);
  if (campaign.status === "cancelled") throw new CampaignError(`Campaign ${campaignId} is cancelled.`);
  const problems: RenderProblems = { unknownFields: [], emptyFields: [] };
  const audience = selectSegment(buyers, parseSegment(campaign.segment), now);
  // The first campaign queued makes the Outbox sheet.
  const outbox = readTable(ensureSheet(book, Outbox, lang), Outbox, { parseDateText: dateTextParser(timeZone) });
  const already = new Set(outbox.rows.filter((r) => r.record.campaignId === campaignId).map((r) => r.record.buyerId));
  const ids = IdCounter.open(Outbox, outbox.byId.keys());
  const writer = new TableWriter(outbox);
  let queued = 0;
  let alreadyQueued = 0;
  for (const buyer of audience.recipients) {
    const m = renderFor(campaign, buyer, ctx, problems);
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
      sender: campaign.sender || campaign.createdBy,
      status: "queued",
      queuedAt: now,
    };
    writer.append(row);
    queued += 1;
  }
  if (problems.unknownFields.length > 0)
    throw new CampaignError(
      `The template names fields that do not exist: ${problems.unknownFields.map((f) => `{{${f}}}`).join(", ")}`,
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
  return { campaignId, queued, alreadyQueued, suppressed: audience.suppressed.length };
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
