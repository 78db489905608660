/**
 * The same buyer, two salespeople (R6, R22): a new sender who may be a buyer someone else already owns is routed
 * to that owner, and both salespeople are told by a line in the Log. The line is written for people and read
 * back here, so the desk and the reports can list the open conflicts.
 */

export const CONFLICT_ACTION = "intake.conflict";

export interface OwnershipConflict {
  /** The buyer entered from this mail. */
  buyerId: string;
  /** The buyer it may be (R22: weak evidence, a person decides). */
  duplicateOf: string;
  /** The salesperson who owns the earlier buyer, and the one the new buyer would otherwise have gone to. */
  owners: [string, string];
  /** Who handles the new buyer now. */
  routedTo: string;
  /** The evidence, as matching gave it. */
  why: string;
}

export function conflictLine(c: OwnershipConflict): { action: string; target: string; detail: string } {
  return {
    action: CONFLICT_ACTION,
    target: c.buyerId,
    detail: `possible duplicate of ${c.duplicateOf}; owners: ${c.owners.join(", ")}; routed to ${c.routedTo}; ${c.why}`,
  };
}

const DETAIL = /^possible duplicate of (\S+); owners: ([^,;]+), ([^,;]+); routed to ([^;]*); (.*)$/s;

/** The ownership conflicts of Log lines (others are ignored), oldest first as the Log holds them. */
export function ownershipConflicts(
  lines: readonly { at: Date | null; action: string; target: string; detail: string }[],
): (OwnershipConflict & { at: Date | null })[] {
  const out: (OwnershipConflict & { at: Date | null })[] = [];
  for (const line of lines ?? []) {
    if (line?.action !== CONFLICT_ACTION) continue;
    const m = DETAIL.exec(String(line.detail ?? ""));
    if (!m) continue;
    out.push({
      at: line.at,
      buyerId: String(line.target),
      duplicateOf: m[1],
      owners: [m[2].trim(), m[3].trim()],
      routedTo: m[4].trim(),
      why: m[5],
    });
  }
  return out;
}
