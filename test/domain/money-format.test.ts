import { describe, expect, it } from "vitest";
import { BUYER_LANGS } from "../../src/domain/buyer-language";
import { currencyCode, lookupRate, parseRateTable, rateAgeDays } from "../../src/domain/fx";
import { greetingFor, greetingName, isFaxGateway } from "../../src/domain/greeting";
import { MoneyError, mulDiv, parseDecimal, subtract, toPlain } from "../../src/domain/money";
import { formatMoneyIn, formatQuantityIn, formatRateIn } from "../../src/domain/money-format";
import { PRICING_SETTINGS, readPricingSettings } from "../../src/domain/pricing-settings";
import { leadTimeIn, unitIn } from "../../src/domain/quote-text";

const d = (s: string) => parseDecimal(s);

describe("money in the buyer's language (R8)", () => {
  it.each([
    ["en", "USD 20,868.00"],
    ["zh-CN", "USD 20,868.00"],
    ["es", "20.868,00 USD"],
    ["fr", "20 868,00 USD"],
    ["pt", "USD 20.868,00"],
    ["ru", "20 868,00 USD"],
    ["ar", "20,868.00 USD"],
  ] as const)("R8: %s writes 20868 as %s — the code once, never 'USD USD'", (lang, text) => {
    expect(formatMoneyIn(d("20868"), "USD", lang)).toBe(text);
  });

  it("R8: every digit comes from the exact amount, not a float", () => {
    // 0.1 + 0.2 style drift and 16-digit amounts print exactly.
    expect(formatMoneyIn(d("0.0125"), "USD", "en")).toBe("USD 0.0125");
    expect(formatMoneyIn(d("12345678901.23"), "EUR", "fr")).toBe("12 345 678 901,23 EUR");
    expect(formatMoneyIn({ units: 9007199254740991, scale: 2 }, "USD", "en")).toBe("USD 90,071,992,547,409.91");
    expect(formatMoneyIn(d("1500"), "JPY", "en")).toBe("JPY 1,500");
    expect(formatMoneyIn({ units: -50, scale: 2 }, "GBP", "en")).toBe("-GBP 0.50");
  });

  it("R8: plain spaces and no bidi marks, whatever the ICU version emits", () => {
    for (const lang of BUYER_LANGS) {
      const text = formatMoneyIn(d("1234567.89"), "EUR", lang);
      expect(text).not.toMatch(/[\u00a0\u202f\u200e\u200f]/);
      expect(text.match(/EUR/g)).toHaveLength(1);
    }
    expect(formatQuantityIn(12000, "ru")).toBe("12 000");
    expect(formatRateIn(d("7.1234"), "fr")).toBe("7,1234");
    expect(formatRateIn(parseDecimal("92.45", 6), "en")).toBe("92.45");
  });

  it("R4: units and lead times read in the buyer's language, with its plural forms", () => {
    expect(unitIn("pcs", "ru")).toBe("шт.");
    expect(unitIn("Sets", "zh-CN")).toBe("套");
    expect(unitIn("drums", "es")).toBe("drums");
    expect(leadTimeIn("25 days", "ru")).toBe("25 дней");
    expect(leadTimeIn("21 days", "ru")).toBe("21 день");
    expect(leadTimeIn("3 days", "ru")).toBe("3 дня");
    expect(leadTimeIn("20-25 days", "fr")).toBe("20–25 jours");
    expect(leadTimeIn("4 weeks", "es")).toBe("4 semanas");
    expect(leadTimeIn("15 working days", "pt")).toBe("15 dias úteis");
    expect(leadTimeIn("30天", "en")).toBe("30 days");
    expect(leadTimeIn("5 days", "ar")).toBe("5 أيام");
    expect(leadTimeIn("25 days", "ar")).toBe("25 يومًا");
    expect(leadTimeIn("after deposit", "ru")).toBe("after deposit");
  });
});

