/** Mail intake: the Gmail pull that turns every inquiry into a row matched to its buyer. This file is the feature's public surface: other folders import only from here. */
export { CONFLICT_ACTION, type OwnershipConflict, ownershipConflicts } from "./conflicts";
export { type PullOptions, type PullResult, pullMailbox } from "./pull";
export {
  REEXAMINE_BATCH,
  type ReexamineOptions,
  type ReexamineResult,
  reexamineBuyers,
  reexamineMessage,
} from "./reexamine";
