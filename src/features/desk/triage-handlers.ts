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
import { type LocatedRow, RowStore, type RowWrite } from "../../store/row-store";
import { WriteBatch } from "../../store/safe-write";
import {
  type Buyer,
  Buyers,
  FOLLOW_UP_CHANNELS,
  type FollowUp,
  FollowUps,
  GRADES,
  Inquiries,
  type Inquiry,
} from "../../store/schemas";
import { emptyRecord } from "../../store/table";
import { findBuyerRow } from "./buyer-handlers";
import { followUpItem, notFound } from "./buyer-view";
import { dueCells, nextContactShown } from "./cadence";
import { queueAudit } from "./click-audit";
import { type InquiryChange, viewPatch } from "./patch";
import type { GradeLetter, GradeResult, LogResult } from "./types";

/**
 * A cell someone typed into while this click was on its way keeps their value; the click's value goes to the
 * Log instead of over theirs (one line per cell).
 */
function logKept(ctx: RpcContext, write: RowWrite): void {
  const show = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ""));
  // A sort landing inside the write itself sent it to another row, whose earlier value nobody read: say so.
  for (const problem of write.problems)
    queueAudit(ctx.book, { at: ctx.now, user: ctx.user, action: "check.row", target: "", detail: problem });
  for (const c of write.conflicts) {
    queueAudit(ctx.book, {
      at: ctx.now,
      user: ctx.user,
      action: "kept.typed",
      target: c.id,
      detail: `${c.key}: kept "${show(c.person)}" typed meanwhile; not written: "${show(c.job)}"`,
    });
  }
}

/**
 * The writes of one click, queued on one batch: every row of every sheet it touches is read once just before
 * and once just after the write, and written in one call (store/safe-write.ts); then what a person typed
 * meanwhile is logged.
 */
class ClickWrites {
  readonly batch = new WriteBatch();
  private readonly writes: RowWrite[] = [];

  keep(write: RowWrite): void {
    this.writes.push(write);
  }

  commit(ctx: RpcContext): void {
    this.batch.commit();
    for (const w of this.writes) logKept(ctx, w);
  }
}

function appendFollowUp(ctx: RpcContext, entry: Partial<FollowUp>, click: ClickWrites): FollowUp {
  const store = new RowStore(ctx.book, FollowUps, ctx.config.timeZone);
  // The sheet's ID column is read only to seed a counter never saved before.
  const [id] = allocateIds(FollowUps, () => store.highestIdNumber((x) => idNumber(FollowUps, x)), 1);
  const record: FollowUp = { ...emptyRecord(FollowUps), at: ctx.now, by: ctx.user.toLowerCase(), ...entry, id };
  store.append(record, click.batch);
  return record;
}

/**
 * R20: grading sets the cadence, so the due day is recomputed from the last contact (or creation). The graded
 * inquiry's answer is a contact too: when it came after the recorded last contact, it becomes the last contact.
 */
function gradeBuyerRow(
  ctx: RpcContext,
  store: RowStore<typeof Buyers>,
  at: LocatedRow<typeof Buyers>,
  grade: GradeLetter,
  click: ClickWrites,
  answeredAt?: Date | null,
): { before: Buyer; after: Buyer; row: number; nextFollowUp: Date | null } {
  const before = { ...at.record };
  const later = answeredAt && (!before.lastContact || answeredAt > before.lastContact) ? answeredAt : undefined;
  const next = { ...before, grade, ...(later ? { lastContact: later } : {}) };
  const due = dueCells(next, ctx.now, ctx.config);
  click.keep(
    store.update(
      at,
      {
        grade,
        ...(later ? { lastContact: later } : {}),
        nextFollowUp: due.nextFollowUp,
        daysOverdue: due.daysOverdue,
      },
      click.batch,
    ),
  );
  // `after` is the row as written once the click is committed.
  return { before, after: at.record, row: at.row, nextFollowUp: due.nextFollowUp };
}

