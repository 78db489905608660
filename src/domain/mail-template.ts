/**
 * The company's mail templates to buyers (R9, R31), kept by the assistant as rows of the Templates sheet:
 * key, language, subject, body, with {placeholders}. This module says which keys and placeholders exist,
 * validates rows (so a typo is caught when the row is written, not when a buyer reads it) and renders them
 * strictly: the text that leaves never holds a placeholder, a lone "?", "undefined" or an internal ID.
 */
import { BUYER_LANGS, type BuyerLang, isBuyerLang } from "./buyer-language";

export const MAIL_TEMPLATE_KEYS = [
  "inquiry.reply",
  "followup.A",
  "followup.B",
  "followup.C",
  "followup.D",
  "sample.electronic",
  "sample.physical",
  "quote.cover",
  "quote.service",
  "company.profile",
  "handover.intro",
] as const;
export type MailTemplateKey = (typeof MAIL_TEMPLATE_KEYS)[number];

export function isMailTemplateKey(s: string): s is MailTemplateKey {
  return (MAIL_TEMPLATE_KEYS as readonly string[]).includes(s);
}

/** A Templates sheet row. `row` (1-based) points a person at the row to fix. */
export interface MailTemplateRow {
  key: string;
  language: string;
  subject: string;
  body: string;
  row?: number;
}

/**
 * How a placeholder behaves: `required` ones must appear in the template (R9's company facts, the greeting…);
 * `value` ones refuse to render empty; `reference` ones may carry a number the buyer is meant to see
 * (the quotation number); optional ones left empty drop their line.
 */
interface PlaceholderRule {
  required?: true;
  value?: true;
  reference?: true;
}

type Spec = { block: boolean; placeholders: Record<string, PlaceholderRule> };

const SIGNED = {
  greeting: { required: true, value: true },
  "sender.name": { required: true, value: true },
  "company.name": { required: true, value: true },
  "sender.email": {},
  "sender.phone": {},
  "sender.title": {},
  "company.website": {},
  "buyer.company": {},
  "catalogue.link": {},
} satisfies Record<string, PlaceholderRule>;

const FOLLOW_UP: Spec = {
  block: false,
  placeholders: { ...SIGNED, "inquiry.products": {}, "quote.number": { reference: true }, "quote.validUntil": {} },
};

export const TEMPLATE_SPECS: Record<MailTemplateKey, Spec> = {
  "inquiry.reply": {
    block: false,
    placeholders: {
      ...SIGNED,
      "inquiry.products": { required: true, value: true },
      "inquiry.quantity": {},
      "company.profile": { required: true, value: true },
    },
  },
  "followup.A": FOLLOW_UP,
  "followup.B": FOLLOW_UP,
  "followup.C": FOLLOW_UP,
  "followup.D": FOLLOW_UP,
  "sample.electronic": {
    block: false,
    placeholders: {
      ...SIGNED,
      "sample.products": { required: true, value: true },
      "sample.links": { required: true, value: true },
    },
  },
  "sample.physical": {
    block: false,
    placeholders: {
      ...SIGNED,
      "sample.products": { required: true, value: true },
      "sample.terms": { required: true, value: true },
    },
  },
  "quote.cover": {
    block: false,
    placeholders: {
      ...SIGNED,
      "quote.number": { required: true, value: true, reference: true },
      "quote.text": { required: true, value: true },
      "quote.service": {},
      "quote.validUntil": {},
      "company.profile": { required: true, value: true },
    },
  },
  "quote.service": { block: true, placeholders: {} },
  "company.profile": {
    block: true,
    placeholders: {
      // R9: the full company details, so the buyer sees a proper company.
      "company.name": { required: true, value: true },
      "company.founded": { required: true },
      "company.totalAssets": { required: true },
      "company.annualSales": { required: true },
      "company.awards": { required: true },
      "company.contact": { required: true },
      "company.phone": { required: true },
      "company.fax": { required: true },
      "company.email": {},
      "company.website": {},
      "company.address": {},
      "company.products": {},
    },
  },
  "handover.intro": {
    block: false,
    placeholders: { ...SIGNED, "sender.email": { required: true, value: true }, "previous.name": {} },
  },
};

export type TemplateProblem =
  | "unknown-key"
  | "unknown-language"
  | "unbalanced-braces"
  | "unknown-placeholder"
  | "missing-placeholder"
  | "empty-subject"
  | "empty-body"
  | "duplicate"
  | "empty-value"
  | "no-value"
  | "bad-value"
  | "left-in-output";

export interface TemplateIssue {
  key: string;
  language: string;
  /** The placeholder (or fragment) concerned, as written: "{buyer.nmae}". */
  placeholder?: string;
  problem: TemplateProblem;
  row?: number;
  message: string;
}

