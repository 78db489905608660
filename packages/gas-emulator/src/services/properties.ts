import type { GasContext } from "../core/context";

/**
 * PropertiesService: three key-value stores (script, user, document) whose values are always strings.
 * Limits and messages follow developers.google.com/apps-script/guides/services/quotas ("Properties value
 * size 9 KB / val", "Properties total storage 500 KB / property store"). The store-full message is the one
 * Apps Script throws (seen verbatim in github.com/lucasvtiradentes/gcal-sync/issues/115).
 */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
export const PROPERTY_VALUE_TOO_LARGE = "Argument too large: value";
export const PROPERTY_STORE_FULL =
  "You have exceeded the property storage quota. Please remove some properties and try again.";

function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** One property store's data, kept outside the Properties objects so every getXProperties() call sees the same data. */
export class PropertyStore {
  readonly data = new Map<string, string>();

  bytesWith(changes: Map<string, string | null>): number {
    let total = 0;
    for (const [k, v] of this.data) if (!changes.has(k)) total += byteLength(k) + byteLength(v);
    for (const [k, v] of changes) if (v !== null) total += byteLength(k) + byteLength(v);
    return total;
  }
}

type PropertiesApi = GoogleAppsScript.Properties.Properties;

export class Properties
  implements
    Pick<
      PropertiesApi,
      | "getProperty"
      | "setProperty"
      | "getProperties"
      | "setProperties"
      | "deleteProperty"
      | "deleteAllProperties"
      | "getKeys"
    >
{
  constructor(
    private readonly ctx: GasContext,
    private readonly store: PropertyStore,
  ) {}

  getProperty(key: string): string | null {
    this.ctx.call("Properties.get", "Properties.getProperty");
    return this.store.data.get(String(key)) ?? null;
  }

  getProperties(): { [key: string]: string } {
    this.ctx.call("Properties.get", "Properties.getProperties");
    return Object.fromEntries(this.store.data);
  }

  getKeys(): string[] {
    this.ctx.call("Properties.get", "Properties.getKeys");
    return [...this.store.data.keys()];
  }

  setProperty(key: string, value: string): PropertiesApi {
    this.ctx.call("Properties.set", "Properties.setProperty");
    this.write(new Map([[String(key), String(value)]]), false);
    return this as unknown as PropertiesApi;
  }

  setProperties(properties: { [key: string]: string }): PropertiesApi;
  setProperties(properties: { [key: string]: string }, deleteAllOthers: boolean): PropertiesApi;
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): PropertiesApi {
    this.ctx.call("Properties.set", "Properties.setProperties");
    const changes = new Map<string, string | null>();
    for (const [k, v] of Object.entries(properties)) changes.set(String(k), String(v));
    this.write(changes, deleteAllOthers);
    return this as unknown as PropertiesApi;
  }

  deleteProperty(key: string): PropertiesApi {
    this.ctx.call("Properties.set", "Properties.deleteProperty");
    this.store.data.delete(String(key));
    return this as unknown as PropertiesApi;
  }

  deleteAllProperties(): PropertiesApi {
    this.ctx.call("Properties.set", "Properties.deleteAllProperties");
    this.store.data.clear();
    return this as unknown as PropertiesApi;
  }

  /** All-or-nothing, like Apps Script: a rejected batch leaves the store unchanged. */
  private write(changes: Map<string, string | null>, deleteAllOthers: boolean): void {
    for (const v of changes.values()) {
      if (v !== null && byteLength(v) > PROPERTY_VALUE_MAX_BYTES) throw new Error(PROPERTY_VALUE_TOO_LARGE);
    }
    if (deleteAllOthers) for (const k of this.store.data.keys()) if (!changes.has(k)) changes.set(k, null);
    if (this.store.bytesWith(changes) > PROPERTY_STORE_MAX_BYTES) throw new Error(PROPERTY_STORE_FULL);
    for (const [k, v] of changes) {
      if (v === null) this.store.data.delete(k);
      else this.store.data.set(k, v);
    }
  }
}

export interface PropertiesServiceOptions {
  /** The open document's id (container-bound script or add-on); null/undefined means no document. */
  documentId?: () => string | null | undefined;
}

type PropertiesServiceApi = GoogleAppsScript.Properties.PropertiesService;

export class PropertiesService
  implements Pick<PropertiesServiceApi, "getScriptProperties" | "getUserProperties" | "getDocumentProperties">
{
  private readonly scriptStore = new PropertyStore();
  private readonly userStores = new Map<string, PropertyStore>();
  private readonly documentStores = new Map<string, PropertyStore>();

  constructor(
    private readonly ctx: GasContext,
    private readonly options: PropertiesServiceOptions = {},
  ) {}

  getScriptProperties(): PropertiesApi {
    this.ctx.requireAuth("PropertiesService.getScriptProperties");
    return new Properties(this.ctx, this.scriptStore) as unknown as PropertiesApi;
  }

  /** Keyed by the effective user: a trigger sees its owner's user properties. */
  getUserProperties(): PropertiesApi {
    this.ctx.requireAuth("PropertiesService.getUserProperties");
    return new Properties(
      this.ctx,
      storeFor(this.userStores, this.ctx.effectiveUser.toLowerCase()),
    ) as unknown as PropertiesApi;
  }

  /** Null when the script runs without a document, as the reference page says. */
  getDocumentProperties(): PropertiesApi {
    this.ctx.requireAuth("PropertiesService.getDocumentProperties");
    const id = this.options.documentId?.();
    if (!id) return null as unknown as PropertiesApi;
    return new Properties(this.ctx, storeFor(this.documentStores, id)) as unknown as PropertiesApi;
  }
}

function storeFor(stores: Map<string, PropertyStore>, key: string): PropertyStore {
  let store = stores.get(key);
  if (!store) {
    store = new PropertyStore();
    stores.set(key, store);
  }
  return store;
}
