/**
 * Sends queued campaign mail within the sender's daily quota (R11, R12, R16, R23, R24, R25): what does not
 * fit today goes out on the next heartbeat days — never dropped, never twice.
 *
 * Exactly once, with batched sheet writes: before a batch is sent, a "sending" marker listing its Outbox
 * rows is stored in document properties; after the batch, ONE write per sheet records the statuses, the
 * Follow-ups entries (so cadence counts each send) and the buyers' last contact, and the marker is removed.
 * If the execution dies in between, the next run finds the marker and asks the sender's Sent mail which of
 * those rows really went out (every message carries "Ref O-…" in its footer): those are marked sent, the rest
 * stay queued. If Sent mail cannot be read, nothing is sent until it can — a late mail beats a double one.
 *
 * Call holding the document lock (the heartbeat and the menu do).
 */

import type { Budget } from "../../app/budget";
import { type Config, readConfig } from "../../app/config";
import { campaignFooter, type MailLang, reconcileMarker, refInBody, type SendingMarker } from "../../domain/campaign";
import { contactChanges } from "../../domain/contact";
import { readPricingSettings } from "../../domain/pricing-settings";
import { suppressionOf } from "../../domain/segment";
import { messagesOfThreads, remainingDailyQuota, searchThreads, sendPlainMail } from "../../gas/mail";
import { deleteDocJson, readDocJson, writeDocJson } from "../../gas/properties";
import { IdCounter } from "../../store/ids";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import {
  type Buyer,
  Buyers,
  type Campaign,
  Campaigns,
  type FollowUp,
  FollowUps,
  Inquiries,
  Outbox,
  type OutboxRow,
  Quotes,
  Settings,
  Staff,
} from "../../store/schemas";
import { emptyRecord, type Table, TableWriter } from "../../store/table";
import { nextFollowUpDate } from "../desk";
import { renderFor } from "./campaign";
import { renderContext } from "./campaign-context";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SendReport {
  sender: string;
  quotaAtStart: number;
  sent: number;
  failed: number;
  skipped: number;
  /** This sender's rows still queued after the run (they go out on the next runs). */
  stillQueued: number;
  /** A batch interrupted by a crash, settled from Sent mail at the start of this run. */
  reconciled?: { sent: number; requeued: number; followUpsRestored: number };
  stoppedBy?: "quota" | "budget" | "error";
  problems: string[];
}

export interface SendOptions {
  book: Book;
  user: string;
  now: Date;
  budget: Budget;
  slotKey?: string;
  /** Rows per marker/commit; the marker must stay well under the 9 KB property limit. */
  batchSize?: number;
}

export const MARKER_KEY = "campaign.sending.";
/** A send is modeled at ~0.8 s; keep room for the final writes. */
const SEND_RESERVE_MS = 1500;
const COMMIT_RESERVE_MS = 15_000;
const DEFAULT_BATCH = 150;

/** The heartbeat job (a JobRunner): sends the running user's queued campaign mail. */
export function sendQueuedCampaigns(options: SendOptions): SendReport {
  const { book, now, budget } = options;
  const sender = options.user.toLowerCase();
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const outbox = loadOptionalTable(book, Outbox, tz);
  // No Outbox sheet: no campaign was ever queued (the first queueing makes it), so nothing else is read.
  if (!outbox) {
    const quotaAtStart = remainingDailyQuota();
    return { sender, quotaAtStart, sent: 0, failed: 0, skipped: 0, stillQueued: 0, problems: [] };
  }
  const markerKey = MARKER_KEY + sender;
  const marker = readDocJson<SendingMarker | null>(markerKey, null);
  // The quota is a rolling 24 hours from the first send, so a run often finds it spent: then nothing else is
  // read. Several campaign slots a day let the next one send as soon as the window reopens.
  const quota = remainingDailyQuota();
  if (!marker && quota <= 0) return quotaSpentReport(outbox, sender);
  const campaigns = loadTable(book, Campaigns, tz);
  const buyers = loadTable(book, Buyers, tz);
  const followUps = loadTable(book, FollowUps, tz);
  const staff = loadTable(book, Staff, tz).rows.map((r) => r.record);
  const report: SendReport = { sender, quotaAtStart: 0, sent: 0, failed: 0, skipped: 0, stillQueued: 0, problems: [] };
  const mine = outbox.rows.filter((r) => r.record.sender.toLowerCase() === sender);
  if (mine.every((r) => r.record.status !== "queued") && !marker) return report;

  const w = new Writers(outbox, campaigns, buyers, followUps, config);
  if (marker && !reconcile(marker, w, report, markerKey)) {
    report.stillQueued = countQueued(outbox, sender);
    return report;
  }

  const inquiries = loadOptionalTable(book, Inquiries, tz);
  const run: SendRun = {
    sender,
    senderName: staff.find((s) => s.email.toLowerCase() === sender)?.name ?? "",
    now,
    budget,
    markerKey,
    campaigns,
    buyers,
    ctx: renderContext(config, staff, inquiries),
    blocked: blockedAddresses(buyers),
    // Queued days ago: a buyer who has since written and waits for our answer, or just got a quote, is skipped.
    waiting: waitingBuyers(inquiries, loadOptionalTable(book, Quotes, tz), config, now),
    w,
    report,
  };
  report.quotaAtStart = quota;
  const queue = mine.filter((r) => r.record.status === "queued").map((r) => r.record);
  sendQueue(run, queue, quota, options.batchSize ?? DEFAULT_BATCH);
  w.commit(report);
  report.stillQueued = countQueued(outbox, sender);
  return report;
}

