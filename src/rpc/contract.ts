import type { SidebarRpc } from "../features/desk/types";
import type { OutreachRpc } from "../features/outreach/handlers";
import type { ProductRpc } from "../features/quotes/product-handlers";
import type { QuoteRpc } from "../features/quotes/quote-handlers";
import type { SampleRpc } from "../features/quotes/sample-handlers";
import type { StaffRpc } from "../features/staff/handlers";

/**
 * The typed RPC contract shared by the sidebar (client) and the server: method name -> input and output.
 * Each feature defines its methods as one interface beside its handlers and is listed here:
 * - SidebarRpc (issue 4): bootstrap, desk, selection, buyer, grading, follow-ups, search, add;
 * - StaffRpc (issue 6): onboard, offboard, setAway, installAudit;
 * - QuoteRpc, SampleRpc, ProductRpc (issue 7): quotes, samples, the product library;
 * - OutreachRpc (issue 8): campaigns, trips, dashboard, requests, import.
 */
export interface RpcContract extends SidebarRpc, StaffRpc, QuoteRpc, SampleRpc, ProductRpc, OutreachRpc {}

export type RpcMethod = keyof RpcContract;
