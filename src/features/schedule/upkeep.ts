import { archiveOldRows } from "../archive";
import { refreshDue } from "../desk";
import { refreshDashboardJob } from "../outreach";
import { expireQuotes } from "../quotes";
import { returnFromAway } from "../staff";
import type { JobRunner } from "./heartbeat";

/**
 * The daily upkeep the heartbeat runs (Settings "upkeep.daily"): people back from a trip take their work back
 * (R6), every buyer's next follow-up and days overdue are current in the sheet (R20, R23), and the dashboard
 * shows today's figures (R17), and quotes past their validity are marked expired. Each part is batched (one
 * read per sheet, one write of what changed). Last, with what is left of the run's time, old rows move to the
 * yearly archives (resumed by the next day's upkeep when the backlog is bigger than one run).
 */
export const upkeepRunner: JobRunner = ({ book, now, budget }) => ({
  returned: returnFromAway(book, now),
  due: refreshDue(book, now),
  dashboard: refreshDashboardJob({ book, now }),
  quotes: expireQuotes(book, now),
  archive: archiveOldRows({ book, now, budget }),
});
