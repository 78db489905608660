import type { HandlerTable } from "../app/handler";
import { BUYER_HANDLERS, DESK_HANDLERS, MERGE_HANDLERS, TRIAGE_HANDLERS } from "../features/desk";
import { OUTREACH_HANDLERS } from "../features/outreach";
import { LETTER_HANDLERS, PRODUCT_HANDLERS, QUOTE_HANDLERS, SAMPLE_HANDLERS } from "../features/quotes";
import { SCHEDULE_HANDLERS } from "../features/schedule";
import { INTRO_HANDLERS, STAFF_HANDLERS } from "../features/staff";

/**
 * Every RPC the sidebar can call, by name. Each feature keeps its handlers in its own file here and adds
 * one spread line below; the contract the client uses is computed from this table (src/rpc/contract.ts).
 */
export const HANDLERS = {
  ...STAFF_HANDLERS,
  ...INTRO_HANDLERS,
  ...DESK_HANDLERS,
  ...BUYER_HANDLERS,
  ...TRIAGE_HANDLERS,
  ...MERGE_HANDLERS,
  ...QUOTE_HANDLERS,
  ...SAMPLE_HANDLERS,
  ...LETTER_HANDLERS,
  ...PRODUCT_HANDLERS,
  ...OUTREACH_HANDLERS,
  ...SCHEDULE_HANDLERS,
} satisfies HandlerTable;
