import type { Handler } from "../server";
import { BUYER_HANDLERS } from "./buyer";
import { DESK_HANDLERS } from "./desk";
import { OUTREACH_HANDLERS } from "./outreach";
import { PRODUCT_HANDLERS } from "./products";
import { QUOTE_HANDLERS } from "./quotes";
import { SAMPLE_HANDLERS } from "./samples";
import { STAFF_HANDLERS } from "./staff";
import { TRIAGE_HANDLERS } from "./triage";

/**
 * Every RPC the sidebar can call, by name. Each feature keeps its handlers in its own file here and adds
 * one spread line below; the contract types the client uses live beside them (src/rpc/contract.ts).
 */
export const HANDLERS: Record<string, Handler<never, unknown>> = {
  ...STAFF_HANDLERS,
  ...DESK_HANDLERS,
  ...BUYER_HANDLERS,
  ...TRIAGE_HANDLERS,
  ...QUOTE_HANDLERS,
  ...SAMPLE_HANDLERS,
  ...PRODUCT_HANDLERS,
  ...OUTREACH_HANDLERS,
};
