/**
 * Sidebar scenarios: on a book of 20,000 buyers and 20,000 inquiries, opening the sidebar is one RPC,
 * and grading or logging is one RPC costing at most 5 Sheets data calls and under a modeled second.
 */
import { createGasEnvironment, type GasEnvironment } from "@buyerbook/gas-emulator";
import { Budget } from "../src/app/budget";
import type { RpcResult } from "../src/app/result";
import { type Bootstrap, type BuyerView, dueCells } from "../src/features/desk";
import { runHeartbeat } from "../src/features/schedule";
import { setupWorkbook } from "../src/features/setup";
import { HANDLERS } from "../src/rpc/handlers";
import { dispatch } from "../src/rpc/server";
import { Buyers, FollowUps, Inquiries, Quotes, Samples, Staff } from "../src/store/schemas";
import { cpuMs, type Scenario } from "./scenario";

export const OWNER = "boss@acme-tools.cn";
export const SALES = "alice@acme-tools.cn";
export const NOW = new Date("2026-11-23T02:00:00Z");
/** What "Sheets calls" means in the issue: data round trips (not cheap metadata like getLastRow). */
export const SHEETS_DATA = ["Spreadsheet.read", "Spreadsheet.write", "Spreadsheet.find"];

export interface SidebarBook {
  env: GasEnvironment;
  book: GoogleAppsScript.Spreadsheet.Spreadsheet;
  call<T>(user: string, method: string, payload?: unknown): T;
}

const pad = (n: number) => String(n).padStart(6, "0");

/**
 * A set-up book with `rows` buyers (every 4th owned by Alice); services as globals. Inquiries: by default one
 * each, a third answered and none graded (every inquiry is a desk candidate: the worst case). With
 * `history`, `history` inquiries of a lived-in book: the oldest answered (or closed) and graded but for a
 * straggler every 2,000 rows, the newest 200 partly open and the newest 400 partly ungraded.
 */
export interface LivedIn {
  followUps: number;
  quotes: number;
  samples: number;
  /** How many rows of each history sheet belong to TARGET_BUYER, spread evenly down the sheet. */
  spotlight: { inquiries: number; followUps: number; quotes: number; samples: number };
}

/**
 * A lived-in book: 20,000 buyers, 100,000 inquiries, 200,000 follow-ups, 20,000 quotes, 3,000 samples, the
 * derived due columns kept by the daily refresh, and TARGET_BUYER with 200 history rows scattered through
 * every history sheet (50 inquiries, 100 follow-ups, 30 quotes, 20 samples).
 */
export const LIVED_IN: LivedIn = {
  followUps: 200_000,
  quotes: 20_000,
  samples: 3_000,
  spotlight: { inquiries: 50, followUps: 100, quotes: 30, samples: 20 },
};

export function livedInBook(): SidebarBook {
  return sidebarBook(20_000, 100_000, LIVED_IN);
}

