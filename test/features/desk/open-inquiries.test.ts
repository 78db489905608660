/**
 * The desk's remembered open inquiries (src/features/desk/open-inquiries.ts): a desk finds the open inquiries
 * without a search when nobody wrote Inquiries since the last search, and never shows a stale list — a pull or
 * a person's edit makes the next desk search, and a remembered row that moved is caught when it is read.
 */
import { describe, expect, it, vi } from "vitest";
import { Budget } from "../../../src/app/budget";
import { markInquiriesWritten } from "../../../src/features/desk";
import { recallOpenRows, rememberOpenRows } from "../../../src/features/desk/open-inquiries";
import type { Desk, LogResult } from "../../../src/features/desk/types";
import { runHeartbeat } from "../../../src/features/schedule/heartbeat";
import { ENTRY_POINTS } from "../../../src/program";
import { Inquiries } from "../../../src/store/schemas";
import {
  ALICE,
  ANN,
  BOSS,
  buyerRow,
  inquiryRow,
  intakeWorld,
  makeWorld,
  NOW,
  seedRows,
  type World,
} from "../../support/world";

const HOUR = 3_600_000;

function world() {
  const buyers = ["Nordic Tools AB", "Gulf Hardware LLC", "Lisboa Ferragens Lda"].map((company, i) =>
    buyerRow({ id: `B-00000${i + 1}`, company, owner: ALICE }),
  );
  const inquiries = Array.from({ length: 6 }, (_, i) =>
    inquiryRow({
      id: `I-00000${i + 1}`,
      buyerId: buyers[i % 3].id,
      owner: ALICE,
      subject: ["Cordless drills", "Брусковые замки", "طلب عرض سعر", "Door hinges", "手电钻报价", "Cerraduras"][i],
      receivedAt: new Date(NOW.getTime() - (8 - i) * HOUR),
      status: i % 2 === 0 ? "new" : "replied",
      repliedAt: i % 2 === 0 ? null : new Date(NOW.getTime() - HOUR),
      grade: i % 2 === 0 ? "" : "B",
    }),
  );
  const w = makeWorld({ buyers, inquiries });
  // As the last pull left it: Inquiries written, nothing remembered yet.
  w.env.ctx.meter.quietly(() => w.env.ctx.runAs(BOSS, () => markInquiriesWritten(w.book)));
  return w;
}

const unanswered = (d: Desk) => d.unanswered.map((i) => i.id).sort();

function desk(w: World, user = ALICE): { desk: Desk; searches: number } {
  w.env.ctx.meter.reset();
  const d = w.ok<Desk>(user, "desk");
  return { desk: d, searches: w.env.ctx.meter.callsOf("Spreadsheet.find") };
}

