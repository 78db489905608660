import { beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_SHEET, refreshDashboard } from "../../../src/features/outreach/dashboard";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, FollowUps, Inquiries, Quotes } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import type { TestWorld } from "../../support/gas";
import { type BookWorld, bookWorld } from "../../support/world";

const _BOSS = "boss@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");
const REGIONS = [
  ["Germany", "Europe"],
  ["France", "Europe"],
  ["United Arab Emirates", "Middle East"],
  ["Vietnam", "Southeast Asia"],
  ["United States", "North America"],
];
const NATURES = ["importer", "wholesaler", "retailer", "brand", "distributor"];
const SOURCES = ["alibaba", "trade-show", "website", "import"] as const;
const GRADES = ["A", "B", "C", "D", ""] as const;
const PRODUCTS = ["LED panel", "Solar lamp", "Flood light"];

/** A deterministic book: 60 buyers, 90 inquiries, quotes and requests, from a small linear congruential generator. */
function seedBook(w: TestWorld) {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const buyers = Array.from({ length: 60 }, (_, i) => {
    const [country, region] = REGIONS[rnd(REGIONS.length)];
    return {
      ...emptyRecord(Buyers),
      id: `B-${String(i + 1).padStart(6, "0")}`,
      country,
      region,
      nature: NATURES[rnd(NATURES.length)],
      source: SOURCES[rnd(SOURCES.length)],
      grade: GRADES[rnd(GRADES.length)],
      status: "active" as const,
      products: i % 10 === 0 ? "Garden hose" : "",
    };
  });
  const inquiries = Array.from({ length: 90 }, (_, i) => ({
    ...emptyRecord(Inquiries),
    id: `I-${String(i + 1).padStart(6, "0")}`,
    buyerId: buyers[(i * 7) % 60].id,
    product: PRODUCTS[rnd(PRODUCTS.length)],
    receivedAt: NOW,
    responseHours: i % 4 === 0 ? null : rnd(40) / 2,
    status: "replied" as const,
  }));
  const quotes = buyers
    .filter((_, i) => i % 3 === 0)
    .map((b, i) => ({
      ...emptyRecord(Quotes),
      id: `Q-${i + 1}`,
      buyerId: b.id,
      status: (i % 2 === 0 ? "accepted" : "sent") as "accepted" | "sent",
    }));
  const followUps = [
    {
      ...emptyRecord(FollowUps),
      id: "F-000001",
      at: new Date("2026-11-01T00:00:00Z"),
      buyerId: "B-000003",
      by: "li@x.cn",
      kind: "request" as const,
      summary: "wants a 60×60 panel in warm white",
    },
    {
      ...emptyRecord(FollowUps),
      id: "F-000002",
      at: new Date("2026-11-10T00:00:00Z"),
      buyerId: "B-000009",
      by: "li@x.cn",
      kind: "request" as const,
      summary: '=IMPORTRANGE("x") custom logo',
    },
    {
      ...emptyRecord(FollowUps),
      id: "F-000003",
      at: NOW,
      buyerId: "B-000009",
      kind: "note" as const,
      summary: "not a request",
    },
  ];
  for (const [spec, rows] of [
    [Buyers, buyers],
    [Inquiries, inquiries],
    [Quotes, quotes],
    [FollowUps, followUps],
  ] as const) {
    const writer = new TableWriter(loadTable(w.book, spec, "Asia/Shanghai"));
    for (const r of rows) writer.append(r as never);
    writer.commit();
  }
  return { buyers, inquiries, quotes };
}

/** Finds a section's rows in the written sheet: label -> [count, share/conversion]. */
function section(values: unknown[][], title: string): Map<string, unknown[]> {
  const start = values.findIndex((r) => String(r[0]).startsWith(title));
  expect(start).toBeGreaterThanOrEqual(0);
  const out = new Map<string, unknown[]>();
  for (let i = start + 1; i < values.length && values[i][0] !== ""; i += 1)
    out.set(String(values[i][0]), values[i].slice(1));
  return out;
}

