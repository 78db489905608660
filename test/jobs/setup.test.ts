import { beforeEach, describe, expect, it } from "vitest";
import { setupWorkbook } from "../../src/jobs/setup";
import { ALL_SHEETS, Buyers, Settings, Staff } from "../../src/store/schemas";
import { SETTING_DEFAULTS } from "../../src/store/settings";
import { installGas, type TestWorld } from "../support/gas";

const NOW = new Date("2026-11-23T01:00:00Z");

describe("Set up workbook", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas();
  });

  it("C1: creates every sheet with headers, a frozen header row and plain-text ID/text columns", () => {
    const result = setupWorkbook(w.book, w.owner, "en", NOW);
    expect(result.created).toEqual(ALL_SHEETS.map((s) => s.name));
    for (const spec of ALL_SHEETS) {
      const sheet = w.book.getSheetByName(spec.name)!;
      expect(sheet.getFrozenRows()).toBe(1);
      const header = sheet.getRange(1, 1, 1, spec.columns.length).getValues()[0];
      expect(header).toEqual(spec.columns.map((c) => c.en));
    }
    const buyers = w.book.getSheetByName(Buyers.name)!;
    const phoneCol = Buyers.columns.findIndex((c) => c.key === "phone") + 1;
    expect(buyers.getRange(2, phoneCol).getNumberFormat()).toBe("@");
  });

  it("R6, R8, R20, R26, R33, R9: Settings are prefilled with the rule defaults", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const values = w.book.getSheetByName(Settings.name)!.getDataRange().getValues();
    const map = new Map(values.slice(1).map((r) => [String(r[0]), String(r[1])]));
    expect(map.get("pull.slots")).toBe("08:30,12:30,17:30");
    expect(map.get("cadence.A")).toBe("3");
    expect(map.get("cadence.C")).toBe("15");
    expect(map.get("reply.targetHours")).toBe("2");
    expect(map.get("reply.faxHours")).toBe("12");
    expect(map.get("report.weekly")).toBe("SAT 16:00");
    for (const key of [
      "company.name",
      "company.founded",
      "company.totalAssets",
      "company.annualSales",
      "company.awards",
      "company.contact",
      "company.phone",
      "company.fax",
    ]) {
      expect(map.has(key)).toBe(true);
    }
    expect(map.size).toBe(SETTING_DEFAULTS.length);
  });

  it("records the person who sets up as the boss, and protects Staff and Settings for boss and assistant", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const staff = w.book.getSheetByName(Staff.name)!.getDataRange().getValues();
    expect(staff[1][0]).toBe(w.owner);
    expect(staff[1][2]).toBe("boss");
    const protections = w.book.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    const names = protections.map((p) => p.getRange().getSheet().getName()).sort();
    expect(names).toEqual(expect.arrayContaining(["Settings", "Staff", "Products"]));
  });

  it("is idempotent: a second run creates nothing, keeps a person's Settings values and their own columns", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const settings = w.book.getSheetByName(Settings.name)!;
    settings.getRange(2, 2).setValue("en");
    const buyers = w.book.getSheetByName(Buyers.name)!;
    const extraCol = Buyers.columns.length + 1;
    buyers.getRange(1, extraCol).setValue("My notes");
    buyers.getRange(2, extraCol).setValue("keep me");
    const before = settings.getDataRange().getValues();
    const again = setupWorkbook(w.book, w.owner, "en", NOW);
    expect(again.created).toEqual([]);
    expect(again.upgraded).toEqual([]);
    expect(again.settingsAdded).toEqual([]);
    expect(settings.getDataRange().getValues()).toEqual(before);
    expect(buyers.getRange(2, extraCol).getValue()).toBe("keep me");
  });

  it("upgrades a sheet that lost a column by adding it after the last one, never moving data", () => {
    setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    const buyers = w.book.getSheetByName(Buyers.name)!;
    const last = Buyers.columns.length;
    buyers.getRange(1, last).setValue("");
    buyers.getRange(1, last + 1).setValue("我的列");
    buyers.getRange(2, 1).setValue("B-000001");
    const result = setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    expect(result.upgraded).toEqual(["Buyers"]);
    expect(buyers.getRange(1, last + 1).getValue()).toBe("我的列");
    expect(buyers.getRange(1, last + 2).getValue()).toBe(Buyers.columns[last - 1].zh);
    expect(buyers.getRange(2, 1).getValue()).toBe("B-000001");
  });
});
