import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toPlain } from "../../src/domain/money";
import {
  type CompanyProfile,
  itemsCell,
  parseItemList,
  priceItems,
  type QuoteProduct,
  renderQuote,
  tierWarningText,
} from "../../src/domain/quote";
import { formatQuoteNumber, parseQuoteNumber } from "../../src/domain/quote-numbers";
import { DEFAULT_TEMPLATES, renderTemplate, TemplateError, templateFor } from "../../src/domain/quote-template";
import { DEFAULT_TIER_POLICY_TEXT, parseTierPolicy, type Tier } from "../../src/domain/tiers";
import type { Lang } from "../../src/i18n";

const FIXTURES = path.join(__dirname, "../fixtures/quotes");
const policy = parseTierPolicy({ ...DEFAULT_TIER_POLICY_TEXT, priceSensitiveAdjust: "-5%" });

function product(over: Partial<QuoteProduct> & { code: string }): QuoteProduct {
  return {
    name: "",
    model: "",
    spec: "",
    moq: null,
    unit: "pcs",
    currency: "USD",
    basePrice: "",
    tierPrices: "",
    leadTime: "",
    catalogueLink: "",
    ...over,
  };
}

const PRODUCTS = new Map(
  [
    product({
      code: "P-0001",
      name: "Stainless hinge",
      model: "HG-100",
      spec: "304 stainless, 100 mm",
      moq: 500,
      basePrice: "12.50",
      tierPrices: "standard: 12.50; price-sensitive: 11.80; value-added: 13.90",
      leadTime: "25 days",
      row: 2,
    }),
    product({ code: "P-0002", name: "Door stopper", model: "DS-20", moq: 1000, basePrice: "3.20", row: 3 }),
  ].map((p) => [p.code, p]),
);

const COMPANY: CompanyProfile = {
  name: "Acme Tools Co., Ltd.",
  founded: "1998",
  totalAssets: "USD 12 million",
  annualSales: "USD 30 million",
  awards: "ISO 9001, BSCI; Zhejiang Famous Brand 2019",
  contact: "Zhang Wei",
  phone: "+86 574 8888 0000",
  fax: "+86 574 8888 0001",
  email: "sales@acme-tools.cn",
  website: "www.acme-tools.cn",
};

describe("quote pricing (R3, R8)", () => {
  it("R3: a product's own tier price wins; otherwise the base price moves by the tier's percentage", () => {
    const items = [
      { code: "P-0001", qty: 500 },
      { code: "P-0002", qty: 1000 },
    ];
    const priced = (tier: Tier) => {
      const r = priceItems(items, PRODUCTS, tier, "USD", policy, "USD");
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r;
    };
    const ps = priced("price-sensitive");
    expect(ps.lines.map((l) => toPlain(l.unitPrice))).toEqual(["11.80", "3.04"]);
    expect(toPlain(ps.total)).toBe("8940.00");
    const va = priced("value-added");
    expect(va.lines.map((l) => toPlain(l.unitPrice))).toEqual(["13.90", "3.20"]);
    expect(toPlain(va.total)).toBe("10150.00");
    expect(itemsCell(va.lines)).toBe("P-0001 x 500 @ 13.90; P-0002 x 1000 @ 3.20");
  });

  it("R3: a value-added product without its own price or an uplift is a tier warning, not a silent base price", () => {
    const r = priceItems([{ code: "P-0002", qty: 1000 }], PRODUCTS, "value-added", "USD", policy, "USD");
    if (!r.ok) throw new Error("pricing failed");
    expect(r.tierWarnings).toEqual([{ code: "P-0002", tier: "value-added" }]);
    expect(r.lines[0].adjustment).toBe("none");
    expect(tierWarningText(r.tierWarnings[0], "en")).toMatch(/P-0002: no value-added price.*standard price/);
    // Nothing pays for the service, so the quote does not promise it (R3).
    const { text } = renderQuote(
      DEFAULT_TEMPLATES,
      "en",
      {
        number: "Q-2026-0002",
        date: "2026-11-23",
        validUntil: "2026-12-23",
        tier: "value-added",
        currency: "USD",
        incoterm: "FOB",
        port: "Ningbo",
        payment: "T/T",
        leadTime: "",
      },
      {
        buyerName: "Dana Miller",
        buyerCompany: "Miller Supply Inc.",
        senderName: "Li Na",
        company: COMPANY,
        catalogueLink: "",
      },
      r.lines,
      r.total,
    );
    expect(text).not.toContain("Service included in this price");
    const uplifted = priceItems([{ code: "P-0001", qty: 500 }], PRODUCTS, "value-added", "USD", policy, "USD");
    expect(uplifted.ok && uplifted.tierWarnings).toEqual([]);
  });

  it("R4: a quantity below the MOQ warns but still prices", () => {
    const r = priceItems([{ code: "P-0002", qty: 200 }], PRODUCTS, "standard", "USD", policy, "USD");
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.moqWarnings).toEqual([{ code: "P-0002", qty: 200, moq: 1000 }]);
  });

  it("R3: a bad Tier prices cell is reported with sheet, row, column and value, and no quote is built", () => {
    const bad = new Map(PRODUCTS);
    bad.set("P-0003", product({ code: "P-0003", basePrice: "5", tierPrices: "standard: 5; premium: 6", row: 4 }));
    const r = priceItems([{ code: "P-0003", qty: 10 }], bad, "standard", "USD", policy, "USD");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        {
          sheet: "Products",
          row: 4,
          column: "Tier prices",
          value: "standard: 5; premium: 6",
          problem: expect.stringContaining('unknown tier "premium"'),
        },
      ]);
  });

  it("refuses mixed currencies, missing prices and unknown products instead of guessing", () => {
    const odd = new Map(PRODUCTS);
    odd.set("P-0004", product({ code: "P-0004", currency: "EUR", basePrice: "1", row: 5 }));
    odd.set("P-0005", product({ code: "P-0005", row: 6 }));
    const r = priceItems(
      [
        { code: "P-0004", qty: 1 },
        { code: "P-0005", qty: 1 },
        { code: "P-0099", qty: 1 },
      ],
      odd,
      "standard",
      "USD",
      policy,
      "USD",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [5, "Currency"],
      [6, "Base price"],
    ]);
    expect(r.errors).toEqual(["product P-0099 is not in the Products sheet"]);
  });

  it("reads a CODE:QTY list", () => {
    expect(parseItemList("P-0001:500,P-0002:200")).toEqual([
      { code: "P-0001", qty: 500 },
      { code: "P-0002", qty: 200 },
    ]);
    expect(() => parseItemList("P-0001=5")).toThrow(/CODE:QTY/);
  });
});

