import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCHEDULE_TEXT,
  type DueJobsInput,
  dueJobs,
  nextRunAfter,
  parseScheduleSettings,
  parseSlotKey,
  type ScheduleSettings,
  type ScheduleSettingsText,
} from "../../src/domain/schedule";
import { DEFAULT_WORK_CALENDAR, type WorkingDayRule } from "../../src/domain/workCalendar";

const SH = "Asia/Shanghai";
/** Shanghai wall time -> instant. 2026-11-23 is a Monday, 2026-W48. */
const sh = (local: string) => new Date(`${local}+08:00`);
const monToFri: WorkingDayRule = { workingDays: [1, 2, 3, 4, 5], holidays: [] };

function schedule(text: ScheduleSettingsText = DEFAULT_SCHEDULE_TEXT): ScheduleSettings {
  const parsed = parseScheduleSettings(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** Everything that would have run up to a quiet moment, so tests start from a clean slate. */
const settled = ["pull@2026-11-25T17:30", "midweek@2026-W48", "weekly@2026-W47", "monthly-a@2026-11"];

function due(now: string, alreadyRun: string[] = settled, extra: Partial<DueJobsInput> = {}) {
  return dueJobs({ schedule: schedule(), timeZone: SH, calendar: monToFri, alreadyRun, now: sh(now), ...extra });
}
const keys = (jobs: { slotKey: string }[]) => jobs.map((j) => j.slotKey);

describe("parseScheduleSettings", () => {
  it("reads the brief's defaults", () => {
    expect(schedule().jobs).toEqual([
      {
        job: "pull",
        slots: [
          { kind: "daily", minutes: 510 },
          { kind: "daily", minutes: 750 },
          { kind: "daily", minutes: 1050 },
        ],
      },
      { job: "midweek", slots: [{ kind: "weekly", weekday: 3, minutes: 900 }] },
      { job: "weekly", slots: [{ kind: "weekly", weekday: 6, minutes: 960 }] },
      { job: "monthly-a", slots: [{ kind: "monthly", day: "first-working-day", minutes: 540 }] },
    ]);
  });

  it("accepts Chinese weekdays, day-of-month slots and unsorted times", () => {
    const s = schedule({ pullSlots: "17:30 08:30", weeklyReport: "周六 16:00", monthlyAList: "day 1 09:00" });
    expect(s.jobs.map((j) => j.job)).toEqual(["pull", "weekly", "monthly-a"]);
    expect(s.jobs[0].slots.map((x) => (x.kind === "daily" ? x.minutes : -1))).toEqual([510, 1050]);
    expect(s.jobs[2].slots[0]).toEqual({ kind: "monthly", day: 1, minutes: 540 });
  });

  it("leaves out jobs whose setting is blank", () => {
    expect(schedule({ pullSlots: "08:30", weeklyReport: "  " }).jobs.map((j) => j.job)).toEqual(["pull"]);
  });

  it("names the Settings key and value of every slot it cannot read", () => {
    const parsed = parseScheduleSettings(
      { pullSlots: "08:30, 25:00", weeklyReport: "SAT 4pm", midweekBrief: "WED 15:00", monthlyAList: "monthly" },
      {
        pullSlots: "Mail pull times",
        weeklyReport: "Weekly report",
        midweekBrief: "Midweek brief",
        monthlyAList: "A-list",
      },
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.key, e.value])).toEqual([
      ["Mail pull times", "08:30, 25:00"],
      ["Weekly report", "SAT 4pm"],
      ["A-list", "monthly"],
    ]);
    expect(parsed.errors[0].message).toContain('"25:00"');
    expect(parsed.errors[1].message).toBe('Weekly report = "SAT 4pm": expected a weekday and a time, like SAT 16:00');
  });
});

