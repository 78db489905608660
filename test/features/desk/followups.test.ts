/**
 * Follow-ups that mean what they say (R8, R20, R23) and clicks that answer with what changed (one round trip):
 * the next follow-up a person is told is never a day already past, due days skip days off, the graded
 * inquiry's answer counts as contact, and every click returns the card, the history line and the desk's lines.
 */
import { describe, expect, it } from "vitest";
import type { Desk, DeskVersion, GradeResult, LogResult } from "../../../src/features/desk/types";
import { Buyers, Settings } from "../../../src/store/schemas";
import { ALICE, BOB, BOSS, buyerRow, inquiryRow, makeWorld, NOW, type World } from "../../support/world";

const DAY = 86_400_000;

function world(): World {
  return makeWorld({
    buyers: [
      buyerRow({
        id: "B-000001",
        company: "Nordic Tools AB",
        name: "Erik",
        email: "erik@nordictools.se",
        owner: ALICE,
      }),
      buyerRow({
        id: "B-000002",
        company: "Hanoi Hardware JSC",
        name: "Nguyễn Văn An",
        email: "an@hanoihw.vn",
        owner: ALICE,
        grade: "C",
        lastContact: new Date("2026-11-20T03:00:00Z"),
      }),
    ],
    inquiries: [
      // Received 10 days ago, answered by mail on Friday 20 Nov, never graded (R10 backlog).
      inquiryRow({
        id: "I-000001",
        buyerId: "B-000001",
        owner: ALICE,
        subject: "Anfrage: Akku-Bohrschrauber 18V, 500 Stück",
        receivedAt: new Date(NOW.getTime() - 10 * DAY),
        status: "replied",
        repliedAt: new Date("2026-11-20T06:00:00Z"),
      }),
      inquiryRow({ id: "I-000002", buyerId: "B-000002", owner: ALICE, subject: "Hỏi giá máy khoan" }),
    ],
  });
}

function setHolidays(w: World, days: string): void {
  w.env.ctx.meter.quietly(() => {
    const sheet = w.book.getSheetByName(Settings.name)!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === "holidays");
    sheet.getRange(row + 1, 2).setValue(days);
  });
}

const buyer = (w: World, id: string) => w.read(Buyers).rows.find((r) => r.record.id === id)!.record;

describe("follow-ups that mean what they say (R8, R20, R23)", () => {
  it("R20: the graded inquiry's answer counts as the last contact, so the next follow-up counts from it", () => {
    const w = world();
    const r = w.ok<GradeResult>(ALICE, "gradeInquiry", { inquiryId: "I-000001", grade: "B" });
    // Answered Friday 20 Nov (Shanghai): B is weekly -> Friday 27 Nov.
    expect(buyer(w, "B-000001").lastContact?.toISOString()).toBe("2026-11-20T06:00:00.000Z");
    expect(r.nextFollowUp).toBe("2026-11-26T16:00:00.000Z");
  });

  it("R20, R23: a buyer overdue when graded is told 'next follow-up today', never a past day; the sheet keeps the true due day", () => {
    const w = world();
    const r = w.ok<GradeResult>(ALICE, "gradeBuyer", { buyerId: "B-000001", grade: "A" });
    // Never contacted since 1 Nov: A (3 days) was due 4 Nov. Today is 23 Nov in Shanghai.
    expect(r.nextFollowUp).toBe("2026-11-22T16:00:00.000Z");
    const row = buyer(w, "B-000001");
    expect(row.nextFollowUp?.toISOString()).toBe("2026-11-03T16:00:00.000Z");
    expect(row.daysOverdue).toBe(19);
    expect(r.patch?.desk.due).toEqual([
      { id: "B-000001", entry: expect.objectContaining({ state: "overdue", daysOverdue: 19 }) },
    ]);
  });

  it("R20: a due day on a weekend or a holiday (Settings) moves to the next working day", () => {
    const w = world();
    setHolidays(w, "2026-11-30, 2026-12-01");
    // Logged Monday 23 Nov: B-000002 is C (15 days) -> Tuesday 8 Dec, a working day.
    const c = w.ok<LogResult>(ALICE, "logFollowUp", { buyerId: "B-000002", channel: "phone", summary: "Gọi điện" });
    expect(c.nextFollowUp).toBe("2026-12-07T16:00:00.000Z");
    // Graded B: 23 Nov + 7 = Monday 30 Nov and Tuesday 1 Dec are holidays -> Wednesday 2 Dec.
    const b = w.ok<GradeResult>(ALICE, "gradeBuyer", { buyerId: "B-000002", grade: "B" });
    expect(b.nextFollowUp).toBe("2026-12-01T16:00:00.000Z");
    // Logged on Thursday 26 Nov as A (3 days): Sunday 29 Nov -> Monday 30 Nov is a holiday too -> 2 Dec.
    w.ok(ALICE, "gradeBuyer", { buyerId: "B-000001", grade: "A" });
    const thursday = new Date("2026-11-26T02:00:00Z");
    const a = w.ok<LogResult>(
      ALICE,
      "logFollowUp",
      { buyerId: "B-000001", channel: "email", summary: "Sent the catalogue" },
      thursday,
    );
    expect(a.nextFollowUp).toBe("2026-12-01T16:00:00.000Z");
  });

  it("R8: a follow-up that answered by phone answers the inquiry; the desk's 'not answered' loses it in the same reply", () => {
    const w = world();
    const before = w.ok<Desk>(ALICE, "desk");
    expect(before.unanswered.map((i) => i.id)).toEqual(["I-000002"]);
    const r = w.ok<LogResult>(ALICE, "logFollowUp", {
      buyerId: "B-000002",
      inquiryId: "I-000002",
      channel: "phone",
      summary: "Đã báo giá qua điện thoại",
      answered: true,
    });
    expect(r.answered?.inquiryId).toBe("I-000002");
    expect(r.patch.desk.unanswered).toEqual([{ id: "I-000002", entry: null }]);
    expect(r.patch.desk.totals.unanswered).toBe(-1);
    // Still ungraded: it stays on that list, now answered.
    expect(r.patch.desk.ungraded).toEqual([{ id: "I-000002", entry: expect.objectContaining({ id: "I-000002" }) }]);
    expect(w.ok<Desk>(ALICE, "desk").unanswered).toEqual([]);
  });
});

