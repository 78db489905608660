import * as z from "zod/mini";
import { type HandlerTable, handler } from "../../app/handler";
import { startSchedule } from "./start";

/** The sidebar's "Start my schedule", for a person whose desk says it is not running. */
export const SCHEDULE_HANDLERS = {
  startMySchedule: handler({
    input: z._default(z.object({}), {}),
    action: "mail.pull",
    // Installing a trigger takes no sheet lock; the protections part takes its own.
    write: false,
    run: (ctx): { state: string } => ({ state: startSchedule(ctx.book, ctx.user.toLowerCase(), ctx.now) }),
  }),
} satisfies HandlerTable;
