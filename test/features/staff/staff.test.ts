/**
 * Staff and access: onboarding, offboarding with handover, away/deputy, audit of hand edits, and
 * what the emulated sharing does to an offboarded colleague.
 */

import { NO_ACCESS_MESSAGE } from "@buyerbook/gas-emulator";
import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import type { RpcResult } from "../../../src/app/result";
import { deskOwners } from "../../../src/domain/access";
import { chooseOwner } from "../../../src/domain/routing";
import { runHeartbeat } from "../../../src/features/schedule/heartbeat";
import { allowSelfAway } from "../../../src/features/setup";
import { protectSheets } from "../../../src/features/setup/setup";
import { returnFromAway, setAway } from "../../../src/features/staff/away";
import { installAuditTrigger, UNIDENTIFIED_EDITOR } from "../../../src/features/staff/edit-audit";
import { offboardStaff } from "../../../src/features/staff/offboard";
import { ensureHeartbeat } from "../../../src/gas/triggers";
import { ENTRY_POINTS } from "../../../src/program";
import { HANDLERS } from "../../../src/rpc/handlers";
import { dispatch } from "../../../src/rpc/server";
import { logIntegrity } from "../../../src/store/log";
import {
  type Buyer,
  Buyers,
  type FollowUp,
  FollowUps,
  Inquiries,
  type Inquiry,
  Log,
  type Quote,
  Quotes,
  type Sample,
  Samples,
  Staff,
  type StaffMember,
} from "../../../src/store/schemas";
import { staffFacts } from "../../../src/store/staff-facts";
import { emptyRecord, readTable, TableWriter } from "../../../src/store/table";
import { bookWorld } from "../../support/world";

const NOW = new Date("2026-11-23T02:00:00Z");
const BOSS = "boss@acme-tools.cn";
const AMY = "amy@acme-tools.cn"; // assistant
const LEAVER = "li@acme-tools.cn";
const A = "a@acme-tools.cn";
const B = "b@acme-tools.cn";
const C = "c@acme-tools.cn";
const DAN = "dan@acme-tools.cn"; // away, deputy: li
const ALL = [BOSS, AMY, LEAVER, A, B, C, DAN];
const parse = { parseDateText: () => undefined };

function person(email: string, role: StaffMember["role"], over: Partial<StaffMember> = {}): StaffMember {
  return { ...emptyRecord(Staff), email, role, status: "active", language: "en", name: email.split("@")[0], ...over };
}

interface Seed {
  buyers: Buyer[];
  inquiries: Inquiry[];
  quotes: Quote[];
  samples: Sample[];
  followUps: FollowUp[];
}

const COUNTRIES = ["DE", "US", "AE", "VN", "BR", "FR", "SA", "TH", "MX", "IT"];

/** `n` buyers of the leaver, some colleagues' buyers (loads 0, 10, 20), open work and history around them. */
function seed(n: number): Seed {
  const s: Seed = { buyers: [], inquiries: [], quotes: [], samples: [], followUps: [] };
  let b = 0;
  let i = 0;
  let q = 0;
  let f = 0;
  const buyer = (owner: string, country: string, over: Partial<Buyer> = {}) => {
    b += 1;
    const id = `B-${String(b).padStart(6, "0")}`;
    s.buyers.push({
      ...emptyRecord(Buyers),
      id,
      company: `Company ${b}`,
      email: `buyer${b}@example.com`,
      country,
      region: ["AE", "SA"].includes(country) ? "Middle East" : "",
      owner,
      status: "active",
      grade: (["A", "B", "C", "D"] as const)[b % 4],
      created: new Date("2026-10-01T02:00:00Z"),
      ...over,
    });
    return id;
  };
  for (const [owner, count] of [
    [B, 10],
    [C, 20],
  ] as const)
    for (let k = 0; k < count; k += 1) buyer(owner, "DE");
  for (let k = 0; k < n; k += 1) {
    const id = buyer(LEAVER, COUNTRIES[k % COUNTRIES.length], {
      nextFollowUp: k % 3 === 0 ? new Date("2026-11-20T00:00:00Z") : new Date("2026-12-05T00:00:00Z"),
    });
    if (k % 2 === 0) {
      i += 1;
      s.inquiries.push(inquiry(`I-${String(i).padStart(6, "0")}`, id, LEAVER, LEAVER, "new"));
    }
    if (k % 5 === 0) {
      i += 1;
      s.inquiries.push(inquiry(`I-${String(i).padStart(6, "0")}`, id, LEAVER, LEAVER, "replied"));
    }
    if (k % 4 === 0) {
      q += 1;
      s.quotes.push(quote(`Q-2026-${String(q).padStart(4, "0")}`, id, LEAVER, k % 8 === 0 ? "draft" : "sent"));
      q += 1;
      s.quotes.push(quote(`Q-2026-${String(q).padStart(4, "0")}`, id, LEAVER, "accepted"));
    }
    if (k % 6 === 0) s.samples.push(sample(`S-${String(k + 1).padStart(6, "0")}`, id, k % 12 === 0 ? null : NOW));
    f += 1;
    s.followUps.push({
      ...emptyRecord(FollowUps),
      id: `F-${String(f).padStart(6, "0")}`,
      at: new Date("2026-11-10T02:00:00Z"),
      buyerId: id,
      by: LEAVER,
      kind: "follow-up",
      channel: "email",
      summary: `Sent the catalogue to buyer ${k}`,
    });
  }
  // Dan is away and named Li as deputy: Li handles Dan's buyer's new inquiry; it goes back to... nobody
  // available (Dan is away), so it is planned like Li's own work.
  const dans = buyer(DAN, "US");
  i += 1;
  s.inquiries.push(inquiry(`I-${String(i).padStart(6, "0")}`, dans, DAN, LEAVER, "new"));
  // An inquiry with no buyer yet, owned by Li.
  i += 1;
  s.inquiries.push({ ...inquiry(`I-${String(i).padStart(6, "0")}`, "", LEAVER, LEAVER, "new"), country: "VN" });
  return s;
}

