/**
 * One layer of per-cell data (values, formulas, formats, validations…) stored as an array of row
 * arrays, 0-based. Rows that were never written stay `undefined`, so a 20,000-row sheet costs little
 * and reading it is a tight loop over plain arrays.
 */
export class Grid<T> {
  rows: (T[] | undefined)[] = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = [];
      this.rows[r] = row;
    }
    row[c] = v as T;
  }

  clear(r: number, c: number, numRows: number, numCols: number): void {
    const end = Math.min(r + numRows, this.rows.length);
    for (let i = r; i < end; i++) {
      const row = this.rows[i];
      if (row === undefined) continue;
      const cEnd = Math.min(c + numCols, row.length);
      for (let j = c; j < cEnd; j++) row[j] = undefined as T;
    }
  }

  /** Inserts `n` empty rows before row `at`; copies row `inheritFrom` into them when given (formats). */
  insertRows(at: number, n: number, inheritFrom?: number): void {
    if (at > this.rows.length && inheritFrom === undefined) return;
    if (at > this.rows.length) this.rows.length = at;
    const template = inheritFrom === undefined ? undefined : this.rows[inheritFrom];
    // Rebuilt rather than splice(at, 0, ...fresh): spreading 200,000 rows as arguments overflows the stack.
    const fresh: (T[] | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) fresh[i] = template === undefined ? undefined : template.slice();
    this.rows = this.rows.slice(0, at).concat(fresh, this.rows.slice(at));
  }

  deleteRows(at: number, n: number): void {
    if (at < this.rows.length) this.rows.splice(at, n);
  }

  insertColumns(at: number, n: number, inheritFrom?: number): void {
    for (const row of this.rows) {
      if (row === undefined || row.length < at) continue;
      const fill = new Array<T>(n);
      if (inheritFrom !== undefined) fill.fill(row[inheritFrom]);
      row.splice(at, 0, ...fill);
    }
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) if (row !== undefined && at < row.length) row.splice(at, n);
  }

  /** Reorders rows `start..start+order.length-1`: new row i is old row start+order[i]. */
  permuteRows(start: number, order: number[]): void {
    if (this.rows.length < start + order.length) this.rows.length = start + order.length;
    const old = this.rows.slice(start, start + order.length);
    for (let i = 0; i < order.length; i++) this.rows[start + i] = old[order[i]];
  }

  /** A deep copy (for duplicate/copy operations). */
  clone(copy: (v: T) => T = (v) => v): Grid<T> {
    const g = new Grid<T>();
    g.rows = this.rows.map((row) => (row === undefined ? undefined : row.map((v) => (v === undefined ? v : copy(v)))));
    return g;
  }
}
