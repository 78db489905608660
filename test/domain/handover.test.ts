import { describe, expect, it } from "vitest";
import { type HandoverReceiver, type HandoverUnit, planHandover } from "../../src/domain/handover";

const unit = (key: string, country = "DE", region = "", over: Partial<HandoverUnit> = {}): HandoverUnit => ({
  key,
  country,
  region,
  weight: 1,
  ...over,
});
const receiver = (email: string, load = 0, regions: string[] = []): HandoverReceiver => ({ email, load, regions });
const counts = (plan: ReturnType<typeof planHandover>) => {
  const c = new Map<string, number>();
  for (const r of plan.receiverOf.values()) c.set(r, (c.get(r) ?? 0) + 1);
  return c;
};

describe("Handover plan (R29)", () => {
  it("R29: spreads buyers by load so receivers end balanced within one", () => {
    const units = Array.from({ length: 100 }, (_, i) => unit(`B-${String(i).padStart(6, "0")}`));
    const plan = planHandover(units, [receiver("a@x.cn", 0), receiver("b@x.cn", 7), receiver("c@x.cn", 30)]);
    const loads = [...plan.loads.values()];
    expect(loads.reduce((x, y) => x + y)).toBe(137);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(plan.receiverOf.size).toBe(100);
  });

  it("R29: respects region rules — a buyer goes to a colleague covering its country or region when there is one", () => {
    const units = [
      ...Array.from({ length: 10 }, (_, i) => unit(`ME-${i}`, "AE", "Middle East")),
      ...Array.from({ length: 10 }, (_, i) => unit(`US-${i}`, "US", "North America")),
      ...Array.from({ length: 20 }, (_, i) => unit(`DE-${i}`, "DE", "Europe")),
    ];
    const plan = planHandover(units, [
      receiver("me@x.cn", 0, ["Middle East"]),
      receiver("us@x.cn", 0, ["us"]),
      receiver("any@x.cn", 0),
    ]);
    for (let i = 0; i < 10; i += 1) {
      expect(plan.receiverOf.get(`ME-${i}`)).toBe("me@x.cn");
      expect(plan.receiverOf.get(`US-${i}`)).toBe("us@x.cn");
    }
    // The uncovered Europeans fill up everyone evenly afterwards.
    expect([...plan.loads.values()].sort()).toEqual([13, 13, 14]);
  });

  it("R29: is deterministic whatever the input order, and keeps pinned units where they were recorded", () => {
    const units = Array.from({ length: 30 }, (_, i) => unit(`B-${i}`, ["DE", "AE", "US"][i % 3]));
    const receivers = [receiver("a@x.cn", 3, ["AE"]), receiver("b@x.cn"), receiver("c@x.cn", 1)];
    const one = planHandover(units, receivers);
    const two = planHandover([...units].reverse(), [...receivers].reverse());
    expect(new Map([...two.receiverOf].sort())).toEqual(new Map([...one.receiverOf].sort()));
    const pinned = planHandover(
      units.map((u) => ({ ...u, pinned: one.receiverOf.get(u.key) })),
      receivers,
    );
    expect(pinned.receiverOf).toEqual(new Map([...one.receiverOf].map(([k, v]) => [k, v])));
    expect(counts(pinned)).toEqual(counts(one));
  });

  it("R29: a chosen colleague takes everything; work on others' buyers adds no load", () => {
    const plan = planHandover(
      [unit("B-1"), unit("B-2"), unit("I-1", "VN", "", { weight: 0 })],
      [receiver("a@x.cn")],
      "Boss@X.cn",
    );
    expect([...plan.receiverOf.values()]).toEqual(["boss@x.cn", "boss@x.cn", "boss@x.cn"]);
    expect(plan.loads.get("boss@x.cn")).toBe(2);
    expect(planHandover([unit("B-1")], []).receiverOf.size).toBe(0);
  });
});