describe("Dashboard sheet (R13, R17) against independently computed figures", () => {
  let w: BookWorld;
  let data: ReturnType<typeof seedBook>;
  beforeEach(() => {
    w = bookWorld({ now: NOW });
    data = seedBook(w);
  });

  it("R17: buyers by region, country, business type, source and grade; most-asked products; funnel; reply speed", () => {
    const result = refreshDashboard(w.book, NOW);
    const values = w.book.getSheetByName(DASHBOARD_SHEET)!.getDataRange().getValues();
    const tally = (key: (b: (typeof data.buyers)[number]) => string) => {
      const m = new Map<string, number>();
      for (const b of data.buyers) m.set(key(b) || "(ungraded)", (m.get(key(b) || "(ungraded)") ?? 0) + 1);
      return m;
    };
    for (const [title, key] of [
      ["Region", (b: (typeof data.buyers)[number]) => b.region],
      ["Country", (b: (typeof data.buyers)[number]) => b.country],
      ["Business type", (b: (typeof data.buyers)[number]) => b.nature],
      ["Source", (b: (typeof data.buyers)[number]) => b.source],
      ["Grade", (b: (typeof data.buyers)[number]) => b.grade],
    ] as const) {
      const expected = tally(key);
      const shown = section(values, title);
      expect(new Map([...shown].map(([k, v]) => [k, v[0]]))).toEqual(expected);
      for (const [k, v] of shown) expect(v[1]).toBeCloseTo(expected.get(k)! / 60, 10);
    }
    // Products: every inquiry once, plus "Garden hose" from each buyer that has no inquiry.
    const asked = new Map<string, number>();
    for (const q of data.inquiries) asked.set(q.product, (asked.get(q.product) ?? 0) + 1);
    const withInquiry = new Set(data.inquiries.map((q) => q.buyerId));
    const hose = data.buyers.filter((b) => b.products === "Garden hose" && !withInquiry.has(b.id)).length;
    if (hose > 0) asked.set("Garden hose", hose);
    expect(new Map([...section(values, "Most-asked")].map(([k, v]) => [k, v[0]]))).toEqual(asked);
    // Funnel.
    const graded = data.buyers.filter((b) => b.grade !== "").length;
    const ab = data.buyers.filter((b) => b.grade === "A" || b.grade === "B").length;
    const quoted = new Set(data.quotes.map((q) => q.buyerId)).size;
    const ordered = new Set(data.quotes.filter((q) => q.status === "accepted").map((q) => q.buyerId)).size;
    const funnel = section(values, "Funnel");
    expect(funnel.get("graded")![0]).toBe(graded);
    expect(funnel.get("A or B")![1]).toBeCloseTo(ab / graded, 10);
    expect(funnel.get("ordered")![1]).toBeCloseTo(ordered / quoted, 10);
    // Reply speed.
    const hours = data.inquiries.map((q) => q.responseHours).filter((h): h is number => h !== null);
    const speed = section(values, "Reply speed");
    expect(speed.get("answered / 已回复")![0]).toBe(hours.length);
    expect(speed.get("average working hours / 平均工作小时")![0]).toBeCloseTo(
      hours.reduce((a, b) => a + b, 0) / hours.length,
      6,
    );
    expect(speed.get("within target / 目标内")![1]).toBeCloseTo(hours.filter((h) => h <= 2).length / hours.length, 10);
    expect(result.stats.buyers).toBe(60);
    // Bar charts are embedded too (dashboard-charts.test.ts checks them); the text bars stay.
    expect(result.charts).toBeGreaterThan(0);
    expect(String(section(values, "Region").values().next().value![2])).toMatch(/^█+$/);
  });

  it("R13: product requests are listed newest first for the boss, as literal text", () => {
    refreshDashboard(w.book, NOW);
    const sheet = w.book.getSheetByName(DASHBOARD_SHEET)!;
    const values = sheet.getDataRange().getValues();
    const start = values.findIndex((r) => String(r[0]).startsWith("Product requests"));
    expect(values.slice(start + 1).map((r) => r[1])).toEqual(["B-000009", "B-000003"]);
    expect(values[start + 1][3]).toBe('=IMPORTRANGE("x") custom logo');
    expect(sheet.getRange(start + 2, 4).getFormula()).toBe("");
  });

  it("refreshing again replaces the sheet's content (no stale rows)", () => {
    refreshDashboard(w.book, NOW);
    const first = w.book.getSheetByName(DASHBOARD_SHEET)!.getLastRow();
    refreshDashboard(w.book, NOW);
    expect(w.book.getSheetByName(DASHBOARD_SHEET)!.getLastRow()).toBe(first);
  });
});
