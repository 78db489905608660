import { describe, expect, it } from "vitest";
import type { BuyerLang } from "../../src/domain/buyer-language";
import { parseChargeTable } from "../../src/domain/freight";
import { parseRateTable } from "../../src/domain/fx";
import { toPlain } from "../../src/domain/money";
import { type PricedQuote, type PricingRequest, priceQuote } from "../../src/domain/pricing";
import { INCOTERMS, type Incoterm, type QuoteItem } from "../../src/domain/quote";
import { renderQuotation, renderQuoteMail } from "../../src/domain/quote-text";
import type { Tier } from "../../src/domain/tiers";
import { golden } from "../fixtures/pricing/golden";
import { BUYERS, CHARGES, COMPANY, FREIGHT_ROWS, POLICY, PRODUCTS, RATES, SENDER } from "../fixtures/pricing/world";

const HINGES_AND_STOPPERS: QuoteItem[] = [
  { code: "P-0001", qty: 500 },
  { code: "P-0002", qty: 1000 },
];

function request(over: Partial<PricingRequest> = {}): PricingRequest {
  return {
    items: HINGES_AND_STOPPERS,
    products: PRODUCTS,
    tier: "standard",
    policy: POLICY,
    currency: "USD",
    defaultCurrency: "USD",
    incoterm: "CIF",
    loadingPort: "Ningbo",
    destination: { port: "Jebel Ali", country: "United Arab Emirates" },
    charges: CHARGES.rates,
    rates: RATES.table,
    today: "2026-11-23",
    ...over,
  };
}

function priced(over: Partial<PricingRequest> = {}): PricedQuote {
  const r = priceQuote(request(over));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.quote;
}

const FACTS = {
  number: "Q-2026-0042",
  date: "2026-11-23",
  validUntil: "2026-12-23",
  buyerCompany: "Gulf Hardware LLC",
  payment: "T/T",
  leadTime: "",
};

