/**
 * Away cells typed in the Staff sheet (R6, R34), seen by the book's audit trigger: vouched for when the
 * person themself or a manager typed them, else left unhonoured (domain/deputies.ts) with a Log line saying
 * so. Who typed: Apps Script names the editor within one Google Workspace domain; elsewhere (consumer
 * accounts) it does not, and the protections tell instead: a cell outside the sheet protection's open cells
 * only a manager can edit, and an open cell inside a salesperson's own row protection only that salesperson
 * or a manager.
 */
import { dateTextParser } from "../../app/config";
import { protectionOfSheet, rangeProtections } from "../../gas/protection";
import { parseCell } from "../../store/cells";
import { type AwayCells, vouchAway } from "../../store/deputies";
import { mapHeaders } from "../../store/headers";
import type { LogLine } from "../../store/log";
import { Staff } from "../../store/schemas";
import { AWAY_PROTECTION, SELF_SERVICE_COLUMNS } from "../setup";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * Vouches for the away cells of the Staff rows in `range` that their person or a manager typed; returns Log
 * lines for the rows it could not vouch for. Call under the document lock.
 */
export function vouchTypedAway(sheet: Sheet, range: Range, editor: string, now: Date): LogLine[] {
  const values = sheet.getDataRange().getValues();
  const map = mapHeaders(Staff, values[0] ?? []);
  const awayCols = SELF_SERVICE_COLUMNS.map((k) => map.index.get(k)).filter((c): c is number => c !== undefined);
  const left = range.getColumn() - 1;
  const right = left + range.getNumColumns() - 1;
  if (!awayCols.some((c) => c >= left && c <= right)) return [];
  const at = (line: unknown[], key: string) => line[map.index.get(key) ?? -1];
  const text = (line: unknown[], key: string) =>
    String(at(line, key) ?? "")
      .trim()
      .toLowerCase();
  const managers = values
    .slice(1)
    .filter((l) => ["boss", "assistant"].includes(text(l, "role")) && text(l, "status") !== "frozen")
    .map((l) => text(l, "email"));
  const parse = dateTextParser("UTC");
  const date = (line: unknown[], key: string) => {
    const column = Staff.columns.find((c) => c.key === key)!;
    const parsed = parseCell(column, at(line, key), parse);
    return parsed.ok ? (parsed.value as Date | null) : null;
  };
  const vouched: AwayCells[] = [];
  const notes: LogLine[] = [];
  const top = Math.max(2, range.getRow());
  const bottom = Math.min(values.length, range.getRow() + range.getNumRows() - 1);
  const guard = editor === "" ? new ProtectionGuard(sheet) : undefined;
  for (let row = top; row <= bottom; row += 1) {
    const line = values[row - 1];
    const email = text(line, "email");
    if (email === "") continue;
    const byThem =
      editor !== ""
        ? editor === email || managers.includes(editor)
        : guard!.onlyThemOrManagers(row, email, left, right);
    if (byThem) {
      vouched.push({
        email,
        deputy: text(line, "deputy"),
        awayFrom: date(line, "awayFrom"),
        awayUntil: date(line, "awayUntil"),
      });
      continue;
    }
    notes.push({
      at: now,
      user: editor || "buyerbook",
      action: "deputy.unvouched",
      target: email,
      detail: `away cells of ${email} typed by ${editor || "someone the sheet did not restrict"}: a deputy named there counts only once ${email} or a manager sets it (sidebar: I'm travelling)`,
    });
  }
  vouchAway(vouched, editor || "(own row, protected)", now);
  return notes;
}

/** What Staff's protections guarantee about who could type a cell. */
class ProtectionGuard {
  private open: { r: number; c: number; nr: number; nc: number }[] | undefined;
  private rows: { email: string; r: number; c: number; nr: number; nc: number }[] | undefined;

  constructor(private readonly sheet: Sheet) {}

  /** Whether only `email` or a manager could have typed columns left..right (0-based) of `row`. */
  onlyThemOrManagers(row: number, email: string, left: number, right: number): boolean {
    this.load();
    const inOpen = this.open!.some((u) => row >= u.r && row < u.r + u.nr && right >= u.c && left < u.c + u.nc);
    if (!inOpen) return this.open !== undefined && this.sheetProtected;
    return this.rows!.some(
      (p) => p.email === email && row >= p.r && row < p.r + p.nr && left >= p.c && right < p.c + p.nc,
    );
  }

  private sheetProtected = false;

  private load(): void {
    if (this.open) return;
    const protection = protectionOfSheet(this.sheet);
    this.sheetProtected = !!protection;
    const rect = (r: Range) => ({ r: r.getRow(), c: r.getColumn() - 1, nr: r.getNumRows(), nc: r.getNumColumns() });
    this.open = protection ? protection.getUnprotectedRanges().map(rect) : [];
    this.rows = rangeProtections(this.sheet.getParent())
      .map((p) => ({ p, description: p.getDescription() }))
      .filter((x) => x.description.startsWith(AWAY_PROTECTION))
      .map((x) => ({ email: x.description.slice(AWAY_PROTECTION.length).toLowerCase(), ...rect(x.p.getRange()) }))
      .filter((x) => x.r > 0);
  }
}
