import type * as z from "zod/mini";
import type { Action } from "../domain/access";
import type { RpcContext } from "./context";

/**
 * One server function the sidebar may call. `input` validates the payload (outside data: never trusted);
 * `action` is checked against the caller's role before `run`; `write` handlers run under the document lock.
 * `I` is what `run` receives (after zod's defaults and transforms), `Sent` what the sidebar sends, `O` what
 * `run` returns: the RPC contract is computed from these, so a handler's types are the client's types.
 */
export interface Handler<I = unknown, O = unknown, Sent = unknown> {
  input: z.ZodMiniType<I, Sent>;
  action: Action;
  write: boolean;
  run(ctx: RpcContext, input: I): O;
}

/** Any handler: what a feature's handler table must satisfy (its own literal type is kept for the contract). */
// biome-ignore lint/suspicious/noExplicitAny: a handler of any input; `run` is a method, so checked bivariantly.
export type AnyHandler = Handler<any, unknown, any>;
export type HandlerTable = Record<string, AnyHandler>;

export function handler<S extends z.ZodMiniType, O>(h: {
  input: S;
  action: Action;
  write: boolean;
  run(ctx: RpcContext, input: z.output<S>): O;
}): Handler<z.output<S>, O, z.input<S>> {
  return h as Handler<z.output<S>, O, z.input<S>>;
}

/** What a value becomes on its way to the sidebar: the result travels as JSON (a Date arrives as its ISO text). */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer E)[]
    ? Wire<E>[]
    : T extends readonly (infer E)[]
      ? readonly Wire<E>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** The RPC contract of a handler table: method name -> what the client sends and what it gets back. */
export type ContractOf<T extends HandlerTable> = {
  [K in keyof T & string]: T[K] extends Handler<unknown, infer O, infer Sent>
    ? { input: Sent; output: Wire<O> }
    : never;
};
