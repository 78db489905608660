/**
 * The document cache (shared by everyone using this spreadsheet), or null where there is none: outside a
 * document (a standalone run) or in an auth mode that offers none. Callers treat a missing cache as empty.
 *
 * Inside withCacheWritesDeferred (one sidebar call), what the call puts is held and written at its end in one
 * putAll per lifetime: every put is a round trip of ~90 ms, and a click that leaves a row hint, a name and the
 * desk's state would otherwise pay three. Reads in the same call see what it put.
 */
type Cache = GoogleAppsScript.Cache.Cache;

let pending: Map<string, { value: string; seconds: number }> | undefined;

function realCache(): Cache | null {
  if (typeof CacheService === "undefined") return null;
  try {
    return CacheService.getDocumentCache();
  } catch {
    return null;
  }
}

export function documentCache(): Cache | null {
  const real = realCache();
  return real && pending ? deferring(real, pending) : real;
}

/** Runs `fn` with the document cache's writes held and written together when it ends (however it ends). */
export function withCacheWritesDeferred<T>(fn: () => T): T {
  if (pending) return fn();
  const held = new Map<string, { value: string; seconds: number }>();
  pending = held;
  try {
    return fn();
  } finally {
    pending = undefined;
    flush(held);
  }
}

/** The default lifetime of CacheService.put without one: 600 seconds. */
const DEFAULT_SECONDS = 600;

function flush(held: Map<string, { value: string; seconds: number }>): void {
  if (held.size === 0) return;
  const real = realCache();
  if (!real) return;
  const bySeconds = new Map<number, Record<string, string>>();
  for (const [key, { value, seconds }] of held) {
    const group = bySeconds.get(seconds) ?? {};
    group[key] = value;
    bySeconds.set(seconds, group);
  }
  for (const [seconds, entries] of bySeconds) {
    try {
      real.putAll(entries, seconds);
    } catch {
      // Cache entries are hints (headers, row places, names): a write the cache refuses costs a later read.
    }
  }
}

/** CacheService's own limits, refused when put (as the real put would), not when the held writes go out. */
const MAX_KEY_CHARS = 250;
const MAX_VALUE_BYTES = 100 * 1024;

function checkEntry(key: string, value: string): void {
  if (key.length > MAX_KEY_CHARS) throw new Error(`Argument too large: key (${key.length} characters)`);
  if (utf8Bytes(String(value)) > MAX_VALUE_BYTES) throw new Error(`Argument too large: value of ${key}`);
}

function hold(held: Map<string, { value: string; seconds: number }>, key: string, value: string, seconds: number) {
  checkEntry(key, value);
  held.set(key, { value: String(value), seconds });
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function deferring(real: Cache, held: Map<string, { value: string; seconds: number }>): Cache {
  const cache = {
    get(key: string): string | null {
      const mine = held.get(key);
      return mine ? mine.value : real.get(key);
    },
    getAll(keys: string[]): Record<string, string> {
      const out: Record<string, string> = {};
      const ask = keys.filter((k) => !held.has(k));
      if (ask.length > 0) Object.assign(out, real.getAll(ask));
      for (const k of keys) {
        const mine = held.get(k);
        if (mine) out[k] = mine.value;
      }
      return out;
    },
    put(key: string, value: string, seconds = DEFAULT_SECONDS): void {
      hold(held, key, value, seconds);
    },
    putAll(values: Record<string, string>, seconds = DEFAULT_SECONDS): void {
      for (const [key, value] of Object.entries(values)) checkEntry(key, value);
      for (const [key, value] of Object.entries(values)) hold(held, key, value, seconds);
    },
    remove(key: string): void {
      held.delete(key);
      real.remove(key);
    },
    removeAll(keys: string[]): void {
      for (const k of keys) held.delete(k);
      real.removeAll(keys);
    },
  };
  return cache as unknown as Cache;
}