export function sidebarBook(rows = 20_000, history?: number, livedIn?: LivedIn): SidebarBook {
  const env = createGasEnvironment({ now: NOW, user: OWNER });
  const { Date: _d, console: _c, ...globals } = env.globals();
  Object.assign(globalThis, globals);
  const book = env.SpreadsheetApp.createForTest("Buyerbook", OWNER);
  env.SpreadsheetApp.setActive(book);
  env.ctx.meter.quietly(() => {
    setupWorkbook(book, OWNER, "en", NOW);
    book.addEditor(SALES);
    const staff = book.getSheetByName(Staff.name)!;
    const staffLine = Staff.columns.map((c) =>
      c.key === "email"
        ? SALES
        : c.key === "role"
          ? "salesperson"
          : c.key === "status"
            ? "active"
            : c.key === "language"
              ? "en"
              : c.key === "name"
                ? "Alice"
                : "",
    );
    staff.getRange(3, 1, 1, staffLine.length).setValues([staffLine]);
    fill(book.getSheetByName(Buyers.name)!, rows, Buyers.columns, (key, i) => {
      if (key === "id") return `B-${pad(i + 1)}`;
      if (key === "company") return `Company ${i + 1} Ltd.`;
      if (key === "name") return `Contact ${i + 1}`;
      if (key === "email") return `buyer${i + 1}@example${i % 997}.com`;
      if (key === "grade") return i % 5 === 0 ? "" : "ABCD"[i % 4];
      if (key === "owner") return i % 4 === 0 ? SALES : `sales${i % 7}@acme-tools.cn`;
      if (key === "status") return "active";
      if (key === "created") return new Date(NOW.getTime() - (i % 300) * 86_400_000);
      if (key === "lastContact") return i % 3 === 0 ? "" : new Date(NOW.getTime() - (i % 40) * 86_400_000);
      return "";
    });
    fillDue(book.getSheetByName(Buyers.name)!, rows);
    if (history) fillHistory(book.getSheetByName(Inquiries.name)!, rows, history, livedIn?.spotlight.inquiries);
    else
      fill(book.getSheetByName(Inquiries.name)!, rows, Inquiries.columns, (key, i) => {
        if (key === "id") return `I-${pad(i + 1)}`;
        if (key === "buyerId") return `B-${pad(i + 1)}`;
        if (key === "receivedAt") return new Date(NOW.getTime() - (i % 500) * 3_600_000);
        if (key === "channel") return i % 10 === 0 ? "fax" : "email";
        if (key === "subject") return `Inquiry ${i + 1} about drills`;
        if (key === "owner") return i % 4 === 0 ? SALES : `sales${i % 7}@acme-tools.cn`;
        if (key === "status") return i % 3 === 0 ? "replied" : "new";
        return "";
      });
    if (livedIn) fillLivedIn(book, rows, livedIn);
  });
  const call = <T>(user: string, method: string, payload: unknown = {}): T =>
    env.ctx.runAs(user, () => {
      env.LockService.beginExecution(`bench-${method}`);
      try {
        const r = dispatch(HANDLERS, method, JSON.stringify(payload), book, user, NOW) as RpcResult<T>;
        if (!r.ok) throw new Error(`${method}: ${r.code} ${r.error}`);
        return r.data;
      } finally {
        env.LockService.endExecution(`bench-${method}`);
      }
    });
  return { env, book, call };
}

/** Every `count / n`-th row (offset 3) belongs to the spotlight buyer: n rows spread down the sheet. */
function spotlit(i: number, count: number, n: number | undefined): boolean {
  return n !== undefined && n > 0 && i % Math.floor(count / n) === 3;
}
const TARGET_INDEX = 15_000;

function fillHistory(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  buyers: number,
  count: number,
  spotlight?: number,
): void {
  fill(sheet, count, Inquiries.columns, (key, i) => {
    const age = count - 1 - i; // 0 = the newest, at the bottom
    const buyer = spotlit(i, count, spotlight) ? TARGET_INDEX : (i * 7) % buyers;
    if (key === "id") return `I-${pad(i + 1)}`;
    if (key === "buyerId") return `B-${pad(buyer + 1)}`;
    if (key === "receivedAt") return new Date(NOW.getTime() - age * 630_000); // 100,000 over two years
    if (key === "channel") return i % 10 === 0 ? "fax" : "email";
    if (key === "subject") return `Inquiry ${i + 1} about drills`;
    if (key === "owner") return buyer % 4 === 0 ? SALES : `sales${buyer % 7}@acme-tools.cn`;
    if (key === "status") return age < 200 && i % 3 !== 0 ? "new" : i % 10 === 0 ? "closed" : "replied";
    if (key === "repliedAt") return age < 200 && i % 3 !== 0 ? "" : new Date(NOW.getTime() - age * 600_000);
    if (key === "grade") return (age < 400 && i % 2 === 0) || i % 2_000 === 7 ? "" : "ABCD"[i % 4];
    return "";
  });
}

/** Next follow-up and Days overdue as the daily refresh leaves them. */
function fillDue(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number): void {
  const values = sheet.getRange(2, 1, rows, Buyers.columns.length).getValues();
  const at = (key: string) => Buyers.columns.findIndex((c) => c.key === key);
  const config = {
    timeZone: "Asia/Shanghai",
    cadenceDays: { A: 3, B: 7, C: 15, D: 30, ungraded: 15 },
    calendar: { timeZone: "Asia/Shanghai", periods: [], workingDays: [1, 2, 3, 4, 5], holidays: [] },
  } as const;
  const cells = values.map((v) => {
    const due = dueCells(
      {
        id: String(v[at("id")]),
        grade: v[at("grade")] as "",
        created: (v[at("created")] || null) as Date | null,
        lastContact: (v[at("lastContact")] || null) as Date | null,
        status: String(v[at("status")]) as "active",
      },
      NOW,
      config as never,
    );
    return [due.nextFollowUp ?? "", due.daysOverdue ?? ""];
  });
  sheet.getRange(2, at("nextFollowUp") + 1, rows, 2).setValues(cells);
}

