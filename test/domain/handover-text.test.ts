import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buyerLabel,
  type HandoverBuyer,
  handoverMail,
  renderHandoverIntro,
  sampleState,
} from "../../src/domain/handover-text";
import { golden } from "../fixtures/pricing/golden";
import { COMPANY } from "../fixtures/pricing/world";

const DIR = path.join(__dirname, "../fixtures/handover");

/** What Li Na leaves behind, as the offboarding job gathers it from the sheets. */
const HANDED: HandoverBuyer[] = [
  {
    id: "B-000001",
    name: "Ahmed Saleh",
    company: "Gulf Hardware LLC",
    email: "ahmed@gulfhardware.ae",
    country: "United Arab Emirates",
    grade: "A",
    nextFollowUp: "2026-11-25",
    inquiries: [{ subject: "Price for HG-100 hinges, 5,000 pcs CIF Jebel Ali", received: "2026-11-21" }],
    quotes: [],
    samples: [],
  },
  {
    id: "B-000003",
    name: "",
    company: "",
    email: "",
    country: "Kenya",
    grade: "",
    inquiries: [],
    quotes: [],
    samples: [],
  },
  {
    id: "B-000004",
    name: "Carlos Pérez",
    company: "Ferretería Andina S.A.C.",
    email: "cperez@ferreteria-andina.pe",
    country: "Peru",
    grade: "B",
    inquiries: [],
    quotes: [
      {
        number: "Q-2026-0040",
        date: "2026-11-10",
        total: "USD 12,722.37",
        status: "sent",
        validUntil: "2026-12-10",
      },
    ],
    samples: [{ products: "HG-100", requested: "2026-11-18", state: "not-sent" }],
  },
  {
    id: "B-000008",
    name: "Иван Петров",
    company: "ООО «СтройКомплект»",
    email: "i.petrov@stroykomplekt.ru",
    country: "Russia",
    grade: "C",
    inquiries: [],
    quotes: [],
    samples: [
      {
        products: "DS-20",
        requested: "2026-11-02",
        state: "on-the-way",
        sent: "2026-11-15",
        courier: "DHL",
        tracking: "1234567890",
      },
    ],
  },
  {
    id: "B-000012",
    name: "eFax Corporate",
    company: "",
    email: "jmueller@mueller-beschlaege.de",
    country: "Germany",
    grade: "D",
    inquiries: [],
    quotes: [
      { number: "Q-2026-0031", date: "2026-10-20", total: "EUR 3,410.00", status: "draft", validUntil: "2026-11-30" },
    ],
    samples: [
      { products: "CH-128", requested: "2026-10-01", state: "awaiting-feedback", sent: "2026-10-03", courier: "UPS" },
    ],
  },
];

function mail(lang: "en" | "zh-CN") {
  return handoverMail({
    lang,
    receiverName: "Wang Fang",
    leaverName: "Li Na",
    leaverEmail: "lina@hengda-hardware.cn",
    url: "https://docs.google.com/spreadsheets/d/1BuyerBookSheetId0000000/edit",
    buyers: HANDED,
    introDrafts: true,
  });
}

