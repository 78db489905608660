import { beforeAll, describe, expect, it } from "vitest";
import {
  livedInBook,
  measureBuyer,
  measureClick,
  measureOn,
  SHEETS_DATA,
  type SidebarBook,
  TARGET_BUYER,
} from "../../../bench/sidebar";
import type { GradeResult, LogResult } from "../../../src/features/desk/types";

const dataCalls = (env: ReturnType<typeof measureClick>["env"]) =>
  SHEETS_DATA.reduce((n, type) => n + env.ctx.meter.callsOf(type), 0);

describe("sidebar clicks on 20,000 buyers (the sidebar bench's book)", () => {
  // Every row written is read just before its write and once after (src/store/safe-write.ts), so a person's
  // sort, inserted row or typing meanwhile never sends a grade to the wrong row — the rows of all sheets a
  // click writes (inquiry, buyer, the appended Follow-ups row) in ONE read before, ONE write and ONE read
  // after: with the two rows' own reads, 5 calls.
  it("C3, R10: grading an inquiry is one RPC of at most 5 Sheets data calls and under a modeled second", () => {
    const { env, result } = measureClick("gradeInquiry");
    expect(result).toMatchObject({ grade: "A", buyerId: "B-015001" });
    expect(dataCalls(env)).toBeLessThanOrEqual(5);
    expect(env.ctx.meter.callsOf("Spreadsheet.find")).toBe(0);
    expect(env.ctx.meter.modeledMs()).toBeLessThan(1000);
  });

  it("C3, R8: logging a follow-up that answered by phone is one RPC of at most 5 Sheets data calls", () => {
    const { env, result } = measureClick("logFollowUp");
    expect(result).toMatchObject({ answered: { inquiryId: "I-015001" } });
    expect(dataCalls(env)).toBeLessThanOrEqual(5);
    expect(env.ctx.meter.modeledMs()).toBeLessThan(1000);
  });

  it("without row hints a click finds its rows with TextFinder, never a whole-table read", () => {
    const { env } = measureClick("gradeInquiry", { warm: false });
    expect(env.ctx.meter.callsOf("Spreadsheet.find")).toBeLessThanOrEqual(2);
    expect(dataCalls(env)).toBeLessThanOrEqual(10);
    // A whole-table read of 20,000 rows would be hundreds of thousands of cells.
    const cellsRead = env.ctx.meter.summary().find((s) => s.type === "Spreadsheet.read")?.units ?? 0;
    // The rows themselves, and each written row with its neighbours read before and after its write.
    expect(cellsRead).toBeLessThan(600);
  });
});

describe("a buyer with 200 history rows on a lived-in book (20,000 buyers, 100,000 inquiries, 200,000 follow-ups)", () => {
  let world: SidebarBook;
  beforeAll(() => {
    world = livedInBook();
  }, 120_000);

  it("R22: opening the buyer is one RPC: a TextFinder per history sheet and ONE batched read — at most 5 Sheets data calls, under a modeled second", () => {
    const { env, result } = measureBuyer({ world });
    expect(result.buyer.id).toBe(TARGET_BUYER);
    // 50 inquiries, 100 follow-ups, 30 quotes and 20 samples spread down their sheets, plus the few the fill
    // gives this buyer anyway: every one is found.
    const kinds = (k: string) => result.history.filter((h) => h.kind === k).length;
    expect(kinds("inquiry")).toBeGreaterThanOrEqual(50);
    expect(kinds("followup")).toBeGreaterThanOrEqual(100);
    expect(kinds("quote")).toBeGreaterThanOrEqual(30);
    expect(kinds("sample")).toBeGreaterThanOrEqual(20);
    expect(dataCalls(env)).toBeLessThanOrEqual(5);
    expect(env.ctx.meter.callsOf("Spreadsheet.read")).toBe(1);
    // Far fewer cells than the span of the rows (the span of 200 scattered rows is most of each sheet).
    const cellsRead = env.ctx.meter.summary().find((s) => s.type === "Spreadsheet.read")?.units ?? 0;
    expect(cellsRead).toBeLessThan(6_000);
    // Four TextFinders over 320,000 history cells are ~0.8 s of it under the sourced cost table.
    expect(env.ctx.meter.modeledMs()).toBeLessThan(1100);
  });

  it("R22: with no row hint the buyer's row is looked for where its ID puts it, checked, in the same batch", () => {
    const { env, result } = measureBuyer({ world, hinted: false });
    expect(result.buyer.id).toBe(TARGET_BUYER);
    expect(dataCalls(env)).toBeLessThanOrEqual(5);
    // Four TextFinders over 320,000 history cells are ~0.8 s of it under the sourced cost table.
    expect(env.ctx.meter.modeledMs()).toBeLessThan(1100);
  });

  it("C3, R10, R8: grading one of its inquiries and logging a follow-up: each one RPC under a modeled second, answering with the history line", () => {
    const view = measureBuyer({ world }).result;
    const inquiryId = view.history.find((h) => h.kind === "inquiry")!.id;
    // The rows the card was read on go back with the click, as the sidebar sends them.
    const grade = measureOn<GradeResult>(world, "gradeInquiry", {
      inquiryId,
      grade: "B",
      buyerId: view.buyer.id,
      row: view.inquiries.find((i) => i.id === inquiryId)?.row,
      buyerRow: view.buyer.row,
    });
    expect(grade.result.patch?.history[0]).toMatchObject({ kind: "followup", status: "grade" });
    // The checked writes (src/store/safe-write.ts): the rows written (the inquiry, the buyer) and the appended
    // Follow-ups row are read just before and after, all sheets in one call each, and written in one call.
    expect(dataCalls(grade.env)).toBeLessThanOrEqual(5);
    expect(grade.env.ctx.meter.modeledMs()).toBeLessThan(1000);
    const log = measureOn<LogResult>(world, "logFollowUp", {
      buyerId: TARGET_BUYER,
      row: view.buyer.row,
      channel: "email",
      summary: "Sent the revised price list",
    });
    expect(log.result.patch.history[0]).toMatchObject({ kind: "followup", title: "Sent the revised price list" });
    // One row written and one appended, checked together: the buyer's read, then one read, one write, one read.
    expect(dataCalls(log.env)).toBeLessThanOrEqual(4);
    expect(log.env.ctx.meter.modeledMs()).toBeLessThan(1000);
  });
});
