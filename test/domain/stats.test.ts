import { describe, expect, it } from "vitest";
import { countBy, gradeFunnel, mostAskedProducts, replySpeed, textBar } from "../../src/domain/stats";

const b = (id: string, over: Partial<{ grade: string; products: string }> = {}) => ({
  id,
  region: "",
  country: "",
  nature: "",
  source: "",
  grade: "",
  status: "active",
  products: "",
  ...over,
});

describe("statistics (R17)", () => {
  it("counts by key, most first, blanks as (unknown)", () => {
    expect(countBy(["x", "y", "x", ""], (s) => s)).toEqual([
      { key: "x", count: 2 },
      { key: "(unknown)", count: 1 },
      { key: "y", count: 1 },
    ]);
  });

  it("R17: most-asked products count inquiries, plus products of buyers without inquiries (imported)", () => {
    const buyers = [b("B-1", { products: "LED panel; Solar lamp" }), b("B-2", { products: "led panel" })];
    const inquiries = [
      { buyerId: "B-1", product: "LED Panel", receivedAt: null, repliedAt: null, responseHours: null },
      { buyerId: "B-1", product: "Flood light", receivedAt: null, repliedAt: null, responseHours: null },
    ];
    expect(mostAskedProducts(buyers, inquiries)).toEqual([
      { key: "LED Panel", count: 2 },
      { key: "Flood light", count: 1 },
    ]);
  });

  it("grade funnel with conversion from the stage before", () => {
    const buyers = [b("B-1", { grade: "A" }), b("B-2", { grade: "C" }), b("B-3"), b("B-4", { grade: "B" })];
    const quotes = [
      { buyerId: "B-1", status: "accepted" },
      { buyerId: "B-1", status: "sent" },
      { buyerId: "B-4", status: "draft" },
    ];
    expect(gradeFunnel(buyers, quotes).map((s) => [s.stage, s.count, s.conversion])).toEqual([
      ["buyers", 4, 1],
      ["graded", 3, 0.75],
      ["A or B", 2, 2 / 3],
      ["quoted", 1, 0.5],
      ["ordered", 1, 1],
    ]);
  });

  it("R8: reply speed median, average and shares within target and limit", () => {
    const q = (h: number | null) => ({ buyerId: "", product: "", receivedAt: null, repliedAt: null, responseHours: h });
    const r = replySpeed([q(1), q(3), q(0.5), q(30), q(null)], 2, 24);
    expect(r).toEqual({
      inquiries: 5,
      answered: 4,
      unanswered: 1,
      medianHours: 2,
      averageHours: 8.625,
      withinTarget: 0.5,
      withinLimit: 0.75,
    });
  });

  it("text bars scale to the largest count", () => {
    expect(textBar(10, 10, 5)).toBe("█████");
    expect(textBar(1, 100, 5)).toBe("█");
    expect(textBar(0, 10)).toBe("");
  });
});
