import { beforeEach, describe, expect, it } from "vitest";
import { CELL_LIMIT, MONTH_MS } from "../../../src/domain/capacity";
import { DASHBOARD_SHEET, refreshDashboard } from "../../../src/features/outreach/dashboard";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { Buyers, FollowUps, Inquiries, Log } from "../../../src/store/schemas";
import { installGas, type TestWorld } from "../../support/gas";

const BOSS = "boss@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** `count` rows spread evenly over the last `months` months, with `date` in the column of `key`. */
function fill(sheet: Sheet, columns: readonly { key: string }[], key: string, count: number, months: number) {
  if (sheet.getMaxRows() < count + 1) sheet.insertRowsAfter(sheet.getMaxRows(), count + 1 - sheet.getMaxRows());
  const rows = Array.from({ length: count }, (_, i) =>
    columns.map((c, j) =>
      c.key === key ? new Date(NOW.getTime() - ((i + 0.5) * months * MONTH_MS) / count) : j === 0 ? `X-${i}` : "x",
    ),
  );
  sheet.getRange(2, 1, count, columns.length).setValues(rows);
}

describe("Dashboard capacity figure (cells used, growth per month, months left)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas({ now: NOW.toISOString() });
    setupWorkbook(w.book, BOSS, "en", NOW);
  });

  it("counts every sheet's grid and the growth from the rows' own dates, and says when the book fills", () => {
    w.env.ctx.meter.quietly(() => {
      fill(w.book.getSheetByName(Buyers.name)!, Buyers.columns, "created", 600, 6); // 100 a month
      fill(w.book.getSheetByName(Inquiries.name)!, Inquiries.columns, "receivedAt", 2400, 24); // 100 a month
      fill(w.book.getSheetByName(FollowUps.name)!, FollowUps.columns, "at", 1200, 12); // 100 a month
      fill(w.book.getSheetByName(Log.name)!, Log.columns, "at", 3000, 10); // 300 a month
    });
    // Measured before the Dashboard sheet is first made.
    const cells = w.book.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
    const result = refreshDashboard(w.book, NOW);
    expect(result.capacity.used).toBe(cells);
    const perMonth =
      100 * Buyers.columns.length +
      100 * Inquiries.columns.length +
      100 * FollowUps.columns.length +
      300 * Log.columns.length;
    expect(result.capacity.growthPerMonth).toBeCloseTo(perMonth, -1);
    expect(result.capacity.monthsLeft).toBeCloseTo((CELL_LIMIT - cells) / perMonth, 0);
    const values = w.book.getSheetByName(DASHBOARD_SHEET)!.getDataRange().getValues();
    const row = (label: string) => values.find((r) => String(r[0]).startsWith(label))!;
    expect(row("cells used")[1]).toBe(cells);
    expect(row("growth per month")[1]).toBe(Math.round(result.capacity.growthPerMonth));
    expect(row("months left")[1]).toBeGreaterThan(100);
  });

  it("a book with no dated rows shows no growth rather than a division by zero", () => {
    const result = refreshDashboard(w.book, NOW);
    expect(result.capacity.growthPerMonth).toBe(0);
    expect(result.capacity.monthsLeft).toBeNull();
    const values = w.book.getSheetByName(DASHBOARD_SHEET)!.getDataRange().getValues();
    expect(values.find((r) => String(r[0]).startsWith("months left"))![1]).toBe("no growth / 无增长");
  });
});
