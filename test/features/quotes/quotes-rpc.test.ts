import { beforeEach, describe, expect, it } from "vitest";
import type { RpcResult } from "../../../src/app/result";
import { registerProduct } from "../../../src/features/quotes/products";
import { HANDLERS } from "../../../src/rpc/handlers";
import { dispatch } from "../../../src/rpc/server";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Products, Quotes } from "../../../src/store/schemas";
import { as } from "../../support/gas";
import { type BookWorld, bookWorld, staffRow } from "../../support/world";

const NOW = new Date("2026-11-23T02:00:00Z");
const SALES = "chen@acme-tools.cn";
const OTHER = "wang@acme-tools.cn";

function world(): BookWorld {
  const w = bookWorld({
    now: NOW,
    staff: [
      staffRow({ email: SALES, role: "salesperson" }),
      staffRow({ email: OTHER, role: "salesperson" }),
      staffRow({ email: "alibaba@partner.com", role: "viewer" }),
    ],
    // Onboarding shares the workbook with each person (C5).
    editors: [SALES, OTHER],
    viewers: ["alibaba@partner.com"],
  });
  // R9: every mail to a buyer names the company.
  w.setSettings({ "company.name": "Acme Tools Co., Ltd." });
  registerProduct(w.book, { name: "Hinge", moq: 100, basePrice: "2.00", unit: "pcs" }, w.owner, NOW);
  w.append(Buyers, [{ id: "B-000001", name: "Jane", email: "jane@ohio.com", country: "US", owner: SALES }]);
  return w;
}

function call<T>(w: BookWorld, user: string, method: string, payload: unknown): RpcResult<T> {
  return as(w.env, user, () => dispatch(HANDLERS, method, JSON.stringify(payload), w.book, user, NOW)) as RpcResult<T>;
}

describe("quote, sample and product RPCs", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = world();
  });

  it("R3: quoteOptions gives the builder the buyer's tier, the products with their prices and the defaults", () => {
    const r = call<{
      buyerTier: string;
      products: { code: string; basePrice: string }[];
      defaults: { incoterm: string };
    }>(w, SALES, "quoteOptions", { buyerId: "B-000001" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.buyerTier).toBe("value-added");
    expect(r.data.products.map((p) => [p.code, p.basePrice])).toEqual([["P-0001", "2.00"]]);
    expect(r.data.defaults.incoterm).toBe("FOB");
  });

  it("the owner saves a quote through rpc; a Gmail draft lands in the owner's mailbox", () => {
    const r = call<{ quoteId: string; draftId: string }>(w, SALES, "saveQuote", {
      buyerId: "B-000001",
      items: [{ code: "P-0001", qty: 100 }],
      incoterm: "CIF",
      destination: "Los Angeles",
    });
    expect(r).toMatchObject({ ok: true, data: { quoteId: "Q-2026-0001" } });
    if (!r.ok) return;
    const draft = as(w.env, SALES, () => GmailApp.getDraft(r.data.draftId));
    // No Freight row for Los Angeles: both components are on request, said so.
    expect(draft.getMessage().getPlainBody()).toContain(
      "Price terms: CIF Los Angeles, Incoterms 2020 – freight and insurance on request",
    );
    expect(draft.getMessage().getTo()).toBe("jane@ohio.com");
    expect(loadTable(w.book, Quotes, "UTC").byId.get("Q-2026-0001")!.record.by).toBe(SALES);
    const sent = call(w, SALES, "quoteSent", { quoteId: "Q-2026-0001" });
    expect(sent).toMatchObject({ ok: true, data: { status: "sent" } });
  });

  it("another salesperson may not quote for a buyer they do not own; a viewer may not quote at all", () => {
    const payload = { buyerId: "B-000001", items: [{ code: "P-0001", qty: 100 }] };
    expect(call(w, OTHER, "saveQuote", payload)).toMatchObject({ ok: false, code: "not-owner" });
    expect(call(w, "alibaba@partner.com", "quotePreview", payload)).toMatchObject({ ok: false, code: "denied" });
    expect(loadTable(w.book, Quotes, "UTC").rows).toEqual([]);
  });

  it("validates payloads: Incoterms, quantities, IDs", () => {
    const bad = (p: unknown) => call(w, SALES, "quotePreview", p);
    expect(bad({ buyerId: "B-000001", items: [{ code: "P-0001", qty: 1 }], incoterm: "FCA" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(bad({ buyerId: "B-000001", items: [{ code: "P-0001", qty: 1.5 }] })).toMatchObject({ code: "invalid" });
    expect(bad({ buyerId: "=HYPERLINK()", items: [{ code: "P-0001", qty: 1 }] })).toMatchObject({ code: "invalid" });
    expect(bad({ buyerId: "B-000404", items: [{ code: "P-0001", qty: 1 }] })).toMatchObject({ code: "not-found" });
  });

  it("R36: only the boss and assistant register products and pictures", () => {
    expect(call(w, SALES, "registerProduct", { name: "Cheap hinge", basePrice: "0.01" })).toMatchObject({
      ok: false,
      code: "denied",
    });
    const r = call<{ code: string }>(w, w.owner, "registerProduct", { name: "Lock", basePrice: "9.90" });
    expect(r).toMatchObject({ ok: true, data: { code: "P-0002" } });
    const pic = call<{ name: string }>(w, w.owner, "registerPicture", {
      code: "P-0002",
      fileName: "lock.png",
      contentType: "image/png",
      base64: Utilities.base64Encode([137, 80, 78, 71]),
    });
    expect(pic).toMatchObject({ ok: true, data: { name: "P-0002-1.png" } });
    expect(loadTable(w.book, Products, "UTC").byId.get("P-0002")!.record.pictures).toMatch(/^P-0002-1\.png /);
  });

  it("R27: requestSample through rpc returns the plan and the history lists it as promising", () => {
    const r = call<{ sampleId: string; plan: { suggestGrade: string } }>(w, SALES, "requestSample", {
      buyerId: "B-000001",
      products: ["P-0001"],
      kind: "physical",
      buyerOffersCourier: true,
    });
    expect(r).toMatchObject({ ok: true, data: { sampleId: "S-000001", plan: { suggestGrade: "A" } } });
    expect(call(w, OTHER, "requestSample", { buyerId: "B-000001", products: ["P-0001"] })).toMatchObject({
      code: "not-owner",
    });
    const upd = call(w, SALES, "updateSample", { sampleId: "S-000001", delivered: "2026-11-25" });
    expect(upd).toMatchObject({ ok: true });
    const history = call<{ promising: boolean; feedbackDue: string }[]>(w, OTHER, "buyerSamples", {
      buyerId: "B-000001",
    });
    expect(history).toMatchObject({ ok: true, data: [{ promising: true, feedbackDue: "2026-11-27T16:00:00.000Z" }] });
  });

  it("saving a quote reads each sheet once: Buyers, Inquiries, Products, Freight, Templates, Quotes and the Log header", () => {
    call(w, SALES, "quoteOptions", {}); // warms the Staff/Settings cache, as an open sidebar has
    w.env.ctx.meter.reset();
    const r = call(w, SALES, "saveQuote", { buyerId: "B-000001", items: [{ code: "P-0001", qty: 100 }] });
    expect(r.ok).toBe(true);
    expect(w.env.ctx.meter.callsOf("Spreadsheet.read")).toBeLessThanOrEqual(7);
    expect(w.env.ctx.meter.callsOf("Spreadsheet.write")).toBeLessThanOrEqual(4);
    expect(w.env.ctx.meter.callsOf("Gmail.draft")).toBe(1);
  });
});