/** What one run sends with: the tables it reads, who must not be written to now, and the sender's name. */
interface SendRun {
  sender: string;
  senderName: string;
  now: Date;
  budget: Budget;
  markerKey: string;
  campaigns: Table<typeof Campaigns>;
  buyers: Table<typeof Buyers>;
  ctx: ReturnType<typeof renderContext>;
  blocked: Set<string>;
  waiting: Map<string, string>;
  w: Writers;
  report: SendReport;
}

/** A queued row ready to go: its campaign, its buyer and the mail rendered for them. */
interface ReadyMail {
  row: OutboxRow;
  campaign: Campaign;
  buyer: Buyer;
  subject: string;
  body: string;
}

/** The quota is spent and no batch was interrupted: the report says how much still waits. */
function quotaSpentReport(outbox: Table<typeof Outbox>, sender: string): SendReport {
  const stillQueued = countQueued(outbox, sender);
  return {
    sender,
    quotaAtStart: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    stillQueued,
    stoppedBy: stillQueued > 0 ? "quota" : undefined,
    problems: [],
  };
}

/**
 * Sends the queue batch by batch while quota and time last. Each batch is announced by the marker before its
 * first send and committed before the marker goes, so a crash in between is settled from Sent mail.
 */
function sendQueue(run: SendRun, queue: OutboxRow[], quotaAtStart: number, batchSize: number): void {
  const { report, budget, w, markerKey } = run;
  let quota = quotaAtStart;
  const cursor = { next: 0 };
  while (cursor.next < queue.length && !report.stoppedBy) {
    if (quota <= 0) {
      report.stoppedBy = "quota";
      break;
    }
    if (!budget.has(COMMIT_RESERVE_MS + SEND_RESERVE_MS)) {
      report.stoppedBy = "budget";
      break;
    }
    const batch = nextBatch(run, queue, cursor, Math.min(quota, batchSize));
    if (batch.length === 0) continue;
    writeDocJson(markerKey, {
      sender: run.sender,
      startedAt: run.now.getTime(),
      rows: batch.map((b) => ({ id: b.row.id, campaignId: b.row.campaignId })),
    } satisfies SendingMarker);
    quota -= sendBatch(run, batch);
    w.commit(report);
    deleteDocJson(markerKey);
  }
}

/** Why a queued row must not go out now, or undefined when it may. */
function skipReason(run: SendRun, row: OutboxRow, campaign: Campaign | undefined, buyer: Buyer | undefined) {
  return !campaign
    ? "campaign not found"
    : campaign.status === "cancelled"
      ? "campaign cancelled"
      : !buyer
        ? "buyer not found"
        : (suppressionOf({ status: buyer.status, email: row.email }) ??
          (run.blocked.has(row.email.toLowerCase()) ? "address unsubscribed" : undefined) ??
          run.waiting.get(buyer.id));
}

/** Takes up to `limit` sendable rows from the queue, rendering each; rows that must not go are settled as skipped. */
function nextBatch(run: SendRun, queue: OutboxRow[], cursor: { next: number }, limit: number): ReadyMail[] {
  const batch: ReadyMail[] = [];
  while (cursor.next < queue.length && batch.length < limit) {
    const row = queue[cursor.next++];
    const campaign = run.campaigns.byId.get(row.campaignId)?.record;
    const buyer = run.buyers.byId.get(row.buyerId)?.record;
    const why = skipReason(run, row, campaign, buyer);
    if (why || !campaign || !buyer) {
      run.w.settle(row, "skipped", why ?? "");
      run.report.skipped += 1;
      continue;
    }
    // Sent from this mailbox, so signed by this person whatever the buyer's owner is now.
    const m = renderFor(campaign, buyer, run.ctx, undefined, { email: run.sender, name: run.senderName });
    batch.push({
      row,
      campaign,
      buyer,
      subject: m.subject,
      body: m.body + campaignFooter(row.language === "zh-CN" ? "zh-CN" : (m.language as MailLang), row.id),
    });
  }
  return batch;
}

