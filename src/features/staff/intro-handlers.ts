/** The receiver's "draft my introductions now" (R29): the same job the mail pull runs, without waiting for it. */
import * as z from "zod/mini";
import { type HandlerTable, handler } from "../../app/handler";
import { draftHandoverIntros } from "./handover-intros";

export const INTRO_HANDLERS = {
  handoverIntros: handler({
    input: z.object({}),
    action: "followup.log",
    write: true,
    run: (ctx) => draftHandoverIntros(ctx.book, ctx.user, ctx.now, ctx.lang),
  }),
} satisfies HandlerTable;
