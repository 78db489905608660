/**
 * The yearly archive spreadsheets ("Buyerbook archive 2025"): found by the ids kept in the document's
 * properties, created in the book's folder when a year first needs one, with one sheet per archived sheet
 * whose header follows the book's (columns matched by what they are, a person's own columns by their text).
 */
import { createSpreadsheet, openSpreadsheet, placeBesideBook } from "../../gas/archive-files";
import { bookState } from "../../gas/book-state";
import type { SheetSpec } from "../../store/columns";
import { mapHeaders } from "../../store/headers";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Book state (src/gas/book-state: reachable from an add-on's trigger too): year -> the archive's id and link. */
export const ARCHIVE_BOOKS_KEY = "archive.books";

export interface ArchiveRef {
  id: string;
  url: string;
}

export const archiveName = (year: string): string => `Buyerbook archive ${year}`;

export function archiveRefs(bookId: string): Record<string, ArchiveRef> {
  return bookState(bookId).get<Record<string, ArchiveRef>>(ARCHIVE_BOOKS_KEY, {});
}

export interface ArchiveLink {
  year: string;
  name: string;
  url: string;
}

/**
 * The archives holding older history of a buyer, newest year first, from the buyer's "Archived history"
 * cell (the buyer view has the row already). A buyer with nothing archived costs nothing.
 */
export function archiveLinksFor(book: { getId(): string }, buyer: { archivedIn: string }): ArchiveLink[] {
  const years = [...new Set(buyer.archivedIn.match(/\b\d{4}\b/g) ?? [])].sort().reverse();
  if (years.length === 0) return [];
  const refs = archiveRefs(book.getId());
  return years.flatMap((year) => (refs[year] ? [{ year, name: archiveName(year), url: refs[year].url }] : []));
}

/** The archive of a year can be neither opened nor created (a bound script without the spreadsheets scope). */
export class ArchiveUnavailable extends Error {}

/** Opens (or makes, once) the archive of each year, keeping what this run opened. */
export class ArchiveBooks {
  private readonly open = new Map<string, Book>();

  constructor(private readonly book: Book) {}

  of(year: string): Book {
    const held = this.open.get(year);
    if (held) return held;
    const refs = archiveRefs(this.book.getId());
    let archive = refs[year] ? openSpreadsheet(refs[year].id) : undefined;
    if (!archive) {
      try {
        archive = createSpreadsheet(archiveName(year));
      } catch (e) {
        throw new ArchiveUnavailable(`${archiveName(year)} could not be created: ${(e as Error).message}`);
      }
      placeBesideBook(archive.getId(), this.book.getId());
      refs[year] = { id: archive.getId(), url: archive.getUrl() };
      bookState(this.book.getId()).set(ARCHIVE_BOOKS_KEY, refs);
    }
    this.open.set(year, archive);
    return archive;
  }

  byId(id: string): Book | undefined {
    for (const book of this.open.values()) if (book.getId() === id) return book;
    return openSpreadsheet(id);
  }
}

/** How a column is known on both sides: by its schema key, else by its header text and occurrence. */
function columnIdentities(spec: SheetSpec, header: readonly unknown[]): string[] {
  const map = mapHeaders(spec, header);
  const byIndex = new Map<number, string>();
  for (const [key, i] of map.index) byIndex.set(i, `key:${key}`);
  const seen = new Map<string, number>();
  return header.map((label, i) => {
    const known = byIndex.get(i);
    if (known) return known;
    const text = String(label ?? "")
      .trim()
      .toLowerCase();
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return `text:${text}#${n}`;
  });
}

export interface ArchiveSheet {
  sheet: Sheet;
  width: number;
  /** Book column i is archive column toArchive[i] (0-based). */
  toArchive: number[];
}

/**
 * The archive's sheet for `spec`, its header extended with any book column it lacks. A new archive's blank
 * first sheet is reused; a new sheet is sized to the book's header.
 */
export function archiveSheet(archive: Book, spec: SheetSpec, bookHeader: readonly unknown[]): ArchiveSheet {
  let sheet = archive.getSheetByName(spec.name);
  let header: unknown[] = [];
  if (!sheet) {
    const sheets = archive.getSheets();
    // A new spreadsheet's one empty sheet ("Sheet1", named per locale) becomes the first archived sheet.
    const blank = sheets.length === 1 && sheets[0].getLastRow() === 0;
    sheet = blank ? sheets[0].setName(spec.name) : archive.insertSheet(spec.name);
    const max = sheet.getMaxColumns();
    if (max > bookHeader.length) sheet.deleteColumns(bookHeader.length + 1, max - bookHeader.length);
    else if (max < bookHeader.length) sheet.insertColumnsAfter(max, bookHeader.length - max);
    sheet.getRange(1, 1, 1, bookHeader.length).setValues([[...bookHeader]]);
    sheet.setFrozenRows(1);
    header = [...bookHeader];
  } else {
    const width = Math.max(1, sheet.getLastColumn());
    header = sheet.getRange(1, 1, 1, width).getValues()[0];
  }
  const ids = columnIdentities(spec, header);
  const bookIds = columnIdentities(spec, bookHeader);
  const toArchive: number[] = [];
  const added: unknown[] = [];
  bookIds.forEach((id, i) => {
    const at = ids.indexOf(id);
    if (at >= 0) toArchive.push(at);
    else {
      toArchive.push(header.length + added.length);
      added.push(bookHeader[i]);
    }
  });
  if (added.length > 0) {
    const max = sheet.getMaxColumns();
    const need = header.length + added.length;
    if (need > max) sheet.insertColumnsAfter(max, need - max);
    sheet.getRange(1, header.length + 1, 1, added.length).setValues([added]);
  }
  return { sheet, width: header.length + added.length, toArchive };
}

/**
 * A row's content as one comparable text: dates to the second (Sheets keeps date-times as day fractions),
 * numbers, booleans and text each marked with their type so "1" and 1 differ.
 */
export function fingerprint(line: readonly unknown[]): string {
  return line
    .map((v) => {
      if (v instanceof Date) return `d${Math.round(v.getTime() / 1000)}`;
      if (typeof v === "number") return `n${v}`;
      if (typeof v === "boolean") return `b${v}`;
      return `s${v ?? ""}`;
    })
    .join("\u0001");
}

/** A multiset of fingerprints: each archived copy lets exactly one book row go. */
export class Fingerprints {
  private readonly counts = new Map<string, number>();

  constructor(lines: Iterable<readonly unknown[]> = []) {
    for (const line of lines) this.add(fingerprint(line));
  }

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Takes one copy of `key`; false when none is left. */
  take(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n === 0) return false;
    if (n === 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
    return true;
  }

  get size(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }
}
