/**
 * Who may do what (R1, R29, R34). Pure: callers pass the acting staff member and, for actions on a buyer,
 * the buyer's owner and the staff list (to know who is whose deputy while away).
 */
import { isAway, type StaffFacts } from "./routing";

export const ROLES = ["boss", "assistant", "salesperson", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "desk.view",
  "buyer.view",
  "buyer.create",
  "buyer.edit",
  /** Merge a duplicate buyer into another (R22): a salesperson only when both are theirs. */
  "buyer.merge",
  "inquiry.grade",
  "followup.log",
  "quote.create",
  "sample.create",
  "product.edit",
  "staff.manage",
  "settings.edit",
  "report.write",
  "campaign.send",
  "import.run",
  /** Mark oneself away and name a deputy (R6); boss and assistant may do it for anyone. */
  "staff.away",
  /**
   * Install the book's one on-edit audit trigger (R33, R34). A manager owns it, so it logs every editor's
   * hand edits whether or not they ever open Buyerbook.
   */
  "audit.install",
  /** Recompute Buyers' next follow-up and days overdue (derived cells, R20, R23). */
  "due.refresh",
  /**
   * Copy buyers out of the book into a file of one's own (the trip plan Doc, R14): boss and assistant for every
   * buyer, a salesperson for their own (and a deputized colleague's) only; never the viewer.
   */
  "data.export",
  /**
   * Pull one's own mailbox into the book and run one's own schedule — start it, run what is due now, the hourly
   * heartbeat (C2): everyone who works buyers, never the viewer.
   */
  "mail.pull",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions on a particular buyer: a salesperson may take them only for their own (or a deputized) buyer. */
export const OWNED_ACTIONS: ReadonlySet<Action> = new Set([
  "buyer.edit",
  "buyer.merge",
  "inquiry.grade",
  "followup.log",
  "quote.create",
  "sample.create",
  "data.export",
]);

const ROLE_ACTIONS: Record<Role, ReadonlySet<Action>> = {
  boss: new Set(ACTIONS),
  assistant: new Set(ACTIONS),
  salesperson: new Set([
    "desk.view",
    "buyer.view",
    "buyer.create",
    "buyer.edit",
    "buyer.merge",
    "inquiry.grade",
    "followup.log",
    "quote.create",
    "sample.create",
    "staff.away",
    "due.refresh",
    "data.export",
    "mail.pull",
  ]),
  // The platform's account manager supervises (R1): read-only.
  viewer: new Set(["desk.view", "buyer.view"]),
};

export type Decision =
  | { ok: true }
  | { ok: false; reason: "unknown" | "frozen" | "role" | "not-owner"; owner?: string };

export interface Actor {
  email: string;
  role: string;
  status: string;
}

/**
 * The decision for `actor` doing `action`, on a buyer owned by `owner` when given. A salesperson acts for an
 * away colleague who named them deputy (R6); boss and assistant act on all; frozen or unknown on none.
 */
export function decide(
  actor: Actor | undefined,
  action: Action,
  target?: { owner: string; staff: readonly StaffFacts[]; now: Date },
): Decision {
  if (!actor) return { ok: false, reason: "unknown" };
  if (actor.status === "frozen") return { ok: false, reason: "frozen" };
  const role = (ROLES as readonly string[]).includes(actor.role) ? (actor.role as Role) : undefined;
  if (!role || !ROLE_ACTIONS[role].has(action)) return { ok: false, reason: "role" };
  if (role !== "salesperson" || !OWNED_ACTIONS.has(action) || !target) return { ok: true };
  const me = actor.email.toLowerCase();
  const owner = target.owner.toLowerCase();
  if (owner === "" || owner === me) return { ok: true };
  if (deputizedFor(me, owner, target.staff, target.now)) return { ok: true };
  return { ok: false, reason: "not-owner", owner };
}

/** Whether `me` is acting for `owner`: the owner is away and names `me` as deputy (directly or down a chain). */
export function deputizedFor(me: string, owner: string, staff: readonly StaffFacts[], now: Date): boolean {
  const byEmail = new Map(staff.map((s) => [s.email.toLowerCase(), s]));
  let current = byEmail.get(owner);
  for (let hops = 0; current && hops < 5; hops += 1) {
    if (!(isAway(current, now) || current.status === "frozen")) return false;
    const deputy = current.deputy?.toLowerCase();
    if (!deputy) return false;
    if (deputy === me) return true;
    current = byEmail.get(deputy);
  }
  return false;
}

/**
 * Whose buyers and due follow-ups show on `me`'s desk (R6): their own, and those of every colleague they are
 * currently deputizing for (directly or down a chain). Sorted, `me` first.
 */
export function deskOwners(me: string, staff: readonly StaffFacts[], now: Date): string[] {
  const mine = me.toLowerCase();
  const others = staff
    .map((s) => s.email.toLowerCase())
    .filter((email) => email !== mine && deputizedFor(mine, email, staff, now))
    .sort();
  return [mine, ...others];
}

/**
 * Whether two addresses name the same person. A blank address names nobody: a Staff row whose email was left
 * empty must never match an execution that has no user (Apps Script blanks the user in some trigger runs).
 */
export function sameAddress(a: string | undefined | null, b: string | undefined | null): boolean {
  const x = String(a ?? "")
    .trim()
    .toLowerCase();
  return (
    x !== "" &&
    x ===
      String(b ?? "")
        .trim()
        .toLowerCase()
  );
}
