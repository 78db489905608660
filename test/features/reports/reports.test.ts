import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import {
  REPORT_FOLDER,
  reportRunner,
  writeMidweekBrief,
  writeMonthlyAList,
  writeWeeklyReport,
} from "../../../src/features/reports/reports";
import { runHeartbeat } from "../../../src/features/schedule/heartbeat";
import { setupWorkbook } from "../../../src/features/setup/setup";
import type { SheetSpec } from "../../../src/store/columns";
import { loadTable } from "../../../src/store/load-table";
import { appendLog } from "../../../src/store/log";
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
  Settings,
  Staff,
  type StaffMember,
} from "../../../src/store/schemas";
import { forgetSmallTables } from "../../../src/store/small-tables";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { dataWords, untranslated } from "../../browser/untranslated";
import { installGas, type TestWorld } from "../../support/gas";

// Everything below is written in the company's wall time (Asia/Shanghai, UTC+8, no DST).
const sh = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);
const H = 3_600_000;
const ASSISTANT = "assistant@acme-tools.cn";
const BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
const WANG = "wang@acme-tools.cn";

/** W48 = Monday 23 Nov 00:00 to Monday 30 Nov 00:00 Shanghai; W47 the week before. */
const W48 = { start: sh("2026-11-23 00:00").getTime(), end: sh("2026-11-30 00:00").getTime() };
const W47 = { start: sh("2026-11-16 00:00").getTime(), end: W48.start };
const inW48 = (d: Date | null) => !!d && d.getTime() >= W48.start && d.getTime() < W48.end;
const inW47 = (d: Date | null) => !!d && d.getTime() >= W47.start && d.getTime() < W47.end;
/** The Shanghai calendar day, by adding the fixed +8 h (independent of the code's Intl-based zone maths). */
const day = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 10);
const addDays = (key: string, n: number) =>
  new Date(Date.parse(`${key}T00:00:00Z`) + n * 24 * H).toISOString().slice(0, 10);
const CADENCE: Record<string, number> = { A: 3, B: 7, C: 15, D: 30, "": 15 };

// ---------------------------------------------------------------------------------------------------
// The book: a week of known activity

const staff: Partial<StaffMember>[] = [
  { email: BOSS, name: "Boss Zhang", role: "boss" },
  { email: LI, name: "Li Na", role: "salesperson" },
  { email: WANG, name: "Wang Wei", role: "salesperson" },
];

const buyers: Partial<Buyer>[] = [
  {
    id: "B-000001",
    company: "Berlin Tools GmbH",
    country: "Germany",
    region: "Europe",
    grade: "A",
    owner: LI,
    created: sh("2026-10-05 09:00"),
  },
  {
    id: "B-000002",
    company: "Hanoi Hardware",
    country: "Vietnam",
    grade: "B",
    owner: WANG,
    created: sh("2026-11-24 10:00"),
  },
  {
    id: "B-000003",
    company: "Austin Supply",
    country: "United States",
    grade: "A",
    owner: WANG,
    created: sh("2026-11-17 10:00"),
  },
  // Sunday 23:30 in Shanghai is 15:30 UTC on Sunday: still W48.
  {
    id: "B-000004",
    company: "Dubai Trading",
    country: "United Arab Emirates",
    grade: "C",
    owner: LI,
    created: sh("2026-11-29 23:30"),
  },
  {
    id: "B-000005",
    company: "Lagos Parts",
    country: "Nigeria",
    grade: "D",
    owner: LI,
    created: sh("2026-08-01 09:00"),
  },
  {
    id: "B-000006",
    company: "Quiet Co",
    country: "Japan",
    grade: "B",
    owner: WANG,
    created: sh("2026-09-01 09:00"),
    status: "do-not-contact",
  },
];

const inquiries: Partial<Inquiry>[] = [
  {
    id: "I-000001",
    buyerId: "B-000001",
    receivedAt: sh("2026-11-23 10:00"),
    repliedAt: sh("2026-11-23 11:00"),
    grade: "A",
    channel: "email",
    source: "email",
    owner: LI,
  },
  {
    id: "I-000002",
    buyerId: "B-000002",
    receivedAt: sh("2026-11-24 10:00"),
    repliedAt: sh("2026-11-24 13:00"),
    grade: "B",
    channel: "platform",
    source: "alibaba",
    owner: WANG,
  },
  {
    id: "I-000003",
    buyerId: "B-000003",
    receivedAt: sh("2026-11-18 10:00"),
    repliedAt: sh("2026-11-18 10:30"),
    grade: "A",
    channel: "platform",
    source: "alibaba",
    owner: WANG,
  },
  {
    id: "I-000004",
    buyerId: "B-000004",
    receivedAt: sh("2026-11-29 23:30"),
    grade: "C",
    channel: "website",
    source: "website",
    owner: LI,
  },
  {
    id: "I-000005",
    receivedAt: sh("2026-11-25 14:00"),
    repliedAt: sh("2026-11-25 16:00"),
    channel: "fax",
    source: "other",
    owner: LI,
    country: "Brazil",
  },
  {
    id: "I-000006",
    buyerId: "B-000005",
    receivedAt: sh("2026-11-26 09:00"),
    grade: "D",
    channel: "email",
    source: "email",
    owner: LI,
    assignedTo: WANG,
  },
  // Sunday 23:59 the week before: W47.
  {
    id: "I-000007",
    receivedAt: sh("2026-11-22 23:59"),
    repliedAt: sh("2026-11-23 09:30"),
    channel: "email",
    source: "email",
    owner: WANG,
  },
];

