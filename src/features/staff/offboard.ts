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

import { type Config, readConfig } from "../../app/config";
import { forgetCachedTables } from "../../app/context";
import { type HandoverReceiver, type HandoverUnit, planHandover } from "../../domain/handover";
import { handoverMail } from "../../domain/handover-text";
import { isAway, isSalesperson, type StaffFacts } from "../../domain/routing";
import { activeBookIfAny } from "../../gas/book";
import { rangeProtections, sheetProtections } from "../../gas/protection";
import { removeAllMyTriggers } from "../../gas/triggers";
import { toLang } from "../../i18n";
import { IdCounter } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
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
  type StaffMember,
} from "../../store/schemas";
import { staffFacts } from "../../store/staff-facts";
import { emptyRecord, type Table, TableWriter } from "../../store/table";
import type { Actor } from "./common";
import { MailedOnce, sameEmail } from "./common";
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
  return `Handover ${leaver} → ${receiver} (${what}) ${why}`;
}

const OWNED = "buyer and open work";
const WORK_ONLY = "open work only";
// Books written before the journal lost its rule tag still carry "(R29: …)".
const JOURNAL = /^Handover (\S+) → (\S+) \((?:R29: )?([a-z ]+)\)/;
/** Apps Script's words when a user opens a document they may no longer access. */
const NO_ACCESS = /do not have permission to access the requested document/i;

/** What the offboarding reads once and every phase works from. */
interface Offboarding {
  book: Book;
  leaver: string;
  /** The one receiver named by the caller, if any. */
  to?: string;
  actor: Actor;
  now: Date;
  config: Config;
  me: StaffMember;
  staff: Table<typeof Staff>;
  facts: StaffFacts[];
  /** Whether a colleague can receive work now: active, not away, not the leaver, not a viewer. */
  available: (email: string) => boolean;
  buyers: Table<typeof Buyers>;
  inquiries: Table<typeof Inquiries>;
  quotes: Table<typeof Quotes>;
  samples: Table<typeof Samples>;
  followUps: Table<typeof FollowUps>;
}

type Unit = HandoverUnit & { buyer?: Buyer; inquiryId?: string; ownerHere?: string };

/** Who gets what: the units still to hand over, the ones a previous run journaled, and the plan. */
interface Handover {
  units: Map<string, Unit>;
  journal: Map<string, { receiver: string; owned: boolean }>;
  receiverOf: (key: string) => string | undefined;
  /** Handover entries older than this belong to an earlier offboarding of the same person. */
  since: number;
}

export function offboardStaff(book: Book, input: OffboardInput, actor: Actor, now: Date): OffboardReport {
  const o = readOffboarding(book, input, actor, now);
  const left = freeze(o);
  const problems: string[] = [];
  removeAccess(book, o.leaver, problems);
  const handover = planUnits(o, left);
  writeJournal(o, handover);
  // Their unsent quotation drafts, named before the quotes move to the receivers.
  const unsentDrafts = leaverQuoteDrafts(o.leaver, o.quotes, o.config.timeZone);
  moveOwnership(o, handover, problems);
  const { report, handed } = summarize(o, handover, left, problems);
  tellReceivers(o, handover, handed, left, report, unsentDrafts);
  // The one report row in the Log, unless a previous run already wrote it.
  if (!reportLogged(book, o.leaver, handover.since)) {
    appendLog(book, [
      { at: now, user: lower(actor.email), action: "offboard", target: o.leaver, detail: describe(report) },
    ]);
    report.logged = true;
  }
  return report;
}

/** Reads what the offboarding needs and refuses what it must not do (unknown person, oneself, the boss). */
function readOffboarding(book: Book, input: OffboardInput, actor: Actor, now: Date): Offboarding {
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
  return {
    book,
    leaver,
    to,
    actor,
    now,
    config,
    me,
    staff,
    facts,
    available,
    buyers: loadTable(book, Buyers, tz),
    inquiries: loadTable(book, Inquiries, tz),
    quotes: loadTable(book, Quotes, tz),
    samples: loadTable(book, Samples, tz),
    followUps: loadTable(book, FollowUps, tz),
  };
}

