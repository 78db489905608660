import { describe, expect, it } from "vitest";
import { chooseOwner, isAway, type RoutingInput, type StaffFacts } from "../../src/domain/routing";

const NOW = new Date("2024-06-05T09:00:00Z");

function person(email: string, over: Partial<StaffFacts> = {}): StaffFacts {
  return { email, role: "salesperson", status: "active", regions: [], products: [], ...over };
}

const ANN = person("ann@acme.cn", { regions: ["Middle East", "AE", "SA"], deputy: "bob@acme.cn" });
const BOB = person("bob@acme.cn", { regions: ["Europe"], products: ["LED panel"] });
const CAT = person("cat@acme.cn", { regions: ["Americas", "US"] });
const DAN = person("dan@acme.cn", { role: "assistant" });
const BOSS = person("boss@acme.cn", { role: "boss" });

function input(over: Partial<RoutingInput> = {}): RoutingInput {
  return {
    country: "DE",
    staff: [ANN, BOB, CAT, DAN, BOSS],
    rules: [],
    openLoad: new Map([
      ["ann@acme.cn", 10],
      ["bob@acme.cn", 4],
      ["cat@acme.cn", 4],
    ]),
    now: NOW,
    ...over,
  };
}

describe("isAway", () => {
  it("R6: status away, or inside the away window", () => {
    expect(isAway(person("a", { status: "away" }), NOW)).toBe(true);
    expect(isAway(person("a"), NOW)).toBe(false);
    const trip = { awayFrom: new Date("2024-06-01T00:00:00Z"), awayUntil: new Date("2024-06-10T00:00:00Z") };
    expect(isAway(person("a", trip), NOW)).toBe(true);
    expect(isAway(person("a", trip), new Date("2024-06-11T00:00:00Z"))).toBe(false);
    expect(isAway(person("a", trip), new Date("2024-05-31T23:59:59Z"))).toBe(false);
    expect(isAway(person("a", { awayFrom: new Date("2024-06-01T00:00:00Z") }), NOW)).toBe(true);
    expect(isAway(person("a", { awayUntil: new Date("2024-06-01T00:00:00Z") }), NOW)).toBe(false);
    expect(isAway(person("a", { awayFrom: new Date("invalid") }), NOW)).toBe(false);
  });

  it("R29: a frozen account is not 'away' (it is gone)", () => {
    expect(isAway(person("a", { status: "frozen", awayFrom: new Date(0) }), NOW)).toBe(false);
  });
});

