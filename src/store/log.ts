/**
 * The one writer of the Log (R33, R34: who did what, when). Lines go out in one append per job, each linked
 * to the one before in a hash chain (domain/log-chain.ts), so a line changed, slipped in or deleted by hand
 * shows in `logIntegrity`. The last link is kept in a document property: a deleted last line shows too.
 *
 * A missing Log never fails a job and never loses a line: it is made again as setup makes it, and its first
 * line says so. An old Log without the Hash column gets the column, and its chain starts at the next line.
 */
import type { Lang } from "../domain/lang";
import {
  type ChainLink,
  formatLink,
  type LogChainReport,
  type LogRow,
  nextLink,
  verifyLogChain,
} from "../domain/log-chain";
import { sha256Hex } from "../gas/digest";
import { savedLanguage } from "../gas/menu";
import { readDocJson, writeDocJson } from "../gas/properties";
import { cellValue } from "./cells";
import { dateTextParser } from "./date-text";
import { Log, type LogEntry } from "./schemas";
import { ensureSheet, headerLanguage, upgradeSheet } from "./sheet-setup";
import { appendOnlyTable, readTable, TableWriter, type WriteReport, type WriterOptions } from "./table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A Log line as callers give it; its link is the writer's business. */
export type LogLine = Omit<LogEntry, "hash">;

/** Document property holding the last link handed out. */
const HEAD_KEY = "log.chain";

export interface LogOptions {
  /** The Log sheet when the caller already looked it up (saves a call); undefined when it was not there. */
  sheet?: Sheet | null;
  /** Passed on to the table writer (the mail pull's call-count discipline). */
  writer?: WriterOptions;
  /** Header language for a Log that has to be made again; else the document's last chosen language. */
  lang?: Lang;
}

function savedHead(): ChainLink | undefined {
  const head = readDocJson<Partial<ChainLink> | null>(HEAD_KEY, null);
  return head && Number.isInteger(head.seq) && typeof head.hash === "string" ? (head as ChainLink) : undefined;
}

/**
 * The line as the sheet will give it back (whole seconds, text capped as a cell holds it), so its link can be
 * checked against what is read later.
 */
function asStored(line: LogLine): LogLine {
  const stored = { ...line } as Record<string, unknown>;
  for (const c of Log.columns) if (c.kind === "text") stored[c.key] = String(cellValue(c, stored[c.key]));
  const ms = line.at instanceof Date ? line.at.getTime() : Number.NaN;
  stored.at = Number.isNaN(ms) ? null : new Date(Math.floor(ms / 1000) * 1000);
  return stored as LogLine;
}

/** Collects Log lines and writes them in one append. Commit while holding the document lock. */
export class LogWriter {
  private readonly lines: LogLine[] = [];

  constructor(
    private readonly book: Book,
    private readonly options: LogOptions = {},
  ) {}

  append(line: LogLine): void {
    this.lines.push(line);
  }

  get pending(): number {
    return this.lines.length;
  }

  commit(): WriteReport {
    if (this.lines.length === 0) return { updated: 0, appended: 0, unwritten: [], calls: 0 };
    const lines = this.lines.splice(0);
    let sheet = this.options.sheet === undefined ? this.book.getSheetByName(Log.name) : this.options.sheet;
    let head = savedHead();
    if (!sheet) {
      sheet = ensureSheet(this.book, Log, this.lang());
      // A new sheet, a new chain; its first line tells why the older lines are not there.
      head = undefined;
      lines.unshift({
        at: lines[0].at,
        user: lines[0].user,
        action: "log.recreated",
        target: Log.name,
        detail: "The Log sheet was missing and has been made again; earlier lines are not in it",
      });
    }
    let table = appendOnlyTable(sheet, Log);
    if (!table.headers.index.has("hash")) {
      // Once per old Log: the new header in the language of the ones there.
      upgradeSheet(sheet, Log, this.options.lang ?? headerLanguage(sheet, Log) ?? this.lang());
      table = appendOnlyTable(sheet, Log);
    }
    const writer = new TableWriter(table, this.options.writer);
    // One digest per line: Utilities runs in-process, not a round trip to a Google service.
    for (const line of lines) {
      const stored = asStored(line);
      head = nextLink(stored, head, sha256Hex);
      writer.append({ ...stored, hash: formatLink(head) });
    }
    const report = writer.commit();
    if (report.appended > 0 && head) writeDocJson(HEAD_KEY, head);
    return report;
  }

  private lang(): Lang {
    return this.options.lang ?? savedLanguage() ?? "zh-CN";
  }
}

/** Appends lines to the Log in one write. Call under the document lock. */
export function appendLog(book: Book, lines: LogLine | readonly LogLine[], options: LogOptions = {}): WriteReport {
  const writer = new LogWriter(book, options);
  for (const line of Array.isArray(lines) ? lines : [lines as LogLine]) writer.append(line);
  return writer.commit();
}

export type LogIntegrity = LogChainReport | { status: "missing"; linked: 0; findings: [] };

/**
 * Whether the Log still holds every line as written: "intact", "broken" with the rows changed, inserted or
 * removed, or "missing" when there is no Log sheet. One read of the Log and one digest per line.
 */
export function logIntegrity(book: Book, timeZone = "UTC"): LogIntegrity {
  const sheet = book.getSheetByName(Log.name);
  if (!sheet) return { status: "missing", linked: 0, findings: [] };
  const table = readTable(sheet, Log, { parseDateText: dateTextParser(timeZone) });
  const rows: LogRow[] = table.rows.map(({ row, record }) => ({ ...record, row, link: record.hash }));
  return verifyLogChain(rows, sha256Hex, savedHead());
}
