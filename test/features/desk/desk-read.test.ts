/**
 * The desk's column reads (kept fast on a big book): the same desk as a whole-table read, whatever the column order,
 * for far fewer cells; the read planner; samples whose feedback is due (R27); the team and the offboarding
 * preview (R1, R29).
 */
import { describe, expect, it } from "vitest";
import { measureOpen } from "../../../bench/sidebar";
import { loadRpcContext } from "../../../src/app/context";
import { buildDesk } from "../../../src/features/desk/desk";
import { loadDeskRows } from "../../../src/features/desk/load";
import type { Desk } from "../../../src/features/desk/types";
import { CELLS_PER_CALL, planSpans } from "../../../src/store/column-reader";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries } from "../../../src/store/schemas";
import { ALICE, BOB, BOSS, buyerRow, inquiryRow, makeWorld, NOW } from "../../support/world";

const DAY = 86_400_000;
const CAROL = "carol@acme-tools.cn";

/** 40 buyers and 120 inquiries of every kind: open, answered, closed, graded or not, Alice's, Bob's (away), Carol's. */
function mixedWorld() {
  const owners = [ALICE, BOB, CAROL];
  const buyers = Array.from({ length: 40 }, (_, i) =>
    buyerRow({
      id: `B-${String(i + 1).padStart(6, "0")}`,
      company: `Company ${i + 1}`,
      owner: owners[i % 3],
      grade: (["A", "B", "C", "D", ""] as const)[i % 5],
      status: i % 11 === 0 ? "unsubscribed" : "active",
      created: new Date(NOW.getTime() - (i % 50) * DAY),
      lastContact: i % 4 === 0 ? null : new Date(NOW.getTime() - (i % 17) * DAY),
    }),
  );
  const inquiries = Array.from({ length: 120 }, (_, i) =>
    inquiryRow({
      id: `I-${String(i + 1).padStart(6, "0")}`,
      buyerId: buyers[i % 40].id,
      owner: buyers[i % 40].owner,
      assignedTo: i % 13 === 0 ? ALICE : "",
      receivedAt: new Date(NOW.getTime() - (120 - i) * 3_600_000),
      status: i % 7 === 0 ? "closed" : i % 3 === 0 ? "new" : "replied",
      repliedAt: i % 3 === 0 ? null : new Date(NOW.getTime() - (100 - i) * 3_600_000),
      grade: i % 4 === 0 ? "" : (["A", "B", "C", "D"] as const)[i % 4],
      subject: `Inquiry ${i + 1}`,
    }),
  );
  return makeWorld({ buyers, inquiries });
}

/** The desk as it was computed before: both sheets read whole, the same context. */
function wholeTableDesk(w: ReturnType<typeof makeWorld>, me: string, role: string): Desk {
  return w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(me, () => {
      const ctx = loadRpcContext(w.book, me, NOW);
      const tz = ctx.config.timeZone;
      return buildDesk({
        me,
        role,
        buyers: loadTable(w.book, Buyers, tz).rows.map((r) => r.record),
        inquiries: loadTable(w.book, Inquiries, tz).rows.map((r) => r.record),
        staff: ctx.staff,
        staffFacts: ctx.staffFacts,
        now: NOW,
        timeZone: tz,
        sla: ctx.config.sla,
        cadence: ctx.config.cadenceDays,
      });
    }),
  );
}

