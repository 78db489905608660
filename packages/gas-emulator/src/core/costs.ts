/**
 * ONE cost table: what each emulated service call is modeled to cost in real Apps Script.
 * `perCall` is fixed overhead in ms, `perUnit` is ms per unit (cell, message, thread, byte…) named in `unit`.
 * Every figure names its source so a reader can challenge it. Where Google publishes no number, the
 * figure is a conservative estimate and says so.
 */
export interface CostEntry {
  perCall: number;
  perUnit?: number;
  unit?: string;
  source: string;
}

const BEST_PRACTICES =
  "developers.google.com/apps-script/guides/support/best-practices (per-cell loop over 100x100 ~70 s vs one batch ~1 s)";

export const COST_TABLE: Record<string, CostEntry> = {
  // Spreadsheet. The best-practices page: 10,000 single-cell calls ~70 s => ~7 ms/call of overhead, and one
  // batched 100x100 call ~1 s => ~0.1 ms/cell. A round trip is dominated by the fixed part.
  "Spreadsheet.read": {
    perCall: 50,
    perUnit: 0.01,
    unit: "cell",
    source: `${BEST_PRACTICES}; ~50 ms round trip estimated`,
  },
  "Spreadsheet.write": {
    perCall: 100,
    perUnit: 0.05,
    unit: "cell",
    source: `${BEST_PRACTICES}; writes ~2x reads (estimate)`,
  },
  "Spreadsheet.meta": {
    perCall: 10,
    source: "estimate: metadata calls (getSheetByName, getLastRow) are cheap but not free",
  },
  "Spreadsheet.structure": {
    perCall: 150,
    source: "estimate: insertSheet/insertRows/deleteRows/protect are slow structural edits",
  },
  "Spreadsheet.find": {
    perCall: 120,
    perUnit: 0.001,
    unit: "cell",
    source: "estimate: TextFinder searches server-side, cost grows slowly with sheet size",
  },
  "Spreadsheet.flush": { perCall: 50, source: "estimate: SpreadsheetApp.flush commits pending writes" },
  "Spreadsheet.ui": { perCall: 50, source: "estimate: toast/menu/sidebar calls talk to the client" },
  "Spreadsheet.local": {
    perCall: 0.1,
    source:
      "estimate: accessors answered from the object already held (Range.getRow/getA1Notation, Sheet.getName, getRange before any read) need no round trip; counted so every call shows up, priced near zero",
  },
  // Properties: measured figures quoted widely (Apps Script quota/benchmark write-ups): get ~30 ms, set ~62 ms.
  "Properties.get": { perCall: 30, source: "community benchmark of PropertiesService: getProperty ~30 ms" },
  "Properties.set": { perCall: 62, source: "community benchmark of PropertiesService: setProperty ~62 ms" },
  "Cache.get": { perCall: 10, source: "estimate: CacheService is documented as faster than Properties" },
  "Cache.put": { perCall: 15, source: "estimate: CacheService put" },
  "Lock.acquire": { perCall: 20, source: "estimate: LockService round trip when uncontended" },
  "Lock.release": { perCall: 10, source: "estimate: releaseLock/hasLock, a lighter LockService round trip" },
  "Session.read": { perCall: 1, source: "estimate: Session values are local to the execution" },
  "Utilities.call": { perCall: 1, source: "estimate: Utilities run in-process" },
  "Script.triggers": { perCall: 100, source: "estimate: ScriptApp trigger management is a remote call" },
  "Html.create": { perCall: 20, source: "estimate: HtmlService template evaluation" },
  // Gmail: ~1.5 s per thread read+label in naive loops; batched calls amortize.
  "Gmail.search": {
    perCall: 400,
    perUnit: 2,
    unit: "thread",
    source: "estimate from Gmail quota write-ups (~1.5 s per thread read+label in loops)",
  },
  "Gmail.read": {
    perCall: 200,
    perUnit: 20,
    unit: "message",
    source: "estimate: getMessagesForThreads batches message fetch",
  },
  "Gmail.label": { perCall: 300, perUnit: 5, unit: "thread", source: "estimate: label batch calls (<=100 threads)" },
  "Gmail.draft": { perCall: 500, source: "estimate: createDraftReply" },
  "Gmail.send": { perCall: 800, source: "estimate: MailApp/GmailApp send" },
  "Gmail.meta": { perCall: 5, source: "estimate: accessors on a fetched message object are local" },
  "Docs.create": { perCall: 1500, source: "estimate: DocumentApp.create is one of the slowest calls" },
  "Docs.open": { perCall: 800, source: "estimate: DocumentApp.openById" },
  "Docs.edit": {
    perCall: 40,
    perUnit: 0.5,
    unit: "cell",
    source: "estimate: body edits batch server-side until saveAndClose",
  },
  "Docs.save": { perCall: 500, source: "estimate: saveAndClose" },
  "Docs.read": { perCall: 5, source: "estimate: reading an open Document's elements is served from the loaded copy" },
  "Drive.call": { perCall: 300, source: "estimate: DriveApp file/folder calls" },
  "Drive.share": { perCall: 600, source: "estimate: addEditor/addViewer send notifications" },
};

export function costOf(type: string, units = 0): number {
  const entry = COST_TABLE[type];
  if (!entry)
    throw new Error(`No cost entry for call type "${type}": add it to packages/gas-emulator/src/core/costs.ts`);
  return entry.perCall + (entry.perUnit ?? 0) * units;
}
