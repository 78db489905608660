import type { StaffFacts } from "../domain/routing";
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

export function staffList(table: Table<typeof Staff>): StaffFacts[] {
  return table.rows.map((r) => staffFacts(r.record)).filter((s) => s.email !== "");
}
