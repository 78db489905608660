/**
 * Samples from the sidebar (R5, R27): request one (electronic first), record shipping, delivery and the
 * buyer's verdict, and list a buyer's samples for the history. A salesperson acts on their own buyers.
 */
import * as z from "zod/mini";
import { authorize, type RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { refusalsAsRpc } from "../../app/result";
import { BUYER_LANGS } from "../../domain/buyer-language";
import type { CourierAccount } from "../../domain/sample-mail";
import type { SamplePlan } from "../../domain/samples";
import { loadTable } from "../../store/load-table";
import { Buyers } from "../../store/schemas";
import { LetterError } from "./letter-context";
import { senderOf } from "./quote-handlers";
import { requestSample, SampleError, samplesOfBuyer, updateSample } from "./samples";

const BuyerId = z.string().check(z.trim(), z.regex(/^B-\d+$/, "error.field.id"));
const IsoDate = z.string().check(
  z.trim(),
  z.refine((s) => !Number.isNaN(Date.parse(s)), "error.field.date"),
);
const text = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

const RequestPayload = z.object({
  buyerId: BuyerId,
  inquiryId: z.optional(z.string().check(z.trim(), z.regex(/^I-\d+$/, "error.field.id"))),
  products: z
    .array(z.string().check(z.trim(), z.regex(/^P-\d{4,}$/, "error.field.id")))
    .check(z.minLength(1), z.maxLength(30)),
  kind: z.optional(z.enum(["electronic", "physical"])),
  buyerOffersCourier: z.optional(z.boolean()),
  cost: text(30),
  lang: z.optional(z.enum(BUYER_LANGS)),
});

const UpdatePayload = z.object({
  sampleId: z.string().check(z.trim(), z.regex(/^S-\d+$/, "error.field.id")),
  courier: text(60),
  tracking: text(60),
  sent: z.optional(IsoDate),
  delivered: z.optional(IsoDate),
  result: text(1000),
});

export interface SampleRequestedView {
  sampleId: string;
  plan: SamplePlan;
  subject: string;
  text: string;
  draftId: string;
  draftTo: string;
  lang: string;
  feedbackDue: string | null;
  courierAccount: CourierAccount | null;
  offerEvidence: string[];
  warnings: string[];
}

const asRpc = <T>(fn: () => T): T => refusalsAsRpc([SampleError, LetterError], fn);

function ownerOf(ctx: RpcContext, buyerId: string): string {
  return loadTable(ctx.book, Buyers, ctx.config.timeZone).byId.get(buyerId)?.record.owner ?? "";
}

export const SAMPLE_HANDLERS = {
  requestSample: handler({
    input: RequestPayload,
    action: "sample.create",
    write: true,
    run: (ctx, input): SampleRequestedView =>
      asRpc(() => {
        const r = requestSample(ctx.book, input, senderOf(ctx), ctx.now, {
          onBuyer: (b) => authorize(ctx, "sample.create", b.owner),
          config: ctx.config,
          lang: ctx.lang,
          staff: ctx.staff,
        });
        return { ...r, feedbackDue: r.feedbackDue ? r.feedbackDue.toISOString() : null };
      }),
  }),
  updateSample: handler({
    input: UpdatePayload,
    action: "sample.create",
    write: true,
    run: (ctx, input) =>
      asRpc(() => {
        const s = updateSample(
          ctx.book,
          {
            sampleId: input.sampleId,
            courier: input.courier,
            tracking: input.tracking,
            result: input.result,
            sent: input.sent ? new Date(input.sent) : undefined,
            delivered: input.delivered ? new Date(input.delivered) : undefined,
          },
          ctx.user,
          ctx.now,
          { onSample: (sample) => authorize(ctx, "sample.create", ownerOf(ctx, sample.buyerId)) },
        );
        return { sampleId: s.id };
      }),
  }),
  buyerSamples: handler({
    input: z.object({ buyerId: BuyerId }),
    action: "buyer.view",
    write: false,
    run: (ctx, input) => samplesOfBuyer(ctx.book, input.buyerId, ctx.config.timeZone),
  }),
} satisfies HandlerTable;