/** Freezes the leaver at once (a rerun keeps the first leave date); returns that date. */
function freeze(o: Offboarding): Date {
  const { me, now } = o;
  const left = me.left && me.status === "frozen" ? me.left : now;
  if (me.status !== "frozen" || !me.left) {
    const writer = new TableWriter(o.staff);
    writer.update(me.email, { status: "frozen", left });
    writer.commit();
  }
  forgetCachedTables();
  return left;
}

/** The journal so far, what is still theirs, and who receives each unit. */
function planUnits(o: Offboarding, left: Date): Handover {
  const { leaver, buyers, inquiries, quotes, available } = o;
  const since = left.getTime() - 60_000;
  const journal = new Map<string, { receiver: string; owned: boolean }>();
  for (const { record } of o.followUps.rows) {
    if (record.kind !== "handover" || !record.at || record.at.getTime() < since) continue;
    const m = JOURNAL.exec(record.summary);
    if (m && lower(m[1]) === leaver)
      journal.set(record.buyerId || `inquiry:${record.inquiryId}`, { receiver: lower(m[2]), owned: m[3] === OWNED });
  }
  const units = new Map<string, Unit>();
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
  const receivers: HandoverReceiver[] = o.facts
    .filter((s) => isSalesperson(s) && available(s.email))
    .map((s) => ({
      email: s.email,
      regions: s.regions,
      load: buyers.rows.filter((r) => lower(r.record.owner) === s.email && !unitKeys.has(r.record.id)).length,
    }));
  const needsPlan = [...units.values()].some((u) => !u.pinned);
  if (needsPlan && !o.to && receivers.length === 0) throw new StaffRefusal("noReceiver", "invalid");
  const plan = planHandover([...units.values()], receivers, o.to);
  return { units, journal, receiverOf: (key) => plan.receiverOf.get(key), since };
}

