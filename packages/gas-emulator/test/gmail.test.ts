import { describe, expect, it } from "vitest";
import { EmulatedGmailApp, GasContext, MailWorld, type StructuredMail } from "../src/index";

/**
 * Contract for GmailApp reading mail: threading, inbox vs sent, search, labels, message getters.
 * Reference: developers.google.com/apps-script/reference/gmail/gmail-app (and gmail-thread, gmail-message,
 * gmail-label). Search syntax: support.google.com/mail/answer/7190.
 *
 * Setup (putting mail into mailboxes) is not Apps Script API, so the factory exposes it separately; the
 * assertions use GmailApp only, so the suite could run against real Gmail with the same mail seeded.
 */
const ME = "shop@shop.test";
const CUSTOMER = "li.wei@client.example";

interface GmailWorld {
  GmailApp: GoogleAppsScript.Gmail.GmailApp;
  /** Raw RFC 822 mail (async: mailparser). */
  deliverRaw(raw: string | Buffer): Promise<void>;
  deliver(mail: StructuredMail): void;
  runAs<T>(user: string, fn: () => T): T;
  calls(type: string): number;
  units(type: string): number;
  failEvery(match: string, message?: string): void;
  quietly<T>(fn: () => T): T;
}

function makeEmulator(): GmailWorld {
  const ctx = new GasContext({ now: "2026-03-10T08:00:00Z", user: ME });
  const world = new MailWorld({ now: () => ctx.clock.now() });
  const gmail = new EmulatedGmailApp(ctx, world);
  return {
    GmailApp: gmail as unknown as GoogleAppsScript.Gmail.GmailApp,
    deliverRaw: async (raw) => {
      await world.deliverRaw(raw);
    },
    deliver: (mail) => {
      world.deliver(mail);
    },
    runAs: (user, fn) => ctx.runAs(user, fn),
    calls: (type) => ctx.meter.callsOf(type),
    units: (type) => ctx.meter.summary().find((r) => r.type === type)?.units ?? 0,
    failEvery: (match, message) => ctx.meter.failEvery(match, message),
    quietly: (fn) => ctx.meter.quietly(fn),
  };
}

function eml(lines: Record<string, string>, body: string): string {
  return `${Object.entries(lines)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}`;
}

const REQUEST = eml(
  {
    From: `"Li Wei" <${CUSTOMER}>`,
    To: ME,
    Subject: "Request: 20ft container of ceramic tiles",
    Date: "Mon, 02 Mar 2026 09:00:00 +0800",
    "Message-ID": "<enq-1@client.example>",
  },
  "Hello, please quote FOB Foshan for 600x600 tiles.",
);
const MY_ANSWER = eml(
  {
    From: `Shop <${ME}>`,
    To: CUSTOMER,
    Subject: "Re: Request: 20ft container of ceramic tiles",
    Date: "Mon, 02 Mar 2026 11:00:00 +0800",
    "Message-ID": "<ans-1@shop.test>",
    "In-Reply-To": "<enq-1@client.example>",
    References: "<enq-1@client.example>",
  },
  "Dear Li Wei, USD 4.20/sqm FOB.",
);
const CUSTOMER_AGAIN = eml(
  {
    From: `"Li Wei" <${CUSTOMER}>`,
    To: ME,
    Subject: "回复: Re: Request: 20ft container of ceramic tiles",
    Date: "Tue, 03 Mar 2026 10:00:00 +0800",
    "Message-ID": "<enq-2@client.example>",
    "In-Reply-To": "<ans-1@shop.test>",
    References: "<enq-1@client.example> <ans-1@shop.test>",
  },
  "OK, send proforma invoice.",
);

async function seedConversation(w: GmailWorld): Promise<void> {
  await w.deliverRaw(REQUEST);
  await w.deliverRaw(MY_ANSWER);
  await w.deliverRaw(CUSTOMER_AGAIN);
}

