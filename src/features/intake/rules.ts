/**
 * The intake's rules as data (C2, R6, R26): platform notifications and fax gateways from the Rules sheet (rows
 * of a kind replace the built-in rows of that kind, so the assistant can correct a default), and who gets new
 * buyers from the Routing sheet. A bad row is reported by row and left out; the rest still apply.
 */
import { compileFaxRules, DEFAULT_FAX_RULES, type FaxField, type FaxGatewayRule } from "../../domain/fax";
import {
  compilePlatformRules,
  DEFAULT_PLATFORM_RULES,
  type PlatformField,
  type PlatformRule,
  senderGlob,
} from "../../domain/platforms";
import type { RoutingRule } from "../../domain/routing";
import type { RecordOf } from "../../store/columns";
import type { Routing, Rules } from "../../store/schemas";

export interface IntakeRules {
  platform: PlatformRule[];
  fax: FaxGatewayRule[];
  /** A sender the fax rules name (not the generic "*" rows): its mail is a fax notice. */
  isFaxGateway: (address: string) => boolean;
  routing: RoutingRule[];
}

type RuleRow = RecordOf<typeof Rules>;

export function intakeRules(
  rules: readonly RuleRow[] | undefined,
  routing: readonly RecordOf<typeof Routing>[] | undefined,
  problems: string[],
): IntakeRules {
  const rows = (rules ?? []).map((r, i) => ({ r, row: i + 2 }));
  const faxRows = rows.filter(({ r }) => r.kind === "fax");
  const platformRows = rows.filter(({ r }) => r.kind !== "fax");
  const fax = faxRulesFrom(faxRows, problems);
  const gateways = fax
    .map((r) => r.fromPattern.trim())
    .filter((p) => p !== "" && p !== "*")
    .map((p) => senderGlob(p));
  return {
    platform: platformRulesFrom(platformRows, problems),
    fax,
    isFaxGateway: (address) => gateways.some((g) => g.test(address)),
    routing: (routing ?? [])
      .filter((r) => r.to !== "")
      .map((r) => ({
        match: { country: r.country || undefined, region: r.region || undefined, product: r.product || undefined },
        to: r.to.toLowerCase(),
      })),
  };
}

function platformRulesFrom(rows: { r: RuleRow; row: number }[], problems: string[]): PlatformRule[] {
  if (rows.length === 0) return DEFAULT_PLATFORM_RULES;
  const candidates: PlatformRule[] = rows.map(({ r, row }) => ({
    platform: r.platform,
    fromPattern: r.fromPattern,
    subjectPattern: r.subjectPattern || undefined,
    field: r.field as PlatformField,
    pattern: r.pattern,
    row,
  }));
  const { rules, errors } = compilePlatformRules(candidates);
  for (const e of errors) problems.push(`Rules sheet: ${e.message}`);
  return rules.map((r) => r.rule);
}

const FAX_FIELDS: readonly string[] = ["number", "name", "company"];

function faxRulesFrom(rows: { r: RuleRow; row: number }[], problems: string[]): FaxGatewayRule[] {
  if (rows.length === 0) return DEFAULT_FAX_RULES;
  const candidates: FaxGatewayRule[] = [];
  for (const { r, row } of rows) {
    if (!FAX_FIELDS.includes(r.field)) {
      problems.push(`Rules sheet row ${row}: a fax row's field is number, name or company, not "${r.field}"`);
      continue;
    }
    candidates.push({
      gateway: r.platform || "fax",
      fromPattern: r.fromPattern || "*",
      field: r.field as FaxField,
      pattern: r.pattern,
      defaultCountry: r.country.trim().toUpperCase() || undefined,
    });
  }
  const { rules, errors } = compileFaxRules(candidates);
  for (const e of errors) problems.push(`Rules sheet: ${e}`);
  return rules.map((r) => r.rule);
}