function inquiry(id: string, buyerId: string, owner: string, assignedTo: string, status: Inquiry["status"]): Inquiry {
  return {
    ...emptyRecord(Inquiries),
    id,
    buyerId,
    receivedAt: new Date("2026-11-20T01:30:00Z"),
    channel: "email",
    status,
    subject: "Drills",
    owner,
    assignedTo,
  };
}

function quote(id: string, buyerId: string, by: string, status: Quote["status"]): Quote {
  return { ...emptyRecord(Quotes), id, buyerId, by, status, date: new Date("2026-11-15T02:00:00Z"), total: "100" };
}

function sample(id: string, buyerId: string, delivered: Date | null): Sample {
  return {
    ...emptyRecord(Samples),
    id,
    buyerId,
    kind: "physical",
    requestDate: new Date("2026-11-01T00:00:00Z"),
    delivered,
  };
}

function makeWorld(n: number, staffOver: Partial<Record<string, Partial<StaffMember>>> = {}) {
  const data = seed(n);
  const w = bookWorld({
    owner: BOSS,
    now: NOW,
    staff: [
      person(AMY, "assistant", staffOver[AMY]),
      person(LEAVER, "salesperson", { name: "Li Lei", ...staffOver[LEAVER] }),
      person(A, "salesperson", { regions: "Middle East", language: "zh-CN", ...staffOver[A] }),
      person(B, "salesperson", staffOver[B]),
      person(C, "salesperson", staffOver[C]),
      person(DAN, "salesperson", { status: "away", deputy: LEAVER, ...staffOver[DAN] }),
    ],
    buyers: data.buyers,
    inquiries: data.inquiries,
    editors: ALL.filter((e) => e !== BOSS),
  });
  w.append(Quotes, data.quotes);
  w.append(Samples, data.samples);
  w.append(FollowUps, data.followUps);
  // As Set up does once the team is in: Staff, Settings, Products… for boss and assistant only.
  w.quiet(() => {
    protectSheets(w.book, BOSS);
    allowSelfAway(w.book);
  });
  const as = <T>(user: string, fn: () => T): T => w.env.ctx.runAs(user, fn);
  const call = <T = unknown>(user: string, method: string, payload: unknown): RpcResult<T> =>
    w.call<T>(user, method, payload);
  return { env: w.env, book: w.book, data, read: w.records, values: w.sheetValues, as, call, inbox: w.inbox };
}

type World = ReturnType<typeof makeWorld>;
const offboard = (w: World, input: { email: string; to?: string }) =>
  w.as(AMY, () => offboardStaff(w.book, input, { email: AMY, role: "assistant" }, NOW));

/** Everything an offboarding may change, to compare end states. */
function endState(w: World) {
  return w.env.ctx.meter.quietly(() => ({
    sheets: [Staff, Buyers, Inquiries, Quotes, Samples, FollowUps, Log].map((s) => w.values(s.name)),
    editors: w.book.getEditors().map((u) => u.getEmail()),
    viewers: w.book.getViewers().map((u) => u.getEmail()),
    protections: w.book
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .map((p) => p.getEditors().map((u) => u.getEmail())),
    mails: ALL.map((u) => w.inbox(u).filter((m) => m.subject.includes("handover")).length),
  }));
}