describe("the handover mail, read as the receiving salesperson reads it (R29)", () => {
  const { subject, body } = mail("en");

  it("R29: the subject says whose buyers and how many, with the marker a rerun searches for", () => {
    expect(subject).toBe("Buyerbook handover lina@hengda-hardware.cn: 5 buyers are now yours");
  });

  it("R29: every buyer is named by name and company, never as an ID with a question mark", () => {
    expect(body).toContain("- Ahmed Saleh, Gulf Hardware LLC (United Arab Emirates), grade A, follow up by 2026-11-25");
    expect(body).toContain("- Carlos Pérez, Ferretería Andina S.A.C. (Peru), grade B");
    expect(body).toContain("- Иван Петров, ООО «СтройКомплект» (Russia), grade C");
    // A fax gateway is nobody's name: the address is what the receiver can search for.
    expect(body).toContain("- jmueller@mueller-beschlaege.de (Germany), grade D");
    // The one buyer with nothing else on file is named by its row, and says so.
    expect(body).toContain("- buyer B-000003 with no name, company or e-mail on file (Kenya)");
    expect(body).not.toMatch(/\?/);
    expect(body.match(/B-\d{6}/g)).toEqual(["B-000003"]);
  });

  it("R29: open work is grouped by what must happen next, and an unsent sample is not 'on the way'", () => {
    const sections = [
      "Unanswered inquiries (answer within one working day):",
      "Open quotations:",
      "Sample replies or parcels not sent yet:",
      "Samples on the way:",
      "Samples delivered, waiting for the buyer's feedback:",
    ];
    const at = sections.map((s) => body.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const block = (title: string) => body.slice(body.indexOf(title)).split("\n\n")[0];
    expect(block("Sample replies or parcels not sent yet:")).toContain(
      "Carlos Pérez, Ferretería Andina S.A.C.: HG-100, requested 2026-11-18",
    );
    expect(block("Samples on the way:")).not.toContain("Carlos");
    expect(block("Samples on the way:")).toContain(
      "DS-20, requested 2026-11-02, sent 2026-11-15 (DHL), tracking 1234567890",
    );
    expect(block("Open quotations:")).toContain(
      "Q-2026-0031 of 2026-10-20, EUR 3,410.00, not sent to the buyer yet, valid until 2026-11-30",
    );
    expect(block("Unanswered inquiries")).toContain(
      '"Price for HG-100 hinges, 5,000 pcs CIF Jebel Ali", received 2026-11-21',
    );
  });

  it("R29: no rule IDs or placeholders in a text a person reads", () => {
    expect(body).not.toMatch(/\bR\d{1,2}\b|\{|\}|undefined/);
  });

  it.each(["en", "zh-CN"] as const)("R29: the %s handover mail matches its golden text", (lang) => {
    const m = mail(lang);
    const text = `Subject: ${m.subject}\n\n${m.body}`;
    expect(text).toBe(golden(`receiver.${lang}.txt`, text, DIR));
  });

  it("R29: with no open work the mail says so instead of empty headings", () => {
    const calm = handoverMail({
      lang: "en",
      receiverName: "Wang Fang",
      leaverName: "",
      leaverEmail: "lina@hengda-hardware.cn",
      url: "u",
      buyers: [HANDED[1]],
      introDrafts: false,
    });
    expect(calm.subject).toBe("Buyerbook handover lina@hengda-hardware.cn: 1 buyer is now yours");
    expect(calm.body).toContain("lina@hengda-hardware.cn has left the company. From today this buyer is yours:");
    expect(calm.body).toContain("None of them has open work right now");
    expect(calm.body).not.toMatch(/Samples on the way|Gmail drafts/);
  });
});

describe("sample states (R27, R29)", () => {
  it("R29: drafted-not-sent, shipped, delivered and answered are four different states", () => {
    const d = new Date("2026-11-15T00:00:00Z");
    expect(sampleState({ kind: "physical", sent: null, delivered: null, result: "" })).toBe("not-sent");
    expect(sampleState({ kind: "physical", sent: d, delivered: null, result: "" })).toBe("on-the-way");
    expect(sampleState({ kind: "physical", sent: d, delivered: d, result: "" })).toBe("awaiting-feedback");
    expect(sampleState({ kind: "physical", sent: d, delivered: d, result: "liked it" })).toBe("done");
    expect(sampleState({ kind: "electronic", sent: null, delivered: d, result: "", replySent: false })).toBe(
      "not-sent",
    );
    expect(sampleState({ kind: "electronic", sent: null, delivered: d, result: "" })).toBe("awaiting-feedback");
  });

  it("R29: labels fall back from name to company to address", () => {
    expect(buyerLabel({ id: "B-1", name: "", company: "Acme GmbH", email: "a@acme.de" }, "zh-CN")).toBe("Acme GmbH");
    expect(buyerLabel({ id: "B-1", name: "Customer", company: "", email: "a@acme.de" }, "en")).toBe("a@acme.de");
  });
});

describe("the new owner's introduction in the buyer's language (R29)", () => {
  const intro = (buyerLanguage: string, name: string, email: string) =>
    renderHandoverIntro({
      templates: [],
      buyerLanguage,
      buyer: { name, email, company: "" },
      newOwner: { name: "Wang Fang", email: "wangfang@hengda-hardware.cn", phone: "+86 139 0574 2288" },
      previousName: "Li Na",
      company: COMPANY,
    });

  it.each([
    ["en", "Ahmed Saleh", "Your previous contact, Li Na, has handed your account over to me."],
    ["zh", "陈志明", "您之前的联系人 Li Na 已将您的业务交接给我。"],
    ["es", "Carlos Pérez", "Su anterior contacto, Li Na, me ha traspasado la atención de su cuenta."],
    ["fr", "Claire Durand", "Votre précédent interlocuteur, Li Na, m'a confié le suivi de votre compte."],
    ["pt", "João Silva", "Seu contato anterior, Li Na, transferiu o atendimento da sua conta para mim."],
    ["ru", "Иван Петров", "Вашим аккаунтом теперь занимаюсь я вместо вашего прежнего менеджера (Li Na)."],
    ["ar", "خالد العتيبي", "قام مسؤول التواصل السابق معكم، Li Na، بتسليمي متابعة حسابكم."],
  ])("R29: %s — 'your new contact is …' from the new owner", (lang, name, sentence) => {
    const m = intro(lang, name, "buyer@example.com");
    if (!m.ok) throw new Error(JSON.stringify(m.issues));
    expect(m.body).toContain(sentence);
    expect(m.body).toContain(name);
    expect(m.body).toContain("wangfang@hengda-hardware.cn");
    expect(m.body.trimEnd().endsWith(COMPANY.website)).toBe(true);
  });

  it("R29: a German buyer named by a fax gateway gets the English introduction with the neutral greeting", () => {
    const m = intro("de", "eFax Corporate", "jmueller@mueller-beschlaege.de");
    expect(m.ok && m.language).toBe("en");
    expect(m.ok && m.body.startsWith("Dear Sir or Madam,\n")).toBe(true);
  });

  it("R29: without the previous owner's name the line is left out, not printed half", () => {
    const m = renderHandoverIntro({
      templates: [],
      buyerLanguage: "en",
      buyer: { name: "Ahmed Saleh", email: "ahmed@gulfhardware.ae", company: "" },
      newOwner: { name: "Wang Fang", email: "wangfang@hengda-hardware.cn" },
      previousName: "",
      company: COMPANY,
    });
    expect(m.ok && m.body).not.toMatch(/previous contact|My phone/);
  });
});
