/**
 * Data validation rules (SpreadsheetApp.newDataValidation) and the check Sheets applies when a script
 * writes into a cell whose rule rejects invalid input. Sheets throws for such a write; scripts
 * commonly hit "The data you entered in cell F1 violates the data validation rules set on this cell."
 * when writing headers over a dropdown column (a real migration script quotes it; see messages.ts).
 */
import { CRITERIA_TYPES, type CriteriaType, type ValidationRule } from "./model";
import type { CellValue } from "./values";

type GDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GRange = GoogleAppsScript.Spreadsheet.Range;

/** SpreadsheetApp.DataValidationCriteria (the subset this emulator builds and checks). */
export const DataValidationCriteria = Object.fromEntries(CRITERIA_TYPES.map((c) => [c, c])) as Record<
  CriteriaType,
  CriteriaType
>;

function copyArg(a: unknown): unknown {
  if (Array.isArray(a)) return [...a];
  if (a instanceof Date) return new Date(a.getTime());
  return a;
}

function argsOut(args: unknown[]): unknown[] {
  return args.map(copyArg);
}

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
    return argsOut(this.rule.args);
  }

  getHelpText(): string {
    return this.rule.helpText as string;
  }

  copy(): GBuilder {
    return new EmulatedDataValidationBuilder({
      ...this.rule,
      args: this.rule.args.map(copyArg),
    }) as unknown as GBuilder;
  }

  toString(): string {
    return "DataValidation";
  }
}

/** What a builder holds: a rule whose criteria may still be unset (a fresh newDataValidation()). */
type Draft = Omit<ValidationRule, "criteria"> & { criteria: CriteriaType | null };

type BuilderMethods =
  | "requireValueInList"
  | "requireValueInRange"
  | "requireDate"
  | "requireDateAfter"
  | "requireDateBefore"
  | "requireDateBetween"
  | "requireDateNotBetween"
  | "requireDateEqualTo"
  | "requireDateOnOrAfter"
  | "requireDateOnOrBefore"
  | "requireNumberBetween"
  | "requireNumberNotBetween"
  | "requireNumberEqualTo"
  | "requireNumberNotEqualTo"
  | "requireNumberGreaterThan"
  | "requireNumberGreaterThanOrEqualTo"
  | "requireNumberLessThan"
  | "requireNumberLessThanOrEqualTo"
  | "requireCheckbox"
  | "requireTextContains"
  | "requireTextDoesNotContain"
  | "requireTextEqualTo"
  | "requireTextIsEmail"
  | "requireTextIsUrl"
  | "requireFormulaSatisfied"
  | "withCriteria"
  | "setAllowInvalid"
  | "setHelpText"
  | "build"
  | "getAllowInvalid"
  | "getCriteriaType"
  | "getCriteriaValues"
  | "getHelpText"
  | "copy";

/**
 * SpreadsheetApp.newDataValidation(). A fresh builder has no criteria, no values, no help text and allows
 * invalid input (facts from gas-fakes' live run: test/testsheetsdatavalidations.js "data validation basics").
 */
export class EmulatedDataValidationBuilder implements Pick<GBuilder, BuilderMethods> {
  private rule: Draft;

  constructor(rule?: Draft) {
    this.rule = rule ?? { criteria: null, args: [], allowInvalid: true, helpText: null };
  }

  private set(criteria: CriteriaType, args: unknown[]): GBuilder {
    this.rule = { ...this.rule, criteria, args };
    return this as unknown as GBuilder;
  }

  private date(d: Date): Date {
    return new Date(d.getTime());
  }

