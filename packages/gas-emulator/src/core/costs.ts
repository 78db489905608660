/**
 * ONE cost table: what each emulated service call is modeled to cost in real Apps Script.
 * `perCall` is fixed overhead in ms, `perUnit` is ms per unit (cell, message, thread, KB…) named in `unit`.
 * Every figure names its source so a reader can challenge it: a Google page, a public measurement, or
 * "estimate" where nothing is published. Figures are monotonic: more calls or more units never cost less.
 *
 * Spreadsheet writes go through a write cache (see WRITE_CACHE_FLUSH below and meter.ts): a write call
 * costs only its own `perCall` + `perUnit` when made; the round trip that commits the queued writes is
 * charged once, when a read (or flush, or the end of the execution) empties the cache.
 */
export interface CostEntry {
  perCall: number;
  perUnit?: number;
  unit?: string;
  source: string;
}

/**
 * developers.google.com/apps-script/guides/support/best-practices ("Use batch operations"). Its example
 * writes 10,000 cells one call at a time and calls SpreadsheetApp.flush() after each of the 100 rows: about
 * 70 s. The batched version (one setBackgrounds of 10,000 cells) runs in about 1 s. Read correctly that is
 * 10,000 queued calls + 100 flushes of 100 cells each, not 10,000 round trips. The three spreadsheet write
 * figures below are fitted to BOTH numbers of that page:
 *   10,000 calls x 5 ms + 10,000 cells x 0.08 ms + 100 flushes x 190 ms = 69.8 s   (page: ~70 s)
 *   1 call x 5 ms + 10,000 cells x 0.08 ms + 1 flush x 190 ms            = 1.0 s    (page: ~1 s)
 * Cross-check, a public measurement (a Stack Overflow answer to "What is faster: ScriptDb or SpreadsheetApp?",
 * ScriptDb era, mirrored at ruby-bash.developreference.com/article/29263774): one 4,000-cell setValues then
 * flush() took 610 ms; this table gives 520 ms.
 * The same answer measured 400 one-row writes each followed by flush() at ~12 s, where this table gives
 * ~80 s: the page's figures imply a slower round trip than that measurement. The emulator follows Google's
 * page (the harsher of the two); README "Known differences" says so.
 */
const BEST_PRACTICES = "developers.google.com/apps-script/guides/support/best-practices";
/**
 * googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html (Google's Apps Script team):
 * "we do some look ahead caching, and some write caching … Every time you do a read, we must first empty
 * (commit) the write cache to ensure that you're reading the latest data (you can force a write of the
 * cache by calling SpreadsheetApp.flush())".
 */
const WRITE_CACHE_POST = "googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html";
/** ziritione.org/post/apps_script_performance: 100 consecutive runs per method, averages in ms. */
const SERVICE_BENCHMARK = "ziritione.org/post/apps_script_performance (average of 100 runs)";

