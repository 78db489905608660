/**
 * SpreadsheetApp's RangeList (Sheet.getRangeList): several ranges of one sheet changed by ONE call. Per the
 * RangeList reference, setValue "Sets the value for each Range in the RangeList"; one call is one service
 * round trip, so a list of scattered cells costs one write, not one per cell. Every range is checked
 * (protections, validation) before any is written, so a refused call changes nothing.
 */
import type { EmulatedRange } from "./range";
import type { EmulatedSheet } from "./sheet";

type GRangeList = GoogleAppsScript.Spreadsheet.RangeList;

export class EmulatedRangeList implements Pick<GRangeList, "getRanges" | "setValue" | "setNumberFormat"> {
  constructor(
    private readonly sheet: EmulatedSheet,
    private readonly ranges: EmulatedRange[],
  ) {}

  private asGas(): GRangeList {
    return this as unknown as GRangeList;
  }

  private get cells(): number {
    return this.ranges.reduce((n, r) => n + r.rect.nr * r.rect.nc, 0);
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.ranges as unknown as GoogleAppsScript.Spreadsheet.Range[];
  }

  setValue(value: unknown): GRangeList {
    this.sheet.book.touch("Spreadsheet.write", "RangeList.setValue", this.cells, "edit");
    for (const r of this.ranges) this.sheet.book.assertEditable(this.sheet.model, r.rect);
    for (const r of this.ranges) r.writeInput(grid(r, value));
    return this.asGas();
  }

  setNumberFormat(format: string): GRangeList {
    this.sheet.book.touch("Spreadsheet.write", "RangeList.setNumberFormat", this.cells, "edit");
    for (const r of this.ranges) this.sheet.book.assertEditable(this.sheet.model, r.rect);
    for (const r of this.ranges)
      for (let i = 0; i < r.rect.nr; i += 1)
        for (let j = 0; j < r.rect.nc; j += 1) this.sheet.model.formats.set(r.rect.r + i, r.rect.c + j, format);
    return this.asGas();
  }
}

function grid(r: EmulatedRange, value: unknown): unknown[][] {
  return Array.from({ length: r.rect.nr }, () => new Array(r.rect.nc).fill(value));
}
