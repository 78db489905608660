/**
 * Conversations and buyer identity on the BUILT dist/Code.js through the CLI (C2, R6, R7, R8, R21, R22, R26):
 * a folder of .eml files in Ann's mailbox pulled three times as the morning goes on, then the saved .xlsx read
 * back as a person would open it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetSpec } from "../../src/store/columns";
import { Buyers, Inquiries, Log } from "../../src/store/schemas";
import { ALIBABA_INQUIRY } from "../fixtures/corpus/notifications";
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

/** The first pull's mail: an inquiry and its chase, a forged colleague, the buyer's colleague and free mail, 陈大文, two faxes, a platform notice. */
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
    pull(NOON, mon("12:00"));
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
    // q1, Sara, the free-mail note, 陈大文, two faxes, the notice; q2 is a chase; the forged mail and the boss's
    // welcome mail (received, not sent from Ann's mailbox) are skipped as ours.
    expect(runs[0]).toMatchObject({ newInquiries: 7, conversationsUpdated: 1, chases: 1, repliesMatched: 0 });
    expect(runs[0].skipped).toEqual({ own: 2 });
    expect(runs[1]).toMatchObject({ newInquiries: 1, conversationsUpdated: 1, repliesMatched: 1, newBuyers: 0 });
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
  });

  it("C2, R22: the Alibaba buyer's own mail continues the notice's conversation", () => {
    const notice = rowOf("n1@service.alibaba.com");
    expect(notice).toMatchObject({ channel: "platform", messages: 2, fromEmail: "ahmed@gulfstar-trading.ae" });
    expect(inquiries.find((r) => r.rfcMessageId === "d1@gulfstar-trading.ae")).toBeUndefined();
    expect(buyerOf(notice)).toMatchObject({ company: "Gulf Star Trading LLC", country: "United Arab Emirates" });
  });
});
