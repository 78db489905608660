import { describe, expect, it } from "vitest";
import {
  ADDON_CLOCK_TOO_FREQUENT,
  ADDON_ONE_TRIGGER_PER_TYPE,
  type Fire,
  GasContext,
  INVALID_EVERY_MINUTES,
  LockService,
  ScriptApp,
  TOO_MANY_TRIGGERS,
  TriggerScheduler,
} from "../src/index";

/**
 * Contract for ScriptApp triggers and the time-driven scheduler. References:
 * - developers.google.com/apps-script/reference/script/clock-trigger-builder
 * - developers.google.com/apps-script/guides/triggers/installable (run as creator, invisible to others,
 *   add-ons at most hourly)
 * - developers.google.com/workspace/add-ons/concepts/editor-triggers ("Each add-on can only have one trigger
 *   of each type, per user, per document")
 * - developers.google.com/apps-script/guides/services/quotas (20 triggers / user / script)
 * - developers.google.com/apps-script/guides/triggers/events (time-driven event object)
 */
interface ScriptWorld {
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  runAs<T>(user: string, fn: () => T): T;
  openDocument(id: string): void;
  /** Advance the emulated clock to `iso`, running due triggers; returns what fired. */
  runUntil(iso: string): Fire[];
  /** Fire a document's installable event triggers as if `actingUser` caused the event. */
  dispatch(eventType: string, sourceId: string, event: Record<string, unknown>, actingUser: string): Fire[];
  LockService: GoogleAppsScript.Lock.LockService;
  /** What each handler saw. */
  seen: { handler: string; event: Record<string, unknown>; effectiveUser: string; activeUser: string }[];
  handlers: Record<string, () => void>;
  calls(type: string): number;
}

function makeEmulator(options: { addon?: boolean; now?: string } = {}): ScriptWorld {
  const ctx = new GasContext({
    now: options.now ?? "2024-03-04T00:00:00Z",
    user: "owner@example.com",
    timeZone: "Asia/Shanghai",
  });
  let doc = "doc-1";
  const app = new ScriptApp(ctx, { addon: options.addon, documentId: () => doc });
  const locks = new LockService(ctx, { documentId: () => doc });
  const seen: ScriptWorld["seen"] = [];
  const handlers: Record<string, () => void> = {};
  const scheduler = new TriggerScheduler(
    ctx,
    app,
    (trigger, event) => {
      seen.push({
        handler: trigger.getHandlerFunction(),
        event: event as Record<string, unknown>,
        effectiveUser: ctx.effectiveUser,
        activeUser: ctx.activeUser,
      });
      handlers[trigger.getHandlerFunction()]?.();
    },
    locks,
  );
  return {
    ScriptApp: app as unknown as GoogleAppsScript.Script.ScriptApp,
    runAs: (user, fn) => ctx.runAs(user, fn),
    openDocument: (id) => {
      doc = id;
    },
    runUntil: (iso) => scheduler.runUntil(iso),
    dispatch: (type, id, event, user) => scheduler.dispatch(type, id, event, user),
    LockService: locks as unknown as GoogleAppsScript.Lock.LockService,
    seen,
    handlers,
    calls: (type) => ctx.meter.callsOf(type),
  };
}

const spreadsheet = (id: string) => ({ getId: () => id }) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;

