/**
 * Protections that match the role checks (R1, R6, R34), as far as a spreadsheet can hold them:
 * - Staff: the whole sheet is the boss's and the assistant's (protectSheets). Each salesperson may edit their
 *   own row's away cells (deputy, away from, away until) and nobody else's: those cells are left out of the
 *   sheet protection and each row's are protected again for that one person (plus the managers). Sheets has
 *   no per-user exception, so it is one protection per salesperson, re-aligned when the team changes.
 * - Buyers' and Inquiries' owner columns change only through reassignment by the boss or the assistant, or
 *   offboarding: protected, no warning, managers only, over the rows there at the last alignment (rows added
 *   since are covered at the next; the audit logs any hand edit meanwhile, and the server never trusts a
 *   deputy nobody vouched for, see store/deputies.ts).
 * Run by a manager (protections are changed by someone who may edit them): setup, onboarding, offboarding and
 * Start the schedule do it. Idempotent: a second run changes nothing.
 */
import { runningAs } from "../../gas/audit-trigger";
import { protectionOfSheet, rangeProtections } from "../../gas/protection";
import { mapHeaders } from "../../store/headers";
import { Buyers, Inquiries, Staff } from "../../store/schemas";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** The Staff cells a person may edit for themselves: their deputy and away dates (R6). */
export const SELF_SERVICE_COLUMNS = ["deputy", "awayFrom", "awayUntil"] as const;

/** Descriptions mark Buyerbook's own range protections, so a rerun finds them (and leaves others alone). */
export const AWAY_PROTECTION = "Buyerbook: away cells of ";
export const OWNER_PROTECTION = "Buyerbook: owner column ";

/** The owner columns protected for the managers, per sheet. */
const OWNER_COLUMNS: { spec: typeof Buyers | typeof Inquiries; keys: string[] }[] = [
  { spec: Buyers, keys: ["owner"] },
  // "Handled by" stays open: it follows deputies, and a salesperson's own mail pull writes it (audited).
  { spec: Inquiries, keys: ["owner"] },
];

interface Wanted {
  description: string;
  a1: string;
  editors: string[];
}

interface StaffLine {
  row: number;
  email: string;
  role: string;
  status: string;
}

/**
 * Aligns the protections above with the Staff sheet as it is now. Returns how many protections it created,
 * changed or removed (0 on a rerun).
 */
export function allowSelfAway(book: Book): number {
  const staffSheet = book.getSheetByName(Staff.name);
  if (!staffSheet) return 0;
  const sheetProtection = protectionOfSheet(staffSheet);
  if (!sheetProtection) return 0;
  const values = staffSheet.getDataRange().getValues();
  const map = mapHeaders(Staff, values[0] ?? []);
  const at = (line: unknown[], key: string) => {
    const i = map.index.get(key);
    return i === undefined ? "" : String(line[i] ?? "").trim();
  };
  const people: StaffLine[] = values.slice(1).map((line, i) => ({
    row: i + 2,
    email: at(line, "email").toLowerCase(),
    role: at(line, "role"),
    status: at(line, "status"),
  }));
  const managers = people
    .filter((p) => (p.role === "boss" || p.role === "assistant") && p.status !== "frozen" && p.email !== "")
    .map((p) => p.email);
  const cols = SELF_SERVICE_COLUMNS.map((k) => map.index.get(k)).filter((c): c is number => c !== undefined);
  const wanted: Wanted[] = [];
  const open: string[] = [];
  if (cols.length > 0) {
    for (const p of people) {
      if (p.role !== "salesperson" || p.status === "frozen" || p.email === "") continue;
      for (const a1 of spansA1(staffSheet, p.row, cols)) {
        open.push(a1);
        wanted.push({ description: AWAY_PROTECTION + p.email, a1, editors: [p.email, ...managers] });
      }
    }
  }
  let changed = 0;
  // The sheet protection leaves exactly the salespeople's own away cells out (the range protections below
  // then give each of those cells to one person).
  const current = sheetProtection.getUnprotectedRanges().map((r) => r.getA1Notation());
  if (current.join() !== open.join()) {
    sheetProtection.setUnprotectedRanges(open.map((a1) => staffSheet.getRange(a1)));
    changed += 1;
  }
  for (const { spec, keys } of OWNER_COLUMNS) {
    const sheet = book.getSheetByName(spec.name);
    if (!sheet) continue;
    const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
    const owners = mapHeaders(spec, header);
    const last = sheet.getLastRow();
    if (last < 2) continue;
    for (const key of keys) {
      const i = owners.index.get(key);
      if (i === undefined) continue;
      const a1 = sheet.getRange(2, i + 1, last - 1, 1).getA1Notation();
      wanted.push({
        description: `${OWNER_PROTECTION}${spec.name}.${key}`,
        a1: `${spec.name}!${a1}`,
        editors: managers,
      });
    }
  }
  // Sheets keeps the file's owner and whoever protects among the editors: wanted too, or every rerun would
  // try to remove them again.
  const keep = [book.getOwner()?.getEmail() ?? "", runningAs()].map((e) => e.toLowerCase()).filter((e) => e !== "");
  for (const w of wanted) w.editors = [...new Set([...w.editors, ...keep])];
  return changed + alignRangeProtections(book, wanted);
}

