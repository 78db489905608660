import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import { campaignStatus, createCampaign, queueCampaign } from "../../../src/features/outreach/campaign";
import { sendQueuedCampaigns } from "../../../src/features/outreach/campaign-send";
import { setupWorkbook } from "../../../src/features/setup/setup";
import type { SheetSpec } from "../../../src/store/columns";
import {
  Buyers,
  Campaigns,
  FollowUps,
  Log,
  ON_DEMAND_SHEETS,
  OUTBOX_STATUSES,
  Outbox,
  Products,
  SETUP_SHEETS,
  Settings,
  Staff,
  Templates,
} from "../../../src/store/schemas";
import { SETTING_DEFAULTS } from "../../../src/store/settings";
import { ensureSheet } from "../../../src/store/sheet-setup";
import { as, installGas, type TestWorld } from "../../support/gas";

const NOW = new Date("2026-11-23T01:00:00Z");
const LI = "li@acme-tools.cn";
const PROTECTED = SETUP_SHEETS.filter((s) => s.protectedSheet).map((s) => s.name as string);

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What a person sees of a sheet's setup: header, frozen rows, the first prepared row's formats and dropdowns. */
function shape(sheet: Sheet, spec: SheetSpec) {
  const width = spec.columns.length;
  return {
    header: sheet.getRange(1, 1, 1, width).getValues()[0],
    frozen: sheet.getFrozenRows(),
    formats: sheet.getRange(2, 1, 1, width).getNumberFormats()[0],
    lastFormatted: sheet.getRange(101, 1, 1, width).getNumberFormats()[0],
    dropdowns: sheet
      .getRange(2, 1, 1, width)
      .getDataValidations()[0]
      .map((v) => (v ? [String(v.getCriteriaType()), v.getCriteriaValues()] : null)),
    highlights: sheet.getConditionalFormatRules().length,
  };
}

