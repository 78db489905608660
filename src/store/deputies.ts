/** Where the vouches for deputies live (domain/deputies.ts): one document property only Buyerbook writes. */
import { awayFingerprint, type Vouch } from "../domain/deputies";
import { readDocJson, writeDocJson } from "../gas/properties";

const KEY = "staff.deputies";

export function readVouches(): Record<string, Vouch> {
  return readDocJson<Record<string, Vouch>>(KEY, {});
}

export interface AwayCells {
  email: string;
  deputy?: string | null;
  awayFrom?: Date | null;
  awayUntil?: Date | null;
}

/**
 * Records that `by` (the person or a manager) set these away cells. Call under the document lock, after the
 * cells are written.
 */
export function vouchAway(cells: readonly AwayCells[], by: string, now: Date): void {
  if (cells.length === 0) return;
  const vouches = readVouches();
  for (const c of cells)
    vouches[c.email.toLowerCase()] = { cells: awayFingerprint(c), by: by.toLowerCase(), at: now.toISOString() };
  writeDocJson(KEY, vouches);
}
