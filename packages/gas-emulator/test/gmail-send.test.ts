import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { EmulatedGmailApp, EmulatedMailApp, GasContext, MailWorld, saveEml } from "../src/index";

/**
 * Contract for writing mail: drafts, replies, sending, and MailApp with its daily quota.
 * References: developers.google.com/apps-script/reference/gmail/gmail-thread#createDraftReply(String,Object),
 * gmail-app#createDraft(String,String,String,Object), gmail-app#sendEmail(String,String,String,Object),
 * gmail-draft#send(), developers.google.com/apps-script/reference/mail/mail-app and the quotas page
 * developers.google.com/apps-script/guides/services/quotas (email recipients: 100/day consumer,
 * 1,500/day Workspace; quotas reset 24 hours after the first request).
 */
const ME = "shop@shop.test";
const CUSTOMER = "li.wei@client.example";

interface SendWorld {
  GmailApp: GoogleAppsScript.Gmail.GmailApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  deliverRaw(raw: string): Promise<void>;
  runAs<T>(user: string, fn: () => T): T;
  advanceHours(h: number): void;
  calls(type: string): number;
  failEvery(match: string, message?: string): void;
  world: MailWorld;
}

function makeEmulator(options: { quota?: number } = {}): SendWorld {
  const ctx = new GasContext({ now: "2026-03-10T08:00:00Z", user: ME });
  const world = new MailWorld({ now: () => ctx.clock.now(), dailyRecipientQuota: options.quota });
  world.mailbox(ME).displayName = "Shop Co";
  return {
    GmailApp: new EmulatedGmailApp(ctx, world) as unknown as GoogleAppsScript.Gmail.GmailApp,
    MailApp: new EmulatedMailApp(ctx, world) as unknown as GoogleAppsScript.Mail.MailApp,
    deliverRaw: async (raw) => {
      await world.deliverRaw(raw);
    },
    runAs: (user, fn) => ctx.runAs(user, fn),
    advanceHours: (h) => ctx.clock.advance(h * 3_600_000),
    calls: (type) => ctx.meter.callsOf(type),
    failEvery: (match, message) => ctx.meter.failEvery(match, message),
    world,
  };
}

const REQUEST = [
  `From: "Li Wei" <${CUSTOMER}>`,
  `To: ${ME}`,
  "Cc: boss@client.example",
  "Reply-To: purchasing@client.example",
  "Subject: Request: LED panels",
  "Date: Mon, 09 Mar 2026 09:00:00 +0800",
  "Message-ID: <req-led@client.example>",
  "References: <older@client.example>",
  "",
  "Please quote 2000 pcs.",
].join("\r\n");

