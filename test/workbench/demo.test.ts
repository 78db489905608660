import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseRawMail } from "@buyerbook/gas-emulator";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createDemo, type DemoResult, demoPlan } from "../../local/demo";
import { SETUP_SHEETS } from "../../src/store/schemas";
import { DEMO_NOW, privateDist, tempDir } from "./support";

describe("the demo company (createDemo)", () => {
  let demo: DemoResult;
  beforeAll(async () => {
    const dir = tempDir("bb-demo-");
    const dist = await privateDist(dir);
    demo = await createDemo({ dir: path.join(dir, "data"), now: DEMO_NOW, dist });
  }, 120_000);

  it("writes a real .xlsx with every Buyerbook sheet, about 60 buyers across regions and grades, staff and products", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(demo.bookPath);
    const names = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
    expect(names.slice(0, SETUP_SHEETS.length)).toEqual(SETUP_SHEETS.map((s) => s.name));

    const rows = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const out: Record<string, unknown>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const values = (row.values as unknown[]).slice(1);
        if (values.every((v) => v === null || v === undefined || v === "")) return;
        out.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
      });
      return out;
    };
    const buyers = rows("Buyers");
    expect(buyers.length).toBeGreaterThanOrEqual(55);
    // The 60 the company kept, plus the new buyers the pulls of the last three weeks added (one per newcomer).
    expect(buyers.length).toBeLessThanOrEqual(60 + demo.history.inquiries);
    expect(new Set(buyers.map((b) => b.Region)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(buyers.map((b) => b.Grade ?? "")).size).toBe(5); // A–D and not yet graded (R23)
    // No buyer twice; buyers from platform notices may have no address yet.
    const emails = buyers.map((b) => b["E-mail"]).filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.length).toBeGreaterThanOrEqual(buyers.length - 8);

    const staff = rows("Staff");
    expect(staff.map((s) => s.Role).sort()).toEqual(["assistant", "boss", "salesperson", "salesperson", "salesperson"]);
    expect(staff.filter((s) => s.Deputy).length).toBe(1);

    const products = rows("Products");
    expect(products.length).toBeGreaterThanOrEqual(8);
    for (const p of products)
      expect(String(p["Tier prices"])).toMatch(/^standard: [\d.]+; price-sensitive: [\d.]+; value-added: [\d.]+$/);

    const settings = new Map(rows("Settings").map((r) => [String(r.Key), String(r.Value ?? "")]));
    for (const key of [
      "company.name",
      "company.founded",
      "company.totalAssets",
      "company.annualSales",
      "company.awards",
      "company.contact",
      "company.phone",
      "company.fax",
    ]) {
      expect(settings.get(key), `R9 profile: ${key}`).not.toBe("");
    }
    expect(settings.get("company.name")).toBe("Ningbo Acme Tools Co., Ltd.");
    expect(rows("Follow-ups").length).toBeGreaterThan(30);
  });

  it("writes about 40 inquiry mails over the past three weeks as .eml files in each user's mailbox folder", async () => {
    const folders = readdirSync(demo.mailDir);
    expect(folders.sort()).toEqual(demo.users.map((u) => u.email).sort());
    const files = folders.flatMap((f) =>
      readdirSync(path.join(demo.mailDir, f)).map((n) => path.join(demo.mailDir, f, n)),
    );
    expect(files.length).toBe(demo.mails.length);
    const inquiries = demo.mails.filter((m) => ["inquiry", "platform", "buyer-follow-up"].includes(m.kind));
    expect(inquiries.length).toBeGreaterThanOrEqual(36);
    expect(inquiries.length).toBeLessThanOrEqual(44);
    const kinds = new Set(demo.mails.map((m) => m.kind));
    for (const k of ["platform", "reply", "auto-reply", "bounce", "newsletter"]) expect(kinds).toContain(k);

    const now = new Date(DEMO_NOW).getTime();
    const senders = new Set<string>();
    for (const file of files) {
      const mail = await parseRawMail(readFileSync(file), "<fallback@test>");
      expect(mail.date!.getTime()).toBeLessThan(now);
      expect(mail.date!.getTime()).toBeGreaterThan(now - 22 * 24 * 3600_000);
      expect(mail.subject).not.toBe("");
      senders.add(mail.from.toLowerCase());
    }
    for (const platform of ["alibaba.com", "made-in-china.com", "globalsources.com"])
      expect([...senders].some((s) => s.includes(platform))).toBe(true);
  });

  it("is the same on every run (seeded) and moves with now", () => {
    const again = demoPlan(new Date(DEMO_NOW));
    expect(again.mails.map((m) => m.raw)).toEqual(demo.mails.map((m) => m.raw));
    expect(JSON.stringify(again.book)).toBe(JSON.stringify(demoPlan(new Date(DEMO_NOW)).book));
    const later = demoPlan(new Date(new Date(DEMO_NOW).getTime() + 7 * 24 * 3600_000));
    expect(later.mails[0].date.getTime() - demo.mails[0].date.getTime()).toBe(7 * 24 * 3600_000);
  });

  it("R6, C2: installs each demo user's heartbeat on the hour; the mail of the last day still waits for a pull", () => {
    const { session } = demo;
    const heartbeats = session.env.ScriptApp.allTriggers().filter((t) => t.handler === "heartbeat");
    expect(heartbeats.map((t) => t.owner).sort()).toEqual(demo.users.map((u) => u.email).sort());
    // Created at the top of the hour, so each fires on the hour (the Saturday 16:00 step meets the report slot).
    for (const fire of session.env.scheduler.nextFires()) expect(fire.at.getUTCMinutes()).toBe(0);
    expect(demo.history.waiting).toBeGreaterThanOrEqual(3);
    const before = sheetRows(session, "Inquiries").length;
    let inquiries = 0;
    for (const u of demo.users.filter((x) => x.role !== "boss")) {
      const result = JSON.parse(session.run<string>("menuPullNow", [], u.email)) as { newInquiries: number };
      inquiries += result.newInquiries;
    }
    expect(inquiries).toBeGreaterThanOrEqual(3);
    const all = sheetRows(session, "Inquiries");
    expect(all.length).toBe(before + inquiries);
    expect(all.length).toBeGreaterThanOrEqual(36);
    expect(all.length).toBeLessThanOrEqual(44);
  });

  it("C2, C4, R8, R18, R33: three weeks lived through the add-on — pulled, graded, answered, quoted, sampled, reported", () => {
    const { session, history } = demo;
    expect(history.problems).toEqual([]);
    const inquiries = sheetRows(session, "Inquiries");
    expect(inquiries.length).toBeGreaterThan(25);
    expect(inquiries.filter((r) => r.Grade !== "").length).toBeGreaterThan(15);
    // E-mail answers seen by the pull, platform answers logged in the sidebar: response hours are measured.
    expect(inquiries.filter((r) => r["Response (working h)"] !== "").length).toBeGreaterThan(5);
    const followUps = sheetRows(session, "Follow-ups");
    expect(followUps.length).toBeGreaterThan(60);
    expect(new Set(followUps.map((r) => r.Kind))).toEqual(new Set(["grade", "follow-up"]));
    const quotes = sheetRows(session, "Quotes");
    expect(quotes.length).toBeGreaterThan(3);
    expect(quotes.every((q) => /^Q-\d{4}-\d{4,}$/.test(q["Quote no."]))).toBe(true);
    expect(new Set(quotes.map((q) => q.Status))).toEqual(new Set(["draft", "sent"]));
    const samples = sheetRows(session, "Samples");
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.some((s) => s.Sent !== "")).toBe(true);
    // Drafts of the quotes wait in the salespeople's Gmail; the boss's weekly reports are Docs.
    const drafts = demo.users.flatMap((u) =>
      session.env.mail.hasMailbox(u.email)
        ? [...session.env.mail.mailbox(u.email).messages.values()].filter((m) => m.draftId)
        : [],
    );
    expect(drafts.length).toBeGreaterThan(3);
    const reports = session.env.ctx.files.all().filter((f) => /weekly report|周报/i.test(f.name));
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(history.reports.length).toBe(reports.length);
  });
});

function sheetRows(session: DemoResult["session"], name: string): Record<string, string>[] {
  const values = session.book().getSheetByName(name)!.getDataRange().getDisplayValues();
  const [header, ...rows] = values;
  return rows.filter((r) => r.some((v) => v !== "")).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
