import { beforeEach, describe, expect, it } from "vitest";
import { dateTextParser } from "../../src/app/config";
import { setupWorkbook } from "../../src/features/setup/setup";
import { type Buyer, Buyers, Inquiries } from "../../src/store/schemas";
import { emptyRecord, readTable, readTableColumns, TableWriter } from "../../src/store/table";
import { installGas, type TestWorld } from "../support/gas";

const NOW = new Date("2026-11-23T01:00:00Z");
const parse = { parseDateText: dateTextParser("Asia/Shanghai") };
const column = (key: string) => Inquiries.columns.findIndex((c) => c.key === key);

function inquiryLine(i: number): unknown[] {
  const values: Record<string, unknown> = {
    id: `I-${String(i).padStart(6, "0")}`,
    receivedAt: new Date(NOW.getTime() - i * 60_000),
    subject: `Subject ${i}`,
    owner: "ann@acme-tools.cn",
    status: i % 2 === 0 ? "new" : "replied",
    gmailThreadId: `t${i}`,
    rfcMessageId: `m${i}@x.example`,
  };
  return Inquiries.columns.map((c) => values[c.key] ?? (c.kind === "bool" ? false : ""));
}

describe("readTableColumns: only the columns a job needs, reads planned by the cost table", () => {
  let w: TestWorld;
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  beforeEach(() => {
    w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
    sheet = w.book.getSheetByName(Inquiries.name)!;
  });

  function seed(count: number) {
    w.env.ctx.meter.quietly(() => {
      if (sheet.getMaxRows() < count + 1) sheet.insertRowsAfter(sheet.getMaxRows(), count + 1 - sheet.getMaxRows());
      const lines = Array.from({ length: count }, (_, i) => inquiryLine(i + 1));
      sheet.getRange(2, 1, count, Inquiries.columns.length).setValues(lines);
    });
  }

  /** getValues calls and cells read while `fn` runs. */
  function reads<T>(fn: () => T): { value: T; calls: number; cells: number } {
    const meter = w.env.ctx.meter;
    meter.reset();
    const value = fn();
    const row = meter.summary().find((r) => r.type === "Spreadsheet.read");
    return { value, calls: row?.calls ?? 0, cells: row?.units ?? 0 };
  }

  it("a small sheet is read whole in one call: the same table as readTable", () => {
    seed(20);
    const { value, calls } = reads(() => readTableColumns(sheet, Inquiries, ["id", "gmailThreadId"], parse));
    expect(calls).toBe(1);
    expect(value.rows.map((r) => r.record)).toEqual(readTable(sheet, Inquiries, parse).rows.map((r) => r.record));
  });

  it("a big sheet: the header, then each far-apart run of needed columns; other fields read as empty", () => {
    seed(3000);
    const keys = ["id", "receivedAt", "status", "gmailThreadId", "rfcMessageId"] as const;
    const { value, calls, cells } = reads(() => readTableColumns(sheet, Inquiries, keys, parse));
    // Runs: id+receivedAt, status, gmailThreadId+rfcMessageId (neighbours share a read).
    expect(calls).toBe(1 + 3);
    expect(cells).toBe(Inquiries.columns.length + 3000 * 5);
    expect(value.rows).toHaveLength(3000);
    const second = value.byId.get("I-000002")!.record;
    expect(second).toMatchObject({ id: "I-000002", status: "new", gmailThreadId: "t2", rfcMessageId: "m2@x.example" });
    expect(second.receivedAt?.getTime()).toBe(NOW.getTime() - 2 * 60_000);
    expect(second.subject).toBe("");
    expect(value.lastRow).toBe(3001);
  });

  it("columns a few apart share one read when the cells between cost less than a call", () => {
    seed(700);
    // owner and status with assignedTo between: 700 cells cost less than one more round trip.
    expect(column("status") - column("owner")).toBe(2);
    const { calls, cells } = reads(() => readTableColumns(sheet, Inquiries, ["owner", "status"], parse));
    expect(calls).toBe(2);
    expect(cells).toBe(Inquiries.columns.length + 700 * 3);
  });

  it("maxColumnReads: the narrowest gap is read along until the runs fit, the same records either way", () => {
    seed(3000);
    const keys = ["id", "receivedAt", "status", "gmailThreadId", "rfcMessageId"] as const;
    const free = readTableColumns(sheet, Inquiries, keys, parse);
    const { value, calls, cells } = reads(() => readTableColumns(sheet, Inquiries, keys, parse, { maxColumnReads: 2 }));
    // status..gmailThreadId is the narrower gap (status is nearer the thread IDs than the received time).
    const gap = column("gmailThreadId") - column("status") - 1;
    expect(gap).toBeLessThan(column("status") - column("receivedAt") - 1);
    expect(calls).toBe(1 + 2);
    expect(cells).toBe(Inquiries.columns.length + 3000 * (5 + gap));
    expect(value.rows.map((r) => r.record)).toEqual(free.rows.map((r) => r.record));
    // One run from the first column to the last is the whole sheet: read whole instead (a header call at most).
    expect(
      reads(() => readTableColumns(sheet, Inquiries, keys, parse, { maxColumnReads: 1 })).calls,
    ).toBeLessThanOrEqual(2);
  });

  it("finds columns by header after a person moved them, and reports duplicate IDs as readTable does", () => {
    seed(3000);
    // Swap Subject and Status (header and values), and repeat an ID.
    const subject = column("subject") + 1;
    const status = column("status") + 1;
    const left = sheet.getRange(1, subject, 3001, 1).getValues();
    const right = sheet.getRange(1, status, 3001, 1).getValues();
    sheet.getRange(1, subject, 3001, 1).setValues(right);
    sheet.getRange(1, status, 3001, 1).setValues(left);
    sheet.getRange(5, 1).setValue("I-000001");
    const table = readTableColumns(sheet, Inquiries, ["id", "status"], parse);
    expect(table.byId.get("I-000002")!.record.status).toBe("new");
    expect(table.byId.get("I-000003")!.record.status).toBe("replied");
    expect(table.issues).toEqual([expect.objectContaining({ row: 5, value: "I-000001", problem: "duplicate ID" })]);
  });

  it("writes through a column table touch only the fields set; appends fill every column", () => {
    seed(3000);
    const table = readTableColumns(sheet, Inquiries, ["id", "status"], parse);
    const writer = new TableWriter(table);
    writer.update("I-000004", { status: "replied" });
    writer.append({ ...emptyRecord(Inquiries), id: "I-009999", subject: "appended", status: "new" });
    writer.commit();
    const after = readTable(sheet, Inquiries, parse);
    expect(after.byId.get("I-000004")!.record).toMatchObject({
      status: "replied",
      subject: "Subject 4",
      gmailThreadId: "t4",
    });
    expect(after.byId.get("I-009999")!.record).toMatchObject({ subject: "appended", status: "new" });
    expect(after.byId.get("I-009999")!.row).toBe(3002);
  });

  it("a sheet with only its header reads as an empty table", () => {
    expect(readTableColumns(sheet, Inquiries, ["id"], parse).rows).toEqual([]);
  });
});

