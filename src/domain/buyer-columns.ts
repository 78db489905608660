/**
 * The buyers a matching index (R22) reads, one array per field: a row's fields at the same position. Not a record
 * object per buyer: 20,000 objects built in each intake run outlive the young generation and cost more to allocate
 * and collect than arrays of the same strings, and each look-up reads its field down one array.
 *
 * The addresses, websites and IDs are copied when the columns are made (the index files addresses at once). The
 * names, companies and phones are copied from the rows the first time a look-up needs them, unless the rows will
 * change during the run (the intake fills a known buyer's empty fields in place): then every field is copied at
 * once, so the index answers from the rows as they were.
 */

/** A buyer as the index knows it. */
export interface BuyerRecord {
  id: string;
  email: string;
  /** Other addresses of the same buyer. */
  emails?: string[];
  /** The "Other e-mails" cell as the sheet has it, read when `emails` is not given. */
  otherEmails?: string;
  company: string;
  website?: string;
  phone?: string;
  name: string;
}

export class BuyerColumns {
  readonly ids: string[];
  readonly emails: string[];
  /** A buyer's other addresses (undefined: none; most buyers). */
  readonly others: (readonly string[] | undefined)[];
  readonly websites: (string | undefined)[];
  /** The rows, while a column is still to be copied from them (rows with an ID, in order; add() appends). */
  private rows: BuyerRecord[] | undefined;
  private companyColumn: string[] | undefined = undefined;
  private nameColumn: string[] | undefined = undefined;
  private phoneColumn: (string | undefined)[] | undefined = undefined;
  private count = 0;
  /** How many rows the arrays have room for: set by position, they are not copied as they grow. */
  private readonly room: number;

  /** Room for `size` rows (at most) and the buyers a run enters after them. */
  constructor(size: number, keepRows: boolean) {
    this.room = size + Math.ceil(size / 16) + 64;
    this.ids = new Array(this.room);
    this.emails = new Array(this.room);
    this.others = new Array(this.room);
    this.websites = new Array(this.room);
    this.rows = keepRows ? new Array(this.room) : undefined;
    if (!keepRows) {
      this.companyColumn = new Array(this.room);
      this.nameColumn = new Array(this.room);
      this.phoneColumn = new Array(this.room);
    }
  }

  get length(): number {
    return this.count;
  }

  get companies(): readonly string[] {
    if (!this.companyColumn) this.companyColumn = this.copied(copyCompanies);
    return this.companyColumn;
  }

  get names(): readonly string[] {
    if (!this.nameColumn) this.nameColumn = this.copied(copyNames);
    return this.nameColumn;
  }

  get phones(): readonly (string | undefined)[] {
    if (!this.phoneColumn) this.phoneColumn = this.copied(copyPhones);
    return this.phoneColumn;
  }

  /** Appends a row of the buyer's fields. */
  push(buyer: BuyerRecord): void {
    const at = this.count++;
    this.ids[at] = buyer.id;
    this.emails[at] = buyer.email;
    this.others[at] = otherAddressesOf(buyer);
    this.websites[at] = buyer.website;
    if (this.rows) this.rows[at] = buyer;
    if (this.companyColumn) this.companyColumn[at] = buyer.company;
    if (this.nameColumn) this.nameColumn[at] = buyer.name;
    if (this.phoneColumn) this.phoneColumn[at] = buyer.phone;
  }

  /** The row at `at` as a record (for the sidebar's search and the index's `buyer()`; matching reads the arrays). */
  recordAt(at: number): BuyerRecord {
    return {
      id: this.ids[at],
      email: this.emails[at],
      emails: this.others[at] as string[] | undefined,
      company: this.companies[at],
      website: this.websites[at],
      phone: this.phones[at],
      name: this.names[at],
    };
  }

  private copied<T>(copy: (rows: readonly BuyerRecord[], to: T[], count: number) => void): T[] {
    const column = new Array<T>(Math.max(this.room, this.count));
    copy(this.rows ?? [], column, this.count);
    if (this.companyColumn && this.nameColumn && this.phoneColumn) this.rows = undefined;
    return column;
  }
}

/**
 * The columns of the rows that have an ID, in their order. With `rowsChange`, every field is copied now;
 * otherwise the rows must not change while the columns are in use (names, companies and phones are read later).
 */
export function buyerColumnsOf(rows: readonly BuyerRecord[], rowsChange: boolean): BuyerColumns {
  // Room for every row: counting those with an ID first would read each row once more.
  const columns = new BuyerColumns(rows.length, !rowsChange);
  fill(columns, rows);
  return columns;
}

// Loops of their own, compiled while they run (see matching.ts on the look-ups' loops).

function fill(columns: BuyerColumns, rows: readonly BuyerRecord[]): void {
  for (let at = 0; at < rows.length; at++) if (rows[at]?.id) columns.push(rows[at]);
}

function copyCompanies(rows: readonly BuyerRecord[], to: string[], count: number): void {
  for (let at = 0; at < count; at++) to[at] = rows[at].company;
}

function copyNames(rows: readonly BuyerRecord[], to: string[], count: number): void {
  for (let at = 0; at < count; at++) to[at] = rows[at].name;
}

function copyPhones(rows: readonly BuyerRecord[], to: (string | undefined)[], count: number): void {
  for (let at = 0; at < count; at++) to[at] = rows[at].phone;
}

/** `emails`, else the addresses of the "Other e-mails" cell (one, as most are, without a split). */
function otherAddressesOf(buyer: BuyerRecord): readonly string[] | undefined {
  if (buyer.emails) return buyer.emails;
  const cell = buyer.otherEmails;
  if (!cell) return undefined;
  return ADDRESS_SEPARATOR.test(cell) ? cell.split(ADDRESS_SEPARATORS).filter((x) => x !== "") : [cell];
}

const ADDRESS_SEPARATORS = /[,;\s]+/;
const ADDRESS_SEPARATOR = /[,;\s]/;
