import { documentStore } from "./book-state";

/**
 * JSON values in the document's properties (shared by everyone using this spreadsheet). In an add-on's hourly
 * trigger, which has no open document, the same keys live in the opened book's state (./book-state).
 */
export function readDocJson<T>(key: string, fallback: T): T {
  const raw = documentStore().getProperty(key);
  if (raw === null || raw === "") return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeDocJson(key: string, value: unknown): void {
  documentStore().setProperty(key, JSON.stringify(value));
}

export function deleteDocJson(key: string): void {
  documentStore().deleteProperty(key);
}

export function deleteDocProperty(key: string): void {
  documentStore().deleteProperty(key);
}

/** Every document property in one read (a check of several keys costs one call). */
export function readDocProperties(): Record<string, string> {
  return documentStore().getProperties();
}

/** Several document properties in one write. */
export function writeDocProperties(values: Record<string, string>): void {
  documentStore().setProperties(values);
}

export function readDocProperty(key: string): string | null {
  return documentStore().getProperty(key);
}

export function writeDocProperty(key: string, value: string): void {
  documentStore().setProperty(key, value);
}