describe("the Freight sheet and rates are read strictly (R8)", () => {
  it("R8: every Freight row in the world fixture is understood", () => {
    expect(CHARGES.problems).toEqual([]);
    expect(CHARGES.rates).toHaveLength(FREIGHT_ROWS.length);
    expect(RATES.problems).toEqual([]);
  });

  it("R8: a bad Freight row is reported by sheet, row, column and value, and left out", () => {
    const { rates, problems } = parseChargeTable([
      {
        destination: "Jebel Ali",
        component: "freight",
        basis: "per container",
        amount: "850",
        currency: "USD",
        loadingPort: "",
        row: 2,
      },
      {
        destination: "Jebel Ali",
        component: "shipping",
        basis: "shipment",
        amount: "850",
        currency: "USD",
        loadingPort: "",
        row: 3,
      },
      {
        destination: "Jebel Ali",
        component: "freight",
        basis: "shipment",
        amount: "8,50",
        currency: "USD",
        loadingPort: "",
        row: 4,
      },
      {
        destination: "Jebel Ali",
        component: "freight",
        basis: "shipment",
        amount: "850",
        currency: "",
        loadingPort: "",
        row: 5,
      },
      {
        destination: "",
        component: "freight",
        basis: "shipment",
        amount: "850",
        currency: "USD",
        loadingPort: "",
        row: 6,
      },
      { destination: "", component: "", basis: "", amount: "", currency: "", loadingPort: "", row: 7 },
    ]);
    expect(rates).toEqual([]);
    expect(problems.map((p) => [p.sheet, p.row, p.column, p.value])).toEqual([
      ["Freight", 2, "Basis", "per container"],
      ["Freight", 3, "Component", "shipping"],
      ["Freight", 4, "Amount", "8,50"],
      ["Freight", 5, "Currency", ""],
      ["Freight", 6, "Destination", ""],
    ]);
  });

  it("R8: the port row beats the country row, which beats the region row, which beats *", () => {
    const { rates } = parseChargeTable([
      {
        destination: "*",
        component: "insurance",
        basis: "percent",
        amount: "0.5",
        currency: "",
        loadingPort: "",
        row: 2,
      },
      {
        destination: "Middle East",
        component: "insurance",
        basis: "percent",
        amount: "0.4",
        currency: "",
        loadingPort: "",
        row: 3,
      },
      {
        destination: "UAE",
        component: "insurance",
        basis: "percent",
        amount: "0.3",
        currency: "",
        loadingPort: "",
        row: 4,
      },
      {
        destination: "Jebel Ali",
        component: "insurance",
        basis: "percent",
        amount: "0.2",
        currency: "",
        loadingPort: "",
        row: 5,
      },
    ]);
    const rowFor = (port: string, country: string) => {
      const q = priced({ charges: rates, incoterm: "CIF", destination: { port, country } });
      return q.charges.find((c) => c.component === "insurance")?.rate;
    };
    // Freight is missing in this table, so insurance (a percent of the CFR value) cannot be priced...
    expect(rowFor("Jebel Ali", "UAE")).toBeNull();
    // ...but the lookup itself picks the most specific row.
    const withFreight = [
      ...rates,
      ...parseChargeTable([
        {
          destination: "*",
          component: "freight",
          basis: "shipment",
          amount: "1000",
          currency: "USD",
          loadingPort: "",
          row: 6,
        },
      ]).rates,
    ];
    const pct = (port: string, country: string) =>
      toPlain(
        priced({ charges: withFreight, destination: { port, country } }).charges.find(
          (c) => c.component === "insurance",
        )!.rate!,
      );
    expect(pct("Jebel Ali", "UAE")).toBe("0.2");
    expect(pct("Sharjah", "United Arab Emirates")).toBe("0.3");
    expect(pct("Dammam", "Saudi Arabia")).toBe("0.4");
    expect(pct("Hamburg", "Germany")).toBe("0.5");
  });

  it("R8: two rows for one component at the same level refuse the quote, naming both rows", () => {
    const twice = parseChargeTable([
      {
        destination: "Jebel Ali",
        component: "freight",
        basis: "shipment",
        amount: "850",
        currency: "USD",
        loadingPort: "",
        row: 2,
      },
      {
        destination: "jebel ali",
        component: "海运费",
        basis: "每票",
        amount: "900",
        currency: "USD",
        loadingPort: "",
        row: 9,
      },
    ]);
    const r = priceQuote(request({ charges: twice.rates, incoterm: "CFR" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.row)).toEqual([2, 9]);
  });
});

describe("prices per Incoterm (R3, R8)", () => {
  it.each(INCOTERMS.filter((t) => t !== "EXW"))("R8: %s build-up adds exactly its components", (term) => {
    const q = priced({
      incoterm: term,
      items: [...HINGES_AND_STOPPERS, { code: "P-0003", qty: 2000 }],
      destination: { port: "Dubai", country: "UAE", dischargePort: "Jebel Ali" },
    });
    const expected: Record<Exclude<Incoterm, "EXW">, string[]> = {
      FOB: ["origin"],
      CFR: ["origin", "freight"],
      CIF: ["origin", "freight", "insurance"],
      DAP: ["origin", "freight", "delivery"],
      DDP: ["origin", "freight", "delivery", "duty"],
    };
    expect(q.charges.map((c) => c.component)).toEqual(expected[term]);
    expect(q.complete).toBe(true);
    expect(q.totalTerm).toBe(term);
    // The total is the goods plus every component, to the cent.
    const cents = (d: { units: number; scale: number }) => Math.round(d.units * 10 ** (2 - d.scale));
    expect(cents(q.total!)).toBe(cents(q.goods) + q.charges.reduce((n, c) => n + cents(c.amount!), 0));
  });

  it("R8: CIF insurance is the percentage of goods plus freight, exactly (0.3% of 10,300.00 = 30.90)", () => {
    const q = priced({ incoterm: "CIF" });
    expect(toPlain(q.goods)).toBe("9450.00");
    expect(q.charges.map((c) => [c.component, toPlain(c.amount!)])).toEqual([
      ["freight", "850.00"],
      ["insurance", "30.90"],
    ]);
    expect(toPlain(q.total!)).toBe("10330.90");
  });

  it("R8: freight per unit multiplies the converted rate by each line's quantity (Callao, 0.18 x 1,500)", () => {
    const q = priced({ destination: { port: "Callao", country: "Peru" }, incoterm: "CFR" });
    expect(q.charges[0]).toMatchObject({ component: "freight", basis: "unit", quantity: 1500 });
    expect(toPlain(q.charges[0].amount!)).toBe("270.00");
  });

  it("R8: freight missing for the destination is 'price on request' and the total stays FOB, never under a CIF heading", () => {
    const q = priced({ destination: { port: "Santos", country: "Brazil" }, incoterm: "CIF" });
    expect(q.complete).toBe(false);
    expect(q.onRequest).toEqual(["freight", "insurance"]);
    expect(q.totalTerm).toBe("FOB");
    expect(toPlain(q.total!)).toBe("9450.00");
    const text = renderQuotation(q, FACTS, "en");
    expect(text).toContain("Price terms: CIF Santos, Incoterms 2020 – freight and insurance on request");
    expect(text).toContain("Freight Ningbo – Santos: price on request");
    expect(text).toContain("Insurance: price on request");
    expect(text).toContain("Total FOB Ningbo: USD 9,450.00");
    expect(text).not.toMatch(/Total CIF/);
    expect(text).toBe(golden("on-request-CIF-Santos.en.txt", text));
  });

  it("R8: EXW goods quoted FOB carry the origin charges; a FOB-priced product cannot be quoted EXW", () => {
    const fob = priced({ items: [{ code: "P-0003", qty: 2000 }], incoterm: "FOB" });
    expect(fob.goodsBasis).toBe("EXW");
    expect(fob.charges.map((c) => c.component)).toEqual(["origin"]);
    expect(fob.totalTerm).toBe("FOB");
    const exw = priceQuote(request({ items: [{ code: "P-0001", qty: 500 }], incoterm: "EXW" }));
    expect(exw.ok).toBe(false);
    if (!exw.ok) expect(exw.problems[0]).toMatchObject({ sheet: "Products", row: 2, column: "Price basis" });
    const exwOk = priced({ items: [{ code: "P-0003", qty: 2000 }], incoterm: "EXW" });
    expect(exwOk).toMatchObject({ charges: [], complete: true, totalTerm: "EXW" });
  });

  it("R8: mixed EXW and FOB goods without an origin row make no total at all", () => {
    const q = priced({
      items: [...HINGES_AND_STOPPERS, { code: "P-0003", qty: 2000 }],
      charges: CHARGES.rates.filter((r) => r.component !== "origin"),
      incoterm: "CIF",
    });
    expect(q).toMatchObject({ goodsBasis: "mixed", total: null, totalTerm: null, complete: false });
    expect(q.onRequest).toEqual(["origin", "insurance"]);
    expect(renderQuotation(q, FACTS, "en")).not.toMatch(/^Total/m);
  });

  const golden6: Incoterm[] = [...INCOTERMS];
  it.each(golden6)("R2, R8: %s quotation text matches its fixture", (term) => {
    const items =
      term === "EXW"
        ? [{ code: "P-0003", qty: 2000 }]
        : [...HINGES_AND_STOPPERS, ...(term === "FOB" ? [{ code: "P-0003", qty: 2000 }] : [])];
    const q = priced({
      incoterm: term,
      items,
      destination: { port: "Dubai", country: "UAE", dischargePort: "Jebel Ali" },
    });
    const text = renderQuotation(q, FACTS, "en");
    expect(text).toBe(golden(`incoterm-${term}.en.txt`, text));
    expect(text).toContain(`Price terms: ${term} ${term === "EXW" || term === "FOB" ? "Ningbo" : "Dubai"}`);
  });
});

describe("prices per currency, at the dated Settings rate (R3, R8)", () => {
  it("R8: a currency with no rate refuses the quote and names the currency", () => {
    const r = priceQuote(request({ currency: "AUD" }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.missingRates).toEqual(["AUD"]);
      expect(r.errors[0]).toMatch(/no exchange rate for AUD \(Settings fx\.AUD, against USD\)/);
    }
  });

  it("R8: without a rate date nothing is converted (the quote must print the date)", () => {
    const undated = parseRateTable(
      new Map([
        ["fx.base", "USD"],
        ["fx.EUR", "0.92"],
      ]),
    ).table;
    const r = priceQuote(request({ currency: "EUR", rates: undated }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/fx\.date is empty/);
    // Same currency needs no rate at all.
    expect(priceQuote(request({ rates: undated })).ok).toBe(true);
  });

  it("R8: a freight row in a currency without a rate refuses too (no 1:1 guess)", () => {
    const r = priceQuote(
      request({
        charges: parseChargeTable([
          {
            destination: "Jebel Ali",
            component: "freight",
            basis: "shipment",
            amount: "3100",
            currency: "AED",
            loadingPort: "",
            row: 2,
          },
        ]).rates,
        incoterm: "CFR",
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.missingRates).toEqual(["AED"]);
  });

  it("R8: old rates price the quote but warn the person", () => {
    expect(priced({ currency: "EUR", today: "2027-02-01" }).warnings[0]).toMatch(/exchange rates are 73 days old/);
    expect(priced({ currency: "EUR" }).warnings).toEqual([]);
  });

  const cases: [string, string, string, BuyerLang][] = [
    ["USD", "Jebel Ali", "United Arab Emirates", "en"],
    ["EUR", "Hamburg", "Germany", "en"],
    ["CNY", "Hong Kong", "Hong Kong", "zh-CN"],
    ["GBP", "Felixstowe", "United Kingdom", "en"],
  ];
  it.each(cases)(
    "R3, R8: a CIF quote in %s is converted once, exactly, and prints the rate's date",
    (currency, port, country, lang) => {
      const q = priced({
        currency,
        items: [...HINGES_AND_STOPPERS, { code: "P-0003", qty: 2000 }],
        destination: { port, country },
      });
      expect(q.currency).toBe(currency);
      // Each line is quantity x its printed unit price, to the cent.
      for (const l of q.lines) expect(l.amount.units).toBe(l.unitPrice.units * l.qty * 10 ** (2 - l.unitPrice.scale));
      const text = renderQuotation(q, { ...FACTS, buyerCompany: "" }, lang);
      expect(text).toBe(golden(`currency-${currency}.${lang}.txt`, text));
      expect(text).toContain("2026-11-20");
      expect(text.match(new RegExp(`${currency} ${currency}`))).toBeNull();
    },
  );

  it("R8: USD 12.50 at 0.9213 is EUR 11.52 (11.51625 rounded half-up once), CNY 8.60 is USD 1.21", () => {
    const q = priced({
      currency: "EUR",
      items: [
        { code: "P-0001", qty: 1 },
        { code: "P-0003", qty: 2000 },
      ],
      incoterm: "FOB",
    });
    expect(q.lines.map((l) => toPlain(l.unitPrice))).toEqual(["11.52", "1.11"]);
    const usd = priced({ items: [{ code: "P-0003", qty: 2000 }], incoterm: "FOB" });
    expect(toPlain(usd.lines[0].unitPrice)).toBe("1.21");
    expect(usd.rates).toEqual({
      base: "USD",
      date: "2026-11-20",
      currencies: [{ code: "CNY", rate: { units: 71234, scale: 4 } }],
    });
  });
});

describe("tier uplifts are explicit (R3)", () => {
  const noUplift = POLICY.adjust;
  const flat = { ...POLICY, adjust: { ...noUplift, "value-added": { units: 0, scale: 0 } } };

  it("R3: a value-added line with neither its own price nor an uplift is a warning, not a silent base price", () => {
    const q = priced({ tier: "value-added", policy: flat });
    expect(q.tierWarnings).toEqual([{ code: "P-0002", tier: "value-added" }]);
    expect(q.lines.map((l) => l.adjustment)).toEqual(["uplift", "none"]);
  });

  it("R3: the US service paragraph appears only when an uplift is behind it", () => {
    const mail = (tier: Tier, items: QuoteItem[], policy = POLICY) => {
      const m = renderQuoteMail({
        templates: [],
        lang: "en",
        quote: priced({ tier, items, policy, destination: { port: "Los Angeles", country: "USA" }, incoterm: "FOB" }),
        facts: FACTS,
        buyer: { name: "Dana Miller", email: "dana@millersupply.com", company: "Miller Supply Inc." },
        sender: SENDER,
        company: COMPANY,
        catalogueLink: "",
      });
      if (!m.ok) throw new Error(JSON.stringify(m.issues));
      return m.body;
    };
    const service = /Service included in this price/;
    expect(mail("value-added", HINGES_AND_STOPPERS)).toMatch(service);
    // Only the door stopper, with no value-added price and a 0% uplift: nothing pays for the service.
    expect(mail("value-added", [{ code: "P-0002", qty: 1000 }], flat)).not.toMatch(service);
    expect(mail("standard", HINGES_AND_STOPPERS)).not.toMatch(service);
  });

  it("R3: a price-sensitive line at the standard price is flagged too", () => {
    const q = priced({ tier: "price-sensitive" });
    expect(q.tierWarnings).toEqual([{ code: "P-0002", tier: "price-sensitive" }]);
    expect(toPlain(q.lines[0].unitPrice)).toBe("11.80");
  });
});

describe("quote mail in every template language (R2, R9, R31)", () => {
  const langs = Object.keys(BUYERS) as BuyerLang[];
  it.each(langs)("R9, R31: the %s CIF quote mail matches its fixture and carries the full company facts", (lang) => {
    const b = BUYERS[lang];
    const q = priced({ currency: b.currency, destination: { port: b.port, country: b.country }, tier: "value-added" });
    const m = renderQuoteMail({
      templates: [],
      lang,
      quote: q,
      facts: { ...FACTS, buyerCompany: b.company },
      buyer: b,
      sender: SENDER,
      company: COMPANY,
      catalogueLink: "https://www.hengda-hardware.cn/catalogue.pdf",
    });
    if (!m.ok) throw new Error(JSON.stringify(m.issues));
    expect(m.language).toBe(lang);
    const actual = `Subject: ${m.subject}\n\n${m.body}`;
    expect(actual).toBe(golden(`quote-mail.${lang}.txt`, actual));
    for (const fact of [COMPANY.founded, COMPANY.totalAssets, COMPANY.annualSales, COMPANY.phone, COMPANY.fax])
      expect(m.body).toContain(fact);
    expect(m.body).not.toMatch(/P-000\d|B-\d{6}/);
    expect(m.body).not.toMatch(/<[a-z]/i);
  });
});