describe.each([["emulator", makeEmulator]])("ScriptApp triggers contract (%s)", (_name, make) => {
  it("creates clock and spreadsheet triggers with the documented getters and enums", () => {
    const { ScriptApp } = make();
    const clock = ScriptApp.newTrigger("tick").timeBased().everyHours(1).create();
    const edit = ScriptApp.newTrigger("edited").forSpreadsheet(spreadsheet("ss-1")).onEdit().create();
    expect(clock.getHandlerFunction()).toBe("tick");
    expect(clock.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(clock.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(edit.getEventType()).toBe(ScriptApp.EventType.ON_EDIT);
    expect(edit.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
    expect(edit.getTriggerSourceId()).toBe("ss-1");
    expect(clock.getUniqueId()).not.toBe(edit.getUniqueId());
    expect(String(ScriptApp.AuthMode.FULL)).toBe("FULL");
    expect(Object.keys(ScriptApp.AuthMode)).toEqual(
      expect.arrayContaining(["NONE", "LIMITED", "FULL", "CUSTOM_FUNCTION"]),
    );
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(["tick", "edited"]);
    expect(ScriptApp.getUserTriggers(spreadsheet("ss-1")).map((t) => t.getHandlerFunction())).toEqual(["edited"]);
    ScriptApp.deleteTrigger(clock);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  it("triggers belong to their creator: another user neither sees nor deletes them", () => {
    const w = make();
    const mine = w.ScriptApp.newTrigger("mine").timeBased().everyDays(1).atHour(9).create();
    w.runAs("other@example.com", () => {
      expect(w.ScriptApp.getProjectTriggers()).toHaveLength(0);
      w.ScriptApp.deleteTrigger(mine);
    });
    expect(w.ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  it("everyMinutes accepts only 1, 5, 10, 15 or 30", () => {
    const { ScriptApp } = make();
    for (const n of [1, 5, 10, 15, 30])
      expect(() => ScriptApp.newTrigger("f").timeBased().everyMinutes(n)).not.toThrow();
    expect(() => ScriptApp.newTrigger("f").timeBased().everyMinutes(20)).toThrow(INVALID_EVERY_MINUTES);
  });

  it("quotas page: the 21st trigger of one user is refused with Apps Script's message", () => {
    const w = make();
    for (let i = 0; i < 20; i++) w.ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => w.ScriptApp.newTrigger("f20").timeBased().everyHours(1).create()).toThrow(TOO_MANY_TRIGGERS);
    expect(TOO_MANY_TRIGGERS).toBe(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    // The quota is per user: someone else can still create one.
    expect(() =>
      w.runAs("other@example.com", () => w.ScriptApp.newTrigger("x").timeBased().everyHours(1).create()),
    ).not.toThrow();
  });

  it("editor add-ons: one trigger of each type per user per document", () => {
    const w = make({ addon: true });
    w.ScriptApp.newTrigger("hourly").timeBased().everyHours(1).create();
    expect(() => w.ScriptApp.newTrigger("daily").timeBased().everyDays(1).atHour(8).create()).toThrow(
      ADDON_ONE_TRIGGER_PER_TYPE,
    );
    // Another type in the same document is fine, and so is the same type in another document or by another user.
    expect(() => w.ScriptApp.newTrigger("edit").forSpreadsheet(spreadsheet("doc-1")).onEdit().create()).not.toThrow();
    expect(() => w.ScriptApp.newTrigger("edit2").forSpreadsheet(spreadsheet("doc-1")).onEdit().create()).toThrow(
      ADDON_ONE_TRIGGER_PER_TYPE,
    );
    w.openDocument("doc-2");
    expect(() => w.ScriptApp.newTrigger("daily").timeBased().everyDays(1).atHour(8).create()).not.toThrow();
    w.openDocument("doc-1");
    expect(() =>
      w.runAs("other@example.com", () => w.ScriptApp.newTrigger("h").timeBased().everyHours(1).create()),
    ).not.toThrow();
  });

  it("editor add-ons: time-driven triggers run at most once per hour", () => {
    const w = make({ addon: true });
    expect(() => w.ScriptApp.newTrigger("fast").timeBased().everyMinutes(30).create()).toThrow(
      ADDON_CLOCK_TOO_FREQUENT,
    );
    // Outside add-on mode the same trigger is allowed.
    expect(() => make().ScriptApp.newTrigger("fast").timeBased().everyMinutes(30).create()).not.toThrow();
  });

  it("meters trigger management as Script.triggers", () => {
    const w = make();
    const t = w.ScriptApp.newTrigger("f").timeBased().everyHours(2).create();
    w.ScriptApp.getProjectTriggers();
    w.ScriptApp.deleteTrigger(t);
    expect(w.calls("Script.triggers")).toBe(3);
  });
});

describe.each([["emulator", makeEmulator]])("Trigger scheduler contract (%s)", (_name, make) => {
  it("an hourly trigger fires 24 times across a day, each as its owner", () => {
    const w = make({ now: "2024-03-04T00:00:00Z" });
    w.ScriptApp.newTrigger("hourly").timeBased().everyHours(1).create();
    const fires = w.runUntil("2024-03-05T00:00:00Z");
    expect(fires).toHaveLength(24);
    expect(fires[0].at.toISOString()).toBe("2024-03-04T01:00:00.000Z");
    expect(fires[23].at.toISOString()).toBe("2024-03-05T00:00:00.000Z");
    expect(new Set(w.seen.map((s) => s.effectiveUser))).toEqual(new Set(["owner@example.com"]));
  });

  it("a Saturday-16:00 weekly trigger fires once a week at 16:00 in the script's zone", () => {
    // Monday 4 March 2024, Asia/Shanghai; Saturday 9 March 16:00 +08:00 = 08:00Z.
    const w = make({ now: "2024-03-04T00:00:00Z" });
    w.ScriptApp.newTrigger("weekly").timeBased().onWeekDay(w.ScriptApp.WeekDay.SATURDAY).atHour(16).create();
    const week = w.runUntil("2024-03-11T00:00:00Z");
    expect(week.map((f) => f.at.toISOString())).toEqual(["2024-03-09T08:00:00.000Z"]);
    const event = w.seen[0].event;
    expect(event).toMatchObject({
      year: 2024,
      month: 3,
      "day-of-month": 9,
      hour: 8,
      minute: 0,
      timezone: "UTC",
      authMode: "FULL",
    });
    expect(event["day-of-week"]).toBe(6);
    expect(event.triggerUid).toBe(week[0].triggerUid);
    expect(w.runUntil("2024-03-18T00:00:00Z").map((f) => f.at.toISOString())).toEqual(["2024-03-16T08:00:00.000Z"]);
  });

  it("daily triggers keep local wall-clock time across DST in their own zone", () => {
    const w = make({ now: "2024-03-08T00:00:00Z" });
    w.ScriptApp.newTrigger("ny").timeBased().everyDays(1).atHour(9).inTimezone("America/New_York").create();
    const fires = w.runUntil("2024-03-12T00:00:00Z");
    expect(fires.map((f) => f.at.toISOString())).toEqual([
      "2024-03-08T14:00:00.000Z",
      "2024-03-09T14:00:00.000Z",
      "2024-03-10T13:00:00.000Z",
      "2024-03-11T13:00:00.000Z",
    ]);
  });

  it("at(date) and after(ms) fire once and are then gone", () => {
    const w = make({ now: "2024-03-04T00:00:00Z" });
    w.ScriptApp.newTrigger("later")
      .timeBased()
      .after(10 * 60 * 1000)
      .create();
    w.ScriptApp.newTrigger("noon").timeBased().at(new Date("2024-03-04T12:00:00Z")).create();
    const fires = w.runUntil("2024-03-06T00:00:00Z");
    expect(fires.map((f) => `${f.handler}@${f.at.toISOString()}`)).toEqual([
      "later@2024-03-04T00:10:00.000Z",
      "noon@2024-03-04T12:00:00.000Z",
    ]);
    expect(w.ScriptApp.getProjectTriggers()).toHaveLength(0);
  });

  it("a throwing handler is recorded and does not stop later fires", () => {
    const w = make({ now: "2024-03-04T00:00:00Z" });
    w.ScriptApp.newTrigger("flaky").timeBased().everyHours(1).create();
    let n = 0;
    w.handlers.flaky = () => {
      n += 1;
      if (n === 2) throw new Error("boom");
    };
    const fires = w.runUntil("2024-03-04T04:00:00Z");
    expect(fires).toHaveLength(4);
    expect(fires.filter((f) => f.error)).toHaveLength(1);
    expect((fires[1].error as Error).message).toBe("boom");
  });

  it("every fire is its own execution: a lock a fire never released is free for the next fire", () => {
    const w = make({ now: "2024-03-04T00:00:00Z" });
    const got: boolean[] = [];
    w.ScriptApp.newTrigger("locker").timeBased().everyHours(1).create();
    w.handlers.locker = () => {
      got.push(w.LockService.getScriptLock().tryLock(0));
      if (got.length === 2) throw new Error("dies holding the lock");
    };
    w.runUntil("2024-03-04T03:00:00Z");
    expect(got).toEqual([true, true, true]);
  });

  it("installable edit triggers run as their owner; another user's edit leaves the active user blank", () => {
    const w = make();
    w.ScriptApp.newTrigger("onEditInstalled").forSpreadsheet(spreadsheet("ss-1")).onEdit().create();
    w.dispatch("ON_EDIT", "ss-1", { value: "x" }, "editor@example.com");
    w.dispatch("ON_EDIT", "ss-1", { value: "y" }, "owner@example.com");
    expect(w.seen.map((s) => [s.effectiveUser, s.activeUser, s.event.value])).toEqual([
      ["owner@example.com", "", "x"],
      ["owner@example.com", "owner@example.com", "y"],
    ]);
  });
});