describe("dueJobs: mail pulls (R6)", () => {
  it("R6: runs the morning pull at the first heartbeat after 08:30", () => {
    expect(due("2026-11-26T08:00")).toEqual([]);
    const jobs = due("2026-11-26T09:00");
    expect(jobs).toEqual([{ job: "pull", slotKey: "pull@2026-11-26T08:30", at: sh("2026-11-26T08:30"), skipped: [] }]);
  });

  it("R6: a slot exactly at now is due", () => {
    const run = [...settled, "pull@2026-11-26T08:30"];
    expect(keys(due("2026-11-26T12:30", run))).toEqual(["pull@2026-11-26T12:30"]);
    expect(keys(due("2026-11-26T12:29:59", run))).toEqual([]);
  });

  it("R6: never runs a slot twice, never a future slot", () => {
    const run = [...settled, "pull@2026-11-26T08:30"];
    expect(due("2026-11-26T10:00", run)).toEqual([]);
    expect(due("2026-11-26T11:00", run)).toEqual([]);
  });

  it("R6: after 3 days off, pulls once for the latest slot and skips the older ones", () => {
    const lastSeen = ["pull@2026-11-22T17:30", "midweek@2026-W47", "weekly@2026-W47", "monthly-a@2026-11"];
    const jobs = due("2026-11-26T10:00", lastSeen);
    const pull = jobs.find((j) => j.job === "pull");
    expect(pull?.slotKey).toBe("pull@2026-11-26T08:30");
    expect(pull?.skipped).toEqual([
      "pull@2026-11-23T08:30",
      "pull@2026-11-23T12:30",
      "pull@2026-11-23T17:30",
      "pull@2026-11-24T08:30",
      "pull@2026-11-24T12:30",
      "pull@2026-11-24T17:30",
      "pull@2026-11-25T08:30",
      "pull@2026-11-25T12:30",
      "pull@2026-11-25T17:30",
    ]);
    // R35: Wednesday's brief was missed too; it is caught up once, and pull runs first.
    expect(keys(jobs)).toEqual(["pull@2026-11-26T08:30", "midweek@2026-W48"]);
  });

  it("R6: after catching up, the skipped slots are settled and nothing is due again", () => {
    const lastSeen = ["pull@2026-11-22T17:30", "midweek@2026-W48", "weekly@2026-W47", "monthly-a@2026-11"];
    const first = due("2026-11-26T10:00", lastSeen);
    const recorded = [...lastSeen, ...first.flatMap((j) => [j.slotKey, ...j.skipped])];
    expect(due("2026-11-26T11:00", recorded)).toEqual([]);
    expect(keys(due("2026-11-26T13:00", recorded))).toEqual(["pull@2026-11-26T12:30"]);
  });

  it("R6: skips only misses since the last slot that ran", () => {
    const run = [...settled, "pull@2026-11-26T08:30"];
    expect(due("2026-11-26T18:00", run)[0]).toMatchObject({
      slotKey: "pull@2026-11-26T17:30",
      skipped: ["pull@2026-11-26T12:30"],
    });
  });

  it("ignores slots before `since`, so a new install runs no backlog", () => {
    expect(due("2026-11-26T10:00", [], { since: sh("2026-11-26T09:45") })).toEqual([]);
    expect(keys(due("2026-11-26T13:00", [], { since: sh("2026-11-26T09:45") }))).toEqual(["pull@2026-11-26T12:30"]);
  });

  it("names pull slots by the Shanghai date even when UTC is still on the day before", () => {
    const jobs = due("2026-11-27T08:30");
    expect(keys(jobs)).toEqual(["pull@2026-11-27T08:30"]);
    expect(jobs[0].at.toISOString()).toBe("2026-11-27T00:30:00.000Z");
  });
});

describe("dueJobs: reports (R33, R35, R19)", () => {
  it("R33: the Saturday report runs at the first heartbeat after 16:00 Saturday", () => {
    expect(keys(due("2026-11-28T15:00", [...settled, "pull@2026-11-28T12:30"]))).toEqual([]);
    expect(keys(due("2026-11-28T16:00", [...settled, "pull@2026-11-28T12:30"]))).toEqual(["weekly@2026-W48"]);
  });

  it("R33: a Saturday report missed is caught up on Sunday, once", () => {
    const run = [...settled, "pull@2026-11-29T08:30"];
    const sunday = due("2026-11-29T10:00", run);
    expect(sunday).toEqual([{ job: "weekly", slotKey: "weekly@2026-W48", at: sh("2026-11-28T16:00"), skipped: [] }]);
    expect(due("2026-11-29T11:00", [...run, "weekly@2026-W48"])).toEqual([]);
  });

  it("R33: still catches up the report on Monday of the next week, under last week's key", () => {
    const run = [...settled, "pull@2026-11-30T08:30"];
    expect(keys(due("2026-11-30T10:00", run))).toEqual(["weekly@2026-W48"]);
  });

  it("R33: three missed reports produce one run for the latest week", () => {
    const run = ["pull@2026-12-13T08:30", "midweek@2026-W50", "weekly@2026-W47", "monthly-a@2026-12"];
    const jobs = due("2026-12-13T10:00", run, { catchUpDays: 21 });
    expect(jobs).toEqual([
      {
        job: "weekly",
        slotKey: "weekly@2026-W50",
        at: sh("2026-12-12T16:00"),
        skipped: ["weekly@2026-W48", "weekly@2026-W49"],
      },
    ]);
  });

  it("R35: the midweek brief runs Wednesday afternoon", () => {
    const run = ["pull@2026-12-02T12:30", "midweek@2026-W48", "weekly@2026-W48", "monthly-a@2026-12"];
    expect(keys(due("2026-12-02T15:00", run))).toEqual(["midweek@2026-W49"]);
  });

  it("R19: the A-list goes out on the first working day of the month", () => {
    const run = ["pull@2026-11-30T17:30", "midweek@2026-W48", "weekly@2026-W48", "monthly-a@2026-11"];
    // 1 Dec 2026 is a Tuesday.
    expect(keys(due("2026-12-01T08:00", run))).toEqual([]);
    expect(keys(due("2026-12-01T09:00", [...run, "pull@2026-12-01T08:30"]))).toEqual(["monthly-a@2026-12"]);
  });

  it("R19: the first working day skips a weekend and the National Day holidays", () => {
    const nationalDay = { workingDays: [1, 2, 3, 4, 5] as const, holidays: ["2026-10-01", "2026-10-02", "2026-10-05"] };
    const run = ["pull@2026-10-06T08:30", "midweek@2026-W40", "weekly@2026-W40", "monthly-a@2026-09"];
    const jobs = dueJobs({
      schedule: schedule({ monthlyAList: DEFAULT_SCHEDULE_TEXT.monthlyAList }),
      timeZone: SH,
      calendar: { ...nationalDay, workingDays: [...nationalDay.workingDays] },
      alreadyRun: run,
      now: sh("2026-10-06T10:00"),
    });
    expect(jobs).toEqual([{ job: "monthly-a", slotKey: "monthly-a@2026-10", at: sh("2026-10-06T09:00"), skipped: [] }]);
  });

  it("jobs not in the settings are absent", () => {
    const onlyPull = schedule({ pullSlots: "08:30" });
    const jobs = dueJobs({
      schedule: onlyPull,
      timeZone: SH,
      calendar: monToFri,
      alreadyRun: [],
      now: sh("2026-12-01T10:00"),
    });
    expect(jobs.map((j) => j.job)).toEqual(["pull"]);
  });
});

