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
let listening = false;
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

export interface LiveHandlers {
  /** A newer desk. */
  fresh(desk: Desk): void;
  /** The person's language changed (Staff): everything is fetched again in the new language. */
  relang(): void;
}

/** Asks once; hands on a new desk when the old one is stale. Never while a click is running. */
export async function checkForNews(on: LiveHandlers): Promise<void> {
  const boot = state.boot;
  if (!boot || checking || state.busy) return;
  checking = true;
  try {
    const now = await call("deskVersion", {});
    if (now.lang !== boot.me.lang) {
      on.relang();
      return;
    }
    if (!deskIsStale(boot.desk, now, boot.timeZone)) return;
    const desk = await call("desk", {});
    // The desk was read after this version: it is at least that fresh (the cache may not have said).
    if (!desk.version) desk.version = now.version;
    on.fresh(desk);
  } catch {
    // A missed check is not worth a message: the next one comes in a minute or two.
  } finally {
    checking = false;
  }
}

/** Starts the checks (visible sidebars only) and listens for the workbench's "the world moved". */
export function startLive(on: LiveHandlers): void {
  const tick = () => {
    if (document.visibilityState !== "hidden") void checkForNews(on);
    timer = setTimeout(tick, POLL_MS);
  };
  if (timer === undefined) timer = setTimeout(tick, POLL_MS);
  if (listening) return;
  listening = true;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void checkForNews(on);
  });
  window.addEventListener("message", (e: MessageEvent) => {
    // Only a nudge: the message carries no data the sidebar uses.
    const type = (e.data as { type?: unknown } | null)?.type;
    if (type === "workbench.changed") void checkForNews(on);
  });
}
