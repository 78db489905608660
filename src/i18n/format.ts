/**
 * Fills a catalogue message: `{name}` takes a parameter, and `{name, plural, one {…} other {…}}` picks the form
 * Intl.PluralRules gives the number in the message's language (`#` stands for the number), so "1 day overdue"
 * and "3 days overdue" come from one message; languages without plural forms (Chinese) just write the text.
 * Missing parameters stay visible, never crash. Shared by the server and the sidebar.
 */
export function formatMessage(lang: string, template: string, params: Record<string, string | number> = {}): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matching(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    out += fill(lang, template.slice(open + 1, close), template.slice(open, close + 1), params);
    i = close + 1;
  }
  return out;
}

/** The index of the brace closing the one at `open`, or -1. */
function matching(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j += 1) {
    if (text[j] === "{") depth += 1;
    else if (text[j] === "}" && --depth === 0) return j;
  }
  return -1;
}

function fill(lang: string, inner: string, whole: string, params: Record<string, string | number>): string {
  const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
  if (!plural) {
    const name = inner.trim();
    return /^\w+$/.test(name) && name in params ? String(params[name]) : whole;
  }
  const [, name, body] = plural;
  if (!(name in params)) return whole;
  const n = Number(params[name]);
  const forms = new Map<string, string>();
  for (let k = 0; k < body.length; ) {
    const m = /^\s*(=?\w+)\s*\{/.exec(body.slice(k));
    if (!m) break;
    const start = k + m[0].length - 1;
    const end = matching(body, start);
    if (end < 0) break;
    forms.set(m[1], body.slice(start + 1, end));
    k = end + 1;
  }
  let form: string;
  try {
    form = new Intl.PluralRules(lang).select(n);
  } catch {
    form = n === 1 ? "one" : "other";
  }
  const chosen = forms.get(`=${n}`) ?? forms.get(form) ?? forms.get("other") ?? "";
  return formatMessage(lang, chosen.replace(/#/g, String(params[name])), params);
}