describe("the desk's remembered open inquiries (R7, R8)", () => {
  it("R7, R8: the first desk after a pull searches and remembers; the next finds the same lines with no search", () => {
    const w = world();
    const first = desk(w);
    expect(first.searches).toBeGreaterThanOrEqual(1);
    expect(unanswered(first.desk)).toEqual(["I-000001", "I-000003", "I-000005"]);
    const second = desk(w);
    expect(second.searches).toBe(0);
    expect({ ...second.desk, version: "" }).toEqual({ ...first.desk, version: "" });
    // Another person's desk uses the same memory.
    expect(desk(w, BOSS).searches).toBe(0);
  });

  it("R8: an inquiry answered since is read on its remembered row and leaves the unanswered list", () => {
    const w = world();
    desk(w);
    w.ok<LogResult>(ALICE, "logFollowUp", {
      buyerId: "B-000001",
      inquiryId: "I-000001",
      channel: "phone",
      summary: "Called back, price sent",
      answered: true,
    });
    const after = desk(w);
    expect(after.searches).toBe(0);
    expect(unanswered(after.desk)).toEqual(["I-000003", "I-000005"]);
  });

  it("R7: a new inquiry written by a pull shows on the next desk (the pull marks Inquiries written)", () => {
    const w = world();
    desk(w);
    seedRows(w, "Inquiries", [
      inquiryRow({ id: "I-000007", buyerId: "B-000002", owner: ALICE, status: "new", subject: "Precio FOB" }),
    ]);
    w.env.ctx.meter.quietly(() => w.env.ctx.runAs(BOSS, () => markInquiriesWritten(w.book)));
    const after = desk(w);
    expect(after.searches).toBeGreaterThanOrEqual(1);
    expect(unanswered(after.desk)).toContain("I-000007");
  });

  it("R7: a pull that files mail marks Inquiries written", () => {
    const w = intakeWorld();
    const before = w.env.ctx.runAs(ANN, () => recallOpenRows(w.book).gen);
    w.env.mail.deliverStructured({
      from: "Omar Haddad <omar@gulfhardware.ae>",
      to: ANN,
      subject: "طلب عرض سعر - أقفال الأبواب",
      text: "نرجو إرسال عرض سعر لـ 500 قفل باب.\n\nOmar Haddad\nGulf Hardware LLC, Dubai\nTel +971 4 555 0101",
      messageId: "<rfq-1@gulfhardware.ae>",
      date: new Date(w.env.ctx.clock.now().getTime() - HOUR),
    });
    expect(w.pull(ANN).newInquiries).toBe(1);
    const after = w.env.ctx.runAs(ANN, () => recallOpenRows(w.book).gen);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it("R7: a row a person types into Inquiries shows on the next desk (the on-edit trigger marks it)", () => {
    const w = world();
    desk(w);
    seedRows(w, "Inquiries", [
      inquiryRow({ id: "I-000008", buyerId: "B-000003", owner: ALICE, status: "new", subject: "Phone: hinges" }),
    ]);
    const typed = w.env.ctx.meter.quietly(() => {
      const sheet = w.book.getSheetByName(Inquiries.name)!;
      return sheet.getRange(sheet.getLastRow(), 1, 1, Inquiries.columns.length);
    });
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    try {
      w.env.ctx.runAs(ALICE, () =>
        ENTRY_POINTS.onEdit({ range: typed } as unknown as GoogleAppsScript.Events.SheetsOnEdit),
      );
    } finally {
      vi.useRealTimers();
    }
    expect(unanswered(desk(w).desk)).toContain("I-000008");
  });

  it("R7, R8: rows sorted since (no trigger fires for a sort): the remembered rows fail their check and the desk searches", () => {
    const w = world();
    const first = desk(w);
    w.env.ctx.meter.quietly(() => {
      const sheet = w.book.getSheetByName(Inquiries.name)!;
      const subject = Inquiries.columns.findIndex((c) => c.key === "subject") + 1;
      sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: subject, ascending: true });
    });
    const after = desk(w);
    expect(after.searches).toBeGreaterThanOrEqual(1);
    expect(unanswered(after.desk)).toEqual(unanswered(first.desk));
    // The lines carry the rows they are on now.
    const rows = w.read(Inquiries).rows;
    for (const line of after.desk.unanswered) expect(line.row).toBe(rows.find((r) => r.record.id === line.id)?.row);
  });

  it("a list found while a pull wrote Inquiries is kept under the token seen before the search: never trusted", () => {
    const w = world();
    w.env.ctx.runAs(ALICE, () => {
      const seen = recallOpenRows(w.book).gen;
      markInquiriesWritten(w.book); // the pull lands between the search and the memory
      rememberOpenRows(seen, [[2, "I-000001"]]);
      expect(recallOpenRows(w.book).rows).toBeUndefined();
    });
  });

  it("R7: after a quiet night the token is gone and desks cannot remember; the hourly heartbeat searches for them", () => {
    const w = world();
    w.env.ctx.clock.advance(7 * HOUR); // six hours without a write: the script cache dropped the token
    const night = desk(w);
    expect(night.searches).toBeGreaterThanOrEqual(1);
    // No token: the search is not remembered (a desk never makes the token itself).
    expect(desk(w).searches).toBeGreaterThanOrEqual(1);
    const tick = () => w.env.ctx.runAs(BOSS, () => runHeartbeat(w.book, BOSS, w.env.ctx.clock.now(), new Budget(), {}));
    expect(tick().problems).toEqual([]);
    const morning = desk(w);
    expect(morning.searches).toBe(0);
    expect(unanswered(morning.desk)).toEqual(unanswered(night.desk));
    // A tick with the memory in place neither searches nor outdates it.
    w.env.ctx.meter.reset();
    tick();
    expect(w.env.ctx.meter.callsOf("Spreadsheet.find")).toBe(0);
    expect(desk(w).searches).toBe(0);
  });

  it("R7: a pull in the tick marks Inquiries written; the tick then searches, and the next desk shows the new inquiry unsearched", () => {
    const w = world();
    desk(w); // remembered by a desk
    w.env.ctx.meter.quietly(() => {
      seedRows(w, "Inquiries", [
        inquiryRow({ id: "I-000007", buyerId: "B-000001", owner: ALICE, subject: "Hex keys", status: "new" }),
      ]);
      w.env.ctx.runAs(BOSS, () => markInquiriesWritten(w.book)); // as the pull's commit does
    });
    w.env.ctx.meter.reset();
    w.env.ctx.runAs(BOSS, () => runHeartbeat(w.book, BOSS, w.env.ctx.clock.now(), new Budget(), {}));
    expect(w.env.ctx.meter.callsOf("Spreadsheet.find")).toBe(1);
    const next = desk(w);
    expect(next.searches).toBe(0);
    expect(unanswered(next.desk)).toEqual(["I-000001", "I-000003", "I-000005", "I-000007"]);
  });

  it("R7: more open inquiries than a tick keeps: the tick searches once per token, desks search for themselves", () => {
    const w = world();
    w.env.ctx.meter.quietly(() => {
      seedRows(
        w,
        "Inquiries",
        Array.from({ length: 501 }, (_, i) =>
          inquiryRow({ id: `I-${String(100 + i).padStart(6, "0")}`, buyerId: "B-000002", owner: ALICE, status: "new" }),
        ),
      );
      w.env.ctx.runAs(BOSS, () => markInquiriesWritten(w.book));
    });
    const tick = () => {
      w.env.ctx.meter.reset();
      w.env.ctx.runAs(BOSS, () => runHeartbeat(w.book, BOSS, w.env.ctx.clock.now(), new Budget(), {}));
      return w.env.ctx.meter.callsOf("Spreadsheet.find");
    };
    expect(tick()).toBe(1);
    expect(tick()).toBe(0);
    // Nothing kept by the tick: the desk searches, and finds them all.
    const d = desk(w);
    expect(d.searches).toBeGreaterThanOrEqual(1);
    expect(d.desk.totals.unanswered).toBeGreaterThan(500);
  });
});
