import { describe, expect, it } from "vitest";
import {
  type BuyerRecord,
  buildBuyerIndex,
  companyDomain,
  findBuyers,
  isFreeMail,
  matchSender,
  normalizeCompany,
  normalizeEmail,
  phoneDigits,
  samePhone,
} from "../../src/domain/matching";

const BUYERS: BuyerRecord[] = [
  {
    id: "B-0001",
    email: "hans.mueller@acme.de",
    company: "ACME Handels GmbH",
    name: "Hans Müller",
    phone: "+49 30 1234567",
  },
  {
    id: "B-0002",
    email: "j.smith@smithimports.com",
    emails: ["john@smith-imports.co.uk"],
    company: "Smith Imports LLC",
    name: "John Smith",
    website: "https://www.smithimports.com/en",
  },
  { id: "B-0003", email: "maria.garcia@gmail.com", company: "Garcia Distribuciones S.L.", name: "María García" },
  {
    id: "B-0004",
    email: "li.wei@163.com",
    company: "深圳市华强电子有限公司",
    name: "李伟",
    phone: "0086-755-8888 9999",
  },
  { id: "B-0005", email: "ivan@romashka.ru", company: "ООО «Ромашка»", name: "Иван Петров" },
  { id: "B-0006", email: "buyer2@acme.de", company: "ACME Handels GmbH", name: "Petra Klein" },
  { id: "B-0007", email: "ops@sunrise-lighting.com.au", company: "Sunrise Lighting Pty Ltd", name: "Kylie Brown" },
  { id: "B-0008", email: "contact@bellavista.it", company: "Bella Vista Arredamenti S.p.A.", name: "Luca Rossi" },
];

describe("normalizers", () => {
  it("normalizeEmail lower-cases and accepts angle forms", () => {
    expect(normalizeEmail("  John.Smith@ACME.de ")).toBe("john.smith@acme.de");
    expect(normalizeEmail("John <J@X.COM>")).toBe("j@x.com");
    expect(normalizeEmail("not-an-address")).toBe("");
  });

  it.each([
    ["ann@sales.acme.de", "acme.de"],
    ["acme.de", "acme.de"],
    ["https://www.acme.co.uk/en/contact", "acme.co.uk"],
    ["li@mail.foo.com.cn", "foo.com.cn"],
    ["x@shop.bar.com.au", "bar.com.au"],
    ["x@dept.uni.ac.jp", "uni.ac.jp"],
    ["x@ACME.DE.", "acme.de"],
    ["nobody", ""],
  ])("companyDomain(%s) = %s", (input, domain) => {
    expect(companyDomain(input)).toBe(domain);
  });

  it.each([
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.com.cn",
    "hotmail.fr",
    "outlook.com",
    "gmx.at",
    "web.de",
    "qq.com",
    "vip.163.com",
    "126.com",
    "mail.ru",
    "yandex.ru",
    "proton.me",
    "rediffmail.com",
  ])("R22: %s is free mail", (domain) => {
    expect(isFreeMail(domain)).toBe(true);
  });

  it("company domains are not free mail", () => {
    expect(isFreeMail("acme.de")).toBe(false);
    expect(isFreeMail("mailchimp-customer.com")).toBe(false);
    expect(isFreeMail("x@smithimports.com")).toBe(false);
  });

  it.each([
    ["ACME Trading Co., Ltd.", "acme"],
    ["Acme Limited", "acme"],
    ["acme inc", "acme"],
    ["Müller GmbH & Co. KG", "muller"],
    ["Société Générale S.A.", "societe generale"],
    ["Bella Vista Arredamenti S.p.A.", "bella vista arredamenti"],
    ["Van Dijk B.V.", "van dijk"],
    ["Sunrise Lighting Pty Ltd", "sunrise lighting"],
    ["ООО «Ромашка»", "ромашка"],
    ["OOO Romashka", "romashka"],
    ["深圳市华强电子有限公司", "深圳市华强电子"],
    ["The Acme Company", "acme"],
    ["Trading Co. Ltd", ""],
  ])("normalizeCompany(%s) = %s", (name, normalized) => {
    expect(normalizeCompany(name)).toBe(normalized);
  });

  it("phones compare by digits, tolerating 00/+ and a missing country code", () => {
    expect(phoneDigits("+1 (555) 0100")).toBe("15550100");
    expect(phoneDigits("0049 30 1234567 ext. 12")).toBe("49301234567");
    expect(samePhone("+49 30 1234567", "030 1234567")).toBe(true);
    expect(samePhone("+49 30 1234567", "0049-30-1234567")).toBe(true);
    expect(samePhone("+49 30 1234567", "+49 30 7654321")).toBe(false);
    expect(samePhone("12345", "912345")).toBe(false);
  });
});

