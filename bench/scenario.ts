import type { GasEnvironment } from "@buyerbook/gas-emulator";

/**
 * One benchmark scenario. `run` builds its world (with the meter quiet), resets the meter, does the work
 * being measured and returns the environment so the runner can read the calls and the modeled time.
 */
export interface Scenario {
  name: string;
  /** The fewest service calls any correct implementation needs (explained in `lowerBoundWhy`). */
  lowerBound: number;
  lowerBoundWhy: string;
  /** Which calls count toward the bound: cost-table types or prefixes (["Spreadsheet.read", "Gmail"]); all when absent. */
  boundCounts?: string[];
  /** Targets from the issues, checked and printed (never asserted in tests: machines are noisy). */
  targets?: { maxModeledSeconds?: number; maxRatio?: number; maxCalls?: Record<string, number> };
  run(): Promise<ScenarioRun> | ScenarioRun;
}

export interface ScenarioRun {
  env: GasEnvironment;
  /** Node CPU milliseconds of the measured part (the runner measures the whole run when absent). */
  cpuMs?: number;
  extra?: Record<string, number | string>;
}

/** Node CPU time (user + system) of `fn`, in ms. */
export function cpuMs<T>(fn: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** One line of bench/results.json (`npm run bench -- --json`). */
export interface BenchRow {
  scenario: string;
  /** The book it ran on ("20k buyers, 100k inquiries, …"). */
  size: string;
  /** Executions (RPCs or trigger runs) the scenario is made of. */
  rpcs: number;
  /** Every SpreadsheetApp call, metadata and accessors included. */
  sheetsCalls: number;
  /** Every GmailApp call, message accessors included. */
  gmailCalls: number;
  modeledSeconds: number;
  lowerBoundCalls: number;
  /** Counted round trips / lowerBoundCalls. */
  ratio: number;
  cpuMs: number;
  rssMb: number;
  roundTrips?: number;
  otherCalls?: number;
  over6Minutes?: boolean;
  bound?: string;
  result?: string;
  /** Not run: worked out from the measured sizes (the book would be over the cell limit). */
  extrapolated?: boolean;
  cells?: number;
  buyers?: number;
  inquiries?: number;
  /** A job that stops itself within its execution budget (4.5 minutes) and resumes at the next run. */
  budgeted?: boolean;
}

/** Several scenarios measured on books built once (a lived-in book is expensive to build). */
export interface Suite {
  name: string;
  run(): Promise<BenchRow[]> | BenchRow[];
}
