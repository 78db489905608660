import { describe, expect, it } from "vitest";
import { DEFAULT_CADENCE } from "../../../src/domain/cadence";
import { DEFAULT_SLA_SETTINGS } from "../../../src/domain/sla";
import { monthRange, weekRange } from "../../../src/domain/weeks";
import {
  midweekBrief,
  monthlyAList,
  parseGradeChange,
  type ReportRows,
  type ReportRules,
  weeklyReport,
} from "../../../src/features/reports/figures";
import {
  type Buyer,
  Buyers,
  type FollowUp,
  FollowUps,
  Inquiries,
  type Inquiry,
  type Quote,
  Quotes,
  type Sample,
  Samples,
  Staff,
  type StaffMember,
} from "../../../src/store/schemas";
import { emptyRecord } from "../../../src/store/table";

const TZ = "Asia/Shanghai";
const RULES: ReportRules = { timeZone: TZ, sla: DEFAULT_SLA_SETTINGS, cadence: DEFAULT_CADENCE };
/** Company wall time (Shanghai, UTC+8, no DST) -> instant. */
const sh = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);

const W48 = weekRange("2026-W48", TZ);
const W47 = weekRange("2026-W47", TZ);
const SATURDAY_REPORT = sh("2026-11-28 16:00");

// Built once: the scale test makes 300,000 records.
const EMPTY = {
  buyer: emptyRecord(Buyers),
  inquiry: emptyRecord(Inquiries),
  followUp: emptyRecord(FollowUps),
};

const staff = (email: string, name: string, role: StaffMember["role"] = "salesperson"): StaffMember => ({
  ...emptyRecord(Staff),
  email,
  name,
  role,
  status: "active",
});
const buyer = (id: string, fields: Partial<Buyer>): Buyer => ({
  ...EMPTY.buyer,
  id,
  company: `Company ${id}`,
  status: "active",
  ...fields,
});
const inquiry = (id: string, fields: Partial<Inquiry>): Inquiry => ({
  ...EMPTY.inquiry,
  id,
  channel: "email",
  source: "email",
  status: fields.repliedAt ? "replied" : "new",
  ...fields,
});
const follow = (id: string, fields: Partial<FollowUp>): FollowUp => ({
  ...EMPTY.followUp,
  id,
  kind: "follow-up",
  channel: "email",
  ...fields,
});

function rows(partial: Partial<ReportRows>): ReportRows {
  return { buyers: [], inquiries: [], followUps: [], quotes: [], samples: [], staff: [], ...partial };
}

