/** Outreach: campaigns, trips and shows, the dashboard and bulk import. This file is the feature's public surface: other folders import only from here. */
export { sendQueuedCampaigns } from "./campaign-send";
export { refreshDashboardJob } from "./dashboard";
export { OUTREACH_HANDLERS } from "./handlers";
export { applyUnsubscribes, isUnsubscribeRequest } from "./unsubscribe";
