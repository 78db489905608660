/**
 * Sample rules (R5, R27): the electronic sample goes first (instant, free, always current). A physical
 * sample is free and the courier is freight-collect; a buyer who offers to pay the courier himself is very
 * promising (suggest grade A; then sample quality decides); a large sample is paid first by T/T.
 */
import type { Lang } from "./lang";
import { compare, type Decimal, formatMoney } from "./money";

export type SampleKind = "electronic" | "physical";
export type FreightTerm = "collect" | "buyer-pays" | "prepaid-by-us" | "tt-prepayment";

export interface SampleRequest {
  kind: SampleKind;
  /** The buyer offered, unasked, to pay the courier (R27). */
  buyerOffersCourier: boolean;
  /** What the physical sample costs us, when known. */
  cost: Decimal | null;
  /** Whether this buyer has already had an electronic sample (R27: it comes first). */
  electronicAlreadySent: boolean;
}

export interface SamplePolicy {
  /** A physical sample costing more than this is paid first by T/T (Settings sample.largeCost). */
  largeCost: Decimal;
  currency: string;
  /** Days after delivery to ask for feedback (Settings sample.feedbackDays). */
  feedbackDays: number;
}

export interface SamplePlan {
  kind: SampleKind;
  /** "" for an electronic sample: nothing ships. */
  freight: FreightTerm | "";
  promising: boolean;
  /** The grade to suggest to the salesperson (never set automatically: the person decides, R10). */
  suggestGrade: "A" | "";
  prepaymentRequired: boolean;
  /** R27: physical asked before any electronic sample: the sidebar offers the electronic one first. */
  offerElectronicFirst: boolean;
  /** Rule IDs that decided the plan, for the person and the log. */
  rules: string[];
}

export function planSample(request: SampleRequest, policy: SamplePolicy): SamplePlan {
  if (request.kind === "electronic") {
    return {
      kind: "electronic",
      freight: "",
      promising: false,
      suggestGrade: "",
      prepaymentRequired: false,
      offerElectronicFirst: false,
      rules: ["electronic sample first — instant and free"],
    };
  }
  const rules: string[] = [];
  const large = request.cost !== null && compare(request.cost, policy.largeCost) > 0;
  const promising = request.buyerOffersCourier;
  let freight: FreightTerm = "collect";
  if (large) {
    freight = "tt-prepayment";
    rules.push(`large sample (over ${formatMoney(policy.largeCost, policy.currency)}) — T/T prepayment first`);
  } else if (promising) {
    freight = "buyer-pays";
    rules.push("free sample; the buyer offered to pay the courier");
  } else rules.push("free sample, freight collect");
  if (promising) rules.push("a buyer who offers to pay the courier is very promising — suggest grade A");
  return {
    kind: "physical",
    freight,
    promising,
    suggestGrade: promising ? "A" : "",
    prepaymentRequired: large,
    offerElectronicFirst: !request.electronicAlreadySent,
    rules: request.electronicAlreadySent ? rules : ["offer the electronic sample first", ...rules],
  };
}

/** A sample row is promising when the buyer pays the courier (the freight column keeps the flag). */
export function isPromisingSample(freight: string): boolean {
  return freight === "buyer-pays";
}

/**
 * The paragraph of the physical-sample reply that states who pays what (R27), en and zh-CN only. Superseded by
 * sample-terms.ts `sampleTerms` (seven languages, the buyer's courier account used, T/T with bank details);
 * kept until the sample job calls that.
 */
export function sampleTermsText(plan: SamplePlan, cost: Decimal | null, currency: string, lang: Lang): string {
  const amount = cost ? formatMoney(cost, currency) : "";
  if (lang === "zh-CN") {
    if (plan.freight === "tt-prepayment")
      return `此样品价值较高${amount ? `（约 ${amount}）` : ""}，需请您先通过 T/T 预付，款到后我们立即安排寄出。`;
    if (plan.freight === "buyer-pays")
      return "样品免费。感谢您愿意承担快递费用：请提供您的快递账号（DHL、FedEx、UPS 或 TNT），我们收到后即刻寄出。";
    return "样品免费，运费到付：请提供您的快递账号（DHL、FedEx、UPS 或 TNT），我们即刻安排寄出。";
  }
  if (plan.freight === "tt-prepayment")
    return `As this is a large sample${amount ? ` (about ${amount})` : ""}, we kindly ask for payment by T/T in advance; we ship as soon as it arrives.`;
  if (plan.freight === "buyer-pays")
    return "The sample is free of charge. Thank you for offering to cover the courier: please send us your courier account number (DHL, FedEx, UPS or TNT) and we ship at once.";
  return "The sample is free of charge; freight is collect. Please send us your courier account number (DHL, FedEx, UPS or TNT) and we ship at once.";
}