describe("weekly report figures (R33, R35)", () => {
  it("R33: week boundaries are the company's: Sunday 23:30 Shanghai (15:30 UTC) is still that week", () => {
    const r = weeklyReport(
      rows({
        inquiries: [
          inquiry("I-1", { receivedAt: new Date("2026-11-29T15:30:00Z") }), // Sun 23:30 Shanghai: W48
          inquiry("I-2", { receivedAt: new Date("2026-11-29T16:00:00Z") }), // Mon 00:00 Shanghai: W49
          inquiry("I-3", { receivedAt: new Date("2026-11-22T16:10:00Z") }), // Mon 00:10 Shanghai: W48
          inquiry("I-4", { receivedAt: new Date("2026-11-22T15:59:00Z") }), // Sun 23:59 Shanghai: W47
        ],
      }),
      RULES,
      W48,
      W47,
      new Date("2026-12-01T00:00:00Z"),
    );
    expect(r.inquiries).toEqual({ current: 2, previous: 1 });
    expect(r.asOf.toISOString()).toBe(W48.end.toISOString());
  });

  it("R33: new buyers and inquiries by grade, channel, source and region, each with last week beside it", () => {
    const r = weeklyReport(
      rows({
        buyers: [
          buyer("B-1", { created: sh("2026-11-24 09:00"), region: "Europe", country: "Germany" }),
          buyer("B-2", { created: sh("2026-11-25 09:00"), country: "Vietnam" }),
          buyer("B-3", { created: sh("2026-11-18 09:00"), country: "US" }),
        ],
        inquiries: [
          inquiry("I-1", {
            buyerId: "B-1",
            receivedAt: sh("2026-11-24 09:00"),
            grade: "A",
            channel: "platform",
            source: "alibaba",
          }),
          inquiry("I-2", {
            buyerId: "B-2",
            receivedAt: sh("2026-11-25 09:00"),
            grade: "B",
            source: "website",
            channel: "website",
          }),
          inquiry("I-3", { receivedAt: sh("2026-11-26 09:00"), country: "Brazil", channel: "fax", source: "other" }),
          inquiry("I-4", {
            buyerId: "B-3",
            receivedAt: sh("2026-11-18 09:00"),
            grade: "A",
            channel: "platform",
            source: "alibaba",
          }),
        ],
      }),
      RULES,
      W48,
      W47,
      SATURDAY_REPORT,
    );
    expect(r.newBuyers).toEqual({ current: 2, previous: 1 });
    expect(r.byGrade).toEqual([
      { key: "A", current: 1, previous: 1 },
      { key: "B", current: 1, previous: 0 },
      { key: "C", current: 0, previous: 0 },
      { key: "D", current: 0, previous: 0 },
      { key: "", current: 1, previous: 0 },
    ]);
    expect(r.byChannel.find((x) => x.key === "platform")).toEqual({ key: "platform", current: 1, previous: 1 });
    expect(r.bySource.find((x) => x.key === "other")).toEqual({ key: "other", current: 1, previous: 0 });
    // The buyer's region wins; else the country's region: Vietnam -> Southeast Asia, Brazil -> Latin America, US.
    expect(Object.fromEntries(r.byRegion.map((x) => [x.key, [x.current, x.previous]]))).toEqual({
      Europe: [1, 0],
      "Southeast Asia": [1, 0],
      "Latin America": [1, 0],
      "North America": [0, 1],
    });
  });

  it("R7, R8, R26: reply speed per salesperson — median working hours, within 2 h, within the limit, unanswered", () => {
    const r = weeklyReport(
      rows({
        staff: [staff("li@acme.cn", "Li Na"), staff("wang@acme.cn", "Wang Wei")],
        inquiries: [
          // Li: 1 h, 4 h, and 17:00 -> next day 10:00 = 2 working hours (exactly the target).
          inquiry("I-1", {
            owner: "li@acme.cn",
            receivedAt: sh("2026-11-23 10:00"),
            repliedAt: sh("2026-11-23 11:00"),
          }),
          inquiry("I-2", {
            owner: "li@acme.cn",
            receivedAt: sh("2026-11-23 10:00"),
            repliedAt: sh("2026-11-23 14:00"),
          }),
          inquiry("I-3", {
            owner: "li@acme.cn",
            receivedAt: sh("2026-11-24 17:00"),
            repliedAt: sh("2026-11-25 10:00"),
          }),
          // Wang handles one for Li (Handled by wins): a fax answered after 20 elapsed hours — past the 12 h fax limit (R26).
          inquiry("I-4", {
            owner: "li@acme.cn",
            assignedTo: "wang@acme.cn",
            channel: "fax",
            receivedAt: sh("2026-11-24 09:00"),
            repliedAt: sh("2026-11-25 05:00"),
          }),
          // Wang: never answered, received Monday: past its limit by Saturday.
          inquiry("I-5", { owner: "wang@acme.cn", receivedAt: sh("2026-11-23 09:30") }),
          // An old unanswered one from W46 still counts in the backlog (R7: every inquiry is answered).
          inquiry("I-6", { owner: "wang@acme.cn", receivedAt: sh("2026-11-10 09:30") }),
          // Closed ones are not a backlog.
          inquiry("I-7", { owner: "wang@acme.cn", receivedAt: sh("2026-11-10 09:30"), status: "closed" }),
        ],
      }),
      RULES,
      W48,
      W47,
      SATURDAY_REPORT,
    );
    const li = r.replySpeed.find((x) => x.email === "li@acme.cn")!;
    // 1 h and exactly 2 h meet the 2 h aim; 4 h does not, but all three are within the day (R8).
    expect(li).toMatchObject({
      name: "Li Na",
      received: 3,
      answered: 3,
      medianHours: 2,
      withinTarget: 2,
      withinLimit: 3,
    });
    expect(li.shareWithinTarget).toBeCloseTo(2 / 3);
    expect(li.unanswered).toBe(0);
    const wang = r.replySpeed.find((x) => x.email === "wang@acme.cn")!;
    // I-4: Tue 09:00 -> Wed 05:00 is 9 working hours; fax limit 12 h elapsed = Tue 21:00 -> late.
    expect(wang).toMatchObject({ received: 2, answered: 1, medianHours: 9, withinTarget: 0, withinLimit: 0 });
    expect(wang).toMatchObject({ unanswered: 2, unansweredPastLimit: 2, shareWithinLimit: 0 });
    expect(r.replyTotal).toMatchObject({ received: 5, answered: 4, medianHours: 3, withinTarget: 2, withinLimit: 3 });
    expect(r.replyTotal.shareWithinTarget).toBeCloseTo(2 / 5);
  });

  it("R20, R23: follow-ups done against due per salesperson, and the buyers now overdue", () => {
    const li = "li@acme.cn";
    const r = weeklyReport(
      rows({
        staff: [staff(li, "Li Na"), staff("zhao@acme.cn", "Zhao Lei")],
        buyers: [
          // A: last contact Fri 20 Nov -> due Mon 23 Nov (3 days); contacted Tue: due and done.
          buyer("B-A", { owner: li, grade: "A", created: sh("2026-10-01 09:00") }),
          // B: last contact 10 Nov -> due 17 Nov; not contacted: due, not done, overdue now.
          buyer("B-B", { owner: li, grade: "B", created: sh("2026-10-01 09:00"), lastContact: sh("2026-11-10 09:00") }),
          // C: last contact 22 Nov -> due 7 Dec: not due this week.
          buyer("B-C", { owner: li, grade: "C", created: sh("2026-10-01 09:00") }),
          // Ungraded, created Monday, never contacted: due in 15 days (R23), not this week.
          buyer("B-N", { owner: li, created: sh("2026-11-23 09:00") }),
          // Do-not-contact buyers are never due.
          buyer("B-X", { owner: li, grade: "B", status: "do-not-contact", created: sh("2026-01-01 09:00") }),
        ],
        followUps: [
          follow("F-1", { buyerId: "B-A", by: li, at: sh("2026-11-20 10:00") }),
          follow("F-2", { buyerId: "B-A", by: li, at: sh("2026-11-24 10:00") }),
          follow("F-3", { buyerId: "B-C", by: "zhao@acme.cn", at: sh("2026-11-22 10:00") }),
          // A note is not a contact: it neither counts as logged nor resets B-B's clock.
          follow("F-4", { buyerId: "B-B", by: li, at: sh("2026-11-25 10:00"), kind: "note" }),
        ],
      }),
      RULES,
      W48,
      W47,
      SATURDAY_REPORT,
    );
    // B-A, contacted Tue 24, is due again Fri 27 (3 days): one day overdue by Saturday.
    expect(r.followUps.find((x) => x.email === li)).toMatchObject({ logged: 1, due: 2, done: 1, overdueNow: 2 });
    expect(r.followUps.find((x) => x.email === "zhao@acme.cn")).toMatchObject({ logged: 0, due: 0, overdueNow: 0 });
    expect(r.overdue.map((o) => [o.id, o.dueDay, o.daysOverdue])).toEqual([
      ["B-B", "2026-11-17", 11],
      ["B-A", "2026-11-27", 1],
    ]);
    expect(r.followUpTotal).toMatchObject({ logged: 1, due: 2, done: 1, overdueNow: 2 });
  });

  it("R19, R35: A buyers with owner, last and next contact and the latest step", () => {
    const r = weeklyReport(
      rows({
        staff: [staff("li@acme.cn", "Li Na")],
        buyers: [
          buyer("B-1", { owner: "li@acme.cn", grade: "A", created: sh("2026-10-01 09:00") }),
          buyer("B-2", { owner: "li@acme.cn", grade: "A", created: sh("2026-10-01 09:00") }),
          buyer("B-3", { owner: "li@acme.cn", grade: "B", created: sh("2026-10-01 09:00") }),
        ],
        followUps: [
          follow("F-1", {
            buyerId: "B-1",
            by: "li@acme.cn",
            at: sh("2026-11-24 10:00"),
            summary: "Called, wants 2 pallets",
          }),
          follow("F-2", {
            buyerId: "B-1",
            by: "li@acme.cn",
            at: sh("2026-11-25 10:00"),
            kind: "note",
            summary: "Price check with factory",
            nextStep: "Send revised quote",
            nextDue: sh("2026-11-30 00:00"),
          }),
          follow("F-3", { buyerId: "B-2", by: "li@acme.cn", at: sh("2026-11-20 10:00") }),
        ],
      }),
      RULES,
      W48,
      W47,
      SATURDAY_REPORT,
    );
    expect(r.aBuyers.map((b) => b.id)).toEqual(["B-2", "B-1"]);
    const [b2, b1] = r.aBuyers;
    expect(b1.owner.name).toBe("Li Na");
    expect(b1.lastContact?.toISOString()).toBe(sh("2026-11-24 10:00").toISOString());
    expect(b1.nextContact).toBe("2026-11-30");
    expect(b1.latestStep).toMatchObject({
      kind: "note",
      summary: "Price check with factory",
      nextStep: "Send revised quote",
    });
    expect(b2.nextContact).toBe("2026-11-23");
  });

  it("quotes and samples sent, sample feedback, grade changes, and difficulties for the boss (R35)", () => {
    const quote = (id: string, date: string, status: Quote["status"]): Quote => ({
      ...emptyRecord(Quotes),
      id,
      date: sh(date),
      buyerId: "B-1",
      status,
      total: "1000",
      currency: "USD",
    });
    const sample = (id: string, fields: Partial<Sample>): Sample => ({
      ...emptyRecord(Samples),
      id,
      buyerId: "B-1",
      kind: "physical",
      ...fields,
    });
    const r = weeklyReport(
      rows({
        buyers: [buyer("B-1", { grade: "A", created: sh("2026-10-01 09:00") })],
        quotes: [
          quote("Q-1", "2026-11-24 10:00", "sent"),
          quote("Q-2", "2026-11-25 10:00", "draft"),
          quote("Q-3", "2026-11-18 10:00", "accepted"),
        ],
        samples: [
          sample("S-1", { sent: sh("2026-11-24 00:00") }),
          sample("S-2", { sent: sh("2026-11-10 00:00"), feedbackDue: sh("2026-11-24 00:00") }),
          sample("S-3", { sent: sh("2026-11-10 00:00"), feedbackDue: sh("2026-11-24 00:00"), result: "Approved" }),
        ],
        followUps: [
          follow("F-1", { buyerId: "B-1", at: sh("2026-11-10 10:00"), kind: "grade", summary: "C" }),
          follow("F-2", { buyerId: "B-1", at: sh("2026-11-18 10:00"), kind: "grade", summary: "C → B" }),
          follow("F-3", { buyerId: "B-1", at: sh("2026-11-26 10:00"), kind: "grade", summary: "Upgraded to A" }),
          follow("F-4", { buyerId: "B-1", at: sh("2026-11-26 11:00"), kind: "sample", summary: "Sample approved" }),
          follow("F-5", {
            buyerId: "B-1",
            at: sh("2026-11-26 12:00"),
            needsBoss: true,
            summary: "Wants 60 days credit",
          }),
          follow("F-6", { buyerId: "B-1", at: sh("2026-11-02 12:00"), needsBoss: true, summary: "Old, open" }),
          follow("F-7", {
            buyerId: "B-1",
            at: sh("2026-11-02 13:00"),
            needsBoss: true,
            summary: "Old",
            bossAnswer: "No",
          }),
        ],
      }),
      RULES,
      W48,
      W47,
      SATURDAY_REPORT,
    );
    expect(r.quotesSent.map((q) => q.id)).toEqual(["Q-1"]);
    expect(r.quotesSentPrevious).toBe(1);
    expect(r.samplesSent.map((s) => s.id)).toEqual(["S-1"]);
    expect(r.awaitingFeedback.map((s) => s.id)).toEqual(["S-2"]);
    expect(r.sampleFeedback.map((f) => f.summary)).toEqual(["Sample approved"]);
    expect(r.gradeChanges.map((g) => [g.from, g.to])).toEqual([["B", "A"]]);
    expect(r.gradeChangesPrevious).toBe(1);
    expect(r.difficulties.map((d) => d.summary)).toEqual(["Old, open", "Wants 60 days credit"]);
  });

  it("an empty week is all zeros with no shares or medians, not an error", () => {
    const r = weeklyReport(rows({ staff: [staff("li@acme.cn", "Li")] }), RULES, W48, W47, SATURDAY_REPORT);
    expect(r.inquiries).toEqual({ current: 0, previous: 0 });
    expect(r.replySpeed).toEqual([
      expect.objectContaining({ email: "li@acme.cn", received: 0, medianHours: null, shareWithinTarget: null }),
    ]);
    expect(r.byGrade.every((g) => g.current === 0 && g.previous === 0)).toBe(true);
    expect(r.aBuyers).toEqual([]);
  });

  it("R33: a 53-week year: 2026-W53 runs 28 Dec 2026 – 3 Jan 2027, after W52", () => {
    const w53 = weekRange("2026-W53", TZ);
    const w52 = weekRange("2026-W52", TZ);
    const r = weeklyReport(
      rows({
        inquiries: [
          inquiry("I-1", { receivedAt: sh("2027-01-02 10:00") }),
          inquiry("I-2", { receivedAt: sh("2026-12-28 00:00") }),
          inquiry("I-3", { receivedAt: sh("2026-12-27 23:59") }),
          inquiry("I-4", { receivedAt: sh("2027-01-04 00:00") }),
        ],
      }),
      RULES,
      w53,
      w52,
      sh("2027-01-02 16:00"),
    );
    expect(r.inquiries).toEqual({ current: 2, previous: 1 });
  });
});