describe("DST (Europe/Berlin)", () => {
  const berlinPull = schedule({ pullSlots: "02:30, 08:30" });
  const run = (now: string, alreadyRun: string[]) =>
    dueJobs({ schedule: berlinPull, timeZone: "Europe/Berlin", calendar: monToFri, alreadyRun, now: new Date(now) });

  it("R6: a slot in the spring gap runs at the shifted time, under its configured key", () => {
    // 29 Mar 2026: 02:30 does not exist; it becomes 03:30 CEST = 01:30Z.
    expect(run("2026-03-29T01:00:00Z", ["pull@2026-03-28T08:30"])).toEqual([]);
    expect(run("2026-03-29T01:30:00Z", ["pull@2026-03-28T08:30"])).toEqual([
      { job: "pull", slotKey: "pull@2026-03-29T02:30", at: new Date("2026-03-29T01:30:00Z"), skipped: [] },
    ]);
  });

  it("R6: a slot in the autumn overlap runs once, at its first occurrence", () => {
    const first = run("2026-10-25T00:30:00Z", ["pull@2026-10-24T08:30"]); // 02:30 CEST
    expect(keys(first)).toEqual(["pull@2026-10-25T02:30"]);
    expect(run("2026-10-25T01:30:00Z", ["pull@2026-10-24T08:30", "pull@2026-10-25T02:30"])).toEqual([]); // 02:30 CET
  });
});

describe("nextRunAfter", () => {
  const ctx = { timeZone: SH, calendar: monToFri };

  it("R6: shows the next pull of the day", () => {
    expect(nextRunAfter(sh("2026-11-26T09:00"), schedule(), ctx)).toEqual({
      job: "pull",
      slotKey: "pull@2026-11-26T12:30",
      at: sh("2026-11-26T12:30"),
    });
  });

  it("is strictly after now and crosses midnight", () => {
    expect(nextRunAfter(sh("2026-11-26T17:30"), schedule(), ctx)?.slotKey).toBe("pull@2026-11-27T08:30");
  });

  it("R33: finds the weekly report when it is the only job", () => {
    const weekly = schedule({ weeklyReport: "SAT 16:00" });
    expect(nextRunAfter(sh("2026-11-28T16:00"), weekly, ctx)?.slotKey).toBe("weekly@2026-W49");
    expect(nextRunAfter(sh("2026-11-28T16:00"), { jobs: [] }, ctx)).toBeUndefined();
  });
});

describe("slot keys", () => {
  it("splits a slot key into job and period", () => {
    expect(parseSlotKey("weekly@2026-W48")).toEqual({ job: "weekly", period: "2026-W48" });
    expect(parseSlotKey("monthly-a@2026-11")).toEqual({ job: "monthly-a", period: "2026-11" });
    expect(parseSlotKey("reboot@2026-11")).toBeUndefined();
    expect(parseSlotKey("pull@")).toBeUndefined();
    expect(parseSlotKey("pull")).toBeUndefined();
  });
});

describe("daily jobs beside the pulls and reports", () => {
  it("R23, R11: the daily upkeep and campaign sends run once a day, after the morning pull", () => {
    const parsed = parseScheduleSettings({ pullSlots: "08:30", campaignSend: "10:00", upkeepDaily: "07:00" });
    if (!parsed.ok) throw new Error("schedule did not parse");
    const due = dueJobs({
      schedule: parsed.value,
      timeZone: "Asia/Shanghai",
      calendar: DEFAULT_WORK_CALENDAR,
      alreadyRun: [],
      now: new Date("2026-11-26T02:30:00Z"), // 10:30 in Shanghai
      since: new Date("2026-11-25T16:00:00Z"),
    });
    expect(due.map((d) => d.slotKey)).toEqual([
      "pull@2026-11-26T08:30",
      "campaigns@2026-11-26T10:00",
      "upkeep@2026-11-26T07:00",
    ]);
  });
});