describe("Offboarding (R29)", () => {
  it("R29, R33: an offboarding in a book whose Log sheet was deleted still logs its report, in a Log made again", () => {
    const w = makeWorld(6);
    w.env.ctx.meter.quietly(() => w.book.deleteSheet(w.book.getSheetByName(Log.name)!));
    const report = offboard(w, { email: LEAVER });
    expect(report.logged).toBe(true);
    const lines = w.read(Log);
    expect(lines.map((l) => [l.action, l.target])).toEqual([
      ["log.recreated", "Log"],
      ["offboard", LEAVER],
    ]);
    expect(w.env.ctx.meter.quietly(() => logIntegrity(w.book))).toMatchObject({ status: "intact", linked: 2 });
  });

  it("R29: 300 buyers spread over 3 colleagues — every item moved exactly once, loads balanced within one, nothing left with the leaver, history intact", () => {
    const w = makeWorld(300);
    const followUpsBefore = w.read(FollowUps);
    const report = offboard(w, { email: LEAVER });

    const buyers = w.read(Buyers);
    expect(buyers.filter((b) => b.owner === LEAVER)).toEqual([]);
    const loads = [A, B, C].map((r) => buyers.filter((b) => b.owner === r).length);
    expect(loads.reduce((x, y) => x + y)).toBe(330);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // Region rule: the Middle East buyers went to the one colleague covering it.
    const middleEast = w.data.buyers.filter((b) => b.owner === LEAVER && b.region === "Middle East").map((b) => b.id);
    expect(middleEast.length).toBe(60);
    for (const id of middleEast) expect(buyers.find((b) => b.id === id)?.owner).toBe(A);
    // Colleagues' own buyers untouched.
    for (const original of w.data.buyers.filter((b) => b.owner !== LEAVER && b.owner !== DAN))
      expect(buyers.find((b) => b.id === original.id)?.owner).toBe(original.owner);

    // Open work follows the buyer; history keeps its names.
    const inquiries = w.read(Inquiries);
    const open = inquiries.filter((i) => i.status === "new");
    expect(open.filter((i) => i.owner === LEAVER || i.assignedTo === LEAVER)).toEqual([]);
    for (const i of open.filter((x) => x.buyerId && x.owner !== DAN)) {
      expect(i.owner).toBe(buyers.find((b) => b.id === i.buyerId)?.owner);
      expect(i.assignedTo).toBe(i.owner);
    }
    const dansInquiry = open.find((i) => i.owner === DAN)!;
    expect([A, B, C]).toContain(dansInquiry.assignedTo);
    expect(inquiries.filter((i) => i.status === "replied").every((i) => i.owner === LEAVER)).toBe(true);
    const quotes = w.read(Quotes);
    expect(quotes.filter((q) => (q.status === "draft" || q.status === "sent") && q.by === LEAVER)).toEqual([]);
    expect(quotes.filter((q) => q.status === "accepted").every((q) => q.by === LEAVER)).toBe(true);

    // One handover entry per unit (300 buyers, Dan's buyer, the buyer-less inquiry); old entries unchanged.
    const followUps = w.read(FollowUps);
    expect(followUps.slice(0, followUpsBefore.length)).toEqual(followUpsBefore);
    const handovers = followUps.filter((f) => f.kind === "handover");
    expect(handovers.length).toBe(302);
    expect(new Set(handovers.map((f) => f.buyerId || f.inquiryId)).size).toBe(302);
    for (const h of handovers.filter((x) => x.buyerId && x.buyerId !== dansInquiry.buyerId))
      expect(h.summary).toContain(`Handover ${LEAVER} → ${buyers.find((b) => b.id === h.buyerId)?.owner}`);
    // The due date is carried over on the handover entry.
    const firstOwned = w.data.buyers.find((b) => b.owner === LEAVER)!;
    expect(handovers.find((h) => h.buyerId === firstOwned.id)?.nextDue).toEqual(firstOwned.nextFollowUp);

    // The report: counts, each receiver with their buyers.
    expect(report.buyers).toBe(300);
    expect(report.inquiries).toBe(152);
    expect(report.quotes).toBe(75);
    expect(report.samples).toBe(25);
    expect(report.dueFollowUps).toBe(100);
    expect(report.receivers.map((r) => r.email)).toEqual([A, B, C]);
    expect(report.deputyOf).toEqual([DAN]);

    // Frozen; one Log row for the whole handover.
    const li = w.read(Staff).find((s) => s.email === LEAVER)!;
    expect(li.status).toBe("frozen");
    expect(li.left).toEqual(NOW);
    const log = w.read(Log).filter((l) => l.action === "offboard");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ user: AMY, target: LEAVER });
    expect(log[0].detail).toContain("buyers 300");
  });

  it("R29: each receiver gets ONE mail in their language listing their new buyers, with the reminder to explain the change", () => {
    const w = makeWorld(40);
    const report = offboard(w, { email: LEAVER });
    expect(report.receivers.map((r) => r.email)).toEqual([A, B, C]);
    const owners = w.read(Buyers);
    for (const r of [A, B, C]) {
      const mails = w.inbox(r).filter((m) => m.subject.includes("Buyerbook handover"));
      expect(mails).toHaveLength(1);
      const theirs = owners.filter((b) => b.owner === r && w.data.buyers.find((x) => x.id === b.id)?.owner === LEAVER);
      // By company, never by the sheet's ID (every buyer here has a company).
      for (const b of theirs) expect(mails[0].body).toContain(`- ${b.company} (${b.country})`);
      expect(mails[0].body).not.toMatch(/\bB-\d{6}\b/);
      if (r === A) expect(mails[0].body).toContain("让每位客户知道新的联系人");
      else expect(mails[0].body).toContain("so every buyer knows their new contact");
    }
    expect(w.inbox(LEAVER).some((m) => m.subject.includes("handover"))).toBe(false);
  });

  it("R29: a chosen colleague receives everything", () => {
    const w = makeWorld(20);
    const report = offboard(w, { email: LEAVER, to: B });
    expect(report.receivers.map((r) => [r.email, r.buyers])).toEqual([[B, 22]]);
    const buyers = w.read(Buyers);
    for (const b of w.data.buyers.filter((x) => x.owner === LEAVER))
      expect(buyers.find((x) => x.id === b.id)?.owner).toBe(B);
  });

  it("R29: freezes at once — no access to the spreadsheet, no protection, every RPC refused", () => {
    const w = makeWorld(5);
    w.env.ctx.meter.quietly(() => {
      const p = w.book.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
      p.addEditor(LEAVER);
    });
    offboard(w, { email: LEAVER });
    expect(w.book.getEditors().map((u) => u.getEmail())).not.toContain(LEAVER);
    for (const p of w.book.getProtections(SpreadsheetApp.ProtectionType.SHEET))
      expect(p.getEditors().map((u) => u.getEmail())).not.toContain(LEAVER);
    expect(() => w.as(LEAVER, () => SpreadsheetApp.openById(w.book.getId()))).toThrow(NO_ACCESS_MESSAGE);
    expect(() => w.as(LEAVER, () => SpreadsheetApp.getActiveSpreadsheet())).toThrow(NO_ACCESS_MESSAGE);
    // Through the one entry point, as Apps Script calls it: the book cannot even be opened.
    expect(() => w.as(LEAVER, () => ENTRY_POINTS.rpc("desk", "{}"))).toThrow(NO_ACCESS_MESSAGE);
    // And should a call reach the server with their name (a cached page), the frozen check refuses it.
    const r = w.call(BOSS, "onboard", {});
    expect(r.ok).toBe(false);
    const asLeaver = w.env.ctx.runAs(BOSS, () => dispatch(HANDLERS, "setAway", "{}", w.book, LEAVER, NOW));
    expect(asLeaver).toMatchObject({ ok: false, code: "frozen" });
  });

  it("R29: the leaver's heartbeat does nothing and removes itself (frozen with access, and without)", () => {
    const w = makeWorld(3);
    const heartbeats = (user: string) =>
      w.env.ScriptApp.allTriggers().filter((t) => t.owner === user && t.handler === "heartbeat").length;
    // Frozen by hand in the sheet, still shared: the heartbeat sees "frozen" and removes itself.
    w.as(B, () => ensureHeartbeat());
    w.env.ctx.meter.quietly(() => {
      const staff = readTable(w.book.getSheetByName(Staff.name)!, Staff, parse);
      const writer = new TableWriter(staff);
      writer.update(B, { status: "frozen" });
      writer.commit();
    });
    expect(heartbeats(B)).toBe(1);
    const frozen = w.env.ctx.runAs("", () => runHeartbeat(w.book, B, NOW, new Budget(), {}), { effectiveUser: B });
    expect(frozen.stopped).toBe("frozen");
    expect(heartbeats(B)).toBe(0);
    // Offboarded: the trigger fires under the leaver, cannot open the book, removes itself.
    w.as(LEAVER, () => ensureHeartbeat());
    offboard(w, { email: LEAVER, to: C });
    w.env.setInvoker((handler, event) =>
      (ENTRY_POINTS as unknown as Record<string, (e: unknown) => unknown>)[handler](event),
    );
    const fires = w.env.scheduler.runUntil(new Date(NOW.getTime() + 2 * 3600_000));
    const mine = fires.filter((f) => f.owner === LEAVER);
    expect(mine).toHaveLength(1);
    expect(mine[0].error).toBeUndefined();
    expect(heartbeats(LEAVER)).toBe(0);
  });

  it("R29: offboarding refuses the impossible: yourself, a boss (for an assistant), a receiver who is away or a viewer", () => {
    const w = makeWorld(2);
    expect(w.call(AMY, "offboard", { email: AMY })).toMatchObject({ ok: false, code: "denied" });
    expect(w.call(AMY, "offboard", { email: BOSS })).toMatchObject({ ok: false, code: "denied" });
    expect(w.call(AMY, "offboard", { email: LEAVER, to: DAN })).toMatchObject({ ok: false, code: "invalid" });
    expect(w.call(A, "offboard", { email: LEAVER })).toMatchObject({ ok: false, code: "denied" });
    expect(w.call(AMY, "offboard", { email: "ghost@acme-tools.cn" })).toMatchObject({ ok: false, code: "not-found" });
    // Nothing happened.
    expect(w.read(Staff).find((s) => s.email === LEAVER)?.status).toBe("active");
    const ok = w.call<{ buyers: number }>(AMY, "offboard", { email: LEAVER });
    expect(ok).toMatchObject({ ok: true, data: { buyers: 2 } });
  });

  it("R29: batched — handing over 300 buyers costs no more service calls than 30 (no call per row)", () => {
    const cost = (n: number) => {
      const w = makeWorld(n);
      const before = w.env.ctx.meter.totalCalls;
      offboard(w, { email: LEAVER });
      return w.env.ctx.meter.totalCalls - before;
    };
    const small = cost(30);
    const big = cost(300);
    // Only changed cells are written; the cells taking one owner share one RangeList write per sheet, so the
    // count grows with the receivers (here 2 for 30 buyers, 3 for 300), never with the rows. About 90 calls
    // re-align the protections (each salesperson's away cells, the owner columns): per person, not per row.
    expect(big).toBeLessThanOrEqual(small + 10);
    expect(big).toBeLessThan(260);
  });

  it("R29: a rerun after a finished offboarding changes nothing", () => {
    const w = makeWorld(10);
    offboard(w, { email: LEAVER });
    const once = endState(w);
    const again = offboard(w, { email: LEAVER });
    expect(endState(w)).toEqual(once);
    expect(again.logged).toBe(false);
    expect(again.receivers.every((r) => r.mail === "already-sent")).toBe(true);
  });

  it("R29: a fault at ANY service call of the offboarding, then a rerun, reaches the same end state", () => {
    const clean = makeWorld(30);
    const before = clean.env.ctx.meter.totalCalls;
    offboard(clean, { email: LEAVER });
    const calls = clean.env.ctx.meter.totalCalls - before;
    expect(calls).toBeGreaterThan(40); // reads, freeze, sharing, protections, journal, moves, mails, log
    const expected = endState(clean);
    for (let n = 1; n <= calls; n += 1) {
      const w = makeWorld(30);
      w.env.ctx.meter.failAt(n);
      expect(() => offboard(w, { email: LEAVER }), `fault at call ${n}`).toThrow();
      w.env.ctx.meter.clearFaults();
      offboard(w, { email: LEAVER });
      const got = endState(w);
      expect(got, `fault at call ${n}`).toEqual(expected);
    }
  });
});

