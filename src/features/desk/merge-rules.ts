/**
 * Two rows for one buyer (R22: look the sender up first — and when that finds the same company twice, make it
 * one): how the survivor's row combines with the merged one. The survivor's typed values win; its empty
 * fields are filled from the other; lists (addresses, products) are joined; the first contact and the last
 * contact are the earliest and the latest of both. The merged row stays as an alias pointing at the survivor,
 * so an old link or a row typed with the old ID still finds the buyer.
 */
import type { Buyer } from "../../store/schemas";

export const MERGED = "merged";

/** The survivor's ID when `buyer` was merged into another, else undefined. */
export function mergedInto(buyer: Pick<Buyer, "status" | "duplicateOf">): string | undefined {
  if (buyer.status !== MERGED) return undefined;
  return /\bB-\d+\b/.exec(buyer.duplicateOf)?.[0];
}

const splitList = (s: string) =>
  s
    .split(/[,;，；\n]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "");

function joinLists(a: string, b: string, key: (x: string) => string = (x) => x.toLowerCase()): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of [...splitList(a), ...splitList(b)]) {
    if (seen.has(key(x))) continue;
    seen.add(key(x));
    out.push(x);
  }
  return out.join(", ");
}

const TEXT_FIELDS = [
  "company",
  "name",
  "phone",
  "website",
  "country",
  "region",
  "nature",
  "source",
  "grade",
  "owner",
  "city",
  "notes",
] as const satisfies readonly (keyof Buyer)[];

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a <= b ? a : b) : (a ?? b));
const latest = (a: Date | null, b: Date | null) => (a && b ? (a >= b ? a : b) : (a ?? b));

/** The cells of the survivor that change (an empty object when the merged row adds nothing). */
export function combineBuyers(survivor: Buyer, merged: Buyer): Partial<Buyer> {
  const changes: Partial<Buyer> = {};
  const set = <K extends keyof Buyer>(key: K, value: Buyer[K]) => {
    if (value !== survivor[key]) changes[key] = value;
  };
  for (const key of TEXT_FIELDS) if (survivor[key] === "" && merged[key] !== "") set(key, merged[key]);
  const email = survivor.email || merged.email;
  set("email", email);
  const others = joinLists(survivor.otherEmails, [merged.email, merged.otherEmails].filter(Boolean).join(", "));
  set(
    "otherEmails",
    splitList(others)
      .filter((e) => e.toLowerCase() !== email.toLowerCase())
      .join(", "),
  );
  set("products", joinLists(survivor.products, merged.products));
  const created = earliest(survivor.created, merged.created);
  if ((created?.getTime() ?? null) !== (survivor.created?.getTime() ?? null)) changes.created = created;
  const last = latest(survivor.lastContact, merged.lastContact);
  if ((last?.getTime() ?? null) !== (survivor.lastContact?.getTime() ?? null)) changes.lastContact = last;
  return changes;
}
