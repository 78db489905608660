/**
 * Who handles a new inquiry (R6 deputies while travelling, R29 frozen accounts get no new work).
 *
 *   1. The buyer's owner, when active and not away.
 *   2. Owner away (status "away", or inside awayFrom..awayUntil): their deputy handles it — `owner` stays the
 *      buyer's owner, `assignedTo` is the deputy (R6). Deputies chain (a deputy who is away passes it on).
 *   3. Owner frozen, unknown, or away without a usable deputy: routing rules, first match, only to an
 *      available salesperson.
 *   4. Otherwise the available salesperson with the lightest open load — preferring those whose regions or
 *      products cover the inquiry — ties broken by e-mail so the result is deterministic.
 */

export type StaffStatus = "active" | "away" | "frozen";

export interface StaffFacts {
  email: string;
  role: string;
  status: StaffStatus;
  deputy?: string;
  awayFrom?: Date;
  awayUntil?: Date;
  regions: string[];
  products: string[];
}

export interface RoutingRule {
  match: { country?: string; region?: string; product?: string };
  to: string;
}

export interface RoutingInput {
  buyerOwner?: string;
  country: string;
  region?: string;
  product?: string;
  staff: StaffFacts[];
  rules: RoutingRule[];
  openLoad: Map<string, number>;
  now: Date;
}

export interface RoutingDecision {
  /** The buyer's owner after this inquiry ("" when nobody could be found). */
  owner: string;
  /** Who handles this inquiry now (the deputy while the owner is away). */
  assignedTo: string;
  why: string;
}

const MAX_DEPUTY_HOPS = 5;

function key(text: string | undefined | null): string {
  return String(text ?? "")
    .trim()
    .toLowerCase();
}

function validDate(d: Date | undefined): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/**
 * Away when the status says so, or when `now` lies inside the away window (either end may be open).
 * A frozen account is not "away" — it is gone (see R29).
 */
export function isAway(staff: Pick<StaffFacts, "status" | "awayFrom" | "awayUntil">, now: Date): boolean {
  if (staff.status === "away") return true;
  if (staff.status === "frozen") return false;
  const from = validDate(staff.awayFrom) ? staff.awayFrom : undefined;
  const until = validDate(staff.awayUntil) ? staff.awayUntil : undefined;
  if (!from && !until) return false;
  const t = now.getTime();
  return (!from || from.getTime() <= t) && (!until || t <= until.getTime());
}

export function isSalesperson(staff: Pick<StaffFacts, "role">): boolean {
  return /^\s*(?:sales|salesperson|sales ?rep|销售|业务员)/i.test(String(staff.role ?? ""));
}

/** Can take new work right now: active status, not inside an away window. */
function available(staff: StaffFacts | undefined, now: Date): boolean {
  return !!staff && staff.status === "active" && !isAway(staff, now);
}

function matchesText(ruleValue: string | undefined, actual: string | undefined): boolean {
  return key(ruleValue) !== "" && key(ruleValue) === key(actual);
}

/** Product rules match on a contained word: rule "LED" matches "LED flood light 100W". */
function matchesProduct(ruleValue: string | undefined, product: string | undefined): boolean {
  const needle = key(ruleValue);
  const hay = key(product);
  if (!needle || !hay) return false;
  const at = hay.indexOf(needle);
  if (at < 0) return false;
  const before = at === 0 ? " " : hay[at - 1];
  const after = at + needle.length >= hay.length ? " " : hay[at + needle.length];
  return !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
}

function ruleMatches(rule: RoutingRule, input: RoutingInput): boolean {
  const m = rule.match ?? {};
  if (m.country !== undefined && m.country !== "" && !matchesText(m.country, input.country)) return false;
  if (m.region !== undefined && m.region !== "" && !matchesText(m.region, input.region)) return false;
  if (m.product !== undefined && m.product !== "" && !matchesProduct(m.product, input.product)) return false;
  return true;
}

