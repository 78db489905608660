/**
 * Bulk import of old customers and trade-show contacts (R21): columns found by header (English or Chinese
 * synonyms), each row run through the same duplicate check as mail (R22, matching.ts), and a decision per
 * row: created, merged (only empty fields filled), needs a person (a weak match, or a value that differs
 * from what the book says — both shown side by side), or invalid. Nothing is ever overwritten here.
 */
import { parseGrade } from "./grades";
import {
  type BuyerIndex,
  type BuyerRecord,
  buildBuyerIndex,
  companyDomain,
  isFreeMail,
  matchSender,
  normalizeCompany,
  normalizeEmail,
  samePhone,
} from "./matching";
import { canonicalCountry, regionOf } from "./regions";

export const IMPORT_FIELDS = [
  "company",
  "name",
  "email",
  "phone",
  "website",
  "country",
  "city",
  "nature",
  "source",
  "grade",
  "products",
  "show",
  "owner",
  "notes",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header texts people use, folded (lower case, no spaces/punctuation). The Buyers/Import headers are included. */
const SYNONYMS: Record<ImportField, string[]> = {
  company: [
    "company",
    "companyname",
    "firm",
    "organization",
    "organisation",
    "customer",
    "customername",
    "公司",
    "公司名称",
    "客户名称",
    "单位",
    "企业名称",
    "客户",
  ],
  name: [
    "contact",
    "contactname",
    "contactperson",
    "name",
    "fullname",
    "person",
    "buyer",
    "buyername",
    "联系人",
    "姓名",
    "名字",
    "联系人姓名",
  ],
  email: ["email", "e-mail", "emailaddress", "mail", "邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址"],
  phone: ["phone", "tel", "telephone", "mobile", "whatsapp", "phonenumber", "电话", "手机", "联系电话", "手机号"],
  website: ["website", "web", "url", "homepage", "site", "网站", "网址", "公司网站"],
  country: ["country", "countryregion", "nation", "国家", "国家地区", "国别"],
  city: ["city", "town", "城市", "所在城市"],
  nature: ["businesstype", "type", "nature", "customertype", "category", "客户类型", "类型", "性质", "客户性质"],
  source: ["source", "leadsource", "来源", "客户来源"],
  grade: ["grade", "level", "rating", "class", "等级", "级别", "客户等级"],
  products: [
    "products",
    "productsasked",
    "product",
    "interest",
    "interestedin",
    "询问产品",
    "产品",
    "感兴趣产品",
    "意向产品",
  ],
  show: ["tradeshow", "show", "fair", "exhibition", "event", "展会", "展会名称", "展览会"],
  owner: ["owner", "salesperson", "sales", "accountmanager", "负责人", "业务员", "跟进人"],
  notes: ["notes", "note", "remark", "remarks", "comment", "comments", "memo", "备注", "说明", "附注"],
};

function foldHeader(text: string): string {
  return String(text ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-./:：()（）*#]+/g, "");
}

const BY_SYNONYM = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const s of SYNONYMS[field]) BY_SYNONYM.set(foldHeader(s), field);

export interface HeaderMapping {
  /** Field -> 0-based column. The first column with a field's header wins. */
  index: Map<ImportField, number>;
  /** Headers no field claimed (kept out of the import, listed in the report). */
  unmapped: string[];
}

export function mapImportHeaders(header: readonly unknown[]): HeaderMapping {
  const index = new Map<ImportField, number>();
  const unmapped: string[] = [];
  header.forEach((h, i) => {
    const text = String(h ?? "").trim();
    if (text === "") return;
    const field = BY_SYNONYM.get(foldHeader(text));
    if (field && !index.has(field)) index.set(field, i);
    else unmapped.push(text);
  });
  return { index, unmapped };
}

export type ImportValues = Record<ImportField, string>;

export function rowValues(mapping: HeaderMapping, line: readonly unknown[]): ImportValues {
  const values = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, ""])) as ImportValues;
  for (const [field, i] of mapping.index) values[field] = cellText(line[i]);
  return values;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).replace(/\s+/g, " ").trim();
}

const SOURCE_WORDS: [RegExp, string][] = [
  [/trade ?show|fair|exhibition|expo|展会|展览/i, "trade-show"],
  [/alibaba|阿里/i, "alibaba"],
  [/made[- ]in[- ]china|中国制造网/i, "made-in-china"],
  [/global ?sources|环球资源/i, "global-sources"],
  [/website|web site|官网|网站/i, "website"],
  [/referr|介绍|推荐/i, "referral"],
  [/phone|电话/i, "phone"],
  [/e-?mail|邮件/i, "email"],
];

