import { beforeEach, describe, expect, it } from "vitest";
import { dateTextParser } from "../../src/app/config";
import { setupWorkbook } from "../../src/features/setup/setup";
import { type Buyer, Buyers } from "../../src/store/schemas";
import { emptyRecord, readTable, TableWriter } from "../../src/store/table";
import { installGas, type TestWorld } from "../support/gas";

const NOW = new Date("2026-11-23T01:00:00Z");
const parse = { parseDateText: dateTextParser("Asia/Shanghai") };
const id = (n: number) => `B-${String(n).padStart(6, "0")}`;
const buyer = (n: number): Buyer => ({ ...emptyRecord(Buyers), id: id(n), company: `Company ${n}` });
const column = (key: string) => Buyers.columns.findIndex((c) => c.key === key) + 1;

describe("TableWriter: updates proven in place by the ID column of their own block read", () => {
  let w: TestWorld;
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  beforeEach(() => {
    w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
    sheet = w.book.getSheetByName(Buyers.name)!;
    w.env.ctx.meter.quietly(() => {
      const seed = new TableWriter(readTable(sheet, Buyers, parse));
      for (let n = 1; n <= 50; n += 1) seed.append(buyer(n));
      seed.commit();
    });
  });

  /** Sheets calls by method while `fn` runs (metadata included, local accessors left out). */
  function sheetsCalls(fn: () => void): Record<string, number> {
    const meter = w.env.ctx.meter;
    meter.reset();
    meter.keepLog = true;
    fn();
    meter.keepLog = false;
    const calls: Record<string, number> = {};
    for (const r of meter.log())
      if (r.type.startsWith("Spreadsheet.") && r.type !== "Spreadsheet.local")
        calls[r.method] = (calls[r.method] ?? 0) + 1;
    return calls;
  }

  const notesOf = () => {
    const t = readTable(sheet, Buyers, parse);
    return (n: number) => t.byId.get(id(n))?.record.notes;
  };

  it("rows where they were read: one read before (ID column taken along) and one after, one write for all changed cells, no last row", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update(id(10), { notes: "ten" });
    writer.update(id(12), { notes: "twelve" });
    const calls = sheetsCalls(() => expect(writer.commit().updated).toBe(2));
    // Only the changed cells are written: B-000011's notes between them are never rewritten.
    expect(calls).toEqual({ "Range.getValues": 2, "Sheets.Spreadsheets.Values.batchUpdate": 1 });
    const notes = notesOf();
    expect([notes(10), notes(11), notes(12)]).toEqual(["ten", "", "twelve"]);
  });

  it("without the Sheets advanced service the same checked writes go range by range through SpreadsheetApp", () => {
    const g = globalThis as { Sheets?: unknown };
    const api = g.Sheets;
    delete g.Sheets;
    try {
      const writer = new TableWriter(readTable(sheet, Buyers, parse));
      writer.update(id(10), { notes: "0086 ten" });
      writer.update(id(40), { notes: "forty" });
      writer.append(buyer(51));
      const calls = sheetsCalls(() => expect(writer.commit().updated).toBe(2));
      expect(calls["Sheets.Spreadsheets.Values.batchUpdate"]).toBeUndefined();
      expect(calls["Range.setValues"]).toBe(3);
      const t = readTable(sheet, Buyers, parse);
      expect([t.byId.get(id(10))!.record.notes, t.byId.get(id(40))!.record.notes]).toEqual(["0086 ten", "forty"]);
      expect(t.byId.has(id(51))).toBe(true);
    } finally {
      g.Sheets = api;
    }
  });

  it("a row a person inserted above since the read: the IDs no longer match, rows are found by ID, nothing lands one row off", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update(id(10), { notes: "ten" });
    w.env.ctx.meter.quietly(() => {
      sheet.insertRowBefore(5);
      sheet.getRange(5, 1, 1, 2).setValues([["B-900000", "Typed by hand"]]);
    });
    const calls = sheetsCalls(() => expect(writer.commit().unwritten).toEqual([]));
    expect(calls["Sheet.getLastRow"]).toBe(1);
    const t = readTable(sheet, Buyers, parse);
    expect(t.byId.get(id(10))!.record.notes).toBe("ten");
    expect(t.byId.get(id(9))!.record.notes).toBe("");
    expect(t.byId.get("B-900000")!.record.notes).toBe("");
  });

  it("a person deleted rows so the read rows lie past the sheet's edge: found by ID, the lost one reported", () => {
    const table = readTable(sheet, Buyers, parse);
    const writer = new TableWriter(table);
    writer.update(id(49), { notes: "forty-nine" });
    writer.update(id(50), { notes: "fifty" });
    // Delete every row from 3 down to the sheet's end, then put back B-000049 only: the read rows are gone.
    w.env.ctx.meter.quietly(() => {
      const last = sheet.getMaxRows();
      const keep = sheet.getRange(50, 1, 1, Buyers.columns.length).getValues();
      sheet.deleteRows(3, last - 2);
      sheet.insertRowsAfter(2, 1);
      sheet.getRange(3, 1, 1, Buyers.columns.length).setValues(keep);
    });
    const report = writer.commit();
    expect(report.unwritten).toEqual([expect.objectContaining({ id: id(50) })]);
    expect(notesOf()(49)).toBe("forty-nine");
  });

  it("a person's edit elsewhere in the block (another row, another column) survives the write", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update(id(10), { notes: "ten" });
    writer.update(id(14), { notes: "fourteen" });
    w.env.ctx.meter.quietly(() => {
      sheet.getRange(12, column("notes")).setValue("typed meanwhile"); // B-000011, between the two
      sheet.getRange(11, column("phone")).setValue("+86 1380000"); // B-000010, another column
    });
    writer.commit();
    const t = readTable(sheet, Buyers, parse);
    expect(t.byId.get(id(11))!.record.notes).toBe("typed meanwhile");
    expect(t.byId.get(id(10))!.record).toMatchObject({ notes: "ten", phone: "+86 1380000" });
  });

  it("R34: a protected cell inside a run of changed cells refuses only itself: its neighbours are written, it is reported", () => {
    const SALES = "ann@acme-tools.cn";
    w.env.ctx.meter.quietly(() => {
      w.book.addEditor(SALES);
      const p = sheet.getRange(2, column("owner"), 50, 1).protect();
      p.removeEditors(
        p
          .getEditors()
          .map((u) => u.getEmail())
          .filter((e) => e !== w.owner),
      );
    });
    const report = w.env.ctx.runAs(SALES, () => {
      const writer = new TableWriter(readTable(sheet, Buyers, parse));
      // Grade, owner and status are adjacent: one run, refused as a whole by the owner cell's protection.
      writer.update(id(3), { grade: "A", owner: SALES, status: "active" });
      return writer.commit();
    });
    expect(report.unwritten).toEqual([{ id: id(3), reason: "owner is protected (boss and assistant)" }]);
    const row = w.env.ctx.meter.quietly(() => readTable(sheet, Buyers, parse).byId.get(id(3))!.record);
    expect(row).toMatchObject({ grade: "A", owner: "", status: "active" });
  });

  it("a failing block read fails the commit (never taken for a moved row and retried by ID)", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update(id(10), { notes: "ten" });
    w.env.ctx.meter.failEvery("Range.getValues", undefined, 1);
    expect(() => writer.commit()).toThrow(/timed out/);
    w.env.ctx.meter.clearFaults();
    expect(notesOf()(10)).toBe("");
  });

  it("insertAfterLastRow: appends take new rows right under the data, checked before and after, and keep its dropdowns", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse), { insertAfterLastRow: true });
    for (let n = 51; n <= 53; n += 1) writer.append(buyer(n));
    const maxRows = sheet.getMaxRows();
    const calls = sheetsCalls(() => expect(writer.commit().appended).toBe(3));
    expect(calls).toEqual({
      "Sheet.getLastRow": 1,
      "Sheet.insertRowsAfter": 1,
      "Sheet.getMaxRows": 1,
      "Range.getValues": 2,
      // The new rows took the look of the row above; nothing Sheets would misread, so no format is set.
      "Sheets.Spreadsheets.Values.batchUpdate": 1,
    });
    expect(sheet.getMaxRows()).toBe(maxRows + 3);
    const t = readTable(sheet, Buyers, parse);
    expect(t.byId.get(id(53))!.row).toBe(54);
    const grade = column("grade");
    expect(sheet.getRange(54, grade).getDataValidation()).not.toBeNull();
  });

  it("insertAfterLastRow: outside text Sheets would misread (a formula, a phone's +, leading zeros, a date-like word) lands as the very text, dates as dates, in one write", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse), { insertAfterLastRow: true });
    const when = new Date(Date.UTC(2026, 10, 26, 3, 4, 5));
    const texts = ['=HYPERLINK("http://x")', "+86 755 1234 5678", "007", "March 3"];
    texts.forEach((text, i) => {
      writer.append({ ...buyer(61 + i), company: text, phone: text, lastContact: when } as Buyer);
    });
    const calls = sheetsCalls(() => expect(writer.commit().appended).toBe(4));
    expect(calls["Sheets.Spreadsheets.Values.batchUpdate"]).toBe(1);
    // Only the misreadable cells get plain text first (one RangeList), flushed before the API write.
    expect(calls["RangeList.setNumberFormat"]).toBe(1);
    expect(calls["SpreadsheetApp.flush"]).toBe(1);
    const t = readTable(sheet, Buyers, parse);
    texts.forEach((text, i) => {
      const row = t.byId.get(id(61 + i))!;
      expect(row.record.company).toBe(text);
      expect(row.record.phone).toBe(text);
      expect(row.record.lastContact).toEqual(when);
      expect(sheet.getRange(row.row, column("company")).getFormula()).toBe("");
    });
  });

  it("insertAfterLastRow: a row a person typed under the data after the read is never overwritten", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse), { insertAfterLastRow: true });
    writer.append(buyer(51));
    w.env.ctx.meter.quietly(() => sheet.getRange(52, 1, 1, 2).setValues([["B-900000", "Typed by hand"]]));
    writer.commit();
    const t = readTable(sheet, Buyers, parse);
    expect(t.byId.get("B-900000")!.record.company).toBe("Typed by hand");
    expect(t.byId.get(id(51))!.record.company).toBe("Company 51");
  });

  it("insertAfterLastRow on a table with only its header: the prepared rows are used, never rows copied from the header", () => {
    w.env.ctx.meter.quietly(() => sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).clearContent());
    const writer = new TableWriter(readTable(sheet, Buyers, parse), { insertAfterLastRow: true });
    writer.append(buyer(1));
    const maxRows = sheet.getMaxRows();
    const calls = sheetsCalls(() => writer.commit());
    expect(calls["Sheet.insertRowsAfter"]).toBeUndefined();
    expect(sheet.getMaxRows()).toBe(maxRows);
    expect(readTable(sheet, Buyers, parse).byId.get(id(1))!.row).toBe(2);
  });
});
