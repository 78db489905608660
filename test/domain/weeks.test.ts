import { describe, expect, it } from "vitest";
import {
  firstWorkingDayOfMonth,
  isoWeekOf,
  isoWeekOfDateKey,
  monthKeyOf,
  monthLabel,
  monthRange,
  weekLabel,
  weekRange,
  weeksInIsoYear,
} from "../../src/domain/weeks";
import type { WorkingDayRule } from "../../src/domain/workCalendar";

const SH = "Asia/Shanghai";
const iso = (s: string) => new Date(s);

describe("isoWeekOf", () => {
  it("R33: files 26 Nov 2026 under 2026-W48, Monday 00:00 to next Monday 00:00 in Shanghai", () => {
    const w = isoWeekOf(iso("2026-11-26T04:00:00Z"), SH);
    expect(w.key).toBe("2026-W48");
    expect([w.year, w.week, w.firstDay, w.lastDay]).toEqual([2026, 48, "2026-11-23", "2026-11-29"]);
    expect(w.start.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(w.end.toISOString()).toBe("2026-11-29T16:00:00.000Z");
  });

  it("puts a week boundary at Shanghai midnight, not UTC midnight", () => {
    // Sunday 29 Nov 20:00 UTC is already Monday 30 Nov 04:00 in Shanghai.
    const t = iso("2026-11-29T20:00:00Z");
    expect(isoWeekOf(t, SH).key).toBe("2026-W49");
    expect(isoWeekOf(t, "UTC").key).toBe("2026-W48");
  });

  it("2026 has 53 ISO weeks: 2026-W53 is 28 Dec 2026 to 3 Jan 2027", () => {
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(weeksInIsoYear(2027)).toBe(52);
    expect(weeksInIsoYear(2020)).toBe(53); // leap year starting on Wednesday
    const w53 = weekRange("2026-W53", SH);
    expect([w53.firstDay, w53.lastDay]).toEqual(["2026-12-28", "2027-01-03"]);
    expect(isoWeekOfDateKey("2027-01-03", SH).key).toBe("2026-W53");
    expect(isoWeekOfDateKey("2027-01-04", SH).key).toBe("2027-W01");
  });

  it("handles year boundaries where week 1 starts in December", () => {
    // 1 Jan 2026 is a Thursday, so 29 Dec 2025 is in 2026-W01.
    expect(isoWeekOfDateKey("2025-12-29", SH).key).toBe("2026-W01");
    expect(isoWeekOfDateKey("2025-12-28", SH).key).toBe("2025-W52");
    expect(isoWeekOfDateKey("2021-01-03", SH).key).toBe("2020-W53");
  });

  it("round-trips every week of 2026 through weekRange", () => {
    for (let week = 1; week <= 53; week++) {
      const key = `2026-W${String(week).padStart(2, "0")}`;
      const range = weekRange(key, SH);
      expect(isoWeekOf(range.start, SH).key).toBe(key);
      expect(isoWeekOf(range.end.getTime() - 1, SH).key).toBe(key);
    }
  });

  it("rejects week 53 of a 52-week year and malformed keys", () => {
    expect(() => weekRange("2027-W53", SH)).toThrow(/52 ISO weeks/);
    expect(() => weekRange("2026-48", SH)).toThrow(RangeError);
    expect(weekRange("2026w48", SH).key).toBe("2026-W48");
  });

  it("has 167 hours in the Berlin week that springs forward", () => {
    const w = weekRange("2026-W13", "Europe/Berlin");
    expect((w.end.getTime() - w.start.getTime()) / 3600_000).toBe(167);
  });
});

describe("labels", () => {
  it("labels a week in English and Chinese", () => {
    const w = weekRange("2026-W48", SH);
    expect(weekLabel(w, "en")).toBe("2026-W48 (23–29 Nov)");
    expect(weekLabel(w, "zh-CN")).toBe("2026年第48周（11月23日–29日）");
  });

  it("labels weeks crossing a month and a year", () => {
    expect(weekLabel(weekRange("2026-W49", SH), "en")).toBe("2026-W49 (30 Nov–6 Dec)");
    expect(weekLabel(weekRange("2026-W49", SH), "zh-CN")).toBe("2026年第49周（11月30日–12月6日）");
    expect(weekLabel(weekRange("2026-W53", SH), "en")).toBe("2026-W53 (28 Dec 2026–3 Jan 2027)");
    expect(weekLabel(weekRange("2026-W53", SH), "zh-CN")).toBe("2026年第53周（2026年12月28日–2027年1月3日）");
  });

  it("labels months", () => {
    expect(monthLabel("2026-11", "en")).toBe("November 2026");
    expect(monthLabel("2026-11", "zh-CN")).toBe("2026年11月");
  });
});

describe("months", () => {
  it("gives the zoned span of a month", () => {
    const m = monthRange("2026-02", SH);
    expect([m.firstDay, m.lastDay]).toEqual(["2026-02-01", "2026-02-28"]);
    expect(m.start.toISOString()).toBe("2026-01-31T16:00:00.000Z");
    expect(m.end.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(monthRange("2026-12", SH).end.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(() => monthRange("2026-13", SH)).toThrow(RangeError);
  });

  it("reads the month of an instant in the zone", () => {
    expect(monthKeyOf(iso("2026-11-30T17:00:00Z"), SH)).toBe("2026-12");
    expect(monthKeyOf(iso("2026-11-30T17:00:00Z"), "UTC")).toBe("2026-11");
  });

  const monToFri: WorkingDayRule = { workingDays: [1, 2, 3, 4, 5], holidays: [] };

  it("R19: the first working day of the month skips weekends", () => {
    expect(firstWorkingDayOfMonth("2026-11", monToFri)).toBe("2026-11-02"); // 1 Nov is a Sunday
    expect(firstWorkingDayOfMonth("2026-08", { ...monToFri, workingDays: [1, 2, 3, 4, 5, 6] })).toBe("2026-08-01");
  });

  it("R19: the first working day of the month skips holidays and honours make-up days", () => {
    const nationalDay: WorkingDayRule = {
      workingDays: [1, 2, 3, 4, 5],
      holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
    };
    expect(firstWorkingDayOfMonth("2026-10", nationalDay)).toBe("2026-10-08");
    expect(firstWorkingDayOfMonth("2026-10", { ...nationalDay, extraWorkingDays: ["2026-10-04"] })).toBe("2026-10-04");
  });

  it("returns undefined for a month without a working day", () => {
    expect(firstWorkingDayOfMonth("2026-11", { workingDays: [], holidays: [] })).toBeUndefined();
  });
});
