import type { SheetSpec } from "./columns";
import type { Table } from "./table";

export function formatId(prefix: string, n: number, digits: number): string {
  return `${prefix}${String(n).padStart(digits, "0")}`;
}

/** The number in an ID of this sheet's form ("B-000123" -> 123), or 0 when it is not one. */
export function idNumber(spec: SheetSpec, id: string): number {
  const prefix = spec.idPrefix ?? "";
  if (!id.startsWith(prefix)) return 0;
  const n = Number(id.slice(prefix.length).split("-").pop());
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * Hands out new IDs for one sheet in one job. Starts after the larger of the highest ID in the sheet and the
 * last one ever allocated (kept in document properties by the caller), so deleted IDs are never reused.
 * Allocate while holding the document lock.
 */
export class IdAllocator {
  private next: number;

  constructor(
    private readonly spec: SheetSpec,
    table: Table<SheetSpec>,
    lastAllocated: number,
  ) {
    let max = lastAllocated;
    if (spec.idKey) for (const id of table.byId.keys()) max = Math.max(max, idNumber(spec, id));
    this.next = max + 1;
  }

  take(): string {
    const id = formatId(this.spec.idPrefix ?? "", this.next, this.spec.idDigits ?? 6);
    this.next += 1;
    return id;
  }

  /** The last number handed out (to store back), or the starting point if none were. */
  get last(): number {
    return this.next - 1;
  }
}
