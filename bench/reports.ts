/**
 * Report scenarios: the Saturday weekly report over a year of activity — 10,000 buyers, 100,000
 * inquiries and 200,000 follow-ups. Each sheet walked once in chunks of rows (only the columns the figures use),
 * modeled ≤ 90 s per slice, Docs calls bounded by the report's sections (a table is one appendTable call
 * however many rows it has); in slices it completes and writes the same Doc.
 */
import { createGasEnvironment, type GasEnvironment } from "@buyerbook/gas-emulator";
import { Budget } from "../src/app/budget";
import { isFinished, reportSlice, writeWeeklyReport } from "../src/features/reports";
import { setupWorkbook } from "../src/features/setup";
import type { ColumnSpec } from "../src/store/columns";
import { Buyers, FollowUps, Inquiries, Quotes, Samples, Staff } from "../src/store/schemas";
import { cpuMs, type Scenario } from "./scenario";

const OWNER = "assistant@acme-tools.cn";
const BOSS = "boss@acme-tools.cn";
/** Saturday 28 Nov 2026, 16:00 in Shanghai: the W48 report slot. */
const NOW = new Date("2026-11-28T08:00:00Z");
const DAY = 86_400_000;
const YEAR_AGO = NOW.getTime() - 365 * DAY;
const SALES = Array.from({ length: 6 }, (_, i) => `sales${i + 1}@acme-tools.cn`);
const COUNTRIES = [
  "Germany",
  "United States",
  "Vietnam",
  "United Arab Emirates",
  "Brazil",
  "Nigeria",
  "India",
  "Japan",
];
const pad = (n: number) => String(n).padStart(6, "0");

export interface ReportBookSize {
  buyers: number;
  inquiries: number;
  followUps: number;
}

function fill(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: number,
  columns: readonly ColumnSpec[],
  value: (key: string, i: number) => unknown,
  firstRow = 2,
): void {
  if (rows === 0) return;
  const need = firstRow + rows - 1;
  // In chunks: the emulator's Grid.insertRows spreads the new rows into one splice call, which overflows the
  // call stack near 200,000 rows (noted for the emulator's owner).
  while (sheet.getMaxRows() < need)
    sheet.insertRowsAfter(sheet.getMaxRows(), Math.min(50_000, need - sheet.getMaxRows()));
  const values = Array.from({ length: rows }, (_, i) => columns.map((c) => value(c.key, i) ?? ""));
  sheet.getRange(firstRow, 1, rows, columns.length).setValues(values);
}