/** R8: the inquiry answered now (or already), with its response time in working hours. */
function answerInquiry(
  ctx: RpcContext,
  wanted: { id: string; shownAt?: number },
  buyerId: string,
  click: ClickWrites,
): { hours: number; change: InquiryChange } {
  const inquiryId = wanted.id;
  const inquiries = new RowStore(ctx.book, Inquiries, ctx.config.timeZone);
  const inquiry = inquiries.find(inquiryId, wanted.shownAt);
  if (!inquiry) throw notFound(ctx, t(ctx.lang, "sb.inquiry"), inquiryId);
  if (inquiry.record.buyerId !== buyerId)
    throw new RpcError("invalid", t(ctx.lang, "sb.inquiryNotOfBuyer", { inquiry: inquiryId, buyer: buyerId }));
  const before = { ...inquiry.record };
  if (inquiry.record.repliedAt) {
    // Answered before (the mail pull saw the reply): the first answer's time stands.
    const hours = inquiry.record.responseHours ?? 0;
    if (inquiry.record.status === "new")
      click.keep(inquiries.update(inquiry, { status: "replied", overdue: false }, click.batch));
    return { hours, change: { before, after: inquiry.record, row: inquiry.row } };
  }
  const received = inquiry.record.receivedAt;
  const hours = received ? responseHours(received, ctx.now, ctx.config.calendar) : 0;
  click.keep(
    inquiries.update(
      inquiry,
      { repliedAt: ctx.now, responseHours: received ? hours : null, status: "replied", overdue: false },
      click.batch,
    ),
  );
  return { hours, change: { before, after: inquiry.record, row: inquiry.row } };
}

/** The inquiry's row and its buyer's, read together when the caller named the buyer (one read, not two). */
function inquiryAndBuyer(
  ctx: RpcContext,
  inquiryId: string,
  buyerHint: string | undefined,
  shown: { row?: number; buyerRow?: number },
) {
  const inquiries = new RowStore(ctx.book, Inquiries, ctx.config.timeZone);
  const buyers = new RowStore(ctx.book, Buyers, ctx.config.timeZone);
  const [inquiry, hinted] = buyerHint
    ? RowStore.findPair(
        ctx.book,
        { store: inquiries, id: inquiryId, shownAt: shown.row },
        { store: buyers, id: buyerHint, shownAt: shown.buyerRow, guess: idNumber(Buyers, buyerHint) + 1 },
      )
    : [inquiries.find(inquiryId, shown.row), undefined];
  if (!inquiry) throw notFound(ctx, t(ctx.lang, "sb.inquiry"), inquiryId);
  const buyerId = inquiry.record.buyerId;
  const buyer =
    hinted && buyerId !== "" && hinted.record.id === buyerId
      ? { store: buyers, at: hinted }
      : buyerId
        ? findBuyerRow(ctx, buyerId)
        : undefined;
  return { inquiries, inquiry, buyer };
}

const gradeInput = z.enum(GRADES);
const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));
/** The sheet row the sidebar showed a line on: a hint checked like a cached one (rows move). */
const shownRow = z.optional(z.int().check(z.gte(2), z.lte(10_000_000)));

