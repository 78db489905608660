/**
 * SpreadsheetApp: values, formats, ranges, sheets, protections and data validation, with expected values
 * from a peer project's live Apps Script runs (github.com/brucemcpherson/gas-fakes: test/testsheets.js,
 * testsheetsvalues.js, testsheetspermissions.js, testsheetsdatavalidations.js, and the class names its
 * fakes report from toString()). Written here in our own words, on this project's data.
 */
import { expect, suite } from "../harness";

const PEER = "github.com/brucemcpherson/gas-fakes test/";

export const peerSheets = suite("Peer: SpreadsheetApp", (it) => {
  it("create(name, rows, columns) makes one sheet of that size", `${PEER}testsheetsvalues.js`, (fx) => {
    const ss = fx.SpreadsheetApp.create("Orders 2026", 25, 10);
    fx.cleanup(() => fx.DriveApp.getFileById(ss.getId()).setTrashed(true));
    expect(ss.getName()).toBe("Orders 2026");
    expect(ss.getNumSheets()).toBe(1);
    expect(ss.getSheets()[0].getMaxRows()).toBe(25);
    expect(ss.getSheets()[0].getMaxColumns()).toBe(10);
  });

  it("insertSheet at an index renumbers every sheet's getIndex", `${PEER}testsheetsvalues.js`, (fx) => {
    const ss = fx.newSpreadsheet();
    const first = ss.getSheets()[0].getName();
    const s1 = ss.insertSheet("Buyers");
    const s2 = ss.insertSheet("Quotes");
    const s3 = ss.insertSheet("Samples", 1);
    const s4 = ss.insertSheet("Log", 0);
    expect(ss.getSheets().map((s) => [s.getName(), s.getIndex()])).toEqual([
      [s4.getName(), 1],
      [first, 2],
      [s3.getName(), 3],
      [s1.getName(), 4],
      [s2.getName(), 5],
    ]);
    expect(ss.getSheetByName("Buyers")?.getIndex()).toBe(ss.getSheetById(s1.getSheetId())?.getIndex());
  });

  it(
    "setValues then getDataRange().getValues() round-trips a block of numbers; isBlank follows",
    `${PEER}testsheetsvalues.js`,
    (fx) => {
      const sheet = fx.sheet();
      const values = Array.from({ length: 10 }, (_, i) => Array.from({ length: 6 }, (_, j) => i + j));
      const range = sheet.getRange(1, 1, 10, 6);
      expect(range.isBlank()).toBe(true);
      range.setValues(values);
      expect(range.isBlank()).toBe(false);
      expect(range.offset(1, 1, 1, 1).isBlank()).toBe(false);
      expect(sheet.getDataRange().getValues()).toEqual(values);
    },
  );

  it("number formats round-trip, and 'general' reads back as 0.###############", `${PEER}testsheets.js`, (fx) => {
    const range = fx.sheet().getRange("A1:D1");
    range.setNumberFormats([["0.0000", "#,##0.00", "$#.##0.00", "general"]]);
    expect(range.getNumberFormats()).toEqual([["0.0000", "#,##0.00", "$#.##0.00", "0.###############"]]);
    range.setNumberFormat("general");
    expect(range.getNumberFormat()).toBe("0.###############");
  });

  it("setFormula on a 2×2 range moves its relative reference per cell", `${PEER}testsheets.js`, (fx) => {
    const range = fx.sheet().getRange("A51:B52");
    range.setFormula("=A1");
    expect(range.getFormulas()).toEqual([
      ["=A1", "=B1"],
      ["=A2", "=B2"],
    ]);
  });

  it("absolute references stay put when one formula fills a range", `${PEER}testsheets.js`, (fx) => {
    const range = fx.sheet().getRange("C1:C2");
    range.setFormula("=SUM($B$2:$B$4)");
    expect(range.getFormulas()).toEqual([["=SUM($B$2:$B$4)"], ["=SUM($B$2:$B$4)"]]);
  });

  it(
    "a warning-only sheet protection: description, unprotected ranges, no editors, type SHEET",
    `${PEER}testsheets.js`,
    (fx) => {
      const sheet = fx.sheet();
      const p = sheet
        .protect()
        .setDescription("Buyers header")
        .setWarningOnly(true)
        .setUnprotectedRanges([sheet.getRange("A1:B1")]);
      fx.cleanup(() => p.remove());
      expect(p.getDescription()).toBe("Buyers header");
      expect(p.getUnprotectedRanges()[0].getA1Notation()).toBe("A1:B1");
      expect(p.canEdit()).toBe(true);
      expect(p.getEditors()).toHaveLength(0);
      expect(String(p.getProtectionType())).toBe("SHEET");
      expect(p.isWarningOnly()).toBe(true);
      const all = sheet.getParent().getProtections(fx.SpreadsheetApp.ProtectionType.SHEET);
      expect(all.some((q) => q.getDescription() === "Buyers header")).toBe(true);
    },
  );

  it("a range protection can be moved with setRange", `${PEER}testsheets.js`, (fx) => {
    const sheet = fx.sheet();
    const p = sheet.getRange("A1:D5").protect().setDescription("prices");
    fx.cleanup(() => p.remove());
    p.setRange(sheet.getRange("B2:E6"));
    expect(p.getRange().getA1Notation()).toBe("B2:E6");
    expect(String(p.getProtectionType())).toBe("RANGE");
  });

  it(
    "a sheet protection's range is the whole sheet, with an empty A1 notation",
    `${PEER}testsheetspermissions.js`,
    (fx) => {
      const sheet = fx.sheet();
      const p = sheet.protect();
      fx.cleanup(() => p.remove());
      const r = p.getRange();
      expect(r.getNumRows()).toBe(sheet.getMaxRows());
      expect(r.getNumColumns()).toBe(sheet.getMaxColumns());
      expect(r.getA1Notation()).toBe("");
      expect(p.getUnprotectedRanges()).toEqual([]);
    },
  );

  it("a protection's editors are the owner; it prints as Protection", `${PEER}testsheetspermissions.js`, (fx) => {
    const sheet = fx.sheet();
    const p = sheet.getRange("A1:A3").protect();
    fx.cleanup(() => p.remove());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([fx.me]);
    expect(p.canEdit()).toBe(true);
    expect(p.toString()).toBe("Protection");
    expect(String(fx.SpreadsheetApp.ProtectionType.SHEET)).toBe("SHEET");
    expect(String(fx.SpreadsheetApp.ProtectionType.RANGE)).toBe("RANGE");
  });

  it(
    "a fresh newDataValidation() is empty: no criteria, no values, no help text, allows invalid",
    `${PEER}testsheetsdatavalidations.js`,
    ({ SpreadsheetApp }) => {
      const builder = SpreadsheetApp.newDataValidation();
      expect(builder.toString()).toBe("DataValidationBuilder");
      expect(builder.getCriteriaType()).toBeNull();
      expect(builder.getCriteriaValues()).toEqual([]);
      expect(builder.getHelpText()).toBeNull();
      expect(builder.getAllowInvalid()).toBe(true);
      expect(builder.setAllowInvalid(false).getAllowInvalid()).toBe(false);
      expect(builder.copy().toString()).toBe("DataValidationBuilder");
    },
  );

  it(
    "requireCheckbox with 0, 1 or 2 values; build keeps help text and values",
    `${PEER}testsheetsdatavalidations.js`,
    ({ SpreadsheetApp }) => {
      const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
      expect(String(builder.requireCheckbox().getCriteriaType())).toBe("CHECKBOX");
      expect(builder.getCriteriaValues()).toEqual([]);
      expect(builder.requireCheckbox("A").getCriteriaValues()).toEqual(["A"]);
      expect(builder.requireCheckbox("A", "B").getCriteriaValues()).toEqual(["A", "B"]);
      expect(builder.setHelpText("tick when paid").getHelpText()).toBe("tick when paid");
      const built = builder.build();
      expect(built.toString()).toBe("DataValidation");
      expect(String(built.getCriteriaType())).toBe("CHECKBOX");
      expect(built.getCriteriaValues()).toEqual(["A", "B"]);
      expect(built.getAllowInvalid()).toBe(true);
      expect(built.getHelpText()).toBe("tick when paid");
    },
  );

  it(
    "each require… method sets its criteria type and keeps its arguments",
    `${PEER}testsheetsdatavalidations.js`,
    ({ SpreadsheetApp }) => {
      const cases: [string, string, unknown[]][] = [
        ["requireNumberBetween", "NUMBER_BETWEEN", [10, 40]],
        ["requireNumberEqualTo", "NUMBER_EQUAL_TO", [20]],
        ["requireNumberGreaterThan", "NUMBER_GREATER_THAN", [20]],
        ["requireNumberGreaterThanOrEqualTo", "NUMBER_GREATER_THAN_OR_EQUAL_TO", [20]],
        ["requireNumberLessThan", "NUMBER_LESS_THAN", [20]],
        ["requireNumberLessThanOrEqualTo", "NUMBER_LESS_THAN_OR_EQUAL_TO", [20]],
        ["requireNumberNotBetween", "NUMBER_NOT_BETWEEN", [20, 40]],
        ["requireNumberNotEqualTo", "NUMBER_NOT_EQUAL_TO", [20]],
        ["requireTextContains", "TEXT_CONTAINS", ["FOB"]],
        ["requireTextDoesNotContain", "TEXT_DOES_NOT_CONTAIN", ["spam"]],
        ["requireTextEqualTo", "TEXT_EQUAL_TO", ["paid"]],
        ["requireTextIsEmail", "TEXT_IS_VALID_EMAIL", []],
        ["requireTextIsUrl", "TEXT_IS_VALID_URL", []],
        ["requireFormulaSatisfied", "CUSTOM_FORMULA", ["=ISNUMBER(A1)"]],
      ];
      for (const [method, type, args] of cases) {
        const b = SpreadsheetApp.newDataValidation() as unknown as Record<
          string,
          (...a: unknown[]) => GoogleAppsScript.Spreadsheet.DataValidationBuilder
        >;
        const built = b[method](...args).build();
        expect(String(built.getCriteriaType())).toBe(type);
        expect(built.getCriteriaValues()).toEqual(args);
      }
    },
  );

  it("date criteria keep their dates", `${PEER}testsheetsdatavalidations.js`, ({ SpreadsheetApp }) => {
    const a = new Date(Date.UTC(2026, 2, 2));
    const b = new Date(Date.UTC(2026, 2, 3));
    const cases: [string, string, Date[]][] = [
      ["requireDate", "DATE_IS_VALID_DATE", []],
      ["requireDateAfter", "DATE_AFTER", [a]],
      ["requireDateBefore", "DATE_BEFORE", [a]],
      ["requireDateBetween", "DATE_BETWEEN", [a, b]],
      ["requireDateEqualTo", "DATE_EQUAL_TO", [a]],
      ["requireDateNotBetween", "DATE_NOT_BETWEEN", [a, b]],
      ["requireDateOnOrBefore", "DATE_ON_OR_BEFORE", [a]],
      ["requireDateOnOrAfter", "DATE_ON_OR_AFTER", [a]],
    ];
    for (const [method, type, args] of cases) {
      const builder = SpreadsheetApp.newDataValidation() as unknown as Record<
        string,
        (...x: unknown[]) => GoogleAppsScript.Spreadsheet.DataValidationBuilder
      >;
      const built = builder[method](...args).build();
      expect(String(built.getCriteriaType())).toBe(type);
      expect(built.getCriteriaValues().map((d) => (d as Date).toISOString())).toEqual(args.map((d) => d.toISOString()));
    }
  });

  it(
    "requireValueInList turns items into strings and shows a dropdown by default",
    `${PEER}testsheetsdatavalidations.js`,
    ({ SpreadsheetApp }) => {
      const b = SpreadsheetApp.newDataValidation().requireValueInList([
        9 as unknown as string,
        false as unknown as string,
        "z",
      ]);
      expect(String(b.getCriteriaType())).toBe("VALUE_IN_LIST");
      expect(b.getCriteriaValues()).toEqual([["9", "false", "z"], true]);
    },
  );

  it("requireValueInRange keeps the range and the dropdown flag", `${PEER}testsheetsdatavalidations.js`, (fx) => {
    const source = fx.sheet().getRange("A2:C4");
    const b = fx.SpreadsheetApp.newDataValidation().requireValueInRange(source);
    expect(String(b.getCriteriaType())).toBe("VALUE_IN_RANGE");
    const [range, dropdown] = b.getCriteriaValues() as [GoogleAppsScript.Spreadsheet.Range, boolean];
    expect(range.getA1Notation()).toBe("A2:C4");
    expect(dropdown).toBe(true);
    const hidden = fx.SpreadsheetApp.newDataValidation().requireValueInRange(source, false);
    expect(hidden.getCriteriaValues()[1]).toBe(false);
  });

  it("a rule set on a range reads back from every cell", `${PEER}testsheetsdatavalidations.js`, (fx) => {
    const range = fx.sheet().getRange("A5:B6");
    range.setDataValidation(fx.SpreadsheetApp.newDataValidation().requireNumberNotBetween(20, 40).build());
    const rules = range.getDataValidations();
    expect(rules).toHaveLength(2);
    expect(rules[0]).toHaveLength(2);
    expect(rules.flat().every((r) => String(r?.getCriteriaType()) === "NUMBER_NOT_BETWEEN")).toBe(true);
    expect(range.getDataValidation()?.getCriteriaValues()).toEqual([20, 40]);
  });

  it("insertCheckboxes with no, one or two values", `${PEER}testsheetsdatavalidations.js`, (fx) => {
    const sheet = fx.sheet();
    const none = sheet.getRange("A1:A2").insertCheckboxes();
    expect(String(none.getDataValidation()?.getCriteriaType())).toBe("CHECKBOX");
    expect(none.getDataValidation()?.getCriteriaValues()).toEqual([]);
    expect(sheet.getRange("B1:B2").insertCheckboxes("DONE").getDataValidation()?.getCriteriaValues()).toEqual(["DONE"]);
    expect(sheet.getRange("C1:C2").insertCheckboxes("YES", "NO").getDataValidation()?.getCriteriaValues()).toEqual([
      "YES",
      "NO",
    ]);
    const d1 = sheet
      .getRange("D1")
      .setDataValidation(fx.SpreadsheetApp.newDataValidation().requireNumberEqualTo(5).build());
    expect(String(d1.insertCheckboxes().getDataValidation()?.getCriteriaType())).toBe("CHECKBOX");
  });

  it(
    "check and uncheck set checkbox cells only, to their own checked/unchecked values",
    `${PEER}testsheetsdatavalidations.js`,
    (fx) => {
      const sheet = fx.sheet();
      const plain = fx.SpreadsheetApp.newDataValidation().requireCheckbox().build();
      const custom = fx.SpreadsheetApp.newDataValidation().requireCheckbox("YES", "NO").build();
      sheet.getRange("A1").setDataValidation(plain).setValue(true);
      sheet.getRange("A2").setDataValidation(plain).setValue(false);
      sheet.getRange("B1").setDataValidation(custom).setValue("YES");
      sheet.getRange("B2").setDataValidation(custom).setValue("NO");
      sheet.getRange("C1").setValue("some text");
      const mixed = sheet.getRange("A1:C2");
      mixed.uncheck();
      expect(mixed.getValues()).toEqual([
        [false, "NO", "some text"],
        [false, "NO", ""],
      ]);
      mixed.check();
      expect(mixed.getValues()).toEqual([
        [true, "YES", "some text"],
        [true, "YES", ""],
      ]);
      const noRules = sheet.getRange("A3:C3").setValues([["a", "b", "c"]]);
      noRules.check();
      expect(noRules.getValues()).toEqual([["a", "b", "c"]]);
    },
  );

  it("removeCheckboxes drops the rules and the checkbox values", `${PEER}testsheetsdatavalidations.js`, (fx) => {
    const range = fx.sheet().getRange("K2:M3");
    range.setDataValidation(fx.SpreadsheetApp.newDataValidation().requireCheckbox().build());
    range.setValues([
      [true, false, null],
      [false, false, true],
    ]);
    range.removeCheckboxes();
    expect(
      range
        .getDataValidations()
        .flat()
        .every((r) => r === null),
    ).toBe(true);
    expect(
      range
        .getValues()
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
  });

  it(
    "DataValidationCriteria members print as their names",
    `${PEER}testsheetsdatavalidations.js`,
    ({ SpreadsheetApp }) => {
      expect(String(SpreadsheetApp.DataValidationCriteria.DATE_AFTER)).toBe("DATE_AFTER");
      expect(String(SpreadsheetApp.DataValidationCriteria.DATE_BEFORE)).toBe("DATE_BEFORE");
    },
  );

  it(
    "Spreadsheet, Sheet, Range and TextFinder print as their class names",
    `${PEER} (gas-fakes src/services/spreadsheetapp toString)`,
    (fx) => {
      const sheet = fx.sheet();
      expect(sheet.getParent().toString()).toBe("Spreadsheet");
      expect(sheet.toString()).toBe("Sheet");
      expect(sheet.getRange("A1").toString()).toBe("Range");
      expect(sheet.createTextFinder("x").toString()).toBe("TextFinder");
    },
  );

  it(
    "insertRows and insertColumns add blank rows and columns before the given position",
    "developers.google.com/apps-script/reference/spreadsheet/sheet#insertrowsrowindex,-numrows",
    (fx) => {
      const sheet = fx.sheet();
      const rows = sheet.getMaxRows();
      const cols = sheet.getMaxColumns();
      sheet.getRange("A1:B2").setValues([
        ["Buyer", "Country"],
        ["Acme", "DE"],
      ]);
      sheet.insertRows(2, 3);
      sheet.insertColumns(1);
      expect(sheet.getMaxRows()).toBe(rows + 3);
      expect(sheet.getMaxColumns()).toBe(cols + 1);
      expect(sheet.getRange("B1:C1").getValues()).toEqual([["Buyer", "Country"]]);
      expect(sheet.getRange("B5:C5").getValues()).toEqual([["Acme", "DE"]]);
      expect(
        sheet
          .getRange("A1:C4")
          .getValues()
          .slice(1)
          .flat()
          .every((v) => v === ""),
      ).toBe(true);
    },
  );

  it(
    "a chart builder, its chart and container info print as live does; the anchor reads back",
    `${PEER}testsheetschart.js`,
    (fx) => {
      const sheet = fx.sheet();
      sheet.getRange("A1:B3").setValues([
        ["Month", "Orders"],
        ["Jan", 12],
        ["Feb", 19],
      ]);
      const builder = sheet.newChart();
      expect(builder.toString()).toMatch(
        /^com\.google\.apps\.maestro\.server\.beans\.trix\.impl\.ChartPropertyApiEmbeddedChartBuilder@/,
      );
      const chart = builder
        .setChartType(fx.Charts.ChartType.COLUMN)
        .addRange(sheet.getRange("A1:A3"))
        .addRange(sheet.getRange("B1:B3"))
        .setPosition(2, 3, 10, 20)
        .setOption("title", "Orders by month")
        .build();
      expect(chart.toString()).toBe("EmbeddedChart");
      expect(String(chart.modify().getChartType())).toBe("COLUMN");
      sheet.insertChart(chart);
      const info = chart.getContainerInfo();
      expect(info.toString()).toBe("ContainerInfo");
      expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([
        2, 3, 10, 20,
      ]);
      const inserted = sheet.getCharts().find((c) => c.getOptions().get("title") === "Orders by month");
      expect(inserted).toBeTruthy();
      sheet.removeChart(inserted as GoogleAppsScript.Spreadsheet.EmbeddedChart);
      expect(sheet.getCharts().some((c) => c.getChartId() === inserted?.getChartId())).toBe(false);
    },
  );
});
