/**
 * A quote's prices per Incoterm and currency (R3, R8: accurate, R4: MOQ). Products carry FOB (or EXW) prices
 * in their own currency; the quote is built up from them:
 *
 *   EXW  goods ex works
 *   FOB  + origin charges (only for EXW-priced goods)
 *   CFR  + freight to the destination port
 *   CIF  + freight + insurance
 *   DAP  + freight + delivery to the named place
 *   DDP  + freight + delivery + import duty and handling
 *
 * A component without a Freight row for the destination is "price on request", stated as such; the total is
 * then given only for the last complete term (FOB Ningbo, never a FOB figure under a CIF heading).
 * Amounts are converted at the dated Settings rates, once, exactly; a currency without a rate refuses the
 * quote by name. Pure: the job reads the sheets and hands everything in.
 */
import type { CellProblem } from "./cell-problem";
import { type ChargeBasis, type ChargeComponent, type ChargeRate, type Destination, findCharge } from "./freight";
import { convertAmount, lookupRate, type RateLookup, type RateTable, rateAgeDays } from "./fx";
import { add, compare, type Decimal, MAX_SCALE, minorDigits, mulDiv, round, sum, times, ZERO } from "./money";
import {
  type Incoterm,
  type MoqWarning,
  type PricedLine,
  type QuoteItem,
  type QuoteProduct,
  servicePriced,
  type TierWarning,
  tierKeptPromise,
  tierUnitPrice,
} from "./quote";
import type { Tier, TierPolicy } from "./tiers";

export type PriceBasis = "FOB" | "EXW";

/** The components each term adds to FOB goods, in build-up order (origin comes first, for EXW goods). */
export const INCOTERM_COMPONENTS: Record<Incoterm, readonly ChargeComponent[]> = {
  EXW: [],
  FOB: [],
  CFR: ["freight"],
  CIF: ["freight", "insurance"],
  DAP: ["freight", "delivery"],
  DDP: ["freight", "delivery", "duty"],
};

/** The term a price reaches once a component is added. */
const TERM_AFTER: Record<ChargeComponent, Incoterm> = {
  origin: "FOB",
  freight: "CFR",
  insurance: "CIF",
  delivery: "DAP",
  duty: "DDP",
};

export interface PricingRequest {
  items: readonly QuoteItem[];
  products: ReadonlyMap<string, QuoteProduct>;
  tier: Tier;
  policy: TierPolicy;
  /** The quote's currency. */
  currency: string;
  /** The currency of products whose Currency cell is empty (Settings quote.currency). */
  defaultCurrency: string;
  /** What product prices include when the product does not say (Settings quote.priceBasis), FOB by default. */
  defaultBasis?: PriceBasis;
  incoterm: Incoterm;
  loadingPort: string;
  destination: Destination;
  charges: readonly ChargeRate[];
  rates: RateTable;
  /** yyyy-mm-dd in the company zone, with the age at which rates are called old (Settings fx.maxAgeDays). */
  today?: string;
  maxRateAgeDays?: number;
}

export interface QuoteLine extends PricedLine {
  basis: PriceBasis;
  /** The product's own price and currency, before conversion. */
  sourceCurrency: string;
  sourceUnitPrice: Decimal;
}

export interface ChargeLine {
  component: ChargeComponent;
  /** null: price on request (no Freight row, or it depends on one that is on request). */
  amount: Decimal | null;
  basis: ChargeBasis | null;
  /** For a percent charge, the percentage; for a per-unit charge, the converted rate per unit. */
  rate: Decimal | null;
  /** For a per-unit charge, the quantity it applies to. */
  quantity: number | null;
  /** The Freight sheet row used (for the person checking), 0 when on request. */
  row: number;
}

/** The Settings rates a converted quote used, printed as they are kept: "1 USD = 0.9213 EUR". */
export interface RatesUsed {
  base: string;
  date: string;
  /** Every non-base currency the quote converted from or to, with its rate against the base. */
  currencies: { code: string; rate: Decimal }[];
}

export interface PricedQuote {
  currency: string;
  incoterm: Incoterm;
  loadingPort: string;
  destination: Destination;
  tier: Tier;
  lines: QuoteLine[];
  /** The goods subtotal, and what it includes ("mixed" when EXW and FOB goods are quoted together). */
  goods: Decimal;
  goodsBasis: PriceBasis | "mixed";
  charges: ChargeLine[];
  /** Complete: every component priced, total is the `incoterm` total. */
  complete: boolean;
  /** The total up to `totalTerm`; null when not even the goods make one term (mixed goods, origin on request). */
  total: Decimal | null;
  totalTerm: Incoterm | null;
  onRequest: ChargeComponent[];
  /** null when nothing was converted. */
  rates: RatesUsed | null;
  moqWarnings: MoqWarning[];
  tierWarnings: TierWarning[];
  /** R3: the value-added service paragraph is backed by an uplift. */
  servicePriced: boolean;
  /** Not blocking, for the person: old rates. */
  warnings: string[];
}

