/**
 * Finding a buyer on a book of thousands (buyer-search.ts): the quick way reads only the rows a server-side
 * search names, and lists the same buyers, in the same order, as the buyer matching run over the whole book;
 * queries the quick way cannot answer (other scripts, spellings it cannot see) take the whole way.
 */
import { describe, expect, it } from "vitest";
import { buildBuyerIndex, findBuyers } from "../../../src/domain/matching";
import type { BuyerHitView } from "../../../src/features/desk/types";
import type { Buyer } from "../../../src/store/schemas";
import { ALICE, BOB, buyerRow, makeWorld, type World } from "../../support/world";

const CITIES = ["Hamburg", "Dubai", "Lagos", "Lima", "Busan", "Perth", "Riyadh", "Kazan"];
const BOOK = 2_000;

function buyers(): Buyer[] {
  const out = Array.from({ length: BOOK }, (_, i) =>
    buyerRow({
      id: `B-${String(i + 1).padStart(6, "0")}`,
      company: `${CITIES[i % CITIES.length]} Lighting ${i + 1} ${i % 3 === 0 ? "GmbH" : "Trading LLC"}`,
      name: `Contact ${i + 1}`,
      email: `buyer${i + 1}@company${i + 1}.example`,
      phone: i % 5 === 0 ? `+49 40 ${String(1_000_000 + i)}` : "",
      country: "Germany",
      owner: i % 2 ? ALICE : BOB,
    }),
  );
  const at = (n: number, b: Partial<Buyer>) => Object.assign(out[n], b);
  at(10, { company: "Müller Leuchten GmbH", name: "Jürgen Müller", email: "j.mueller@mueller-leuchten.de" });
  at(20, { company: "深圳大文贸易有限公司", name: "陈大文", email: "dmchan@163.com" });
  at(30, { company: "ООО Светлый Дом", name: "Иван Петров", email: "ivan@svetdom.ru" });
  at(40, { company: "Al Noor Building Materials Trading LLC", name: "Omar", phone: "+971 4 555 0101" });
  // Another Chen Dawen, written in Latin letters: a search for the name finds this row by its letters.
  at(50, { company: "Chen Brothers Trading Ltd", name: "Chen Dawen", email: "dawen@chenbrothers.example" });
  return out;
}

function world(): World {
  return makeWorld({ buyers: buyers() });
}

/** The whole-book answer: the buyer matching over every row. */
function oracle(query: string): string[] {
  const index = buildBuyerIndex(
    buyers().map((b) => ({
      id: b.id,
      email: b.email,
      emails: [],
      company: b.company,
      website: b.website,
      phone: b.phone,
      name: b.name,
    })),
  );
  return findBuyers(index, query, 30).map((h) => h.buyerId);
}

function search(w: World, query: string): { ids: string[]; cells: number; finds: number } {
  const meter = w.env.ctx.meter;
  meter.reset();
  const ids = w.ok<BuyerHitView[]>(ALICE, "searchBuyers", { query }).map((h) => h.id);
  const summary = meter.summary();
  return {
    ids,
    cells: summary.find((s) => s.type === "Spreadsheet.read")?.units ?? 0,
    finds: summary.find((s) => s.type === "Spreadsheet.find")?.calls ?? 0,
  };
}

describe("buyer search on a book of 2,000 buyers (R21, R22)", () => {
  it("R21, R22: company words, address, domain, phone and an unaccented spelling: the rows found, nothing more read", () => {
    const w = world();
    for (const query of [
      "Dubai Lighting 1234",
      "buyer77@company77.example",
      "company1500.example",
      "Mueller",
      "Muller",
    ]) {
      const r = search(w, query);
      expect(r.ids, query).toEqual(oracle(query));
      expect(r.finds, query).toBeLessThanOrEqual(3);
      // Far less than the seven columns a buyer is found by, over every row (14,000 cells).
      expect(r.cells, query).toBeLessThan(2_500);
    }
    expect(search(w, "Muller").ids).toContain("B-000011"); // "Müller": the accented form is found
    const phone = search(w, "+49-40-100-0005");
    expect(phone.ids).toEqual(["B-000006"]);
    expect(phone.cells).toBeLessThan(2_500);
    expect(search(w, "00971 4 5550101").ids).toEqual(["B-000041"]);
  });

  it("R22: a Chinese name is found by its pinyin and by its characters; Cyrillic takes the whole way", () => {
    const w = world();
    for (const query of ["Chen Dawen", "陈大文", "大文贸易", "Петров", "Светлый"]) {
      const r = search(w, query);
      expect(r.ids, query).toEqual(oracle(query));
      expect(r.ids.length, query).toBeGreaterThan(0);
    }
    // Both Chen Dawens: the one written in Latin letters and the one written in Chinese (by pinyin).
    expect(search(w, "Chen Dawen").ids).toEqual(expect.arrayContaining(["B-000021", "B-000051"]));
    expect(search(w, "Chen Dawen").cells).toBeLessThan(2_500);
    // The whole way reads the seven find columns of every row, not all 26.
    expect(search(w, "陈大文").cells).toBeLessThan(BOOK * 8 + 500);
  });

  it("R21: a word on too many rows, or too short, takes the whole way and still lists the same buyers", () => {
    const w = world();
    for (const query of ["Lighting", "Li", "Trading LLC Lagos"]) {
      const r = search(w, query);
      expect(r.ids, query).toEqual(oracle(query));
    }
    expect(search(w, "Lighting").ids).toHaveLength(30);
  });

  it("R21: nothing found says so, after looking the whole way", () => {
    const w = world();
    const r = search(w, "Zanzibar Cranes");
    expect(r.ids).toEqual([]);
    // Its longest word, and (two words of letters: maybe a name in pinyin) the contacts written in Chinese.
    expect(r.finds).toBe(2);
  });

  it("R21: columns moved by a person: the quick way notices and the answer is still right", () => {
    const w = world();
    search(w, "Dubai Lighting 1234"); // the header is cached
    w.env.ctx.meter.quietly(() => {
      const sheet = w.book.getSheetByName("Buyers")!;
      const rows = sheet.getLastRow();
      const company = sheet.getRange(1, 2, rows, 1).getValues();
      const name = sheet.getRange(1, 3, rows, 1).getValues();
      sheet.getRange(1, 2, rows, 1).setValues(name);
      sheet.getRange(1, 3, rows, 1).setValues(company);
    });
    expect(search(w, "Hamburg Lighting 1601").ids).toEqual(oracle("Hamburg Lighting 1601"));
    expect(search(w, "Contact 77").ids).toEqual(oracle("Contact 77"));
  });
});
