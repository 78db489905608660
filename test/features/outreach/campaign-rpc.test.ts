import { beforeEach, describe, expect, it } from "vitest";
import { HANDLERS } from "../../../src/rpc/handlers";
import { dispatch } from "../../../src/rpc/server";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { as } from "../../support/gas";
import { type BookWorld, bookWorld } from "../../support/world";

const BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");

describe("outreach RPCs: roles and validation (R1, R11, R21)", () => {
  let w: BookWorld;
  const call = (user: string, method: string, payload: unknown) =>
    as(w.env, user, () => dispatch(HANDLERS, method, JSON.stringify(payload), w.book, user, NOW));

  beforeEach(() => {
    w = bookWorld({ now: NOW });
    w.book.addEditor(LI);
    const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
    staff.append({ ...emptyRecord(Staff), email: LI, name: "Li Wei", role: "salesperson", status: "active" });
    staff.commit();
    const buyers = new TableWriter(loadTable(w.book, Buyers, "Asia/Shanghai"));
    buyers.append({ ...emptyRecord(Buyers), id: "B-000001", email: "a@b.de", status: "active", country: "Germany" });
    buyers.commit();
  });

  it("the boss creates, previews, queues and sends; a salesperson may not send campaigns or import", () => {
    const created = call(BOSS, "campaignCreate", {
      name: "News",
      kind: "news",
      segment: { countries: ["Germany"] },
      text: "x",
    });
    expect(created).toMatchObject({ ok: true, data: { campaignId: "CM-0001" } });
    expect(call(BOSS, "campaignPreview", { campaignId: "CM-0001" })).toMatchObject({ ok: true, data: { count: 1 } });
    expect(call(BOSS, "campaignQueue", { campaignId: "CM-0001" })).toMatchObject({ ok: true, data: { queued: 1 } });
    expect(call(BOSS, "campaignSendNow", {})).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(call(LI, "campaignSendNow", {})).toMatchObject({ ok: false, code: "denied" });
    expect(call(LI, "importRows", { header: ["Email"], rows: [["x@y.com"]] })).toMatchObject({
      ok: false,
      code: "denied",
    });
    expect(call(LI, "campaignStatus", {})).toMatchObject({ ok: true, data: [{ id: "CM-0001", sent: 1 }] });
  });

  it("rejects bad payloads before anything runs", () => {
    expect(call(BOSS, "campaignCreate", { name: "x", kind: "spam", segment: {} })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(call(BOSS, "campaignCreate", { name: "x", kind: "news", segment: { colour: ["red"] } })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(call(BOSS, "tripList", {})).toMatchObject({ ok: false, code: "invalid" });
    expect(call(BOSS, "campaignQueue", { campaignId: "CM-0099" })).toMatchObject({ ok: false, code: "invalid" });
  });
});
