import { describe, expect, it } from "vitest";
import { CACHE_ITEMS_KEPT, CACHE_MAX_ITEMS, CacheService, GasContext } from "../src/index";

/**
 * Contract for CacheService's item cap. Reference: developers.google.com/apps-script/reference/cache/cache,
 * put(): "The cap for cached items is 1,000. If more than 1,000 items are written, the cache stores the 900
 * items farthest from expiration. This limit might change." Eviction is therefore by expiry, not LRU and
 * not oldest-first; among equal expiries the emulator drops the earliest written.
 */
interface CacheWorld {
  CacheService: GoogleAppsScript.Cache.CacheService;
  advanceSeconds(s: number): void;
}

function makeEmulator(): CacheWorld {
  const ctx = new GasContext({ now: "2024-05-01T00:00:00Z", user: "owner@example.com" });
  const service = new CacheService(ctx, { documentId: () => "doc-1" });
  return {
    CacheService: service as unknown as GoogleAppsScript.Cache.CacheService,
    advanceSeconds: (s) => ctx.clock.advance(s * 1000),
  };
}

const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${from + i}`);

describe.each([["emulator", makeEmulator]])("CacheService item cap (%s)", (_name, make) => {
  it("1,000 items fit; the 1,001st write keeps the 900 farthest from expiration", () => {
    expect([CACHE_MAX_ITEMS, CACHE_ITEMS_KEPT]).toEqual([1000, 900]);
    const w = make();
    const cache = w.CacheService.getScriptCache();
    // Item i expires after 1,000 + i seconds: k0 is nearest its expiry.
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, `v${i}`, 1000 + i);
    expect(Object.keys(cache.getAll(keys(0, 1000)))).toHaveLength(1000);
    cache.put("late", "stays", 21600);
    const left = cache.getAll([...keys(0, 1000), "late"]);
    expect(Object.keys(left)).toHaveLength(900);
    expect(left.late).toBe("stays");
    expect(left.k100).toBeUndefined();
    expect(left.k101).toBe("v101");
    expect(cache.get("k999")).toBe("v999");
  });

  it("what goes is what expires soonest, even if it was written last (not LRU, not oldest-first)", () => {
    const w = make();
    const cache = w.CacheService.getScriptCache();
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, "old", 21600);
    cache.get("k0"); // a recent read does not protect it either
    cache.put("brief", "soon gone", 60);
    expect(cache.get("brief")).toBeNull();
    const left = cache.getAll(keys(0, 1000));
    // Of the equal expiries, the earliest written go: k0..k99.
    expect(Object.keys(left)).toHaveLength(900);
    expect(left.k99).toBeUndefined();
    expect(left.k100).toBe("old");
  });

  it("expired items do not count toward the cap, and putAll is capped like put", () => {
    const w = make();
    const cache = w.CacheService.getScriptCache();
    const batch = (from: number, to: number, v: string) =>
      Object.fromEntries(keys(from, to).map((k) => [k, v])) as Record<string, string>;
    cache.putAll(batch(0, 600, "a"), 60);
    w.advanceSeconds(61);
    cache.putAll(batch(600, 1200, "b"), 600);
    expect(Object.keys(cache.getAll(keys(600, 1200)))).toHaveLength(600);
    cache.putAll(batch(1200, 1700, "c"), 900);
    const left = cache.getAll(keys(0, 1700));
    expect(Object.keys(left)).toHaveLength(900);
    // The 600-second items were nearest expiry: 200 of them go, in the order written.
    expect(left.k799).toBeUndefined();
    expect(left.k800).toBe("b");
    expect(left.k1699).toBe("c");
  });

  it("each cache has its own cap: the user cache is untouched by a full script cache", () => {
    const w = make();
    for (let i = 0; i < 1001; i++) w.CacheService.getScriptCache().put(`k${i}`, "s");
    w.CacheService.getUserCache().put("mine", "u");
    expect(w.CacheService.getUserCache().get("mine")).toBe("u");
  });
});