function issue(
  t: Pick<MailTemplateRow, "key" | "language" | "row">,
  problem: TemplateProblem,
  detail: string,
  placeholder?: string,
): TemplateIssue {
  const where = `Templates ${t.key || "(no key)"} (${t.language || "no language"})${t.row ? ` row ${t.row}` : ""}`;
  return { key: t.key, language: t.language, placeholder, problem, row: t.row, message: `${where}: ${detail}` };
}

const NAME = /^[a-zA-Z][\w.]*$/;

/** The placeholders of a text in order, or the first brace problem found (with its fragment). */
export function scanPlaceholders(text: string): { names: string[]; unbalanced?: string } {
  const names: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    const close = text.indexOf("}", i);
    if (open === -1 && close === -1) break;
    if (open === -1 || (close !== -1 && close < open))
      return { names, unbalanced: text.slice(Math.max(0, close - 20), close + 1) };
    const end = text.indexOf("}", open + 1);
    const nextOpen = text.indexOf("{", open + 1);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end))
      return { names, unbalanced: text.slice(open, Math.min(text.length, open + 24)).split("\n")[0] };
    const name = text.slice(open + 1, end).trim();
    if (!NAME.test(name)) return { names, unbalanced: text.slice(open, end + 1) };
    names.push(name);
    i = end + 1;
  }
  return { names };
}

/** Everything wrong with one row: key, language, braces, unknown and missing placeholders. */
export function validateTemplate(t: MailTemplateRow): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  if (!isMailTemplateKey(t.key)) {
    issues.push(issue(t, "unknown-key", `"${t.key}" is not a template key (${MAIL_TEMPLATE_KEYS.join(", ")})`));
    return issues;
  }
  if (!isBuyerLang(t.language))
    issues.push(issue(t, "unknown-language", `"${t.language}" is not one of ${BUYER_LANGS.join(", ")}`));
  const spec = TEMPLATE_SPECS[t.key];
  if (!spec.block && t.subject.trim() === "") issues.push(issue(t, "empty-subject", "the subject is empty"));
  if (t.body.trim() === "") issues.push(issue(t, "empty-body", "the body is empty"));
  const used = new Set<string>();
  for (const [part, text] of [
    ["subject", t.subject],
    ["body", t.body],
  ] as const) {
    const scan = scanPlaceholders(text);
    if (scan.unbalanced !== undefined)
      issues.push(
        issue(
          t,
          "unbalanced-braces",
          `unbalanced or malformed braces in the ${part} near "${scan.unbalanced}"`,
          scan.unbalanced,
        ),
      );
    for (const name of scan.names) {
      used.add(name);
      if (!(name in spec.placeholders))
        issues.push(issue(t, "unknown-placeholder", `unknown placeholder {${name}} in the ${part}`, `{${name}}`));
    }
  }
  for (const [name, rule] of Object.entries(spec.placeholders))
    if (rule.required && !used.has(name))
      issues.push(issue(t, "missing-placeholder", `required placeholder {${name}} is missing`, `{${name}}`));
  return issues;
}

/** Every row validated, plus rows that repeat a key and language (which one would win is not obvious). */
export function validateTemplates(rows: readonly MailTemplateRow[]): TemplateIssue[] {
  const issues = rows.flatMap(validateTemplate);
  const seen = new Set<string>();
  for (const t of rows) {
    const id = `${t.key}|${t.language}`;
    if (seen.has(id)) issues.push(issue(t, "duplicate", `another row already has ${t.key} in ${t.language}`));
    seen.add(id);
  }
  return issues;
}

/** The sheet's row for key and language, else the built-in default; undefined when neither exists. */
export function findTemplate(
  rows: readonly MailTemplateRow[],
  defaults: readonly MailTemplateRow[],
  key: MailTemplateKey,
  lang: BuyerLang,
): MailTemplateRow | undefined {
  const own = rows.find(
    (r) => r.key === key && r.language === lang && (r.body.trim() !== "" || r.subject.trim() !== ""),
  );
  return own ?? defaults.find((r) => r.key === key && r.language === lang);
}

/** The buyer's language when a template exists for the key in it, else English. */
export function templateLanguage(
  rows: readonly MailTemplateRow[],
  defaults: readonly MailTemplateRow[],
  key: MailTemplateKey,
  wanted: BuyerLang,
): BuyerLang {
  return findTemplate(rows, defaults, key, wanted) ? wanted : "en";
}

export type RenderedMail =
  | { ok: true; key: MailTemplateKey; language: BuyerLang; subject: string; body: string }
  | { ok: false; key: MailTemplateKey; language: BuyerLang; issues: TemplateIssue[] };

/** Internal sheet IDs: buyers, inquiries, follow-ups, samples, outbox rows (6 digits), products and campaigns
 * (4), quotes (Q-yyyy-nnnn). */
