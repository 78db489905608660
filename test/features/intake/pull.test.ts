import { describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import { Inquiries } from "../../../src/store/schemas";
import { loadSmallTables } from "../../../src/store/small-tables";
import {
  ANN,
  BOB,
  BOSS,
  CAT,
  DAN,
  type IntakeWorld,
  intakeWorld,
  MONDAY_0900,
  seedBuyer,
  seedRows,
} from "../../support/world";

const LABEL = "Buyerbook/Imported";

function inquiryMail(
  n: number,
  over: { from?: string; to?: string; cc?: string; subject?: string; text?: string } = {},
) {
  return {
    from: over.from ?? `Buyer ${n} <buyer${n}@company${n}.com>`,
    to: over.to ?? ANN,
    cc: over.cc,
    subject: over.subject ?? `Inquiry ${n}: LED panels`,
    text: over.text ?? `Hello, please quote ${100 + n} pcs of LED panels. Thank you.`,
    messageId: `<m${n}@company${n}.com>`,
    date: new Date(MONDAY_0900.getTime() - (n + 1) * 60_000),
  };
}

/** A colleague's answer to inquiry 1 from their own mailbox, at 10:00 Shanghai (02:00Z). */
function replyToInquiry1(from: string, over: { text?: string; messageId?: string } = {}) {
  return {
    from,
    to: "buyer1@company1.com",
    subject: "Re: Inquiry 1: LED panels",
    text: over.text ?? "Our price is USD 9.",
    inReplyTo: "<m1@company1.com>",
    references: "<m1@company1.com>",
    messageId: over.messageId ?? "<r1@acme-tools.cn>",
    date: new Date("2026-11-23T02:00:00Z"),
  };
}

/** The buyer of inquiry 1 writes again after our answer <r1@acme-tools.cn>, at 14:00 Shanghai. */
const BUYER_WRITES_AGAIN = {
  from: "Buyer 1 <buyer1@company1.com>",
  to: ANN,
  subject: "Re: Inquiry 1: LED panels",
  text: "Thanks, we order 100.",
  inReplyTo: "<r1@acme-tools.cn>",
  references: "<m1@company1.com> <r1@acme-tools.cn>",
  messageId: "<m1c@company1.com>",
  date: new Date("2026-11-23T06:00:00Z"),
};

/** A bulk letter to Ann's mailbox (List-Unsubscribe): never an inquiry, counted as skipped. */
function newsletter(from: string, subject: string) {
  return { from, to: ANN, subject, text: "x", headers: { "List-Unsubscribe": "<mailto:u@letters.example>" } };
}

/** Companies with nothing in common (similar names would be possible duplicates, routed to their owner). */
const FIRMS = ["Zephyr Optik", "Aurora Leuchten", "Borealis Licht", "Cobalt Lampen", "Delta Strahler"];

function globalSources(country: string, n: number) {
  return {
    from: "Global Sources <inquiry@globalsources.com>",
    to: ANN,
    subject: `New Inquiry for LED Bulb ${n}`,
    text: `Hello,\n\nYou have received a new inquiry on Global Sources.\n\nBuyer Name: Buyer ${n}\nCompany: ${FIRMS[n % FIRMS.length]} GmbH\nCountry/Territory: ${country}\nProduct: LED Bulb\nOrder Quantity: 500 units\n\nInquiry Message:\nPrice please.\n\nReply to buyer: https://www.globalsources.com/x\n`,
    messageId: `<gs${n}@globalsources.com>`,
    date: new Date(MONDAY_0900.getTime() - 60_000 * n),
  };
}

function labelledCount(w: IntakeWorld, mailbox: string): number {
  return w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(mailbox, () => GmailApp.getUserLabelByName(LABEL)?.getThreads(0, 500).length ?? 0),
  );
}

function unlabelledCount(w: IntakeWorld, mailbox: string): number {
  return w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(mailbox, () => GmailApp.search(`in:inbox -label:${LABEL}`).length),
  );
}

describe("pull: one message in two mailboxes (C2)", () => {
  it("C2: a mail CC'd to two salespeople is ONE inquiry (RFC Message-ID), each pulling their own mailbox", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1, { to: ANN, cc: BOB }));
    const ann = w.pull(ANN);
    const bob = w.pull(BOB);
    expect(ann.newInquiries).toBe(1);
    expect(bob.newInquiries).toBe(0);
    expect(bob.alreadyImported).toBe(1);
    expect(w.records("Inquiries")).toHaveLength(1);
    expect(w.records("Buyers")).toHaveLength(1);
    expect(labelledCount(w, ANN)).toBe(1);
    expect(labelledCount(w, BOB)).toBe(1);
  });

  it("R7, R8: the CC'd colleague's reply from their own mailbox answers the inquiry (In-Reply-To)", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1, { to: ANN, cc: BOB }));
    w.pull(ANN);
    w.pull(BOB);
    w.env.ctx.clock.set("2026-11-23T02:00:00Z"); // 10:00 Shanghai
    w.env.mail.deliverStructured(
      replyToInquiry1(BOB, { text: "Dear buyer, our price is USD 9.", messageId: "<reply1@acme-tools.cn>" }),
    );
    const again = w.pull(BOB);
    expect(again.repliesMatched).toBe(1);
    const [row] = w.records("Inquiries");
    expect(row.status).toBe("replied");
    expect(row.repliedAt).toEqual(new Date("2026-11-23T02:00:00Z"));
    expect(row.responseHours).toBe(1); // received before opening (08:58), clock from 09:00
  });
});

