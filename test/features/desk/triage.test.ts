import { describe, expect, it } from "vitest";
import { refreshDue } from "../../../src/features/desk/refresh-due";
import type {
  AddBuyerResult,
  Bootstrap,
  BuyerHitView,
  BuyerView,
  Desk,
  GradeResult,
  LogResult,
} from "../../../src/features/desk/types";
import { Buyers, FollowUps, Inquiries, Log } from "../../../src/store/schemas";
import { ALICE, BOB, BOSS, buyerRow, inquiryRow, makeWorld, NOW, seedRows, type World } from "../../support/world";

const XSS = "<img src=x onerror=alert(1)>";

function world(): World {
  const w = makeWorld({
    buyers: [
      buyerRow({
        id: "B-000001",
        company: "Nordic Tools AB",
        name: "Erik",
        email: "erik@nordictools.se",
        owner: ALICE,
      }),
      buyerRow({
        id: "B-000002",
        company: "Gulf Hardware LLC",
        name: "Omar",
        email: "omar@gulfhw.ae",
        phone: "+971 4 555 0101",
        owner: BOB,
        grade: "B",
        lastContact: new Date("2026-11-10T02:00:00Z"),
      }),
      buyerRow({ id: "B-000003", company: "Carol's buyer", email: "x@carolbuyer.com", owner: "carol@acme-tools.cn" }),
      buyerRow({ id: "B-000004", company: XSS, name: XSS, email: "xss@evil.test", owner: ALICE }),
    ],
    inquiries: [
      inquiryRow({ id: "I-000001", buyerId: "B-000001", owner: ALICE, subject: "Cordless drills 500 pcs" }),
      inquiryRow({
        id: "I-000002",
        buyerId: "B-000002",
        owner: BOB,
        assignedTo: ALICE,
        channel: "fax",
        receivedAt: new Date("2026-11-23T01:00:00Z"),
      }),
      inquiryRow({ id: "I-000003", buyerId: "B-000003", owner: "carol@acme-tools.cn" }),
      inquiryRow({ id: "I-000004", buyerId: "B-000004", owner: ALICE, subject: "<script>alert(2)</script>" }),
    ],
  });
  // The derived due columns, as the daily upkeep leaves them.
  w.env.ctx.meter.quietly(() => w.env.ctx.runAs(BOSS, () => refreshDue(w.book, NOW)));
  return w;
}