describe("the desk read by column", () => {
  it("planSpans: neighbours share a read when the cells between cost less than another call", () => {
    expect(planSpans([3, 1, 2, 2], 10)).toEqual([{ first: 1, last: 3 }]);
    // 100 rows apart × 10 columns = 990 cells between: cheaper than a call.
    expect(planSpans([2, 101], 10)).toEqual([{ first: 2, last: 101 }]);
    // CELLS_PER_CALL cells between: a second read is cheaper.
    expect(planSpans([2, 3 + CELLS_PER_CALL], 1)).toEqual([
      { first: 2, last: 2 },
      { first: 3 + CELLS_PER_CALL, last: 3 + CELLS_PER_CALL },
    ]);
    expect(planSpans([], 5)).toEqual([]);
  });

  it.each([
    [ALICE, "salesperson"],
    [BOSS, "boss"],
  ])("R7, R8, R20, R23, R6: %s's desk is the same as a whole-table read would give", (me, role) => {
    const w = mixedWorld();
    const desk = w.ok<Desk>(me, "desk");
    const expected = wholeTableDesk(w, me, role);
    const strip = (d: Desk) => ({ ...d, feedbackDue: undefined });
    expect(strip(desk)).toEqual(strip(expected));
    expect(desk.totals.unanswered + desk.totals.ungraded + desk.totals.overdue).toBeGreaterThan(5);
  });

  it("still right after a person moved columns: headers are read fresh, never trusted from the cache", () => {
    const w = mixedWorld();
    const before = w.ok<Desk>(ALICE, "desk");
    w.env.ctx.meter.quietly(() => {
      for (const name of [Buyers.name, Inquiries.name]) {
        const sheet = w.book.getSheetByName(name)!;
        // Grade and status swapped with the first columns: a cached header would read the wrong cells.
        sheet.insertColumnBefore(1);
        const values = sheet.getDataRange().getValues();
        const grade = values[0].indexOf("Grade");
        for (const row of values) row[0] = row[grade];
        for (const row of values) row[grade] = "";
        values[0][grade] = "Old grade";
        sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
      }
    });
    expect(w.ok<Desk>(ALICE, "desk")).toEqual({ ...before, at: before.at });
  });

  it("R10: answered inquiries left ungraded are read only within the newest rows; an open one is found anywhere", () => {
    const w = mixedWorld();
    const rows = w.env.ctx.meter.quietly(() => loadDeskRows(w.book, "Asia/Shanghai", 30));
    const ids = (pick: (i: { status: string; grade: string; repliedAt: Date | null }) => boolean) =>
      [...rows.inquiries.entries()].filter(([, i]) => pick(i)).map(([row]) => row);
    const answeredUngraded = ids((i) => i.status !== "new" && i.grade === "");
    const openAnywhere = ids((i) => i.status === "new");
    // 120 inquiries in rows 2..121: the window is rows 92..121.
    expect(answeredUngraded.length).toBeGreaterThan(0);
    expect(Math.min(...answeredUngraded)).toBeGreaterThanOrEqual(92);
    expect(Math.min(...openAnywhere)).toBeLessThan(92);
    // Every open inquiry of the sheet is read, windowed or not (i % 3 === 0 and not i % 7 === 0: 34 of 120).
    expect(openAnywhere.length).toBe(
      Array.from({ length: 120 }, (_, i) => i).filter((i) => i % 7 !== 0 && i % 3 === 0).length,
    );
    // A whole window reads every answered ungraded one.
    const whole = w.env.ctx.meter.quietly(() => loadDeskRows(w.book, "Asia/Shanghai"));
    expect([...whole.inquiries.values()].filter((i) => i.status !== "new" && i.grade === "").length).toBeGreaterThan(
      answeredUngraded.length,
    );
  });

  it("on a lived-in book (2,000 buyers, 10,000 inquiries mostly answered and graded) it reads a fifth of the cells", () => {
    const { env, extra } = measureOpen(2_000, 10_000);
    const cells = env.ctx.meter.summary().find((s) => s.type === "Spreadsheet.read")?.units ?? 0;
    const whole = 2_001 * Buyers.columns.length + 10_001 * Inquiries.columns.length;
    expect(cells).toBeLessThan(whole / 5);
    // The open inquiries and the ungraded stragglers were all found.
    expect(extra.unanswered).toBeGreaterThan(0);
    expect(extra.ungraded).toBeGreaterThan(0);
    expect(env.ctx.meter.callsOf("Spreadsheet.find")).toBeLessThanOrEqual(1);
  });
});
