import { describe, expect, it } from "vitest";
import { cleanRow, mapImportHeaders, mergePlan, planImport, rowValues } from "../../src/domain/import";

describe("import column mapping (R21)", () => {
  it("maps English and Chinese header synonyms; unknown headers are listed, not imported", () => {
    const m = mapImportHeaders([
      "公司名称",
      "Contact Person",
      "E-Mail",
      "手机",
      "国家/地区",
      "Lead source",
      "客户等级",
      "Shoe size",
    ]);
    expect(Object.fromEntries(m.index)).toEqual({
      company: 0,
      name: 1,
      email: 2,
      phone: 3,
      country: 4,
      source: 5,
      grade: 6,
    });
    expect(m.unmapped).toEqual(["Shoe size"]);
  });

  it("cleans a row: addresses split, country canonical with region, grade read leniently, show noted", () => {
    const m = mapImportHeaders(["Company", "Email", "Country", "Grade", "Show"]);
    const b = cleanRow(rowValues(m, ["Acme", "Ann@Acme.de; sales@acme.de", "de", "A级", "Canton Fair 2025"]));
    expect(b).toMatchObject({
      email: "ann@acme.de",
      otherEmails: "sales@acme.de",
      country: "Germany",
      region: "Europe",
      grade: "A",
      source: "trade-show",
      notes: "Trade show: Canton Fair 2025",
    });
    expect(cleanRow(rowValues(m, ["X", "", "", "", ""])).source).toBe("import");
  });
});

const base = {
  company: "",
  name: "",
  email: "",
  otherEmails: "",
  phone: "",
  website: "",
  country: "",
  region: "",
  city: "",
  nature: "",
  source: "import",
  grade: "",
  products: "",
  owner: "",
  notes: "",
};

describe("merge never overwrites (R21)", () => {
  it("fills empty fields, accumulates products and addresses, and lists conflicts side by side", () => {
    const existing = {
      ...base,
      company: "Acme",
      name: "Ann",
      email: "ann@acme.de",
      country: "Germany",
      products: "LED panel",
    };
    const incoming = {
      ...base,
      company: "ACME",
      name: "Anna",
      email: "sales@acme.de",
      country: "Germany",
      city: "Hamburg",
      products: "led panel; solar lamp",
    };
    const plan = mergePlan(existing, incoming);
    expect(plan.fills).toEqual({ city: "Hamburg", otherEmails: "sales@acme.de", products: "LED panel; solar lamp" });
    expect(plan.conflicts).toEqual([{ field: "name", inBook: "Ann", inFile: "Anna" }]);
  });

  it("plans created / merged / needs a person / invalid, with in-file duplicates merged into the first", () => {
    const book = [{ ...base, id: "B-1", company: "Acme", name: "Ann Lee", email: "ann@acme.de" }];
    const rows = [
      { ...base, company: "Acme", email: "ann@acme.de", phone: "+49 40 1" },
      { ...base, company: "New Co", email: "x@newco.com" },
      { ...base, company: "New Co", email: "y@newco.com", products: "lamp" },
      { ...base, name: "Ann Lee", email: "ann@gmail.com" },
      { ...base },
    ];
    const d = planImport(rows, book);
    expect(d.map((x) => x.kind)).toEqual(["merged", "created", "merged", "needs-person", "invalid"]);
    const created = d[1] as Extract<(typeof d)[number], { kind: "created" }>;
    expect(created.buyer.otherEmails).toBe("y@newco.com");
    expect(created.buyer.products).toBe("lamp");
  });
});
