export const HEARTBEAT_HANDLER = "heartbeat";

function myHeartbeats(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HEARTBEAT_HANDLER);
}

/**
 * Installs this user's one hourly heartbeat. An editor add-on may own only one time-driven trigger per
 * document per user, at most hourly, so every schedule (pulls, reports) runs from this single tick.
 */
export function ensureHeartbeat(): "installed" | "already" {
  if (myHeartbeats().length > 0) return "already";
  ScriptApp.newTrigger(HEARTBEAT_HANDLER).timeBased().everyHours(1).create();
  return "installed";
}

export function removeMyHeartbeats(): number {
  const mine = myHeartbeats();
  for (const t of mine) ScriptApp.deleteTrigger(t);
  return mine.length;
}
