import { describe, expect, it } from "vitest";
import { GRADE_DEFINITIONS, GRADES, gradeLabel, gradeRank, isGrade, parseGrade } from "../../src/domain/grades";

describe("grades", () => {
  it("R10: there are exactly four grades, A to D", () => {
    expect(GRADES).toEqual(["A", "B", "C", "D"]);
    expect(isGrade("A")).toBe(true);
    expect(isGrade("a")).toBe(false);
    expect(isGrade("E")).toBe(false);
    expect(isGrade(1)).toBe(false);
  });

  it("R18: each grade has its definition in English and Chinese", () => {
    expect(GRADE_DEFINITIONS.A.en).toMatch(/clear intent/i);
    expect(GRADE_DEFINITIONS.C["zh-CN"]).toContain("长线采购");
    expect(GRADE_DEFINITIONS.D["zh-CN"]).toContain("意向不明确");
    for (const g of GRADES) {
      expect(GRADE_DEFINITIONS[g].en.length).toBeGreaterThan(10);
      expect(GRADE_DEFINITIONS[g]["zh-CN"].length).toBeGreaterThan(5);
    }
    expect(gradeLabel("B", "zh-CN")).toBe("B级：有意向，但有些犹豫，需要通过努力才能争取的客户。");
    expect(gradeLabel("A", "en")).toBe("A — Clear intent, likely to close.");
  });

  it("ranks A first and ungraded last", () => {
    expect([gradeRank("A"), gradeRank("D"), gradeRank(undefined)]).toEqual([0, 3, 4]);
  });
});

describe("parseGrade", () => {
  it.each([
    ["A", "A"],
    ["a ", "A"],
    [" b", "B"],
    ["A级", "A"],
    ["C級", "C"],
    ["D类客户", "D"],
    ["Ａ", "A"],
    ["ｂ", "B"],
    ["Ｃ级", "C"],
    ["Grade A", "A"],
    ["class b", "B"],
    ["A-grade", "A"],
  ])("R10: reads %j as grade %s", (raw, grade) => {
    expect(parseGrade(raw)).toEqual({ ok: true, grade });
  });

  it("treats a blank cell as ungraded, not as an error", () => {
    for (const raw of ["", "   ", "\u3000", null, undefined])
      expect(parseGrade(raw)).toEqual({ ok: true, grade: undefined });
  });

  it.each(["E", "A+", "AB", "1", "grade", "hot"])("rejects %j with the raw text in the error", (raw) => {
    const parsed = parseGrade(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.raw).toBe(raw);
      expect(parsed.message).toContain("A, B, C or D");
    }
  });
});
