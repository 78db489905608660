/**
 * Fax-to-mail notices (R22: look the sender of a fax up; R26: a fax inquiry gets a fax answer within 12 hours).
 * The gateway (eFax, MyFax, RingCentral, Fax.Plus, an office fax server) only carries the fax: it is never the
 * buyer. The buyer is the sending fax number, with a name or company when the notice or its OCR text gives one;
 * two faxes from two numbers are two buyers until a person says otherwise.
 *
 * Gateways are data, like platform rules: rows { gateway, fromPattern, field, pattern, defaultCountry } that a
 * Rules sheet can extend. `pattern` is a regular expression with one capture group.
 */
import { countryName } from "./countries";
import { readPhone } from "./phone";
import { senderGlob } from "./platforms";
import { collapseWhitespace, MAX_SCAN_CHARS } from "./text";

export type FaxField = "number" | "name" | "company";

export interface FaxGatewayRule {
  gateway: string;
  /** Sender glob ("*@efax.com|*@j2.com"); "*" applies to every fax mail (generic cover-sheet patterns). */
  fromPattern: string;
  field: FaxField;
  pattern: string;
  /** Country of numbers the gateway writes without a country code (US gateways write "2125550100"). */
  defaultCountry?: string;
}

// A number: digits with the usual separators, a space only before a digit ("+49 30 1234567 - 3 pages" stops at
// the "-").
const NUM = "(\\+?\\(?\\d(?:[\\d().\\-]|[ \\t](?=[\\d(])){5,24}\\d)";

function rules(gateway: string, fromPattern: string, defaultCountry: string | undefined, fields: [FaxField, string][]) {
  return fields.map(([field, pattern]) => ({ gateway, fromPattern, field, pattern, defaultCountry }));
}

export const DEFAULT_FAX_RULES: FaxGatewayRule[] = [
  ...rules("efax", "efax.com|j2.com|metrofax.com", "US", [
    ["number", `(?:message from|fax from)\\s*"?${NUM}`],
    ["number", `Caller-?ID\\s*:?\\s*${NUM}`],
    ["name", "Sender(?:'s)? Name\\s*:\\s*(.+)"],
  ]),
  ...rules("myfax", "myfax.com|protus.com", "US", [
    ["number", `MyFax message from\\s*"?${NUM}`],
    ["number", `Sender Fax(?: Number)?\\s*:\\s*${NUM}`],
    ["name", "Sender Name\\s*:\\s*(.+)"],
  ]),
  ...rules("ringcentral", "ringcentral.com", "US", [
    ["number", `(?:New Fax Message|Fax) from\\s*${NUM}`],
    ["number", `From\\s*:\\s*${NUM}`],
    ["name", `From\\s*:\\s*(?:\\+?[\\d\\s().\\-]+)?\\s*\\(([^)]+)\\)`],
  ]),
  ...rules("fax.plus", "fax.plus|alohi.com", undefined, [
    ["number", `(?:fax received from|new fax from|from)\\s*${NUM}`],
    ["number", `Sender\\s*:\\s*${NUM}`],
  ]),
  // Any fax mail (an office fax server, a gateway not listed): subject and cover-sheet wording in our languages.
  ...rules("fax", "*", undefined, [
    ["number", `(?:fax|telefax)\\s*(?:from|von|de|от|từ|来自)\\s*:?\\s*"?${NUM}`],
    ["number", `(?:传真|傳真)\\s*(?:来自|來自)?\\s*[:：]?\\s*${NUM}`],
    ["number", `(?:Caller-?ID|CSID|TSID|Remote ID|Station ID|Sender Fax|From Fax)\\s*[:：]?\\s*${NUM}`],
    ["number", `^\\s*(?:Fax|Telefax|Факс|فاكس|传真|傳真|팩스)\\s*(?:No\\.?|Nr\\.?|number)?\\s*[:：]\\s*${NUM}`],
    // A name starts with a letter: "Sender: +234 803…" is a number, not a name (the space is not the name's start).
    ["name", "^\\s*(?:From|De|Von|От|Từ|发件人|寄件人|Attn\\. from|Sender)\\s*[:：][ \\t]*([^\\s\\d+(][^\\n]{1,60})$"],
    [
      "company",
      "^\\s*(?:Company|Empresa|Société|Firma|Компания|الشركة|公司(?:名称)?|Công ty|회사)\\s*[:：]\\s*([^\\n]{2,80})$",
    ],
  ]),
];

export interface FaxSender {
  /** The gateway the notice came through (never the buyer). */
  gateway: string;
  /** E.164 when the number could be read, else "". */
  number: string;
  /** The number as the notice wrote it. */
  written: string;
  /** ISO 3166 alpha-2 of the number, "" when unknown. */
  country: string;
  countryName: string;
  name: string;
  company: string;
  /** Why each field is what it is, or why it is empty. */
  evidence: string[];
}

