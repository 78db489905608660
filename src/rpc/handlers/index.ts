import type { Handler } from "../server";

/**
 * Every RPC the sidebar can call, by name. Each feature keeps its handlers in its own file here and adds
 * one spread line below; the contract types the client uses live beside them (src/rpc/contract.ts).
 */
export const HANDLERS: Record<string, Handler<never, unknown>> = {};