describe("matchSender", () => {
  const index = buildBuyerIndex(BUYERS);

  it("R22: exact address, case-insensitive", () => {
    expect(matchSender(index, { address: "Hans.Mueller@ACME.de", name: "Hans" })).toMatchObject({
      kind: "email",
      buyerId: "B-0001",
    });
  });

  it("R22: any of the buyer's other addresses", () => {
    expect(matchSender(index, { address: "john@smith-imports.co.uk" })).toMatchObject({
      kind: "email",
      buyerId: "B-0002",
    });
  });

  it("R22: a new address at the same company domain (subdomain maps to the company domain)", () => {
    const m = matchSender(index, { address: "einkauf@sales.acme.de", name: "Eva Schulz" });
    expect(m).toMatchObject({ kind: "domain", buyerId: "B-0001", others: ["B-0006"] });
  });

  it("R22: a domain known only from the buyer's website counts", () => {
    expect(matchSender(index, { address: "tom@smithimports.com" })).toMatchObject({
      kind: "domain",
      buyerId: "B-0002",
    });
  });

  it("R22: two-part TLDs keep companies apart (com.au)", () => {
    expect(matchSender(index, { address: "kim@sunrise-lighting.com.au" })).toMatchObject({
      kind: "domain",
      buyerId: "B-0007",
    });
    expect(matchSender(index, { address: "kim@other.com.au" }).kind).toBe("none");
  });

  it("R22: free-mail domains never count as a company domain", () => {
    const m = matchSender(index, { address: "someone.else@gmail.com", name: "Pedro Ruiz" });
    expect(m.kind).toBe("none");
    expect(matchSender(index, { address: "zhang@163.com", name: "张三" }).kind).toBe("none");
  });

  it("R22: same company name after normalization", () => {
    const m = matchSender(index, { address: "info@garcia-dist.es", company: "GARCIA DISTRIBUCIONES, SL" });
    expect(m).toMatchObject({ kind: "company", buyerId: "B-0003" });
    expect(matchSender(index, { address: "a@romashka-trade.ru", company: "ООО Ромашка" })).toMatchObject({
      kind: "company",
      buyerId: "B-0005",
    });
  });

  it("R22: a display name ending in a legal form is read as the company", () => {
    const m = matchSender(index, { address: "sales@bv-arredamenti.com", name: "Bella Vista Arredamenti SpA" });
    expect(m).toMatchObject({ kind: "company", buyerId: "B-0008" });
  });

  it("R21: the same contact name at a free-mail address is only a weak hint (never auto-merged)", () => {
    const m = matchSender(index, { address: "john.smith.home@yahoo.com", name: "Smith, John" });
    expect(m.kind).toBe("weak");
    if (m.kind === "weak") {
      expect(m.candidates).toEqual([{ buyerId: "B-0002", reason: "same-contact-name" }]);
      expect(m.why).toContain("possible duplicate of B-0002");
    }
  });

  it("R21: a similar company name is a weak hint", () => {
    const m = matchSender(index, { address: "x@bellavista-home.com", company: "Bella Vista Home" });
    expect(m.kind).toBe("weak");
    if (m.kind === "weak") expect(m.candidates[0]).toEqual({ buyerId: "B-0008", reason: "similar-company" });
  });

  it("a lone given name is no hint", () => {
    expect(matchSender(index, { address: "john@hotmail.com", name: "John" }).kind).toBe("none");
  });

  it("no address at all is none, not a crash", () => {
    expect(matchSender(index, { address: "" }).kind).toBe("none");
  });
});

describe("index built on need", () => {
  /** Buyers whose name, company and phone count their reads, so a test sees which look-ups were built. */
  function watched(buyers: BuyerRecord[]) {
    const reads = { name: 0, company: 0, phone: 0 };
    const records = buyers.map((b) => {
      const record = { ...b };
      for (const key of ["name", "company", "phone"] as const) {
        Object.defineProperty(record, key, {
          get: () => {
            reads[key] += 1;
            return b[key];
          },
        });
      }
      return record;
    });
    return { index: buildBuyerIndex(records), reads };
  }

  it("R22: senders found by address or domain never make the index read names, companies or phones", () => {
    const { index, reads } = watched(BUYERS);
    expect(matchSender(index, { address: "ivan@romashka.ru", name: "Ivan" }).kind).toBe("email");
    expect(matchSender(index, { address: "anna@sales.acme.de", name: "Anna Berg" }).kind).toBe("domain");
    expect(reads).toEqual({ name: 0, company: 0, phone: 0 });
  });

  it("R21: the weak look-ups are built once, on the first sender that needs them, with the same answers", () => {
    const { index, reads } = watched(BUYERS);
    const first = matchSender(index, { address: "john.smith.home@yahoo.com", name: "Smith, John" });
    expect(first).toMatchObject({ kind: "weak", candidates: [{ buyerId: "B-0002", reason: "same-contact-name" }] });
    // Every name read once to build the look-up, and the candidate's once more to check the hashed key.
    const built = reads.name;
    expect(built).toBeGreaterThanOrEqual(BUYERS.length);
    expect(built).toBeLessThanOrEqual(BUYERS.length + 1);
    expect(reads.company).toBe(0);
    matchSender(index, { address: "j.smith@hotmail.com", name: "John Smith" });
    expect(reads.name).toBe(built);
    expect(matchSender(index, { address: "x@bellavista-home.com", company: "Bella Vista Home" })).toMatchObject({
      kind: "weak",
      candidates: [{ buyerId: "B-0008", reason: "similar-company" }],
    });
    expect(reads.company).toBeGreaterThanOrEqual(BUYERS.length);
    expect(reads.company).toBeLessThan(2 * BUYERS.length);
    expect(findBuyers(index, "030 1234567")).toEqual([{ buyerId: "B-0001", field: "phone" }]);
    expect(reads.phone).toBeGreaterThan(0);
  });

  it("R22: a buyer listed twice under one ID keeps its first address and is found once", () => {
    const index = buildBuyerIndex([
      { id: "B-1", email: "a@one.example", company: "One GmbH", name: "Ann One" },
      { id: "B-2", email: "a@one.example", company: "Two GmbH", name: "Bob Two" },
      { id: "B-1", email: "a2@one.example", company: "One GmbH", name: "Ann One" },
    ]);
    expect(matchSender(index, { address: "a@one.example" })).toMatchObject({ kind: "email", buyerId: "B-1" });
    expect(matchSender(index, { address: "new@one.example" })).toMatchObject({
      kind: "domain",
      buyerId: "B-1",
      others: ["B-2", "B-1"],
    });
    expect(findBuyers(index, "ann one").map((h) => h.buyerId)).toEqual(["B-1"]);
  });
});

