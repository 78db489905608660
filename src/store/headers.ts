import type { ColumnSpec, SheetSpec } from "./columns";

function headerKey(s: unknown): string {
  return String(s ?? "")
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");
}

/** Where each known column sits in the header row (0-based), found by English, Chinese or key text. */
export interface HeaderMap {
  /** column key -> 0-based index in the sheet. */
  index: Map<string, number>;
  /** Known columns the sheet lacks (a person deleted them; setup puts them back). */
  missing: ColumnSpec[];
  /** Header texts of columns Buyerbook does not know: people's own columns, kept untouched. */
  extra: string[];
  width: number;
}

/** The 1-based sheet columns of the spec's date fields under this header (what a batched read turns back into dates). */
export function dateColumnsOf(spec: SheetSpec, map: HeaderMap | undefined): Set<number> {
  const out = new Set<number>();
  for (const c of spec.columns) {
    const i = map?.index.get(c.key);
    if (i !== undefined && (c.kind === "date" || c.kind === "datetime")) out.add(i + 1);
  }
  return out;
}

export function mapHeaders(spec: SheetSpec, header: readonly unknown[]): HeaderMap {
  const byText = new Map<string, ColumnSpec>();
  for (const c of spec.columns) {
    for (const label of [c.key, c.en, c.zh, `${c.en} / ${c.zh}`, `${c.zh} / ${c.en}`]) byText.set(headerKey(label), c);
  }
  const index = new Map<string, number>();
  const extra: string[] = [];
  header.forEach((cell, i) => {
    const c = byText.get(headerKey(cell));
    if (c && !index.has(c.key)) index.set(c.key, i);
    else if (headerKey(cell) !== "") extra.push(String(cell));
  });
  const missing = spec.columns.filter((c) => !index.has(c.key));
  return { index, missing, extra, width: header.length };
}

export type HeaderLang = "zh-CN" | "en";

export function headerLabel(column: ColumnSpec, lang: HeaderLang): string {
  return lang === "zh-CN" ? column.zh : column.en;
}
