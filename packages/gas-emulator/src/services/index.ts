/** The script-level services of the emulator; each class takes the shared GasContext. */
export { Blob, decodeBytes, encodeString, fromJavaBytes, toJavaBytes } from "./blob";
export { Cache, CacheService } from "./cache";
export { formatJavaDate } from "./dateformat";
export { HtmlOutput, HtmlService, HtmlTemplate } from "./html";
export { Lock, LockService } from "./lock";
export { Properties, PropertiesService } from "./properties";
export { type Fire, TriggerScheduler, timeDrivenEvent } from "./scheduler";
export { ScriptApp, Trigger, type TriggerRecord } from "./script";
export { Session } from "./session";
export { Utilities } from "./utilities";
