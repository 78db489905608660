/**
 * Runs a portable contract suite (contract/suites) under vitest against the emulator: one fresh world per
 * case, the suite's fixture built over that world's globals exactly as it is over Apps Script's in the
 * bundled runner.
 */
import { describe, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { packText } from "../../contract/build.mjs";
import { type ContractGlobals, type ContractSuite, makeFixture } from "../../contract/harness";
import { PACKED_PROBE_FILE, PROBE_FILE, PROBE_TEXT } from "../../contract/suites/project-files";
import { createGasEnvironment, type GasEnvironment } from "../../src/index";

export const OWNER = "owner@example.com";

export function contractWorld(): GasEnvironment {
  const env = createGasEnvironment({
    now: "2026-03-02T09:00:00Z",
    user: OWNER,
    timeZone: "Europe/London",
    htmlFiles: { [PROBE_FILE]: PROBE_TEXT, [PACKED_PROBE_FILE]: packText(PROBE_TEXT) },
  });
  env.SpreadsheetApp.setActive(env.SpreadsheetApp.createForTest("Contract scratch", OWNER));
  return env;
}

export function runInVitest(s: ContractSuite): void {
  describe(s.name, () => {
    for (const c of s.cases) {
      it(c.name, () => {
        const env = contractWorld();
        const { fixture, dispose } = makeFixture(env.globals() as unknown as ContractGlobals, {
          now: () => env.ctx.clock.now(),
        });
        try {
          c.run(fixture);
        } finally {
          dispose();
        }
      });
    }
  });
}