export interface FaxMail {
  from?: { name?: string; address?: string };
  subject?: string;
  /** The notice's text, with any OCR text of the fax the gateway adds. */
  body?: string;
}

interface CompiledFaxRule {
  rule: FaxGatewayRule;
  from: RegExp | undefined;
  re: RegExp;
}

const compiledCache = new WeakMap<readonly FaxGatewayRule[], { rules: CompiledFaxRule[]; errors: string[] }>();

/** Compiles rule rows; a bad row is reported (row number and why) and left out, never thrown. */
export function compileFaxRules(rows: readonly FaxGatewayRule[]): { rules: CompiledFaxRule[]; errors: string[] } {
  const cached = compiledCache.get(rows);
  if (cached) return cached;
  const out: CompiledFaxRule[] = [];
  const errors: string[] = [];
  rows.forEach((rule, i) => {
    try {
      const re = new RegExp(String(rule.pattern ?? ""), "im");
      if (!/\((?!\?)/.test(rule.pattern)) throw new Error("needs one capture group");
      const pattern = String(rule.fromPattern ?? "").trim();
      out.push({ rule, from: pattern === "*" ? undefined : senderGlob(pattern), re });
    } catch (e) {
      errors.push(
        `Fax rule ${i + 1} (${rule?.gateway ?? "?"}): pattern "${rule?.pattern ?? ""}" ${(e as Error).message}`,
      );
    }
  });
  const result = { rules: out, errors };
  compiledCache.set(rows, result);
  return result;
}

/**
 * Reads who sent a fax from its gateway notice. The gateway's own rules first, then the generic ones; the first
 * number that reads as a phone number wins. Never throws; an unreadable notice gives empty fields with a why.
 */
export function readFaxSender(mail: FaxMail, rows: readonly FaxGatewayRule[] = DEFAULT_FAX_RULES): FaxSender {
  const address = String(mail.from?.address ?? "").toLowerCase();
  const text = `${mail.subject ?? ""}\n${String(mail.body ?? "").slice(0, MAX_SCAN_CHARS)}`;
  const { rules: compiled } = compileFaxRules(rows);
  const own = compiled.filter((r) => r.from?.test(address));
  const generic = compiled.filter((r) => !r.from);
  const gateway = own[0]?.rule.gateway ?? (address ? `fax mail from ${address}` : "fax mail");
  const result: FaxSender = {
    gateway,
    number: "",
    written: "",
    country: "",
    countryName: "",
    name: "",
    company: "",
    evidence: [`gateway ${gateway}: carries the fax, not the buyer`],
  };
  readNumber(result, [...own, ...generic], text);
  for (const field of ["name", "company"] as const) {
    for (const r of [...own, ...generic]) {
      if (r.rule.field !== field) continue;
      const value = collapseWhitespace(r.re.exec(text)?.[1] ?? "");
      if (!value || /^(?:unknown|anonymous|unavailable|n\/a)$/i.test(value)) continue;
      result[field] = value.slice(0, 120);
      result.evidence.push(`${field}: ${r.rule.gateway} notice '${value.slice(0, 60)}'`);
      break;
    }
    if (!result[field]) result.evidence.push(`${field}: the notice gives none`);
  }
  return result;
}

function readNumber(result: FaxSender, candidates: CompiledFaxRule[], text: string): void {
  let problem = "";
  for (const r of candidates) {
    if (r.rule.field !== "number") continue;
    const written = r.re.exec(text)?.[1]?.trim();
    if (!written) continue;
    let read = readPhone(written);
    // US gateways write "2125550100" or "1-212-555-0100" for their own country.
    if (!read.ok && r.rule.defaultCountry) read = readPhone(written, r.rule.defaultCountry);
    if (!read.ok) {
      problem ||= read.problem;
      continue;
    }
    result.number = read.e164;
    result.written = written;
    result.country = read.country;
    result.countryName = countryName(read.country);
    const how = read.country
      ? `country: fax number ${written} (${result.countryName})`
      : "country: shared country code";
    result.evidence.push(`number: ${r.rule.gateway} notice '${written}'`, how);
    return;
  }
  result.evidence.push(problem ? `number: ${problem}` : "number: the gateway did not give the sending number");
}

/** The key a fax buyer is known by before anything else is: its number ("fax:+97145550198"), "" without one. */
export function faxBuyerKey(sender: Pick<FaxSender, "number">): string {
  return sender.number ? `fax:${sender.number}` : "";
}

/** The built-in gateways as rows of a rules sheet (kind "fax"), so a person sees and extends them (R26). */
export function defaultFaxRuleRows(): {
  platform: string;
  fromPattern: string;
  field: FaxField;
  pattern: string;
  kind: "fax";
  country: string;
}[] {
  return DEFAULT_FAX_RULES.map((r) => ({
    platform: r.gateway,
    fromPattern: r.fromPattern,
    field: r.field,
    pattern: r.pattern,
    kind: "fax" as const,
    country: r.defaultCountry ?? "",
  }));
}
