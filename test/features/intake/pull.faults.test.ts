/**
 * FAULT TEST (C2 exactly once): a pull of 30 mails is failed at every service call in turn; after each failure
 * a clean rerun must leave each inquiry exactly once, and at every moment a thread carries the Imported label
 * only if its inquiries are already in the sheet.
 */

import type { StructuredMail } from "@buyerbook/gas-emulator";
import { describe, expect, it } from "vitest";
import { forgetSmallTables } from "../../../src/store/small-tables";
import { ANN, BOB, intakeWorld, MONDAY_0900, seedBuyer } from "../../support/world";

const LABEL = "Buyerbook/Imported";
const at = (minutesBefore: number) => new Date(MONDAY_0900.getTime() - minutesBefore * 60_000);

interface FaultMail {
  mail: StructuredMail;
  /** Imported as an inquiry (true) or skipped/answered (false). */
  inquiry: boolean;
}

/** 30 mails: new buyers, colleagues of a known buyer, a platform notification, skips, a reply in a thread. */
function thirtyMails(): FaultMail[] {
  const list: FaultMail[] = [];
  for (let n = 1; n <= 20; n += 1) {
    list.push({
      inquiry: true,
      mail: {
        from: `Buyer ${n} <buyer${n}@${n % 4 === 0 ? "gmail.com" : `firm${n}.com`}>`,
        to: ANN,
        subject: `Inquiry ${n}`,
        text: `Please quote ${n * 10} pcs.`,
        messageId: `<f${n}@firm${n}.com>`,
        date: at(200 - n),
      },
    });
  }
  for (let n = 1; n <= 3; n += 1) {
    list.push({
      inquiry: true,
      mail: {
        from: `Colleague ${n} <c${n}@known-buyer.com>`,
        to: ANN,
        subject: `Also interested ${n}`,
        text: "Hello again.",
        messageId: `<k${n}@known-buyer.com>`,
        date: at(150 - n),
      },
    });
  }
  list.push({
    inquiry: true,
    mail: {
      from: "Made-in-China.com <service@made-in-china.com>",
      to: ANN,
      subject: "New Inquiry: LED Panel",
      text: "Sender: Mr. Raj\nCompany Name: Raj Lights Pvt. Ltd.\nCountry: India\nProduct Name: LED Panel\nPurchase Quantity: 500 Pieces\n\nContent:\nPrice?\n\nReply Now: https://x",
      messageId: "<mic1@made-in-china.com>",
      date: at(140),
    },
  });
  const skips: StructuredMail[] = [
    {
      from: "News <news@letters.example>",
      to: ANN,
      subject: "Weekly",
      text: "x",
      headers: { "List-Unsubscribe": "<mailto:u@x>" },
    },
    { from: "mailer-daemon@googlemail.com", to: ANN, subject: "Delivery Status Notification (Failure)", text: "x" },
    {
      from: "Tom <tom@firm1.com>",
      to: ANN,
      subject: "Automatic reply: x",
      text: "away",
      headers: { "Auto-Submitted": "auto-replied" },
    },
    { from: "DHL <noreply@dhl.com>", to: ANN, subject: "Shipment", text: "x" },
  ];
  skips.forEach((mail, i) => {
    list.push({ inquiry: false, mail: { ...mail, messageId: `<s${i}@skip.example>`, date: at(130 - i) } });
  });
  list.push({
    inquiry: true,
    mail: {
      from: "Ray <ray@threaded.com>",
      to: ANN,
      subject: "Quote please",
      text: "50 pcs",
      messageId: "<t1@threaded.com>",
      date: at(120),
    },
  });
  list.push({
    inquiry: false,
    mail: {
      from: ANN,
      to: "ray@threaded.com",
      subject: "Re: Quote please",
      text: "USD 5.",
      messageId: "<t2@acme-tools.cn>",
      inReplyTo: "<t1@threaded.com>",
      references: "<t1@threaded.com>",
      date: at(30),
    },
  });
  return list;
}

const MAILS = thirtyMails();
const EXPECTED = MAILS.filter((m) => m.inquiry).map((m) => String(m.mail.messageId).replace(/[<>]/g, ""));

const DATA_SHEETS = ["Buyers", "Inquiries", "Log"] as const;

function world() {
  const w = intakeWorld();
  seedBuyer(w, { id: "B-000001", company: "Known Buyer Ltd", email: "boss@known-buyer.com", owner: BOB });
  for (const { mail } of MAILS) w.env.mail.deliverStructured(mail, { mailboxes: [ANN] });
  const shape = w.env.ctx.meter.quietly(() =>
    DATA_SHEETS.map((name) => {
      const sheet = w.book.getSheetByName(name)!;
      return { name, values: sheet.getDataRange().getValues(), maxRows: sheet.getMaxRows() };
    }),
  );
  return { ...w, shape };
}

