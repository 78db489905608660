/**
 * The sidebar's letters to a buyer (R7, R8, R9, R20, R31): preview and draft the first answer or the grade's
 * follow-up in the buyer's language; and the assistant's check of the Templates sheet, every problem named by
 * row, key, language and placeholder.
 */
import * as z from "zod/mini";
import { authorize } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { refusalsAsRpc } from "../../app/result";
import { BUYER_LANGS } from "../../domain/buyer-language";
import { LetterError } from "./letter-context";
import { draftLetter, LETTER_KINDS, previewLetter } from "./letters";
import { senderOf } from "./quote-handlers";
import { checkTemplates } from "./templates";

const LetterPayload = z.object({
  buyerId: z.string().check(z.trim(), z.regex(/^B-\d+$/, "error.field.id")),
  inquiryId: z.optional(z.string().check(z.trim(), z.regex(/^I-\d+$/, "error.field.id"))),
  kind: z.enum(LETTER_KINDS),
  lang: z.optional(z.enum(BUYER_LANGS)),
});

const asRpc = <T>(fn: () => T): T => refusalsAsRpc([LetterError], fn);

export const LETTER_HANDLERS = {
  letterPreview: handler({
    input: LetterPayload,
    action: "followup.log",
    write: false,
    run: (ctx, input) =>
      asRpc(() =>
        previewLetter(ctx.book, input, senderOf(ctx), ctx.now, {
          onBuyer: (b) => authorize(ctx, "followup.log", b.owner),
          config: ctx.config,
          lang: ctx.lang,
          staff: ctx.staff,
        }),
      ),
  }),
  draftLetter: handler({
    input: LetterPayload,
    action: "followup.log",
    write: true,
    run: (ctx, input) =>
      asRpc(() =>
        draftLetter(ctx.book, input, senderOf(ctx), ctx.now, {
          onBuyer: (b) => authorize(ctx, "followup.log", b.owner),
          config: ctx.config,
          lang: ctx.lang,
          staff: ctx.staff,
        }),
      ),
  }),
  checkTemplates: handler({
    input: z.object({}),
    action: "settings.edit",
    write: false,
    run: (ctx) => ({ problems: checkTemplates(ctx.book, ctx.lang, ctx.config.timeZone) }),
  }),
} satisfies HandlerTable;
