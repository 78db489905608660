/**
 * The document cache (shared by everyone using this spreadsheet), or null where there is none: outside a
 * document (a standalone run) or in an auth mode that offers none. Callers treat a missing cache as empty.
 */
export function documentCache(): GoogleAppsScript.Cache.Cache | null {
  if (typeof CacheService === "undefined") return null;
  try {
    return CacheService.getDocumentCache();
  } catch {
    return null;
  }
}
