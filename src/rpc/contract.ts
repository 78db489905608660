import type { SidebarRpc } from "./handlers/sidebar-types";

import type { StaffRpc } from "./handlers/staff";
import type { ProductRpc } from "./handlers/products";
import type { QuoteRpc } from "./handlers/quotes";
import type { SampleRpc } from "./handlers/samples";
import type { OutreachRpc } from "./handlers/outreach";
/**
 * The typed RPC contract shared by the sidebar (client) and the server: method name -> input and output.
 * Each feature adds its methods as one interface and extends RpcContract with it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: features extend this interface.
export interface RpcContract {}

// The sidebar's methods (issue 4): bootstrap, desk, selection, buyer, grading, follow-ups, search, add.
// biome-ignore lint/suspicious/noEmptyInterface: merged into RpcContract.
export interface RpcContract extends SidebarRpc {}

// Staff and access (issue 6): onboard, offboard, setAway, installAudit.
// biome-ignore lint/suspicious/noEmptyInterface: merged into RpcContract.
export interface RpcContract extends StaffRpc {}

// Quotes, samples and products (issue 7): quoteOptions, quotePreview, saveQuote, quoteSent, requestSample,
// updateSample, buyerSamples, registerProduct, registerPicture.
// biome-ignore lint/suspicious/noEmptyInterface: merged into RpcContract.
export interface RpcContract extends QuoteRpc, SampleRpc, ProductRpc {}

// Outreach (issue 8): campaigns, trips and shows, dashboard and product requests, bulk import.
// biome-ignore lint/suspicious/noEmptyInterface: merged into RpcContract.
export interface RpcContract extends OutreachRpc {}

export type RpcMethod = keyof RpcContract;
