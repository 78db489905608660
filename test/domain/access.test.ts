import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  type Actor,
  decide,
  deputizedFor,
  deskOwners,
  ROLES,
  sameAddress,
} from "../../src/domain/access";
import type { StaffFacts } from "../../src/domain/routing";

const NOW = new Date("2026-11-23T02:00:00Z");

/**
 * The expected answer for every action and role, written out by hand (not derived from the code under test):
 * boss and assistant run everything (R1: the assistant runs accounts, templates and reports; R34: answers to
 * the boss), a salesperson works buyers, a viewer (the platform's account manager) only reads.
 */
const EXPECTED: Record<Action, Record<(typeof ROLES)[number], boolean>> = {
  "desk.view": { boss: true, assistant: true, salesperson: true, viewer: true },
  "buyer.view": { boss: true, assistant: true, salesperson: true, viewer: true },
  "buyer.create": { boss: true, assistant: true, salesperson: true, viewer: false },
  "buyer.edit": { boss: true, assistant: true, salesperson: true, viewer: false },
  "buyer.merge": { boss: true, assistant: true, salesperson: true, viewer: false },
  "inquiry.grade": { boss: true, assistant: true, salesperson: true, viewer: false },
  "followup.log": { boss: true, assistant: true, salesperson: true, viewer: false },
  "quote.create": { boss: true, assistant: true, salesperson: true, viewer: false },
  "sample.create": { boss: true, assistant: true, salesperson: true, viewer: false },
  "product.edit": { boss: true, assistant: true, salesperson: false, viewer: false },
  "staff.manage": { boss: true, assistant: true, salesperson: false, viewer: false },
  "settings.edit": { boss: true, assistant: true, salesperson: false, viewer: false },
  "report.write": { boss: true, assistant: true, salesperson: false, viewer: false },
  "campaign.send": { boss: true, assistant: true, salesperson: false, viewer: false },
  "import.run": { boss: true, assistant: true, salesperson: false, viewer: false },
  "staff.away": { boss: true, assistant: true, salesperson: true, viewer: false },
  "audit.install": { boss: true, assistant: true, salesperson: false, viewer: false },
  "due.refresh": { boss: true, assistant: true, salesperson: true, viewer: false },
  "data.export": { boss: true, assistant: true, salesperson: true, viewer: false },
  "mail.pull": { boss: true, assistant: true, salesperson: true, viewer: false },
};

const STATUSES = ["active", "away", "frozen"] as const;

describe("Authorization matrix: every action × every role × every status", () => {
  it("has an expectation for every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    for (const status of STATUSES) {
      it(`R1, R29, R34: ${role} (${status})`, () => {
        const actor: Actor = { email: `${role}@acme.cn`, role, status };
        for (const action of ACTIONS) {
          const decision = decide(actor, action);
          // R29: a frozen account may do nothing at all; away people still work (R6 only reroutes new mail).
          const allowed = status !== "frozen" && EXPECTED[action][role];
          expect(decision.ok, `${role}/${status}/${action}`).toBe(allowed);
          if (!decision.ok) expect(decision.reason).toBe(status === "frozen" ? "frozen" : "role");
        }
      });
    }
  }

  it("R1: someone not on the Staff sheet, or with a role Buyerbook does not know, may do nothing", () => {
    for (const action of ACTIONS) {
      expect(decide(undefined, action)).toEqual({ ok: false, reason: "unknown" });
      expect(decide({ email: "x@acme.cn", role: "intern", status: "active" }, action)).toEqual({
        ok: false,
        reason: "role",
      });
    }
  });
});

const person = (email: string, over: Partial<StaffFacts> = {}): StaffFacts => ({
  email,
  role: "salesperson",
  status: "active",
  regions: [],
  products: [],
  ...over,
});

describe("Ownership and deputies (R6, R34)", () => {
  const staff = [
    person("ann@acme.cn", { status: "away", deputy: "bob@acme.cn" }),
    person("bob@acme.cn"),
    person("cat@acme.cn", {
      awayFrom: new Date("2026-11-20T00:00:00Z"),
      awayUntil: new Date("2026-11-30T00:00:00Z"),
      deputy: "ann@acme.cn",
    }),
    person("dan@acme.cn", { deputy: "bob@acme.cn" }),
  ];
  const bob: Actor = { email: "bob@acme.cn", role: "salesperson", status: "active" };

  it("R34: a salesperson acts only on their own buyers, or those of an away colleague who named them deputy", () => {
    const on = (owner: string) => decide(bob, "inquiry.grade", { owner, staff, now: NOW });
    expect(on("bob@acme.cn").ok).toBe(true);
    expect(on("").ok).toBe(true); // nobody's buyer yet
    expect(on("ann@acme.cn").ok).toBe(true); // Ann is away, Bob is her deputy
    expect(on("cat@acme.cn").ok).toBe(true); // Cat away by dates -> Ann (away) -> Bob
    expect(on("dan@acme.cn")).toEqual({ ok: false, reason: "not-owner", owner: "dan@acme.cn" }); // Dan is here
    // Viewing is not an owned action.
    expect(decide(bob, "buyer.view", { owner: "dan@acme.cn", staff, now: NOW }).ok).toBe(true);
    // The boss and the assistant act on everyone's buyers.
    expect(
      decide({ email: "boss@acme.cn", role: "boss", status: "active" }, "buyer.edit", {
        owner: "dan@acme.cn",
        staff,
        now: NOW,
      }).ok,
    ).toBe(true);
  });

  it("R6: once the away window has passed, the deputy no longer acts for them", () => {
    const later = new Date("2026-12-01T02:00:00Z");
    expect(deputizedFor("ann@acme.cn", "cat@acme.cn", staff, NOW)).toBe(true);
    expect(deputizedFor("ann@acme.cn", "cat@acme.cn", staff, later)).toBe(false);
  });

  it("R6: a deputy's desk shows their own buyers and those of everyone they are standing in for", () => {
    expect(deskOwners("bob@acme.cn", staff, NOW)).toEqual(["bob@acme.cn", "ann@acme.cn", "cat@acme.cn"]);
    expect(deskOwners("BOB@acme.cn", staff, new Date("2026-12-01T02:00:00Z"))).toEqual(["bob@acme.cn", "ann@acme.cn"]);
    expect(deskOwners("dan@acme.cn", staff, NOW)).toEqual(["dan@acme.cn"]);
  });
});

describe("who is who (R1, R34)", () => {
  it("R34: addresses match case- and space-insensitively, and a blank address matches nothing", () => {
    expect(sameAddress(" Li@Acme-Tools.cn ", "li@acme-tools.cn")).toBe(true);
    expect(sameAddress("li@acme-tools.cn", "wang@acme-tools.cn")).toBe(false);
    expect(sameAddress("", "")).toBe(false);
    expect(sameAddress("  ", undefined)).toBe(false);
    expect(sameAddress(null, "")).toBe(false);
  });
});
