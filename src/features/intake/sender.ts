/**
 * Who wrote a buyer message and everything the mail says about them (R21, R22): the buyer's address, name,
 * company, country, city, phone, website, job title, the products and quantity asked, each with the evidence a
 * person can check. Pure: the mail's facts in, the sender out.
 *
 * A platform notice speaks for the buyer through its fields (trusted like the buyer's own labelled fields) and the
 * buyer's message inside it; the platform's own footer is never read as the buyer's. A fax notice's sender is the
 * gateway, never the buyer: the buyer is the sending number, with a name or company when the notice gives one,
 * and the country of that number (R26).
 */
import type { Classification, MailFacts } from "../../domain/classify";
import { type BuyerFacts, type EnrichInput, enrichSender, type FactField } from "../../domain/enrich";
import { type FaxGatewayRule, readFaxSender } from "../../domain/fax";
import { normalizeEmail } from "../../domain/matching";
import type { ProductMatcher } from "../../domain/products";
import { canonicalCountry, regionOf } from "../../domain/regions";
import { collapseWhitespace, stripInvisible } from "../../domain/text";
import type { Buyer } from "../../store/schemas";

export type BuyerMessageKind = Exclude<Classification, { kind: "own" } | { kind: "skip" }>;

/** The buyer facts intake files, with the evidence behind each. */
export type SenderField = "name" | "company" | "country" | "city" | "phone" | "website" | "title";

export interface Sender {
  /** The buyer's address; "" for a fax, or a notice that gives none. */
  address: string;
  name: string;
  company: string;
  /** English country name ("United Arab Emirates"), "" when nothing says. */
  country: string;
  city: string;
  /** E.164 ("+97145550199"), or the fax number for a fax. */
  phone: string;
  website: string;
  title: string;
  /** The number a fax came from (E.164), "" for mail. */
  fax: string;
  /** Catalogue codes asked about. */
  products: string[];
  /** The inquiry's product cell: "P-0002 LED Flood Light 100W", or what a platform notice named. */
  productText: string;
  quantity: string;
  /** Why each filled fact is what it is ("phone +971 4 555 0199"). */
  evidence: Partial<Record<SenderField | "products", string>>;
  /** Why company, country or phone is empty ("phone has no country code: '0171 1234567'"). */
  missing: Partial<Record<SenderField, string>>;
  source: Buyer["source"];
  /** What the buyer wrote: the platform's message field, else the body. */
  text: string;
}

export interface SenderContext {
  ownDomains: readonly string[];
  /** Our staff or domains: a Reply-To pointing back at us never names the buyer. */
  isOurs: (address: string) => boolean;
  catalogue: ProductMatcher;
  productNames: ReadonlyMap<string, string>;
  faxRules: readonly FaxGatewayRule[];
}

const FIELDS: SenderField[] = ["name", "company", "country", "city", "phone", "website", "title"];
/** The fields a person looks for first: when empty, the Evidence column says why (R22: never a silent blank). */
const MISSING_SAID = ["company", "country", "phone"] as const;