describe("Staff RPCs × every role and status (R1, R29, R34)", () => {
  const VIEWER = "manager@alibaba-partner.com";
  const FROZEN = "fred@acme-tools.cn";
  const STRANGER = "nobody@example.com";
  // Payloads that pass validation; "not-found" from offboard means the role check let the call through.
  const calls: [string, unknown][] = [
    ["onboard", { email: "new@acme-tools.cn", name: "New", role: "salesperson", language: "en" }],
    ["offboard", { email: "ghost@acme-tools.cn" }],
    ["setAway", { deputy: C, until: "2026-11-30" }],
    ["installAudit", {}],
  ];
  const expected: Record<string, Record<string, string>> = {
    [BOSS]: { onboard: "ok", offboard: "not-found", setAway: "ok", installAudit: "ok" },
    [AMY]: { onboard: "ok", offboard: "not-found", setAway: "ok", installAudit: "ok" },
    // The book's audit trigger is a manager's (R34: the audit does not depend on each salesperson).
    [B]: { onboard: "denied", offboard: "denied", setAway: "ok", installAudit: "denied" },
    [DAN]: { onboard: "denied", offboard: "denied", setAway: "ok", installAudit: "denied" }, // away: still works
    [VIEWER]: { onboard: "denied", offboard: "denied", setAway: "denied", installAudit: "denied" },
    [FROZEN]: { onboard: "frozen", offboard: "frozen", setAway: "frozen", installAudit: "frozen" },
    [STRANGER]: {
      onboard: "unknown-user",
      offboard: "unknown-user",
      setAway: "unknown-user",
      installAudit: "unknown-user",
    },
  };
  for (const user of Object.keys(expected)) {
    it(`R1, R29, R34: ${user}`, () => {
      const w = makeWorld(0);
      w.env.ctx.meter.quietly(() => {
        const writer = new TableWriter(readTable(w.book.getSheetByName(Staff.name)!, Staff, parse));
        writer.append(person(VIEWER, "viewer"));
        writer.append(person(FROZEN, "salesperson", { status: "frozen" }));
        writer.commit();
        w.book.addViewer(VIEWER);
        w.book.addEditor(FROZEN); // a stale share: the Staff status alone must refuse them
        w.book.addEditor(STRANGER);
      });
      for (const [method, payload] of calls) {
        const r = w.call(user, method, payload);
        expect(r.ok ? "ok" : (r as { code: string }).code, `${user} ${method}`).toBe(expected[user][method]);
      }
    });
  }
});

