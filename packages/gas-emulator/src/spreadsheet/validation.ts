/**
 * Data validation rules (SpreadsheetApp.newDataValidation) and the check Sheets applies when a script
 * writes into a cell whose rule rejects invalid input. Sheets throws for such a write; scripts
 * commonly hit "The data you entered in cell F1 violates the data validation rules set on this cell."
 * when writing headers over a dropdown column (a real migration script quotes it; see messages.ts).
 */
import type { CriteriaType, ValidationRule } from "./model";
import type { CellValue } from "./values";

type GDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

/** SpreadsheetApp.DataValidationCriteria (the subset this emulator builds and checks). */
export const DataValidationCriteria: Record<CriteriaType, CriteriaType> = {
  VALUE_IN_LIST: "VALUE_IN_LIST",
  VALUE_IN_RANGE: "VALUE_IN_RANGE",
  DATE_IS_VALID_DATE: "DATE_IS_VALID_DATE",
  DATE_AFTER: "DATE_AFTER",
  DATE_BEFORE: "DATE_BEFORE",
  DATE_BETWEEN: "DATE_BETWEEN",
  NUMBER_BETWEEN: "NUMBER_BETWEEN",
  NUMBER_GREATER_THAN: "NUMBER_GREATER_THAN",
  NUMBER_LESS_THAN: "NUMBER_LESS_THAN",
  CHECKBOX: "CHECKBOX",
  TEXT_IS_VALID_EMAIL: "TEXT_IS_VALID_EMAIL",
  TEXT_IS_VALID_URL: "TEXT_IS_VALID_URL",
  CUSTOM_FORMULA: "CUSTOM_FORMULA",
};

export class EmulatedDataValidation
  implements Pick<GDataValidation, "getAllowInvalid" | "getCriteriaType" | "getCriteriaValues" | "getHelpText" | "copy">
{
  constructor(readonly rule: ValidationRule) {}

  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.rule.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }

  getCriteriaValues(): unknown[] {
    return this.rule.args.map((a) => (Array.isArray(a) ? [...a] : a));
  }

  getHelpText(): string {
    return this.rule.helpText as string;
  }

  copy(): GBuilder {
    return new EmulatedDataValidationBuilder({ ...this.rule, args: [...this.rule.args] }) as unknown as GBuilder;
  }
}

export class EmulatedDataValidationBuilder
  implements
    Pick<
      GBuilder,
      | "requireValueInList"
      | "requireDate"
      | "requireDateAfter"
      | "requireDateBefore"
      | "requireNumberBetween"
      | "requireNumberGreaterThan"
      | "requireNumberLessThan"
      | "requireCheckbox"
      | "requireTextIsEmail"
      | "requireTextIsUrl"
      | "requireFormulaSatisfied"
      | "setAllowInvalid"
      | "setHelpText"
      | "build"
      | "getAllowInvalid"
      | "getCriteriaType"
      | "getCriteriaValues"
      | "getHelpText"
      | "copy"
    >
{
  private rule: ValidationRule;

  // New rules allow invalid input (show a warning) unless told otherwise, per the DataValidationBuilder page.
  constructor(rule?: ValidationRule) {
    this.rule = rule ?? { criteria: "VALUE_IN_LIST", args: [[], true], allowInvalid: true, helpText: null };
  }

  private set(criteria: CriteriaType, args: unknown[]): GBuilder {
    this.rule = { ...this.rule, criteria, args };
    return this as unknown as GBuilder;
  }

  requireValueInList(values: string[], showDropdown = true): GBuilder {
    return this.set("VALUE_IN_LIST", [[...values], showDropdown]);
  }
  requireDate(): GBuilder {
    return this.set("DATE_IS_VALID_DATE", []);
  }
  requireDateAfter(date: Date): GBuilder {
    return this.set("DATE_AFTER", [new Date(date.getTime())]);
  }
  requireDateBefore(date: Date): GBuilder {
    return this.set("DATE_BEFORE", [new Date(date.getTime())]);
  }
  requireNumberBetween(start: number, end: number): GBuilder {
    return this.set("NUMBER_BETWEEN", [start, end]);
  }
  requireNumberGreaterThan(number: number): GBuilder {
    return this.set("NUMBER_GREATER_THAN", [number]);
  }
  requireNumberLessThan(number: number): GBuilder {
    return this.set("NUMBER_LESS_THAN", [number]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): GBuilder {
    return this.set(
      "CHECKBOX",
      checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked],
    );
  }
  requireTextIsEmail(): GBuilder {
    return this.set("TEXT_IS_VALID_EMAIL", []);
  }
  requireTextIsUrl(): GBuilder {
    return this.set("TEXT_IS_VALID_URL", []);
  }
  requireFormulaSatisfied(formula: string): GBuilder {
    return this.set("CUSTOM_FORMULA", [formula]);
  }
  setAllowInvalid(allowInvalidData: boolean): GBuilder {
    this.rule = { ...this.rule, allowInvalid: allowInvalidData };
    return this as unknown as GBuilder;
  }
  setHelpText(helpText: string): GBuilder {
    this.rule = { ...this.rule, helpText };
    return this as unknown as GBuilder;
  }
  build(): GDataValidation {
    return new EmulatedDataValidation({ ...this.rule, args: [...this.rule.args] }) as unknown as GDataValidation;
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.rule.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.rule.args];
  }
  getHelpText(): string {
    return this.rule.helpText as string;
  }
  copy(): GBuilder {
    return new EmulatedDataValidationBuilder({ ...this.rule }) as unknown as GBuilder;
  }
}

export function ruleOf(v: unknown): ValidationRule {
  if (v instanceof EmulatedDataValidation) return v.rule;
  throw new Error("Invalid argument: rule");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s.]+\.[^\s]+$/i;

/** Whether `value` satisfies `rule`. Blank cells always pass, as in Sheets. */
export function satisfies(rule: ValidationRule, value: CellValue): boolean {
  if (value === "") return true;
  const a = rule.args;
  switch (rule.criteria) {
    case "VALUE_IN_LIST": {
      const list = (a[0] as unknown[]) ?? [];
      const text = value instanceof Date ? value.toISOString() : String(value);
      return list.some((item) => String(item) === text);
    }
    case "DATE_IS_VALID_DATE":
      return value instanceof Date;
    case "DATE_AFTER":
      return value instanceof Date && value.getTime() > (a[0] as Date).getTime();
    case "DATE_BEFORE":
      return value instanceof Date && value.getTime() < (a[0] as Date).getTime();
    case "NUMBER_BETWEEN": {
      const lo = Math.min(a[0] as number, a[1] as number);
      const hi = Math.max(a[0] as number, a[1] as number);
      return typeof value === "number" && value >= lo && value <= hi;
    }
    case "NUMBER_GREATER_THAN":
      return typeof value === "number" && value > (a[0] as number);
    case "NUMBER_LESS_THAN":
      return typeof value === "number" && value < (a[0] as number);
    case "CHECKBOX":
      if (a.length === 0) return typeof value === "boolean";
      return a.some((x) => x === value);
    case "TEXT_IS_VALID_EMAIL":
      return typeof value === "string" && EMAIL.test(value);
    case "TEXT_IS_VALID_URL":
      return typeof value === "string" && URL_RE.test(value);
    default:
      // Range- and formula-based rules need a formula engine; the emulator accepts the value.
      return true;
  }
}
