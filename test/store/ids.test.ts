import { beforeEach, describe, expect, it } from "vitest";
import { readDocJson, writeDocJson } from "../../src/gas/properties";
import { allocateIds, IdCounter, pictureSeries, quoteSeries, sheetSeries } from "../../src/store/ids";
import { Buyers, FollowUps, Products } from "../../src/store/schemas";
import { installGas } from "../support/gas";

describe("the ID counter (one allocator for every sheet)", () => {
  beforeEach(() => {
    installGas();
  });

  it("each sheet's counter lives under its own key, the ones Buyerbook has always used", () => {
    expect(sheetSeries(Buyers).counterKey).toBe("ids.B");
    expect(sheetSeries(FollowUps).counterKey).toBe("ids.F");
    expect(sheetSeries(Products).counterKey).toBe("ids.P");
    expect(quoteSeries(2026).counterKey).toBe("ids.Q.2026");
  });

  it("starts after the larger of the sheet's highest ID and the last one handed out, and keeps the format", () => {
    writeDocJson("ids.B", 7);
    const ids = IdCounter.open(Buyers, ["B-000003", "not an id", "B-000005"]);
    expect([ids.take(), ids.take()]).toEqual(["B-000008", "B-000009"]);
    ids.save();
    expect(readDocJson("ids.B", 0)).toBe(9);
    expect(allocateIds(Buyers, ["B-000042"], 1)).toEqual(["B-000043"]);
    expect(allocateIds(Products, [], 2)).toEqual(["P-0001", "P-0002"]);
  });

  it("a deleted row's ID is never handed out again", () => {
    const [first, second] = allocateIds(FollowUps, [], 2);
    expect(second).toBe("F-000002");
    // Both rows were deleted from the sheet: the counter still remembers them.
    expect(allocateIds(FollowUps, [first], 1)).toEqual(["F-000003"]);
  });

  it("a counter with nothing taken writes nothing (a run that adds no row leaves the key alone)", () => {
    IdCounter.open(Buyers, ["B-000010"]).save();
    expect(readDocJson<number | null>("ids.B", null)).toBeNull();
  });

  it("the sheet lookup is asked only while the counter was never saved", () => {
    let lookups = 0;
    const highest = () => {
      lookups += 1;
      return 12;
    };
    expect(allocateIds(FollowUps, highest, 1)).toEqual(["F-000013"]);
    expect(allocateIds(FollowUps, highest, 1)).toEqual(["F-000014"]);
    expect(lookups).toBe(1);
  });

  it("quote numbers count per year; another year's quotes do not move this year's counter", () => {
    const existing = ["Q-2025-0040", "Q-2026-0002", "B-000099"];
    expect(IdCounter.open(quoteSeries(2026), existing).peek()).toBe("Q-2026-0003");
    expect(allocateIds(quoteSeries(2027), existing, 1)).toEqual(["Q-2027-0001"]);
    writeDocJson("ids.Q.2026", 7);
    expect(allocateIds(quoteSeries(2026), existing, 1)).toEqual(["Q-2026-0008"]);
    // peek takes nothing.
    const counter = IdCounter.open(quoteSeries(2026), existing);
    expect(counter.peek()).toBe(counter.peek());
  });

  it("R28: picture numbers count per product in one map, and one product's count leaves the others alone", () => {
    writeDocJson("ids.pictures", { "P-0002": 4 });
    expect(allocateIds(pictureSeries("P-0001"), ["P-0001-2", "P-0002-9"], 1)).toEqual(["P-0001-3"]);
    // The cell lost its pictures (deleted by hand): the numbers are still not handed out again.
    expect(allocateIds(pictureSeries("P-0001"), [], 1)).toEqual(["P-0001-4"]);
    expect(allocateIds(pictureSeries("P-0002"), [], 1)).toEqual(["P-0002-5"]);
    expect(readDocJson("ids.pictures", {})).toEqual({ "P-0001": 4, "P-0002": 5 });
  });
});
