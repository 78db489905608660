import { describe, expect, it } from "vitest";
import { NOT_RUNNING_AFTER_MS } from "../../../src/app/heartbeats";
import type { Bootstrap } from "../../../src/features/desk/types";
import { bookState } from "../../../src/gas/book-state";
import { ALICE, BOB, makeWorld, NOW, VIEWER } from "../../support/world";

describe("nothing missed silently: a schedule nobody started (R6, R8, R20)", () => {
  it("R6, R20: a salesperson's desk offers to start their schedule until it runs; starting it from the sidebar installs their hourly trigger", () => {
    const w = makeWorld();
    expect(w.ok<Bootstrap>(ALICE, "bootstrap", {}).me.scheduleRunning).toBe(false);
    const started = w.ok<{ state: string }>(ALICE, "startMySchedule", {});
    expect(started.state).toBe("installed");
    const mine = w.env.ScriptApp.allTriggers().filter((t) => t.owner === ALICE);
    expect(mine.map((t) => t.handler)).toContain("heartbeat");
    // Counted as running from the start (its first tick is up to an hour away), so the offer goes at once.
    expect(w.ok<Bootstrap>(ALICE, "bootstrap", {}).me.scheduleRunning).toBe(true);
    // A second start changes nothing.
    expect(w.ok<{ state: string }>(ALICE, "startMySchedule", {}).state).toBe("already");
    expect(w.env.ScriptApp.allTriggers().filter((t) => t.owner === ALICE)).toHaveLength(mine.length);
    // A viewer has no schedule to start, and may not start one.
    expect(w.ok<Bootstrap>(VIEWER, "bootstrap", {}).me.scheduleRunning).toBeNull();
    expect(w.call(VIEWER, "startMySchedule", {})).toMatchObject({ ok: false, code: "denied" });
  });

  it("R6: the sidebar's open reads the schedules from the cached copy the last beat left, else from the properties", () => {
    const w = makeWorld();
    w.ok(ALICE, "startMySchedule", {});
    w.ok<Bootstrap>(ALICE, "bootstrap", {}); // the desk's own state cached, as after any open
    const meter = w.env.ctx.meter;
    meter.keepLog = true;
    // Listing everyone's beats is one getProperties call (~30 ms) that the cached copy saves.
    const listings = () => meter.log().filter((c) => c.method === "Properties.getProperties").length;
    meter.reset();
    expect(w.ok<Bootstrap>(ALICE, "bootstrap", {}).me.scheduleRunning).toBe(true);
    expect(listings()).toBe(0);
    // A second person's beat joins the copy without dropping the first's.
    w.ok(BOB, "startMySchedule", {});
    const copy = w.env.ctx.runAs(BOB, () => bookState(w.book.getId()).cached<Record<string, unknown>>("beats"));
    expect(Object.keys(copy ?? {}).sort()).toEqual([ALICE, BOB].sort());
    // The copy evicted (or six hours gone): the properties answer, and say the same.
    meter.quietly(() => w.env.CacheService.getScriptCache().remove(`bb:${w.book.getId()}:beats`));
    meter.reset();
    expect(w.ok<Bootstrap>(ALICE, "bootstrap", {}).me.scheduleRunning).toBe(true);
    expect(listings()).toBe(1);
  });

  it("R6: a schedule that has not ticked for hours counts as stopped again", () => {
    const w = makeWorld();
    w.ok(ALICE, "startMySchedule", {});
    const later = new Date(NOW.getTime() + NOT_RUNNING_AFTER_MS + 60_000);
    expect(w.ok<Bootstrap>(ALICE, "bootstrap", {}, later).me.scheduleRunning).toBe(false);
  });
});
