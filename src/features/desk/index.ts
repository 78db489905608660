/** The desk: the sidebar's desk, buyer view, grading and follow-ups, and the team view. This file is the feature's public surface: other folders import only from here. */
export { BUYER_HANDLERS, notFound } from "./buyer-handlers";
export { dueCells, nextFollowUpDate } from "./cadence";
export { DESK_HANDLERS } from "./desk-handlers";
export { refreshDue } from "./refresh-due";
export { TRIAGE_HANDLERS } from "./triage-handlers";
export type {
  Bootstrap,
  BuyerHitView,
  BuyerView,
  DeskFollowUp,
  DeskInquiry,
  DeskSample,
  FollowUpChannel,
  GradeLetter,
  HistoryItem,
  OffboardPreview,
  TeamMember,
} from "./types";
