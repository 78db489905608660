/**
 * State kept between executions for one book: the schedule's record, report progress, digests sent, who last
 * ran their heartbeat. It lives in the script properties under the book's id, not in the document properties:
 * an editor add-on's hourly trigger runs with no open document, and there getDocumentProperties() (like the
 * document lock and cache) is null. Script properties are reachable from every execution in both deployment
 * modes; the book's id in each key keeps books apart, since an add-on's script properties are shared by every
 * document it is used in. A key never written here is looked up once in the document properties (where the
 * schedule's record and the report links lived before), so an existing book keeps them.
 */

type Store = Pick<
  GoogleAppsScript.Properties.Properties,
  "getProperty" | "setProperty" | "deleteProperty" | "getProperties" | "setProperties"
>;

export interface BookState {
  readonly bookId: string;
  get<T>(key: string, fallback: T): T;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Every value whose key starts with `prefix`, by the rest of the key (one properties call). */
  list<T>(prefix: string): Record<string, T>;
  /**
   * A copy kept in the script cache (the book's id in the key), ~3 ms to read where the properties take ~30:
   * for values read often and written by few. Gone after 6 hours or when the cache evicts it (undefined).
   */
  cached<T>(key: string): T | undefined;
  /** Several cached copies in one cache call, by key (a missing one is absent). */
  cachedAll(keys: readonly string[]): Record<string, unknown>;
  keepCached(key: string, value: unknown, seconds?: number): void;
  /** As keepCached, but a cache that fails throws: for a copy whose absence others must be able to trust. */
  putCached(key: string, value: unknown, seconds?: number): void;
}

/** The script cache keeps a value 6 hours at most. */
const CACHE_SECONDS = 21_600;

function scriptCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getScriptCache();
  } catch {
    return null;
  }
}

function namespace(bookId: string): string {
  return `bb:${bookId}:`;
}

function parse<T>(raw: string | null | undefined, fallback: T): T {
  if (raw === null || raw === undefined || raw === "") return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** The document properties of the open document, when there is one (never in an add-on's hourly trigger). */
function documentProperties(): GoogleAppsScript.Properties.Properties | null {
  try {
    return PropertiesService.getDocumentProperties();
  } catch {
    return null;
  }
}

export function bookState(bookId: string): BookState {
  const ns = namespace(bookId);
  const script = () => PropertiesService.getScriptProperties();
  return {
    bookId,
    get<T>(key: string, fallback: T): T {
      const raw = script().getProperty(ns + key);
      if (raw !== null) return parse(raw, fallback);
      return parse(documentProperties()?.getProperty(key), fallback);
    },
    set(key: string, value: unknown): void {
      script().setProperty(ns + key, JSON.stringify(value));
    },
    delete(key: string): void {
      script().deleteProperty(ns + key);
      documentProperties()?.deleteProperty(key);
    },
    cached<T>(key: string): T | undefined {
      return parse<T | undefined>(scriptCache()?.get(ns + key), undefined);
    },
    cachedAll(keys: readonly string[]): Record<string, unknown> {
      let raw: Record<string, string> = {};
      try {
        raw = scriptCache()?.getAll(keys.map((k) => ns + k)) ?? {};
      } catch {
        // A cache that fails reads as empty: callers fall back to the properties or a search.
      }
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const value = parse<unknown>(raw[ns + k], undefined);
        if (value !== undefined) out[k] = value;
      }
      return out;
    },
    keepCached(key: string, value: unknown, seconds = CACHE_SECONDS): void {
      try {
        scriptCache()?.put(ns + key, JSON.stringify(value), seconds);
      } catch {
        // Only a copy: without it the next reader asks the properties.
      }
    },
    putCached(key: string, value: unknown, seconds = CACHE_SECONDS): void {
      CacheService.getScriptCache().put(ns + key, JSON.stringify(value), seconds);
    },
    list<T>(prefix: string): Record<string, T> {
      const out: Record<string, T> = {};
      const all = script().getProperties();
      for (const [key, raw] of Object.entries(all)) {
        if (!key.startsWith(ns + prefix)) continue;
        const value = parse<T | undefined>(raw, undefined);
        if (value !== undefined) out[key.slice(ns.length + prefix.length)] = value;
      }
      return out;
    },
  };
}

let opened: string | undefined;

/** The book this execution opened by id (an add-on's hourly trigger has no active spreadsheet to ask). */
export function rememberOpenedBook(bookId: string | undefined): void {
  opened = bookId;
}

/**
 * Where the document-wide values of the older jobs (ID counters, the pull's watermark) are read and written:
 * the document properties when there is an open document, else the book opened by id, under its state.
 */
export function documentStore(): Store {
  const props = documentProperties();
  if (props) return props;
  if (!opened) throw new Error("Buyerbook has no spreadsheet open in this run: no document properties to use.");
  const ns = namespace(opened);
  const script = PropertiesService.getScriptProperties();
  const store: Store = {
    getProperty: (key) => script.getProperty(ns + key),
    setProperty: (key, value) => {
      script.setProperty(ns + key, value);
      return script;
    },
    deleteProperty: (key) => {
      script.deleteProperty(ns + key);
      return script;
    },
    getProperties: () => {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(script.getProperties())) {
        if (key.startsWith(ns)) out[key.slice(ns.length)] = value;
      }
      return out;
    },
    setProperties: (values: Record<string, string>) => {
      const keyed: Record<string, string> = {};
      for (const [key, value] of Object.entries(values)) keyed[ns + key] = value;
      script.setProperties(keyed);
      return script;
    },
  };
  return store;
}
