/**
 * What a desk line shows of an inquiry's or a sample's buyer — company (or contact) and owner — kept in the
 * document cache by every read that saw the buyer's row (the desk, the buyer view), so the next desk needs no
 * read for them. A line is a label, never a decision: a renamed company shows its new name when the entry
 * expires (NAME_SECONDS); owners here only pick which sample reminders a salesperson sees.
 */
import { documentCache } from "../../gas/cache";
import type { Buyer } from "../../store/schemas";
import { CACHE_SECONDS } from "../../store/small-tables";

const KEY = "bb.who.";
/** The small tables' lifetime: a cold open puts both in one putAll. */
const NAME_SECONDS = CACHE_SECONDS;

export interface KnownBuyer {
  row: number;
  buyer: Pick<Buyer, "id" | "company" | "name" | "email" | "owner">;
}

export function nameKey(id: string): string {
  return KEY + id;
}

/** The cache entries for these buyers (to put with the caller's other entries in one putAll). */
export function nameEntries(buyers: Iterable<KnownBuyer>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const { row, buyer } of buyers) {
    if (!buyer.id || n >= 400) continue;
    out[nameKey(buyer.id)] = JSON.stringify([row, buyer.company, buyer.name, buyer.email, buyer.owner]);
    n += 1;
  }
  return out;
}

export function parseName(id: string, text: string | undefined | null): KnownBuyer | undefined {
  if (!text) return undefined;
  try {
    const [row, company, name, email, owner] = JSON.parse(text) as [number, string, string, string, string];
    return { row, buyer: { id, company, name, email, owner } };
  } catch {
    return undefined;
  }
}

export function putNames(entries: Record<string, string>): void {
  if (Object.keys(entries).length === 0) return;
  try {
    documentCache()?.putAll(entries, NAME_SECONDS);
  } catch {
    // Only labels: without a cache the next desk reads them again.
  }
}