describe("quote numbers", () => {
  it("Q-2026-0001 is written and read back with its year (the counting is test/store/ids.test.ts)", () => {
    expect(formatQuoteNumber(2026, 1)).toBe("Q-2026-0001");
    expect(parseQuoteNumber("Q-2026-0012")).toEqual({ year: 2026, n: 12 });
    expect(parseQuoteNumber("Q-26-1")).toBeUndefined();
  });
});

describe("templates (R30, R31)", () => {
  it("an unknown placeholder is an error, not text sent to a buyer", () => {
    expect(() => renderTemplate("Price: {{prise}}", { price: "1" })).toThrow(TemplateError);
  });

  it("drops lines whose placeholders are all empty and collapses blank runs", () => {
    const text = renderTemplate("A {{a}}\n\nFax: {{fax}}\n\n\nB", { a: "1", fax: "" });
    expect(text).toBe("A 1\n\nB\n");
  });

  it("R31: a template row in the sheet wins over the built-in one", () => {
    const rows = [{ kind: "quote" as const, lang: "en" as const, text: "Hello {{buyer.name}}" }];
    expect(templateFor(rows, "quote", "en")).toBe("Hello {{buyer.name}}");
    expect(templateFor(rows, "quote", "zh-CN")).toContain("感谢您的询价");
  });
});

describe("golden quote texts per tier and language (R2, R3, R9)", () => {
  const cases: [Lang, Tier][] = [
    ["en", "standard"],
    ["en", "price-sensitive"],
    ["en", "value-added"],
    ["zh-CN", "standard"],
    ["zh-CN", "price-sensitive"],
    ["zh-CN", "value-added"],
  ];
  it.each(cases)("R2, R9: %s %s quote matches its fixture", (lang, tier) => {
    const priced = priceItems(
      [
        { code: "P-0001", qty: 500 },
        { code: "P-0002", qty: 1000 },
      ],
      PRODUCTS,
      tier,
      "USD",
      policy,
      "USD",
    );
    if (!priced.ok) throw new Error("pricing failed");
    const { subject, text } = renderQuote(
      DEFAULT_TEMPLATES,
      lang,
      {
        number: "Q-2026-0001",
        date: "2026-11-23",
        validUntil: "2026-12-23",
        tier,
        currency: "USD",
        incoterm: "FOB",
        port: "Ningbo",
        payment: "T/T",
        leadTime: "25 days",
      },
      {
        buyerName: lang === "en" ? "Mr. Ahmed" : "王先生",
        buyerCompany: "Gulf Hardware LLC",
        senderName: "Li Na",
        company: COMPANY,
        catalogueLink: "https://acme-tools.cn/catalogue.pdf",
      },
      priced.lines,
      priced.total,
    );
    const file = path.join(FIXTURES, `${lang}-${tier}.txt`);
    const actual = `Subject: ${subject}\n\n${text}`;
    // UPDATE_GOLDEN=1 rewrites the fixtures after a deliberate template change; review the diff before committing.
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
    expect(actual).toBe(readFileSync(file, "utf8"));
    // R2: plain text only.
    expect(text).not.toMatch(/<[a-z]/i);
    const service = tier === "value-added";
    expect(text.includes(lang === "en" ? "Service included in this price" : "本报价已包含以下服务")).toBe(service);
  });
});