/** A row's away cells as A1 ranges: one when the columns are adjacent, else one per column. */
function spansA1(sheet: Sheet, row: number, cols: number[]): string[] {
  const sorted = [...cols].sort((a, b) => a - b);
  const adjacent = sorted[sorted.length - 1] - sorted[0] + 1 === sorted.length;
  const spans = adjacent ? [[sorted[0], sorted.length]] : sorted.map((c) => [c, 1]);
  return spans.map(([c, width]) => sheet.getRange(row, c + 1, 1, width).getA1Notation());
}

/**
 * Buyerbook's range protections become exactly `wanted`: kept when range and editors match, re-made when the
 * range moved, editors corrected, the ones no longer wanted removed. Returns the number of changes.
 */
function alignRangeProtections(book: Book, wanted: Wanted[]): number {
  const ours = rangeProtections(book)
    .map((p) => ({ p, description: p.getDescription() }))
    .filter((x) => x.description.startsWith(AWAY_PROTECTION) || x.description.startsWith(OWNER_PROTECTION));
  let changed = 0;
  const used = new Set<Protection>();
  for (const w of wanted) {
    const found = ours.find((x) => !used.has(x.p) && x.description === w.description && sameRange(x.p, w.a1));
    if (found) {
      used.add(found.p);
      changed += fixEditors(found.p, w.editors, false);
      continue;
    }
    const range = rangeOf(book, w.a1);
    if (!range) continue;
    const p = range.protect();
    p.setDescription(w.description);
    fixEditors(p, w.editors, true);
    changed += 1;
  }
  for (const x of ours) {
    if (used.has(x.p)) continue;
    x.p.remove();
    changed += 1;
  }
  return changed;
}

function rangeOf(book: Book, a1: string): GoogleAppsScript.Spreadsheet.Range | undefined {
  const bang = a1.indexOf("!");
  const sheet = book.getSheetByName(bang < 0 ? Staff.name : a1.slice(0, bang));
  return sheet?.getRange(bang < 0 ? a1 : a1.slice(bang + 1));
}

function sameRange(p: Protection, a1: string): boolean {
  const range = p.getRange();
  const bang = a1.indexOf("!");
  const sheetName = bang < 0 ? Staff.name : a1.slice(0, bang);
  return range.getSheet().getName() === sheetName && range.getA1Notation() === (bang < 0 ? a1 : a1.slice(bang + 1));
}

/**
 * Editors become exactly `editors` (the owner of the file and whoever runs this always stay, Sheets keeps
 * them), and the domain-wide editing a new protection starts with in Google Workspace goes off.
 */
function fixEditors(p: Protection, editors: string[], fresh: boolean): number {
  const want = new Set(editors.map((e) => e.toLowerCase()));
  const have = p.getEditors().map((u) => u.getEmail().toLowerCase());
  const remove = have.filter((e) => !want.has(e));
  const add = [...want].filter((e) => !have.includes(e));
  let changed = 0;
  if (remove.length > 0) {
    p.removeEditors(remove);
    changed += 1;
  }
  if (add.length > 0) {
    p.addEditors(add);
    changed += 1;
  }
  // Ours were made with domain-wide editing off; only a new one needs the question.
  if (fresh && p.canDomainEdit()) {
    p.setDomainEdit(false);
    changed += 1;
  }
  return changed;
}
