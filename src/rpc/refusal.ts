import type * as z from "zod/mini";
import { catalogue, type Lang, type MessageKey, t } from "../i18n";

/**
 * Why a payload was refused, in the caller's language, naming the field. Worded from each issue's code and
 * path through the catalogue, never from zod's own message: zod/mini ships no locale, and its English would
 * reach a Chinese sidebar. A schema may give a catalogue key as its message (`z.regex(re, "error.field.id")`)
 * when the code alone says too little.
 */
export function refusalText(lang: Lang, issues: readonly z.core.$ZodIssue[], payload: unknown): string {
  const sentences = issues.map((issue) => sentence(lang, issue, payload));
  return [...new Set(sentences)].slice(0, MAX_SENTENCES).join(" ");
}

const MAX_SENTENCES = 3;

/** Payload keys whose label the sidebar already shows (the form field's own name). */
const LABELS: Record<string, MessageKey> = {
  buyerId: "sb.buyer",
  inquiryId: "sb.inquiry",
  grade: "sb.grade",
  email: "sb.email",
  phone: "sb.phone",
  country: "sb.country",
  company: "sb.company",
  source: "sb.source",
  notes: "sb.notes",
  channel: "sb.log.channel",
  summary: "sb.log.summary",
  nextStep: "sb.log.nextStep",
  items: "sb.q.product",
  tier: "sb.q.tier",
  currency: "sb.q.currency",
  incoterm: "sb.q.incoterm",
  port: "sb.q.port",
  payment: "sb.q.payment",
  leadTime: "sb.q.leadTime",
  validityDays: "sb.q.validity",
  courier: "sb.s.courier",
  tracking: "sb.s.tracking",
  sent: "sb.s.sent",
  delivered: "sb.s.delivered",
  result: "sb.s.result",
  role: "sb.team.role",
  language: "sb.team.language",
  deputy: "sb.away.deputy",
  from: "sb.away.from",
  until: "sb.away.until",
  name: "field.name",
  qty: "field.qty",
  code: "field.code",
  quoteId: "field.quoteId",
  sampleId: "field.sampleId",
  campaignId: "field.campaignId",
  survivorId: "sb.buyer",
  mergedId: "sb.merge.other",
};

/** "E-mail", "Products and quantities #2 Quantity"; the key itself when the catalogue has no label for it. */
function fieldLabel(lang: Lang, path: readonly PropertyKey[]): string {
  if (path.length === 0) return t(lang, "error.field.request");
  return path
    .map((p) => (typeof p === "number" ? `#${p + 1}` : own(LABELS, p) ? t(lang, LABELS[p]) : String(p)))
    .join(" ");
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let v = payload;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

// biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is too new for some Apps Script V8 builds.
const own = (o: object, key: PropertyKey): key is string => Object.prototype.hasOwnProperty.call(o, key);

function isMessageKey(lang: Lang, text: string | undefined): text is MessageKey {
  return text !== undefined && own(catalogue(lang), text);
}

/** Payload keys whose values the catalogue names (`sb.channel.phone` is "Phone" / "电话"). */
const VALUE_LABELS: Record<string, string> = { channel: "sb.channel.", source: "sb.source.", role: "sb.role." };

/** A value as the person's form shows it: its catalogue name where there is one, else the value itself. */
function valueLabel(lang: Lang, path: readonly PropertyKey[], value: string): string {
  const last = path[path.length - 1];
  const prefix = typeof last === "string" && own(VALUE_LABELS, last) ? VALUE_LABELS[last] : undefined;
  const key = prefix ? `${prefix}${value}` : undefined;
  return key && own(catalogue(lang), key) ? t(lang, key as MessageKey) : value;
}

/** The values a field may take, from an enum's issue or a union of enums and literals (`""` means blank, not shown). */
function allowedValues(lang: Lang, issue: z.core.$ZodIssue): string | undefined {
  const values =
    issue.code === "invalid_value"
      ? issue.values
      : issue.code === "invalid_union" &&
          issue.errors.every((branch) => branch.length === 1 && branch[0].code === "invalid_value")
        ? issue.errors.flatMap((branch) => (branch[0].code === "invalid_value" ? branch[0].values : []))
        : undefined;
  return values
    ?.filter((v) => v !== "")
    .map((v) => valueLabel(lang, issue.path, String(v)))
    .join(lang === "zh-CN" ? "、" : ", ");
}

function sentence(lang: Lang, issue: z.core.$ZodIssue, payload: unknown): string {
  const field = fieldLabel(lang, issue.path);
  if (isMessageKey(lang, issue.message)) return t(lang, issue.message, { field });
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => t(lang, key, { field, ...params });
  switch (issue.code) {
    case "invalid_type":
      if (valueAt(payload, issue.path) === undefined) return say("error.field.missing");
      return say(issue.expected === "int" ? "error.field.whole" : "error.field.type");
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return say("error.field.tooLong", { max });
      if (issue.origin === "array") return say("error.field.tooMany", { max });
      return say("error.field.tooBig", { max });
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return say(min <= 1 ? "error.field.empty" : "error.field.tooShort", { min });
      if (issue.origin === "array") return say("error.field.tooFew", { min });
      return say(issue.inclusive === false ? "error.field.notAbove" : "error.field.tooSmall", { min });
    }
    case "invalid_format":
      return say(issue.format === "email" ? "error.field.email" : "error.field.format");
    case "unrecognized_keys":
      return say("error.field.unknown", { keys: issue.keys.join(", ") });
    case "invalid_value":
    case "invalid_union": {
      const values = allowedValues(lang, issue);
      return values ? say("error.field.choice", { values }) : say("error.field.invalid");
    }
    default:
      return say("error.field.invalid");
  }
}
