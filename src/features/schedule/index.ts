/** The schedule: the hourly heartbeat and the daily upkeep it runs. This file is the feature's public surface: other folders import only from here. */
export { type HeartbeatReport, type JobRunner, markScheduleStart, runHeartbeat } from "./heartbeat";
export { upkeepRunner } from "./upkeep";
