import { describe, expect, it } from "vitest";
import { formatMessageLog, MessageRegistry, parseMessageLog, sameMessage } from "../../src/domain/message-identity";
import { stripInvisible } from "../../src/domain/text";

const at = (iso: string) => new Date(iso);

describe("message identity (C2: exactly once, never a silent drop)", () => {
  const key = { id: "<m1@novalux.it>", from: "giulia@novalux.it", at: at("2026-11-23T01:00:20Z") };

  it("C2: a colleague's copy (same Message-ID, sender, date within minutes) is the same message", () => {
    expect(sameMessage(key, { id: "m1@novalux.it", from: "Giulia@Novalux.it", at: at("2026-11-23T01:03:00Z") })).toBe(
      true,
    );
  });

  it("C2: a reused Message-ID from another sender, or days later, is another message", () => {
    expect(sameMessage(key, { ...key, from: "eve@evil.example" })).toBe(false);
    expect(sameMessage(key, { ...key, at: at("2026-11-24T01:00:00Z") })).toBe(false);
    expect(sameMessage(key, { ...key, id: "m2@novalux.it" })).toBe(false);
    expect(sameMessage({ ...key, id: "" }, { ...key, id: "" })).toBe(false);
  });

  it("C2: the message log cell round-trips, keeps to its size, and skips lines a person broke", () => {
    const keys = [key, { id: "r1@acme-tools.cn", from: "ann@acme-tools.cn", at: at("2026-11-23T02:00:00Z") }];
    const text = formatMessageLog(keys);
    expect(text).toBe(
      "<m1@novalux.it> giulia@novalux.it 2026-11-23T01:00Z\n<r1@acme-tools.cn> ann@acme-tools.cn 2026-11-23T02:00Z",
    );
    const back = parseMessageLog(`${text}\nsomething typed here`);
    expect(back.map((k) => k.id)).toEqual(["m1@novalux.it", "r1@acme-tools.cn"]);
    expect(sameMessage(back[0], key)).toBe(true);
    const many = Array.from({ length: 400 }, (_, i) => ({ ...key, id: `m${i}@novalux.it` }));
    const capped = formatMessageLog(many, 2000);
    expect(capped.length).toBeLessThanOrEqual(2000);
    expect(capped.endsWith("2026-11-23T01:00Z")).toBe(true);
    expect(capped).toContain("<m399@novalux.it>");
  });

  it("C2: the registry tells the same message, a clash (both kept), and a new one apart", () => {
    const registry = new MessageRegistry<string>();
    registry.add(key, "I-000001");
    expect(registry.recognise({ ...key, at: at("2026-11-23T01:01:00Z") })).toEqual({ kind: "same", owner: "I-000001" });
    const clash = registry.recognise({ ...key, from: "eve@evil.example" });
    expect(clash).toMatchObject({ kind: "clash", owners: ["I-000001"] });
    expect(registry.recognise({ ...key, id: "other@x" })).toEqual({ kind: "new" });
    expect(registry.ownersOf("<m1@novalux.it>")).toEqual(["I-000001"]);
  });
});

describe("invisible characters on intake", () => {
  it("drops bidirectional overrides and zero-width characters, keeps every visible letter", () => {
    expect(stripInvisible("pay\u202Egnp.exe")).toBe("paygnp.exe");
    expect(stripInvisible("\uFEFFAl\u200B Noor\u200D\u2066 Trading\u2069")).toBe("Al Noor Trading");
    expect(stripInvisible("طلب عرض سعر \u200F(مصابيح LED)")).toBe("طلب عرض سعر (مصابيح LED)");
    expect(stripInvisible("陈大文 Müller")).toBe("陈大文 Müller");
    expect(stripInvisible(undefined)).toBe("");
  });
});
