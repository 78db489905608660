/**
 * How full the book is and how fast it fills. A spreadsheet holds at most 10 million cells, counted over
 * every sheet's whole grid (rows × columns, empty or not), so a lived-in book must measure its growth and
 * move old rows out before it reaches the limit.
 */

export const CELL_LIMIT = 10_000_000;
const DAY = 86_400_000;
/** A month as the figures use it: 365.25 / 12 days. */
export const MONTH_MS = 30.4375 * DAY;

export interface GridSize {
  name: string;
  /** The sheet's grid: Sheet.getMaxRows() × Sheet.getMaxColumns(). */
  rows: number;
  columns: number;
}

export function cellsOf(sheets: readonly GridSize[]): number {
  return sheets.reduce((n, s) => n + s.rows * s.columns, 0);
}

/**
 * Rows added per month, from the rows' own dates (created, received, when): the rows dated within the last
 * `windowMonths`, over that window — or over the time since the oldest dated row when the book is younger.
 * Dates in the future or missing are not counted.
 */
export function rowsPerMonth(dates: Iterable<Date | null | undefined>, now: Date, windowMonths = 12): number {
  const end = now.getTime();
  const start = end - windowMonths * MONTH_MS;
  let oldest = end;
  let inWindow = 0;
  for (const d of dates) {
    const t = d instanceof Date ? d.getTime() : Number.NaN;
    if (!Number.isFinite(t) || t > end) continue;
    if (t < oldest) oldest = t;
    if (t >= start) inWindow += 1;
  }
  const span = Math.max(end - Math.max(start, oldest), MONTH_MS);
  return (inWindow * MONTH_MS) / span;
}

export interface Capacity {
  used: number;
  limit: number;
  /** used / limit, 0..1 (more when over). */
  share: number;
  growthPerMonth: number;
  /** Months until the limit at this growth; null when the book does not grow. 0 when already over. */
  monthsLeft: number | null;
}

export function capacity(used: number, growthPerMonth: number, limit = CELL_LIMIT): Capacity {
  const left = limit - used;
  return {
    used,
    limit,
    share: used / limit,
    growthPerMonth,
    monthsLeft: left <= 0 ? 0 : growthPerMonth > 0 ? left / growthPerMonth : null,
  };
}

/** The growth of one dated sheet: its rows per month times its columns. */
export interface SheetGrowth {
  name: string;
  rowsPerMonth: number;
  columns: number;
}

export function cellsPerMonth(growth: readonly SheetGrowth[]): number {
  return growth.reduce((n, g) => n + g.rowsPerMonth * g.columns, 0);
}

// ---------------------------------------------------------------------------------------------------------
// The archive policy and a projection of a book over years under it (pure arithmetic).

/**
 * Above this share of the limit the archive looks back less far (never less than TIGHTEST_MONTHS), so a
 * book that grows faster than the Settings window assumed still never fills.
 */
export const HIGH_WATER = 0.8;
export const TIGHTEST_MONTHS = 12;

/** The window the archive uses: the Settings months, shortened when the book is past the high-water mark. */
export function archiveWindowMonths(afterMonths: number, usedShare: number): number {
  if (afterMonths <= 0) return 0;
  if (usedShare < HIGH_WATER) return afterMonths;
  return Math.min(afterMonths, TIGHTEST_MONTHS);
}

/** The instant before which rows are archived: `months` calendar months before `now` (null: never). */
export function archiveCutoff(now: Date, months: number): Date | null {
  if (!(months > 0)) return null;
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - Math.round(months));
  return d;
}

/** What a company's book takes in per day, and how much of each kind of row stays behind when archiving. */
export interface GrowthModel {
  inquiriesPerDay: number;
  /** Days a year the inquiries come (mail arrives on weekends too: 365). */
  daysPerYear: number;
  /** Share of inquiries from a buyer not in the book yet (each makes a Buyers row). */
  newBuyerShare: number;
  followUpsPerInquiry: number;
  logLinesPerInquiry: number;
  quotesPerInquiry: number;
  samplesPerInquiry: number;
  /** Shares that the archive rules leave in the book however old (open inquiries, accepted quotes, open boss questions). */
  keptInquiries: number;
  keptQuotes: number;
  keptFollowUps: number;
}

