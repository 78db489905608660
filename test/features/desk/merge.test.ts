/**
 * Merging a duplicate buyer (R22): every sheet that names a buyer — Inquiries, Follow-ups, Quotes, Samples —
 * moves to the survivor; facts combine with the survivor's own winning; the merged row stays as an alias that
 * opens the survivor; the Log says who merged what; a hand-sorted sheet is no risk.
 */
import { describe, expect, it } from "vitest";
import type { MergeResult } from "../../../src/features/desk/merge";
import type { BuyerView } from "../../../src/features/desk/types";
import {
  Buyers,
  type FollowUp,
  FollowUps,
  Inquiries,
  Log,
  type Quote,
  Quotes,
  type Sample,
  Samples,
} from "../../../src/store/schemas";
import { emptyRecord, readTable, TableWriter } from "../../../src/store/table";
import { ALICE, ASSISTANT, buyerRow, inquiryRow, makeWorld, NOW, type World } from "../../support/world";

const CAROL = "carol@acme-tools.cn";
const DAY = 86_400_000;
const parse = { parseDateText: () => undefined };

/** History for three buyers, interleaved down every sheet: B-000001 (Erik), B-000005 (Anna, his colleague), B-000003 (Carol's). */
function world(): World {
  const owners = ["B-000001", "B-000005", "B-000003"];
  const w = makeWorld({
    buyers: [
      buyerRow({
        id: "B-000001",
        company: "Nordic Tools AB",
        name: "Erik Lindqvist",
        email: "erik@nordictools.se",
        country: "Sweden",
        grade: "B",
        owner: ALICE,
        products: "drills",
        created: new Date("2026-10-01T02:00:00Z"),
        lastContact: new Date("2026-11-10T02:00:00Z"),
      }),
      buyerRow({ id: "B-000002", company: "Gulf Hardware LLC", email: "omar@gulfhw.ae", owner: ALICE }),
      buyerRow({ id: "B-000003", company: "Carol's buyer", email: "x@carolbuyer.com", owner: CAROL }),
      buyerRow({ id: "B-000004", company: "Carol's other", email: "y@carolbuyer.com", owner: CAROL }),
      buyerRow({
        id: "B-000005",
        company: "Nordic Tools",
        name: "Anna Berg",
        email: "anna@nordictools.se",
        otherEmails: "inkop@nordictools.se",
        phone: "+46 31 555 0101",
        website: "nordictools.se",
        country: "Sverige",
        grade: "A",
        owner: ALICE,
        products: "grinders; drills",
        created: new Date("2026-09-15T02:00:00Z"),
        lastContact: new Date("2026-11-18T02:00:00Z"),
        notes: "Met at the Canton Fair, booth 12.1",
      }),
    ],
    inquiries: Array.from({ length: 12 }, (_, i) =>
      inquiryRow({
        id: `I-${String(i + 1).padStart(6, "0")}`,
        buyerId: owners[i % 3],
        owner: owners[i % 3] === "B-000003" ? CAROL : ALICE,
        subject: ["Förfrågan: borrmaskiner", "Offert vinkelslipar", "Hỏi giá"][i % 3],
        receivedAt: new Date(NOW.getTime() - (12 - i) * DAY),
      }),
    ),
  });
  w.env.ctx.meter.quietly(() => {
    const append = <T>(spec: typeof FollowUps | typeof Quotes | typeof Samples, rows: T[]) => {
      const writer = new TableWriter(readTable(w.book.getSheetByName(spec.name)!, spec, parse));
      for (const r of rows) writer.append(r as never);
      writer.commit();
    };
    append<FollowUp>(
      FollowUps,
      Array.from({ length: 15 }, (_, i) => ({
        ...emptyRecord(FollowUps),
        id: `F-${String(i + 1).padStart(6, "0")}`,
        at: new Date(NOW.getTime() - (15 - i) * DAY),
        buyerId: owners[i % 3],
        by: ALICE,
        kind: "follow-up",
        channel: "email",
        summary: `Follow-up ${i + 1}`,
      })),
    );
    append<Quote>(
      Quotes,
      Array.from({ length: 6 }, (_, i) => ({
        ...emptyRecord(Quotes),
        id: `Q-2026-${String(i + 1).padStart(4, "0")}`,
        date: new Date(NOW.getTime() - (6 - i) * DAY),
        buyerId: owners[i % 3],
        by: ALICE,
        currency: "EUR",
        items: "CD-18 x 500",
        total: "6250.00",
        status: "sent",
      })),
    );
    append<Sample>(
      Samples,
      Array.from({ length: 6 }, (_, i) => ({
        ...emptyRecord(Samples),
        id: `S-${String(i + 1).padStart(6, "0")}`,
        requestDate: new Date(NOW.getTime() - (6 - i) * DAY),
        buyerId: owners[i % 3],
        products: "P-0001",
        kind: "physical",
      })),
    );
  });
  return w;
}

function buyerIds(w: World, spec: typeof Inquiries | typeof FollowUps | typeof Quotes | typeof Samples) {
  return w.env.ctx.meter.quietly(() =>
    Object.fromEntries(
      readTable(w.book.getSheetByName(spec.name)!, spec, parse).rows.map((r) => [
        (r.record as { id: string }).id,
        (r.record as { buyerId: string }).buyerId,
      ]),
    ),
  );
}

const byId = (w: World, id: string) => w.read(Buyers).rows.find((r) => r.record.id === id)!.record;