function byId<T extends { id: string }>(rows: { record: T }[], id: string): T {
  const row = rows.find((r) => r.record.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row.record;
}

describe("sidebar: grading (R10, R18, R20, R23)", () => {
  it("R10, R18, R20: grading an inquiry grades its buyer and sets the next follow-up from the cadence", () => {
    const w = world();
    const result = w.ok<GradeResult>(ALICE, "gradeInquiry", { inquiryId: "I-000001", grade: "A" });
    expect(result.buyerId).toBe("B-000001");
    const buyer = byId(w.read(Buyers).rows, "B-000001");
    const inquiry = byId(w.read(Inquiries).rows, "I-000001");
    expect(inquiry.grade).toBe("A");
    expect(buyer.grade).toBe("A");
    // Never contacted, created 2026-11-01 (Shanghai): A is every 3 days -> due 2026-11-04, 19 days overdue today.
    expect(buyer.nextFollowUp?.toISOString()).toBe("2026-11-03T16:00:00.000Z");
    expect(buyer.daysOverdue).toBe(19);
    const fu = w.sheetValues(FollowUps.name);
    expect(fu).toHaveLength(2);
    expect(fu[1].slice(0, 6)).toEqual([result.followUpId, expect.any(Date), "B-000001", "I-000001", ALICE, "grade"]);
  });

  it("R10, R18: the buyer the sidebar names is read with the inquiry in one read; a wrong one is only a hint", () => {
    const w = world();
    // The rows the buyer card was read on, handed back as the sidebar does.
    const view = w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000001" });
    const row = view.inquiries.find((i) => i.id === "I-000001")?.row;
    expect(row).toBe(2);
    expect(view.buyer.row).toBe(2);
    const meter = w.env.ctx.meter;
    meter.reset();
    meter.keepLog = true;
    const r = w.ok<GradeResult>(ALICE, "gradeInquiry", {
      inquiryId: "I-000001",
      buyerId: "B-000001",
      grade: "B",
      row,
      buyerRow: view.buyer.row,
    });
    expect(r.buyerId).toBe("B-000001");
    const reads = meter.log().filter((c) => c.type === "Spreadsheet.read");
    // One read of both rows, one before the write and one after it (safe-write.ts).
    expect(reads.length).toBeLessThanOrEqual(3);
    expect(meter.callsOf("Spreadsheet.find")).toBe(0);
    expect(byId(w.read(Buyers).rows, "B-000001").grade).toBe("B");
    // A buyer that is not the inquiry's: the inquiry's own buyer is graded, the other left alone.
    w.ok(BOB, "buyer", { buyerId: "B-000002" });
    const wrong = w.ok<GradeResult>(ALICE, "gradeInquiry", { inquiryId: "I-000001", buyerId: "B-000002", grade: "C" });
    expect(wrong.buyerId).toBe("B-000001");
    expect(byId(w.read(Buyers).rows, "B-000001").grade).toBe("C");
    expect(byId(w.read(Buyers).rows, "B-000002").grade).toBe("B");
  });

  it("R10, R18: rows the sidebar showed are only hints: moved since, the right rows are found and graded", () => {
    const w = world();
    const view = w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000001" });
    const shown = view.inquiries.find((i) => i.id === "I-000001")?.row;
    // Rows 2 and 3 hold other records now (as after a sort), and row 9,999 is past the sheet's edge.
    for (const [row, buyerRow] of [
      [3, 3],
      [9_999, 9_999],
    ]) {
      const r = w.ok<GradeResult>(ALICE, "gradeInquiry", {
        inquiryId: "I-000001",
        buyerId: "B-000001",
        grade: row === 3 ? "C" : "A",
        row,
        buyerRow,
      });
      expect(r.buyerId).toBe("B-000001");
      expect(byId(w.read(Inquiries).rows, "I-000001").grade).toBe(row === 3 ? "C" : "A");
      expect(byId(w.read(Buyers).rows, "B-000001").grade).toBe(row === 3 ? "C" : "A");
    }
    expect(byId(w.read(Inquiries).rows, "I-000002").grade).not.toBe("C");
    expect(byId(w.read(Buyers).rows, "B-000002").grade).not.toBe("C");
    expect(shown).toBe(2);
    const graded = w.ok<GradeResult>(ALICE, "gradeBuyer", { buyerId: "B-000001", grade: "D", row: 3 });
    expect(graded.buyerId).toBe("B-000001");
    expect(byId(w.read(Buyers).rows, "B-000001").grade).toBe("D");
    expect(byId(w.read(Buyers).rows, "B-000002").grade).toBe("B");
  });

  it("R22: opening a buyer writes no cache entry when its row is where its ID or the sidebar said; else it remembers it", () => {
    const w = world();
    const meter = w.env.ctx.meter;
    w.ok(ALICE, "buyer", { buyerId: "B-000004" }); // headers cached, as after any view
    meter.reset();
    const view = w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000001" });
    expect(view.buyer.row).toBe(2);
    expect(meter.callsOf("Cache.put")).toBe(0);
    // A buyer added out of order (B-000009 on row 6): found by a search once, then remembered for the next call.
    seedRows(w, "Buyers", [buyerRow({ id: "B-000009", company: "Lisboa Ferragens Lda", owner: ALICE })]);
    meter.reset();
    expect(w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000009" }).buyer.row).toBe(6);
    expect(meter.callsOf("Cache.put")).toBe(1);
    meter.reset();
    w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000009" });
    expect(meter.callsOf("Spreadsheet.find")).toBe(4); // the history sheets only
    expect(meter.callsOf("Cache.put")).toBe(0);
  });

  it("R20: regrading recomputes the due day from the last contact — B weekly, then D monthly", () => {
    const w = world();
    w.ok(BOSS, "gradeBuyer", { buyerId: "B-000002", grade: "D" });
    // Last contact 2026-11-10 (Shanghai): D is 30 days -> 2026-12-10.
    expect(byId(w.read(Buyers).rows, "B-000002").nextFollowUp?.toISOString()).toBe("2026-12-09T16:00:00.000Z");
    w.ok(BOSS, "gradeBuyer", { buyerId: "B-000002", grade: "B" });
    const b = byId(w.read(Buyers).rows, "B-000002");
    expect(b.nextFollowUp?.toISOString()).toBe("2026-11-16T16:00:00.000Z");
    expect(b.daysOverdue).toBe(6);
  });

  it("R23: a buyer nobody graded is due every 15 days; logging a follow-up sets last contact and the next due", () => {
    const w = world();
    const r = w.ok<LogResult>(ALICE, "logFollowUp", {
      buyerId: "B-000001",
      channel: "email",
      summary: "Sent the catalogue",
      nextStep: "Call on Friday",
      needsBoss: false,
    });
    const b = byId(w.read(Buyers).rows, "B-000001");
    expect(b.lastContact?.toISOString()).toBe(NOW.toISOString());
    expect(b.nextFollowUp?.toISOString()).toBe("2026-12-07T16:00:00.000Z"); // 23 Nov + 15 days (Shanghai)
    expect(b.daysOverdue).toBe(0);
    expect(r.nextFollowUp).toBe("2026-12-07T16:00:00.000Z");
  });

  it("R8, R26: a follow-up that answered a fax inquiry by fax sets its reply time and working response hours", () => {
    const w = world();
    const r = w.ok<LogResult>(ALICE, "logFollowUp", {
      buyerId: "B-000002",
      inquiryId: "I-000002",
      channel: "fax",
      summary: "Faxed the price list",
      nextStep: "",
      needsBoss: true,
      answered: true,
    });
    // Received 09:00 Shanghai, answered 10:00: one working hour.
    expect(r.answered).toEqual({ inquiryId: "I-000002", responseHours: 1 });
    const i = byId(w.read(Inquiries).rows, "I-000002");
    expect(i.status).toBe("replied");
    expect(i.repliedAt?.toISOString()).toBe(NOW.toISOString());
    expect(i.responseHours).toBe(1);
    const fu = w.sheetValues(FollowUps.name);
    expect(fu[1][FollowUps.columns.findIndex((c) => c.key === "needsBoss")]).toBe(true);
  });

  it("R7, R8: an e-mail follow-up marked as the answer answers the inquiry; no inquiry named, or another buyer's, is refused", () => {
    const w = world();
    const r = w.ok<LogResult>(ALICE, "logFollowUp", {
      buyerId: "B-000001",
      inquiryId: "I-000001",
      channel: "email",
      summary: "Replied with the price list",
      answered: true,
    });
    // Received 09:30 Monday (Shanghai), answered 10:00: half a working hour.
    expect(r.answered).toEqual({ inquiryId: "I-000001", responseHours: 0.5 });
    const inquiry = byId(w.read(Inquiries).rows, "I-000001");
    expect(inquiry).toMatchObject({ status: "replied", responseHours: 0.5, overdue: false });
    expect(inquiry.repliedAt?.toISOString()).toBe(NOW.toISOString());
    // The sidebar learns it in the same answer: the inquiry leaves "not answered" on the desk.
    expect(r.patch.desk.unanswered).toEqual([{ id: "I-000001", entry: null }]);
    expect(r.patch.desk.totals.unanswered).toBe(-1);
    const none = w.call(ALICE, "logFollowUp", { buyerId: "B-000001", channel: "email", summary: "x", answered: true });
    expect(none).toMatchObject({ ok: false, code: "invalid", error: "Choose the inquiry this answered." });
    const bad = w.call(ALICE, "logFollowUp", {
      buyerId: "B-000001",
      inquiryId: "I-000004",
      channel: "phone",
      summary: "Called",
      answered: true,
    });
    expect(bad).toMatchObject({ ok: false, code: "invalid" });
  });

  it("R33: each grade and follow-up reaches the Log (queued, written by the next desk view)", () => {
    const w = world();
    w.ok(ALICE, "gradeInquiry", { inquiryId: "I-000001", grade: "B" });
    w.ok(ALICE, "logFollowUp", { buyerId: "B-000001", channel: "phone", summary: "Called Erik" });
    expect(w.sheetValues(Log.name).length).toBe(1);
    w.ok(ALICE, "desk");
    const log = w.sheetValues(Log.name).slice(1);
    expect(log.map((l) => [l[1], l[2], l[3]])).toEqual([
      [ALICE, "inquiry.grade", "I-000001"],
      [ALICE, "followup.log", "B-000001"],
    ]);
  });
});

describe("sidebar: desk, buyer, search, add (R6, R7, R8, R21, R22)", () => {
  it("R7, R8, R6: my desk lists unanswered inquiries most urgent first, ungraded ones, due follow-ups, and my deputy work", () => {
    const w = world();
    const desk = w.ok<Desk>(ALICE, "desk");
    // The fax (12 h limit, R26) from Bob's buyer, handed to Alice as deputy, comes before her own e-mail.
    expect(desk.unanswered.map((i) => i.id)).toEqual(["I-000002", "I-000001", "I-000004"]);
    expect(desk.unanswered[0].forOwner).toBe("");
    expect(desk.unanswered[1].minutesToTarget).toBe(90);
    expect(desk.unanswered[1].state).toBe("ok");
    expect(desk.ungraded.map((i) => i.id).sort()).toEqual(["I-000001", "I-000002", "I-000004"]);
    // Longest overdue first: never contacted since 1 Nov (15-day floor, R23) beats Bob's B buyer (due 17 Nov).
    expect(desk.due.map((d) => [d.buyerId, d.forOwner, d.daysOverdue])).toEqual([
      ["B-000001", "", 7],
      ["B-000004", "", 7],
      ["B-000002", BOB, 6],
    ]);
    expect(desk.covering).toEqual([{ email: BOB, name: "Bob", until: "2026-12-01T00:00:00.000Z" }]);
    // Carol's buyer is not on Alice's desk; the boss sees everyone's.
    expect(JSON.stringify(desk)).not.toContain("B-000003");
    expect(w.ok<Desk>(BOSS, "desk").totals.unanswered).toBe(4);
  });

  it("R22: the buyer view has the contact card and every inquiry and follow-up, newest first", () => {
    const w = world();
    w.ok(ALICE, "logFollowUp", { buyerId: "B-000001", channel: "phone", summary: "Called" });
    const later = new Date(NOW.getTime() + 3_600_000);
    w.ok(ALICE, "logFollowUp", { buyerId: "B-000001", channel: "visit", summary: "Visited" }, later);
    const view = w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000001" });
    expect(view.buyer.company).toBe("Nordic Tools AB");
    expect(view.buyer.ownerName).toBe("Alice");
    expect(view.canAct).toBe(true);
    expect(view.history.map((h) => [h.kind, h.title])).toEqual([
      ["followup", "Visited"],
      ["followup", "Called"],
      ["inquiry", "Cordless drills 500 pcs"],
    ]);
    expect(w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000003" }).canAct).toBe(false);
  });

  it("R22: bootstrap is one call with me, strings, R18 grade definitions, the desk and the selected row's buyer", () => {
    const w = world();
    w.env.SpreadsheetApp.select(w.book.getSheetByName(Inquiries.name)!, "C3");
    const boot = w.ok<Bootstrap>(ALICE, "bootstrap");
    // Alice never started her schedule: her desk offers it.
    expect(boot.me).toEqual({ email: ALICE, name: "Alice", role: "salesperson", lang: "en", scheduleRunning: false });
    expect(boot.grades[0]).toEqual({ grade: "A", definition: "Clear intent, likely to close.", cadenceDays: 3 });
    expect(boot.strings["sb.tab.desk"]).toBe("My desk");
    expect(boot.selection).toEqual({ sheet: "Inquiries", row: 3, buyerId: "B-000002", inquiryId: "I-000002" });
    expect(boot.buyer?.buyer.company).toBe("Gulf Hardware LLC");
    expect(boot.desk.totals.unanswered).toBe(3);
  });

  it("R21, R22: search finds buyers by company words, e-mail, domain and phone", () => {
    const w = world();
    const ids = (q: string) => w.ok<BuyerHitView[]>(ALICE, "searchBuyers", { query: q }).map((h) => h.id);
    expect(ids("nordic tools")).toEqual(["B-000001"]);
    expect(ids("omar@gulfhw.ae")).toEqual(["B-000002"]);
    expect(ids("gulfhw.ae")).toEqual(["B-000002"]);
    expect(ids("+971 4 555 0101")).toEqual(["B-000002"]);
    expect(ids("nothing like this")).toEqual([]);
  });

  it("R21: adding a buyer warns of likely duplicates and adds only when confirmed", () => {
    const w = world();
    const input = {
      company: "Nordic Tools",
      name: "Anna",
      email: "anna@nordictools.se",
      country: "Sweden",
      source: "trade-show",
    };
    const first = w.ok<AddBuyerResult>(ALICE, "addBuyer", input);
    expect(first.created).toBe(false);
    if (first.created) throw new Error("unreachable");
    expect(first.duplicates.map((d) => d.id)).toEqual(["B-000001"]);
    expect(w.read(Buyers).rows).toHaveLength(4);
    const second = w.ok<AddBuyerResult>(ALICE, "addBuyer", { ...input, confirmDuplicate: true });
    expect(second).toMatchObject({ created: true, buyerId: "B-000005", duplicateOf: ["B-000001"] });
    // The new buyer's view comes with the answer: the sidebar opens it without another call.
    if (!second.created) throw new Error("unreachable");
    expect(second.view).toMatchObject({ buyer: { id: "B-000005", ownerName: "Alice" }, history: [], canAct: true });
    const added = byId(w.read(Buyers).rows, "B-000005");
    expect(added).toMatchObject({ owner: ALICE, country: "Sweden", source: "trade-show", grade: "" });
    expect(added.duplicateOf).toContain("B-000001");
    // R23: ungraded, due 15 days after today.
    expect(added.nextFollowUp?.toISOString()).toBe("2026-12-07T16:00:00.000Z");
    const fresh = w.ok<AddBuyerResult>(ALICE, "addBuyer", { company: "Brand New Ltd", email: "a@brandnew.io" });
    expect(fresh).toMatchObject({ created: true, buyerId: "B-000006" });
  });

  it("XSS: a buyer named like markup is stored literally and comes back as plain text", () => {
    const w = world();
    const warn = w.ok<AddBuyerResult>(ALICE, "addBuyer", { company: '=HYPERLINK("x")', name: XSS });
    expect(warn).toMatchObject({ created: false, duplicates: [{ id: "B-000004", name: XSS }] });
    const r = w.ok<AddBuyerResult>(ALICE, "addBuyer", {
      company: '=HYPERLINK("x")',
      name: XSS,
      confirmDuplicate: true,
    });
    expect(r.created).toBe(true);
    const rows = w.read(Buyers).rows.map((x) => x.record);
    expect(rows.find((b) => b.name === XSS && b.company === '=HYPERLINK("x")')).toBeDefined();
    const view = w.ok<BuyerView>(ALICE, "buyer", { buyerId: "B-000004" });
    expect(view.buyer.company).toBe(XSS);
    w.ok(ALICE, "logFollowUp", { buyerId: "B-000004", channel: "phone", summary: "=1+1 <b>bold</b>" });
    const fu = w.sheetValues(FollowUps.name);
    expect(fu[1][FollowUps.columns.findIndex((c) => c.key === "summary")]).toBe("=1+1 <b>bold</b>");
  });
});
