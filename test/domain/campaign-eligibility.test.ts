import { describe, expect, it } from "vitest";
import {
  type CampaignCandidate,
  campaignAudience,
  canonicalAddress,
  driveLinks,
  type EligibilityPolicy,
  type OpenInquiry,
  type OpenQuote,
  unshareableLinks,
} from "../../src/domain/campaign-eligibility";

const NOW = new Date("2026-11-23T08:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

const STAFF = [
  { email: "lina@hengda-hardware.cn", name: "Li Na", active: true },
  { email: "wangfang@hengda-hardware.cn", name: "Wang Fang", active: true },
  { email: "zhaolei@hengda-hardware.cn", name: "Zhao Lei", active: false },
];

/** The Buyers index: several rows and addresses belong to one person. */
const BY_ADDRESS: Record<string, string> = {
  "ahmed@gulfhardware.ae": "B-000001",
  "ahmed.saleh@gmail.com": "B-000001",
  "purchasing@ferreteria-andina.pe": "B-000004",
};

function policy(over: Partial<EligibilityPolicy> = {}): EligibilityPolicy {
  return {
    now: NOW,
    quietDays: 14,
    resolve: (a) => BY_ADDRESS[a.trim().toLowerCase()],
    senderMode: "owner",
    namedSender: "wangfang@hengda-hardware.cn",
    staff: STAFF,
    ...over,
  };
}

const c = (over: Partial<CampaignCandidate> & { buyerId: string; email: string }): CampaignCandidate => ({
  name: "",
  owner: "lina@hengda-hardware.cn",
  ...over,
});

/** A segment as the Buyers sheet gives it: the same people more than once, fax gateways, open work. */
const SEGMENT: CampaignCandidate[] = [
  c({ buyerId: "B-000001", email: "ahmed@gulfhardware.ae", name: "Ahmed Saleh", language: "en" }),
  c({ buyerId: "B-000002", email: "Ahmed.Saleh+offers@gmail.com", name: "Ahmed", language: "ar" }),
  c({ buyerId: "B-000003", email: "AHMED@GULFHARDWARE.AE", name: "Ahmed S." }),
  c({ buyerId: "B-000004", email: "cperez@ferreteria-andina.pe", name: "Carlos Pérez", language: "es" }),
  c({ buyerId: "B-000005", email: "purchasing@ferreteria-andina.pe", name: "Purchasing", language: "es" }),
  c({ buyerId: "B-000006", email: "claire@quincaillerie-durand.fr", name: "eFax Corporate", language: "fr" }),
  c({ buyerId: "B-000007", email: "12125550143@efaxsend.com", name: "Dana Miller" }),
  c({ buyerId: "B-000008", email: "i.petrov@stroykomplekt.ru", name: "Иван Петров", language: "ru" }),
  c({ buyerId: "B-000009", email: "khalid@riyadhtools.sa", name: "خالد العتيبي", language: "ar" }),
  c({ buyerId: "B-000010", email: "info@hengtong.com.hk", name: "info", language: "zh" }),
  c({ buyerId: "B-000011", email: "joao.silva@ferragenspaulista.com.br", name: "João Silva", language: "pt" }),
  c({
    buyerId: "B-000012",
    email: "jmueller@mueller-beschlaege.de",
    name: "jmueller",
    language: "de",
    owner: "zhaolei@hengda-hardware.cn",
  }),
  c({ buyerId: "B-000013", email: "", name: "Nguyen Van An", language: "vi" }),
];

const INQUIRIES: OpenInquiry[] = [
  // Carlos asked 3 weeks ago and nobody answered: he waits for an answer, not a newsletter.
  { buyerId: "B-000004", receivedAt: daysAgo(21), answered: false },
  // Ivan's inquiry was answered: no obstacle.
  { buyerId: "B-000008", receivedAt: daysAgo(2), answered: true },
  // An unanswered inquiry from an address that resolves to Ahmed's first row.
  { fromEmail: "ahmed.saleh@gmail.com", receivedAt: daysAgo(400), answered: true },
];
const QUOTES: OpenQuote[] = [
  { buyerId: "B-000009", date: daysAgo(5), status: "sent" },
  { buyerId: "B-000011", date: daysAgo(40), status: "sent" },
  { buyerId: "B-000008", date: daysAgo(3), status: "expired" },
];

describe("campaign audience (R11, R23, R24)", () => {
  const { recipients, excluded } = campaignAudience(SEGMENT, { inquiries: INQUIRIES, quotes: QUOTES }, policy());
  const why = Object.fromEntries(excluded.map((e) => [e.buyerId, e.reason]));

  it("R24: one copy per person: same address in other case, +tag and Gmail dots, or the same resolved buyer", () => {
    expect(why["B-000002"]).toBe("duplicate");
    expect(why["B-000003"]).toBe("duplicate");
    expect(excluded.find((e) => e.buyerId === "B-000002")?.sameAs).toBe("B-000001");
    expect(recipients.filter((r) => r.email.toLowerCase().includes("ahmed"))).toHaveLength(1);
    expect(canonicalAddress("Ahmed.Saleh+offers@GoogleMail.com")).toBe("ahmedsaleh@gmail.com");
  });

  it("R7, R23: never to a buyer with an unanswered inquiry or an open quote in the last N days", () => {
    expect(why["B-000004"]).toBe("unanswered-inquiry");
    // Purchasing@ is Carlos's company address that resolves to him: it is the same person, one rule.
    expect(why["B-000005"]).toBe("duplicate");
    expect(why["B-000009"]).toBe("open-quote");
    // A quote older than quietDays, or expired, does not hold the campaign back.
    expect(recipients.map((r) => r.buyerId)).toEqual(expect.arrayContaining(["B-000011", "B-000008"]));
    // An unanswered inquiry from another of Ahmed's addresses (no buyer ID on it yet) holds Ahmed back too.
    const fromGmail = [{ fromEmail: "Ahmed.Saleh@gmail.com", receivedAt: daysAgo(1), answered: false }];
    const held = campaignAudience(SEGMENT.slice(0, 1), { inquiries: fromGmail, quotes: [] }, policy());
    expect(held.excluded).toEqual([
      { buyerId: "B-000001", email: "ahmed@gulfhardware.ae", reason: "unanswered-inquiry" },
    ]);
    const strict = campaignAudience(SEGMENT, { inquiries: INQUIRIES, quotes: QUOTES }, policy({ quietDays: 60 }));
    expect(strict.excluded.find((e) => e.buyerId === "B-000011")?.reason).toBe("open-quote");
  });

  it("R26: a fax-to-mail gateway address gets no campaign mail; a gateway name gets the neutral greeting", () => {
    expect(why["B-000007"]).toBe("fax-gateway");
    const claire = recipients.find((r) => r.buyerId === "B-000006")!;
    expect(claire).toMatchObject({ lang: "fr", greeting: "Madame, Monsieur,", nameIssue: "gateway" });
  });

  it("R11: greetings never use a placeholder, a mailbox or an empty name, and are in the buyer's language", () => {
    const greeting = Object.fromEntries(recipients.map((r) => [r.buyerId, r.greeting]));
    expect(greeting["B-000001"]).toBe("Dear Ahmed Saleh,");
    expect(greeting["B-000008"]).toBe("Здравствуйте, Иван Петров!");
    expect(greeting["B-000010"]).toBe("尊敬的客户：");
    expect(greeting["B-000011"]).toBe("Prezado(a) João Silva,");
    // German has no template: English, and "jmueller" is the mailbox, not a name.
    expect(greeting["B-000012"]).toBe("Dear Sir or Madam,");
    for (const r of recipients) expect(r.greeting).not.toMatch(/info|efax|jmueller|\{|undefined/i);
  });

  it("R29: the sender and the signature are the same person: the owner, or the named sender for a frozen owner", () => {
    for (const r of recipients.filter((x) => x.buyerId !== "B-000012"))
      expect(r.sender).toEqual({ email: "lina@hengda-hardware.cn", name: "Li Na" });
    expect(recipients.find((r) => r.buyerId === "B-000012")?.sender).toEqual({
      email: "wangfang@hengda-hardware.cn",
      name: "Wang Fang",
    });
    const named = campaignAudience(SEGMENT, { inquiries: [], quotes: [] }, policy({ senderMode: "named" }));
    expect(new Set(named.recipients.map((r) => r.sender.email))).toEqual(new Set(["wangfang@hengda-hardware.cn"]));
    const nobody = campaignAudience(SEGMENT.slice(11, 12), { inquiries: [], quotes: [] }, policy({ namedSender: "" }));
    expect(nobody.excluded[0]).toMatchObject({ buyerId: "B-000012", reason: "no-sender" });
  });

  it("R24: a buyer without an address is listed as left out, not silently dropped", () => {
    expect(why["B-000013"]).toBe("no-address");
    expect(recipients.length + excluded.length).toBe(SEGMENT.length);
  });
});

describe("picture links must open for the buyer (R12, R25, R28)", () => {
  const text = [
    "New HG-200 pictures: https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUv/view?usp=sharing.",
    "Catalogue https://docs.google.com/presentation/d/1ZyXwVuTsRqPoNmLkJiHgFe/edit",
    "Folder: https://drive.google.com/drive/folders/0B1a2b3c4d5e6f7g8h9i0",
    "Old link https://drive.google.com/open?id=1QwErTyUiOpAsDfGhJkLzXc and our site https://www.hengda-hardware.cn/img/hg-200.jpg",
    "Again https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUv/view",
  ].join("\n");

  it("R28: finds each Drive file once, with its ID, and ignores other sites", () => {
    expect(driveLinks(text).map((l) => l.fileId)).toEqual([
      "1AbCdEfGhIjKlMnOpQrStUv",
      "1ZyXwVuTsRqPoNmLkJiHgFe",
      "0B1a2b3c4d5e6f7g8h9i0",
      "1QwErTyUiOpAsDfGhJkLzXc",
    ]);
    expect(driveLinks(text)[0].url).toBe("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUv/view?usp=sharing");
  });

  it("R28: flags links not shared 'anyone with the link', editable by anyone, or not found", () => {
    const sharing = new Map([
      ["1AbCdEfGhIjKlMnOpQrStUv", { access: "ANYONE_WITH_LINK", permission: "VIEW" }],
      ["1ZyXwVuTsRqPoNmLkJiHgFe", { access: "DOMAIN_WITH_LINK", permission: "VIEW" }],
      ["0B1a2b3c4d5e6f7g8h9i0", { access: "ANYONE_WITH_LINK", permission: "EDIT" }],
      ["1QwErTyUiOpAsDfGhJkLzXc", null],
    ]);
    expect(unshareableLinks(driveLinks(text), sharing).map((p) => [p.link.fileId, p.problem])).toEqual([
      ["1ZyXwVuTsRqPoNmLkJiHgFe", "not-shared"],
      ["0B1a2b3c4d5e6f7g8h9i0", "editable-by-anyone"],
      ["1QwErTyUiOpAsDfGhJkLzXc", "not-found"],
    ]);
    // A file nobody looked up is not assumed shared.
    expect(unshareableLinks(driveLinks(text).slice(0, 1), new Map())[0].problem).toBe("not-found");
  });
});