describe("exact conversion and dated rates (R8)", () => {
  const { table, problems } = parseRateTable(
    new Map([
      ["fx.base", "usd"],
      ["fx.date", "2026-11-20"],
      ["fx.EUR", "0.9213"],
      ["fx.CNY", "7.1234"],
      ["fx.GBP", "0,79"],
      ["fx.JPY", "0"],
      ["fx.XXX1", "3"],
    ]),
  );

  it("R8: bad rate rows are problems naming key and value; those currencies then have no rate", () => {
    expect(table.base).toBe("USD");
    expect(problems).toEqual([
      expect.stringContaining('Settings fx.GBP: "0,79"'),
      expect.stringContaining('Settings fx.JPY: "0" a rate must be above zero'),
    ]);
    const gbp = lookupRate(table, "USD", "GBP");
    expect(gbp.ok).toBe(false);
    if (!gbp.ok) expect(gbp.currency).toBe("GBP");
  });

  it("R8: a cross rate is computed once from both Settings rates (CNY 100 = EUR 12.93)", () => {
    const rate = lookupRate(table, "CNY", "EUR");
    if (!rate.ok) throw new Error(rate.message);
    expect(toPlain(mulDiv(d("100"), rate.num, rate.den, 2))).toBe("12.93");
    expect(currencyCode(" eur ")).toBe("EUR");
    expect(currencyCode("euro")).toBe("");
    expect(rateAgeDays(table, "2026-12-20")).toBe(30);
  });

  it("R8: mulDiv rounds half-up once and refuses what it cannot compute exactly", () => {
    expect(toPlain(mulDiv(d("12.50"), d("0.9213"), d("1"), 2))).toBe("11.52");
    expect(toPlain(mulDiv(d("10.05"), d("0.3"), d("100"), 2))).toBe("0.03");
    expect(() => mulDiv(d("1"), d("1"), d("0"), 2)).toThrow(MoneyError);
    expect(() => mulDiv({ units: 9e15, scale: 0 }, d("7"), d("1"), 2)).toThrow(/too large/);
    expect(toPlain(subtract(d("10.00"), d("0.01")))).toBe("9.99");
  });
});

describe("greetings (R9, R11)", () => {
  it.each([
    ["eFax Corporate", "message@inbound.efax.com", "gateway"],
    ["MyFax", "", "gateway"],
    ["RingCentral", "", "gateway"],
    ["Fax.Plus", "", "gateway"],
    ["Customer", "", "placeholder"],
    ["客户", "", "placeholder"],
    ["{{name}}", "", "placeholder"],
    ["Purchasing Dept.", "", "placeholder"],
    ["info", "info@acme.com", "placeholder"],
    ["john.smith85", "john.smith85@gmail.com", "local-part"],
    ["cperez", "cperez@ferreteria-andina.pe", "local-part"],
    ["", "", "empty"],
  ])("R11: %j is not a name to greet (%s)", (name, email, reason) => {
    expect(greetingName(name, email)).toEqual({ usable: false, reason });
  });

  it("R11: real names pass, cleaned of a gateway or role suffix", () => {
    expect(greetingName("Ahmed Saleh via eFax", "")).toEqual({ usable: true, name: "Ahmed Saleh" });
    expect(greetingName("Ahmed Saleh (RingCentral)", "")).toEqual({ usable: true, name: "Ahmed Saleh" });
    expect(greetingName("John", "john@acme.de")).toEqual({ usable: true, name: "John" });
    expect(greetingName("John Smith", "john.smith@acme.de")).toEqual({ usable: true, name: "John Smith" });
    expect(isFaxGateway("12125550143@efaxsend.com")).toBe(true);
    expect(isFaxGateway("sales@faxmachines.com")).toBe(false);
  });

  it.each([
    ["en", "Dear Sir or Madam,"],
    ["zh-CN", "尊敬的客户："],
    ["es", "Estimados señores:"],
    ["fr", "Madame, Monsieur,"],
    ["pt", "Prezados senhores,"],
    ["ru", "Добрый день!"],
    ["ar", "السادة الكرام،"],
  ] as const)("R11: the neutral greeting in %s is %s", (lang, line) => {
    expect(greetingFor(lang, "eFax Corporate", "x@efax.com")).toBe(line);
  });
});

describe("Settings for pricing, samples and campaigns (R3, R8, R27)", () => {
  it("R8: reads the rows with defaults, and reports bad values instead of guessing", () => {
    const s = readPricingSettings(
      new Map([
        ["quote.priceBasis", "cif"],
        ["fx.base", "USD"],
        ["fx.date", "2026-11-20"],
        ["fx.EUR", "0.9213"],
        ["campaign.quietDays", "two weeks"],
        ["campaign.senderMode", "Named"],
        ["campaign.sender", "WangFang@hengda-hardware.cn"],
        ["bank.swift", " BKCHCNBJ92A "],
      ]),
    );
    expect(s.priceBasis).toBe("FOB");
    expect(s.quietDays).toBe(14);
    expect(s.senderMode).toBe("named");
    expect(s.namedSender).toBe("wangfang@hengda-hardware.cn");
    expect(s.bank.swift).toBe("BKCHCNBJ92A");
    expect(s.rates.rates.get("EUR")).toEqual({ units: 9213, scale: 4 });
    expect(s.problems).toEqual([
      expect.stringContaining("quote.priceBasis"),
      expect.stringContaining("campaign.quietDays"),
    ]);
    for (const row of PRICING_SETTINGS) expect(row.note.en).not.toBe("");
  });
});
