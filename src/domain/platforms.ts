/**
 * Platform notification rules: which mails are inquiry notifications from Alibaba.com, Made-in-China.com,
 * Global Sources or the company website, and how to read the buyer's details out of them.
 *
 * Rules are DATA (rows of the "Rules" sheet) so the assistant can add a platform or fix a changed template
 * without a code change. One row = one field of one platform:
 *   platform       "alibaba" | "made-in-china" | "global-sources" | "website" | any other slug (e.g. "ec21")
 *   fromPattern    sender glob: "*@alibaba.com", "wordpress@*"; without "@" it is a domain and also covers
 *                  subdomains ("alibaba.com" covers "notice.alibaba.com"); alternatives separated by "|"
 *   subjectPattern optional; the subject must CONTAIN it (case-insensitive, "*" = anything, "|" = or)
 *   field          buyerName | company | email | country | product | quantity | message
 *   pattern        a regular expression with one capture group ("Buyer name:\s*(.+)"), or a label form
 *                  ending in ":" without parentheses ("Country/Region:") meaning "the text after the label
 *                  on the same line" (or on the next line when the label stands alone); "|" separates
 *                  alternative labels ("Name:|Your Name:").
 */
import { collapseWhitespace, htmlToText, MAX_SCAN_CHARS, parseAddress } from "./text";

export const KNOWN_PLATFORMS = ["alibaba", "made-in-china", "global-sources", "website"] as const;
export type KnownPlatform = (typeof KNOWN_PLATFORMS)[number];
/** A known platform, or a slug the assistant added on the Rules sheet. */
export type PlatformSource = KnownPlatform | (string & {});

export const PLATFORM_FIELDS = ["buyerName", "company", "email", "country", "product", "quantity", "message"] as const;
export type PlatformField = (typeof PLATFORM_FIELDS)[number];
export type PlatformParsed = Partial<Record<PlatformField, string>>;

export interface PlatformRule {
  platform: PlatformSource;
  fromPattern: string;
  subjectPattern?: string;
  field: PlatformField;
  pattern: string;
  /** Sheet row, for error messages; defaults to the position in the list (1-based). */
  row?: number;
}

/** The parts of a message the rules look at (MailFacts fits). */
export interface PlatformMessage {
  from?: { name?: string; address: string };
  subject: string;
  plainBody: string;
  htmlBody?: string;
}

export interface CompiledPlatformRule {
  rule: PlatformRule;
  row: number;
  from: RegExp;
  /** Only the alternatives that pin a domain ("*@alibaba.com", not "noreply@*"): a platform's own sender. */
  fromDomain?: RegExp;
  subject?: RegExp;
  extract: (text: string) => string | undefined;
}

export interface RuleError {
  row: number;
  column: keyof PlatformRule;
  value: string;
  message: string;
}

export interface PlatformMatch {
  platform: PlatformSource;
  parsed: PlatformParsed;
  /** Rows whose from/subject matched, in order; useful in a "why". */
  rows: number[];
}

const MAX_VALUE_CHARS = 2000;

// ---------------------------------------------------------------- defaults

function labels(
  platform: KnownPlatform,
  fromPattern: string,
  subjectPattern: string | undefined,
  fields: [PlatformField, string][],
): PlatformRule[] {
  return fields.map(([field, pattern]) => ({ platform, fromPattern, subjectPattern, field, pattern }));
}

// "Message:" then everything up to the platform's footer (the first blank line followed by a reply link,
// a dashed rule or the end).
const MESSAGE_BLOCK = (label: string, footer: string) =>
  `^[ \\t]*(?:${label})[ \\t]*[:：][ \\t]*\\n?([\\s\\S]+?)(?=\\n\\s*(?:${footer})|$(?![\\s\\S]))`;

