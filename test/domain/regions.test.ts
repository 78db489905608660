import { describe, expect, it } from "vitest";
import { canonicalCountry, regionOf } from "../../src/domain/regions";

describe("countries and regions", () => {
  it("R3: the Middle East and Southeast Asia are their own regions; the United States is North America", () => {
    expect(regionOf("UAE")).toBe("Middle East");
    expect(regionOf("Vietnam")).toBe("Southeast Asia");
    expect(regionOf("us")).toBe("North America");
    expect(regionOf("Atlantis")).toBe("");
  });

  it("R17: names and codes fold to one canonical country name", () => {
    expect(canonicalCountry("usa")).toBe("United States");
    expect(canonicalCountry("US")).toBe("United States");
    expect(canonicalCountry("uk")).toBe("United Kingdom");
    expect(canonicalCountry("Dubai")).toBe("United Arab Emirates");
    expect(canonicalCountry(" Atlantis ")).toBe("Atlantis");
  });

  it("lets Settings override a country's region", () => {
    expect(regionOf("Turkey", new Map([["turkey", "Europe"]]))).toBe("Europe");
  });
});
