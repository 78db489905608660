import type { Budget } from "../../app/budget";
import { type Config, dateTextParser, describeIssue, readConfig } from "../../app/config";
import { type Classification, classify, type MailFacts } from "../../domain/classify";
import {
  buildBuyerIndex,
  companyDomain,
  isFreeMail,
  matchSender,
  normalizeCompany,
  normalizeEmail,
} from "../../domain/matching";
import {
  compilePlatformRules,
  DEFAULT_PLATFORM_RULES,
  type PlatformField,
  type PlatformRule,
} from "../../domain/platforms";
import { canonicalCountry, regionOf } from "../../domain/regions";
import { chooseOwner, type RoutingRule } from "../../domain/routing";
import { replyDue, responseHours } from "../../domain/sla";
import { extractQuantity, guessLanguage, summarize } from "../../domain/text";
import { missingSheet } from "../../gas/book";
import {
  IMPORTED_LABEL,
  importedLabel,
  labelThreads,
  messageFacts,
  messagesOfThreads,
  normalizeMessageId,
  SEARCH_PAGE,
  searchThreads,
} from "../../gas/mail";
import { readDocJson, writeDocJson } from "../../gas/properties";
import type { SheetSpec } from "../../store/columns";
import { IdCounter } from "../../store/ids";
import type { loadTable } from "../../store/load-table";
import { LogWriter } from "../../store/log";
import { type Buyer, Buyers, Inquiries, type Inquiry, Log } from "../../store/schemas";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { staffList } from "../../store/staff-facts";
import { emptyRecord, type ReadOptions, readTable, readTableColumns, TableWriter } from "../../store/table";
import { nextFollowUpDate } from "../desk";
import { applyUnsubscribes, isUnsubscribeRequest } from "../outreach";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Thread = GoogleAppsScript.Gmail.GmailThread;

export interface PullResult {
  mailbox: string;
  threads: number;
  messages: number;
  newBuyers: number;
  newInquiries: number;
  repliesMatched: number;
  possibleDuplicates: number;
  /** Buyers marked unsubscribed because they wrote asking to stop campaign mail (R24). */
  unsubscribed: number;
  alreadyImported: number;
  skipped: Record<string, number>;
  overdueFlagged: number;
  /** Problems that did not stop the pull: bad Settings values, cells a person typed, unwritable rows. */
  problems: string[];
  /** True when the time budget stopped the run before every thread; the next run continues. */
  partial: boolean;
  labelled: number;
}

export interface PullOptions {
  book: Book;
  mailbox: string;
  now: Date;
  budget: Budget;
  /** How far back unimported mail is looked for. */
  lookbackDays?: number;
  progress?: (done: number, total: number) => void;
}

const WATERMARK_KEY = "pull.watermark.";
/**
 * The pull is held to a Sheets call count (at most 20 whatever the mail count). Its calls: the sheet
 * listing; Settings, Staff, Rules and Routing from the document cache (small-tables.ts: none when a run or a
 * click in the last 300 s left them there, else an extent and a read each); Buyers' extent and one read; the
 * Inquiries extent, header and its needed
 * columns in INQUIRY_COLUMN_READS reads; then per written sheet one read + one write for updates (the block's
 * ID column proves the rows, see TableWriter) and, for appends, one fresh getLastRow, one insert right under
 * it and the formats + values. The Log adds its header read and its appends only when something was skipped.
 */
const WRITES = { insertAfterLastRow: true };
/**
 * Inquiries' needed columns fall in four runs on the standard layout; reading the one-column gap between the
 * last two (Response hours) costs ~1 s of cells at 100,000 rows and saves a call. Fewer runs would read whole
 * columns of text (Grade, Reply target: ~2 s more for the next call saved).
 */
const INQUIRY_COLUMN_READS = 3;
/** Imported threads are re-read this long for new messages (a buyer's follow-up, our reply). */
const RECENT_DAYS = 3;
/** Each thread is modeled at ~1.5 s of Gmail work in the worst case; keep that much budget in hand. */
const THREAD_RESERVE_MS = 1500;

/**
 * One pull of one mailbox (C2, R6): every new message becomes an inquiry matched to its buyer (R21, R22) or
 * is counted and logged as skipped; our replies set response times (R7, R8, R26). Rows are written first,
 * the Gmail label after, so a failure anywhere leaves mail to be picked up again, never imported twice.
 */
