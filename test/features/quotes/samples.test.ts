import { beforeEach, describe, expect, it } from "vitest";
import type { BuyerLang } from "../../../src/domain/buyer-language";
import { registerPicture } from "../../../src/features/quotes/products";
import { requestSample, samplesOfBuyer, updateSample } from "../../../src/features/quotes/samples";
import { loadTable } from "../../../src/store/load-table";
import { Samples } from "../../../src/store/schemas";
import { BUYERS } from "../../fixtures/pricing/world";
import {
  BANK,
  BUYER_ID,
  INQUIRY_ID,
  type LetterWorld,
  LINA,
  letterWorld,
  NOW,
  SENDER,
  setSettings,
} from "../../support/letter-world";

const EN = { lang: "en" as const };

/** The buyer writes again in their inquiry's thread (a reply to our message, quoting it). */
function buyerWrites(w: LetterWorld, lang: BuyerLang, text: string): void {
  const thread = GmailApp.getThreadById(w.threads[lang])!;
  const first = thread.getMessages()[0];
  w.env.mail.deliver({
    from: `${BUYERS[lang].name} <${BUYERS[lang].email}>`,
    to: LINA,
    subject: `Re: ${first.getSubject()}`,
    text,
    inReplyTo: first.getHeader("Message-ID"),
    references: [first.getHeader("Message-ID")],
    date: new Date(NOW.getTime() - 600_000),
  });
  expect(GmailApp.getThreadById(w.threads[lang])!.getMessageCount()).toBe(2);
}

function draftText(id: string): { to: string; body: string; thread: string } {
  const m = GmailApp.getDraft(id).getMessage();
  return { to: m.getTo(), body: m.getPlainBody(), thread: m.getThread().getId() };
}

