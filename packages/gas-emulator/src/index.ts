/**
 * The offline Apps Script emulator's public API: see ../README.md for what it covers and how to use it.
 * Everything a caller (the add-on's runtime, its tests, the contract suite) may use is exported here; the
 * modules behind it are free to move.
 */
export { Clock } from "./core/clock";
export { GasContext, type GasContextOptions } from "./core/context";
export {
  COST_TABLE,
  type CostEntry,
  costOf,
  FLUSHING_TYPES,
  fetchAllRounds,
  URLFETCH_CONCURRENCY,
  WRITE_CACHE_FLUSH,
} from "./core/costs";
export {
  Execution,
  type ExecutionKind,
  type ExecutionRecord,
  ExecutionTimeout,
  executionLimitMs,
  MAX_EXECUTION_TIME,
  SCRIPT_RUNTIME_MS,
  SHORT_RUNTIME_MS,
} from "./core/execution";
export { FileRegistry, NO_ACCESS_MESSAGE } from "./core/files";
export { type CallHook, type CallRecord, InjectedFault, Meter } from "./core/meter";
export {
  ACCOUNT_QUOTAS,
  type AccountKind,
  type AccountQuotas,
  DailyQuota,
  GMAIL_DAILY_LIMIT,
  TOO_MUCH_COMPUTER_TIME,
  URLFETCH_DAILY_LIMIT,
} from "./core/quotas";
export { isKnownZone, offsetMinutesAt, utcMs, wallClock, wallClockToMs } from "./core/zones";
export { ACTION_NOT_ALLOWED, DOCUMENT_CLOSED, DocModel, docToDocx, docToHtml, EmulatedDocumentApp } from "./docs";
export { EmulatedDriveApp } from "./drive";
export { ITERATOR_AT_END } from "./drive/iterators";
export { ACCESS_DENIED, CANNOT_REMOVE_OWNER, NO_ITEM_WITH_ID } from "./drive/messages";
export {
  createGasEnvironment,
  type DeploymentMode,
  type ExecuteOptions,
  GasEnvironment,
  type GasEnvironmentOptions,
} from "./environment";
export {
  EmulatedGmailApi,
  EmulatedGmailApp,
  EmulatedMailApp,
  ENTITY_NOT_FOUND,
  loadMailDir,
  MAX_BATCH_IDS,
  MailWorld,
  parseRawMail,
  type StoredMessage,
  type StructuredMail,
  saveEml,
  userLabelId,
  writeMailDir,
} from "./gmail";
export { restoreComposedMail, restoreDrive, restoreMailLabels, saveDrive, saveMail } from "./persist";
export type { SavedDrive } from "./persist/drive";
export type { SavedMail } from "./persist/mail";
export { type LoadedProject, loadProject, projectSources, type RunOptions } from "./project";
export {
  Blob,
  CacheService,
  type Fire,
  HtmlService,
  LockService,
  PropertiesService,
  Session,
  type TriggerRecord,
  TriggerScheduler,
  Utilities,
} from "./services";
export { CACHE_ITEMS_KEPT, CACHE_KEY_TOO_LARGE, CACHE_MAX_ITEMS, CACHE_VALUE_TOO_LARGE } from "./services/cache";
export { LOCK_TIMEOUT_MESSAGE } from "./services/lock";
export { PROPERTY_STORE_FULL, PROPERTY_VALUE_TOO_LARGE } from "./services/properties";
export type { TriggerRun, TriggerRunner } from "./services/scheduler";
export {
  ADDON_CLOCK_TOO_FREQUENT,
  ADDON_ONE_TRIGGER_PER_TYPE,
  INVALID_EVERY_MINUTES,
  ScriptApp,
  TOO_MANY_TRIGGERS,
} from "./services/script";
export { EXTERNAL_REQUEST_SCOPE, type FetchRequest, HTTPResponse, UrlFetchApp } from "./services/url-fetch";
export { Charts, EmulatedSpreadsheetApp } from "./spreadsheet";
export { DOMAIN_EDIT_NEEDS_WORKSPACE } from "./spreadsheet/protection";
export type { MenuEntry, ShownHtml } from "./spreadsheet/ui";
export { loadWorkbookXlsx, saveWorkbookXlsx } from "./xlsx";