describe.each([["emulator", makeEmulator]])("GmailApp/MailApp writing contract (%s)", (_name, make) => {
  it("thread.createDraftReply: a draft in the same thread, Re: subject, reply-to address, threading headers", async () => {
    const w = make();
    await w.deliverRaw(REQUEST);
    const [thread] = w.GmailApp.search("subject:request");
    const draft = thread.createDraftReply("Dear Li Wei, USD 12.50 each.", {
      htmlBody: "<p>Dear Li Wei, <b>USD 12.50</b> each.</p>",
      cc: "colleague@shop.test",
    });
    const m = draft.getMessage();
    expect(m.isDraft()).toBe(true);
    expect(m.getThread().getId()).toBe(thread.getId());
    expect(m.getSubject()).toBe("Re: Request: LED panels");
    expect(m.getTo()).toBe("purchasing@client.example");
    expect(m.getCc()).toBe("colleague@shop.test");
    expect(m.getHeader("In-Reply-To")).toBe("<req-led@client.example>");
    expect(m.getHeader("References")).toBe("<older@client.example> <req-led@client.example>");
    expect(m.getFrom()).toBe(`Shop Co <${ME}>`);
    expect(m.getBody()).toBe("<p>Dear Li Wei, <b>USD 12.50</b> each.</p>");
    expect(m.getPlainBody()).toBe("Dear Li Wei, USD 12.50 each.");
    expect(thread.getMessageCount()).toBe(2);
    expect(w.GmailApp.getDrafts().map((d) => d.getId())).toEqual([draft.getId()]);
    expect(draft.getId()).toMatch(/^r\d+$/);
    // Nothing was sent: the customer's side has no reply.
    expect(w.runAs("purchasing@client.example", () => w.GmailApp.search("subject:request"))).toHaveLength(0);
  });

  // Reference: "replying to the sender of the last message in this thread using the reply-to address".
  it("createDraftReply addresses the sender of the last message even when that is the user; replyAll adds the recipients", () => {
    const w = make();
    w.GmailApp.sendEmail(CUSTOMER, "Catalogue 2026", "Attached our catalogue.");
    const [thread] = w.GmailApp.search("in:sent");
    const draft = thread.createDraftReply("Following up on the catalogue.");
    expect(draft.getMessage().getTo()).toContain(ME);
    expect(draft.getMessage().getTo()).not.toContain(CUSTOMER);
    expect(thread.createDraftReplyAll("Following up.").getMessage().getTo()).toContain(CUSTOMER);
    expect(draft.getMessage().getSubject()).toBe("Re: Catalogue 2026");
  });

  it("draft.send() moves the draft to Sent in its thread and delivers it; the customer's reply joins that thread", async () => {
    const w = make();
    await w.deliverRaw(REQUEST);
    const [thread] = w.GmailApp.search("subject:request");
    const sent = thread.createDraftReply("Quote attached.").send();
    expect(sent.isDraft()).toBe(false);
    expect(w.GmailApp.getDrafts()).toHaveLength(0);
    expect(w.GmailApp.search("in:sent")[0].getId()).toBe(thread.getId());
    expect(thread.getMessageCount()).toBe(2);
    const inReply = w.runAs("purchasing@client.example", () => {
      const [t] = w.GmailApp.search("in:inbox");
      const msg = t.getMessages()[0];
      t.reply("Thanks, we confirm.");
      return msg.getHeader("In-Reply-To");
    });
    expect(inReply).toBe("<req-led@client.example>");
    expect(thread.getMessageCount()).toBe(3);
    expect(thread.getMessages()[2].getPlainBody()).toBe("Thanks, we confirm.");
    expect(thread.isUnread()).toBe(true);
  });

  it("draft.deleteDraft removes it; createDraft makes a standalone draft; update replaces the content", () => {
    const w = make();
    const draft = w.GmailApp.createDraft(CUSTOMER, "Proforma", "PI draft v1", { bcc: "archive@shop.test" });
    expect(w.GmailApp.search("in:drafts")).toHaveLength(1);
    draft.update(CUSTOMER, "Proforma invoice", "PI draft v2");
    expect(draft.getMessage().getSubject()).toBe("Proforma invoice");
    expect(draft.getMessage().getPlainBody()).toBe("PI draft v2");
    draft.deleteDraft();
    expect(w.GmailApp.getDrafts()).toHaveLength(0);
    expect(w.GmailApp.search("in:drafts")).toHaveLength(0);
  });

  it("sendEmail delivers to To/Cc/Bcc mailboxes (Bcc hidden from recipients) and files a Sent copy", () => {
    const w = make();
    w.GmailApp.sendEmail(CUSTOMER, "Samples shipped", "DHL 123", {
      cc: "boss@client.example",
      bcc: "archive@shop.test",
      htmlBody: "<p>DHL <i>123</i></p>",
      name: "Shop Sales",
      replyTo: "sales@shop.test",
    });
    const sent = w.GmailApp.search("in:sent")[0].getMessages()[0];
    expect(sent.getBcc()).toBe("archive@shop.test");
    expect(sent.getFrom()).toBe(`Shop Sales <${ME}>`);
    for (const user of [CUSTOMER, "boss@client.example", "archive@shop.test"]) {
      const got = w.runAs(user, () => w.GmailApp.getInboxThreads()[0].getMessages()[0]);
      expect(got.getSubject()).toBe("Samples shipped");
      expect(got.getBcc()).toBe("");
      expect(got.getReplyTo()).toBe("sales@shop.test");
      expect(got.getHeader("Message-ID")).toBe(sent.getHeader("Message-ID"));
      expect(got.isUnread()).toBe(true);
    }
  });

  it('sendEmail rejects a malformed address with "Invalid email: …" and sends nothing', () => {
    const w = make();
    expect(() => w.GmailApp.sendEmail("not-an-address", "x", "y")).toThrow("Invalid email: not-an-address");
    expect(w.GmailApp.search("in:sent")).toHaveLength(0);
  });

  it("sendEmail from an alias; getAliases lists the configured aliases", () => {
    const w = make();
    w.world.mailbox(ME).addAlias("export@shop.test");
    expect(w.GmailApp.getAliases()).toEqual(["export@shop.test"]);
    w.GmailApp.sendEmail(CUSTOMER, "From alias", "x", { from: "export@shop.test" });
    expect(w.GmailApp.search("in:sent")[0].getMessages()[0].getFrom()).toBe("Shop Co <export@shop.test>");
  });

  it("MailApp.sendEmail overloads: (to, subject, body), (to, subject, body, options), (message), (to, replyTo, subject, body)", () => {
    const w = make();
    w.MailApp.sendEmail(CUSTOMER, "one", "body 1");
    w.MailApp.sendEmail(CUSTOMER, "two", "body 2", { cc: "boss@client.example", htmlBody: "<b>body 2</b>" });
    w.MailApp.sendEmail({ to: CUSTOMER, subject: "three", body: "body 3", replyTo: "sales@shop.test" });
    w.MailApp.sendEmail(CUSTOMER, "sales@shop.test", "four", "body 4");
    const got = w.runAs(CUSTOMER, () =>
      w.GmailApp.getInboxThreads().map((t) => {
        const m = t.getMessages()[0];
        return [m.getSubject(), m.getPlainBody(), m.getReplyTo()];
      }),
    );
    expect(got.sort()).toEqual([
      ["four", "body 4", "sales@shop.test"],
      ["one", "body 1", ""],
      ["three", "body 3", "sales@shop.test"],
      ["two", "body 2", ""],
    ]);
    expect(w.runAs("boss@client.example", () => w.GmailApp.getInboxThreads())).toHaveLength(1);
  });

  it("MailApp quota: 100 recipients a day by default, each To/Cc/Bcc counts, error text, reset 24 h after the first send", () => {
    const w = make();
    expect(w.MailApp.getRemainingDailyQuota()).toBe(100);
    w.MailApp.sendEmail({ to: `${CUSTOMER}, a@x.com`, cc: "b@x.com", subject: "s", body: "b" });
    expect(w.MailApp.getRemainingDailyQuota()).toBe(97);
    w.GmailApp.sendEmail(CUSTOMER, "s", "b"); // GmailApp spends the same quota
    expect(w.MailApp.getRemainingDailyQuota()).toBe(96);
    for (let i = 0; i < 96; i++) w.MailApp.sendEmail(`r${i}@x.com`, "s", "b");
    expect(w.MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => w.MailApp.sendEmail(CUSTOMER, "one too many", "b")).toThrow(
      "Service invoked too many times for one day: email.",
    );
    expect(w.runAs(CUSTOMER, () => w.GmailApp.search("subject:many"))).toHaveLength(0);
    w.advanceHours(23);
    expect(w.MailApp.getRemainingDailyQuota()).toBe(0);
    w.advanceHours(1);
    expect(w.MailApp.getRemainingDailyQuota()).toBe(100);
  });

  it("a Workspace quota of 1,500 is configurable", () => {
    const w = makeEmulator({ quota: 1500 });
    expect(w.MailApp.getRemainingDailyQuota()).toBe(1500);
  });

  it("metering: sends are Gmail.send, drafts Gmail.draft; an injected fault sends nothing", async () => {
    const w = make();
    await w.deliverRaw(REQUEST);
    const [thread] = w.GmailApp.search("subject:request");
    thread.createDraftReply("x");
    expect(w.calls("Gmail.draft")).toBe(1);
    w.MailApp.sendEmail(CUSTOMER, "s", "b");
    expect(w.calls("Gmail.send")).toBe(1);
    w.failEvery("Gmail.send");
    expect(() => w.GmailApp.sendEmail(CUSTOMER, "faulted", "b")).toThrow(
      "Service invoked too many times for one day: gmail.",
    );
    expect(w.GmailApp.search("subject:faulted")).toHaveLength(0);
    expect(w.MailApp.getRemainingDailyQuota()).toBe(99);
  });

  it("saveEml writes composed mail (drafts, sent) as .eml that a MIME parser reads back", async () => {
    const w = make();
    const draft = w.GmailApp.createDraft(CUSTOMER, "报价单 Quotation", "单价 12.50 美元", {
      htmlBody: "<p>单价 <b>12.50</b> 美元</p>",
      name: "王经理",
      attachments: [
        {
          getBlob: () => ({
            getName: () => "PI-1.csv",
            getContentType: () => "text/csv",
            getBytes: () => Array.from(Buffer.from("sku,qty\nLED-1,2000\n")),
          }),
        } as unknown as GoogleAppsScript.Base.BlobSource,
      ],
    });
    const parsed = await simpleParser(saveEml(draft.getMessage()));
    expect(parsed.subject).toBe("报价单 Quotation");
    expect(parsed.from?.value[0]).toEqual({ name: "王经理", address: ME });
    expect(parsed.text?.trim()).toBe("单价 12.50 美元");
    expect(parsed.html).toContain("<b>12.50</b>");
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ["PI-1.csv", "sku,qty\nLED-1,2000\n"],
    ]);
    expect(parsed.messageId).toBe(draft.getMessage().getHeader("Message-ID"));
  });
});
