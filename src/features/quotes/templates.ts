/**
 * The Templates sheet (R9, R30, R31): the company's mail templates to buyers, one row per key and language
 * (Key | Language | Subject | Body | Note), kept by the assistant. Seeded from the built-in wording in seven
 * languages; a row a person edited is never overwritten. Every problem is named in the reader's language with
 * the sheet, row, template key, language and placeholder, when the row is checked and when it is used.
 *
 * Books set up before this shape had Kind | Language | Text | Note. Setup keeps that sheet whole under
 * TEMPLATES_BEFORE_UPGRADE and writes the new one; wording a person had edited is carried over where it means
 * the same (the service paragraph) and pointed to from the new row's note otherwise, so nothing is lost.
 */

import type { BuyerLang } from "../../domain/buyer-language";
import {
  MAIL_TEMPLATE_KEYS,
  type MailTemplateKey,
  type MailTemplateRow,
  type TemplateIssue,
  validateTemplates,
} from "../../domain/mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "../../domain/mail-templates";
import { DEFAULT_TEMPLATES as OLD_DEFAULTS, type TemplateKind } from "../../domain/quote-template";
import { type Lang, type MessageKey, t } from "../../i18n";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { TEMPLATES_BEFORE_UPGRADE, type TemplateRecord, Templates } from "../../store/schemas";
import { appendOnlyTable, TableWriter } from "../../store/table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Templates rows as templates, with their sheet rows (for problems); empty when the sheet is missing. */
export function loadMailTemplates(book: Book, tz: string): MailTemplateRow[] {
  const table = loadOptionalTable(book, Templates, tz);
  if (!table) return [];
  return table.rows
    .filter(({ record }) => record.key.trim() !== "" || record.body.trim() !== "")
    .map(({ row, record }) => ({
      key: record.key.trim(),
      language: record.language.trim(),
      subject: record.subject,
      body: record.body,
      row,
    }));
}

/** The note on a built-in row, in the book's language. */
function defaultNote(lang: Lang): string {
  return t(lang, "tmpl.note.default");
}

/** The old Templates kinds that hold the same wording as a new key. */
const OLD_KIND_FOR: Partial<Record<MailTemplateKey, readonly TemplateKind[]>> = {
  "quote.cover": ["quote", "quote.subject"],
  "quote.service": ["quote.service"],
  "sample.electronic": ["sample.electronic", "sample.subject"],
  "sample.physical": ["sample.physical", "sample.subject"],
};

/** An old-shape row a person changed from the built-in wording (the only ones worth carrying over). */
export interface EditedOldRow {
  kind: string;
  language: string;
  text: string;
  row: number;
}

const same = (a: string, b: string) => a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

/**
 * The rows a new Templates sheet starts with: every key in the seven languages. A service paragraph a person
 * had edited (plain text, no placeholders) is carried over; any other edited wording is pointed to by the note.
 */
export function templateSeedRows(lang: Lang, edited: readonly EditedOldRow[] = []): Partial<TemplateRecord>[] {
  return DEFAULT_MAIL_TEMPLATES.map((d) => {
    const mine = edited.filter(
      (e) =>
        e.language === d.language && (OLD_KIND_FOR[d.key as MailTemplateKey] ?? []).includes(e.kind as TemplateKind),
    );
    const service = d.key === "quote.service" ? mine.find((e) => e.kind === "quote.service") : undefined;
    const body = service && !/[{}]/.test(service.text) ? service.text.trim() : d.body;
    const note =
      mine.length === 0
        ? defaultNote(lang)
        : t(lang, service && body !== d.body ? "tmpl.note.carried" : "tmpl.note.before", {
            sheet: TEMPLATES_BEFORE_UPGRADE,
            rows: mine.map((e) => e.row).join(", "),
          });
    return { key: d.key, language: d.language, subject: d.subject, body, note };
  });
}

/** Whether a Templates sheet still has the old Kind | Text shape. */
function isOldShape(sheet: Sheet): boolean {
  const width = sheet.getLastColumn();
  if (width === 0) return false;
  const header = sheet
    .getRange(1, 1, 1, width)
    .getValues()[0]
    .map((h) => String(h).trim().toLowerCase());
  const has = (...names: string[]) => names.some((n) => header.includes(n));
  return has("kind", "类型") && has("text", "内容") && !has("body", "正文");
}

/**
 * Before setup: a Templates sheet of the old shape is renamed to TEMPLATES_BEFORE_UPGRADE (kept whole, with its
 * protection), so setup creates the new one. Returns the rows a person had edited, or undefined when there
 * was nothing to move.
 */