describe("Onboarding (R29, R30, C5)", () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld(0);
  });
  const NEW = "new.hire@acme-tools.cn";

  it("R29: adds the Staff row, shares as editor, keeps protections for boss and assistant, logs who and when", () => {
    const r = w.call<{ staff: string; sharing: string; welcome: string }>(AMY, "onboard", {
      email: NEW,
      name: "Wang Fang",
      role: "salesperson",
      language: "en",
      regions: "Europe, US",
    });
    expect(r).toMatchObject({ ok: true, data: { staff: "added", sharing: "editor", welcome: "sent" } });
    const row = w.read(Staff).find((s) => s.email === NEW)!;
    expect(row).toMatchObject({
      name: "Wang Fang",
      role: "salesperson",
      status: "active",
      regions: "Europe, US",
      language: "en",
    });
    expect(row.joined).toEqual(NOW);
    expect(w.book.getEditors().map((u) => u.getEmail())).toContain(NEW);
    for (const p of w.book.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
      const editors = p.getEditors().map((u) => u.getEmail());
      expect(editors).toContain(AMY);
      expect(editors).not.toContain(NEW);
    }
    const log = w.read(Log).filter((l) => l.action === "onboard");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ user: AMY, target: NEW, at: NOW });
  });

  it("R29: onboarding twice changes nothing (no writes, no second mail, no second log row)", () => {
    const payload = { email: NEW, name: "Wang Fang", role: "salesperson", language: "zh-CN" };
    expect(w.call(AMY, "onboard", payload).ok).toBe(true);
    const state = endState(w);
    const welcome = () => w.inbox(NEW).length;
    expect(welcome()).toBe(1);
    const writesBefore = w.env.ctx.meter.callsOf("Spreadsheet.write");
    const again = w.call<{ staff: string; sharing: string; welcome: string; logged: boolean }>(AMY, "onboard", payload);
    expect(again).toMatchObject({
      ok: true,
      data: { staff: "unchanged", sharing: "unchanged", welcome: "already-sent", logged: false },
    });
    expect(w.env.ctx.meter.callsOf("Spreadsheet.write")).toBe(writesBefore);
    expect(endState(w)).toEqual(state);
    expect(welcome()).toBe(1);
  });

  it("R30: the welcome mail is in their language, with the link and the training checklist naming the team", () => {
    w.call(AMY, "onboard", { email: NEW, name: "王芳", role: "salesperson", language: "zh-CN" });
    const [mail] = w.inbox(NEW);
    expect(mail.subject).toContain("欢迎");
    expect(mail.body).toContain(w.book.getUrl());
    for (const words of ["日常使用", "产品库", "报价模板", "认识同事"]) expect(mail.body).toContain(words);
    for (const colleague of [BOSS, AMY, A, B]) expect(mail.body).toContain(colleague);
    w.call(AMY, "onboard", { email: "pat@acme-tools.cn", name: "Pat", role: "salesperson", language: "en" });
    const [english] = w.inbox("pat@acme-tools.cn");
    expect(english.subject).toContain("welcome");
    for (const words of ["Daily use", "product library", "one quote template", "Who is who"])
      expect(english.body).toContain(words);
    expect(english.body).toContain("王芳");
  });

  it("R1: a viewer (the platform's account manager) is shared read-only; only the boss onboards a boss (R34)", () => {
    const viewer = "manager@alibaba-partner.com";
    expect(w.call(AMY, "onboard", { email: viewer, name: "Platform", role: "viewer", language: "en" })).toMatchObject({
      ok: true,
      data: { sharing: "viewer" },
    });
    expect(w.book.getEditors().map((u) => u.getEmail())).not.toContain(viewer);
    expect(w.book.getViewers().map((u) => u.getEmail())).toContain(viewer);
    expect(
      w.call(AMY, "onboard", { email: "boss2@acme-tools.cn", name: "B2", role: "boss", language: "en" }),
    ).toMatchObject({
      ok: false,
      code: "denied",
    });
    expect(w.call(A, "onboard", { email: NEW, name: "X", role: "salesperson", language: "en" })).toMatchObject({
      ok: false,
      code: "denied",
    });
    expect(w.call(BOSS, "onboard", { email: "boss2@acme-tools.cn", name: "B2", role: "boss", language: "en" }).ok).toBe(
      true,
    );
  });

  it("R29: a returning colleague who was offboarded is active and shared again", () => {
    offboard(w, { email: LEAVER, to: A });
    const r = w.call<{ staff: string }>(AMY, "onboard", {
      email: LEAVER,
      name: "Li Lei",
      role: "salesperson",
      language: "en",
    });
    expect(r).toMatchObject({ ok: true, data: { staff: "reactivated" } });
    expect(w.read(Staff).find((s) => s.email === LEAVER)).toMatchObject({ status: "active", left: null });
    expect(() => w.as(LEAVER, () => SpreadsheetApp.openById(w.book.getId()))).not.toThrow();
  });
});

