import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { BuyerLang } from "../../../src/domain/buyer-language";
import { INCOTERMS } from "../../../src/domain/quote";
import {
  buildQuote,
  expireQuotes,
  markQuoteSent,
  QuoteError,
  type QuoteInput,
  saveQuote,
} from "../../../src/features/quotes/quotes";
import { withDocumentLock } from "../../../src/gas/lock";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries, Log, Products, Quotes, Staff, Templates } from "../../../src/store/schemas";
import { TableWriter } from "../../../src/store/table";
import { golden } from "../../fixtures/pricing/golden";
import { BUYERS } from "../../fixtures/pricing/world";
import {
  append,
  BUYER_ID,
  buyerRow,
  INQUIRY_ID,
  LANGS,
  type LetterWorld,
  LINA,
  letterWorld,
  NOW,
  SENDER,
  setSettings,
} from "../../support/letter-world";

const GOLDEN = path.join(__dirname, "../../fixtures/quotes-job");
const EN = { lang: "en" as const };
const ZH = { lang: "zh-CN" as const };

/** Ahmed (UAE, price-sensitive) asks for hinges and stoppers in his inquiry's thread. */
const AHMED: QuoteInput = {
  buyerId: BUYER_ID.en,
  inquiryId: INQUIRY_ID.en,
  items: [
    { code: "P-0001", qty: 500 },
    { code: "P-0002", qty: 1000 },
  ],
  incoterm: "CIF",
  destination: "Jebel Ali",
};

/** The draft Gmail holds for a saved quote. */
function draftOf(id: string) {
  return GmailApp.getDraft(id).getMessage();
}

