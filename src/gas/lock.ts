/** Raised when another execution holds the document lock; callers report it and retry at the next tick. */
export class BusyError extends Error {
  constructor() {
    super("Another Buyerbook job holds the document lock.");
    this.name = "BusyError";
  }
}

/**
 * Runs `fn` holding the document lock, so two executions (a trigger and a person, two people) never
 * interleave their read-modify-write of the sheets.
 */
export function withDocumentLock<T>(fn: () => T, waitMs = 30_000): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) throw new BusyError();
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

export interface HeldLock {
  release(): void;
}

/** The document lock when it comes free within `waitMs`, else undefined; the caller releases it. */
export function tryDocumentLock(waitMs: number): HeldLock | undefined {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) return undefined;
  return { release: () => lock.releaseLock() };
}