function fillLivedIn(book: GoogleAppsScript.Spreadsheet.Spreadsheet, buyers: number, l: LivedIn): void {
  // A book in use: the Follow-ups ID counter was seeded by its first click long ago, and the sheet has room
  // below its last row (Sheets grows a sheet in blocks when people type on; see the report on appends).
  PropertiesService.getDocumentProperties().setProperty("ids.F", String(l.followUps));
  const followUps = book.getSheetByName(FollowUps.name)!;
  followUps.insertRowsAfter(followUps.getMaxRows(), Math.max(0, l.followUps + 201 - followUps.getMaxRows()));
  const buyerOf = (i: number, count: number, n: number, step: number) =>
    `B-${pad((spotlit(i, count, n) ? TARGET_INDEX : (i * step) % buyers) + 1)}`;
  const when = (i: number, count: number) => new Date(NOW.getTime() - (count - 1 - i) * (63_072_000_000 / count));
  fill(book.getSheetByName(FollowUps.name)!, l.followUps, FollowUps.columns, (key, i) => {
    if (key === "id") return `F-${pad(i + 1)}`;
    if (key === "at") return when(i, l.followUps);
    if (key === "buyerId") return buyerOf(i, l.followUps, l.spotlight.followUps, 13);
    if (key === "by") return SALES;
    if (key === "kind") return i % 5 === 0 ? "grade" : "follow-up";
    if (key === "channel") return i % 5 === 0 ? "" : "email";
    if (key === "summary") return `Follow-up ${i + 1}: sent the catalogue`;
    return "";
  });
  fill(book.getSheetByName(Quotes.name)!, l.quotes, Quotes.columns, (key, i) => {
    if (key === "id") return `Q-2025-${String(i + 1).padStart(5, "0")}`;
    if (key === "date") return when(i, l.quotes);
    if (key === "buyerId") return buyerOf(i, l.quotes, l.spotlight.quotes, 11);
    if (key === "by") return SALES;
    if (key === "currency") return "USD";
    if (key === "items") return "CD-18 x 500";
    if (key === "total") return "6250.00";
    if (key === "status") return "sent";
    return "";
  });
  fill(book.getSheetByName(Samples.name)!, l.samples, Samples.columns, (key, i) => {
    if (key === "id") return `S-${pad(i + 1)}`;
    if (key === "requestDate") return when(i, l.samples);
    if (key === "buyerId") return buyerOf(i, l.samples, l.spotlight.samples, 17);
    if (key === "products") return "P-0001";
    if (key === "kind") return i % 2 ? "physical" : "electronic";
    if (key === "result") return i > l.samples - 40 ? "" : "liked it";
    if (key === "feedbackDue") return when(i, l.samples);
    return "";
  });
}

function fill(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: number,
  columns: readonly { key: string }[],
  value: (key: string, i: number) => unknown,
): void {
  if (sheet.getMaxRows() < rows + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rows + 1 - sheet.getMaxRows());
  const values = Array.from({ length: rows }, (_, i) => columns.map((c) => value(c.key, i)));
  sheet.getRange(2, 1, rows, columns.length).setValues(values);
}

/** Alice's buyer and inquiry far down the sheet (row 15,001), so a whole-column scan would show in the figures. */
export const TARGET_BUYER = `B-${pad(15_001)}`;
export const TARGET_INQUIRY = `I-${pad(15_001)}`;

