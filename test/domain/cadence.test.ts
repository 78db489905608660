import { describe, expect, it } from "vitest";
import {
  buyerDueDate,
  type CadenceBuyer,
  cadenceDays,
  DEFAULT_CADENCE,
  daysOverdue,
  dueList,
  dueState,
  nextFollowUp,
  parseCadenceSettings,
} from "../../src/domain/cadence";
import { addDaysToKey, daysBetweenKeys } from "../../src/domain/time";

const SH = "Asia/Shanghai";
const sh = (local: string) => new Date(`${local}+08:00`);

describe("nextFollowUp", () => {
  const since = sh("2026-11-23T15:00"); // Monday

  it("R20: A-grade buyers are due twice a week (every 3 days)", () => {
    expect(nextFollowUp(since, "A", DEFAULT_CADENCE, SH)).toBe("2026-11-26");
    // Contacting an A buyer whenever due gives at least two contacts in any 7-day window.
    let day = "2026-11-23";
    const contacts: string[] = [];
    for (let i = 0; i < 10; i++) {
      contacts.push(day);
      day = nextFollowUp(sh(`${day}T10:00`), "A", DEFAULT_CADENCE, SH);
    }
    for (let start = 0; start < 14; start++) {
      const from = addDaysToKey("2026-11-23", start);
      const inWindow = contacts.filter((c) => daysBetweenKeys(from, c) >= 0 && daysBetweenKeys(from, c) < 7);
      expect(inWindow.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("R20: B weekly, C every half month, D monthly", () => {
    expect(nextFollowUp(since, "B", DEFAULT_CADENCE, SH)).toBe("2026-11-30");
    expect(nextFollowUp(since, "C", DEFAULT_CADENCE, SH)).toBe("2026-12-08");
    expect(nextFollowUp(since, "D", DEFAULT_CADENCE, SH)).toBe("2026-12-23");
  });

  it("R23: an ungraded buyer is contacted at least once every half month", () => {
    expect(cadenceDays(undefined)).toBe(15);
    expect(nextFollowUp(since, undefined, DEFAULT_CADENCE, SH)).toBe("2026-12-08");
  });

  it("R20 over R23 by default: D stays monthly; with maxGapDays 15, R23 caps every grade", () => {
    expect(cadenceDays("D")).toBe(30);
    const r23 = { ...DEFAULT_CADENCE, maxGapDays: 15 };
    expect(cadenceDays("D", r23)).toBe(15);
    expect(cadenceDays("C", r23)).toBe(15);
    expect(cadenceDays("A", r23)).toBe(3);
    expect(nextFollowUp(since, "D", r23, SH)).toBe("2026-12-08");
  });

  it("counts from the contact's calendar day in the company zone", () => {
    const lateUtc = new Date("2026-11-26T17:00:00Z"); // 27 Nov 01:00 in Shanghai
    expect(nextFollowUp(lateUtc, "A", DEFAULT_CADENCE, SH)).toBe("2026-11-30");
    expect(nextFollowUp(lateUtc, "A", DEFAULT_CADENCE, "UTC")).toBe("2026-11-29");
  });
});

describe("due state", () => {
  it("R20: overdue, today or upcoming by calendar day in the zone", () => {
    expect(dueState("2026-11-26", sh("2026-11-26T23:59"), SH)).toBe("today");
    expect(dueState("2026-11-26", sh("2026-11-27T00:00"), SH)).toBe("overdue");
    expect(dueState("2026-11-26", sh("2026-11-25T23:59"), SH)).toBe("upcoming");
    expect(daysOverdue("2026-11-26", sh("2026-11-29T08:00"), SH)).toBe(3);
    expect(daysOverdue("2026-11-26", sh("2026-11-20T08:00"), SH)).toBe(0);
  });
});

describe("dueList", () => {
  const now = sh("2026-11-26T10:00");
  const buyers: CadenceBuyer[] = [
    { id: "b-upcoming", grade: "B", lastContactAt: sh("2026-11-25T09:00") }, // due 12-02
    { id: "d-overdue", grade: "D", lastContactAt: sh("2026-10-20T09:00") }, // due 11-19, 7 late
    { id: "a-overdue", grade: "A", lastContactAt: sh("2026-11-16T09:00") }, // due 11-19, 7 late
    { id: "a-today", grade: "A", lastContactAt: sh("2026-11-23T09:00") }, // due 11-26
    { id: "new", createdAt: sh("2026-11-01T09:00") }, // ungraded, due 11-16, 10 late
    { id: "dnc", grade: "A", lastContactAt: sh("2026-01-01T09:00"), doNotContact: true },
    { id: "unsub", grade: "B", createdAt: sh("2026-01-01T09:00"), unsubscribed: true },
  ];

  it("R20/R23: sorts most urgent first, better grade first on a tie", () => {
    const list = dueList(buyers, now, SH);
    expect(list.map((e) => e.buyer.id)).toEqual(["new", "a-overdue", "d-overdue", "a-today", "b-upcoming"]);
    expect(list.map((e) => e.state)).toEqual(["overdue", "overdue", "overdue", "today", "upcoming"]);
    expect(list[0]).toMatchObject({ dueDate: "2026-11-16", daysOverdue: 10, daysUntil: -10 });
    expect(list[4]).toMatchObject({ dueDate: "2026-12-02", daysOverdue: 0, daysUntil: 6 });
  });

  it("R23: do-not-contact and unsubscribed buyers have no due date", () => {
    expect(buyerDueDate(buyers[5], now, SH)).toBeUndefined();
    expect(buyerDueDate(buyers[6], now, SH)).toBeUndefined();
    expect(dueList(buyers, now, SH).some((e) => e.buyer.id === "dnc" || e.buyer.id === "unsub")).toBe(false);
  });

  it("R23: a buyer with no dates at all is due today rather than forgotten", () => {
    expect(buyerDueDate({ id: "x", createdAt: new Date(Number.NaN) }, now, SH)).toBe("2026-11-26");
  });

  it("can keep only buyers due within a horizon", () => {
    expect(dueList(buyers, now, SH, DEFAULT_CADENCE, 0).map((e) => e.buyer.id)).not.toContain("b-upcoming");
    expect(dueList(buyers, now, SH, DEFAULT_CADENCE, 6).map((e) => e.buyer.id)).toContain("b-upcoming");
  });
});

describe("parseCadenceSettings", () => {
  it("R20: reads days per grade, keeping defaults for the rest", () => {
    const parsed = parseCadenceSettings("A:4; B=10, ungraded:14, max:20");
    expect(parsed).toEqual({ ok: true, value: { A: 4, B: 10, C: 15, D: 30, ungraded: 14, maxGapDays: 20 } });
    expect(parseCadenceSettings("A级：3，B级：7")).toMatchObject({ ok: true, value: { A: 3, B: 7 } });
  });

  it("names the Settings key and value it cannot read", () => {
    expect(parseCadenceSettings("A:3.5", "Follow-up days")).toEqual({
      ok: false,
      errors: [{ key: "Follow-up days", value: "A:3.5", message: expect.stringContaining("whole number") }],
    });
    const bad = parseCadenceSettings("E:3");
    expect(bad.ok).toBe(false);
  });
});
