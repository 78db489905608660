/**
 * The schedule's triggers beyond the hourly heartbeat (./triggers). A one-off trigger runs the heartbeat again soon, when a tick left work behind (a report's next slice, a
 * job that waited its turn). A bound script may have it; an editor add-on may own only one time trigger per
 * user and document (the hourly heartbeat), so there ScriptApp refuses it and the work waits for the next tick.
 */
export const CONTINUE_HANDLER = "heartbeatContinue";

function mine(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === CONTINUE_HANDLER);
}

/** Asks for one continuation `afterMs` from now: true if a trigger is (already) set, false if refused. */
export function requestContinuation(afterMs: number): boolean {
  if (mine().length > 0) return true;
  try {
    ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(afterMs).create();
    return true;
  } catch {
    return false;
  }
}

/** Removes this user's spent continuation triggers (a fired one-off trigger stays listed until deleted). */
export function clearContinuations(): void {
  for (const t of mine()) ScriptApp.deleteTrigger(t);
}

/** The ids of this user's heartbeat triggers (so each can be told which book it runs for). */
export function triggerIdsOf(handler: string): string[] {
  return ScriptApp.getProjectTriggers()
    .filter((t) => t.getHandlerFunction() === handler)
    .map((t) => t.getUniqueId());
}

/** Removes every trigger of this user in this project: they can no longer open the book (offboarded, R29). */
export function removeAllMyTriggers(): number {
  const all = ScriptApp.getProjectTriggers();
  for (const t of all) ScriptApp.deleteTrigger(t);
  return all.length;
}
