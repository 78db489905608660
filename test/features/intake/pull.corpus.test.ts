import { beforeAll, describe, expect, it } from "vitest";
import type { PullResult } from "../../../src/features/intake/pull";
import { CORPUS, corpusTotals, KNOWN_BUYER, PULL_AT } from "../../fixtures/intake/corpus";
import { ANN, formulasOf, type IntakeWorld, intakeWorld, SHEETS_WITH_INTAKE, seedBuyer } from "../../support/world";

describe("Intake corpus: every message imported or logged with its reason (C2, R7, R8, R21, R22, R26)", () => {
  let w: IntakeWorld;
  let result: PullResult;
  let inquiries: Record<string, unknown>[];
  let buyers: Record<string, unknown>[];
  let log: unknown[][];

  beforeAll(async () => {
    w = intakeWorld({ now: PULL_AT });
    seedBuyer(w, KNOWN_BUYER);
    w.setSetting("intake.ignore", "@seo-offers.net");
    for (const c of CORPUS) await w.env.mail.deliverRaw(c.raw, { mailboxes: [ANN] });
    result = w.pull(ANN);
    inquiries = w.records("Inquiries");
    buyers = w.records("Buyers");
    log = w.rows("Log");
  });

  it("holds at least 40 messages and the run finishes without problems", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(result.partial).toBe(false);
    expect(result.problems).toEqual([]);
    expect(result.messages).toBe(CORPUS.length);
  });

  it("C2: the totals add up: inquiries + replies + skipped = every message", () => {
    const totals = corpusTotals();
    expect(result.newInquiries).toBe(totals.inquiries);
    expect(inquiries).toHaveLength(totals.inquiries);
    expect(result.repliesMatched).toBe(totals.replies);
    expect(result.conversationsUpdated).toBe(totals.continued);
    expect(result.skipped).toEqual(totals.skipped);
  });

  const byRfc = (id: string) => inquiries.find((r) => r.rfcMessageId === id);

  for (const c of CORPUS) {
    const rule = { reply: "R7, R8", continues: "R8", skip: "C2", inquiry: "R21, R22" }[c.expected.kind];
    it(`${rule}: ${c.name}`, () => {
      const e = c.expected;
      if (e.kind === "skip") {
        expect(byRfc(c.id)).toBeUndefined();
        const line = log.find((l) => l[3] === c.id);
        expect(line, `Log line for ${c.id}`).toBeDefined();
        expect(line![2]).toBe("intake.skip");
        expect(String(line![4]).startsWith(`${e.reason}:`)).toBe(true);
        return;
      }
      if (e.kind === "reply") {
        expect(byRfc(c.id)).toBeUndefined();
        const answered = byRfc(e.answers)!;
        expect(answered.repliedAt).toBeInstanceOf(Date);
        expect(answered.responseHours).toBe(e.responseHours);
        expect(answered.overdue).toBe(false);
        expect(String(answered.messageLog)).toContain(`<${c.id}>`);
        return;
      }
      if (e.kind === "continues") {
        expect(byRfc(c.id)).toBeUndefined();
        const row = byRfc(e.of)!;
        expect(String(row.messageLog)).toContain(`<${c.id}>`);
        for (const [k, v] of Object.entries(e.row ?? {})) expect(row[k], k).toEqual(v);
        return;
      }
      const row = byRfc(c.id);
      expect(row, `inquiry for ${c.id}`).toBeDefined();
      expect(row!.id).toMatch(/^I-\d{6}$/);
      expect(row!.mailbox).toBe(ANN);
      expect(row!.grade).toBe(""); // R10: graded at triage, not at intake
      expect(row!.receivedAt).toBeInstanceOf(Date);
      expect(row!.targetAt).toBeInstanceOf(Date);
      expect(row!.owner).not.toBe("");
      for (const [k, v] of Object.entries(e.row ?? {})) expect(row![k], k).toEqual(v);
      const buyer = buyers.find((b) => b.id === row!.buyerId);
      expect(buyer, `buyer ${String(row!.buyerId)}`).toBeDefined();
      for (const [k, v] of Object.entries(e.buyer ?? {})) expect(buyer![k], `buyer.${k}`).toEqual(v);
    });
  }

  it("R21: one new buyer per new sender; the known company gets no second buyer", () => {
    const emails = buyers.map((b) => String(b.email)).filter((e) => e !== "");
    expect(new Set(emails).size).toBe(emails.length);
    expect(buyers.filter((b) => String(b.company).startsWith("Brightway"))).toHaveLength(1);
    expect(result.newBuyers).toBe(buyers.length - 1);
    // A platform's own sender address never becomes a buyer's address (two Alibaba buyers stay two).
    expect(emails.filter((e) => /alibaba|made-in-china|globalsources|acme-tools/.test(e))).toEqual([]);
    // Tom's three messages (his, our answer, his again) are one conversation: one row.
    const tom = inquiries.filter((r) => r.fromEmail === "tom@kiwi-lamps.co.nz");
    expect(tom).toHaveLength(1);
    expect(tom[0].messages).toBe(3);
  });

  it("R26: the fax inquiry's limit is 12 h, mail's is the 24 h limit", () => {
    const fax = byRfc("c26@efax.com")!;
    const mail = byRfc("c07@eclairage-pro.fr")!;
    expect(fax.channel).toBe("fax");
    expect((fax.limitAt as Date).getTime()).toBeLessThan((mail.limitAt as Date).getTime());
  });

  it("no formula is ever written: Buyers, Inquiries and Log hold values only", () => {
    for (const name of SHEETS_WITH_INTAKE)
      expect(
        formulasOf(w, name).every((f) => f === ""),
        name,
      ).toBe(true);
    const hostile = byRfc("c37@evil.example")!;
    expect(hostile.subject).toBe('=IMPORTXML("http://x","//a")');
  });

  it("the 60,000-character body: summary capped, every cell within the 50,000-character limit", () => {
    const long = byRfc("c39@bigtext.example")!;
    expect(String(long.summary).length).toBeLessThanOrEqual(500);
    expect(String(long.summary).startsWith("We need LED tubes.")).toBe(true);
    for (const name of SHEETS_WITH_INTAKE)
      for (const line of w.rows(name)) for (const cell of line) expect(String(cell).length).toBeLessThanOrEqual(50_000);
  });

  it("HTML-only mail is summarised as text, scripts and tags dropped", () => {
    const html = byRfc("c11@lumenhaus.nl")!;
    expect(html.summary).toContain("1200 pcs");
    expect(String(html.summary)).not.toMatch(/<|alert/);
  });

  it("the Gmail label goes on every thread that was read", () => {
    const labelled = w.env.ctx.meter.quietly(() =>
      w.env.ctx.runAs(ANN, () => GmailApp.getUserLabelByName("Buyerbook/Imported")!.getThreads(0, 500).length),
    );
    expect(labelled).toBe(result.labelled);
    const unlabelled = w.env.ctx.meter.quietly(() =>
      w.env.ctx.runAs(ANN, () => GmailApp.search("in:inbox -label:Buyerbook/Imported").length),
    );
    expect(unlabelled).toBe(0);
  });
});
