/**
 * The identity corpus through the whole pull on the emulator (R21, R22, R26): what lands in Buyers and Inquiries,
 * not only what enrichment reads. `npm run corpus` prints the same figures.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type PullFigures, pullCorpus } from "../../fixtures/identity/pull-evaluate";

describe("identity corpus through the pull (R21, R22, R26)", () => {
  let f: PullFigures;
  beforeAll(() => {
    f = pullCorpus();
  });

  it("every mail is filed, none skipped, no problem", () => {
    expect(f.result.problems).toEqual([]);
    expect(f.result.skipped).toEqual({});
    expect(f.result.newInquiries).toBe(f.mails);
  });

  it("R21, R22: at least 90 % of company-domain senders are filed with company and country", () => {
    expect(f.companyMail.total).toBeGreaterThanOrEqual(40);
    expect(f.companyMail.companyAndCountry / f.companyMail.total).toBeGreaterThanOrEqual(0.9);
  });

  it("R22: every sender who wrote a phone with its country code is filed with a country", () => {
    expect(f.phone.total).toBeGreaterThanOrEqual(30);
    expect(f.phone.country).toBe(f.phone.total);
  });

  it("R4, R22: the catalogue products each inquiry names are on its row", () => {
    expect(f.products.total).toBeGreaterThanOrEqual(40);
    expect(f.products.matched / f.products.total).toBeGreaterThanOrEqual(0.95);
  });

  it("R26: faxes are filed by their number and its country; a gateway is never a buyer", () => {
    expect(f.faxes.filed).toBe(f.faxes.total);
    expect(f.faxes.gatewayAsBuyer).toBe(0);
  });

  it("R22: bad input leaves company, country or phone empty and the buyer's Evidence says why", () => {
    expect(f.why.total).toBeGreaterThanOrEqual(10);
    expect(
      f.cases.filter((c) => c.unexplained.length > 0).map((c) => `${c.name}: ${c.unexplained.join(", ")}`),
    ).toEqual([]);
  });

  it("R22: no filed fact contradicts the mail", () => {
    expect(f.cases.filter((c) => c.wrong.length > 0).map((c) => `${c.name}: ${c.wrong.join("; ")}`)).toEqual([]);
  });
});
