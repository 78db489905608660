/** The desk: the sidebar's desk, buyer view, grading and follow-ups, and the team view. This file is the feature's public surface: other folders import only from here. */
export { BUYER_HANDLERS, notFound } from "./buyer-handlers";
export { dueCells, nextFollowUpDate } from "./cadence";
export { bumpDeskVersion } from "./click-audit";
export { DESK_HANDLERS } from "./desk-handlers";
export { MERGE_HANDLERS } from "./merge";
export { mergedInto } from "./merge-rules";
export { markInquiriesWritten, refreshOpenRowsInBackground } from "./open-inquiries";
export { refreshDue, refreshEditedBuyers } from "./refresh-due";
export { TRIAGE_HANDLERS } from "./triage-handlers";
export type {
  AddBuyerResult,
  Bootstrap,
  BuyerCard,
  BuyerHitView,
  BuyerView,
  Desk,
  DeskFollowUp,
  DeskInquiry,
  DeskSample,
  FollowUpChannel,
  GradeLetter,
  HistoryItem,
  OffboardPreview,
  TeamMember,
  ViewPatch,
} from "./types";