describe("pull: buyers entered in the same run (R21, R22)", () => {
  it("R21, R22: two colleagues at a NEW company in one pull are one buyer, the second address added", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1, { from: "Lea Roth <lea@neu-licht.de>" }));
    w.env.mail.deliverStructured(inquiryMail(2, { from: "Max Roth <max@neu-licht.de>" }));
    w.env.mail.deliverStructured(inquiryMail(3, { from: "Max Roth <max@neu-licht.de>", subject: "again" }));
    const r = w.pull(ANN);
    expect(r.newBuyers).toBe(1);
    expect(r.newInquiries).toBe(3);
    const [buyer] = w.records("Buyers");
    const addresses = [buyer.email, buyer.otherEmails].join(",");
    expect(addresses).toContain("lea@neu-licht.de");
    expect(addresses).toContain("max@neu-licht.de");
    expect(String(buyer.otherEmails).split(",")).toHaveLength(1);
    expect(new Set(w.records("Inquiries").map((i) => i.buyerId))).toEqual(new Set([buyer.id]));
  });

  it("R22: weak evidence never auto-merges: a new buyer filed as a possible duplicate for a person to decide", () => {
    const w = intakeWorld();
    seedBuyer(w, {
      id: "B-000001",
      company: "Kumar Electricals",
      name: "Rajesh Kumar",
      email: "rajesh@kumarelectricals.in",
      owner: BOB,
    });
    w.env.mail.deliverStructured(inquiryMail(1, { from: "Rajesh Kumar <rajesh.k1980@gmail.com>" }));
    const r = w.pull(ANN);
    expect(r.newBuyers).toBe(1);
    expect(r.possibleDuplicates).toBe(1);
    const fresh = w.records("Buyers").find((b) => b.email === "rajesh.k1980@gmail.com")!;
    expect(fresh.id).not.toBe("B-000001");
    expect(fresh.duplicateOf).toBe("possible duplicate of B-000001");
    expect(w.records("Buyers").find((b) => b.id === "B-000001")!.otherEmails).toBe("");
  });

  it("R22: two free-mail senders stay two buyers (gmail.com is not a company)", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1, { from: "Ann One <ann.one@gmail.com>" }));
    w.env.mail.deliverStructured(inquiryMail(2, { from: "Bo Two <bo.two@gmail.com>" }));
    expect(w.pull(ANN).newBuyers).toBe(2);
  });

  it("R22: two platform inquiries from the same company (no e-mail given) are one buyer", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(globalSources("India", 1));
    w.env.mail.deliverStructured({
      ...globalSources("India", 2),
      text: globalSources("India", 1).text,
      messageId: "<gs-again@globalsources.com>",
    });
    const r = w.pull(ANN);
    expect(r.newInquiries).toBe(2);
    expect(r.newBuyers).toBe(1);
  });
});

