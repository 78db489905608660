import { describe, expect, it } from "vitest";
import {
  compilePlatformRules,
  DEFAULT_PLATFORM_RULES,
  isLabelPattern,
  type PlatformMessage,
  type PlatformRule,
  parsePlatform,
  senderGlob,
  validatePlatformRules,
} from "../../src/domain/platforms";
import {
  ALIBABA_INQUIRY,
  ALIBABA_INQUIRY_HTML,
  GLOBAL_SOURCES_INQUIRY,
  MADE_IN_CHINA_INQUIRY,
  WEBSITE_FORM,
} from "../fixtures/corpus/notifications";

function message(address: string, subject: string, plainBody: string, htmlBody?: string): PlatformMessage {
  return { from: { name: "", address }, subject, plainBody, htmlBody };
}

describe("default platform rules", () => {
  it("are all valid", () => {
    expect(validatePlatformRules(DEFAULT_PLATFORM_RULES)).toEqual([]);
  });

  it("C2: read an Alibaba.com inquiry notification", () => {
    const m = parsePlatform(
      message("feedback@service.alibaba.com", "You have received a new inquiry from Ahmed Al-Farsi", ALIBABA_INQUIRY),
      DEFAULT_PLATFORM_RULES,
    );
    expect(m?.platform).toBe("alibaba");
    expect(m?.parsed).toMatchObject({
      buyerName: "Ahmed Al-Farsi",
      company: "Gulf Star Trading LLC",
      country: "United Arab Emirates",
      product: "100W LED Flood Light IP66 Outdoor",
      quantity: "2,000 Pieces",
    });
    expect(m?.parsed.message).toMatch(/^Hello,\nWe are interested/);
    expect(m?.parsed.message).toContain("Best regards, Ahmed");
    expect(m?.parsed.message).not.toContain("Reply now");
    expect(m?.parsed.email).toBeUndefined(); // Alibaba hides the buyer's address
  });

  it("C2: read an HTML-only Alibaba notification (table cells stay on one line)", () => {
    const m = parsePlatform(
      message("feedback@service.alibaba.com", "You have received a new inquiry", "", ALIBABA_INQUIRY_HTML),
      DEFAULT_PLATFORM_RULES,
    );
    expect(m?.parsed).toMatchObject({
      buyerName: "Lucía Fernández",
      company: "Iluminación Andina S.A.C.",
      country: "Peru",
      quantity: "300 Sets",
      message: "Buenos días, necesitamos cotización CIF Callao.",
    });
  });

  it("C2: read a Made-in-China.com inquiry", () => {
    const m = parsePlatform(
      message("service@made-in-china.com", "New Inquiry: LED Panel Light 600x600 40W", MADE_IN_CHINA_INQUIRY),
      DEFAULT_PLATFORM_RULES,
    );
    expect(m?.platform).toBe("made-in-china");
    expect(m?.parsed).toMatchObject({
      buyerName: "Mr. Rajesh Kumar",
      company: "Kumar Electricals Pvt. Ltd.",
      country: "India",
      product: "LED Panel Light 600x600 40W",
      quantity: "5000 Pieces",
      email: "rajesh.kumar@kumarelectricals.in",
    });
    expect(m?.parsed.message).toContain("We also need samples");
  });

  it("C2: read a Global Sources inquiry", () => {
    const m = parsePlatform(
      message("inquiry@globalsources.com", "New Inquiry for LED Filament Bulb E27 6W", GLOBAL_SOURCES_INQUIRY),
      DEFAULT_PLATFORM_RULES,
    );
    expect(m?.platform).toBe("global-sources");
    expect(m?.parsed).toMatchObject({
      buyerName: "Sophie Martin",
      company: "Lumière Distribution SARL",
      country: "France",
      quantity: "10,000 units",
      email: "s.martin@lumiere-distribution.fr",
    });
    expect(m?.parsed.message).toBe(
      "Bonjour, pouvez-vous nous envoyer votre meilleur prix pour 10 000 ampoules ?\nMerci.",
    );
  });

  it("C2: read a website contact form", () => {
    const m = parsePlatform(
      message("wordpress@acme-lighting.cn", "[Acme Lighting] New submission from Contact form", WEBSITE_FORM),
      DEFAULT_PLATFORM_RULES,
    );
    expect(m?.platform).toBe("website");
    expect(m?.parsed).toMatchObject({
      buyerName: "Дмитрий Соколов",
      email: "d.sokolov@svet-opt.ru",
      company: "ООО «Свет-Опт»",
      country: "Russia",
    });
    expect(m?.parsed.message).toBe(
      "Здравствуйте! Интересуют взрывозащищённые светильники, 300 шт.\nПросим выслать прайс.",
    );
  });

  it("a platform's sender with another subject is not an inquiry notification", () => {
    expect(
      parsePlatform(
        message("feedback@service.alibaba.com", "Your product listing was approved", "Congratulations"),
        DEFAULT_PLATFORM_RULES,
      ),
    ).toBeUndefined();
    expect(parsePlatform(message("ann@buyer.com", "inquiry", ALIBABA_INQUIRY), DEFAULT_PLATFORM_RULES)).toBeUndefined();
  });

  it("a look-alike domain is not the platform", () => {
    expect(
      parsePlatform(message("alert@alibaba.com.phish.ru", "New inquiry", ALIBABA_INQUIRY), DEFAULT_PLATFORM_RULES),
    ).toBeUndefined();
    expect(
      parsePlatform(message("x@notalibaba.com", "New inquiry", ALIBABA_INQUIRY), DEFAULT_PLATFORM_RULES),
    ).toBeUndefined();
  });
});

