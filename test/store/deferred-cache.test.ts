/**
 * A sidebar call's document-cache writes go out together at its end (src/gas/cache.ts): one putAll per
 * lifetime instead of a round trip per put, the call's own reads seeing what it put, and the writes made
 * however the call ends.
 */
import { describe, expect, it } from "vitest";
import { documentCache, withCacheWritesDeferred } from "../../src/gas/cache";
import { installGas } from "../support/gas";

describe("document cache writes held for one call", () => {
  it("many puts of two lifetimes: two cache writes at the end, and the call reads its own entries meanwhile", () => {
    const { env } = installGas();
    const meter = env.ctx.meter;
    meter.reset();
    const seen = withCacheWritesDeferred(() => {
      const cache = documentCache()!;
      cache.put("bb.row.Buyers.B-000001", "2", 21_600);
      cache.putAll({ "bb.row.Inquiries.I-000001": "7", "bb.name.B-000001": "Nordic" }, 21_600);
      cache.put("bb.small.staff", "[]", 300);
      cache.put("bb.row.Buyers.B-000001", "3", 21_600); // a later put of the same key wins
      expect(meter.callsOf("Cache.put")).toBe(0);
      return cache.getAll(["bb.row.Buyers.B-000001", "bb.small.staff", "absent"]);
    });
    expect(seen).toEqual({ "bb.row.Buyers.B-000001": "3", "bb.small.staff": "[]" });
    expect(meter.callsOf("Cache.put")).toBe(2);
    const after = documentCache()!.getAll(["bb.row.Buyers.B-000001", "bb.row.Inquiries.I-000001", "bb.small.staff"]);
    expect(after).toEqual({ "bb.row.Buyers.B-000001": "3", "bb.row.Inquiries.I-000001": "7", "bb.small.staff": "[]" });
  });

  it("a call that fails still leaves its entries; a removal reaches the cache at once", () => {
    const { env } = installGas();
    documentCache()!.put("bb.old", "x", 600);
    expect(() =>
      withCacheWritesDeferred(() => {
        documentCache()!.put("bb.kept", "y", 600);
        documentCache()!.remove("bb.old");
        throw new Error("the handler failed");
      }),
    ).toThrow("the handler failed");
    expect(env.ctx.meter.quietly(() => documentCache()!.getAll(["bb.old", "bb.kept"]))).toEqual({ "bb.kept": "y" });
  });

  it("an entry the cache would refuse is refused when put, as the real put refuses it, and nothing else is lost", () => {
    installGas();
    withCacheWritesDeferred(() => {
      documentCache()!.put("bb.fine", "1", 600);
      expect(() => documentCache()!.put("bb.big", "x".repeat(100 * 1024 + 1), 600)).toThrow(/too large/);
      expect(() => documentCache()!.put("k".repeat(251), "1", 600)).toThrow(/too large/);
    });
    expect(documentCache()!.get("bb.fine")).toBe("1");
    expect(documentCache()!.get("bb.big")).toBeNull();
  });

  it("nested calls write once, at the outer end", () => {
    const { env } = installGas();
    env.ctx.meter.reset();
    withCacheWritesDeferred(() => {
      withCacheWritesDeferred(() => documentCache()!.put("bb.inner", "1", 600));
      expect(env.ctx.meter.callsOf("Cache.put")).toBe(0);
    });
    expect(env.ctx.meter.callsOf("Cache.put")).toBe(1);
  });
});
