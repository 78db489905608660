import { afterEach, describe, expect, it } from "vitest";
import { gmailToken, importedLabelId, labelMessages, listThreadIds, readThreads } from "../../src/gas/gmail-api";
import { apiMessageFacts, base64UrlToBytes, htmlToPlain, plainBodyOf, utf8 } from "../../src/gas/gmail-message";
import { INTAKE_HEADERS } from "../../src/gas/mail";
import { installGas } from "../support/gas";

/**
 * The pull's Gmail reader (C2): a thread read through the Gmail API (REST threads.get, many sent at once by
 * UrlFetchApp.fetchAll) gives the facts GmailApp gave,
 * field for field, in ONE call; Sent comes from the message's labels, never from its From header.
 */
const ANN = "ann@acme-tools.cn";
const BOB = "bob@acme-tools.cn";

function eml(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}`;
}

function world() {
  const w = installGas({ owner: ANN });
  const as = <T>(fn: () => T) => w.env.ctx.runAs(ANN, fn);
  return { ...w, as };
}

/** What GmailApp says of the message with this Gmail id (read quietly: the reference, not the subject). */
function viaGmailApp(w: ReturnType<typeof world>, id: string) {
  return w.env.ctx.meter.quietly(() =>
    w.as(() => {
      const m = GmailApp.getMessageById(id);
      return {
        subject: m.getSubject(),
        from: m.getFrom(),
        date: m.getDate().getTime(),
        plainBody: m.getPlainBody(),
        headers: Object.fromEntries(INTAKE_HEADERS.map((h) => [h, m.getHeader(h) ?? ""])),
        attachmentNames: m.getAttachments().map((a) => a.getName()),
      };
    }),
  );
}

/** One thread's messages, read as the pull reads them (a fetchAll of one Gmail REST threads.get). */
function readOne(threadId: string) {
  const [read] = readThreads([threadId], ANN, gmailToken());
  if (read.gone) throw new Error(`thread ${threadId} is gone`);
  return read.messages;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, "Gmail");
});

describe("reading a thread through the Gmail API (C2)", () => {
  it("C2: Chinese, Russian and Arabic mail — plain, multipart/alternative, HTML-only, attachments — read as GmailApp reads it", async () => {
    const w = world();
    await w.env.mail.deliverRaw(
      eml(
        {
          From: "=?UTF-8?B?546L5bCP5piO?= <wang@jiangsu-trade.cn>",
          To: ANN,
          Cc: "Bob <bob@acme-tools.cn>",
          Subject: "=?UTF-8?B?6K+i5Lu377ya5Y+R5YWJ5LqM5p6B566hIDUwMDAg5Liq?=",
          Date: "Mon, 23 Nov 2026 09:15:00 +0800",
          "Message-ID": "<cn-1@jiangsu-trade.cn>",
          "Reply-To": "purchase@jiangsu-trade.cn",
          "Content-Type": "text/plain; charset=UTF-8",
          "Content-Transfer-Encoding": "base64",
        },
        Buffer.from("您好，\n请报价 5000 个发光二极管，FOB 宁波。\n谢谢！\n王小明", "utf8").toString("base64"),
      ),
    );
    w.env.mail.deliver({
      from: "Ivan Petrov <ivan@stroy-opt.ru>",
      to: ANN,
      subject: "Запрос цены: светодиодные панели",
      text: "Добрый день!\nПросим выслать цену на 300 шт. панелей 600x600.\nС уважением, Иван",
      html: "<p>Добрый день!</p><p>Просим выслать цену на 300 шт. панелей 600x600.</p><p>С уважением, Иван</p>",
      attachments: [{ name: "ТЗ панели.pdf", contentType: "application/pdf", bytes: "%PDF-1.4 spec" }],
      messageId: "<ru-1@stroy-opt.ru>",
      date: new Date("2026-11-23T00:20:00Z"),
    });
    w.env.mail.deliver({
      from: "شركة النور <sales@alnoor-trading.ae>",
      to: ANN,
      subject: "طلب عرض سعر",
      html: "<html><head><style>p{color:red}</style></head><body><div>السلام عليكم،</div><div>نرجو إرسال عرض سعر لـ 200 لوحة LED &amp; المحولات.</div><br>مع التحية</body></html>",
      headers: { "List-Unsubscribe": "<mailto:unsub@alnoor-trading.ae>" },
      messageId: "<ar-1@alnoor-trading.ae>",
      date: new Date("2026-11-23T00:30:00Z"),
    });
    const ids = w.as(() => listThreadIds("in:inbox"));
    expect(ids).toHaveLength(3);
    for (const threadId of ids) {
      const before = w.env.ctx.meter.callsOf("Gmail");
      const [read] = w.as(() => readOne(threadId));
      expect(w.env.ctx.meter.callsOf("Gmail") - before).toBe(1);
      const app = viaGmailApp(w, read.facts.messageId);
      expect(read.facts.threadId).toBe(threadId);
      expect(read.facts.subject).toBe(app.subject);
      expect(read.facts.date.getTime()).toBe(app.date);
      expect(read.facts.plainBody).toBe(app.plainBody);
      expect({ ...read.facts.headers }).toEqual(app.headers);
      expect(read.facts.attachmentNames).toEqual(app.attachmentNames);
      expect(read.facts.from?.address).toBe(/<([^>]+)>/.exec(app.from)?.[1].toLowerCase());
      expect(read.sent).toBe(false);
    }
    const facts = ids.map((id) => w.as(() => readOne(id))[0].facts);
    const chinese = facts.find((f) => f.from?.address === "wang@jiangsu-trade.cn")!;
    expect(chinese.plainBody).toContain("请报价 5000 个发光二极管");
    expect(chinese.from?.name).toBe("王小明");
    expect(chinese.replyTo).toBe("purchase@jiangsu-trade.cn");
    expect(chinese.rfcMessageId).toBe("cn-1@jiangsu-trade.cn");
    expect(chinese.cc).toEqual([BOB]);
    const russian = facts.find((f) => f.from?.address === "ivan@stroy-opt.ru")!;
    expect(russian.plainBody).toBe("Добрый день!\nПросим выслать цену на 300 шт. панелей 600x600.\nС уважением, Иван");
    expect(russian.attachmentNames).toEqual(["ТЗ панели.pdf"]);
    const arabic = facts.find((f) => f.from?.address === "sales@alnoor-trading.ae")!;
    expect(arabic.plainBody).toContain("نرجو إرسال عرض سعر لـ 200 لوحة LED & المحولات.");
    expect(arabic.plainBody).not.toMatch(/[<>]|color:red/);
    expect(arabic.headers["list-unsubscribe"]).toBe("<mailto:unsub@alnoor-trading.ae>");
  });

  it("R7: our reply carries Sent; a colleague's forged From in the inbox does not", () => {
    const w = world();
    const ask = w.env.mail.deliver({
      from: "Hans Müller <hans@bau-licht.de>",
      to: ANN,
      subject: "Anfrage: LED-Panels",
      text: "Guten Tag, bitte um ein Angebot für 400 Stück.",
      messageId: "<de-1@bau-licht.de>",
    });
    const threadId = ask.copies.find((c) => c.owner === ANN)!.threadId;
    w.env.ctx.clock.set("2026-11-23T02:00:00Z");
    w.env.mail.deliver({
      from: ANN,
      to: "hans@bau-licht.de",
      subject: "Re: Anfrage: LED-Panels",
      text: "Sehr geehrter Herr Müller, unser Preis: USD 9,20/Stück.",
      inReplyTo: "<de-1@bau-licht.de>",
      references: "<de-1@bau-licht.de>",
    });
    // Someone outside writes as Bob into Ann's inbox: Gmail has it as received, not sent by this mailbox.
    w.env.mail.deliver(
      { from: `Bob Wang <${BOB}>`, to: ANN, subject: "Urgent: change bank details", text: "Pay to account 123." },
      { mailboxes: [ANN] },
    );
    // A quote saved as a draft in the thread: neither sent nor labelled later.
    w.as(() => GmailApp.getThreadById(threadId).createDraftReply("Entwurf: Angebot folgt."));
    const replied = w.as(() => readOne(threadId));
    expect(replied.map((m) => m.sent)).toEqual([false, true, false]);
    expect(replied.map((m) => m.draft)).toEqual([false, false, true]);
    expect(replied[1].facts.from?.address).toBe(ANN);
    const forgedId = w.as(() => listThreadIds("subject:bank")).at(0)!;
    const [forged] = w.as(() => readOne(forgedId));
    expect(forged.facts.from?.address).toBe(BOB);
    expect(forged.sent).toBe(false);
  });

  it("C2: the imported label is found or made once and put on up to 1,000 messages a call", () => {
    const w = world();
    for (let i = 0; i < 3; i += 1) {
      w.env.mail.deliver({
        from: `buyer${i}@firm${i}.com.br`,
        to: ANN,
        subject: `Cotação ${i}`,
        text: "Bom dia, preço?",
      });
    }
    const ids = w.as(() => listThreadIds("in:inbox"));
    const messageIds = ids.flatMap((id) => w.as(() => readOne(id)).map((m) => m.facts.messageId));
    const first = w.as(() => importedLabelId());
    expect(w.as(() => importedLabelId())).toBe(first);
    expect(w.env.ctx.meter.methodCalls("Gmail.Users.Labels.create")).toBe(1);
    expect(w.as(() => labelMessages(first, messageIds))).toBe(1);
    expect(
      w.as(() =>
        labelMessages(
          first,
          Array.from({ length: 2001 }, () => messageIds[0]),
        ),
      ),
    ).toBe(3);
    expect(w.as(() => listThreadIds("in:inbox -label:Buyerbook/Imported"))).toEqual([]);
  });

  it("C2: 23 threads in one fetchAll — in the order asked, one Gmail call each, 3 rounds of parallel reads; a deleted one is gone, a 429 throws", () => {
    const w = world();
    const langs = [
      ["王经理 <wang@ningbo-led.cn>", "询价 LED 灯管", "请报价 T8 灯管 1000 支"],
      ["Сергей <sergey@svet.ru>", "Запрос", "Нужна цена на 200 светильников"],
      ["أحمد <ahmed@noor.sa>", "استفسار", "نرجو عرض سعر لـ 50 كشاف"],
    ];
    for (let i = 0; i < 23; i += 1) {
      const [from, subject, text] = langs[i % 3];
      w.env.mail.deliver({
        from,
        to: ANN,
        subject: `${subject} #${i}`,
        text,
        date: new Date(Date.UTC(2026, 10, 1, 0, i)),
      });
    }
    const ids = w.as(() => listThreadIds("in:inbox"));
    expect(ids).toHaveLength(23);
    const box = w.env.mail.mailbox(ANN);
    for (const m of [...(box.threads.get(ids[7])?.messages ?? [])]) box.remove(m);
    w.env.ctx.meter.reset();
    const reads = w.as(() => readThreads(ids, ANN, gmailToken()));
    expect(reads.map((r) => r.id)).toEqual(ids);
    expect(reads.filter((r) => r.gone).map((r) => r.id)).toEqual([ids[7]]);
    const subjects = reads.flatMap((r) => (r.gone ? [] : r.messages.map((m) => m.facts.subject)));
    expect(subjects).toHaveLength(22);
    expect(subjects.filter((x) => x.startsWith("Запрос")).length).toBeGreaterThan(6);
    expect(w.env.ctx.meter.callsOf("Gmail")).toBe(23);
    expect(w.env.ctx.meter.callsOf("UrlFetch.round")).toBe(3);

    w.env.UrlFetchApp.failRequests(ids[3], 429);
    expect(() => w.as(() => readThreads(ids, ANN, gmailToken()))).toThrow(/^Gmail answered 429 to a thread read: /);
    expect(w.as(() => readThreads([], ANN, ""))).toEqual([]);
  });

  it("fails clearly when the Gmail advanced service is not enabled", () => {
    const w = world();
    Reflect.deleteProperty(globalThis, "Gmail");
    expect(() => w.as(() => listThreadIds("in:inbox"))).toThrow(/Gmail advanced service is not enabled/);
  });
});