export interface BookColumns {
  buyers: number;
  inquiries: number;
  followUps: number;
  quotes: number;
  samples: number;
  log: number;
  /** Every other sheet's grid, taken as fixed (Settings, Staff, Products, templates, rules, dashboard…). */
  otherCells: number;
}

export interface ArchivePolicy {
  /** archive.afterMonths (0: no archive). */
  afterMonths: number;
  /** log.keepMonths (0: keep the whole Log). */
  logKeepMonths: number;
  /** Shorten the window past the high-water mark (archiveWindowMonths). */
  tighten: boolean;
}

export interface ProjectionPoint {
  month: number;
  cells: number;
  rows: { buyers: number; inquiries: number; followUps: number; quotes: number; samples: number; log: number };
  windowMonths: number;
}

/**
 * A book month by month: rows arrive at the model's rates; at each month's end the archive moves the
 * archivable rows older than its window (the Log older than its own window). Returns one point per month.
 */
export function projectBook(
  model: GrowthModel,
  columns: BookColumns,
  policy: ArchivePolicy,
  months: number,
): ProjectionPoint[] {
  const perMonth = (model.inquiriesPerDay * model.daysPerYear) / 12;
  const cohorts: { inquiries: number; followUps: number; quotes: number; log: number }[] = [];
  let buyers = 0;
  let samples = 0;
  const kept = { inquiries: 0, followUps: 0, quotes: 0, log: 0 };
  const points: ProjectionPoint[] = [];
  let windowMonths = policy.afterMonths;
  for (let month = 1; month <= months; month += 1) {
    buyers += perMonth * model.newBuyerShare;
    samples += perMonth * model.samplesPerInquiry;
    cohorts.push({
      inquiries: perMonth,
      followUps: perMonth * model.followUpsPerInquiry,
      quotes: perMonth * model.quotesPerInquiry,
      log: perMonth * model.logLinesPerInquiry,
    });
    const sum = (k: keyof (typeof cohorts)[number]) => cohorts.reduce((n, c) => n + c[k], 0) + kept[k];
    const cellsNow = () =>
      Math.round(
        (buyers + 1) * columns.buyers +
          (sum("inquiries") + 1) * columns.inquiries +
          (sum("followUps") + 1) * columns.followUps +
          (sum("quotes") + 1) * columns.quotes +
          (samples + 1) * columns.samples +
          (sum("log") + 1) * columns.log +
          columns.otherCells,
      );
    if (policy.afterMonths > 0) {
      windowMonths = policy.tighten
        ? archiveWindowMonths(policy.afterMonths, cellsNow() / CELL_LIMIT)
        : policy.afterMonths;
      // Cohort i is (cohorts.length - i) months old at this month's end.
      for (let i = 0; i < cohorts.length; i += 1) {
        const age = cohorts.length - i;
        const c = cohorts[i];
        if (age > windowMonths && c.inquiries > 0) {
          kept.inquiries += c.inquiries * model.keptInquiries;
          kept.followUps += c.followUps * model.keptFollowUps;
          kept.quotes += c.quotes * model.keptQuotes;
          c.inquiries = 0;
          c.followUps = 0;
          c.quotes = 0;
        }
      }
    }
    if (policy.logKeepMonths > 0) for (let i = 0; i < cohorts.length - policy.logKeepMonths; i += 1) cohorts[i].log = 0;
    points.push({
      month,
      cells: cellsNow(),
      rows: {
        buyers: Math.round(buyers),
        inquiries: Math.round(sum("inquiries")),
        followUps: Math.round(sum("followUps")),
        quotes: Math.round(sum("quotes")),
        samples: Math.round(samples),
        log: Math.round(sum("log")),
      },
      windowMonths: policy.afterMonths > 0 ? windowMonths : 0,
    });
  }
  return points;
}

/** The first month the projection reaches the cell limit, or null. */
export function monthCrossing(points: readonly ProjectionPoint[], limit = CELL_LIMIT): number | null {
  return points.find((p) => p.cells >= limit)?.month ?? null;
}
