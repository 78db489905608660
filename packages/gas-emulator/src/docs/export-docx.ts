import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  type ILevelsOptions,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { type GlyphName, ORDERED_GLYPHS } from "./enums";
import type { BlockNode, InlineNode, ListItemNode, TableNode, TextBlock } from "./model";
import { type ExportSource, modelOf, runsOf, safeColor, titleOf } from "./source";

/**
 * A Doc as a real Word file (.docx) built with the `docx` package: headings, formatted runs, bullet and
 * numbered lists (one Word numbering instance per Docs list), tables with a bold header row, page breaks,
 * horizontal rules and PNG/JPEG/GIF images.
 */
const HEADINGS = {
  HEADING1: HeadingLevel.HEADING_1,
  HEADING2: HeadingLevel.HEADING_2,
  HEADING3: HeadingLevel.HEADING_3,
  HEADING4: HeadingLevel.HEADING_4,
  HEADING5: HeadingLevel.HEADING_5,
  HEADING6: HeadingLevel.HEADING_6,
  TITLE: HeadingLevel.TITLE,
  SUBTITLE: HeadingLevel.HEADING_2,
} as const;

const ALIGN = {
  LEFT: AlignmentType.LEFT,
  CENTER: AlignmentType.CENTER,
  RIGHT: AlignmentType.RIGHT,
  JUSTIFY: AlignmentType.JUSTIFIED,
} as const;

const FORMAT: Record<GlyphName, (typeof LevelFormat)[keyof typeof LevelFormat]> = {
  BULLET: LevelFormat.BULLET,
  HOLLOW_BULLET: LevelFormat.BULLET,
  SQUARE_BULLET: LevelFormat.BULLET,
  NUMBER: LevelFormat.DECIMAL,
  LATIN_UPPER: LevelFormat.UPPER_LETTER,
  LATIN_LOWER: LevelFormat.LOWER_LETTER,
  ROMAN_UPPER: LevelFormat.UPPER_ROMAN,
  ROMAN_LOWER: LevelFormat.LOWER_ROMAN,
};

const BULLET_TEXT: Partial<Record<GlyphName, string>> = {
  BULLET: "\u2022",
  HOLLOW_BULLET: "\u25e6",
  SQUARE_BULLET: "\u25aa",
};

function levels(glyph: GlyphName): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: FORMAT[glyph],
    text: ORDERED_GLYPHS.has(glyph) ? `%${level + 1}.` : (BULLET_TEXT[glyph] ?? "\u2022"),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

function imageType(contentType: string): "png" | "jpg" | "gif" | undefined {
  if (contentType === "image/png") return "png";
  if (contentType === "image/jpeg") return "jpg";
  if (contentType === "image/gif") return "gif";
  return undefined;
}

function inlineChildren(node: InlineNode, forceBold: boolean): ParagraphChild[] {
  switch (node.kind) {
    case "text":
      return runsOf(node.text, node.styles).flatMap(({ text, style }) =>
        text.split("\r").map(
          (part, i) =>
            new TextRun({
              text: part,
              break: i > 0 ? 1 : undefined,
              bold: forceBold || style.bold || undefined,
              italics: style.italic || undefined,
              underline: style.underline ? {} : undefined,
              size: style.fontSize ? Math.round(style.fontSize * 2) : undefined,
              color: safeColor(style.foregroundColor)?.slice(1),
            }),
        ),
      );
    case "image": {
      const type = imageType(node.contentType);
      if (!type) return [];
      return [
        new ImageRun({
          type,
          data: node.bytes,
          transformation: { width: node.width || 100, height: node.height || 100 },
        }),
      ];
    }
    case "pageBreak":
      return [new PageBreak()];
    case "horizontalRule":
      return [];
  }
}

class DocxBuilder {
  private readonly lists = new Map<string, { reference: string; glyph: GlyphName }>();

  paragraph(p: TextBlock, forceBold = false): Paragraph {
    const hasRule = p.children.some((c) => c.kind === "horizontalRule");
    return new Paragraph({
      children: p.children.flatMap((c) => inlineChildren(c, forceBold)),
      heading: p.kind === "paragraph" && p.heading !== "NORMAL" ? HEADINGS[p.heading] : undefined,
      alignment: p.alignment ? ALIGN[p.alignment] : undefined,
      numbering: p.kind === "listItem" ? { reference: this.listReference(p), level: p.nesting } : undefined,
      border: hasRule ? { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } } : undefined,
    });
  }

  private listReference(item: ListItemNode): string {
    let list = this.lists.get(item.listId);
    if (!list) {
      list = { reference: `list-${this.lists.size + 1}`, glyph: item.glyph };
      this.lists.set(item.listId, list);
    }
    return list.reference;
  }

  table(t: TableNode): Table {
    const columns = Math.max(1, ...t.rows.map((r) => r.cells.length));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: t.rows.map(
        (row, r) =>
          new TableRow({
            tableHeader: r === 0,
            children: Array.from({ length: columns }, (_, c) => {
              const cell = row.cells[c];
              const blocks = cell ? cell.blocks : [];
              const children = blocks.map((b) => this.paragraph(b, r === 0));
              return new TableCell({ children: children.length ? children : [new Paragraph("")] });
            }),
          }),
      ),
    });
  }

  block(b: BlockNode): Paragraph | Table {
    return b.kind === "table" ? this.table(b) : this.paragraph(b);
  }

  numberingConfig() {
    return [...this.lists.values()].map((l) => ({ reference: l.reference, levels: levels(l.glyph) }));
  }
}

export async function docToDocx(doc: ExportSource): Promise<Buffer> {
  const model = modelOf(doc);
  const builder = new DocxBuilder();
  const children = model.body.map((b) => builder.block(b));
  const word = new Document({
    title: titleOf(doc),
    creator: "Apps Script emulator",
    numbering: { config: builder.numberingConfig() },
    sections: [{ children }],
  });
  return Packer.toBuffer(word);
}
