/**
 * Samples from the sidebar (R5, R27): request one (electronic first), record shipping, delivery and the
 * buyer's verdict, and list a buyer's samples for the history. A salesperson acts on their own buyers.
 */
import { z } from "zod";
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

const BuyerId = z
  .string()
  .trim()
  .regex(/^B-\d+$/, "not a buyer ID");
const IsoDate = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), "not a date");

const RequestPayload = z.object({
  buyerId: BuyerId,
  inquiryId: z
    .string()
    .trim()
    .regex(/^I-\d+$/, "not an inquiry ID")
    .optional(),
  products: z
    .array(
      z
        .string()
        .trim()
        .regex(/^P-\d{4,}$/, "not a product code"),
    )
    .min(1)
    .max(30),
  kind: z.enum(["electronic", "physical"]).optional(),
  buyerOffersCourier: z.boolean().optional(),
  cost: z.string().trim().max(30).optional(),
  lang: z.enum(BUYER_LANGS).optional(),
});

const UpdatePayload = z.object({
  sampleId: z
    .string()
    .trim()
    .regex(/^S-\d+$/, "not a sample ID"),
  courier: z.string().trim().max(60).optional(),
  tracking: z.string().trim().max(60).optional(),
  sent: IsoDate.optional(),
  delivered: IsoDate.optional(),
  result: z.string().trim().max(1000).optional(),
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
