/**
 * Contract: embedded charts — Sheet.newChart/insertChart/getCharts/removeChart/updateChart, the
 * EmbeddedChartBuilder, EmbeddedChart, ContainerInfo, ChartOptions and Charts.ChartType. The first suite
 * uses only the public API, through a factory, so it could run against real Apps Script; the second pins
 * the emulator's own modelling (metering, faults, structural edits, protections, .xlsx persistence).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Charts, EmulatedSpreadsheetApp, GasContext, loadWorkbookXlsx, saveWorkbookXlsx } from "../src/index";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface ChartWorld {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: Sheet;
  Charts: GoogleAppsScript.Charts.Charts;
}

const SALES = [
  ["Month", "Sales"],
  ["Jan", 10],
  ["Feb", 20],
  ["Mar", 15],
  ["Apr", 30],
  ["May", 25],
  ["Jun", 12],
  ["Jul", 40],
];

function seed(sheet: Sheet): void {
  sheet.getRange(1, 1, SALES.length, 2).setValues(SALES);
}

const a1s = (ranges: GoogleAppsScript.Spreadsheet.Range[]) => ranges.map((r) => r.getA1Notation());

function runChartContract(name: string, make: () => ChartWorld): void {
  describe(`${name}: embedded charts`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#build()
    // developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart)
    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId()
    it("newChart…build() is not on the sheet until insertChart; then getCharts returns it with an id", () => {
      const { sheet, Charts } = make();
      seed(sheet);
      const chart = sheet
        .newChart()
        .setChartType(Charts.ChartType.BAR)
        .addRange(sheet.getRange("A1:B8"))
        .setPosition(5, 5, 0, 0)
        .build();
      expect(sheet.getCharts()).toHaveLength(0);
      // "null if the chart is not in a spreadsheet"
      expect(chart.getChartId()).toBeNull();
      sheet.insertChart(chart);
      const charts = sheet.getCharts();
      expect(charts).toHaveLength(1);
      expect(typeof charts[0].getChartId()).toBe("number");
      expect(a1s(charts[0].getRanges())).toEqual(["A1:B8"]);
      expect(String(charts[0].modify().getChartType())).toBe("BAR");
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId()
    it("chart ids are unique across the spreadsheet and stable between reads", () => {
      const { ss, sheet, Charts } = make();
      seed(sheet);
      const other = ss.insertSheet("Other");
      for (const target of [sheet, sheet, other]) {
        target.insertChart(
          target.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange("A1:B4")).build(),
        );
      }
      const ids = [...sheet.getCharts(), ...other.getCharts()].map((c) => c.getChartId());
      expect(new Set(ids).size).toBe(3);
      expect(sheet.getCharts().map((c) => c.getChartId())).toEqual(ids.slice(0, 2));
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#getContainer()
    // developers.google.com/apps-script/reference/spreadsheet/container-info
    it("setPosition (1-indexed anchor, pixel offsets) reads back from getContainer and getContainerInfo", () => {
      const { sheet, Charts } = make();
      seed(sheet);
      const builder = sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(sheet.getRange("A1:B8"))
        .setPosition(5, 3, 12, 7);
      const c = builder.getContainer();
      expect([c.getAnchorRow(), c.getAnchorColumn(), c.getOffsetX(), c.getOffsetY()]).toEqual([5, 3, 12, 7]);
      sheet.insertChart(builder.build());
      const info = sheet.getCharts()[0].getContainerInfo();
      expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([
        5, 3, 12, 7,
      ]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#addRange(Range)
    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#removeRange(Range)
    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#clearRanges()
    it("addRange skips a range already added; removeRange matches an added range only, never throws; clearRanges empties", () => {
      const { sheet } = make();
      seed(sheet);
      const first = sheet.getRange("A1:B5");
      const b = sheet.newChart().addRange(first).addRange(sheet.getRange("A6:B8")).addRange(sheet.getRange("A1:B5"));
      expect(a1s(b.getRanges())).toEqual(["A1:B5", "A6:B8"]);
      b.removeRange(sheet.getRange("A1:B2")); // part of an added range: no change, no error
      expect(a1s(b.getRanges())).toEqual(["A1:B5", "A6:B8"]);
      b.removeRange(first).removeRange(sheet.getRange("A6:B8"));
      expect(b.getRanges()).toEqual([]);
      b.addRange(sheet.getRange("A1:A5")).addRange(sheet.getRange("B1:B5"));
      expect(a1s(b.clearRanges().addRange(sheet.getRange("A2:B3")).getRanges())).toEqual(["A2:B3"]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#asBarChart()
    // developers.google.com/apps-script/reference/charts/chart-type
    it("asBarChart/asColumnChart/asLineChart/asPieChart set the type; setChartType changes it", () => {
      const { sheet, Charts } = make();
      const b = sheet.newChart();
      expect(String(b.asBarChart().getChartType())).toBe("BAR");
      expect(String(b.asColumnChart().getChartType())).toBe("COLUMN");
      expect(String(b.asLineChart().getChartType())).toBe("LINE");
      expect(String(b.asPieChart().getChartType())).toBe("PIE");
      expect(String(b.asAreaChart().getChartType())).toBe("AREA");
      expect(String(b.asScatterChart().getChartType())).toBe("SCATTER");
      expect(String(b.asTableChart().getChartType())).toBe("TABLE");
      expect(String(b.setChartType(Charts.ChartType.STEPPED_AREA).getChartType())).toBe("STEPPED_AREA");
      // The typed builder keeps the common methods.
      const built = sheet
        .newChart()
        .asPieChart()
        .addRange(sheet.getRange("A1:B3"))
        .setOption("title", "Shares")
        .build();
      expect(built.getOptions().get("title")).toBe("Shares");
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#setOption(String,Object)
    // developers.google.com/apps-script/reference/charts/chart-options#get(String)
    it("setOption values read back through getOptions().get, nested paths included; unset options are null", () => {
      const { sheet, Charts } = make();
      seed(sheet);
      sheet.insertChart(
        sheet
          .newChart()
          .setChartType(Charts.ChartType.BAR)
          .addRange(sheet.getRange("A1:B8"))
          .setOption("title", "Earnings projections")
          .setOption("legend", { position: "top", textStyle: { color: "blue", fontSize: 16 } })
          .setOption("animation.duration", 500)
          .build(),
      );
      const options = sheet.getCharts()[0].getOptions();
      expect(options.get("title")).toBe("Earnings projections");
      expect(options.get("legend.position")).toBe("top");
      expect(options.get("legend.textStyle.fontSize")).toBe(16);
      expect(options.get("animation.duration")).toBe(500);
      expect(options.get("vAxis.title")).toBeNull();
    });

    // developers.google.com/apps-script/reference/charts/chart-options ("These options are immutable.")
    it("options read back are copies: changing them changes nothing", () => {
      const { sheet } = make();
      seed(sheet);
      sheet.insertChart(sheet.newChart().addRange(sheet.getRange("A1:B8")).setOption("colors", ["red"]).build());
      const colors = sheet.getCharts()[0].getOptions().get("colors") as string[];
      colors.push("blue");
      expect(sheet.getCharts()[0].getOptions().get("colors")).toEqual(["red"]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder (setHiddenDimensionStrategy
    // "Defaults to IGNORE_ROWS", setMergeStrategy "Defaults to MERGE_COLUMNS", setTransposeRowsAndColumns "Defaults to false")
    it("a new chart ignores hidden rows, merges columns and is not transposed; the setters change that", () => {
      const { sheet, Charts } = make();
      seed(sheet);
      const plain = sheet.newChart().addRange(sheet.getRange("A1:B8")).build();
      expect(String(plain.getHiddenDimensionStrategy())).toBe("IGNORE_ROWS");
      expect(String(plain.getMergeStrategy())).toBe("MERGE_COLUMNS");
      expect(plain.getTransposeRowsAndColumns()).toBe(false);
      const set = plain
        .modify()
        .setHiddenDimensionStrategy(Charts.ChartHiddenDimensionStrategy.IGNORE_COLUMNS)
        .setMergeStrategy(Charts.ChartMergeStrategy.MERGE_ROWS)
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .build();
      expect(String(set.getHiddenDimensionStrategy())).toBe("IGNORE_COLUMNS");
      expect(String(set.getMergeStrategy())).toBe("MERGE_ROWS");
      expect(set.getTransposeRowsAndColumns()).toBe(true);
      expect(set.getNumHeaders()).toBe(1);
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder (class example:
    // chart.modify()…build(); sheet.updateChart(chart) — "Changes … are not saved until updateChart")
    it("modify() starts from the chart; nothing changes until updateChart, which keeps the chart's id", () => {
      const { sheet, Charts } = make();
      seed(sheet);
      sheet.insertChart(
        sheet
          .newChart()
          .setChartType(Charts.ChartType.BAR)
          .addRange(sheet.getRange("A1:B5"))
          .setOption("title", "Before")
          .setPosition(5, 5, 0, 0)
          .build(),
      );
      const original = sheet.getCharts()[0];
      const rebuilt = original
        .modify()
        .addRange(sheet.getRange("A6:B8"))
        .setOption("title", "Updated!")
        .setOption("animation.duration", 500)
        .setPosition(2, 2, 0, 0)
        .build();
      expect(sheet.getCharts()[0].getOptions().get("title")).toBe("Before");
      expect(String(rebuilt.modify().getChartType())).toBe("BAR");
      sheet.updateChart(rebuilt);
      const charts = sheet.getCharts();
      expect(charts).toHaveLength(1);
      expect(charts[0].getChartId()).toBe(original.getChartId());
      expect(charts[0].getOptions().get("title")).toBe("Updated!");
      expect(a1s(charts[0].getRanges())).toEqual(["A1:B5", "A6:B8"]);
      expect(charts[0].getContainerInfo().getAnchorRow()).toBe(2);
    });

    // developers.google.com/apps-script/reference/spreadsheet/sheet#removeChart(EmbeddedChart)
    it("removeChart over getCharts() removes every chart from the sheet, and only from it", () => {
      const { ss, sheet } = make();
      seed(sheet);
      const other = ss.insertSheet("Other");
      for (let i = 0; i < 3; i++) sheet.insertChart(sheet.newChart().addRange(sheet.getRange("A1:B8")).build());
      other.insertChart(other.newChart().addRange(sheet.getRange("A1:B8")).build());
      for (const chart of sheet.getCharts()) sheet.removeChart(chart);
      expect(sheet.getCharts()).toHaveLength(0);
      expect(other.getCharts()).toHaveLength(1);
    });

    // developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getRanges()
    it("a chart may show data from another sheet: its ranges keep their own sheet", () => {
      const { ss, sheet } = make();
      seed(sheet);
      const board = ss.insertSheet("Board");
      board.insertChart(board.newChart().addRange(sheet.getRange("A1:B8")).setPosition(1, 1, 0, 0).build());
      const range = board.getCharts()[0].getRanges()[0];
      expect(range.getSheet().getName()).toBe(sheet.getName());
      expect(range.getValues()).toEqual(SALES);
    });

    // developers.google.com/apps-script/reference/charts/chart-type
    it("Charts.ChartType lists the chart types of the reference page", () => {
      const { Charts } = make();
      const names = Object.keys(Charts.ChartType).filter((k) => Number.isNaN(Number(k)));
      for (const t of [
        "AREA",
        "BAR",
        "COLUMN",
        "LINE",
        "PIE",
        "SCATTER",
        "TABLE",
        "COMBO",
        "HISTOGRAM",
        "STEPPED_AREA",
      ]) {
        expect(names).toContain(t);
      }
    });
  });
}

function emulatorWorld(): ChartWorld & { ctx: GasContext; app: EmulatedSpreadsheetApp } {
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: "owner@example.com" });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", "owner@example.com");
  return { ctx, app, ss, sheet: ss.getSheets()[0], Charts: Charts as unknown as GoogleAppsScript.Charts.Charts };
}

runChartContract("emulator", emulatorWorld);

const dir = mkdtempSync(join(tmpdir(), "charts-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("emulator: embedded charts modelling", () => {
  it("meters builder calls as Spreadsheet.local, insert/update/remove as Spreadsheet.structure, getCharts as a read", () => {
    const { ctx, sheet } = emulatorWorld();
    seed(sheet);
    const range = sheet.getRange("A1:B8");
    ctx.meter.reset();
    const chart = sheet.newChart().asBarChart().addRange(range).setPosition(1, 4, 0, 0).build();
    expect(ctx.meter.callsOf("Spreadsheet.local")).toBe(5);
    expect(ctx.meter.methodCalls("Sheet.newChart")).toBe(1);
    expect(ctx.meter.methodCalls("EmbeddedChartBuilder.build")).toBe(1);
    sheet.insertChart(chart);
    const [live] = sheet.getCharts();
    sheet.updateChart(live.modify().setOption("title", "t").build());
    sheet.removeChart(sheet.getCharts()[0]);
    expect(ctx.meter.callsOf("Spreadsheet.structure")).toBe(3);
    expect(ctx.meter.methodCalls("Sheet.getCharts")).toBe(2);
    expect(ctx.meter.callsOf("Spreadsheet.read")).toBe(2);
  });

  it("a fault on insertChart fires before the chart exists", () => {
    const { ctx, sheet } = emulatorWorld();
    seed(sheet);
    const chart = sheet.newChart().addRange(sheet.getRange("A1:B8")).build();
    ctx.meter.failEvery("Sheet.insertChart", "boom", 1);
    expect(() => sheet.insertChart(chart)).toThrow("boom");
    expect(sheet.getCharts()).toHaveLength(0);
    sheet.insertChart(chart);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it("inserting rows or columns moves the chart's source ranges and its anchor; deleting them shrinks the ranges", () => {
    const { ss, sheet } = emulatorWorld();
    seed(sheet);
    const board = ss.insertSheet("Board");
    sheet.insertChart(sheet.newChart().addRange(sheet.getRange("A2:B8")).setPosition(3, 4, 0, 0).build());
    board.insertChart(board.newChart().addRange(sheet.getRange("A2:B8")).setPosition(3, 4, 0, 0).build());
    sheet.insertRowsBefore(1, 2);
    sheet.insertColumnsBefore(1, 1);
    const [here] = sheet.getCharts();
    expect(a1s(here.getRanges())).toEqual(["B4:C10"]);
    expect([here.getContainerInfo().getAnchorRow(), here.getContainerInfo().getAnchorColumn()]).toEqual([5, 5]);
    const [there] = board.getCharts();
    expect(a1s(there.getRanges())).toEqual(["B4:C10"]);
    expect(there.getContainerInfo().getAnchorRow()).toBe(3); // anchored on Board, which did not change
    sheet.deleteRows(5, 3);
    expect(a1s(sheet.getCharts()[0].getRanges())).toEqual(["B4:C7"]);
  });

  it("a sheet protection guards its charts: a non-editor cannot insert one ('a protected cell or object')", () => {
    const { ctx, ss, sheet } = emulatorWorld();
    seed(sheet);
    ss.addEditor("clerk@example.com");
    const protection = sheet.protect();
    protection.removeEditors(protection.getEditors());
    const chart = sheet.newChart().addRange(sheet.getRange("A1:B8")).build();
    ctx.runAs("clerk@example.com", () => {
      const mine = ss.getSheets()[0];
      expect(() => mine.insertChart(chart)).toThrow("You are trying to edit a protected cell or object.");
    });
    sheet.insertChart(chart); // the owner may
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it("removeChart/updateChart refuse a chart that is not on the sheet", () => {
    const { ss, sheet } = emulatorWorld();
    seed(sheet);
    const built = sheet.newChart().addRange(sheet.getRange("A1:B8")).build();
    expect(() => sheet.updateChart(built)).toThrow("Invalid argument: chart");
    const other = ss.insertSheet("Other");
    other.insertChart(built);
    expect(() => sheet.removeChart(other.getCharts()[0])).toThrow("Invalid argument: chart");
  });

  it("charts survive an .xlsx save and load: type, ranges on any sheet, position, options and ids", async () => {
    const { app, ss, sheet } = emulatorWorld();
    seed(sheet);
    sheet.setName("Sales data");
    const board = ss.insertSheet("Board");
    board.insertChart(
      board
        .newChart()
        .asColumnChart()
        .addRange(sheet.getRange("A1:A8"))
        .addRange(sheet.getRange("B1:B8"))
        .setPosition(2, 3, 10, 20)
        .setOption("title", "Sales / 销售")
        .setOption("legend", { position: "none" })
        .setNumHeaders(1)
        .build(),
    );
    sheet.insertChart(sheet.newChart().asPieChart().addRange(sheet.getRange("A2:B4")).build());
    const ids = [...board.getCharts(), ...sheet.getCharts()].map((c) => c.getChartId());

    const path = join(dir, "charts.xlsx");
    await saveWorkbookXlsx(ss, path);
    const back = await loadWorkbookXlsx(app, path, { name: "copy", owner: "owner@example.com" });
    const [chart] = back.getSheetByName("Board")!.getCharts();
    expect(chart.getChartId()).toBe(ids[0]);
    expect(String(chart.modify().getChartType())).toBe("COLUMN");
    expect(chart.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual([
      "Sales data!A1:A8",
      "Sales data!B1:B8",
    ]);
    const info = chart.getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([2, 3, 10, 20]);
    expect(chart.getOptions().get("title")).toBe("Sales / 销售");
    expect(chart.getOptions().get("legend.position")).toBe("none");
    expect(chart.getNumHeaders()).toBe(1);
    const [pie] = back.getSheetByName("Sales data")!.getCharts();
    expect(pie.getChartId()).toBe(ids[1]);
    expect(String(pie.modify().getChartType())).toBe("PIE");
    // A chart inserted after loading still gets an id of its own.
    const backBoard = back.getSheetByName("Board")!;
    backBoard.insertChart(backBoard.newChart().addRange(backBoard.getRange("A1")).build());
    const all = [...backBoard.getCharts(), pie].map((c) => c.getChartId());
    expect(new Set(all).size).toBe(3);
  });
});
