/** Reports: the weekly Doc, the Wednesday brief and the monthly A-list. This file is the feature's public surface: other folders import only from here. */
export type { LogIntegrity } from "./render";
export {
  bookScheduleHealth,
  isFinished,
  type ReportKind,
  type ReportProgress,
  type ReportResult,
  reportRunner,
  reportSlice,
  reportWriter,
  writeReport,
  writeWeeklyReport,
} from "./reports";
