import { authorize, loadRpcContext, type RpcContext } from "../app/context";
import type { AnyHandler, HandlerTable } from "../app/handler";
import { RpcError, type RpcResult } from "../app/result";
import { withCacheWritesDeferred } from "../gas/cache";
import { BusyError, withDocumentLock } from "../gas/lock";
import { t } from "../i18n";
import { refusalText } from "./refusal";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Runs one RPC: parse, validate, authorize, run (locked if it writes). Every outcome is an RpcResult. */
export function dispatch(...call: Parameters<typeof dispatchNow>): RpcResult<unknown> {
  // A call's cache entries (row hints, names, headers, the desk's state) go out together at its end, after
  // the document lock is released.
  return withCacheWritesDeferred(() => dispatchNow(...call));
}

function dispatchNow(
  handlers: HandlerTable,
  method: unknown,
  payloadJson: unknown,
  book: Book,
  user: string,
  now: Date,
): RpcResult<unknown> {
  let ctx: RpcContext | undefined;
  try {
    ctx = loadRpcContext(book, user, now);
    // Own names only: "constructor" or "__proto__" must not reach a handler. (Object.hasOwn is too new for some Apps Script V8 builds.)
    // biome-ignore lint/suspicious/noPrototypeBuiltins: see above.
    const own = typeof method === "string" && Object.prototype.hasOwnProperty.call(handlers, method);
    const h = own ? (handlers[method as string] as AnyHandler) : undefined;
    if (!h) throw new RpcError("invalid", t(ctx.lang, "error.unknownMethod"));
    let raw: unknown;
    try {
      raw = typeof payloadJson === "string" && payloadJson !== "" ? JSON.parse(payloadJson) : (payloadJson ?? {});
    } catch {
      throw new RpcError("invalid", t(ctx.lang, "error.notJson"));
    }
    const parsed = h.input.safeParse(raw);
    if (!parsed.success) {
      throw new RpcError("invalid", refusalText(ctx.lang, parsed.error.issues, raw));
    }
    authorize(ctx, h.action);
    const run = () => h.run(ctx!, parsed.data);
    return { ok: true, data: h.write ? withDocumentLock(run, 20_000) : run() };
  } catch (e) {
    if (e instanceof RpcError) return { ok: false, code: e.code, error: e.message };
    if (e instanceof BusyError) return { ok: false, code: "busy", error: t(ctx?.lang ?? "en", "error.busy") };
    return { ok: false, code: "failed", error: (e as Error).message };
  }
}
