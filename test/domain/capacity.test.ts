import { describe, expect, it } from "vitest";
import { MODEL } from "../../bench/ten-years";
import {
  archiveCutoff,
  archiveWindowMonths,
  CELL_LIMIT,
  capacity,
  MONTH_MS,
  monthCrossing,
  projectBook,
  rowsPerMonth,
} from "../../src/domain/capacity";
import { Buyers, FollowUps, Inquiries, Log, Quotes, Samples } from "../../src/store/schemas";

const NOW = new Date("2026-11-23T02:00:00Z");
const DAY = 86_400_000;

/** 200 inquiries a day, every day (mail from abroad comes at weekends too): the ten-year bench's model. */
const TEN_YEAR_MODEL = MODEL;
const COLUMNS = {
  buyers: Buyers.columns.length,
  inquiries: Inquiries.columns.length,
  followUps: FollowUps.columns.length,
  quotes: Quotes.columns.length,
  samples: Samples.columns.length,
  log: Log.columns.length,
  otherCells: 60_000,
};

describe("capacity figures", () => {
  it("growth per month counts the last 12 months of dated rows, or the book's age when younger", () => {
    const year = Array.from({ length: 365 }, (_, i) => new Date(NOW.getTime() - i * DAY));
    expect(rowsPerMonth(year, NOW)).toBeCloseTo(30.4, 0);
    // Three months old, 300 rows: 100 a month, not 25.
    const young = Array.from({ length: 300 }, (_, i) => new Date(NOW.getTime() - (i * 3 * MONTH_MS) / 300));
    expect(rowsPerMonth(young, NOW)).toBeCloseTo(100, 0);
    // Old rows, future dates and blanks do not make growth.
    expect(rowsPerMonth([new Date("2019-01-01"), new Date("2030-01-01"), null, undefined], NOW)).toBe(0);
  });

  it("months left is the room divided by the growth; none when the book does not grow; zero when over", () => {
    expect(capacity(4_000_000, 500_000).monthsLeft).toBe(12);
    expect(capacity(4_000_000, 0).monthsLeft).toBeNull();
    expect(capacity(CELL_LIMIT + 1, 10).monthsLeft).toBe(0);
    expect(capacity(2_500_000, 1).share).toBe(0.25);
  });

  it("the archive window shortens to 12 months past 80% of the limit, never lengthens, and 0 means never", () => {
    expect(archiveWindowMonths(24, 0.5)).toBe(24);
    expect(archiveWindowMonths(24, 0.85)).toBe(12);
    expect(archiveWindowMonths(6, 0.95)).toBe(6);
    expect(archiveWindowMonths(0, 0.95)).toBe(0);
    expect(archiveCutoff(NOW, 24)?.toISOString()).toBe("2024-11-23T02:00:00.000Z");
    expect(archiveCutoff(NOW, 0)).toBeNull();
  });
});

describe("ten years of a book at 200 inquiries a day (pure arithmetic over the sizing and the archive policy)", () => {
  const months = 120;
  const none = projectBook(TEN_YEAR_MODEL, COLUMNS, { afterMonths: 0, logKeepMonths: 0, tighten: false }, months);
  const fixed = projectBook(TEN_YEAR_MODEL, COLUMNS, { afterMonths: 24, logKeepMonths: 12, tighten: false }, months);
  const policy = projectBook(TEN_YEAR_MODEL, COLUMNS, { afterMonths: 24, logKeepMonths: 12, tighten: true }, months);

  it("without archiving the book crosses 10 million cells in its third year", () => {
    const crossing = monthCrossing(none);
    expect(crossing).not.toBeNull();
    expect(crossing!).toBeLessThanOrEqual(36);
    // The growth is what the rates say: 6,088 inquiries a month and what comes with them, times their widths.
    const perMonth = (200 * 365) / 12;
    const expected =
      perMonth *
      (0.2 * COLUMNS.buyers +
        COLUMNS.inquiries +
        2 * COLUMNS.followUps +
        1.5 * COLUMNS.log +
        0.15 * COLUMNS.quotes +
        0.02 * COLUMNS.samples);
    expect(none[12].cells - none[11].cells).toBeCloseTo(expected, -2);
  });

  it("with the archive policy (24 months, the Log 12, shortened past 80%) it stays under the limit for ten years", () => {
    expect(monthCrossing(policy)).toBeNull();
    expect(Math.max(...policy.map((p) => p.cells))).toBeLessThan(CELL_LIMIT);
    // The fixed 24-month window alone is not enough at this rate: that is why the window shortens near the limit.
    expect(monthCrossing(fixed)).not.toBeNull();
    expect(monthCrossing(fixed)!).toBeGreaterThan(monthCrossing(none)!);
    // The archive only moves what is old: in the first two years the book is the same with or without it.
    expect(policy[11].rows.inquiries).toBe(none[11].rows.inquiries);
  });
});
