import type { HandlerTable } from "../app/handler";
import { BUYER_HANDLERS } from "../features/desk/buyer-handlers";
import { DESK_HANDLERS } from "../features/desk/desk-handlers";
import { TRIAGE_HANDLERS } from "../features/desk/triage-handlers";
import { OUTREACH_HANDLERS } from "../features/outreach/handlers";
import { PRODUCT_HANDLERS } from "../features/quotes/product-handlers";
import { QUOTE_HANDLERS } from "../features/quotes/quote-handlers";
import { SAMPLE_HANDLERS } from "../features/quotes/sample-handlers";
import { STAFF_HANDLERS } from "../features/staff/handlers";

/**
 * Every RPC the sidebar can call, by name. Each feature keeps its handlers in its own file here and adds
 * one spread line below; the contract the client uses is computed from this table (src/rpc/contract.ts).
 */
export const HANDLERS = {
  ...STAFF_HANDLERS,
  ...DESK_HANDLERS,
  ...BUYER_HANDLERS,
  ...TRIAGE_HANDLERS,
  ...QUOTE_HANDLERS,
  ...SAMPLE_HANDLERS,
  ...PRODUCT_HANDLERS,
  ...OUTREACH_HANDLERS,
} satisfies HandlerTable;