export const DEFAULT_PLATFORM_RULES: PlatformRule[] = [
  ...labels("alibaba", "alibaba.com|*@alibaba-inc.com", "inquiry|询盘", [
    ["buyerName", "Buyer name:|Buyer:|Name:|买家姓名:"],
    ["company", "Company:|Company name:|公司名称:"],
    ["country", "Country/Region:|Country:|国家/地区:"],
    ["product", "Product:|Product name:|Inquiry product:|产品:"],
    ["quantity", "Quantity:|Purchase quantity:|采购量:|数量:"],
    ["email", "Email:|E-mail:"],
    [
      "message",
      MESSAGE_BLOCK(
        "Message|Inquiry content|询盘内容",
        "Reply (?:now|to this)|View (?:details|inquiry)|-{3,}|Alibaba\\.com Team",
      ),
    ],
  ]),
  ...labels("made-in-china", "made-in-china.com", "inquiry|message", [
    ["buyerName", "Sender:|From:|Contact Person:"],
    ["company", "Company Name:|Company:"],
    ["country", "Country:|Country/Region:"],
    ["product", "Product Name:|Product:|Subject:"],
    ["quantity", "Purchase Quantity:|Quantity:"],
    ["email", "E-mail:|Email:"],
    ["message", MESSAGE_BLOCK("Content|Message", "Reply Now|View Message|-{3,}|Made-in-China\\.com")],
  ]),
  ...labels("global-sources", "globalsources.com", "inquiry|enquiry|RFQ", [
    ["buyerName", "Buyer Name:|Name:|Contact:"],
    ["company", "Company:|Buyer Company:"],
    ["country", "Country/Territory:|Country:|Location:"],
    ["product", "Product:|Product Name:|Product Interest:"],
    ["quantity", "Order Quantity:|Quantity:"],
    ["email", "Email:|E-mail:"],
    ["message", MESSAGE_BLOCK("Inquiry Message|Message|Details", "Reply to (?:buyer|this)|-{3,}|Global Sources")],
  ]),
  ...labels(
    "website",
    "wordpress@*|noreply@*|no-reply@*|forms@*|*@wixforms.com|*@jotform.com|*@formspree.io",
    "contact form|form submission|new submission|website inquiry|website enquiry|new message from|询盘",
    [
      ["buyerName", "Name:|Your Name:|Full Name:|Nombre:|Nom:"],
      ["company", "Company:|Company Name:|Empresa:|Société:"],
      ["email", "Email:|E-mail:|Your Email:|Correo:"],
      ["country", "Country:|País:|Pays:"],
      ["product", "Product:|Product Interest:|Subject:"],
      ["quantity", "Quantity:|Qty:"],
      ["message", MESSAGE_BLOCK("Message|Your Message|Mensaje|Comments", "-{2,}|This e-mail was sent from|Sent from")],
    ],
  ),
];

// ---------------------------------------------------------------- compile / validate

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "*@alibaba.com" / "wordpress@*" / "alibaba.com" (domain and its subdomains); "|" separates alternatives. */
export function senderGlob(pattern: string): RegExp {
  const parts = pattern
    .split("|")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .map((p) => {
      const glob = escapeRegExp(p).replace(/\\\*/g, ".*").replace(/\\\?/g, ".");
      if (p.includes("@")) return glob;
      return `[^@]*@(?:[^@]*\\.)?${glob}`; // bare domain: that domain or any subdomain
    });
  return new RegExp(`^(?:${parts.join("|")})$`, "i");
}

/** The alternatives of a sender pattern whose domain part has no wildcard. */
function domainPinnedAlternatives(pattern: string): string {
  return pattern
    .split("|")
    .map((p) => p.trim())
    .filter((p) => p && !/\*|\?/.test(p.slice(p.indexOf("@") + 1)))
    .join("|");
}

/** Subject must contain the pattern; "*" = anything, "|" = alternatives. */
export function subjectGlob(pattern: string): RegExp {
  const parts = pattern
    .split("|")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => escapeRegExp(p).replace(/\\\*/g, ".*").replace(/\\\?/g, "."));
  return new RegExp(`(?:${parts.join("|")})`, "i");
}

/** Label form: ends in ":" (or "：") and has no parentheses — "Country/Region:" or "Name:|Your Name:". */
export function isLabelPattern(pattern: string): boolean {
  return /[:：]\s*$/.test(pattern) && !/[()]/.test(pattern);
}

