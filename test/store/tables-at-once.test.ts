/**
 * A job's tables in one call of the Sheets API (src/store/tables-at-once.ts): the same tables the usual reads
 * give — dates, blanks, a person's own columns, typed text — in one round trip, and the usual reads again when a
 * person moved a column or a sheet is not there.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { dateTextParser } from "../../src/app/config";
import { INQUIRY_INDEX_KEYS } from "../../src/features/intake/load";
import { setupWorkbook } from "../../src/features/setup/setup";
import type { SheetSpec } from "../../src/store/columns";
import { Buyers, Inquiries } from "../../src/store/schemas";
import { readTable, readTableColumns, type Table } from "../../src/store/table";
import { readTablesAtOnce } from "../../src/store/tables-at-once";
import { installGas, type TestWorld } from "../support/gas";
import { buyerRow, inquiryRow } from "../support/world";

const NOW = new Date("2026-11-23T01:00:00Z");
const parse = { parseDateText: dateTextParser("Asia/Shanghai") };
const HOUR = 3_600_000;

/** The rows as read, in the fields asked for (a small sheet read the usual way is read whole). */
function rowsOf(table: Table<SheetSpec>, keys?: readonly string[]) {
  const pick = (record: Record<string, unknown>) =>
    keys ? Object.fromEntries(keys.map((k) => [k, record[k]])) : record;
  return table.rows.map((r) => ({ row: r.row, record: pick(r.record as Record<string, unknown>), bad: [...r.bad] }));
}

describe("tables read at once", () => {
  let w: TestWorld;
  let buyers: GoogleAppsScript.Spreadsheet.Sheet;
  let inquiries: GoogleAppsScript.Spreadsheet.Sheet;
  beforeEach(() => {
    w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
    buyers = w.book.getSheetByName(Buyers.name)!;
    inquiries = w.book.getSheetByName(Inquiries.name)!;
    const people = [
      buyerRow({
        id: "B-000001",
        company: "Al Noor Building Materials LLC",
        email: "sales@alnoor.ae",
        owner: "alice@acme-tools.cn",
      }),
      buyerRow({ id: "B-000002", company: "ООО Стройопт", email: "zakaz@stroy-opt.ru", phone: "+7 495 123 45 67" }),
      buyerRow({ id: "B-000003", company: "陈氏五金有限公司", name: "陈大文", email: "dmchan@163.com" }),
    ];
    const asked = [0, 1, 2, 3].map((i) =>
      inquiryRow({
        id: `I-00000${i + 1}`,
        buyerId: people[i % 3].id,
        subject: ["Door locks inquiry", "Запрос цены", "询价：门锁", "Re: Door locks inquiry"][i],
        receivedAt: new Date(NOW.getTime() - (10 - i) * HOUR),
        status: i === 1 ? "replied" : "new",
        repliedAt: i === 1 ? new Date(NOW.getTime() - 2 * HOUR) : null,
      }),
    );
    w.env.ctx.meter.quietly(() => {
      const line = (spec: SheetSpec, record: Record<string, unknown>) =>
        spec.columns.map((c) => (record[c.key] === undefined || record[c.key] === null ? "" : record[c.key]));
      buyers.getRange(2, 1, people.length, Buyers.columns.length).setValues(people.map((p) => line(Buyers, p)));
      inquiries.getRange(2, 1, asked.length, Inquiries.columns.length).setValues(asked.map((a) => line(Inquiries, a)));
      // A blank row inside the data and a person's own note right of the table.
      inquiries.insertRowAfter(3);
      buyers.insertColumnAfter(buyers.getMaxColumns());
      buyers.getRange(3, buyers.getMaxColumns()).setValue("call after Ramadan");
    });
  });

  const zone = () => w.book.getSpreadsheetTimeZone();

  it("C2: Buyers whole and Inquiries' index columns in ONE call, the same tables as read the usual way", () => {
    w.env.ctx.meter.reset();
    const [b, i] = readTablesAtOnce(
      w.book,
      [
        { sheet: buyers, spec: Buyers },
        { sheet: inquiries, spec: Inquiries, keys: INQUIRY_INDEX_KEYS },
      ],
      parse,
      zone,
    );
    expect(w.env.ctx.meter.callsOf("Spreadsheet.read")).toBe(1);
    expect(w.env.ctx.meter.methodCalls("Sheet.getDataRange")).toBe(0);
    expect(rowsOf(b)).toEqual(rowsOf(readTable(buyers, Buyers, parse)));
    expect(rowsOf(i, INQUIRY_INDEX_KEYS)).toEqual(
      rowsOf(readTableColumns(inquiries, Inquiries, INQUIRY_INDEX_KEYS, parse), INQUIRY_INDEX_KEYS),
    );
    expect(i.rows.map((r) => r.record.receivedAt)).toEqual(
      [0, 1, 2, 3].map((k) => new Date(NOW.getTime() - (10 - k) * HOUR)),
    );
    expect(b.headers.extra).toEqual(readTable(buyers, Buyers, parse).headers.extra);
  });

  it("a column a person moved: that sheet is read again the usual way, and its table is still right", () => {
    w.env.ctx.meter.quietly(() => {
      // Status moved to the far right.
      const status = Inquiries.columns.findIndex((c) => c.key === "status") + 1;
      inquiries.insertColumnAfter(inquiries.getMaxColumns());
      const last = inquiries.getMaxColumns();
      const rows = inquiries.getLastRow();
      inquiries.getRange(1, last, rows, 1).setValues(inquiries.getRange(1, status, rows, 1).getValues());
      inquiries.deleteColumn(status);
    });
    w.env.ctx.meter.reset();
    const [i] = readTablesAtOnce(
      w.book,
      [{ sheet: inquiries, spec: Inquiries, keys: INQUIRY_INDEX_KEYS }],
      parse,
      zone,
    );
    expect(w.env.ctx.meter.methodCalls("Range.getValues")).toBeGreaterThan(0);
    expect(i.rows.map((r) => [r.record.id, r.record.status])).toEqual([
      ["I-000001", "new"],
      ["I-000002", "replied"],
      ["I-000003", "new"],
      ["I-000004", "new"],
    ]);
  });

  it("a sheet the API cannot find (renamed meanwhile): every table read the usual way, nothing lost", () => {
    const held = w.book.getSheetByName(Buyers.name)!;
    w.env.ctx.meter.reset();
    // The held sheet object still reads; its name in A1 notation no longer exists.
    const renamed = new Proxy(held, {
      get: (target, key) => {
        if (key === "getName") return () => "Buyers (old)";
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const [b] = readTablesAtOnce(w.book, [{ sheet: renamed, spec: Buyers }], parse, zone);
    expect(b.rows.map((r) => r.record.id)).toEqual(["B-000001", "B-000002", "B-000003"]);
  });
});
