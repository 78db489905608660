/**
 * The Dashboard sheet (R13, R17), rebuilt from the book: one read per source sheet, one write of the grid.
 * Each table carries a text bar beside its counts, so the figures read as a chart anywhere (a printout, an
 * .xlsx export); bar charts are embedded over the same ranges as well.
 */

import type { Budget } from "../../app/budget";
import { type Config, readConfig } from "../../app/config";
import { type Count, type DashboardStats, dashboardStats, textBar } from "../../domain/stats";
import { zonedDateKey } from "../../domain/time";
import { barChartType } from "../../gas/charts";
import { dateTextParser } from "../../store/date-text";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import {
  type Buyer,
  Buyers,
  type FollowUp,
  FollowUps,
  Inquiries,
  type Inquiry,
  Log,
  type Quote,
  Quotes,
  Settings,
} from "../../store/schemas";
import { readTableColumns } from "../../store/table";
import { type BookCapacity, bookCapacity } from "../archive";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const DASHBOARD_SHEET = "Dashboard";
const WIDTH = 4;

export interface DashboardResult {
  stats: DashboardStats;
  capacity: BookCapacity;
  rows: number;
  charts: number;
}

interface BookRecords {
  config: Config;
  buyers: Buyer[];
  inquiries: Inquiry[];
  quotes: Quote[];
  followUps: FollowUp[];
}

/** One read per source sheet. */
function readBook(book: Book): BookRecords {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  return {
    config,
    buyers: loadTable(book, Buyers, tz).rows.map((r) => r.record),
    inquiries: (loadOptionalTable(book, Inquiries, tz)?.rows ?? []).map((r) => r.record),
    quotes: (loadOptionalTable(book, Quotes, tz)?.rows ?? []).map((r) => r.record),
    followUps: (loadOptionalTable(book, FollowUps, tz)?.rows ?? []).map((r) => r.record),
  };
}

function statsOf(data: BookRecords): DashboardStats {
  return dashboardStats({
    buyers: data.buyers,
    inquiries: data.inquiries,
    quotes: data.quotes,
    followUps: data.followUps,
    targetHours: data.config.reader.number("reply.targetHours"),
    limitHours: data.config.reader.number("reply.limitHours"),
  });
}

/** Reads the book and computes the figures (no writes). */
export function computeDashboard(book: Book): DashboardStats {
  return statsOf(readBook(book));
}

/**
 * Cells used against the 10 million limit, growth per month from the rows' own dates, months left. The Log's
 * dates cost one read of its When column; the rest was read for the figures already.
 */
function capacityOf(book: Book, data: BookRecords, now: Date): BookCapacity {
  const logSheet = book.getSheetByName(Log.name);
  const log = logSheet
    ? readTableColumns(logSheet, Log, ["at"], { parseDateText: dateTextParser(data.config.timeZone) }).rows.map(
        (r) => r.record.at,
      )
    : [];
  return bookCapacity(
    book,
    [
      { name: Buyers.name, dates: data.buyers.map((b) => b.created) },
      { name: Inquiries.name, dates: data.inquiries.map((i) => i.receivedAt) },
      { name: FollowUps.name, dates: data.followUps.map((f) => f.at) },
      { name: Quotes.name, dates: data.quotes.map((q) => q.date) },
      { name: Log.name, dates: log },
    ],
    now,
  );
}

/** A share (0..1), shown as a percentage. */
class Share {
  constructor(readonly value: number) {}
}

function formatOf(v: unknown): string {
  if (v instanceof Share) return "0.0%";
  return typeof v === "number" ? "0.##" : "@";
}

interface Block {
  title: string;
  /** 1-based first data row and row count, for the chart over it. */
  firstRow: number;
  rows: number;
}

