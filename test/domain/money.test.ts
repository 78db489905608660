import { describe, expect, it } from "vitest";
import {
  add,
  adjustByPercent,
  compare,
  formatMoney,
  MoneyError,
  parseDecimal,
  parsePercent,
  round,
  sum,
  times,
  toPlain,
} from "../../src/domain/money";

const d = (s: string) => parseDecimal(s);

describe("money: exact decimal arithmetic (R8: the quote must be accurate)", () => {
  it("0.1 + 0.2 is exactly 0.3 (no float drift)", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toPlain(add(d("0.1"), d("0.2")))).toBe("0.3");
    expect(compare(add(d("0.1"), d("0.2")), d("0.30"))).toBe(0);
  });

  it("price x quantity is exact where floats drift", () => {
    // 1.15 * 100 = 114.99999999999999 in floats.
    expect(1.15 * 100).not.toBe(115);
    expect(toPlain(times(d("1.15"), 100))).toBe("115.00");
    expect(toPlain(times(d("12.35"), 500))).toBe("6175.00");
    expect(toPlain(times(d("0.0125"), 80_000))).toBe("1000.0000");
  });

  it("sums many small amounts exactly", () => {
    const tenCents = Array.from({ length: 1000 }, () => d("0.10"));
    expect(toPlain(sum(tenCents))).toBe("100.00");
    let float = 0;
    for (let i = 0; i < 1000; i += 1) float += 0.1;
    expect(float).not.toBe(100);
  });

  it("parses typed amounts: grouping, full-width digits, spaces", () => {
    expect(d("12.50")).toEqual({ units: 1250, scale: 2 });
    expect(d("1,234.5")).toEqual({ units: 12345, scale: 1 });
    expect(d(" １２.５ ")).toEqual({ units: 125, scale: 1 });
    expect(d("1,234,567")).toEqual({ units: 1234567, scale: 0 });
    expect(d("0.0125")).toEqual({ units: 125, scale: 4 });
  });

  it.each(["12,5", "1.234,50", "-3", "$12", "12.5.1", "", "abc", "1,23", "0.00001"])(
    "refuses ambiguous or bad amount %j",
    (s) => {
      expect(() => parseDecimal(s)).toThrow(MoneyError);
    },
  );

  it("rounds half-up (documented default) and half-even on request", () => {
    expect(toPlain(round(d("2.345"), 2))).toBe("2.35");
    expect(toPlain(round(d("2.344"), 2))).toBe("2.34");
    expect(toPlain(round(d("2.345"), 2, "half-even"))).toBe("2.34");
    expect(toPlain(round(d("2.355"), 2, "half-even"))).toBe("2.36");
    expect(toPlain(round(d("2.3451"), 2, "half-even"))).toBe("2.35");
    // 1.005 in floats is 1.00499999999999989..., so Math.round(1.005 * 100) / 100 gives 1 — not here.
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(toPlain(round(d("1.005"), 2))).toBe("1.01");
  });

  it("applies tier percentages exactly: 12.50 - 5% = 11.875 -> 11.88; +12.5% keeps cents", () => {
    expect(toPlain(adjustByPercent(d("12.50"), parsePercent("-5%"), 2))).toBe("11.88");
    expect(toPlain(adjustByPercent(d("12.50"), parsePercent("-5%"), 3))).toBe("11.875");
    expect(toPlain(adjustByPercent(d("12.50"), parsePercent("-5%"), 2, "half-even"))).toBe("11.88");
    expect(toPlain(adjustByPercent(d("10.00"), parsePercent("+12.5 %"), 2))).toBe("11.25");
    expect(toPlain(adjustByPercent(d("19.99"), parsePercent("0"), 2))).toBe("19.99");
    expect(() => adjustByPercent(d("1"), parsePercent("-150"), 2)).toThrow(MoneyError);
    expect(() => parsePercent("five")).toThrow(MoneyError);
  });

  it("refuses results beyond safe integers rather than lose a cent", () => {
    expect(() => times(d("99999999999.99"), 1_000_000)).toThrow(/too large/);
    expect(() => times(d("1"), 1.5)).toThrow(MoneyError);
  });

  it("formats with the ISO code, grouping and at least the currency's minor digits", () => {
    expect(formatMoney(d("6250"), "usd")).toBe("USD 6,250.00");
    expect(formatMoney(d("1234567.5"), "EUR")).toBe("EUR 1,234,567.50");
    expect(formatMoney(d("0.0125"), "USD")).toBe("USD 0.0125");
    expect(formatMoney(d("1500"), "JPY")).toBe("JPY 1,500");
    expect(formatMoney({ units: -150, scale: 2 }, "USD")).toBe("USD -1.50");
  });
});
