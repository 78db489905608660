import type { OutreachRpc } from "./handlers/outreach";
import type { ProductRpc } from "./handlers/products";
import type { QuoteRpc } from "./handlers/quotes";
import type { SampleRpc } from "./handlers/samples";
import type { SidebarRpc } from "./handlers/sidebar-types";
import type { StaffRpc } from "./handlers/staff";

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