export type PricingResult =
  | { ok: true; quote: PricedQuote }
  | { ok: false; problems: CellProblem[]; errors: string[]; missingRates: string[] };

/** The named place of a term: the port of loading for EXW and FOB, the destination for the others. */
export function namedPlace(term: Incoterm, loadingPort: string, destination: Destination): string {
  return term === "EXW" || term === "FOB" ? loadingPort.trim() : destination.port.trim();
}

/**
 * The digits a converted unit price keeps: the quote currency's minor unit (never fewer than the typed price
 * had, up to four), and four below one major unit, where two would move a cheap part's price by percents.
 */
function convertedUnitPrice(price: Decimal, rate: Extract<RateLookup, { ok: true }>, minor: number): Decimal {
  if (rate.from === rate.to) return price;
  const probe = convertAmount(price, rate, MAX_SCALE);
  const scale =
    compare(probe, { units: 1, scale: 0 }) < 0 ? MAX_SCALE : Math.max(minor, Math.min(price.scale, MAX_SCALE));
  return convertAmount(price, rate, scale);
}

interface Refusals {
  problems: CellProblem[];
  errors: string[];
  missingRates: string[];
}

function rateFor(
  from: string,
  to: string,
  rates: RateTable,
  used: Set<string>,
  refusals: Refusals,
): Extract<RateLookup, { ok: true }> | undefined {
  const rate = lookupRate(rates, from, to);
  if (!rate.ok) {
    if (!refusals.missingRates.includes(rate.currency)) {
      refusals.missingRates.push(rate.currency);
      refusals.errors.push(rate.message);
    }
    return undefined;
  }
  if (rate.from !== rate.to) for (const code of [rate.from, rate.to]) used.add(code);
  return rate;
}

function priceLines(req: PricingRequest, used: Set<string>, refusals: Refusals) {
  const currency = req.currency.trim().toUpperCase();
  const minor = minorDigits(currency);
  const lines: QuoteLine[] = [];
  const moqWarnings: MoqWarning[] = [];
  const tierWarnings: TierWarning[] = [];
  for (const item of req.items) {
    const p = req.products.get(item.code);
    if (!p) {
      refusals.errors.push(`product ${item.code} is not in the Products sheet`);
      continue;
    }
    const cell = (column: string, value: unknown, problem: string) =>
      refusals.problems.push({ sheet: "Products", row: p.row ?? 0, column, value, problem: `${p.code}: ${problem}` });
    const basisText = (p.priceBasis ?? "").trim().toUpperCase() || req.defaultBasis || "FOB";
    if (basisText !== "FOB" && basisText !== "EXW") {
      cell("Price basis", p.priceBasis, "write FOB or EXW");
      continue;
    }
    const basis = basisText as PriceBasis;
    if (req.incoterm === "EXW" && basis === "FOB") {
      cell("Price basis", p.priceBasis ?? "", "priced FOB; an EXW quote needs its ex-works price");
      continue;
    }
    const sourceCurrency = (p.currency || req.defaultCurrency).trim().toUpperCase();
    const priced = tierUnitPrice(p, req.tier, req.policy, minorDigits(sourceCurrency));
    if (!priced.ok) {
      cell(priced.column, priced.value, priced.problem);
      continue;
    }
    const rate = rateFor(sourceCurrency, currency, req.rates, used, refusals);
    if (!rate) continue;
    const unitPrice = convertedUnitPrice(priced.unitPrice, rate, minor);
    if (p.moq !== null && item.qty < p.moq) moqWarnings.push({ code: p.code, qty: item.qty, moq: p.moq });
    if (req.tier !== "standard" && !tierKeptPromise(req.tier, priced.adjustment))
      tierWarnings.push({ code: p.code, tier: req.tier });
    lines.push({
      code: p.code,
      name: p.name,
      model: p.model,
      spec: p.spec,
      unit: p.unit,
      qty: item.qty,
      moq: p.moq,
      unitPrice,
      amount: round(times(unitPrice, item.qty), minor),
      leadTime: p.leadTime,
      catalogueLink: p.catalogueLink,
      adjustment: priced.adjustment,
      basis,
      sourceCurrency,
      sourceUnitPrice: priced.unitPrice,
    });
  }
  return { lines, moqWarnings, tierWarnings };
}

/** Freight and insurance go to the port of discharge; delivery and duty to the named place. */
function lookupPlace(component: ChargeComponent, d: Destination): Destination {
  const carriage = component === "freight" || component === "insurance";
  return { port: carriage ? d.dischargePort?.trim() || d.port : d.port, country: d.country };
}

