/**
 * Emulator-only: metering, fault injection and speed. These pin how the emulator models Apps Script's
 * cost (one service call per method) rather than Apps Script behaviour itself.
 */
import { describe, expect, it } from "vitest";
import { EmulatedSpreadsheetApp, GasContext } from "../src/index";

function world() {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", "owner@example.com");
  const sheet = ss.getSheets()[0];
  return { ctx, app, ss, sheet };
}

describe("Spreadsheet metering", () => {
  // developers.google.com/apps-script/guides/support/best-practices (batch reads: one call per getValues)
  it("one getValues is one Spreadsheet.read call whose units are the cells read", () => {
    const { ctx, sheet } = world();
    const range = sheet.getRange(1, 1, 100, 10);
    ctx.meter.reset();
    range.getValues();
    expect(ctx.meter.callsOf("Spreadsheet.read")).toBe(1);
    expect(ctx.meter.methodCalls("Range.getValues")).toBe(1);
    expect(ctx.meter.summary().find((s) => s.type === "Spreadsheet.read")?.units).toBe(1000);
    sheet.getRange("A1").setValue("x");
    sheet.appendRow(["a", "b"]);
    sheet.insertRowsAfter(1, 1);
    expect(ctx.meter.callsOf("Spreadsheet.write")).toBe(2);
    expect(ctx.meter.callsOf("Spreadsheet.structure")).toBe(1);
  });

  it("setup inside meter.quietly() is not counted", () => {
    const { ctx, sheet } = world();
    ctx.meter.reset();
    ctx.meter.quietly(() =>
      sheet.getRange("A1:B2").setValues([
        ["a", "b"],
        ["c", "d"],
      ]),
    );
    expect(ctx.meter.totalCalls).toBe(0);
  });

  it("meter.failAt(1) makes the next call throw Apps Script's timeout naming the document, without writing", () => {
    const { ctx, ss, sheet } = world();
    const range = sheet.getRange("A1");
    const id = ss.getId();
    ctx.meter.failAt(1);
    expect(() => range.setValue("lost")).toThrow(
      `Service Spreadsheets timed out while accessing document with id ${id}.`,
    );
    expect(range.getValue()).toBe("");
    ctx.meter.failEvery("Sheet.appendRow", undefined, 1);
    expect(() => sheet.appendRow(["lost"])).toThrow("Service Spreadsheets timed out");
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe("Spreadsheet speed", () => {
  it("reads a 20,000 x 25 sheet and writes 500 scattered rows (wall time is printed, not asserted: the machines are noisy)", () => {
    const { ctx, sheet } = world();
    const rows = 20_000;
    const data = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: 25 }, (_, j) =>
        j === 0 ? `Customer ${i}` : j === 1 ? i : j === 2 ? new Date(1_700_000_000_000 + i) : `v${j}`,
      ),
    );
    ctx.meter.quietly(() => {
      sheet.insertRowsAfter(1000, rows - 1000);
      sheet.getRange(1, 1, rows, 25).setValues(data);
    });
    const range = sheet.getRange(1, 1, rows, 25);
    range.getValues(); // warm up
    let t = performance.now();
    const read = range.getValues();
    const readMs = performance.now() - t;
    expect(read[19_999][0]).toBe("Customer 19999");
    console.log(`20,000 x 25 read: ${readMs.toFixed(1)} ms`);

    t = performance.now();
    for (let k = 0; k < 500; k++) {
      const row = 1 + ((k * 7919) % rows);
      sheet.getRange(row, 1, 1, 25).setValues([data[(row + 1) % rows]]);
    }
    const writeMs = performance.now() - t;
    console.log(`500 scattered row writes: ${writeMs.toFixed(1)} ms`);
  });
});
