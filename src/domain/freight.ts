/**
 * What delivery beyond the port of loading costs, per destination (R3, R8: the quote must be accurate). The
 * assistant keeps a "Freight" sheet, one row per charge:
 *
 *   Destination  Component  Basis     Amount  Currency  Loading port  Note
 *   Jebel Ali    freight    shipment  850     USD       Ningbo        20' container, Nov rate
 *   Middle East  insurance  percent   0.3                             of the CFR value
 *   *            origin     shipment  120     CNY       Ningbo        trucking + export clearance
 *
 * Destination is a port (or named place), a country, a region (as in regions.ts), or "*" for anywhere; the
 * most specific row wins (port > country > region > *), and a row naming the loading port beats one that
 * does not. Two rows at the same level for one component are a problem, never a silent pick.
 *
 * Components: origin (works to on board: EXW-priced goods quoted FOB or beyond), freight (main carriage to the
 * destination port), insurance, delivery (destination port to the named place: DAP, DDP), duty (import duty,
 * taxes and customs handling: DDP). Bases: per unit of each line's quantity, per shipment, or percent of
 * the running value (goods plus the components before it: insurance on the CFR value).
 */
import type { CellProblem } from "./cell-problem";
import { currencyCode } from "./fx";
import { type Decimal, MoneyError, parseDecimal, parsePercent } from "./money";
import { canonicalCountry, type Region, regionOf } from "./regions";

export const CHARGE_COMPONENTS = ["origin", "freight", "insurance", "delivery", "duty"] as const;
export type ChargeComponent = (typeof CHARGE_COMPONENTS)[number];
export const CHARGE_BASES = ["unit", "shipment", "percent"] as const;
export type ChargeBasis = (typeof CHARGE_BASES)[number];

export const FREIGHT_SHEET = "Freight";
/** The sheet's columns, in order (header text; the features add them in both UI languages). */
export const FREIGHT_COLUMNS = [
  "Destination",
  "Component",
  "Basis",
  "Amount",
  "Currency",
  "Loading port",
  "Note",
] as const;

/** A Freight row as typed; `row` is the 1-based sheet row for problems. */
export interface ChargeRowText {
  destination: string;
  component: string;
  basis: string;
  amount: string;
  currency: string;
  loadingPort: string;
  row: number;
}

export type DestinationLevel = "port" | "country" | "region" | "any";

export interface ChargeRate {
  component: ChargeComponent;
  basis: ChargeBasis;
  /** Money for unit/shipment; the percentage for percent. */
  amount: Decimal;
  /** "" for percent. */
  currency: string;
  level: DestinationLevel;
  /** Normalised destination key at its level ("jebel ali", "united arab emirates", "middle east", "*"). */
  key: string;
  /** Normalised loading port, "" for any. */
  loadingPort: string;
  row: number;
}

const COMPONENT_WORDS: Record<ChargeComponent, RegExp> = {
  origin: /^(origin|origin charges?|inland|pre-?carriage|export clearance|内陆|内陆运输|报关|起运港费用)$/i,
  freight: /^(freight|ocean freight|sea freight|air freight|main carriage|海运费|运费|空运费)$/i,
  insurance: /^(insurance|保险|保险费)$/i,
  delivery: /^(delivery|on-?carriage|destination delivery|派送|送货|目的港派送)$/i,
  duty: /^(duty|duties|import duty|duty and handling|customs|关税|清关|进口关税)$/i,
};

const BASIS_WORDS: Record<ChargeBasis, RegExp> = {
  unit: /^(unit|per unit|\/unit|each|per piece|per pc|每件|每个|单件)$/i,
  shipment: /^(shipment|per shipment|\/shipment|lump ?sum|per order|每票|每单|整票)$/i,
  percent: /^(%|percent|per ?cent|percentage|百分比)$/i,
};

const REGIONS: readonly Region[] = [
  "Middle East",
  "Southeast Asia",
  "East Asia",
  "South Asia",
  "North America",
  "Latin America",
  "Europe",
  "CIS",
  "Africa",
  "Oceania",
];

