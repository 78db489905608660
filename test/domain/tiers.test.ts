import { describe, expect, it } from "vitest";
import { toPlain } from "../../src/domain/money";
import { DEFAULT_TIER_POLICY_TEXT, parseTierPolicy, parseTierPrices, tierForCountry } from "../../src/domain/tiers";

const policy = parseTierPolicy(DEFAULT_TIER_POLICY_TEXT);

describe("price tiers (R3)", () => {
  it("R3: the Middle East and Southeast Asia are price-sensitive by default", () => {
    for (const c of ["UAE", "Saudi Arabia", "Vietnam", "TH", "Indonesia"])
      expect(tierForCountry(c, policy)).toBe("price-sensitive");
  });

  it("R3: the United States is value-added by default; Canada and others are standard", () => {
    expect(tierForCountry("USA", policy)).toBe("value-added");
    expect(tierForCountry("us", policy)).toBe("value-added");
    expect(tierForCountry("United States", policy)).toBe("value-added");
    expect(tierForCountry("Canada", policy)).toBe("standard");
    expect(tierForCountry("Germany", policy)).toBe("standard");
    expect(tierForCountry("", policy)).toBe("standard");
    expect(tierForCountry("Atlantis", policy)).toBe("standard");
  });

  it("R3: Settings may name regions or countries; a country beats a region", () => {
    const custom = parseTierPolicy({
      ...DEFAULT_TIER_POLICY_TEXT,
      priceSensitive: "Middle East, South Asia; Turkey",
      valueAdded: "North America, Europe",
    });
    expect(tierForCountry("India", custom)).toBe("price-sensitive");
    expect(tierForCountry("Canada", custom)).toBe("value-added");
    expect(tierForCountry("DE", custom)).toBe("value-added");
    const countryWins = parseTierPolicy({
      ...DEFAULT_TIER_POLICY_TEXT,
      priceSensitive: "Europe",
      valueAdded: "Germany",
    });
    expect(tierForCountry("Germany", countryWins)).toBe("value-added");
    expect(tierForCountry("France", countryWins)).toBe("price-sensitive");
  });

  it("reports a bad tier percentage by Settings key and value", () => {
    const problems: string[] = [];
    const p = parseTierPolicy({ ...DEFAULT_TIER_POLICY_TEXT, priceSensitiveAdjust: "minus five" }, problems);
    expect(problems).toEqual([expect.stringContaining('Settings tier.price-sensitive.adjust: "minus five"')]);
    expect(p.adjust["price-sensitive"].units).toBe(0);
  });

  it("R3: reads a Tier prices cell strictly", () => {
    const r = parseTierPrices("standard: 12.50; price-sensitive: 11.80； value-added：13.90");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(toPlain(r.prices.standard!)).toBe("12.50");
    expect(toPlain(r.prices["price-sensitive"]!)).toBe("11.80");
    expect(toPlain(r.prices["value-added"]!)).toBe("13.90");
    expect(parseTierPrices("")).toEqual({ ok: true, prices: {} });
  });

  it.each([
    ["standard 12.50", /not "tier: price"/],
    ["premium: 15", /unknown tier "premium"/],
    ["standard: 12; standard: 13", /appears twice/],
    ["standard: 12,5", /not an amount/],
  ])("R3: a bad Tier prices cell %j is a problem, never a half-read price", (text, problem) => {
    const r = parseTierPrices(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });
});