/**
 * Puts a used world back to "mail delivered, nothing pulled" cheaply (building a world costs more than a pull):
 * data rows after the seed cleared, document properties (ids, watermark) gone, the Imported label deleted,
 * and the cached small tables forgotten, so every run reads them (the cold path, the one with the most calls).
 */
function reset(w: ReturnType<typeof world>): void {
  w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(ANN, () => {
      // Same rows, values and sheet size as before the first pull, so every rerun makes the same calls.
      for (const { name, values, maxRows } of w.shape) {
        const sheet = w.book.getSheetByName(name)!;
        const last = sheet.getLastRow();
        if (last > values.length)
          sheet.getRange(values.length + 1, 1, last - values.length, sheet.getLastColumn()).clear();
        sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
        if (sheet.getMaxRows() > maxRows) sheet.deleteRows(maxRows + 1, sheet.getMaxRows() - maxRows);
      }
      PropertiesService.getDocumentProperties().deleteAllProperties();
      forgetSmallTables();
      const label = GmailApp.getUserLabelByName(LABEL);
      if (label) GmailApp.deleteLabel(label);
    }),
  );
  w.env.ctx.meter.clearFaults();
  w.env.ctx.meter.reset();
  w.env.ctx.clock.set(MONDAY_0900);
}

/** For every labelled thread of Ann's mailbox: its buyer messages are already rows (label => rows). */
function labelImpliesRows(w: ReturnType<typeof world>): string[] {
  return w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(ANN, () => {
      const rows = new Set(w.records("Inquiries").map((r) => String(r.rfcMessageId)));
      const broken: string[] = [];
      for (const thread of GmailApp.search(`label:${LABEL}`, 0, 500)) {
        for (const m of thread.getMessages()) {
          const id = m.getHeader("Message-ID").replace(/[<>]/g, "");
          if (EXPECTED.includes(id) && !rows.has(id)) broken.push(id);
        }
      }
      return broken;
    }),
  );
}

describe("pull fault injection (C2: nothing lost, nothing twice)", () => {
  it("C2: mails are 30, of which the expected inquiries are imported by a clean run", () => {
    expect(MAILS).toHaveLength(30);
    const w = world();
    w.env.ctx.meter.reset();
    const r = w.pull(ANN);
    expect(r.newInquiries).toBe(EXPECTED.length);
    expect(r.repliesMatched).toBe(1);
    expect(w.env.ctx.meter.totalCalls).toBeGreaterThan(100);
  });

  it("C2: a failure at EVERY service call index, then a clean rerun: each inquiry exactly once, labels consistent", () => {
    const clean = world();
    clean.env.ctx.meter.reset();
    clean.pull(ANN);
    const calls = clean.env.ctx.meter.totalCalls;
    const failures: string[] = [];
    let faulted = 0;
    const w = world();
    for (let index = 1; index <= calls; index += 1) {
      reset(w);
      w.env.ctx.meter.failAt(index);
      let threw = false;
      try {
        w.pull(ANN);
      } catch {
        threw = true;
      }
      if (threw) faulted += 1;

      const midway = labelImpliesRows(w);
      if (midway.length > 0) failures.push(`#${index}: labelled before rows: ${midway.join(", ")}`);
      w.env.ctx.meter.clearFaults();
      w.env.ctx.clock.advance(60_000);
      const rerun = w.pull(ANN);
      if (rerun.partial) failures.push(`#${index}: rerun partial`);
      const rows = w.records("Inquiries");
      const ids = rows.map((r) => String(r.rfcMessageId));
      for (const id of EXPECTED) {
        const n = ids.filter((x) => x === id).length;
        if (n !== 1) failures.push(`#${index}: ${id} imported ${n} times`);
      }
      if (ids.length !== EXPECTED.length) failures.push(`#${index}: ${ids.length} inquiry rows`);
      const emails = w
        .records("Buyers")
        .map((b) => String(b.email))
        .filter((e) => e !== "");
      if (new Set(emails).size !== emails.length) failures.push(`#${index}: duplicate buyers`);
      const ray = rows.find((r) => r.rfcMessageId === "t1@threaded.com");
      if (ray?.status !== "replied") failures.push(`#${index}: reply not matched`);
      const unlabelled = w.env.ctx.meter.quietly(() =>
        w.env.ctx.runAs(ANN, () => GmailApp.search(`in:inbox -label:${LABEL}`).length),
      );
      if (unlabelled !== 0) failures.push(`#${index}: ${unlabelled} threads left unlabelled`);
      if (labelImpliesRows(w).length > 0) failures.push(`#${index}: labels inconsistent after rerun`);
    }
    expect(failures).toEqual([]);
    // Every index up to the last call really failed the run (no fault was swallowed into a wrong result).
    expect(faulted).toBe(calls);
  });
});