describe("Set up workbook", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas();
  });

  it("C1: creates every setup sheet with headers, a frozen header row and plain-text ID/text columns", () => {
    const result = setupWorkbook(w.book, w.owner, "en", NOW);
    expect(result.created).toEqual(SETUP_SHEETS.map((s) => s.name));
    // The blank Sheet1 the spreadsheet came with became the first sheet; the outreach sheets wait for first use.
    expect(w.book.getSheets().map((s) => s.getName())).toEqual(SETUP_SHEETS.map((s) => s.name));
    for (const spec of SETUP_SHEETS) {
      const sheet = w.book.getSheetByName(spec.name)!;
      expect(sheet.getFrozenRows()).toBe(1);
      const header = sheet.getRange(1, 1, 1, spec.columns.length).getValues()[0];
      expect(header).toEqual(spec.columns.map((c) => c.en));
    }
    const buyers = w.book.getSheetByName(Buyers.name)!;
    const phoneCol = Buyers.columns.findIndex((c) => c.key === "phone") + 1;
    expect(buyers.getRange(2, phoneCol).getNumberFormat()).toBe("@");
    const gradeCol = Buyers.columns.findIndex((c) => c.key === "grade") + 1;
    expect(buyers.getRange(2, gradeCol).getDataValidation()!.getCriteriaValues()[0]).toEqual(["A", "B", "C", "D"]);
    // R20, R23: the overdue highlight covers every row below the header.
    const rules = buyers.getConditionalFormatRules();
    expect(rules).toHaveLength(2);
    const lastColumn = String.fromCharCode(64 + Buyers.columns.length); // the Buyers sheet is narrower than Z
    expect(rules[0].getRanges()[0].getA1Notation()).toBe(`A2:${lastColumn}${buyers.getMaxRows()}`);
  });

  it("R6, R8, R20, R26, R33, R9: Settings are prefilled with the rule defaults", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const values = w.book.getSheetByName(Settings.name)!.getDataRange().getValues();
    const map = new Map(values.slice(1).map((r) => [String(r[0]), String(r[1])]));
    expect(map.get("pull.slots")).toBe("08:30,12:30,17:30");
    expect(map.get("cadence.A")).toBe("3");
    expect(map.get("cadence.C")).toBe("15");
    expect(map.get("reply.targetHours")).toBe("2");
    expect(map.get("reply.faxHours")).toBe("12");
    expect(map.get("report.weekly")).toBe("SAT 16:00");
    for (const key of [
      "company.name",
      "company.founded",
      "company.totalAssets",
      "company.annualSales",
      "company.awards",
      "company.contact",
      "company.phone",
      "company.fax",
    ]) {
      expect(map.has(key)).toBe(true);
    }
    expect(map.size).toBe(SETTING_DEFAULTS.length);
  });

  it("records the person who sets up as the boss, and protects Staff and Settings for boss and assistant", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const staff = w.book.getSheetByName(Staff.name)!.getDataRange().getValues();
    expect(staff[1][0]).toBe(w.owner);
    expect(staff[1][2]).toBe("boss");
    expect(staff[1][Staff.columns.findIndex((c) => c.key === "joined")]).toEqual(NOW);
    const protections = w.book.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    const names = protections.map((p) => p.getRange().getSheet().getName()).sort();
    expect(names).toEqual([...PROTECTED].sort());
    for (const p of protections) {
      expect(p.getEditors().map((u) => u.getEmail())).toEqual([w.owner]);
      expect(p.canDomainEdit()).toBe(false);
    }
  });

  it("R6, R36: in a book already shared with a salesperson, new protections leave only the managers as editors", () => {
    w.book.addEditor(LI);
    const result = setupWorkbook(w.book, w.owner, "en", NOW);
    expect(result.staffAdded).toBe("boss");
    for (const p of w.book.getProtections(SpreadsheetApp.ProtectionType.SHEET))
      expect(p.getEditors().map((u) => u.getEmail())).toEqual([w.owner]);
    as(w.env, LI, () => {
      expect(() => w.book.getSheetByName(Settings.name)!.getRange(2, 2).setValue("en")).toThrow(/protected/);
      expect(() => w.book.getSheetByName(Products.name)!.getRange(2, 1).setValue("P-1")).toThrow(/protected/);
      // R6: away cells are open only to each salesperson for their own row (Li has none yet): not to editors at large.
      const staff = w.book.getSheetByName(Staff.name)!;
      const deputy = Staff.columns.findIndex((c) => c.key === "deputy") + 1;
      expect(() => staff.getRange(3, deputy).setValue("boss@acme-tools.cn")).toThrow(/protected/);
      expect(() => staff.getRange(3, 1).setValue(LI)).toThrow(/protected/);
    });
  });

  it("a new book is set up with few calls: each protected sheet protected exactly once, the blank first sheet reused, nothing read back", () => {
    w.env.ctx.meter.reset();
    setupWorkbook(w.book, w.owner, "en", NOW);
    const m = w.env.ctx.meter;
    // Exact, as required: every protected sheet gets its one protection, and the blank sheet becomes the first.
    expect(m.methodCalls("Sheet.protect")).toBe(PROTECTED.length);
    expect(m.methodCalls("Spreadsheet.insertSheet")).toBe(SETUP_SHEETS.length - 1);
    expect(m.methodCalls("Spreadsheet.deleteSheet")).toBe(0);
    // Nothing is read back: the sheets were made a moment ago; Settings, Staff and Templates rows ride on the header write.
    expect(m.callsOf("Spreadsheet.read")).toBe(0);
    // Budgets: editors and domain setting read once for all, about two calls per protected sheet, one write per sheet.
    expect(m.methodCalls("Spreadsheet.getEditors")).toBeLessThanOrEqual(1);
    expect(m.methodCalls("Protection.canDomainEdit")).toBeLessThanOrEqual(1);
    const perSheet =
      m.methodCalls("Protection.setDomainEdit") +
      m.methodCalls("Protection.getEditors") +
      m.methodCalls("Protection.addEditors") +
      m.methodCalls("Protection.removeEditors");
    expect(perSheet).toBeLessThanOrEqual(2 * PROTECTED.length);
    expect(m.methodCalls("Range.setValues")).toBeLessThanOrEqual(SETUP_SHEETS.length);
  });

  it("is idempotent: a second run creates nothing, writes nothing, keeps Settings values and people's own columns", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const settings = w.book.getSheetByName(Settings.name)!;
    settings.getRange(2, 2).setValue("en");
    const buyers = w.book.getSheetByName(Buyers.name)!;
    const extraCol = Buyers.columns.length + 1;
    buyers.insertColumnAfter(Buyers.columns.length);
    buyers.getRange(1, extraCol).setValue("My notes");
    buyers.getRange(2, extraCol).setValue("keep me");
    const before = settings.getDataRange().getValues();
    const templates = w.book.getSheetByName(Templates.name)!.getDataRange().getValues();
    // The row typed into Buyers gets its owner cell protected by the next run (R34); the run after writes nothing.
    setupWorkbook(w.book, w.owner, "en", NOW);
    w.env.ctx.meter.reset();
    const again = setupWorkbook(w.book, w.owner, "en", NOW);
    expect(again).toEqual({ created: [], upgraded: [], settingsAdded: [], staffAdded: null, trimmedColumns: {} });
    expect(w.env.ctx.meter.callsOf("Spreadsheet.write") + w.env.ctx.meter.callsOf("Spreadsheet.structure")).toBe(0);
    expect(settings.getDataRange().getValues()).toEqual(before);
    expect(w.book.getSheetByName(Templates.name)!.getDataRange().getValues()).toEqual(templates);
    expect(buyers.getRange(2, extraCol).getValue()).toBe("keep me");
  });

  it("upgrades a sheet that lost a column by adding it after the last one, never moving data", () => {
    setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    const buyers = w.book.getSheetByName(Buyers.name)!;
    const last = Buyers.columns.length;
    buyers.getRange(1, last).setValue("");
    buyers.insertColumnAfter(last);
    buyers.getRange(1, last + 1).setValue("我的列");
    buyers.getRange(2, 1).setValue("B-000001");
    const result = setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    expect(result.upgraded).toEqual(["Buyers"]);
    expect(buyers.getRange(1, last + 1).getValue()).toBe("我的列");
    expect(buyers.getRange(1, last + 2).getValue()).toBe(Buyers.columns[last - 1].zh);
    expect(buyers.getRange(2, 1).getValue()).toBe("B-000001");
  });
});

