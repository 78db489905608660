/**
 * The lock a job takes around its writes. With an open document it is the document lock (the one the sidebar
 * and the menus take); an add-on's hourly trigger has no document, so it falls back to the script lock there.
 */
export interface HeldLock {
  release(): void;
}

function bookLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock() ?? LockService.getScriptLock();
}

/** The lock when it comes free within `waitMs`, else undefined; release it as soon as the writes are done. */
export function tryBookLock(waitMs: number): HeldLock | undefined {
  const lock = bookLock();
  if (!lock.tryLock(waitMs)) return undefined;
  return {
    release() {
      // Queued writes are committed before another execution may read (as withDocumentLock does).
      SpreadsheetApp.flush();
      lock.releaseLock();
    },
  };
}
