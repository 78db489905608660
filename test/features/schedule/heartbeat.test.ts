import { readFileSync } from "node:fs";
import { createGasEnvironment, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../../scripts/build.mjs";
import { builtProject } from "../../support/built";

const BOSS = "boss@acme-tools.cn";
const SALES = "li@acme-tools.cn";

/** The heartbeat as Apps Script runs it: the built bundle, an hourly trigger, the scheduler moving the clock. */
describe("one hourly heartbeat", () => {
  let code: string;
  beforeAll(async () => {
    await build({ quiet: true });
    code = readFileSync("dist/Code.js", "utf8");
  }, 120_000);

  function world(start: string) {
    const env = createGasEnvironment({ now: start, user: BOSS });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
    project.run("menuSetup", [], { as: BOSS });
    return { env, book, project };
  }

  function clockTriggers(env: ReturnType<typeof world>["env"]) {
    return env.ScriptApp.allTriggers().filter((t) => t.source === "CLOCK");
  }

  function pulls(env: ReturnType<typeof world>["env"]) {
    return env.scheduler.fires
      .map((f) => ({ at: f.at, report: JSON.parse(String(f.result ?? "{}")) as { ran?: { slotKey: string }[] } }))
      .flatMap((f) => f.report.ran ?? [])
      .filter((r) => r.slotKey.startsWith("pull@"));
  }

  it("R6, C2: pulls mail at 08:30, 12:30 and 17:30 company time, each slot once, from one hourly trigger", () => {
    // 2026-11-23 00:05 Shanghai.
    const { env, project } = world("2026-11-22T16:05:00Z");
    project.run("menuStartSchedule", [], { as: BOSS });
    expect(clockTriggers(env)).toHaveLength(1);
    env.scheduler.runUntil("2026-11-23T15:59:00Z");
    expect(env.scheduler.failures).toEqual([]);
    const ran = pulls(env).map((r) => r.slotKey);
    expect(ran).toEqual(["pull@2026-11-23T08:30", "pull@2026-11-23T12:30", "pull@2026-11-23T17:30"]);
    // The same trigger runs the daily upkeep (due dates, returns from trips, the dashboard) once (R20, R23, R6).
    const all = env.scheduler.fires.flatMap(
      (f) => (JSON.parse(String(f.result)) as { ran: { slotKey: string; error?: string }[] }).ran,
    );
    expect(all.filter((r) => r.slotKey.startsWith("upkeep@")).map((r) => [r.slotKey, r.error])).toEqual([
      ["upkeep@2026-11-23T07:00", undefined],
    ]);
    expect(all.every((r) => r.error === undefined)).toBe(true);
  });

  it("an editor add-on may own only one time trigger per document: starting the schedule twice keeps one", () => {
    const { env, project } = world("2026-11-22T16:05:00Z");
    expect(project.run("menuStartSchedule", [], { as: BOSS })).toBe("installed");
    expect(project.run("menuStartSchedule", [], { as: BOSS })).toBe("already");
    expect(clockTriggers(env)).toHaveLength(1);
  });

  it("catches up missed slots once after a day off: one job a tick, mail first, never a slot twice", () => {
    const { env, project } = world("2026-11-22T16:05:00Z");
    project.run("menuStartSchedule", [], { as: BOSS });
    // The trigger stops firing for a day (the machine was off): move the clock without firing, then tick by hand.
    const trigger = clockTriggers(env)[0];
    env.ScriptApp.removeRecord(trigger.uid);
    env.ctx.clock.set("2026-11-24T02:10:00Z"); // 10:10 on the 24th in Shanghai
    const ticks: { ran: { slotKey: string }[]; skippedSlots: string[]; deferred: { reason: string }[] }[] = [];
    for (let i = 0; i < 10; i += 1) {
      ticks.push(JSON.parse(project.run("heartbeat", [], { as: BOSS }) as string));
      if (ticks[ticks.length - 1].ran.length === 0) break;
    }
    expect(ticks.every((t) => t.ran.length <= 1)).toBe(true);
    const slots = ticks.flatMap((t) => t.ran.map((r) => r.slotKey));
    expect(new Set(slots).size).toBe(slots.length);
    // The pull comes first, the latest missed pull only; the older ones are recorded as skipped.
    expect(slots[0]).toBe("pull@2026-11-24T08:30");
    expect(slots.filter((k) => k.startsWith("pull@"))).toEqual(["pull@2026-11-24T08:30"]);
    expect(ticks[0].skippedSlots.length).toBeGreaterThan(0);
    expect(ticks[0].deferred.map((d) => d.reason)).toContain("one-job-per-tick");
    expect(slots).toContain("upkeep@2026-11-24T07:00");
    // The boss gets no digest: that job is passed, not run.
    expect(slots.some((k) => k.startsWith("digest@"))).toBe(false);
    expect(ticks[ticks.length - 1].ran).toEqual([]);
  });

  it("R29: a frozen person's heartbeat does nothing and removes itself", () => {
    const { env, book, project } = world("2026-11-22T16:05:00Z");
    env.ctx.meter.quietly(() => {
      const staff = book.getSheetByName("Staff")!;
      staff.getRange(3, 1, 1, 4).setValues([[SALES, "Li", "salesperson", "active"]]);
      book.addEditor(SALES);
    });
    project.run("menuStartSchedule", [], { as: SALES });
    expect(clockTriggers(env).map((t) => t.owner)).toEqual([SALES]);
    env.ctx.meter.quietly(() => book.getSheetByName("Staff")!.getRange(3, 4).setValue("frozen"));
    env.scheduler.runUntil("2026-11-23T02:00:00Z");
    expect(env.scheduler.failures).toEqual([]);
    const reports = env.scheduler.fires.map(
      (f) => JSON.parse(String(f.result)) as { stopped?: string; ran: unknown[] },
    );
    expect(reports[0].stopped).toBe("frozen");
    expect(reports[0].ran).toEqual([]);
    expect(clockTriggers(env)).toHaveLength(0);
  });
});