describe("TableWriter metadata calls", () => {
  it("one commit with updates and appends asks for the last row once and the sheet size once", () => {
    const w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
    const sheet = w.book.getSheetByName(Buyers.name)!;
    const buyer = (id: string): Buyer => ({ ...emptyRecord(Buyers), id, company: `Company ${id}` });
    const seed = new TableWriter(readTable(sheet, Buyers, parse));
    for (let i = 1; i <= 3; i += 1) seed.append(buyer(`B-00000${i}`));
    seed.commit();
    const writer = new TableWriter(readTable(sheet, Buyers, parse));
    writer.update("B-000002", { notes: "called" });
    const appended = sheet.getMaxRows() + 5; // more than fit: the sheet must grow
    for (let i = 0; i < appended; i += 1) writer.append(buyer(`B-1${String(i).padStart(5, "0")}`));
    const meter = w.env.ctx.meter;
    meter.reset();
    writer.commit();
    expect(meter.methodCalls("Sheet.getLastRow")).toBe(1);
    expect(meter.methodCalls("Sheet.getMaxRows")).toBe(1);
    expect(meter.methodCalls("Sheet.insertRowsAfter")).toBe(1);
    const after = readTable(sheet, Buyers, parse);
    expect(after.rows).toHaveLength(3 + appended);
    expect(after.byId.get("B-000002")!.record.notes).toBe("called");
    expect(after.rows[after.rows.length - 1].record.id).toBe(`B-1${String(appended - 1).padStart(5, "0")}`);
  });
});
