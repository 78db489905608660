import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../src/domain/money";
import { buyerOffersCourier, findCourierAccounts, readSampleMail } from "../../src/domain/sample-mail";
import { type BankDetails, missingBankDetails, paymentReference, sampleTerms } from "../../src/domain/sample-terms";
import { planSample } from "../../src/domain/samples";

describe("a courier account the buyer gave is found (R27)", () => {
  it.each([
    ["Please send 2 pcs. Our DHL account: 96-0123-456, freight collect.", "DHL", "960123456"],
    ["Kindly ship by FedEx, acct# 123456789. Thanks!", "FedEx", "123456789"],
    ["Our UPS account number is 4x21a7, please use it.", "UPS", "4X21A7"],
    ["TNT account 7654321", "TNT", "7654321"],
    ["您好，样品请用DHL寄，到付账号：961234567，谢谢", "DHL", "961234567"],
    ["Hola, usen nuestra cuenta FedEx 123 456 789 para la muestra.", "FedEx", "123456789"],
    ["Bonjour, notre numéro de compte DHL est le 962345678.", "DHL", "962345678"],
    ["Olá! Nossa conta DHL: 963456789. Obrigado.", "DHL", "963456789"],
    ["Здравствуйте! Наш счёт DHL 964567890, отправьте образец.", "DHL", "964567890"],
    ["رقم حساب DHL الخاص بنا 965678901 نرجو استخدامه", "DHL", "965678901"],
    [
      "Sehr geehrte Damen und Herren, bitte senden Sie das Muster mit unserem DHL account 966789012.",
      "DHL",
      "966789012",
    ],
  ])("R27: %j", (mail, courier, account) => {
    expect(findCourierAccounts(mail)).toEqual([{ courier, account }]);
  });

  it("R27: tracking numbers, phone numbers, prices and our own quoted mail are not accounts", () => {
    expect(findCourierAccounts("DHL tracking 1234567890 for your account manager")).toEqual([]);
    expect(findCourierAccounts("Call me on +971 50 123 4567 about the DHL account")).toEqual([]);
    expect(findCourierAccounts("The DHL account price is 123456.50 USD")).toEqual([]);
    expect(findCourierAccounts("Our account 960123456 at the bank")).toEqual([]);
    const quoted =
      "Thanks, we will think about it.\n\nOn Tue, Li Na <lina@hengda.cn> wrote:\n> Please send your DHL account, e.g. 960000000";
    expect(findCourierAccounts(quoted)).toEqual([]);
    // A DHL account number has nine digits; "12345" is not one.
    expect(findCourierAccounts("DHL account 12345")).toEqual([]);
  });

  it("R27: two accounts are kept in the buyer's order; the first is the one used", () => {
    const facts = readSampleMail("Use our DHL account 960123456, or FedEx account 123456789 if DHL is slow.");
    expect(facts.accounts.map((a) => a.courier)).toEqual(["DHL", "FedEx"]);
    expect(facts.account).toEqual({ courier: "DHL", account: "960123456" });
  });
});

describe("a buyer offering to pay the courier is recognised in their language (R27)", () => {
  it.each([
    ["en", "Please send the sample freight collect."],
    ["en", "No problem, we pay the freight."],
    ["en", "We will cover the courier cost, just send it."],
    ["zh", "请寄样品，运费我们到付。"],
    ["zh", "样品快递到付就可以。"],
    ["zh", "我们承担运费。"],
    ["es", "Envíen la muestra con flete por cobrar."],
    ["es", "Nosotros pagamos el envío."],
    ["pt", "Pode mandar com frete a cobrar."],
    ["pt", "Pagamos o frete, sem problema."],
    ["fr", "Merci d'expédier en port dû."],
    ["fr", "Nous prenons en charge le transport."],
    ["ru", "Отправьте, пожалуйста, оплата получателем."],
    ["ru", "Доставку оплатим сами."],
    ["ar", "الشحن على حسابنا، أرسلوا العينة."],
    ["ar", "سندفع تكلفة الشحن."],
  ])("R27: %s %j", (_lang, mail) => {
    expect(buyerOffersCourier(mail).offers).toBe(true);
  });

  it.each([
    "We cannot pay the freight for samples.",
    "Sorry, we don't pay freight collect for samples.",
    "我们不能运费到付，请寄顺丰包邮。",
    "No podemos pagar flete por cobrar.",
    "Não podemos aceitar frete a cobrar.",
    "Nous ne pouvons pas payer en port dû.",
    "Мы не оплатим доставку.",
    "لا نستطيع أن ندفع تكلفة الشحن.",
    "Please send a sample of HG-100 to our office in Hanoi.",
    "Xin vui lòng gửi mẫu, cảm ơn.",
    "샘플 보내주세요.",
  ])("R27: no offer in %j", (mail) => {
    expect(buyerOffersCourier(mail).offers).toBe(false);
  });

  it("R27: our own 'freight collect' quoted below the reply is not the buyer's offer", () => {
    const reply = "OK, noted.\n\n-----Original Message-----\nFrom: Li Na\nThe sample is free; freight collect.";
    expect(buyerOffersCourier(reply).offers).toBe(false);
    const zh = "好的\n\n在 2026年11月20日，Li Na 写道：\n> 样品免费，运费到付";
    expect(buyerOffersCourier(zh).offers).toBe(false);
  });

  it("R27: giving an account is itself the offer, and it is the evidence shown", () => {
    const facts = readSampleMail("Send it with TNT, account 1234567.");
    expect(facts.offers).toBe(true);
    expect(facts.evidence).toContain("TNT 1234567");
  });
});

