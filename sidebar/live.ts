/**
 * A sidebar that stays true while it is open: every POLL_MS (and at once when the workbench says the world
 * moved: mail pulled, the clock advanced) it asks for the desk's version — one property read on the server —
 * and fetches the desk again only when the version moved (a pull, a colleague's grade, the daily refresh), the
 * day changed, or the last desk is older than STALE_MS (the reply clocks moved). Hidden sidebars do not ask.
 */
import type { Desk } from "../src/features/desk";
import { state } from "./app";
import { call } from "./rpc";

export const POLL_MS = 90_000;
const STALE_MS = 15 * 60_000;

let timer: ReturnType<typeof setTimeout> | undefined;
let checking = false;

function dayOf(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(iso));
}

/** Whether a desk read at `desk.at` with `desk.version` is out of date at the server's `at` and `version`. */
export function deskIsStale(desk: Desk, now: { version: string; at: string }, timeZone?: string): boolean {
  if (now.version !== desk.version) return true;
  if (dayOf(now.at, timeZone) !== dayOf(desk.at, timeZone)) return true;
  return Date.parse(now.at) - Date.parse(desk.at) >= STALE_MS;
}

/** Asks once; calls `fresh` with a new desk when the old one is stale. Never while a click is running. */
export async function checkForNews(fresh: (desk: Desk) => void): Promise<void> {
  const boot = state.boot;
  if (!boot || checking || state.busy) return;
  checking = true;
  try {
    const now = await call("deskVersion", {});
    if (!deskIsStale(boot.desk, now, boot.timeZone)) return;
    const desk = await call("desk", {});
    fresh(desk);
  } catch {
    // A missed check is not worth a message: the next one comes in a minute or two.
  } finally {
    checking = false;
  }
}

/** Starts the checks (visible sidebars only) and listens for the workbench's "the world moved". */
export function startLive(fresh: (desk: Desk) => void): void {
  const tick = () => {
    if (document.visibilityState !== "hidden") void checkForNews(fresh);
    timer = setTimeout(tick, POLL_MS);
  };
  if (timer === undefined) timer = setTimeout(tick, POLL_MS);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void checkForNews(fresh);
  });
  window.addEventListener("message", (e: MessageEvent) => {
    // Only a nudge: the message carries no data the sidebar uses.
    const type = (e.data as { type?: unknown } | null)?.type;
    if (type === "workbench.changed") void checkForNews(fresh);
  });
}