function loadOf(load: Map<string, number>, email: string): number {
  const n = load.get(email) ?? load.get(key(email));
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

function covers(staff: StaffFacts, input: RoutingInput): boolean {
  const places = new Set((staff.regions ?? []).map(key));
  if ((input.country && places.has(key(input.country))) || (input.region && places.has(key(input.region)))) {
    return true;
  }
  return (staff.products ?? []).some((p) => matchesProduct(p, input.product));
}

interface RoutePick {
  email: string;
  why: string;
}

/** Rules first (first match wins), then the lightest load. Never picks `exclude`. */
function route(input: RoutingInput, byEmail: Map<string, StaffFacts>, exclude: string): RoutePick | undefined {
  const skipped: string[] = [];
  for (const [i, rule] of (input.rules ?? []).entries()) {
    if (!ruleMatches(rule, input)) continue;
    const target = byEmail.get(key(rule.to));
    if (target && key(target.email) !== exclude && available(target, input.now) && isSalesperson(target)) {
      return { email: target.email, why: `routing rule ${i + 1} (${describeMatch(rule)})` };
    }
    skipped.push(`rule ${i + 1} -> ${rule.to} unavailable`);
  }
  const candidates = input.staff.filter((s) => key(s.email) !== exclude && available(s, input.now) && isSalesperson(s));
  if (candidates.length === 0) return undefined;
  const specialists = candidates.filter((s) => covers(s, input));
  const pool = specialists.length > 0 ? specialists : candidates;
  const best = pool.slice().sort((a, b) => {
    const d = loadOf(input.openLoad, a.email) - loadOf(input.openLoad, b.email);
    return d !== 0 ? d : key(a.email) < key(b.email) ? -1 : key(a.email) > key(b.email) ? 1 : 0;
  })[0];
  const what = specialists.length > 0 ? "lightest load among those covering this market" : "lightest open load";
  const note = skipped.length > 0 ? `; ${skipped.join(", ")}` : "";
  return { email: best.email, why: `${what} (${loadOf(input.openLoad, best.email)} open)${note}` };
}

function describeMatch(rule: RoutingRule): string {
  const m = rule.match ?? {};
  const parts = [
    m.country && `country ${m.country}`,
    m.region && `region ${m.region}`,
    m.product && `product ${m.product}`,
  ];
  return parts.filter(Boolean).join(", ") || "catch-all";
}

export function chooseOwner(input: RoutingInput): RoutingDecision {
  const byEmail = new Map<string, StaffFacts>();
  for (const s of input.staff ?? []) if (s?.email) byEmail.set(key(s.email), s);
  const now = input.now;
  const ownerKey = key(input.buyerOwner);
  const owner = ownerKey ? byEmail.get(ownerKey) : undefined;

  const fallback = (reason: string, keepOwner: string | undefined): RoutingDecision => {
    const picked = route(input, byEmail, ownerKey);
    if (!picked) {
      return {
        owner: keepOwner ?? "",
        assignedTo: "",
        why: `${reason}; no available salesperson — assign by hand`,
      };
    }
    return { owner: keepOwner ?? picked.email, assignedTo: picked.email, why: `${reason}; ${picked.why}` };
  };

  if (!ownerKey) return fallback("new buyer", undefined);
  if (!owner) return fallback(`owner ${input.buyerOwner} is not on the Staff sheet`, undefined);
  if (owner.status === "frozen") return fallback(`owner ${owner.email} is frozen`, undefined);
  if (available(owner, now)) return { owner: owner.email, assignedTo: owner.email, why: "the buyer's owner" };

  // Away (R6): follow the deputy chain to the first available colleague.
  const visited = new Set<string>([ownerKey]);
  let current: StaffFacts = owner;
  const chain: string[] = [];
  for (let hop = 0; hop < MAX_DEPUTY_HOPS; hop++) {
    const deputyKey = key(current.deputy);
    if (!deputyKey || visited.has(deputyKey)) break;
    visited.add(deputyKey);
    const deputy = byEmail.get(deputyKey);
    if (!deputy) {
      chain.push(`deputy ${current.deputy} not on the Staff sheet`);
      break;
    }
    if (available(deputy, now)) {
      const via = chain.length > 0 ? ` (${chain.join(", ")})` : "";
      return {
        owner: owner.email,
        assignedTo: deputy.email,
        why: `owner ${owner.email} is away; deputy ${deputy.email} handles it${via}`,
      };
    }
    chain.push(`deputy ${deputy.email} is ${deputy.status === "frozen" ? "frozen" : "away"}`);
    current = deputy;
  }
  const reason = `owner ${owner.email} is away, ${chain.length > 0 ? chain.join(", ") : "no deputy named"}`;
  return fallback(reason, owner.email);
}
