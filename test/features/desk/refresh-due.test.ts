import { describe, expect, it } from "vitest";
import { refreshDue } from "../../../src/features/desk/refresh-due";
import { Buyers } from "../../../src/store/schemas";
import { ALICE, buyerRow, makeWorld, NOW } from "../../support/world";

describe("Refresh due dates (R20, R23)", () => {
  it("R20, R23: writes Next follow-up and Days overdue from grade and last contact, only where they changed", () => {
    const w = makeWorld({
      buyers: [
        // A, last contact 15 Nov (Shanghai): due 18 Nov, 5 days overdue on 23 Nov.
        buyerRow({ id: "B-000001", grade: "A", owner: ALICE, lastContact: new Date("2026-11-15T02:00:00Z") }),
        // Ungraded, created 20 Nov: 15 days (R23) is Saturday 5 Dec, a day off: due Monday 7 Dec.
        buyerRow({ id: "B-000002", owner: ALICE, created: new Date("2026-11-20T02:00:00Z") }),
        // D, contacted 24 Oct: due 23 Nov — today.
        buyerRow({ id: "B-000003", grade: "D", owner: ALICE, lastContact: new Date("2026-10-24T02:00:00Z") }),
        // Asked not to be contacted: nothing is ever due.
        buyerRow({
          id: "B-000004",
          grade: "A",
          status: "do-not-contact",
          nextFollowUp: new Date("2026-11-01T16:00:00Z"),
        }),
      ],
    });
    const first = w.env.ctx.runAs(ALICE, () => refreshDue(w.book, NOW));
    expect(first).toMatchObject({ buyers: 4, changed: 4, overdue: 1, dueToday: 1, problems: [] });
    const rows = new Map(w.read(Buyers).rows.map((r) => [r.record.id, r.record]));
    expect(rows.get("B-000001")).toMatchObject({ daysOverdue: 5 });
    expect(rows.get("B-000001")?.nextFollowUp?.toISOString()).toBe("2026-11-17T16:00:00.000Z");
    expect(rows.get("B-000002")?.nextFollowUp?.toISOString()).toBe("2026-12-06T16:00:00.000Z");
    expect(rows.get("B-000003")).toMatchObject({ daysOverdue: 0 });
    expect(rows.get("B-000004")).toMatchObject({ nextFollowUp: null, daysOverdue: null });
    // The next day only the overdue counts move; a second run the same day changes nothing.
    expect(w.env.ctx.runAs(ALICE, () => refreshDue(w.book, NOW)).changed).toBe(0);
    w.env.ctx.meter.reset();
    const nextDay = w.env.ctx.runAs(ALICE, () => refreshDue(w.book, new Date(NOW.getTime() + 86_400_000)));
    expect(nextDay.changed).toBe(2);
    expect(w.env.ctx.meter.methodCalls("Range.setValues")).toBe(1);
  });
});
