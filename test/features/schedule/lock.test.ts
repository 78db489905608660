import { describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import { reportRunner } from "../../../src/features/reports/reports";
import { markScheduleStart, runHeartbeat } from "../../../src/features/schedule/heartbeat";
import { UPKEEP_PART_MIN_MS, upkeepRunner } from "../../../src/features/schedule/upkeep";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { withDocumentLock } from "../../../src/gas/lock";
import type { ColumnSpec } from "../../../src/store/columns";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, FollowUps, Inquiries, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { installGas, type TestWorld } from "../../support/gas";

/**
 * The heartbeat holds the document lock only to update its record and around a job's writes, so a person's
 * sidebar write during a long report walk gets the lock at once (the emulator's LockService: two executions, the
 * clock modeled per call).
 */
const AMY = "amy@acme-tools.cn";
const BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
/** Saturday 28 Nov 2026, 16:05 in Shanghai: the weekly report is due. */
const NOW = new Date("2026-11-28T08:05:00Z");
const DAY = 86_400_000;

function fill(
  w: TestWorld,
  name: string,
  columns: readonly ColumnSpec[],
  rows: number,
  value: (k: string, i: number) => unknown,
) {
  const sheet = w.book.getSheetByName(name)!;
  if (sheet.getMaxRows() < rows + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rows + 1 - sheet.getMaxRows());
  const values = Array.from({ length: rows }, (_, i) => columns.map((c) => value(c.key, i) ?? ""));
  sheet.getRange(2, 1, rows, columns.length).setValues(values);
}

function world(): TestWorld {
  const w = installGas({ owner: AMY, now: NOW.toISOString() });
  w.env.ctx.meter.quietly(() => {
    setupWorkbook(w.book, AMY, "en", new Date(NOW.getTime() - 200 * DAY));
    const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
    staff.update(AMY, { role: "assistant", name: "Amy" });
    staff.append({ ...emptyRecord(Staff), email: BOSS, name: "Boss", role: "boss", status: "active" });
    staff.append({ ...emptyRecord(Staff), email: LI, name: "Li", role: "salesperson", status: "active" });
    staff.commit();
    w.book.addEditors([BOSS, LI]);
    // The schedule was started on Monday.
    markScheduleStart(w.book, new Date(NOW.getTime() - 5 * DAY));
    const start = NOW.getTime() - 180 * DAY;
    fill(w, Buyers.name, Buyers.columns, 2_000, (k, i) =>
      k === "id"
        ? `B-${String(i + 1).padStart(6, "0")}`
        : k === "owner"
          ? LI
          : k === "grade"
            ? "ABCD"[i % 4]
            : k === "status"
              ? "active"
              : k === "created"
                ? new Date(start)
                : "",
    );
    fill(w, Inquiries.name, Inquiries.columns, 20_000, (k, i) =>
      k === "id"
        ? `I-${String(i + 1).padStart(6, "0")}`
        : k === "receivedAt"
          ? new Date(start + i * 700_000)
          : k === "buyerId"
            ? `B-${String((i % 2_000) + 1).padStart(6, "0")}`
            : k === "owner"
              ? LI
              : k === "status"
                ? "new"
                : k === "channel"
                  ? "email"
                  : "",
    );
    fill(w, FollowUps.name, FollowUps.columns, 40_000, (k, i) =>
      k === "id"
        ? `F-${String(i + 1).padStart(6, "0")}`
        : k === "at"
          ? new Date(start + i * 350_000)
          : k === "buyerId"
            ? `B-${String((i % 2_000) + 1).padStart(6, "0")}`
            : k === "by"
              ? LI
              : k === "kind"
                ? "follow-up"
                : k === "summary"
                  ? "Called about the quote"
                  : "",
    );
  });
  return w;
}

/** Every stretch an execution held a lock, in modeled ms. */
function recordHolds(w: TestWorld) {
  const locks = w.env.LockService;
  const clock = w.env.ctx.clock;
  const open = new Map<string, { execution: string; from: number }>();
  const holds: { execution: string; ms: number }[] = [];
  const take = locks.take.bind(locks);
  const release = locks.release.bind(locks);
  locks.take = (scope: string, execution: string) => {
    if (locks.holderOf(scope) !== execution) open.set(scope, { execution, from: clock.nowMs() });
    take(scope, execution);
  };
  locks.release = (scope: string) => {
    const o = open.get(scope);
    if (o) holds.push({ execution: o.execution, ms: clock.nowMs() - o.from });
    open.delete(scope);
    release(scope);
  };
  return holds;
}

describe("the heartbeat and the document lock", () => {
  it("a sidebar write during a report slice's reads gets the lock at once; the heartbeat holds it only briefly", () => {
    const w = world();
    const holds = recordHolds(w);
    const locks = w.env.LockService;
    const clock = w.env.ctx.clock;
    w.env.ctx.modelTime = true;
    const started = clock.nowMs();
    let waited: number | undefined;
    let busy = false;
    clock.onChange((d) => {
      // Two seconds into the tick (the report is reading Inquiries), Li logs a follow-up in the sidebar.
      if (busy || waited !== undefined || d.getTime() - started < 2_000) return;
      busy = true;
      const heartbeatExecution = locks.execution;
      locks.beginExecution("sidebar");
      const before = clock.nowMs();
      w.env.ctx.runAs(LI, () =>
        withDocumentLock(() => {
          waited = clock.nowMs() - before;
          const writer = new TableWriter(loadTable(w.book, FollowUps, "Asia/Shanghai"));
          writer.append({
            ...emptyRecord(FollowUps),
            id: "F-999999",
            at: NOW,
            buyerId: "B-000001",
            by: LI,
            kind: "follow-up",
          });
          writer.commit();
        }, 5_000),
      );
      locks.endExecution("sidebar");
      locks.execution = heartbeatExecution;
      busy = false;
    });
    locks.beginExecution("heartbeat");
    const report = w.env.ctx.runAs(AMY, () =>
      runHeartbeat(w.book, AMY, NOW, new Budget(270_000, () => clock.nowMs()), {
        weekly: { run: reportRunner("weekly"), minMs: 40_000 },
      }),
    );
    locks.endExecution("heartbeat");
    const tick = clock.nowMs() - started;

    expect(report.ran.map((r) => [r.slotKey, r.error])).toEqual([["weekly@2026-W48", undefined]]);
    // No waiting: the only modeled time is the uncontended tryLock call itself (20 ms in the cost table).
    expect(waited).toBeLessThanOrEqual(20);
    // The tick read for seconds; the heartbeat's own holds of the lock are a fraction of a second each.
    expect(tick).toBeGreaterThan(5_000);
    const mine = holds.filter((h) => h.execution === "heartbeat");
    expect(mine.length).toBeGreaterThan(0);
    expect(Math.max(...mine.map((h) => h.ms))).toBeLessThan(1_000);
  });

  it("R20, R23: the upkeep holds the lock part by part, and a tick short of time leaves the rest to the next", () => {
    const w = world();
    const holds = recordHolds(w);
    const locks = w.env.LockService;
    const clock = w.env.ctx.clock;
    w.env.ctx.modelTime = true;
    const jobs = { upkeep: { run: upkeepRunner, minMs: 1_000 } };
    const at = new Date("2026-11-28T23:30:00Z"); // Sunday 07:30
    // A tick with time for one part only: the first part runs, the rest waits.
    const short = new Budget(270_000, () => clock.nowMs());
    let partsStarted = 0;
    short.has = (ms = 0) => ms < UPKEEP_PART_MIN_MS || ++partsStarted <= 1;
    locks.beginExecution("tick-1");
    const first = w.env.ctx.runAs(AMY, () => runHeartbeat(w.book, AMY, at, short, jobs));
    locks.endExecution("tick-1");
    expect(first.ran).toHaveLength(1);
    expect(first.ran[0].inProgress).toBe(true);
    expect(Object.keys(first.ran[0].result as object)).toEqual(["done", "returned"]);
    expect(first.continuation).toBe("next-tick");
    locks.beginExecution("tick-2");
    const second = w.env.ctx.runAs(AMY, () =>
      runHeartbeat(w.book, AMY, at, new Budget(270_000, () => clock.nowMs()), jobs),
    );
    locks.endExecution("tick-2");
    expect(second.ran.map((r) => [r.slotKey, r.inProgress])).toEqual([["upkeep@2026-11-29T07:00", undefined]]);
    expect(Object.keys(second.ran[0].result as object).sort()).toEqual([
      "archive",
      "dashboard",
      "due",
      "quotes",
      "returned",
    ]);
    const third = w.env.ctx.runAs(AMY, () =>
      runHeartbeat(w.book, AMY, at, new Budget(270_000, () => clock.nowMs()), jobs),
    );
    expect(third.ran).toEqual([]);
    // Several separate holds (record updates and one per part), none the length of the whole upkeep.
    expect(holds.filter((h) => h.execution === "tick-2").length).toBeGreaterThanOrEqual(4);
  });
});
