/**
 * One buyer as the sidebar shows them (R22): the contact card, the open inquiries and every inquiry, quote,
 * sample and follow-up, newest first — found WITHOUT reading the history sheets' span (store/rows-by-key: a
 * TextFinder per sheet on its Buyer ID column, then one batched read of the rows found), so opening a buyer
 * costs the same on a 300,000-row book as on a new one. The buyer's own row rides in the same batch when its
 * row is known (a hint from an earlier read, or the selected row).
 */
import { dateTextParser } from "../../app/config";
import type { RpcContext } from "../../app/context";
import { RpcError } from "../../app/result";
import { decide } from "../../domain/access";
import { t } from "../../i18n";
import { idNumber } from "../../store/ids";
import { hintCacheKey, RowStore } from "../../store/row-store";
import {
  cachedEntries,
  headerKeys,
  type KeyQuery,
  parseRecord,
  readRowsByKey,
  rememberFound,
} from "../../store/rows-by-key";
import {
  type Buyer,
  Buyers,
  type FollowUp,
  FollowUps,
  Inquiries,
  type Inquiry,
  type Quote,
  Quotes,
  type Sample,
  Samples,
} from "../../store/schemas";
import { inquiryView } from "./desk";
import { mergedInto } from "./merge-rules";
import type { BuyerCard, BuyerView, HistoryItem } from "./types";

const iso = (d: Date | null | undefined): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;

export function notFound(ctx: RpcContext, what: string, id: string): RpcError {
  return new RpcError("not-found", t(ctx.lang, "error.notFound", { what, id }));
}

/** A colleague's name where the Staff sheet has one (people read names, not addresses), else the address. */
export function personName(ctx: RpcContext, email: string): string {
  const e = email.trim().toLowerCase();
  if (e === "") return "";
  return ctx.staff.find((s) => s.email.trim().toLowerCase() === e)?.name || email;
}

export function buyerCard(ctx: RpcContext, b: Buyer): BuyerCard {
  return {
    id: b.id,
    company: b.company,
    name: b.name,
    email: b.email,
    otherEmails: b.otherEmails,
    phone: b.phone,
    website: b.website,
    country: b.country,
    region: b.region,
    source: b.source,
    grade: b.grade,
    owner: b.owner,
    ownerName: b.owner ? personName(ctx, b.owner) : "",
    status: b.status,
    products: b.products,
    created: iso(b.created),
    lastContact: iso(b.lastContact),
    nextFollowUp: iso(b.nextFollowUp),
    daysOverdue: b.daysOverdue,
    duplicateOf: b.duplicateOf,
    notes: b.notes,
  };
}

export function inquiryItem(ctx: RpcContext, i: Inquiry): HistoryItem {
  return {
    kind: "inquiry",
    id: i.id,
    at: iso(i.receivedAt),
    title: i.subject,
    detail: [i.product, i.quantity, i.summary].filter(Boolean).join(" · "),
    by: personName(ctx, i.assignedTo || i.owner),
    status: i.status,
    grade: i.grade,
    needsBoss: false,
    channel: i.channel,
  };
}

export function quoteItem(ctx: RpcContext, q: Quote): HistoryItem {
  return {
    kind: "quote",
    id: q.id,
    at: iso(q.date),
    title: [q.currency, q.total, q.incoterm, q.port].filter(Boolean).join(" "),
    detail: q.items,
    by: personName(ctx, q.by),
    status: q.status,
    grade: "",
    needsBoss: false,
    channel: "",
  };
}

export function sampleItem(s: Sample): HistoryItem {
  return {
    kind: "sample",
    id: s.id,
    at: iso(s.requestDate),
    title: s.products,
    detail: [s.courier, s.tracking, s.result].filter(Boolean).join(" · "),
    by: "",
    status: s.delivered ? "delivered" : s.sent ? "sent" : "requested",
    grade: "",
    needsBoss: false,
    channel: "",
    sampleKind: s.kind,
    freight: s.freight,
  };
}

export function followUpItem(ctx: RpcContext, f: FollowUp): HistoryItem {
  return {
    kind: "followup",
    id: f.id,
    at: iso(f.at),
    title: f.summary,
    detail: [f.nextStep, f.bossAnswer].filter(Boolean).join(" · "),
    by: personName(ctx, f.by),
    status: f.kind,
    grade: "",
    needsBoss: f.needsBoss,
    channel: f.channel,
  };
}

const newestFirst = (a: { at: string | null }, b: { at: string | null }) => (b.at ?? "").localeCompare(a.at ?? "");

/** Where the buyer and their inquiries were read: sent to the sidebar, which hands them back as hints. */
export interface ReadAt {
  buyer: number;
  inquiries: ReadonlyMap<string, number>;
}

