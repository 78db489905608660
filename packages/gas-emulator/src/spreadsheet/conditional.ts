/** Conditional format rules (SpreadsheetApp.newConditionalFormatRule): stored, not rendered. */
import type { ConditionalRule } from "./model";
import { EmulatedRange } from "./range";
import type { EmulatedSpreadsheet } from "./spreadsheet";

type GRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type GRange = GoogleAppsScript.Spreadsheet.Range;

export class EmulatedConditionalFormatRule implements Pick<GRule, "getRanges" | "copy"> {
  constructor(
    private readonly book: EmulatedSpreadsheet | undefined,
    readonly rule: ConditionalRule,
  ) {}

  getRanges(): GRange[] {
    const book = this.book;
    if (!book) return [];
    return this.rule.ranges.map(
      (x) =>
        new EmulatedRange(
          book.sheetWrapperById(x.sheetId),
          x.rect.r,
          x.rect.c,
          x.rect.nr,
          x.rect.nc,
        ) as unknown as GRange,
    );
  }

  /** The custom formula, when the rule is whenFormulaSatisfied (emulator helper, not Apps Script API). */
  getFormula(): string | undefined {
    return this.rule.formula;
  }

  getBackground(): string | undefined {
    return this.rule.background;
  }

  copy(): GBuilder {
    return new EmulatedConditionalFormatRuleBuilder({
      ...this.rule,
      ranges: [...this.rule.ranges],
    }) as unknown as GBuilder;
  }
}

export class EmulatedConditionalFormatRuleBuilder
  implements
    Pick<GBuilder, "whenFormulaSatisfied" | "setBackground" | "setFontColor" | "setBold" | "setRanges" | "build">
{
  private rule: ConditionalRule;

  constructor(rule?: ConditionalRule) {
    this.rule = rule ?? { ranges: [] };
  }

  private self(): GBuilder {
    return this as unknown as GBuilder;
  }

  whenFormulaSatisfied(formula: string): GBuilder {
    this.rule.formula = formula;
    return this.self();
  }
  setBackground(color: string | null): GBuilder {
    this.rule.background = color ?? undefined;
    return this.self();
  }
  setFontColor(color: string | null): GBuilder {
    this.rule.fontColor = color ?? undefined;
    return this.self();
  }
  setBold(bold: boolean | null): GBuilder {
    this.rule.bold = bold ?? undefined;
    return this.self();
  }
  setRanges(ranges: GRange[]): GBuilder {
    this.rule.ranges = ranges.map((r) => {
      const e = r as unknown as EmulatedRange;
      return { sheetId: e.sheet.model.sheetId, rect: { ...e.rect } };
    });
    return this.self();
  }
  build(): GRule {
    return new EmulatedConditionalFormatRule(undefined, {
      ...this.rule,
      ranges: [...this.rule.ranges],
    }) as unknown as GRule;
  }
}

export function ConditionalRuleOf(rule: GRule): ConditionalRule {
  const e = rule as unknown as EmulatedConditionalFormatRule;
  if (!(e instanceof EmulatedConditionalFormatRule)) throw new Error("Invalid argument: rules");
  return { ...e.rule, ranges: e.rule.ranges.map((x) => ({ sheetId: x.sheetId, rect: { ...x.rect } })) };
}
