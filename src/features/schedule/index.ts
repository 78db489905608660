/** The schedule: the hourly heartbeat, the daily upkeep and the morning digest it runs. This file is the feature's public surface: other folders import only from here. */
export { type DigestResult, digestKey, digestRunner } from "./digest";
export { SCHEDULE_HANDLERS } from "./handlers";
export {
  type HeartbeatReport,
  type JobArgs,
  type JobRunner,
  type JobSpec,
  markScheduleStart,
  runHeartbeat,
} from "./heartbeat";
export { type StartResult, startSchedule } from "./start";
export { UPKEEP_PART_MIN_MS, upkeepRunner } from "./upkeep";
