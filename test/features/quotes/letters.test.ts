import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { BuyerLang } from "../../../src/domain/buyer-language";
import { draftLetter, previewLetter } from "../../../src/features/quotes/letters";
import { saveQuote } from "../../../src/features/quotes/quotes";
import { withDocumentLock } from "../../../src/gas/lock";
import { HANDLERS } from "../../../src/rpc/handlers";
import { dispatch } from "../../../src/rpc/server";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries, Quotes } from "../../../src/store/schemas";
import { TableWriter } from "../../../src/store/table";
import { golden } from "../../fixtures/pricing/golden";
import { BUYERS } from "../../fixtures/pricing/world";
import { as } from "../../support/gas";
import {
  BUYER_ID,
  INQUIRY_ID,
  LANGS,
  type LetterWorld,
  LINA,
  letterWorld,
  NOW,
  SENDER,
  TOM,
} from "../../support/letter-world";

const GOLDEN = path.join(__dirname, "../../fixtures/letters-job");
const EN = { lang: "en" as const };

function grade(w: LetterWorld, buyerId: string, g: string): void {
  const writer = new TableWriter(loadTable(w.book, Buyers, "UTC"));
  writer.update(buyerId, { grade: g as never });
  writer.commit();
}

/** No placeholder, stray "?", broken value or internal sheet ID (the quotation number aside) reaches a buyer. */
function assertClean(text: string, allow: readonly string[] = []): void {
  expect(text).not.toMatch(/\{[a-zA-Z][\w.]*\}|\{\{|undefined|null\b|NaN/);
  expect(text).not.toMatch(/(^|\s)[?？](\s|$)|[?？]{2,}/);
  const ids = (text.match(/\b(?:[BIFSO]-\d{6}|(?:P|CM)-\d{4}|Q-\d{4}-\d{4})\b/g) ?? []).filter(
    (x) => !allow.includes(x),
  );
  expect(ids).toEqual([]);
}

describe("letters to buyers from the Templates sheet, in the buyer's language (R7, R8, R9, R20, R31)", () => {
  let w: LetterWorld;
  beforeEach(() => {
    w = letterWorld();
  });

  it.each(LANGS)(
    "R9: the first answer in %s carries the company profile, drafted to the buyer in their thread",
    (lang: BuyerLang) => {
      const r = withDocumentLock(() =>
        draftLetter(
          w.book,
          { buyerId: BUYER_ID[lang], inquiryId: INQUIRY_ID[lang], kind: "inquiry.reply" },
          SENDER,
          NOW,
          EN,
        ),
      );
      expect(r).toMatchObject({ lang, key: "inquiry.reply", threadId: w.threads[lang] });
      const message = GmailApp.getDraft(r.draftId).getMessage();
      expect(message.getTo()).toContain(BUYERS[lang].email);
      expect(message.getPlainBody()).toBe(r.text);
      expect(r.text).toContain("+86 574 8765 4322"); // the fax, one of the R9 facts
      assertClean(r.text);
      const text = `Subject: ${r.subject}\n\n${r.text}`;
      expect(text).toBe(golden(`inquiry-reply.${lang}.txt`, text, GOLDEN));
    },
  );

  it.each(["A", "B", "C", "D"])(
    "R20: the follow-up for grade %s, golden, naming the open quotation where the grade's text does",
    (g) => {
      grade(w, BUYER_ID.en, g);
      const quote = withDocumentLock(() =>
        saveQuote(w.book, { buyerId: BUYER_ID.en, items: [{ code: "P-0001", qty: 500 }] }, SENDER, NOW, EN),
      );
      const writer = new TableWriter(loadTable(w.book, Quotes, "UTC"));
      writer.update(quote.quoteId, { status: "sent" });
      writer.commit();
      const r = previewLetter(
        w.book,
        { buyerId: BUYER_ID.en, inquiryId: INQUIRY_ID.en, kind: "followup" },
        SENDER,
        NOW,
        EN,
      );
      expect(r.key).toBe(`followup.${g}`);
      assertClean(r.text, [quote.quoteId]);
      if (g === "A" || g === "B") expect(r.text).toContain(quote.quoteId);
      const text = `Subject: ${r.subject}\n\n${r.text}`;
      expect(text).toBe(golden(`followup-${g}.en.txt`, text, GOLDEN));
    },
  );

  it("R20: without an open quotation the follow-up drops the lines that would name one", () => {
    grade(w, BUYER_ID.es, "A");
    const r = previewLetter(w.book, { buyerId: BUYER_ID.es, kind: "followup" }, SENDER, NOW, EN);
    expect(r.lang).toBe("es");
    expect(r.text).not.toMatch(/Q-\d{4}/);
    assertClean(r.text);
  });

  it("R20: a follow-up naming a quotation that is still a draft warns the person", () => {
    grade(w, BUYER_ID.en, "B");
    const quote = withDocumentLock(() =>
      saveQuote(w.book, { buyerId: BUYER_ID.en, items: [{ code: "P-0001", qty: 500 }] }, SENDER, NOW, EN),
    );
    const r = previewLetter(w.book, { buyerId: BUYER_ID.en, kind: "followup" }, SENDER, NOW, EN);
    expect(r.warnings).toEqual([
      `Quotation ${quote.quoteId} is still a draft: send it before the follow-up that names it.`,
    ]);
  });

  it("R9: products asked are named by name, never by the catalogue code intake files with them", () => {
    const writer = new TableWriter(loadTable(w.book, Inquiries, "UTC"));
    writer.update(INQUIRY_ID.en, { product: "P-0001 Stainless hinge HG-100; P-0002 Door stopper DS-20; P-0002" });
    writer.commit();
    const r = previewLetter(
      w.book,
      { buyerId: BUYER_ID.en, inquiryId: INQUIRY_ID.en, kind: "inquiry.reply" },
      SENDER,
      NOW,
      EN,
    );
    expect(r.subject).toBe(
      "Your inquiry about Stainless hinge HG-100, Door stopper DS-20 – Ningbo Hengda Hardware Co., Ltd.",
    );
    assertClean(r.text);
  });

  it("R18: an ungraded buyer's follow-up is refused until a person grades them", () => {
    expect(() => previewLetter(w.book, { buyerId: BUYER_ID.en, kind: "followup" }, SENDER, NOW, EN)).toThrow(
      "Grade the buyer (A–D) first: the follow-up depends on the grade.",
    );
  });

  it("R9: a placeholder name from intake ('Customer') is never greeted; a gateway name neither", () => {
    const writer = new TableWriter(loadTable(w.book, Buyers, "UTC"));
    writer.update(BUYER_ID.en, { name: "Customer" });
    writer.update(BUYER_ID.fr, { name: "eFax Corporate" });
    writer.commit();
    const en = previewLetter(
      w.book,
      { buyerId: BUYER_ID.en, inquiryId: INQUIRY_ID.en, kind: "inquiry.reply" },
      SENDER,
      NOW,
      EN,
    );
    expect(en.text.startsWith("Dear Sir or Madam,\n")).toBe(true);
    const fr = previewLetter(
      w.book,
      { buyerId: BUYER_ID.fr, inquiryId: INQUIRY_ID.fr, kind: "inquiry.reply" },
      SENDER,
      NOW,
      EN,
    );
    expect(fr.text.startsWith("Madame, Monsieur,\n")).toBe(true);
  });

  it("R1: through the RPC, the owner drafts; a colleague who is not their deputy may not", () => {
    const call = (user: string, payload: unknown) =>
      as(w.env, user, () => dispatch(HANDLERS, "draftLetter", JSON.stringify(payload), w.book, user, NOW));
    const payload = { buyerId: BUYER_ID.ru, inquiryId: INQUIRY_ID.ru, kind: "inquiry.reply" };
    expect(call(TOM, payload)).toMatchObject({ ok: false, code: "not-owner" });
    const r = call(LINA, payload);
    expect(r).toMatchObject({ ok: true, data: { lang: "ru", key: "inquiry.reply" } });
    expect(call(LINA, { ...payload, kind: "goodbye" })).toMatchObject({ ok: false, code: "invalid" });
  });
});
