import { describe, expect, it } from "vitest";
import { createGasEnvironment, loadProject, parseRawMail, userLabelId } from "../src/index";

/**
 * Contract for the Gmail advanced service (Gmail API v1 through Apps Script): users.threads.list/get/modify,
 * users.messages.batchModify, users.labels.list/create. Reference: developers.google.com/workspace/gmail/api/
 * reference/rest/v1 (Thread, Message, MessagePart, MessagePartBody: "base64url encoded string").
 * It reads the same mailbox as GmailApp: the same thread ids, message ids and labels.
 */
const ME = "shop@shop.test";
const BUYER = "li.wei@client.example";
const NOW = new Date("2026-03-10T08:00:00Z");

type Part = GoogleAppsScript.Gmail.Schema.MessagePart;

function world() {
  const env = createGasEnvironment({ now: NOW, user: ME });
  const Gmail = env.Gmail as unknown as GoogleAppsScript.Gmail;
  const as = <T>(fn: () => T) => env.ctx.runAs(ME, fn);
  return { env, Gmail, as };
}

function decode(data: string | undefined): string {
  return Buffer.from(
    String(data ?? "")
      .replace(/-/g, "+")
      .replace(/_/g, "/"),
    "base64",
  ).toString("utf8");
}

function leaves(part: Part | undefined): Part[] {
  if (!part) return [];
  return part.parts ? part.parts.flatMap(leaves) : [part];
}