/** Placeholders, stray question marks and internal sheet IDs a buyer must never see (the quote number aside). */
function assertClean(text: string, allow: readonly string[] = []): void {
  expect(text).not.toMatch(/\{[a-zA-Z][\w.]*\}|\{\{|undefined|null\b|NaN/);
  expect(text).not.toMatch(/(^|\s)[?？](\s|$)|[?？]{2,}/);
  const ids = (text.match(/\b(?:[BIFSO]-\d{6}|(?:P|CM)-\d{4}|Q-\d{4}-\d{4})\b/g) ?? []).filter(
    (x) => !allow.includes(x),
  );
  expect(ids).toEqual([]);
}

describe("the quote job prices, writes and drafts for the buyer (R2, R3, R8, R9)", () => {
  let w: LetterWorld;
  beforeEach(() => {
    w = letterWorld();
  });

  it("R8: saves Q-2026-0001 with a Gmail draft addressed to the buyer in the inquiry's thread", () => {
    const saved = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    expect(saved.quoteId).toBe("Q-2026-0001");
    expect(saved.tier).toBe("price-sensitive");
    const message = draftOf(saved.draftId);
    expect(message.getThread().getId()).toBe(w.threads.en);
    expect(saved.threadId).toBe(w.threads.en);
    expect(message.getTo()).toContain(BUYERS.en.email);
    expect(message.getSubject()).toBe("Re: RFQ stainless hinges for Jebel Ali");
    expect(message.getPlainBody()).toBe(saved.text);
    const row = loadTable(w.book, Quotes, "UTC").byId.get("Q-2026-0001")!.record;
    expect(row).toMatchObject({
      buyerId: BUYER_ID.en,
      inquiryId: INQUIRY_ID.en,
      status: "draft",
      tier: "price-sensitive",
      currency: "USD",
      incoterm: "CIF",
      port: "Jebel Ali",
      total: saved.total,
      items: "P-0001 x 500 @ 11.80; P-0002 x 1000 @ 3.20",
      draftId: saved.draftId,
    });
    // Goods 500 × 11.80 + 1,000 × 3.20 = 9,100.00; freight 850.00; insurance 0.3% of 9,950.00 = 29.85.
    expect(saved.total).toBe("9979.85");
    expect(row.validUntil?.toISOString()).toBe("2026-12-22T16:00:00.000Z");
  });

  it("R8: when our own message is the last in the thread, the draft still goes to the buyer, in that thread", () => {
    GmailApp.getThreadById(w.threads.en)!.reply("Thank you, Ahmed. Our quotation follows today.");
    const thread = GmailApp.getThreadById(w.threads.en)!;
    const last = thread.getMessages()[thread.getMessageCount() - 1];
    expect(last.getFrom()).toContain(LINA);
    // What Apps Script does on its own: a thread reply answers the last sender, ourselves.
    expect(thread.createDraftReply("probe").getMessage().getTo()).toContain(LINA);
    const saved = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    const message = draftOf(saved.draftId);
    expect(message.getTo()).toContain(BUYERS.en.email);
    expect(message.getTo()).not.toContain(LINA);
    expect(message.getThread().getId()).toBe(w.threads.en);
    expect(saved.warnings.join(" ")).not.toMatch(/new mail/);
  });

  it("R8: a thread holding no message of the buyer's gets a new draft to the buyer, and the person is told", () => {
    const ours = GmailApp.createDraft("someone@else.example", "Internal note", "x");
    ours.send();
    const threadId = GmailApp.search('subject:"Internal note"')[0].getId();
    const t = loadTable(w.book, Inquiries, "UTC");
    const writer = new TableWriter(t);
    writer.update(INQUIRY_ID.en, { gmailThreadId: threadId });
    writer.commit();
    const saved = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    expect(draftOf(saved.draftId).getTo()).toBe(BUYERS.en.email);
    expect(saved.threadId).toBe("");
    expect(saved.warnings).toContain(
      `The thread of inquiry ${INQUIRY_ID.en} holds no message from the buyer: the draft is a new mail to ${BUYERS.en.email}.`,
    );
  });

  it.each(INCOTERMS)("R3, R8: %s through the job: each term adds its components, golden text", (incoterm) => {
    const input: QuoteInput = {
      ...AHMED,
      tier: "standard",
      incoterm,
      destination: incoterm === "DAP" || incoterm === "DDP" ? "Dubai" : "Jebel Ali",
      dischargePort: incoterm === "DAP" || incoterm === "DDP" ? "Jebel Ali" : undefined,
      // EXW needs ex-works prices: the cabinet handles are priced EXW in CNY.
      items: incoterm === "EXW" ? [{ code: "P-0003", qty: 2000 }] : AHMED.items,
    };
    const q = buildQuote(w.book, input, SENDER, NOW, EN);
    expect(q.complete).toBe(true);
    expect(q.totalTerm).toBe(incoterm);
    const text = q.text.slice(q.text.indexOf("QUOTATION"), q.text.indexOf("\nValid until"));
    expect(text).toBe(golden(`incoterm-${incoterm}.en.txt`, text, GOLDEN));
    assertClean(q.text, [q.number]);
  });

  it.each([
    ["USD", "USD 10,330.90", ""],
    // Each unit price and charge converted once, then multiplied: 12.50 × 0.9213 = 11.52, 3.20 × 0.9213 = 2.95,
    // freight 783.11, insurance 0.3% of 9,493.11 = 28.48.
    ["EUR", "EUR 9,521.59", "1 USD = 0.9213 EUR (rate of 2026-11-20)"],
    ["CNY", "CNY 73,584.98", "1 USD = 7.1234 CNY (rate of 2026-11-20)"],
    ["GBP", "GBP 8,127.58", "1 USD = 0.7862 GBP (rate of 2026-11-20)"],
  ])("R3, R8: a quote in %s is converted once at the dated rate, which the quote states", (currency, total, rate) => {
    const q = buildQuote(w.book, { ...AHMED, tier: "standard", currency }, SENDER, NOW, EN);
    expect(q.currency).toBe(currency);
    expect(q.text).toContain(`Total CIF Jebel Ali: ${total}`);
    if (rate) {
      expect(q.text).toContain(`Exchange rate: ${rate}`);
      expect(q.rateDate).toBe("2026-11-20");
    } else {
      expect(q.text).not.toContain("Exchange rate");
      expect(q.rateDate).toBe("");
    }
    const text = q.text.slice(q.text.indexOf("QUOTATION"), q.text.indexOf("\nValid until"));
    expect(text).toBe(golden(`currency-${currency}.en.txt`, text, GOLDEN));
  });

  it("R8: a currency without a rate is refused by name, in the reader's language; nothing is saved", () => {
    const jpy = { ...AHMED, currency: "JPY" };
    expect(() => buildQuote(w.book, jpy, SENDER, NOW, EN)).toThrow(QuoteError);
    expect(() => buildQuote(w.book, jpy, SENDER, NOW, EN)).toThrow(
      "The quote cannot be priced: no exchange rate for JPY: fill Settings fx.JPY (how many JPY for 1 USD) and fx.date, or quote in USD",
    );
    expect(() => withDocumentLock(() => saveQuote(w.book, jpy, SENDER, NOW, ZH))).toThrow(
      "无法计算报价：没有 JPY 的汇率：请在设置表填写 fx.JPY（1 USD 兑多少 JPY）和 fx.date，或改用 USD 报价",
    );
    expect(loadTable(w.book, Quotes, "UTC").rows).toEqual([]);
    expect(GmailApp.getDrafts()).toEqual([]);
  });

  it("R8: a converted quote without Settings fx.date is refused: the rate's date must be on the quote", () => {
    setSettings(w, { "fx.date": "" });
    expect(() => buildQuote(w.book, { ...AHMED, currency: "EUR" }, SENDER, NOW, EN)).toThrow(
      "The quote cannot be priced: Settings fx.date is empty: a converted quote must state the rate's date",
    );
  });

  it("R8: a destination without a Freight row says freight and insurance are on request, and totals FOB only", () => {
    const q = buildQuote(w.book, { ...AHMED, destination: "Mombasa", tier: "standard" }, SENDER, NOW, EN);
    expect(q.complete).toBe(false);
    expect(q.onRequest).toEqual(["freight", "insurance"]);
    expect(q.text).toContain("Price terms: CIF Mombasa, Incoterms 2020 – freight and insurance on request");
    expect(q.text).toContain("Freight Ningbo – Mombasa: price on request");
    expect(q.text).toContain("Total FOB Ningbo: USD 9,450.00");
    expect(q.text).toContain("Freight and insurance to Mombasa: price on request.");
    expect(q.text).not.toMatch(/Total CIF/);
    expect(q.totalText).toBe("USD 9,450.00 FOB Ningbo");
    const saved = withDocumentLock(() =>
      saveQuote(w.book, { ...AHMED, destination: "Mombasa", tier: "standard" }, SENDER, NOW, EN),
    );
    expect(loadTable(w.book, Quotes, "UTC").byId.get(saved.quoteId)!.record.total).toBe("9450.00 FOB");
  });

  it("R3: a price-sensitive buyer's product without a discount is named to the person, never to the buyer", () => {
    const q = buildQuote(w.book, AHMED, SENDER, NOW, EN);
    expect(q.tierWarnings).toEqual([
      {
        code: "P-0002",
        tier: "price-sensitive",
        message: "P-0002: no price-sensitive price and no discount in Settings, so it is quoted at the standard price",
      },
    ]);
    expect(q.text).not.toMatch(/price-sensitive|standard price/);
    const zh = buildQuote(w.book, AHMED, SENDER, NOW, ZH);
    expect(zh.tierWarnings[0].message).toBe("P-0002：没有价格敏感档价格，设置中也没有折扣比例，按标准价报出");
  });

  it("R4: a quantity under the MOQ is warned about, with the product and the minimum", () => {
    const q = buildQuote(w.book, { ...AHMED, items: [{ code: "P-0002", qty: 200 }] }, SENDER, NOW, EN);
    expect(q.moqWarnings).toEqual([
      { code: "P-0002", qty: 200, moq: 1000, message: "P-0002: 200 is below the MOQ of 1000" },
    ]);
  });

  it("R3: a US buyer gets the value-added price and the service paragraph; a person may override the tier", () => {
    append(w, Buyers, [buyerRow({ id: "B-000010", name: "Jane Miller", email: "jane@ohiofix.com", country: "USA" })]);
    const input: QuoteInput = { buyerId: "B-000010", items: [{ code: "P-0001", qty: 500 }] };
    const us = buildQuote(w.book, input, SENDER, NOW, EN);
    expect(us.tier).toBe("value-added");
    expect(us.lines[0].unitPrice).toBe("13.90");
    expect(us.text).toContain("Service included in this price");
    const overridden = buildQuote(w.book, { ...input, tier: "standard" }, SENDER, NOW, EN);
    expect(overridden).toMatchObject({ tier: "standard", tierFromCountry: "value-added" });
    expect(overridden.text).not.toContain("Service included");
  });

  it("R9: empty company details are warned about, and their lines left out of the mail", () => {
    setSettings(w, { "company.fax": "" });
    const q = buildQuote(w.book, AHMED, SENDER, NOW, EN);
    expect(q.warnings).toContain("Settings company.fax is empty: the company details in the mail are incomplete");
    expect(q.text).not.toContain("Fax:");
  });

  it.each(LANGS)("R9, R31: the quote cover in the buyer's language (%s) through the job, golden", (lang: BuyerLang) => {
    const b = BUYERS[lang];
    const q = buildQuote(
      w.book,
      {
        buyerId: BUYER_ID[lang],
        inquiryId: INQUIRY_ID[lang],
        items: [{ code: "P-0001", qty: 500 }],
        incoterm: "CIF",
        destination: b.port,
        currency: b.currency,
      },
      SENDER,
      NOW,
      EN,
    );
    expect(q.lang).toBe(lang);
    assertClean(q.text, [q.number]);
    const text = `Subject: ${q.subject}\n\n${q.text}`;
    expect(text).toBe(golden(`quote-mail.${lang}.txt`, text, GOLDEN));
  });

  it("another open quote to the same company is flagged: the buyer's own, a colleague's by company domain or name", () => {
    const first = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    append(w, Buyers, [
      buyerRow({ id: "B-000011", name: "Omar Haddad", email: "omar@gulfhardware.ae", company: "" }),
      buyerRow({ id: "B-000012", name: "Sara", email: "sara.gulfhw@gmail.com", company: "GULF HARDWARE L.L.C." }),
      buyerRow({ id: "B-000013", name: "Yusuf", email: "yusuf.trade@gmail.com", company: "Other Trading" }),
      buyerRow({ id: "B-000014", name: "Ali", email: "ali@gmail.com", company: "" }),
    ]);
    const again = buildQuote(w.book, AHMED, SENDER, NOW, EN);
    expect(again.openQuotes.map((o) => o.id)).toEqual([first.quoteId]);
    expect(again.openQuotes[0].message).toBe(
      `This buyer already has quotation ${first.quoteId} open (draft); check it before sending another`,
    );
    const colleague = buildQuote(w.book, { ...AHMED, buyerId: "B-000011", inquiryId: undefined }, SENDER, NOW, EN);
    expect(colleague.openQuotes[0].message).toBe(
      `Quotation ${first.quoteId} (draft, by ${LINA}) is open to Ahmed Saleh, Gulf Hardware LLC of the same company; agree on one offer before sending`,
    );
    const byName = buildQuote(w.book, { ...AHMED, buyerId: "B-000012", inquiryId: undefined }, SENDER, NOW, EN);
    expect(byName.openQuotes.map((o) => o.id)).toEqual([first.quoteId]);
    // Free mail is nobody's company domain; another company's buyer is not warned.
    for (const id of ["B-000013", "B-000014"])
      expect(buildQuote(w.book, { ...AHMED, buyerId: id, inquiryId: undefined }, SENDER, NOW, EN).openQuotes).toEqual(
        [],
      );
    // An expired or accepted quote is no longer open.
    withDocumentLock(() => expireQuotes(w.book, new Date("2027-02-01T00:00:00Z")));
    expect(buildQuote(w.book, AHMED, SENDER, NOW, EN).openQuotes).toEqual([]);
  });

  it("R3: a bad Tier prices cell stops the quote and names sheet, row, column and value", () => {
    const sheet = w.book.getSheetByName(Products.name)!;
    const col = Products.columns.findIndex((c) => c.key === "tierPrices") + 1;
    sheet.getRange(2, col).setValue("standard 12.50");
    expect(() => buildQuote(w.book, AHMED, SENDER, NOW, EN)).toThrow(QuoteError);
    expect(() => buildQuote(w.book, AHMED, SENDER, NOW, EN)).toThrow(
      'Sheet Products, row 2, column Tier prices: P-0001: "standard 12.50" is not "tier: price" (value: standard 12.50)',
    );
  });

  it("R31: an edited Templates row is used; a typo in it is refused naming sheet, row, key, language and placeholder", () => {
    const table = loadTable(w.book, Templates, "UTC");
    const row = table.rows.find((r) => r.record.key === "quote.cover" && r.record.language === "en")!;
    const body = Templates.columns.findIndex((c) => c.key === "body") + 1;
    const sheet = w.book.getSheetByName(Templates.name)!;
    sheet
      .getRange(row.row, body)
      .setValue(
        "{greeting}\n\nOur offer {quote.number}:\n\n{quote.text}\n\n{company.profile}\n\n{sender.name}\n{company.name}",
      );
    const q = buildQuote(w.book, AHMED, SENDER, NOW, EN);
    expect(q.text.startsWith(`Dear Ahmed Saleh,\n\nOur offer ${q.number}:\n\nQUOTATION ${q.number}`)).toBe(true);
    sheet.getRange(row.row, body).setValue(`${sheet.getRange(row.row, body).getValue()}\n{sender.nmae}`);
    expect(() => buildQuote(w.book, AHMED, SENDER, NOW, EN)).toThrow(
      `The mail was not drafted: Sheet Templates, row ${row.row}, template quote.cover (en): unknown placeholder {sender.nmae} (a typo?)`,
    );
    expect(() => buildQuote(w.book, AHMED, SENDER, NOW, ZH)).toThrow(
      `邮件未生成草稿：Templates 表第 ${row.row} 行，模板 quote.cover（en）：未知的占位符 {sender.nmae}（是否拼写错误？）`,
    );
  });

  it("R33: a saved quote is logged even when the Log sheet was deleted: the Log is made again, never skipped", () => {
    w.book.deleteSheet(w.book.getSheetByName(Log.name)!);
    const saved = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    const lines = loadTable(w.book, Log, "UTC").rows.map((r) => [r.record.action, r.record.target]);
    expect(lines).toEqual([
      ["log.recreated", "Log"],
      ["quote.save", saved.quoteId],
    ]);
  });

  it("numbers never repeat: a deleted quote's number is not reused, and a new year starts at 0001", () => {
    withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    w.book.getSheetByName(Quotes.name)!.deleteRow(2);
    expect(withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN)).quoteId).toBe("Q-2026-0002");
    const nextYear = new Date("2027-01-04T02:00:00Z");
    expect(withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, nextYear, EN)).quoteId).toBe("Q-2027-0001");
    // The year is the company's (Asia/Shanghai): 2026-12-31T17:00Z is already 2027 there.
    expect(withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, new Date("2026-12-31T17:00:00Z"), EN)).quoteId).toBe(
      "Q-2027-0002",
    );
  });

  it("an execution that cannot get the lock in time saves nothing", () => {
    const locks = w.env.LockService;
    locks.beginExecution("exec-1");
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
    locks.beginExecution("exec-2");
    expect(() => withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN), 1000)).toThrow(/lock/);
    expect(loadTable(w.book, Quotes, "UTC").rows).toEqual([]);
  });

  it("R8, R23: marking the quote sent sets status sent, answers its inquiry and is the buyer's last contact", () => {
    const saved = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    const later = new Date("2026-11-23T03:30:00Z");
    const r = withDocumentLock(() => markQuoteSent(w.book, saved.quoteId, LINA, later));
    expect(r).toEqual({ quoteId: "Q-2026-0001", status: "sent", inquiryId: INQUIRY_ID.en, inquiryAnswered: true });
    const inquiry = loadTable(w.book, Inquiries, "UTC").byId.get(INQUIRY_ID.en)!.record;
    expect(inquiry.status).toBe("replied");
    expect(inquiry.repliedAt?.toISOString()).toBe(later.toISOString());
    expect(inquiry.awaitingSince).toBeNull();
    expect(inquiry.replyHistory).toMatch(/→ 2026-11-23T03:30Z$/);
    const buyer = loadTable(w.book, Buyers, "UTC").byId.get(AHMED.buyerId)!.record;
    expect(buyer.lastContact?.toISOString()).toBe(later.toISOString());
    expect(buyer.nextFollowUp).toBeInstanceOf(Date);
    // Already answered: a second call changes nothing on the inquiry.
    expect(withDocumentLock(() => markQuoteSent(w.book, saved.quoteId, LINA, later)).inquiryAnswered).toBe(false);
  });

  it("refuses an unknown buyer or product, and an inquiry of another buyer, in the reader's language", () => {
    expect(() => buildQuote(w.book, { ...AHMED, buyerId: "B-000404" }, SENDER, NOW, EN)).toThrow(
      "Buyer B-000404 was not found.",
    );
    expect(() => buildQuote(w.book, { ...AHMED, items: [{ code: "P-0404", qty: 1 }] }, SENDER, NOW, EN)).toThrow(
      "product P-0404 is not on the Products sheet",
    );
    expect(() => buildQuote(w.book, { ...AHMED, buyerId: BUYER_ID.es }, SENDER, NOW, ZH)).toThrow(
      `询盘 ${INQUIRY_ID.en} 属于客户 ${BUYER_ID.en}`,
    );
  });

  it("quotes past their validity expire; accepted ones stay accepted", () => {
    const a = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    const b = withDocumentLock(() => saveQuote(w.book, AHMED, SENDER, NOW, EN));
    const c = withDocumentLock(() => saveQuote(w.book, { ...AHMED, validityDays: 60 }, SENDER, NOW, EN));
    withDocumentLock(() => markQuoteSent(w.book, b.quoteId, LINA, NOW));
    const sheet = w.book.getSheetByName(Quotes.name)!;
    sheet.getRange(2, Quotes.columns.findIndex((x) => x.key === "status") + 1).setValue("accepted");
    expect(expireQuotes(w.book, new Date("2026-12-23T15:59:00Z")).expired).toEqual([]);
    expect(expireQuotes(w.book, new Date("2026-12-23T16:00:00Z")).expired).toEqual([b.quoteId]);
    const status = (id: string) => loadTable(w.book, Quotes, "UTC").byId.get(id)!.record.status;
    expect([status(a.quoteId), status(b.quoteId), status(c.quoteId)]).toEqual(["accepted", "expired", "draft"]);
  });

  it("R8, R26: the sender's name from Staff signs the quote; a buyer without an address gets the text and no draft", () => {
    const q = buildQuote(w.book, AHMED, { email: LINA, name: LINA }, NOW, { lang: "en", staff: staffOf(w) });
    expect(q.text).toMatch(/\nLi Na\n/);
    append(w, Buyers, [buyerRow({ id: "B-000020", name: "No Mail", company: "Fax Only Trading", email: "" })]);
    const saved = withDocumentLock(() =>
      saveQuote(w.book, { buyerId: "B-000020", items: [{ code: "P-0001", qty: 500 }] }, SENDER, NOW, EN),
    );
    expect(saved).toMatchObject({ draftId: "", threadId: "", draftTo: "" });
    expect(saved.text).toContain(`QUOTATION ${saved.quoteId}`);
    expect(saved.warnings).toContain(
      "Fax Only Trading has no e-mail address, so no Gmail draft was made: send the text by fax or post, or add their address on the Buyers sheet.",
    );
    expect(loadTable(w.book, Quotes, "UTC").byId.get(saved.quoteId)!.record.status).toBe("draft");
  });
});

function staffOf(w: LetterWorld) {
  return loadTable(w.book, Staff, "UTC").rows.map((r) => r.record);
}