const LOOKS_LIKE_LABEL_LINE = /^\s*[\p{L}][\p{L}\p{N} /&.'-]{0,40}[:：]/u;

function labelExtractor(pattern: string): (text: string) => string | undefined {
  const alternatives = pattern
    .split("|")
    .map((p) => p.trim().replace(/[:：]\s*$/, ""))
    .filter(Boolean)
    .map((p) => escapeRegExp(p).replace(/\s+/g, "\\s*"));
  // At line start, after optional bullets/markup; the label; a colon; the rest of the line.
  const re = new RegExp(`^[ \\t>*•·\\-]*(?:${alternatives.join("|")})[ \\t]*[:：][ \\t]*(.*)$`, "im");
  return (text) => {
    const m = re.exec(text);
    if (!m) return undefined;
    const sameLine = m[1].trim();
    if (sameLine) return sameLine;
    // The label stands alone ("Country:\nGermany"): take the next non-empty line unless it is another label.
    const rest = text.slice(m.index + m[0].length).split("\n");
    for (const line of rest.slice(0, 3)) {
      const t = line.trim();
      if (!t) continue;
      return LOOKS_LIKE_LABEL_LINE.test(t) ? undefined : t;
    }
    return undefined;
  };
}

function countCaptureGroups(re: RegExp): number {
  // An alternation with the empty string always matches, and the result has one slot per group.
  const m = new RegExp(`${re.source}|`, re.flags.replace("g", "")).exec("");
  return m ? m.length - 1 : 0;
}

function regexExtractor(re: RegExp): (text: string) => string | undefined {
  return (text) => {
    const m = re.exec(text);
    if (!m) return undefined;
    for (let i = 1; i < m.length; i++) if (m[i]?.trim()) return m[i];
    return undefined;
  };
}

function normalizeFieldName(value: unknown): PlatformField | undefined {
  const key = String(value ?? "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  const aliases: Record<string, PlatformField> = {
    buyername: "buyerName",
    buyer: "buyerName",
    name: "buyerName",
    contactname: "buyerName",
    company: "company",
    companyname: "company",
    email: "email",
    emailaddress: "email",
    country: "country",
    countryregion: "country",
    product: "product",
    quantity: "quantity",
    qty: "quantity",
    message: "message",
  };
  return aliases[key];
}

/**
 * Checks and compiles rule rows. A bad row never throws: it is reported as a RuleError naming the row,
 * the column and the offending value, and left out of `rules`.
 */
export function compilePlatformRules(rows: readonly unknown[]): { rules: CompiledPlatformRule[]; errors: RuleError[] } {
  const rules: CompiledPlatformRule[] = [];
  const errors: RuleError[] = [];
  rows.forEach((raw, i) => {
    const r = (raw && typeof raw === "object" ? raw : {}) as Partial<Record<keyof PlatformRule, unknown>>;
    const row = typeof r.row === "number" && r.row > 0 ? r.row : i + 1;
    const fail = (column: keyof PlatformRule, value: unknown, why: string) =>
      errors.push({
        row,
        column,
        value: String(value ?? ""),
        message: `Rule row ${row}: ${column} "${String(value ?? "")}" ${why}`,
      });

    const platform = String(r.platform ?? "")
      .trim()
      .toLowerCase();
    if (!/^[a-z0-9][a-z0-9.-]{0,39}$/.test(platform)) {
      fail("platform", r.platform, `is not a platform name (use e.g. ${KNOWN_PLATFORMS.join(", ")})`);
      return;
    }
    const fromPattern = String(r.fromPattern ?? "").trim();
    if (!fromPattern || /\s/.test(fromPattern.replace(/\s*\|\s*/g, "|"))) {
      fail("fromPattern", r.fromPattern, 'must be an address or domain pattern like "*@alibaba.com"');
      return;
    }
    const field = normalizeFieldName(r.field);
    if (!field) {
      fail("field", r.field, `is not one of ${PLATFORM_FIELDS.join(", ")}`);
      return;
    }
    const pattern = String(r.pattern ?? "");
    if (!pattern.trim()) {
      fail("pattern", r.pattern, "is empty");
      return;
    }
    const subjectPattern = r.subjectPattern == null ? "" : String(r.subjectPattern).trim();

    let extract: (text: string) => string | undefined;
    if (isLabelPattern(pattern)) extract = labelExtractor(pattern);
    else {
      let re: RegExp;
      try {
        re = new RegExp(pattern, "im");
      } catch (e) {
        fail("pattern", pattern, `is not a valid regular expression (${(e as Error).message})`);
        return;
      }
      if (countCaptureGroups(re) < 1) {
        fail("pattern", pattern, 'needs one capture group "( )" around the value, or end with ":" for a label');
        return;
      }
      extract = regexExtractor(re);
    }
    rules.push({
      rule: { platform, fromPattern, subjectPattern: subjectPattern || undefined, field, pattern, row },
      row,
      from: senderGlob(fromPattern),
      fromDomain: domainPinnedAlternatives(fromPattern) ? senderGlob(domainPinnedAlternatives(fromPattern)) : undefined,
      subject: subjectPattern ? subjectGlob(subjectPattern) : undefined,
      extract,
    });
  });
  return { rules, errors };
}

/** Errors only, for the Rules sheet's "check rules" action. */
export function validatePlatformRules(rows: readonly unknown[]): RuleError[] {
  return compilePlatformRules(rows).errors;
}

// Compiling is cheap but not free; classify() sees the same rules array for every message of a run.
const compiledCache = new WeakMap<readonly unknown[], CompiledPlatformRule[]>();
export function compiledRulesFor(rows: readonly PlatformRule[]): CompiledPlatformRule[] {
  let compiled = compiledCache.get(rows);
  if (!compiled) {
    compiled = compilePlatformRules(rows).rules;
    compiledCache.set(rows, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------- parse

/** The text the rules read: the plain body, or the HTML body as text when the plain body is empty. */
export function messageText(message: Pick<PlatformMessage, "plainBody" | "htmlBody">): string {
  const plain = String(message.plainBody ?? "");
  const text = plain.trim() ? plain : htmlToText(String(message.htmlBody ?? ""));
  return text.slice(0, MAX_SCAN_CHARS).replace(/\r\n?/g, "\n");
}

/**
 * Platforms whose own domain sent this address (subject not considered). Patterns with a wildcard domain
 * ("noreply@*") are left out: they describe a kind of sender, not the platform's mail server.
 */
export function platformsForSender(address: string, rules: readonly CompiledPlatformRule[]): PlatformSource[] {
  const found: PlatformSource[] = [];
  for (const r of rules) {
    if (r.fromDomain?.test(address) && !found.includes(r.rule.platform)) found.push(r.rule.platform);
  }
  return found;
}

/**
 * Reads a platform notification. The platform is the one of the first rule whose sender and subject
 * patterns both match; then every matching rule of that platform fills its field (first value wins).
 * Undefined when no rule's sender+subject matches. Accepts raw rule rows or already compiled rules.
 */
export function parsePlatform(
  message: PlatformMessage,
  rules: readonly PlatformRule[] | readonly CompiledPlatformRule[],
): PlatformMatch | undefined {
  const compiled = isCompiled(rules) ? rules : compiledRulesFor(rules as readonly PlatformRule[]);
  const address = String(message.from?.address ?? "").toLowerCase();
  if (!address) return undefined;
  const subject = String(message.subject ?? "");
  const applies = (r: CompiledPlatformRule) => r.from.test(address) && (!r.subject || r.subject.test(subject));
  const first = compiled.find(applies);
  if (!first) return undefined;
  const platform = first.rule.platform;
  const text = messageText(message);
  const parsed: PlatformParsed = {};
  const rows: number[] = [];
  for (const r of compiled) {
    if (r.rule.platform !== platform || !applies(r)) continue;
    rows.push(r.row);
    if (parsed[r.rule.field] !== undefined) continue;
    const value = cleanValue(r.rule.field, r.extract(text));
    if (value) parsed[r.rule.field] = value;
  }
  return { platform, parsed, rows };
}

function isCompiled(rules: readonly unknown[]): rules is readonly CompiledPlatformRule[] {
  return rules.length > 0 && typeof (rules[0] as CompiledPlatformRule).extract === "function";
}

function cleanValue(field: PlatformField, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (field === "email") return parseAddress(value)?.address;
  const text =
    field === "message"
      ? value
          .replace(/[ \t]+/g, " ")
          .replace(/\n{3,}/g, "\n\n")
          .trim()
      : collapseWhitespace(value);
  return text ? text.slice(0, MAX_VALUE_CHARS) : undefined;
}
