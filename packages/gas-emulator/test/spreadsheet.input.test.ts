/**
 * The pieces behind Sheets' reading of typed input that the portable parsing suite does not reach one by one:
 * the constant-formula evaluator, edge cases of formula entry, and Java's lenient date parsing.
 * References: developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue,
 * docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html.
 */
import { describe, expect, it } from "vitest";
import { parseJavaDate } from "../src/services/dateparse";
import { parseInput } from "../src/spreadsheet/input";
import { literalFormulaValue } from "../src/spreadsheet/literal-formula";

const US = { timeZone: "UTC", locale: "en_US", nowMs: Date.UTC(2026, 2, 2) };

describe("constant formulas", () => {
  it.each([
    ["=1+2*3", 7],
    ["=(1+2)*3", 9],
    ["=-2^2", 4],
    ["=50%", 0.5],
    ["=+8613800001111", 8613800001111],
    ["=+86 574 1234", "#ERROR!"],
    ["=--", "#ERROR!"],
    ["=", "#ERROR!"],
    ["=-abc", "#NAME?"],
    ["=- see attached", "#ERROR!"],
    ["=1/0", "#DIV/0!"],
    ["=TRUE+1", 2],
  ])("%s is %j", (formula, value) => {
    expect(literalFormulaValue(formula)).toBe(value);
  });

  it.each(["=A1*2", "=SUM(1,2)", '="a"&"b"', "=Sheet1!B2", "=A1:B2"])("%s needs a formula engine", (f) => {
    expect(literalFormulaValue(f)).toBeUndefined();
  });
});

describe("formula entry edge cases", () => {
  it("a lone sign or equals sign is text; a leading space is not formula entry", () => {
    expect(parseInput("+", false, US)).toEqual({ value: "+" });
    expect(parseInput("-", false, US)).toEqual({ value: "-" });
    expect(parseInput("=", false, US)).toEqual({ value: "=" });
    expect(parseInput(" +86 574 1234", false, US)).toEqual({ value: " +86 574 1234" });
  });

  it("a phone number with dashes stays text; a negative percent and negative currency are numbers", () => {
    expect(parseInput("138-0000-1111", false, US)).toEqual({ value: "138-0000-1111" });
    expect(parseInput("-5%", false, US).value).toBe(-0.05);
    expect(parseInput("-$5.00", false, US).value).toBe(-5);
    expect(parseInput("$-5.00", false, US).value).toBe(-5);
  });

  it("words that start like a month are text unless they are a date", () => {
    expect(parseInput("March order 12", false, US)).toEqual({ value: "March order 12" });
    expect(parseInput("Mar 12", false, US).value).toEqual(new Date(Date.UTC(2026, 2, 12)));
    expect(parseInput("Feb 30", false, US)).toEqual({ value: "Feb 30" });
  });
});

describe("Utilities.parseDate (Java SimpleDateFormat)", () => {
  it("is lenient: month 13 rolls into the next year", () => {
    expect(parseJavaDate("2026-13-01", "UTC", "yyyy-MM-dd").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("a zone in the text wins over the argument", () => {
    expect(parseJavaDate("2026-03-02 08:00 +0800", "Europe/London", "yyyy-MM-dd HH:mm Z").toISOString()).toBe(
      "2026-03-02T00:00:00.000Z",
    );
    expect(parseJavaDate("2026-03-02T08:00:00Z", "Asia/Shanghai", "yyyy-MM-dd'T'HH:mm:ssX").toISOString()).toBe(
      "2026-03-02T08:00:00.000Z",
    );
  });

  it("text after the pattern is ignored, text that does not fit throws Java's message", () => {
    expect(parseJavaDate("2026-03-02 and more", "UTC", "yyyy-MM-dd").toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(() => parseJavaDate("02/03", "UTC", "yyyy-MM-dd")).toThrow('Unparseable date: "02/03"');
  });

  it("a wall time in a DST gap moves later, as Java's lenient calendar does", () => {
    // 2026-03-29 01:30 does not exist in London (clocks go 01:00 → 02:00).
    expect(parseJavaDate("2026-03-29 01:30", "Europe/London", "yyyy-MM-dd HH:mm").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });
});

describe("one formula filled over many cells", () => {
  it("moves references after a sheet name but never the sheet name itself", async () => {
    const { shiftFormula } = await import("../src/spreadsheet/a1");
    expect(shiftFormula("=Q1!A1+'Q2 2026'!B$2+$C3", 1, 1)).toBe("=Q1!B2+'Q2 2026'!C$2+$C4");
    expect(shiftFormula('=IF(A1="B2",SUM(A1:A3),0)', 2, 0)).toBe('=IF(A3="B2",SUM(A3:A5),0)');
    expect(shiftFormula("=LOG10(A1)", 1, 0)).toBe("=LOG10(A2)");
  });
});
