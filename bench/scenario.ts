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
