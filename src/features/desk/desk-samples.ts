/**
 * Which samples awaiting feedback (R27) the desk reads in full. The column reads already say, for every
 * sample, its feedback day, whether a result is in and its buyer; a salesperson's desk also has every buyer's
 * owner (the Owner column), placed at the row the buyer's ID gives and checked against the ID cells read with
 * the rows. So only the samples that can be listed are read: the most late ones of this desk, and those tied
 * with the last of them (their IDs order them).
 */
import { idNumber } from "../../store/ids";
import { Buyers } from "../../store/schemas";
import { DESK_LIMIT } from "./desk";

/** Ties at the cut read along so their IDs can order them; past this, ties go by row. */
const MAX_TIED = 100;

/** A sample whose feedback day has come and whose result is empty, as the column reads give it. */
export interface DueSample {
  row: number;
  buyerId: string;
  /** Days past the feedback day (0: due today). */
  late: number;
}

/** Where each buyer should be by its ID (buyers are appended in ID order), within the rows the Owner column has. */
export function rowsByBuyerId(ids: Iterable<string>, lastRow: number): Map<string, number> {
  const rows = new Map<string, number>();
  for (const id of ids) {
    const row = idNumber(Buyers, id) + 1;
    if (row >= 2 && row <= lastRow) rows.set(id, row);
  }
  return rows;
}

/** The most late samples, DESK_LIMIT of them and every one tied with the last (up to MAX_TIED), by row. */
export function mostLate(due: readonly DueSample[]): DueSample[] {
  const sorted = [...due].sort((a, b) => b.late - a.late || a.row - b.row);
  if (sorted.length <= DESK_LIMIT) return sorted;
  const cut = sorted[DESK_LIMIT - 1].late;
  return [...sorted.filter((d) => d.late > cut), ...sorted.filter((d) => d.late === cut).slice(0, MAX_TIED)];
}

/**
 * The samples of this desk (owners in `mine`, or everyone's when `mine` is undefined), by the owners known:
 * a buyer whose owner is not known (undefined) counts as this desk's, so a guess never hides a sample.
 */
export function onThisDesk(
  due: readonly DueSample[],
  ownerOf: (buyerId: string) => string | undefined,
  mine: ReadonlySet<string> | undefined,
): DueSample[] {
  if (!mine) return [...due];
  return due.filter((d) => {
    const owner = ownerOf(d.buyerId);
    return owner === undefined || mine.has(owner.toLowerCase());
  });
}