describe("samples job (R5, R27)", () => {
  let w: LetterWorld;
  beforeEach(() => {
    w = letterWorld();
    registerPicture(w.book, "P-0001", Utilities.newBlob([1, 2], "image/jpeg", "a.jpg"), LINA, NOW);
  });

  it("R27: the electronic sample goes first: catalogue and pictures named by product, in the buyer's thread", () => {
    const r = requestSample(
      w.book,
      { buyerId: BUYER_ID.en, inquiryId: INQUIRY_ID.en, products: ["P-0001"] },
      SENDER,
      NOW,
      EN,
    );
    expect(r.sampleId).toBe("S-000001");
    expect(r.plan.kind).toBe("electronic");
    const d = draftText(r.draftId);
    expect(d.to).toContain(BUYERS.en.email);
    expect(d.thread).toBe(w.threads.en);
    expect(d.body).toContain("https://www.hengda-hardware.cn/catalogue.pdf");
    expect(d.body).toMatch(/Stainless hinge HG-100: https:\/\/drive\.google\.com\//);
    // The library's file names (P-0001-1.jpg) are internal: the buyer never sees them.
    expect(d.body).not.toMatch(/P-0001/);
    const row = loadTable(w.book, Samples, "Asia/Shanghai").byId.get("S-000001")!.record;
    expect(row).toMatchObject({ kind: "electronic", freight: "", products: "P-0001", buyerId: BUYER_ID.en });
    expect(row.feedbackDue?.toISOString()).toBe("2026-11-25T16:00:00.000Z");
  });

  it("R27: the courier account the buyer gave in their mail is used, not asked for", () => {
    buyerWrites(
      w,
      "en",
      "Thanks. Please send one sample by DHL, our DHL account no. 960123456 (freight collect).\nTel: +971 50 123 4567\n\n> On Monday Li Na wrote:\n> Our FedEx account 123456789",
    );
    const r = requestSample(
      w.book,
      { buyerId: BUYER_ID.en, inquiryId: INQUIRY_ID.en, products: ["P-0001"], kind: "physical" },
      SENDER,
      NOW,
      EN,
    );
    expect(r.courierAccount).toEqual({ courier: "DHL", account: "960123456" });
    expect(r.plan).toMatchObject({ freight: "buyer-pays", promising: true, suggestGrade: "A" });
    expect(r.offerEvidence).toContain("DHL 960123456");
    expect(r.text).toContain(
      "The sample is free of charge. We will send it by DHL on your account 960123456 (freight collect) as soon as it is ready.",
    );
    expect(r.text).not.toMatch(/please send us your courier account/i);
    expect(r.warnings).toContain("A buyer who offers to pay the courier is very promising: grade them A?");
    const row = loadTable(w.book, Samples, "UTC").byId.get(r.sampleId)!.record;
    expect(row).toMatchObject({ kind: "physical", freight: "buyer-pays", courier: "DHL 960123456" });
  });

  it.each([
    ["es", "Pueden enviar la muestra con flete por cobrar, gracias.", "Gracias por ofrecerse a cubrir el envío"],
    ["zh-CN", "样品请寄过来，运费我们到付。", "感谢您愿意承担快递费用"],
    ["fr", "Merci d'envoyer l'échantillon en port dû.", "Merci de prendre en charge le transport"],
    ["ru", "Пришлите образец, доставку оплатим сами.", "Спасибо, что готовы оплатить доставку"],
  ] as const)(
    "R27: the freight-collect phrase in %s marks the buyer promising; the reply asks only for the account",
    (lang, says, thanks) => {
      buyerWrites(w, lang, says);
      const r = requestSample(
        w.book,
        { buyerId: BUYER_ID[lang], inquiryId: INQUIRY_ID[lang], products: ["P-0001"], kind: "physical" },
        SENDER,
        NOW,
        EN,
      );
      expect(r.lang).toBe(lang);
      expect(r.plan).toMatchObject({ freight: "buyer-pays", promising: true });
      expect(r.courierAccount).toBeNull();
      expect(r.text).toContain(thanks);
    },
  );

  it("R27: a buyer who says they cannot pay the courier is not marked promising; freight collect is explained", () => {
    buyerWrites(w, "en", "We cannot pay the freight for samples, sorry.");
    const r = requestSample(
      w.book,
      { buyerId: BUYER_ID.en, inquiryId: INQUIRY_ID.en, products: ["P-0001"], kind: "physical" },
      SENDER,
      NOW,
      EN,
    );
    expect(r.plan).toMatchObject({ freight: "collect", promising: false, offerElectronicFirst: true });
    expect(r.text).toContain("the courier is freight collect. Please send us your courier account number");
    expect(r.warnings).toContain("Send the electronic sample first: it is instant and free.");
  });

  it("R27: a large sample carries the T/T notice with the amount and the bank details from Settings", () => {
    const r = requestSample(
      w.book,
      { buyerId: BUYER_ID.fr, inquiryId: INQUIRY_ID.fr, products: ["P-0001"], kind: "physical", cost: "350" },
      SENDER,
      NOW,
      EN,
    );
    expect(r.plan).toMatchObject({ freight: "tt-prepayment", prepaymentRequired: true });
    expect(r.lang).toBe("fr");
    expect(r.text).toContain("nous vous remercions de régler 350,00 USD d'avance par virement (T/T)");
    for (const value of Object.values(BANK)) expect(r.text).toContain(value);
    expect(r.text).toContain("Référence du virement : SAMPLE QUINCAILLERIE DURAND SARL");
  });

  it("R27: without bank details a T/T notice is refused, naming the Settings keys, in the reader's language", () => {
    setSettings(w, { "bank.account": "", "bank.swift": "" });
    const input = { buyerId: BUYER_ID.en, products: ["P-0001"], kind: "physical" as const, cost: "350" };
    expect(() => requestSample(w.book, input, SENDER, NOW, EN)).toThrow(
      "A large sample is paid first by T/T, and the notice needs the bank details: fill Settings bank.account, bank.swift.",
    );
    expect(() => requestSample(w.book, input, SENDER, NOW, { lang: "zh-CN" })).toThrow(
      "大件样品需先 T/T 付款，通知中必须写明银行信息：请填写设置表 bank.account, bank.swift。",
    );
    expect(loadTable(w.book, Samples, "UTC").rows).toEqual([]);
  });

  it("R27: delivery sets the feedback date a few days later; the result shows in the buyer's history", () => {
    const r = requestSample(w.book, { buyerId: BUYER_ID.en, products: ["P-0001"], kind: "physical" }, SENDER, NOW, EN);
    updateSample(w.book, { sampleId: r.sampleId, courier: "DHL", tracking: "123", sent: NOW }, LINA, NOW);
    updateSample(w.book, { sampleId: r.sampleId, delivered: new Date("2026-11-27T06:00:00Z") }, LINA, NOW);
    updateSample(w.book, { sampleId: r.sampleId, result: "Quality approved; trial order expected" }, LINA, NOW);
    const [s] = samplesOfBuyer(w.book, BUYER_ID.en, "Asia/Shanghai");
    expect(s).toMatchObject({ courier: "DHL", tracking: "123", result: "Quality approved; trial order expected" });
    expect(s.feedbackDue).toBe("2026-11-29T16:00:00.000Z");
  });

  it("refuses unknown buyers, products and bad costs, in the reader's language", () => {
    expect(() => requestSample(w.book, { buyerId: "B-9", products: ["P-0001"] }, SENDER, NOW, EN)).toThrow(
      "Buyer B-9 was not found.",
    );
    expect(() => requestSample(w.book, { buyerId: BUYER_ID.en, products: ["P-0404"] }, SENDER, NOW, EN)).toThrow(
      "Product P-0404 was not found.",
    );
    expect(() =>
      requestSample(
        w.book,
        { buyerId: BUYER_ID.en, products: ["P-0001"], kind: "physical", cost: "1,5" },
        SENDER,
        NOW,
        EN,
      ),
    ).toThrow(/^The sample cost is not an amount/);
  });
});