const INTERNAL_ID = /\b(?:[BIFSO]-\d{6}|(?:P|CM)-\d{4}|Q-\d{4}-\d{4})\b/g;
/** Words a broken value leaves behind. */
const BROKEN_WORDS = /\b(?:undefined|null|NaN|\[object Object\])\b/;
/** A "?" standing for an unknown value: alone, doubled (mojibake), or the replacement character. */
const UNKNOWN_MARK = /(?:^|\s)[?？](?=\s|$)|[?？]{2,}|\uFFFD/;
/** What broken text looks like in the output whatever the template says. */
const MOJIBAKE = /[?？]{2,}|\uFFFD/;

function fill(text: string, values: Readonly<Record<string, string>>, block: boolean): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const names = scanPlaceholders(line).names;
    // A line of optional placeholders that all came out empty goes (no "Fax: " with nothing after it).
    if (names.length > 0 && names.every((n) => (values[n] ?? "").trim() === "")) continue;
    // "Co., Ltd." before a full stop keeps one period, not "Ltd..".
    const filled = line.replace(/\{\s*([a-zA-Z][\w.]*)\s*\}(\.?)/g, (_w, n: string, dot: string) => {
      const value = values[n] ?? "";
      return dot && value.endsWith(".") ? value : value + dot;
    });
    lines.push(filled.replace(/[ \t]+$/g, ""));
  }
  const joined = lines.join("\n").replace(/\n{3,}/g, "\n\n");
  return block ? joined.trim() : `${joined.trim()}\n`;
}

function leftovers(t: MailTemplateRow, text: string, allowed: readonly string[], part: string): TemplateIssue[] {
  const found: TemplateIssue[] = [];
  const scan = scanPlaceholders(text);
  if (scan.names.length > 0 || scan.unbalanced !== undefined)
    found.push(
      issue(
        t,
        "left-in-output",
        `the ${part} still holds ${scan.names[0] ? `{${scan.names[0]}}` : `"${scan.unbalanced}"`}`,
      ),
    );
  const broken = BROKEN_WORDS.exec(text) ?? MOJIBAKE.exec(text);
  if (broken) found.push(issue(t, "left-in-output", `the ${part} holds "${broken[0]}"`));
  for (const m of text.matchAll(INTERNAL_ID))
    if (!allowed.includes(m[0])) found.push(issue(t, "left-in-output", `the ${part} holds the internal ID ${m[0]}`));
  return found;
}

/**
 * Renders `key` in `lang` (the buyer's language when a template exists, else English) with `values`.
 * Refuses, naming key, language and placeholder: an invalid template, a placeholder without a value, an empty
 * value the template cannot do without, and any placeholder, "?", "undefined" or internal ID in the result.
 */
export function renderMail(
  rows: readonly MailTemplateRow[],
  defaults: readonly MailTemplateRow[],
  key: MailTemplateKey,
  lang: BuyerLang,
  values: Readonly<Record<string, string>>,
  /** Text that looks like an internal ID but is not one (a product model "S-100000"). */
  allow: readonly string[] = [],
): RenderedMail {
  const language = templateLanguage(rows, defaults, key, lang);
  const t = findTemplate(rows, defaults, key, language);
  if (!t)
    return {
      ok: false,
      key,
      language,
      issues: [issue({ key, language }, "unknown-key", `no ${key} template in ${language} or English`)],
    };
  const issues = validateTemplate(t);
  if (issues.length > 0) return { ok: false, key, language, issues };
  const spec = TEMPLATE_SPECS[key];
  const used = new Set([...scanPlaceholders(t.subject).names, ...scanPlaceholders(t.body).names]);
  const allowed = [...allow];
  for (const name of used) {
    const value = values[name];
    const rule = spec.placeholders[name];
    const bad = value === undefined ? undefined : (UNKNOWN_MARK.exec(value) ?? BROKEN_WORDS.exec(value));
    if (value === undefined) issues.push(issue(t, "no-value", `no value was given for {${name}}`, `{${name}}`));
    else if (rule.value && value.trim() === "")
      issues.push(issue(t, "empty-value", `{${name}} is empty and the text cannot do without it`, `{${name}}`));
    else if (bad)
      issues.push(issue(t, "bad-value", `{${name}} holds "${bad[0].trim()}" instead of a value`, `{${name}}`));
    if (rule.reference && value) allowed.push(...(value.match(INTERNAL_ID) ?? []));
  }
  if (issues.length > 0) return { ok: false, key, language, issues };
  const subject = fill(t.subject, values, true).replace(/\s+/g, " ").trim();
  const body = fill(t.body, values, spec.block);
  const left = [...leftovers(t, subject, allowed, "subject"), ...leftovers(t, body, allowed, "body")];
  if (left.length > 0) return { ok: false, key, language, issues: left };
  return { ok: true, key, language, subject, body };
}