const followUps: Partial<FollowUp>[] = [
  {
    id: "F-000001",
    at: sh("2026-11-20 10:00"),
    buyerId: "B-000001",
    by: LI,
    kind: "follow-up",
    summary: "Sent catalogue",
  },
  {
    id: "F-000002",
    at: sh("2026-11-24 15:00"),
    buyerId: "B-000001",
    by: LI,
    kind: "follow-up",
    summary: "Called about 2 pallets",
    nextStep: "Send revised quote",
  },
  { id: "F-000003", at: sh("2026-11-25 11:00"), buyerId: "B-000002", by: WANG, kind: "grade", summary: "C → B" },
  { id: "F-000004", at: sh("2026-11-26 16:00"), buyerId: "B-000003", by: WANG, kind: "grade", summary: "B → A" },
  {
    id: "F-000005",
    at: sh("2026-11-27 10:00"),
    buyerId: "B-000003",
    by: WANG,
    kind: "sample",
    summary: "Sample received, colour approved",
  },
  {
    id: "F-000006",
    at: sh("2026-11-27 11:00"),
    buyerId: "B-000001",
    by: LI,
    kind: "note",
    summary: "Wants 60 days credit",
    nextStep: "Boss to decide terms",
    needsBoss: true,
  },
  {
    id: "F-000007",
    at: sh("2026-10-20 10:00"),
    buyerId: "B-000005",
    by: LI,
    kind: "follow-up",
    summary: "Sent price list",
    needsBoss: true,
    bossAnswer: "OK, 5% off",
  },
  { id: "F-000008", at: sh("2026-11-18 10:00"), buyerId: "B-000003", by: WANG, kind: "grade", summary: "A" },
  {
    id: "F-000009",
    at: sh("2026-11-16 10:00"),
    buyerId: "B-000005",
    by: LI,
    kind: "note",
    summary: "Old open question",
    needsBoss: true,
  },
];

const quotes: Partial<Quote>[] = [
  {
    id: "Q-2026-001",
    date: sh("2026-11-25 10:00"),
    buyerId: "B-000001",
    by: LI,
    items: "HX-200 x 500",
    total: "12500",
    currency: "USD",
    status: "sent",
  },
  { id: "Q-2026-002", date: sh("2026-11-26 10:00"), buyerId: "B-000002", by: WANG, status: "draft" },
  { id: "Q-2026-000", date: sh("2026-11-19 10:00"), buyerId: "B-000003", by: WANG, status: "accepted" },
];

const samples: Partial<Sample>[] = [
  {
    id: "S-000001",
    buyerId: "B-000002",
    sent: sh("2026-11-24 00:00"),
    products: "HX-200",
    kind: "physical",
    freight: "collect",
    courier: "DHL",
    tracking: "123",
  },
  {
    id: "S-000000",
    buyerId: "B-000003",
    sent: sh("2026-11-10 00:00"),
    feedbackDue: sh("2026-11-25 00:00"),
    products: "HX-100",
    kind: "physical",
    freight: "collect",
  },
];

