import { describe, expect, it } from "vitest";
import {
  cleanSubject,
  extractQuantity,
  guessLanguage,
  htmlToText,
  isReplySubject,
  parseAddress,
  parseAddressList,
  summarize,
  truncateAtWord,
} from "../../src/domain/text";

describe("parseAddress", () => {
  it.each([
    ["John Smith <John.Smith@Acme.DE>", "John Smith", "john.smith@acme.de"],
    ['"Smith, John" <js@acme.de>', "Smith, John", "js@acme.de"],
    ["js@acme.de (John Smith)", "John Smith", "js@acme.de"],
    ["js@acme.de", "", "js@acme.de"],
    ["<js@acme.de>", "", "js@acme.de"],
    ["李明 <liming@163.com>", "李明", "liming@163.com"],
  ])("%s", (raw, name, address) => {
    expect(parseAddress(raw)).toEqual({ name, address });
  });

  it("returns undefined when there is no address", () => {
    expect(parseAddress("")).toBeUndefined();
    expect(parseAddress("undisclosed-recipients:;")).toBeUndefined();
    expect(parseAddress("John <not an address>")).toBeUndefined();
    expect(parseAddress(undefined)).toBeUndefined();
  });

  it("splits address lists on commas outside quotes", () => {
    const list = parseAddressList('"Smith, John" <js@acme.de>, ann@b.com; Bob <bob@c.org>');
    expect(list.map((a) => a.address)).toEqual(["js@acme.de", "ann@b.com", "bob@c.org"]);
  });
});

describe("cleanSubject", () => {
  it.each([
    ["Re: Fwd: RE: Price for LED lights", "Price for LED lights"],
    ["回复: 回复：询价", "询价"],
    ["AW: WG: Angebot", "Angebot"],
    ["RE[2]: Quote", "Quote"],
    ["Ответ: цена", "цена"],
    ["  Price   list ", "Price list"],
    ["Re-order of valves", "Re-order of valves"],
  ])("%s -> %s", (raw, clean) => {
    expect(cleanSubject(raw)).toBe(clean);
  });

  it("knows reply subjects from forwards and fresh ones", () => {
    expect(isReplySubject("Re: quote")).toBe(true);
    expect(isReplySubject("回复: 报价")).toBe(true);
    expect(isReplySubject("Fwd: quote")).toBe(false);
    expect(isReplySubject("Request for quote")).toBe(false);
  });
});

describe("summarize", () => {
  it("cuts Gmail-style quoted history and the signature", () => {
    const body = [
      "Hello,",
      "",
      "Please quote 500 pcs of model X-100.",
      "",
      "-- ",
      "John Smith | Purchasing",
      "",
      "On Mon, 3 Jun 2024 at 10:00, Ann <ann@ourco.com> wrote:",
      "> Dear John, here is our catalogue",
    ].join("\n");
    expect(summarize(body)).toBe("Hello, Please quote 500 pcs of model X-100.");
  });

  it("cuts a wrapped 'On … wrote:' header and Outlook's Original Message block", () => {
    expect(summarize("Thanks, OK.\nOn Mon, 3 Jun 2024 at 10:00, Ann Lee\n<ann@ourco.com> wrote:\n> old")).toBe(
      "Thanks, OK.",
    );
    expect(summarize("Agreed.\n-----Original Message-----\nFrom: Ann\nSent: Monday\nold text")).toBe("Agreed.");
    expect(summarize("同意。\n\n在 2024年6月3日 10:00，Ann 写道：\n旧内容")).toBe("同意。");
    expect(summarize("OK\n\nFrom: Ann Lee <ann@ourco.com>\nSent: Monday, June 3, 2024\nTo: x\n\nold")).toBe("OK");
  });

  it("keeps a 'From:' line that is not a quoted header block", () => {
    expect(summarize("From: our side we need CE marks.\nThanks")).toBe("From: our side we need CE marks. Thanks");
  });

  it("collapses whitespace and shortens at a word boundary", () => {
    const long = "word ".repeat(300);
    const short = summarize(long, 50);
    expect(short.length).toBeLessThanOrEqual(50);
    expect(short.endsWith("…")).toBe(true);
    expect(short).not.toMatch(/\s{2}/);
    expect(truncateAtWord("abc", 10)).toBe("abc");
  });

  it("handles a 60,000-character body quickly", () => {
    const t0 = performance.now();
    const s = summarize("x".repeat(60_000));
    expect(s.length).toBeLessThanOrEqual(500);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe("guessLanguage", () => {
  it.each([
    ["Hello, we are interested in your products. Please send the price list for 500 pcs.", "en"],
    ["Hola, estamos interesados en sus productos. Necesitamos una cotización por favor, gracias.", "es"],
    ["Bonjour, nous sommes intéressés par vos produits. Merci de nous envoyer votre prix.", "fr"],
    ["Sehr geehrte Damen und Herren, bitte senden Sie uns ein Angebot für die Pumpen. Danke", "de"],
    ["Olá, gostaríamos de receber uma cotação para os produtos. Obrigado", "pt"],
    ["Здравствуйте! Нас интересует ваша продукция, пришлите, пожалуйста, прайс-лист.", "ru"],
    ["مرحبا، نحن مهتمون بمنتجاتكم. يرجى إرسال قائمة الأسعار.", "ar"],
    ["您好，我们对贵公司的产品很感兴趣，请发送报价单。", "zh"],
    ["こんにちは。製品の見積もりをお願いします。", "ja"],
    ["안녕하세요. 견적서를 보내주세요.", "ko"],
  ])("%s -> %s", (text, lang) => {
    expect(guessLanguage(text)).toBe(lang);
  });

  it("says und when unsure", () => {
    expect(guessLanguage("")).toBe("und");
    expect(guessLanguage("OK 123")).toBe("und");
    expect(guessLanguage("🙂🙂🙂")).toBe("und");
  });

  it("is decided by script even with Latin model numbers mixed in", () => {
    expect(guessLanguage("请报价 LED-FL100W 型号，数量 500 pcs，谢谢")).toBe("zh");
  });
});

describe("extractQuantity", () => {
  it.each([
    ["We need 500 pcs of model A", 500, "pcs"],
    ["Quantity: 2,000 units", 2000, "units"],
    ["数量: 500", 500, ""],
    ["数量：3000件", 3000, "pcs"],
    ["please quote 1x40HQ", 1, "40HQ"],
    ["two 40ft containers per month", 2, "40FT"],
    ["around 5k pieces", 5000, "pcs"],
    ["Qty 1.500 sets", 1500, "sets"],
    ["10 tons of resin", 10, "t"],
    ["Cantidad: 200 unidades", 200, "units"],
  ])("%s", (text, amount, unit) => {
    const q = extractQuantity(text);
    expect(q?.amount).toBe(amount);
    expect(q?.unit).toBe(unit);
  });

  it("finds nothing in text without a quantity", () => {
    expect(extractQuantity("Please send your catalogue")).toBeUndefined();
    expect(extractQuantity("Call +1 (555) 0100")).toBeUndefined();
  });
});

describe("htmlToText", () => {
  it("keeps table rows on one line and decodes entities", () => {
    const html =
      "<html><head><style>p{}</style></head><body><table><tr><td>Name:</td><td>Ann &amp; Co</td></tr>" +
      "<tr><td>Country:</td><td>Spain</td></tr></table><p>Hi&nbsp;there&#33;</p></body></html>";
    expect(htmlToText(html)).toBe("Name: Ann & Co\nCountry: Spain\nHi there!");
  });
});