describe("Away and deputy (R6)", () => {
  it("R6: a salesperson names a deputy and dates for themselves; new inquiries and their desk go to the deputy meanwhile", () => {
    const w = makeWorld(0);
    const r = w.call<{ awayNow: boolean; deputy: string }>(B, "setAway", { deputy: C, until: "2026-11-26" });
    expect(r).toMatchObject({ ok: true, data: { awayNow: true, deputy: C } });
    expect(w.call(B, "setAway", { email: C, deputy: B })).toMatchObject({ ok: false, code: "denied" });
    expect(w.call(B, "setAway", { deputy: "ghost@acme-tools.cn" })).toMatchObject({ ok: false, code: "invalid" });
    const facts = () => w.read(Staff).map(staffFacts);
    expect(deskOwners(C, facts(), NOW)).toEqual([C, B]);
    expect(
      chooseOwner({ buyerOwner: B, country: "DE", staff: facts(), rules: [], openLoad: new Map(), now: NOW }),
    ).toMatchObject({
      owner: B,
      assignedTo: C,
    });
    // After the away-until date: B is back by the dates alone.
    const later = new Date("2026-11-27T02:00:00Z");
    expect(deskOwners(C, facts(), later)).toEqual([C]);
    // Status and sharing columns stay closed to a salesperson: only the away columns are open to them.
    expect(() => w.as(B, () => w.book.getSheetByName(Staff.name)!.getRange(5, 3).setValue("boss"))).toThrow(
      /protected/,
    );
    expect(w.read(Log).map((l) => [l.action, l.user, l.target])).toEqual([["away", B, B]]);
  });

  it("R6: status away set by the assistant flips back by itself after the away-until date", () => {
    const w = makeWorld(0);
    w.env.ctx.meter.quietly(() => {
      const writer = new TableWriter(readTable(w.book.getSheetByName(Staff.name)!, Staff, parse));
      writer.update(B, { status: "away", deputy: C, awayUntil: new Date("2026-11-26T00:00:00Z") });
      writer.commit();
    });
    expect(w.as(BOSS, () => returnFromAway(w.book, new Date("2026-11-25T02:00:00Z")))).toEqual([]);
    expect(w.as(BOSS, () => returnFromAway(w.book, new Date("2026-11-27T02:00:00Z")))).toEqual([B]);
    const staff = w.read(Staff);
    expect(staff.find((s) => s.email === B)?.status).toBe("active");
    expect(staff.find((s) => s.email === DAN)?.status).toBe("away"); // no until date: back by hand only
    expect(w.read(Log).map((l) => [l.action, l.target])).toEqual([["back", B]]);
    expect(w.as(BOSS, () => returnFromAway(w.book, new Date("2026-11-28T02:00:00Z")))).toEqual([]);
  });

  it("R6: a trip that starts later is carried by the dates; the assistant may set it for anyone; back clears it", () => {
    const w = makeWorld(0);
    const r = w.as(AMY, () =>
      setAway(
        w.book,
        { email: C, deputy: A, from: new Date("2026-12-01T00:00:00Z"), until: new Date("2026-12-05T00:00:00Z") },
        { email: AMY, role: "assistant" },
        NOW,
      ),
    );
    expect(r).toMatchObject({ status: "active", awayNow: false, deputy: A });
    const back = w.call<{ status: string; awayFrom: string | null }>(C, "setAway", { back: true });
    expect(back).toMatchObject({ ok: true, data: { status: "active", awayFrom: null } });
    expect(w.read(Staff).find((s) => s.email === C)?.awayFrom).toBeNull();
  });
});

