/**
 * Offboarding (R29, C5): one action. Freeze at once (status, left date, cached tables forgotten so every RPC
 * of theirs is refused), take away access (sharing and every protection), then hand on everything they owned
 * and tell each receiver once. History stays: old inquiries, quotes and follow-ups keep their names, and each
 * handed-over buyer gets a Follow-ups "handover" entry.
 *
 * Resumable: the handover entries are written first, in one batch, and are the journal — a rerun pins those
 * buyers to the receivers recorded there, finishes the moves, sends the mails not yet in Sent, and writes the
 * one Log report if the Log does not have it yet. Interrupted at any call, a rerun reaches the same end state.
 */

import { readConfig } from "../../app/config";
import { forgetCachedTables } from "../../app/context";
import { type HandoverReceiver, type HandoverUnit, planHandover } from "../../domain/handover";
import { handoverMail } from "../../domain/handover-text";
import { isAway, isSalesperson } from "../../domain/routing";
import { readDocJson, writeDocJson } from "../../gas/properties";
import { toLang } from "../../i18n";
import { IdAllocator } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import {
  type Buyer,
  Buyers,
  type FollowUp,
  FollowUps,
  Inquiries,
  Log,
  Quotes,
  Samples,
  Settings,
  Staff,
} from "../../store/schemas";
import { staffFacts } from "../../store/staff-facts";
import { emptyRecord, TableWriter } from "../../store/table";
import type { Actor } from "./common";
import { appendLog, MailedOnce, sameEmail } from "./common";
import { forwardTarget, handoverBuyer, leaverQuoteDrafts } from "./handover-mail";
import { StaffRefusal } from "./refusal";
import { HANDOVER_MARKER, type HandedBuyer } from "./texts";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface OffboardInput {
  email: string;
  /** One colleague to receive everything; else spread across active salespeople by load and region. */
  to?: string;
}

export interface OffboardReport {
  email: string;
  left: Date;
  receivers: { email: string; buyers: number; mail: "sent" | "already-sent" }[];
  buyers: number;
  inquiries: number;
  quotes: number;
  samples: number;
  dueFollowUps: number;
  /** Colleagues who still name the leaver as deputy (they should name someone else). */
  deputyOf: string[];
  problems: string[];
  logged: boolean;
  /**
   * Where the admin should forward mail still sent to the leaver (Settings handover.forwardMailTo), "" for
   * nowhere: Buyerbook cannot read another person's mailbox, so only a Gmail routing rule reaches it.
   */
  forwardMailTo: string;
}

const QUOTE_OPEN = new Set(["draft", "sent"]);
const ID_KEY = "ids.F";
/** How far back the Log is searched for this offboarding's report (it is written last, so it is near the end). */
const LOG_TAIL = 200;

function lower(text: string | undefined): string {
  return String(text ?? "")
    .trim()
    .toLowerCase();
}

/**
 * The handover entry's text. Its start is fixed English, machine-read by a rerun: who to whom, and whether the
 * buyer itself changed hands or only open work on a colleague's buyer did.
 */
export function handoverSummary(leaver: string, receiver: string, owned: boolean, lang: "en" | "zh-CN"): string {
  const what = owned ? OWNED : WORK_ONLY;
  const why = lang === "zh-CN" ? (owned ? "离职交接：客户及未完成事项" : "离职交接：未完成事项") : "left the company";
  return `Handover ${leaver} → ${receiver} (R29: ${what}) ${why}`;
}

const OWNED = "buyer and open work";
const WORK_ONLY = "open work only";
const JOURNAL = /^Handover (\S+) → (\S+) \(R29: ([a-z ]+)\)/;
/** Apps Script's words when a user opens a document they may no longer access. */
const NO_ACCESS = /do not have permission to access the requested document/i;

