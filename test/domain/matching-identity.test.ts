import { describe, expect, it } from "vitest";
import {
  type BuyerRecord,
  buildBuyerIndex,
  isFreeMail,
  matchSender,
  normalizeCompany,
  personNameKeys,
} from "../../src/domain/matching";
import { hanNameKeys, readHanName } from "../../src/domain/pinyin";

const BOOK: BuyerRecord[] = [
  { id: "B-000001", email: "dmchan@163.com", company: "", name: "陈大文" },
  {
    id: "B-000002",
    email: "mary@smithhardware.com",
    company: "Smith Hardware Supply, Inc.",
    name: "Mary Jones",
    phone: "+1 312 555 0142",
  },
  {
    id: "B-000003",
    email: "ahmed@alnoor-trading.ae",
    emails: ["purchase@alnoor-trading.ae", "alnoor.dubai@gmail.com"],
    company: "Al Noor Trading L.L.C.",
    name: "Ahmed Al-Farsi",
    phone: "+971 4 555 0199",
    website: "www.alnoor-group.com",
  },
  { id: "B-000004", email: "wq.huang@gmail.com", company: "Heng Xing Lighting Sdn Bhd", name: "Huang Weiqiang" },
];

describe("R22: strong evidence joins the buyer, and says which address to file", () => {
  const index = buildBuyerIndex(BOOK);

  it("a multi-address Gulf buyer is found by each of its addresses, its domains and its website", () => {
    for (const address of ["ahmed@alnoor-trading.ae", "purchase@alnoor-trading.ae", "ALNOOR.DUBAI@gmail.com"])
      expect(matchSender(index, { address })).toMatchObject({ kind: "email", buyerId: "B-000003", strong: true });
    expect(matchSender(index, { address: "accounts@alnoor-trading.ae" })).toMatchObject({
      kind: "domain",
      buyerId: "B-000003",
      addAddress: "accounts@alnoor-trading.ae",
    });
    expect(matchSender(index, { address: "sales@alnoor-group.com" })).toMatchObject({
      kind: "domain",
      buyerId: "B-000003",
    });
  });

  it("the same company name from a company domain joins", () => {
    expect(matchSender(index, { address: "x@alnoor-uae.com", company: "AL NOOR TRADING LLC" })).toMatchObject({
      kind: "company",
      buyerId: "B-000003",
      strong: true,
      addAddress: "x@alnoor-uae.com",
    });
  });

  it("the contact's name and phone together join, whatever the address", () => {
    const m = matchSender(index, { address: "ahmed.f@hotmail.com", name: "Ahmed Al-Farsi", phone: "+97145550199" });
    expect(m).toMatchObject({ kind: "contact", buyerId: "B-000003", strong: true, addAddress: "ahmed.f@hotmail.com" });
  });

  it("a company name claimed from free mail joins only when the contact's name confirms it", () => {
    const m = matchSender(index, { address: "wq@yahoo.com", name: "黄伟强", company: "Heng Xing Lighting Sdn. Bhd." });
    expect(m).toMatchObject({ kind: "company", buyerId: "B-000004", strong: true });
    expect(m.why).toContain("contact's name");
  });

  it("R21: a trade-show card with no address joins by its company name alone", () => {
    expect(matchSender(index, { address: "", company: "Smith Hardware Supply" })).toMatchObject({
      kind: "company",
      buyerId: "B-000002",
      strong: true,
    });
  });

  it("R26: a fax from a buyer's known number joins that buyer; another number is nobody yet", () => {
    expect(matchSender(index, { address: "", fax: "+971 4 555 0199" })).toMatchObject({
      kind: "contact",
      buyerId: "B-000003",
    });
    expect(matchSender(index, { address: "", fax: "+971 4 555 0100" }).kind).toBe("none");
  });
});

describe("R22: weak evidence never joins: a new buyer flagged possible duplicate", () => {
  const index = buildBuyerIndex(BOOK);

  it("R22: 陈大文 <dmchan@163.com> and Chen Dawen writing from QQ are only a possible duplicate", () => {
    for (const name of ["Chen Dawen", "Dawen Chen", "CHEN Da-Wen", "Chan Dawen", "陳大文"]) {
      const m = matchSender(index, { address: "chendawen88@qq.com", name });
      expect(m, name).toMatchObject({
        kind: "weak",
        strong: false,
        candidates: [{ buyerId: "B-000001", reason: "same-contact-name" }],
      });
      expect(m.why).toContain("possible duplicate of B-000001");
    }
    expect(matchSender(index, { address: "x@qq.com", name: "Chen Dawei" }).kind).toBe("none");
  });

  it('R21: John Smith of "Smith Hardware Supply Inc." on gmail is a possible duplicate of the company-domain buyer', () => {
    const m = matchSender(index, {
      address: "johnsmith.hw@gmail.com",
      name: "John Smith",
      company: "Smith Hardware Supply Inc.",
    });
    expect(m).toMatchObject({
      kind: "weak",
      strong: false,
      candidates: [{ buyerId: "B-000002", reason: "same-company" }],
    });
    expect(m.why).toBe("possible duplicate of B-000002 (same company; johnsmith.hw@gmail.com is free mail)");
  });

  it("the same phone alone is a hint, not a join", () => {
    expect(
      matchSender(index, { address: "someone@gmail.com", name: "Bob Lee", phone: "+1 (312) 555-0142" }),
    ).toMatchObject({
      kind: "weak",
      candidates: [{ buyerId: "B-000002", reason: "same-phone" }],
    });
  });
});

