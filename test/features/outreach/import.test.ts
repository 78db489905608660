import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCsv, readTableFile } from "../../../local/cli/commands/import";
import { ImportError, importFromSheet, importRows } from "../../../src/features/outreach/import";
import { loadTable } from "../../../src/store/load-table";
import { type Buyer, Buyers, Import, Log, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import type { TestWorld } from "../../support/gas";
import { type BookWorld, bookWorld } from "../../support/world";

const BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");
const FIXTURE = path.join(__dirname, "../../fixtures/import/trade-show-contacts.csv");

function seed(w: TestWorld, buyers: Partial<Buyer>[]): void {
  const writer = new TableWriter(loadTable(w.book, Buyers, "Asia/Shanghai"));
  buyers.forEach((b, i) => {
    writer.append({ ...emptyRecord(Buyers), id: `B-${String(i + 1).padStart(6, "0")}`, status: "active", ...b });
  });
  writer.commit();
  const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
  staff.append({ ...emptyRecord(Staff), email: LI, name: "Li Wei", role: "salesperson", status: "active" });
  staff.commit();
}

function book(w: TestWorld) {
  return loadTable(w.book, Buyers, "Asia/Shanghai");
}

const KNOWN: Partial<Buyer>[] = [
  { company: "Acme GmbH", name: "Ann", email: "ann@acme.de", country: "Germany", products: "LED panel", owner: BOSS },
  { company: "Delta LLC", name: "Bob", email: "bob@delta.com", country: "United States", owner: BOSS },
  { company: "Gamma Trading", name: "Omar", email: "omar@gamma.ae", country: "United Arab Emirates", owner: BOSS },
  { company: "Omega Ltd", name: "Eve Smith", email: "eve@omega.co.uk", country: "United Kingdom", owner: BOSS },
];

describe("bulk import (R21, R22)", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = bookWorld({ now: NOW });
    seed(w, KNOWN);
  });

  it("R21: a trade-show file with known duplicates: created 2, merged 3, needs a person 2, invalid 1", () => {
    const [header, ...rows] = parseCsv(readFileSync(FIXTURE, "utf8"));
    const report = importRows(w.book, BOSS, header, rows, NOW, { show: "Canton Fair 2025" });
    expect(report).toMatchObject({ total: 8, created: 2, merged: 3, needsPerson: 2, invalid: 1 });
    const byLine = Object.fromEntries(report.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ result: "merged", buyerId: "B-000001" });
    expect(byLine[3]).toMatchObject({ result: "needs-person", buyerId: "B-000002" });
    expect(byLine[3].detail).toContain('country: book "United States" | file "Canada"');
    expect(byLine[3].detail).toContain('name: book "Bob" | file "Carl"');
    expect(byLine[4]).toMatchObject({ result: "created", buyerId: "B-000005" });
    expect(byLine[5]).toMatchObject({ result: "merged", buyerId: "B-000005" });
    expect(byLine[6]).toMatchObject({ result: "needs-person", buyerId: "" });
    expect(byLine[6].detail).toContain("B-000004");
    expect(byLine[7]).toMatchObject({ result: "invalid" });
    expect(byLine[8]).toMatchObject({ result: "created", buyerId: "B-000006" });
    expect(byLine[9]).toMatchObject({ result: "merged", buyerId: "B-000003" });

    const after = book(w);
    expect(after.rows).toHaveLength(6);
    const logged = loadTable(w.book, Log, "Asia/Shanghai").rows.map((r) => r.record);
    expect(logged.filter((l) => l.action === "import")).toEqual([
      expect.objectContaining({
        user: BOSS,
        target: "Canton Fair 2025",
        detail: "8 rows: 2 created, 3 merged, 2 need a person, 1 invalid",
      }),
    ]);
    // Merges only filled empty fields and added products; nothing the book said was overwritten.
    expect(after.byId.get("B-000001")!.record).toMatchObject({
      city: "Hamburg",
      products: "LED panel; solar lamp",
      country: "Germany",
    });
    expect(after.byId.get("B-000002")!.record).toMatchObject({
      name: "Bob",
      country: "United States",
      city: "Toronto",
      otherEmails: "carl@delta.com",
    });
    expect(after.byId.get("B-000003")!.record).toMatchObject({ phone: "+971 4 555 0199", company: "Gamma Trading" });
    const nova = after.byId.get("B-000005")!.record;
    expect(nova).toMatchObject({
      company: "Nova Imports",
      email: "nina@nova.com.br",
      grade: "A",
      source: "trade-show",
      products: "LED panel; flood light",
      city: "São Paulo",
      region: "Latin America",
    });
    expect(nova.notes).toContain('wants "OEM" quote');
    expect(nova.notes).toContain("Trade show: Canton Fair 2025");
    expect(after.byId.get("B-000006")!.record).toMatchObject({ grade: "B", country: "Kenya", owner: LI });
    // A second run of the same file creates nothing new.
    const again = importRows(w.book, BOSS, header, rows, NOW, { show: "Canton Fair 2025" });
    expect(again.created).toBe(0);
    expect(book(w).rows).toHaveLength(6);
  });

  it("a dry run reports the same decisions and writes nothing", () => {
    const [header, ...rows] = parseCsv(readFileSync(FIXTURE, "utf8"));
    const report = importRows(w.book, BOSS, header, rows, NOW, { dryRun: true });
    expect(report).toMatchObject({ created: 2, merged: 3, needsPerson: 2, invalid: 1, dryRun: true });
    expect(book(w).rows).toHaveLength(4);
    expect(book(w).byId.get("B-000001")!.record.city).toBe("");
  });

  it("R21: the first import from the sheet makes the Import sheet (setup leaves it) and asks for rows to be pasted", () => {
    expect(w.book.getSheetByName(Import.name)).toBeNull();
    // In the book's language (Settings: language, zh-CN by default), like the sheets setup made.
    expect(() => importFromSheet(w.book, BOSS, NOW)).toThrow(/请把要导入的客户粘贴在表头下方/);
    const sheet = w.book.getSheetByName(Import.name)!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange(1, 1, 1, Import.columns.length).getValues()[0]).toEqual(Import.columns.map((c) => c.zh));
    expect(sheet.getRange(2, 4).getNumberFormat()).toBe("@"); // phone numbers keep their + and leading zeros
    expect(book(w).rows).toHaveLength(4);
    // Made once: the next run finds it and imports what is there (nothing yet).
    expect(importFromSheet(w.book, BOSS, NOW).total).toBe(0);
  });

  it("the Import sheet: rows pasted under the headers are imported once, with results written beside them", () => {
    expect(() => importFromSheet(w.book, BOSS, NOW)).toThrow(ImportError);
    const sheet = w.book.getSheetByName(Import.name)!;
    const header = sheet.getRange(1, 1, 1, Import.columns.length).getValues()[0];
    const col = (key: string) => Import.columns.findIndex((c) => c.key === key);
    const line = (values: Record<string, string>) => header.map((_, i) => values[Import.columns[i].key] ?? "");
    sheet
      .getRange(2, 1, 2, header.length)
      .setValues([
        line({ company: "Acme GmbH", email: "ann@acme.de", city: "Hamburg" }),
        line({ company: "Fresh Co", email: "joe@fresh.io", country: "India" }),
      ]);
    const first = importFromSheet(w.book, BOSS, NOW);
    expect(first).toMatchObject({ created: 1, merged: 1 });
    const values = sheet.getDataRange().getValues();
    expect(values[1][col("result")]).toBe("merged");
    expect(values[1][col("buyerId")]).toBe("B-000001");
    expect(values[2][col("result")]).toBe("created");
    expect(values[2][col("buyerId")]).toBe("B-000005");
    expect(importFromSheet(w.book, BOSS, NOW).total).toBe(0);
  });

  it("reads .xlsx (hyperlinked e-mail cells, numbers) like the CSV", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bb-import-"));
    const file = path.join(dir, "old.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Customers");
    ws.addRow(["客户名称", "邮箱", "电话", "国家"]);
    ws.addRow(["Kilo Trading", { text: "k@kilo.com", hyperlink: "mailto:k@kilo.com" }, 4930123456, "DE"]);
    await wb.xlsx.writeFile(file);
    const [header, ...rows] = await readTableFile(file);
    expect(rows).toEqual([["Kilo Trading", "k@kilo.com", "4930123456", "DE"]]);
    const report = importRows(w.book, BOSS, header, rows, NOW);
    expect(report.created).toBe(1);
    expect(book(w).byId.get("B-000005")!.record).toMatchObject({
      email: "k@kilo.com",
      country: "Germany",
      source: "import",
    });
  });

  it("refuses a file with no recognisable columns", () => {
    expect(() => importRows(w.book, BOSS, ["foo", "bar"], [["1", "2"]], NOW)).toThrow(/No column was recognised/);
  });
});

describe("CSV reading", () => {
  it("handles quotes, doubled quotes, embedded newlines, a BOM and semicolons", () => {
    expect(parseCsv('\uFEFFa;b\n"x;1";"he said ""hi""\nbye"\n')).toEqual([
      ["a", "b"],
      ["x;1", 'he said "hi"\nbye'],
    ]);
  });
});