/** The journal first (one batched write): each unit's handover entry, carrying the due date on. */
function writeJournal(o: Offboarding, h: Handover): void {
  const lang = o.config.lang;
  const fresh = [...h.units.values()].filter((u) => !h.journal.has(u.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (fresh.length === 0) return;
  const ids = IdCounter.open(FollowUps, o.followUps.byId.keys());
  const writer = new TableWriter(o.followUps);
  for (const u of fresh) {
    const receiver = h.receiverOf(u.key)!;
    const entry: FollowUp = {
      ...emptyRecord(FollowUps),
      id: ids.take(),
      at: o.now,
      buyerId: u.buyer?.id ?? "",
      inquiryId: u.inquiryId ?? "",
      by: lower(o.actor.email),
      kind: "handover",
      summary: handoverSummary(o.leaver, receiver, u.weight > 0, lang),
      nextStep:
        lang === "zh-CN" ? "跟进客户，并说明负责人的变更" : "Follow up and explain the change of contact to the buyer",
      nextDue: u.buyer?.nextFollowUp ?? null,
    };
    writer.append(entry);
  }
  writer.commit();
  ids.save();
}

/** Moves what is still theirs (buyers, open inquiries, open quotes) to each unit's receiver. */
function moveOwnership(o: Offboarding, h: Handover, problems: string[]): void {
  const { leaver } = o;
  const buyerWriter = new TableWriter(o.buyers);
  for (const u of h.units.values())
    if (u.buyer && lower(u.buyer.owner) === leaver) buyerWriter.update(u.buyer.id, { owner: h.receiverOf(u.key)! });
  const inquiryWriter = new TableWriter(o.inquiries);
  for (const { record } of o.inquiries.rows) {
    if (record.status !== "new") continue;
    const r = h.receiverOf(record.buyerId || `inquiry:${record.id}`);
    if (!r) continue;
    const changes: { owner?: string; assignedTo?: string } = {};
    if (lower(record.owner) === leaver) changes.owner = r;
    if (lower(record.assignedTo) === leaver) changes.assignedTo = r;
    if (changes.owner || changes.assignedTo) inquiryWriter.update(record.id, changes);
  }
  const quoteWriter = new TableWriter(o.quotes);
  for (const { record } of o.quotes.rows) {
    const r = h.receiverOf(record.buyerId);
    if (r && QUOTE_OPEN.has(record.status) && lower(record.by) === leaver) quoteWriter.update(record.id, { by: r });
  }
  for (const w of [buyerWriter, inquiryWriter, quoteWriter])
    for (const u of w.commit().unwritten) problems.push(`${u.id}: ${u.reason}`);
}

/** What each receiver got: the end state, the same however many runs it took. */
function summarize(
  o: Offboarding,
  h: Handover,
  left: Date,
  problems: string[],
): { report: OffboardReport; handed: Map<string, HandedBuyer[]> } {
  const { inquiries, quotes, samples } = o;
  const handed = new Map<string, HandedBuyer[]>();
  const report: OffboardReport = {
    email: o.leaver,
    left,
    receivers: [],
    buyers: 0,
    inquiries: 0,
    quotes: 0,
    samples: 0,
    dueFollowUps: 0,
    deputyOf: o.facts.filter((s) => s.deputy === o.leaver && s.status !== "frozen").map((s) => s.email),
    problems,
    logged: false,
    forwardMailTo: "",
  };
  const endOfToday = o.now.getTime();
  for (const u of [...h.units.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const receiver = h.receiverOf(u.key)!;
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
  return { report, handed };
}

/**
 * One mail per receiver, unless it is already in Sent: their buyers by name and company, the open work by
 * state, the leaver's unsent drafts, and where mail to the leaver's address goes from now on.
 */
function tellReceivers(
  o: Offboarding,
  h: Handover,
  handed: Map<string, HandedBuyer[]>,
  left: Date,
  report: OffboardReport,
  unsentDrafts: ReturnType<typeof leaverQuoteDrafts>,
): void {
  const byEmail = new Map(o.staff.rows.map((r) => [lower(r.record.email), r.record]));
  const marker = `${HANDOVER_MARKER} ${o.leaver}`;
  const mailed = new MailedOnce(`staff.handover.${o.leaver}`, left.toISOString());
  let url: string | undefined;
  const bookUrl = () => {
    url = url ?? o.book.getUrl();
    return url;
  };
  const owned = new Map<string, number>();
  for (const u of h.units.values()) {
    const r = h.receiverOf(u.key)!;
    if (u.weight > 0) owned.set(r, (owned.get(r) ?? 0) + 1);
  }
  report.forwardMailTo = forwardTarget(o.config.reader.text("handover.forwardMailTo"), owned);
  const tables = { inquiries: o.inquiries, quotes: o.quotes, samples: o.samples, timeZone: o.config.timeZone };
  for (const receiver of [...handed.keys()].sort()) {
    const list = handed.get(receiver)!;
    const person = byEmail.get(receiver);
    const theirs = [...h.units.values()].filter((u) => h.receiverOf(u.key) === receiver);
    const sent = mailed.send(receiver, marker, new Date(h.since), () => {
      const buyers = theirs.map((u) => handoverBuyer(u, tables));
      const factsOf = (buyerId: string) => buyers.find((b) => b.id === buyerId);
      return handoverMail({
        lang: toLang(person?.language || o.config.lang),
        receiverName: person?.name || receiver,
        leaverName: o.me.name,
        leaverEmail: o.leaver,
        url: bookUrl(),
        buyers,
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
}

/** Removes `email` from the spreadsheet's editors and viewers and from every protection (R29). */
function removeAccess(book: Book, email: string, problems: string[]): void {
  const owner = lower(book.getOwner()?.getEmail());
  if (owner === email) problems.push(`${email} owns the spreadsheet and keeps access until ownership moves in Drive`);
  else {
    if (book.getEditors().some((u) => lower(u.getEmail()) === email)) book.removeEditor(email);
    if (book.getViewers().some((u) => lower(u.getEmail()) === email)) book.removeViewer(email);
  }
  for (const p of [...sheetProtections(book), ...rangeProtections(book)]) {
    if (p.getEditors().some((u) => lower(u.getEmail()) === email)) p.removeEditor(email);
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
    `each receiver told by mail`,
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
    return activeBookIfAny();
  } catch (e) {
    if (!NO_ACCESS.test(String((e as Error).message))) throw e;
    removeAllMyTriggers();
    return undefined;
  }
}