/** The Buyers fields one import row carries, cleaned: first address in `email`, the rest in `otherEmails`. */
export interface ImportedBuyer {
  company: string;
  name: string;
  email: string;
  otherEmails: string;
  phone: string;
  website: string;
  country: string;
  region: string;
  city: string;
  nature: string;
  source: string;
  grade: string;
  products: string;
  owner: string;
  notes: string;
}

export function cleanRow(values: ImportValues, defaults: { source?: string; show?: string } = {}): ImportedBuyer {
  const addresses = values.email
    .split(/[,;；，\s]+/)
    .map(normalizeEmail)
    .filter((a) => a !== "");
  const country = canonicalCountry(values.country);
  const show = values.show || defaults.show || "";
  const sourceText = values.source || (show ? "trade show" : "");
  const source = SOURCE_WORDS.find(([re]) => re.test(sourceText))?.[1] ?? defaults.source ?? "import";
  const grade = parseGrade(values.grade);
  const notes = [values.notes, show ? `Trade show: ${show}` : ""].filter(Boolean).join("\n");
  return {
    company: values.company,
    name: values.name,
    email: addresses[0] ?? "",
    otherEmails: addresses.slice(1).join(", "),
    phone: values.phone,
    website: values.website,
    country,
    region: regionOf(country),
    city: values.city,
    nature: values.nature,
    source,
    grade: grade.ok ? (grade.grade ?? "") : "",
    products: values.products,
    owner: values.owner.toLowerCase(),
    notes,
  };
}

export interface ExistingBuyer extends ImportedBuyer {
  id: string;
}

export interface Conflict {
  field: keyof ImportedBuyer;
  inBook: string;
  inFile: string;
}

export type RowDecision =
  | { kind: "created"; buyer: ImportedBuyer; ref: string }
  | {
      kind: "merged";
      buyerId: string;
      fills: Partial<ImportedBuyer>;
      why: string;
    }
  | {
      kind: "needs-person";
      buyerId?: string;
      fills: Partial<ImportedBuyer>;
      conflicts: Conflict[];
      candidates: string[];
      why: string;
    }
  | { kind: "invalid"; why: string };

/** Fields compared for conflicts; the others accumulate (products, notes, other e-mails) or are ours (owner). */
const COMPARED: (keyof ImportedBuyer)[] = ["company", "name", "phone", "website", "country", "city", "nature", "grade"];

/** Whether two values say the same thing (legal forms, phone punctuation, URL forms and case aside). */
function same(field: keyof ImportedBuyer, a: string, b: string): boolean {
  const plain = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  if (plain(a) === plain(b)) return true;
  if (field === "company") return normalizeCompany(a) !== "" && normalizeCompany(a) === normalizeCompany(b);
  if (field === "phone") return samePhone(a, b);
  if (field === "website") return companyDomain(a) !== "" && companyDomain(a) === companyDomain(b);
  if (field === "country") return canonicalCountry(a).toLowerCase() === canonicalCountry(b).toLowerCase();
  return false;
}

/** What merging `incoming` into `existing` may change without a person: empty fields, added products/notes. */
export function mergePlan(
  existing: ImportedBuyer,
  incoming: ImportedBuyer,
): { fills: Partial<ImportedBuyer>; conflicts: Conflict[] } {
  const fills: Partial<ImportedBuyer> = {};
  const conflicts: Conflict[] = [];
  for (const field of COMPARED) {
    const mine = existing[field];
    const theirs = incoming[field];
    if (theirs === "") continue;
    if (mine === "") {
      fills[field] = theirs;
      if (field === "country" && !existing.region) fills.region = incoming.region;
    } else if (!same(field, mine, theirs)) conflicts.push({ field, inBook: mine, inFile: theirs });
  }
  const known = new Set([existing.email, ...existing.otherEmails.split(/[,;\s]+/)].map(normalizeEmail).filter(Boolean));
  const newAddresses = [incoming.email, ...incoming.otherEmails.split(/[,;\s]+/)]
    .map(normalizeEmail)
    .filter((a) => a !== "" && !known.has(a));
  if (newAddresses.length > 0) {
    if (!existing.email) {
      fills.email = newAddresses[0];
      newAddresses.shift();
    }
    if (newAddresses.length > 0) fills.otherEmails = [existing.otherEmails, ...newAddresses].filter(Boolean).join(", ");
  }
  const products = addMissing(existing.products, incoming.products, /[;；,，]/);
  if (products !== existing.products) fills.products = products;
  const notes = addMissing(existing.notes, incoming.notes, /\n/);
  if (notes !== existing.notes) fills.notes = notes;
  return { fills, conflicts };
}

