/**
 * TextFinder (createTextFinder on Spreadsheet, Sheet or Range). It searches what the user sees
 * (display values) or, with matchFormulaText, the formulas; results are single-cell ranges in
 * row-major order, sheet by sheet.
 */

import type { Rect } from "./model";
import { EmulatedRange } from "./range";
import type { EmulatedSheet } from "./sheet";
import type { EmulatedSpreadsheet } from "./spreadsheet";
import { displayValue } from "./values";

type GFinder = GoogleAppsScript.Spreadsheet.TextFinder;
type GRange = GoogleAppsScript.Spreadsheet.Range;

export interface SearchScope {
  sheet: EmulatedSheet;
  rect: Rect;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class EmulatedTextFinder
  implements
    Pick<
      GFinder,
      | "matchCase"
      | "matchEntireCell"
      | "useRegularExpression"
      | "matchFormulaText"
      | "findAll"
      | "findNext"
      | "findPrevious"
      | "replaceAllWith"
      | "startFrom"
    >
{
  private caseSensitive = false;
  private entireCell = false;
  private regex = false;
  private formulaText = false;
  private cursor = -1;
  private start: { sheetId: number; r: number; c: number } | undefined;

  toString(): string {
    return "TextFinder";
  }

  constructor(
    private readonly book: EmulatedSpreadsheet,
    private readonly scopes: SearchScope[],
    private readonly findText: string,
  ) {}

  private self(): GFinder {
    return this as unknown as GFinder;
  }

  matchCase(matchCase: boolean): GFinder {
    this.caseSensitive = matchCase;
    return this.self();
  }
  matchEntireCell(entireCell: boolean): GFinder {
    this.entireCell = entireCell;
    return this.self();
  }
  useRegularExpression(useRegEx: boolean): GFinder {
    this.regex = useRegEx;
    return this.self();
  }
  matchFormulaText(matchFormulaText: boolean): GFinder {
    this.formulaText = matchFormulaText;
    return this.self();
  }
  startFrom(startRange: GRange): GFinder {
    const e = startRange as unknown as EmulatedRange;
    this.start = { sheetId: e.sheet.model.sheetId, r: e.rect.r, c: e.rect.c };
    this.cursor = -1;
    return this.self();
  }

  private pattern(global = false): RegExp {
    const body = this.regex ? this.findText : escapeRegExp(this.findText);
    const full = this.entireCell ? `^(?:${body})$` : body;
    return new RegExp(full, (this.caseSensitive ? "" : "i") + (global ? "g" : ""));
  }

  private cellsInScope(): number {
    return this.scopes.reduce((n, s) => n + s.rect.nr * s.rect.nc, 0);
  }

  /** Every matching cell, in search order. */
  private matches(): { scope: SearchScope; r: number; c: number }[] {
    const re = this.pattern();
    const tz = this.book.model.timeZone;
    const out: { scope: SearchScope; r: number; c: number }[] = [];
    for (const scope of this.scopes) {
      const m = scope.sheet.model;
      const { r, c, nr, nc } = scope.rect;
      const lastRow = Math.min(r + nr, Math.max(m.values.rows.length, m.formulas.rows.length));
      for (let i = r; i < lastRow; i++) {
        const vr = m.values.rows[i];
        const fr = m.formulas.rows[i];
        if (vr === undefined && fr === undefined) continue;
        const fmtRow = m.formats.rows[i];
        for (let j = c; j < c + nc; j++) {
          const formula = fr?.[j];
          let text: string;
          if (formula !== undefined && this.formulaText) text = formula;
          else if (formula !== undefined)
            text = displayValue(this.book.formulaValue(formula), fmtRow?.[j], tz, this.book.model.locale);
          else text = displayValue(vr?.[j], fmtRow?.[j], tz, this.book.model.locale);
          if (text !== "" && re.test(text)) out.push({ scope, r: i, c: j });
        }
      }
    }
    return out;
  }

  private toRange(hit: { scope: SearchScope; r: number; c: number }): GRange {
    return new EmulatedRange(hit.scope.sheet, hit.r, hit.c, 1, 1) as unknown as GRange;
  }

  findAll(): GRange[] {
    this.book.touch("Spreadsheet.find", "TextFinder.findAll", this.cellsInScope(), "view");
    return this.matches().map((h) => this.toRange(h));
  }

  private firstIndexAfterStart(hits: { scope: SearchScope; r: number; c: number }[]): number {
    if (!this.start) return 0;
    const s = this.start;
    const idx = hits.findIndex(
      (h) => h.scope.sheet.model.sheetId === s.sheetId && (h.r > s.r || (h.r === s.r && h.c > s.c)),
    );
    return Math.max(idx, 0);
  }

  findNext(): GRange | null {
    this.book.touch("Spreadsheet.find", "TextFinder.findNext", this.cellsInScope(), "view");
    const hits = this.matches();
    if (hits.length === 0) return null;
    this.cursor = this.cursor < 0 ? this.firstIndexAfterStart(hits) : (this.cursor + 1) % hits.length;
    return this.toRange(hits[this.cursor]);
  }

  findPrevious(): GRange | null {
    this.book.touch("Spreadsheet.find", "TextFinder.findPrevious", this.cellsInScope(), "view");
    const hits = this.matches();
    if (hits.length === 0) return null;
    this.cursor = this.cursor < 0 ? hits.length - 1 : (this.cursor - 1 + hits.length) % hits.length;
    return this.toRange(hits[this.cursor]);
  }

  /** Replaces matches inside plain values (and formulas with matchFormulaText); returns cells changed. */
  replaceAllWith(replaceText: string): number {
    this.book.touch("Spreadsheet.find", "TextFinder.replaceAllWith", this.cellsInScope(), "edit");
    const hits = this.matches();
    const re = this.pattern(true);
    let changed = 0;
    for (const h of hits) {
      const m = h.scope.sheet.model;
      this.book.assertEditable(m, { r: h.r, c: h.c, nr: 1, nc: 1 });
      const formula = m.formulas.get(h.r, h.c);
      if (formula !== undefined) {
        if (!this.formulaText) continue;
        m.formulas.set(h.r, h.c, formula.replace(re, replaceText));
      } else {
        const v = m.values.get(h.r, h.c);
        if (typeof v !== "string") continue;
        m.values.set(h.r, h.c, v.replace(re, replaceText));
      }
      changed++;
    }
    return changed;
  }
}
