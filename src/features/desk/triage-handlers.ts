/**
 * Triage from the sidebar (R10, R18, R20, R23, R7, R8, R26): grade an inquiry (and with it its buyer), grade a
 * buyer, log a follow-up. Each is one RPC touching only the rows involved: on a 20,000-buyer book a click costs
 * a read and a write per row plus one appended Follow-ups row — never a whole-table read.
 */
import * as z from "zod/mini";
import { authorize, type RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { RpcError } from "../../app/result";
import { responseHours } from "../../domain/sla";
import { t } from "../../i18n";
import { allocateIds, idNumber } from "../../store/ids";
import { type LocatedRow, RowStore } from "../../store/row-store";
import {
  type Buyer,
  type Buyers,
  FOLLOW_UP_CHANNELS,
  type FollowUp,
  FollowUps,
  GRADES,
  Inquiries,
  type Inquiry,
} from "../../store/schemas";
import { emptyRecord } from "../../store/table";
import { findBuyerRow, notFound } from "./buyer-handlers";
import { queueAudit } from "./click-audit";
import { dueCells } from "./refresh-due";
import type { GradeLetter, GradeResult, LogResult } from "./types";

/** Channels where no e-mail of ours will show the answer, so the person's word sets the response time (R8, R26). */
const ANSWER_CHANNELS = new Set(["phone", "fax", "platform", "post"]);

function appendFollowUp(ctx: RpcContext, entry: Partial<FollowUp>): string {
  const store = new RowStore(ctx.book, FollowUps, ctx.config.timeZone);
  // The sheet's ID column is read only to seed a counter never saved before.
  const [id] = allocateIds(FollowUps, () => store.highestIdNumber((x) => idNumber(FollowUps, x)), 1);
  store.append({ ...emptyRecord(FollowUps), at: ctx.now, by: ctx.user.toLowerCase(), ...entry, id });
  return id;
}

function iso(d: Date | null | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

/** R20: grading sets the cadence, so the next follow-up is recomputed from the last contact (or creation). */
function gradeBuyerRow(
  ctx: RpcContext,
  store: RowStore<typeof Buyers>,
  at: LocatedRow<typeof Buyers>,
  grade: GradeLetter,
): Buyer {
  const next = { ...at.record, grade };
  const due = dueCells(next, ctx.now, ctx.config.timeZone, ctx.config.cadenceDays);
  store.update(at, { grade, nextFollowUp: due.nextFollowUp, daysOverdue: due.daysOverdue });
  return at.record;
}

const gradeInput = z.enum(GRADES);
const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

export const TRIAGE_HANDLERS = {
  /** R10, R18: grade an inquiry A–D; its buyer takes the grade and the cadence follows (R20). */
  gradeInquiry: handler({
    input: z.object({ inquiryId: id, grade: gradeInput }),
    action: "inquiry.grade",
    write: true,
    run(ctx, input): GradeResult {
      const inquiries = new RowStore(ctx.book, Inquiries, ctx.config.timeZone);
      const inquiry = inquiries.find(input.inquiryId);
      if (!inquiry) throw notFound(ctx, t(ctx.lang, "sb.inquiry"), input.inquiryId);
      const buyerId = inquiry.record.buyerId;
      const buyer = buyerId ? findBuyerRow(ctx, buyerId) : undefined;
      authorize(ctx, "inquiry.grade", buyer ? buyer.at.record.owner : inquiry.record.owner);
      const was = inquiry.record.grade;
      inquiries.update(inquiry, { grade: input.grade } as Partial<Inquiry>);
      const graded = buyer ? gradeBuyerRow(ctx, buyer.store, buyer.at, input.grade) : undefined;
      const followUpId = appendFollowUp(ctx, {
        buyerId,
        inquiryId: inquiry.record.id,
        kind: "grade",
        summary: t(ctx.lang, "sb.graded", { grade: input.grade, was: was || "–" }),
        nextDue: graded?.nextFollowUp ?? null,
      });
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "inquiry.grade",
        target: inquiry.record.id,
        detail: `${was || "-"} -> ${input.grade}; buyer ${buyerId || "(none)"}`,
      });
      return {
        inquiryId: inquiry.record.id,
        buyerId,
        grade: input.grade,
        nextFollowUp: iso(graded?.nextFollowUp),
        followUpId,
      };
    },
  }),

  /** R18, R20: grade a buyer directly (no inquiry), e.g. after a call. */
  gradeBuyer: handler({
    input: z.object({ buyerId: id, grade: gradeInput }),
    action: "inquiry.grade",
    write: true,
    run(ctx, input): GradeResult {
      const { store, at } = findBuyerRow(ctx, input.buyerId);
      authorize(ctx, "inquiry.grade", at.record.owner);
      const was = at.record.grade;
      const graded = gradeBuyerRow(ctx, store, at, input.grade);
      const followUpId = appendFollowUp(ctx, {
        buyerId: graded.id,
        kind: "grade",
        summary: t(ctx.lang, "sb.graded", { grade: input.grade, was: was || "–" }),
        nextDue: graded.nextFollowUp,
      });
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "buyer.grade",
        target: graded.id,
        detail: `${was || "-"} -> ${input.grade}`,
      });
      return {
        inquiryId: "",
        buyerId: graded.id,
        grade: input.grade,
        nextFollowUp: iso(graded.nextFollowUp),
        followUpId,
      };
    },
  }),

  /**
   * A follow-up: what happened, the next step, whether the boss must step in. Sets the buyer's last contact and
   * next due day (R20, R23). With `answered`, an inquiry answered by phone, fax, post or the platform gets its
   * reply time and response hours (R7, R8, R26); e-mail answers are seen by the mail pull instead.
   */
  logFollowUp: handler({
    input: z.object({
      buyerId: id,
      inquiryId: z.optional(z.string().check(z.trim(), z.maxLength(40))),
      channel: z.enum(FOLLOW_UP_CHANNELS),
      summary: z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)),
      nextStep: z._default(z.string().check(z.trim(), z.maxLength(2000)), ""),
      needsBoss: z._default(z.boolean(), false),
      answered: z.optional(z.boolean()),
    }),
    action: "followup.log",
    write: true,
    run(ctx, input): LogResult {
      const { store, at } = findBuyerRow(ctx, input.buyerId);
      authorize(ctx, "followup.log", at.record.owner);
      let answered: LogResult["answered"] = null;
      const inquiryId = input.inquiryId ?? "";
      if (inquiryId !== "" && input.answered === true && ANSWER_CHANNELS.has(input.channel)) {
        const inquiries = new RowStore(ctx.book, Inquiries, ctx.config.timeZone);
        const inquiry = inquiries.find(inquiryId);
        if (!inquiry) throw notFound(ctx, t(ctx.lang, "sb.inquiry"), inquiryId);
        if (inquiry.record.buyerId !== at.record.id)
          throw new RpcError(
            "invalid",
            t(ctx.lang, "sb.inquiryNotOfBuyer", { inquiry: inquiryId, buyer: at.record.id }),
          );
        const received = inquiry.record.receivedAt;
        if (!inquiry.record.repliedAt && received) {
          const hours = responseHours(received, ctx.now, ctx.config.calendar);
          inquiries.update(inquiry, { repliedAt: ctx.now, responseHours: hours, status: "replied", overdue: false });
          answered = { inquiryId, responseHours: hours };
        } else if (inquiry.record.repliedAt) {
          answered = { inquiryId, responseHours: inquiry.record.responseHours ?? 0 };
        }
      }
      const next = { ...at.record, lastContact: ctx.now };
      const due = dueCells(next, ctx.now, ctx.config.timeZone, ctx.config.cadenceDays);
      store.update(at, { lastContact: ctx.now, nextFollowUp: due.nextFollowUp, daysOverdue: due.daysOverdue });
      const followUpId = appendFollowUp(ctx, {
        buyerId: at.record.id,
        inquiryId,
        kind: "follow-up",
        channel: input.channel,
        summary: input.summary,
        nextStep: input.nextStep,
        needsBoss: input.needsBoss,
        nextDue: due.nextFollowUp,
      });
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "followup.log",
        target: at.record.id,
        detail: `${input.channel}${answered ? `, answered ${inquiryId}` : ""}${input.needsBoss ? ", needs the boss" : ""}`,
      });
      return {
        followUpId,
        buyerId: at.record.id,
        lastContact: ctx.now.toISOString(),
        nextFollowUp: iso(due.nextFollowUp),
        answered,
      };
    },
  }),
} satisfies HandlerTable;
