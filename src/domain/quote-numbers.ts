/**
 * Quote numbers: Q-2026-0001, counted per calendar year in the company zone. The next number is one past
 * the larger of the highest number in the sheet for that year and the last one ever handed out (kept in
 * document properties), so a deleted quote's number is never reused. Allocate while holding the document lock.
 */

export function formatQuoteNumber(year: number, n: number): string {
  return `Q-${year}-${String(n).padStart(4, "0")}`;
}

export function parseQuoteNumber(id: string): { year: number; n: number } | undefined {
  const m = /^Q-(\d{4})-(\d{1,9})$/.exec(id.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), n: Number(m[2]) };
}

/** The key under which the last number of `year` is stored in document properties. */
export function quoteCounterKey(year: number): string {
  return `ids.Q.${year}`;
}

export function nextQuoteNumber(existing: Iterable<string>, year: number, lastAllocated: number): number {
  let max = Number.isInteger(lastAllocated) && lastAllocated > 0 ? lastAllocated : 0;
  for (const id of existing) {
    const parsed = parseQuoteNumber(id);
    if (parsed && parsed.year === year) max = Math.max(max, parsed.n);
  }
  return max + 1;
}
