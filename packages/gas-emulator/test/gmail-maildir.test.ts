import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmulatedGmailApp, GasContext, loadMailDir, MailWorld, writeMailDir } from "../src/index";

/**
 * Mailboxes on disk: `dir/<address>/*.eml`. Not Apps Script API, but what GmailApp then reads follows
 * developers.google.com/apps-script/reference/gmail/gmail-app (getInboxThreads, search, thread ids).
 */
const ME = "shop@shop.test";
const CUSTOMER = "li.wei@client.example";
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "gmail-maildir-"));
  dirs.push(d);
  return d;
}

function writeUser(dir: string, user: string, files: Record<string, string>): void {
  mkdirSync(path.join(dir, user), { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, user, name), body);
}

const eml = (headers: string[], body: string) => `${headers.join("\r\n")}\r\n\r\n${body}`;

function gmailFor(world: MailWorld, user: string) {
  const ctx = new GasContext({ now: "2026-03-10T08:00:00Z", user });
  return new EmulatedGmailApp(ctx, world) as unknown as GoogleAppsScript.Gmail.GmailApp;
}

describe("loadMailDir / writeMailDir", () => {
  it("each user folder is that user's mailbox: own mail is Sent, other mail Inbox; replies thread whatever the file order", async () => {
    const dir = tempDir();
    writeUser(dir, ME, {
      // "a-" sorts first but is the latest message: loading orders by Date so it still threads.
      "a-reply.eml": eml(
        [
          `From: ${CUSTOMER}`,
          `To: ${ME}`,
          "Subject: RE: Quote for LED panels",
          "Date: Wed, 04 Mar 2026 10:00:00 +0800",
          "Message-ID: <r2@client.example>",
          "In-Reply-To: <q1@shop.test>",
          "References: <q1@shop.test>",
        ],
        "Accepted.",
      ),
      "b-quote.eml": eml(
        [
          `From: Shop <${ME}>`,
          `To: ${CUSTOMER}`,
          "Subject: Quote for LED panels",
          "Date: Tue, 03 Mar 2026 10:00:00 +0800",
          "Message-ID: <q1@shop.test>",
        ],
        "USD 12.50",
      ),
      "c-newsletter.eml": eml(
        ["From: news@fair.com", `To: ${ME}`, "Subject: Canton Fair news", "Date: Mon, 02 Mar 2026 10:00:00 +0000"],
        "x",
      ),
      "notes.txt": "not mail",
    });
    writeUser(dir, CUSTOMER, {
      "only-here.eml": eml([`From: ${ME}`, `To: ${CUSTOMER}`, "Subject: Only in the customer's folder"], "x"),
    });
    const world = new MailWorld();
    const report = await loadMailDir(world, dir);
    expect(report.loaded).toEqual({ [CUSTOMER]: 1, [ME]: 3 });

    const gmail = gmailFor(world, ME);
    const [quoteThread] = gmail.search("subject:led");
    expect(quoteThread.getMessageCount()).toBe(2);
    expect(quoteThread.getMessages().map((m) => m.getPlainBody())).toEqual(["USD 12.50", "Accepted."]);
    expect(gmail.search("in:sent")).toHaveLength(1);
    expect(gmail.getInboxThreads().map((t) => t.getFirstMessageSubject())).toEqual([
      "Quote for LED panels",
      "Canton Fair news",
    ]);
    // A file in the customer's folder is only in the customer's mailbox, even though it is "from" the shop.
    expect(gmail.search("subject:folder")).toHaveLength(0);
    expect(gmailFor(world, CUSTOMER).search("in:inbox subject:folder")).toHaveLength(1);
  });

  it("mail from a configured alias loads as Sent", async () => {
    const dir = tempDir();
    writeUser(dir, ME, { "x.eml": eml(["From: export@shop.test", `To: ${CUSTOMER}`, "Subject: alias"], "x") });
    const world = new MailWorld();
    world.mailbox(ME).addAlias("export@shop.test");
    await loadMailDir(world, dir);
    expect(gmailFor(world, ME).search("in:sent subject:alias")).toHaveLength(1);
  });

  it("drafts and sent mail written out as .eml load back into a fresh world", async () => {
    const world = new MailWorld();
    const gmail = gmailFor(world, ME);
    gmail.sendEmail(CUSTOMER, "Packing list", "20 cartons");
    gmail.createDraft(CUSTOMER, "Invoice 7", "draft body");
    const out = tempDir();
    const written = await writeMailDir(world, out, ME);
    expect(written).toHaveLength(2);
    expect(readdirSync(path.join(out, ME)).every((f) => /^[0-9a-f]{16}\.eml$/.test(f))).toBe(true);

    const again = new MailWorld();
    await loadMailDir(again, out);
    const reloaded = gmailFor(again, ME);
    expect(
      reloaded
        .search("in:sent")
        .map((t) => t.getFirstMessageSubject())
        .sort(),
    ).toEqual(["Invoice 7", "Packing list"]);
    expect(reloaded.search("subject:packing")[0].getMessages()[0].getPlainBody()).toBe("20 cartons");
  });
});
