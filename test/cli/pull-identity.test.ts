/**
 * Conversations and buyer identity on the BUILT dist/Code.js through the CLI (C2, R6, R7, R8, R21, R22, R26):
 * a folder of .eml files in Ann's mailbox pulled three times as the morning goes on, then the saved .xlsx read
 * back as a person would open it. Cases: the chase before any answer, asking again after our answer (a new due
 * time), a second address and a colleague joined on strong evidence, a colleague or a pinyin name on weak evidence
 * flagged and never joined, 陈大文 ~ Chen Dawen, faxes through a gateway, Alibaba and Made-in-China notices.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetSpec } from "../../src/store/columns";
import { Buyers, Inquiries, Log } from "../../src/store/schemas";
import { ALIBABA_INQUIRY, MADE_IN_CHINA_INQUIRY } from "../fixtures/corpus/notifications";
import { eml } from "../fixtures/intake/eml";

const ROOT = path.resolve(__dirname, "../..");
const BOSS = "boss@acme-tools.cn";
const ANN = "ann@acme-tools.cn";
const LI = "li@acme-tools.cn";
/** Monday 2026-11-23, Shanghai wall time, as ISO. */
const mon = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`).toISOString();
const KHALID = "Khalid Aziz <khalid@gulf-lights.ae>";
const SIGNATURE =
  "\n\nBest regards,\nKhalid Aziz\nPurchasing Manager\nGulf Lights Trading LLC\nDubai, United Arab Emirates\nTel: +971 4 555 0199";

interface Summary {
  newBuyers: number;
  newInquiries: number;
  conversationsUpdated: number;
  chases: number;
  repliesMatched: number;
  possibleDuplicates: number;
  skipped: Record<string, number>;
  problems: string[];
}

function cli(args: string[]): string {
  return execFileSync("npx", ["tsx", "local/cli/main.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * The first pull's mail: an inquiry and its chase, a forged colleague, the buyer's colleague and free mail, 陈大文,
 * two faxes, an Alibaba and a Made-in-China notice, Smith Hardware from its company domain.
 */
const MORNING: [string, string][] = [
  [
    "q1",
    eml(
      { from: KHALID, to: ANN, subject: "Inquiry: LED flood lights", date: mon("09:00"), id: "q1@gulf-lights.ae" },
      `Dear Ann,\n\nPlease quote 2,000 pcs of 100W flood lights, CIF Jebel Ali.${SIGNATURE}`,
    ),
  ],
  [
    "q2",
    eml(
      {
        from: KHALID,
        to: ANN,
        subject: "Re: Inquiry: LED flood lights",
        date: mon("09:30"),
        id: "q2@gulf-lights.ae",
        inReplyTo: "q1@gulf-lights.ae",
      },
      "Any news? We need the price today.",
    ),
  ],
  [
    "forged",
    eml(
      {
        from: `Li Wei <${LI}>`,
        to: ANN,
        subject: "Re: Inquiry: LED flood lights",
        date: mon("09:40"),
        id: "forged@acme-tools.cn",
        inReplyTo: "q2@gulf-lights.ae",
      },
      "Already answered, nothing to do.",
    ),
  ],
  [
    "colleague",
    eml(
      {
        from: "Sara Malik <sara@gulf-lights.ae>",
        to: ANN,
        subject: "Catalogue",
        date: mon("09:45"),
        id: "s1@gulf-lights.ae",
      },
      "Hello, please send me your catalogue as well.",
    ),
  ],
  [
    "freemail",
    eml(
      {
        from: "Khalid Aziz <khalid.gulf@gmail.com>",
        to: ANN,
        subject: "From my phone",
        date: mon("09:50"),
        id: "g1@gmail.com",
      },
      `Also 500 downlights please.${SIGNATURE}`,
    ),
  ],
  [
    "chen",
    eml(
      { from: "陈大文 <dmchan@163.com>", to: ANN, subject: "询价 LED投光灯", date: mon("09:55"), id: "c1@163.com" },
      "你好，请报价LED投光灯500个。\n\n陈大文\n大文贸易有限公司\n电话：+852 2345 6789",
    ),
  ],
  ...[
    ["fax1", "+971 4 555 0198"],
    ["fax2", "+49 30 1234567"],
  ].map(([id, number], i): [string, string] => [
    id,
    eml(
      {
        from: "eFax <message@inbound.efax.com>",
        to: ANN,
        subject: `eFax message from "${number}" - 1 page(s)`,
        date: mon(`10:0${i}`),
        id: `${id}@efax.com`,
      },
      "You have received a 1 page fax.",
    ),
  ]),
  [
    "alibaba",
    eml(
      {
        from: "Alibaba.com <feedback@service.alibaba.com>",
        to: ANN,
        subject: "You have received a new inquiry from Ahmed Al-Farsi",
        date: mon("10:10"),
        id: "n1@service.alibaba.com",
      },
      ALIBABA_INQUIRY.replace("Quantity: 2,000 Pieces", "Quantity: 2,000 Pieces\nEmail: ahmed@gulfstar-trading.ae"),
    ),
  ],
  [
    "mic",
    eml(
      {
        from: "Made-in-China.com <service@made-in-china.com>",
        to: ANN,
        subject: "New Inquiry from Mr. Rajesh Kumar about LED Panel Light 600x600 40W",
        date: mon("10:12"),
        id: "m1@made-in-china.com",
      },
      MADE_IN_CHINA_INQUIRY,
    ),
  ],
  [
    "smith",
    eml(
      {
        from: "John Smith <john@smithhardware.com>",
        to: ANN,
        subject: "Downlights for our stores",
        date: mon("10:15"),
        id: "h1@smithhardware.com",
      },
      "Hello Ann,\n\nWe need 3,000 LED downlights 12W.\n\nBest regards,\nJohn Smith\nBuyer\nSmith Hardware Supply, Inc.\n1200 Main St, Dallas, TX 75201\nTel: +1 214 555 0147",
    ),
  ],
];

/** Late morning: Ann's answer (sent from her mailbox), Chen from QQ with his phone, the Alibaba buyer directly. */
const NOON: [string, string][] = [
  [
    "a1",
    eml(
      {
        from: `Ann Li <${ANN}>`,
        to: KHALID,
        subject: "Re: Inquiry: LED flood lights",
        date: mon("11:00"),
        id: "a1@acme-tools.cn",
        inReplyTo: "q2@gulf-lights.ae",
      },
      "Dear Khalid, USD 11.50 CIF Jebel Ali.",
    ),
  ],
  [
    "chen2",
    eml(
      { from: "Chen Dawen <chendawen88@qq.com>", to: ANN, subject: "New address", date: mon("11:10"), id: "c2@qq.com" },
      "Hi Ann, this is my other address.\n\nChen Dawen\nTel: +852 2345 6789",
    ),
  ],
  [
    "direct",
    eml(
      {
        from: "Ahmed Al-Farsi <ahmed@gulfstar-trading.ae>",
        to: ANN,
        subject: "Flood lights",
        date: mon("11:20"),
        id: "d1@gulfstar-trading.ae",
      },
      "Dear supplier, following my Alibaba inquiry: please quote CIF Jebel Ali.",
    ),
  ],
];

/**
 * Weak hints only: a different person claiming Smith Hardware from gmail, and "Chen Dawen" from a third address
 * with no phone. Each is a new buyer flagged as a possible duplicate, never joined (R22).
 */
const WEAK: [string, string][] = [
  [
    "smith2",
    eml(
      {
        from: "Mary Jones <maryjones.shs@gmail.com>",
        to: ANN,
        subject: "LED tubes",
        date: mon("11:30"),
        id: "h2@gmail.com",
      },
      "Hi, please quote 500 T8 LED tubes.\n\nMary Jones\nSmith Hardware Supply Inc.",
    ),
  ],
  [
    "chen3",
    eml(
      {
        from: "Chen Dawen <dawen.chen@outlook.com>",
        to: ANN,
        subject: "Panel lights",
        date: mon("11:40"),
        id: "c3@outlook.com",
      },
      "Hello, price of 600x600 panel lights please.\n\nChen Dawen",
    ),
  ],
];

/** Afternoon: Khalid writes again after the answer. */
const AFTERNOON: [string, string][] = [
  [
    "q3",
    eml(
      {
        from: KHALID,
        to: ANN,
        subject: "Re: Inquiry: LED flood lights",
        date: mon("14:00"),
        id: "q3@gulf-lights.ae",
        inReplyTo: "a1@acme-tools.cn",
      },
      "Thank you. What about 3,000 pcs?",
    ),
  ],
];

type Row = Record<string, unknown>;

/** Rows by column key (the book was set up in Chinese: headers are found by either language, as the add-on does). */
async function sheetRecords(book: string, spec: SheetSpec): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(book);
  const sheet = workbook.getWorksheet(spec.name)!;
  const keyOf = (text: string) => spec.columns.find((c) => c.en === text || c.zh === text)?.key ?? text;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => keyOf(String(h)));
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? ""])));
  });
  return rows;
}

describe("npm run local -- pull: conversations and identity (R6, R7, R8, R21, R22, R26)", () => {
  let dir: string;
  let book: string;
  let mail: string;
  const runs: Summary[] = [];
  let inquiries: Row[];
  let buyers: Row[];
  let log: Row[];

  beforeAll(async () => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "ignore", timeout: 120_000 });
    dir = mkdtempSync(path.join(tmpdir(), "buyerbook-identity-"));
    book = path.join(dir, "book.xlsx");
    mail = path.join(dir, "mail");
    const box = path.join(mail, ANN);
    mkdirSync(box, { recursive: true });
    cli(["setup", "--book", book, "--as", BOSS, "--now", mon("08:00"), "--json"]);
    for (const [email, name] of [
      [ANN, "Ann Li"],
      [LI, "Li Wei"],
    ])
      cli(["onboard", "--book", book, "--as", BOSS, "--email", email, "--name", name, "--role", "salesperson"]);
    const pull = (files: [string, string][], now: string) => {
      for (const [name, raw] of files) writeFileSync(path.join(box, `${name}.eml`), raw);
      runs.push(JSON.parse(cli(["pull", "--mail", mail, "--book", book, "--as", ANN, "--now", now, "--json"])));
    };
    pull(MORNING, mon("10:30"));
    pull([...NOON, ...WEAK], mon("12:00"));
    pull(AFTERNOON, mon("15:00"));
    inquiries = await sheetRecords(book, Inquiries);
    buyers = await sheetRecords(book, Buyers);
    log = await sheetRecords(book, Log);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rowOf = (messageId: string) => inquiries.find((r) => r.rfcMessageId === messageId)!;
  const buyerOf = (row: Row) => buyers.find((b) => b.id === row.buyerId)!;

  it("C2: the three pulls count conversations, chases, answers and new buyers", () => {
    for (const r of runs) expect(r.problems).toEqual([]);
    // q1, Sara, the free-mail note, 陈大文, two faxes, two notices, Smith Hardware; q2 is a chase; the forged mail
    // and the boss's welcome mail (received, not sent from Ann's mailbox) are skipped as ours.
    expect(runs[0]).toMatchObject({ newInquiries: 9, conversationsUpdated: 1, chases: 1, repliesMatched: 0 });
    expect(runs[0].skipped).toEqual({ own: 2 });
    // Chen from QQ joins on name and phone; Mary Jones and the phone-less Chen Dawen are new, each flagged.
    expect(runs[1]).toMatchObject({
      newInquiries: 3,
      conversationsUpdated: 1,
      repliesMatched: 1,
      newBuyers: 2,
      possibleDuplicates: 2,
    });
    expect(runs[2]).toMatchObject({ newInquiries: 0, conversationsUpdated: 1, chases: 0 });
  });

  it("R7, R8: the chase, the forged answer ignored, Ann's answer, the question after it: one row awaiting again", () => {
    const row = rowOf("q1@gulf-lights.ae");
    expect(row).toMatchObject({ status: "new", messages: 4, chases: 1 });
    expect(row.responseHours).toBe(2);
    expect(String(row.replyHistory)).toBe("2026-11-23T01:00Z → 2026-11-23T03:00Z");
    expect(new Date(row.awaitingSince as string).toISOString()).toBe(mon("14:00"));
    const forged = log.find((l) => l.target === "forged@acme-tools.cn")!;
    expect(String(forged.detail)).toContain("not sent from this mailbox");
  });

  it("R8: the buyer asks again after our answer: the same row awaits our reply with a new due time", () => {
    const row = rowOf("q1@gulf-lights.ae");
    // Counted from 14:00 Monday, the question after the answer: two working hours to aim for, one day at most.
    expect(new Date(row.targetAt as string).toISOString()).toBe(mon("16:00"));
    expect(new Date(row.limitAt as string).toISOString()).toBe(new Date("2026-11-24T14:00:00+08:00").toISOString());
    // The first answer stays on the row; what awaits now is the 14:00 question.
    expect(new Date(row.repliedAt as string).toISOString()).toBe(mon("11:00"));
    expect(new Date(row.awaitingSince as string).toISOString()).toBe(mon("14:00"));
    expect(inquiries.filter((r) => String(r.subject).includes("LED flood lights"))).toHaveLength(1);
  });

  it("R21, R22: the buyer known by colleague and free-mail address, with what the signature says", () => {
    const khalid = buyerOf(rowOf("q1@gulf-lights.ae"));
    expect(buyerOf(rowOf("s1@gulf-lights.ae")).id).toBe(khalid.id);
    expect(buyerOf(rowOf("g1@gmail.com")).id).toBe(khalid.id);
    expect(String(khalid.otherEmails).split(", ").sort()).toEqual(["khalid.gulf@gmail.com", "sara@gulf-lights.ae"]);
    expect(khalid).toMatchObject({
      company: "Gulf Lights Trading LLC",
      country: "United Arab Emirates",
      city: "Dubai",
      phone: "+97145550199",
      title: "Purchasing Manager",
      owner: ANN,
    });
    expect(String(khalid.evidence)).toContain("phone");
  });

  it("R22: 陈大文 and Chen Dawen (same phone) are one buyer with both addresses", () => {
    const chen = buyerOf(rowOf("c1@163.com"));
    expect(chen).toMatchObject({ name: "陈大文", otherEmails: "chendawen88@qq.com", country: "Hong Kong" });
    expect(buyers.filter((b) => String(b.email).includes("qq.com"))).toEqual([]);
  });

  it("R22: a colleague claiming the company from free mail is a new buyer flagged as a possible duplicate, never joined", () => {
    const smith = buyerOf(rowOf("h1@smithhardware.com"));
    const mary = buyerOf(rowOf("h2@gmail.com"));
    expect(smith).toMatchObject({ company: "Smith Hardware Supply, Inc.", country: "United States", otherEmails: "" });
    expect(mary.id).not.toBe(smith.id);
    expect(mary).toMatchObject({ email: "maryjones.shs@gmail.com", owner: ANN });
    expect(String(mary.duplicateOf)).toContain(`possible duplicate of ${smith.id}`);
    // Nothing says where Mary is: the country stays empty and the Evidence says why.
    expect(mary.country).toBe("");
    expect(String(mary.evidence)).toMatch(/country empty: .*gmail\.com is free mail/);
  });

  it("R22: 'Chen Dawen' from a third address without the phone is only a possible duplicate of 陈大文", () => {
    const chen = buyerOf(rowOf("c1@163.com"));
    const other = buyerOf(rowOf("c3@outlook.com"));
    expect(other.id).not.toBe(chen.id);
    expect(String(other.duplicateOf)).toContain(`possible duplicate of ${chen.id}`);
    expect(chen.otherEmails).toBe("chendawen88@qq.com");
  });

  it("R22, R26: each fax number is a buyer of its own; the gateway is nobody's address", () => {
    const [a, b] = [buyerOf(rowOf("fax1@efax.com")), buyerOf(rowOf("fax2@efax.com"))];
    expect([a.phone, a.country, b.phone, b.country]).toEqual([
      "+97145550198",
      "United Arab Emirates",
      "+49301234567",
      "Germany",
    ]);
    expect(buyers.some((x) => String(x.email).includes("efax"))).toBe(false);
    expect(rowOf("fax1@efax.com").channel).toBe("fax");
    // A fax gets its answer within 12 hours (R26): received 10:00 Monday, due 22:00.
    expect(new Date(rowOf("fax1@efax.com").limitAt as string).toISOString()).toBe(mon("22:00"));
  });

  it("C2, R22: the Alibaba buyer's own mail continues the notice's conversation", () => {
    const notice = rowOf("n1@service.alibaba.com");
    expect(notice).toMatchObject({ channel: "platform", messages: 2, fromEmail: "ahmed@gulfstar-trading.ae" });
    expect(inquiries.find((r) => r.rfcMessageId === "d1@gulfstar-trading.ae")).toBeUndefined();
    expect(buyerOf(notice)).toMatchObject({ company: "Gulf Star Trading LLC", country: "United Arab Emirates" });
  });

  it("C2, R22: a Made-in-China notice files the buyer it names; no platform is ever a buyer", () => {
    const notice = rowOf("m1@made-in-china.com");
    expect(notice).toMatchObject({
      channel: "platform",
      source: "made-in-china",
      fromEmail: "rajesh.kumar@kumarelectricals.in",
      product: "LED Panel Light 600x600 40W",
    });
    expect(buyerOf(notice)).toMatchObject({
      company: "Kumar Electricals Pvt. Ltd.",
      country: "India",
      email: "rajesh.kumar@kumarelectricals.in",
    });
    expect(buyers.filter((b) => /alibaba|made-in-china/.test(String(b.email) + String(b.otherEmails)))).toEqual([]);
  });
});
