/**
 * The entry points that live in the on-demand program (src/program.ts, shipped as the project file
 * Program.html) rather than in Code.js: menus, triggers and jobs that run a few times a day. Code.js defines a
 * top-level function for each that loads the program and calls it, so Apps Script sees every name while a
 * sidebar click or an edit parses only Code.js. One list, typed against the program's table so neither can drift.
 */
export const PROGRAM_POINT_NAMES = [
  "staffOnboard",
  "staffOffboard",
  "menuInstallAudit",
  "menuRefreshDue",
  "heartbeat",
  "heartbeatContinue",
  "menuPullNow",
  "menuRunDueNow",
  "menuWeeklyReport",
  "menuMidweekBrief",
  "menuMonthlyA",
  "menuSendCampaignsNow",
  "menuRefreshDashboard",
  "menuImportSheet",
  "menuReexamineBuyers",
  "menuSetup",
  "menuStartSchedule",
  "rpc",
] as const;

export type ProgramPointName = (typeof PROGRAM_POINT_NAMES)[number];
