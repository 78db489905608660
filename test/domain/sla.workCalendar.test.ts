import { describe, expect, it } from "vitest";
import {
  DEFAULT_WORK_CALENDAR,
  describeWorkingDays,
  isWorkingDay,
  parseWorkCalendar,
  parseWorkingDays,
  parseWorkingHours,
  workingMinutesPerDay,
} from "../../src/domain/workCalendar";

describe("working calendar from Settings", () => {
  it("defaults to Mon–Fri 09:00–18:00 in Asia/Shanghai", () => {
    const parsed = parseWorkCalendar({});
    expect(parsed).toEqual({ ok: true, value: DEFAULT_WORK_CALENDAR });
    expect(workingMinutesPerDay(DEFAULT_WORK_CALENDAR)).toBe(540);
  });

  it("reads hours, days, holidays and make-up days", () => {
    const parsed = parseWorkCalendar({
      timeZone: "Europe/Berlin",
      workingHours: "08:30-12:00, 13:00-17:30",
      workingDays: "Mon-Sat",
      holidays: "2026-10-01, 2026-10-02\n2026-10-05",
      extraWorkingDays: "2026-09-27",
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const c = parsed.value;
    expect(c.timeZone).toBe("Europe/Berlin");
    expect(c.periods).toEqual([
      { start: 510, end: 720 },
      { start: 780, end: 1050 },
    ]);
    expect(c.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.holidays).toEqual(["2026-10-01", "2026-10-02", "2026-10-05"]);
    expect(isWorkingDay("2026-10-03", c)).toBe(true); // a Saturday
    expect(isWorkingDay("2026-10-05", c)).toBe(false); // a Monday holiday
    expect(isWorkingDay("2026-09-27", c)).toBe(true); // a Sunday make-up day
    expect(isWorkingDay("2026-10-04", c)).toBe(false); // an ordinary Sunday
  });

  it("reads weekday lists, ranges, wrapping ranges and Chinese", () => {
    const days = (raw: string) => {
      const p = parseWorkingDays(raw);
      return p.ok ? p.value : p.errors[0].message;
    };
    expect(days("MON-FRI")).toEqual([1, 2, 3, 4, 5]);
    expect(days("mon,wed, fri")).toEqual([1, 3, 5]);
    expect(days("SUN-THU")).toEqual([1, 2, 3, 4, 7]);
    expect(days("周一至周六")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(days("weekdays")).toContain('"weekdays"');
    expect(describeWorkingDays([1, 2, 3, 4, 5, 6])).toBe("MON,TUE,WED,THU,FRI,SAT");
  });

  it("rejects hours that are malformed, reversed or overlapping", () => {
    const message = (raw: string) => {
      const p = parseWorkingHours(raw);
      return p.ok ? "ok" : p.errors[0].message;
    };
    expect(message("9-18")).toMatch(/not a time range/);
    expect(message("18:00-09:00")).toMatch(/ends before it starts/);
    expect(message("09:00-13:00,12:00-18:00")).toMatch(/overlaps/);
    expect(message("09:00～18:00")).toBe("ok");
  });

  it("collects every error with the Settings key and the value as typed", () => {
    const parsed = parseWorkCalendar(
      { timeZone: "Beijing", workingHours: "9am-6pm", holidays: "2026-10-01, 1 Oct" },
      {
        timeZone: "Time zone",
        workingHours: "Working hours",
        workingDays: "Working days",
        holidays: "Holidays",
        extraWorkingDays: "Make-up days",
      },
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.key, e.value])).toEqual([
      ["Time zone", "Beijing"],
      ["Working hours", "9am-6pm"],
      ["Holidays", "2026-10-01, 1 Oct"],
    ]);
  });
});
