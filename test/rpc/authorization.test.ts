import { beforeAll, describe, expect, it } from "vitest";
import { forgetCachedTables } from "../../src/app/context";
import type { RpcErrorCode } from "../../src/app/result";
import { ROLES, type StaffMember } from "../../src/store/schemas";
import { ALICE, BOB, buyerRow, inquiryRow, makeWorld, staffRow, type World } from "../support/world";

type Status = "active" | "away" | "frozen" | "unknown";
const STATUSES: Status[] = ["active", "away", "frozen", "unknown"];
const WRITES = new Set(["gradeInquiry", "gradeBuyer", "logFollowUp", "addBuyer"]);
const OWNED = new Set(["gradeInquiry", "gradeBuyer", "logFollowUp"]);

const actor = (role: string, status: Status) => `${role}.${status}@acme-tools.cn`;

/** The payload of each RPC, aimed at the buyer `buyerId` and its inquiry `inquiryId`. */
function payload(method: string, buyerId: string, inquiryId: string, n: number): unknown {
  switch (method) {
    case "buyer":
      return { buyerId };
    case "gradeInquiry":
      return { inquiryId, grade: "B" };
    case "gradeBuyer":
      return { buyerId, grade: "C" };
    case "logFollowUp":
      return { buyerId, channel: "phone", summary: "Called" };
    case "searchBuyers":
      return { query: "tools" };
    case "addBuyer":
      return { company: `New Buyer ${n} GmbH`, email: `buyer${n}@new${n}.de` };
    default:
      return {};
  }
}

const METHODS = [
  "bootstrap",
  "desk",
  "selection",
  "buyer",
  "gradeInquiry",
  "gradeBuyer",
  "logFollowUp",
  "searchBuyers",
  "addBuyer",
];

/** What R1/R29 say should happen: unknown and frozen users get nothing; viewers only read; salespeople act on their own. */
function expected(method: string, role: string, status: Status): "ok" | RpcErrorCode {
  if (status === "unknown") return "unknown-user";
  if (status === "frozen") return "frozen";
  if (role === "viewer" && WRITES.has(method)) return "denied";
  return "ok";
}

describe("R1, R29: authorization matrix — every sidebar RPC × role × status", () => {
  let w: World;
  beforeAll(() => {
    const staff: StaffMember[] = [];
    const buyers = [];
    const inquiries = [];
    let n = 0;
    for (const role of ROLES)
      for (const status of STATUSES) {
        n += 1;
        const email = actor(role, status);
        if (status !== "unknown") staff.push(staffRow({ email, role, status, deputy: "" }));
        buyers.push(buyerRow({ id: `B-${String(n).padStart(6, "0")}`, company: `Tools ${n}`, owner: email }));
        inquiries.push(
          inquiryRow({
            id: `I-${String(n).padStart(6, "0")}`,
            buyerId: `B-${String(n).padStart(6, "0")}`,
            owner: email,
          }),
        );
      }
    w = makeWorld({ staff, buyers, inquiries });
    w.env.ctx.meter.quietly(() => w.book.addEditors(ROLES.flatMap((r) => STATUSES.map((s) => actor(r, s)))));
  });

  let n = 0;
  for (const role of ROLES)
    for (const status of STATUSES) {
      n += 1;
      const id = String(n).padStart(6, "0");
      for (const method of METHODS) {
        const want = expected(method, role, status);
        it(`R1, R29: ${role} (${status}) ${method} -> ${want}`, () => {
          const r = w.call(
            actor(role, status),
            method,
            payload(method, `B-${id}`, `I-${id}`, n * 100 + METHODS.indexOf(method)),
          );
          if (want === "ok") expect(r).toMatchObject({ ok: true });
          else expect(r).toMatchObject({ ok: false, code: want });
        });
      }
    }
});

describe("R6: ownership — a salesperson acts on their own buyers and an away colleague's as deputy", () => {
  let w: World;
  beforeAll(() => {
    w = makeWorld({
      buyers: [
        buyerRow({ id: "B-000001", owner: ALICE }),
        buyerRow({ id: "B-000002", owner: BOB }),
        buyerRow({ id: "B-000003", owner: "carol@acme-tools.cn" }),
      ],
      inquiries: [
        inquiryRow({ id: "I-000001", buyerId: "B-000001", owner: ALICE }),
        inquiryRow({ id: "I-000002", buyerId: "B-000002", owner: BOB }),
        inquiryRow({ id: "I-000003", buyerId: "B-000003", owner: "carol@acme-tools.cn" }),
      ],
    });
  });

  for (const method of [...OWNED]) {
    it(`R6: ${method} on a colleague's buyer is refused; on an away colleague's (as deputy) allowed`, () => {
      const own = w.call(ALICE, method, payload(method, "B-000001", "I-000001", 1));
      const deputy = w.call(ALICE, method, payload(method, "B-000002", "I-000002", 2));
      const colleague = w.call(ALICE, method, payload(method, "B-000003", "I-000003", 3));
      expect(own).toMatchObject({ ok: true });
      expect(deputy).toMatchObject({ ok: true });
      expect(colleague).toMatchObject({ ok: false, code: "not-owner" });
      // The refusal names the buyer and their owner as people know her (the Staff sheet's name, not her address).
      if (!colleague.ok) expect(colleague.error).toBe("Buyer B-000003 belongs to Carol; you are not their deputy.");
    });
  }

  it("R6: when Bob is back, Alice's deputy rights end", () => {
    w.env.ctx.meter.quietly(() => {
      const staff = w.book.getSheetByName("Staff")!;
      const values = staff.getDataRange().getValues();
      const row = values.findIndex((r) => r[0] === BOB) + 1;
      staff.getRange(row, 4).setValue("active");
      staff.getRange(row, 7).setValue("");
      forgetCachedTables();
    });
    expect(w.call(ALICE, "gradeBuyer", { buyerId: "B-000002", grade: "A" })).toMatchObject({
      ok: false,
      code: "not-owner",
    });
  });

  it("R1: refusals are in the caller's language (zh-CN)", () => {
    w.env.ctx.meter.quietly(() => {
      const staff = w.book.getSheetByName("Staff")!;
      const values = staff.getDataRange().getValues();
      const row = values.findIndex((r) => r[0] === ALICE) + 1;
      staff.getRange(row, 12).setValue("zh-CN");
      forgetCachedTables();
    });
    const r = w.call(ALICE, "gradeBuyer", { buyerId: "B-000003", grade: "A" });
    expect(r).toMatchObject({ ok: false, code: "not-owner" });
    if (!r.ok) expect(r.error).toMatch(/[\u4e00-\u9fff]/);
  });
});