describe("merging a duplicate buyer (R22)", () => {
  it("R22: every inquiry, follow-up, quote and sample of the merged buyer moves to the survivor, and nothing else", () => {
    const w = world();
    const before = [Inquiries, FollowUps, Quotes, Samples].map((s) => buyerIds(w, s));
    const r = w.ok<MergeResult>(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    expect(r.movedBy).toEqual({ Inquiries: 4, "Follow-ups": 5, Quotes: 2, Samples: 2 });
    expect(r.moved).toBe(13);
    [Inquiries, FollowUps, Quotes, Samples].forEach((spec, i) => {
      const after = buyerIds(w, spec);
      for (const [id, was] of Object.entries(before[i]))
        expect(after[id], `${spec.name} ${id}`).toBe(was === "B-000005" ? "B-000001" : was);
    });
    expect(r.view.buyer.id).toBe("B-000001");
    expect(r.view.history.filter((h) => h.kind === "inquiry")).toHaveLength(8);
  });

  it("R22: facts combine — the survivor's typed values win, its empty fields are filled, addresses and products joined", () => {
    const w = world();
    w.ok(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    const s = byId(w, "B-000001");
    expect(s).toMatchObject({
      company: "Nordic Tools AB",
      name: "Erik Lindqvist",
      email: "erik@nordictools.se",
      otherEmails: "anna@nordictools.se, inkop@nordictools.se",
      phone: "+46 31 555 0101",
      website: "nordictools.se",
      country: "Sweden",
      grade: "B",
      owner: ALICE,
      products: "drills, grinders",
      notes: "Met at the Canton Fair, booth 12.1",
    });
    // First contact the earlier, last contact the later of the two.
    expect(s.created?.toISOString()).toBe("2026-09-15T02:00:00.000Z");
    expect(s.lastContact?.toISOString()).toBe("2026-11-18T02:00:00.000Z");
  });

  it("R22: the merged row stays as an alias — status merged, pointing at the survivor, no addresses — and its ID opens the survivor", () => {
    const w = world();
    w.ok(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    const alias = byId(w, "B-000005");
    expect(alias).toMatchObject({ status: "merged", email: "", otherEmails: "", nextFollowUp: null });
    expect(alias.duplicateOf).toContain("B-000001");
    const view = w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000005" });
    expect(view.buyer.id).toBe("B-000001");
    expect(view.mergedFrom).toBe("B-000005");
  });

  it("R22, R33: the Log says who merged what, with the rows moved", () => {
    const w = world();
    w.ok(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    const log = w.sheetValues(Log.name).slice(1);
    const line = log.find((l) => l[2] === "buyer.merge");
    expect(line?.[1]).toBe(ALICE);
    expect(line?.[3]).toBe("B-000001");
    expect(String(line?.[4])).toContain("B-000005 -> B-000001");
    expect(String(line?.[4])).toContain("Follow-ups 5");
  });

  it("R22: a sheet sorted by hand after the buyer was opened (rows moved) — the rows are still found by their ID", () => {
    const w = world();
    // The view reads the rows (and remembers where they were)...
    w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000005" });
    const expected = Object.fromEntries(
      Object.entries(buyerIds(w, FollowUps)).map(([id, b]) => [id, b === "B-000005" ? "B-000001" : b]),
    );
    // ...then someone sorts Follow-ups newest first by hand.
    w.env.ctx.meter.quietly(() => {
      const sheet = w.book.getSheetByName(FollowUps.name)!;
      const values = sheet.getDataRange().getValues();
      const body = values.slice(1).reverse();
      sheet.getRange(2, 1, body.length, values[0].length).setValues(body);
    });
    w.ok(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    expect(buyerIds(w, FollowUps)).toEqual(expected);
  });

  it("R22, R1: the owner of both, the assistant or the boss may merge; a salesperson not owning both may not", () => {
    const w = world();
    const carols = w.call(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000003" });
    expect(carols).toMatchObject({ ok: false, code: "not-owner" });
    expect(buyerIds(w, Inquiries)["I-000003"]).toBe("B-000003");
    expect(w.call(ASSISTANT, "mergeBuyers", { survivorId: "B-000003", mergedId: "B-000004" })).toMatchObject({
      ok: true,
    });
  });

  it("a buyer into itself, an alias, or one already merged is refused with a sentence that says why", () => {
    const w = world();
    expect(w.call(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000001" })).toMatchObject({
      ok: false,
      error: "A buyer cannot be merged into itself.",
    });
    w.ok(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    expect(w.call(ALICE, "mergeBuyers", { survivorId: "B-000002", mergedId: "B-000005" })).toMatchObject({
      ok: false,
      error: "B-000005 was already merged into B-000001.",
    });
    expect(w.call(ALICE, "mergeBuyers", { survivorId: "B-000005", mergedId: "B-000002" })).toMatchObject({
      ok: false,
      error: "B-000005 was itself merged into B-000001: merge into B-000001 instead.",
    });
    expect(w.call(ALICE, "mergeBuyers", { survivorId: "B-1", mergedId: "nonsense" })).toMatchObject({
      ok: false,
      code: "invalid",
      error: "The other buyer's ID is not a valid ID.",
    });
  });

  it("R23: the alias is never due; the survivor's due day follows its combined last contact", () => {
    const w = world();
    w.ok(ALICE, "mergeBuyers", { survivorId: "B-000001", mergedId: "B-000005" });
    // B, last contact 18 Nov -> due 25 Nov.
    expect(byId(w, "B-000001").nextFollowUp?.toISOString()).toBe("2026-11-24T16:00:00.000Z");
    const desk = w.ok<{ due: { buyerId: string }[] }>(ALICE, "desk");
    expect(desk.due.map((d) => d.buyerId)).not.toContain("B-000005");
  });
});