/** One component's line: on request without a row, priced from it otherwise (converted, exact). */
function chargeLine(
  component: ChargeComponent,
  req: PricingRequest,
  lines: readonly QuoteLine[],
  runningValue: Decimal | null,
  used: Set<string>,
  refusals: Refusals,
): ChargeLine {
  const onRequest: ChargeLine = { component, amount: null, basis: null, rate: null, quantity: null, row: 0 };
  const found = findCharge(req.charges, component, lookupPlace(component, req.destination), req.loadingPort);
  if (!found.ok) {
    if (found.reason === "ambiguous")
      for (const row of found.rows)
        refusals.problems.push({
          sheet: "Freight",
          row,
          column: "Destination",
          value: req.destination.port || req.destination.country,
          problem: `${component}: rows ${found.rows.join(", ")} all match this destination at the same level; keep one`,
        });
    return onRequest;
  }
  const { rate: charge } = found;
  const currency = req.currency.trim().toUpperCase();
  const minor = minorDigits(currency);
  if (charge.basis === "percent") {
    if (!runningValue) return onRequest;
    const amount = mulDiv(runningValue, charge.amount, { units: 100, scale: 0 }, minor);
    return { component, amount, basis: "percent", rate: charge.amount, quantity: null, row: charge.row };
  }
  const fx = rateFor(charge.currency, currency, req.rates, used, refusals);
  if (!fx) return onRequest;
  if (charge.basis === "shipment") {
    const amount = convertAmount(charge.amount, fx, minor);
    return { component, amount, basis: "shipment", rate: null, quantity: null, row: charge.row };
  }
  const applies = component === "origin" ? lines.filter((l) => l.basis === "EXW") : lines;
  const quantity = applies.reduce((n, l) => n + l.qty, 0);
  const perUnit = convertedUnitPrice(charge.amount, fx, minor);
  const amount = round(times(perUnit, quantity), minor);
  return { component, amount, basis: "unit", rate: perUnit, quantity, row: charge.row };
}

/** Prices a quote for its tier, currency and Incoterm. */
export function priceQuote(req: PricingRequest): PricingResult {
  const refusals: Refusals = { problems: [], errors: [], missingRates: [] };
  const used = new Set<string>();
  const currency = req.currency.trim().toUpperCase();
  const minor = minorDigits(currency);
  const { lines, moqWarnings, tierWarnings } = priceLines(req, used, refusals);
  const goods = round(sum(lines.map((l) => l.amount)), minor);
  const bases = new Set(lines.map((l) => l.basis));
  const goodsBasis: PriceBasis | "mixed" = bases.size > 1 ? "mixed" : bases.has("EXW") ? "EXW" : "FOB";

  const components: ChargeComponent[] = [...INCOTERM_COMPONENTS[req.incoterm]];
  if (req.incoterm !== "EXW" && bases.has("EXW")) components.unshift("origin");
  const charges: ChargeLine[] = [];
  let running: Decimal | null = goods;
  let totalTerm: Incoterm | null = goodsBasis === "mixed" ? null : goodsBasis;
  if (req.incoterm === "EXW") totalTerm = "EXW";
  for (const component of components) {
    const line = chargeLine(component, req, lines, running, used, refusals);
    charges.push(line);
    running = running && line.amount ? add(running, line.amount) : null;
    if (running) totalTerm = TERM_AFTER[component];
  }
  if (refusals.problems.length > 0 || refusals.errors.length > 0) return { ok: false, ...refusals };

  const onRequest = charges.filter((c) => c.amount === null).map((c) => c.component);
  const complete = onRequest.length === 0;
  const total = complete
    ? round(add(goods, sum(charges.map((c) => c.amount ?? ZERO))), minor)
    : totalTerm
      ? totalUpTo(goods, charges, totalTerm, minor)
      : null;
  const warnings: string[] = [];
  const age = req.today ? rateAgeDays(req.rates, req.today) : undefined;
  if (used.size > 0 && age !== undefined && age > (req.maxRateAgeDays ?? 30))
    warnings.push(
      `exchange rates are ${age} days old (Settings fx.date ${req.rates.date}); update them before sending`,
    );
  return {
    ok: true,
    quote: {
      currency,
      incoterm: req.incoterm,
      loadingPort: req.loadingPort.trim(),
      destination: req.destination,
      tier: req.tier,
      lines,
      goods,
      goodsBasis,
      charges,
      complete,
      total,
      totalTerm: complete ? req.incoterm : totalTerm,
      onRequest,
      rates: ratesUsed(req.rates, used),
      moqWarnings,
      tierWarnings,
      servicePriced: servicePriced(req.tier, lines),
      warnings,
    },
  };
}

/** Goods plus the priced components that lead up to `term` (those before the first one on request). */
function totalUpTo(goods: Decimal, charges: readonly ChargeLine[], term: Incoterm, minor: number): Decimal {
  let total = goods;
  for (const c of charges) {
    if (c.amount === null) break;
    total = add(total, c.amount);
    if (TERM_AFTER[c.component] === term) break;
  }
  return round(total, minor);
}

function ratesUsed(table: RateTable, used: ReadonlySet<string>): RatesUsed | null {
  if (used.size === 0) return null;
  const currencies = [...used]
    .filter((code) => code !== table.base)
    .sort()
    .map((code) => ({ code, rate: table.rates.get(code)! }));
  return { base: table.base, date: table.date, currencies };
}