/** A year of activity, spread evenly, written with one setValues per sheet while the meter is quiet. */
export function reportBook(size: ReportBookSize): {
  env: GasEnvironment;
  book: GoogleAppsScript.Spreadsheet.Spreadsheet;
} {
  const env = createGasEnvironment({ now: NOW, user: OWNER });
  const { Date: _d, console: _c, ...globals } = env.globals();
  Object.assign(globalThis, globals);
  const book = env.SpreadsheetApp.createForTest("Buyerbook", OWNER);
  env.SpreadsheetApp.setActive(book);
  env.ctx.meter.quietly(() => {
    setupWorkbook(book, OWNER, "en", new Date(YEAR_AGO));
    const people = [
      { email: OWNER, name: "Assistant Chen", role: "assistant" },
      { email: BOSS, name: "Boss Zhang", role: "boss" },
      ...SALES.map((email, i) => ({ email, name: `Sales ${i + 1}`, role: "salesperson" })),
    ];
    fill(book.getSheetByName(Staff.name)!, people.length, Staff.columns, (key, i) => {
      const p = people[i] as Record<string, string>;
      if (key in p) return p[key];
      if (key === "status") return "active";
      if (key === "language") return "en";
      return "";
    });
    const span = NOW.getTime() - YEAR_AGO;
    fill(book.getSheetByName(Buyers.name)!, size.buyers, Buyers.columns, (key, i) => {
      if (key === "id") return `B-${pad(i + 1)}`;
      if (key === "company") return `Company ${i + 1} Ltd.`;
      if (key === "email") return `buyer${i + 1}@example${i % 997}.com`;
      if (key === "country") return COUNTRIES[i % COUNTRIES.length];
      if (key === "grade") return i % 7 === 0 ? "" : "ABCD"[i % 4];
      if (key === "owner") return SALES[i % SALES.length];
      if (key === "status") return i % 50 === 0 ? "do-not-contact" : "active";
      if (key === "created") return new Date(YEAR_AGO + Math.floor((i / size.buyers) * span));
      return "";
    });
    fill(book.getSheetByName(Inquiries.name)!, size.inquiries, Inquiries.columns, (key, i) => {
      const received = YEAR_AGO + Math.floor((i / size.inquiries) * span);
      const replied = i % 20 === 0 ? null : received + (1 + (i % 30)) * 600_000;
      if (key === "id") return `I-${pad(i + 1)}`;
      if (key === "receivedAt") return new Date(received);
      if (key === "repliedAt") return replied === null ? "" : new Date(replied);
      if (key === "buyerId") return `B-${pad((i % size.buyers) + 1)}`;
      if (key === "channel") return i % 10 === 0 ? "platform" : i % 37 === 0 ? "fax" : "email";
      if (key === "source") return i % 10 === 0 ? "alibaba" : "email";
      if (key === "grade") return i % 5 === 0 ? "" : "ABCD"[i % 4];
      if (key === "owner") return SALES[i % SALES.length];
      if (key === "status") return replied === null ? (i % 40 === 0 ? "closed" : "new") : "replied";
      if (key === "subject") return `Inquiry ${i + 1} about drills`;
      return "";
    });
    fill(book.getSheetByName(FollowUps.name)!, size.followUps, FollowUps.columns, (key, i) => {
      if (key === "id") return `F-${pad(i + 1)}`;
      if (key === "at") return new Date(YEAR_AGO + Math.floor((i / size.followUps) * span));
      if (key === "buyerId") return `B-${pad(((i * 7) % size.buyers) + 1)}`;
      if (key === "by") return SALES[i % SALES.length];
      if (key === "kind") return i % 50 === 0 ? "grade" : i % 23 === 0 ? "sample" : i % 11 === 0 ? "note" : "follow-up";
      if (key === "channel") return "email";
      if (key === "summary") return i % 50 === 0 ? "B → A" : `Follow-up ${i + 1}`;
      if (key === "needsBoss") return i % 997 === 0;
      if (key === "bossAnswer") return i % 1994 === 0 ? "Agreed" : "";
      return "";
    });
    fill(book.getSheetByName(Quotes.name)!, 5_000, Quotes.columns, (key, i) => {
      if (key === "id") return `Q-${pad(i + 1)}`;
      if (key === "date") return new Date(YEAR_AGO + Math.floor((i / 5_000) * span));
      if (key === "buyerId") return `B-${pad((i % size.buyers) + 1)}`;
      if (key === "by") return SALES[i % SALES.length];
      if (key === "status") return i % 3 === 0 ? "draft" : "sent";
      if (key === "total") return String(1000 + i);
      if (key === "currency") return "USD";
      return "";
    });
    fill(book.getSheetByName(Samples.name)!, 2_000, Samples.columns, (key, i) => {
      const sent = YEAR_AGO + Math.floor((i / 2_000) * span);
      if (key === "id") return `S-${pad(i + 1)}`;
      if (key === "buyerId") return `B-${pad((i % size.buyers) + 1)}`;
      if (key === "sent") return new Date(sent);
      if (key === "feedbackDue") return new Date(sent + 14 * DAY);
      if (key === "kind") return "physical";
      if (key === "result") return i % 3 === 0 ? "" : "Approved";
      return "";
    });
  });
  return { env, book };
}

export const FULL_SIZE: ReportBookSize = { buyers: 10_000, inquiries: 100_000, followUps: 200_000 };