describe.each([["emulator", makeEmulator]])("GmailApp reading contract (%s)", (_name, make) => {
  // gmail-thread#getMessages(): a conversation groups replies (References + same normalized subject).
  it("threads replies by In-Reply-To/References when the normalized subject matches (Re:, 回复:)", async () => {
    const w = make();
    await seedConversation(w);
    const threads = w.GmailApp.search("tiles");
    expect(threads).toHaveLength(1);
    expect(threads[0].getMessageCount()).toBe(3);
    expect(threads[0].getFirstMessageSubject()).toBe("Request: 20ft container of ceramic tiles");
    const ids = threads[0].getMessages().map((m) => m.getId());
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(threads[0].getId()).toBe(ids[0]);
  });

  it("a reference to a known message with a different subject starts a new thread (Gmail needs both)", async () => {
    const w = make();
    await w.deliverRaw(REQUEST);
    await w.deliverRaw(
      eml(
        {
          From: CUSTOMER,
          To: ME,
          Subject: "New order for bathroom sinks",
          "Message-ID": "<other@client.example>",
          "In-Reply-To": "<enq-1@client.example>",
          Date: "Tue, 03 Mar 2026 10:00:00 +0800",
        },
        "different topic",
      ),
    );
    expect(w.GmailApp.search(`from:${CUSTOMER}`)).toHaveLength(2);
  });

  it("the owner's own mail is Sent (not inbox, read); others' mail is Inbox and unread", async () => {
    const w = make();
    await seedConversation(w);
    const [thread] = w.GmailApp.search("in:sent");
    const messages = thread.getMessages();
    const mine = messages.find((m) => m.getFrom().includes(ME))!;
    expect(mine.isInInbox()).toBe(false);
    expect(mine.isUnread()).toBe(false);
    const theirs = messages.filter((m) => !m.getFrom().includes(ME));
    expect(theirs.every((m) => m.isInInbox() && m.isUnread())).toBe(true);
    expect(w.GmailApp.getInboxThreads()).toHaveLength(1);
    // The customer's mailbox holds the same conversation from the other side.
    w.runAs(CUSTOMER, () => {
      expect(w.GmailApp.search("in:sent")).toHaveLength(1);
      expect(w.GmailApp.search("in:inbox")[0].getMessages()).toHaveLength(3);
    });
  });

  it("a Cc'd recipient gets its own copy with the same RFC Message-ID but its own Gmail ids", async () => {
    const w = make();
    const boss = "boss@client.example";
    await w.deliverRaw(
      eml(
        {
          From: CUSTOMER,
          To: ME,
          Cc: boss,
          Subject: "Price list",
          "Message-ID": "<cc-1@client.example>",
          Date: "Wed, 04 Mar 2026 10:00:00 +0800",
        },
        "see attached",
      ),
    );
    const mine = w.GmailApp.search("rfc822msgid:cc-1@client.example")[0].getMessages()[0];
    const theirs = w.runAs(boss, () => w.GmailApp.search("rfc822msgid:<cc-1@client.example>")[0].getMessages()[0]);
    expect(mine.getHeader("Message-ID")).toBe("<cc-1@client.example>");
    expect(theirs.getHeader("Message-ID")).toBe("<cc-1@client.example>");
    expect(mine.getId()).not.toBe(theirs.getId());
    expect(theirs.getCc()).toBe(boss);
  });

  it("GmailApp sees only the effective user's mailbox", async () => {
    const w = make();
    await w.deliverRaw(eml({ From: CUSTOMER, To: "someone.else@shop.test", Subject: "private" }, "x"));
    expect(w.GmailApp.search("private")).toHaveLength(0);
    expect(w.runAs("someone.else@shop.test", () => w.GmailApp.search("private"))).toHaveLength(1);
  });

  // gmail-app#searchquery,-start,-max
  describe("search operators", () => {
    async function seedMany(w: GmailWorld) {
      await seedConversation(w);
      w.deliver({
        from: "Alibaba <noreply@alibaba.com>",
        to: ME,
        subject: "Your weekly RFQ digest",
        text: "12 new buying requests",
        date: new Date("2026-03-09T12:00:00Z"),
        headers: { "List-Unsubscribe": "<mailto:unsub@alibaba.com>", "List-Id": "<rfq.alibaba.com>" },
      });
      w.deliver({
        from: "Anna <anna@retail.de>",
        to: ME,
        cc: "purchasing@retail.de",
        subject: "Katalog",
        text: "Bitte senden Sie den Katalog",
        date: new Date("2026-02-01T12:00:00Z"),
        attachments: [{ name: "requirements.pdf", contentType: "application/pdf", bytes: "%PDF-1.4" }],
      });
    }
    const subjects = (threads: GoogleAppsScript.Gmail.GmailThread[]) => threads.map((t) => t.getFirstMessageSubject());

    it("in:inbox, in:sent, from:, to:, cc:, subject:, bare words and quoted phrases", async () => {
      const w = make();
      await seedMany(w);
      expect(w.GmailApp.search("in:inbox")).toHaveLength(3);
      expect(w.GmailApp.search("in:sent")).toHaveLength(1);
      expect(subjects(w.GmailApp.search("from:alibaba.com"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("from:anna@retail.de"))).toEqual(["Katalog"]);
      expect(subjects(w.GmailApp.search(`to:${CUSTOMER}`))).toEqual(["Request: 20ft container of ceramic tiles"]);
      expect(subjects(w.GmailApp.search("cc:purchasing@retail.de"))).toEqual(["Katalog"]);
      expect(subjects(w.GmailApp.search("subject:digest"))).toEqual(["Your weekly RFQ digest"]);
      expect(w.GmailApp.search("subject:proforma")).toHaveLength(0);
      expect(w.GmailApp.search("proforma")).toHaveLength(1); // bare words match the body too
      expect(w.GmailApp.search('"send proforma invoice"')).toHaveLength(1);
      expect(w.GmailApp.search('"invoice proforma"')).toHaveLength(0);
      expect(w.GmailApp.search("tile")).toHaveLength(0); // whole words, not substrings
    });

    it("is:unread / is:read, has:attachment, filename:, list:, rfc822msgid:", async () => {
      const w = make();
      await seedMany(w);
      expect(w.GmailApp.search("is:unread")).toHaveLength(3);
      const [digest] = w.GmailApp.search("from:alibaba.com");
      w.GmailApp.markThreadsRead([digest]);
      expect(w.GmailApp.search("is:unread")).toHaveLength(2);
      expect(subjects(w.GmailApp.search("is:read from:alibaba.com"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("has:attachment"))).toEqual(["Katalog"]);
      expect(subjects(w.GmailApp.search("filename:pdf"))).toEqual(["Katalog"]);
      expect(subjects(w.GmailApp.search("list:rfq.alibaba.com"))).toEqual(["Your weekly RFQ digest"]);
      expect(w.GmailApp.search("rfc822msgid:<enq-2@client.example>")[0].getMessageCount()).toBe(3);
    });

    it("after:/before: dates (YYYY/MM/DD) and newer_than:/older_than: relative to now", async () => {
      const w = make(); // now = 2026-03-10T08:00Z
      await seedMany(w);
      expect(subjects(w.GmailApp.search("before:2026/02/15"))).toEqual(["Katalog"]);
      expect(w.GmailApp.search("after:2026/03/01")).toHaveLength(2);
      expect(subjects(w.GmailApp.search("after:2026/03/05"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("newer_than:2d"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("newer_than:24h"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("older_than:30d"))).toEqual(["Katalog"]);
    });

    it("negation, OR, {a b}, grouping; a thread matches when any message matches", async () => {
      const w = make();
      await seedMany(w);
      expect(w.GmailApp.search("-from:alibaba.com in:inbox")).toHaveLength(2);
      expect(w.GmailApp.search("from:alibaba.com OR from:retail.de")).toHaveLength(2);
      expect(w.GmailApp.search("{from:alibaba.com from:retail.de}")).toHaveLength(2);
      expect(w.GmailApp.search("in:inbox (katalog OR digest)")).toHaveLength(2);
      expect(w.GmailApp.search("from:(alibaba.com OR retail.de)")).toHaveLength(2);
      // The conversation has an unread message from the customer and a read sent message: "is:read" still finds it.
      expect(subjects(w.GmailApp.search("is:read"))).toEqual(["Request: 20ft container of ceramic tiles"]);
    });

    it("results are threads, newest (latest message) first, paged by start and max", async () => {
      const w = make();
      await seedMany(w);
      expect(subjects(w.GmailApp.search("in:inbox"))).toEqual([
        "Your weekly RFQ digest",
        "Request: 20ft container of ceramic tiles",
        "Katalog",
      ]);
      expect(subjects(w.GmailApp.search("in:inbox", 1, 1))).toEqual(["Request: 20ft container of ceramic tiles"]);
      expect(w.GmailApp.search("in:inbox", 0, 500)).toHaveLength(3);
    });

    it('max above 500 throws "Argument max cannot exceed 500."', async () => {
      const w = make();
      await seedMany(w);
      expect(() => w.GmailApp.search("in:inbox", 0, 501)).toThrow("Argument max cannot exceed 500.");
    });

    it("label:X matches nested labels written with / or Gmail's hyphenated form; -label:X excludes", async () => {
      const w = make();
      await seedMany(w);
      const label = w.GmailApp.createLabel("Project/Done");
      label.addToThreads(w.GmailApp.search("from:alibaba.com"));
      const spaced = w.GmailApp.createLabel("Follow up");
      spaced.addToThreads(w.GmailApp.search("from:retail.de"));
      expect(subjects(w.GmailApp.search("label:Project/Done"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("label:project-done"))).toEqual(["Your weekly RFQ digest"]);
      expect(subjects(w.GmailApp.search("label:follow-up"))).toEqual(["Katalog"]);
      expect(subjects(w.GmailApp.search('label:"Follow up"'))).toEqual(["Katalog"]);
      expect(w.GmailApp.search("in:inbox -label:project-done")).toHaveLength(2);
    });

    it("a new reply in a labelled thread makes it match -label:X again (Gmail labels messages)", async () => {
      const w = make();
      await w.deliverRaw(REQUEST);
      const done = w.GmailApp.createLabel("done");
      done.addToThreads(w.GmailApp.search("in:inbox"));
      expect(w.GmailApp.search("in:inbox -label:done")).toHaveLength(0);
      await w.deliverRaw(MY_ANSWER);
      await w.deliverRaw(CUSTOMER_AGAIN);
      expect(w.GmailApp.search("in:inbox -label:done")).toHaveLength(1);
    });
  });

  // gmail-label#addToThreads(GmailThread): "You can label up to 100 threads per batch."
  it("labels: create, find by name, add/remove on threads, at most 100 threads per batch", async () => {
    const w = make();
    for (let i = 0; i < 101; i++) {
      w.deliver({
        from: `b${i}@x.com`,
        to: ME,
        subject: `Lead ${i}`,
        text: "hi",
        date: new Date(Date.UTC(2026, 2, 1, 0, i)),
      });
    }
    expect(w.GmailApp.getUserLabelByName("Leads")).toBeNull();
    const label = w.GmailApp.createLabel("Leads");
    expect(w.GmailApp.getUserLabelByName("Leads")?.getName()).toBe("Leads");
    expect(w.GmailApp.getUserLabels().map((l) => l.getName())).toEqual(["Leads"]);
    const all = w.GmailApp.search("subject:lead", 0, 500);
    expect(all).toHaveLength(101);
    expect(() => label.addToThreads(all)).toThrow("Argument too large: threads");
    expect(w.GmailApp.search("label:leads")).toHaveLength(0);
    label.addToThreads(all.slice(0, 100));
    expect(w.GmailApp.search("label:leads", 0, 500)).toHaveLength(100);
    const [first] = all;
    expect(first.getLabels().map((l) => l.getName())).toEqual(["Leads"]);
    label.removeFromThreads([first]);
    expect(first.getLabels()).toEqual([]);
    first.addLabel(label);
    expect(w.GmailApp.search("label:leads", 0, 500)).toHaveLength(100);
    first.removeLabel(label);
    expect(w.GmailApp.search("-label:leads subject:lead", 0, 500)).toHaveLength(2);
  });

  it("getMessagesForThreads returns the messages of many threads in one call", async () => {
    const w = make();
    await seedConversation(w);
    w.deliver({ from: CUSTOMER, to: ME, subject: "Another", text: "x", date: new Date("2026-03-09T00:00:00Z") });
    const threads = w.GmailApp.search("in:inbox");
    const before = w.calls("Gmail.read");
    const messages = w.GmailApp.getMessagesForThreads(threads);
    expect(w.calls("Gmail.read") - before).toBe(1);
    expect(messages.map((m) => m.length)).toEqual([1, 3]);
    expect(messages[1][2].getSubject()).toBe("回复: Re: Request: 20ft container of ceramic tiles");
  });

  it("message getters: From exactly as written, To, Cc, Bcc, Reply-To, Date, headers, raw content", async () => {
    const w = make();
    await w.deliverRaw(
      eml(
        {
          From: '"Wang, Fang" <fang@client.example>',
          To: `Shop <${ME}>, other@client.example`,
          "Reply-To": "orders@client.example",
          Subject: "Out of office",
          Date: "Thu, 05 Mar 2026 09:30:00 +0100",
          "Auto-Submitted": "auto-replied",
          "X-Autoreply": "yes",
          "Message-ID": "<ooo@client.example>",
        },
        "I am away.",
      ),
    );
    const m = w.GmailApp.search("subject:office")[0].getMessages()[0];
    expect(m.getFrom()).toBe('"Wang, Fang" <fang@client.example>');
    expect(m.getTo()).toBe(`Shop <${ME}>, other@client.example`);
    expect(m.getCc()).toBe("");
    expect(m.getBcc()).toBe("");
    expect(m.getReplyTo()).toBe("orders@client.example");
    expect(m.getDate().toISOString()).toBe("2026-03-05T08:30:00.000Z");
    expect(m.getHeader("Auto-Submitted")).toBe("auto-replied");
    expect(m.getHeader("x-autoreply")).toBe("yes");
    expect(m.getHeader("List-Unsubscribe")).toBe("");
    expect(m.getPlainBody()).toBe("I am away.");
    expect(m.getBody()).toBe("I am away.");
    expect(m.getRawContent()).toContain("Auto-Submitted: auto-replied");
    expect(m.getThread().getId()).toBe(w.GmailApp.search("subject:office")[0].getId());
    expect(w.GmailApp.getMessageById(m.getId())?.getSubject()).toBe("Out of office");
    expect(w.GmailApp.getThreadById(m.getThread().getId())?.getMessageCount()).toBe(1);
  });

  it("attachments: name, content type, size, bytes and a copied blob", async () => {
    const w = make();
    const pdf = Buffer.from("%PDF-1.4 fake \u00ff", "latin1");
    await w.deliverRaw(
      [
        `From: ${CUSTOMER}`,
        `To: ${ME}`,
        "Subject: PO attached",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Please find our PO.",
        "--b1",
        'Content-Type: application/pdf; name="PO-778.pdf"',
        'Content-Disposition: attachment; filename="PO-778.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        pdf.toString("base64"),
        "--b1--",
        "",
      ].join("\r\n"),
    );
    const m = w.GmailApp.search("has:attachment")[0].getMessages()[0];
    const [a] = m.getAttachments();
    expect(a.getName()).toBe("PO-778.pdf");
    expect(a.getContentType()).toBe("application/pdf");
    expect(a.getSize()).toBe(pdf.length);
    expect(a.getBytes().at(-1)).toBe(-1); // Apps Script bytes are signed: 0xff reads as -1
    expect(a.copyBlob().getName()).toBe("PO-778.pdf");
    expect(m.getPlainBody().trim()).toBe("Please find our PO.");
  });

  it("HTML-only mail: getPlainBody is text derived from the HTML, getBody is the HTML", async () => {
    const w = make();
    const html =
      "<html><head><style>p{color:red}</style></head><body><p>Dear shop,</p><p>We need <b>500&nbsp;sqm</b> &amp; samples.<br>Thanks</p></body></html>";
    await w.deliverRaw(
      eml({ From: CUSTOMER, To: ME, Subject: "html only", "Content-Type": "text/html; charset=utf-8" }, html),
    );
    const m = w.GmailApp.search("subject:html")[0].getMessages()[0];
    expect(m.getBody()).toBe(html);
    expect(m.getPlainBody()).toBe("Dear shop,\n\nWe need 500 sqm & samples.\nThanks");
    expect(w.GmailApp.search("samples")).toHaveLength(1);
  });

  it("charsets: GB2312 subject and body, ISO-2022-JP subject, base64 UTF-8 Chinese body", async () => {
    const w = make();
    // "询价" in GB2312 is D1 AF BC DB; "你好" is C4 E3 BA C3.
    const gbRaw = Buffer.concat([
      Buffer.from(
        `From: =?GB2312?B?${Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]).toString("base64")}?= <zhang@client.example>\r\nTo: ${ME}\r\nSubject: =?GB2312?B?${Buffer.from([0xd1, 0xaf, 0xbc, 0xdb]).toString("base64")}?=\r\nContent-Type: text/plain; charset=GB2312\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        "latin1",
      ),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
    ]);
    await w.deliverRaw(gbRaw);
    // ISO-2022-JP "見積" = ESC $ B 38 2B 40 51 ESC ( B
    const jis = Buffer.from([0x1b, 0x24, 0x42, 0x38, 0x2b, 0x40, 0x51, 0x1b, 0x28, 0x42]).toString("base64");
    await w.deliverRaw(eml({ From: "tanaka@shoji.jp", To: ME, Subject: `=?ISO-2022-JP?B?${jis}?=` }, "x"));
    const utf8Body = Buffer.from("我们需要两个集装箱。", "utf8").toString("base64");
    await w.deliverRaw(
      eml(
        {
          From: "chen@client.example",
          To: ME,
          Subject: "=?UTF-8?B?5oql5Lu3?=",
          "Content-Type": "text/plain; charset=UTF-8",
          "Content-Transfer-Encoding": "base64",
        },
        utf8Body,
      ),
    );
    const gbMsg = w.GmailApp.search("from:zhang@client.example")[0].getMessages()[0];
    expect(gbMsg.getSubject()).toBe("询价");
    expect(gbMsg.getFrom()).toBe("张三 <zhang@client.example>");
    expect(gbMsg.getPlainBody()).toBe("你好");
    expect(w.GmailApp.search("from:tanaka@shoji.jp")[0].getFirstMessageSubject()).toBe("見積");
    const utf = w.GmailApp.search("subject:报价")[0].getMessages()[0];
    expect(utf.getPlainBody()).toBe("我们需要两个集装箱。");
    expect(w.GmailApp.search("集装箱")).toHaveLength(1);
  });

  it("mail with broken headers or no From is stored, never crashes", async () => {
    const world = new MailWorld();
    await world.deliverRaw("this is not an email at all", { mailboxes: [ME] });
    await world.deliverRaw("From: \r\nDate: not a date\r\nSubject\r\n: x\r\nTo: <<<>>>\r\n\r\nbody here", {
      mailboxes: [ME],
    });
    await world.deliverRaw(`To: ${ME}\r\nSubject: no sender\r\n\r\nwho sent this?`);
    const ctx = new GasContext({ now: "2026-03-10T08:00:00Z", user: ME });
    const gmail = new EmulatedGmailApp(ctx, world) as unknown as GoogleAppsScript.Gmail.GmailApp;
    const inbox = gmail.getInboxThreads();
    expect(inbox).toHaveLength(3);
    const noSender = gmail.search("subject:sender")[0].getMessages()[0];
    expect(noSender.getFrom()).toBe("");
    expect(noSender.getPlainBody().trim()).toBe("who sent this?");
    expect(gmail.search("here")[0].getMessages()[0].getDate()).toBeInstanceOf(Date);
  });

  it("metering: search counts threads, getMessagesForThreads messages, label calls threads; getters are Gmail.meta", async () => {
    const w = make();
    await seedConversation(w);
    w.deliver({ from: CUSTOMER, to: ME, subject: "Another", text: "x", date: new Date("2026-03-09T00:00:00Z") });
    const threads = w.GmailApp.search("in:inbox");
    expect(w.calls("Gmail.search")).toBe(1);
    expect(w.units("Gmail.search")).toBe(2);
    const messages = w.GmailApp.getMessagesForThreads(threads);
    expect(w.units("Gmail.read")).toBe(4);
    const label = w.GmailApp.createLabel("seen");
    label.addToThreads(threads);
    expect(w.calls("Gmail.label")).toBe(1);
    expect(w.units("Gmail.label")).toBe(2);
    const metaBefore = w.calls("Gmail.meta");
    messages[0][0].getSubject();
    messages[0][0].getFrom();
    expect(w.calls("Gmail.meta") - metaBefore).toBe(2);
  });

  it("an injected fault fails the call before it has any effect", async () => {
    const w = make();
    await seedConversation(w);
    const threads = w.GmailApp.search("in:inbox");
    const label = w.GmailApp.createLabel("processed");
    w.failEvery("GmailLabel.addToThreads");
    expect(() => label.addToThreads(threads)).toThrow("Service invoked too many times for one day: gmail.");
    expect(w.GmailApp.search("label:processed")).toHaveLength(0);
  });
});
