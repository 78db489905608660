/**
 * Contract: Range reads and writes, value parsing and display. Written against a factory so the same
 * suite could run inside real Apps Script; only the public SpreadsheetApp API is used in assertions.
 */
import { describe, expect, it } from "vitest";
import { EmulatedSpreadsheetApp, GasContext } from "../src/index";

export interface SpreadsheetWorld {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

export function runValueContract(name: string, make: () => SpreadsheetWorld): void {
  describe(`${name}: Range values`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues
    it("setValues then getValues round-trips strings, numbers, booleans and Dates; empty cells read as ''", () => {
      const { sheet } = make();
      const when = new Date("2026-11-26T00:30:00Z");
      sheet.getRange(1, 1, 2, 3).setValues([
        ["Acme 贸易 🚢", 42, true],
        [when, null, undefined],
      ]);
      const v = sheet.getRange(1, 1, 2, 4).getValues();
      expect(v[0]).toEqual(["Acme 贸易 🚢", 42, true, ""]);
      expect(v[1][0]).toBeInstanceOf(Date);
      expect((v[1][0] as Date).getTime()).toBe(when.getTime());
      expect(v[1].slice(1)).toEqual(["", "", ""]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#getvalues
    it("getValues returns a fresh array each time (mutating it or its Dates changes nothing)", () => {
      const { sheet } = make();
      sheet.getRange("A1:B1").setValues([["x", new Date("2026-01-01T00:00:00Z")]]);
      const first = sheet.getRange("A1:B1").getValues();
      first[0][0] = "changed";
      (first[0][1] as Date).setFullYear(1999);
      const again = sheet.getRange("A1:B1").getValues();
      expect(again[0][0]).toBe("x");
      expect((again[0][1] as Date).getUTCFullYear()).toBe(2026);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue
    // Writes are interpreted like typed input (USER_ENTERED): numbers, booleans, percentages, dates.
    it.each([
      ["+8613800001111", 8613800001111],
      ["00123", 123],
      ["1,234.5", 1234.5],
      ["12%", 0.12],
      ["1e3", 1000],
      ["-7.25", -7.25],
      ["TRUE", true],
      ["false", false],
      ["True", true],
      ["hello", "hello"],
      ["12 boxes", "12 boxes"],
      ["'00123", "00123"],
      ["'=SUM(A1)", "=SUM(A1)"],
    ])("setValue(%j) reads back as %j", (input, expected) => {
      const { sheet } = make();
      const cell = sheet.getRange("B2");
      cell.setValue(input);
      expect(cell.getValue()).toBe(expected);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue ("interpreted as dates")
    it("date- and time-looking strings become Dates in the spreadsheet's time zone", () => {
      const { ss, sheet } = make();
      ss.setSpreadsheetTimeZone("Asia/Shanghai");
      sheet.getRange("A1:A4").setValues([["2026-11-26"], ["2026-11-26 08:30"], ["2026/11/26"], ["11/26/2026"]]);
      const v = sheet
        .getRange("A1:A4")
        .getValues()
        .map((r) => r[0] as Date);
      for (const d of v) expect(d).toBeInstanceOf(Date);
      expect(v[0].toISOString()).toBe("2026-11-25T16:00:00.000Z");
      expect(v[1].toISOString()).toBe("2026-11-26T00:30:00.000Z");
      expect(v[2].getTime()).toBe(v[0].getTime());
      expect(v[3].getTime()).toBe(v[0].getTime());
      sheet.getRange("B1").setValue("08:30");
      const t = sheet.getRange("B1").getValue() as Date;
      expect(t).toBeInstanceOf(Date);
      expect(sheet.getRange("B1").getDisplayValue()).toBe("08:30");
      expect(sheet.getRange("A2").getDisplayValue()).toBe("2026-11-26 08:30");
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#setnumberformatnumberformat
    // ("@" is plain text: what is written stays a string, even "=..." and leading zeros)
    it("a plain-text ('@') column keeps strings exactly as written", () => {
      const { sheet } = make();
      const col = sheet.getRange("C1:C5");
      col.setNumberFormat("@");
      col.setValues([["+8613800001111"], ["00123"], ['=IMPORTXML("http://x","//a")'], ["2026-11-26"], ["TRUE"]]);
      expect(col.getValues()).toEqual([
        ["+8613800001111"],
        ["00123"],
        ['=IMPORTXML("http://x","//a")'],
        ["2026-11-26"],
        ["TRUE"],
      ]);
      expect(col.getFormulas().flat()).toEqual(["", "", "", "", ""]);
      expect(col.getNumberFormats().flat()).toEqual(["@", "@", "@", "@", "@"]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#setformulaformula
    it("a string starting with '=' is stored as a formula (getFormula returns it)", () => {
      const { sheet } = make();
      sheet.getRange("A1").setValue('=IMPORTXML("http://x","//a")');
      sheet.getRange("A2").setFormula("=A1*2");
      expect(sheet.getRange("A1").getFormula()).toBe('=IMPORTXML("http://x","//a")');
      expect(sheet.getRange("A1:A2").getFormulas()).toEqual([['=IMPORTXML("http://x","//a")'], ["=A1*2"]]);
      expect(sheet.getRange("A3").getFormula()).toBe("");
      // Overwriting a formula with a value removes the formula.
      sheet.getRange("A2").setValue(5);
      expect(sheet.getRange("A2").getFormula()).toBe("");
      expect(sheet.getRange("A2").getValue()).toBe(5);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#getdisplayvalues
    it("getDisplayValues formats by number format", () => {
      const { ss, sheet } = make();
      ss.setSpreadsheetTimeZone("Asia/Shanghai");
      const when = new Date("2026-11-26T00:30:00Z"); // 08:30 in Shanghai
      const rows: [unknown, string, string][] = [
        [1234.5, "0.###############", "1234.5"],
        [1234.5, "0", "1235"],
        [1234.5, "0.00", "1234.50"],
        [1234567.891, "#,##0", "1,234,568"],
        [1234567.891, "#,##0.00", "1,234,567.89"],
        [0.125, "0%", "13%"],
        [0.125, "0.00%", "12.50%"],
        [when, "yyyy-mm-dd", "2026-11-26"],
        [when, "yyyy-mm-dd hh:mm", "2026-11-26 08:30"],
        [when, "hh:mm", "08:30"],
        [true, "0.###############", "TRUE"],
        ["00123", "@", "00123"],
      ];
      const range = sheet.getRange(1, 1, rows.length, 1);
      range.setNumberFormats(rows.map((r) => [r[1]]));
      range.setValues(rows.map((r) => [r[0]]));
      expect(range.getDisplayValues().map((r) => r[0])).toEqual(rows.map((r) => r[2]));
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#getnumberformat
    it("an unformatted cell reports the automatic format 0.###############", () => {
      const { sheet } = make();
      expect(sheet.getRange("D4").getNumberFormat()).toBe("0.###############");
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues (dimension errors)
    // Texts: github.com/alpatania/sassafras/issues/8 (columns variant; rows variant is the same sentence)
    it("setValues with the wrong shape throws Apps Script's messages and writes nothing", () => {
      const { sheet } = make();
      const range = sheet.getRange(1, 1, 2, 2);
      expect(() => range.setValues([["a", "b"]])).toThrow(
        "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
      );
      expect(() =>
        range.setValues([
          ["a", "b", "c"],
          ["d", "e", "f"],
        ]),
      ).toThrow(
        "The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.",
      );
      expect(range.getValues()).toEqual([
        ["", ""],
        ["", ""],
      ]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#getrangerow,-column,-numrows,-numcolumns
    // Text: github.com/Elijas/auto-youtube-subscription-playlist-2/issues/99
    it("getRange with 0 rows or columns, or outside the sheet, throws", () => {
      const { sheet } = make();
      expect(() => sheet.getRange(1, 1, 0, 1)).toThrow("The number of rows in the range must be at least 1.");
      expect(() => sheet.getRange(1, 1, 1, 0)).toThrow("The number of columns in the range must be at least 1.");
      expect(() => sheet.getRange(0, 1)).toThrow("The starting row of the range is too small.");
      expect(() => sheet.getRange(1, 0)).toThrow("The starting column of the range is too small.");
      expect(() => sheet.getRange(sheet.getMaxRows() + 1, 1)).toThrow(
        "The coordinates of the range are outside the dimensions of the sheet.",
      );
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#getrangea1notation
    // "Range not found": github.com/jamietr1/google-docs-writing-tracker/issues/18
    it("getRange(a1) accepts cells, ranges, whole columns and rows; rejects nonsense with 'Range not found'", () => {
      const { ss, sheet } = make();
      expect(sheet.getRange("B2:C3").getA1Notation()).toBe("B2:C3");
      expect(sheet.getRange("$B$2").getA1Notation()).toBe("B2");
      expect(sheet.getRange("A:B").getNumRows()).toBe(sheet.getMaxRows());
      expect(sheet.getRange("2:3").getNumColumns()).toBe(sheet.getMaxColumns());
      expect(sheet.getRange("A2:B").getRow()).toBe(2);
      expect(() => sheet.getRange("nonsense!!")).toThrow("Range not found");
      expect(() => sheet.getRange("A0")).toThrow("Range not found");
      expect(ss.getRange(`${sheet.getName()}!C4`).getColumn()).toBe(3);
      expect(() => ss.getRange("NoSuchSheet!A1")).toThrow("Range not found");
    });

    // support.google.com/docs/answer/37603 (50,000 characters per cell)
    it("a cell over 50,000 characters is rejected", () => {
      const { sheet } = make();
      expect(() => sheet.getRange("A1").setValue("x".repeat(50001))).toThrow(
        "Your input contains more than the maximum of 50000 characters in a single cell.",
      );
      sheet.getRange("A1").setValue("x".repeat(50000));
      expect((sheet.getRange("A1").getValue() as string).length).toBe(50000);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#offsetrowoffset,-columnoffset
    it("offset, getCell, getLastRow/getLastColumn of a range", () => {
      const { sheet } = make();
      const r = sheet.getRange("B2:D4");
      expect(r.offset(1, 1).getA1Notation()).toBe("C3:E5");
      expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe("B2");
      expect(r.getCell(2, 3).getA1Notation()).toBe("D3");
      expect(r.getLastRow()).toBe(4);
      expect(r.getLastColumn()).toBe(4);
    });

    // developers.google.com/apps-script/reference/spreadsheet/range#clearcontent
    it("clearContent keeps formats, clear removes both", () => {
      const { sheet } = make();
      const r = sheet.getRange("A1");
      r.setNumberFormat("0.00").setValue(3);
      r.clearContent();
      expect(r.getValue()).toBe("");
      expect(r.getNumberFormat()).toBe("0.00");
      r.setValue(3);
      r.clear();
      expect(r.getValue()).toBe("");
      expect(r.getNumberFormat()).toBe("0.###############");
    });
  });
}

function emulatorWorld(): SpreadsheetWorld {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", "owner@example.com");
  return { app: app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp, ss, sheet: ss.getSheets()[0] };
}

runValueContract("emulator", emulatorWorld);