describe("pull: owner routing (R6)", () => {
  it("R22, R6: the buyer's owner keeps the buyer; away owner hands the inquiry to the deputy", () => {
    const w = intakeWorld();
    seedBuyer(w, { id: "B-000001", company: "Company One", email: "buyer1@company1.com", owner: CAT });
    w.env.mail.deliverStructured(inquiryMail(1));
    w.pull(ANN);
    const [row] = w.records("Inquiries");
    expect(row.buyerId).toBe("B-000001");
    expect(row.owner).toBe(CAT); // the buyer stays Cat's while she travels
    expect(row.assignedTo).toBe(BOB); // Cat is away: her deputy Bob handles it (R6)
  });

  it("R6: an active owner handles their buyer's inquiry themselves", () => {
    const w = intakeWorld();
    seedBuyer(w, { id: "B-000001", company: "Company Two", email: "buyer2@company2.com", owner: ANN });
    w.env.mail.deliverStructured(inquiryMail(2));
    w.pull(ANN);
    const [row] = w.records("Inquiries");
    expect([row.owner, row.assignedTo]).toEqual([ANN, ANN]);
  });

  it("R6, R29: a frozen owner never gets new work: the inquiry goes to an available salesperson", () => {
    const w = intakeWorld();
    seedBuyer(w, { id: "B-000001", company: "Company Three", email: "buyer3@company3.com", owner: DAN });
    w.env.mail.deliverStructured(inquiryMail(3));
    w.pull(ANN);
    const [row] = w.records("Inquiries");
    expect(row.buyerId).toBe("B-000001");
    expect([ANN, BOB]).toContain(row.owner);
    expect([ANN, BOB]).toContain(row.assignedTo);
  });

  it("R6: a new buyer goes to the salesperson whose mailbox the mail reached, before any Routing rule", () => {
    const w = intakeWorld();
    w.setRouting([{ country: "India", to: BOB }]);
    w.env.mail.deliverStructured(globalSources("India", 1));
    w.pull(ANN);
    const [row] = w.records("Inquiries");
    expect([row.owner, row.assignedTo]).toEqual([ANN, ANN]);
    expect(w.records("Buyers")[0].owner).toBe(ANN);
  });

  it("R6: a new buyer reaching an away salesperson's mailbox stays theirs; the deputy handles the inquiry", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1, { to: CAT }));
    w.pull(CAT);
    const [row] = w.records("Inquiries");
    expect([row.owner, row.assignedTo]).toEqual([CAT, BOB]);
  });

  it("R6: routing rules from the Routing sheet, first match; a rule to a frozen person is passed over", () => {
    const w = intakeWorld();
    w.setRouting([
      { country: "India", to: BOB },
      { country: "Peru", to: DAN },
      { region: "Europe", to: ANN },
    ]);
    // The boss's mailbox (not a salesperson's): the Routing rules decide.
    for (const [country, n] of [
      ["India", 1],
      ["Peru", 2],
      ["Germany", 3],
    ] as const)
      w.env.mail.deliverStructured({ ...globalSources(country, n), to: BOSS });
    w.pull(BOSS);
    const rows = w.records("Inquiries");
    const ownerOf = (country: string) => rows.find((r) => r.country === country)?.owner;
    expect(ownerOf("India")).toBe(BOB);
    expect(ownerOf("Germany")).toBe(ANN);
    expect(ownerOf("Peru")).not.toBe(DAN);
    expect([ANN, BOB]).toContain(ownerOf("Peru"));
    const buyers = w.records("Buyers");
    expect(buyers.find((b) => b.country === "India")?.owner).toBe(BOB);
  });

  it("R6: with no owner and no rule, the available salesperson with the lightest open load", () => {
    const w = intakeWorld();
    seedRows(
      w,
      "Inquiries",
      [1, 2, 3].map((i) => ({ id: `I-00000${i}`, status: "new", owner: ANN, assignedTo: ANN, subject: `old ${i}` })),
    );
    w.env.mail.deliverStructured(inquiryMail(4, { from: "Sam <sam.buyer@gmail.com>", to: BOSS }));
    w.env.mail.deliverStructured(inquiryMail(5, { from: "Kim <kim.buyer@yahoo.com>", to: BOSS }));
    w.pull(BOSS);
    const fresh = w.records("Inquiries").filter((r) => !String(r.subject).startsWith("old"));
    // Ann carries 3 open inquiries, Bob none: both new ones go to Bob; Cat (away), Dan (frozen), the boss never.
    expect(fresh.map((r) => r.owner)).toEqual([BOB, BOB]);
    for (const r of fresh) expect([CAT, DAN, BOSS]).not.toContain(r.assignedTo);
  });
});

describe("pull: open load", () => {
  it("R6: open load counts who handles an inquiry: a deputy covering for an away colleague carries it", () => {
    const w = intakeWorld();
    seedRows(w, "Inquiries", [
      ...[1, 2, 3].map((i) => ({ id: `I-00000${i}`, status: "new", owner: CAT, assignedTo: BOB, subject: `old ${i}` })),
      { id: "I-000004", status: "new", owner: ANN, assignedTo: ANN, subject: "old 4" },
    ]);
    w.env.mail.deliverStructured(inquiryMail(5, { from: "Sam <sam.buyer@gmail.com>", to: BOSS }));
    w.pull(BOSS);
    const fresh = w.records("Inquiries").filter((r) => !String(r.subject).startsWith("old"));
    // Bob answers Cat's three while she is away, Ann has one: the new one goes to Ann.
    expect(fresh.map((r) => r.assignedTo)).toEqual([ANN]);
  });
});

