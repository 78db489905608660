/**
 * Deputies are honoured only when vouched for (R6, R34): a salesperson could otherwise type herself in as a
 * colleague's deputy, give him away dates, and act on his buyers. A relation counts when the person themself
 * or a manager set it — through the sidebar's "I'm travelling", onboarding, or a hand edit the audit saw them
 * make — and stays exactly as they set it: the away cells (deputy, dates) are fingerprinted when vouched, and
 * any other value drops the deputy until it is vouched again.
 */
import { isAway, type StaffFacts } from "./routing";

export interface Vouch {
  /** The fingerprint of the away cells as vouched (awayFingerprint). */
  cells: string;
  /** Who vouched: the person or a manager. */
  by: string;
  /** When (ISO). */
  at: string;
}

/** Away cells compared to the minute (a date cell read back may lose milliseconds). */
export function awayFingerprint(cells: {
  deputy?: string | null;
  awayFrom?: Date | null;
  awayUntil?: Date | null;
}): string {
  const minute = (d: Date | null | undefined) =>
    d instanceof Date && !Number.isNaN(d.getTime()) ? String(Math.round(d.getTime() / 60_000)) : "";
  return [
    String(cells.deputy ?? "")
      .trim()
      .toLowerCase(),
    minute(cells.awayFrom),
    minute(cells.awayUntil),
  ].join("|");
}

/** Whether any deputy relation is in force now (only then do vouches need reading). */
export function hasDeputyInForce(staff: readonly StaffFacts[], now: Date): boolean {
  return staff.some((s) => !!s.deputy && (isAway(s, now) || s.status === "frozen"));
}

/** The staff with every deputy nobody vouched for (or whose away cells changed since) dropped. */
export function trustedDeputies(staff: readonly StaffFacts[], vouches: Readonly<Record<string, Vouch>>): StaffFacts[] {
  return staff.map((s) => {
    if (!s.deputy) return s;
    const vouch = vouches[s.email.toLowerCase()];
    return vouch && vouch.cells === awayFingerprint(s) ? s : { ...s, deputy: undefined };
  });
}