describe("ensureSheet (the outreach sheets, made on first use)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas();
    setupWorkbook(w.book, w.owner, "en", NOW);
  });

  it("makes a missing sheet exactly as setup makes one: header, frozen row, formats, dropdowns", () => {
    const other = w.env.SpreadsheetApp.createForTest("Other", w.owner);
    for (const spec of SETUP_SHEETS) {
      const made = ensureSheet(other, spec, "en");
      expect(shape(made, spec), spec.name).toEqual(shape(w.book.getSheetByName(spec.name)!, spec));
    }
    const outbox = ensureSheet(w.book, Outbox, "en");
    const status = Outbox.columns.findIndex((c) => c.key === "status") + 1;
    expect(outbox.getRange(2, status).getDataValidation()!.getCriteriaValues()[0]).toEqual([...OUTBOX_STATUSES]);
    expect(shape(outbox, Outbox).frozen).toBe(1);
  });

  it("returns the sheet that is there without writing, and setup upgrades an outreach sheet once it exists", () => {
    for (const spec of ON_DEMAND_SHEETS) expect(w.book.getSheetByName(spec.name)).toBeNull();
    const first = ensureSheet(w.book, Campaigns, "zh-CN");
    expect(first.getRange(1, 1).getValue()).toBe(Campaigns.columns[0].zh);
    w.env.ctx.meter.reset();
    expect(ensureSheet(w.book, Campaigns, "zh-CN").getSheetId()).toBe(first.getSheetId());
    expect(w.env.ctx.meter.callsOf("Spreadsheet.write") + w.env.ctx.meter.callsOf("Spreadsheet.structure")).toBe(0);
    const last = Campaigns.columns.length;
    first.getRange(1, last).setValue("");
    const result = setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    expect(result).toMatchObject({ created: [], upgraded: ["Campaigns"] });
    expect(first.getRange(1, last).getValue()).toBe(Campaigns.columns[last - 1].zh);
    expect(w.book.getSheetByName("Outbox")).toBeNull();
  });

  it("R11, R24: campaigns make Campaigns on the first draft and Outbox on the first queueing; before that, reads find nothing", () => {
    expect(campaignStatus(w.book)).toEqual([]);
    const send = sendQueuedCampaigns({ book: w.book, user: w.owner, now: NOW, budget: new Budget() });
    expect(send).toMatchObject({ sent: 0, stillQueued: 0, problems: [] });
    expect(w.book.getSheetByName(Outbox.name)).toBeNull();
    const campaign = createCampaign(w.book, w.owner, { name: "Winter news", kind: "news", segment: {} }, NOW);
    const sheet = w.book.getSheetByName(Campaigns.name)!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange(1, 1).getValue()).toBe(Campaigns.columns[0].zh); // the book's language (Settings)
    expect(w.book.getSheetByName(Outbox.name)).toBeNull();
    expect(queueCampaign(w.book, campaign.id, NOW).queued).toBe(0); // no buyers yet
    expect(w.book.getSheetByName(Outbox.name)!.getFrozenRows()).toBe(1);
    expect(campaignStatus(w.book).map((c) => c.id)).toEqual([campaign.id]);
  });
});