export function readSender(facts: MailFacts, kind: BuyerMessageKind, ctx: SenderContext): Sender {
  if (kind.kind === "fax") return faxSender(facts, ctx);
  const parsed = kind.kind === "platform" ? kind.parsed : {};
  // Reply-To names the buyer when a gateway sends for them, unless it points back at us. A platform
  // notification's sender is the platform itself: its buyer has only the address the body gives.
  const replyTo = facts.replyTo && !ctx.isOurs(facts.replyTo) ? facts.replyTo : "";
  const address = normalizeEmail(kind.kind === "platform" ? parsed.email || "" : replyTo || facts.from?.address || "");
  const text = kind.kind === "platform" ? parsed.message || "" : facts.plainBody;
  const input: EnrichInput = {
    from: { name: kind.kind === "platform" ? parsed.buyerName || "" : facts.from?.name || "", address },
    subject: facts.subject,
    body: text,
    ownDomains: ctx.ownDomains,
    catalogue: ctx.catalogue,
  };
  if (kind.kind === "platform")
    input.given = {
      name: parsed.buyerName,
      company: parsed.company,
      country: parsed.country,
      quantity: parsed.quantity,
      product: parsed.product,
    };
  const found = enrichSender(input);
  const sender = fromFacts(found, address, ctx, parsed.product ?? "");
  sender.source = sourceOf(kind);
  sender.text = kind.kind === "platform" ? parsed.message || facts.plainBody : facts.plainBody;
  // A country the platform wrote is filed when the region table knows it under that name; a name nobody knows
  // ("Narnia") stays out of the Country column, and the evidence says what the platform wrote.
  const platformCountry = canonicalCountry(clean(parsed.country));
  if (!sender.country && platformCountry && regionOf(platformCountry)) {
    sender.country = platformCountry;
    sender.evidence.country = `the platform's country field '${platformCountry}'`;
    delete sender.missing.country;
  }
  return sender;
}

function faxSender(facts: MailFacts, ctx: SenderContext): Sender {
  const fax = readFaxSender({ from: facts.from, subject: facts.subject, body: facts.plainBody }, ctx.faxRules);
  // What the fax asks (its OCR text): products and quantity only; the gateway's address says nothing of the buyer.
  const asked = enrichSender({ subject: facts.subject, body: facts.plainBody, catalogue: ctx.catalogue });
  const sender = fromFacts({ ...asked, name: "", company: "", country: "", countryName: "" }, "", ctx, "");
  Object.assign(sender, {
    name: clean(fax.name),
    company: clean(fax.company),
    country: fax.countryName ? canonicalCountry(fax.countryName) : "",
    city: "",
    phone: fax.number,
    website: "",
    title: "",
    fax: fax.number,
    source: "other" as const,
  });
  const note = fax.evidence.join("; ");
  sender.evidence = { phone: note, ...(fax.name ? { name: note } : {}), ...(fax.company ? { company: note } : {}) };
  if (fax.countryName) sender.evidence.country = note;
  sender.missing = {};
  for (const field of MISSING_SAID) if (!sender[field]) sender.missing[field] = note;
  return sender;
}

function fromFacts(found: BuyerFacts, address: string, ctx: SenderContext, given: string): Sender {
  const evidence: Sender["evidence"] = {};
  for (const field of [...FIELDS, "products" as const]) {
    const notes = found.evidence.filter((e) => e.used && e.field === (field as FactField)).map((e) => e.note);
    if (notes.length > 0) evidence[field] = notes.join("; ");
  }
  const missing: Sender["missing"] = {};
  for (const field of MISSING_SAID) {
    if (found[field]) continue;
    const notes = found.evidence.filter((e) => !e.used && e.field === field).map((e) => e.note);
    if (notes.length > 0) missing[field] = notes.join("; ");
  }
  const names = found.products.map((code) => `${code} ${ctx.productNames.get(code) ?? ""}`.trim());
  return {
    address,
    name: clean(found.name),
    company: clean(found.company),
    country: found.countryName ? canonicalCountry(found.countryName) : "",
    city: clean(found.city),
    phone: found.phone,
    website: found.website,
    title: clean(found.title),
    fax: "",
    products: found.products,
    productText: names.length > 0 ? names.join("; ") : clean(given),
    quantity: clean(found.quantity),
    evidence,
    missing,
    source: "email",
    text: "",
  };
}

function clean(text: string | undefined): string {
  return collapseWhitespace(stripInvisible(text ?? "")).slice(0, 300);
}

function sourceOf(kind: BuyerMessageKind): Buyer["source"] {
  if (kind.kind === "platform") {
    const s = String(kind.source);
    return (["alibaba", "made-in-china", "global-sources", "website"].includes(s) ? s : "other") as Buyer["source"];
  }
  return kind.kind === "fax" ? "other" : "email";
}
