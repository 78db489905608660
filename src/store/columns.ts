import * as z from "zod/mini";

/**
 * A column of a Buyerbook sheet. Tables find columns by header text (English, Chinese or the key itself),
 * never by position, so people can reorder columns, rename a header to the other language, or add their own.
 */
export type ColumnKind = "id" | "text" | "number" | "date" | "datetime" | "bool" | "enum";

export interface ColumnSpec<K extends string = string, Z extends z.ZodMiniType = z.ZodMiniType> {
  key: K;
  en: string;
  zh: string;
  kind: ColumnKind;
  /** Allowed values of an enum column (the dropdown). */
  values?: readonly string[];
  /** The zod type of the parsed field. */
  zod: Z;
  /** Columns Buyerbook computes; people may see but their edits are recomputed. */
  derived?: boolean;
  width?: number;
}

/** Sheets number formats per kind: "@" keeps outside text literal (no formulas, phone numbers keep their +). */
export const NUMBER_FORMAT: Record<ColumnKind, string> = {
  id: "@",
  text: "@",
  enum: "@",
  number: "0.##",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
  bool: "General",
};

const zDate = z.nullable(z.date());

export const col = {
  id: <K extends string>(key: K, en: string, zh: string) => ({
    key,
    en,
    zh,
    kind: "id" as const,
    zod: z.string(),
    width: 90,
  }),
  text: <K extends string>(key: K, en: string, zh: string, width = 140) => ({
    key,
    en,
    zh,
    kind: "text" as const,
    zod: z.string(),
    width,
  }),
  number: <K extends string>(key: K, en: string, zh: string) => ({
    key,
    en,
    zh,
    kind: "number" as const,
    zod: z.nullable(z.number()),
    width: 80,
  }),
  date: <K extends string>(key: K, en: string, zh: string) => ({
    key,
    en,
    zh,
    kind: "date" as const,
    zod: zDate,
    width: 95,
  }),
  datetime: <K extends string>(key: K, en: string, zh: string) => ({
    key,
    en,
    zh,
    kind: "datetime" as const,
    zod: zDate,
    width: 130,
  }),
  bool: <K extends string>(key: K, en: string, zh: string) => ({
    key,
    en,
    zh,
    kind: "bool" as const,
    zod: z.boolean(),
    width: 60,
  }),
  enumOf: <K extends string, V extends string>(key: K, en: string, zh: string, values: readonly [V, ...V[]]) => ({
    key,
    en,
    zh,
    kind: "enum" as const,
    values,
    zod: z.union([z.enum(values), z.literal("")]),
    width: 90,
  }),
};

export function derived<C extends ColumnSpec>(c: C): C {
  return { ...c, derived: true };
}

type ShapeOf<C extends readonly ColumnSpec[]> = { [K in C[number] as K["key"]]: K["zod"] };

export interface SheetSpec<C extends readonly ColumnSpec[] = readonly ColumnSpec[]> {
  name: string;
  zh: string;
  /** Key of the column holding the stable ID ("B-000123"); rows are found by it, never by row number. */
  idKey?: C[number]["key"];
  /** ID prefix and digits, e.g. "B-" and 6 -> B-000001. */
  idPrefix?: string;
  idDigits?: number;
  columns: C;
  schema: z.ZodMiniObject<ShapeOf<C>>;
  /** Only the boss and assistant may edit (Staff, Settings, prices). */
  protectedSheet?: boolean;
}

export function defineSheet<const C extends readonly ColumnSpec[]>(spec: Omit<SheetSpec<C>, "schema">): SheetSpec<C> {
  const shape = Object.fromEntries(spec.columns.map((c) => [c.key, c.zod])) as ShapeOf<C>;
  return { ...spec, schema: z.object(shape) as unknown as z.ZodMiniObject<ShapeOf<C>> };
}

export type RecordOf<S extends SheetSpec> = z.infer<S["schema"]>;
