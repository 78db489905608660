/**
 * Who takes over a leaver's buyers (R29). Pure and deterministic: the same book gives the same plan, so an
 * offboarding interrupted half-way and run again lands exactly where an uninterrupted run would.
 *
 * - A unit is one buyer (or one inquiry without a buyer): everything of that buyer moves together.
 * - Units already handed over (a handover entry exists) are pinned to their receiver.
 * - With a chosen colleague, everything else goes to them.
 * - Otherwise each unit goes to a receiver covering the buyer's country or region (Staff.regions) when some
 *   receiver does, else to any receiver; always the one with the lightest load, ties broken by e-mail.
 *   The most constrained units are placed first, so region rules cost as little balance as possible.
 */

export interface HandoverUnit {
  key: string;
  country: string;
  region: string;
  /** What the unit adds to its receiver's load: 1 for a buyer they will own, 0 for work on others' buyers. */
  weight: number;
  /** The receiver already recorded for this unit (a resumed offboarding). */
  pinned?: string;
}

export interface HandoverReceiver {
  email: string;
  regions: readonly string[];
  /** Buyers they own already. */
  load: number;
}

export interface HandoverPlan {
  /** Unit key -> receiver e-mail. */
  receiverOf: Map<string, string>;
  /** Receiver -> load after the handover (their own buyers plus what they receive). */
  loads: Map<string, number>;
}

function norm(text: string | undefined): string {
  return String(text ?? "")
    .trim()
    .toLowerCase();
}

export function coversUnit(
  receiver: Pick<HandoverReceiver, "regions">,
  unit: Pick<HandoverUnit, "country" | "region">,
) {
  const places = new Set(receiver.regions.map(norm).filter((x) => x !== ""));
  return (
    (norm(unit.country) !== "" && places.has(norm(unit.country))) ||
    (norm(unit.region) !== "" && places.has(norm(unit.region)))
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function planHandover(
  units: readonly HandoverUnit[],
  receivers: readonly HandoverReceiver[],
  to?: string,
): HandoverPlan {
  const loads = new Map<string, number>();
  for (const r of receivers) loads.set(norm(r.email), Math.max(0, r.load));
  const receiverOf = new Map<string, string>();
  const add = (unit: HandoverUnit, email: string) => {
    receiverOf.set(unit.key, email);
    loads.set(email, (loads.get(email) ?? 0) + unit.weight);
  };
  const free: HandoverUnit[] = [];
  for (const unit of units) {
    if (unit.pinned) add(unit, norm(unit.pinned));
    else free.push(unit);
  }
  if (to) {
    for (const unit of free) add(unit, norm(to));
    return { receiverOf, loads };
  }
  if (receivers.length === 0) return { receiverOf, loads };
  const eligible = new Map<string, HandoverReceiver[]>();
  for (const unit of free) {
    const covering = receivers.filter((r) => coversUnit(r, unit));
    eligible.set(unit.key, covering.length > 0 ? covering : [...receivers]);
  }
  const ordered = free
    .slice()
    .sort((a, b) => eligible.get(a.key)!.length - eligible.get(b.key)!.length || compareText(a.key, b.key));
  for (const unit of ordered) {
    const best = eligible
      .get(unit.key)!
      .map((r) => norm(r.email))
      .sort((a, b) => (loads.get(a) ?? 0) - (loads.get(b) ?? 0) || compareText(a, b))[0];
    add(unit, best);
  }
  return { receiverOf, loads };
}