describe("R22: one run sees the buyers it entered", () => {
  it("a buyer added during the run is found by address, domain, company, name and phone", () => {
    const index = buildBuyerIndex(BOOK);
    // Build the lazy look-ups first, so add() must keep them current.
    matchSender(index, {
      address: "q@gmail.com",
      name: "Nobody Here",
      company: "Nothing Ltd",
      phone: "+44 20 7946 0000",
    });
    index.add({
      id: "B-000005",
      email: "k@capelumen.co.za",
      company: "Cape Lumen (Pty) Ltd",
      name: "Thabo Nkosi",
      phone: "+27 21 555 0190",
    });
    expect(matchSender(index, { address: "k@capelumen.co.za" })).toMatchObject({ kind: "email", buyerId: "B-000005" });
    expect(matchSender(index, { address: "new@capelumen.co.za" })).toMatchObject({
      kind: "domain",
      buyerId: "B-000005",
    });
    expect(matchSender(index, { address: "c@lumen-sa.com", company: "CAPE LUMEN" })).toMatchObject({
      kind: "company",
      buyerId: "B-000005",
    });
    expect(matchSender(index, { address: "t@gmail.com", name: "Nkosi Thabo" })).toMatchObject({ kind: "weak" });
    expect(matchSender(index, { address: "t@gmail.com", name: "Thabo Nkosi", phone: "021 555 0190" })).toMatchObject({
      kind: "contact",
      buyerId: "B-000005",
    });
  });

  it("addAddress files a strong match's address once and never moves another buyer's", () => {
    const index = buildBuyerIndex(BOOK);
    expect(index.addAddress("B-000002", "m.jones@smithhardware.com")).toBe(true);
    expect(index.addAddress("B-000002", "m.jones@smithhardware.com")).toBe(false);
    expect(index.addAddress("B-000002", "ahmed@alnoor-trading.ae")).toBe(false);
    expect(index.addedAddresses("B-000002")).toEqual(["m.jones@smithhardware.com"]);
    expect(matchSender(index, { address: "m.jones@smithhardware.com" })).toMatchObject({
      kind: "email",
      buyerId: "B-000002",
    });
  });
});

describe("names and legal forms in many languages", () => {
  it.each([
    ["Al Noor Trading L.L.C.", "al noor"],
    ["Comercializadora del Sol S.A. de C.V.", "comercializadora del sol"],
    ["Shree Ganesh Electricals Pvt. Ltd.", "shree ganesh electricals"],
    ["Światło Hurt Sp. z o.o.", "swiatlo hurt"],
    ["ООО «Светлый Дом»", "светлыи дом"],
    ["Общество с ограниченной ответственностью «Светлый Дом»", "светлыи дом"],
    ["Công ty TNHH Thương mại Ánh Sáng", "anh sang"],
    ["(주)한빛엘이디", "한빛엘이디"],
    ["주식회사 대한라이트", "대한라이트"],
    ["大文貿易有限公司", "大文"],
    ["株式会社東光", "東光"],
    ["Lumière Rhône SARL", "lumiere rhone"],
    ["Luz Atlântica, Lda.", "luz atlantica"],
    ["Luz do Índico, Lda.", "luz do indico"],
    ["Svetla s.r.o.", "svetla"],
    ["Fény Világítás Kft.", "feny vilagitas"],
    ["Éclairage Nord Ltée", "eclairage nord"],
    ["شركة البهجة للإنارة ش.م.م", "البهجة للانارة"],
    ["Brilho Importação e Comércio Ltda.", "brilho importacao e comercio"],
    ["Doha Lighting W.L.L.", "doha lighting"],
    ["Gulf Star FZE", "gulf star"],
    ["Anadolu Aydınlatma A.Ş.", "anadolu aydınlatma"],
    ["نور للإنارة ذ.م.م", "نور للانارة"],
  ])("normalizeCompany(%s) = %s", (name, want) => {
    expect(normalizeCompany(name)).toBe(want);
  });

  it("R22: two companies that share only a word and a legal form are not similar", () => {
    const index = buildBuyerIndex([
      { id: "B-1", email: "rui@luzatlantica.pt", company: "Luz Atlântica, Lda.", name: "Rui Carvalho" },
    ]);
    expect(matchSender(index, { address: "helena@luzdoindico.co.mz", company: "Luz do Índico, Lda." }).kind).toBe(
      "none",
    );
  });

  it("Chinese names read in pinyin, with the common other romanisations of the surname", () => {
    expect(readHanName("欧阳娜娜")).toEqual({ surname: "ouyang", given: "nana", surnameAlternates: ["auyeung"] });
    expect(hanNameKeys("陳大文")).toContain("chen dawen");
    expect(hanNameKeys("陈鑿鑿")).toEqual([]);
    expect(personNameKeys("Chen Da Wen")).toContain("chen dawen");
  });

  it("internet-provider mail is free mail too", () => {
    for (const d of ["emirates.net.ae", "hcm.vnn.vn", "hinet.net", "naver.com", "orange.fr", "web.de"])
      expect(isFreeMail(d), d).toBe(true);
    expect(isFreeMail("alnoor-trading.ae")).toBe(false);
  });
});
