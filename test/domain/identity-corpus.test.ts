import { describe, expect, it } from "vitest";
import { evaluateCorpus } from "../fixtures/identity/evaluate";
import { MAILS } from "../fixtures/identity/mails";

describe("R21/R22: buyer facts read from the identity corpus", () => {
  const figures = evaluateCorpus();

  it("has at least 60 mails in the ten languages", () => {
    expect(MAILS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(MAILS.map((m) => m.lang)).size).toBe(10);
  });

  it("R21: at least 90 % of company-domain senders get a company and a country", () => {
    const { total, companyAndCountry } = figures.companyMail;
    expect(total).toBeGreaterThanOrEqual(30);
    expect(companyAndCountry / total).toBeGreaterThanOrEqual(0.9);
  });

  it("R22: every sender who wrote a phone number with a country code gets a country", () => {
    expect(figures.phone.total).toBeGreaterThanOrEqual(20);
    expect(figures.phone.country).toBe(figures.phone.total);
  });

  it("R22: the catalogue products each mail asks about are found", () => {
    expect(figures.products.matched).toBe(figures.products.total);
  });

  it("R22: bad input (a signature that says nothing, an unknown country, a phone without country code, an empty company) leaves the field empty with the reason", () => {
    expect(figures.why.total).toBeGreaterThanOrEqual(10);
    expect(figures.results.filter((r) => r.unexplained.length > 0).map((r) => r.c.name)).toEqual([]);
  });

  it.each(figures.results.map((r) => [r.c.name, r] as const))("R22: no fact contradicts the mail — %s", (_n, r) => {
    expect(r.wrong).toEqual([]);
    // Every field is accounted for: a fact with the evidence it was taken from, or a note why it is empty.
    for (const field of ["company", "country", "phone"] as const) {
      expect(r.facts.evidence.some((e) => e.field === field)).toBe(true);
      if (r.facts[field]) expect(r.facts.evidence.some((e) => e.field === field && e.used)).toBe(true);
    }
  });
});
