import type { GasContext } from "../core/context";

/**
 * LockService with real contention between interleaved executions. Node runs one thing at a time, so an
 * "execution" is just an id the caller switches (`lockService.execution = "exec-2"`); a lock belongs to the
 * execution that took it until it releases it or the execution ends (`endExecution`), as in Apps Script.
 * Waiting advances the emulated clock in small steps instead of blocking Node, so a clock listener (or the
 * scheduler) may end the holder while we wait.
 * Reference: developers.google.com/apps-script/reference/lock/lock
 */
export const LOCK_TIMEOUT_MESSAGE = "Lock timeout: another process was holding the lock for too long.";
/** How often a waiting tryLock re-checks the lock, in emulated ms. */
const POLL_MS = 100;
export const DEFAULT_EXECUTION = "default";

type LockApi = GoogleAppsScript.Lock.Lock;

export class Lock implements Pick<LockApi, "tryLock" | "waitLock" | "releaseLock" | "hasLock"> {
  constructor(
    private readonly service: LockService,
    private readonly ctx: GasContext,
    /** Which lock: "script", "user:<email>" or "document:<id>". */
    readonly scope: string,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.ctx.call("Lock.acquire", "Lock.tryLock");
    return this.acquire(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    this.ctx.call("Lock.acquire", "Lock.waitLock");
    if (!this.acquire(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    this.ctx.call("Lock.release", "Lock.releaseLock");
    if (this.service.holderOf(this.scope) === this.service.execution) this.service.release(this.scope);
  }

  hasLock(): boolean {
    this.ctx.call("Lock.release", "Lock.hasLock");
    return this.service.holderOf(this.scope) === this.service.execution;
  }

  /** A negative timeout never acquires: tryLock(-100) is false, waitLock(-100) throws (gas-fakes' live run). */
  private acquire(timeoutInMillis: number): boolean {
    if (Number(timeoutInMillis) < 0) return false;
    const me = this.service.execution;
    const deadline = this.ctx.clock.nowMs() + Math.max(0, Number(timeoutInMillis) || 0);
    for (;;) {
      const holder = this.service.holderOf(this.scope);
      if (holder === undefined || holder === me) {
        this.service.take(this.scope, me);
        return true;
      }
      const left = deadline - this.ctx.clock.nowMs();
      if (left <= 0) return false;
      this.ctx.wait(Math.min(POLL_MS, left));
    }
  }
}

export interface LockServiceOptions {
  documentId?: () => string | null | undefined;
}

type LockServiceApi = GoogleAppsScript.Lock.LockService;

export class LockService implements Pick<LockServiceApi, "getDocumentLock" | "getScriptLock" | "getUserLock"> {
  /** The execution whose code is running now; lock ownership is recorded against it. */
  execution: string = DEFAULT_EXECUTION;
  private readonly holders = new Map<string, string>();
  private readonly running = new Set<string>();

  constructor(
    private readonly ctx: GasContext,
    private readonly options: LockServiceOptions = {},
  ) {}

  /** Start an execution and make it current. */
  beginExecution(id: string): void {
    this.running.add(id);
    this.execution = id;
  }

  /** An execution ended (normally or not): Apps Script releases every lock it still held. */
  endExecution(id: string): void {
    this.running.delete(id);
    for (const [scope, holder] of [...this.holders]) if (holder === id) this.holders.delete(scope);
    if (this.execution === id) this.execution = DEFAULT_EXECUTION;
  }

  getScriptLock(): LockApi {
    return new Lock(this, this.ctx, "script") as unknown as LockApi;
  }

  getUserLock(): LockApi {
    return new Lock(this, this.ctx, `user:${this.ctx.effectiveUser.toLowerCase()}`) as unknown as LockApi;
  }

  /** Null without an open document, as the reference page says. */
  getDocumentLock(): LockApi {
    const id = this.options.documentId?.();
    if (!id) return null as unknown as LockApi;
    return new Lock(this, this.ctx, `document:${id}`) as unknown as LockApi;
  }

  holderOf(scope: string): string | undefined {
    return this.holders.get(scope);
  }

  take(scope: string, execution: string): void {
    this.holders.set(scope, execution);
  }

  release(scope: string): void {
    this.holders.delete(scope);
  }

  /** For inspection in tests and tools: which execution holds which lock. */
  heldLocks(): Record<string, string> {
    return Object.fromEntries(this.holders);
  }
}
