/**
 * Who a campaign goes to (R11, R12, R16, R24, R25) and who it must never reach. A segment is a plain filter
 * over buyer records: every field set narrows the list, an empty filter means "every buyer we may mail".
 * Suppression (unsubscribed, do-not-contact, bounced, no usable address) applies whatever the filter says.
 */
import { normalizeEmail } from "./matching";

export interface SegmentBuyer {
  id: string;
  company: string;
  name: string;
  email: string;
  country: string;
  region: string;
  city?: string;
  source: string;
  grade: string;
  owner: string;
  status: string;
  products: string;
  lastContact: Date | null;
  notes?: string;
}

export interface SegmentFilter {
  /** Grades to include; "" stands for buyers not graded yet. */
  grades?: string[];
  regions?: string[];
  countries?: string[];
  cities?: string[];
  sources?: string[];
  owners?: string[];
  /** Buyers who asked about any of these products (R24): words matched inside the "Products asked" cell. */
  products?: string[];
  /** Only buyers last contacted at least this many days ago (or never). */
  notContactedForDays?: number;
  /** Only buyers contacted within this many days. */
  contactedWithinDays?: number;
  /** A trade show named in the buyer's notes (met there, or invited before). */
  show?: string;
}

export type SuppressionReason = "unsubscribed" | "do-not-contact" | "bounced" | "no-address";

/** Why a buyer must not get campaign mail, or undefined when they may. */
export function suppressionOf(buyer: Pick<SegmentBuyer, "status" | "email">): SuppressionReason | undefined {
  if (buyer.status === "unsubscribed" || buyer.status === "do-not-contact" || buyer.status === "bounced")
    return buyer.status;
  return normalizeEmail(buyer.email) === "" ? "no-address" : undefined;
}

const DAY_MS = 86_400_000;

function norm(s: string): string {
  return s.trim().toLowerCase();
}

function inList(value: string, list: string[] | undefined): boolean {
  if (!list || list.length === 0) return true;
  const v = norm(value);
  return list.some((x) => norm(x) === v);
}

/** Whether the buyer's asked-about products mention any of the wanted ones (case-insensitive words). */
function askedAbout(products: string, wanted: string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return true;
  const have = norm(products);
  if (have === "") return false;
  return wanted.some((w) => norm(w) !== "" && have.includes(norm(w)));
}

/** Whether one buyer fits the filter (suppression is separate: see `selectSegment`). */
export function matchesSegment(buyer: SegmentBuyer, filter: SegmentFilter, now: Date): boolean {
  if (!inList(buyer.grade, filter.grades)) return false;
  if (!inList(buyer.region, filter.regions)) return false;
  if (!inList(buyer.country, filter.countries)) return false;
  if (!inList(buyer.city ?? "", filter.cities)) return false;
  if (!inList(buyer.source, filter.sources)) return false;
  if (!inList(buyer.owner, filter.owners)) return false;
  if (!askedAbout(buyer.products, filter.products)) return false;
  const last = buyer.lastContact?.getTime();
  if (filter.notContactedForDays !== undefined && last !== undefined)
    if (now.getTime() - last < filter.notContactedForDays * DAY_MS) return false;
  if (filter.contactedWithinDays !== undefined)
    if (last === undefined || now.getTime() - last > filter.contactedWithinDays * DAY_MS) return false;
  if (filter.show && !norm(buyer.notes ?? "").includes(norm(filter.show))) return false;
  return true;
}

export interface SegmentResult<B extends SegmentBuyer> {
  /** Buyers to mail, one per address, in sheet order. */
  recipients: B[];
  /** Buyers the filter picked but who must not be mailed, with the reason (shown in the preview). */
  suppressed: { buyer: B; reason: SuppressionReason | "duplicate-address" }[];
}

/** The campaign's audience: filter, then suppression, then one message per address. */
export function selectSegment<B extends SegmentBuyer>(
  buyers: readonly B[],
  filter: SegmentFilter,
  now: Date,
): SegmentResult<B> {
  const result: SegmentResult<B> = { recipients: [], suppressed: [] };
  const seen = new Set<string>();
  for (const buyer of buyers) {
    if (!buyer.id || !matchesSegment(buyer, filter, now)) continue;
    const reason = suppressionOf(buyer);
    if (reason) {
      result.suppressed.push({ buyer, reason });
      continue;
    }
    const address = normalizeEmail(buyer.email);
    if (seen.has(address)) {
      result.suppressed.push({ buyer, reason: "duplicate-address" });
      continue;
    }
    seen.add(address);
    result.recipients.push(buyer);
  }
  return result;
}

/** A readable one-line description of a filter, for the Campaigns sheet and the preview. */
export function describeSegment(filter: SegmentFilter): string {
  const parts: string[] = [];
  const list = (label: string, v: string[] | undefined) => {
    if (v && v.length > 0) parts.push(`${label}: ${v.map((x) => x || "(ungraded)").join(", ")}`);
  };
  list("grade", filter.grades);
  list("region", filter.regions);
  list("country", filter.countries);
  list("city", filter.cities);
  list("source", filter.sources);
  list("owner", filter.owners);
  list("products", filter.products);
  if (filter.notContactedForDays !== undefined) parts.push(`not contacted for ${filter.notContactedForDays} days`);
  if (filter.contactedWithinDays !== undefined) parts.push(`contacted within ${filter.contactedWithinDays} days`);
  if (filter.show) parts.push(`show: ${filter.show}`);
  return parts.length > 0 ? parts.join("; ") : "all buyers";
}
