/**
 * Quote numbers: Q-2026-0001, counted per calendar year in the company zone. They are handed out by the
 * store's ID counter (store/ids.ts quoteSeries), which never reuses a deleted quote's number.
 */

export function formatQuoteNumber(year: number, n: number): string {
  return `Q-${year}-${String(n).padStart(4, "0")}`;
}

export function parseQuoteNumber(id: string): { year: number; n: number } | undefined {
  const m = /^Q-(\d{4})-(\d{1,9})$/.exec(id.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), n: Number(m[2]) };
}
