/**
 * Ten years of a book at 200 inquiries a day, in pure arithmetic over the sheet sizing and the archive
 * policy (src/domain/capacity.ts): cells month by month without archiving, with the Settings defaults
 * (24 months, the Log 12) alone, and with the window shortened past 80% of the limit. Prints the figures.
 */
import { type ArchivePolicy, CELL_LIMIT, type GrowthModel, monthCrossing, projectBook } from "../src/domain/capacity";
import { Buyers, FollowUps, Inquiries, Log, Quotes, Samples } from "../src/store/schemas";
import type { Suite } from "./scenario";

export const MODEL: GrowthModel = {
  inquiriesPerDay: 200,
  daysPerYear: 365,
  newBuyerShare: 0.2,
  followUpsPerInquiry: 2,
  logLinesPerInquiry: 1.5,
  quotesPerInquiry: 0.15,
  samplesPerInquiry: 0.02,
  keptInquiries: 0.01,
  keptQuotes: 0.1,
  keptFollowUps: 0.005,
};

const COLUMNS = {
  buyers: Buyers.columns.length,
  inquiries: Inquiries.columns.length,
  followUps: FollowUps.columns.length,
  quotes: Quotes.columns.length,
  samples: Samples.columns.length,
  log: Log.columns.length,
  // Settings, Staff, Products, Rules, Routing, Templates, Dashboard at 1,000 rows each.
  otherCells: 1000 * (3 + 12 + 15 + 5 + 4 + 4 + 26),
};

const POLICIES: { name: string; policy: ArchivePolicy }[] = [
  { name: "no archive", policy: { afterMonths: 0, logKeepMonths: 0, tighten: false } },
  { name: "archive 24 months, Log 12", policy: { afterMonths: 24, logKeepMonths: 12, tighten: false } },
  {
    name: "archive 24 months, Log 12, 12 past 80% (default)",
    policy: { afterMonths: 24, logKeepMonths: 12, tighten: true },
  },
];

const m = (cells: number) => `${(cells / 1e6).toFixed(2)} M`;

export function printTenYears(): void {
  console.log(
    `  ${MODEL.inquiriesPerDay} inquiries a day, ${MODEL.daysPerYear} days a year; ${MODEL.newBuyerShare * 100}% from new buyers; ${MODEL.followUpsPerInquiry} follow-ups, ${MODEL.logLinesPerInquiry} Log lines, ${MODEL.quotesPerInquiry} quotes per inquiry; columns ${JSON.stringify(COLUMNS)}`,
  );
  console.log(
    `  ${"policy".padEnd(52)} ${[1, 2, 3, 5, 7, 10].map((y) => `year ${y}`.padStart(9)).join(" ")}   crosses 10 M`,
  );
  for (const { name, policy } of POLICIES) {
    const points = projectBook(MODEL, COLUMNS, policy, 120);
    const crossing = monthCrossing(points);
    console.log(
      `  ${name.padEnd(52)} ${[1, 2, 3, 5, 7, 10].map((y) => m(points[y * 12 - 1].cells).padStart(9)).join(" ")}   ${crossing === null ? "never in 10 years" : `month ${crossing} (year ${Math.ceil(crossing / 12)})`}`,
    );
  }
  const last = projectBook(MODEL, COLUMNS, POLICIES[2].policy, 120).at(-1)!;
  console.log(
    `  year 10 with the default policy: ${JSON.stringify(last.rows)} rows, window ${last.windowMonths} months, ${((last.cells / CELL_LIMIT) * 100).toFixed(0)}% of the limit`,
  );
}

export const suites: Suite[] = [
  {
    name: "ten years at 200 inquiries a day: cells with and without the archive",
    run() {
      printTenYears();
      return [];
    },
  },
];
