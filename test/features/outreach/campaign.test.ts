import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import {
  cancelCampaign,
  createCampaign,
  previewCampaign,
  queueCampaign,
} from "../../../src/features/outreach/campaign";
import { MARKER_KEY, sendQueuedCampaigns } from "../../../src/features/outreach/campaign-send";
import { markUnsubscribed } from "../../../src/features/outreach/unsubscribe";
import { loadTable } from "../../../src/store/load-table";
import { type Buyer, Buyers, Campaigns, FollowUps, Outbox, Settings, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { as, type TestWorld } from "../../support/gas";
import { type BookWorld, bookWorld } from "../../support/world";

const _BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
const DAY = 86_400_000;
const T0 = new Date("2026-11-23T02:00:00Z");

function seed(w: TestWorld, buyers: Partial<Buyer>[]): void {
  w.env.ctx.meter.quietly(() => {
    w.book.addEditor(LI);
    const table = loadTable(w.book, Buyers, "Asia/Shanghai");
    const writer = new TableWriter(table);
    buyers.forEach((b, i) => {
      writer.append({
        ...emptyRecord(Buyers),
        id: `B-${String(i + 1).padStart(6, "0")}`,
        status: "active",
        owner: LI,
        created: new Date("2026-01-01T00:00:00Z"),
        ...b,
      });
    });
    writer.commit();
    const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
    staff.append({ ...emptyRecord(Staff), email: LI, name: "Li Wei", role: "salesperson", status: "active" });
    staff.commit();
    const settings = loadTable(w.book, Settings, "UTC");
    const sw = new TableWriter(settings);
    const row = settings.rows.find((r) => r.record.key === "company.name")!;
    sw.update(row.record.key, { value: "Acme Tools" });
    sw.commit();
  });
}

function inboxCount(w: TestWorld, address: string): number {
  const box = w.env.mail.mailbox(address);
  return [...box.messages.values()].filter((m) => m.labels.has("INBOX")).length;
}

function inboxBodies(w: TestWorld, address: string): string[] {
  const box = w.env.mail.mailbox(address);
  return [...box.messages.values()].filter((m) => m.labels.has("INBOX")).map((m) => m.content.text);
}

function send(w: TestWorld, now: Date, user = LI) {
  w.env.ctx.clock.set(now);
  return as(w.env, user, () => sendQueuedCampaigns({ book: w.book, user, now, budget: new Budget(), slotKey: "test" }));
}

function outboxRows(w: TestWorld) {
  return w.env.ctx.meter.quietly(() => loadTable(w.book, Outbox, "Asia/Shanghai").rows.map((r) => r.record));
}

describe("campaigns: quota spill, exactly once (R11, R12, R16, R23, R24, R25)", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = bookWorld({ now: T0 });
  });

  it("R24/R25: 250 buyers at 100 a day go out over three heartbeat days, each exactly once, none to suppressed", () => {
    const buyers: Partial<Buyer>[] = [];
    for (let i = 0; i < 250; i += 1)
      buyers.push({
        email: `buyer${i}@shop${i}.de`,
        name: `Buyer ${i}`,
        country: "Germany",
        products: "LED panel",
        grade: "B",
      });
    buyers.push({ email: "gone@x.de", status: "unsubscribed", products: "LED panel" });
    buyers.push({ email: "never@x.de", status: "do-not-contact", products: "LED panel" });
    buyers.push({ email: "bounce@x.de", status: "bounced", products: "LED panel" });
    buyers.push({ email: "other@x.de", products: "solar lamp" });
    seed(w, buyers);
    const campaign = as(w.env, LI, () =>
      createCampaign(
        w.book,
        LI,
        { name: "LED news", kind: "products", segment: { products: ["LED"] }, catalogueLink: "https://acme.test/cat" },
        T0,
      ),
    );
    const preview = previewCampaign(w.book, campaign.id, T0);
    expect(preview.count).toBe(250);
    expect(preview.suppressed).toEqual({ unsubscribed: 1, "do-not-contact": 1, bounced: 1 });
    expect(preview.messages[0].body).toContain("https://acme.test/cat");
    expect(preview.messages[0].body).toContain("Li Wei");
    expect(queueCampaign(w.book, campaign.id, T0).queued).toBe(250);
    // Queueing again never queues twice.
    expect(queueCampaign(w.book, campaign.id, T0)).toMatchObject({ queued: 0, alreadyQueued: 250 });

    const day1 = send(w, T0);
    expect(day1).toMatchObject({ quotaAtStart: 100, sent: 100, stillQueued: 150, stoppedBy: "quota" });
    // Same day again: the quota is spent, nothing more goes out.
    expect(send(w, new Date(T0.getTime() + 3 * 3600_000))).toMatchObject({ sent: 0, stillQueued: 150 });
    const day2 = send(w, new Date(T0.getTime() + DAY));
    expect(day2).toMatchObject({ sent: 100, stillQueued: 50 });
    const day3 = send(w, new Date(T0.getTime() + 2 * DAY));
    expect(day3).toMatchObject({ sent: 50, stillQueued: 0 });
    expect(send(w, new Date(T0.getTime() + 3 * DAY))).toMatchObject({ sent: 0, quotaAtStart: 0 });

    for (let i = 0; i < 250; i += 1) expect(inboxCount(w, `buyer${i}@shop${i}.de`)).toBe(1);
    for (const a of ["gone@x.de", "never@x.de", "bounce@x.de", "other@x.de"]) expect(inboxCount(w, a)).toBe(0);
    const rows = outboxRows(w);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(250);
    // Each send is a Follow-ups entry of kind campaign and the buyer's last campaign, never their last contact
    // (R23: a book kept in touch by bulk mail alone is what the half-month rule prevents).
    const followUps = loadTable(w.book, FollowUps, "Asia/Shanghai").rows.map((r) => r.record);
    expect(followUps.filter((f) => f.kind === "campaign")).toHaveLength(250);
    expect(new Set(rows.map((r) => r.followUpId)).size).toBe(250);
    const b0 = loadTable(w.book, Buyers, "Asia/Shanghai").byId.get("B-000001")!.record;
    expect(b0.lastCampaign?.toISOString()).toBe(T0.toISOString());
    expect(b0.lastContact).toBeNull();
    const c = loadTable(w.book, Campaigns, "Asia/Shanghai").byId.get(campaign.id)!.record;
    expect(c).toMatchObject({ status: "done", sent: 250, recipients: 250 });
  });

  it("R24: the quota is a rolling 24 hours: a run before the window reopens sends nothing, a later slot that day does", () => {
    seed(
      w,
      Array.from({ length: 15 }, (_, i) => ({ email: `r${i}@w${i}.com` })),
    );
    const campaign = createCampaign(w.book, LI, { name: "News", kind: "news", segment: {}, text: "x" }, T0);
    queueCampaign(w.book, campaign.id, T0);
    w.env.mail.setRecipientQuota(LI, 10);
    const first = new Date(T0.getTime() + 120_000);
    expect(send(w, first).sent).toBe(10);
    // Next day, a minute before 24 hours since the first send: the quota has not come back; only Outbox is read.
    w.env.ctx.meter.keepLog = true;
    const before = w.env.ctx.meter.log().length;
    expect(send(w, new Date(first.getTime() + DAY - 60_000))).toMatchObject({
      sent: 0,
      stillQueued: 5,
      stoppedBy: "quota",
    });
    const reads = w.env.ctx.meter
      .log()
      .slice(before)
      .filter((c) => c.method === "Range.getValues");
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(send(w, new Date(first.getTime() + DAY + 3 * 3600_000))).toMatchObject({ sent: 5, stillQueued: 0 });
    for (let i = 0; i < 15; i += 1) expect(inboxCount(w, `r${i}@w${i}.com`)).toBe(1);
  });

  it("sheet writes are batched: one status write per batch, not one per message", () => {
    seed(
      w,
      Array.from({ length: 40 }, (_, i) => ({ email: `b${i}@x${i}.com`, grade: "A" as const })),
    );
    const campaign = createCampaign(w.book, LI, { name: "Hi", kind: "greeting", segment: {}, text: "Hello" }, T0);
    queueCampaign(w.book, campaign.id, T0);
    w.env.ctx.meter.keepLog = true;
    const before = w.env.ctx.meter.log().length;
    expect(send(w, T0).sent).toBe(40);
    const writes = w.env.ctx.meter
      .log()
      .slice(before)
      .filter((c) => c.method === "Range.setValues" || c.method === "Sheets.Spreadsheets.Values.batchUpdate");
    // Outbox, Follow-ups, Buyers, Campaigns: a handful of writes for 40 messages.
    expect(writes.length).toBeLessThanOrEqual(6);
  });

  it("a crash between sending and writing statuses: the next run settles from Sent mail and never sends twice", () => {
    seed(
      w,
      Array.from({ length: 30 }, (_, i) => ({ email: `c${i}@y${i}.com` })),
    );
    const campaign = createCampaign(
      w.book,
      LI,
      { name: "News", kind: "news", segment: {}, text: "Prices rise in Q1." },
      T0,
    );
    queueCampaign(w.book, campaign.id, T0);
    w.env.mail.setRecipientQuota(LI, 20);
    // The first sheet write after the sends fails: the execution dies with 20 mails out and nothing recorded.
    w.env.ctx.meter.failEvery("Spreadsheet.write.api", undefined, 1);
    expect(() => send(w, T0)).toThrow();
    w.env.ctx.meter.clearFaults();
    const marker = w.env.PropertiesService.getDocumentProperties().getProperty(MARKER_KEY + LI);
    expect(marker).not.toBeNull();
    expect(outboxRows(w).filter((r) => r.status === "sent")).toHaveLength(0);

    const next = send(w, new Date(T0.getTime() + DAY));
    expect(next.reconciled).toEqual({ sent: 20, requeued: 0, followUpsRestored: 0 });
    expect(next.sent).toBe(10);
    expect(next.stillQueued).toBe(0);
    for (let i = 0; i < 30; i += 1) expect(inboxCount(w, `c${i}@y${i}.com`)).toBe(1);
    expect(w.env.PropertiesService.getDocumentProperties().getProperty(MARKER_KEY + LI)).toBeNull();
    const followUps = loadTable(w.book, FollowUps, "Asia/Shanghai").rows.filter((r) => r.record.kind === "campaign");
    expect(followUps).toHaveLength(30);
  });

  it("a crash with only part of a batch sent: sent rows are settled, unsent rows go out once later", () => {
    seed(
      w,
      Array.from({ length: 10 }, (_, i) => ({ email: `d${i}@z${i}.com` })),
    );
    const campaign = createCampaign(w.book, LI, { name: "News", kind: "news", segment: {}, text: "x" }, T0);
    queueCampaign(w.book, campaign.id, T0);
    // The 5th send fails with an error that is not about the address: the execution stops there.
    let sends = 0;
    const real = w.env.MailApp.sendEmail.bind(w.env.MailApp);
    (w.env.MailApp as { sendEmail: unknown }).sendEmail = (...args: unknown[]) => {
      sends += 1;
      if (sends === 5) throw new Error("Exceeded maximum execution time");
      return (real as (...a: unknown[]) => void)(...args);
    };
    w.env.ctx.meter.failEvery("Spreadsheet.write.api", undefined, 1);
    expect(() => send(w, T0)).toThrow();
    w.env.ctx.meter.clearFaults();
    (w.env.MailApp as { sendEmail: unknown }).sendEmail = real;
    const next = send(w, new Date(T0.getTime() + 3600_000));
    expect(next.reconciled).toEqual({ sent: 4, requeued: 6, followUpsRestored: 0 });
    expect(next.sent).toBe(6);
    for (let i = 0; i < 10; i += 1) expect(inboxCount(w, `d${i}@z${i}.com`)).toBe(1);
  });

  it("a crash after the status write restores the missing Follow-ups entries without sending again", () => {
    seed(
      w,
      Array.from({ length: 5 }, (_, i) => ({ email: `e${i}@q${i}.com` })),
    );
    const campaign = createCampaign(w.book, LI, { name: "News", kind: "news", segment: {}, text: "x" }, T0);
    queueCampaign(w.book, campaign.id, T0);
    // Let the Outbox write through (formats + values), then fail the Follow-ups write.
    w.env.ctx.meter.keepLog = true;
    let writesSeen = 0;
    const meter = w.env.ctx.meter;
    const original = meter.call.bind(meter);
    meter.call = (type: string, method: string, units = 0) => {
      if (type === "Spreadsheet.write.api" && method === "Sheets.Spreadsheets.Values.batchUpdate") {
        writesSeen += 1;
        if (writesSeen === 2) throw new Error("Service Spreadsheets timed out");
      }
      original(type, method, units);
    };
    expect(() => send(w, T0)).toThrow();
    meter.call = original;
    expect(outboxRows(w).filter((r) => r.status === "sent")).toHaveLength(5);
    const next = send(w, new Date(T0.getTime() + 3600_000));
    expect(next.reconciled).toEqual({ sent: 0, requeued: 0, followUpsRestored: 5 });
    expect(next.sent).toBe(0);
    for (let i = 0; i < 5; i += 1) expect(inboxCount(w, `e${i}@q${i}.com`)).toBe(1);
    const followUps = loadTable(w.book, FollowUps, "Asia/Shanghai").rows.filter((r) => r.record.kind === "campaign");
    expect(followUps).toHaveLength(5);
    expect(new Set(followUps.map((f) => f.record.id))).toEqual(new Set(outboxRows(w).map((r) => r.followUpId)));
  });

  it("if Sent mail cannot be read after a crash, nothing is sent until it can", () => {
    seed(
      w,
      Array.from({ length: 3 }, (_, i) => ({ email: `f${i}@r${i}.com` })),
    );
    const campaign = createCampaign(w.book, LI, { name: "News", kind: "news", segment: {}, text: "x" }, T0);
    queueCampaign(w.book, campaign.id, T0);
    w.env.ctx.meter.failEvery("Spreadsheet.write.api", undefined, 1);
    expect(() => send(w, T0)).toThrow();
    w.env.ctx.meter.clearFaults();
    w.env.ctx.meter.failEvery("Gmail.search");
    const blocked = send(w, new Date(T0.getTime() + 3600_000));
    expect(blocked).toMatchObject({ sent: 0, stoppedBy: "error" });
    w.env.ctx.meter.clearFaults();
    const settled = send(w, new Date(T0.getTime() + 7200_000));
    expect(settled.reconciled?.sent).toBe(3);
    for (let i = 0; i < 3; i += 1) expect(inboxCount(w, `f${i}@r${i}.com`)).toBe(1);
  });

  it("R23: a buyer who unsubscribes after queueing is skipped; an 'unsubscribe' reply marks every row with that address", () => {
    seed(w, [
      { email: "keep@a.com", name: "Keep" },
      { email: "quit@b.com", name: "Quit" },
      { email: "other@c.com", otherEmails: "QUIT@b.com" },
    ]);
    const campaign = createCampaign(
      w.book,
      LI,
      { name: "Hi", kind: "holiday", segment: {}, text: "Happy new year" },
      T0,
    );
    queueCampaign(w.book, campaign.id, T0);
    const marked = markUnsubscribed(
      w.book,
      [{ fromAddress: "Quit <quit@b.com>", subject: "Re: Season's greetings", body: "Unsubscribe please" }],
      T0,
    );
    expect(marked.sort()).toEqual(["B-000002", "B-000003"]);
    expect(
      markUnsubscribed(w.book, [{ fromAddress: "keep@a.com", subject: "Re: hi", body: "Send prices" }], T0),
    ).toEqual([]);
    const r = send(w, T0);
    expect(r).toMatchObject({ sent: 1, skipped: 2 });
    expect(inboxCount(w, "keep@a.com")).toBe(1);
    expect(inboxCount(w, "quit@b.com")).toBe(0);
    expect(inboxCount(w, "other@c.com")).toBe(0);
    // The message says how to unsubscribe and carries its reference.
    expect(inboxBodies(w, "keep@a.com")[0]).toMatch(/reply "unsubscribe"\. Ref O-\d{6}/);
  });

  it("R11/R16: buyers get their own language; a cancelled campaign sends nothing more", () => {
    seed(w, [
      { email: "wang@shop.cn", name: "王先生", country: "China" },
      { email: "ann@shop.de", name: "Ann", country: "Germany" },
      { email: "late@shop.de", name: "Late", country: "Germany" },
    ]);
    const campaign = createCampaign(
      w.book,
      LI,
      {
        name: "Show",
        kind: "show",
        segment: { countries: ["China", "Germany"] },
        showName: "Canton Fair",
        booth: "11.2 C18",
        showDates: "15–19 Apr",
        showCity: "Guangzhou",
      },
      T0,
    );
    queueCampaign(w.book, campaign.id, T0);
    w.env.mail.setRecipientQuota(LI, 2);
    expect(send(w, T0).sent).toBe(2);
    expect(inboxBodies(w, "wang@shop.cn")[0]).toContain("展位号 11.2 C18");
    expect(inboxBodies(w, "ann@shop.de")[0]).toContain("booth 11.2 C18");
    cancelCampaign(w.book, campaign.id);
    expect(send(w, new Date(T0.getTime() + DAY))).toMatchObject({ sent: 0, skipped: 1, stillQueued: 0 });
    expect(inboxCount(w, "late@shop.de")).toBe(0);
  });

  it("refuses to queue a template with a misspelt merge field", () => {
    seed(w, [{ email: "a@b.com" }]);
    const campaign = createCampaign(
      w.book,
      LI,
      { name: "x", kind: "news", segment: {}, bodyEn: "Hi {{nmae}}", language: "en" },
      T0,
    );
    expect(previewCampaign(w.book, campaign.id, T0).unknownFields).toEqual(["nmae"]);
    expect(() => queueCampaign(w.book, campaign.id, T0)).toThrow(/\{\{nmae\}\}/);
    expect(outboxRows(w)).toHaveLength(0);
  });
});