describe("Sheets sized to their columns (every cell counts toward the 10 million limit)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas();
  });

  it("C1: a new book's sheets have exactly their schema's columns (Follow-ups 12, Log 6, not 26 each)", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    for (const spec of SETUP_SHEETS)
      expect(w.book.getSheetByName(spec.name)!.getMaxColumns(), spec.name).toBe(spec.columns.length);
    expect(w.book.getSheetByName("Follow-ups")!.getMaxColumns()).toBe(12);
    expect(w.book.getSheetByName("Log")!.getMaxColumns()).toBe(6);
    const outbox = ensureSheet(w.book, Outbox, "en");
    expect(outbox.getMaxColumns()).toBe(Outbox.columns.length);
  });

  it("C1: upgrading an old 26-column book removes the empty columns but keeps a person's own columns and data", () => {
    const followUps = w.book.insertSheet(FollowUps.name);
    const width = FollowUps.columns.length;
    followUps.getRange(1, 1, 1, width).setValues([FollowUps.columns.map((c) => c.en)]);
    followUps.getRange(2, 1, 1, 2).setValues([["F-000001", "Anruf: Muster bestätigt"]]);
    const log = w.book.insertSheet(Log.name);
    const logWidth = Log.columns.length;
    log.getRange(1, 1, 1, logWidth).setValues([Log.columns.map((c) => c.en)]);
    // A person's column two to the right of the Log's last one, with a header, and data with none after it.
    log.getRange(1, logWidth + 2).setValue("Checked by");
    log.getRange(2, logWidth + 3).setValue("data with no header");
    expect(followUps.getMaxColumns()).toBe(26);
    const result = setupWorkbook(w.book, w.owner, "en", NOW);
    expect(result.trimmedColumns).toMatchObject({ "Follow-ups": 26 - width, Log: 26 - (logWidth + 3) });
    expect(followUps.getMaxColumns()).toBe(width);
    expect(followUps.getRange(2, 1, 1, 2).getValues()).toEqual([["F-000001", "Anruf: Muster bestätigt"]]);
    expect(log.getMaxColumns()).toBe(logWidth + 3);
    expect(log.getRange(1, logWidth + 2).getValue()).toBe("Checked by");
    expect(log.getRange(2, logWidth + 3).getValue()).toBe("data with no header");
    w.env.ctx.meter.reset();
    expect(setupWorkbook(w.book, w.owner, "en", NOW).trimmedColumns).toEqual({});
    expect(w.env.ctx.meter.callsOf("Spreadsheet.structure")).toBe(0);
  });

  it("a new book's cells: twelve sheets sized to their columns instead of 26 each", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const cells = w.book.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
    const columns = SETUP_SHEETS.reduce((n, s) => n + s.columns.length, 0);
    expect(cells).toBe(1000 * columns);
    expect(cells).toBeLessThan(1000 * 26 * SETUP_SHEETS.length * 0.7);
  });
});
