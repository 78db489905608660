import { docToHtml } from "@buyerbook/gas-emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { previewCampaign } from "../../../src/features/outreach/campaign";
import { tripCampaign, tripList, writeVisitPlan } from "../../../src/features/outreach/trips";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, FollowUps, Inquiries, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { type BookWorld, bookWorld } from "../../support/world";

const _BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");

describe("trips and trade shows (R14, R15)", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = bookWorld({ now: NOW });
    const b = (id: string, over: object) => ({
      ...emptyRecord(Buyers),
      id,
      status: "active" as const,
      owner: LI,
      ...over,
    });
    const buyers = new TableWriter(loadTable(w.book, Buyers, "Asia/Shanghai"));
    for (const r of [
      b("B-000001", {
        company: "Hamburg Lights",
        email: "a@hl.de",
        country: "Germany",
        city: "Hamburg",
        grade: "B",
        lastContact: new Date("2026-11-01T00:00:00Z"),
      }),
      b("B-000002", {
        company: "Elbe Import",
        email: "b@elbe.de",
        country: "Germany",
        city: "Hamburg",
        grade: "A",
        lastContact: new Date("2026-10-01T00:00:00Z"),
      }),
      b("B-000003", { company: "Berlin Bau", email: "c@bb.de", country: "Germany", city: "Berlin", grade: "A" }),
      b("B-000004", {
        company: "Quiet GmbH",
        email: "d@q.de",
        country: "Germany",
        city: "Hamburg",
        status: "do-not-contact",
      }),
      b("B-000005", {
        company: "Paris Lumière",
        email: "e@pl.fr",
        country: "France",
        city: "Paris",
        notes: "Trade show: Canton Fair 2025",
      }),
    ])
      buyers.append(r as never);
    buyers.commit();
    const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
    staff.append({ ...emptyRecord(Staff), email: LI, name: "Li Wei", role: "salesperson", status: "active" });
    staff.commit();
    const inquiries = new TableWriter(loadTable(w.book, Inquiries, "Asia/Shanghai"));
    inquiries.append({
      ...emptyRecord(Inquiries),
      id: "I-000001",
      buyerId: "B-000001",
      product: "LED panel",
      subject: "Price for LED panels",
      receivedAt: new Date("2026-09-01T00:00:00Z"),
    });
    inquiries.commit();
    const followUps = new TableWriter(loadTable(w.book, FollowUps, "Asia/Shanghai"));
    followUps.append({
      ...emptyRecord(FollowUps),
      id: "F-000001",
      buyerId: "B-000001",
      kind: "quote",
      summary: "Quote Q-7 sent",
      at: new Date("2026-11-01T00:00:00Z"),
    });
    followUps.commit();
  });

  it("R14: the buyers in a city, best grade first, with owner, last contact and a one-line history", () => {
    const list = tripList(w.book, { country: "Germany", city: "Hamburg" }, NOW);
    expect(list.map((e) => e.buyerId)).toEqual(["B-000002", "B-000001", "B-000004"]);
    const first = list[1];
    expect(first).toMatchObject({ ownerName: "Li Wei", grade: "B", lastContact: "2026-11-01" });
    expect(first.history).toBe("1 inquiries; 1 follow-ups; asked: LED panel; last: 2026-11-01 quote: Quote Q-7 sent");
    // A do-not-contact buyer is still on the visit plan, marked, but never in the meeting mail.
    expect(list[2].status).toBe("do-not-contact");
  });

  it("R14: the visit plan is a printable Doc with one table row per buyer", () => {
    const plan = writeVisitPlan(w.book, { city: "Hamburg" }, NOW, "2–5 Dec");
    expect(plan.buyers).toBe(3);
    const html = docToHtml(DocumentApp.openById(plan.docId) as never);
    expect(html).toContain("Visit plan / 拜访计划 — Hamburg (2–5 Dec)");
    expect(html).toContain("Elbe Import (B-000002)");
    expect(html).toContain("Quiet GmbH (B-000004) [do-not-contact]");
    expect((html.match(/<tr/g) ?? []).length).toBe(4);
  });

  it("R14/R15: a meeting-request campaign for the trip, and a booth invitation for buyers met at a show", () => {
    const trip = tripCampaign(w.book, LI, { city: "Hamburg" }, { dates: "2–5 Dec" }, NOW);
    const preview = previewCampaign(w.book, trip.id, NOW);
    expect(preview.count).toBe(2);
    expect(preview.suppressed).toEqual({ "do-not-contact": 1 });
    expect(preview.messages[0].subject).toBe("Meeting in Hamburg, 2–5 Dec");
    const show = tripCampaign(
      w.book,
      LI,
      { show: "Canton Fair" },
      { dates: "15–19 April", city: "Guangzhou", booth: "11.2 C18" },
      NOW,
    );
    const invite = previewCampaign(w.book, show.id, NOW);
    expect(invite.messages.map((m) => m.buyerId)).toEqual(["B-000005"]);
    expect(invite.messages[0].subject).toBe("Visit us at Canton Fair, booth 11.2 C18");
  });

  it("needs a destination", () => {
    expect(() => tripList(w.book, {}, NOW)).toThrow(/country, a city or a show/);
  });
});
