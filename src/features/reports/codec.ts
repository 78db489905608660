/**
 * A report's walk, saved between slices as text: JSON with Dates, Maps and Sets tagged ({"$d": ms},
 * {"$m": entries}, {"$s": values}). Only objects of exactly that one-key shape are revived; cell text is always a
 * JSON string, so no sheet value can pose as one. A checksum travels in the run's state so a scratch sheet edited
 * by hand is noticed (the walk then starts again) instead of feeding wrong figures.
 */

export function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $d: raw.getTime() };
    if (raw instanceof Map) return { $m: [...raw] };
    if (raw instanceof Set) return { $s: [...raw] };
    return v;
  });
}

export function decode<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 1) return v;
    const o = v as Record<string, unknown>;
    if (keys[0] === "$d" && typeof o.$d === "number") return new Date(o.$d);
    if (keys[0] === "$d" && o.$d === null) return new Date(Number.NaN);
    if (keys[0] === "$m" && Array.isArray(o.$m)) return new Map(o.$m as [unknown, unknown][]);
    if (keys[0] === "$s" && Array.isArray(o.$s)) return new Set(o.$s);
    return v;
  }) as T;
}

/** FNV-1a over the UTF-16 code units, as 8 hex digits: cheap, and enough to notice an edited cell. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
