/** Dropdowns, checkboxes and conditional formats, built for setup (the builders are Apps Script services). */
type Rule = GoogleAppsScript.Spreadsheet.DataValidation;
type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * A dropdown of `values`. allowInvalid: people may type "a " and Buyerbook normalizes it; a hard rule would
 * reject their typing.
 */
export function dropdownRule(values: readonly string[]): Rule {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList([...values], true)
    .setAllowInvalid(true)
    .build();
}

export function checkboxRule(): Rule {
  return SpreadsheetApp.newDataValidation().requireCheckbox().build();
}

/** Rows of `ranges` whose custom formula holds get `background`. */
export function highlightRule(formula: string, background: string, ranges: Range[]) {
  return SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(background)
    .setRanges(ranges)
    .build();
}