function eml(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}`;
}

describe("Gmail advanced service: threads.list", () => {
  it("lists the threads GmailApp.search finds, with the same ids, newest first, in pages", () => {
    const { env, Gmail, as } = world();
    for (let i = 0; i < 5; i += 1) {
      env.mail.deliver({
        from: BUYER,
        to: ME,
        subject: `Quote ${i}`,
        text: "Please quote",
        date: new Date(NOW.getTime() - (5 - i) * 60_000),
      });
    }
    const first = as(() => Gmail.Users!.Threads!.list("me", { q: "in:inbox", maxResults: 2 }));
    expect(first.threads?.length).toBe(2);
    expect(first.resultSizeEstimate).toBe(5);
    const second = as(() =>
      Gmail.Users!.Threads!.list("me", { q: "in:inbox", maxResults: 2, pageToken: first.nextPageToken }),
    );
    const third = as(() =>
      Gmail.Users!.Threads!.list("me", { q: "in:inbox", maxResults: 2, pageToken: second.nextPageToken }),
    );
    expect(third.nextPageToken).toBeUndefined();
    const ids = [...first.threads!, ...second.threads!, ...third.threads!].map((t) => t.id);
    const viaApp = env.ctx.meter.quietly(() => as(() => env.GmailApp.search("in:inbox").map((t) => t.getId())));
    expect(ids).toEqual(viaApp);
    expect(env.ctx.meter.methodCalls("Gmail.Users.Threads.list")).toBe(3);
  });

  it("leaves `threads` out when nothing matches, and takes epoch seconds in after:", () => {
    const { env, Gmail, as } = world();
    env.mail.deliver({ from: BUYER, to: ME, subject: "Old", text: "x", date: new Date("2026-03-01T00:00:00Z") });
    env.mail.deliver({ from: BUYER, to: ME, subject: "New", text: "y", date: new Date("2026-03-09T00:00:00Z") });
    const none = as(() => Gmail.Users!.Threads!.list("me", { q: "from:nobody@nowhere.example" }));
    expect(none.threads).toBeUndefined();
    expect(none.resultSizeEstimate).toBe(0);
    const after = Math.floor(new Date("2026-03-05T00:00:00Z").getTime() / 1000);
    const recent = as(() => Gmail.Users!.Threads!.list("me", { q: `after:${after}` }));
    expect(recent.threads?.length).toBe(1);
  });

  it("filters by label ids, and leaves spam and trash out unless asked", () => {
    const { env, Gmail, as } = world();
    const copy = env.mail
      .deliver({ from: BUYER, to: ME, subject: "Spam", text: "win" })
      .copies.find((c) => c.owner === ME)!;
    copy.labels.add("SPAM");
    env.mail.deliver({ from: BUYER, to: ME, subject: "Real", text: "quote" });
    expect(as(() => Gmail.Users!.Threads!.list("me", { labelIds: ["INBOX"] })).threads?.length).toBe(1);
    expect(as(() => Gmail.Users!.Threads!.list("me", { includeSpamTrash: true })).threads?.length).toBe(2);
  });
});

describe("Gmail advanced service: threads.get", () => {
  it("returns every message with labels, internal date and decoded headers in one call", async () => {
    const { env, Gmail, as } = world();
    await env.mail.deliverRaw(
      eml(
        {
          From: "=?UTF-8?B?5p2O5Lyf?= <li.wei@client.example>",
          To: ME,
          Subject: "=?UTF-8?B?6K+i5Lu3OiDpmbbnk7fnk7fnoJY=?=",
          Date: "Mon, 02 Mar 2026 09:00:00 +0800",
          "Message-ID": "<enq-1@client.example>",
          "Content-Type": "text/plain; charset=UTF-8",
          "Content-Transfer-Encoding": "8bit",
        },
        "您好，请报价20尺柜瓷砖。",
      ),
    );
    const [thread] = as(() => env.GmailApp.search("in:inbox"));
    const threadId = as(() => thread.getId());
    const before = env.ctx.meter.totalCalls;
    const got = as(() => Gmail.Users!.Threads!.get("me", threadId, { format: "full" }));
    expect(env.ctx.meter.totalCalls - before).toBe(1);
    const [message] = got.messages!;
    expect(message.threadId).toBe(threadId);
    expect(message.labelIds).toEqual(expect.arrayContaining(["INBOX", "UNREAD"]));
    expect(message.internalDate).toBe(String(Date.parse("2026-03-02T01:00:00Z")));
    const subject = message.payload!.headers!.find((h) => h.name === "Subject")?.value;
    expect(subject).toBe("询价: 陶瓷瓷砖");
    expect(message.payload!.mimeType).toBe("text/plain");
    expect(decode(message.payload!.body!.data)).toBe("您好，请报价20尺柜瓷砖。");
    expect(message.payload!.body!.data).not.toMatch(/[+/]/);
  });

  it("sends a GBK body as UTF-8 and says so in the charset; other headers stay as written", async () => {
    const { env, Gmail, as } = world();
    const gbk = Buffer.from([0xc4, 0xfa, 0xba, 0xc3, 0xa3, 0xac, 0xc7, 0xeb, 0xb1, 0xa8, 0xbc, 0xdb]);
    await env.mail.deliverRaw(
      Buffer.concat([
        Buffer.from(
          eml(
            {
              From: BUYER,
              To: ME,
              Subject: "GBK",
              "Content-Type": "text/plain; charset=GBK",
              "X-Mailer": "Foxmail 7.2",
            },
            "",
          ),
        ),
        gbk,
      ]),
    );
    const [t] = as(() => env.GmailApp.search(""));
    const id = as(() => t.getId());
    const m = as(() => Gmail.Users!.Threads!.get("me", id)).messages![0];
    const header = (n: string) => m.payload!.headers!.find((h) => h.name === n)?.value;
    expect(header("Content-Type")).toBe('text/plain; charset="UTF-8"');
    expect(header("X-Mailer")).toBe("Foxmail 7.2");
    expect(decode(m.payload!.body!.data)).toBe("您好，请报价");
  });

  it("shows multipart/alternative with both bodies, HTML-only mail as text/html alone, and attachments by file name", () => {
    const { env, Gmail, as } = world();
    env.mail.deliver({
      from: BUYER,
      to: ME,
      subject: "Заказ плитки",
      text: "Здравствуйте, нужна цена на плитку.",
      html: "<p>Здравствуйте, нужна цена на плитку.</p>",
      attachments: [{ name: "спецификация.pdf", contentType: "application/pdf", bytes: "%PDF-1.4" }],
    });
    env.mail.deliver({
      from: "sales@factory.example",
      to: ME,
      subject: "عرض سعر",
      html: "<div>مرحبا،<br>نرجو عرض سعر</div>",
    });
    const [html, multi] = as(() => env.GmailApp.search("in:inbox"));
    const m = as(() => Gmail.Users!.Threads!.get("me", multi.getId())).messages![0];
    expect(m.payload!.mimeType).toBe("multipart/mixed");
    const parts = leaves(m.payload);
    expect(parts.map((p) => p.mimeType)).toEqual(["text/plain", "text/html", "application/pdf"]);
    expect(parts.map((p) => p.partId)).toEqual(["0.0", "0.1", "1"]);
    expect(decode(parts[0].body!.data)).toBe("Здравствуйте, нужна цена на плитку.");
    expect(parts[2].filename).toBe("спецификация.pdf");
    expect(parts[2].body!.data).toBeUndefined();
    expect(parts[2].body!.attachmentId).toBeTruthy();
    expect(parts[2].body!.size).toBe(8);

    const h = as(() => Gmail.Users!.Threads!.get("me", html.getId())).messages![0];
    expect(h.payload!.mimeType).toBe("text/html");
    expect(decode(h.payload!.body!.data)).toContain("نرجو عرض سعر");
  });

  it("carries SENT on the copy the mailbox sent and not on a forged From of the owner", async () => {
    const { env, Gmail, as } = world();
    const ask = env.mail.deliver({
      from: BUYER,
      to: ME,
      subject: "Tiles",
      text: "Price?",
      messageId: "<ask@client.example>",
    });
    as(() => env.GmailApp.getThreadById(ask.copies.find((c) => c.owner === ME)!.threadId).reply("USD 4.20/m2"));
    // A stranger writes From: the shop's own address; it reaches the inbox, never Sent.
    const content = await parseRawMail(
      eml(
        { From: `Shop <${ME}>`, To: ME, Subject: "Urgent transfer", "Message-ID": "<forged@evil.example>" },
        "wire money",
      ),
      "<unused@x>",
    );
    const forged = env.mail.mailbox(ME).store(content, { labels: ["INBOX", "UNREAD"] });
    const threads = as(() => Gmail.Users!.Threads!.list("me", {})).threads!;
    const byId = new Map(threads.map((t) => [t.id, as(() => Gmail.Users!.Threads!.get("me", t.id!))]));
    const replied = byId.get(ask.copies.find((c) => c.owner === ME)!.threadId)!;
    expect(replied.messages!.map((m) => m.labelIds!.includes("SENT"))).toEqual([false, true]);
    const fake = byId.get(forged.threadId)!;
    expect(fake.messages![0].labelIds).not.toContain("SENT");
  });

  it("format metadata keeps only the asked headers and no body; an unknown id fails like the API", () => {
    const { env, Gmail, as } = world();
    env.mail.deliver({ from: BUYER, to: ME, subject: "Hello", text: "Body", headers: { "List-Id": "<news.example>" } });
    const [t] = as(() => env.GmailApp.search(""));
    const m = as(() =>
      Gmail.Users!.Threads!.get("me", t.getId(), { format: "metadata", metadataHeaders: ["subject", "List-Id"] }),
    ).messages![0];
    expect(m.payload!.headers!.map((h) => h.name)).toEqual(["Subject", "List-Id"]);
    expect(m.payload!.body).toBeUndefined();
    expect(() => as(() => Gmail.Users!.Threads!.get("me", "ffffffffffffffff"))).toThrow(
      /Requested entity was not found/,
    );
    expect(() => as(() => Gmail.Users!.Threads!.get("someone.else@other.example", t.getId()))).toThrow(
      /Delegation denied/,
    );
  });
});

describe("Gmail advanced service: labels and modifications", () => {
  it("creates a user label once, lists it by id, and labels messages that GmailApp then finds", () => {
    const { env, Gmail, as } = world();
    for (let i = 0; i < 3; i += 1) env.mail.deliver({ from: BUYER, to: ME, subject: `Order ${i}`, text: "x" });
    const label = as(() =>
      Gmail.Users!.Labels!.create(
        { name: "Buyerbook/Imported", labelListVisibility: "labelShow", messageListVisibility: "show" },
        "me",
      ),
    );
    expect(label.id).toBe(userLabelId("Buyerbook/Imported"));
    expect(label.id).toMatch(/^Label_\d+$/);
    expect(() => as(() => Gmail.Users!.Labels!.create({ name: "buyerbook/imported" }, "me"))).toThrow(
      /exists or conflicts/,
    );
    const listed = as(() => Gmail.Users!.Labels!.list("me")).labels!;
    expect(listed.find((l) => l.name === "Buyerbook/Imported")?.id).toBe(label.id);
    expect(listed.find((l) => l.id === "INBOX")?.type).toBe("system");

    const threads = as(() => Gmail.Users!.Threads!.list("me", {})).threads!;
    const ids = threads.flatMap((t) =>
      as(() => Gmail.Users!.Threads!.get("me", t.id!, { format: "minimal" })).messages!.map((m) => m.id!),
    );
    as(() => Gmail.Users!.Messages!.batchModify({ ids, addLabelIds: [label.id!], removeLabelIds: ["UNREAD"] }, "me"));
    const labelled = as(() => env.GmailApp.getUserLabelByName("Buyerbook/Imported").getThreads());
    expect(labelled.length).toBe(3);
    expect(as(() => env.GmailApp.search("is:unread").length)).toBe(0);
    expect(as(() => Gmail.Users!.Threads!.list("me", { labelIds: [label.id!] })).threads?.length).toBe(3);
  });

  it("modifies one thread; refuses unknown labels and ids and more than 1000 ids, changing nothing", () => {
    const { env, Gmail, as } = world();
    env.mail.deliver({ from: BUYER, to: ME, subject: "Archive me", text: "x" });
    const [t] = as(() => env.GmailApp.search("in:inbox"));
    as(() => Gmail.Users!.Threads!.modify({ removeLabelIds: ["INBOX"] }, "me", t.getId()));
    expect(as(() => env.GmailApp.search("in:inbox").length)).toBe(0);
    const id = as(() => Gmail.Users!.Threads!.get("me", t.getId())).messages![0].id!;
    expect(() => as(() => Gmail.Users!.Messages!.batchModify({ ids: [id], addLabelIds: ["Label_404"] }, "me"))).toThrow(
      /Invalid label/,
    );
    expect(() =>
      as(() => Gmail.Users!.Messages!.batchModify({ ids: [id, "0000000000000000"], addLabelIds: ["STARRED"] }, "me")),
    ).toThrow(/not found/);
    expect(() =>
      as(() => Gmail.Users!.Messages!.batchModify({ ids: Array(1001).fill(id), addLabelIds: ["STARRED"] }, "me")),
    ).toThrow(/1000/);
    expect(as(() => env.GmailApp.search("is:starred").length)).toBe(0);
    expect(() => as(() => Gmail.Users!.Threads!.modify({ addLabelIds: ["STARRED"] }, "me", "abc"))).toThrow(
      /not found/,
    );
  });
});

describe("Gmail advanced service: enabling and metering", () => {
  it("is a global only when a loaded manifest enables it", () => {
    const env = createGasEnvironment({ now: NOW, user: ME });
    const code = "function hasGmail() { return typeof Gmail !== 'undefined'; }";
    const without = loadProject(env, [
      { name: "appsscript.json", code: JSON.stringify({}) },
      { name: "Code.js", code },
    ]);
    expect(without.run("hasGmail")).toBe(false);
    const manifest = {
      dependencies: { enabledAdvancedServices: [{ userSymbol: "Gmail", serviceId: "gmail", version: "v1" }] },
    };
    const env2 = createGasEnvironment({ now: NOW, user: ME });
    const withIt = loadProject(env2, [
      { name: "appsscript.json", code: JSON.stringify(manifest) },
      { name: "Code.js", code },
    ]);
    expect(withIt.run("hasGmail")).toBe(true);
  });

  it("meters each call as one Gmail call of the GmailApp cost types, and needs a Gmail scope when scopes are listed", () => {
    const env = createGasEnvironment({
      now: NOW,
      user: ME,
      oauthScopes: ["https://www.googleapis.com/auth/gmail.metadata"],
    });
    const Gmail = env.Gmail as unknown as GoogleAppsScript.Gmail;
    env.mail.deliver({ from: BUYER, to: ME, subject: "Q", text: "x" });
    const t = env.ctx.runAs(ME, () => Gmail.Users!.Threads!.list("me", {})).threads![0];
    env.ctx.runAs(ME, () => Gmail.Users!.Threads!.get("me", t.id!, { format: "metadata" }));
    expect(() => env.ctx.runAs(ME, () => Gmail.Users!.Threads!.get("me", t.id!, { format: "full" }))).toThrow(
      /permission/,
    );
    expect(env.ctx.meter.callsOf("Gmail.search")).toBe(1);
    expect(env.ctx.meter.callsOf("Gmail.read")).toBe(1);
  });
});