describe("grade change text", () => {
  it.each([
    ["B → A", "B", "A"],
    ["C->A after the call", "C", "A"],
    ["from D to B", "D", "B"],
    ["由C级改为A级", "C", "A"],
    ["A", "", "A"],
    ["Graded B", "", "B"],
    ["no grade here", "", ""],
  ])("%s", (text, from, to) => {
    expect(parseGradeChange(text)).toEqual({ from, to });
  });
});

describe("the Wednesday brief (R35)", () => {
  it("R35: new buyers and A movement since Saturday, overdue follow-ups, unanswered inquiries, open difficulties", () => {
    const since = sh("2026-11-21 16:00");
    const asOf = sh("2026-11-25 15:00");
    const brief = midweekBrief(
      rows({
        staff: [staff("li@acme.cn", "Li Na")],
        buyers: [
          buyer("B-1", { owner: "li@acme.cn", grade: "A", created: sh("2026-11-23 09:00") }),
          buyer("B-2", { owner: "li@acme.cn", grade: "B", created: sh("2026-11-21 15:00") }),
          buyer("B-3", { owner: "li@acme.cn", grade: "D", created: sh("2026-09-01 09:00") }),
        ],
        inquiries: [
          inquiry("I-1", { owner: "li@acme.cn", buyerId: "B-1", receivedAt: sh("2026-11-23 09:00") }),
          inquiry("I-2", { owner: "li@acme.cn", receivedAt: sh("2026-11-25 14:00") }),
          inquiry("I-3", {
            owner: "li@acme.cn",
            receivedAt: sh("2026-11-24 09:00"),
            repliedAt: sh("2026-11-24 10:00"),
          }),
        ],
        followUps: [
          follow("F-1", { buyerId: "B-1", at: sh("2026-11-24 10:00"), kind: "grade", summary: "B → A" }),
          follow("F-2", { buyerId: "B-2", at: sh("2026-11-24 10:00"), kind: "grade", summary: "C → B" }),
          follow("F-3", {
            buyerId: "B-3",
            at: sh("2026-11-24 10:00"),
            kind: "note",
            needsBoss: true,
            summary: "Discount?",
          }),
        ],
      }),
      RULES,
      since,
      asOf,
    );
    expect(brief.newBuyers.map((b) => b.id)).toEqual(["B-1"]);
    expect(brief.aMovement.map((g) => [g.buyer.id, g.from, g.to])).toEqual([["B-1", "B", "A"]]);
    expect(brief.aBuyersNow).toBe(1);
    // B-3: created 1 Sep, D = 30 days -> due 1 Oct, overdue 55 days on 25 Nov.
    expect(brief.overdue.map((o) => [o.id, o.daysOverdue])).toEqual([["B-3", 55]]);
    expect(brief.unanswered.map((u) => [u.id, u.pastLimit])).toEqual([
      ["I-1", true],
      ["I-2", false],
    ]);
    expect(brief.unansweredByHandler).toEqual([
      { handler: { email: "li@acme.cn", name: "Li Na" }, count: 2, pastLimit: 1 },
    ]);
    expect(brief.openDifficulties.map((d) => d.summary)).toEqual(["Discount?"]);
  });
});

