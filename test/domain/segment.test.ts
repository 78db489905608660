import { describe, expect, it } from "vitest";
import {
  describeSegment,
  matchesSegment,
  type SegmentBuyer,
  selectSegment,
  suppressionOf,
} from "../../src/domain/segment";

const NOW = new Date("2026-11-23T01:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

function buyer(over: Partial<SegmentBuyer>): SegmentBuyer {
  return {
    id: "B-000001",
    company: "Acme",
    name: "Ann",
    email: "ann@acme.de",
    country: "Germany",
    region: "Europe",
    city: "Hamburg",
    source: "alibaba",
    grade: "A",
    owner: "li@acme-tools.cn",
    status: "active",
    products: "LED panel; flood light",
    lastContact: daysAgo(10),
    notes: "",
    ...over,
  };
}

const BOOK: SegmentBuyer[] = [
  buyer({ id: "B-1", email: "a@de.de" }),
  buyer({ id: "B-2", email: "b@fr.fr", country: "France", grade: "B", products: "solar lamp", source: "trade-show" }),
  buyer({
    id: "B-3",
    email: "c@ae.ae",
    country: "United Arab Emirates",
    region: "Middle East",
    grade: "C",
    lastContact: daysAgo(40),
  }),
  buyer({
    id: "B-4",
    email: "d@us.com",
    country: "United States",
    region: "North America",
    grade: "",
    lastContact: null,
  }),
  buyer({ id: "B-5", email: "e@de.de", status: "unsubscribed" }),
  buyer({ id: "B-6", email: "f@de.de", status: "do-not-contact" }),
  buyer({ id: "B-7", email: "g@de.de", status: "bounced" }),
  buyer({ id: "B-8", email: "" }),
  buyer({ id: "B-9", email: "A@DE.de" }),
  buyer({ id: "B-10", email: "h@de.de", city: "Berlin", notes: "Met at Canton Fair 2025" }),
];

const ids = (list: SegmentBuyer[]) => list.map((b) => b.id);

describe("segment filters (R11, R12, R24)", () => {
  it("R24: picks buyers who asked about a product, by words inside 'Products asked'", () => {
    const r = selectSegment(BOOK, { products: ["Solar"] }, NOW);
    expect(ids(r.recipients)).toEqual(["B-2"]);
  });

  it("filters by grade (including ungraded ''), region, country, source, city and show", () => {
    expect(ids(selectSegment(BOOK, { grades: ["B", "C"] }, NOW).recipients)).toEqual(["B-2", "B-3"]);
    expect(ids(selectSegment(BOOK, { grades: [""] }, NOW).recipients)).toEqual(["B-4"]);
    expect(ids(selectSegment(BOOK, { regions: ["middle east"] }, NOW).recipients)).toEqual(["B-3"]);
    expect(ids(selectSegment(BOOK, { countries: ["France", "United States"] }, NOW).recipients)).toEqual([
      "B-2",
      "B-4",
    ]);
    expect(ids(selectSegment(BOOK, { sources: ["trade-show"] }, NOW).recipients)).toEqual(["B-2"]);
    expect(ids(selectSegment(BOOK, { cities: ["Berlin"] }, NOW).recipients)).toEqual(["B-10"]);
    expect(ids(selectSegment(BOOK, { show: "canton fair" }, NOW).recipients)).toEqual(["B-10"]);
  });

  it("filters by last contact: not contacted for N days includes never-contacted; contacted within N excludes them", () => {
    expect(ids(selectSegment(BOOK, { notContactedForDays: 30 }, NOW).recipients)).toEqual(["B-3", "B-4"]);
    expect(ids(selectSegment(BOOK, { contactedWithinDays: 15, countries: ["Germany"] }, NOW).recipients)).toEqual([
      "B-1",
      "B-10",
    ]);
  });

  it("combines fields with AND", () => {
    expect(matchesSegment(BOOK[0], { grades: ["A"], countries: ["Germany"] }, NOW)).toBe(true);
    expect(matchesSegment(BOOK[0], { grades: ["A"], countries: ["France"] }, NOW)).toBe(false);
  });

  it("R23/R16 suppression: never unsubscribed, do-not-contact, bounced or address-less buyers; one mail per address", () => {
    const r = selectSegment(BOOK, { countries: ["Germany"] }, NOW);
    expect(ids(r.recipients)).toEqual(["B-1", "B-10"]);
    const reasons = Object.fromEntries(r.suppressed.map((s) => [s.buyer.id, s.reason]));
    expect(reasons).toEqual({
      "B-5": "unsubscribed",
      "B-6": "do-not-contact",
      "B-7": "bounced",
      "B-8": "no-address",
      "B-9": "duplicate-address",
    });
    expect(suppressionOf({ status: "active", email: "x@y.com" })).toBeUndefined();
  });

  it("describes a filter in one line", () => {
    expect(describeSegment({})).toBe("all buyers");
    expect(describeSegment({ grades: ["A", ""], products: ["LED"] })).toBe("grade: A, (ungraded); products: LED");
  });
});
