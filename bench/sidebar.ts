/**
 * Sidebar scenarios (issue 4): on a book of 20,000 buyers and 20,000 inquiries, opening the sidebar is one RPC,
 * and grading or logging is one RPC costing at most 5 Sheets data calls and under a modeled second.
 */
import { createGasEnvironment, type GasEnvironment } from "../local/gas";
import { setupWorkbook } from "../src/jobs/setup";
import { HANDLERS } from "../src/rpc/handlers";
import type { RpcResult } from "../src/rpc/result";
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

/** A set-up book with `rows` buyers (every 4th owned by Alice) and one inquiry each; services as globals. */
export function sidebarBook(rows = 20_000): SidebarBook {
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
    name: "sidebar: open (bootstrap: me, strings, grades, desk, selected buyer), 20,000 buyers",
    lowerBound: 2,
    lowerBoundWhy: "the desk reads Buyers and Inquiries once each; Staff and Settings come from the cache",
    boundCounts: SHEETS_DATA,
    targets: { maxModeledSeconds: 15 },
    run() {
      const world = sidebarBook();
      world.call(SALES, "searchBuyers", { query: "warm the staff cache" });
      world.env.ctx.meter.reset();
      const { ms } = cpuMs(() => world.call(SALES, "bootstrap"));
      return { env: world.env, cpuMs: ms, extra: { rpcs: 1 } };
    },
  },
];
