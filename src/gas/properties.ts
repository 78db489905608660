/** JSON values in the document's properties (shared by everyone using this spreadsheet). */
export function readDocJson<T>(key: string, fallback: T): T {
  const raw = PropertiesService.getDocumentProperties().getProperty(key);
  if (raw === null || raw === "") return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeDocJson(key: string, value: unknown): void {
  PropertiesService.getDocumentProperties().setProperty(key, JSON.stringify(value));
}

export function deleteDocProperty(key: string): void {
  PropertiesService.getDocumentProperties().deleteProperty(key);
}
