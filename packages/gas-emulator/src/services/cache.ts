import type { GasContext } from "../core/context";

/**
 * CacheService with expiry on the emulated clock. Reference:
 * developers.google.com/apps-script/reference/cache/cache — default expiry 600 s, at most 21600 s (6 hours),
 * keys up to 250 characters, values up to 100 KB. The "Argument too large: key|value" messages are the ones
 * Apps Script throws (quoted by many projects that hit them).
 */
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_TTL_SECONDS = 21600;
export const CACHE_MAX_KEY_LENGTH = 250;
export const CACHE_MAX_VALUE_BYTES = 100 * 1024;
export const CACHE_KEY_TOO_LARGE = "Argument too large: key";
export const CACHE_VALUE_TOO_LARGE = "Argument too large: value";
/**
 * Same page, put(): "The cap for cached items is 1,000. If more than 1,000 items are written, the cache
 * stores the 900 items farthest from expiration. This limit might change." So eviction is neither LRU nor
 * oldest-first: the items nearest their expiry go (among equal expiries, the earliest written).
 */
export const CACHE_MAX_ITEMS = 1000;
export const CACHE_ITEMS_KEPT = 900;

interface Entry {
  value: string;
  expiresAt: number;
}

type CacheApi = GoogleAppsScript.Cache.Cache;

export class Cache implements Pick<CacheApi, "get" | "getAll" | "put" | "putAll" | "remove" | "removeAll"> {
  constructor(
    private readonly ctx: GasContext,
    private readonly entries: Map<string, Entry>,
  ) {}

  get(key: string): string | null {
    this.ctx.call("Cache.get", "Cache.get");
    return this.read(checkKey(key));
  }

  /** Only the keys that are present come back. */
  getAll(keys: string[]): { [key: string]: string } {
    this.ctx.call("Cache.get", "Cache.getAll", keys.length);
    const out: { [key: string]: string } = {};
    for (const key of keys) {
      const value = this.read(checkKey(key));
      if (value !== null) out[key] = value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.ctx.call("Cache.put", "Cache.put");
    const entry = this.entry(value, expirationInSeconds);
    this.store(checkKey(key), entry);
    this.enforceCap();
  }

  /** All-or-nothing: one oversize value rejects the whole batch. */
  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    this.ctx.call("Cache.put", "Cache.putAll", Object.keys(values).length);
    const staged = Object.entries(values).map(([k, v]) => [checkKey(k), this.entry(v, expirationInSeconds)] as const);
    for (const [k, e] of staged) this.store(k, e);
    this.enforceCap();
  }

  remove(key: string): void {
    this.ctx.call("Cache.put", "Cache.remove");
    this.entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    this.ctx.call("Cache.put", "Cache.removeAll", keys.length);
    for (const key of keys) this.entries.delete(checkKey(key));
  }

  /** A rewritten key counts as written now (Map order is the written order). */
  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** Past 1,000 live items, keep the 900 farthest from expiration. */
  private enforceCap(): void {
    if (this.entries.size <= CACHE_MAX_ITEMS) return;
    const now = this.ctx.clock.nowMs();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    if (this.entries.size <= CACHE_MAX_ITEMS) return;
    // A stable sort keeps the written order among equal expiries, so the earliest written go first.
    const nearest = [...this.entries].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    for (const [k] of nearest.slice(0, this.entries.size - CACHE_ITEMS_KEPT)) this.entries.delete(k);
  }

  private read(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.ctx.clock.nowMs()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  private entry(value: unknown, expirationInSeconds?: number): Entry {
    const text = String(value);
    if (Buffer.byteLength(text, "utf8") > CACHE_MAX_VALUE_BYTES) throw new Error(CACHE_VALUE_TOO_LARGE);
    const requested = expirationInSeconds === undefined ? CACHE_DEFAULT_TTL_SECONDS : Number(expirationInSeconds);
    // The reference gives 1 s as the minimum and 21600 s as the maximum; larger requests are capped.
    const ttl = Math.min(Math.max(requested, 1), CACHE_MAX_TTL_SECONDS);
    return { value: text, expiresAt: this.ctx.clock.nowMs() + ttl * 1000 };
  }
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > CACHE_MAX_KEY_LENGTH) throw new Error(CACHE_KEY_TOO_LARGE);
  return k;
}

export interface CacheServiceOptions {
  documentId?: () => string | null | undefined;
}

type CacheServiceApi = GoogleAppsScript.Cache.CacheService;

export class CacheService implements Pick<CacheServiceApi, "getScriptCache" | "getUserCache" | "getDocumentCache"> {
  private readonly scriptEntries = new Map<string, Entry>();
  private readonly userEntries = new Map<string, Map<string, Entry>>();
  private readonly documentEntries = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly ctx: GasContext,
    private readonly options: CacheServiceOptions = {},
  ) {}

  getScriptCache(): CacheApi {
    return new Cache(this.ctx, this.scriptEntries) as unknown as CacheApi;
  }

  getUserCache(): CacheApi {
    return new Cache(
      this.ctx,
      entriesFor(this.userEntries, this.ctx.effectiveUser.toLowerCase()),
    ) as unknown as CacheApi;
  }

  /** Null without an open document, as the reference page says. */
  getDocumentCache(): CacheApi | null {
    const id = this.options.documentId?.();
    if (!id) return null;
    return new Cache(this.ctx, entriesFor(this.documentEntries, id)) as unknown as CacheApi;
  }
}

function entriesFor(all: Map<string, Map<string, Entry>>, key: string): Map<string, Entry> {
  let entries = all.get(key);
  if (!entries) {
    entries = new Map();
    all.set(key, entries);
  }
  return entries;
}
