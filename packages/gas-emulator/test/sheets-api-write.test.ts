/**
 * values.batchUpdate beyond the portable contract: a protected cell refuses the whole call (as a colleague, who
 * the contract's single account cannot be), and the call is metered once, priced when made (no write cache).
 */
import { describe, expect, it } from "vitest";
import { COST_TABLE, createGasEnvironment } from "../src/index";

const OWNER = "owner@example.com";
const COLLEAGUE = "colleague@example.com";

function world() {
  const env = createGasEnvironment({ now: "2026-03-02T09:00:00Z", user: OWNER, timeZone: "Asia/Shanghai" });
  const ss = env.SpreadsheetApp.createForTest("Book", OWNER);
  const sheet = ss.getSheets()[0];
  sheet.setName("Buyers");
  return { env, ss, sheet };
}

describe("Sheets.Spreadsheets.Values.batchUpdate in the emulator", () => {
  it("a protected cell refuses the whole call: nothing is written, the protection's message is given", () => {
    const { env, ss, sheet } = world();
    ss.addEditor(COLLEAGUE);
    const p = sheet.getRange("C1:C10").protect();
    p.removeEditors(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .filter((e) => e !== OWNER),
    );
    const call = () =>
      env.Sheets.Spreadsheets.Values.batchUpdate(
        {
          valueInputOption: "RAW",
          data: [
            { range: "Buyers!A2", values: [["free"]] },
            { range: "Buyers!C2", values: [["owner's column"]] },
          ],
        },
        ss.getId(),
      );
    expect(() => env.ctx.runAs(COLLEAGUE, call)).toThrow(/protected cell or object/);
    expect(sheet.getRange("A2:C2").getValues()).toEqual([["", "", ""]]);
    env.ctx.runAs(OWNER, call);
    expect(sheet.getRange("A2:C2").getValues()).toEqual([["free", "", "owner's column"]]);
  });

  it("one call, units = cells written, priced when made", () => {
    const { env, ss } = world();
    env.ctx.meter.reset();
    env.Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: "RAW",
        data: [
          {
            range: "Buyers!A1:C2",
            values: [
              ["a", "b", "c"],
              ["d", null, "f"],
            ],
          },
        ],
      },
      ss.getId(),
    );
    const row = env.ctx.meter.summary().find((r) => r.type === "Spreadsheet.write.api");
    expect(row?.calls).toBe(1);
    expect(row?.units).toBe(5);
    const entry = COST_TABLE["Spreadsheet.write.api"];
    expect(row?.modeledMs).toBeCloseTo(entry.perCall + (entry.perUnit ?? 0) * 5);
  });

  it("a value past the range's own size is refused", () => {
    const { env, ss } = world();
    expect(() =>
      env.Sheets.Spreadsheets.Values.batchUpdate(
        { valueInputOption: "RAW", data: [{ range: "Buyers!A1:B1", values: [["a", "b", "c"]] }] },
        ss.getId(),
      ),
    ).toThrow(/tried writing to column \[C\]/);
  });

  it("a read returns what landed before it: an edit hooked before the call is in its values", () => {
    const { env, ss, sheet } = world();
    sheet.getRange("A1:A3").setValues([["ID"], ["B-1"], ["B-2"]]);
    env.SpreadsheetApp.flush();
    const id = ss.getId();
    env.ctx.meter.reset();
    const next = env.ctx.meter.totalCalls + 1;
    env.ctx.meter.beforeCall(next, () => sheet.getRange("A2:A3").setValues([["B-2"], ["B-1"]]));
    const got = env.Sheets.Spreadsheets.Values.batchGetByDataFilter(
      { dataFilters: [{ a1Range: "'Buyers'!A2:A3" }, { a1Range: "'Buyers'" }], valueRenderOption: "UNFORMATTED_VALUE" },
      id,
    );
    expect((got.valueRanges ?? []).map((r) => r.valueRange?.values)).toEqual([
      [["B-2"], ["B-1"]],
      [["ID"], ["B-2"], ["B-1"]],
    ]);
    // A whole sheet is metered by the cells it holds (3), not its grid.
    expect(env.ctx.meter.summary().find((r) => r.type === "Spreadsheet.read")?.units).toBe(5);
  });
});