describe("sample terms: the account used, the T/T notice with amount and bank details (R27)", () => {
  const policy = { largeCost: parseDecimal("200"), currency: "USD", feedbackDays: 3 };
  const bank: BankDetails = {
    beneficiary: "Ningbo Hengda Hardware Co., Ltd.",
    bankName: "Bank of China, Ningbo Branch",
    account: "3581 0000 1234 5678",
    swift: "BKCHCNBJ92A",
  };
  const plan = (cost: string, offers = false) =>
    planSample(
      { kind: "physical", buyerOffersCourier: offers, cost: parseDecimal(cost), electronicAlreadySent: true },
      policy,
    );

  it("R27: with an account the reply ships on it and does not ask for it", () => {
    const t = sampleTerms({
      plan: plan("30", true),
      cost: parseDecimal("30"),
      currency: "USD",
      account: { courier: "DHL", account: "960123456" },
      buyerCompany: "Gulf Hardware LLC",
      lang: "en",
    });
    expect(t).toEqual({
      ok: true,
      usedAccount: true,
      text: "The sample is free of charge. We will send it by DHL on your account 960123456 (freight collect) as soon as it is ready.",
    });
  });

  it("R27: without an account the reply asks for one (thanking a buyer who offered)", () => {
    const ask = sampleTerms({ plan: plan("30"), cost: null, currency: "USD", buyerCompany: "", lang: "fr" });
    expect(ask.ok && ask.text).toMatch(/port dû\. Merci de nous communiquer votre numéro de compte/);
    const thanks = sampleTerms({ plan: plan("30", true), cost: null, currency: "USD", buyerCompany: "", lang: "ru" });
    expect(thanks.ok && thanks.text).toMatch(/Спасибо, что готовы оплатить доставку/);
  });

  it("R27: a large sample's T/T notice carries the amount in the buyer's format and every bank detail", () => {
    const t = sampleTerms({
      plan: plan("350"),
      cost: parseDecimal("350"),
      currency: "EUR",
      bank,
      buyerCompany: "Quincaillerie Durand SARL",
      lang: "fr",
    });
    if (!t.ok) throw new Error(t.message);
    expect(t.text).toContain("350,00 EUR d'avance par virement (T/T)");
    for (const v of [bank.beneficiary, bank.bankName, bank.account, bank.swift]) expect(t.text).toContain(v);
    expect(t.text).toContain("Référence du virement : SAMPLE QUINCAILLERIE DURAND SARL");
  });

  it("R27: a T/T notice without bank details is refused, naming the Settings keys", () => {
    const t = sampleTerms({
      plan: plan("350"),
      cost: parseDecimal("350"),
      currency: "USD",
      bank: { ...bank, swift: " ", account: "" },
      buyerCompany: "",
      lang: "en",
    });
    expect(t).toEqual({
      ok: false,
      missing: ["bank.account", "bank.swift"],
      message: expect.stringContaining("bank.account, bank.swift"),
    });
    expect(missingBankDetails(undefined)).toEqual(["bank.beneficiary", "bank.name", "bank.account", "bank.swift"]);
  });

  it("R27: the payment reference is Latin letters a bank will carry", () => {
    expect(paymentReference("Ferretería Andina S.A.C.")).toBe("SAMPLE FERRETERIA ANDINA S.A.C.");
    expect(paymentReference("مؤسسة الرياض للأدوات", "khalid@riyadhtools.sa")).toBe("SAMPLE RIYADHTOOLS.SA");
    expect(paymentReference("ООО «СтройКомплект»", "i.petrov@stroykomplekt.ru")).toBe("SAMPLE STROYKOMPLEKT.RU");
  });
});
