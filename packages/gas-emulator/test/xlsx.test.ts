/**
 * .xlsx persistence of emulated spreadsheets: a save/load round trip keeps what a script can see.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { EmulatedSpreadsheetApp, GasContext, loadWorkbookXlsx, saveWorkbookXlsx } from "../src/index";

const dir = mkdtempSync(join(tmpdir(), "xlsx-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function world() {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", "owner@example.com");
  return { ctx, app, ss };
}

describe("xlsx round trip", () => {
  it("keeps values with their types, formulas, number formats, sheet order, frozen rows and widths", async () => {
    const { app, ss } = world();
    const orders = ss.getSheets()[0];
    orders.setName("Orders");
    const log = ss.insertSheet("Log");
    ss.insertSheet("Settings", 1);
    orders.getRange("B:B").setNumberFormat("@");
    orders.getRange("A1:F1").setValues([["Name", "Phone", "Since", "Score", "Active", "Note"]]);
    orders.getRange("A2:F5").setValues([
      ["Acme 贸易 🚢", "+8613800001111", "2026-11-26", 4.5, true, '=IMPORTXML("http://x","//a")'],
      ["Beta", "00123", new Date("2026-01-02T03:04:05.678Z"), 0, false, ""],
      ["", '=IMPORTXML("http://x","//a")', "", "", "", "12%"],
      ["Gamma", "", "08:30", -3, "", "'=not a formula"],
    ]);
    orders.getRange("D2:D5").setNumberFormat("0.00");
    orders.getRange("G2").setNumberFormat("yyyy-mm-dd").setValue(46000); // a number in a date format
    orders.getRange("H2").setValue(new Date("2026-03-04T05:06:07Z")); // a Date in the automatic format
    orders.setFrozenRows(1);
    orders.setColumnWidth(1, 210);
    log.appendRow(["when", "what"]);

    const path = join(dir, "roundtrip.xlsx");
    await saveWorkbookXlsx(ss, path);
    const back = await loadWorkbookXlsx(app, path, { name: "Orders copy", owner: "owner@example.com" });

    expect(back.getSheets().map((s) => s.getName())).toEqual(["Orders", "Settings", "Log"]);
    const b2 = back.getSheetByName("Orders")!;
    const range = "A1:H6";
    expect(b2.getRange(range).getValues()).toEqual(orders.getRange(range).getValues());
    expect(b2.getRange(range).getFormulas()).toEqual(orders.getRange(range).getFormulas());
    expect(b2.getRange(range).getNumberFormats()).toEqual(orders.getRange(range).getNumberFormats());
    expect(b2.getRange(range).getDisplayValues()).toEqual(orders.getRange(range).getDisplayValues());
    expect(b2.getRange("B2").getValue()).toBe("+8613800001111");
    expect(b2.getRange("B4").getValue()).toBe('=IMPORTXML("http://x","//a")');
    expect(b2.getRange("F2").getFormula()).toBe('=IMPORTXML("http://x","//a")');
    expect(b2.getRange("B999").getNumberFormat()).toBe("@");
    expect(b2.getFrozenRows()).toBe(1);
    expect(b2.getColumnWidth(1)).toBe(210);
    expect(b2.getMaxRows()).toBe(orders.getMaxRows());
    expect(b2.getSheetId()).toBe(orders.getSheetId());
    expect(back.getSheetByName("Log")!.getRange("A1:B1").getValues()).toEqual([["when", "what"]]);
    expect(back.getSpreadsheetTimeZone()).toBe("Asia/Shanghai");
  });

  it("keeps list validations (also as real Excel validations), editors and protections", async () => {
    const { app, ss } = world();
    const sheet = ss.getSheets()[0];
    const rule = app.newDataValidation().requireValueInList(["Lead", "Won"], true).setAllowInvalid(false).build();
    sheet.getRange("C2:C50").setDataValidation(rule);
    sheet.getRange("D2").setDataValidation(app.newDataValidation().requireDate().build());
    ss.addEditor("colleague@example.com");
    ss.addViewer("viewer@example.com");
    const p = sheet.getRange("A1:F1").protect().setDescription("Header");
    p.removeEditors(p.getEditors());
    p.addEditor("boss@example.com");

    const path = join(dir, "sharing.xlsx");
    await saveWorkbookXlsx(ss, path);

    const raw = new ExcelJS.Workbook();
    await raw.xlsx.readFile(path);
    expect(raw.getWorksheet("Sheet1")!.getCell("C10").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Lead,Won"'],
    });

    const back = await loadWorkbookXlsx(app, path, { name: "Copy", owner: "owner@example.com" });
    const s2 = back.getSheets()[0];
    expect(s2.getRange("C50").getDataValidation()?.getCriteriaValues()[0]).toEqual(["Lead", "Won"]);
    expect(s2.getRange("C51").getDataValidation()).toBeNull();
    expect(String(s2.getRange("D2").getDataValidation()?.getCriteriaType())).toBe("DATE_IS_VALID_DATE");
    expect(() => s2.getRange("C3").setValue("Maybe")).toThrow("violates the data validation rules");
    expect(back.getEditors().map((u) => u.getEmail())).toEqual(["owner@example.com", "colleague@example.com"]);
    expect(back.getViewers().map((u) => u.getEmail())).toContain("viewer@example.com");
    const [prot] = s2.getProtections(app.ProtectionType.RANGE);
    expect(prot.getDescription()).toBe("Header");
    expect(prot.getRange().getA1Notation()).toBe("A1:F1");
    expect(prot.getEditors().map((u) => u.getEmail())).toEqual(["owner@example.com", "boss@example.com"]);
  });

  it("loads a plain .xlsx written by someone else", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Imported", { views: [{ state: "frozen", ySplit: 2 }] });
    ws.getCell("A1").value = "text";
    ws.getCell("B1").value = 12;
    ws.getCell("C1").value = { formula: "B1*2" } as ExcelJS.CellFormulaValue;
    ws.getCell("D1").value = { richText: [{ text: "ri" }, { text: "ch" }] };
    const path = join(dir, "foreign.xlsx");
    await wb.xlsx.writeFile(path);
    const { app } = world();
    const ss = await loadWorkbookXlsx(app, path, { name: "Imported", owner: "owner@example.com" });
    const s = ss.getSheets()[0];
    expect(s.getRange("A1:D1").getValues()).toEqual([["text", 12, "", "rich"]]);
    expect(s.getRange("C1").getFormula()).toBe("=B1*2");
    expect(s.getFrozenRows()).toBe(2);
    expect(s.getMaxRows()).toBe(1000);
  });
});