function addMissing(have: string, add: string, separator: RegExp): string {
  const list = have
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
  const lower = new Set(list.map((s) => s.toLowerCase()));
  const extra = add
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !lower.has(s.toLowerCase()));
  if (extra.length === 0) return have;
  const joiner = separator.source === "\\n" ? "\n" : "; ";
  return [...list, ...extra].join(joiner);
}

/**
 * Decides every row. Rows are matched against the book and against rows created earlier in the same file,
 * so a contact listed twice becomes one buyer.
 */
export function planImport(rows: readonly ImportedBuyer[], existing: readonly ExistingBuyer[]): RowDecision[] {
  const index: BuyerIndex = buildBuyerIndex(existing.map(toRecord));
  const byId = new Map(existing.map((b) => [b.id, { ...b }]));
  // Rows created in this file, found again by address, company domain or company name.
  const created = new Map<string, ImportedBuyer>();
  const createdBy = {
    email: new Map<string, string>(),
    domain: new Map<string, string>(),
    company: new Map<string, string>(),
  };
  const decisions: RowDecision[] = [];
  rows.forEach((row, i) => {
    if (!row.email && !row.company && !row.name && !row.phone) {
      decisions.push({ kind: "invalid", why: "no e-mail, company, contact or phone" });
      return;
    }
    const inFile = findCreated(row, createdBy);
    if (inFile) {
      const target = created.get(inFile)!;
      const { fills, conflicts } = mergePlan(target, row);
      Object.assign(target, fills);
      decisions.push(
        conflicts.length > 0
          ? {
              kind: "needs-person",
              buyerId: inFile,
              fills,
              conflicts,
              candidates: [],
              why: "same buyer as an earlier row of this file",
            }
          : { kind: "merged", buyerId: inFile, fills, why: "same buyer as an earlier row of this file" },
      );
      return;
    }
    const match = matchSender(index, { address: row.email, name: row.name, company: row.company });
    if (match.kind === "email" || match.kind === "domain" || match.kind === "company") {
      const target = byId.get(match.buyerId)!;
      const { fills, conflicts } = mergePlan(target, row);
      Object.assign(target, fills);
      const others = match.kind === "email" ? [] : match.others;
      if (conflicts.length > 0 || others.length > 0)
        decisions.push({
          kind: "needs-person",
          buyerId: match.buyerId,
          fills,
          conflicts,
          candidates: others,
          why: match.why,
        });
      else decisions.push({ kind: "merged", buyerId: match.buyerId, fills, why: match.why });
      return;
    }
    if (match.kind === "weak") {
      decisions.push({
        kind: "needs-person",
        fills: {},
        conflicts: [],
        candidates: match.candidates.map((c) => c.buyerId),
        why: match.why,
      });
      return;
    }
    const ref = `row:${i}`;
    created.set(ref, { ...row });
    remember(createdBy, row, ref);
    decisions.push({ kind: "created", buyer: created.get(ref)!, ref });
  });
  return decisions;
}

function toRecord(b: ExistingBuyer): BuyerRecord {
  return {
    id: b.id,
    email: b.email,
    emails: b.otherEmails.split(/[,;\s]+/).filter(Boolean),
    company: b.company,
    website: b.website,
    phone: b.phone,
    name: b.name,
  };
}

type CreatedIndex = { email: Map<string, string>; domain: Map<string, string>; company: Map<string, string> };

function remember(idx: CreatedIndex, row: ImportedBuyer, ref: string): void {
  for (const a of [row.email, ...row.otherEmails.split(/[,;\s]+/)].map(normalizeEmail).filter(Boolean)) {
    if (!idx.email.has(a)) idx.email.set(a, ref);
    const d = companyDomain(a);
    if (d && !isFreeMail(d) && !idx.domain.has(d)) idx.domain.set(d, ref);
  }
  const c = normalizeCompany(row.company);
  if (c && !idx.company.has(c)) idx.company.set(c, ref);
}

function findCreated(row: ImportedBuyer, idx: CreatedIndex): string | undefined {
  const a = normalizeEmail(row.email);
  if (a && idx.email.has(a)) return idx.email.get(a);
  const d = a ? companyDomain(a) : "";
  if (d && !isFreeMail(d) && idx.domain.has(d)) return idx.domain.get(d);
  const c = normalizeCompany(row.company);
  return c ? idx.company.get(c) : undefined;
}
