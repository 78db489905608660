import { beforeEach, describe, expect, it } from "vitest";
import { registerPicture, registerProduct } from "../../../src/features/quotes/products";
import { requestSample, samplesOfBuyer, updateSample } from "../../../src/features/quotes/samples";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Samples } from "../../../src/store/schemas";
import { type BookWorld, bookWorld } from "../../support/world";

const NOW = new Date("2026-11-23T02:00:00Z");
const SENDER = { email: "boss@acme-tools.cn", name: "Li Na" };

function world(): BookWorld {
  const w = bookWorld({
    now: NOW,
    settings: { "company.catalogueLink": "https://acme-tools.cn/catalogue.pdf", "company.name": "Acme Tools" },
  });
  registerProduct(w.book, { name: "Stainless hinge", model: "HG-100" }, w.owner, NOW);
  registerPicture(w.book, "P-0001", Utilities.newBlob([1, 2], "image/jpeg", "a.jpg"), w.owner, NOW);
  w.append(Buyers, [{ id: "B-000001", name: "Ahmed", email: "ahmed@gulfhw.ae", country: "UAE" }]);
  return w;
}

describe("samples job (R5, R27)", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = world();
  });

  it("R27: the electronic sample is the default: a draft with the catalogue and picture links, feedback due in 3 days", () => {
    const r = requestSample(w.book, { buyerId: "B-000001", products: ["P-0001"] }, SENDER, NOW);
    expect(r.sampleId).toBe("S-000001");
    expect(r.plan.kind).toBe("electronic");
    const body = GmailApp.getDraft(r.draftId).getMessage().getPlainBody();
    expect(body).toContain("E-catalogue: https://acme-tools.cn/catalogue.pdf");
    expect(body).toMatch(/P-0001-1\.jpg: https:\/\/drive\.google\.com\//);
    expect(GmailApp.getDraft(r.draftId).getMessage().getTo()).toBe("ahmed@gulfhw.ae");
    const row = loadTable(w.book, Samples, "Asia/Shanghai").byId.get("S-000001")!.record;
    expect(row).toMatchObject({ kind: "electronic", freight: "", products: "P-0001", buyerId: "B-000001" });
    // Company zone (Asia/Shanghai): requested on the 23rd, feedback due on the 26th.
    expect(row.feedbackDue?.toISOString()).toBe("2026-11-25T16:00:00.000Z");
  });

  it("R27: a physical sample first asked for gets the electronic one offered first; freight collect by default", () => {
    const r = requestSample(
      w.book,
      { buyerId: "B-000001", products: ["P-0001"], kind: "physical", cost: "35" },
      SENDER,
      NOW,
    );
    expect(r.plan).toMatchObject({ freight: "collect", offerElectronicFirst: true, promising: false });
    expect(r.text).toContain("freight is collect");
    const row = loadTable(w.book, Samples, "UTC").byId.get(r.sampleId)!.record;
    expect(row).toMatchObject({ kind: "physical", freight: "collect", cost: "35.00", feedbackDue: null });
  });

  it("R27: a buyer offering to pay the courier is flagged promising (buyer-pays) and grade A is suggested", () => {
    requestSample(w.book, { buyerId: "B-000001", products: ["P-0001"] }, SENDER, NOW);
    const r = requestSample(
      w.book,
      { buyerId: "B-000001", products: ["P-0001"], kind: "physical", buyerOffersCourier: true },
      SENDER,
      NOW,
    );
    expect(r.plan).toMatchObject({
      freight: "buyer-pays",
      promising: true,
      suggestGrade: "A",
      offerElectronicFirst: false,
    });
    const history = samplesOfBuyer(w.book, "B-000001", "UTC");
    expect(history.map((s) => [s.id, s.kind, s.promising])).toEqual([
      ["S-000001", "electronic", false],
      ["S-000002", "physical", true],
    ]);
  });

  it("R27: a sample above Settings sample.largeCost asks for T/T prepayment first", () => {
    const r = requestSample(
      w.book,
      { buyerId: "B-000001", products: ["P-0001"], kind: "physical", cost: "350" },
      SENDER,
      NOW,
    );
    expect(r.plan).toMatchObject({ freight: "tt-prepayment", prepaymentRequired: true });
    expect(r.text).toContain("T/T in advance");
    expect(r.text).toContain("USD 350.00");
  });

  it("R27: delivery sets the feedback date a few days later; the result shows in the buyer's history", () => {
    const r = requestSample(w.book, { buyerId: "B-000001", products: ["P-0001"], kind: "physical" }, SENDER, NOW);
    updateSample(w.book, { sampleId: r.sampleId, courier: "DHL", tracking: "123", sent: NOW }, w.owner, NOW);
    updateSample(w.book, { sampleId: r.sampleId, delivered: new Date("2026-11-27T06:00:00Z") }, w.owner, NOW);
    updateSample(w.book, { sampleId: r.sampleId, result: "Quality approved; trial order expected" }, w.owner, NOW);
    const [s] = samplesOfBuyer(w.book, "B-000001", "Asia/Shanghai");
    expect(s).toMatchObject({ courier: "DHL", tracking: "123", result: "Quality approved; trial order expected" });
    expect(s.feedbackDue).toBe("2026-11-29T16:00:00.000Z");
    expect(s.sent).toBe(NOW.toISOString());
  });

  it("refuses unknown buyers, products and bad costs", () => {
    expect(() => requestSample(w.book, { buyerId: "B-9", products: ["P-0001"] }, SENDER, NOW)).toThrow(/B-9/);
    expect(() => requestSample(w.book, { buyerId: "B-000001", products: ["P-0404"] }, SENDER, NOW)).toThrow(/P-0404/);
    expect(() =>
      requestSample(w.book, { buyerId: "B-000001", products: ["P-0001"], kind: "physical", cost: "1,5" }, SENDER, NOW),
    ).toThrow(/cost/);
  });
});
