/**
 * The buyer in the sidebar (R21, R22): the contact card with every inquiry, quote, sample and follow-up,
 * newest first; finding a buyer before anyone answers; adding one met at a fair or on the phone.
 */
import * as z from "zod/mini";
import type { RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { RpcError } from "../../app/result";
import { decide } from "../../domain/access";
import { buildBuyerIndex, findBuyers, matchSender, normalizeEmail } from "../../domain/matching";
import { canonicalCountry, regionOf } from "../../domain/regions";
import { t } from "../../i18n";
import type { SheetSpec } from "../../store/columns";
import { IdCounter } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import { type LocatedRow, RowStore, rememberRows } from "../../store/row-store";
import { type Buyer, Buyers, FollowUps, Inquiries, Quotes, Samples, SOURCES } from "../../store/schemas";
import { emptyRecord, TableWriter } from "../../store/table";
import { queueAudit } from "./click-audit";
import { inquiryView } from "./desk";
import { dueCells } from "./refresh-due";

import type { BuyerCard, BuyerHitView, BuyerView, HistoryItem } from "./types";

const iso = (d: Date | null | undefined): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));

export function notFound(ctx: RpcContext, what: string, id: string): RpcError {
  return new RpcError("not-found", t(ctx.lang, "error.notFound", { what, id }));
}

/** The buyer's row, found by ID (a row hint, else a TextFinder). */
export function findBuyerRow(
  ctx: RpcContext,
  buyerId: string,
): { store: RowStore<typeof Buyers>; at: LocatedRow<typeof Buyers> } {
  const store = new RowStore(ctx.book, Buyers, ctx.config.timeZone);
  const at = store.find(buyerId);
  if (!at) throw notFound(ctx, t(ctx.lang, "sb.buyer"), buyerId);
  return { store, at };
}

export function buyerCard(ctx: RpcContext, b: Buyer): BuyerCard {
  const owner = ctx.staff.find((s) => s.email.toLowerCase() === b.owner.toLowerCase());
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
    ownerName: owner?.name ?? "",
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

function optionalRows<S extends SheetSpec>(ctx: RpcContext, spec: S, buyerId: string): LocatedRow<S>[] {
  if (!ctx.book.getSheetByName(spec.name)) return [];
  return new RowStore(ctx.book, spec, ctx.config.timeZone).rowsWhere("buyerId", buyerId);
}

/** R22: everything about one buyer, newest first. Costs one find and a read or two per related sheet. */
export function buyerView(ctx: RpcContext, buyer: Buyer): BuyerView {
  const inquiries = optionalRows(ctx, Inquiries, buyer.id).map((r) => r.record);
  const quotes = optionalRows(ctx, Quotes, buyer.id).map((r) => r.record);
  const samples = optionalRows(ctx, Samples, buyer.id).map((r) => r.record);
  const followUps = optionalRows(ctx, FollowUps, buyer.id).map((r) => r.record);
  const history: HistoryItem[] = [
    ...inquiries.map(
      (i): HistoryItem => ({
        kind: "inquiry",
        id: i.id,
        at: iso(i.receivedAt),
        title: i.subject,
        detail: [i.product, i.quantity, i.summary].filter(Boolean).join(" · "),
        by: i.assignedTo || i.owner,
        status: i.status,
        grade: i.grade,
        needsBoss: false,
      }),
    ),
    ...quotes.map(
      (q): HistoryItem => ({
        kind: "quote",
        id: q.id,
        at: iso(q.date),
        title: [q.currency, q.total, q.incoterm, q.port].filter(Boolean).join(" "),
        detail: q.items,
        by: q.by,
        status: q.status,
        grade: "",
        needsBoss: false,
      }),
    ),
    ...samples.map(
      (s): HistoryItem => ({
        kind: "sample",
        id: s.id,
        at: iso(s.requestDate),
        title: s.products,
        detail: [s.kind, s.freight, s.courier, s.tracking, s.result].filter(Boolean).join(" · "),
        by: "",
        status: s.delivered ? "delivered" : s.sent ? "sent" : "requested",
        grade: "",
        needsBoss: false,
      }),
    ),
    ...followUps.map(
      (f): HistoryItem => ({
        kind: "followup",
        id: f.id,
        at: iso(f.at),
        title: f.summary,
        detail: [f.nextStep, f.bossAnswer].filter(Boolean).join(" · "),
        by: f.by,
        status: f.kind,
        grade: "",
        needsBoss: f.needsBoss,
      }),
    ),
  ].sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""));
  const openInquiries = inquiries
    .filter((i) => i.status !== "closed")
    .map((i) => inquiryView(i, buyer.company, ctx.now, ctx.config.sla))
    .sort((a, b) => (b.receivedAt ?? "").localeCompare(a.receivedAt ?? ""));
  return {
    buyer: buyerCard(ctx, buyer),
    canAct: decide(ctx.me, "followup.log", { owner: buyer.owner, staff: ctx.staffFacts, now: ctx.now }).ok,
    inquiries: openInquiries,
    history,
  };
}

function hitView(b: Buyer, matchedOn: string): BuyerHitView {
  return {
    id: b.id,
    company: b.company,
    name: b.name,
    email: b.email,
    phone: b.phone,
    country: b.country,
    grade: b.grade,
    owner: b.owner,
    matchedOn,
  };
}

