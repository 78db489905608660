import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import { type DigestResult, digestKey, digestRunner } from "../../../src/features/schedule/digest";
import { markScheduleStart, runHeartbeat } from "../../../src/features/schedule/heartbeat";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { bookState } from "../../../src/gas/book-state";
import type { SheetSpec } from "../../../src/store/columns";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { installGas, type TestWorld } from "../../support/gas";

/** Company wall time (Shanghai, UTC+8). */
const sh = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);
const AMY = "amy@acme-tools.cn";
const LI = "li@acme-tools.cn";
const WANG = "wang@acme-tools.cn";
const BOSS = "boss@acme-tools.cn";
const MONDAY_8 = sh("2026-11-23 08:05");

function append<S extends SheetSpec>(w: TestWorld, spec: S, records: Record<string, unknown>[]): void {
  const writer = new TableWriter(loadTable(w.book, spec, "Asia/Shanghai"));
  for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

function world(): TestWorld {
  const w = installGas({ owner: AMY, now: MONDAY_8.toISOString() });
  w.env.ctx.meter.quietly(() => {
    setupWorkbook(w.book, AMY, "en", sh("2026-10-01 09:00"));
    w.book.addEditors([BOSS, LI, WANG]);
    append(w, Staff, [
      { email: BOSS, name: "Boss Zhang", role: "boss", status: "active" },
      { email: LI, name: "李娜", role: "salesperson", status: "active", language: "zh-CN" },
      { email: WANG, name: "Wang Wei", role: "salesperson", status: "active", language: "en" },
    ]);
    append(w, Buyers, [
      // Li's: A buyer last contacted a week ago (A is due every 3 days): 4 days overdue.
      {
        id: "B-000001",
        company: "Berliner Werkzeug GmbH",
        grade: "A",
        owner: LI,
        status: "active",
        created: sh("2026-09-01 09:00"),
        lastContact: sh("2026-11-16 10:00"),
      },
      // Li's: C buyer contacted 15 days ago: due today.
      {
        id: "B-000002",
        company: "شركة الخليج للتجارة",
        grade: "C",
        owner: LI,
        status: "active",
        created: sh("2026-09-01 09:00"),
        lastContact: sh("2026-11-08 10:00"),
      },
      // Li's: B buyer contacted yesterday: not due.
      {
        id: "B-000003",
        company: "Hanoi Hardware",
        grade: "B",
        owner: LI,
        status: "active",
        created: sh("2026-09-01 09:00"),
        lastContact: sh("2026-11-22 10:00"),
      },
      // Li's, but asked not to be contacted: never due.
      {
        id: "B-000004",
        company: "Quiet Co",
        grade: "A",
        owner: LI,
        status: "do-not-contact",
        created: sh("2026-09-01 09:00"),
      },
      // Wang's: overdue, but not Li's business.
      {
        id: "B-000005",
        company: "Austin Supply",
        grade: "A",
        owner: WANG,
        status: "active",
        created: sh("2026-09-01 09:00"),
        lastContact: sh("2026-11-01 10:00"),
      },
    ]);
    append(w, Inquiries, [
      // Friday evening: past the one-day limit by Monday 08:05? Limit is Monday 18:00 — target passed (Monday 11:00 is today).
      {
        id: "I-000001",
        receivedAt: sh("2026-11-21 20:00"),
        buyerId: "B-000001",
        fromName: "Jonas Weber",
        subject: "Anfrage Akku-Bohrschrauber",
        owner: LI,
        status: "new",
        channel: "email",
      },
      // A week old and unanswered: past the limit.
      {
        id: "I-000002",
        receivedAt: sh("2026-11-16 10:00"),
        fromName: "Ольга",
        subject: "Запрос цены на дрели",
        owner: LI,
        status: "new",
        channel: "email",
      },
      // Answered: not in the digest.
      {
        id: "I-000003",
        receivedAt: sh("2026-11-20 10:00"),
        subject: "Old question",
        owner: LI,
        status: "replied",
        channel: "email",
        repliedAt: sh("2026-11-20 11:00"),
      },
      // Li's, handled by Wang while Li was away: Wang's.
      {
        id: "I-000004",
        receivedAt: sh("2026-11-22 09:00"),
        subject: "Yêu cầu báo giá",
        owner: LI,
        assignedTo: WANG,
        status: "new",
        channel: "email",
      },
    ]);
  });
  return w;
}

const run = (w: TestWorld, user: string, now: Date, budget = new Budget()) =>
  w.env.ctx.runAs(user, () =>
    digestRunner({ book: w.book, user, now, budget, slotKey: "digest@x", withLock: (fn) => fn() }),
  ) as DigestResult & { done?: boolean };

const mailTo = (w: TestWorld, who: string) =>
  w.env.mail
    .mailbox(who)
    .sortedThreads()
    .flatMap((t) => t.messages);

describe("the morning digest (R8, R20, R23)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = world();
  });

  it("R20, R8: Li gets her due buyers and her inquiries near their reply target, in her language", () => {
    const r = run(w, LI, MONDAY_8);
    expect(r).toMatchObject({ sent: true, due: 2, inquiries: 2 });
    const [mail] = mailTo(w, LI);
    expect(mail.content.subject).toBe("Buyerbook 今日提醒：2 个客户待跟进，2 条询盘待回复");
    const text = mail.content.text;
    expect(text).toContain("李娜，早上好");
    // Most overdue first; the do-not-contact buyer, the one not due and Wang's buyer are not listed.
    expect(text.indexOf("Berliner Werkzeug GmbH（B-000001），A 类：已逾期 4 天")).toBeGreaterThan(-1);
    expect(text.indexOf("شركة الخليج للتجارة（B-000002），C 类：今天到期")).toBeGreaterThan(
      text.indexOf("Berliner Werkzeug GmbH"),
    );
    for (const other of ["Hanoi Hardware", "Quiet Co", "Austin Supply"]) expect(text).not.toContain(other);
    // The week-old inquiry is past its limit and comes first; the answered one and Wang's are not listed.
    expect(text).toContain("I-000002，来自 Ольга：Запрос цены на дрели（已超过最迟回复时间");
    expect(text).toContain("I-000001，来自 Jonas Weber：Anfrage Akku-Bohrschrauber（请在 2026-11-23 11:00 前回复");
    expect(text.indexOf("I-000002")).toBeLessThan(text.indexOf("I-000001"));
    expect(text).not.toContain("I-000003");
    expect(text).not.toContain("I-000004");
  });

  it("Wang's digest is in English and lists the inquiry he handles for Li", () => {
    run(w, WANG, MONDAY_8);
    const [mail] = mailTo(w, WANG);
    expect(mail.content.subject).toBe("Buyerbook today: 1 follow-up due, 1 inquiry to answer");
    expect(mail.content.text).toContain("- Austin Supply (B-000005), grade A:");
    expect(mail.content.text).toContain("I-000004 from —: Yêu cầu báo giá");
  });

  it("once a day per person, even when the tick is retried; the next day it comes again", () => {
    expect(run(w, LI, MONDAY_8).sent).toBe(true);
    expect(run(w, LI, sh("2026-11-23 09:05"))).toMatchObject({ sent: false, skipped: "already-sent" });
    expect(mailTo(w, LI)).toHaveLength(1);
    expect(bookState(w.book.getId()).get(digestKey(LI), "")).toBe("2026-11-23");
    expect(run(w, LI, sh("2026-11-24 08:05")).sent).toBe(true);
    expect(mailTo(w, LI)).toHaveLength(2);
  });

  it("a tick without time for the send and its record sends nothing and tries again later", () => {
    const spent = new Budget(1_000, () => 0);
    spent.has = () => false;
    expect(run(w, LI, MONDAY_8, spent)).toMatchObject({ sent: false, skipped: "no-time", done: false });
    expect(mailTo(w, LI)).toHaveLength(0);
    expect(run(w, LI, MONDAY_8).sent).toBe(true);
  });

  it("Staff Digest = off: no mail; the boss and the assistant get none", () => {
    w.env.ctx.meter.quietly(() => {
      const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
      staff.update(LI, { digest: "off" });
      staff.commit();
    });
    expect(run(w, LI, MONDAY_8)).toMatchObject({ sent: false, skipped: "opted-out" });
    expect(run(w, BOSS, MONDAY_8)).toMatchObject({ sent: false, skipped: "not-salesperson" });
    expect(run(w, AMY, MONDAY_8)).toMatchObject({ sent: false, skipped: "not-salesperson" });
    expect([...mailTo(w, LI), ...mailTo(w, BOSS), ...mailTo(w, AMY)]).toEqual([]);
  });

  it("R8: the heartbeat sends the digest at 08:00 from Li's own tick, once, however many ticks follow", () => {
    w.env.ctx.meter.quietly(() => markScheduleStart(w.book, sh("2026-11-23 00:00")));
    const jobs = { digest: { run: digestRunner, perUser: true, minMs: 0 } };
    const ticks = ["07:05", "08:05", "09:05", "10:05"].map((t) =>
      w.env.ctx.runAs(LI, () => runHeartbeat(w.book, LI, sh(`2026-11-23 ${t}`), new Budget(), jobs)),
    );
    expect(ticks.map((t) => t.ran.map((r) => r.slotKey))).toEqual([[], ["digest@2026-11-23T08:00"], [], []]);
    expect(mailTo(w, LI)).toHaveLength(1);
  });
});
