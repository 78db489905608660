import { describe, expect, it } from "vitest";
import { GasContext, LOCK_TIMEOUT_MESSAGE, LockService } from "../src/index";

/**
 * Contract for LockService. Reference: developers.google.com/apps-script/reference/lock/lock and
 * .../lock-service. Two executions are interleaved by switching the running execution; the waiting
 * one spends emulated time, not real time.
 */
interface LockWorld {
  LockService: GoogleAppsScript.Lock.LockService;
  /** Make `id` the running execution (starting it if new). */
  switchTo(id: string): void;
  end(id: string): void;
  nowMs(): number;
  onClock(fn: (ms: number) => void): void;
  calls(type: string): number;
}

function makeEmulator(): LockWorld {
  const ctx = new GasContext({ now: "2024-05-01T00:00:00Z" });
  const service = new LockService(ctx, { documentId: () => "doc-1" });
  return {
    LockService: service as unknown as GoogleAppsScript.Lock.LockService,
    switchTo: (id) => service.beginExecution(id),
    end: (id) => service.endExecution(id),
    nowMs: () => ctx.clock.nowMs(),
    onClock: (fn) => ctx.clock.onChange((d) => fn(d.getTime())),
    calls: (type) => ctx.meter.callsOf(type),
  };
}

describe.each([["emulator", makeEmulator]])("LockService contract (%s)", (_name, make) => {
  it("exec-1 holds the document lock: exec-2 tryLock(0) is false and waitLock(1000) throws after 1 s", () => {
    const w = make();
    w.switchTo("exec-1");
    const lock1 = w.LockService.getDocumentLock();
    expect(lock1.tryLock(0)).toBe(true);
    expect(lock1.hasLock()).toBe(true);

    w.switchTo("exec-2");
    const lock2 = w.LockService.getDocumentLock();
    expect(lock2.tryLock(0)).toBe(false);
    expect(lock2.hasLock()).toBe(false);
    const before = w.nowMs();
    expect(() => lock2.waitLock(1000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(LOCK_TIMEOUT_MESSAGE).toBe("Lock timeout: another process was holding the lock for too long.");
    expect(w.nowMs() - before).toBe(1000);
  });

  it("after the holder releases, the other execution gets the lock", () => {
    const w = make();
    w.switchTo("exec-1");
    const lock1 = w.LockService.getScriptLock();
    lock1.waitLock(0);
    w.switchTo("exec-2");
    expect(w.LockService.getScriptLock().tryLock(0)).toBe(false);
    w.switchTo("exec-1");
    lock1.releaseLock();
    w.switchTo("exec-2");
    const lock2 = w.LockService.getScriptLock();
    expect(lock2.tryLock(0)).toBe(true);
    expect(lock2.hasLock()).toBe(true);
  });

  it("a lock is released when its execution ends, even while another execution waits", () => {
    const w = make();
    w.switchTo("exec-1");
    w.LockService.getScriptLock().waitLock(0);
    const start = w.nowMs();
    // exec-1 finishes 300 ms into exec-2's wait.
    w.onClock((ms) => {
      if (ms - start >= 300) w.end("exec-1");
    });
    w.switchTo("exec-2");
    expect(w.LockService.getScriptLock().tryLock(5000)).toBe(true);
    expect(w.nowMs() - start).toBeLessThan(5000);
  });

  it("script, user and document locks are independent", () => {
    const w = make();
    w.switchTo("exec-1");
    w.LockService.getScriptLock().waitLock(0);
    w.switchTo("exec-2");
    expect(w.LockService.getDocumentLock().tryLock(0)).toBe(true);
    expect(w.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(w.LockService.getScriptLock().tryLock(0)).toBe(false);
  });

  it("meters lock acquisition attempts", () => {
    const w = make();
    w.switchTo("exec-1");
    const lock = w.LockService.getScriptLock();
    lock.tryLock(0);
    lock.releaseLock();
    expect(w.calls("Lock.acquire")).toBe(1);
    expect(w.calls("Lock")).toBe(2);
  });
});
