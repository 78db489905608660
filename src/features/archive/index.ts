/** A lived-in book: its size against the cell limit, and old rows moved to yearly archive spreadsheets. This file is the feature's public surface: other folders import only from here. */
export { type BookCapacity, bookCapacity, type DatedRows, gridSizes } from "./capacity";