/** The scenario of a click: the buyer was on screen first (the sidebar opened it), then one RPC is measured. */
export function measureClick(
  method: "gradeInquiry" | "logFollowUp",
  options: { warm?: boolean; hoursLater?: number } = {},
): { env: GasEnvironment; cpuMs: number; result: unknown } {
  const world = sidebarBook();
  // Warm: the click comes from the buyer card, which hands back the rows it was read on (as the sidebar does).
  const view = options.warm !== false ? world.call<BuyerView>(SALES, "buyer", { buyerId: TARGET_BUYER }) : undefined;
  // The card left open for hours: the document cache's entries (headers, hints) have expired meanwhile.
  if (options.hoursLater) world.env.ctx.clock.advance(options.hoursLater * 3_600_000);
  if (!view) world.call(SALES, "searchBuyers", { query: "nothing-matches-this" }); // Staff/Settings cached, no row hints
  const row = view?.inquiries.find((i) => i.id === TARGET_INQUIRY)?.row;
  const buyerRow = view?.buyer.row;
  world.env.ctx.meter.reset();
  const payload =
    method === "gradeInquiry"
      ? { inquiryId: TARGET_INQUIRY, buyerId: TARGET_BUYER, grade: "A", row, buyerRow }
      : {
          buyerId: TARGET_BUYER,
          row: buyerRow,
          inquiryId: TARGET_INQUIRY,
          inquiryRow: row,
          channel: "phone",
          summary: "Called; they want 500 pcs by March",
          nextStep: "Send the quote",
          needsBoss: false,
          answered: true,
        };
  const { value, ms } = cpuMs(() => world.call(SALES, method, payload));
  return { env: world.env, cpuMs: ms, result: value };
}

const clickWhy =
  "read the inquiry row and the buyer row (the rows the buyer card was read on, handed back by the sidebar); then every row written (the two rows, the new Follow-ups row) read again just before in one batched read, written in one batched write and read once after in one batched read (safe-write.ts)";

export const scenarios: Scenario[] = [
  {
    name: "sidebar: open a buyer with 200 scattered history rows (row known), lived-in book",
    lowerBound: 5,
    lowerBoundWhy:
      "a TextFinder on the Buyer ID column of each history sheet (Inquiries, Follow-ups, Quotes, Samples) and one batched read of the rows found with the buyer's row",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1 },
    run: () => measureBuyer(),
  },
  {
    name: "sidebar: open a buyer with 200 scattered history rows (no row hint: the row guessed from the ID), lived-in book",
    lowerBound: 5,
    lowerBoundWhy: "as above (IDs are appended in order: B-015001 is looked for on row 15,002 and checked)",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1 },
    run: () => measureBuyer({ hinted: false }),
  },
  {
    name: "sidebar: grade an inquiry (and its buyer) on 20,000 buyers",
    lowerBound: 5,
    lowerBoundWhy: clickWhy,
    boundCounts: SHEETS_DATA,
    // Reads: the two rows, then all written rows just before and after the one write.
    targets: { maxModeledSeconds: 1, maxRatio: 1, maxCalls: { "Spreadsheet.read": 4, "Spreadsheet.write": 1 } },
    run: () => measureClick("gradeInquiry"),
  },
  {
    name: "sidebar: log a follow-up that answered a phone inquiry, 20,000 buyers",
    lowerBound: 5,
    lowerBoundWhy: clickWhy,
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1, maxRatio: 1 },
    run: () => measureClick("logFollowUp"),
  },
  {
    name: "sidebar: grade an inquiry 7 hours after its card was read (the cache expired; the rows the card showed), 20,000 buyers",
    lowerBound: 5,
    lowerBoundWhy: `${clickWhy}; Staff, Settings and the header rows read again (their cached copies expired)`,
    boundCounts: SHEETS_DATA,
    // A cold start: Staff, Settings and the header rows are read again, in one batched read, and cached again.
    targets: { maxModeledSeconds: 1 },
    run: () => measureClick("gradeInquiry", { hoursLater: 7 }),
  },
  {
    name: "sidebar: grade an inquiry with no row hints at all (cache expired, no rows from the card), 20,000 buyers",
    lowerBound: 7,
    lowerBoundWhy: `${clickWhy}; without hints each row costs a TextFinder search more`,
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1 },
    run: () => measureClick("gradeInquiry", { warm: false }),
  },
  {
    name: "sidebar: open (bootstrap: me, strings, grades, desk, selected buyer), 20,000 buyers, 100,000 inquiries",
    lowerBound: 3,
    lowerBoundWhy:
      "a TextFinder for open inquiries; one batched read of Buyers' Next follow-up and Owner columns, the Grade column of the newest 10,000 inquiries and Samples' feedback columns; one batched read of the rows shown (the inquiries' buyers are named by the cache)",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1, maxCalls: { "Spreadsheet.read": 3, "Spreadsheet.find": 1 } },
    run: () => measureOpen(20_000, 100_000),
  },
  {
    name: "sidebar: first open of the day (nothing cached: the night expired it all), 20,000 buyers, 100,000 inquiries",
    lowerBound: 4,
    lowerBoundWhy:
      "as above (the open inquiries found by the night's hourly tick instead of a TextFinder), plus one batched read of Staff, Settings and the header rows, and one of the inquiries' buyers for their names",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1 },
    run: () => measureOpen(20_000, 100_000, { first: true }),
  },
  {
    name: "sidebar: open, worst case — 20,000 buyers, 20,000 inquiries none graded (every inquiry a candidate)",
    lowerBound: 4,
    lowerBoundWhy: "as above, but every inquiry row is read (its 14 desk columns)",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 8 },
    run: () => measureOpen(20_000),
  },
];

