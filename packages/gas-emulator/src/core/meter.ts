import { costOf, FLUSHING_TYPES, WRITE_CACHE_FLUSH } from "./costs";

/** One emulated service call, as counted. */
export interface CallRecord {
  index: number;
  /** Cost-table key, e.g. "Spreadsheet.read". */
  type: string;
  /** The Apps Script method, e.g. "Range.getValues". */
  method: string;
  units: number;
}

export interface FaultRule {
  /** 1-based call index to fail, or undefined for "every call matching `match`". */
  at?: number;
  /** Matches a call's type or method (exact) when set. */
  match?: string;
  message?: string;
  /** How many times the rule may still fire; Infinity by default for `match` rules, 1 for `at`. */
  remaining: number;
}

/** The error messages Apps Script uses when a service fails (quota, timeouts, transient backend errors). */
const SERVICE_ERRORS: Record<string, string> = {
  Spreadsheet: "Service Spreadsheets timed out while accessing document with id",
  Properties: "Service invoked too many times for one day: properties.",
  Cache: "Service error: CacheService",
  Lock: "Lock timeout: another process was holding the lock for too long.",
  Gmail: "Service invoked too many times for one day: gmail.",
  Docs: "Service Documents failed while accessing document with id",
  Drive: "We're sorry, a server error occurred. Please wait a bit and try again.",
  Script: "Service invoked too many times in a short time: trigger. Try Utilities.sleep(1000) between calls.",
  Html: "Service error: HtmlService",
  Utilities: "Service error: Utilities",
  Session: "Service error: Session",
};

export class InjectedFault extends Error {
  constructor(
    message: string,
    readonly call: CallRecord,
  ) {
    super(message);
    this.name = "Exception";
  }
}

/**
 * Counts every emulated service call, prices it with the cost table, and fires injected faults.
 * A failing call still counts: in Apps Script a failed call costs time too.
 *
 * Spreadsheet writes are priced through a write cache, as Apps Script runs them: a write call costs its
 * own entry, and the round trip that commits the queued writes (WRITE_CACHE_FLUSH) is charged once, to the
 * "Spreadsheet.write" row, when a call that must see committed data (FLUSHING_TYPES), `settle()` (the end of
 * an execution) or `SpreadsheetApp.flush()` empties the cache. Figures read before that include the
 * pending commit, so a snapshot never under-states what the execution will have cost.
 */
export class Meter {
  private records: CallRecord[] = [];
  private readonly byType = new Map<string, { calls: number; units: number; ms: number }>();
  private readonly byMethod = new Map<string, number>();
  private rules: FaultRule[] = [];
  private total = 0;
  private charged = 0;
  private writesPending = false;
  private commits = 0;
  /** When false, calls are neither counted nor faulted (used for test setup and inspection). */
  enabled = true;
  /** Keep each call in `log()`; off by default for big benchmarks. */
  keepLog = false;

  call(type: string, method: string, units = 0): void {
    if (!this.enabled) return;
    const ms = costOf(type, units); // an unknown type throws here rather than pricing silently at zero
    this.total += 1;
    const record: CallRecord = { index: this.total, type, method, units };
    if (this.keepLog) this.records.push(record);
    if (FLUSHING_TYPES.has(type)) this.commitWrites();
    const t = this.row(type);
    t.calls += 1;
    t.units += units;
    this.charge(t, ms);
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      const hit = rule.at !== undefined ? rule.at === this.total : rule.match === type || rule.match === method;
      if (hit) {
        rule.remaining -= 1;
        const service = type.split(".")[0];
        throw new InjectedFault(rule.message ?? SERVICE_ERRORS[service] ?? `Service error: ${service}`, record);
      }
    }
    // A failed write queued nothing; a successful one waits in the cache for the next commit.
    if (type === "Spreadsheet.write") this.writesPending = true;
  }

  /** Modeled ms charged so far (every call, plus the write-cache commits already made). */
  get chargedMs(): number {
    return this.charged;
  }

  /** How many times queued spreadsheet writes were committed (one round trip each). */
  get writeCommits(): number {
    return this.commits;
  }

  /** Whether spreadsheet writes are queued and not yet committed. */
  get hasPendingWrites(): boolean {
    return this.writesPending;
  }

  /** Commit queued spreadsheet writes (the end of an execution does this); returns the ms it cost. */
  settle(): number {
    return this.commitWrites();
  }

  private commitWrites(): number {
    if (!this.writesPending) return 0;
    this.writesPending = false;
    this.commits += 1;
    this.charge(this.row("Spreadsheet.write"), WRITE_CACHE_FLUSH.perCall);
    return WRITE_CACHE_FLUSH.perCall;
  }

  private row(type: string): { calls: number; units: number; ms: number } {
    let t = this.byType.get(type);
    if (!t) {
      t = { calls: 0, units: 0, ms: 0 };
      this.byType.set(type, t);
    }
    return t;
  }

  private charge(row: { ms: number }, ms: number): void {
    row.ms += ms;
    this.charged += ms;
  }

  /** Make the call with this 1-based index (counted from now on, across services) throw. */
  failAt(index: number, message?: string): void {
    this.rules.push({ at: this.total + index, message, remaining: 1 });
  }

  /** Make every call of this type or method throw (for `times` calls, default forever). */
  failEvery(match: string, message?: string, times = Number.POSITIVE_INFINITY): void {
    this.rules.push({ match, message, remaining: times });
  }

  clearFaults(): void {
    this.rules = [];
  }

  /** Run `fn` without counting or faulting (setup and assertions should not disturb the figures). */
  quietly<T>(fn: () => T): T {
    const was = this.enabled;
    this.enabled = false;
    try {
      return fn();
    } finally {
      this.enabled = was;
    }
  }

  get totalCalls(): number {
    return this.total;
  }

  log(): readonly CallRecord[] {
    return this.records;
  }

  callsOf(typeOrPrefix: string): number {
    let n = 0;
    for (const [type, v] of this.byType) if (type === typeOrPrefix || type.startsWith(`${typeOrPrefix}.`)) n += v.calls;
    return n;
  }

  methodCalls(method: string): number {
    return this.byMethod.get(method) ?? 0;
  }

  /** Calls and units by cost-table type, with modeled milliseconds (a pending write commit included). */
  summary(): { type: string; calls: number; units: number; modeledMs: number }[] {
    const pending = this.writesPending ? WRITE_CACHE_FLUSH.perCall : 0;
    return [...this.byType.entries()]
      .filter(([, v]) => v.calls > 0)
      .map(([type, v]) => ({
        type,
        calls: v.calls,
        units: v.units,
        modeledMs: v.ms + (type === "Spreadsheet.write" ? pending : 0),
      }))
      .sort((a, b) => a.type.localeCompare(b.type));
  }

  byMethodSummary(): Record<string, number> {
    return Object.fromEntries([...this.byMethod.entries()].sort());
  }

  modeledMs(): number {
    return this.charged + (this.writesPending ? WRITE_CACHE_FLUSH.perCall : 0);
  }

  reset(): void {
    this.records = [];
    this.byType.clear();
    this.byMethod.clear();
    this.total = 0;
    this.charged = 0;
    this.writesPending = false;
    this.commits = 0;
  }
}
