import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../src/domain/money";
import { isPromisingSample, planSample, type SampleRequest, sampleTermsText } from "../../src/domain/samples";

const policy = { largeCost: parseDecimal("200"), currency: "USD", feedbackDays: 3 };
const physical = (over: Partial<SampleRequest> = {}): SampleRequest => ({
  kind: "physical",
  buyerOffersCourier: false,
  cost: parseDecimal("35"),
  electronicAlreadySent: true,
  ...over,
});

describe("sample rules (R5, R27)", () => {
  it("R27: the electronic sample ships nothing, costs nothing and is not a courier question", () => {
    const plan = planSample({ ...physical(), kind: "electronic" }, policy);
    expect(plan).toMatchObject({ kind: "electronic", freight: "", prepaymentRequired: false, promising: false });
    expect(plan.rules[0]).toMatch(/^electronic sample first/);
  });

  it("R27: a physical sample asked before any electronic one: offer the electronic first", () => {
    expect(planSample(physical({ electronicAlreadySent: false }), policy).offerElectronicFirst).toBe(true);
    expect(planSample(physical(), policy).offerElectronicFirst).toBe(false);
  });

  it("R27, R5: a physical sample is free and freight collect by default", () => {
    const plan = planSample(physical(), policy);
    expect(plan).toMatchObject({ freight: "collect", promising: false, suggestGrade: "", prepaymentRequired: false });
    expect(sampleTermsText(plan, parseDecimal("35"), "USD", "en")).toMatch(/free of charge; freight is collect/);
    expect(sampleTermsText(plan, null, "USD", "zh-CN")).toMatch(/样品免费，运费到付/);
  });

  it("R27: a buyer who offers to pay the courier is promising and grade A is suggested", () => {
    const plan = planSample(physical({ buyerOffersCourier: true }), policy);
    expect(plan).toMatchObject({ freight: "buyer-pays", promising: true, suggestGrade: "A" });
    expect(isPromisingSample(plan.freight)).toBe(true);
    expect(isPromisingSample("collect")).toBe(false);
  });

  it("R27: a large sample (over sample.largeCost) asks for T/T prepayment first", () => {
    const plan = planSample(physical({ cost: parseDecimal("200.01") }), policy);
    expect(plan).toMatchObject({ freight: "tt-prepayment", prepaymentRequired: true });
    expect(sampleTermsText(plan, parseDecimal("200.01"), "USD", "en")).toContain("T/T in advance");
    expect(sampleTermsText(plan, parseDecimal("200.01"), "USD", "en")).toContain("USD 200.01");
    // Exactly the threshold is not "over" it.
    expect(planSample(physical({ cost: parseDecimal("200.00") }), policy).freight).toBe("collect");
    // Unknown cost: cannot be judged large.
    expect(planSample(physical({ cost: null }), policy).freight).toBe("collect");
  });

  it("R27: a large sample from a buyer who offered the courier is still prepaid, and still promising", () => {
    const plan = planSample(physical({ cost: parseDecimal("500"), buyerOffersCourier: true }), policy);
    expect(plan).toMatchObject({ freight: "tt-prepayment", promising: true, suggestGrade: "A" });
  });
});
