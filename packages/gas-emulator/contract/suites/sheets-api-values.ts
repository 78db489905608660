/**
 * The Sheets advanced service's values.batchUpdate: many ranges of several sheets in one call, RAW keeping
 * every string as it is, USER_ENTERED parsing text like typing, null leaving a cell alone, and a range past
 * the sheet's edge failing the whole call with nothing written. And values.batchGetByDataFilter reading a
 * whole sheet by its name alone and whole rows ("1:1"), trailing blanks left out.
 */
import { expect, type Fixture, suite } from "../harness";

const REF = "developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate";
const INPUT = "developers.google.com/sheets/api/reference/rest/v4/ValueInputOption";
const A1 = "developers.google.com/sheets/api/guides/concepts#cell";
const VALUE_RANGE = "developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values#ValueRange";

function api(fx: Fixture): GoogleAppsScript.Sheets {
  if (!fx.Sheets) throw new Error("The Sheets advanced service is not enabled in this project.");
  return fx.Sheets;
}

const a1 = (sheet: GoogleAppsScript.Spreadsheet.Sheet, ref: string) =>
  `'${sheet.getName().replace(/'/g, "''")}'!${ref}`;

export const sheetsApiValues = suite("Sheets API: values.batchUpdate", (it) => {
  it("RAW stores strings as given: no formula, number, date or boolean is read from text", INPUT, (fx) => {
    const sheet = fx.sheet();
    const id = sheet.getParent().getId();
    api(fx).Spreadsheets!.Values!.batchUpdate(
      {
        valueInputOption: "RAW",
        data: [{ range: a1(sheet, "A1:F1"), values: [["=1+1", "0086 755 1234", "2026-01-05", "TRUE", 42, true]] }],
      },
      id,
    );
    expect(sheet.getRange("A1:F1").getValues()).toEqual([["=1+1", "0086 755 1234", "2026-01-05", "TRUE", 42, true]]);
    expect(sheet.getRange("A1").getFormula()).toBe("");
  });

  it("USER_ENTERED parses text as typing does; a leading apostrophe keeps text", INPUT, (fx) => {
    const sheet = fx.sheet();
    api(fx).Spreadsheets!.Values!.batchUpdate(
      { valueInputOption: "USER_ENTERED", data: [{ range: a1(sheet, "A1:C1"), values: [["0086", "'0086", "TRUE"]] }] },
      sheet.getParent().getId(),
    );
    expect(sheet.getRange("A1:C1").getValues()).toEqual([[86, "0086", true]]);
  });

  it("ranges of two sheets in one call; the response counts what was written", REF, (fx) => {
    const first = fx.sheet();
    const second = fx.sheet();
    const response = api(fx).Spreadsheets!.Values!.batchUpdate(
      {
        valueInputOption: "RAW",
        data: [
          {
            range: a1(first, "B2:C3"),
            values: [
              ["a", "b"],
              ["c", "d"],
            ],
          },
          { range: a1(second, "A5"), values: [["e"]] },
        ],
      },
      first.getParent().getId(),
    );
    expect(response.totalUpdatedCells).toBe(5);
    expect(response.totalUpdatedSheets).toBe(2);
    expect(response.responses?.length).toBe(2);
    expect(response.responses?.[0].updatedCells).toBe(4);
    expect(first.getRange("B2:C3").getValues()).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(second.getRange("A5").getValue()).toBe("e");
  });

  it("a null value leaves its cell as it is; an empty string clears it", VALUE_RANGE, (fx) => {
    const sheet = fx.sheet();
    sheet.getRange("A1:C1").setValues([["keep", "clear", "old"]]);
    api(fx).Spreadsheets!.Values!.batchUpdate(
      { valueInputOption: "RAW", data: [{ range: a1(sheet, "A1:C1"), values: [[null, "", "new"]] }] },
      sheet.getParent().getId(),
    );
    expect(sheet.getRange("A1:C1").getValues()).toEqual([["keep", "", "new"]]);
  });

  it("a range past the sheet's edge fails the whole call and nothing is written", REF, (fx) => {
    const sheet = fx.sheet();
    const rows = sheet.getMaxRows();
    let message = "";
    try {
      api(fx).Spreadsheets!.Values!.batchUpdate(
        {
          valueInputOption: "RAW",
          data: [
            { range: a1(sheet, "A1"), values: [["written?"]] },
            { range: a1(sheet, `A${rows + 1}`), values: [["past the edge"]] },
          ],
        },
        sheet.getParent().getId(),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(/exceeds grid limits/.test(message)).toBe(true);
    expect(sheet.getRange("A1").getValue()).toBe("");
    expect(sheet.getMaxRows()).toBe(rows);
  });

  it(
    "a sheet's name alone reads all its cells with data; '1:1' its first row; trailing blanks are left out",
    A1,
    (fx) => {
      const sheet = fx.sheet();
      sheet.getRange("A1:C3").setValues([
        ["Key", "Value", ""],
        ["lang", "zh-CN", ""],
        ["", "", ""],
      ]);
      const quoted = `'${sheet.getName().replace(/'/g, "''")}'`;
      const response = api(fx).Spreadsheets!.Values!.batchGetByDataFilter(
        {
          dataFilters: [{ a1Range: quoted }, { a1Range: `${quoted}!1:1` }],
          valueRenderOption: "UNFORMATTED_VALUE",
          majorDimension: "ROWS",
        },
        sheet.getParent().getId(),
      );
      const values = (response.valueRanges ?? []).map((r) => r.valueRange?.values);
      expect(values).toEqual([
        [
          ["Key", "Value"],
          ["lang", "zh-CN"],
        ],
        [["Key", "Value"]],
      ]);
    },
  );
});