function indexOf(buyers: readonly Buyer[]) {
  return buildBuyerIndex(
    buyers
      .filter((b) => b.id !== "")
      .map((b) => ({
        id: b.id,
        email: b.email,
        emails: b.otherEmails.split(/[,;\s]+/).filter((x) => x !== ""),
        company: b.company,
        website: b.website,
        phone: b.phone,
        name: b.name,
      })),
  );
}

const addBuyerInput = z.object({
  company: z._default(text(200), ""),
  name: z._default(text(120), ""),
  email: z._default(text(200), ""),
  phone: z._default(text(60), ""),
  country: z._default(text(80), ""),
  source: z._default(z.union([z.enum(SOURCES), z.literal("")]), ""),
  notes: z._default(text(2000), ""),
  confirmDuplicate: z.optional(z.boolean()),
});

export const BUYER_HANDLERS = {
  buyer: handler({
    input: z.object({ buyerId: text(40).check(z.minLength(1)) }),
    action: "buyer.view",
    write: false,
    run(ctx, input) {
      const { at } = findBuyerRow(ctx, input.buyerId);
      return buyerView(ctx, at.record);
    },
  }),

  /** R21, R22: by name, company, e-mail, domain or phone; exact hits first. Reads Buyers once. */
  searchBuyers: handler({
    input: z.object({ query: text(200) }),
    action: "buyer.view",
    write: false,
    run(ctx, input): BuyerHitView[] {
      if (input.query === "") return [];
      const table = loadTable(ctx.book, Buyers, ctx.config.timeZone);
      const hits = findBuyers(indexOf(table.rows.map((r) => r.record)), input.query, 30);
      rememberRows(
        Buyers,
        hits.map((h) => ({ id: h.buyerId, row: table.byId.get(h.buyerId)?.row ?? 0 })),
      );
      return hits
        .map((h) => {
          const row = table.byId.get(h.buyerId);
          return row ? hitView(row.record, h.field) : undefined;
        })
        .filter((h): h is BuyerHitView => h !== undefined);
    },
  }),

  /**
   * R21: a buyer met at a fair or on the phone goes in at once — but first the likely duplicates are shown
   * (same address or domain, same company, same contact name, same phone), and nothing is added until the
   * person confirms.
   */
  addBuyer: handler({
    input: addBuyerInput,
    action: "buyer.create",
    write: true,
    run(ctx, input) {
      if (input.company === "" && input.name === "" && input.email === "")
        throw new RpcError("invalid", t(ctx.lang, "sb.add.needName"));
      const email = normalizeEmail(input.email);
      if (input.email !== "" && email === "") throw new RpcError("invalid", t(ctx.lang, "sb.add.badEmail"));
      const table = loadTable(ctx.book, Buyers, ctx.config.timeZone);
      const index = indexOf(table.rows.map((r) => r.record));
      const candidates = new Map<string, string>();
      const match = matchSender(index, { address: email, name: input.name, company: input.company });
      if (match.kind === "email" || match.kind === "domain" || match.kind === "company") {
        candidates.set(match.buyerId, match.kind);
        if ("others" in match) for (const other of match.others) candidates.set(other, match.kind);
      } else if (match.kind === "weak") for (const c of match.candidates) candidates.set(c.buyerId, c.reason);
      if (input.phone !== "") for (const h of findBuyers(index, input.phone, 10)) candidates.set(h.buyerId, h.field);
      const duplicates = [...candidates]
        .map(([id, why]) => {
          const row = table.byId.get(id);
          return row ? hitView(row.record, why) : undefined;
        })
        .filter((h): h is BuyerHitView => h !== undefined)
        .slice(0, 10);
      if (duplicates.length > 0 && input.confirmDuplicate !== true) return { created: false as const, duplicates };

      const ids = IdCounter.open(Buyers, table.byId.keys());
      const id = ids.take();
      const country = canonicalCountry(input.country);
      const buyer: Buyer = {
        ...emptyRecord(Buyers),
        id,
        company: input.company,
        name: input.name,
        email,
        phone: input.phone,
        country,
        region: regionOf(country),
        source: input.source,
        owner: ctx.me?.role === "salesperson" ? ctx.user.toLowerCase() : "",
        status: "active",
        created: ctx.now,
        duplicateOf: duplicates.length > 0 ? `possible duplicate of ${duplicates.map((d) => d.id).join(", ")}` : "",
        notes: input.notes,
      };
      const due = dueCells(buyer, ctx.now, ctx.config.timeZone, ctx.config.cadenceDays);
      buyer.nextFollowUp = due.nextFollowUp;
      buyer.daysOverdue = due.daysOverdue;
      const writer = new TableWriter(table);
      writer.append(buyer);
      const report = writer.commit();
      if (report.unwritten.length > 0) throw new Error(report.unwritten.map((u) => u.reason).join("; "));
      ids.save();
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "buyer.add",
        target: id,
        detail: `${buyer.company || buyer.name} ${buyer.email}${buyer.duplicateOf ? ` (${buyer.duplicateOf}, confirmed)` : ""}`,
      });
      return { created: true as const, buyerId: id, duplicateOf: duplicates.map((d) => d.id) };
    },
  }),
} satisfies HandlerTable;
