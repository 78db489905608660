import { beforeEach, describe, expect, it } from "vitest";
import { registerProduct } from "../../../src/features/quotes/products";
import {
  buildQuote,
  expireQuotes,
  markQuoteSent,
  QuoteError,
  type QuoteInput,
  saveQuote,
  seedTemplates,
} from "../../../src/features/quotes/quotes";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { withDocumentLock } from "../../../src/gas/lock";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries, Log, Products, Quotes, Templates } from "../../../src/store/schemas";
import { type BookWorld, bookWorld } from "../../support/world";

const NOW = new Date("2026-11-23T02:00:00Z");
const SENDER = { email: "boss@acme-tools.cn", name: "Li Na" };

/** A buyer's inquiry in the boss's inbox; returns its Gmail thread id. */
function deliverInquiry(w: BookWorld, from: string, subject: string): string {
  w.env.mail.deliver({
    from,
    to: w.owner,
    subject,
    text: "Please quote 500 pcs.",
    date: new Date("2026-11-23T01:00:00Z"),
  });
  return GmailApp.search(`subject:"${subject}"`)[0].getId();
}

function world(): BookWorld {
  const w = bookWorld({
    now: NOW,
    settings: {
      "company.name": "Acme Tools Co., Ltd.",
      "company.founded": "1998",
      "company.totalAssets": "USD 12 million",
      "company.annualSales": "USD 30 million",
      "company.awards": "ISO 9001",
      "company.contact": "Zhang Wei",
      "company.phone": "+86 574 8888 0000",
      "company.fax": "+86 574 8888 0001",
      "company.catalogueLink": "https://acme-tools.cn/catalogue.pdf",
      "quote.port": "Ningbo",
    },
  });
  registerProduct(
    w.book,
    {
      name: "Stainless hinge",
      model: "HG-100",
      moq: 500,
      unit: "pcs",
      currency: "USD",
      basePrice: "12.50",
      tierPrices: "standard: 12.50; price-sensitive: 11.80; value-added: 13.90",
      leadTime: "25 days",
    },
    w.owner,
    NOW,
  );
  registerProduct(w.book, { name: "Door stopper", moq: 1000, unit: "pcs", basePrice: "3.20" }, w.owner, NOW);
  const buyer = { status: "active", owner: w.owner } as const;
  w.append(Buyers, [
    { ...buyer, id: "B-000001", company: "Gulf Hardware LLC", name: "Ahmed", email: "ahmed@gulfhw.ae", country: "UAE" },
    { ...buyer, id: "B-000002", company: "Ohio Fixtures", name: "Jane", email: "jane@ohiofix.com", country: "USA" },
  ]);
  const thread = deliverInquiry(w, "ahmed@gulfhw.ae", "Hinges RFQ");
  w.append(Inquiries, [
    {
      status: "new",
      id: "I-000001",
      buyerId: "B-000001",
      receivedAt: new Date("2026-11-23T01:00:00Z"),
      gmailThreadId: thread,
      language: "en",
      country: "UAE",
    },
  ]);
  return w;
}

const INPUT: QuoteInput = {
  buyerId: "B-000001",
  inquiryId: "I-000001",
  items: [
    { code: "P-0001", qty: 500 },
    { code: "P-0002", qty: 200 },
  ],
};

