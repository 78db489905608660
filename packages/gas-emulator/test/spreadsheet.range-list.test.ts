/**
 * Sheet.getRangeList / RangeList (developers.google.com/apps-script/reference/spreadsheet/range-list):
 * setValue "Sets the value for each Range in the RangeList", setNumberFormat the format of each; one call
 * each, whatever the number of ranges. Protections are checked for every range before any is written.
 */
import { describe, expect, it } from "vitest";
import { EmulatedSpreadsheetApp, GasContext } from "../src/index";

function world() {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", "owner@example.com");
  const sheet = ss.getSheets()[0];
  return { ctx, ss, sheet };
}

describe("RangeList", () => {
  it("setValue writes one value into scattered ranges in one call, typed as input", () => {
    const { ctx, sheet } = world();
    sheet.getRange("A1:C5").setValues(Array.from({ length: 5 }, () => ["a", "b", "c"]));
    ctx.meter.reset();
    const list = sheet.getRangeList(["B1", "B3", "C5", "A2:A3"]);
    list.setValue("42");
    expect(ctx.meter.methodCalls("RangeList.setValue")).toBe(1);
    expect(ctx.meter.callsOf("Spreadsheet.write")).toBe(1);
    expect(ctx.meter.summary().find((s) => s.type === "Spreadsheet.write")?.units).toBe(5);
    expect(sheet.getRange("A1:C5").getValues()).toEqual([
      ["a", 42, "c"],
      [42, "b", "c"],
      [42, 42, "c"],
      ["a", "b", "c"],
      ["a", "b", 42],
    ]);
    expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(["B1", "B3", "C5", "A2:A3"]);
  });

  it("setNumberFormat('@') first keeps text as typed (a phone's +, a code's zeros)", () => {
    const { sheet } = world();
    const list = sheet.getRangeList(["A1", "B2"]);
    list.setNumberFormat("@");
    list.setValue("+0086 138");
    expect(sheet.getRange("A1").getValue()).toBe("+0086 138");
    expect(sheet.getRange("B2").getNumberFormat()).toBe("@");
  });

  it("a protected range in the list refuses the whole call: nothing is written", () => {
    const { ctx, ss, sheet } = world();
    ss.addEditor("ed@example.com");
    const p = sheet.getRange("B2").protect();
    p.removeEditors(p.getEditors());
    ctx.runAs("ed@example.com", () => {
      expect(() => sheet.getRangeList(["A1", "B2"]).setValue("x")).toThrow(/protected/);
    });
    expect(sheet.getRange("A1").getValue()).toBe("");
  });
});
