import { describe, expect, it } from "vitest";
import { isKnownZone, offsetMinutesAt, utcMs, wallClock, wallClockToMs } from "../src/index";

/**
 * The emulator's one zone module (used by Utilities.formatDate, the trigger scheduler and Sheets' dates).
 * Apps Script runs on Java; local times resolve as java.time does:
 * docs.oracle.com/javase/8/docs/api/java/time/ZonedDateTime.html#of-java.time.LocalDateTime-java.time.ZoneId-
 * ("in a gap the local date-time is adjusted to be later by the length of the gap; in an overlap the
 * earlier offset is retained"), and java.util.TimeZone.getTimeZone (unknown ids become GMT).
 */
const iso = (ms: number) => new Date(ms).toISOString();

describe("core/zones", () => {
  it("a time inside the spring-forward gap moves later by the gap (New York 02:30 -> 03:30 EDT)", () => {
    expect(iso(wallClockToMs("America/New_York", 2024, 3, 10, 2, 30))).toBe("2024-03-10T07:30:00.000Z");
  });

  it("a time inside the fall-back overlap takes the earlier instant, west and east of UTC", () => {
    expect(iso(wallClockToMs("America/New_York", 2024, 11, 3, 1, 30))).toBe("2024-11-03T05:30:00.000Z");
    expect(iso(wallClockToMs("Europe/Berlin", 2024, 10, 27, 2, 30))).toBe("2024-10-27T00:30:00.000Z");
  });

  it("wall clock and instant round-trip on ordinary days, with the weekday", () => {
    const ms = wallClockToMs("Asia/Shanghai", 2026, 11, 23, 9, 15, 7);
    expect(iso(ms)).toBe("2026-11-23T01:15:07.000Z");
    expect(wallClock(ms, "Asia/Shanghai")).toMatchObject({ year: 2026, month: 11, day: 23, hour: 9, weekday: 1 });
  });

  it("years below 100 are not read as 19xx, and BC years count astronomically", () => {
    expect(utcMs(50, 6, 1)).toBe(Date.parse("0050-06-01T00:00:00Z"));
    expect(wallClock(Date.parse("0050-06-01T12:00:00Z"), "UTC").year).toBe(50);
    expect(wallClock(Date.parse("-000001-06-01T12:00:00Z"), "Europe/London").year).toBe(-1);
  });

  it("local mean time before standard zones keeps its seconds, so Sheets' day zero converts back exactly", () => {
    const ms = wallClockToMs("Asia/Shanghai", 1899, 12, 30, 10, 0, 0);
    expect(wallClock(ms, "Asia/Shanghai")).toMatchObject({
      year: 1899,
      month: 12,
      day: 30,
      hour: 10,
      minute: 0,
      second: 0,
    });
  });

  it("custom GMT offsets are fixed; unknown ids fall back to GMT", () => {
    expect(offsetMinutesAt(0, "GMT+8")).toBe(480);
    expect(offsetMinutesAt(0, "UTC-05:30")).toBe(-330);
    expect(isKnownZone("Not/AZone")).toBe(false);
    expect(offsetMinutesAt(Date.UTC(2024, 6, 1), "Not/AZone")).toBe(0);
  });
});