describe("findBuyers (sidebar search)", () => {
  const index = buildBuyerIndex(BUYERS);
  const ids = (q: string) => findBuyers(index, q).map((h) => h.buyerId);

  it("by e-mail, domain, company, name and free text", () => {
    expect(findBuyers(index, "IVAN@romashka.ru")[0]).toEqual({ buyerId: "B-0005", field: "email" });
    expect(ids("acme.de")).toEqual(["B-0001", "B-0006"]);
    expect(ids("www.smithimports.com")).toEqual(["B-0002"]);
    expect(findBuyers(index, "Smith Imports")[0]).toEqual({ buyerId: "B-0002", field: "company" });
    expect(ids("maria garcia")).toContain("B-0003");
    expect(ids("华强")).toEqual(["B-0004"]);
    expect(ids("B-0007")).toEqual(["B-0007"]);
  });

  it("R22: by phone, digits only, ignoring +, spaces, dashes, 00 and the country code", () => {
    expect(ids("030 1234567")).toEqual(["B-0001"]);
    expect(ids("+49-30-123 4567")).toEqual(["B-0001"]);
    expect(ids("+86 755 8888 9999")).toEqual(["B-0004"]);
    expect(ids("8888 9999")).toEqual(["B-0004"]);
    expect(ids("+1 (555) 0100")).toEqual([]);
  });

  it("empty query finds nothing", () => {
    expect(findBuyers(index, "  ")).toEqual([]);
  });
});

describe("performance sanity check", () => {
  function makeBuyers(n: number): BuyerRecord[] {
    const buyers: BuyerRecord[] = [];
    for (let i = 0; i < n; i++) {
      buyers.push({
        id: `B-${i}`,
        email: i % 3 === 0 ? `buyer${i}@gmail.com` : `buyer${i}@company${i}.com`,
        emails: i % 10 === 0 ? [`alt${i}@company${i}.com`] : [],
        company: `Company ${i} Trading Co., Ltd.`,
        name: `Contact ${i} Person`,
        phone: `+1 555 ${String(i).padStart(7, "0")}`,
      });
    }
    return buyers;
  }

  function run(buyers: BuyerRecord[]) {
    const index = buildBuyerIndex(buyers);
    const results = [];
    for (let i = 0; i < 500; i++) {
      results.push(
        matchSender(index, {
          address: `new${i}@company${i * 7 + 1}.com`,
          name: `Contact ${i} Person`,
          company: `Company ${i * 3} Ltd`,
        }),
      );
    }
    return results;
  }

  it("R22: 500 senders against 20,000 buyers, index build included, well under 500 ms of CPU", () => {
    const buyers = makeBuyers(20_000);
    run(makeBuyers(500)); // warm the JIT; the real figure is for the benchmark suite
    let best = Number.POSITIVE_INFINITY;
    let results: ReturnType<typeof run> = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = process.cpuUsage();
      results = run(buyers);
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    // Senders at company(7i+1).com: a domain hit unless that buyer only has a gmail address
    // (n divisible by 3, and no alternative company address, which every tenth buyer has).
    const expectedDomainHits = Array.from({ length: 500 }, (_, i) => i * 7 + 1).filter(
      (n) => n % 3 !== 0 || n % 10 === 0,
    ).length;
    expect(results.filter((r) => r.kind === "domain").length).toBe(expectedDomainHits);
    expect(best).toBeLessThan(500);
  });
});