export function pullMailbox(options: PullOptions): PullResult {
  const { book, now, budget } = options;
  const mailbox = options.mailbox.toLowerCase();
  // One listing of the sheets; the small tables from the document cache (no Sheets call when warm), then one
  // read per big sheet (Inquiries: only the columns the pull uses).
  const sheets = new Map(book.getSheets().map((sheet) => [sheet.getName(), sheet]));
  const small = loadSmallTables(book, { intake: true, sheetByName: (name) => sheets.get(name) });
  const config = readConfig(asTable(small.settings));
  const tz = config.timeZone;
  const staff = asTable(small.staff);
  const buyers = readTable(required(sheets, Buyers), Buyers, dateOptions(tz));
  const inquiries = readTableColumns(required(sheets, Inquiries), Inquiries, INQUIRY_KEYS, dateOptions(tz), {
    maxColumnReads: INQUIRY_COLUMN_READS,
  });

  const result: PullResult = {
    mailbox,
    threads: 0,
    messages: 0,
    newBuyers: 0,
    newInquiries: 0,
    repliesMatched: 0,
    possibleDuplicates: 0,
    unsubscribed: 0,
    alreadyImported: 0,
    skipped: {},
    overdueFlagged: 0,
    problems: [...config.problems, ...[staff, buyers, inquiries].flatMap((t) => t.issues.map(describeIssue))],
    partial: false,
    labelled: 0,
  };

  const platformRules = platformRulesFrom(small.rules?.records, result.problems);
  const routingRules: RoutingRule[] = (small.routing?.records ?? [])
    .filter((r) => r.to !== "")
    .map((r) => ({
      match: { country: r.country || undefined, region: r.region || undefined, product: r.product || undefined },
      to: r.to.toLowerCase(),
    }));
  const team = staffList(staff);
  const staffAddresses = new Set([...team.map((s) => s.email), mailbox]);
  const isOurs = (address: string) => {
    const a = address.toLowerCase();
    return staffAddresses.has(a) || config.ownDomains.some((d) => a.endsWith(`@${d}`) || a.endsWith(`.${d}`));
  };

  const watermark = readDocJson<number>(WATERMARK_KEY + mailbox, 0);
  const searchStartedAt = now.getTime();
  const lookback = options.lookbackDays ?? 30;
  const fresh = withIds(searchThreads(`in:inbox -label:${labelQuery()} newer_than:${lookback}d`));
  const recent = watermark > 0 ? withIds(searchThreads(`label:${labelQuery()} newer_than:${RECENT_DAYS}d`)) : [];
  const freshIds = new Set(fresh.map((t) => t.id));
  // An imported thread is fetched again only when it has a message since the last pull (one cheap accessor
  // per thread instead of every message's fields): the steady state is hundreds of quiet imported threads.
  const changed = recent.filter((t) => !freshIds.has(t.id) && t.thread.getLastMessageDate().getTime() > watermark);
  const listed = [...fresh, ...changed];
  const threads: Thread[] = listed.map((t) => t.thread);
  // A full search page may leave more behind: the next run continues, and the watermark stays where it was
  // so nothing after it is skipped in threads this run did not reach.
  const more = fresh.length >= SEARCH_PAGE || recent.length >= SEARCH_PAGE;
  if (fresh.length >= SEARCH_PAGE) result.partial = true;
  const advanceWatermark = () => {
    if (!result.partial && !more) writeDocJson(WATERMARK_KEY + mailbox, searchStartedAt);
  };
  if (threads.length === 0) {
    flagOverdue(inquiries, now, result);
    commitAll(result, [new TableWriter(inquiries, WRITES)], [advanceWatermark]);
    return result;
  }
  const threadMessages = messagesOfThreads(threads);

  const buyerWriter = new TableWriter(buyers, WRITES);
  const inquiryWriter = new TableWriter(inquiries, WRITES);
  // The Log's header is read only when there is something to log (a pull of plain inquiries logs nothing).
  const log = new LogWriter(book, { sheet: sheets.get(Log.name) ?? null, writer: WRITES });
  const buyerIds = IdCounter.open(Buyers, buyers.byId.keys());
  const inquiryIds = IdCounter.open(Inquiries, inquiries.byId.keys());
  const index = buildBuyerIndex(
    buyers.rows.map(({ record: b }) => ({
      id: b.id,
      email: b.email,
      // Most buyers have one address: no list to allocate for them.
      emails: b.otherEmails ? b.otherEmails.split(/[,;\s]+/).filter((x) => x !== "") : undefined,
      company: b.company,
      website: b.website,
      phone: b.phone,
      name: b.name,
    })),
  );
  /** Buyers entered in this run, not in the index yet: a colleague's mail later in the run still finds them. */
  const newBuyers = new Map<string, Buyer>();
  const newBuyerByEmail = new Map<string, string>();
  const newBuyerByDomain = new Map<string, string>();
  const newBuyerByCompany = new Map<string, string>();
  /** Imported messages by Gmail id and by RFC Message-ID: a copy in a colleague's mailbox (CC) is the same inquiry. */
  const byMessageId = new Map<string, Inquiry>();
  const byRfcId = new Map<string, Inquiry>();
  for (const { record } of inquiries.rows) {
    if (record.gmailMessageId) byMessageId.set(record.gmailMessageId, record);
    if (record.rfcMessageId) byRfcId.set(normalizeMessageId(record.rfcMessageId), record);
  }
  // Open load is carried by whoever handles the inquiry (the deputy covering for someone away), as in this run.
  const openLoad = new Map<string, number>();
  for (const { record } of inquiries.rows) {
    const handler = record.assignedTo || record.owner;
    if (record.status === "new" && handler) openLoad.set(handler, (openLoad.get(handler) ?? 0) + 1);
  }
  /** Inquiries by Gmail thread, so our reply in a thread answers the buyer messages before it. */
  const byThread = new Map<string, Inquiry[]>();
  for (const { record } of inquiries.rows) {
    if (!record.gmailThreadId) continue;
    const list = byThread.get(record.gmailThreadId) ?? [];
    list.push(record);
    byThread.set(record.gmailThreadId, list);
  }
  /** Threads imported by earlier runs: their messages up to the last completed pull were handled then. */
  const importedThreads = new Set(byThread.keys());
  /** Senders who asked to stop campaign mail in this run (R24). */
  const unsubscribeFrom: string[] = [];

  const done: Thread[] = [];
  for (let i = 0; i < threads.length; i += 1) {
    if (!budget.has(THREAD_RESERVE_MS)) {
      result.partial = true;
      break;
    }
    const { thread, id: threadId } = listed[i];
    const isFresh = freshIds.has(threadId);
    // A buyer's new message puts an imported thread back in the inbox search (labels are per message); read
    // only what came after the last completed pull there, so our old replies are not counted again.
    const since = isFresh && !importedThreads.has(threadId) ? Number.NEGATIVE_INFINITY : watermark;
    const messages = [...threadMessages[i]]
      .filter((m) => since === Number.NEGATIVE_INFINITY || m.getDate().getTime() > since)
      .map((m) => messageFacts(m, threadId, mailbox))
      .sort((a, b) => a.date.getTime() - b.date.getTime());
    for (const facts of messages) {
      result.messages += 1;
      const kind = classify(facts, {
        staffAddresses,
        ownDomains: config.ownDomains,
        ignoreList: config.ignoreList,
        platformRules,
      });
      if (kind.kind === "own") {
        // Our reply answers the thread's open inquiries (R7, R8); our other mail is counted, never imported.
        if (matchReply(facts, answeredBy(facts, threadId), config, inquiryWriter, result) === 0)
          skip(facts, "own", kind.why);
        continue;
      }
      if (kind.kind === "skip") {
        skip(facts, kind.reason, kind.why);
        continue;
      }
      const rfcId = facts.rfcMessageId;
      const known = byMessageId.get(facts.messageId) ?? (rfcId ? byRfcId.get(rfcId) : undefined);
      if (known) {
        // This mailbox's copy of an imported message: our replies in this copy's thread answer it too.
        result.alreadyImported += 1;
        addToThread(threadId, known);
        continue;
      }
      const inquiry = importInquiry(facts, kind);
      // R24: a buyer who writes "unsubscribe" gets no more campaign mail. The message is still imported as an
      // inquiry like any other: the buyer asked us something (to stop), so it stays on the desk with its reply
      // clock, and whatever else they wrote in it is not lost in a skip count. Only a buyer's own e-mail counts;
      // a platform notification's footer ("unsubscribe from these alerts") speaks for the platform.
      if (kind.kind === "inquiry" && inquiry.fromEmail && isUnsubscribeRequest(facts.subject, facts.plainBody))
        unsubscribeFrom.push(inquiry.fromEmail);
      byMessageId.set(facts.messageId, inquiry);
      if (rfcId) byRfcId.set(rfcId, inquiry);
      addToThread(threadId, inquiry);
    }
    if (isFresh) done.push(thread);
    options.progress?.(i + 1, threads.length);
  }

  function skip(facts: MailFacts, reason: string, why: string): void {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
    log.append({
      at: now,
      user: mailbox,
      action: "intake.skip",
      target: facts.rfcMessageId || facts.messageId,
      detail: `${reason}: ${why} | from ${facts.from?.address ?? "(none)"} | ${facts.subject.slice(0, 500)}`,
    });
  }

  /**
   * The inquiries our message may answer: those of its Gmail thread, and those it names in In-Reply-To or
   * References (a colleague's reply from their own mailbox sits in another Gmail thread than the imported copy).
   */
  function answeredBy(facts: MailFacts, threadId: string): Inquiry[] {
    const found = [...(byThread.get(threadId) ?? [])];
    const named = `${facts.headers["in-reply-to"] ?? ""} ${facts.headers.references ?? ""}`.match(/<[^<>\s]+>/g) ?? [];
    for (const id of named) {
      const inquiry = byRfcId.get(normalizeMessageId(id));
      if (inquiry && !found.includes(inquiry)) found.push(inquiry);
    }
    return found;
  }

  function addToThread(threadId: string, inquiry: Inquiry): void {
    const list = byThread.get(threadId) ?? [];
    if (!list.includes(inquiry)) list.push(inquiry);
    byThread.set(threadId, list);
  }

  function importInquiry(facts: MailFacts, kind: Exclude<Classification, { kind: "own" } | { kind: "skip" }>): Inquiry {
    const parsed = kind.kind === "platform" ? kind.parsed : {};
    // Reply-To names the buyer when a gateway sends for them, unless it points back at us. A platform
    // notification's sender is the platform itself: its buyer has only the address the body gives.
    const replyTo = facts.replyTo && !isOurs(facts.replyTo) ? facts.replyTo : "";
    const address = normalizeEmail(
      kind.kind === "platform" ? parsed.email || "" : replyTo || facts.from?.address || "",
    );
    const name = parsed.buyerName || facts.from?.name || "";
    const company = parsed.company || "";
    const country = canonicalCountry(parsed.country || "");
    const text = parsed.message || facts.plainBody;
    const product = parsed.product || "";
    const quantity = parsed.quantity || extractQuantity(text)?.text || "";
    let buyerId = address ? newBuyerByEmail.get(address) : undefined;
    let duplicateOf = "";
    if (!buyerId) {
      const match = matchSender(index, { address, name, company });
      if (match.kind === "email" || match.kind === "domain" || match.kind === "company") {
        buyerId = match.buyerId;
        if (match.kind !== "email" && address) addAddress(buyerId, address);
      } else {
        buyerId = enteredThisRun(address, company);
        if (buyerId && address) addAddress(buyerId, address);
        else if (match.kind === "weak") duplicateOf = match.candidates.map((c) => c.buyerId).join(", ");
      }
    }
    const existing = buyerId ? (buyers.byId.get(buyerId)?.record ?? newBuyers.get(buyerId)) : undefined;
    const region = regionOf(country || existing?.country || "");
    const decision = chooseOwner({
      buyerOwner: existing?.owner || undefined,
      country: country || existing?.country || "",
      region: region || existing?.region || undefined,
      product: product || undefined,
      staff: team,
      rules: routingRules,
      openLoad,
      now,
    });
    if (!buyerId) {
      buyerId = buyerIds.take();
      const buyer: Buyer = {
        ...emptyRecord(Buyers),
        id: buyerId,
        company,
        name,
        email: address,
        country,
        region,
        source: sourceOf(kind),
        owner: decision.owner,
        status: "active",
        products: product,
        created: facts.date,
        nextFollowUp: nextFollowUpDate(facts.date, "", config),
        duplicateOf: duplicateOf ? `possible duplicate of ${duplicateOf}` : "",
        notes: "",
      };
      buyerWriter.append(buyer);
      newBuyers.set(buyerId, buyer);
      if (address) newBuyerByEmail.set(address, buyerId);
      const domain = companyDomain(address);
      if (domain && !isFreeMail(domain) && !newBuyerByDomain.has(domain)) newBuyerByDomain.set(domain, buyerId);
      const companyKey = normalizeCompany(company);
      if (companyKey && !newBuyerByCompany.has(companyKey)) newBuyerByCompany.set(companyKey, buyerId);
      result.newBuyers += 1;
      if (duplicateOf) result.possibleDuplicates += 1;
    } else if (existing) {
      const changes: Partial<Buyer> = {};
      if (product && !existing.products.toLowerCase().includes(product.toLowerCase()))
        changes.products = existing.products ? `${existing.products}; ${product}` : product;
      if (!existing.owner && decision.owner) changes.owner = decision.owner;
      if (!existing.country && country) {
        changes.country = country;
        changes.region = region;
      }
      if (Object.keys(changes).length > 0) buyerWriter.update(existing.id, changes);
    }
    if (decision.assignedTo) openLoad.set(decision.assignedTo, (openLoad.get(decision.assignedTo) ?? 0) + 1);
    const due = replyDue(facts.date, kind.channel, config.sla);
    const inquiry: Inquiry = {
      ...emptyRecord(Inquiries),
      id: inquiryIds.take(),
      receivedAt: facts.date,
      channel: kind.channel,
      source: sourceOf(kind),
      mailbox,
      buyerId,
      fromName: name,
      fromEmail: address,
      subject: facts.subject,
      summary: summarize(text, 500),
      product,
      quantity,
      country: country || existing?.country || "",
      language: guessLanguage(`${facts.subject}\n${text}`),
      owner: decision.owner,
      assignedTo: decision.assignedTo,
      status: "new",
      grade: "",
      targetAt: due.targetAt,
      limitAt: due.limitAt,
      overdue: now.getTime() > due.limitAt.getTime(),
      gmailMessageId: facts.messageId,
      gmailThreadId: facts.threadId,
      rfcMessageId: facts.rfcMessageId,
    };
    inquiryWriter.append(inquiry);
    result.newInquiries += 1;
    return inquiry;
  }

  /** R22 for buyers entered earlier in this run: same company domain (never free mail), or same company name. */
  function enteredThisRun(address: string, company: string): string | undefined {
    const domain = companyDomain(address);
    const byDomain = domain && !isFreeMail(domain) ? newBuyerByDomain.get(domain) : undefined;
    const companyKey = normalizeCompany(company);
    return byDomain ?? (companyKey ? newBuyerByCompany.get(companyKey) : undefined);
  }

  function addAddress(buyerId: string, address: string): void {
    const b = buyers.byId.get(buyerId)?.record ?? newBuyers.get(buyerId);
    if (!b || normalizeEmail(b.email) === address) return;
    const others = b.otherEmails.split(/[,;\s]+/).filter((x) => x !== "");
    if (others.map(normalizeEmail).includes(address)) return;
    if (!b.email) buyerWriter.update(buyerId, { email: address });
    else buyerWriter.update(buyerId, { otherEmails: [...others, address].join(", ") });
    newBuyerByEmail.set(address, buyerId);
  }

  if (unsubscribeFrom.length > 0) {
    // The pull's own Buyers table and writer (no second read); buyers entered in this run are pending
    // appends of that writer, so they are offered too and marked before they are written.
    const entered = [...newBuyers.values()].map((record) => ({ row: 0, record, bad: new Set<string>() }));
    const withNew = { ...buyers, rows: [...buyers.rows, ...entered] };
    result.unsubscribed = applyUnsubscribes(withNew, buyerWriter, unsubscribeFrom, now, tz).length;
  }
  flagOverdue(inquiries, now, result, inquiryWriter);
  commitAll(result, [buyerWriter, inquiryWriter, log], [() => buyerIds.save(), () => inquiryIds.save()]);
  if (done.length > 0) result.labelled = labelDone(done);
  advanceWatermark();
  result.threads = threads.length;
  return result;
}