describe("rules are data", () => {
  it("the assistant can add a platform without code (regex and label forms)", () => {
    const rules: PlatformRule[] = [
      {
        platform: "ec21",
        fromPattern: "*@ec21.com",
        subjectPattern: "inquiry",
        field: "buyerName",
        pattern: "From buyer:\\s*(.+)",
      },
      { platform: "ec21", fromPattern: "*@ec21.com", subjectPattern: "inquiry", field: "country", pattern: "Nation:" },
    ];
    const m = parsePlatform(
      message("noreply@ec21.com", "EC21 Inquiry #998", "From buyer: Kim Min-jun\nNation:\n  Korea\nThanks"),
      rules,
    );
    expect(m).toEqual({ platform: "ec21", parsed: { buyerName: "Kim Min-jun", country: "Korea" }, rows: [1, 2] });
  });

  it("a label standing alone takes the next line, but never the next label", () => {
    const rules: PlatformRule[] = [
      { platform: "website", fromPattern: "forms@*", field: "company", pattern: "Company:" },
    ];
    const m = parsePlatform(message("forms@site.com", "x", "Company:\nName: Bob"), rules);
    expect(m?.parsed.company).toBeUndefined();
  });

  it("the first rule that finds a value wins for a field", () => {
    const rules: PlatformRule[] = [
      { platform: "alibaba", fromPattern: "alibaba.com", field: "buyerName", pattern: "Nobody here:" },
      { platform: "alibaba", fromPattern: "alibaba.com", field: "buyerName", pattern: "Buyer name:" },
      { platform: "alibaba", fromPattern: "alibaba.com", field: "buyerName", pattern: "Company:" },
    ];
    const m = parsePlatform(message("a@alibaba.com", "x", ALIBABA_INQUIRY), rules);
    expect(m?.parsed.buyerName).toBe("Ahmed Al-Farsi");
  });

  it("bad rows are reported by row, column and value — never thrown", () => {
    const rows: unknown[] = [
      { platform: "alibaba", fromPattern: "*@alibaba.com", field: "buyerName", pattern: "Buyer name:\\s*([)", row: 7 },
      { platform: "alibaba", fromPattern: "*@alibaba.com", field: "buyerName", pattern: "Buyer name: .+", row: 8 },
      { platform: "alibaba", fromPattern: "*@alibaba.com", field: "phone", pattern: "Phone:", row: 9 },
      { platform: "", fromPattern: "*@alibaba.com", field: "email", pattern: "Email:", row: 10 },
      { platform: "alibaba", fromPattern: "", field: "email", pattern: "Email:", row: 11 },
      { platform: "alibaba", fromPattern: "*@alibaba.com", field: "email", pattern: "   ", row: 12 },
      null,
      { platform: "alibaba", fromPattern: "*@alibaba.com", field: "Buyer Name", pattern: "Buyer name:", row: 14 },
    ];
    const { rules, errors } = compilePlatformRules(rows);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, "pattern"],
      [8, "pattern"],
      [9, "field"],
      [10, "platform"],
      [11, "fromPattern"],
      [12, "pattern"],
      [7, "platform"], // the null row: position 7 in the list
    ]);
    expect(errors[0].message).toContain("Rule row 7");
    expect(errors[0].message).toContain("Buyer name:\\s*([)");
    expect(errors[0].message).toContain("not a valid regular expression");
    expect(errors[1].message).toContain("capture group");
    expect(rules.map((r) => r.row)).toEqual([14]);
    expect(rules[0].rule.field).toBe("buyerName"); // sheet-friendly field names are accepted
  });

  it("a broken rule row does not stop the good ones from parsing", () => {
    const rows = [
      { platform: "alibaba", fromPattern: "alibaba.com", field: "buyerName", pattern: "(((" },
      ...DEFAULT_PLATFORM_RULES,
    ] as PlatformRule[];
    const m = parsePlatform(message("a@service.alibaba.com", "New inquiry", ALIBABA_INQUIRY), rows);
    expect(m?.parsed.buyerName).toBe("Ahmed Al-Farsi");
  });

  it("sender globs: address globs, bare domains cover subdomains, alternatives", () => {
    expect(senderGlob("*@alibaba.com").test("x@alibaba.com")).toBe(true);
    expect(senderGlob("*@alibaba.com").test("x@service.alibaba.com")).toBe(false);
    expect(senderGlob("alibaba.com").test("x@service.alibaba.com")).toBe(true);
    expect(senderGlob("alibaba.com").test("x@evilalibaba.com")).toBe(false);
    expect(senderGlob("wordpress@*|noreply@*").test("noreply@site.es")).toBe(true);
    expect(senderGlob("wordpress@*").test("ann@site.es")).toBe(false);
  });

  it("label form vs regex form", () => {
    expect(isLabelPattern("Country/Region:")).toBe(true);
    expect(isLabelPattern("Name:|Your Name:")).toBe(true);
    expect(isLabelPattern("Name:\\s*(.+)")).toBe(false);
  });

  it("scans hostile bodies in bounded time", () => {
    const body = `Buyer name: ${"A".repeat(60_000)}\nCompany: X`;
    const t0 = performance.now();
    const m = parsePlatform(message("a@alibaba.com", "New inquiry", body), DEFAULT_PLATFORM_RULES);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(m?.parsed.buyerName?.length).toBeLessThanOrEqual(2000);
  });
});
