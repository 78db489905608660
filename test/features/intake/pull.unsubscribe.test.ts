import { describe, expect, it } from "vitest";
import { createCampaign, previewCampaign } from "../../../src/features/outreach/campaign";
import { ANN, type IntakeWorld, intakeWorld, MONDAY_0900, seedBuyer } from "../../support/world";

const FOOTER = 'To stop receiving these e-mails, reply "unsubscribe". Ref O-000001';

function seedTwoBuyers(w: IntakeWorld): void {
  seedBuyer(w, { id: "B-000001", email: "hans@acme.de", name: "Hans Weber", company: "Acme GmbH", owner: ANN });
  seedBuyer(w, { id: "B-000002", email: "lena@brightshop.de", name: "Lena Koch", company: "Bright", owner: ANN });
}

function reply(from: string, text: string, n = 1, subject = "Re: LED news") {
  return {
    from,
    to: ANN,
    subject,
    text,
    messageId: `<r${n}@mail.example>`,
    date: new Date(MONDAY_0900.getTime() - n * 60_000),
  };
}

function buyerById(w: IntakeWorld, id: string) {
  return w.records("Buyers").find((b) => b.id === id)!;
}

function previewAll(w: IntakeWorld) {
  return w.env.ctx.runAs(ANN, () => {
    const campaign = createCampaign(w.book, ANN, { name: "News", kind: "news", segment: {}, text: "x" }, MONDAY_0900);
    return previewCampaign(w.book, campaign.id, MONDAY_0900);
  });
}

describe("pull: unsubscribe replies (R24)", () => {
  it("R24: a buyer who replies 'unsubscribe' is marked unsubscribed, the reply stays an inquiry, and a later campaign leaves them out", () => {
    const w = intakeWorld();
    seedTwoBuyers(w);
    expect(previewAll(w).count).toBe(2);
    w.env.mail.deliverStructured(reply("Hans Weber <hans@acme.de>", `Please unsubscribe me.\n\n> ${FOOTER}`));
    const result = w.pull(ANN);
    expect(result.unsubscribed).toBe(1);
    expect(result.newInquiries).toBe(1);
    expect(buyerById(w, "B-000001")).toMatchObject({ status: "unsubscribed" });
    expect(String(buyerById(w, "B-000001").notes)).toContain("Unsubscribed by reply 2026-11-23");
    expect(buyerById(w, "B-000002")).toMatchObject({ status: "active" });
    const inquiry = w.records("Inquiries")[0];
    expect(inquiry).toMatchObject({ buyerId: "B-000001", fromEmail: "hans@acme.de", status: "new" });
    expect(String(inquiry.summary)).toContain("unsubscribe");
    const preview = previewAll(w);
    expect(preview.count).toBe(1);
    expect(preview.suppressed).toEqual({ unsubscribed: 1 });
  });

  it("R24: our footer quoted under an ordinary reply unsubscribes no one", () => {
    const w = intakeWorld();
    seedTwoBuyers(w);
    w.env.mail.deliverStructured(
      reply("Hans Weber <hans@acme.de>", `Thanks, please quote 500 pcs.\n\nOn Mon, Ann wrote:\n> ${FOOTER}`),
    );
    const result = w.pull(ANN);
    expect(result.unsubscribed).toBe(0);
    expect(buyerById(w, "B-000001")).toMatchObject({ status: "active" });
    // Still mailable, not unsubscribed: only left out of campaigns while his request waits for our answer (R7).
    expect(previewAll(w)).toMatchObject({ count: 1, suppressed: {}, excluded: { "unanswered-inquiry": 1 } });
  });

  it("R24: '退订' from another address of the buyer marks that buyer; do-not-contact stays the stronger mark", () => {
    const w = intakeWorld();
    seedBuyer(w, {
      id: "B-000001",
      email: "li@huaqiang.cn",
      otherEmails: "li.wei@163.com",
      name: "Li Wei",
      owner: ANN,
    });
    seedBuyer(w, { id: "B-000002", email: "x@dnc.example", name: "No Contact", owner: ANN, status: "do-not-contact" });
    w.env.mail.deliverStructured(reply("李伟 <li.wei@163.com>", "退订", 1, "回复: 新品"));
    w.env.mail.deliverStructured(reply("No Contact <x@dnc.example>", "unsubscribe", 2));
    const result = w.pull(ANN);
    expect(result.unsubscribed).toBe(1);
    expect(buyerById(w, "B-000001")).toMatchObject({ status: "unsubscribed" });
    expect(buyerById(w, "B-000002")).toMatchObject({ status: "do-not-contact" });
    expect(w.records("Inquiries")).toHaveLength(2);
  });

  it("R24: an unknown sender asking to be removed is entered already unsubscribed", () => {
    const w = intakeWorld();
    w.env.mail.deliverStructured(reply("Pat Doe <pat@unknown-firm.com>", "Remove me from your list.", 1, "Newsletter"));
    const result = w.pull(ANN);
    expect(result).toMatchObject({ newBuyers: 1, newInquiries: 1, unsubscribed: 1 });
    expect(w.records("Buyers")[0]).toMatchObject({ email: "pat@unknown-firm.com", status: "unsubscribed" });
  });

  it("R24: marking costs no extra Sheets call (the pull's own Buyers table and writer)", () => {
    const calls = (text: string) => {
      const w = intakeWorld();
      // No owner yet: either reply makes the pull update this buyer (owner), so both write Buyers once.
      seedBuyer(w, { id: "B-000001", email: "hans@acme.de", name: "Hans Weber", company: "Acme GmbH", owner: "" });
      w.env.mail.deliverStructured(reply("Hans Weber <hans@acme.de>", text));
      w.env.ctx.meter.reset();
      w.pull(ANN);
      const m = w.env.ctx.meter;
      const figures = ["Spreadsheet.read", "Spreadsheet.write", "Spreadsheet.meta", "Spreadsheet.structure"].map((t) =>
        m.callsOf(t),
      );
      return { figures, status: buyerById(w, "B-000001").status };
    };
    const unsubscribe = calls("Unsubscribe");
    const ordinary = calls("Please also quote LED bulbs.");
    expect(unsubscribe.status).toBe("unsubscribed");
    expect(ordinary.status).toBe("active");
    expect(unsubscribe.figures).toEqual(ordinary.figures);
  });
});
