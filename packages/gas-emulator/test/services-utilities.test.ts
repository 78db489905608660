import { describe, expect, it } from "vitest";
import { GasContext, Session, Utilities } from "../src/index";

/**
 * Contract for Utilities and Session.
 * References: developers.google.com/apps-script/reference/utilities/utilities (formatDate uses Java's
 * SimpleDateFormat: docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html) and
 * developers.google.com/apps-script/reference/base/session.
 */
interface UtilWorld {
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Session: GoogleAppsScript.Base.Session;
  runAs<T>(user: string, fn: () => T, effectiveUser?: string): T;
  nowMs(): number;
  calls(type: string): number;
}

function makeEmulator(): UtilWorld {
  const ctx = new GasContext({ now: "2024-05-01T00:00:00Z", user: "owner@example.com", timeZone: "Asia/Shanghai" });
  return {
    Utilities: new Utilities(ctx) as unknown as GoogleAppsScript.Utilities.Utilities,
    Session: new Session(ctx) as unknown as GoogleAppsScript.Base.Session,
    runAs: (user, fn, effectiveUser) => ctx.runAs(user, fn, { effectiveUser }),
    nowMs: () => ctx.clock.nowMs(),
    calls: (type) => ctx.meter.callsOf(type),
  };
}

describe.each([["emulator", makeEmulator]])("Utilities.formatDate contract (%s)", (_name, make) => {
  const fmt = (iso: string, tz: string, pattern: string) => make().Utilities.formatDate(new Date(iso), tz, pattern);

  it("America/New_York across the spring-forward gap (EST -> EDT)", () => {
    expect(fmt("2024-03-10T06:59:00Z", "America/New_York", "yyyy-MM-dd HH:mm z Z")).toBe("2024-03-10 01:59 EST -0500");
    expect(fmt("2024-03-10T07:00:00Z", "America/New_York", "yyyy-MM-dd HH:mm z Z")).toBe("2024-03-10 03:00 EDT -0400");
  });

  it("America/New_York across the fall-back overlap: 01:30 happens twice", () => {
    expect(fmt("2024-11-03T05:30:00Z", "America/New_York", "HH:mm z XXX")).toBe("01:30 EDT -04:00");
    expect(fmt("2024-11-03T06:30:00Z", "America/New_York", "HH:mm z XXX")).toBe("01:30 EST -05:00");
  });

  it("Asia/Shanghai is UTC+8 all year, named CST by Java", () => {
    expect(fmt("2024-01-01T00:00:00Z", "Asia/Shanghai", "yyyy-MM-dd HH:mm:ss z Z")).toBe(
      "2024-01-01 08:00:00 CST +0800",
    );
    expect(fmt("2024-07-01T16:30:00Z", "Asia/Shanghai", "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe("2024-07-02T00:30:00+08:00");
  });

  it("custom GMT offsets like GMT+8 and the UTC 'Z' designator", () => {
    expect(fmt("2024-01-01T00:00:00Z", "GMT+8", "HH:mm z")).toBe("08:00 GMT+08:00");
    expect(fmt("2024-01-01T00:00:00Z", "GMT-05:30", "HH:mm Z")).toBe("18:30 -0530");
    expect(fmt("2024-01-01T00:00:00Z", "UTC", "HH:mm X")).toBe("00:00 Z");
  });

  it("text fields, 12-hour clock, milliseconds and quoted text", () => {
    const d = "2024-02-05T15:04:05.007Z"; // Monday
    expect(fmt(d, "UTC", "EEE EEEE MMM MMMM d dd M MM yy yyyy")).toBe("Mon Monday Feb February 5 05 2 02 24 2024");
    expect(fmt(d, "UTC", "h hh H a SSS s mm")).toBe("3 03 15 PM 007 5 04");
    expect(fmt(d, "UTC", "'Week' w, 'day' u, D 'o''clock'")).toBe("Week 6, day 1, 36 o'clock");
    expect(fmt("2024-02-05T00:00:00Z", "UTC", "h a")).toBe("12 AM");
  });

  it("w follows Java's en_US weeks (Sunday start, week 1 holds January 1), not ISO weeks", () => {
    // Sunday 29 Dec 2024 is ISO week 52 of 2024, but week 1 of week-year 2025 in en_US.
    expect(fmt("2024-12-29T12:00:00Z", "UTC", "w Y")).toBe("1 2025");
    expect(fmt("2024-12-28T12:00:00Z", "UTC", "w Y")).toBe("52 2024");
  });

  it("an unknown zone id falls back to GMT as Java does; an unknown letter is an error", () => {
    expect(fmt("2024-01-01T10:00:00Z", "Not/AZone", "HH:mm z")).toBe("10:00 GMT");
    expect(() => fmt("2024-01-01T10:00:00Z", "UTC", "yyyy q")).toThrow("Illegal pattern character 'q'");
  });
});

describe.each([["emulator", makeEmulator]])("Utilities contract (%s)", (_name, make) => {
  it("getUuid returns distinct RFC 4122 strings", () => {
    const { Utilities } = make();
    const a = Utilities.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Utilities.getUuid()).not.toBe(a);
  });

  it("newBlob keeps bytes, type and name; copyBlob is independent", () => {
    const { Utilities } = make();
    const blob = Utilities.newBlob("héllo", "text/plain", "a.txt");
    expect(blob.getDataAsString()).toBe("héllo");
    expect(blob.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
    expect(blob.getContentType()).toBe("text/plain");
    const copy = blob.copyBlob().setName("b.txt");
    expect(blob.getName()).toBe("a.txt");
    expect(copy.getName()).toBe("b.txt");
    expect(Utilities.newBlob([72, 105]).getDataAsString()).toBe("Hi");
  });

  it("base64 round trip and SHA-256 / MD5 digests as signed Java bytes", () => {
    const { Utilities } = make();
    expect(Utilities.base64Encode("hello")).toBe("aGVsbG8=");
    expect(Utilities.newBlob(Utilities.base64Decode("aGVsbG8=")).getDataAsString()).toBe("hello");
    const sha = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, "abc");
    const hex = sha.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
    expect(hex).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha.every((b) => b >= -128 && b <= 127)).toBe(true);
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, "abc");
    expect(md5.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("")).toBe(
      "900150983cd24fb0d6963f7d28e17f72",
    );
  });

  it("sleep advances the emulated clock without waiting", () => {
    const w = make();
    const before = w.nowMs();
    const realStart = Date.now();
    w.Utilities.sleep(120000);
    expect(w.nowMs() - before).toBe(120000);
    expect(Date.now() - realStart).toBeLessThan(1000);
  });

  it("formatString follows Java's String.format", () => {
    expect(make().Utilities.formatString("%s has %d items at %.2f (%05d)", "cart", 3, 9.5, 42)).toBe(
      "cart has 3 items at 9.50 (00042)",
    );
  });

  it("meters each call as Utilities.call", () => {
    const w = make();
    w.Utilities.getUuid();
    w.Utilities.formatDate(new Date(), "UTC", "yyyy");
    expect(w.calls("Utilities.call")).toBe(2);
  });
});

describe.each([["emulator", makeEmulator]])("Session contract (%s)", (_name, make) => {
  it("active and effective users, script time zone and locale", () => {
    const w = make();
    expect(w.Session.getActiveUser().getEmail()).toBe("owner@example.com");
    expect(w.Session.getScriptTimeZone()).toBe("Asia/Shanghai");
    expect(w.Session.getActiveUserLocale()).toBe("en");
    w.runAs(
      "",
      () => {
        expect(w.Session.getActiveUser().getEmail()).toBe("");
        expect(w.Session.getEffectiveUser().getEmail()).toBe("owner@example.com");
      },
      "owner@example.com",
    );
  });

  it("the temporary active user key is stable per user and hides the email", () => {
    const w = make();
    const k1 = w.Session.getTemporaryActiveUserKey();
    expect(k1).toBe(w.Session.getTemporaryActiveUserKey());
    expect(k1).not.toContain("owner");
    expect(w.runAs("other@example.com", () => w.Session.getTemporaryActiveUserKey())).not.toBe(k1);
  });
});
