/**
 * What was wrong with a sidebar form, in the person's language and naming the field as the form does — never
 * the validator's own English ("Invalid input: email: Invalid email address").
 */
import { type Lang, type MessageKey, t } from "../i18n";

/** The parts of a validation issue this needs (zod's issues have them, whichever zod build made them). */
export interface Issue {
  code: string;
  path: readonly PropertyKey[];
  format?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  keys?: readonly string[];
}

function fieldName(lang: Lang, path: readonly PropertyKey[], keys?: readonly string[]): string {
  const names = [...path].filter((p): p is string => typeof p === "string");
  const last = keys?.[0] ?? names[names.length - 1] ?? "payload";
  const key = `field.${last}` as MessageKey;
  const text = t(lang, key);
  // A field the catalogue does not name reads as "the form": never a code name in the sentence.
  return text === key ? t(lang, "field.payload") : text;
}

function describe(lang: Lang, issue: Issue): string {
  const field = fieldName(lang, issue.path, issue.keys);
  const isText = issue.origin === "string";
  switch (issue.code) {
    case "too_small":
      return isText && Number(issue.minimum) <= 1
        ? t(lang, "error.field.required", { field })
        : t(lang, "error.field.tooSmall", { field, min: String(issue.minimum) });
    case "too_big":
      return isText
        ? t(lang, "error.field.tooLong", { field, max: String(issue.maximum) })
        : t(lang, "error.field.tooBig", { field, max: String(issue.maximum) });
    case "invalid_format":
      return issue.format === "email"
        ? t(lang, "error.field.email", { field })
        : t(lang, "error.field.invalid", { field });
    case "invalid_value":
      return t(lang, "error.field.choice", { field });
    case "unrecognized_keys":
      return t(lang, "error.field.unknown", { field });
    default:
      return t(lang, "error.field.invalid", { field });
  }
}

/** One sentence for the status line: the first few problems, each naming its field. */
export function describeInvalid(lang: Lang, issues: readonly Issue[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of issues) {
    const line = describe(lang, issue);
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return t(lang, "error.invalid", { detail: lines.slice(0, 3).join(" ") });
}
