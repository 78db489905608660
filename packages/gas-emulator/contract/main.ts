/**
 * The entry of the Apps Script contract bundle (npm run contract:build → dist-contract/Contract.js). It runs
 * every portable suite against the real services (the globals of the script project) and logs one line
 * per case. In the emulator the same bundle runs against the emulated globals (test/contract-bundle.test.ts).
 */
import { type CaseResult, type ContractGlobals, formatResults, runSuites } from "./harness";
import { SUITES } from "./suites";

export { PACKED_PROBE_FILE, PROBE_FILE, PROBE_TEXT } from "./suites/project-files";

declare const Logger: { log(message: string): void };

export interface ContractReport {
  passed: number;
  failed: number;
  results: CaseResult[];
  table: string;
}

/** Runs all suites, or the one named `suiteName`; logs the table and returns it. */
export function runContracts(suiteName?: string): ContractReport {
  const globals = globalThis as unknown as ContractGlobals;
  const results = runSuites(SUITES, globals, suiteName);
  const table = formatResults(results);
  Logger.log(table);
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed, results, table };
}

/** The suites as runSuiteN() runs them, for running one at a time within Apps Script's 6-minute limit. */
export function listContractSuites(): string[] {
  return SUITES.map((s, i) => `runSuite${i + 1}: ${s.name} (${s.cases.length} cases)`);
}

export function suiteName(index: number): string {
  return SUITES[index].name;
}