/** Sends one batch until time runs short or the mail service refuses; returns how many went out. */
function sendBatch(run: SendRun, batch: ReadyMail[]): number {
  const { report, w } = run;
  let sent = 0;
  for (const item of batch) {
    if (!run.budget.has(COMMIT_RESERVE_MS)) {
      report.stoppedBy = "budget";
      break;
    }
    try {
      sendPlainMail({
        to: item.row.email,
        subject: item.subject,
        body: item.body,
        name: run.senderName || undefined,
      });
    } catch (e) {
      const message = (e as Error).message;
      if (/invalid email/i.test(message)) {
        w.settle(item.row, "failed", message);
        report.failed += 1;
        continue;
      }
      // Quota spent elsewhere meanwhile, or a passing service error: the row stays queued for the next run.
      report.stoppedBy = /too many times|quota/i.test(message) ? "quota" : "error";
      if (report.stoppedBy === "error") report.problems.push(`${item.row.id}: ${message}`);
      break;
    }
    sent += 1;
    w.markSent(item.row, item.buyer, item.subject, run.now);
    report.sent += 1;
  }
  return sent;
}

function countQueued(outbox: Table<typeof Outbox>, sender: string): number {
  return outbox.rows.filter((r) => r.record.status === "queued" && r.record.sender.toLowerCase() === sender).length;
}

/**
 * Buyers a campaign copy must not reach now: waiting for our answer (an unanswered inquiry) or with an open
 * quote within Settings campaign.quietDays; the value is the Outbox detail.
 */
function waitingBuyers(
  inquiries: Table<typeof Inquiries> | undefined,
  quotes: Table<typeof Quotes> | undefined,
  config: Config,
  now: Date,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const { record: i } of inquiries?.rows ?? [])
    if (i.buyerId && i.status === "new" && !i.repliedAt) out.set(i.buyerId, "waiting for our answer to an inquiry");
  const since = now.getTime() - readPricingSettings(config.reader.all()).quietDays * 86_400_000;
  for (const { record: q } of quotes?.rows ?? [])
    if ((q.status === "draft" || q.status === "sent") && (q.date?.getTime() ?? 0) >= since && !out.has(q.buyerId))
      out.set(q.buyerId, "an open quote within campaign.quietDays");
  return out;
}

/** Addresses of every buyer row that must not be mailed: a duplicate row of an unsubscribed buyer counts too. */
function blockedAddresses(buyers: Table<typeof Buyers>): Set<string> {
  const blocked = new Set<string>();
  for (const { record } of buyers.rows)
    if (record.email && suppressionOf(record)) blocked.add(record.email.trim().toLowerCase());
  return blocked;
}

/**
 * Settles an interrupted batch. Returns false (and sends nothing this run) when Sent mail cannot be read.
 */
function reconcile(marker: SendingMarker, w: Writers, report: SendReport, markerKey: string): boolean {
  const rows = marker.rows.map((r) => w.outboxTable.byId.get(r.id)?.record).filter((r): r is OutboxRow => !!r);
  const pending = rows.filter((r) => r.status === "queued");
  const found = new Map<string, { subject: string; at: Date }>();
  if (pending.length > 0) {
    try {
      const after = Math.floor(marker.startedAt / 1000) - 60;
      const threads = searchThreads(`in:sent after:${after} Ref`);
      const messages = threads.length > 0 ? messagesOfThreads(threads) : [];
      for (const thread of messages)
        for (const m of thread) {
          const ref = refInBody(m.getPlainBody());
          if (ref) found.set(ref, { subject: m.getSubject(), at: new Date(m.getDate().getTime()) });
        }
    } catch (e) {
      report.stoppedBy = "error";
      report.problems.push(`Could not read Sent mail to settle an interrupted batch: ${(e as Error).message}`);
      return false;
    }
  }
  const { sent, notSent } = reconcileMarker({ ...marker, rows: pending }, new Set(found.keys()));
  let restored = 0;
  for (const id of sent) {
    const row = w.outboxTable.byId.get(id)!.record;
    const buyer = w.buyerTable.byId.get(row.buyerId)?.record;
    const hit = found.get(id)!;
    w.markSent(row, buyer, hit.subject, hit.at);
  }
  // Rows whose status was written but whose Follow-ups entry or buyer update was not (a crash mid-commit).
  for (const row of rows) {
    if (row.status !== "sent" || sent.includes(row.id)) continue;
    if (row.followUpId && !w.followUpTable.byId.has(row.followUpId)) {
      w.restoreFollowUp(row, new Date(marker.startedAt));
      restored += 1;
    }
  }
  w.commit(report);
  deleteDocJson(markerKey);
  report.reconciled = { sent: sent.length, requeued: notSent.length, followUpsRestored: restored };
  return true;
}

