/**
 * The portable contract suites bundled for Apps Script (contract/build.mjs) run in a node `vm` whose only
 * globals are the emulator's, the way test/bundle/bundle.test.ts at the repository root loads dist/Code.js:
 * runContracts() must report every case passing there, so the same file pushed to a real script project is
 * a fair check of the emulator against live Apps Script.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { buildContract } from "../contract/build.mjs";
import { type ContractGlobals, expect as contractExpect, runSuites, suite } from "../contract/harness";
import { SUITES } from "../contract/suites";
import { createGasEnvironment, loadProject, projectSources } from "../src/index";
import { contractWorld } from "./peer/adapter";

const OWNER = "owner@example.com";

describe("the contract bundle (dist-contract/Contract.js)", () => {
  let dir: string;
  let code: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "contract-"));
    await buildContract({ outDir: dir, quiet: true });
    code = readFileSync(join(dir, "Contract.js"), "utf8");
  }, 120_000);

  it("writes Contract.js with top-level runContracts/listContractSuites and a V8 manifest", () => {
    expect(code).toMatch(/^function runContracts\(suiteName\) \{$/m);
    expect(code).toMatch(/^function listContractSuites\(\) \{$/m);
    const manifest = JSON.parse(readFileSync(join(dir, "appsscript.json"), "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
  });

  it("needs no Node globals and keeps to ES2019 syntax", () => {
    expect(() => vm.runInContext(code, vm.createContext({}))).not.toThrow();
    expect(code).not.toMatch(/[\w)\]]\?\.[A-Za-z_$[(]/);
    expect(code).not.toMatch(/\?\?=|\|\|=|&&=/);
  });

  it("runContracts() in the emulator's globals reports every case passing", () => {
    const env = createGasEnvironment({ now: "2026-03-02T09:00:00Z", user: OWNER, timeZone: "Europe/London" });
    env.SpreadsheetApp.setActive(env.SpreadsheetApp.createForTest("Contract scratch", OWNER));
    // The folder as clasp would push it: Contract.js and the probe file the project-files suite evaluates.
    const project = loadProject(env, projectSources(dir));
    expect(projectSources(dir).map((s) => s.name)).toEqual([
      "Contract.js",
      "ContractProbe.html",
      "ContractProbePacked.html",
    ]);
    const table = project.run<string>("runContracts");
    const lines = table.split("\n");
    const total = SUITES.reduce((n, s) => n + s.cases.length, 0);
    expect(lines.filter((l) => l.startsWith("FAIL"))).toEqual([]);
    expect(lines[lines.length - 1]).toBe(`${total} passed, 0 failed`);
    expect(env.logs.join("\n")).toContain(`${total} passed, 0 failed`);
    // The scratch sheets the cases made are gone again.
    expect(env.SpreadsheetApp.getActiveSpreadsheet().getNumSheets()).toBe(1);
  });

  it("runContracts(name) runs one suite; listContractSuites names them all", () => {
    const env = createGasEnvironment({ now: "2026-03-02T09:00:00Z", user: OWNER });
    env.SpreadsheetApp.setActive(env.SpreadsheetApp.createForTest("Contract scratch", OWNER));
    const project = loadProject(env, [{ name: "Contract.js", code }]);
    const names = project.run<string[]>("listContractSuites");
    expect(names).toHaveLength(SUITES.length);
    expect(names[2]).toBe(`runSuite3: ${SUITES[2].name} (${SUITES[2].cases.length} cases)`);
    const one = SUITES[2];
    const table = project.run<string>("runContracts", [one.name]);
    expect(table.split("\n").pop()).toBe(`${one.cases.length} passed, 0 failed`);
    expect(project.run<string>("runSuite3")).toBe(table);
  });
});

describe("the harness", () => {
  it("reports a failing case as FAIL with its message and reference, and still cleans up", () => {
    const env = contractWorld();
    let cleaned = false;
    const broken = suite("broken", (it) => {
      it("a wrong expectation", "unsourced: made to fail", (fx) => {
        fx.cleanup(() => {
          cleaned = true;
        });
        contractExpect(fx.sheet().getRange("A1").setValue("Acme").getValue()).toBe("Other");
      });
      it("a right one", "developers.google.com/apps-script/reference/spreadsheet/range#getvalue", (fx) => {
        contractExpect(fx.sheet().getRange("A1").setValue("Acme").getValue()).toBe("Acme");
      });
    });
    const results = runSuites([broken], env.globals() as unknown as ContractGlobals);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0].error).toBe('expected "Acme" to be "Other"');
    expect(cleaned).toBe(true);
  });

  it("toEqual compares Dates by instant and arrays deeply; toThrow checks the message", () => {
    contractExpect([[new Date(5)], ["x"]]).toEqual([[new Date(5)], ["x"]]);
    expect(() => contractExpect([new Date(5)]).toEqual([new Date(6)])).toThrow("to equal");
    expect(() =>
      contractExpect(() => {
        throw new Error("Lock timeout: x");
      }).toThrow("Range not found"),
    ).toThrow('it threw "Lock timeout: x"');
    contractExpect(() => 1).not.toThrow();
  });
});
