import { describe, expect, it } from "vitest";
import { GasContext, PROPERTY_STORE_FULL, PROPERTY_VALUE_TOO_LARGE, PropertiesService } from "../src/index";

/**
 * Contract for PropertiesService.
 * Reference: developers.google.com/apps-script/reference/properties/properties and
 * developers.google.com/apps-script/guides/services/quotas (9 KB per value, 500 KB per store).
 * The factory hands back the Apps Script globals plus the few emulator controls a test needs (who runs,
 * which document is open, call counts), so the same suite could run against another implementation.
 */
interface PropertiesWorld {
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  runAs<T>(user: string, fn: () => T): T;
  openDocument(id: string | null): void;
  calls(type: string): number;
}

function makeEmulator(): PropertiesWorld {
  const ctx = new GasContext({ user: "owner@example.com" });
  let doc: string | null = "doc-1";
  const service = new PropertiesService(ctx, { documentId: () => doc });
  return {
    PropertiesService: service as unknown as GoogleAppsScript.Properties.PropertiesService,
    runAs: (user, fn) => ctx.runAs(user, fn),
    openDocument: (id) => {
      doc = id;
    },
    calls: (type) => ctx.meter.callsOf(type),
  };
}

describe.each([["emulator", makeEmulator]])("PropertiesService contract (%s)", (_name, make) => {
  it("stores every value as a string and returns null for a missing key", () => {
    const { PropertiesService } = make();
    const props = PropertiesService.getScriptProperties();
    props.setProperty("count", 5 as unknown as string);
    props.setProperty("flag", true as unknown as string);
    expect(props.getProperty("count")).toBe("5");
    expect(props.getProperty("flag")).toBe("true");
    expect(props.getProperty("missing")).toBeNull();
  });

  it("setProperties merges, or replaces everything when deleteAllOthers is true", () => {
    const { PropertiesService } = make();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: "1", b: "2" });
    props.setProperties({ c: "3" });
    expect(props.getProperties()).toEqual({ a: "1", b: "2", c: "3" });
    props.setProperties({ d: "4" }, true);
    expect(props.getProperties()).toEqual({ d: "4" });
    expect(props.getKeys()).toEqual(["d"]);
    props.deleteProperty("d");
    props.setProperty("e", "5");
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  it("script properties are shared across users; user properties are per user", () => {
    const w = make();
    w.runAs("alice@example.com", () => {
      w.PropertiesService.getScriptProperties().setProperty("shared", "yes");
      w.PropertiesService.getUserProperties().setProperty("pref", "alice");
    });
    w.runAs("bob@example.com", () => {
      expect(w.PropertiesService.getScriptProperties().getProperty("shared")).toBe("yes");
      expect(w.PropertiesService.getUserProperties().getProperty("pref")).toBeNull();
    });
    w.runAs("alice@example.com", () => {
      expect(w.PropertiesService.getUserProperties().getProperty("pref")).toBe("alice");
    });
  });

  it("document properties belong to the open document, and are null without one", () => {
    const w = make();
    w.PropertiesService.getDocumentProperties().setProperty("sheet", "A");
    w.openDocument("doc-2");
    expect(w.PropertiesService.getDocumentProperties().getProperty("sheet")).toBeNull();
    w.openDocument("doc-1");
    expect(w.PropertiesService.getDocumentProperties().getProperty("sheet")).toBe("A");
    w.openDocument(null);
    expect(w.PropertiesService.getDocumentProperties()).toBeNull();
  });

  it("quotas page: a value over 9 KB is refused with Apps Script's message", () => {
    const props = make().PropertiesService.getScriptProperties();
    expect(() => props.setProperty("ok", "x".repeat(9 * 1024))).not.toThrow();
    expect(() => props.setProperty("big", "x".repeat(9 * 1024 + 1))).toThrow(PROPERTY_VALUE_TOO_LARGE);
    expect(PROPERTY_VALUE_TOO_LARGE).toBe("Argument too large: value");
    expect(props.getProperty("big")).toBeNull();
  });

  it("quotas page: a store over 500 KB is refused and left unchanged", () => {
    const props = make().PropertiesService.getScriptProperties();
    // 62 values of 8 KB = 496 KB plus short keys: just under 500 KB; a 63rd does not fit.
    for (let i = 0; i < 62; i++) props.setProperty(`k${i}`, "v".repeat(8 * 1024));
    expect(() => props.setProperty("one-more", "v".repeat(8 * 1024))).toThrow(PROPERTY_STORE_FULL);
    expect(PROPERTY_STORE_FULL).toBe(
      "You have exceeded the property storage quota. Please remove some properties and try again.",
    );
    expect(props.getKeys()).toHaveLength(62);
    // Replacing an existing value with one of the same size still fits.
    expect(() => props.setProperty("k0", "w".repeat(8 * 1024))).not.toThrow();
  });

  it("meters reads as Properties.get and writes as Properties.set", () => {
    const w = make();
    const props = w.PropertiesService.getScriptProperties();
    props.setProperty("a", "1");
    props.setProperties({ b: "2" });
    props.getProperty("a");
    props.getProperties();
    props.getKeys();
    props.deleteProperty("a");
    expect(w.calls("Properties.set")).toBe(3);
    expect(w.calls("Properties.get")).toBe(3);
  });
});
