/** A problem with a cell, in the shape the store reports (sheet/row/column/value), so a person can fix it. */
export interface CellProblem {
  sheet: string;
  row: number;
  column: string;
  value: unknown;
  problem: string;
}
