import { describe, expect, it } from "vitest";
import {
  ACCOUNT_QUOTAS,
  type AccountKind,
  createGasEnvironment,
  type ExecutionKind,
  loadProject,
  MAX_EXECUTION_TIME,
  TOO_MUCH_COMPUTER_TIME,
} from "../src/index";

/**
 * Contract: an execution's time limit and the daily trigger-runtime quota. References:
 * - developers.google.com/apps-script/guides/services/quotas, "Current limitations": "Script runtime 6 min /
 *   execution", "Custom function runtime 30 sec / execution"; "Current quotas": "Triggers total runtime
 *   90 min / day" (consumer), "6 hr / day" (Workspace), "Quotas are per user and reset 24 hours after the
 *   first request"; "Exception messages": "Service using too much computer time for one day."
 * - developers.google.com/workspace/add-ons/concepts/editor-triggers, "Restrictions": "Simple triggers
 *   cannot run for longer than 30 seconds."
 * - the timeout text "Exceeded maximum execution time": labnol.org/code/20016-maximum-execution-time-limit.
 * Time here is MODELED time: project load + the cost table's price of each call + real waits (sleep). The
 * world hooks (`run`, `fireHourly`) are emulator-side; the scripts are plain Apps Script.
 */
const OWNER = "owner@example.com";

const CODE = `
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; }
/** Sleeps (in chunks of at most 5 min, the reference's maximum) then writes A1. */
function waitThenWrite(ms, value) {
  while (ms > 0) { var step = Math.min(ms, 300000); Utilities.sleep(step); ms -= step; }
  sheet().getRange("A1").setValue(value);
  return "done";
}
/** Counts in B1 until stopped, reading back each time, swallowing every error like careless code does. */
function countForever() {
  try {
    for (var i = 1; ; i++) { sheet().getRange("B1").setValue(i); sheet().getRange("B1").getValue(); }
  } catch (e) {
    PropertiesService.getScriptProperties().setProperty("caught", String(e && e.message));
    return "handled";
  }
}
function hourly() { Utilities.sleep(300000); return "slept"; }
`;

function makeWorld(options: { account?: AccountKind; code?: string } = {}) {
  const env = createGasEnvironment({
    now: "2026-03-02T00:00:00Z",
    user: OWNER,
    timeZone: "UTC",
    account: options.account,
  });
  const book = env.SpreadsheetApp.createForTest("Book", OWNER);
  env.SpreadsheetApp.setActive(book);
  const project = loadProject(env, [{ name: "Code.js", code: options.code ?? CODE }]);
  const cell = (a1: string) =>
    env.ctx.meter.quietly(() => book.getSheets()[0].getRange(a1).getValue() as unknown as string | number);
  return {
    env,
    run: (name: string, args: unknown[] = [], kind?: ExecutionKind) => project.run(name, args, { as: OWNER, kind }),
    cell,
    property: (key: string) =>
      env.ctx.meter.quietly(() => env.PropertiesService.getScriptProperties().getProperty(key)),
  };
}