describe("quotes job", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = world();
  });

  it("R30, R31: setup seeds the Templates sheet once and never overwrites an edited row", () => {
    const rows = loadTable(w.book, Templates, "UTC").rows.map((r) => r.record);
    expect(
      rows
        .filter((r) => r.kind === "quote")
        .map((r) => r.language)
        .sort(),
    ).toEqual(["en", "zh-CN"]);
    const sheet = w.book.getSheetByName(Templates.name)!;
    const i = rows.findIndex((r) => r.kind === "quote" && r.language === "en");
    sheet.getRange(i + 2, 3).setValue("Hi {{buyer.name}}: {{quote.total}} {{company.profile}}");
    expect(seedTemplates(w.book, "en")).toBe(0);
    expect(setupWorkbook(w.book, w.owner, "en", NOW).created).toEqual([]);
    const q = buildQuote(w.book, INPUT, SENDER, NOW);
    expect(q.text.startsWith("Hi Ahmed: USD 6,540.00 About Acme Tools Co., Ltd.\nFounded: 1998\n")).toBe(true);
  });

  it("R3, R8: saves Q-2026-0001 as a draft with a Gmail draft reply in the inquiry's thread", () => {
    const saved = withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW));
    expect(saved.quoteId).toBe("Q-2026-0001");
    expect(saved.tier).toBe("price-sensitive");
    expect(saved.total).toBe("6540.00");
    const draft = GmailApp.getDraft(saved.draftId);
    const message = draft.getMessage();
    expect(message.getThread().getId()).toBe(saved.threadId);
    expect(message.getTo()).toBe("ahmed@gulfhw.ae");
    expect(message.getPlainBody()).toBe(saved.text);
    expect(saved.text).toContain("QUOTATION Q-2026-0001");
    expect(saved.text).toContain("E-catalogue: https://acme-tools.cn/catalogue.pdf");
    expect(saved.text).toContain("Founded: 1998");
    const row = loadTable(w.book, Quotes, "UTC").byId.get("Q-2026-0001")!.record;
    expect(row).toMatchObject({
      buyerId: "B-000001",
      inquiryId: "I-000001",
      status: "draft",
      tier: "price-sensitive",
      total: "6540.00",
      items: "P-0001 x 500 @ 11.80; P-0002 x 200 @ 3.20",
      draftId: saved.draftId,
      incoterm: "FOB",
      port: "Ningbo",
    });
    expect(row.validUntil?.toISOString()).toBe("2026-12-22T16:00:00.000Z");
    expect(saved.validUntil).toBe("2026-12-23");
  });

  it("R4: a quantity under the MOQ is warned about, with the product and the minimum", () => {
    const q = buildQuote(w.book, INPUT, SENDER, NOW);
    expect(q.moqWarnings).toEqual([
      { code: "P-0002", qty: 200, moq: 1000, message: "P-0002: 200 is below the MOQ of 1000 (R4)" },
    ]);
  });

  it("R3: a US buyer gets the value-added price and the service explanation; a person may override the tier", () => {
    const us = buildQuote(w.book, { buyerId: "B-000002", items: [{ code: "P-0001", qty: 500 }] }, SENDER, NOW);
    expect(us.tier).toBe("value-added");
    expect(us.lines[0].unitPrice).toBe("13.90");
    expect(us.text).toContain("Service included in this price");
    const overridden = buildQuote(
      w.book,
      { buyerId: "B-000002", items: [{ code: "P-0001", qty: 500 }], tier: "standard" },
      SENDER,
      NOW,
    );
    expect(overridden).toMatchObject({ tier: "standard", tierFromCountry: "value-added" });
    expect(overridden.text).not.toContain("Service included");
  });

  it("R9: empty company details are warned about, not silently left out", () => {
    w.setSettings({ "company.fax": "" });
    const q = buildQuote(w.book, INPUT, SENDER, NOW);
    expect(q.warnings).toContain("Settings company.fax is empty (R9: every answer names it)");
    expect(q.text).not.toContain("Fax:");
  });

  it("R3: a bad Tier prices cell stops the quote and names sheet, row, column and value", () => {
    const sheet = w.book.getSheetByName(Products.name)!;
    const col = Products.columns.findIndex((c) => c.key === "tierPrices") + 1;
    sheet.getRange(2, col).setValue("standard 12.50");
    expect(() => buildQuote(w.book, INPUT, SENDER, NOW)).toThrow(QuoteError);
    expect(() => buildQuote(w.book, INPUT, SENDER, NOW)).toThrow(
      'Products row 2, Tier prices: P-0001: "standard 12.50" is not "tier: price" (value: "standard 12.50")',
    );
  });

  it("R33: a saved quote is logged even when the Log sheet was deleted: the Log is made again, never skipped", () => {
    w.book.deleteSheet(w.book.getSheetByName(Log.name)!);
    const saved = withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW));
    const lines = loadTable(w.book, Log, "UTC").rows.map((r) => [r.record.action, r.record.target]);
    expect(lines).toEqual([
      ["log.recreated", "Log"],
      ["quote.save", saved.quoteId],
    ]);
  });

  it("numbers never repeat: a deleted quote's number is not reused, and a new year starts at 0001", () => {
    withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW));
    const sheet = w.book.getSheetByName(Quotes.name)!;
    sheet.deleteRow(2);
    expect(withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW)).quoteId).toBe("Q-2026-0002");
    const nextYear = new Date("2027-01-04T02:00:00Z");
    expect(withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, nextYear)).quoteId).toBe("Q-2027-0001");
    // The year is the company's (Asia/Shanghai): 2026-12-31T17:00Z is already 2027 there.
    expect(withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, new Date("2026-12-31T17:00:00Z"))).quoteId).toBe(
      "Q-2027-0002",
    );
  });

  it("two interleaved executions saving at once get different numbers (the second waits for the lock)", () => {
    const locks = w.env.LockService;
    const results: string[] = [];
    locks.beginExecution("exec-1");
    const lock1 = LockService.getDocumentLock();
    expect(lock1.tryLock(0)).toBe(true);
    // exec-2 starts while exec-1 holds the lock; exec-1 finishes its save 300 ms into exec-2's wait.
    const start = w.env.ctx.clock.nowMs();
    let exec1Done = false;
    w.env.ctx.clock.onChange((d) => {
      if (exec1Done || d.getTime() - start < 300) return;
      exec1Done = true;
      locks.execution = "exec-1";
      results.push(saveQuote(w.book, INPUT, SENDER, NOW).quoteId);
      lock1.releaseLock();
      locks.endExecution("exec-1");
      locks.execution = "exec-2";
    });
    locks.beginExecution("exec-2");
    results.push(withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW), 5000).quoteId);
    locks.endExecution("exec-2");
    expect(exec1Done).toBe(true);
    expect(results).toEqual(["Q-2026-0001", "Q-2026-0002"]);
    const ids = loadTable(w.book, Quotes, "UTC").rows.map((r) => r.record.id);
    expect(ids).toEqual(["Q-2026-0001", "Q-2026-0002"]);
  });

  it("an execution that cannot get the lock in time saves nothing", () => {
    const locks = w.env.LockService;
    locks.beginExecution("exec-1");
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
    locks.beginExecution("exec-2");
    expect(() => withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW), 1000)).toThrow(/lock/);
    expect(loadTable(w.book, Quotes, "UTC").rows).toEqual([]);
  });

  it("R8: marking the quote sent sets status sent and answers its inquiry", () => {
    const saved = withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW));
    const later = new Date("2026-11-23T03:30:00Z");
    const r = withDocumentLock(() => markQuoteSent(w.book, saved.quoteId, w.owner, later));
    expect(r).toEqual({ quoteId: "Q-2026-0001", status: "sent", inquiryId: "I-000001", inquiryAnswered: true });
    expect(loadTable(w.book, Quotes, "UTC").byId.get("Q-2026-0001")!.record.status).toBe("sent");
    const inquiry = loadTable(w.book, Inquiries, "UTC").byId.get("I-000001")!.record;
    expect(inquiry.status).toBe("replied");
    expect(inquiry.repliedAt?.toISOString()).toBe(later.toISOString());
    // Already answered: a second call changes nothing on the inquiry.
    expect(withDocumentLock(() => markQuoteSent(w.book, saved.quoteId, w.owner, later)).inquiryAnswered).toBe(false);
  });

  it("refuses an unknown buyer or product, and an inquiry of another buyer", () => {
    expect(() => buildQuote(w.book, { ...INPUT, buyerId: "B-000404" }, SENDER, NOW)).toThrow(/B-000404/);
    expect(() => buildQuote(w.book, { ...INPUT, items: [{ code: "P-0404", qty: 1 }] }, SENDER, NOW)).toThrow(/P-0404/);
    expect(() => buildQuote(w.book, { ...INPUT, buyerId: "B-000002" }, SENDER, NOW)).toThrow(
      /belongs to buyer B-000001/,
    );
  });

  it("quotes past their validity expire; accepted ones stay accepted", () => {
    const a = withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW));
    const b = withDocumentLock(() => saveQuote(w.book, INPUT, SENDER, NOW));
    const c = withDocumentLock(() => saveQuote(w.book, { ...INPUT, validityDays: 60 }, SENDER, NOW));
    withDocumentLock(() => markQuoteSent(w.book, b.quoteId, w.owner, NOW));
    const sheet = w.book.getSheetByName(Quotes.name)!;
    const statusCol = Quotes.columns.findIndex((x) => x.key === "status") + 1;
    sheet.getRange(2, statusCol).setValue("accepted");
    // Valid until 2026-12-23 (Shanghai): still valid that whole day, expired the next.
    expect(expireQuotes(w.book, new Date("2026-12-23T15:59:00Z")).expired).toEqual([]);
    expect(expireQuotes(w.book, new Date("2026-12-23T16:00:00Z")).expired).toEqual([b.quoteId]);
    const status = (id: string) => loadTable(w.book, Quotes, "UTC").byId.get(id)!.record.status;
    expect([status(a.quoteId), status(b.quoteId), status(c.quoteId)]).toEqual(["accepted", "expired", "draft"]);
  });
});