describe("pull: exactly once", () => {
  it("C2: running twice imports nothing twice and logs nothing twice", () => {
    const w = intakeWorld();
    for (let n = 1; n <= 5; n += 1) w.env.mail.deliverStructured(inquiryMail(n));
    w.env.mail.deliverStructured(newsletter("News <news@letters.example>", "News"));
    const first = w.pull(ANN);
    w.env.ctx.clock.advance(60 * 60_000);
    const second = w.pull(ANN);
    expect(first.newInquiries).toBe(5);
    expect(first.skipped).toEqual({ newsletter: 1 });
    expect(second.newInquiries).toBe(0);
    expect(second.newBuyers).toBe(0);
    expect(second.skipped).toEqual({});
    expect(w.records("Inquiries")).toHaveLength(5);
    expect(w.records("Buyers")).toHaveLength(5);
    expect(w.rows("Log")).toHaveLength(1);
  });

  it("C2: the label is applied only after the rows are written (a failed write labels nothing)", () => {
    const w = intakeWorld();
    for (let n = 1; n <= 3; n += 1) w.env.mail.deliverStructured(inquiryMail(n));
    w.env.ctx.meter.failEvery("Sheets.Spreadsheets.Values.batchUpdate");
    expect(() => w.pull(ANN)).toThrow(/timed out/);
    expect(labelledCount(w, ANN)).toBe(0);
    expect(unlabelledCount(w, ANN)).toBe(3);
    w.env.ctx.meter.clearFaults();
    const retry = w.pull(ANN);
    expect(retry.newInquiries).toBe(3);
    expect(w.records("Inquiries")).toHaveLength(3);
    expect(labelledCount(w, ANN)).toBe(3);
  });

  it("C2: a run that reaches its time budget stops cleanly, labels what it wrote, and the next run resumes", () => {
    const w = intakeWorld();
    // Threads are read 50 at a time (the budget is checked between fetches): more than two fetches' worth.
    const count = 100;
    for (let n = 1; n <= count; n += 1) w.env.mail.deliverStructured(inquiryMail(n));
    let tick = 0;
    const budget = new Budget(9_000, () => tick++ * 1000); // every budget check costs a modeled second
    const first = w.pull(ANN, { budget });
    expect(first.partial).toBe(true);
    expect(first.newInquiries).toBeGreaterThan(0);
    expect(first.newInquiries).toBeLessThan(count);
    expect(labelledCount(w, ANN)).toBe(first.labelled);
    expect(w.records("Inquiries")).toHaveLength(first.newInquiries);
    const second = w.pull(ANN);
    expect(second.partial).toBe(false);
    expect(first.newInquiries + second.newInquiries).toBe(count);
    const ids = w.records("Inquiries").map((r) => r.rfcMessageId);
    expect(new Set(ids).size).toBe(count);
    expect(unlabelledCount(w, ANN)).toBe(0);
  });

  it("C2, R8: a later pull re-reads only imported threads with new messages, and only their new messages", () => {
    const w = intakeWorld();
    for (let n = 1; n <= 8; n += 1) w.env.mail.deliverStructured(inquiryMail(n));
    w.pull(ANN);
    w.env.ctx.clock.set("2026-11-23T04:00:00Z");
    w.env.mail.deliverStructured({
      from: "Buyer 3 <buyer3@company3.com>",
      to: ANN,
      subject: "Re: Inquiry 3: LED panels",
      text: "Any news? We could take 500 pcs.",
      inReplyTo: "<m3@company3.com>",
      references: "<m3@company3.com>",
      messageId: "<m3b@company3.com>",
      date: new Date("2026-11-23T04:00:00Z"),
    });
    w.env.ctx.clock.set("2026-11-23T04:30:00Z");
    w.env.ctx.meter.reset();
    const later = w.pull(ANN);
    // The buyer's second message continues the conversation: the same row, a chase while unanswered (R8).
    expect(later.newInquiries).toBe(0);
    expect([later.conversationsUpdated, later.chases]).toEqual([1, 1]);
    expect(later.messages).toBe(1);
    // Only the thread with a new message is fetched again: one threads.get of its 2 messages.
    expect(w.env.ctx.meter.methodCalls("UrlFetchApp.fetchAll gmail.users.threads.get")).toBe(1);
    expect(w.env.ctx.meter.summary().find((x) => x.type === "Gmail.read.rest")?.units).toBeLessThanOrEqual(2); // one thread of 2
    const rows = w.records("Inquiries").filter((r) => r.fromEmail === "buyer3@company3.com");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messages: 2, chases: 1, status: "new" });
    expect(rows[0].lastBuyerAt).toEqual(new Date("2026-11-23T04:00:00Z"));
    // The clock keeps the oldest unanswered message.
    expect(rows[0].awaitingSince).toEqual(rows[0].receivedAt);
  });

  it("R7, R8: our reply is matched once; when the buyer writes again the row awaits again, the old reply not counted again", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1));
    w.pull(ANN);
    w.env.ctx.clock.set("2026-11-23T02:00:00Z");
    w.env.mail.deliverStructured(replyToInquiry1(ANN));
    w.env.ctx.clock.set("2026-11-23T04:30:00Z");
    const second = w.pull(ANN);
    expect(second.repliesMatched).toBe(1);
    w.env.ctx.clock.set("2026-11-23T06:00:00Z");
    w.env.mail.deliverStructured(BUYER_WRITES_AGAIN);
    w.env.ctx.clock.set("2026-11-23T09:30:00Z");
    const third = w.pull(ANN);
    expect(third.messages).toBe(1);
    expect(third.newInquiries).toBe(0);
    expect([third.conversationsUpdated, third.chases]).toEqual([1, 0]);
    expect(third.repliesMatched).toBe(0);
    expect(third.skipped).toEqual({});
    expect(w.rows("Log")).toHaveLength(0);
    const [row] = w.records("Inquiries");
    // Awaiting again with a new due time from the buyer's new message; the first answer stays the R8 figure.
    expect(row).toMatchObject({ status: "new", messages: 3, chases: 0, responseHours: 1 });
    expect(row.repliedAt).toEqual(new Date("2026-11-23T02:00:00Z"));
    expect(row.awaitingSince).toEqual(new Date("2026-11-23T06:00:00Z"));
    expect((row.targetAt as Date).getTime()).toBeGreaterThan(new Date("2026-11-23T06:00:00Z").getTime());
    expect(row.replyHistory).toBe("2026-11-23T00:58Z → 2026-11-23T02:00Z");
  });

  it("C2: more than one search page (500 threads): this run takes 500, says so, and the next run takes the rest", () => {
    const w = intakeWorld();
    for (let n = 1; n <= 520; n += 1) w.env.mail.deliverStructured(inquiryMail(n));
    const first = w.pull(ANN);
    expect(first.newInquiries).toBe(500);
    expect(first.partial).toBe(true);
    const watermark = w.env.ctx.meter.quietly(() =>
      PropertiesService.getDocumentProperties().getProperty(`pull.watermark.${ANN}`),
    );
    expect(watermark).toBeNull(); // not advanced past threads this run did not reach
    const second = w.pull(ANN);
    expect(second.newInquiries).toBe(20);
    expect(second.partial).toBe(false);
    expect(new Set(w.records("Inquiries").map((r) => r.rfcMessageId)).size).toBe(520);
  });

  it("R8: an unanswered inquiry past its limit is flagged overdue on a later pull", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1));
    expect(w.pull(ANN).overdueFlagged).toBe(0);
    w.env.ctx.clock.set("2026-11-25T02:00:00Z"); // Wednesday 10:00, past the one-day limit
    const later = w.pull(ANN);
    expect(later.overdueFlagged).toBe(1);
    expect(w.records("Inquiries")[0].overdue).toBe(true);
  });

  it("a pull that reads, writes new rows, logs a newsletter and flags an overdue inquiry asks the spreadsheet's time zone at most once", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(inquiryMail(1));
    w.pull(ANN);
    w.env.ctx.clock.set("2026-11-25T02:00:00Z"); // Wednesday 10:00: inquiry 1 is past its limit
    w.env.mail.deliverStructured({ ...inquiryMail(2), date: new Date("2026-11-25T01:00:00Z") });
    w.env.mail.deliverStructured(newsletter("Новости <news@letters.example>", "Новости недели"));
    const meter = w.env.ctx.meter;
    meter.reset();
    const later = w.pull(ANN);
    expect(later).toMatchObject({ newInquiries: 1, overdueFlagged: 1, skipped: { newsletter: 1 } });
    expect(w.rows("Log").length).toBeGreaterThan(0);
    expect(meter.methodCalls("Spreadsheet.getSpreadsheetTimeZone")).toBeLessThanOrEqual(1);
  });
});

