/**
 * The one place new IDs are handed out. Each series (a sheet's "B-000123", a year's "Q-2026-0001") keeps
 * the last number it handed out in a document property it owns, and starts after the larger of that and the
 * highest number in the sheet, so a deleted row's ID is never handed out again. Allocate while holding the
 * document lock: the counter is read, advanced and written by one execution at a time.
 */
import { formatQuoteNumber, parseQuoteNumber } from "../domain/quote-numbers";
import { readDocJson, writeDocJson } from "../gas/properties";
import type { SheetSpec } from "./columns";

export function formatId(prefix: string, n: number, digits: number): string {
  return `${prefix}${String(n).padStart(digits, "0")}`;
}

/** The number in an ID of this sheet's form ("B-000123" -> 123), or 0 when it is not one. */
export function idNumber(spec: SheetSpec, id: string): number {
  const prefix = spec.idPrefix ?? "";
  if (!id.startsWith(prefix)) return 0;
  const n = Number(id.slice(prefix.length).split("-").pop());
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** How one kind of ID is written and numbered, and the document property holding its counter. */
export interface IdSeries {
  readonly counterKey: string;
  format(n: number): string;
  /** The number of an ID of this series, 0 for any other text. */
  numberOf(id: string): number;
  /** Where the last number lives when it is one entry of the property rather than its whole value. */
  readonly counter?: { read(): number; write(last: number): void };
}

/** A sheet's IDs: its prefix and digits, counted in `ids.<prefix>` ("ids.B" for B-000123). */
export function sheetSeries(spec: SheetSpec): IdSeries {
  const prefix = spec.idPrefix ?? "";
  if (!spec.idKey || prefix === "") throw new Error(`The ${spec.name} sheet has no ID series`);
  return {
    counterKey: `ids.${prefix.replace(/-$/, "")}`,
    format: (n) => formatId(prefix, n, spec.idDigits ?? 6),
    numberOf: (id) => idNumber(spec, id),
  };
}

/** Quote numbers Q-2026-0001, counted per calendar year in `ids.Q.<year>`. */
export function quoteSeries(year: number): IdSeries {
  return {
    counterKey: `ids.Q.${year}`,
    format: (n) => formatQuoteNumber(year, n),
    numberOf: (id) => {
      const parsed = parseQuoteNumber(id);
      return parsed && parsed.year === year ? parsed.n : 0;
    },
  };
}

/**
 * A product's picture names, P-0001-1, P-0001-2… (R28), counted per product in the one map `ids.pictures`,
 * so a deleted picture's number is not given to a different image.
 */
export function pictureSeries(code: string): IdSeries {
  const key = "ids.pictures";
  const prefix = `${code}-`;
  let counters: Record<string, number> | undefined;
  return {
    counterKey: key,
    format: (n) => `${prefix}${n}`,
    numberOf: (id) => {
      const n = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : 0;
      return Number.isInteger(n) && n > 0 ? n : 0;
    },
    counter: {
      read: () => {
        counters = readDocJson<Record<string, number>>(key, {});
        return counters[code] ?? 0;
      },
      write: (last) =>
        writeDocJson(key, { ...(counters ?? readDocJson<Record<string, number>>(key, {})), [code]: last }),
    },
  };
}

/**
 * What the sheet holds: the IDs already read (a table's keys, free), or a lookup of the highest number that
 * costs a read and is asked only while the counter has never been saved (a click that appends one row).
 */
export type ExistingIds = Iterable<string> | (() => number);

/** Hands out IDs of one series in one job; `save` writes the counter back. */
export class IdCounter {
  private next: number;
  private readonly first: number;

  private constructor(
    private readonly series: IdSeries,
    last: number,
  ) {
    this.next = last + 1;
    this.first = this.next;
  }

  static open(seriesOrSpec: IdSeries | SheetSpec, existing: ExistingIds): IdCounter {
    const series = "counterKey" in seriesOrSpec ? seriesOrSpec : sheetSeries(seriesOrSpec);
    const saved = series.counter ? series.counter.read() : readDocJson<number>(series.counterKey, 0);
    let last = Number.isInteger(saved) && saved > 0 ? saved : 0;
    if (typeof existing === "function") {
      if (last === 0) last = existing();
    } else for (const id of existing) last = Math.max(last, series.numberOf(id));
    return new IdCounter(series, last);
  }

  /** The ID `take` would hand out next, without taking it (a preview). */
  peek(): string {
    return this.series.format(this.next);
  }

  take(): string {
    const id = this.series.format(this.next);
    this.next += 1;
    return id;
  }

  /** Writes the last number handed out, when any was; call it once the job's IDs are taken. */
  save(): void {
    if (this.next <= this.first) return;
    if (this.series.counter) this.series.counter.write(this.next - 1);
    else writeDocJson(this.series.counterKey, this.next - 1);
  }
}

/**
 * `count` new IDs, the counter saved at once: taken before the caller writes anything, so a failure later
 * never hands these IDs out again.
 */
export function allocateIds(series: IdSeries | SheetSpec, existing: ExistingIds, count: number): string[] {
  const counter = IdCounter.open(series, existing);
  const ids = Array.from({ length: count }, () => counter.take());
  counter.save();
  return ids;
}
