import { describe, expect, it, vi } from "vitest";
import { refreshDue } from "../../../src/features/desk/refresh-due";
import type { Desk } from "../../../src/features/desk/types";
import { ENTRY_POINTS } from "../../../src/program";
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
    // Only the changed cells are written: one write per changed row here (rows 2 and 4), never the row between.
    expect(w.env.ctx.meter.methodCalls("Range.setValues")).toBeLessThanOrEqual(2);
  });
});

describe("hand edits of Buyers (onEdit)", () => {
  const cellOf = (w: ReturnType<typeof makeWorld>, id: string, header: string) =>
    w.env.ctx.meter.quietly(() => {
      const sheet = w.book.getSheetByName(Buyers.name)!;
      const values = sheet.getDataRange().getValues();
      return sheet.getRange(values.findIndex((r) => r[0] === id) + 1, values[0].indexOf(header) + 1);
    });

  it("R20, R23: a grade typed by hand gets its due day at once, so the desk agrees with the sheet before the daily refresh", () => {
    const w = makeWorld({
      buyers: [buyerRow({ id: "B-000001", owner: ALICE, lastContact: new Date("2026-11-19T02:00:00Z") })],
    });
    const grade = cellOf(w, "B-000001", "Grade");
    // A trigger has no "now" parameter: it reads the clock.
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    try {
      w.env.ctx.runAs(ALICE, () => {
        grade.setValue("A");
        ENTRY_POINTS.onEdit({ range: grade } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
      });
    } finally {
      vi.useRealTimers();
    }
    const row = w.read(Buyers).rows[0].record;
    // Last contact Thursday 19 Nov + 3 days = Sunday 22 Nov, a day off: due Monday 23 Nov (today).
    expect(row.nextFollowUp?.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(row.daysOverdue).toBe(0);
    expect(w.ok<Desk>(ALICE, "desk").due.map((d) => [d.buyerId, d.state])).toEqual([["B-000001", "today"]]);
  });

  it("an edit of another column (notes) writes nothing", () => {
    const w = makeWorld({ buyers: [buyerRow({ id: "B-000001", owner: ALICE })] });
    const notes = cellOf(w, "B-000001", "Notes");
    w.env.ctx.meter.reset();
    w.env.ctx.runAs(ALICE, () => {
      notes.setValue("Prefers WhatsApp");
      w.env.ctx.meter.reset();
      ENTRY_POINTS.onEdit({ range: notes } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    });
    expect(w.env.ctx.meter.callsOf("Spreadsheet.write")).toBe(0);
    expect(w.read(Buyers).rows[0].record.nextFollowUp).toBeNull();
  });
});
