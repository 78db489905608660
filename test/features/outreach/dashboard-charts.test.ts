import { beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_SHEET, refreshDashboard } from "../../../src/features/outreach/dashboard";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import type { TestWorld } from "../../support/gas";
import { type BookWorld, bookWorld } from "../../support/world";

const _BOSS = "boss@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");

const BUYERS = [
  { country: "Germany", region: "Europe", nature: "importer", source: "alibaba", grade: "A" },
  { country: "France", region: "Europe", nature: "wholesaler", source: "website", grade: "B" },
  { country: "Vietnam", region: "Southeast Asia", nature: "retailer", source: "trade-show", grade: "B" },
  { country: "United States", region: "North America", nature: "brand", source: "alibaba", grade: "C" },
  { country: "Germany", region: "Europe", nature: "importer", source: "import", grade: "" },
] as const;

function seed(w: TestWorld): void {
  const buyers = new TableWriter(loadTable(w.book, Buyers, "Asia/Shanghai"));
  for (const [i, b] of BUYERS.entries()) {
    buyers.append({
      ...emptyRecord(Buyers),
      id: `B-${String(i + 1).padStart(6, "0")}`,
      status: "active",
      ...b,
    } as never);
  }
  buyers.commit();
  const inquiries = new TableWriter(loadTable(w.book, Inquiries, "Asia/Shanghai"));
  for (const [i, product] of ["LED panel", "LED panel", "Solar lamp"].entries()) {
    inquiries.append({
      ...emptyRecord(Inquiries),
      id: `I-${String(i + 1).padStart(6, "0")}`,
      buyerId: "B-000001",
      product,
      receivedAt: NOW,
      status: "replied",
    } as never);
  }
  inquiries.commit();
}

interface ChartView {
  id: number | null;
  type: string;
  ranges: string[];
  title: unknown;
  legend: unknown;
  anchor: [number, number];
}

function chartsOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): ChartView[] {
  return sheet.getCharts().map((c) => {
    const info = c.getContainerInfo();
    return {
      id: c.getChartId(),
      type: String(c.modify().getChartType()),
      ranges: c.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`),
      title: c.getOptions().get("title"),
      legend: c.getOptions().get("legend.position"),
      anchor: [info.getAnchorRow(), info.getAnchorColumn()],
    };
  });
}

/** The dashboard's tables as the sheet shows them: header text and the 1-based rows of its data. */
function tablesOf(values: unknown[][]): { header: string; first: number; last: number }[] {
  const tables: { header: string; first: number; last: number }[] = [];
  values.forEach((row, i) => {
    // A table header carries "count / 数量" in column B; its data runs to the next blank row.
    if (row[1] !== "count / 数量") return;
    let end = i + 1;
    while (end < values.length && values[end][0] !== "") end += 1;
    if (end > i + 1) tables.push({ header: String(row[0]), first: i + 2, last: end });
  });
  return tables;
}

describe("Dashboard charts (R17) in the emulator", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = bookWorld({ now: NOW });
    seed(w);
  });

  it("R17: one bar chart per non-empty table, over its label and count columns, titled like the table", () => {
    const result = refreshDashboard(w.book, NOW);
    const sheet = w.book.getSheetByName(DASHBOARD_SHEET)!;
    const tables = tablesOf(sheet.getDataRange().getValues());
    const charts = chartsOf(sheet);
    // Grade, Region, Country, Business type, Source, Most-asked products and the Funnel all have rows here.
    expect(tables.map((t) => t.header.split(" /")[0])).toEqual([
      "Grade",
      "Region",
      "Country",
      "Business type",
      "Source",
      "Most-asked products",
      "Funnel",
    ]);
    expect(result.charts).toBe(tables.length);
    expect(charts).toHaveLength(tables.length);
    charts.forEach((chart, i) => {
      const t = tables[i];
      expect(chart.type).toBe("BAR");
      expect(chart.ranges).toEqual([`${DASHBOARD_SHEET}!A${t.first}:B${t.last}`]);
      expect(t.header.startsWith(String(chart.title))).toBe(true);
      expect(chart.legend).toBe("none");
      // Beside the table (which is 4 columns wide), level with its first data row.
      expect(chart.anchor).toEqual([t.first, 6]);
    });
    // The region chart reads the counts the table shows: Europe 3, Southeast Asia 1, North America 1.
    const region = sheet.getCharts()[tables.findIndex((t) => t.header.startsWith("Region"))];
    const counts = new Map(
      region
        .getRanges()[0]
        .getValues()
        .map(([k, v]) => [k, v]),
    );
    expect(counts).toEqual(
      new Map<unknown, unknown>([
        ["Europe", 3],
        ["Southeast Asia", 1],
        ["North America", 1],
      ]),
    );
  });

  it("R17: refreshing again replaces the charts: same count, new charts, no duplicates", () => {
    refreshDashboard(w.book, NOW);
    const sheet = w.book.getSheetByName(DASHBOARD_SHEET)!;
    const first = chartsOf(sheet);
    refreshDashboard(w.book, NOW);
    const second = chartsOf(sheet);
    expect(second).toHaveLength(first.length);
    expect(new Set(second.map((c) => c.ranges.join())).size).toBe(second.length);
    expect(second.map(({ id: _id, ...rest }) => rest)).toEqual(first.map(({ id: _id, ...rest }) => rest));
    const firstIds = new Set(first.map((c) => c.id));
    expect(second.some((c) => firstIds.has(c.id))).toBe(false);
  });

  it("a new buyer in a new region grows that chart's range on the next refresh", () => {
    refreshDashboard(w.book, NOW);
    const sheet = w.book.getSheetByName(DASHBOARD_SHEET)!;
    const regionRows = () => {
      const chart = chartsOf(sheet).find((c) => String(c.title).startsWith("Region"))!;
      return sheet.getRange(chart.ranges[0].split("!")[1]).getNumRows();
    };
    expect(regionRows()).toBe(3);
    const buyers = new TableWriter(loadTable(w.book, Buyers, "Asia/Shanghai"));
    buyers.append({
      ...emptyRecord(Buyers),
      id: "B-000006",
      status: "active",
      country: "United Arab Emirates",
      region: "Middle East",
    } as never);
    buyers.commit();
    refreshDashboard(w.book, NOW);
    expect(regionRows()).toBe(4);
  });
});
