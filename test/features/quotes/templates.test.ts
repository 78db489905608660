import { beforeEach, describe, expect, it } from "vitest";
import { MAIL_TEMPLATE_KEYS } from "../../../src/domain/mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "../../../src/domain/mail-templates";
import { DEFAULT_TEMPLATES as OLD_DEFAULTS } from "../../../src/domain/quote-template";
import { checkTemplates, seedTemplates } from "../../../src/features/quotes/templates";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { ENTRY_POINTS } from "../../../src/program";
import { loadTable } from "../../../src/store/load-table";
import { Freight, Products, Settings, TEMPLATES_BEFORE_UPGRADE, Templates } from "../../../src/store/schemas";
import { installGas, type TestWorld } from "../../support/gas";

const NOW = new Date("2026-11-23T02:00:00Z");

function header(w: TestWorld, name: string): string[] {
  const sheet = w.book.getSheetByName(name)!;
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
}

function templateRows(w: TestWorld) {
  return loadTable(w.book, Templates, "UTC").rows;
}

describe("the Templates sheet: seeded, kept by the assistant, upgraded without loss (R9, R30, R31)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas();
  });

  it("R31: a new book gets every template in seven languages, the Freight sheet, the Price basis column and the new Settings", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    expect(header(w, Templates.name)).toEqual(["Key", "Language", "Subject", "Body", "Note"]);
    const rows = templateRows(w).map((r) => r.record);
    expect(rows).toHaveLength(MAIL_TEMPLATE_KEYS.length * 7);
    expect(new Set(rows.map((r) => r.language))).toEqual(new Set(["en", "zh-CN", "es", "fr", "pt", "ru", "ar"]));
    const cover = rows.find((r) => r.key === "quote.cover" && r.language === "es")!;
    expect(cover.body).toBe(DEFAULT_MAIL_TEMPLATES.find((d) => d.key === "quote.cover" && d.language === "es")!.body);
    expect(cover.note).toMatch(/^Buyerbook's wording; edit freely/);
    expect(rows.every((r) => !/R\d{1,2}\b/.test(r.note))).toBe(true);
    expect(header(w, Freight.name)).toEqual([
      "Destination",
      "Component",
      "Basis",
      "Amount",
      "Currency",
      "Loading port",
      "Note",
    ]);
    expect(header(w, Products.name)).toContain("Price basis");
    const keys = loadTable(w.book, Settings, "UTC").rows.map((r) => r.record.key);
    for (const key of [
      "quote.priceBasis",
      "fx.base",
      "fx.date",
      "fx.EUR",
      "fx.CNY",
      "fx.GBP",
      "fx.maxAgeDays",
      "campaign.quietDays",
      "campaign.senderMode",
      "campaign.sender",
      "company.products",
      "company.address",
      "bank.beneficiary",
      "bank.swift",
      "handover.forwardMailTo",
    ])
      expect(keys).toContain(key);
  });

  it("R31: setting up again adds nothing and never overwrites a row the assistant edited", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const row = templateRows(w).find((r) => r.record.key === "followup.B" && r.record.language === "en")!;
    const sheet = w.book.getSheetByName(Templates.name)!;
    const body = Templates.columns.findIndex((c) => c.key === "body") + 1;
    sheet.getRange(row.row, body).setValue("{greeting}\n\nJust checking in.\n\n{sender.name}\n{company.name}");
    sheet.deleteRow(templateRows(w).find((r) => r.record.key === "followup.D" && r.record.language === "ru")!.row);
    expect(setupWorkbook(w.book, w.owner, "en", NOW).created).toEqual([]);
    const after = templateRows(w).map((r) => r.record);
    expect(after.find((r) => r.key === "followup.B" && r.language === "en")!.body).toBe(
      "{greeting}\n\nJust checking in.\n\n{sender.name}\n{company.name}",
    );
    expect(after.filter((r) => r.key === "followup.D" && r.language === "ru")).toHaveLength(1);
    expect(seedTemplates(w.book, "en")).toBe(0);
  });

  it("R31: an old Kind | Text sheet is kept whole; an edited service paragraph is carried over, other edits pointed to", () => {
    setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    w.book.deleteSheet(w.book.getSheetByName(Templates.name)!);
    const old = w.book.insertSheet(Templates.name);
    const oldRows = OLD_DEFAULTS.map((d) => [d.kind, d.lang, d.text, "Buyerbook default; edit freely (R31)"]);
    const service = oldRows.findIndex((r) => r[0] === "quote.service" && r[1] === "en");
    oldRows[service][2] = "Price includes inspection photos and a 24-month warranty.";
    const quote = oldRows.findIndex((r) => r[0] === "quote" && r[1] === "zh-CN");
    oldRows[quote][2] = `${oldRows[quote][2]}\n我们的工厂欢迎参观。`;
    const values = [["类型", "语言", "内容", "说明"], ...oldRows];
    old.getRange(1, 1, values.length, 4).setValues(values);

    const result = setupWorkbook(w.book, w.owner, "zh-CN", NOW);
    expect(result.templatesKept).toEqual({ sheet: TEMPLATES_BEFORE_UPGRADE, editedRows: [quote + 2, service + 2] });
    // The old sheet is untouched, under its new name.
    const kept = w.book.getSheetByName(TEMPLATES_BEFORE_UPGRADE)!;
    expect(kept.getDataRange().getValues()).toEqual(values);
    const rows = templateRows(w).map((r) => r.record);
    expect(rows).toHaveLength(MAIL_TEMPLATE_KEYS.length * 7);
    expect(header(w, Templates.name)).toEqual(["键", "语言", "主题", "正文", "说明"]);
    const svc = rows.find((r) => r.key === "quote.service" && r.language === "en")!;
    expect(svc.body).toBe("Price includes inspection photos and a 24-month warranty.");
    expect(svc.note).toBe(`已沿用你在“${TEMPLATES_BEFORE_UPGRADE}”表（第 ${service + 2} 行）修改过的措辞。`);
    const cover = rows.find((r) => r.key === "quote.cover" && r.language === "zh-CN")!;
    expect(cover.body).toBe(
      DEFAULT_MAIL_TEMPLATES.find((d) => d.key === "quote.cover" && d.language === "zh-CN")!.body,
    );
    expect(cover.note).toBe(
      `升级前你修改过此模板：见“${TEMPLATES_BEFORE_UPGRADE}”表第 ${quote + 2} 行，把需要的内容复制到这里。`,
    );
    // Untouched wording points nowhere.
    expect(rows.find((r) => r.key === "quote.cover" && r.language === "en")!.note).toMatch(/^Buyerbook 的默认措辞/);
    // A second setup finds nothing left to upgrade.
    expect(setupWorkbook(w.book, w.owner, "zh-CN", NOW).templatesKept).toBeUndefined();
  });

  it("R31: the assistant's check names sheet, row, key, language and placeholder, in the reader's language", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    expect(checkTemplates(w.book, "en")).toEqual([]);
    const rows = templateRows(w);
    const sheet = w.book.getSheetByName(Templates.name)!;
    const col = (key: string) => Templates.columns.findIndex((c) => c.key === key) + 1;
    const reply = rows.find((r) => r.record.key === "inquiry.reply" && r.record.language === "pt")!;
    // The subject still names {inquiry.products}; the body lost the company profile and misspelt the products.
    sheet.getRange(reply.row, col("body")).setValue("{greeting}\n{inquiry.product}\n{sender.name}\n{company.name}");
    const spanish = rows.find((r) => r.record.key === "followup.C" && r.record.language === "es")!;
    sheet.getRange(spanish.row, col("language")).setValue("Spanish");
    expect(checkTemplates(w.book, "en")).toEqual([
      `Sheet Templates, row ${spanish.row}, template followup.C (Spanish): “Spanish” is not a language Buyerbook writes in (en, zh-CN, es, fr, pt, ru, ar)`,
      `Sheet Templates, row ${reply.row}, template inquiry.reply (pt): unknown placeholder {inquiry.product} (a typo?)`,
      `Sheet Templates, row ${reply.row}, template inquiry.reply (pt): the placeholder {company.profile} is missing; this template needs it`,
    ]);
    expect(checkTemplates(w.book, "zh-CN")[1]).toBe(
      `Templates 表第 ${reply.row} 行，模板 inquiry.reply（pt）：未知的占位符 {inquiry.product}（是否拼写错误？）`,
    );
  });

  it("R31: a typo typed into the Templates sheet is shown as it is saved, naming the row, in the editor's language; a good edit says nothing", () => {
    setupWorkbook(w.book, w.owner, "en", NOW);
    const rows = templateRows(w);
    const sheet = w.book.getSheetByName(Templates.name)!;
    const col = (key: string) => Templates.columns.findIndex((c) => c.key === key) + 1;
    const cover = rows.find((r) => r.record.key === "quote.cover" && r.record.language === "fr")!;
    const edit = (value: string) => {
      const cell = sheet.getRange(cover.row, col("body"));
      cell.setValue(value);
      ENTRY_POINTS.onEdit({ range: cell } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    };
    const toasts = () => w.env.SpreadsheetApp.toasts(w.book as never);
    edit(`${cover.record.body}\nMerci, {sender.nmae}`);
    const shown = toasts().at(-1);
    // In the editor's own language (the boss of a new book reads Chinese).
    expect(shown?.message).toContain(`Templates 表第 ${cover.row} 行，模板 quote.cover（fr）`);
    expect(shown?.message).toContain("{sender.nmae}");
    const before = toasts().length;
    edit(cover.record.body);
    expect(toasts()).toHaveLength(before);
  });
});