/** Port and place names compared loosely: "Jebel Ali, UAE" ~ "jebel ali uae"; "Sao Paulo" ~ "São Paulo". */
export function placeKey(text: string): string {
  return String(text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function destinationOf(text: string): { level: DestinationLevel; key: string } {
  const t = text.trim();
  if (t === "*" || /^(any|all|anywhere|全部|所有)$/i.test(t)) return { level: "any", key: "*" };
  const region = REGIONS.find((r) => r.toLowerCase() === t.toLowerCase());
  if (region) return { level: "region", key: placeKey(region) };
  if (regionOf(t) !== "") return { level: "country", key: placeKey(canonicalCountry(t)) };
  return { level: "port", key: placeKey(t) };
}

function wordOf<K extends string>(words: Record<K, RegExp>, text: string): K | undefined {
  const t = text.trim();
  return (Object.keys(words) as K[]).find((k) => words[k].test(t));
}

/** Reads the Freight rows; each bad row is reported where a person can fix it and left out. */
export function parseChargeTable(rows: readonly ChargeRowText[]): { rates: ChargeRate[]; problems: CellProblem[] } {
  const rates: ChargeRate[] = [];
  const problems: CellProblem[] = [];
  for (const r of rows) {
    if ([r.destination, r.component, r.amount].every((v) => String(v ?? "").trim() === "")) continue;
    const bad = (column: string, value: unknown, problem: string) =>
      problems.push({ sheet: FREIGHT_SHEET, row: r.row, column, value, problem });
    if (r.destination.trim() === "") {
      bad("Destination", r.destination, 'name a port, country, region or "*"');
      continue;
    }
    const component = wordOf(COMPONENT_WORDS, r.component);
    if (!component) {
      bad("Component", r.component, `use one of ${CHARGE_COMPONENTS.join(", ")}`);
      continue;
    }
    const basis = wordOf(BASIS_WORDS, r.basis);
    if (!basis) {
      bad("Basis", r.basis, "use unit, shipment or percent");
      continue;
    }
    let amount: Decimal;
    try {
      amount = basis === "percent" ? parsePercent(r.amount) : parseDecimal(r.amount);
      if (amount.units < 0) throw new MoneyError("a charge cannot be negative");
    } catch (e) {
      if (!(e instanceof MoneyError)) throw e;
      bad("Amount", r.amount, e.message);
      continue;
    }
    const currency = basis === "percent" ? "" : currencyCode(r.currency);
    if (basis !== "percent" && currency === "") {
      bad("Currency", r.currency, "name the currency (USD, CNY, EUR…)");
      continue;
    }
    rates.push({
      component,
      basis,
      amount,
      currency,
      ...destinationOf(r.destination),
      loadingPort: placeKey(r.loadingPort),
      row: r.row,
    });
  }
  return { rates, problems };
}

export interface Destination {
  /** The place the term names: the destination port (CFR, CIF) or the named place (DAP, DDP: "Dubai"). */
  port: string;
  country: string;
  /** Where the main carriage ends when that is not the named place (DAP Dubai via Jebel Ali). */
  dischargePort?: string;
}

export type ChargeLookup =
  | { ok: true; rate: ChargeRate }
  | { ok: false; reason: "missing" }
  | { ok: false; reason: "ambiguous"; rows: number[] };

const LEVELS: readonly DestinationLevel[] = ["port", "country", "region", "any"];

/**
 * The charge for one component to `destination` from `loadingPort`: the most specific destination level that
 * has a row; within it, a row for this loading port beats a row for any port.
 */
export function findCharge(
  rates: readonly ChargeRate[],
  component: ChargeComponent,
  destination: Destination,
  loadingPort: string,
): ChargeLookup {
  const keys: Record<DestinationLevel, string> = {
    port: placeKey(destination.port),
    country: placeKey(canonicalCountry(destination.country)),
    region: placeKey(regionOf(destination.country)),
    any: "*",
  };
  const from = placeKey(loadingPort);
  for (const level of LEVELS) {
    if (keys[level] === "") continue;
    const here = rates.filter((r) => r.component === component && r.level === level && r.key === keys[level]);
    for (const port of from === "" ? [""] : [from, ""]) {
      const rows = here.filter((r) => r.loadingPort === port);
      if (rows.length === 1) return { ok: true, rate: rows[0] };
      if (rows.length > 1) return { ok: false, reason: "ambiguous", rows: rows.map((r) => r.row) };
    }
  }
  return { ok: false, reason: "missing" };
}