describe("the monthly A-list (R19)", () => {
  it("R19: every A buyer with details, contacts in the last 30 days, open quotes and samples", () => {
    const month = monthRange("2026-12", TZ);
    const list = monthlyAList(
      rows({
        staff: [staff("li@acme.cn", "Li Na")],
        buyers: [
          buyer("B-1", {
            owner: "li@acme.cn",
            grade: "A",
            country: "Germany",
            phone: "+49 1",
            created: sh("2026-10-01 09:00"),
          }),
          buyer("B-2", { owner: "li@acme.cn", grade: "B", created: sh("2026-10-01 09:00") }),
          buyer("B-3", { owner: "li@acme.cn", grade: "A", created: sh("2026-12-05 09:00") }),
        ],
        followUps: [
          follow("F-1", { buyerId: "B-1", at: sh("2026-11-20 10:00") }),
          follow("F-2", { buyerId: "B-1", at: sh("2026-10-20 10:00") }),
        ],
        quotes: [{ ...emptyRecord(Quotes), id: "Q-1", buyerId: "B-1", date: sh("2026-11-20 10:00"), status: "sent" }],
      }),
      RULES,
      month,
      sh("2026-12-01 09:00"),
    );
    expect(list.buyers.map((b) => b.id)).toEqual(["B-1"]);
    expect(list.buyers[0]).toMatchObject({
      region: "Europe",
      phone: "+49 1",
      contactsLast30Days: 1,
      openQuotes: 1,
      samplesSent: 0,
      nextContact: "2026-11-23",
    });
    expect(list.byRegion).toEqual([{ region: "Europe", count: 1 }]);
  });
});

