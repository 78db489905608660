/**
 * Merging two rows of one buyer (R22: the same company found twice). Everything that names the merged buyer —
 * every inquiry, follow-up, quote and sample — moves to the survivor: in each history sheet ONE TextFinder
 * replace over the Buyer ID column, which finds the cells by their value at the moment it writes them (a sheet
 * sorted by hand a second before is no risk: no row number is kept between a read and a write). The survivor's
 * row takes the merged one's facts where its own are empty (merge-rules); the merged row stays as an alias
 * ("merged into B-…", status merged, no addresses, so mail matches only the survivor) and its ID still opens
 * the survivor. The Log says who merged what.
 */
import * as z from "zod/mini";
import { authorize, type RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { RpcError } from "../../app/result";
import { columnLetters, readRanges } from "../../gas/batch-read";
import { t } from "../../i18n";
import { mapHeaders } from "../../store/headers";
import { type Buyer, FollowUps, Inquiries, Quotes, Samples } from "../../store/schemas";
import { findBuyerRow } from "./buyer-handlers";
import { loadBuyerView } from "./buyer-view";
import { dueCells } from "./cadence";
import { flushAudit, queueAudit } from "./click-audit";
import { combineBuyers, MERGED, mergedInto } from "./merge-rules";
import type { BuyerView } from "./types";

const HISTORY = [Inquiries, FollowUps, Quotes, Samples] as const;
export interface MergeResult {
  view: BuyerView;
  /** Rows moved to the survivor, by sheet, and in all. */
  movedBy: Record<string, number>;
  moved: number;
}

const buyerId = z.string().check(z.trim(), z.regex(/^B-\d+$/, "error.field.id"));

/**
 * Rewrites every Buyer ID cell holding `from` to `to` in each history sheet: the header rows read fresh in one
 * batch (a write trusts no cached header), then one server-side find-and-replace per sheet.
 */
function moveRows(ctx: RpcContext, from: string, to: string): Record<string, number> {
  const sheets = new Map(ctx.book.getSheets().map((s) => [s.getName(), s]));
  const present = HISTORY.filter((spec) => sheets.has(spec.name));
  const headers = readRanges(
    ctx.book,
    present.map((spec) => {
      const sheet = sheets.get(spec.name)!;
      return { sheet, row: 1, column: 1, rows: 1, columns: Math.max(1, sheet.getLastColumn()) };
    }),
  );
  const moved: Record<string, number> = {};
  present.forEach((spec, i) => {
    const column = mapHeaders(spec, headers[i][0] ?? []).index.get("buyerId");
    if (column === undefined) return;
    const letters = columnLetters(column + 1);
    moved[spec.name] = sheets
      .get(spec.name)!
      .getRange(`${letters}2:${letters}`)
      .createTextFinder(from)
      .matchEntireCell(true)
      .matchCase(true)
      .replaceAllWith(to);
  });
  return moved;
}

export function mergeBuyers(ctx: RpcContext, survivorId: string, mergedId: string): MergeResult {
  if (survivorId === mergedId) throw new RpcError("invalid", t(ctx.lang, "sb.merge.same"));
  const survivor = findBuyerRow(ctx, survivorId);
  const merged = findBuyerRow(ctx, mergedId);
  const alias = mergedInto(survivor.at.record);
  if (alias) throw new RpcError("invalid", t(ctx.lang, "sb.merge.isAlias", { id: survivorId, into: alias }));
  const already = mergedInto(merged.at.record);
  if (already) throw new RpcError("invalid", t(ctx.lang, "sb.merge.already", { id: mergedId, into: already }));
  // The owner of both, their deputy, the assistant or the boss.
  authorize(ctx, "buyer.merge", survivor.at.record.owner, survivorId);
  authorize(ctx, "buyer.merge", merged.at.record.owner, mergedId);

  const movedBy = moveRows(ctx, mergedId, survivorId);
  const moved = Object.values(movedBy).reduce((a, b) => a + b, 0);

  const before: Buyer = { ...survivor.at.record };
  const gone: Buyer = { ...merged.at.record };
  const changes = combineBuyers(before, gone);
  const due = dueCells({ ...before, ...changes }, ctx.now, ctx.config);
  survivor.store.update(survivor.at, { ...changes, nextFollowUp: due.nextFollowUp, daysOverdue: due.daysOverdue });
  merged.store.update(merged.at, {
    status: MERGED,
    duplicateOf: t(ctx.config.lang, "sheet.mergedInto", { id: survivorId }),
    email: "",
    otherEmails: "",
    nextFollowUp: null,
    daysOverdue: null,
  });
  queueAudit(ctx.book, {
    at: ctx.now,
    user: ctx.user,
    action: "buyer.merge",
    target: survivorId,
    detail: `${mergedId} -> ${survivorId}: ${HISTORY.map((s) => `${s.name} ${movedBy[s.name] ?? 0}`).join(", ")}; ${gone.company || gone.name} ${gone.email}`,
  });
  // A merge is rare and weighs more than a click: its Log line is written now.
  flushAudit(ctx.book, true);
  return { view: loadBuyerView(ctx, survivorId), movedBy, moved };
}

export const MERGE_HANDLERS = {
  /** R22: merge buyer `mergedId` into `survivorId` (see above). */
  mergeBuyers: handler({
    input: z.object({ survivorId: buyerId, mergedId: buyerId }),
    action: "buyer.merge",
    write: true,
    run: (ctx, input): MergeResult => mergeBuyers(ctx, input.survivorId.toUpperCase(), input.mergedId.toUpperCase()),
  }),
} satisfies HandlerTable;
