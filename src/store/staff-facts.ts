import { hasDeputyInForce, trustedDeputies } from "../domain/deputies";
import type { StaffFacts } from "../domain/routing";
import { readVouches } from "./deputies";
import type { Staff, StaffMember } from "./schemas";
import type { Table } from "./table";

export function splitList(text: string): string[] {
  return text
    .split(/[,，;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function staffFacts(member: StaffMember): StaffFacts {
  return {
    email: member.email.toLowerCase(),
    role: member.role,
    status: member.status === "" ? "active" : member.status,
    deputy: member.deputy ? member.deputy.toLowerCase() : undefined,
    awayFrom: member.awayFrom ?? undefined,
    awayUntil: member.awayUntil ?? undefined,
    regions: splitList(member.regions),
    products: splitList(member.products),
  };
}

/**
 * The team as access and routing see it: a deputy counts only when the person or a manager vouched for the
 * away cells as they are (domain/deputies.ts); the vouches are read only when some deputy is in force.
 */
export function staffList(table: Table<typeof Staff>, now: Date = new Date()): StaffFacts[] {
  const facts = table.rows.map((r) => staffFacts(r.record)).filter((s) => s.email !== "");
  return hasDeputyInForce(facts, now) ? trustedDeputies(facts, readVouches()) : facts;
}
