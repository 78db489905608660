/**
 * Regional price tiers (R3): the same product carries different quotes by region. The Middle East and
 * Southeast Asia are price-sensitive (the first quote must already be competitive); US buyers value service,
 * so its cost is in the price and the quote explains it; everyone else gets the standard price.
 */
import { type Decimal, MoneyError, parseDecimal, parsePercent } from "./money";
import { canonicalCountry, regionOf } from "./regions";

export const TIERS = ["standard", "price-sensitive", "value-added"] as const;
export type Tier = (typeof TIERS)[number];

export function isTier(s: string): s is Tier {
  return (TIERS as readonly string[]).includes(s);
}

/** Settings keys: which regions or countries fall in a tier, and the fallback adjustment off the base price. */
export const TIER_SETTING_KEYS = {
  members: (tier: Exclude<Tier, "standard">) => `tier.${tier}`,
  adjust: (tier: Exclude<Tier, "standard">) => `tier.${tier}.adjust`,
};

export interface TierPolicy {
  /** Lower-cased region names and canonical country names per non-standard tier. */
  members: Record<Exclude<Tier, "standard">, string[]>;
  /** Percent off (negative) or on the base price when a product has no price for the tier. */
  adjust: Record<Tier, Decimal>;
}

export interface TierPolicyText {
  priceSensitive: string;
  valueAdded: string;
  priceSensitiveAdjust: string;
  valueAddedAdjust: string;
}

export const DEFAULT_TIER_POLICY_TEXT: TierPolicyText = {
  priceSensitive: "Middle East, Southeast Asia",
  valueAdded: "United States",
  priceSensitiveAdjust: "0",
  valueAddedAdjust: "0",
};

function listOf(text: string): string[] {
  return text
    .split(/[,，;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Reads the tier Settings; bad percentages are reported by key and value and count as 0. */
export function parseTierPolicy(text: TierPolicyText, problems: string[] = []): TierPolicy {
  const percent = (key: string, raw: string): Decimal => {
    if (raw.trim() === "") return { units: 0, scale: 0 };
    try {
      return parsePercent(raw);
    } catch (e) {
      problems.push(`Settings ${key}: "${raw}" ${(e as Error).message}; using 0`);
      return { units: 0, scale: 0 };
    }
  };
  const member = (s: string) => (regionOf(s) !== "" ? canonicalCountry(s) : s).toLowerCase();
  return {
    members: {
      "price-sensitive": listOf(text.priceSensitive).map(member),
      "value-added": listOf(text.valueAdded).map(member),
    },
    adjust: {
      standard: { units: 0, scale: 0 },
      "price-sensitive": percent(TIER_SETTING_KEYS.adjust("price-sensitive"), text.priceSensitiveAdjust),
      "value-added": percent(TIER_SETTING_KEYS.adjust("value-added"), text.valueAddedAdjust),
    },
  };
}

/**
 * The tier for a buyer's country. A country named in a tier beats a region named in another (the more
 * specific wins), so "United States" can be value-added while the rest of North America stays standard.
 */
export function tierForCountry(country: string, policy: TierPolicy): Tier {
  const name = canonicalCountry(country).toLowerCase();
  if (name === "") return "standard";
  const tiers = ["price-sensitive", "value-added"] as const;
  for (const tier of tiers) if (policy.members[tier].includes(name)) return tier;
  const region = regionOf(country).toLowerCase();
  if (region === "") return "standard";
  for (const tier of tiers) if (policy.members[tier].includes(region)) return tier;
  return "standard";
}

export type TierPrices = Partial<Record<Tier, Decimal>>;

export type TierPricesParsed = { ok: true; prices: TierPrices } | { ok: false; problem: string };

/**
 * Reads a Products "Tier prices" cell: "standard: 12.50; price-sensitive: 11.80; value-added: 13.90".
 * Strict: an unknown tier name, a repeated tier or a bad amount makes the whole cell a problem (a quote from a
 * half-read cell could be wrong), reported for a person to fix. An empty cell has no tier prices.
 */
export function parseTierPrices(text: string): TierPricesParsed {
  const prices: TierPrices = {};
  const s = String(text ?? "").normalize("NFKC");
  const parts = s
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  for (const part of parts) {
    const m = /^([a-z-]+)\s*:\s*(.+)$/i.exec(part);
    if (!m) return { ok: false, problem: `"${part}" is not "tier: price"` };
    const name = m[1].toLowerCase();
    if (!isTier(name)) return { ok: false, problem: `unknown tier "${m[1]}" (use ${TIERS.join(", ")})` };
    if (prices[name]) return { ok: false, problem: `tier "${name}" appears twice` };
    try {
      prices[name] = parseDecimal(m[2]);
    } catch (e) {
      if (e instanceof MoneyError) return { ok: false, problem: `${name}: ${e.message}` };
      throw e;
    }
  }
  return { ok: true, prices };
}
