/**
 * Staff and access (R1, R6, R29, R30, R33, R34, C5): onboarding and offboarding (boss and assistant), away
 * dates and deputy (everyone for themselves; boss and assistant for anyone), the on-edit audit installer.
 */
import * as z from "zod/mini";
import { dateTextParser } from "../../app/config";
import type { RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { RpcError } from "../../app/result";
import { t } from "../../i18n";
import { ROLES } from "../../store/schemas";
import { setAway } from "./away";
import { installAuditTrigger } from "./edit-audit";
import { type OffboardReport, offboardStaff } from "./offboard";
import { onboardStaff } from "./onboard";
import { StaffRefusal } from "./refusal";
import { refusal } from "./texts";

const email = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email());
const list = z.pipe(
  z.union([
    z.array(z.string().check(z.trim(), z.maxLength(100))).check(z.maxLength(50)),
    z.string().check(z.maxLength(2000)),
  ]),
  z.transform((v: string | string[]) =>
    (Array.isArray(v) ? v : v.split(/[,，;；\n]/)).map((s) => s.trim()).filter((s) => s !== ""),
  ),
);
const day = z.string().check(z.trim(), z.maxLength(40));

export const OnboardPayload = z.object({
  email,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  role: z.enum(ROLES),
  language: z._default(z.enum(["zh-CN", "en"]), "zh-CN"),
  regions: z.optional(list),
  products: z.optional(list),
  deputy: z.optional(email),
});
export const OffboardPayload = z.object({ email, to: z.optional(email) });
export const AwayPayload = z.object({
  email: z.optional(email),
  deputy: z.optional(email),
  from: z.optional(day),
  until: z.optional(day),
  back: z.optional(z.boolean()),
});

export interface OffboardView extends Omit<OffboardReport, "left"> {
  left: string;
}

function actorOf(ctx: RpcContext) {
  return { email: ctx.user.toLowerCase(), role: ctx.me?.role ?? "" };
}

/** Runs a staff job, turning its refusals into RPC errors worded in the caller's language. */
function refusing<T>(ctx: RpcContext, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StaffRefusal) throw new RpcError(e.code, refusal(ctx.lang, e.key, e.params));
    throw e;
  }
}

function parseDay(
  ctx: RpcContext,
  text: string | undefined,
  label: "sb.away.from" | "sb.away.until",
): Date | undefined {
  if (!text) return undefined;
  const d = dateTextParser(ctx.config.timeZone)(text) ?? new Date(text);
  if (Number.isNaN(d.getTime()))
    throw new RpcError("invalid", `${t(ctx.lang, "error.field.date", { field: t(ctx.lang, label) })} (${text})`);
  return d;
}

/** Typed per method above; the registry holds them as plain handlers (the payload is validated at run time). */
export const STAFF_HANDLERS = {
  onboard: handler({
    input: OnboardPayload,
    action: "staff.manage",
    write: true,
    run: (ctx, input) => refusing(ctx, () => onboardStaff(ctx.book, input, actorOf(ctx), ctx.now)),
  }),
  offboard: handler({
    input: OffboardPayload,
    action: "staff.manage",
    write: true,
    run: (ctx, input): OffboardView =>
      refusing(ctx, () => {
        const report = offboardStaff(ctx.book, input, actorOf(ctx), ctx.now);
        return { ...report, left: report.left.toISOString() };
      }),
  }),
  setAway: handler({
    input: AwayPayload,
    action: "staff.away",
    write: true,
    run: (ctx, input) =>
      refusing(ctx, () =>
        setAway(
          ctx.book,
          {
            ...input,
            from: parseDay(ctx, input.from, "sb.away.from"),
            until: parseDay(ctx, input.until, "sb.away.until"),
          },
          actorOf(ctx),
          ctx.now,
        ),
      ),
  }),
  installAudit: handler({
    input: z.object({}),
    action: "audit.install",
    write: false,
    run: (ctx) => ({ trigger: installAuditTrigger(ctx.book) }),
  }),
} satisfies HandlerTable;