export const COST_TABLE: Record<string, CostEntry> = {
  "Spreadsheet.read": {
    perCall: 50,
    perUnit: 0.01,
    unit: "cell",
    source:
      "estimate: Google publishes no read latency; a read is one round trip (~50 ms) and reads about 10x cheaper per cell than the write commit below. A read first commits queued writes (" +
      WRITE_CACHE_POST +
      ")",
  },
  "Spreadsheet.write": {
    perCall: 5,
    perUnit: 0.08,
    unit: "cell",
    source: `${BEST_PRACTICES}: fitted to the page's 70 s / 1 s example (see above); the round trip is WRITE_CACHE_FLUSH, charged when the write cache is emptied`,
  },
  "Spreadsheet.write.api": {
    perCall: 190,
    perUnit: 0.08,
    unit: "cell",
    source:
      "developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate (Sheets.Spreadsheets.Values.batchUpdate: values for many ranges, of several sheets, in one request); estimate: one committed write — the commit round trip WRITE_CACHE_FLUSH (190 ms) and the per-cell write cost of the " +
      BEST_PRACTICES +
      " fit. An advanced-service call is its own round trip, not queued in SpreadsheetApp's write cache, so it is charged when made",
  },
  "Spreadsheet.flush": {
    perCall: 5,
    source: `${BEST_PRACTICES}: SpreadsheetApp.flush() is a call like a queued write (5 ms); committing queued writes adds WRITE_CACHE_FLUSH`,
  },
  "Spreadsheet.meta": {
    perCall: 10,
    source:
      "estimate: metadata calls (getSheetByName, getLastRow) are cheap but not free; like reads they commit queued writes",
  },
  "Spreadsheet.structure": {
    perCall: 150,
    source:
      "estimate: insertSheet/insertRows/deleteRows/protect are slow structural edits; they commit queued writes first",
  },
  "Spreadsheet.find": {
    perCall: 120,
    perUnit: 0.001,
    unit: "cell",
    source: "estimate: TextFinder searches server-side, cost grows slowly with sheet size; commits queued writes first",
  },
  "Spreadsheet.ui": { perCall: 50, source: "estimate: toast/menu/sidebar calls talk to the client" },
  "Spreadsheet.local": {
    perCall: 0.1,
    source:
      "estimate: accessors answered from the object already held (Range.getRow/getA1Notation, Sheet.getName, getRange before any read) need no round trip; counted so every call shows up, priced near zero",
  },
  "Properties.get": { perCall: 30, source: `${SERVICE_BENCHMARK}: getProperty 30 ms (script), 34 ms (user)` },
  "Properties.set": { perCall: 62, source: `${SERVICE_BENCHMARK}: setProperty 62 ms (script), 64 ms (user)` },
  "Cache.get": { perCall: 3, source: `${SERVICE_BENCHMARK}: CacheService get 3 ms (script), 4 ms (user)` },
  "Cache.put": {
    perCall: 93,
    source: `${SERVICE_BENCHMARK}: CacheService put 93 ms (script), 92 ms (user); remove priced alike (estimate)`,
  },
  "Lock.acquire": { perCall: 20, source: "estimate: LockService round trip when uncontended" },
  "Lock.release": { perCall: 10, source: "estimate: releaseLock/hasLock, a lighter LockService round trip" },
  "Session.read": { perCall: 1, source: "estimate: Session values are local to the execution" },
  "Utilities.call": { perCall: 1, source: "estimate: Utilities run in-process" },
  "Script.triggers": { perCall: 100, source: "estimate: ScriptApp trigger management is a remote call" },
  "Script.load": {
    perCall: 0,
    perUnit: 0.2,
    unit: "KB of project code",
    source:
      "measurement: Node 20's V8 compiling and running the top level of a 1,231 KB bundle (dist/Code.js) in a fresh vm context took 214 ms median of 7 (0.17 ms/KB), rounded up; Apps Script re-loads the whole project for every execution (ramblings.mcpher.com/gassnippets2/measuring-library-load-speed). The fixed start-up of an execution is unpublished and not modeled",
  },
  "Html.create": { perCall: 20, source: "estimate: HtmlService template evaluation" },
  // Gmail: Google publishes no latencies. A naive loop over threads (getMessages of 2 messages + addLabel +
  // markRead per thread) costs 240 + 305 + 305 ms = ~0.85 s per thread under these figures; the batched
  // calls (getMessagesForThreads, label calls of up to 100 threads) amortize their fixed part. An earlier
  // note here claimed "~1.5 s per thread" from unnamed write-ups; no such source could be found, so it is gone.
  "Gmail.search": {
    perCall: 400,
    perUnit: 2,
    unit: "thread",
    source: "estimate: a Gmail search round trip plus a little per thread returned",
  },
  "Gmail.read": {
    perCall: 200,
    perUnit: 20,
    unit: "message",
    source:
      "estimate: message fetch; one getMessagesForThreads batches it (github.com/btoews/OctoGAS/issues/10: adding getMessagesForThreads 'significantly speeded up the script')",
  },
  "Gmail.read.rest": {
    perCall: 0,
    perUnit: 0,
    unit: "message",
    source:
      "estimate: a Gmail REST request (developers.google.com/workspace/gmail/api/reference/rest/v1/users.threads/get) sent through UrlFetchApp.fetch/fetchAll: counted as a Gmail call; its latency (priced as Gmail.read) is charged to its fetchAll round (UrlFetch.round), not here",
  },
  "UrlFetch.round": {
    perCall: 0,
    perUnit: 1,
    unit: "ms of the round's slowest request",
    source:
      "estimate: one round of up to URLFETCH_CONCURRENCY (10) requests that UrlFetchApp.fetchAll runs at once lasts as long as its slowest request; sources at URLFETCH_CONCURRENCY below",
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

/**
 * The round trip that commits the queued spreadsheet writes, charged once per batch when the write cache is
 * emptied (by a read, a structural edit, SpreadsheetApp.flush() or the end of the execution); the batch's
 * cells were already priced by "Spreadsheet.write". Fitted to the best-practices page (see above).
 */
export const WRITE_CACHE_FLUSH: CostEntry = {
  perCall: 190,
  source: `${BEST_PRACTICES} (fitted, see above) and ${WRITE_CACHE_POST} (reads empty the write cache)`,
};

/** Call types that must see committed data, so they empty the write cache first (WRITE_CACHE_POST). */
export const FLUSHING_TYPES: ReadonlySet<string> = new Set([
  "Spreadsheet.read",
  "Spreadsheet.meta",
  "Spreadsheet.find",
  "Spreadsheet.structure",
  "Spreadsheet.flush",
]);

export function costOf(type: string, units = 0): number {
  const entry = COST_TABLE[type];
  if (!entry)
    throw new Error(`No cost entry for call type "${type}": add it to packages/gas-emulator/src/core/costs.ts`);
  return entry.perCall + (entry.perUnit ?? 0) * units;
}

/**
 * How many requests of one UrlFetchApp.fetchAll run at once. Google documents fetchAll only as "Makes multiple
 * requests to fetch multiple URLs" and publishes no concurrency. Two public measurements: tanaikech.github.io/
 * 2018/04/19/benchmark-fetchall-method-in-urlfetch-service-for-google-apps-script/ (fetchAll's requests run
 * asynchronously: far faster than the same requests one fetch at a time) and magesheet.com/blog/
 * apps-script-urlfetchapp-quotas-retries (about 10 to 20 requests observed in flight at once, undocumented).
 * The emulator takes the conservative end, 10: a fetchAll of n requests takes ceil(n / 10) rounds, each as long
 * as its slowest request. An estimate; README "Known differences" says so.
 */
export const URLFETCH_CONCURRENCY = 10;

/** The modeled ms of each round of a fetchAll whose requests take these ms, in order, URLFETCH_CONCURRENCY a round. */
export function fetchAllRounds(latencies: readonly number[]): number[] {
  const rounds: number[] = [];
  for (let i = 0; i < latencies.length; i += URLFETCH_CONCURRENCY) {
    rounds.push(Math.max(...latencies.slice(i, i + URLFETCH_CONCURRENCY)));
  }
  return rounds;
}