describe("scale", () => {
  it("computes the weekly report over 100,000 inquiries and 200,000 follow-ups in one pass per table", () => {
    const start = W48.start.getTime() - 364 * 86_400_000;
    const span = W48.end.getTime() - start;
    const buyers = Array.from({ length: 10_000 }, (_, i) =>
      buyer(`B-${i}`, { grade: "ABCD"[i % 4] as Buyer["grade"], created: new Date(start + (i % 300) * 86_400_000) }),
    );
    const inquiries = Array.from({ length: 100_000 }, (_, i) => {
      const at = start + Math.floor((i / 100_000) * span);
      return inquiry(`I-${i}`, {
        buyerId: `B-${i % 10_000}`,
        receivedAt: new Date(at),
        repliedAt: i % 10 === 0 ? null : new Date(at + 3_600_000),
        owner: `s${i % 5}@acme.cn`,
      });
    });
    const followUps = Array.from({ length: 200_000 }, (_, i) =>
      follow(`F-${i}`, {
        buyerId: `B-${i % 10_000}`,
        by: `s${i % 5}@acme.cn`,
        at: new Date(start + Math.floor((i / 200_000) * span)),
      }),
    );
    const t0 = performance.now();
    const r = weeklyReport(rows({ buyers, inquiries, followUps }), RULES, W48, W47, SATURDAY_REPORT);
    const ms = performance.now() - t0;
    expect(r.inquiries.current).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(8000);
  });
});