describe.each([["emulator", makeWorld]])("execution time limit (%s)", (_name, make) => {
  it("a call made while under 6 minutes runs; the first call after 6 minutes throws, having done nothing", () => {
    const w = make();
    // 359.9 s of sleep plus ~30 ms of calls: the write still happens.
    expect(w.run("waitThenWrite", [359_900, "in time"])).toBe("done");
    expect(w.cell("A1")).toBe("in time");
    // 6 min and a little: nothing stops the script until its next service call, which throws before writing.
    expect(() => w.run("waitThenWrite", [360_000, "too late"])).toThrow(MAX_EXECUTION_TIME);
    expect(w.cell("A1")).toBe("in time");
  });

  it("each execution has its own budget: two 5-minute runs in a row both finish", () => {
    const w = make();
    expect(w.run("waitThenWrite", [300_000, "first"])).toBe("done");
    expect(w.run("waitThenWrite", [300_000, "second"])).toBe("done");
    expect(w.env.executions.map((e) => e.timedOut)).toEqual([false, false]);
    expect(w.env.executions[1].modeledMs).toBeGreaterThan(300_000);
    expect(w.env.executions[1].modeledMs).toBeLessThan(360_000);
  });

  it("the stop is final: code that catches the error can make no more calls, and the execution still fails", () => {
    const w = make();
    expect(() => w.run("countForever")).toThrow(MAX_EXECUTION_TIME);
    // The catch block's setProperty was itself stopped.
    expect(w.property("caught")).toBeNull();
    // What was done before the stop stays: the count reached before the limit, then nothing.
    const record = w.env.executions[0];
    expect(record.timedOut).toBe(true);
    expect(record.modeledMs).toBeGreaterThan(360_000);
    const counted = Number(w.cell("B1"));
    expect(counted).toBeGreaterThan(500);
    // Each round is a queued write, then a read that commits it: the count is what 6 minutes buy.
    expect(counted).toBeLessThan(360_000 / 200);
  });

  it("simple triggers (onOpen, onEdit) stop after 30 seconds", () => {
    const w = make();
    expect(w.run("waitThenWrite", [29_000, "quick"], "simple")).toBe("done");
    expect(() => w.run("waitThenWrite", [31_000, "slow"], "simple")).toThrow(MAX_EXECUTION_TIME);
    expect(w.cell("A1")).toBe("quick");
    // The same work as a menu click (6 minutes) is fine.
    expect(w.run("waitThenWrite", [31_000, "menu"])).toBe("done");
  });

  it("every execution pays for loading the project's code, in proportion to its size", () => {
    const small = make();
    const padding = `/*${"x".repeat(1024 * 1024)}*/`;
    const big = make({ code: CODE + padding });
    small.run("waitThenWrite", [0, "a"]);
    big.run("waitThenWrite", [0, "a"]);
    big.run("waitThenWrite", [0, "b"]);
    const [s] = small.env.executions;
    const [b1, b2] = big.env.executions;
    expect(b1.loadMs).toBeGreaterThan(s.loadMs);
    expect(b2.loadMs).toBe(b1.loadMs);
    expect(b1.loadMs).toBeCloseTo(big.env.loadCost(Buffer.byteLength(CODE + padding)), 6);
    expect(big.env.loadCost(2_000_000)).toBeCloseTo(2 * big.env.loadCost(1_000_000), 6);
    expect(b1.modeledMs - s.modeledMs).toBeCloseTo(b1.loadMs - s.loadMs, 6);
  });
});

describe.each([["emulator", makeWorld]])("daily trigger runtime (%s)", (_name, make) => {
  it("the quotas page's figures: 90 min a day for consumer accounts, 6 h for Workspace", () => {
    expect(ACCOUNT_QUOTAS.consumer.triggerRuntimeMs).toBe(90 * 60_000);
    expect(ACCOUNT_QUOTAS.workspace.triggerRuntimeMs).toBe(6 * 60 * 60_000);
  });

  function hourlyFires(account: AccountKind) {
    const w = make({ account });
    w.run("waitThenWrite", [0, "setup"]);
    w.env.ctx.runAs(OWNER, () => w.env.ScriptApp.newTrigger("hourly").timeBased().everyHours(1).create());
    return { w, fires: w.env.scheduler.runUntil("2026-03-03T12:30:00Z") };
  }

  it("consumer: after 90 minutes of trigger runs in a day, the next fire fails with the quota message", () => {
    const { fires } = hourlyFires("consumer");
    // Each fire sleeps 5 min (plus its calls): the 18th brings the day past 90 min.
    const failed = fires.map((f) => (f.error ? (f.error as Error).message : "ok"));
    expect(failed.slice(0, 18).every((m) => m === "ok")).toBe(true);
    expect(failed.slice(18, 24).every((m) => m === TOO_MUCH_COMPUTER_TIME)).toBe(true);
    // The quota resets 24 hours after the first request: the fire at 01:00 the next day runs again.
    expect(fires[0].at.toISOString()).toBe("2026-03-02T01:00:00.000Z");
    expect(fires[24].at.toISOString()).toBe("2026-03-03T01:00:00.000Z");
    expect(fires[24].error).toBeUndefined();
  });

  it("Workspace: the same 24 hourly runs a day fit in 6 hours", () => {
    const { fires } = hourlyFires("workspace");
    expect(fires.length).toBeGreaterThan(24);
    expect(fires.every((f) => f.error === undefined)).toBe(true);
  });

  it("interactive runs (menus, sidebars) do not spend the trigger quota", () => {
    const { w } = hourlyFires("consumer");
    const used = w.env.ctx.quotas.triggerRuntime.used(OWNER);
    expect(used).toBeGreaterThan(0);
    expect(w.run("waitThenWrite", [120_000, "still works"])).toBe("done");
    expect(w.env.ctx.quotas.triggerRuntime.used(OWNER)).toBe(used);
  });
});
