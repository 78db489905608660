import { describe, expect, it } from "vitest";
import { parseGradeChange } from "../../../src/features/reports/figures";
import { t } from "../../../src/i18n";

/** The sidebar writes grade changes as Follow-ups text; the weekly report reads them back (R10, R35). */
describe("grade-change text round trip", () => {
  it.each(["en", "zh-CN"] as const)("R35: a grade change logged in %s is read back by the report", (lang) => {
    expect(parseGradeChange(t(lang, "sb.graded", { was: "B", grade: "A" }))).toEqual({ from: "B", to: "A" });
    expect(parseGradeChange(t(lang, "sb.graded", { was: "–", grade: "C" }))).toEqual({ from: "", to: "C" });
  });
});
