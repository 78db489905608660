import { describe, expect, it } from "vitest";
import { measureClick, SHEETS_DATA } from "../../../bench/sidebar";

const dataCalls = (env: ReturnType<typeof measureClick>["env"]) =>
  SHEETS_DATA.reduce((n, type) => n + env.ctx.meter.callsOf(type), 0);

describe("sidebar clicks on 20,000 buyers (the sidebar bench's book)", () => {
  it("C3, R10: grading an inquiry is one RPC of at most 5 Sheets data calls and under 1 s modeled", () => {
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
    expect(cellsRead).toBeLessThan(200);
  });
});
