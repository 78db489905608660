/**
 * Sidebar scenarios: on a book of 20,000 buyers and 20,000 inquiries, opening the sidebar is one RPC,
 * and grading or logging is one RPC costing at most 5 Sheets data calls and under a modeled second.
 */
import { createGasEnvironment, type GasEnvironment } from "@buyerbook/gas-emulator";
import type { RpcResult } from "../src/app/result";
import type { Bootstrap } from "../src/features/desk";
import { setupWorkbook } from "../src/features/setup";
import { HANDLERS } from "../src/rpc/handlers";
import { dispatch } from "../src/rpc/server";
import { Buyers, Inquiries, Staff } from "../src/store/schemas";
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
export function sidebarBook(rows = 20_000, history?: number): SidebarBook {
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
    if (history) fillHistory(book.getSheetByName(Inquiries.name)!, rows, history);
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

function fillHistory(sheet: GoogleAppsScript.Spreadsheet.Sheet, buyers: number, count: number): void {
  fill(sheet, count, Inquiries.columns, (key, i) => {
    const age = count - 1 - i; // 0 = the newest, at the bottom
    const buyer = (i * 7) % buyers;
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
  options: { warm?: boolean } = {},
): { env: GasEnvironment; cpuMs: number; result: unknown } {
  const world = sidebarBook();
  if (options.warm !== false) world.call(SALES, "buyer", { buyerId: TARGET_BUYER });
  else world.call(SALES, "searchBuyers", { query: "nothing-matches-this" }); // Staff/Settings cached, no row hints
  world.env.ctx.meter.reset();
  const payload =
    method === "gradeInquiry"
      ? { inquiryId: TARGET_INQUIRY, grade: "A" }
      : {
          buyerId: TARGET_BUYER,
          inquiryId: TARGET_INQUIRY,
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
  "read the inquiry row and the buyer row (row hints from the buyer view), write each back, append one Follow-ups row";

export const scenarios: Scenario[] = [
  {
    name: "sidebar: grade an inquiry (and its buyer) on 20,000 buyers",
    lowerBound: 5,
    lowerBoundWhy: clickWhy,
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1, maxRatio: 1, maxCalls: { "Spreadsheet.read": 2, "Spreadsheet.write": 3 } },
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
    name: "sidebar: grade an inquiry with no row hints (first click after 6 h), 20,000 buyers",
    lowerBound: 5,
    lowerBoundWhy: `${clickWhy}; without hints each row costs a TextFinder search more`,
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 1.2 },
    run: () => measureClick("gradeInquiry", { warm: false }),
  },
  {
    name: "sidebar: open (bootstrap: me, strings, grades, desk, selected buyer), 20,000 buyers, 100,000 inquiries",
    lowerBound: 4,
    lowerBoundWhy:
      "Buyers: the desk's 8 columns in 3 runs (ID–contact, grade–status, created–last contact); Inquiries: the Grade column of the newest 10,000 rows; plus a TextFinder for open ones and the candidate rows; Staff and Settings come from the cache",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 3 },
    run: () => measureOpen(20_000, 100_000),
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

/** One bootstrap by Alice, Staff/Settings already cached (a click before); the desk is read from the sheets. */
export function measureOpen(
  buyers: number,
  history?: number,
): { env: GasEnvironment; cpuMs: number; extra: Record<string, number> } {
  const world = sidebarBook(buyers, history);
  world.call(SALES, "searchBuyers", { query: "warm the staff cache" });
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
