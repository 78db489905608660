/**
 * DocumentApp's enums as runtime values. In Apps Script an enum value prints as its name
 * (`String(DocumentApp.ParagraphHeading.HEADING1) === "HEADING1"`), so each value here is its own name.
 */
type Names<E> = { [K in keyof E]: K };

function enumOf<K extends string>(...names: K[]): { [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { [P in K]: P };
}

export const ParagraphHeading = enumOf(
  "NORMAL",
  "HEADING1",
  "HEADING2",
  "HEADING3",
  "HEADING4",
  "HEADING5",
  "HEADING6",
  "TITLE",
  "SUBTITLE",
) satisfies Names<typeof GoogleAppsScript.Document.ParagraphHeading>;
export type HeadingName = keyof typeof ParagraphHeading;

export const GlyphType = enumOf(
  "BULLET",
  "HOLLOW_BULLET",
  "SQUARE_BULLET",
  "NUMBER",
  "LATIN_UPPER",
  "LATIN_LOWER",
  "ROMAN_UPPER",
  "ROMAN_LOWER",
) satisfies Names<typeof GoogleAppsScript.Document.GlyphType>;
export type GlyphName = keyof typeof GlyphType;

export const HorizontalAlignment = enumOf("LEFT", "CENTER", "RIGHT", "JUSTIFY") satisfies Names<
  typeof GoogleAppsScript.Document.HorizontalAlignment
>;
export type AlignmentName = keyof typeof HorizontalAlignment;

export const ElementType = enumOf(
  "BODY_SECTION",
  "HORIZONTAL_RULE",
  "INLINE_IMAGE",
  "LIST_ITEM",
  "PAGE_BREAK",
  "PARAGRAPH",
  "TABLE",
  "TABLE_CELL",
  "TABLE_ROW",
  "TEXT",
);
export type ElementTypeName = keyof typeof ElementType;

/** The attributes this emulator understands in getAttributes/setAttributes (others are ignored). */
export const Attribute = enumOf(
  "BOLD",
  "ITALIC",
  "UNDERLINE",
  "FONT_SIZE",
  "FOREGROUND_COLOR",
  "HEADING",
  "HORIZONTAL_ALIGNMENT",
  "GLYPH_TYPE",
  "NESTING_LEVEL",
  "WIDTH",
  "HEIGHT",
);

/** Glyphs that make an ordered (numbered) list. */
export const ORDERED_GLYPHS: ReadonlySet<GlyphName> = new Set([
  "NUMBER",
  "LATIN_UPPER",
  "LATIN_LOWER",
  "ROMAN_UPPER",
  "ROMAN_LOWER",
]);
