/**
 * The buyer in the sidebar (R21, R22): the contact card with every inquiry, quote, sample and follow-up,
 * newest first; finding a buyer before anyone answers; adding one met at a fair or on the phone.
 */
import * as z from "zod/mini";
import type { RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { RpcError } from "../../app/result";
import { findBuyers, matchSender, normalizeEmail } from "../../domain/matching";
import { canonicalCountry, regionOf } from "../../domain/regions";
import { t } from "../../i18n";
import { IdCounter, idNumber } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import { type LocatedRow, RowStore } from "../../store/row-store";
import { type Buyer, Buyers, SOURCES } from "../../store/schemas";
import { emptyRecord, TableWriter } from "../../store/table";
import { buyerIndexOf, hitView, searchBuyers } from "./buyer-search";
import { loadBuyerView, notFound, viewOf } from "./buyer-view";
import { dueCells } from "./cadence";
import { queueAudit } from "./click-audit";

import type { AddBuyerResult, BuyerHitView } from "./types";

export { notFound } from "./buyer-view";

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));

/**
 * The buyer's row, found by ID: the row the sidebar showed, a cached hint, else the row the ID gives (buyers
 * are appended in ID order and never archived, so B-000123 usually sits on row 124), else a TextFinder.
 */
export function findBuyerRow(
  ctx: RpcContext,
  buyerId: string,
  shownAt?: number,
): { store: RowStore<typeof Buyers>; at: LocatedRow<typeof Buyers> } {
  const store = new RowStore(ctx.book, Buyers, ctx.config.timeZone);
  const at = store.find(buyerId, shownAt, idNumber(Buyers, buyerId.trim()) + 1);
  if (!at) throw notFound(ctx, t(ctx.lang, "sb.buyer"), buyerId);
  return { store, at };
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
    // `row`: where the sidebar last showed this buyer (a hint, checked).
    input: z.object({
      buyerId: text(40).check(z.minLength(1)),
      row: z.optional(z.int().check(z.gte(2), z.lte(10_000_000))),
    }),
    action: "buyer.view",
    write: false,
    run: (ctx, input) => loadBuyerView(ctx, input.buyerId, input.row),
  }),

  /** R21, R22: by name, company, e-mail, domain or phone; exact hits first (buyer-search.ts: how, cheaply). */
  searchBuyers: handler({
    input: z.object({ query: text(200) }),
    action: "buyer.view",
    write: false,
    run: (ctx, input): BuyerHitView[] => searchBuyers(ctx, input.query),
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
    run(ctx, input): AddBuyerResult {
      if (input.company === "" && input.name === "" && input.email === "")
        throw new RpcError("invalid", t(ctx.lang, "sb.add.needName"));
      const email = normalizeEmail(input.email);
      if (input.email !== "" && email === "") throw new RpcError("invalid", t(ctx.lang, "sb.add.badEmail"));
      const table = loadTable(ctx.book, Buyers, ctx.config.timeZone);
      const index = buyerIndexOf(table.rows.map((r) => r.record));
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
      if (duplicates.length > 0 && input.confirmDuplicate !== true) return { created: false, duplicates };

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
        duplicateOf:
          duplicates.length > 0
            ? t(ctx.config.lang, "sheet.possibleDuplicate", { ids: duplicates.map((d) => d.id).join(", ") })
            : "",
        notes: input.notes,
      };
      const due = dueCells(buyer, ctx.now, ctx.config);
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
      // A new buyer has no history yet: the view needs no read.
      const view = viewOf(ctx, buyer, { inquiries: [], quotes: [], samples: [], followUps: [] });
      return { created: true, buyerId: id, duplicateOf: duplicates.map((d) => d.id), view };
    },
  }),
} satisfies HandlerTable;
