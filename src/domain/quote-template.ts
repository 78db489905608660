/**
 * The company's templates (R30, R31): one quote template, its value-added service paragraph and the sample
 * replies, each in zh-CN and en, kept as rows of the Templates sheet so the assistant updates them without code.
 * Placeholders are {{name}}; an unknown name is an error (a typo must not reach a buyer as "{{prise}}").
 */
import type { Lang } from "./lang";

export const TEMPLATE_KINDS = [
  "quote",
  "quote.service",
  "sample.electronic",
  "sample.physical",
  "sample.subject",
  "quote.subject",
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/**
 * Fills a template. A line whose placeholders all came out empty is dropped (so "Fax: {{company.fax}}"
 * disappears when there is no fax, and the service paragraph only appears for the value-added tier);
 * runs of blank lines left behind collapse to one. Line ends are "\n"; the text ends with one newline.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const unknown = placeholdersOf(template).filter((n) => !(n in values));
  if (unknown.length > 0) throw new TemplateError(`unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(", ")}`);
  const out: string[] = [];
  for (const line of template.replace(/\r\n?/g, "\n").split("\n")) {
    const names = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]);
    if (names.length > 0 && names.every((n) => values[n].trim() === "")) continue;
    out.push(line.replace(PLACEHOLDER, (_w, name: string) => values[name]).replace(/[ \t]+$/gm, ""));
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

export interface TemplateRow {
  kind: TemplateKind;
  lang: Lang;
  text: string;
}

/** What "Set up workbook" writes when the Templates sheet has no row for a kind and language. */
export const DEFAULT_TEMPLATES: readonly TemplateRow[] = [
  { kind: "quote.subject", lang: "en", text: "Quotation {{quote.number}} from {{company.name}}" },
  { kind: "quote.subject", lang: "zh-CN", text: "{{company.name}} 报价单 {{quote.number}}" },
  {
    kind: "quote",
    lang: "en",
    text: [
      "Dear {{buyer.name}},",
      "",
      "Thank you for your inquiry. We are glad to quote as follows.",
      "",
      "QUOTATION {{quote.number}}",
      "Date: {{quote.date}}",
      "To: {{buyer.company}}",
      "",
      "{{quote.items}}",
      "",
      "Total: {{quote.total}}",
      "",
      "Price terms: {{quote.terms}}",
      "Payment: {{quote.payment}}",
      "Lead time: {{quote.leadTime}}",
      "Valid until: {{quote.validUntil}}",
      "",
      "{{quote.service}}",
      "",
      "E-catalogue: {{catalogue.link}}",
      "",
      "{{company.profile}}",
      "",
      "Best regards,",
      "{{sender.name}}",
      "{{company.name}}",
    ].join("\n"),
  },
  {
    kind: "quote",
    lang: "zh-CN",
    text: [
      "{{buyer.name}} 您好：",
      "",
      "感谢您的询价，现报价如下。",
      "",
      "报价单 {{quote.number}}",
      "日期：{{quote.date}}",
      "客户：{{buyer.company}}",
      "",
      "{{quote.items}}",
      "",
      "合计：{{quote.total}}",
      "",
      "价格条款：{{quote.terms}}",
      "付款方式：{{quote.payment}}",
      "交货期：{{quote.leadTime}}",
      "报价有效期至：{{quote.validUntil}}",
      "",
      "{{quote.service}}",
      "",
      "电子目录：{{catalogue.link}}",
      "",
      "{{company.profile}}",
      "",
      "此致",
      "{{sender.name}}",
      "{{company.name}}",
    ].join("\n"),
  },
  {
    kind: "quote.service",
    lang: "en",
    text:
      "Service included in this price: a pre-shipment inspection report with photos, one contact person who " +
      "answers within one working day, and after-sales support with free replacement of defective parts for " +
      "12 months.",
  },
  {
    kind: "quote.service",
    lang: "zh-CN",
    text: "本报价已包含以下服务：出货前验货报告（附照片）、专人对接（一个工作日内答复）、12 个月售后支持，不良品免费更换。",
  },
  { kind: "sample.subject", lang: "en", text: "Samples from {{company.name}}" },
  { kind: "sample.subject", lang: "zh-CN", text: "{{company.name}} 样品" },
  {
    kind: "sample.electronic",
    lang: "en",
    text: [
      "Dear {{buyer.name}},",
      "",
      "Here is our electronic sample of {{sample.products}}: the current catalogue and product pictures.",
      "",
      "E-catalogue: {{catalogue.link}}",
      "{{sample.pictures}}",
      "",
      "If you would like a physical sample after reviewing them, just let us know.",
      "",
      "Best regards,",
      "{{sender.name}}",
      "{{company.name}}",
    ].join("\n"),
  },
  {
    kind: "sample.electronic",
    lang: "zh-CN",
    text: [
      "{{buyer.name}} 您好：",
      "",
      "附上 {{sample.products}} 的电子样品：最新目录和产品图片。",
      "",
      "电子目录：{{catalogue.link}}",
      "{{sample.pictures}}",
      "",
      "看过后如需实物样品，请告诉我们。",
      "",
      "此致",
      "{{sender.name}}",
      "{{company.name}}",
    ].join("\n"),
  },
  {
    kind: "sample.physical",
    lang: "en",
    text: [
      "Dear {{buyer.name}},",
      "",
      "We are glad to send you a sample of {{sample.products}}.",
      "",
      "{{sample.terms}}",
      "",
      "Best regards,",
      "{{sender.name}}",
      "{{company.name}}",
    ].join("\n"),
  },
  {
    kind: "sample.physical",
    lang: "zh-CN",
    text: [
      "{{buyer.name}} 您好：",
      "",
      "我们很乐意为您寄送 {{sample.products}} 的样品。",
      "",
      "{{sample.terms}}",
      "",
      "此致",
      "{{sender.name}}",
      "{{company.name}}",
    ].join("\n"),
  },
];

/** The template for a kind in a language: the sheet's row, else the built-in default. */
export function templateFor(rows: readonly TemplateRow[], kind: TemplateKind, lang: Lang): string {
  const found = rows.find((r) => r.kind === kind && r.lang === lang && r.text.trim() !== "");
  if (found) return found.text;
  const fallback = DEFAULT_TEMPLATES.find((r) => r.kind === kind && r.lang === lang);
  if (!fallback) throw new TemplateError(`no ${kind} template in ${lang}`);
  return fallback.text;
}
