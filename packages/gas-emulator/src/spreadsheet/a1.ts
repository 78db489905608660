/**
 * A1 notation: column letters, cell and range references, optional quoted sheet names.
 * Open-ended forms ("A:B", "2:5", "A2:B") are resolved against the sheet's current size, as Sheets does.
 */
import { RANGE_NOT_FOUND } from "./messages";

export interface A1Ref {
  sheetName?: string;
  /** 1-based; undefined means "from the first row/column" for whole-column/whole-row forms. */
  row?: number;
  col?: number;
  /** 1-based inclusive end; undefined means "to the last row/column of the sheet". */
  endRow?: number;
  endCol?: number;
}

export function columnToLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/;

interface Part {
  col?: number;
  row?: number;
}

function parsePart(text: string): Part | undefined {
  const m = PART.exec(text);
  if (!m || (!m[1] && !m[2])) return undefined;
  const part: Part = {};
  if (m[1]) part.col = lettersToColumn(m[1].toUpperCase());
  if (m[2]) {
    part.row = Number(m[2]);
    if (part.row < 1) return undefined;
  }
  return part;
}

/** Splits "Sheet 1!A1:B2" / "'It''s'!A1" into sheet name and the reference. */
export function splitSheetName(a1: string): { sheetName?: string; ref: string } {
  const bang = a1.lastIndexOf("!");
  if (bang < 0) return { ref: a1 };
  let name = a1.slice(0, bang);
  if (name.length >= 2 && name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: a1.slice(bang + 1) };
}

/** Parses A1 notation; throws Apps Script's "Range not found" for anything it cannot read. */
export function parseA1(a1: string): A1Ref {
  if (typeof a1 !== "string") throw new Error(RANGE_NOT_FOUND);
  const { sheetName, ref } = splitSheetName(a1.trim());
  const pieces = ref.split(":");
  if (pieces.length > 2 || pieces[0] === "") throw new Error(RANGE_NOT_FOUND);
  const start = parsePart(pieces[0]);
  if (!start) throw new Error(RANGE_NOT_FOUND);
  if (pieces.length === 1) {
    // A lone "A" or "3" is not a range in Apps Script.
    if (start.col === undefined || start.row === undefined) throw new Error(RANGE_NOT_FOUND);
    return { sheetName, row: start.row, col: start.col, endRow: start.row, endCol: start.col };
  }
  const end = parsePart(pieces[1]);
  if (!end) throw new Error(RANGE_NOT_FOUND);
  if (start.col === undefined && end.col !== undefined) throw new Error(RANGE_NOT_FOUND);
  if (start.row === undefined && start.col === undefined) throw new Error(RANGE_NOT_FOUND);
  const ref1: A1Ref = { sheetName, row: start.row, col: start.col, endRow: end.row, endCol: end.col };
  // "2:5" (whole rows): both parts row-only.
  if (start.col === undefined) {
    if (end.row === undefined) throw new Error(RANGE_NOT_FOUND);
    ref1.col = undefined;
    ref1.endCol = undefined;
  }
  // "A:B" (whole columns): both parts column-only; "A2:B" is open-ended down.
  if (end.col === undefined && start.col !== undefined) throw new Error(RANGE_NOT_FOUND);
  if (start.row === undefined && end.row !== undefined) throw new Error(RANGE_NOT_FOUND);
  // Sheets normalises reversed corners ("B2:A1" is A1:B2).
  if (ref1.row !== undefined && ref1.endRow !== undefined && ref1.endRow < ref1.row) {
    [ref1.row, ref1.endRow] = [ref1.endRow, ref1.row];
  }
  if (ref1.col !== undefined && ref1.endCol !== undefined && ref1.endCol < ref1.col) {
    [ref1.col, ref1.endCol] = [ref1.endCol, ref1.col];
  }
  return ref1;
}

export function toA1(row: number, col: number, numRows = 1, numCols = 1): string {
  const start = `${columnToLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

/** Sheet names that need quoting in A1 notation (spaces, punctuation, leading digits). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// A cell reference inside a formula (also after `Sheet!`), not part of a name, a function call or a sheet name.
const FORMULA_REF = /(^|[^A-Za-z0-9_$.'"])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(!])/g;

/**
 * The formula as it reads `dr` rows and `dc` columns further on: relative references move, `$` ones stay,
 * text in double quotes is left alone. This is what Sheets does when one formula is set on many cells
 * (setFormula on a range, or copying a formula).
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(FORMULA_REF, (_m, before, colAbs, letters, rowAbs, digits) => {
            const col = colAbs ? letters : columnToLetters(lettersToColumn(letters.toUpperCase()) + dc);
            const row = rowAbs ? digits : String(Number(digits) + dr);
            return `${before}${colAbs}${col}${rowAbs}${row}`;
          }),
    )
    .join("");
}
