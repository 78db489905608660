import type { HandlerTable } from "../app/handler";
import { BUYER_HANDLERS, DESK_HANDLERS, TRIAGE_HANDLERS } from "../features/desk";

/**
 * The RPCs Code.js answers itself: opening the sidebar, the desk, a buyer, grading and follow-ups — what people
 * click all day. Every other RPC is answered by the on-demand program (src/program.ts) with the whole table.
 */
export const RESIDENT_HANDLERS = {
  ...DESK_HANDLERS,
  ...BUYER_HANDLERS,
  ...TRIAGE_HANDLERS,
} satisfies HandlerTable;