describe("Audit of hand edits (R33, R34)", () => {
  it("R34: one manager-owned on-edit trigger logs every editor's hand edits once; older per-person triggers step aside", () => {
    const w = makeWorld(3);
    w.env.setInvoker((handler, event) =>
      (ENTRY_POINTS as unknown as Record<string, (e: unknown) => unknown>)[handler](event),
    );
    // A salesperson's own trigger, as an older Buyerbook installed it for everyone.
    w.as(B, () => ScriptApp.newTrigger("onEditAudit").forSpreadsheet(w.book).onEdit().create());
    expect(w.call(B, "installAudit", {})).toMatchObject({ ok: false, code: "denied" });
    expect(w.call(AMY, "installAudit", {})).toMatchObject({ ok: true, data: { trigger: "installed" } });
    expect(w.as(AMY, () => installAuditTrigger(w.book))).toBe("already");
    const sheet = w.book.getSheetByName(Buyers.name)!;
    const ownerCol = Buyers.columns.findIndex((c) => c.key === "owner") + 1;
    const row = 2 + 30; // the first of Li's buyers, after B's 10 and C's 20
    const range = w.env.ctx.meter.quietly(() => sheet.getRange(row, ownerCol));
    const old = String(w.env.ctx.meter.quietly(() => range.getValue()));
    w.env.ctx.meter.quietly(() => range.setValue(B));
    const fires = w.env.scheduler.dispatch(
      "ON_EDIT",
      w.book.getId(),
      { range, oldValue: old, value: B, source: w.book },
      B,
    );
    expect(fires).toHaveLength(2); // Amy's (the audit) and B's old one
    expect(fires.every((f) => f.error === undefined)).toBe(true);
    const log = w.read(Log).filter((l) => l.action === "edit.owner");
    expect(log).toHaveLength(1);
    // Consumer accounts: Apps Script does not tell Amy's trigger who edited.
    expect(log[0]).toMatchObject({ user: UNIDENTIFIED_EDITOR, target: w.data.buyers[30].id });
    expect(log[0].detail).toContain(`"${LEAVER}" → "${B}"`);
    // B's old trigger removed itself: the next edit fires the audit alone.
    const inquiries = w.book.getSheetByName(Inquiries.name)!;
    const gradeCol = Inquiries.columns.findIndex((c) => c.key === "grade") + 1;
    const pasted = w.env.ctx.meter.quietly(() => inquiries.getRange(2, gradeCol, 3, 1));
    w.env.ctx.meter.quietly(() => pasted.setValues([["A"], ["B"], ["C"]]));
    const again = w.env.scheduler.dispatch("ON_EDIT", w.book.getId(), { range: pasted, source: w.book }, C);
    expect(again).toHaveLength(1);
    const grades = w.read(Log).filter((l) => l.action === "edit.grade");
    expect(grades.map((l) => l.target)).toEqual(["I-000001", "I-000002", "I-000003"]);
    expect(grades[2].detail).toContain('"?" → "C"');
    // An edit elsewhere (a note) is not a key column: nothing logged.
    const notes = w.env.ctx.meter.quietly(() =>
      sheet.getRange(row, Buyers.columns.findIndex((c) => c.key === "notes") + 1),
    );
    w.env.scheduler.dispatch("ON_EDIT", w.book.getId(), { range: notes, value: "hello", source: w.book }, B);
    expect(w.read(Log).filter((l) => l.action.startsWith("edit."))).toHaveLength(4);
  });
});
