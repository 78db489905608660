/**
 * Conversations and identity through the pull on the emulator (R6, R7, R8, R20–R23, R26): one row per
 * conversation, chases and awaiting again, our answers only when this mailbox sent them, buyers known by every
 * address and number, what the mail says filled into empty fields with its evidence, faxes, platform notices
 * joined only on strong evidence, and message identity.
 */
import type { StructuredMail } from "@buyerbook/gas-emulator";
import { describe, expect, it } from "vitest";
import { replySpeed } from "../../../src/domain/reply-speed";
import { DEFAULT_SLA_SETTINGS } from "../../../src/domain/sla";
import { ownershipConflicts } from "../../../src/features/intake";
import { ANN, BOB, BOSS, type IntakeWorld, intakeWorld, MONDAY_0900, seedBuyer, seedRows } from "../../support/world";

const H = 3_600_000;
/** Monday 2026-11-23 Shanghai wall time ("10:30") as an instant. */
const mon = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`);

function buyerMail(over: Partial<StructuredMail> & { from: string }): StructuredMail {
  return { to: ANN, subject: "Inquiry: LED flood lights", text: "Please quote 500 pcs.", ...over };
}

/** Delivers at `at` and pulls `mailbox` a minute later. */
function deliverAndPull(w: IntakeWorld, mail: StructuredMail, mailbox = ANN, options: { mailboxes?: string[] } = {}) {
  const at = mail.date ?? w.env.ctx.clock.now();
  w.env.ctx.clock.set(at);
  w.env.mail.deliverStructured({ ...mail, date: at }, options);
  w.env.ctx.clock.set(new Date(at.getTime() + 60_000));
  return w.pull(mailbox);
}

function logLines(w: IntakeWorld) {
  return w
    .rows("Log")
    .map((l) => ({ at: l[0] as Date, action: String(l[2]), target: String(l[3]), detail: String(l[4]) }));
}

describe("a conversation is one row (R7, R8)", () => {
  const first = "<q1@gulf-lights.ae>";
  const buyer = "Khalid Aziz <khalid@gulf-lights.ae>";

  it("R7, R8, R20, R23: chase, answer, ask again, answer again: one row, its clock, its history, the buyer's contact", () => {
    const w = intakeWorld();
    deliverAndPull(w, buyerMail({ from: buyer, messageId: first, date: mon("09:00") }));
    // The buyer chases twice before any answer: escalations, the clock keeps 09:00.
    for (const [i, time] of [
      [1, "10:00"],
      [2, "11:00"],
    ] as const) {
      const r = deliverAndPull(
        w,
        buyerMail({
          from: buyer,
          subject: "Re: Inquiry: LED flood lights",
          text: `Any news? (${i})`,
          messageId: `<chase${i}@gulf-lights.ae>`,
          inReplyTo: first,
          references: first,
          date: mon(time),
        }),
      );
      expect([r.newInquiries, r.conversationsUpdated, r.chases]).toEqual([0, 1, 1]);
    }
    let [row] = w.records("Inquiries");
    expect(row).toMatchObject({ messages: 3, chases: 2, status: "new" });
    expect(row.awaitingSince).toEqual(mon("09:00"));
    expect(row.targetAt).toEqual(mon("11:00"));
    // Ann answers at 11:30 from her mailbox.
    const answer = deliverAndPull(
      w,
      {
        from: `Ann Li <${ANN}>`,
        to: buyer,
        subject: "Re: Inquiry: LED flood lights",
        text: "Dear Khalid, our offer follows.",
        messageId: "<a1@acme-tools.cn>",
        inReplyTo: "<chase2@gulf-lights.ae>",
        references: `${first} <chase2@gulf-lights.ae>`,
        date: mon("11:30"),
      },
      ANN,
    );
    expect(answer.repliesMatched).toBe(1);
    [row] = w.records("Inquiries");
    expect(row).toMatchObject({ status: "replied", responseHours: 2.5, awaitingSince: "", messages: 4 });
    // R20, R23: our answer is personal contact: the buyer's last contact and next follow-up move.
    const [b] = w.records("Buyers");
    expect(b.lastContact).toEqual(mon("11:30"));
    expect(b.nextFollowUp).toBeInstanceOf(Date);
    // The buyer asks again after our answer: the same row awaits again, due from the new message.
    const again = deliverAndPull(
      w,
      buyerMail({
        from: buyer,
        subject: "Re: Inquiry: LED flood lights",
        text: "Thanks. And for 800 pcs?",
        messageId: "<q2@gulf-lights.ae>",
        inReplyTo: "<a1@acme-tools.cn>",
        references: `${first} <a1@acme-tools.cn>`,
        date: mon("14:00"),
      }),
    );
    expect([again.newInquiries, again.conversationsUpdated, again.chases]).toEqual([0, 1, 0]);
    [row] = w.records("Inquiries");
    expect(row).toMatchObject({ status: "new", messages: 5, chases: 2 });
    expect(row.awaitingSince).toEqual(mon("14:00"));
    expect(row.targetAt).toEqual(mon("16:00"));
    deliverAndPull(
      w,
      {
        from: `Ann Li <${ANN}>`,
        to: buyer,
        subject: "Re: Inquiry: LED flood lights",
        text: "For 800 pcs: USD 11.",
        messageId: "<a2@acme-tools.cn>",
        inReplyTo: "<q2@gulf-lights.ae>",
        references: `${first} <q2@gulf-lights.ae>`,
        date: mon("15:00"),
      },
      ANN,
    );
    [row] = w.records("Inquiries");
    expect(w.records("Inquiries")).toHaveLength(1);
    expect(row.replyHistory).toBe("2026-11-23T01:00Z → 2026-11-23T03:30Z; 2026-11-23T06:00Z → 2026-11-23T07:00Z");
    // The figures the dashboard and the weekly report share: two waits, both answered, one within 2 h.
    const speed = replySpeed(
      [
        { ...row, receivedAt: row.receivedAt as Date, channel: String(row.channel), status: String(row.status) },
      ] as never,
      {
        asOf: mon("18:00"),
        sla: { ...DEFAULT_SLA_SETTINGS, calendar: { ...DEFAULT_SLA_SETTINGS.calendar, timeZone: "Asia/Shanghai" } },
      },
    );
    expect(speed).toMatchObject({ awaited: 2, answered: 2, withinTarget: 1, hours: [1, 2.5] });
  });

  it("R7, R8: a forged colleague From never answers an inquiry (only mail this mailbox sent does)", () => {
    const w = intakeWorld();
    deliverAndPull(w, buyerMail({ from: buyer, messageId: first, date: mon("09:00") }));
    // "Bob" writes into Ann's inbox from outside: Gmail has it as received, not as sent by Ann's mailbox.
    const forged = deliverAndPull(
      w,
      {
        from: `Bob Wang <${BOB}>`,
        to: ANN,
        subject: "Re: Inquiry: LED flood lights",
        text: "Handled, no need to answer.",
        messageId: "<forged@acme-tools.cn>",
        inReplyTo: first,
        references: first,
        date: mon("09:30"),
      },
      ANN,
      { mailboxes: [ANN] },
    );
    expect(forged.repliesMatched).toBe(0);
    expect(forged.skipped).toEqual({ own: 1 });
    const [row] = w.records("Inquiries");
    expect(row.status).toBe("new");
    expect(row.repliedAt).toBe("");
    expect(w.records("Buyers")[0].lastContact).toBe("");
    const line = logLines(w).find((l) => l.target === "forged@acme-tools.cn")!;
    expect(line.detail).toContain("not sent from this mailbox");
  });

  it("R7: a colleague's reply-all counts in the colleague's own pull, not in the CC'd mailbox's", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(buyerMail({ from: buyer, cc: BOB, messageId: first, date: mon("09:00") }));
    w.env.ctx.clock.set(mon("09:05"));
    w.pull(ANN);
    w.pull(BOB);
    w.env.ctx.clock.set(mon("10:00"));
    w.env.mail.deliverStructured({
      from: `Bob Wang <${BOB}>`,
      to: buyer,
      cc: ANN,
      subject: "Re: Inquiry: LED flood lights",
      text: "Dear Khalid, Bob here, covering for Ann.",
      messageId: "<bob1@acme-tools.cn>",
      inReplyTo: first,
      references: first,
      date: mon("10:00"),
    });
    w.env.ctx.clock.set(mon("10:05"));
    expect(w.pull(ANN).repliesMatched).toBe(0);
    expect(w.records("Inquiries")[0].status).toBe("new");
    expect(w.pull(BOB).repliesMatched).toBe(1);
    const [row] = w.records("Inquiries");
    expect(row).toMatchObject({ status: "replied", responseHours: 1 });
    expect(w.records("Inquiries")).toHaveLength(1);
  });
});

describe("who the buyer is (R21, R22) and who owns them (R6)", () => {
  it("R22: a colleague at the buyer's company domain joins the buyer; the owner keeps the inquiry", () => {
    const w = intakeWorld();
    seedBuyer(w, {
      id: "B-000001",
      company: "Brightway Electric Inc.",
      name: "John Carter",
      email: "john.carter@brightway-electric.com",
      owner: BOB,
    });
    deliverAndPull(
      w,
      buyerMail({ from: "Mary Jones <mary.jones@brightway-electric.com>", text: "I took over from John. Price list?" }),
    );
    const [row] = w.records("Inquiries");
    expect([row.buyerId, row.owner]).toEqual(["B-000001", BOB]);
    const [b] = w.records("Buyers");
    expect(b.otherEmails).toBe("mary.jones@brightway-electric.com");
    expect(w.records("Buyers")).toHaveLength(1);
  });

  it("R22: the same buyer from free mail, known by company and contact name: the address is filed under Other e-mails", () => {
    const w = intakeWorld();
    seedBuyer(w, {
      id: "B-000001",
      company: "Al Noor Trading L.L.C.",
      name: "Ahmed Al-Farsi",
      email: "ahmed@alnoor-trading.ae",
      owner: BOB,
    });
    deliverAndPull(
      w,
      buyerMail({
        from: "Ahmed Al-Farsi <alnoor.dubai@gmail.com>",
        text: "Dear Ann,\n\nFrom my phone: 2,000 pcs FL-100 please.\n\nBest regards,\nAhmed Al-Farsi\nAl Noor Trading L.L.C.\nDubai, UAE",
      }),
    );
    expect(w.records("Buyers")).toHaveLength(1);
    expect(w.records("Buyers")[0].otherEmails).toBe("alnoor.dubai@gmail.com");
    expect(w.records("Inquiries")[0].buyerId).toBe("B-000001");
  });

  it("R21, R22: 陈大文 then Chen Dawen from QQ with the same phone is one buyer; the second address is filed", () => {
    const w = intakeWorld();
    deliverAndPull(
      w,
      buyerMail({
        from: "陈大文 <dmchan@163.com>",
        subject: "询价 LED投光灯",
        text: "你好，请报价LED投光灯500个。\n\n陈大文\n大文贸易有限公司\n电话：+852 2345 6789",
        date: mon("09:00"),
      }),
    );
    const [first] = w.records("Buyers");
    expect(first).toMatchObject({ name: "陈大文", phone: "+85223456789", country: "Hong Kong" });
    expect(String(first.evidence)).toContain("phone");
    const r = deliverAndPull(
      w,
      buyerMail({
        from: "Chen Dawen <chendawen88@qq.com>",
        subject: "New address",
        text: "Hi Ann, this is my other address. Please send the price here.\n\nChen Dawen\nTel: +852 2345 6789",
        date: mon("10:00"),
      }),
    );
    expect(r.newBuyers).toBe(0);
    expect(w.records("Buyers")).toHaveLength(1);
    expect(w.records("Buyers")[0].otherEmails).toBe("chendawen88@qq.com");
    expect(new Set(w.records("Inquiries").map((i) => i.buyerId))).toEqual(new Set([first.id]));
  });

  it("R6, R22: without the phone only a possible duplicate; it goes to the first buyer's owner and both are told", () => {
    const w = intakeWorld();
    deliverAndPull(
      w,
      buyerMail({
        from: "陈大文 <dmchan@163.com>",
        subject: "询价",
        text: "请报价LED投光灯500个。",
        date: mon("09:00"),
      }),
    );
    // "Chen Dawen" writes to Bob from QQ: the same name in pinyin, nothing stronger.
    const r = deliverAndPull(
      w,
      buyerMail({
        from: "Chen Dawen <chendawen88@qq.com>",
        to: BOB,
        subject: "Price please",
        text: "Hi, this is my other address. Please quote 300 floodlights.",
        date: mon("10:00"),
      }),
      BOB,
    );
    expect([r.newBuyers, r.possibleDuplicates, r.ownershipConflicts]).toEqual([1, 1, 1]);
    const [a, b] = w.records("Buyers");
    expect(b).toMatchObject({ duplicateOf: `possible duplicate of ${a.id}`, owner: ANN });
    const row = w.records("Inquiries").find((i) => i.buyerId === b.id)!;
    expect([row.owner, row.assignedTo]).toEqual([ANN, ANN]);
    const conflicts = ownershipConflicts(
      w
        .rows("Log")
        .map((l) => ({ at: l[0] as Date, action: String(l[2]), target: String(l[3]), detail: String(l[4]) })),
    );
    expect(conflicts).toEqual([
      expect.objectContaining({ buyerId: b.id, duplicateOf: a.id, owners: [ANN, BOB], routedTo: ANN }),
    ]);
  });

  it("R21, R22: what the mail says fills only empty fields, with the evidence; a typed value is never overwritten", () => {
    const w = intakeWorld();
    seedBuyer(w, {
      id: "B-000001",
      company: "Nour Lights (typed by Bob)",
      email: "sales@nour-lights.com.eg",
      owner: BOB,
    });
    deliverAndPull(
      w,
      buyerMail({
        from: "Omar Hassan <omar@nour-lights.com.eg>",
        text: "Dear Ann,\n\nPlease quote 1,000 pcs.\n\nBest regards,\nOmar Hassan\nPurchasing Manager\nNour Lights Co.\nCairo, Egypt\nTel: +20 2 2345 6789",
      }),
    );
    const [b] = w.records("Buyers");
    expect(b).toMatchObject({
      company: "Nour Lights (typed by Bob)",
      name: "Omar Hassan",
      phone: "+20223456789",
      country: "Egypt",
      region: "Middle East",
      city: "Cairo",
      title: "Purchasing Manager",
    });
    expect(String(b.evidence)).toMatch(/phone: .*\+20 2 2345 6789/);
    expect(String(b.evidence)).toMatch(/country: /);
    expect(String(b.evidence)).not.toMatch(/company: /);
    expect(w.records("Inquiries")[0]).toMatchObject({ quantity: "1,000 pcs", country: "Egypt" });
  });

  it("R4, R22: the inquiry names its catalogue products (keywords in the buyer's language) and the buyer's Products asked grows", () => {
    const w = intakeWorld();
    seedRows(w, "Products", [
      { code: "P-0002", name: "LED Flood Light 100W", model: "FL-100", keywords: "floodlight, 投光灯, reflector LED" },
      { code: "P-0005", name: "LED Panel Light 600x600 40W", model: "PL-6060", keywords: "panel LED, 面板灯" },
    ]);
    deliverAndPull(
      w,
      buyerMail({
        from: "Lucía Fernández <lucia@iluminacion-andina.pe>",
        subject: "Cotización reflector LED",
        text: "Buenos días, necesitamos 300 reflectores. ¿Precio CIF Callao?",
      }),
    );
    const [row] = w.records("Inquiries");
    expect(row.product).toBe("P-0002 LED Flood Light 100W");
    expect(w.records("Buyers")[0].products).toBe("P-0002 LED Flood Light 100W");
  });
});

describe("faxes (R22, R26)", () => {
  const efax = (number: string, n: number, minutes: number): StructuredMail => ({
    from: "eFax <message@inbound.efax.com>",
    to: ANN,
    subject: `eFax message from "${number}" - 1 page(s)`,
    text: "You have received a 1 page fax.\nOCR:\nPlease quote 200 floodlights.",
    attachments: [{ name: `fax${n}.pdf`, contentType: "application/pdf", bytes: "%PDF-1.4" }],
    messageId: `<fax${n}@efax.com>`,
    date: new Date(mon("10:00").getTime() + minutes * 60_000),
  });

  it("R22, R26: the gateway is never the buyer: each sending number is one buyer, its country from the number, 12 h to answer", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(efax("+971 4 555 0198", 1, 0));
    w.env.mail.deliverStructured(efax("+49 30 1234567", 2, 5));
    w.env.mail.deliverStructured(efax("+971 4 555 0198", 3, 10));
    w.env.ctx.clock.set(mon("11:00"));
    const r = w.pull(ANN);
    expect([r.newInquiries, r.newBuyers]).toEqual([3, 2]);
    const buyers = w.records("Buyers");
    expect(buyers.map((b) => [b.phone, b.country, b.email])).toEqual([
      ["+97145550198", "United Arab Emirates", ""],
      ["+49301234567", "Germany", ""],
    ]);
    for (const b of buyers) expect(String(b.evidence)).toContain("gateway efax: carries the fax, not the buyer");
    const rows = w.records("Inquiries");
    expect(rows.map((i) => i.buyerId)).toEqual([buyers[0].id, buyers[1].id, buyers[0].id]);
    for (const i of rows) {
      expect(i).toMatchObject({ channel: "fax", fromEmail: "" });
      expect((i.limitAt as Date).getTime() - (i.receivedAt as Date).getTime()).toBe(12 * H);
    }
    expect(rows[0].fromName).toBe("+97145550198");
  });

  it("R26: a gateway added as a Rules row (kind fax) is read like the built-in ones", () => {
    const w = intakeWorld();
    w.env.ctx.meter.quietly(() =>
      w.book
        .getSheetByName("Rules")!
        .appendRow([
          "officefax",
          "scan@faxserver.example",
          "",
          "number",
          "Remote station:\\s*(\\+[\\d ]+\\d)",
          "fax",
          "",
        ]),
    );
    deliverAndPull(w, {
      from: "scan@faxserver.example",
      to: ANN,
      subject: "Document received",
      text: "Remote station: +33 1 4567 8901\nPages: 2",
    });
    const [b] = w.records("Buyers");
    expect([b.phone, b.country, b.email]).toEqual(["+33145678901", "France", ""]);
    expect(w.records("Inquiries")[0].channel).toBe("fax");
  });
});

describe("platform notices (C2, R22)", () => {
  const notice = (email: string) => ({
    from: "Alibaba.com <feedback@service.alibaba.com>",
    to: ANN,
    subject: "You have received a new inquiry from Ahmed Al-Farsi",
    text: `Dear Supplier,\n\nYou have received a new inquiry from a buyer on Alibaba.com.\n\nBuyer name: Ahmed Al-Farsi\nCompany: Gulf Star Trading LLC\nCountry/Region: United Arab Emirates\nProduct: 100W LED Flood Light IP66 Outdoor\nQuantity: 2,000 Pieces\nEmail: ${email}\n\nMessage:\nPlease send FOB Shenzhen price.\n\nReply now: https://message.alibaba.com/x\n\nAlibaba.com Team`,
    messageId: "<n1@service.alibaba.com>",
    date: mon("09:00"),
  });

  function world() {
    const w = intakeWorld();
    seedRows(w, "Products", [
      { code: "P-0002", name: "LED Flood Light 100W", model: "FL-100" },
      { code: "P-0005", name: "LED Panel Light 600x600 40W", model: "PL-6060" },
    ]);
    deliverAndPull(w, notice("ahmed@gulfstar-trading.ae"));
    return w;
  }

  it("C2, R22: the buyer's own mail about the notice, from the address it gave, continues that conversation", () => {
    const w = world();
    const r = deliverAndPull(
      w,
      buyerMail({
        from: "Ahmed Al-Farsi <ahmed@gulfstar-trading.ae>",
        subject: "FL-100 price",
        text: "Dear supplier, following my inquiry: FL-100, 2,000 pcs, CIF Jebel Ali please.",
        date: mon("11:00"),
      }),
    );
    expect([r.newInquiries, r.conversationsUpdated]).toEqual([0, 1]);
    const [row] = w.records("Inquiries");
    expect(row).toMatchObject({ channel: "platform", source: "alibaba", messages: 2, chases: 1 });
    // Our answer goes to the buyer's own thread; the notice's thread stays linked.
    expect(row.otherThreads).not.toBe("");
    expect(row.gmailThreadId).not.toBe(row.otherThreads);
  });

  it("R22: a mail from the same buyer about something else is a new conversation of the same buyer", () => {
    const w = world();
    const r = deliverAndPull(
      w,
      buyerMail({
        from: "Ahmed Al-Farsi <ahmed@gulfstar-trading.ae>",
        subject: "Panels",
        text: "We also need 600x600 panels, PL-6060, 500 pcs.",
        date: mon("11:00"),
      }),
    );
    expect([r.newInquiries, r.newBuyers]).toEqual([1, 0]);
    const rows = w.records("Inquiries");
    expect(rows).toHaveLength(2);
    expect(rows[0].buyerId).toBe(rows[1].buyerId);
  });
});

