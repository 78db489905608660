/** A lived-in book: its size against the cell limit, and old rows moved to yearly archive spreadsheets. This file is the feature's public surface: other folders import only from here. */
export { ARCHIVE_TARGETS, type ArchiveRun, archiveOldRows, BATCH_CELLS } from "./archive";
export { ARCHIVE_BOOKS_KEY, type ArchiveLink, archiveLinksFor, archiveName, archiveRefs } from "./archive-books";
export { type BookCapacity, bookCapacity, type DatedRows, gridSizes } from "./capacity";