describe("one round trip per click: what changed comes back", () => {
  it("C3, R10: grading an inquiry answers with the buyer's card, the new history line (by name) and the desk's changes", () => {
    const w = world();
    const r = w.ok<GradeResult>(ALICE, "gradeInquiry", { inquiryId: "I-000002", grade: "A" });
    const patch = r.patch!;
    expect(patch.buyer).toMatchObject({ id: "B-000002", grade: "A", ownerName: "Alice" });
    expect(patch.inquiries).toEqual([expect.objectContaining({ id: "I-000002", grade: "A" })]);
    expect(patch.history).toEqual([
      expect.objectContaining({
        kind: "followup",
        id: r.followUpId,
        status: "grade",
        by: "Alice",
        title: "Grade – → A",
      }),
    ]);
    // Graded: off the ungraded list, still not answered (with its new grade).
    expect(patch.desk.ungraded).toEqual([{ id: "I-000002", entry: null }]);
    expect(patch.desk.unanswered).toEqual([{ id: "I-000002", entry: expect.objectContaining({ grade: "A" }) }]);
    expect(patch.desk.totals).toMatchObject({ ungraded: -1, unanswered: 0 });
  });

  it("C3: the same click on the same buyer, then the desk read afresh, agree", () => {
    const w = world();
    const desk = w.ok<Desk>(ALICE, "desk");
    const r = w.ok<GradeResult>(ALICE, "gradeInquiry", { inquiryId: "I-000002", grade: "D" });
    const totals = { ...desk.totals };
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r.patch!.desk.totals[k];
    expect(w.ok<Desk>(ALICE, "desk").totals).toEqual(totals);
  });
});

describe("a live sidebar: the desk's version", () => {
  it("C2, C3: the version moves when a colleague's click or the due-date refresh changes desk data, and the desk carries it", () => {
    const w = world();
    const first = w.ok<DeskVersion>(ALICE, "deskVersion");
    expect(first.lang).toBe("en");
    w.ok(BOSS, "gradeBuyer", { buyerId: "B-000002", grade: "B" });
    const second = w.ok<DeskVersion>(ALICE, "deskVersion");
    expect(second.version).not.toBe(first.version);
    expect(w.ok<Desk>(ALICE, "desk").version).toBe(second.version);
    // Nothing changed: the same version (the sidebar fetches nothing more).
    expect(w.ok<DeskVersion>(BOB, "deskVersion").version).toBe(second.version);
  });

  it("C3: asking for the version is cheap: at most two property reads, no Sheets call", () => {
    const w = world();
    w.ok(ALICE, "deskVersion");
    w.env.ctx.meter.reset();
    w.ok(ALICE, "deskVersion");
    expect(w.env.ctx.meter.callsOf("Spreadsheet")).toBe(0);
    // The version, and the vouches for deputies (store/deputies.ts), read only while someone's deputy is in force.
    expect(w.env.ctx.meter.callsOf("Properties.get")).toBeLessThanOrEqual(2);
  });
});