describe("message identity (C2)", () => {
  it("C2: a reused Message-ID from another sender is imported too, and the clash is logged", () => {
    const w = intakeWorld();
    deliverAndPull(
      w,
      buyerMail({ from: "Giulia <giulia@novalux.it>", messageId: "<dup@novalux.it>", date: mon("09:00") }),
    );
    const r = deliverAndPull(
      w,
      buyerMail({
        from: "Eve <eve@evil.example>",
        to: BOB,
        subject: "Urgent",
        text: "Please quote 5 pcs.",
        messageId: "<dup@novalux.it>",
        date: mon("13:00"),
      }),
      BOB,
    );
    expect([r.newInquiries, r.alreadyImported, r.messageIdClashes]).toEqual([1, 0, 1]);
    expect(w.records("Inquiries").map((i) => i.fromEmail)).toEqual(["giulia@novalux.it", "eve@evil.example"]);
    const line = logLines(w).find((l) => l.action === "intake.clash")!;
    expect(line.target).toBe("dup@novalux.it");
    expect(line.detail).toContain("giulia@novalux.it");
    expect(line.detail).toContain("eve@evil.example");
  });

  it("names and subjects lose bidirectional overrides and zero-width characters", () => {
    const w = intakeWorld({ now: MONDAY_0900 });
    deliverAndPull(
      w,
      buyerMail({ from: "\u202EEve\u200B Moss <eve@moss.example>", subject: "Price\u2066 list\uFEFF", to: BOSS }),
      BOSS,
    );
    const [row] = w.records("Inquiries");
    expect([row.fromName, row.subject]).toEqual(["Eve Moss", "Price list"]);
    expect(w.records("Buyers")[0].name).toBe("Eve Moss");
  });
});
