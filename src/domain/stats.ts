/**
 * Statistics from the buyer book (R13, R17): buyers by region, country, nature (type of business), source and
 * grade; the most-asked products; the grade funnel with conversion; how fast inquiries are answered (R8);
 * and the product requests buyers made (R13), for the boss.
 */

export interface StatsBuyer {
  id: string;
  region: string;
  country: string;
  nature: string;
  source: string;
  grade: string;
  status: string;
  products: string;
}

export interface StatsInquiry {
  buyerId: string;
  product: string;
  receivedAt: Date | null;
  repliedAt: Date | null;
  /** Working hours to the reply (R8), when answered. */
  responseHours: number | null;
}

export interface StatsQuote {
  buyerId: string;
  status: string;
}

export interface StatsFollowUp {
  id: string;
  kind: string;
  at: Date | null;
  buyerId: string;
  by: string;
  summary: string;
  needsBoss: boolean;
  bossAnswer: string;
}

export interface Count {
  key: string;
  count: number;
}

export interface FunnelStage {
  stage: "buyers" | "graded" | "A or B" | "quoted" | "ordered";
  count: number;
  /** Share of the previous stage that reached this one (0..1); the first stage is 1. */
  conversion: number;
}

export interface ReplySpeed {
  inquiries: number;
  answered: number;
  unanswered: number;
  medianHours: number | null;
  averageHours: number | null;
  /** Answered within the target (R8: two working hours), as a share of answered inquiries. */
  withinTarget: number;
  /** Answered within the limit (R8: one day). */
  withinLimit: number;
}

export interface DashboardStats {
  buyers: number;
  byRegion: Count[];
  byCountry: Count[];
  byNature: Count[];
  bySource: Count[];
  byGrade: Count[];
  topProducts: Count[];
  funnel: FunnelStage[];
  replySpeed: ReplySpeed;
  requests: StatsFollowUp[];
}

export const UNKNOWN = "(unknown)";
const GRADE_ORDER = ["A", "B", "C", "D", "(ungraded)"];

/** Counts by a key, most first, then alphabetically; empty keys count as "(unknown)". */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Count[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item).trim() || UNKNOWN;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function splitProducts(text: string): string[] {
  return text
    .split(/[;；,，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Most-asked products: each inquiry counts once for its product; a buyer with no inquiry in the book (an
 * imported customer) counts once per product listed on them. Names are compared case-insensitively and
 * shown as first written.
 */
export function mostAskedProducts(
  buyers: readonly StatsBuyer[],
  inquiries: readonly StatsInquiry[],
  top = 15,
): Count[] {
  const display = new Map<string, string>();
  const counts = new Map<string, number>();
  const add = (name: string) => {
    const key = name.toLowerCase();
    if (!display.has(key)) display.set(key, name);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const withInquiries = new Set<string>();
  for (const q of inquiries) {
    if (q.buyerId) withInquiries.add(q.buyerId);
    for (const p of splitProducts(q.product)) add(p);
  }
  for (const b of buyers) if (!withInquiries.has(b.id)) for (const p of splitProducts(b.products)) add(p);
  return [...counts]
    .map(([key, count]) => ({ key: display.get(key)!, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, top);
}

/** Buyers -> graded -> A or B -> quoted -> ordered (a quote accepted), each with its conversion. */
export function gradeFunnel(buyers: readonly StatsBuyer[], quotes: readonly StatsQuote[]): FunnelStage[] {
  const ids = new Set(buyers.map((b) => b.id));
  const quoted = new Set(quotes.filter((q) => ids.has(q.buyerId) && q.status !== "draft").map((q) => q.buyerId));
  const ordered = new Set(quotes.filter((q) => ids.has(q.buyerId) && q.status === "accepted").map((q) => q.buyerId));
  const counts: [FunnelStage["stage"], number][] = [
    ["buyers", buyers.length],
    ["graded", buyers.filter((b) => b.grade !== "").length],
    ["A or B", buyers.filter((b) => b.grade === "A" || b.grade === "B").length],
    ["quoted", quoted.size],
    ["ordered", ordered.size],
  ];
  return counts.map(([stage, count], i) => {
    const previous = i === 0 ? count : counts[i - 1][1];
    return { stage, count, conversion: i === 0 ? 1 : previous > 0 ? count / previous : 0 };
  });
}

export function replySpeed(inquiries: readonly StatsInquiry[], targetHours: number, limitHours: number): ReplySpeed {
  const hours = inquiries
    .map((q) => q.responseHours)
    .filter((h): h is number => typeof h === "number" && Number.isFinite(h))
    .sort((a, b) => a - b);
  const answered = hours.length;
  const median =
    answered === 0
      ? null
      : answered % 2 === 1
        ? hours[(answered - 1) / 2]
        : (hours[answered / 2 - 1] + hours[answered / 2]) / 2;
  return {
    inquiries: inquiries.length,
    answered,
    unanswered: inquiries.length - answered,
    medianHours: median,
    averageHours: answered === 0 ? null : hours.reduce((a, b) => a + b, 0) / answered,
    withinTarget: answered === 0 ? 0 : hours.filter((h) => h <= targetHours).length / answered,
    withinLimit: answered === 0 ? 0 : hours.filter((h) => h <= limitHours).length / answered,
  };
}

/** R13: product requests (follow-ups of kind "request"), newest first. */
export function productRequests(followUps: readonly StatsFollowUp[]): StatsFollowUp[] {
  return followUps.filter((f) => f.kind === "request").sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
}

export function dashboardStats(input: {
  buyers: readonly StatsBuyer[];
  inquiries: readonly StatsInquiry[];
  quotes: readonly StatsQuote[];
  followUps: readonly StatsFollowUp[];
  targetHours: number;
  limitHours: number;
}): DashboardStats {
  const buyers = input.buyers.filter((b) => b.id !== "");
  const byGrade = countBy(buyers, (b) => b.grade || "(ungraded)").sort(
    (a, b) => GRADE_ORDER.indexOf(a.key) - GRADE_ORDER.indexOf(b.key),
  );
  return {
    buyers: buyers.length,
    byRegion: countBy(buyers, (b) => b.region),
    byCountry: countBy(buyers, (b) => b.country),
    byNature: countBy(buyers, (b) => b.nature.toLowerCase()),
    bySource: countBy(buyers, (b) => b.source),
    byGrade,
    topProducts: mostAskedProducts(buyers, input.inquiries),
    funnel: gradeFunnel(buyers, input.quotes),
    replySpeed: replySpeed(input.inquiries, input.targetHours, input.limitHours),
    requests: productRequests(input.followUps),
  };
}

/** A text bar for sheets without charts: width proportional to the largest count. */
export function textBar(count: number, max: number, width = 30): string {
  if (max <= 0 || count <= 0) return "";
  return "█".repeat(Math.max(1, Math.round((count / max) * width)));
}