  /** Apps Script keeps list items as strings ("a value list converts everything to strings"). */
  requireValueInList(values: unknown[], showDropdown = true): GBuilder {
    return this.set("VALUE_IN_LIST", [values.map(String), showDropdown]);
  }
  requireValueInRange(range: GRange, showDropdown = true): GBuilder {
    return this.set("VALUE_IN_RANGE", [range, showDropdown]);
  }
  requireDate(): GBuilder {
    return this.set("DATE_IS_VALID_DATE", []);
  }
  requireDateAfter(date: Date): GBuilder {
    return this.set("DATE_AFTER", [this.date(date)]);
  }
  requireDateBefore(date: Date): GBuilder {
    return this.set("DATE_BEFORE", [this.date(date)]);
  }
  requireDateBetween(start: Date, end: Date): GBuilder {
    return this.set("DATE_BETWEEN", [this.date(start), this.date(end)]);
  }
  requireDateNotBetween(start: Date, end: Date): GBuilder {
    return this.set("DATE_NOT_BETWEEN", [this.date(start), this.date(end)]);
  }
  requireDateEqualTo(date: Date): GBuilder {
    return this.set("DATE_EQUAL_TO", [this.date(date)]);
  }
  requireDateOnOrAfter(date: Date): GBuilder {
    return this.set("DATE_ON_OR_AFTER", [this.date(date)]);
  }
  requireDateOnOrBefore(date: Date): GBuilder {
    return this.set("DATE_ON_OR_BEFORE", [this.date(date)]);
  }
  requireNumberBetween(start: number, end: number): GBuilder {
    return this.set("NUMBER_BETWEEN", [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): GBuilder {
    return this.set("NUMBER_NOT_BETWEEN", [start, end]);
  }
  requireNumberEqualTo(number: number): GBuilder {
    return this.set("NUMBER_EQUAL_TO", [number]);
  }
  requireNumberNotEqualTo(number: number): GBuilder {
    return this.set("NUMBER_NOT_EQUAL_TO", [number]);
  }
  requireNumberGreaterThan(number: number): GBuilder {
    return this.set("NUMBER_GREATER_THAN", [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): GBuilder {
    return this.set("NUMBER_GREATER_THAN_OR_EQUAL_TO", [number]);
  }
  requireNumberLessThan(number: number): GBuilder {
    return this.set("NUMBER_LESS_THAN", [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): GBuilder {
    return this.set("NUMBER_LESS_THAN_OR_EQUAL_TO", [number]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): GBuilder {
    return this.set(
      "CHECKBOX",
      checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked],
    );
  }
  requireTextContains(text: string): GBuilder {
    return this.set("TEXT_CONTAINS", [text]);
  }
  requireTextDoesNotContain(text: string): GBuilder {
    return this.set("TEXT_DOES_NOT_CONTAIN", [text]);
  }
  requireTextEqualTo(text: string): GBuilder {
    return this.set("TEXT_EQUAL_TO", [text]);
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
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.DataValidationCriteria, args: unknown[]): GBuilder {
    const name = String(criteria) as CriteriaType;
    if (!(name in DataValidationCriteria)) throw new Error("Invalid argument: criteria");
    return this.set(name, args.map(copyArg));
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
    const { criteria } = this.rule;
    // Unsourced text: a rule without criteria cannot be built.
    if (criteria === null) throw new Error("Invalid argument: the data validation rule has no criteria.");
    return new EmulatedDataValidation({
      ...this.rule,
      criteria,
      args: this.rule.args.map(copyArg),
    }) as unknown as GDataValidation;
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.rule.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): unknown[] {
    return argsOut(this.rule.args);
  }
  getHelpText(): string {
    return this.rule.helpText as string;
  }
  copy(): GBuilder {
    return new EmulatedDataValidationBuilder({
      ...this.rule,
      args: this.rule.args.map(copyArg),
    }) as unknown as GBuilder;
  }
  toString(): string {
    return "DataValidationBuilder";
  }
}

export function ruleOf(v: unknown): ValidationRule {
  if (v instanceof EmulatedDataValidation) return v.rule;
  throw new Error("Invalid argument: rule");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s.]+\.[^\s]+$/i;

function num(v: CellValue): number | undefined {
  return typeof v === "number" ? v : undefined;
}

function dayOf(v: CellValue): number | undefined {
  return v instanceof Date ? v.getTime() : undefined;
}

function between(x: number | undefined, a: unknown, b: unknown): boolean {
  if (x === undefined) return false;
  const [p, q] = [Number(a instanceof Date ? a.getTime() : a), Number(b instanceof Date ? b.getTime() : b)];
  return x >= Math.min(p, q) && x <= Math.max(p, q);
}

function time(a: unknown): number {
  return a instanceof Date ? a.getTime() : Number(a);
}

/** Whether `value` satisfies `rule`. Blank cells always pass, as in Sheets. */
export function satisfies(rule: ValidationRule, value: CellValue): boolean {
  if (value === "") return true;
  const a = rule.args;
  const n = num(value);
  const d = dayOf(value);
  const text = typeof value === "string" ? value : undefined;
  switch (rule.criteria) {
    case "VALUE_IN_LIST": {
      const list = (a[0] as unknown[]) ?? [];
      const shown = value instanceof Date ? value.toISOString() : String(value);
      return list.some((item) => String(item) === shown);
    }
    case "DATE_IS_VALID_DATE":
      return d !== undefined;
    case "DATE_AFTER":
      return d !== undefined && d > time(a[0]);
    case "DATE_BEFORE":
      return d !== undefined && d < time(a[0]);
    case "DATE_ON_OR_AFTER":
      return d !== undefined && d >= time(a[0]);
    case "DATE_ON_OR_BEFORE":
      return d !== undefined && d <= time(a[0]);
    case "DATE_EQUAL_TO":
      return d !== undefined && d === time(a[0]);
    case "DATE_BETWEEN":
      return between(d, a[0], a[1]);
    case "DATE_NOT_BETWEEN":
      return d !== undefined && !between(d, a[0], a[1]);
    case "NUMBER_BETWEEN":
      return between(n, a[0], a[1]);
    case "NUMBER_NOT_BETWEEN":
      return n !== undefined && !between(n, a[0], a[1]);
    case "NUMBER_EQUAL_TO":
      return n !== undefined && n === Number(a[0]);
    case "NUMBER_NOT_EQUAL_TO":
      return n !== undefined && n !== Number(a[0]);
    case "NUMBER_GREATER_THAN":
      return n !== undefined && n > Number(a[0]);
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      return n !== undefined && n >= Number(a[0]);
    case "NUMBER_LESS_THAN":
      return n !== undefined && n < Number(a[0]);
    case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      return n !== undefined && n <= Number(a[0]);
    case "CHECKBOX":
      if (a.length === 0) return typeof value === "boolean";
      return a.some((x) => x === value);
    case "TEXT_CONTAINS":
      return String(value).includes(String(a[0]));
    case "TEXT_DOES_NOT_CONTAIN":
      return !String(value).includes(String(a[0]));
    case "TEXT_EQUAL_TO":
      return String(value) === String(a[0]);
    case "TEXT_IS_VALID_EMAIL":
      return text !== undefined && EMAIL.test(text);
    case "TEXT_IS_VALID_URL":
      return text !== undefined && URL_RE.test(text);
    default:
      // Range- and formula-based rules need a formula engine; the emulator accepts the value.
      return true;
  }
}

/** The values a checkbox rule writes for checked and unchecked (Range.check / uncheck). */
export function checkboxValues(rule: ValidationRule): [CellValue, CellValue] {
  if (rule.args.length === 0) return [true, false];
  return [rule.args[0] as CellValue, (rule.args[1] ?? "") as CellValue];
}