describe("message bodies as the Gmail API sends them", () => {
  const message = (payload: GoogleAppsScript.Gmail.Schema.MessagePart) => ({
    id: "18c0000000000001",
    threadId: "18c0000000000001",
    labelIds: ["INBOX"],
    internalDate: "1795400000000",
    payload,
  });

  it("C2: a GBK body is decoded in its own charset (the API sends the part's bytes, not UTF-8)", () => {
    installGas({ owner: ANN });
    // "您好，请报价" in GBK.
    const gbk = [0xc4, 0xfa, 0xba, 0xc3, 0xa3, 0xac, 0xc7, 0xeb, 0xb1, 0xa8, 0xbc, 0xdb];
    const data = Buffer.from(gbk).toString("base64url");
    const facts = apiMessageFacts(
      message({
        mimeType: "text/plain",
        headers: [
          { name: "Subject", value: "询价" },
          { name: "Content-Type", value: 'text/plain; charset="GBK"' },
        ],
        body: { size: gbk.length, data },
      }),
      ANN,
    );
    expect(facts.plainBody).toBe("您好，请报价");
    expect(facts.date.toISOString()).toBe(new Date(1795400000000).toISOString());
  });

  it("base64url with or without padding, Latin-1, a byte array, emoji, and broken UTF-8 as U+FFFD", () => {
    expect(utf8(base64UrlToBytes(Buffer.from("Xin chào 👋 — giá?", "utf8").toString("base64url")))).toBe(
      "Xin chào 👋 — giá?",
    );
    expect(utf8(base64UrlToBytes(Buffer.from("안녕하세요", "utf8").toString("base64")))).toBe("안녕하세요");
    expect(utf8([0x41, 0xe4, 0xbd, 0x42, 0xc0, 0xaf])).toBe("A\ufffdB\ufffd\ufffd");
    const latin = plainBodyOf({
      mimeType: "text/plain",
      headers: [{ name: "Content-Type", value: "text/plain; charset=ISO-8859-1" }],
      body: { data: Buffer.from([0x44, 0xe9, 0x6a, 0xe0, 0x20, 0x76, 0x75]).toString("base64url") },
    });
    expect(latin).toBe("Déjà vu");
    const bytes = plainBodyOf({
      mimeType: "text/plain",
      body: { data: [...Buffer.from("Olá", "utf8")] as unknown as string },
    });
    expect(bytes).toBe("Olá");
  });

  it("the first text/plain part is the body; an attached .txt is not; without text/plain the HTML made plain", () => {
    const attachedText = {
      mimeType: "text/plain",
      filename: "notes.txt",
      body: { data: Buffer.from("not the body").toString("base64url") },
    };
    const html = {
      mimeType: "text/html",
      body: { data: Buffer.from("<p>Bonjour,</p><p>prix&nbsp;?</p>").toString("base64url") },
    };
    expect(plainBodyOf({ mimeType: "multipart/mixed", parts: [html, attachedText] })).toBe("Bonjour,\n\nprix ?");
    expect(htmlToPlain("<ul><li>A</li><li>B</li></ul>&#x4E2D;&#25991;")).toBe("A\n\nB\n\n中文");
  });
});