describe("chooseOwner", () => {
  it("the buyer's owner when active", () => {
    expect(chooseOwner(input({ buyerOwner: "ANN@acme.cn" }))).toEqual({
      owner: "ann@acme.cn",
      assignedTo: "ann@acme.cn",
      why: "the buyer's owner",
    });
  });

  it("R6: owner away -> deputy handles it, the owner stays the owner", () => {
    const away = { ...ANN, awayFrom: new Date("2024-06-01T00:00:00Z"), awayUntil: new Date("2024-06-09T00:00:00Z") };
    const d = chooseOwner(input({ buyerOwner: "ann@acme.cn", staff: [away, BOB, CAT] }));
    expect(d.owner).toBe("ann@acme.cn");
    expect(d.assignedTo).toBe("bob@acme.cn");
    expect(d.why).toContain("is away; deputy");
  });

  it("R6: deputies chain when the deputy is away too", () => {
    const ann = { ...ANN, status: "away" as const };
    const bob = { ...BOB, status: "away" as const, deputy: "cat@acme.cn" };
    const d = chooseOwner(input({ buyerOwner: "ann@acme.cn", staff: [ann, bob, CAT] }));
    expect(d).toMatchObject({ owner: "ann@acme.cn", assignedTo: "cat@acme.cn" });
    expect(d.why).toContain("deputy bob@acme.cn is away");
  });

  it("R6: deputy cycles end, then rules/load decide, owner kept", () => {
    const ann = { ...ANN, status: "away" as const };
    const bob = { ...BOB, status: "away" as const, deputy: "ann@acme.cn" };
    const d = chooseOwner(input({ buyerOwner: "ann@acme.cn", staff: [ann, bob, CAT] }));
    expect(d).toMatchObject({ owner: "ann@acme.cn", assignedTo: "cat@acme.cn" });
  });

  it("R6: owner away without a deputy -> routed, owner kept", () => {
    const ann = { ...ANN, status: "away" as const, deputy: undefined };
    const d = chooseOwner(input({ buyerOwner: "ann@acme.cn", staff: [ann, BOB, CAT] }));
    expect(d.owner).toBe("ann@acme.cn");
    expect(["bob@acme.cn", "cat@acme.cn"]).toContain(d.assignedTo);
    expect(d.why).toContain("no deputy named");
  });

  it("R29: a frozen owner never gets new work; the buyer is re-routed by rules", () => {
    const ann = { ...ANN, status: "frozen" as const };
    const d = chooseOwner(
      input({
        buyerOwner: "ann@acme.cn",
        country: "AE",
        staff: [ann, BOB, CAT],
        rules: [{ match: { country: "ae" }, to: "cat@acme.cn" }],
      }),
    );
    expect(d).toMatchObject({ owner: "cat@acme.cn", assignedTo: "cat@acme.cn" });
    expect(d.why).toContain("is frozen");
    expect(d.why).toContain("routing rule 1");
  });

  it("R29: a frozen deputy is skipped too", () => {
    const ann = { ...ANN, status: "away" as const };
    const bob = { ...BOB, status: "frozen" as const };
    const d = chooseOwner(input({ buyerOwner: "ann@acme.cn", staff: [ann, bob, CAT] }));
    expect(d.assignedTo).toBe("cat@acme.cn");
    expect(d.why).toContain("deputy bob@acme.cn is frozen");
  });

  it("routing rules: first match wins; country, region and product (word match)", () => {
    const rules = [
      { match: { product: "panel" }, to: "bob@acme.cn" },
      { match: { region: "Americas" }, to: "cat@acme.cn" },
      { match: {}, to: "ann@acme.cn" },
    ];
    expect(chooseOwner(input({ product: "LED Panel 600x600", rules })).assignedTo).toBe("bob@acme.cn");
    expect(chooseOwner(input({ product: "Panelled door", rules, region: "Americas" })).assignedTo).toBe("cat@acme.cn");
    expect(chooseOwner(input({ product: "bulb", rules })).assignedTo).toBe("ann@acme.cn");
  });

  it("routing rules only send work to active salespeople", () => {
    const rules = [
      { match: { country: "DE" }, to: "dan@acme.cn" }, // assistant
      { match: { country: "DE" }, to: "boss@acme.cn" }, // boss
      { match: { country: "DE" }, to: "ghost@acme.cn" }, // not on the sheet
      { match: { country: "DE" }, to: "bob@acme.cn" },
    ];
    const d = chooseOwner(input({ rules, staff: [ANN, { ...BOB, status: "away" }, CAT, DAN, BOSS] }));
    expect(d.assignedTo).toBe("cat@acme.cn");
    expect(d.why).toContain("rule 4 -> bob@acme.cn unavailable");
  });

  it("lightest open load, ties broken by email (deterministic)", () => {
    const d = chooseOwner(input({ country: "BR" }));
    expect(d).toMatchObject({ owner: "bob@acme.cn", assignedTo: "bob@acme.cn" });
    expect(d.why).toContain("lightest open load (4 open)");
    const load = new Map([
      ["ann@acme.cn", 1],
      ["bob@acme.cn", 4],
    ]);
    expect(chooseOwner(input({ country: "BR", openLoad: load })).assignedTo).toBe("cat@acme.cn"); // missing = 0
  });

  it("salespeople covering the market are preferred before load", () => {
    expect(chooseOwner(input({ country: "SA" })).assignedTo).toBe("ann@acme.cn");
    expect(chooseOwner(input({ country: "US" })).assignedTo).toBe("cat@acme.cn");
    expect(chooseOwner(input({ country: "PL", product: "LED panel 40W" })).assignedTo).toBe("bob@acme.cn");
  });

  it("an owner not on the Staff sheet is re-routed", () => {
    const d = chooseOwner(input({ buyerOwner: "left@acme.cn" }));
    expect(d.owner).toBe(d.assignedTo);
    expect(d.why).toContain("not on the Staff sheet");
  });

  it("nobody available: empty assignment with a reason, no crash", () => {
    const d = chooseOwner(input({ staff: [DAN, { ...BOB, status: "frozen" }] }));
    expect(d).toMatchObject({ owner: "", assignedTo: "" });
    expect(d.why).toContain("no available salesperson");
  });
});