/** Rebuilds the Dashboard sheet. Call holding the document lock. */
export function refreshDashboard(book: Book, now: Date): DashboardResult {
  const data = readBook(book);
  const stats = statsOf(data);
  const config = data.config;
  const capacity = capacityOf(book, data, now);
  const grid: unknown[][] = [];
  const blocks: Block[] = [];
  const line = (...cells: unknown[]) => grid.push([...cells, ...new Array(WIDTH - cells.length).fill("")]);
  line("Buyerbook dashboard / 数据看板", `refreshed ${zonedDateKey(now, config.timeZone)}`);
  line("Buyers / 客户总数", stats.buyers);
  line();
  // The spreadsheet stops taking rows at 10 million cells: the boss sees how close the book is, and when.
  line("Capacity / 容量 (10,000,000 cells / 单元格上限)", "", "", "");
  line("cells used / 已用单元格", capacity.used, new Share(capacity.share), textBar(capacity.used, capacity.limit));
  line("growth per month / 每月增长", Math.round(capacity.growthPerMonth));
  line(
    "months left / 剩余月数",
    capacity.monthsLeft === null ? "no growth / 无增长" : Math.floor(capacity.monthsLeft * 10) / 10,
  );
  line();
  const table = (title: string, counts: Count[], limit = 20) => {
    line(title, "count / 数量", "share / 占比", "");
    const shown = counts.slice(0, limit);
    const max = Math.max(0, ...shown.map((c) => c.count));
    const total = counts.reduce((a, c) => a + c.count, 0);
    blocks.push({ title, firstRow: grid.length + 1, rows: shown.length });
    for (const c of shown) line(c.key, c.count, new Share(total > 0 ? c.count / total : 0), textBar(c.count, max));
    line();
  };
  table("Grade / 等级", stats.byGrade);
  table("Region / 地区", stats.byRegion);
  table("Country / 国家", stats.byCountry);
  table("Business type / 客户类型", stats.byNature);
  table("Source / 来源", stats.bySource);
  table("Most-asked products / 热门询价产品", stats.topProducts);

  line("Funnel / 转化漏斗", "count / 数量", "conversion / 转化率", "");
  const funnelMax = Math.max(0, ...stats.funnel.map((f) => f.count));
  blocks.push({ title: "Funnel", firstRow: grid.length + 1, rows: stats.funnel.length });
  for (const f of stats.funnel) line(f.stage, f.count, new Share(f.conversion), textBar(f.count, funnelMax));
  line();

  const r = stats.replySpeed;
  line("Reply speed / 回复速度", "", "", "");
  line("inquiries / 询盘", r.inquiries);
  line("answered / 已回复", r.answered);
  line("unanswered / 未回复", r.unanswered);
  line("median working hours / 中位工作小时", r.medianHours ?? "");
  line("average working hours / 平均工作小时", r.averageHours ?? "");
  line("within target / 目标内", "", new Share(r.withinTarget));
  line("within limit / 时限内", "", new Share(r.withinLimit));
  line();

  line("Product requests / 客户需求", "buyer / 客户", "by / 跟进人", "request / 需求");
  for (const q of stats.requests.slice(0, 100))
    line(q.at ? zonedDateKey(q.at, config.timeZone) : "", q.buyerId, q.by, q.summary);

  const sheet = book.getSheetByName(DASHBOARD_SHEET) ?? book.insertSheet(DASHBOARD_SHEET);
  sheet.clearContents();
  const range = sheet.getRange(1, 1, grid.length, WIDTH);
  // Labels are outside text (product names, countries): plain text so "=…" never becomes a formula.
  range.setNumberFormats(grid.map((row) => row.map(formatOf)));
  range.setValues(grid.map((row) => row.map((v) => (v instanceof Share ? v.value : v))));
  return { stats, capacity, rows: grid.length, charts: embedCharts(sheet, blocks) };
}

/**
 * Bar charts beside the tables (R17). The API is feature-detected so the sheet still gets its text bars in a
 * runtime without charts.
 */
function embedCharts(sheet: Sheet, blocks: Block[]): number {
  const api = sheet as Partial<Pick<Sheet, "newChart" | "getCharts" | "removeChart" | "insertChart">>;
  if (!api.newChart || !api.getCharts || !api.removeChart || !api.insertChart) return 0;
  for (const chart of api.getCharts()) api.removeChart(chart);
  let made = 0;
  for (const b of blocks) {
    if (b.rows === 0) continue;
    const chart = api
      .newChart()
      .setChartType(barChartType())
      .addRange(sheet.getRange(b.firstRow, 1, b.rows, 2))
      .setPosition(b.firstRow, WIDTH + 2, 0, 0)
      .setOption("title", b.title)
      .setOption("legend", { position: "none" })
      .build();
    api.insertChart(chart);
    made += 1;
  }
  return made;
}

/** JobRunner-compatible: the daily refresh, for the heartbeat once a "dashboard" schedule exists. */
export function refreshDashboardJob(args: { book: Book; now: Date; budget?: Budget }): {
  rows: number;
  charts: number;
} {
  const { rows, charts } = refreshDashboard(args.book, args.now);
  return { rows, charts };
}
