/** Reports: the weekly Doc, the Wednesday brief and the monthly A-list. This file is the feature's public surface: other folders import only from here. */
export { type ReportKind, reportRunner, writeReport, writeWeeklyReport } from "./reports";
