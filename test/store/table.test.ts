import { beforeEach, describe, expect, it } from "vitest";
import { dateTextParser } from "../../src/app/config";
import { setupWorkbook } from "../../src/features/setup/setup";
import { MAX_CELL_CHARS } from "../../src/store/cells";
import { type Buyer, Buyers } from "../../src/store/schemas";
import { emptyRecord, readTable, TableWriter } from "../../src/store/table";
import { installGas, type TestWorld } from "../support/gas";

const NOW = new Date("2026-11-23T01:00:00Z");
const parse = { parseDateText: dateTextParser("Asia/Shanghai") };

function buyer(id: string, over: Partial<Buyer> = {}): Buyer {
  return { ...emptyRecord(Buyers), id, company: `Company ${id}`, email: `${id.toLowerCase()}@example.com`, ...over };
}

describe("sheet store", () => {
  let w: TestWorld;
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  beforeEach(() => {
    w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
    sheet = w.book.getSheetByName(Buyers.name)!;
  });

  function seed(ids: string[]) {
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    for (const id of ids) writer.append(buyer(id));
    writer.commit();
  }

  it("maps columns by header, not position: reordered columns and Chinese headers read the same", () => {
    seed(["B-000001"]);
    // A person moves Company to the front and renames E-mail to its Chinese header.
    const companyCol = Buyers.columns.findIndex((c) => c.key === "company") + 1;
    const emailCol = Buyers.columns.findIndex((c) => c.key === "email") + 1;
    const values = sheet.getDataRange().getValues();
    const reordered = values.map((row) => [row[companyCol - 1], ...row.filter((_, i) => i !== companyCol - 1)]);
    reordered[0][emailCol - 1 + (emailCol < companyCol ? 1 : 0)] = "邮箱";
    sheet.getRange(1, 1, reordered.length, reordered[0].length).setValues(reordered);
    const table = readTable(sheet, Buyers, parse);
    expect(table.headers.missing).toEqual([]);
    expect(table.rows[0].record.company).toBe("Company B-000001");
    expect(table.rows[0].record.email).toBe("b-000001@example.com");
  });

  it("keeps a person's own columns untouched when rows are updated and appended", () => {
    seed(["B-000001", "B-000002"]);
    const extra = Buyers.columns.length + 1;
    sheet.insertColumnAfter(Buyers.columns.length);
    sheet.getRange(1, extra).setValue("My column");
    sheet.getRange(2, extra, 2, 1).setValues([["mine 1"], ["mine 2"]]);
    const table = readTable(sheet, Buyers, parse);
    expect(table.headers.extra).toEqual(["My column"]);
    const writer = new TableWriter(table);
    writer.update("B-000002", { notes: "called" });
    writer.append(buyer("B-000003"));
    writer.commit();
    expect(sheet.getRange(2, extra, 3, 1).getValues()).toEqual([["mine 1"], ["mine 2"], [""]]);
  });

  it("writes back by ID even when a person sorted the rows between the read and the write", () => {
    seed(["B-000001", "B-000002", "B-000003"]);
    const table = readTable(sheet, Buyers, parse);
    const writer = new TableWriter(table);
    writer.update("B-000001", { notes: "first" });
    writer.update("B-000003", { notes: "third" });
    // Sort descending by ID: B-000003 is now row 2, B-000001 row 4.
    sheet.getRange(2, 1, 3, sheet.getLastColumn()).sort({ column: 1, ascending: false });
    const report = writer.commit();
    expect(report.updated).toBe(2);
    const after = readTable(sheet, Buyers, parse);
    expect(after.byId.get("B-000001")!.record.notes).toBe("first");
    expect(after.byId.get("B-000003")!.record.notes).toBe("third");
    expect(after.byId.get("B-000002")!.record.notes).toBe("");
    expect(after.byId.get("B-000003")!.row).toBe(2);
  });

  it("writes outside text literally: never a formula, phone numbers keep + and leading zeros", () => {
    const hostile = '=IMPORTXML("http://x","//a")';
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.append(buyer("B-000001", { company: hostile, phone: "+8613800001111", notes: "00123" }));
    writer.commit();
    const w2 = new TableWriter(readTable(sheet, Buyers, parse));
    w2.update("B-000001", { name: "=1+1", website: "-5", products: "TRUE" });
    w2.commit();
    const formulas = sheet.getDataRange().getFormulas().flat();
    expect(formulas.every((f) => f === "")).toBe(true);
    const r = readTable(sheet, Buyers, parse).byId.get("B-000001")!.record;
    expect(r.company).toBe(hostile);
    expect(r.phone).toBe("+8613800001111");
    expect(r.notes).toBe("00123");
    expect(r.name).toBe("=1+1");
    expect(r.website).toBe("-5");
    expect(r.products).toBe("TRUE");
  });

  it("writes month-first text literally where Sheets would read a date (a row whose text format was cleared)", () => {
    seed(["B-000001"]);
    // A person pasted over the row and its plain-text format is gone: the write must set it, or Sheets parses.
    sheet.getRange(2, 1, 1, sheet.getMaxColumns()).setNumberFormat("General");
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update("B-000001", { notes: "Jan 5", city: "March 3, 2026", products: "May 2026" });
    writer.commit();
    const r = readTable(sheet, Buyers, parse).byId.get("B-000001")!.record;
    expect(r.notes).toBe("Jan 5");
    expect(r.city).toBe("March 3, 2026");
    expect(r.products).toBe("May 2026");
  });

  it("normalizes unambiguous typing and reports the rest with sheet, row, column and value, never overwriting it", () => {
    seed(["B-000001", "B-000002"]);
    const gradeCol = Buyers.columns.findIndex((c) => c.key === "grade") + 1;
    const lastContactCol = Buyers.columns.findIndex((c) => c.key === "lastContact") + 1;
    sheet.getRange(2, gradeCol).setValue("a ");
    sheet.getRange(3, gradeCol).setValue("maybe");
    sheet.getRange(3, lastContactCol).setValue("next week");
    const table = readTable(sheet, Buyers, parse);
    expect(table.byId.get("B-000001")!.record.grade).toBe("A");
    expect(table.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: "Buyers", row: 3, column: "Grade", value: "maybe" }),
        expect.objectContaining({ sheet: "Buyers", row: 3, column: "Last contact", value: "next week" }),
      ]),
    );
    const writer = new TableWriter(table);
    writer.update("B-000002", { notes: "n" });
    writer.commit();
    expect(sheet.getRange(3, gradeCol).getValue()).toBe("maybe");
    expect(sheet.getRange(3, lastContactCol).getValue()).toBe("next week");
  });

  it("reports a change to a row a person deleted instead of dropping it silently", () => {
    seed(["B-000001", "B-000002"]);
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update("B-000002", { notes: "lost?" });
    sheet.deleteRow(3);
    const report = writer.commit();
    expect(report.updated).toBe(0);
    expect(report.unwritten).toEqual([expect.objectContaining({ id: "B-000002" })]);
  });

  it("cuts text over the 50,000-character cell limit with a visible marker instead of failing the write", () => {
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.append(buyer("B-000001", { notes: "x".repeat(60_000) }));
    writer.commit();
    const notes = readTable(sheet, Buyers, parse).byId.get("B-000001")!.record.notes;
    expect(notes.length).toBe(MAX_CELL_CHARS);
    expect(notes.endsWith("[cut]")).toBe(true);
  });

  it("batches: 300 scattered updates and 100 appends cost a handful of reads; writes only the changed cells", () => {
    seed(Array.from({ length: 1000 }, (_, i) => `B-${String(i + 1).padStart(6, "0")}`));
    const table = readTable(sheet, Buyers, parse);
    w.env.ctx.meter.reset();
    const writer = new TableWriter(table);
    for (let i = 0; i < 300; i += 1) writer.update(table.rows[(i * 37) % 1000].record.id, { grade: "B" });
    for (let i = 300; i < 320; i += 1) writer.update(table.rows[i].record.id, { grade: "C" }); // one run of 20 rows
    for (let i = 0; i < 100; i += 1) writer.append(buyer(`B-${String(2000 + i).padStart(6, "0")}`));
    writer.commit();
    const m = w.env.ctx.meter;
    // Updates and appends in one batch: one read just before (every block and the rows under the data, one
    // Sheets API call) and one after.
    expect(m.callsOf("Spreadsheet.read")).toBeLessThanOrEqual(2);
    // Every changed cell in one values.batchUpdate (the cells between scattered rows are never written), the
    // appended rows' formats before it; no write per run of cells any more.
    const scatteredRows = new Set(
      Array.from({ length: 300 }, (_, i) => (i * 37) % 1000).filter((r) => r < 300 || r >= 320),
    );
    expect(m.methodCalls("Sheets.Spreadsheets.Values.batchUpdate")).toBe(1);
    expect(m.methodCalls("Range.setValues")).toBe(0);
    expect(m.callsOf("Spreadsheet.write")).toBeLessThanOrEqual(2);
    const after = readTable(sheet, Buyers, parse);
    expect(after.rows.filter((r) => r.record.grade === "B").length).toBe(scatteredRows.size);
    expect(after.rows.filter((r) => r.record.grade === "C").length).toBe(20);
  });
});

describe("sheet store: counting", () => {
  it("a row changed in two columns far apart counts once, whichever write path runs", () => {
    const w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
    const sheet = w.book.getSheetByName(Buyers.name)!;
    const seedWriter = new TableWriter(readTable(sheet, Buyers, parse));
    for (let i = 1; i <= 300; i += 1) seedWriter.append(buyer(`B-${String(i).padStart(6, "0")}`));
    seedWriter.commit();
    const table = readTable(sheet, Buyers, parse);
    const writer = new TableWriter(table);
    for (let i = 0; i < 300; i += 7)
      writer.update(table.rows[i].record.id, { company: "Moved Co.", notes: "far column" });
    // A person sorts meanwhile, so rows must be found again by ID.
    sheet.getRange(2, 1, 300, sheet.getLastColumn()).sort({ column: 1, ascending: false });
    const report = writer.commit();
    expect(report.updated).toBe(Math.ceil(300 / 7));
  });
});
