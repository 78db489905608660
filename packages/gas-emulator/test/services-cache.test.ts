import { describe, expect, it } from "vitest";
import { CACHE_KEY_TOO_LARGE, CACHE_VALUE_TOO_LARGE, CacheService, GasContext } from "../src/index";

/**
 * Contract for CacheService. Reference: developers.google.com/apps-script/reference/cache/cache
 * (default expiry 10 minutes, maximum 6 hours, keys up to 250 characters, values up to 100 KB).
 */
interface CacheWorld {
  CacheService: GoogleAppsScript.Cache.CacheService;
  advanceSeconds(s: number): void;
  runAs<T>(user: string, fn: () => T): T;
  calls(type: string): number;
}

function makeEmulator(): CacheWorld {
  const ctx = new GasContext({ now: "2024-05-01T00:00:00Z", user: "owner@example.com" });
  const service = new CacheService(ctx, { documentId: () => "doc-1" });
  return {
    CacheService: service as unknown as GoogleAppsScript.Cache.CacheService,
    advanceSeconds: (s) => ctx.clock.advance(s * 1000),
    runAs: (user, fn) => ctx.runAs(user, fn),
    calls: (type) => ctx.meter.callsOf(type),
  };
}

describe.each([["emulator", makeEmulator]])("CacheService contract (%s)", (_name, make) => {
  it("a value put without expiry lives 600 seconds on the clock", () => {
    const w = make();
    const cache = w.CacheService.getScriptCache();
    cache.put("k", "v");
    w.advanceSeconds(599);
    expect(cache.get("k")).toBe("v");
    w.advanceSeconds(1);
    expect(cache.get("k")).toBeNull();
  });

  it("an explicit expiry is honoured and capped at 21600 seconds", () => {
    const w = make();
    const cache = w.CacheService.getScriptCache();
    cache.put("short", "1", 5);
    cache.put("long", "2", 100000);
    w.advanceSeconds(5);
    expect(cache.get("short")).toBeNull();
    w.advanceSeconds(21600 - 6);
    expect(cache.get("long")).toBe("2");
    w.advanceSeconds(1);
    expect(cache.get("long")).toBeNull();
  });

  it("getAll returns only present keys; putAll/removeAll work on batches", () => {
    const cache = make().CacheService.getScriptCache();
    cache.putAll({ a: "1", b: "2", c: "3" });
    cache.removeAll(["b"]);
    cache.remove("c");
    expect(cache.getAll(["a", "b", "c", "z"])).toEqual({ a: "1" });
  });

  it("key over 250 characters and value over 100 KB are refused with Apps Script's messages", () => {
    const cache = make().CacheService.getScriptCache();
    expect(() => cache.put("k".repeat(250), "ok")).not.toThrow();
    expect(() => cache.put("k".repeat(251), "x")).toThrow(CACHE_KEY_TOO_LARGE);
    expect(() => cache.put("big", "v".repeat(100 * 1024 + 1))).toThrow(CACHE_VALUE_TOO_LARGE);
    expect([CACHE_KEY_TOO_LARGE, CACHE_VALUE_TOO_LARGE]).toEqual([
      "Argument too large: key",
      "Argument too large: value",
    ]);
    expect(cache.get("big")).toBeNull();
  });

  it("user caches are private to each user; the script cache is shared", () => {
    const w = make();
    w.runAs("alice@example.com", () => {
      w.CacheService.getUserCache().put("me", "alice");
      w.CacheService.getScriptCache().put("all", "x");
    });
    w.runAs("bob@example.com", () => {
      expect(w.CacheService.getUserCache().get("me")).toBeNull();
      expect(w.CacheService.getScriptCache().get("all")).toBe("x");
    });
  });

  it("meters Cache.get and Cache.put", () => {
    const w = make();
    const cache = w.CacheService.getScriptCache();
    cache.put("a", "1");
    cache.get("a");
    cache.getAll(["a"]);
    cache.remove("a");
    expect(w.calls("Cache.get")).toBe(2);
    expect(w.calls("Cache.put")).toBe(2);
  });
});
