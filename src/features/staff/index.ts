/** Staff: onboarding, offboarding, away and deputies, and the audit of hand edits. This file is the feature's public surface: other folders import only from here. */
export { returnFromAway } from "./away";
export { auditEdit, installAuditTrigger } from "./edit-audit";
export { STAFF_HANDLERS } from "./handlers";
export { draftHandoverIntros, type IntroReport } from "./handover-intros";
export { INTRO_HANDLERS } from "./intro-handlers";
export { bookOrRetire } from "./offboard";
