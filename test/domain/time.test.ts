import { describe, expect, it } from "vitest";
import {
  addDaysToKey,
  addZonedDays,
  DEFAULT_TIME_ZONE,
  daysBetweenKeys,
  isValidTimeZone,
  parseClockTime,
  parseDateKey,
  parseWeekday,
  startOfZonedDay,
  weekdayOfKey,
  zonedDateKey,
  zonedParts,
  zonedToInstant,
  zoneOffsetMs,
} from "../../src/domain/time";

const SH = "Asia/Shanghai";
const BERLIN = "Europe/Berlin";
const NY = "America/New_York";
const iso = (s: string) => new Date(s);

describe("zonedParts", () => {
  it("reads wall-clock fields and the ISO weekday in Asia/Shanghai", () => {
    // 2026-11-26 is a Thursday; 17:00 UTC is 01:00 the next day in Shanghai.
    expect(zonedParts(iso("2026-11-26T17:00:05Z"), SH)).toEqual({
      year: 2026,
      month: 11,
      day: 27,
      hour: 1,
      minute: 0,
      second: 5,
      weekday: 5,
    });
  });

  it("shows midnight as hour 0 and Sunday as 7", () => {
    const p = zonedParts(iso("2026-11-28T16:00:00Z"), SH);
    expect([p.day, p.hour, p.weekday]).toEqual([29, 0, 7]);
  });

  it("follows DST in New York", () => {
    expect(zonedParts(iso("2026-07-01T12:00:00Z"), NY).hour).toBe(8);
    expect(zonedParts(iso("2026-12-01T12:00:00Z"), NY).hour).toBe(7);
  });

  it("defaults the company zone to Asia/Shanghai and rejects unknown zones", () => {
    expect(DEFAULT_TIME_ZONE).toBe(SH);
    expect(isValidTimeZone(BERLIN)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(() => zonedParts(new Date(Number.NaN), SH)).toThrow(RangeError);
  });

  it("reports the zone offset", () => {
    expect(zoneOffsetMs(iso("2026-01-15T00:00:00Z"), SH)).toBe(8 * 3600_000);
    expect(zoneOffsetMs(iso("2026-01-15T00:00:00Z"), BERLIN)).toBe(3600_000);
    expect(zoneOffsetMs(iso("2026-07-15T00:00:00Z"), BERLIN)).toBe(2 * 3600_000);
  });
});

describe("zonedToInstant", () => {
  it("is the inverse of zonedParts on ordinary times", () => {
    expect(zonedToInstant({ year: 2026, month: 11, day: 26, hour: 9, minute: 30 }, SH).toISOString()).toBe(
      "2026-11-26T01:30:00.000Z",
    );
    expect(zonedToInstant({ year: 2026, month: 7, day: 4, hour: 12 }, NY).toISOString()).toBe(
      "2026-07-04T16:00:00.000Z",
    );
  });

  it("normalises overflowing fields like Date.UTC", () => {
    expect(zonedToInstant({ year: 2026, month: 12, day: 32, hour: 25 }, SH).toISOString()).toBe(
      "2027-01-01T17:00:00.000Z",
    );
  });

  it("moves a time in the Berlin spring gap forward by the gap (02:30 -> 03:30 CEST)", () => {
    // 29 Mar 2026: clocks jump from 02:00 CET to 03:00 CEST.
    const t = zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN);
    expect(t.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedParts(t, BERLIN).hour).toBe(3);
  });

  it("takes the earlier instant in the Berlin autumn overlap (02:30 CEST, not CET)", () => {
    // 25 Oct 2026: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
    const t = zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN);
    expect(t.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("resolves the New York gap and overlap the same way", () => {
    expect(zonedToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 15 }, NY).toISOString()).toBe(
      "2026-03-08T07:15:00.000Z",
    );
    expect(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NY).toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
  });
});

describe("day arithmetic", () => {
  it("startOfZonedDay gives local midnight", () => {
    expect(startOfZonedDay(iso("2026-11-26T17:00:00Z"), SH).toISOString()).toBe("2026-11-26T16:00:00.000Z");
    expect(startOfZonedDay(iso("2026-03-29T20:00:00Z"), BERLIN).toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("addZonedDays keeps the local time across a DST change (23 h day in Berlin)", () => {
    const saturdayNine = iso("2026-03-28T08:00:00Z"); // 09:00 CET
    const sundayNine = addZonedDays(saturdayNine, 1, BERLIN);
    expect(sundayNine.toISOString()).toBe("2026-03-29T07:00:00.000Z"); // 09:00 CEST
    expect(sundayNine.getTime() - saturdayNine.getTime()).toBe(23 * 3600_000);
    expect(addZonedDays(sundayNine, -1, BERLIN).toISOString()).toBe(saturdayNine.toISOString());
  });

  it("addZonedDays crosses month and year ends and keeps milliseconds", () => {
    expect(addZonedDays(iso("2026-12-31T01:02:03.456Z"), 1, SH).toISOString()).toBe("2027-01-01T01:02:03.456Z");
  });

  it("zonedDateKey names the calendar day in the zone, not in UTC", () => {
    const t = iso("2026-11-26T17:00:00Z");
    expect(zonedDateKey(t, SH)).toBe("2026-11-27");
    expect(zonedDateKey(t, "UTC")).toBe("2026-11-26");
    expect(zonedDateKey(t, NY)).toBe("2026-11-26");
  });
});

describe("date keys and Settings parsing", () => {
  it("does calendar arithmetic on date keys", () => {
    expect(addDaysToKey("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDaysToKey("2028-02-28", 1)).toBe("2028-02-29");
    expect(daysBetweenKeys("2026-12-25", "2027-01-08")).toBe(14);
    expect(daysBetweenKeys("2027-01-08", "2026-12-25")).toBe(-14);
    expect(weekdayOfKey("2026-11-26")).toBe(4);
  });

  it("rejects impossible date keys", () => {
    expect(() => parseDateKey("2026-02-30")).toThrow(RangeError);
    expect(() => parseDateKey("26-2-3")).toThrow(RangeError);
  });

  it("parses clock times including full-width colons", () => {
    expect(parseClockTime("09:00")).toBe(540);
    expect(parseClockTime("9:05")).toBe(545);
    expect(parseClockTime("17：30")).toBe(1050);
    expect(parseClockTime("24:00")).toBe(1440);
    expect(parseClockTime("24:30")).toBeUndefined();
    expect(parseClockTime("9h")).toBeUndefined();
    expect(parseClockTime("12:60")).toBeUndefined();
  });

  it("parses weekdays in English and Chinese", () => {
    expect(parseWeekday("SAT")).toBe(6);
    expect(parseWeekday(" wednesday ")).toBe(3);
    expect(parseWeekday("周六")).toBe(6);
    expect(parseWeekday("星期日")).toBe(7);
    expect(parseWeekday("Ｍｏｎ")).toBe(1);
    expect(parseWeekday("S")).toBeUndefined();
  });
});
