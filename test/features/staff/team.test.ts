/**
 * The server side of the new sidebar panels: samples whose feedback is due on My desk (R27), the team list
 * (R1, R6) and the offboarding confirm step (R29) that counts what `offboard` then moves.
 */
import { describe, expect, it } from "vitest";
import type { Desk, OffboardPreview, TeamMember } from "../../../src/features/desk/types";
import { Samples, Staff } from "../../../src/store/schemas";
import { ALICE, ASSISTANT, BOB, BOSS, buyerRow, CAROL, inquiryRow, makeWorld, NOW } from "../../support/world";

const DAY = 86_400_000;
const _parse = { parseDateText: () => undefined };

function world() {
  const w = makeWorld({
    buyers: [
      buyerRow({ id: "B-000001", company: "Nordic Tools AB", owner: ALICE }),
      buyerRow({ id: "B-000002", company: "Lisboa Ferragens", owner: ALICE }),
      buyerRow({ id: "B-000003", company: "Carol's buyer", owner: CAROL }),
      buyerRow({ id: "B-000004", company: "Bob's buyer", owner: BOB }),
    ],
    inquiries: [
      inquiryRow({ id: "I-000001", buyerId: "B-000001", owner: ALICE, status: "new" }),
      inquiryRow({ id: "I-000002", buyerId: "B-000002", owner: ALICE, status: "replied", grade: "B" }),
      inquiryRow({ id: "I-000003", buyerId: "B-000003", owner: CAROL, assignedTo: ALICE, status: "new" }),
    ],
  });
  const sample = (id: string, buyerId: string, feedbackDue: Date, result = "") => ({
    id,
    buyerId,
    products: "P-0001",
    kind: "physical" as const,
    feedbackDue,
    delivered: new Date(feedbackDue.getTime() - 3 * DAY),
    result,
  });
  w.append(Samples, [
    sample("S-000001", "B-000001", new Date(NOW.getTime() - 2 * DAY)), // due two days ago
    sample("S-000002", "B-000002", new Date(NOW.getTime() - DAY), "Liked it, ordering 500"), // answered
    sample("S-000003", "B-000002", new Date(NOW.getTime() + 3 * DAY)), // not yet due
    sample("S-000004", "B-000003", new Date(NOW.getTime() - DAY)), // Carol's
    sample("S-000005", "B-000004", new Date(NOW.getTime() - DAY)), // Bob's: Alice is his deputy (R6)
    { id: "S-000006", buyerId: "B-000001", products: "P-0002", kind: "physical" },
  ]);
  return w;
}

describe("sidebar panels, server side", () => {
  it("R27: My desk lists the samples whose feedback is due and not yet recorded, mine and my away colleague's", () => {
    const w = world();
    const desk = w.ok<Desk>(ALICE, "desk");
    expect(desk.feedbackDue?.map((s) => [s.id, s.daysLate, s.forOwner])).toEqual([
      ["S-000001", 2, ""],
      ["S-000005", 1, BOB],
    ]);
    expect(desk.feedbackDue?.[0].company).toBe("Nordic Tools AB");
    // The boss sees the whole team's.
    expect(w.ok<Desk>(BOSS, "desk").feedbackDue?.map((s) => s.id)).toEqual(["S-000001", "S-000004", "S-000005"]);
  });

  it("R27, R6: with Buyers sorted (no buyer on the row its ID gives) each sample still lands on its owner's desk", () => {
    const w = world();
    const buyers = w.book.getSheetByName("Buyers")!;
    const idCol = (buyers.getRange(1, 1, 1, buyers.getLastColumn()).getValues()[0] as string[]).indexOf("Buyer ID");
    w.env.ctx.meter.quietly(() =>
      buyers.getRange(2, 1, 4, buyers.getLastColumn()).sort({ column: idCol + 1, ascending: false }),
    );
    expect(buyers.getRange(2, idCol + 1).getValue()).toBe("B-000004");
    const desk = w.ok<Desk>(ALICE, "desk");
    expect(desk.feedbackDue?.map((s) => [s.id, s.forOwner, s.company])).toEqual([
      ["S-000001", "", "Nordic Tools AB"],
      ["S-000005", BOB, "Bob's buyer"],
    ]);
    expect(desk.feedbackDueTotal).toBe(2);
    expect(w.ok<Desk>(CAROL, "desk").feedbackDue?.map((s) => s.id)).toEqual(["S-000004"]);
  });

  it("R27: more samples awaiting feedback than a desk lists: the most late ones, and how many in all", () => {
    const w = world();
    w.append(
      Samples,
      Array.from({ length: 70 }, (_, k) => ({
        id: `S-${String(100 + k).padStart(6, "0")}`,
        buyerId: "B-000002",
        products: "P-0003",
        kind: "electronic" as const,
        feedbackDue: new Date(NOW.getTime() - (10 + k) * DAY),
        delivered: new Date(NOW.getTime() - (13 + k) * DAY),
      })),
    );
    const desk = w.ok<Desk>(ALICE, "desk");
    expect(desk.feedbackDueTotal).toBe(72);
    expect(desk.feedbackDue).toHaveLength(60);
    expect(desk.feedbackDue?.[0]).toMatchObject({ id: "S-000169", daysLate: 79, company: "Lisboa Ferragens" });
    const boss = w.ok<Desk>(BOSS, "desk");
    expect(boss.feedbackDueTotal).toBe(73);
    expect(boss.feedbackDue?.find((s) => s.buyerId === "B-000002")?.forOwner).toBe("");
  });

  it("R1, R6: the team list shows who is away; deputies, regions and products only to boss and assistant", () => {
    const w = world();
    const asBoss = w.ok<TeamMember[]>(BOSS, "team");
    const bob = asBoss.find((m) => m.email === BOB)!;
    expect(bob).toMatchObject({ status: "away", deputy: ALICE, awayNow: true });
    const asAlice = w.ok<TeamMember[]>(ALICE, "team");
    expect(asAlice.find((m) => m.email === BOB)).toMatchObject({ status: "away", deputy: "", awayNow: true });
    // Frozen colleagues come last.
    expect(asBoss[asBoss.length - 1].status).toBe("frozen");
  });

  it("R29: the offboarding confirm step counts what offboard then moves, and changes nothing itself", () => {
    const w = world();
    const preview = w.ok<OffboardPreview>(ASSISTANT, "offboardPreview", { email: ALICE, to: CAROL });
    expect(preview).toMatchObject({ email: ALICE, buyers: 2, inquiries: 2, samples: 1, receivers: [CAROL] });
    expect(w.read(Staff).rows.find((r) => r.record.email === ALICE)?.record.status).toBe("active");
    const report = w.ok<{ buyers: number; inquiries: number; quotes: number; samples: number }>(BOSS, "offboard", {
      email: ALICE,
      to: CAROL,
    });
    expect(report).toMatchObject({
      buyers: preview.buyers,
      inquiries: preview.inquiries,
      quotes: preview.quotes,
      samples: preview.samples,
    });
  });

  it("R1: only the boss and the assistant may ask what an offboarding would move", () => {
    const w = world();
    expect(w.call(ALICE, "offboardPreview", { email: BOB })).toMatchObject({ ok: false, code: "denied" });
    expect(w.call(ASSISTANT, "offboardPreview", { email: "not an e-mail" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    // Spread by load: the active salespeople who are not away, not the leaver.
    expect(w.ok<OffboardPreview>(BOSS, "offboardPreview", { email: ALICE }).receivers).toEqual([CAROL]);
  });
});