/** The run's sheet writers: changes pile up in memory and go out in one write per sheet per batch. */
class Writers {
  private readonly outbox: TableWriter<typeof Outbox>;
  private readonly followUps: TableWriter<typeof FollowUps>;
  private readonly buyers: TableWriter<typeof Buyers>;
  private readonly campaigns: TableWriter<typeof Campaigns>;
  private readonly ids: IdCounter;
  private readonly touchedCampaigns = new Set<string>();

  constructor(
    readonly outboxTable: Table<typeof Outbox>,
    private readonly campaignTable: Table<typeof Campaigns>,
    readonly buyerTable: Table<typeof Buyers>,
    readonly followUpTable: Table<typeof FollowUps>,
    private readonly config: Config,
  ) {
    this.outbox = new TableWriter(outboxTable);
    this.followUps = new TableWriter(followUpTable);
    this.buyers = new TableWriter(buyerTable);
    this.campaigns = new TableWriter(campaignTable);
    this.ids = IdCounter.open(FollowUps, followUpTable.byId.keys());
  }

  /** Records a row that will not be sent (skipped or failed). */
  settle(row: OutboxRow, status: "skipped" | "failed", detail: string): void {
    this.outbox.update(row.id, { status, detail });
    this.touchedCampaigns.add(row.campaignId);
  }

  markSent(row: OutboxRow, buyer: Buyer | undefined, subject: string, at: Date): void {
    const followUpId = this.ids.take();
    this.outbox.update(row.id, { status: "sent", sentAt: at, followUpId, detail: "" });
    this.followUps.append(this.followUp(followUpId, row, buyer, subject, at));
    if (buyer) this.touchBuyer(buyer, at);
    this.touchedCampaigns.add(row.campaignId);
  }

  restoreFollowUp(row: OutboxRow, fallbackAt: Date): void {
    const buyer = this.buyerTable.byId.get(row.buyerId)?.record;
    const at = row.sentAt ?? fallbackAt;
    this.followUps.append(this.followUp(row.followUpId, row, buyer, "", at));
    if (buyer) this.touchBuyer(buyer, at);
  }

  private followUp(id: string, row: OutboxRow, buyer: Buyer | undefined, subject: string, at: Date): FollowUp {
    return {
      ...emptyRecord(FollowUps),
      id,
      at,
      buyerId: row.buyerId,
      by: row.sender,
      kind: "campaign",
      channel: "email",
      summary: `Campaign ${row.campaignId} (${row.id})${subject ? `: ${subject}` : ""}`,
      nextDue: nextFollowUpDate(at, buyer?.grade ?? "", this.config),
    };
  }

  /**
   * R23: bulk mail reaches the buyer but is not contact with them (domain/contact.ts): it is their last campaign,
   * never their last contact, so the follow-up cadence still asks for a personal word.
   */
  private touchBuyer(buyer: Buyer, at: Date): void {
    const changes = contactChanges(
      buyer,
      { kind: "campaign", at },
      { days: this.config.cadenceDays, timeZone: this.config.timeZone },
    );
    if (changes) this.buyers.update(buyer.id, changes);
  }

  /** One write per sheet: statuses first, so a crash after it leaves only Follow-ups to restore. */
  commit(report: SendReport): void {
    const writers: { commit(): { unwritten: { id: string; reason: string }[] } }[] = [
      this.outbox,
      this.followUps,
      this.buyers,
    ];
    for (const writer of writers)
      for (const u of writer.commit().unwritten) report.problems.push(`${u.id}: ${u.reason}`);
    this.ids.save();
    this.updateCampaignCounts();
    for (const u of this.campaigns.commit().unwritten) report.problems.push(`${u.id}: ${u.reason}`);
  }

  /** Counts recomputed from the Outbox (idempotent after a crash), and "done" once nothing is queued. */
  private updateCampaignCounts(): void {
    const counts = new Map<string, Record<string, number>>();
    for (const { record } of this.outboxTable.rows) {
      if (!this.touchedCampaigns.has(record.campaignId)) continue;
      const c = counts.get(record.campaignId) ?? {};
      c[record.status] = (c[record.status] ?? 0) + 1;
      counts.set(record.campaignId, c);
    }
    for (const [id, c] of counts) {
      const campaign = this.campaignTable.byId.get(id)?.record;
      if (!campaign) continue;
      const changes: Partial<Campaign> = { sent: c.sent ?? 0, failed: c.failed ?? 0, skipped: c.skipped ?? 0 };
      if ((c.queued ?? 0) === 0 && campaign.status === "queued") changes.status = "done";
      if (
        changes.sent !== campaign.sent ||
        changes.failed !== campaign.failed ||
        changes.skipped !== campaign.skipped ||
        changes.status
      )
        this.campaigns.update(id, changes);
    }
    this.touchedCampaigns.clear();
  }
}
