/**
 * How Sheets reads what setValue/setValues write into a cell that is not plain text: formula entry with
 * "+", "-" and "=", dates, currency, accounting negatives, grouping and percent, per spreadsheet locale.
 * Each case names where its expected value comes from; "unsourced" marks behaviour observed in Sheets but
 * not published by Google (the live run of this suite is how it gets checked).
 */
import { expect, type Fixture, suite } from "../harness";

const SET_VALUE = "developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue";
const LOCALE = "support.google.com/docs/answer/58515 (locale sets date, number and currency formats)";

function cell(fx: Fixture, input: string, locale = "en_US", zone = "Europe/London") {
  const range = fx.sheetIn(locale, zone).getRange("B2");
  range.setValue(input);
  return range;
}

function day(fx: Fixture, value: unknown, zone = "Europe/London"): string {
  expect(value).toBeDate();
  return fx.Utilities.formatDate(value as GoogleAppsScript.Base.Date, zone, "yyyy-MM-dd HH:mm");
}

function thisYear(fx: Fixture, zone = "Europe/London"): string {
  return fx.Utilities.formatDate(fx.now() as GoogleAppsScript.Base.Date, zone, "yyyy");
}

export const sheetsParsing = suite("Sheets input parsing", (it) => {
  it(
    'a leading "+" is formula entry: "+86 574 1234" is the formula =+86 574 1234, a parse error',
    "github.com/OWOX/owox-data-marts/pull/1535 (a value starting with + renders #ERROR! Formula parse error); " +
      "github.com/nithinmurali/pygsheets/pull/373",
    (fx) => {
      const r = cell(fx, "+86 574 1234");
      expect(r.getFormula()).toBe("=+86 574 1234");
      expect(r.getValue()).toBe("#ERROR!");
      expect(r.getDisplayValue()).toBe("#ERROR!");
    },
  );

  it(
    'a "+" number is a formula whose value is the number: "+8613800001111"',
    "github.com/nithinmurali/pygsheets/pull/373 (text starting with + is read as a formula); value unsourced",
    (fx) => {
      const r = cell(fx, "+8613800001111");
      expect(r.getValue()).toBe(8613800001111);
      expect(r.getFormula()).toBe("=+8613800001111");
    },
  );

  it(
    'a leading "-" before something that is not a number is formula entry too: "-abc" is #NAME?',
    "unsourced",
    (fx) => {
      const r = cell(fx, "-abc");
      expect(r.getFormula()).toBe("=-abc");
      expect(r.getValue()).toBe("#NAME?");
    },
  );

  it('"- two words" after a minus does not parse: #ERROR!', "unsourced", (fx) => {
    const r = cell(fx, "- see attached");
    expect(r.getFormula()).toBe("=- see attached");
    expect(r.getValue()).toBe("#ERROR!");
  });

  it('a negative number stays a number, not a formula: "-7.25", "-1,234.5"', SET_VALUE, (fx) => {
    const sheet = fx.sheetIn("en_US", "Europe/London");
    const r = sheet.getRange("A1:A2");
    r.setValues([["-7.25"], ["-1,234.5"]]);
    expect(r.getValues()).toEqual([[-7.25], [-1234.5]]);
    expect(r.getFormulas()).toEqual([[""], [""]]);
  });

  it('"=" starts a formula; a constant formula has its value', SET_VALUE, (fx) => {
    const r = cell(fx, "=1+2*3");
    expect(r.getFormula()).toBe("=1+2*3");
    expect(r.getValue()).toBe(7);
  });

  it(
    "a plain-text ('@') cell keeps every one of these as the text written",
    "developers.google.com/apps-script/reference/spreadsheet/range#setnumberformatnumberformat",
    (fx) => {
      const inputs = ["+86 574 1234", "-abc", "$1,234.50", "(123)", "Jan 5", "1/2", "12%", "=1+1", "1.234,5"];
      const r = fx.sheetIn("en_US", "Europe/London").getRange(1, 1, inputs.length, 1);
      r.setNumberFormat("@");
      r.setValues(inputs.map((s) => [s]));
      expect(r.getValues()).toEqual(inputs.map((s) => [s]));
      expect(r.getFormulas()).toEqual(inputs.map(() => [""]));
    },
  );

  it('a month name first is a date in English locales: "Jan 5" is 5 January this year', "unsourced", (fx) => {
    const r = cell(fx, "Jan 5");
    expect(day(fx, r.getValue())).toBe(`${thisYear(fx)}-01-05 00:00`);
  });

  it('"5 Jan 2026" and "January 5, 2026" are dates; "May 2026" is 1 May 2026', "unsourced", (fx) => {
    const r = fx.sheetIn("en_US", "Europe/London").getRange("A1:A3");
    r.setValues([["5 Jan 2026"], ["January 5, 2026"], ["May 2026"]]);
    const [[a], [b], [c]] = r.getValues();
    expect(day(fx, a)).toBe("2026-01-05 00:00");
    expect(day(fx, b)).toBe("2026-01-05 00:00");
    expect(day(fx, c)).toBe("2026-05-01 00:00");
  });

  it('"$1,234.50" in en_US is the number 1234.5 with a currency format', `${LOCALE}; format string unsourced`, (fx) => {
    const r = cell(fx, "$1,234.50");
    expect(r.getValue()).toBe(1234.5);
    expect(r.getNumberFormat()).toMatch("$");
    expect(r.getDisplayValue()).toBe("$1,234.50");
  });

  it('accounting parentheses are a negative: "(123)" is -123, "($1,234.50)" is -1234.5', "unsourced", (fx) => {
    const r = fx.sheetIn("en_US", "Europe/London").getRange("A1:A2");
    r.setValues([["(123)"], ["($1,234.50)"]]);
    expect(r.getValues()).toEqual([[-123], [-1234.5]]);
  });

  it('a fraction "1/2" is a date in en_US: 2 January this year', LOCALE, (fx) => {
    const r = cell(fx, "1/2");
    expect(day(fx, r.getValue())).toBe(`${thisYear(fx)}-01-02 00:00`);
  });

  it('"1/2" in en_GB is 1 February (day first)', LOCALE, (fx) => {
    const r = cell(fx, "1/2", "en_GB");
    expect(day(fx, r.getValue())).toBe(`${thisYear(fx)}-02-01 00:00`);
  });

  it('"1/5/2026" is 5 January in en_US and 1 May in en_GB', LOCALE, (fx) => {
    expect(day(fx, cell(fx, "1/5/2026", "en_US").getValue())).toBe("2026-01-05 00:00");
    expect(day(fx, cell(fx, "1/5/2026", "en_GB").getValue())).toBe("2026-05-01 00:00");
  });

  it('de_DE reads "5.1.2026" as 5 January 2026', LOCALE, (fx) => {
    expect(day(fx, cell(fx, "5.1.2026", "de_DE", "Europe/Berlin").getValue(), "Europe/Berlin")).toBe(
      "2026-01-05 00:00",
    );
  });

  it('zh_CN reads "2026/1/5" as 5 January 2026 in the sheet\'s zone', LOCALE, (fx) => {
    const v = cell(fx, "2026/1/5", "zh_CN", "Asia/Shanghai").getValue();
    expect(day(fx, v, "Asia/Shanghai")).toBe("2026-01-05 00:00");
    expect((v as Date).toISOString()).toBe("2026-01-04T16:00:00.000Z");
  });

  it('thousands separators: "1,234,567" in en_US, "1.234.567" in de_DE', LOCALE, (fx) => {
    expect(cell(fx, "1,234,567", "en_US").getValue()).toBe(1234567);
    expect(cell(fx, "1.234.567", "de_DE", "Europe/Berlin").getValue()).toBe(1234567);
  });

  it('decimal comma: "1,5" is 1.5 in de_DE, text in en_US', `${LOCALE}; en_US text unsourced`, (fx) => {
    expect(cell(fx, "1,5", "de_DE", "Europe/Berlin").getValue()).toBe(1.5);
    expect(cell(fx, "1,5", "en_US").getValue()).toBe("1,5");
  });

  it('percentages: "12%" is 0.12 and "12.5%" 0.125 in en_US; "12,5 %" is 0.125 in de_DE', LOCALE, (fx) => {
    const r = fx.sheetIn("en_US", "Europe/London").getRange("A1:A2");
    r.setValues([["12%"], ["12.5%"]]);
    expect(r.getValues()).toEqual([[0.12], [0.125]]);
    expect(r.getNumberFormats()).toEqual([["0%"], ["0.00%"]]);
    expect(cell(fx, "12,5 %", "de_DE", "Europe/Berlin").getValue()).toBe(0.125);
  });

  it("de_DE shows a number with a decimal comma", LOCALE, (fx) => {
    const r = cell(fx, "1234,5", "de_DE", "Europe/Berlin");
    expect(r.getValue()).toBe(1234.5);
    expect(r.getDisplayValue()).toBe("1234,5");
  });

  it('"1.234,50 €" in de_DE and "¥1,234.50" in zh_CN are currency amounts', `${LOCALE}; formats unsourced`, (fx) => {
    const eur = cell(fx, "1.234,50 €", "de_DE", "Europe/Berlin");
    expect(eur.getValue()).toBe(1234.5);
    expect(eur.getNumberFormat()).toMatch("€");
    const yuan = cell(fx, "¥1,234.50", "zh_CN", "Asia/Shanghai");
    expect(yuan.getValue()).toBe(1234.5);
    expect(yuan.getNumberFormat()).toMatch("¥");
  });

  it("numbers, booleans and Dates passed as values are never parsed", SET_VALUE, (fx) => {
    const r = fx.sheetIn("de_DE", "Europe/Berlin").getRange("A1:C1");
    const when = new Date(Date.UTC(2026, 0, 5, 8, 0, 0));
    r.setValues([[1.5, true, when]]);
    const [[n, b, d]] = r.getValues();
    expect(n).toBe(1.5);
    expect(b).toBe(true);
    expect((d as Date).getTime()).toBe(when.getTime());
  });
});