describe("pull on a big Inquiries sheet (reads only the columns it needs)", () => {
  /** Settings, Staff, Rules and Routing: read when the document cache does not hold them. */
  const SMALL_TABLES = 4;
  const OLD = 2_100; // 2,100 x 26 cells: above the whole-read threshold
  function bigBook(options: { swapColumns?: boolean; allReplied?: boolean } = {}) {
    const w = intakeWorld();
    seedRows(
      w,
      "Inquiries",
      Array.from({ length: OLD }, (_, i) => ({
        id: `I-${String(i + 1).padStart(6, "0")}`,
        receivedAt: new Date("2026-11-20T01:00:00Z"),
        subject: `old subject ${i + 1}`,
        summary: `old summary ${i + 1}`,
        owner: i % 2 ? ANN : BOB,
        status: i === 7 && !options.allReplied ? "new" : "replied",
        limitAt: new Date("2026-11-21T01:00:00Z"),
        overdue: false,
        gmailMessageId: `old-${i + 1}`,
        gmailThreadId: `old-thread-${i + 1}`,
        rfcMessageId: `old${i + 1}@x.example`,
      })),
    );
    if (options.swapColumns) {
      // A person swapped Subject and Summary (headers and data): the pull must follow the headers.
      w.env.ctx.meter.quietly(() => {
        const sheet = w.book.getSheetByName("Inquiries")!;
        const a = sheet.getRange(1, 9, OLD + 1, 1).getValues();
        const b = sheet.getRange(1, 10, OLD + 1, 1).getValues();
        sheet.getRange(1, 9, OLD + 1, 1).setValues(b);
        sheet.getRange(1, 10, OLD + 1, 1).setValues(a);
      });
    }
    return w;
  }

  it("C2: the Sheets calls (metadata included) stay within 36 and do not grow with the mail count", () => {
    /**
     * Sheets calls by method of one pull of `count` mails: new buyers, and colleagues of known buyers. `warm`:
     * the small tables are in the document cache, as the previous run (or a sidebar click) left them.
     */
    const sheetsCalls = (count: number, allReplied: boolean, warm = true) => {
      const w = bigBook({ allReplied });
      for (let n = 1; n <= 10; n += 1)
        seedBuyer(w, { id: `B-${String(n).padStart(6, "0")}`, company: `Known ${n}`, email: `boss@known${n}.com` });
      for (let n = 1; n <= count; n += 1) {
        const colleague = n % 3 === 0 ? `Colleague ${n} <colleague${n}@known${1 + (n % 10)}.com>` : undefined;
        w.env.mail.deliverStructured(inquiryMail(n, { from: colleague }));
      }
      if (warm) w.env.ctx.meter.quietly(() => loadSmallTables(w.book, { intake: true }));
      const meter = w.env.ctx.meter;
      meter.reset();
      meter.keepLog = true;
      const r = w.pull(ANN);
      expect(r.newInquiries).toBe(count);
      expect(r.overdueFlagged).toBe(allReplied ? 0 : 1);
      const byMethod: Record<string, number> = {};
      for (const call of meter.log())
        if (call.type.startsWith("Spreadsheet.") && call.type !== "Spreadsheet.local")
          byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
      return byMethod;
    };
    const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
    // The mix: new inquiries, buyers entered and known buyers given a new address; nothing to flag.
    const few = sheetsCalls(6, true);
    const many = sheetsCalls(36, true);
    // No more calls for more mail. The tables are read in ONE call of the Sheets API (Buyers whole, Inquiries'
    // index columns and the catalogue's, with their header rows: no extent asked, no read per column). Buyers and
    // Inquiries are written as one checked batch (src/store/safe-write.ts): every row written and the rows under
    // the data read just before in ONE call, every changed cell written in ONE call, all read again after in ONE
    // call — people's edits meanwhile are seen, and only changed cells are written. 15 in all, metadata included.
    expect(total(many)).toBeLessThanOrEqual(total(few));
    expect(total(few)).toBeLessThanOrEqual(16);
    expect(many["Range.getValues"] ?? 0).toBe(0);
    expect(many["Sheet.getDataRange"] ?? 0).toBe(0);
    expect(many["Sheets.Spreadsheets.Values.batchGetByDataFilter"]).toBe(3);
    expect(many["Sheets.Spreadsheets.Values.batchUpdate"]).toBe(1);
    expect(many["Range.setValues"]).toBeUndefined();
    // One sheet size per appended sheet: the check that a person's row inserted or deleted meanwhile is seen.
    expect(many["Sheet.getMaxRows"]).toBe(2);
    // R8: an open inquiry past its limit is written by ID in the same batch: no call more.
    const flagged = sheetsCalls(36, false);
    expect(total(flagged)).toBe(total(many));
    expect(flagged["Sheet.getLastRow"]).toBe(many["Sheet.getLastRow"]);
    // Cold (nothing cached: the copies expired): Settings, Staff, Rules and Routing are read together in ONE call
    // of the Sheets API, by name (no look-up, no extent); at most one call more asks the spreadsheet's time zone
    // (Staff's dates come as serial numbers).
    const cold = sheetsCalls(36, true, false);
    const batched = "Sheets.Spreadsheets.Values.batchGetByDataFilter";
    expect(cold["Range.getValues"]).toBe(many["Range.getValues"]);
    expect(cold["Sheet.getDataRange"]).toBe(many["Sheet.getDataRange"]);
    expect(cold[batched]).toBe(many[batched] + 1);
    expect(total(cold)).toBeLessThanOrEqual(total(many) + 2);
    expect(total(cold)).toBeLessThan(total(many) + 2 * SMALL_TABLES);
  });

  it("C2: a pull fills the small-table cache, so the next run (another mailbox's pull) reads none of them", () => {
    const w = bigBook({ allReplied: true });
    w.env.mail.deliverStructured(inquiryMail(1, { to: ANN }));
    w.env.mail.deliverStructured(inquiryMail(2, { to: BOB }));
    const meter = w.env.ctx.meter;
    meter.reset();
    const reads = () => meter.callsOf("Spreadsheet.read");
    w.pull(ANN);
    const coldReads = reads();
    meter.reset();
    w.pull(BOB);
    // The cold run read the small tables in one call of its own; this run reads none of them.
    expect(reads()).toBeLessThanOrEqual(coldReads - 1);
    expect(meter.callsOf("Cache.get")).toBeLessThanOrEqual(1);
  });

  for (const swapColumns of [false, true]) {
    it(`C2, R8: dedupe by Message-ID, overdue flag and new rows in every column${swapColumns ? " (columns moved by a person)" : ""}`, () => {
      const w = bigBook({ swapColumns });
      // Already a row: the same Message-ID and date (rows written before the message log keep no sender).
      w.env.mail.deliverStructured({
        ...inquiryMail(1),
        messageId: "<old5@x.example>",
        date: new Date("2026-11-20T01:00:00Z"),
      });
      w.env.mail.deliverStructured(inquiryMail(2));
      w.env.ctx.meter.reset();
      const r = w.pull(ANN);
      expect(r.alreadyImported).toBe(1);
      expect(r.newInquiries).toBe(1);
      expect(r.overdueFlagged).toBe(1); // I-000008 is open and past its limit
      // Fewer cells read than the whole sheet holds: only the columns the pull uses came back.
      const cellsRead = w.env.ctx.meter.summary().find((x) => x.type === "Spreadsheet.read")!.units;
      // Subject through Language (six columns of long text) are never read.
      expect(cellsRead).toBeLessThan(OLD * (Inquiries.columns.length - 5));
      const rows = w.rows("Inquiries");
      expect(rows).toHaveLength(OLD + 1);
      const header = w.env.ctx.meter.quietly(
        () => w.book.getSheetByName("Inquiries")!.getRange(1, 1, 1, 26).getValues()[0],
      );
      const col = (name: string) => header.indexOf(name);
      const fresh = rows[OLD];
      expect(fresh[col("Subject")]).toBe("Inquiry 2: LED panels");
      expect(String(fresh[col("Summary")])).toContain("pcs of LED panels");
      expect(fresh[col("Message-ID")]).toBe("m2@company2.com");
      expect(fresh[col("Inquiry ID")]).toBe(`I-${String(OLD + 1).padStart(6, "0")}`);
      const flagged = rows[7];
      expect(flagged[col("Overdue")]).toBe(true);
      expect(flagged[col("Subject")]).toBe("old subject 8"); // columns the pull did not read are left alone
      expect(flagged[col("Summary")]).toBe("old summary 8");
    });
  }

  describe("conversations on rows read narrowly (only the index columns of every row)", () => {
    /** The Inquiries cells a run read: far fewer than the sheet holds when only the index columns came back. */
    const inquiryCellsRead = (w: IntakeWorld) =>
      w.env.ctx.meter.summary().find((x) => x.type === "Spreadsheet.read")?.units ?? 0;
    const byId = (w: IntakeWorld, id: string) => w.records("Inquiries").find((r) => r.id === id)!;
    /** The conversation row the first pull files (after the 2,100 old rows). */
    const FILED = `I-${String(OLD + 1).padStart(6, "0")}`;

    /** A big book with inquiry 1 filed, and the buyer's chase in the same thread waiting for the next pull. */
    function filedWithChase(text: string): IntakeWorld {
      const w = bigBook({ allReplied: true });
      w.env.mail.deliverStructured(inquiryMail(1));
      w.pull(ANN);
      w.env.ctx.clock.set("2026-11-23T03:00:00Z");
      w.env.mail.deliverStructured({
        ...inquiryMail(1),
        subject: "Re: Inquiry 1: LED panels",
        text,
        inReplyTo: "<m1@company1.com>",
        references: "<m1@company1.com>",
        messageId: "<m1b@company1.com>",
        date: new Date("2026-11-23T03:00:00Z"),
      });
      return w;
    }

    /**
     * Lands a person's edit just before the next pull's first Sheets read after the mail was fetched (the read
     * of the rows the messages continue); returns whether it landed.
     */
    function editBeforeWidening(w: IntakeWorld, edit: () => void): () => boolean {
      const meter = w.env.ctx.meter;
      let mailRead = false;
      let landed = false;
      for (let n = 1; n <= 400; n += 1)
        meter.beforeCall(n, (call) => {
          if (call.type.startsWith("Gmail.read")) mailRead = true;
          if (landed || !mailRead || call.type !== "Spreadsheet.read") return;
          landed = true;
          meter.quietly(edit);
        });
      return () => landed;
    }

    it("R7, R8, R26: a reply answers, the buyer's next message awaits again — the row's clock read in full first", () => {
      const w = bigBook({ allReplied: true });
      w.env.mail.deliverStructured(inquiryMail(1));
      w.pull(ANN);
      const id = FILED;
      w.env.ctx.clock.set("2026-11-23T02:00:00Z");
      w.env.mail.deliverStructured(replyToInquiry1(ANN));
      w.env.ctx.clock.set("2026-11-23T04:30:00Z");
      w.env.ctx.meter.reset();
      expect(w.pull(ANN).repliesMatched).toBe(1);
      // The index columns with the narrow gaps between them (20 of 33 here), not the 27 a conversation needs.
      expect(inquiryCellsRead(w)).toBeLessThan((OLD + 1) * 22);
      expect(byId(w, id)).toMatchObject({ status: "replied", responseHours: 1, messages: 2 });
      w.env.ctx.clock.set("2026-11-23T06:00:00Z");
      w.env.mail.deliverStructured(BUYER_WRITES_AGAIN);
      w.env.ctx.clock.set("2026-11-23T09:30:00Z");
      const third = w.pull(ANN);
      expect([third.newInquiries, third.conversationsUpdated, third.chases]).toEqual([0, 1, 0]);
      const row = byId(w, id);
      // The counts the earlier runs wrote were read back, not taken as empty: three messages, the first answer kept.
      expect(row).toMatchObject({ status: "new", messages: 3, chases: 0, responseHours: 1 });
      expect(row.replyHistory).toBe("2026-11-23T00:58Z → 2026-11-23T02:00Z");
      expect(row.subject).toBe("Inquiry 1: LED panels"); // never read, never written
    });

    it("R8: a chase before any answer counts on the row, not as a new inquiry", () => {
      const w = filedWithChase("Any news?");
      const r = w.pull(ANN);
      expect([r.newInquiries, r.conversationsUpdated, r.chases]).toEqual([0, 1, 1]);
      expect(byId(w, FILED)).toMatchObject({ messages: 2, chases: 1, status: "new" });
    });

    it("R7, R8: a colleague's reply from a mailbox that never pulled the thread finds the row by In-Reply-To", () => {
      const w = bigBook({ allReplied: true });
      w.env.mail.deliverStructured(inquiryMail(1, { to: ANN, cc: BOB }));
      w.pull(ANN);
      w.env.ctx.clock.set("2026-11-23T02:00:00Z");
      w.env.mail.deliverStructured(
        replyToInquiry1(BOB, { text: "Dear buyer, our price is USD 9.", messageId: "<reply1@acme-tools.cn>" }),
      );
      expect(w.pull(BOB).repliesMatched).toBe(1);
      expect(byId(w, FILED)).toMatchObject({ status: "replied", responseHours: 1 });
    });

    it("C2, R22: the buyer's own mail continues a platform notice filed among thousands of rows", () => {
      const w = bigBook({ allReplied: true });
      w.env.mail.deliverStructured({
        from: "Alibaba.com <feedback@service.alibaba.com>",
        to: ANN,
        subject: "You have received a new inquiry from Ahmed Al-Farsi",
        text: "Dear Supplier,\n\nYou have received a new inquiry from a buyer on Alibaba.com.\n\nBuyer name: Ahmed Al-Farsi\nCompany: Gulf Star Trading LLC\nCountry/Region: United Arab Emirates\nProduct: LED Flood Light\nQuantity: 2,000 Pieces\nEmail: ahmed@gulfstar-trading.ae\n\nMessage:\nPlease send FOB Shenzhen price.\n\nReply now: https://message.alibaba.com/x\n\nAlibaba.com Team",
        messageId: "<n1@service.alibaba.com>",
        date: new Date("2026-11-23T00:30:00Z"),
      });
      w.pull(ANN);
      w.env.ctx.clock.set("2026-11-23T03:00:00Z");
      w.env.mail.deliverStructured({
        from: "Ahmed Al-Farsi <ahmed@gulfstar-trading.ae>",
        to: ANN,
        subject: "Flood lights",
        text: "Dear supplier, following my inquiry on Alibaba: 2,000 pcs, CIF Jebel Ali please.",
        messageId: "<a2@gulfstar-trading.ae>",
        date: new Date("2026-11-23T03:00:00Z"),
      });
      const r = w.pull(ANN);
      expect([r.newInquiries, r.conversationsUpdated]).toEqual([0, 1]);
      const row = byId(w, FILED);
      expect(row).toMatchObject({ channel: "platform", source: "alibaba", messages: 2, chases: 1 });
      expect(row.otherThreads).not.toBe("");
    });

    it("C2: rows sorted by a person between the pull's two reads: Inquiries is read again, nothing misfiled", () => {
      const w = filedWithChase("Any news?");
      const meter = w.env.ctx.meter;
      meter.reset();
      meter.keepLog = true;
      const sorted = editBeforeWidening(w, () => {
        const sheet = w.book.getSheetByName("Inquiries")!;
        const range = sheet.getRange(2, 1, OLD + 1, sheet.getLastColumn());
        range.setValues(range.getValues().reverse());
      });
      const r = w.pull(ANN);
      meter.clearHooks();
      expect(sorted()).toBe(true);
      expect([r.newInquiries, r.conversationsUpdated, r.chases]).toEqual([0, 1, 1]);
      // The index columns (one batched read), the rows to continue, then — the rows moved — the pull's columns
      // again, the usual way: an extent and a read per run of columns.
      const reads = meter.log().filter((c) => c.type === "Spreadsheet.read");
      expect(
        reads.filter((c) => c.method === "Sheets.Spreadsheets.Values.batchGetByDataFilter").length,
      ).toBeGreaterThanOrEqual(2);
      expect(reads.filter((c) => c.method === "Range.getValues").length).toBeGreaterThan(1);
      expect(byId(w, FILED)).toMatchObject({ messages: 2, chases: 1, subject: "Inquiry 1: LED panels" });
      expect(w.rows("Inquiries")).toHaveLength(OLD + 1);
    });

    it("C2: rows deleted by a person between the pull's two reads (the row now past the sheet's end): read again", () => {
      const w = filedWithChase("Hello??");
      w.env.ctx.meter.reset();
      const deleted = editBeforeWidening(w, () => w.book.getSheetByName("Inquiries")!.deleteRows(2, 5));
      const r = w.pull(ANN);
      w.env.ctx.meter.clearHooks();
      expect(deleted()).toBe(true);
      expect([r.newInquiries, r.conversationsUpdated, r.chases]).toEqual([0, 1, 1]);
      expect(byId(w, FILED)).toMatchObject({ messages: 2, chases: 1 });
      expect(w.rows("Inquiries")).toHaveLength(OLD - 4);
    });
  });
});