export const TRIAGE_HANDLERS = {
  /** R10, R18: grade an inquiry A–D; its buyer takes the grade and the cadence follows (R20). */
  gradeInquiry: handler({
    // `buyerId`: the buyer the sidebar shows the inquiry under, so both rows are read at once; only a hint,
    // checked against the inquiry's own Buyer ID. `row`, `buyerRow`: where the sidebar showed them.
    input: z.object({
      inquiryId: id,
      grade: gradeInput,
      buyerId: z.optional(id),
      row: shownRow,
      buyerRow: shownRow,
    }),
    action: "inquiry.grade",
    write: true,
    run(ctx, input): GradeResult {
      const { inquiries, inquiry, buyer } = inquiryAndBuyer(ctx, input.inquiryId, input.buyerId, input);
      const buyerId = inquiry.record.buyerId;
      authorize(ctx, "inquiry.grade", buyer ? buyer.at.record.owner : inquiry.record.owner, buyerId);
      const was = inquiry.record.grade;
      const before = { ...inquiry.record };
      const click = new ClickWrites();
      click.keep(inquiries.update(inquiry, { grade: input.grade } as Partial<Inquiry>, click.batch));
      const graded = buyer
        ? gradeBuyerRow(ctx, buyer.store, buyer.at, input.grade, click, inquiry.record.repliedAt)
        : undefined;
      const followUp = appendFollowUp(
        ctx,
        {
          buyerId,
          inquiryId: inquiry.record.id,
          kind: "grade",
          summary: t(ctx.lang, "sb.graded", { grade: input.grade, was: was || "–" }),
          nextDue: graded?.nextFollowUp ?? null,
        },
        click,
      );
      click.commit(ctx);
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "inquiry.grade",
        target: inquiry.record.id,
        detail: `${was || "-"} -> ${input.grade}; buyer ${buyerId || "(none)"}`,
      });
      const changed: InquiryChange[] = [{ before, after: inquiry.record, row: inquiry.row }];
      return {
        inquiryId: inquiry.record.id,
        buyerId,
        grade: input.grade,
        nextFollowUp: nextContactShown(graded?.after.nextFollowUp ?? null, ctx.now, ctx.config.timeZone),
        followUpId: followUp.id,
        patch: viewPatch(ctx, graded, changed, buyer ? [followUpItem(ctx, followUp)] : []),
      };
    },
  }),

  /** R18, R20: grade a buyer directly (no inquiry), e.g. after a call. */
  gradeBuyer: handler({
    input: z.object({ buyerId: id, grade: gradeInput, row: shownRow }),
    action: "inquiry.grade",
    write: true,
    run(ctx, input): GradeResult {
      const { store, at } = findBuyerRow(ctx, input.buyerId, input.row);
      authorize(ctx, "inquiry.grade", at.record.owner, at.record.id);
      const was = at.record.grade;
      const click = new ClickWrites();
      const graded = gradeBuyerRow(ctx, store, at, input.grade, click);
      const followUp = appendFollowUp(
        ctx,
        {
          buyerId: graded.after.id,
          kind: "grade",
          summary: t(ctx.lang, "sb.graded", { grade: input.grade, was: was || "–" }),
          nextDue: graded.nextFollowUp,
        },
        click,
      );
      click.commit(ctx);
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "buyer.grade",
        target: graded.after.id,
        detail: `${was || "-"} -> ${input.grade}`,
      });
      return {
        inquiryId: "",
        buyerId: graded.after.id,
        grade: input.grade,
        nextFollowUp: nextContactShown(graded.after.nextFollowUp, ctx.now, ctx.config.timeZone),
        followUpId: followUp.id,
        patch: viewPatch(ctx, graded, [], [followUpItem(ctx, followUp)]),
      };
    },
  }),

  /**
   * A follow-up: what happened, the next step, whether the boss must step in. Sets the buyer's last contact and
   * next due day (R20, R23). With `answered`, the inquiry it names is answered now — by whatever channel, an
   * e-mail included (R7, R8, R26): it leaves "not answered", gets its reply time and its response hours. (The
   * mail pull finds the inquiry answered and leaves it so.)
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
      row: shownRow,
      inquiryRow: shownRow,
    }),
    action: "followup.log",
    write: true,
    run(ctx, input): LogResult {
      const { store, at } = findBuyerRow(ctx, input.buyerId, input.row);
      authorize(ctx, "followup.log", at.record.owner, at.record.id);
      const inquiryId = input.inquiryId ?? "";
      if (input.answered === true && inquiryId === "") throw new RpcError("invalid", t(ctx.lang, "sb.log.pickInquiry"));
      const click = new ClickWrites();
      const answer =
        input.answered === true
          ? answerInquiry(ctx, { id: inquiryId, shownAt: input.inquiryRow }, at.record.id, click)
          : undefined;
      const before = { ...at.record };
      const due = dueCells({ ...at.record, lastContact: ctx.now }, ctx.now, ctx.config);
      click.keep(
        store.update(
          at,
          { lastContact: ctx.now, nextFollowUp: due.nextFollowUp, daysOverdue: due.daysOverdue },
          click.batch,
        ),
      );
      const followUp = appendFollowUp(
        ctx,
        {
          buyerId: at.record.id,
          inquiryId,
          kind: "follow-up",
          channel: input.channel,
          summary: input.summary,
          nextStep: input.nextStep,
          needsBoss: input.needsBoss,
          nextDue: due.nextFollowUp,
        },
        click,
      );
      click.commit(ctx);
      queueAudit(ctx.book, {
        at: ctx.now,
        user: ctx.user,
        action: "followup.log",
        target: at.record.id,
        detail: `${input.channel}${answer ? `, answered ${inquiryId}` : ""}${input.needsBoss ? ", needs the boss" : ""}`,
      });
      return {
        followUpId: followUp.id,
        buyerId: at.record.id,
        lastContact: ctx.now.toISOString(),
        nextFollowUp: nextContactShown(due.nextFollowUp, ctx.now, ctx.config.timeZone),
        answered: answer ? { inquiryId, responseHours: answer.hours } : null,
        patch: viewPatch(ctx, { before, after: at.record, row: at.row }, answer ? [answer.change] : [], [
          followUpItem(ctx, followUp),
        ]),
      };
    },
  }),
} satisfies HandlerTable;