export function retireOldTemplates(book: Book): EditedOldRow[] | undefined {
  const sheet = book.getSheetByName(Templates.name);
  if (!sheet || !isOldShape(sheet)) return undefined;
  if (book.getSheetByName(TEMPLATES_BEFORE_UPGRADE)) return undefined;
  const values = sheet.getDataRange().getValues();
  const header = values[0].map((h) => String(h).trim().toLowerCase());
  const at = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const kind = at("kind", "类型");
  const language = at("language", "语言");
  const text = at("text", "内容");
  const edited: EditedOldRow[] = [];
  values.slice(1).forEach((r, i) => {
    const row = { kind: String(r[kind]).trim(), language: String(r[language]).trim(), text: String(r[text] ?? "") };
    if (row.kind === "" || row.text.trim() === "") return;
    const builtIn = OLD_DEFAULTS.find((d) => d.kind === row.kind && d.lang === row.language);
    if (!builtIn || !same(builtIn.text, row.text)) edited.push({ ...row, row: i + 2 });
  });
  sheet.setName(TEMPLATES_BEFORE_UPGRADE);
  return edited;
}

/**
 * Adds the built-in rows the Templates sheet lacks (by key and language); never changes a row a person
 * edited (R31). Returns the number of rows added.
 */
export function seedTemplates(book: Book, lang: Lang, sheetIsNew = false): number {
  const sheet = book.getSheetByName(Templates.name);
  if (!sheet || isOldShape(sheet)) return 0;
  // A sheet created a moment ago holds only its header: read that, not the (empty) data.
  const table = sheetIsNew ? appendOnlyTable(sheet, Templates) : loadTable(book, Templates, "UTC");
  if (!table.headers.index.has("key")) return 0;
  const have = new Set(table.rows.map((r) => `${r.record.key.trim()}|${r.record.language.trim()}`));
  const writer = new TableWriter(table);
  for (const row of templateSeedRows(lang))
    if (!have.has(`${row.key}|${row.language}`)) writer.append(row as TemplateRecord);
  const added = writer.pending;
  if (added > 0) writer.commit();
  return added;
}

// ---------------------------------------------------------------- problems in the reader's language

const PROBLEM_KEYS: Record<TemplateIssue["problem"], MessageKey> = {
  "unknown-key": "tmpl.unknownKey",
  "unknown-language": "tmpl.unknownLanguage",
  "unbalanced-braces": "tmpl.braces",
  "unknown-placeholder": "tmpl.unknownPlaceholder",
  "missing-placeholder": "tmpl.missingPlaceholder",
  "empty-subject": "tmpl.emptySubject",
  "empty-body": "tmpl.emptyBody",
  duplicate: "tmpl.duplicate",
  "empty-value": "tmpl.emptyValue",
  "no-value": "tmpl.noValue",
  "bad-value": "tmpl.badValue",
  "left-in-output": "tmpl.leftInOutput",
};

/** Where a value comes from, so the person knows what to fill: Settings, the Staff row, the buyer. */
function sourceOf(placeholder: string, lang: Lang): string {
  const name = placeholder.replace(/^\{|\}$/g, "");
  if (name.startsWith("company.")) return t(lang, "tmpl.source.settings", { key: name });
  if (name.startsWith("sender.")) return t(lang, "tmpl.source.staff");
  return t(lang, "tmpl.source.buyer");
}

/** One template problem in the reader's language: sheet, row, key, language, placeholder. */
export function templateIssueText(issue: TemplateIssue, lang: Lang): string {
  const where = issue.row
    ? t(lang, "tmpl.where", {
        sheet: Templates.name,
        row: issue.row,
        key: issue.key || "–",
        language: issue.language || "–",
      })
    : t(lang, "tmpl.whereBuiltIn", { key: issue.key || "–", language: issue.language || "–" });
  const placeholder = issue.placeholder ?? "";
  const detail = t(lang, PROBLEM_KEYS[issue.problem], {
    placeholder,
    key: issue.key,
    language: issue.language,
    keys: MAIL_TEMPLATE_KEYS.join(", "),
    source: placeholder ? sourceOf(placeholder, lang) : "",
    detail: issue.message.replace(/^[^:]*:\s*/, ""),
  });
  return `${where}${lang === "zh-CN" ? "：" : ": "}${detail}`;
}

/** Every problem of the Templates sheet, in the reader's language (the assistant's check after editing). */
export function checkTemplates(book: Book, lang: Lang, tz = "UTC"): string[] {
  return validateTemplates(loadMailTemplates(book, tz)).map((i) => templateIssueText(i, lang));
}

/**
 * The problems of the Templates rows a person just edited (`first`..`last`, sheet rows), in their language: the
 * check runs as they save, so a typo is seen by the person who made it, not by a buyer.
 */
export function templateProblemsInRows(book: Book, first: number, last: number, lang: Lang, tz = "UTC"): string[] {
  return validateTemplates(loadMailTemplates(book, tz))
    .filter((i) => i.row !== undefined && i.row >= first && i.row <= last)
    .map((i) => templateIssueText(i, lang));
}

/** The languages the Templates sheet (or the built-in wording) can write in. */
export function templateLanguages(rows: readonly MailTemplateRow[]): BuyerLang[] {
  const langs = new Set<string>([...DEFAULT_MAIL_TEMPLATES, ...rows].map((r) => r.language));
  return [...langs].filter((l): l is BuyerLang => DEFAULT_MAIL_TEMPLATES.some((d) => d.language === l));
}
