/**
 * Contract: Sheet structure (size, last row/column, appendRow, inserting and deleting rows and
 * columns, frozen rows, sorting) and Spreadsheet sheet management. Factory-based so the suite could
 * run against real Apps Script.
 */
import { describe, expect, it } from "vitest";
import { EmulatedSpreadsheetApp, GasContext } from "../src/index";
import type { SpreadsheetWorld } from "./spreadsheet.values.test";

export function runSheetContract(name: string, make: () => SpreadsheetWorld): void {
  describe(`${name}: Sheet structure`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname
    it("a new sheet is 1000 x 26, empty (getLastRow/getLastColumn 0) and becomes active", () => {
      const { ss } = make();
      const s = ss.insertSheet("Orders");
      expect(s.getMaxRows()).toBe(1000);
      expect(s.getMaxColumns()).toBe(26);
      expect(s.getLastRow()).toBe(0);
      expect(s.getLastColumn()).toBe(0);
      expect(ss.getActiveSheet().getName()).toBe("Orders");
    });

    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname
    it("insertSheet with an existing name (any case) throws Apps Script's message", () => {
      const { ss } = make();
      ss.insertSheet("Orders");
      expect(() => ss.insertSheet("Orders")).toThrow(
        'A sheet with the name "Orders" already exists. Please enter another name.',
      );
      expect(() => ss.insertSheet("orders")).toThrow(
        'A sheet with the name "orders" already exists. Please enter another name.',
      );
    });

    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getsheetbynamename
    it("getSheetByName returns null for a missing sheet; insertSheet(name, index) places it", () => {
      const { ss } = make();
      expect(ss.getSheetByName("Nope")).toBeNull();
      ss.insertSheet("Last");
      const first = ss.insertSheet("First", 0);
      expect(first.getIndex()).toBe(1);
      expect(ss.getSheets().map((s) => s.getName())[0]).toBe("First");
      ss.deleteSheet(first);
      expect(ss.getSheetByName("First")).toBeNull();
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#getlastrow
    it("getLastRow/getLastColumn report the last cell with content; a formula counts", () => {
      const { sheet } = make();
      sheet.getRange("C5").setValue("x");
      sheet.getRange("E2").setFormula("=1+1");
      expect(sheet.getLastRow()).toBe(5);
      expect(sheet.getLastColumn()).toBe(5);
      sheet.getRange("C5").clearContent();
      expect(sheet.getLastRow()).toBe(2);
      expect(sheet.getDataRange().getA1Notation()).toBe("A1:E2");
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#appendrowrowcontents
    it("appendRow writes below the last row, parses like setValues, and grows a full sheet", () => {
      const { sheet } = make();
      sheet.getRange("A1:B1").setValues([["Name", "Phone"]]);
      sheet.getRange("B1:B1000").setNumberFormat("@");
      sheet.appendRow(["Acme", "+8613800001111"]);
      sheet.appendRow(["Beta", "=1+1"]);
      expect(sheet.getRange("A2:B3").getValues()).toEqual([
        ["Acme", "+8613800001111"],
        ["Beta", "=1+1"],
      ]);
      sheet.appendRow(["=A2"]);
      expect(sheet.getRange("A4").getFormula()).toBe("=A2");
      // Fill to the bottom, then append past it.
      sheet.getRange(sheet.getMaxRows(), 1).setValue("bottom");
      sheet.appendRow(["past", "00123"]);
      expect(sheet.getMaxRows()).toBe(1001);
      expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([["past", "00123"]]);
      expect(sheet.getRange(1001, 2).getNumberFormat()).toBe("@");
      sheet.appendRow([
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        "i",
        "j",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "v",
        "w",
        "x",
        "y",
        "z",
        "aa",
      ]);
      expect(sheet.getMaxColumns()).toBe(27);
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#insertrowsafterafterposition,-howmany
    it("insertRowsAfter/insertRowBefore shift values, formats and validations down with their rows", () => {
      const { app, sheet } = make();
      sheet.getRange("A1:A3").setValues([["r1"], ["r2"], ["r3"]]);
      sheet.getRange("B3").setNumberFormat("@");
      const rule = app.newDataValidation().requireValueInList(["A", "B"], true).setAllowInvalid(false).build();
      sheet.getRange("C3").setDataValidation(rule);
      sheet.insertRowsAfter(1, 2);
      expect(sheet.getMaxRows()).toBe(1002);
      expect(sheet.getRange("A1:A5").getValues().flat()).toEqual(["r1", "", "", "r2", "r3"]);
      expect(sheet.getRange("B5").getNumberFormat()).toBe("@");
      expect(sheet.getRange("C5").getDataValidation()?.getCriteriaValues()[0]).toEqual(["A", "B"]);
      expect(sheet.getRange("C3").getDataValidation()).toBeNull();
      sheet.insertRowBefore(1);
      expect(sheet.getRange("A2").getValue()).toBe("r1");
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#deleterowsrowposition,-howmany
    it("deleteRows shifts rows up; deleting every non-frozen row is refused", () => {
      const { sheet } = make();
      sheet.getRange("A1:A4").setValues([["h"], ["a"], ["b"], ["c"]]);
      sheet.getRange("B4").setNumberFormat("0.00");
      sheet.deleteRows(2, 2);
      expect(sheet.getRange("A1:A2").getValues().flat()).toEqual(["h", "c"]);
      expect(sheet.getRange("B2").getNumberFormat()).toBe("0.00");
      expect(sheet.getMaxRows()).toBe(998);
      sheet.deleteRow(2);
      expect(sheet.getLastRow()).toBe(1);
      sheet.setFrozenRows(1);
      expect(() => sheet.deleteRows(2, sheet.getMaxRows() - 1)).toThrow(
        "Sorry, it is not possible to delete all non-frozen rows.",
      );
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#insertcolumnsafterafterposition,-howmany
    it("insertColumnsAfter and deleteColumn move cells sideways", () => {
      const { sheet } = make();
      sheet.getRange("A1:C1").setValues([["a", "b", "c"]]);
      sheet.insertColumnsAfter(1, 2);
      expect(sheet.getRange("A1:E1").getValues()[0]).toEqual(["a", "", "", "b", "c"]);
      expect(sheet.getMaxColumns()).toBe(28);
      sheet.deleteColumn(2);
      sheet.deleteColumns(2, 1);
      expect(sheet.getRange("A1:C1").getValues()[0]).toEqual(["a", "b", "c"]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#setfrozenrowsrows
    it("setFrozenRows/getFrozenRows and setColumnWidth/getColumnWidth", () => {
      const { sheet } = make();
      expect(sheet.getFrozenRows()).toBe(0);
      sheet.setFrozenRows(1);
      expect(sheet.getFrozenRows()).toBe(1);
      sheet.setColumnWidth(2, 240);
      expect(sheet.getColumnWidth(2)).toBe(240);
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#sortcolumnposition,-ascending
    it("sort keeps frozen rows, moves whole rows (with formats), puts blanks last", () => {
      const { sheet } = make();
      sheet.getRange("A1:B5").setValues([
        ["Name", "Score"],
        ["c", 2],
        ["a", 3],
        ["b", ""],
        ["d", 1],
      ]);
      sheet.getRange("A3").setNumberFormat("@");
      sheet.setFrozenRows(1);
      sheet.sort(2, false);
      expect(sheet.getRange("A1:B5").getValues()).toEqual([
        ["Name", "Score"],
        ["a", 3],
        ["c", 2],
        ["d", 1],
        ["b", ""],
      ]);
      expect(sheet.getRange("A2").getNumberFormat()).toBe("@");
      sheet.sort(1);
      expect(sheet.getRange("A2:A5").getValues().flat()).toEqual(["a", "b", "c", "d"]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#setnamename
    it("setName renames; a clash throws the duplicate-name message", () => {
      const { ss, sheet } = make();
      ss.insertSheet("Taken");
      sheet.setName("Renamed");
      expect(ss.getSheetByName("Renamed")).not.toBeNull();
      expect(() => sheet.setName("Taken")).toThrow(
        'A sheet with the name "Taken" already exists. Please enter another name.',
      );
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#clear
    it("clear empties the sheet; clearContents keeps formats", () => {
      const { sheet } = make();
      sheet.getRange("A1").setNumberFormat("@").setValue("x");
      sheet.clearContents();
      expect(sheet.getRange("A1").getNumberFormat()).toBe("@");
      expect(sheet.getLastRow()).toBe(0);
      sheet.getRange("A1").setValue("x");
      sheet.clear();
      expect(sheet.getRange("A1").getNumberFormat()).toBe("0.###############");
      expect(sheet.getLastRow()).toBe(0);
    });

    // support.google.com/docs/answer/37603 (10 million cells); text quoted by scripts that hit it
    it("growing the workbook past 10,000,000 cells is refused", () => {
      const { sheet } = make();
      sheet.insertColumnsAfter(26, 200 - 26); // 1000 x 200 = 200k cells
      expect(() => sheet.insertRowsAfter(1000, 50_000)).toThrow(
        "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
      );
      expect(sheet.getMaxRows()).toBe(1000);
    });

    // developers.google.com/apps-script/reference/spreadsheet/text-finder
    it("TextFinder searches display values with matchCase/matchEntireCell/regex and replaces", () => {
      const { ss, sheet } = make();
      sheet.getRange("A1:B3").setValues([
        ["Acme Ltd", "acme"],
        ["Beta", 0.5],
        ["ACME", "x"],
      ]);
      sheet.getRange("B2").setNumberFormat("0%");
      expect(
        sheet
          .createTextFinder("acme")
          .findAll()
          .map((r) => r.getA1Notation()),
      ).toEqual(["A1", "B1", "A3"]);
      expect(
        sheet
          .createTextFinder("acme")
          .matchCase(true)
          .findAll()
          .map((r) => r.getA1Notation()),
      ).toEqual(["B1"]);
      expect(
        sheet
          .createTextFinder("acme")
          .matchEntireCell(true)
          .findAll()
          .map((r) => r.getA1Notation()),
      ).toEqual(["B1", "A3"]);
      expect(sheet.createTextFinder("50%").findNext()?.getA1Notation()).toBe("B2");
      expect(sheet.createTextFinder("^Be.a$").useRegularExpression(true).findAll().length).toBe(1);
      expect(sheet.getRange("A1:A3").createTextFinder("x").findNext()).toBeNull();
      const finder = ss.createTextFinder("acme");
      expect(finder.findNext()?.getA1Notation()).toBe("A1");
      expect(finder.findNext()?.getA1Notation()).toBe("B1");
      expect(sheet.createTextFinder("Acme").matchCase(true).replaceAllWith("Apex")).toBe(1);
      expect(sheet.getRange("A1").getValue()).toBe("Apex Ltd");
    });
  });
}

function emulatorWorld(): SpreadsheetWorld {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", "owner@example.com");
  return { app: app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp, ss, sheet: ss.getSheets()[0] };
}

runSheetContract("emulator", emulatorWorld);
