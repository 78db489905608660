import { describe, expect, it } from "vitest";
import { matchProducts, productMatcher } from "../../src/domain/products";
import { CATALOGUE } from "../fixtures/identity/catalogue";

const codes = (text: string) => matchProducts(CATALOGUE, text).map((m) => m.code);

describe("R22: which catalogue products an inquiry asks about", () => {
  it("by model number, however it is written", () => {
    expect(codes("Please quote HB150")).toEqual(["P-0001"]);
    expect(codes("need fl 100 x 500")).toEqual(["P-0002"]);
    expect(matchProducts(CATALOGUE, "T8-18 tubes")[0].evidence).toBe("model 'T8-18'");
  });

  it("by name words, singular or plural, the fuller match winning", () => {
    expect(codes("2,000 pcs of 150W LED high bay lights")).toEqual(["P-0001"]);
    expect(codes("price of your 100W flood lights")).toEqual(["P-0002"]);
    expect(codes("flood lights 50W please")).toEqual(["P-0003"]);
  });

  it("by the catalogue's keywords in any language", () => {
    expect(codes("请报价投光灯")).toEqual(["P-0002"]);
    expect(codes("Нужна светодиодная панель")).toEqual(["P-0005"]);
    expect(codes("đèn âm trần 12W")).toEqual(["P-0007"]);
    expect(codes("LED 패널 견적")).toEqual(["P-0005"]);
  });

  it("a Russian or Ukrainian keyword in any case or number", () => {
    expect(codes("Просим предложение на светодиодные панели 600x600")).toEqual(["P-0005"]);
    expect(codes("цена светодиодных панелей")).toEqual(["P-0005"]);
    expect(codes("нужно 40 прожекторов")).toEqual(["P-0002"]);
    expect(codes("панельный дом")).toEqual([]);
  });

  it("never on one short common word", () => {
    expect(codes("We need LED lights")).toEqual([]);
    expect(codes("lamp price")).toEqual([]);
    expect(codes("light")).toEqual([]);
    expect(codes("")).toEqual([]);
  });

  it("a catalogue row without a code or with odd values is skipped, not a crash", () => {
    const m = productMatcher([{ code: "", name: "X" }, { code: "P-9", name: "", model: "1" }, ...CATALOGUE]);
    expect(m.match("HB-150").map((x) => x.code)).toEqual(["P-0001"]);
  });
});