/** Each thread's id, read once (every getId is a Gmail call). */
function withIds(threads: Thread[]): { thread: Thread; id: string }[] {
  return threads.map((thread) => ({ thread, id: thread.getId() }));
}

function labelDone(done: Thread[]): number {
  labelThreads(importedLabel(), done);
  return done.length;
}

/** Gmail search names a nested label with its slash, quoted when it has spaces. */
function labelQuery(): string {
  return IMPORTED_LABEL.includes(" ") ? `"${IMPORTED_LABEL}"` : IMPORTED_LABEL;
}

function required(sheets: Map<string, Sheet>, spec: SheetSpec): Sheet {
  const sheet = sheets.get(spec.name);
  if (!sheet) throw missingSheet(spec);
  return sheet;
}

function dateOptions(tz: string): ReadOptions {
  return { parseDateText: dateTextParser(tz) };
}

/** What the pull reads of Inquiries: IDs (dedupe, threads, numbering), open state (replies, load, overdue). */
const INQUIRY_KEYS = [
  "id",
  "receivedAt",
  "owner",
  "assignedTo",
  "status",
  "limitAt",
  "repliedAt",
  "overdue",
  "gmailMessageId",
  "gmailThreadId",
  "rfcMessageId",
] as const;

function sourceOf(kind: Exclude<Classification, { kind: "own" } | { kind: "skip" }>): Buyer["source"] {
  if (kind.kind === "platform") {
    const s = String(kind.source);
    return (["alibaba", "made-in-china", "global-sources", "website"].includes(s) ? s : "other") as Buyer["source"];
  }
  return kind.kind === "fax" ? "other" : "email";
}

