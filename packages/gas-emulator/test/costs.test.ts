import { describe, expect, it } from "vitest";
import {
  COST_TABLE,
  costOf,
  createGasEnvironment,
  EmulatedSpreadsheetApp,
  GasContext,
  loadProject,
  WRITE_CACHE_FLUSH,
} from "../src/index";

/**
 * Emulator-only: the cost model. References:
 * - developers.google.com/apps-script/guides/support/best-practices ("Use batch operations"): 10,000 cells
 *   written one call at a time with SpreadsheetApp.flush() after each of 100 rows take ~70 s; the same cells in
 *   one batched call ~1 s.
 * - googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html: "Every time you do a read,
 *   we must first empty (commit) the write cache … (you can force a write of the cache by calling
 *   SpreadsheetApp.flush())".
 */
function world() {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "UTC", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Grid", "owner@example.com");
  const sheet = ss.getSheets()[0];
  ctx.meter.quietly(() => sheet.insertColumnsAfter(26, 74)); // 100 columns, as in the page's example
  ctx.meter.reset();
  return { ctx, app, sheet };
}

describe("cost table", () => {
  it("every entry names its source: a page, a measurement, or says it is an estimate", () => {
    for (const [type, entry] of Object.entries(COST_TABLE)) {
      expect(entry.source, type).toMatch(/estimate|measurement|\.com|\.org/);
      expect(entry.perCall, type).toBeGreaterThanOrEqual(0);
      expect(entry.perUnit ?? 0, type).toBeGreaterThanOrEqual(0);
      if (entry.perUnit) expect(entry.unit, type).toBeTruthy();
    }
    expect(WRITE_CACHE_FLUSH.source).toContain("best-practices");
  });

  it("is monotonic: more units never cost less, and an unknown call type is refused", () => {
    for (const type of Object.keys(COST_TABLE)) {
      for (const n of [0, 1, 10, 10_000]) expect(costOf(type, n + 1)).toBeGreaterThanOrEqual(costOf(type, n));
    }
    expect(() => costOf("Spreadsheet.teleport")).toThrow(/No cost entry/);
  });
});

describe("the spreadsheet write cache", () => {
  it("reproduces the best-practices page: ~70 s for 100 flushed rows of single-cell writes", () => {
    const { ctx, app, sheet } = world();
    for (let y = 1; y <= 100; y++) {
      for (let x = 1; x <= 100; x++) sheet.getRange(y, x).setValue(`#${x}${y}`);
      app.flush();
    }
    expect(ctx.meter.writeCommits).toBe(100);
    const seconds = ctx.meter.modeledMs() / 1000;
    expect(seconds).toBeGreaterThan(70 * 0.95);
    expect(seconds).toBeLessThan(70 * 1.05);
  });

  it("reproduces the best-practices page: ~1 s for the same 10,000 cells in one batched call", () => {
    const { ctx, sheet } = world();
    const grid = Array.from({ length: 100 }, (_, y) => Array.from({ length: 100 }, (_, x) => `#${x}${y}`));
    sheet.getRange(1, 1, 100, 100).setValues(grid);
    const seconds = ctx.meter.modeledMs() / 1000;
    expect(seconds).toBeGreaterThan(0.9);
    expect(seconds).toBeLessThan(1.1);
  });

  it("queued writes cost one round trip when a read empties the cache; alternating read and write pays each time", () => {
    const batched = world();
    batched.sheet.getRange("A1").setValue(1);
    batched.sheet.getRange("A2").setValue(2);
    batched.sheet.getRange("A3").setValue(3);
    expect(batched.ctx.meter.writeCommits).toBe(0);
    expect(batched.ctx.meter.hasPendingWrites).toBe(true);
    batched.sheet.getRange("A1:A3").getValues();
    expect(batched.ctx.meter.writeCommits).toBe(1);
    expect(batched.ctx.meter.hasPendingWrites).toBe(false);

    const alternating = world();
    for (const row of [1, 2, 3]) {
      alternating.sheet.getRange(row, 1).setValue(row);
      alternating.sheet.getRange(row, 1).getValue();
    }
    expect(alternating.ctx.meter.writeCommits).toBe(3);
    const extra = alternating.ctx.meter.modeledMs() - batched.ctx.meter.modeledMs();
    // Two more commits; two more reads, each cheaper than the three-cell one.
    expect(extra).toBeGreaterThan(2 * WRITE_CACHE_FLUSH.perCall);
  });

  it("a pending commit is already in the modeled figures; settling it does not count it twice", () => {
    const { ctx, sheet } = world();
    sheet.getRange("A1").setValue("x");
    const before = ctx.meter.modeledMs();
    expect(before).toBeCloseTo(
      costOf("Spreadsheet.local") + costOf("Spreadsheet.write", 1) + WRITE_CACHE_FLUSH.perCall,
      6,
    );
    expect(ctx.meter.settle()).toBe(WRITE_CACHE_FLUSH.perCall);
    expect(ctx.meter.modeledMs()).toBeCloseTo(before, 6);
    expect(ctx.meter.settle()).toBe(0);
    const writeRow = ctx.meter.summary().find((r) => r.type === "Spreadsheet.write");
    expect(writeRow).toMatchObject({ calls: 1, units: 1 });
  });

  it("an execution ends by committing its queued writes, inside its own modeled time", () => {
    const env = createGasEnvironment({ now: "2026-11-20T00:00:00Z", user: "owner@example.com" });
    env.SpreadsheetApp.setActive(env.SpreadsheetApp.createForTest("Book", "owner@example.com"));
    const project = loadProject(env, [
      {
        name: "Code.js",
        code: "function w() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue(1); }",
      },
    ]);
    project.run("w");
    const [run] = env.executions;
    expect(env.ctx.meter.hasPendingWrites).toBe(false);
    expect(env.ctx.meter.writeCommits).toBe(1);
    expect(run.modeledMs).toBeCloseTo(run.loadMs + env.ctx.meter.modeledMs(), 6);
  });

  it("with modelTime the clock moves by each call's cost, so time budgets bite as in production", () => {
    const { ctx, sheet } = world();
    ctx.modelTime = true;
    const start = ctx.clock.nowMs();
    sheet.getRange("A1:J10").getValues();
    const moved = ctx.clock.nowMs() - start;
    expect(moved).toBeGreaterThanOrEqual(costOf("Spreadsheet.read", 100));
    // The clock shows whole milliseconds; the fractions are carried, not lost.
    expect(moved).toBe(Math.floor(ctx.meter.modeledMs()));
    for (let i = 0; i < 10; i++) sheet.getRange(1, 1); // ten 0.1 ms local calls make a millisecond
    expect(ctx.clock.nowMs() - start).toBe(Math.floor(ctx.meter.modeledMs() + 1e-9));
  });
});