export function offboardStaff(book: Book, input: OffboardInput, actor: Actor, now: Date): OffboardReport {
  const leaver = lower(input.email);
  const to = input.to ? lower(input.to) : undefined;
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const staff = loadTable(book, Staff, tz);
  const me = staff.rows.find((r) => sameEmail(r.record.email, leaver))?.record;
  if (!me) throw new StaffRefusal("notStaff", "not-found", { email: leaver });
  if (sameEmail(leaver, actor.email)) throw new StaffRefusal("self", "denied");
  if (me.role === "boss" && actor.role !== "boss") throw new StaffRefusal("bossOnly", "denied");
  const facts = staff.rows.map((r) => staffFacts(r.record)).filter((s) => s.email !== "");
  const available = (email: string) => {
    const s = facts.find((f) => f.email === email);
    return !!s && s.email !== leaver && s.status === "active" && !isAway(s, now) && s.role !== "viewer";
  };
  if (to && !available(to)) throw new StaffRefusal("badReceiver", "invalid", { email: to });

  const buyers = loadTable(book, Buyers, tz);
  const inquiries = loadTable(book, Inquiries, tz);
  const quotes = loadTable(book, Quotes, tz);
  const samples = loadTable(book, Samples, tz);
  const followUps = loadTable(book, FollowUps, tz);

  // 1. Freeze at once.
  const left = me.left && me.status === "frozen" ? me.left : now;
  if (me.status !== "frozen" || !me.left) {
    const writer = new TableWriter(staff);
    writer.update(me.email, { status: "frozen", left });
    writer.commit();
  }
  forgetCachedTables();

  // 2. No access left: sharing and every protection.
  const problems: string[] = [];
  removeAccess(book, leaver, problems);

  // 3. The journal so far, and what is still theirs.
  const since = left.getTime() - 60_000;
  const journal = new Map<string, { receiver: string; owned: boolean }>();
  for (const { record } of followUps.rows) {
    if (record.kind !== "handover" || !record.at || record.at.getTime() < since) continue;
    const m = JOURNAL.exec(record.summary);
    if (m && lower(m[1]) === leaver)
      journal.set(record.buyerId || `inquiry:${record.inquiryId}`, { receiver: lower(m[2]), owned: m[3] === OWNED });
  }
  const units = new Map<string, HandoverUnit & { buyer?: Buyer; inquiryId?: string; ownerHere?: string }>();
  const buyerOf = (id: string) => buyers.byId.get(id)?.record;
  const addUnit = (key: string, buyer: Buyer | undefined, inquiryId?: string, country = "") => {
    if (units.has(key)) return;
    const owned = journal.get(key)?.owned ?? (!!buyer && lower(buyer.owner) === leaver);
    const ownerHere = buyer && !owned && available(lower(buyer.owner)) ? lower(buyer.owner) : undefined;
    units.set(key, {
      key,
      country: buyer?.country ?? country,
      region: buyer?.region ?? "",
      weight: owned ? 1 : 0,
      pinned: journal.get(key)?.receiver ?? ownerHere,
      buyer,
      inquiryId,
    });
  };
  for (const { record } of buyers.rows) if (lower(record.owner) === leaver) addUnit(record.id, record);
  for (const { record } of inquiries.rows) {
    if (record.status !== "new" || (lower(record.owner) !== leaver && lower(record.assignedTo) !== leaver)) continue;
    if (record.buyerId) addUnit(record.buyerId, buyerOf(record.buyerId));
    else addUnit(`inquiry:${record.id}`, undefined, record.id, record.country);
  }
  for (const { record } of quotes.rows)
    if (QUOTE_OPEN.has(record.status) && lower(record.by) === leaver && record.buyerId)
      addUnit(record.buyerId, buyerOf(record.buyerId));
  // Buyers journaled by an interrupted run are part of this handover even if already moved.
  for (const key of journal.keys()) {
    if (key.startsWith("inquiry:")) addUnit(key, undefined, key.slice("inquiry:".length));
    else addUnit(key, buyerOf(key));
  }

  const unitKeys = new Set(units.keys());
  const receivers: HandoverReceiver[] = facts
    .filter((s) => isSalesperson(s) && available(s.email))
    .map((s) => ({
      email: s.email,
      regions: s.regions,
      load: buyers.rows.filter((r) => lower(r.record.owner) === s.email && !unitKeys.has(r.record.id)).length,
    }));
  const needsPlan = [...units.values()].some((u) => !u.pinned);
  if (needsPlan && !to && receivers.length === 0) throw new StaffRefusal("noReceiver", "invalid");
  const plan = planHandover([...units.values()], receivers, to);

  // 4. Journal first (one batched write): each buyer's handover entry, carrying the due date on.
  const lang = config.lang;
  const fresh = [...units.values()].filter((u) => !journal.has(u.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (fresh.length > 0) {
    const ids = new IdAllocator(FollowUps, followUps as never, readDocJson<number>(ID_KEY, 0));
    const writer = new TableWriter(followUps);
    for (const u of fresh) {
      const receiver = plan.receiverOf.get(u.key)!;
      const entry: FollowUp = {
        ...emptyRecord(FollowUps),
        id: ids.take(),
        at: now,
        buyerId: u.buyer?.id ?? "",
        inquiryId: u.inquiryId ?? "",
        by: lower(actor.email),
        kind: "handover",
        summary: handoverSummary(leaver, receiver, u.weight > 0, lang),
        nextStep:
          lang === "zh-CN"
            ? "跟进客户，并说明负责人的变更"
            : "Follow up and explain the change of contact to the buyer",
        nextDue: u.buyer?.nextFollowUp ?? null,
      };
      writer.append(entry);
    }
    writer.commit();
    writeDocJson(ID_KEY, ids.last);
  }

  // Their unsent quotation drafts, named before the quotes move to the receivers (step 5).
  const unsentDrafts = leaverQuoteDrafts(leaver, quotes, tz);

  // 5. Move what is still theirs to the unit's receiver.
  const receiverOf = (key: string) => plan.receiverOf.get(key);
  const buyerWriter = new TableWriter(buyers);
  for (const u of units.values())
    if (u.buyer && lower(u.buyer.owner) === leaver) buyerWriter.update(u.buyer.id, { owner: receiverOf(u.key)! });
  const inquiryWriter = new TableWriter(inquiries);
  for (const { record } of inquiries.rows) {
    if (record.status !== "new") continue;
    const r = receiverOf(record.buyerId || `inquiry:${record.id}`);
    if (!r) continue;
    const changes: { owner?: string; assignedTo?: string } = {};
    if (lower(record.owner) === leaver) changes.owner = r;
    if (lower(record.assignedTo) === leaver) changes.assignedTo = r;
    if (changes.owner || changes.assignedTo) inquiryWriter.update(record.id, changes);
  }
  const quoteWriter = new TableWriter(quotes);
  for (const { record } of quotes.rows) {
    const r = receiverOf(record.buyerId);
    if (r && QUOTE_OPEN.has(record.status) && lower(record.by) === leaver) quoteWriter.update(record.id, { by: r });
  }
  for (const w of [buyerWriter, inquiryWriter, quoteWriter])
    for (const u of w.commit().unwritten) problems.push(`${u.id}: ${u.reason}`);

  // 6. What each receiver got (the end state, the same however many runs it took).
  const handed = new Map<string, HandedBuyer[]>();
  const report: OffboardReport = {
    email: leaver,
    left,
    receivers: [],
    buyers: 0,
    inquiries: 0,
    quotes: 0,
    samples: 0,
    dueFollowUps: 0,
    deputyOf: facts.filter((s) => s.deputy === leaver && s.status !== "frozen").map((s) => s.email),
    problems,
    logged: false,
    forwardMailTo: "",
  };
  const endOfToday = now.getTime();
  for (const u of [...units.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const receiver = receiverOf(u.key)!;
    const id = u.buyer?.id ?? u.inquiryId ?? "";
    const mine = (buyerId: string, inquiryId?: string) =>
      u.buyer ? buyerId === u.buyer.id : inquiryId === u.inquiryId;
    const line: HandedBuyer = {
      id,
      company: u.buyer?.company ?? "",
      country: u.buyer?.country ?? u.country,
      grade: u.buyer?.grade ?? "",
      inquiries: inquiries.rows.filter((r) => r.record.status === "new" && mine(r.record.buyerId, r.record.id)).length,
      quotes: u.buyer ? quotes.rows.filter((r) => QUOTE_OPEN.has(r.record.status) && mine(r.record.buyerId)).length : 0,
      samples: u.buyer ? samples.rows.filter((r) => !r.record.delivered && mine(r.record.buyerId)).length : 0,
      due: u.buyer?.nextFollowUp ? u.buyer.nextFollowUp.toISOString().slice(0, 10) : undefined,
    };
    if (u.weight > 0) report.buyers += 1;
    report.inquiries += line.inquiries;
    report.quotes += line.quotes;
    report.samples += line.samples;
    if (u.buyer?.nextFollowUp && u.buyer.nextFollowUp.getTime() <= endOfToday) report.dueFollowUps += 1;
    handed.set(receiver, [...(handed.get(receiver) ?? []), line]);
  }

  // 7. One mail per receiver, unless it is already in Sent: their buyers by name and company, the open work by
  // state, the leaver's unsent drafts, and where mail to the leaver's address goes from now on.
  const byEmail = new Map(staff.rows.map((r) => [lower(r.record.email), r.record]));
  const owned = new Map<string, number>();
  for (const u of units.values()) {
    const r = receiverOf(u.key)!;
    if (u.weight > 0) owned.set(r, (owned.get(r) ?? 0) + 1);
  }
  report.forwardMailTo = forwardTarget(config.reader.text("handover.forwardMailTo"), owned);
  const tables = { inquiries, quotes, samples, timeZone: tz };
  const marker = `${HANDOVER_MARKER} ${leaver}`;
  const mailed = new MailedOnce(`staff.handover.${leaver}`, left.toISOString());
  let url: string | undefined;
  const bookUrl = () => {
    url = url ?? book.getUrl();
    return url;
  };
  for (const receiver of [...handed.keys()].sort()) {
    const list = handed.get(receiver)!;
    const person = byEmail.get(receiver);
    const theirs = [...units.values()].filter((u) => receiverOf(u.key) === receiver);
    const sent = mailed.send(receiver, marker, new Date(since), () => {
      const buyerFacts = theirs.map((u) => handoverBuyer(u, tables));
      const factsOf = (buyerId: string) => buyerFacts.find((b) => b.id === buyerId);
      return handoverMail({
        lang: toLang(person?.language || config.lang),
        receiverName: person?.name || receiver,
        leaverName: me.name,
        leaverEmail: leaver,
        url: bookUrl(),
        buyers: buyerFacts,
        introDrafts: theirs.some((u) => u.weight > 0 && !!u.buyer?.email),
        leaverDrafts: unsentDrafts
          .filter((d) => factsOf(d.buyerId))
          .map((d) => ({ number: d.id, date: d.date, buyer: factsOf(d.buyerId)! })),
        forwardTo: report.forwardMailTo,
      });
    });
    report.receivers.push({ email: receiver, buyers: list.length, mail: sent ? "sent" : "already-sent" });
  }
  mailed.save();

  // 8. The one report row in the Log, unless a previous run already wrote it.
  if (!reportLogged(book, leaver, since)) {
    appendLog(book, [
      { at: now, user: lower(actor.email), action: "offboard", target: leaver, detail: describe(report) },
    ]);
    report.logged = true;
  }
  return report;
}

/** Removes `email` from the spreadsheet's editors and viewers and from every protection (R29). */
function removeAccess(book: Book, email: string, problems: string[]): void {
  const owner = lower(book.getOwner()?.getEmail());
  if (owner === email) problems.push(`${email} owns the spreadsheet and keeps access until ownership moves in Drive`);
  else {
    if (book.getEditors().some((u) => lower(u.getEmail()) === email)) book.removeEditor(email);
    if (book.getViewers().some((u) => lower(u.getEmail()) === email)) book.removeViewer(email);
  }
  for (const type of [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE]) {
    for (const p of book.getProtections(type)) {
      if (p.getEditors().some((u) => lower(u.getEmail()) === email)) p.removeEditor(email);
    }
  }
}

function reportLogged(book: Book, leaver: string, since: number): boolean {
  const sheet = book.getSheetByName(Log.name);
  if (!sheet) return false;
  const last = sheet.getLastRow();
  if (last < 2) return false;
  const from = Math.max(2, last - LOG_TAIL + 1);
  const width = Log.columns.length;
  const rows = sheet.getRange(from, 1, last - from + 1, width).getValues();
  const col = (key: string) => Log.columns.findIndex((c) => c.key === key);
  return rows.some((r) => {
    const at = r[col("at")];
    return (
      r[col("action")] === "offboard" &&
      lower(String(r[col("target")])) === leaver &&
      at instanceof Date &&
      at.getTime() >= since
    );
  });
}

function describe(r: OffboardReport): string {
  const receivers = r.receivers.map((x) => `${x.email} ${x.buyers}`).join(", ") || "none";
  const parts = [
    `frozen since ${r.left.toISOString()}; spreadsheet and protections no longer open to them`,
    `buyers ${r.buyers} handed to: ${receivers}`,
    `open inquiries ${r.inquiries}, quotes ${r.quotes}, samples ${r.samples}, due follow-ups ${r.dueFollowUps}`,
    `each receiver told by mail (R29)`,
  ];
  if (r.deputyOf.length > 0) parts.push(`still named as deputy by: ${r.deputyOf.join(", ")}`);
  if (r.problems.length > 0) parts.push(`problems: ${r.problems.join("; ")}`);
  return parts.join("; ");
}

/**
 * The add-on's book for a trigger, or undefined when its owner can no longer open it (offboarded, R29):
 * then all their triggers here are removed, so a former colleague's heartbeat stops for good.
 */
export function bookOrRetire(): Book | undefined {
  try {
    return SpreadsheetApp.getActiveSpreadsheet() ?? undefined;
  } catch (e) {
    if (!NO_ACCESS.test(String((e as Error).message))) throw e;
    for (const trigger of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(trigger);
    return undefined;
  }
}