function matchReply(
  facts: MailFacts,
  threadInquiries: Inquiry[],
  config: Config,
  writer: TableWriter<typeof Inquiries>,
  result: PullResult,
): number {
  let matched = 0;
  for (const inquiry of threadInquiries) {
    if (inquiry.status !== "new" || inquiry.repliedAt || !inquiry.receivedAt) continue;
    if (inquiry.receivedAt.getTime() >= facts.date.getTime()) continue;
    const changes: Partial<Inquiry> = {
      repliedAt: facts.date,
      responseHours: responseHours(inquiry.receivedAt, facts.date, config.calendar),
      status: "replied",
      overdue: false,
    };
    writer.update(inquiry.id, changes);
    Object.assign(inquiry, changes);
    result.repliesMatched += 1;
    matched += 1;
  }
  return matched;
}

/** R8: an unanswered inquiry past its limit is flagged overdue (and unflagged once answered). */
function flagOverdue(
  table: ReturnType<typeof loadTable<typeof Inquiries>>,
  now: Date,
  result: PullResult,
  writer?: TableWriter<typeof Inquiries>,
): void {
  const w = writer ?? new TableWriter(table, WRITES);
  for (const { record } of table.rows) {
    const overdue = record.status === "new" && !!record.limitAt && now.getTime() > record.limitAt.getTime();
    if (overdue !== record.overdue) {
      w.update(record.id, { overdue });
      if (overdue) result.overdueFlagged += 1;
    }
  }
  if (!writer && w.pending > 0) w.commit();
}

function commitAll(
  result: PullResult,
  writers: { commit(): { unwritten: { id: string; reason: string }[] } }[],
  after: (() => void)[],
): void {
  for (const w of writers) for (const u of w.commit().unwritten) result.problems.push(`${u.id}: ${u.reason}`);
  for (const fn of after) fn();
}

/** The Rules sheet's rows, checked; a bad row is reported by row and left out, the rest still apply. */
function platformRulesFrom(
  rows: { platform: string; fromPattern: string; subjectPattern: string; field: string; pattern: string }[] | undefined,
  problems: string[],
): PlatformRule[] {
  if (!rows || rows.length === 0) return DEFAULT_PLATFORM_RULES;
  const candidates: PlatformRule[] = rows.map((r, i) => ({
    platform: r.platform,
    fromPattern: r.fromPattern,
    subjectPattern: r.subjectPattern || undefined,
    field: r.field as PlatformField,
    pattern: r.pattern,
    row: i + 2,
  }));
  const { rules, errors } = compilePlatformRules(candidates);
  for (const e of errors) problems.push(`Rules sheet: ${e.message}`);
  return rules.map((r) => r.rule);
}