/**
 * One bootstrap by Alice. `reopen` (the default): the sidebar was open earlier today, so the document cache
 * holds the small tables, the sheets' header rows and the names of the desk's buyers — a day's usual open.
 * `first`: the first open of a day: the night has expired every cached copy (tables, headers, names, row hints);
 * the night's last hourly tick has searched for the open inquiries.
 */
export function measureOpen(
  buyers: number,
  history?: number,
  options: { first?: boolean } = {},
): { env: GasEnvironment; cpuMs: number; extra: Record<string, number> } {
  const world = sidebarBook(buyers, history);
  world.call(SALES, "bootstrap");
  if (options.first) {
    // The night since yesterday's last open: every cached copy (tables, headers, names, row hints) has expired.
    world.env.ctx.clock.advance(12 * 3_600_000);
    // The night's last hourly tick (the owner's heartbeat, no job due): it records its beat and finds the open
    // inquiries for the morning's desks.
    world.env.ctx.meter.quietly(() =>
      world.env.ctx.runAs(OWNER, () => runHeartbeat(world.book, OWNER, world.env.ctx.clock.now(), new Budget(), {})),
    );
    // Half an hour later: what the tick put in the document cache has expired too (an add-on's trigger has none).
    world.env.ctx.clock.advance(30 * 60_000);
  }
  world.env.ctx.meter.reset();
  const { value, ms } = cpuMs(() => world.call<Bootstrap>(SALES, "bootstrap"));
  return {
    env: world.env,
    cpuMs: ms,
    extra: {
      rpcs: 1,
      unanswered: value.desk.totals.unanswered,
      ungraded: value.desk.totals.ungraded,
      due: value.desk.totals.overdue + value.desk.totals.today,
    },
  };
}

/**
 * Opening TARGET_BUYER (200 history rows scattered through every history sheet) on the lived-in book: the
 * sidebar was open (Staff, Settings and the headers cached); with `hinted` the buyer's row is known from the
 * desk (a row hint); without it the row is guessed from the ID (and checked).
 */
export function measureBuyer(options: { hinted?: boolean; world?: SidebarBook } = {}): {
  env: GasEnvironment;
  cpuMs: number;
  result: BuyerView;
  extra: Record<string, number>;
} {
  const world = options.world ?? livedInBook();
  world.call(SALES, "buyer", { buyerId: "B-000002" }); // headers and small tables cached, as after any view
  const cache = () => world.env.CacheService.getDocumentCache()!;
  world.env.ctx.meter.quietly(() =>
    options.hinted === false
      ? cache().remove(`bb.row.Buyers.${TARGET_BUYER}`)
      : cache().put(`bb.row.Buyers.${TARGET_BUYER}`, "15002"),
  );
  world.env.ctx.meter.reset();
  const { value, ms } = cpuMs(() => world.call<BuyerView>(SALES, "buyer", { buyerId: TARGET_BUYER }));
  return { env: world.env, cpuMs: ms, result: value, extra: { rpcs: 1, history: value.history.length } };
}

/** One click on the lived-in book after the buyer view (the sidebar's usual order), measured alone. */
export function measureOn<T>(world: SidebarBook, method: string, payload: unknown): { env: GasEnvironment; result: T } {
  world.env.ctx.meter.reset();
  const result = world.call<T>(SALES, method, payload);
  return { env: world.env, result };
}
