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

/** Removes every trigger of this project the running user owns (a former colleague's, R29). */
export function removeAllMyTriggers(): number {
  const all = ScriptApp.getProjectTriggers();
  for (const t of all) ScriptApp.deleteTrigger(t);
  return all.length;
}

/** Installs this user's on-edit trigger for the book calling `handler`, once (one per event type). */
export function ensureEditTrigger(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  handler: string,
): "installed" | "already" {
  const mine = ScriptApp.getUserTriggers(book).filter((t) => t.getHandlerFunction() === handler);
  if (mine.length > 0) return "already";
  ScriptApp.newTrigger(handler).forSpreadsheet(book).onEdit().create();
  return "installed";
}
