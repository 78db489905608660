/**
 * Contract: sharing, access, protections, data validation, toasts and the Ui. The world factory
 * gives two users (owner and a colleague) and a way to run code as either, so the same suite could
 * run in real Apps Script with two accounts.
 */
import { describe, expect, it } from "vitest";
import { EmulatedSpreadsheetApp, GasContext, NO_ACCESS_MESSAGE } from "../src/index";

interface SharingWorld {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  owner: string;
  colleague: string;
  /** Runs `fn` as `user` (a separate execution by that user). */
  as<T>(user: string, fn: () => T): T;
  /** Runs `fn` in an execution without a UI (a time-driven trigger). */
  inTrigger<T>(fn: () => T): T;
  toasts(): { message: string; title: string }[];
  ui: { menus: { name: string; entries: unknown[] }[]; sidebars: { title: string; content: string }[] };
}

export function runAccessContract(name: string, make: () => SharingWorld): void {
  describe(`${name}: sharing and access`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addeditoremailaddress
    it("editors and viewers are listed as Users; the owner is an editor", () => {
      const { ss, owner, colleague } = make();
      ss.addEditor(colleague);
      ss.addViewer("viewer@example.com");
      expect(ss.getOwner()?.getEmail()).toBe(owner);
      expect(ss.getEditors().map((u) => u.getEmail())).toEqual([owner, colleague]);
      expect(ss.getViewers().map((u) => u.getEmail())).toContain("viewer@example.com");
      ss.removeEditor(colleague);
      expect(ss.getEditors().map((u) => u.getEmail())).toEqual([owner]);
    });

    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openbyidid
    it("a removed editor can no longer open or write the spreadsheet", () => {
      const { app, ss, colleague, as } = make();
      const id = ss.getId();
      ss.addEditor(colleague);
      const theirs = as(colleague, () => app.openById(id));
      as(colleague, () => theirs.getSheets()[0].getRange("A1").setValue("hi"));
      ss.removeEditor(colleague);
      expect(() => as(colleague, () => app.openById(id))).toThrow(NO_ACCESS_MESSAGE);
      expect(() => as(colleague, () => theirs.getSheets()[0].getRange("A1").setValue("again"))).toThrow(
        NO_ACCESS_MESSAGE,
      );
      expect(ss.getSheets()[0].getRange("A1").getValue()).toBe("hi");
    });

    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openbyidid
    it("a viewer can read but not write", () => {
      const { app, ss, sheet, as } = make();
      sheet.getRange("A1").setValue("public");
      ss.addViewer("viewer@example.com");
      const theirs = as("viewer@example.com", () => app.openById(ss.getId()));
      expect(as("viewer@example.com", () => theirs.getSheets()[0].getRange("A1").getValue())).toBe("public");
      expect(() => as("viewer@example.com", () => theirs.getSheets()[0].getRange("A1").setValue("x"))).toThrow(
        NO_ACCESS_MESSAGE,
      );
    });
  });

  describe(`${name}: protections`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/protection
    // Text: github.com/theoephraim/node-google-spreadsheet/pull/20
    it("a protected range blocks writes by non-editors of the protection; the owner always writes", () => {
      const { app, ss, sheet, colleague, as } = make();
      ss.addEditor(colleague);
      const p = sheet.getRange("A1:C1").protect().setDescription("Header row");
      p.removeEditors(p.getEditors());
      expect(p.getEditors().map((u) => u.getEmail())).toEqual([ss.getOwner()?.getEmail()]);
      const theirs = as(colleague, () => app.openById(ss.getId()).getSheets()[0]);
      expect(() => as(colleague, () => theirs.getRange("B1").setValue("x"))).toThrow(
        "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      );
      as(colleague, () => theirs.getRange("B2").setValue("ok"));
      sheet.getRange("B1").setValue("owner");
      expect(sheet.getRange("B1:B2").getValues().flat()).toEqual(["owner", "ok"]);
      expect(as(colleague, () => theirs.getProtections(app.ProtectionType.RANGE)[0].canEdit())).toBe(false);
      p.addEditor(colleague);
      as(colleague, () => theirs.getRange("B1").setValue("now allowed"));
      expect(sheet.getRange("B1").getValue()).toBe("now allowed");
    });

    // developers.google.com/apps-script/reference/spreadsheet/protection#setwarningonlywarningonly
    it("warning-only protections do not block scripts; sheet protections honour unprotected ranges", () => {
      const { app, ss, sheet, colleague, as } = make();
      ss.addEditor(colleague);
      const p = sheet.protect();
      p.removeEditors(p.getEditors());
      p.setUnprotectedRanges([sheet.getRange("D:D")]);
      const theirs = as(colleague, () => app.openById(ss.getId()).getSheets()[0]);
      expect(() => as(colleague, () => theirs.getRange("A5").setValue("x"))).toThrow("protected cell");
      as(colleague, () => theirs.getRange("D5").setValue("free"));
      p.setWarningOnly(true);
      as(colleague, () => theirs.getRange("A5").setValue("warned"));
      expect(sheet.getRange("A5").getValue()).toBe("warned");
      expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
      p.remove();
      expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
    });

    // developers.google.com/apps-script/reference/spreadsheet/protection#getrange
    it("a protected range moves with inserted rows", () => {
      const { app, sheet } = make();
      sheet.getRange("A2:B2").protect();
      sheet.insertRowsBefore(1, 3);
      expect(sheet.getProtections(app.ProtectionType.RANGE)[0].getRange().getA1Notation()).toBe("A5:B5");
    });
  });

  describe(`${name}: data validation`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
    // Scripts writing a value outside a reject-input list throw, e.g. a migration script's note:
    // "The data you entered in cell F1 violates the data validation rules set on this cell."
    it("a write that violates a reject-input rule throws and changes nothing; allowInvalid rules accept it", () => {
      const { app, sheet } = make();
      const strict = app.newDataValidation().requireValueInList(["Lead", "Won"], true).setAllowInvalid(false).build();
      sheet.getRange("B2:B10").setDataValidation(strict);
      sheet.getRange("B2").setValue("Won");
      expect(() => sheet.getRange("B2:B3").setValues([["Lead"], ["Maybe"]])).toThrow(
        "The data you entered in cell B3 violates the data validation rules set on this cell.",
      );
      expect(sheet.getRange("B2:B3").getValues().flat()).toEqual(["Won", ""]);
      sheet.getRange("B3").setValue(""); // blanks always pass
      const lenient = app.newDataValidation().requireValueInList(["Lead"]).build();
      expect(lenient.getAllowInvalid()).toBe(true);
      sheet.getRange("C2").setDataValidation(lenient);
      sheet.getRange("C2").setValue("Other");
      expect(sheet.getRange("C2").getValue()).toBe("Other");
      const date = app.newDataValidation().requireDate().setAllowInvalid(false).build();
      sheet.getRange("D2").setDataValidation(date);
      sheet.getRange("D2").setValue("2026-11-26");
      expect(() => sheet.getRange("D2").setValue("soon")).toThrow("violates the data validation rules");
      sheet.getRange("B2:B10").clearDataValidations();
      sheet.getRange("B3").setValue("Maybe");
      expect(sheet.getRange("B3").getDataValidation()).toBeNull();
    });

    // developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
    it("conditional format rules are stored with their ranges", () => {
      const { app, sheet } = make();
      const rule = app
        .newConditionalFormatRule()
        .whenFormulaSatisfied("=$C2<TODAY()")
        .setBackground("#F4CCCC")
        .setRanges([sheet.getRange("A2:F")])
        .build();
      sheet.setConditionalFormatRules([rule]);
      const rules = sheet.getConditionalFormatRules();
      expect(rules).toHaveLength(1);
      expect(rules[0].getRanges()[0].getA1Notation()).toBe("A2:F1000");
    });
  });

  describe(`${name}: toast and Ui`, () => {
    // developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toastmsg,-title,-timeoutseconds
    it("toast is recorded", () => {
      const { ss, toasts } = make();
      ss.toast("Saved 3 orders", "My Tool", 5);
      expect(toasts()).toEqual([expect.objectContaining({ message: "Saved 3 orders", title: "My Tool" })]);
    });

    // developers.google.com/apps-script/reference/base/menu ; .../base/ui#showsidebaruserinterface
    it("menus and sidebars are recorded; getUi() from a trigger throws", () => {
      const { app, ui, inTrigger } = make();
      const sub = app.getUi().createMenu("More").addItem("Settings", "openSettings");
      app.getUi().createMenu("My Tool").addItem("Open", "openSidebar").addSeparator().addSubMenu(sub).addToUi();
      const output = { getTitle: () => "My Tool", getContent: () => "<p>Hello</p>" };
      app.getUi().showSidebar(output as unknown as GoogleAppsScript.HTML.HtmlOutput);
      expect(ui.menus[0].name).toBe("My Tool");
      expect(ui.menus[0].entries).toHaveLength(3);
      expect(ui.sidebars[0]).toMatchObject({ title: "My Tool", content: "<p>Hello</p>" });
      expect(app.getUi().alert("Done")).toBe(app.getUi().Button.OK);
      // Text seen in many scripts run from triggers and the editor.
      expect(() => inTrigger(() => app.getUi())).toThrow("Cannot call SpreadsheetApp.getUi() from this context.");
    });
  });
}

function emulatorWorld(): SharingWorld {
  const owner = "owner@example.com";
  const ctx = new GasContext({ now: "2026-11-20T00:00:00Z", timeZone: "Asia/Shanghai", user: owner });
  const app = new EmulatedSpreadsheetApp(ctx);
  const ss = app.createForTest("Orders", owner);
  app.setActive(ss);
  return {
    app: app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    ss,
    sheet: ss.getSheets()[0],
    owner,
    colleague: "colleague@example.com",
    as: (user, fn) => ctx.runAs(user, fn),
    inTrigger: (fn) => {
      app.uiAvailable = false;
      try {
        return fn();
      } finally {
        app.uiAvailable = true;
      }
    },
    toasts: () => app.toasts(),
    ui: app.uiLog,
  };
}

runAccessContract("emulator", emulatorWorld);
