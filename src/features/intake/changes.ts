/**
 * The rows a pull will append and the cells it will change, collected while planning (no service call) and
 * written in one go by the commit. A change to a row appended in the same run goes into that row.
 */
export class RowChanges<T extends object> {
  readonly appends: T[] = [];
  readonly updates = new Map<string, Partial<T>>();
  private readonly appended = new Set<T>();

  append(record: T): void {
    this.appends.push(record);
    this.appended.add(record);
  }

  /** Applies `changes` to the record in memory and remembers them for the sheet. */
  update(id: string, record: T, changes: Partial<T>): void {
    Object.assign(record, changes);
    if (this.appended.has(record)) return;
    this.updates.set(id, { ...(this.updates.get(id) ?? {}), ...changes });
  }

  isNew(record: T): boolean {
    return this.appended.has(record);
  }

  get size(): number {
    return this.appends.length + this.updates.size;
  }
}
