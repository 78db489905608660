/**
 * The desk's column reads (kept fast on a big book): the same desk as a whole-table read, whatever the column order,
 * for far fewer cells; the read planner; samples whose feedback is due (R27); the team and the offboarding
 * preview (R1, R29).
 */
import { describe, expect, it } from "vitest";
import { measureOpen } from "../../../bench/sidebar";
import { loadRpcContext } from "../../../src/app/context";
import { deskOwners } from "../../../src/domain/access";
import { daysBetweenKeys, zonedDateKey } from "../../../src/domain/time";
import { buildDesk } from "../../../src/features/desk/desk";
import { loadDeskRows } from "../../../src/features/desk/load";
import { refreshDue } from "../../../src/features/desk/refresh-due";
import type { Desk } from "../../../src/features/desk/types";
import { CELLS_PER_CALL, planSpans } from "../../../src/store/column-reader";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries } from "../../../src/store/schemas";
import { ALICE, BOB, BOSS, buyerRow, inquiryRow, makeWorld, NOW, seedRows } from "../../support/world";

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
  const w = makeWorld({ buyers, inquiries });
  // The derived due columns, as the daily upkeep leaves them.
  w.env.ctx.meter.quietly(() => w.env.ctx.runAs(BOSS, () => refreshDue(w.book, NOW)));
  return w;
}

/** The desk from both sheets read whole, the same context: every due buyer in scope, every inquiry. */
function wholeTableDesk(w: ReturnType<typeof makeWorld>, me: string, role: string): Desk {
  return w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(me, () => {
      const ctx = loadRpcContext(w.book, me, NOW);
      const tz = ctx.config.timeZone;
      const buyers = loadTable(w.book, Buyers, tz).rows.map((r) => r.record);
      const owners = role === "salesperson" ? deskOwners(me, ctx.staffFacts, NOW) : undefined;
      const today = zonedDateKey(NOW, tz);
      const due = buyers
        .filter((b) => b.id && b.nextFollowUp && (!owners || owners.includes(b.owner.toLowerCase())))
        .map((b) => ({ buyer: b, late: daysBetweenKeys(zonedDateKey(b.nextFollowUp!, tz), today) }))
        .filter((d) => d.late >= 0);
      const byId = new Map(buyers.map((b) => [b.id, b]));
      return buildDesk({
        me,
        role,
        companyOf: (id) => {
          const b = byId.get(id);
          return b ? b.company || b.name || b.email : "";
        },
        due,
        dueTotals: {
          overdue: due.filter((d) => d.late > 0).length,
          today: due.filter((d) => d.late === 0).length,
        },
        inquiries: loadTable(w.book, Inquiries, tz).rows.map((r) => r.record),
        staff: ctx.staff,
        staffFacts: ctx.staffFacts,
        now: NOW,
        timeZone: tz,
        sla: ctx.config.sla,
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
    const lines = <T extends object>(list: T[]) => list.map((l) => ({ ...l, row: undefined, buyerRow: undefined }));
    const strip = (d: Desk) => ({
      ...d,
      unanswered: lines(d.unanswered),
      ungraded: lines(d.ungraded),
      due: lines(d.due),
      feedbackDue: undefined,
      feedbackDueTotal: undefined,
      version: "",
    });
    expect(strip(desk)).toEqual(strip(expected));
    expect(desk.totals.unanswered + desk.totals.ungraded + desk.totals.overdue).toBeGreaterThan(5);
    // Each line carries the rows it was read on, for the click on it to hand back.
    const rowOf = (spec: typeof Buyers | typeof Inquiries) =>
      new Map(w.read(spec).rows.map((r) => [(r.record as { id: string }).id, r.row]));
    const inquiryRows = rowOf(Inquiries);
    const buyerRows = rowOf(Buyers);
    for (const l of [...desk.unanswered, ...desk.ungraded]) {
      expect(l.row).toBe(inquiryRows.get(l.id));
      if (l.buyerRow !== undefined) expect(l.buyerRow).toBe(buyerRows.get(l.buyerId));
    }
    for (const d of desk.due) expect(d.row).toBe(buyerRows.get(d.buyerId));
  });

  it("C3: a desk read again soon after writes no cache entry it already wrote; new rows or three hours later, it does", () => {
    const w = mixedWorld();
    const first = w.ok<Desk>(ALICE, "desk");
    w.env.ctx.meter.reset();
    const again = w.ok<Desk>(ALICE, "desk");
    expect(w.env.ctx.meter.callsOf("Cache.put")).toBe(0);
    expect({ ...again, version: "" }).toEqual({ ...first, version: "" });
    // Another person's desk has its own entries.
    w.env.ctx.meter.reset();
    w.ok<Desk>(BOSS, "desk");
    expect(w.env.ctx.meter.callsOf("Cache.put")).toBe(1);
    // A new inquiry on Alice's desk: its row hint is new, so the entries are written again.
    seedRows(w, "Inquiries", [
      {
        ...inquiryRow({
          id: "I-000900",
          buyerId: "B-000001",
          owner: ALICE,
          receivedAt: new Date(NOW.getTime() - 3_600_000),
        }),
      },
    ]);
    w.env.ctx.meter.reset();
    const grown = w.ok<Desk>(ALICE, "desk");
    expect(grown.unanswered.map((i) => i.id)).toContain("I-000900");
    expect(w.env.ctx.meter.callsOf("Cache.put")).toBe(1);
    // Half the hints' six hours later the same entries are written again, so they never run out while in use.
    w.env.ctx.meter.reset();
    w.ok<Desk>(ALICE, "desk", {}, new Date(NOW.getTime() + 3 * 3_600_000 + 60_000));
    expect(w.env.ctx.meter.callsOf("Cache.put")).toBe(1);
  });

  it("still right after a person moved columns: the cached headers are checked in the same batch, and the search runs again", () => {
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
    const after = w.ok<Desk>(ALICE, "desk");
    expect({ ...after, version: "" }).toEqual({ ...before, version: "" });
  });

  it("R10: answered inquiries left ungraded are read only within the newest rows; an open one is found anywhere", () => {
    const w = mixedWorld();
    const everyone = { owners: "everyone" as const };
    const rows = w.env.ctx.meter.quietly(() => loadDeskRows(w.book, "Asia/Shanghai", NOW, everyone, 30));
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
    const whole = w.env.ctx.meter.quietly(() => loadDeskRows(w.book, "Asia/Shanghai", NOW, everyone));
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

  it("C3, R7, R20: on 20,000 buyers and 100,000 inquiries the desk opens in at most 5 Sheets data calls, under a modeled second", () => {
    const { env, extra } = measureOpen(20_000, 100_000);
    const calls = ["Spreadsheet.read", "Spreadsheet.write", "Spreadsheet.find"].reduce(
      (n, type) => n + env.ctx.meter.callsOf(type),
      0,
    );
    expect(calls).toBeLessThanOrEqual(5);
    // The TextFinder over 100,000 inquiries is most of it under the sourced cost table (cells searched count).
    expect(env.ctx.meter.modeledMs()).toBeLessThan(1100);
    expect(extra).toMatchObject({ unanswered: 33, ungraded: 87 });
    // The first open of a day reads the header rows and the inquiries' buyers as well: still one RPC.
    const first = measureOpen(20_000, 100_000, { first: true });
    expect(
      first.env.ctx.meter.callsOf("Spreadsheet.read") + first.env.ctx.meter.callsOf("Spreadsheet.find"),
    ).toBeLessThanOrEqual(5);
    expect(first.env.ctx.meter.modeledMs()).toBeLessThan(1300);
  }, 120_000);
});
