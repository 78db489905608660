/**
 * What a click changed, as the sidebar shows it (types.ts ViewPatch): built from the rows the click already
 * read and wrote — never another read — so a grade or a follow-up is ONE round trip and the sidebar updates in
 * place: the buyer's card, the inquiry's line, the history line added, and the desk's lists and totals.
 */
import type { RpcContext } from "../../app/context";
import { zonedDateKey } from "../../domain/time";
import type { Buyer, Inquiry } from "../../store/schemas";
import { buyerCard } from "./buyer-view";
import { dueCells } from "./cadence";
import { inquiryView } from "./desk";
import { scopeFor } from "./team";
import type { DeskFollowUp, DeskPatch, HistoryItem, ViewPatch } from "./types";

export interface InquiryChange {
  before: Inquiry;
  after: Inquiry;
  /** The sheet row it was written on (sent back as the line's hint). */
  row?: number;
}

/** A buyer's row before and after the click, and where it was written. */
export interface BuyerChange {
  before: Buyer;
  after: Buyer;
  row?: number;
}

/** An inquiry's line with the rows of the inquiry and its buyer, for the next click to hand back. */
function lineOf(ctx: RpcContext, change: InquiryChange, buyer: BuyerChange | undefined, forOwner?: string) {
  const view = inquiryView(change.after, buyer?.after.company ?? "", ctx.now, ctx.config.sla, forOwner);
  return { ...view, row: change.row, buyerRow: buyer?.row };
}

const isOpen = (i: Inquiry) => i.id !== "" && i.status !== "closed" && i.status !== "replied" && !i.repliedAt;
const isUngraded = (i: Inquiry) => i.id !== "" && i.status !== "closed" && i.grade === "";

function dueEntry(ctx: RpcContext, b: Buyer, scope: string, row?: number): DeskFollowUp | null {
  const { nextFollowUp, daysLate } = dueCells(b, ctx.now, ctx.config);
  if (!nextFollowUp || daysLate === null || daysLate < 0) return null;
  return {
    buyerId: b.id,
    company: b.company,
    name: b.name,
    grade: b.grade,
    owner: b.owner,
    dueDate: zonedDateKey(nextFollowUp, ctx.config.timeZone),
    state: daysLate > 0 ? "overdue" : "today",
    daysOverdue: daysLate,
    forOwner: scope,
    row,
  };
}

export function deskPatch(
  ctx: RpcContext,
  buyer: BuyerChange | undefined,
  inquiries: readonly InquiryChange[],
): DeskPatch {
  const me = ctx.user.toLowerCase();
  const scope = scopeFor(me, ctx.me?.role ?? "", ctx.staffFacts, ctx.now);
  const patch: DeskPatch = {
    unanswered: [],
    ungraded: [],
    due: [],
    totals: { unanswered: 0, ungraded: 0, overdue: 0, today: 0 },
  };
  for (const change of inquiries) {
    const { before, after } = change;
    const handledBy = (after.assignedTo || after.owner).toLowerCase();
    const mine = handledBy === me ? "" : scope(after.owner);
    if (mine === undefined) continue;
    const view = lineOf(ctx, change, buyer, mine);
    patch.unanswered.push({ id: after.id, entry: isOpen(after) ? view : null });
    patch.ungraded.push({ id: after.id, entry: isUngraded(after) ? view : null });
    patch.totals.unanswered += Number(isOpen(after)) - Number(isOpen(before));
    patch.totals.ungraded += Number(isUngraded(after)) - Number(isUngraded(before));
  }
  if (buyer) {
    const mine = scope(buyer.after.owner);
    if (mine !== undefined) {
      const was = dueEntry(ctx, buyer.before, mine);
      const now = dueEntry(ctx, buyer.after, mine, buyer.row);
      patch.due.push({ id: buyer.after.id, entry: now });
      patch.totals.overdue += Number(now?.state === "overdue") - Number(was?.state === "overdue");
      patch.totals.today += Number(now?.state === "today") - Number(was?.state === "today");
    }
  }
  return patch;
}

export function viewPatch(
  ctx: RpcContext,
  buyer: BuyerChange | undefined,
  inquiries: readonly InquiryChange[],
  added: HistoryItem[],
): ViewPatch {
  return {
    buyer: buyer ? { ...buyerCard(ctx, buyer.after), row: buyer.row } : null,
    inquiries: inquiries.filter((c) => c.after.status !== "closed").map((c) => lineOf(ctx, c, buyer)),
    history: added,
    desk: deskPatch(ctx, buyer, inquiries),
  };
}