/** Builds the book, resets the meter and writes the W48 report as the Saturday slot would. */
export function measureWeekly(size: ReportBookSize = FULL_SIZE): {
  env: GasEnvironment;
  cpuMs: number;
  extra: Record<string, number | string>;
} {
  const { env, book } = reportBook(size);
  env.ctx.meter.reset();
  const { value, ms } = cpuMs(() => env.ctx.runAs(OWNER, () => writeWeeklyReport({ book, now: NOW })));
  return {
    env,
    cpuMs: ms,
    extra: {
      docsCalls: env.ctx.meter.callsOf("Docs"),
      driveCalls: env.ctx.meter.callsOf("Drive"),
      mailedTo: value.mailedTo.join(","),
      doc: value.name,
    },
  };
}

/**
 * The report as the heartbeat writes it: one slice per execution (each its own 270 s budget on the modeled
 * clock), until the Doc is written. Returns each slice's modeled seconds and the Doc's text.
 */
function slices(
  env: GasEnvironment,
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sliceMs: number | undefined,
): { seconds: number[]; text: string; restarts: number } {
  env.ctx.modelTime = true;
  const seconds: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const before = env.ctx.meter.modeledMs();
    const budget = new Budget(270_000, () => env.ctx.clock.nowMs());
    const out = env.ctx.runAs(OWNER, () => reportSlice("weekly", { book, now: NOW, budget, sliceMs }));
    seconds.push((env.ctx.meter.modeledMs() - before) / 1000);
    if (isFinished(out)) {
      const text = env.ctx.meter.quietly(() => DocumentApp.openById(out.docId).getBody().getText());
      return { seconds, text, restarts: out.restarts };
    }
  }
  throw new Error("the report did not finish in 50 slices");
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(", ");

/**
 * The weekly report in slices on the full book: first with a tight 20 s walking budget per slice (to show it
 * completes across several), then as the heartbeat runs it (60 s of walking per slice); the meter's figures are
 * the heartbeat-sized run's. Both Docs must read the same.
 */
export function measureSliced(size: ReportBookSize = FULL_SIZE) {
  const { env, book } = reportBook(size);
  const tight = slices(env, book, 20_000);
  env.ctx.meter.reset();
  const { value: heartbeat, ms } = cpuMs(() => slices(env, book, undefined));
  return {
    env,
    cpuMs: ms,
    extra: {
      heartbeatSlices: heartbeat.seconds.length,
      heartbeatSliceSeconds: fmt(heartbeat.seconds),
      tightSlices: tight.seconds.length,
      tightSliceSeconds: fmt(tight.seconds),
      maxSliceSeconds: Math.max(...heartbeat.seconds, ...tight.seconds).toFixed(1),
      everySliceWithin90s: [...heartbeat.seconds, ...tight.seconds].every((s) => s <= 90) ? "yes" : "NO",
      completed: "yes",
      sameDocAcrossSlicings: heartbeat.text === tight.text ? "yes" : "NO",
      restarts: heartbeat.restarts + tight.restarts,
    },
  };
}

export const scenarios: Scenario[] = [
  {
    name: "reports: Saturday weekly report over 100,000 inquiries and 200,000 follow-ups (from the menu, one execution)",
    lowerBound: 7,
    lowerBoundWhy:
      "one read each of Settings, Staff, Buyers, Inquiries, Follow-ups, Quotes and Samples for a walk that never stops; the sliced walk reads each table in chunks of 25,000 rows, one read per run of needed columns (cheaper in the cost model than reading the columns between), so its ratio is the price of being able to stop",
    boundCounts: ["Spreadsheet.read"],
    targets: { maxModeledSeconds: 90, maxCalls: { Docs: 150 } },
    run: () => measureWeekly(),
  },
  {
    name: "reports: the weekly report in slices as the heartbeat writes it (100,000 inquiries, 200,000 follow-ups)",
    lowerBound: 7,
    lowerBoundWhy: "as above; every slice reads Settings, Staff and the buyers again",
    boundCounts: ["Spreadsheet.read"],
    targets: { maxModeledSeconds: 90, maxCalls: { Docs: 150 } },
    run: () => measureSliced(),
  },
];