function append<S extends SheetSpec>(w: TestWorld, spec: S, records: Partial<Record<string, unknown>>[]): void {
  const table = loadTable(w.book, spec, "Asia/Shanghai");
  const writer = new TableWriter(table);
  for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

function setSettings(w: TestWorld, values: Record<string, string>): void {
  const sheet = w.book.getSheetByName(Settings.name)!;
  const rows = sheet.getDataRange().getValues();
  for (const [key, value] of Object.entries(values)) {
    const i = rows.findIndex((r) => r[0] === key);
    if (i < 0) sheet.appendRow([key, value, ""]);
    else sheet.getRange(i + 1, 2).setValue(value);
  }
}

function buildBook(w: TestWorld, lang = "en"): void {
  w.env.ctx.meter.quietly(() => {
    setupWorkbook(w.book, ASSISTANT, "en", sh("2026-10-01 09:00"));
    // The assistant set the book up (R33: the assistant writes the Saturday report); the boss reads it.
    const staffTable = loadTable(w.book, Staff, "Asia/Shanghai");
    const writer = new TableWriter(staffTable);
    writer.update(ASSISTANT, { role: "assistant", name: "Assistant Chen" });
    writer.commit();
    append(
      w,
      Staff,
      staff.map((s) => ({ status: "active", ...s })),
    );
    setSettings(w, { language: lang });
  });
}

function addActivity(w: TestWorld): void {
  w.env.ctx.meter.quietly(() => {
    append(
      w,
      Buyers,
      buyers.map((b) => ({ status: "active", ...b })),
    );
    append(
      w,
      Inquiries,
      inquiries.map((q) => ({ status: q.repliedAt ? "replied" : "new", ...q })),
    );
    append(
      w,
      FollowUps,
      followUps.map((f) => ({ channel: "email", ...f })),
    );
    append(w, Quotes, quotes);
    append(w, Samples, samples);
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading the Doc back through DocumentApp

interface Section {
  heading: string;
  paragraphs: string[];
  tables: string[][][];
}

function readDoc(w: TestWorld, id: string): { title: string; sections: Section[]; text: string } {
  return w.env.ctx.meter.quietly(() => {
    const doc = DocumentApp.openById(id);
    const body = doc.getBody();
    const sections: Section[] = [{ heading: "", paragraphs: [], tables: [] }];
    let title = "";
    for (let i = 0; i < body.getNumChildren(); i++) {
      const child = body.getChild(i);
      if (child.getType() === DocumentApp.ElementType.TABLE) {
        const table = child.asTable();
        const rows: string[][] = [];
        for (let r = 0; r < table.getNumRows(); r++) {
          const row = table.getRow(r);
          const cells: string[] = [];
          for (let c = 0; c < row.getNumCells(); c++) cells.push(row.getCell(c).getText());
          rows.push(cells);
        }
        sections[sections.length - 1].tables.push(rows);
        continue;
      }
      const p = child.asParagraph();
      const heading = p.getHeading();
      if (heading === DocumentApp.ParagraphHeading.TITLE) title = p.getText();
      else if (heading !== DocumentApp.ParagraphHeading.NORMAL)
        sections.push({ heading: p.getText(), paragraphs: [], tables: [] });
      else sections[sections.length - 1].paragraphs.push(p.getText());
    }
    return { title, sections, text: body.getText() };
  });
}

function section(doc: { sections: Section[] }, heading: string | RegExp): Section {
  const found = doc.sections.find((s) =>
    typeof heading === "string" ? s.heading === heading : heading.test(s.heading),
  );
  if (!found) throw new Error(`no section ${heading}; have ${doc.sections.map((s) => s.heading).join(" | ")}`);
  return found;
}

const BAR = /^█*\s?/;
const number = (cell: string) => Number(cell.replace(BAR, ""));

// ---------------------------------------------------------------------------------------------------

describe("the Saturday weekly report (R33, R35, C4)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas({ owner: ASSISTANT, now: "2026-11-30T02:00:00Z" });
    buildBook(w);
    addActivity(w);
  });

  it("R33, R35: every figure in the Doc for 2026-W48 matches what the book says", () => {
    const result = writeWeeklyReport({ book: w.book, now: new Date("2026-11-30T02:00:00Z"), period: "2026-W48" });
    const doc = readDoc(w, result.docId);
    expect(doc.title).toBe("Buyerbook weekly report 2026-W48 (23–29 Nov)");

    // The week in figures, with last week beside each.
    const bs = buyers.map((b) => b.created ?? null);
    const figures = [
      ["New buyers", bs.filter(inW48).length, bs.filter(inW47).length],
      [
        "Inquiries",
        inquiries.filter((q) => inW48(q.receivedAt ?? null)).length,
        inquiries.filter((q) => inW47(q.receivedAt ?? null)).length,
      ],
      [
        "Quotes sent",
        quotes.filter((q) => q.status !== "draft" && inW48(q.date ?? null)).length,
        quotes.filter((q) => q.status !== "draft" && inW47(q.date ?? null)).length,
      ],
      [
        "Samples sent",
        samples.filter((s) => inW48(s.sent ?? null)).length,
        samples.filter((s) => inW47(s.sent ?? null)).length,
      ],
      [
        "Grade changes",
        followUps.filter((f) => f.kind === "grade" && inW48(f.at ?? null)).length,
        followUps.filter((f) => f.kind === "grade" && inW47(f.at ?? null)).length,
      ],
    ].map(([label, cur, prev]) => [
      label,
      String(cur),
      String(prev),
      (cur as number) - (prev as number) > 0
        ? `+${(cur as number) - (prev as number)}`
        : String((cur as number) - (prev as number)),
    ]);
    expect(figures.map((f) => f[1])).toEqual(["2", "5", "1", "1", "2"]); // sanity: the book is what we think
    expect(section(doc, "5. The week in figures").tables[0]).toEqual([
      ["Figure", "This week", "Last week", "Change"],
      ...figures,
    ]);

    // Inquiries by grade, channel, source and region: counts this week and last week; the bar shows this week.
    const tally = (key: (q: Partial<Inquiry>) => string) => {
      const m = new Map<string, [number, number]>();
      for (const q of inquiries) {
        const which = inW48(q.receivedAt ?? null) ? 0 : inW47(q.receivedAt ?? null) ? 1 : -1;
        if (which < 0) continue;
        const k = key(q);
        const v = m.get(k) ?? [0, 0];
        v[which as 0 | 1] += 1;
        m.set(k, v);
      }
      return m;
    };
    const check = (heading: string, m: Map<string, [number, number]>, label: (k: string) => string) => {
      const table = section(doc, heading).tables[0];
      const seen = new Map(table.slice(1).map((r) => [r[0], [Number(r[1]), Number(r[2]), number(r[3])]]));
      for (const [k, [cur, prev]] of m) expect(seen.get(label(k)), `${heading} ${k}`).toEqual([cur, prev, cur]);
      const labels = new Set([...m.keys()].map(label));
      for (const [k, v] of seen) if (!labels.has(k)) expect(v.slice(0, 2), `${heading} ${k}`).toEqual([0, 0]);
    };
    check(
      "Inquiries by grade",
      tally((q) => q.grade ?? ""),
      (k) => k || "Not graded",
    );
    check(
      "Inquiries by channel",
      tally((q) => q.channel ?? ""),
      (k) => k,
    );
    check(
      "Inquiries by source",
      tally((q) => q.source ?? ""),
      (k) => k,
    );
    const COUNTRY_REGION: Record<string, string> = {
      Vietnam: "Southeast Asia",
      "United States": "North America",
      "United Arab Emirates": "Middle East",
      Nigeria: "Africa",
      Brazil: "Latin America",
    };
    const regionOfInquiry = (q: Partial<Inquiry>) => {
      const b = buyers.find((x) => x.id === q.buyerId);
      return b?.region || COUNTRY_REGION[q.country || b?.country || ""] || "Unknown";
    };
    check("Inquiries by region", tally(regionOfInquiry), (k) => k);

    // Reply speed (R7, R8, R26): these replies all fall inside one working day, so working hours = elapsed hours.
    const asOf = W48.end;
    const limitOf: Record<string, number> = {
      // Received Sunday night: the clock starts Monday 09:00; one working day later is Tuesday 09:00.
      "I-000004": sh("2026-12-01 09:00").getTime(),
      // Received Thursday 09:00: the limit is Friday 09:00.
      "I-000006": sh("2026-11-27 09:00").getTime(),
    };
    const speedRow = (name: string, handler: string | undefined) => {
      const mine = inquiries.filter((q) => handler === undefined || (q.assignedTo || q.owner) === handler);
      const received = mine.filter((q) => inW48(q.receivedAt ?? null));
      const answered = received.filter((q) => q.repliedAt);
      const hours = answered.map((q) => (q.repliedAt!.getTime() - q.receivedAt!.getTime()) / H).sort((a, b) => a - b);
      const mid =
        hours.length % 2 ? hours[(hours.length - 1) / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2;
      const within2 = hours.filter((h) => h <= 2).length;
      const share = (n: number) => `${n} (${Math.round((n / received.length) * 100)}%)`;
      const open = mine.filter((q) => !q.repliedAt && q.receivedAt!.getTime() < asOf);
      return [
        name,
        String(received.length),
        String(answered.length),
        hours.length ? mid.toFixed(1) : "—",
        share(within2),
        share(answered.length),
        String(open.length),
        String(open.filter((q) => limitOf[q.id!] < asOf).length),
      ];
    };
    expect(section(doc, "6. Reply speed").tables[0]).toEqual([
      [
        "Salesperson",
        "Received",
        "Answered",
        "Median (working h)",
        "Within 2 h",
        "Within 1 day",
        "Still unanswered",
        "Past the limit",
      ],
      speedRow("Li Na", LI),
      speedRow("Wang Wei", WANG),
      speedRow("Total", undefined),
    ]);
    expect(section(doc, "6. Reply speed").tables[0][3]).toEqual([
      "Total",
      "5",
      "3",
      "2.0",
      "2 (40%)",
      "3 (60%)",
      "2",
      "1",
    ]);

    // Follow-ups due and done (R20, R23): last contact before the week (a follow-up, quote or sample, or our reply) + cadence.
    const contacts = (before: number) => {
      const last = new Map<string, number>();
      const see = (id: string | undefined, t: number | undefined) => {
        if (id && t !== undefined && t < before && t > (last.get(id) ?? -1)) last.set(id, t);
      };
      for (const f of followUps)
        if (["follow-up", "quote", "sample"].includes(f.kind!)) see(f.buyerId, f.at?.getTime());
      for (const q of inquiries) see(q.buyerId, q.repliedAt?.getTime());
      return last;
    };
    const beforeWeek = contacts(W48.start);
    const beforeNow = contacts(asOf);
    const contactedInWeek = new Set([
      ...followUps
        .filter((f) => ["follow-up", "quote", "sample"].includes(f.kind!) && inW48(f.at!))
        .map((f) => f.buyerId),
      ...inquiries.filter((q) => q.buyerId && inW48(q.repliedAt ?? null)).map((q) => q.buyerId),
    ]);
    const dueFrom = (b: Partial<Buyer>, last: Map<string, number>) => {
      const since = last.get(b.id!) ?? b.created!.getTime();
      return addDays(day(new Date(since)), CADENCE[b.grade ?? ""]);
    };
    const contactable = buyers.filter((b) => b.status !== "do-not-contact" && b.created!.getTime() < asOf);
    const today = day(new Date(asOf));
    const followRow = (name: string, owner?: string) => {
      const mine = contactable.filter((b) => owner === undefined || b.owner === owner);
      const due = mine.filter((b) => dueFrom(b, beforeWeek) <= "2026-11-29");
      const done = due.filter((b) => contactedInWeek.has(b.id));
      const logged = followUps.filter(
        (f) =>
          ["follow-up", "quote", "sample"].includes(f.kind!) && inW48(f.at!) && (owner === undefined || f.by === owner),
      ).length;
      const overdue = mine.filter((b) => dueFrom(b, beforeNow) < today).length;
      return [
        name,
        String(logged),
        String(due.length),
        String(done.length),
        `${Math.round((done.length / due.length) * 100)}%`,
        String(overdue),
      ];
    };
    const follow = section(doc, "7. Follow-ups due and done");
    expect(follow.tables[0]).toEqual([
      ["Salesperson", "Follow-ups logged", "Buyers due", "Done", "Done vs due", "Overdue now"],
      followRow("Li Na", LI),
      followRow("Wang Wei", WANG),
      followRow("Total"),
    ]);
    expect(follow.tables[0][3]).toEqual(["Total", "2", "3", "2", "67%", "2"]);

    // The buyers now overdue, longest first.
    const overdue = contactable
      .map((b) => ({ b, due: dueFrom(b, beforeNow) }))
      .filter((x) => x.due < today)
      .map((x) => ({ ...x, late: (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${x.due}T00:00:00Z`)) / (24 * H) }))
      .sort((a, b) => b.late - a.late);
    const name = (email: string | undefined) => staff.find((s) => s.email === email)?.name ?? "";
    const overdueRows = overdue.map(({ b, due, late }) => [
      `${b.company} (${b.id})`,
      b.grade,
      name(b.owner),
      day(new Date(beforeNow.get(b.id!)!)),
      due,
      String(late),
    ]);
    const overdueHeader = ["Buyer", "Grade", "Owner", "Last contact", "Due", "Days overdue"];
    // R33, R35: the overdue buyers summarised — a count per owner, the worst ten — and all of them in the appendix.
    const summary = section(doc, `4. Overdue follow-ups: ${overdue.length} buyers`);
    const perOwner = [LI, WANG]
      .map((o) => [name(o), overdue.filter((x) => x.b.owner === o).length] as const)
      .filter(([, n]) => n > 0);
    expect(summary.tables[0].slice(1).map((r) => [r[0], number(r[1])])).toEqual(perOwner);
    expect(section(doc, `The ${Math.min(10, overdue.length)} most overdue`).tables[0]).toEqual([
      overdueHeader,
      ...overdueRows.slice(0, 10),
    ]);
    expect(section(doc, "Appendix: every overdue buyer").tables[0]).toEqual([overdueHeader, ...overdueRows]);

    // R33: the buyers followed up this week, by name, per salesperson (a logged contact or a reply).
    const contactsBy = new Map<string, Set<string>>();
    const touch = (who: string | undefined, id: string | undefined) => {
      if (!who || !id) return;
      const set = contactsBy.get(who) ?? new Set<string>();
      set.add(id);
      contactsBy.set(who, set);
    };
    for (const f of followUps)
      if (["follow-up", "quote", "sample"].includes(f.kind!) && inW48(f.at!)) touch(f.by, f.buyerId);
    for (const q of inquiries) if (inW48(q.repliedAt ?? null)) touch(q.assignedTo || q.owner, q.buyerId);
    const label = (id: string) => {
      const b = buyers.find((x) => x.id === id)!;
      return { company: b.company!, text: `${b.company} (${b.id})` };
    };
    expect(section(doc, "3. Buyers followed up this week").tables[0]).toEqual([
      ["Salesperson", "Count", "Buyers"],
      ...[LI, WANG]
        .filter((p) => contactsBy.has(p))
        .map((p) => {
          const list = [...contactsBy.get(p)!].map(label).sort((a, b) => a.company.localeCompare(b.company));
          return [name(p), String(list.length), list.map((x) => x.text).join("; ")];
        }),
    ]);

    // Key buyers (R19, R35): every A buyer, the next contact soonest first.
    const latestStep = (id: string) =>
      followUps.filter((f) => f.buyerId === id).sort((a, b) => b.at!.getTime() - a.at!.getTime())[0];
    const aRows = buyers
      .filter((b) => b.grade === "A")
      .map((b) => {
        const step = latestStep(b.id!);
        return [
          `${b.company} (${b.id})`,
          name(b.owner),
          day(new Date(beforeNow.get(b.id!)!)),
          dueFrom(b, beforeNow),
          `${day(step.at!)} ${step.kind}: ${step.summary}${step.nextStep ? ` → ${step.nextStep}` : ""}`,
        ];
      })
      .sort((a, b) => (a[3] < b[3] ? -1 : 1));
    expect(section(doc, "1. Key buyers: grade A").tables[0]).toEqual([
      ["Buyer", "Owner", "Last contact", "Next contact", "Latest step"],
      ...aRows,
    ]);

    // Quotes, samples, feedback and grade changes.
    expect(section(doc, "Quotes sent: 1 (last week 1)").tables[0]).toEqual([
      ["No.", "Date", "Buyer", "By", "Items", "Total", "Status"],
      ["Q-2026-001", "2026-11-25", "Berlin Tools GmbH (B-000001)", "Li Na", "HX-200 x 500", "USD 12500", "sent"],
    ]);
    expect(section(doc, "Samples sent: 1 (last week 0)").tables[0][1]).toEqual([
      "S-000001",
      "2026-11-24",
      "Hanoi Hardware (B-000002)",
      "HX-200",
      "physical, collect",
      "DHL 123",
      "—",
    ]);
    expect(
      section(doc, "Samples still awaiting feedback")
        .tables[0].slice(1)
        .map((r) => r[0]),
    ).toEqual(["S-000000"]);
    expect(section(doc, "Sample feedback this week").tables[0].slice(1)).toEqual([
      ["2026-11-27 10:00", "Austin Supply (B-000003)", "Wang Wei", "Sample received, colour approved"],
    ]);
    expect(section(doc, "Grade changes: 2 (last week 1)").tables[0].slice(1)).toEqual([
      ["2026-11-25 11:00", "Hanoi Hardware (B-000002)", "C → B", "Wang Wei"],
      ["2026-11-26 16:00", "Austin Supply (B-000003)", "B → A", "Wang Wei"],
    ]);

    // R35: difficulties flagged "needs the boss": this week's and any still unanswered, with who and which buyer.
    const difficulties = followUps
      .filter((f) => f.needsBoss && (inW48(f.at!) || !f.bossAnswer))
      .sort((a, b) => a.at!.getTime() - b.at!.getTime());
    expect(section(doc, "2. Difficulties for you").tables[0].slice(1)).toEqual(
      difficulties.map((f) => {
        const b = buyers.find((x) => x.id === f.buyerId)!;
        return [
          new Date(f.at!.getTime() + 8 * H).toISOString().slice(0, 16).replace("T", " "),
          name(f.by),
          `${b.company} (${b.id})`,
          f.summary,
          f.nextStep || "—",
          f.bossAnswer || "—",
        ];
      }),
    );
  });

  it("R33: a re-run for the same week updates that week's Doc — one file in the folder, same link", () => {
    const first = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T08:00:00Z") });
    expect(first.created).toBe(true);
    w.env.ctx.meter.quietly(() =>
      append(w, Buyers, [
        { id: "B-000099", company: "Late Addition", created: sh("2026-11-28 17:00"), status: "active" },
      ]),
    );
    const second = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T10:00:00Z") });
    expect(second.created).toBe(false);
    expect(second.docId).toBe(first.docId);
    expect(second.url).toBe(first.url);
    const files = w.env.ctx.meter.quietly(() => {
      const folder = DriveApp.getFoldersByName(REPORT_FOLDER).next();
      const names: string[] = [];
      for (const it = folder.getFiles(); it.hasNext(); ) names.push(it.next().getName());
      return names;
    });
    expect(files).toEqual(["Buyerbook weekly report 2026-W48 (23–29 Nov)"]);
    // The rewrite shows the new buyer and nothing twice.
    const doc = readDoc(w, second.docId);
    expect(section(doc, "5. The week in figures").tables[0][1]).toEqual(["New buyers", "2", "1", "+1"]);
    expect(doc.sections.filter((s) => s.heading === "5. The week in figures")).toHaveLength(1);
  });

  it("C4, C7, R33: the Doc is shared with the boss as an editor, salespeople get nothing, the boss gets the link", () => {
    const result = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T08:00:00Z") });
    expect(result.sharedWith).toEqual([BOSS]);
    const access = w.env.ctx.meter.quietly(() => {
      const file = DriveApp.getFileById(result.docId);
      return {
        owner: file.getOwner().getEmail(),
        viewers: file.getViewers().map((u) => u.getEmail()),
        editors: file.getEditors().map((u) => u.getEmail()),
      };
    });
    expect(access.owner).toBe(ASSISTANT);
    expect(access.editors).toContain(BOSS);
    for (const sales of [LI, WANG]) {
      expect(access.editors).not.toContain(sales);
      expect(access.viewers).not.toContain(sales);
    }
    expect(w.env.ctx.runAs(BOSS, () => DocumentApp.openById(result.docId).getName())).toBe(result.name);
    const inbox = w.env.mail
      .mailbox(BOSS)
      .sortedThreads()
      .flatMap((t) => t.messages);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].content.subject).toBe("Buyerbook weekly report 2026-W48 (23–29 Nov)");
    expect(inbox[0].content.text).toContain(result.url);
  });

  it("R33: a salesperson someone shared the report with loses the access at the next rewrite, Doc and folder alike", () => {
    const first = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T08:00:00Z") });
    w.env.ctx.meter.quietly(() => {
      DriveApp.getFileById(first.docId).addEditor(LI);
      DriveApp.getFoldersByName(REPORT_FOLDER).next().addViewer(WANG);
    });
    const again = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T09:00:00Z") });
    expect(again.docId).toBe(first.docId);
    expect([...again.revoked].sort()).toEqual([LI, WANG].sort());
    const canOpen = (who: string) => {
      try {
        w.env.ctx.runAs(who, () => DocumentApp.openById(first.docId).getName());
        return true;
      } catch {
        return false;
      }
    };
    expect(canOpen(LI)).toBe(false);
    expect(canOpen(WANG)).toBe(false);
    expect(canOpen(BOSS)).toBe(true);
    const folderEditors = w.env.ctx.meter.quietly(() =>
      DriveApp.getFoldersByName(REPORT_FOLDER)
        .next()
        .getEditors()
        .map((u) => u.getEmail()),
    );
    expect(folderEditors).toContain(BOSS);
    expect(folderEditors).not.toContain(LI);
  });

  it("R33: the report speaks the boss's own language (Staff), whatever Settings says", () => {
    w.env.ctx.meter.quietly(() => {
      const staffTable = loadTable(w.book, Staff, "Asia/Shanghai");
      const writer = new TableWriter(staffTable);
      writer.update(BOSS, { language: "zh-CN" });
      writer.commit();
    });
    const result = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T08:00:00Z") });
    expect(result.name).toBe("Buyerbook 周报 2026年第48周（11月23日–29日）");
    const doc = readDoc(w, result.docId);
    expect(doc.sections.map((x) => x.heading)).toContain("一、重点客户：A 类");
    // No rule IDs in anything the boss reads.
    expect(doc.text).not.toMatch(/\bR\d{1,2}\b/);
  });

  it("a zh-CN report sets its text in a CJK font through Text.setFontFamily (so the .docx carries it); en does not", () => {
    // The offline emulator has no Text.setFontFamily yet: lend its Text class one that records the calls.
    const fonts: string[] = [];
    const proto = w.env.ctx.meter.quietly(() =>
      Object.getPrototypeOf(DocumentApp.create("probe").getBody().editAsText()),
    ) as { setFontFamily?: (f: string) => unknown };
    proto.setFontFamily = function (this: unknown, font: string) {
      fonts.push(font);
      return this;
    };
    try {
      writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T08:00:00Z") });
      expect(fonts).toEqual([]);
      w.env.ctx.meter.quietly(() => {
        setSettings(w, { language: "zh-CN" });
        forgetSmallTables();
      });
      writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T09:00:00Z") });
      expect(fonts).toEqual(["Noto Sans SC"]);
    } finally {
      delete proto.setFontFamily;
    }
  });

  it("R33: the Doc and the e-mail speak the Settings language (zh-CN)", () => {
    w.env.ctx.meter.quietly(() => setSettings(w, { language: "zh-CN" }));
    const result = writeWeeklyReport({ book: w.book, now: new Date("2026-11-28T08:00:00Z") });
    expect(result.name).toBe("Buyerbook 周报 2026年第48周（11月23日–29日）");
    const doc = readDoc(w, result.docId);
    expect(section(doc, "五、本周数据").tables[0][0]).toEqual(["指标", "本周", "上周", "变化"]);
    const inbox = w.env.mail
      .mailbox(BOSS)
      .sortedThreads()
      .flatMap((t) => t.messages);
    expect(inbox[0].content.text).toContain("已生成");
    // The same checker as the Chinese sidebar's: every Latin word is the book's data, a code or a brand.
    const data = dataWords(
      ["Buyers", "Inquiries", "Follow-ups", "Quotes", "Samples", "Staff"].map((name) =>
        w.env.ctx.meter.quietly(() => w.book.getSheetByName(name)?.getDataRange().getValues() ?? []),
      ),
    );
    expect(untranslated([doc.title, doc.text], data)).toEqual({ keys: [], words: [] });
    expect(untranslated([inbox[0].content.subject, inbox[0].content.text], data)).toEqual({ keys: [], words: [] });
  });

  it("R34: only the boss and the assistant may write a report from the menu", () => {
    expect(() => writeWeeklyReport({ book: w.book, now: sh("2026-11-28 16:00"), actor: LI })).toThrow(
      "Your role (salesperson) may not do this: report.write.",
    );
    expect(writeWeeklyReport({ book: w.book, now: sh("2026-11-28 16:00"), actor: BOSS }).name).toContain("2026-W48");
  });

  it("a week's Doc that was trashed is replaced by a new one (the property then points to it)", () => {
    const first = writeWeeklyReport({ book: w.book, now: sh("2026-11-28 16:00") });
    w.env.ctx.meter.quietly(() => DriveApp.getFileById(first.docId).setTrashed(true));
    const second = writeWeeklyReport({ book: w.book, now: sh("2026-11-28 17:00") });
    expect(second.created).toBe(true);
    expect(second.docId).not.toBe(first.docId);
    const third = writeWeeklyReport({ book: w.book, now: sh("2026-11-28 18:00") });
    expect(third.docId).toBe(second.docId);
  });

  it("reads each sheet once and keeps Docs calls bounded by sections, not rows", () => {
    const measure = (world: TestWorld) => {
      world.env.ctx.meter.reset();
      writeWeeklyReport({ book: world.book, now: sh("2026-11-28 16:00") });
      return { reads: world.env.ctx.meter.methodCalls("Range.getValues"), docs: world.env.ctx.meter.callsOf("Docs") };
    };
    const small = measure(w);
    // The same book with 300 more buyers and inquiries this week: longer tables, not more calls.
    const big = installGas({ owner: ASSISTANT });
    buildBook(big);
    addActivity(big);
    big.env.ctx.meter.quietly(() => {
      const extra = Array.from({ length: 300 }, (_, i) => i + 100);
      append(
        big,
        Buyers,
        extra.map((n) => ({
          id: `B-${n}`,
          company: `Extra ${n}`,
          grade: "A",
          owner: LI,
          created: sh("2026-09-01 09:00"),
          status: "active",
        })),
      );
      append(
        big,
        Inquiries,
        extra.map((n) => ({
          id: `I-${n}`,
          buyerId: `B-${n}`,
          receivedAt: sh("2026-11-24 09:00"),
          status: "new",
          owner: WANG,
        })),
      );
    });
    const large = measure(big);
    // Settings and Staff, the buyers' columns, and per big table its header and one chunk of rows.
    expect(small.reads).toBeLessThanOrEqual(12);
    expect(large.reads).toBe(small.reads);
    // At most the two "… and N more" lines under the lists that reached their cut (overdue buyers, A buyers).
    expect(large.docs - small.docs).toBeGreaterThanOrEqual(0);
    expect(large.docs - small.docs).toBeLessThanOrEqual(2);
    expect(small.docs).toBeLessThan(150);
  });
});

describe("the Log's check in the weekly report (R33, R34)", () => {
  it("R33, R34: 'Log intact' while every line stands as written; a line edited by hand is counted", () => {
    const w = installGas({ owner: ASSISTANT, now: "2026-11-28T08:00:00Z" });
    buildBook(w);
    w.env.ctx.meter.quietly(() =>
      appendLog(w.book, [
        { at: sh("2026-11-24 10:00"), user: LI, action: "grade", target: "B-000001", detail: "B → A" },
        { at: sh("2026-11-25 10:00"), user: WANG, action: "handover", target: "B-000002", detail: "to Li" },
        { at: sh("2026-11-26 10:00"), user: ASSISTANT, action: "offboard", target: "old@acme-tools.cn", detail: "" },
      ]),
    );
    const intact = writeWeeklyReport({ book: w.book, now: sh("2026-11-28 16:00") });
    expect(readDoc(w, intact.docId).text).toContain("Log intact: no row changed or removed since it was written.");
    // Someone rewrites the handover's detail in the sheet.
    w.env.ctx.meter.quietly(() => {
      const log = w.book.getSheetByName("Log")!;
      const values = log.getDataRange().getValues();
      const row = values.findIndex((r) => r.includes("handover")) + 1;
      const detail = values[0].findIndex((h) => h === "Detail" || h === "详情") + 1;
      log.getRange(row, detail).setValue("to Wang");
    });
    const broken = writeWeeklyReport({ book: w.book, now: sh("2026-11-28 17:00") });
    expect(readDoc(w, broken.docId).text).toContain("Log check: 1 rows changed and 0 removed since they were written.");
  });
});

describe("edge weeks", () => {
  it("R33: an empty week writes a Doc of zeros and 'None.' rather than failing", () => {
    const w = installGas({ owner: ASSISTANT });
    buildBook(w);
    const result = writeWeeklyReport({ book: w.book, now: sh("2026-11-28 16:00") });
    const doc = readDoc(w, result.docId);
    expect(
      section(doc, "5. The week in figures")
        .tables[0].slice(1)
        .map((r) => r.slice(1)),
    ).toEqual(Array.from({ length: 5 }, () => ["0", "0", "0"]));
    expect(section(doc, "6. Reply speed").tables[0][1]).toEqual(["Li Na", "0", "0", "—", "0 (—)", "0 (—)", "0", "0"]);
    expect(section(doc, "1. Key buyers: grade A").paragraphs).toContain("None.");
  });

  it("R33: a 53-week year — 2026-W53 runs from 28 Dec 2026 to 3 Jan 2027", () => {
    const w = installGas({ owner: ASSISTANT });
    buildBook(w);
    w.env.ctx.meter.quietly(() =>
      append(w, Inquiries, [
        { id: "I-1", receivedAt: sh("2026-12-27 23:59"), status: "new" },
        { id: "I-2", receivedAt: sh("2026-12-28 00:00"), status: "new" },
        { id: "I-3", receivedAt: sh("2027-01-03 23:30"), status: "new" },
        { id: "I-4", receivedAt: sh("2027-01-04 00:00"), status: "new" },
      ]),
    );
    const result = writeWeeklyReport({ book: w.book, now: sh("2027-01-05 10:00"), period: "2026-W53" });
    expect(result.name).toBe("Buyerbook weekly report 2026-W53 (28 Dec 2026–3 Jan 2027)");
    const doc = readDoc(w, result.docId);
    expect(section(doc, "5. The week in figures").tables[0][2]).toEqual(["Inquiries", "2", "1", "+1"]);
  });
});

describe("the schedule (R33, R35, R19)", () => {
  it("R33: a missed Saturday is caught up at the next tick (Sunday) and writes that week's report", () => {
    const w = installGas({ owner: ASSISTANT });
    buildBook(w);
    addActivity(w);
    const jobs = {
      weekly: { run: reportRunner("weekly"), minMs: 0 },
      midweek: { run: reportRunner("midweek"), minMs: 0 },
      "monthly-a": { run: reportRunner("monthly-a"), minMs: 0 },
    };
    // The schedule starts on Monday of W48; nothing runs on Friday; Saturday passes with the machine off.
    runHeartbeat(w.book, ASSISTANT, sh("2026-11-23 08:00"), new Budget(), jobs);
    const friday = runHeartbeat(w.book, ASSISTANT, sh("2026-11-27 17:00"), new Budget(), jobs);
    expect(friday.ran.map((r) => r.slotKey)).toEqual(["midweek@2026-W48"]);
    const sunday = runHeartbeat(w.book, ASSISTANT, sh("2026-11-29 10:00"), new Budget(), jobs);
    expect(sunday.ran.map((r) => [r.slotKey, r.error])).toEqual([["weekly@2026-W48", undefined]]);
    const result = sunday.ran[0].result as { name: string; docId: string };
    expect(result.name).toBe("Buyerbook weekly report 2026-W48 (23–29 Nov)");
    const again = runHeartbeat(w.book, ASSISTANT, sh("2026-11-29 11:00"), new Budget(), jobs);
    expect(again.ran).toEqual([]);
    const inbox = w.env.mail
      .mailbox(BOSS)
      .sortedThreads()
      .flatMap((t) => t.messages);
    expect(inbox.map((m) => m.content.subject).sort()).toEqual([
      "Buyerbook Wednesday brief 2026-W48 (23–29 Nov)",
      "Buyerbook weekly report 2026-W48 (23–29 Nov)",
    ]);
  });
});

describe("the Wednesday brief (R35)", () => {
  it("R35: new buyers and A movement since Saturday, overdue follow-ups, unanswered inquiries, open difficulties", () => {
    const w = installGas({ owner: ASSISTANT });
    buildBook(w);
    addActivity(w);
    const result = writeMidweekBrief({ book: w.book, now: sh("2026-11-27 15:00") });
    expect(result.name).toBe("Buyerbook Wednesday brief 2026-W48 (23–29 Nov)");
    const doc = readDoc(w, result.docId);
    const since = sh("2026-11-21 16:00").getTime();
    const asOf = sh("2026-11-27 15:00").getTime();
    const newOnes = buyers.filter((b) => b.created!.getTime() >= since && b.created!.getTime() < asOf);
    expect(
      section(doc, `1. New buyers since Saturday: ${newOnes.length}`)
        .tables[0].slice(1)
        .map((r) => r[0]),
    ).toEqual(newOnes.map((b) => `${b.company} (${b.id})`));
    const aNow = buyers.filter((b) => b.grade === "A").length;
    expect(section(doc, `2. A-grade movement: 1 (A buyers now: ${aNow})`).tables[0].slice(1)).toEqual([
      ["2026-11-26 16:00", "Austin Supply (B-000003)", "B → A", "Wang Wei"],
    ]);
    const unanswered = inquiries.filter((q) => !q.repliedAt && q.receivedAt!.getTime() < asOf);
    expect(unanswered.map((q) => q.id)).toEqual(["I-000006"]);
    expect(
      section(doc, "4. Unanswered inquiries: 1 (1 past the limit)")
        .tables[1].slice(1)
        .map((r) => r[0]),
    ).toEqual(["I-000006"]);
    const open = followUps.filter((f) => f.needsBoss && !f.bossAnswer && f.at!.getTime() < asOf);
    expect(
      section(doc, `5. Open difficulties: ${open.length}`)
        .tables[0].slice(1)
        .map((r) => r[3]),
    ).toEqual(open.sort((a, b) => a.at!.getTime() - b.at!.getTime()).map((f) => f.summary));
  });
});

describe("the monthly A-list (R19)", () => {
  it("R19: every A buyer with details goes to the head of marketing", () => {
    const w = installGas({ owner: ASSISTANT });
    buildBook(w);
    addActivity(w);
    w.env.ctx.meter.quietly(() => setSettings(w, { "report.marketingHeadEmail": "marketing@acme-tools.cn" }));
    const result = writeMonthlyAList({ book: w.book, now: sh("2026-12-01 09:00") });
    expect(result.name).toBe("Buyerbook A-list December 2026");
    expect(result.mailedTo).toEqual(["marketing@acme-tools.cn"]);
    const doc = readDoc(w, result.docId);
    const a = buyers.filter((b) => b.grade === "A");
    const details = section(doc, "Details").tables[0];
    expect(details.slice(1).map((r) => [r[0], r[4]])).toEqual(
      a
        .sort((x, y) => (x.owner === y.owner ? x.company!.localeCompare(y.company!) : x.owner === LI ? -1 : 1))
        .map((b) => [`${b.company} (${b.id})`, b.country]),
    );
    expect(w.env.mail.mailbox("marketing@acme-tools.cn").sortedThreads()).toHaveLength(1);
  });
});