/** The view of a buyer whose rows are at hand. */
export function viewOf(
  ctx: RpcContext,
  buyer: Buyer,
  rows: { inquiries: Inquiry[]; quotes: Quote[]; samples: Sample[]; followUps: FollowUp[] },
  at?: ReadAt,
): BuyerView {
  const history = [
    ...rows.inquiries.map((i) => inquiryItem(ctx, i)),
    ...rows.quotes.map((q) => quoteItem(ctx, q)),
    ...rows.samples.map(sampleItem),
    ...rows.followUps.map((f) => followUpItem(ctx, f)),
  ].sort(newestFirst);
  return {
    buyer: at ? { ...buyerCard(ctx, buyer), row: at.buyer } : buyerCard(ctx, buyer),
    canAct: decide(ctx.me, "followup.log", { owner: buyer.owner, staff: ctx.staffFacts, now: ctx.now }).ok,
    canMerge: decide(ctx.me, "buyer.merge", { owner: buyer.owner, staff: ctx.staffFacts, now: ctx.now }).ok,
    inquiries: rows.inquiries
      .filter((i) => i.status !== "closed")
      .map((i) => {
        const line = inquiryView(i, buyer.company, ctx.now, ctx.config.sla);
        const row = at?.inquiries.get(i.id);
        return row ? { ...line, row, buyerRow: at?.buyer } : line;
      })
      .sort((a, b) => (b.receivedAt ?? "").localeCompare(a.receivedAt ?? "")),
    history,
  };
}

const HISTORY = [Inquiries, FollowUps, Quotes, Samples] as const;

/**
 * R22: everything about one buyer. Cost on any size of book: one Cache.getAll (headers, row hint), one
 * TextFinder per history sheet (plus one on Buyers when the buyer's row is not known) and ONE batched read.
 * A buyer merged into another (R22 duplicates) opens as the survivor.
 */
export function loadBuyerView(ctx: RpcContext, buyerId: string, knownRow?: number): BuyerView {
  const id = buyerId.trim();
  const first = readBuyerAndHistory(ctx, id, knownRow);
  const survivor = mergedInto(first.buyer);
  if (survivor && survivor !== id) {
    const next = readBuyerAndHistory(ctx, survivor);
    return { ...viewOf(ctx, next.buyer, next.rows, next.at), mergedFrom: id };
  }
  return viewOf(ctx, first.buyer, first.rows, first.at);
}

function readBuyerAndHistory(ctx: RpcContext, id: string, knownRow?: number) {
  const hintKey = hintCacheKey(Buyers, id);
  const cached = cachedEntries([...headerKeys([Buyers, ...HISTORY]), hintKey]);
  // IDs are handed out in order and rows appended, so B-000123 usually sits on row 124: a free guess, checked
  // like any hint.
  const guessed = idNumber(Buyers, id) + 1;
  const hint = knownRow ?? (Number(cached[hintKey] ?? 0) || guessed);
  const byHint = hint >= 2;
  const queries: KeyQuery[] = HISTORY.map((spec) => ({ spec, key: "buyerId", values: [id] }));
  if (!byHint) queries.unshift({ spec: Buyers, key: "id", values: [id], limit: 1 });
  const parseDate = dateTextParser(ctx.config.timeZone);
  const read = readRowsByKey(ctx.book, queries, ctx.config.timeZone, cached, {
    specs: [Buyers],
    ranges: (headers) => {
      const buyers = headers.sheet(Buyers);
      // A range past the grid fails the whole batch: a hint beyond the sheet (rows deleted) is not read.
      if (!byHint || !buyers || hint > buyers.getMaxRows()) return [];
      const columns = headers.width(Buyers);
      return [{ sheet: buyers, row: hint, column: 1, rows: 1, columns, dateColumns: headers.dateColumns(Buyers) }];
    },
  });
  let buyer: Buyer | undefined;
  let row = 0;
  const buyersMap = read.headers.map(Buyers);
  if (byHint && buyersMap && read.extra[0]?.[0]) {
    const candidate = parseRecord(Buyers, buyersMap, read.extra[0][0], parseDate);
    if (candidate.id === id) [buyer, row] = [candidate, hint];
  } else if (!byHint && read.found[0].rows[0])
    [buyer, row] = [read.found[0].rows[0].record as Buyer, read.found[0].rows[0].row];
  if (!buyer) {
    // A stale hint or header: the row store's own search (a find and a read) settles it.
    const at = new RowStore(ctx.book, Buyers, ctx.config.timeZone).find(id);
    if (at) [buyer, row] = [at.record, at.row];
  }
  if (!buyer) throw notFound(ctx, t(ctx.lang, "sb.buyer"), id);
  // The sidebar hands the rows it was shown back with its next click, so they need no cache write (~90 ms);
  // the buyer's row is remembered only when neither its ID nor the caller could have said where it is.
  if (row !== knownRow && row !== guessed && String(row) !== cached[hintKey])
    rememberFound([], { [hintKey]: String(row) });
  const found = (spec: (typeof HISTORY)[number]) => read.found.find((f) => f.spec === spec)?.rows ?? [];
  const of = <T>(spec: (typeof HISTORY)[number]) => found(spec).map((r) => r.record as T);
  const inquiryRows = new Map(found(Inquiries).map((r) => [(r.record as Inquiry).id, r.row]));
  return {
    at: { buyer: row, inquiries: inquiryRows },
    buyer,
    rows: {
      inquiries: of<Inquiry>(Inquiries),
      followUps: of<FollowUp>(FollowUps),
      quotes: of<Quote>(Quotes),
      samples: of<Sample>(Samples),
    },
  };
}
