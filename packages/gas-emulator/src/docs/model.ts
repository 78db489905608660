import type { AlignmentName, GlyphName, HeadingName } from "./enums";

/**
 * A Google Doc as plain data: what DocumentApp's element objects read and write, and what the HTML and
 * .docx exporters walk. Element objects are short-lived views onto these nodes, like Apps Script's.
 */
export interface CharStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  fontSize?: number;
  foregroundColor?: string;
}

/** A run of text; `styles[i]` is the formatting of `text[i]` (Docs formats per character). */
export interface TextNode {
  kind: "text";
  text: string;
  styles: CharStyle[];
}

export interface ImageNode {
  kind: "image";
  bytes: Uint8Array;
  contentType: string;
  width: number;
  height: number;
}

export interface HorizontalRuleNode {
  kind: "horizontalRule";
}

export interface PageBreakNode {
  kind: "pageBreak";
}

export type InlineNode = TextNode | ImageNode | HorizontalRuleNode | PageBreakNode;

export interface ParagraphNode {
  kind: "paragraph";
  heading: HeadingName;
  alignment: AlignmentName | null;
  children: InlineNode[];
}

export interface ListItemNode extends Omit<ParagraphNode, "kind"> {
  kind: "listItem";
  glyph: GlyphName;
  nesting: number;
  listId: string;
}

export type TextBlock = ParagraphNode | ListItemNode;

export interface TableCellNode {
  kind: "tableCell";
  /** A cell holds paragraphs (at least one) and list items. */
  blocks: TextBlock[];
}

export interface TableRowNode {
  kind: "tableRow";
  cells: TableCellNode[];
}

export interface TableNode {
  kind: "table";
  rows: TableRowNode[];
}

export type BlockNode = TextBlock | TableNode;

export interface DocData {
  body: BlockNode[];
  listCounter: number;
}

export class DocModel {
  /** A new Doc's body is one empty paragraph, as in Google Docs. */
  body: BlockNode[] = [paragraphNode("")];
  private listCounter = 0;

  newListId(): string {
    this.listCounter += 1;
    return `kix.list${this.listCounter}`;
  }

  /** The whole document as plain data (images keep their bytes), for saving a world between runs. */
  toData(): DocData {
    return { body: structuredClone(this.body), listCounter: this.listCounter };
  }

  static fromData(data: DocData): DocModel {
    const model = new DocModel();
    model.body = structuredClone(data.body);
    model.listCounter = data.listCounter;
    return model;
  }

  /** Used by File.makeCopy: a deep, independent copy. */
  clone(): DocModel {
    const copy = new DocModel();
    copy.body = structuredClone(this.body);
    copy.listCounter = this.listCounter;
    return copy;
  }
}

export function textNode(text: string, style: CharStyle = {}): TextNode {
  return { kind: "text", text, styles: Array.from(text, () => ({ ...style })) };
}

/** Paragraph text may not hold "\n": Docs turns it into a line break "\r" (Paragraph reference). */
export function paragraphText(text: string): string {
  return String(text).replace(/\n/g, "\r");
}

export function paragraphNode(text: string): ParagraphNode {
  return {
    kind: "paragraph",
    heading: "NORMAL",
    alignment: null,
    children: text ? [textNode(paragraphText(text))] : [],
  };
}

export function listItemNode(text: string, listId: string): ListItemNode {
  return { ...paragraphNode(text), kind: "listItem", glyph: "BULLET", nesting: 0, listId };
}

export function tableNode(cells: string[][]): TableNode {
  return {
    kind: "table",
    rows: cells.map((row) => ({ kind: "tableRow", cells: row.map((text) => cellNode(String(text))) })),
  };
}

export function cellNode(text: string): TableCellNode {
  return { kind: "tableCell", blocks: [paragraphNode(text)] };
}

export function blockText(block: BlockNode): string {
  if (block.kind === "table") return block.rows.map(rowText).join("\n");
  return block.children.map((c) => (c.kind === "text" ? c.text : "")).join("");
}

export function rowText(row: TableRowNode): string {
  return row.cells.map(cellText).join("\n");
}

export function cellText(cell: TableCellNode): string {
  return cell.blocks.map(blockText).join("\n");
}

export function textNodesOf(block: BlockNode): TextNode[][] {
  if (block.kind === "table") return block.rows.flatMap(rowTextNodes);
  return [block.children.filter((c): c is TextNode => c.kind === "text")];
}

export function rowTextNodes(row: TableRowNode): TextNode[][] {
  return row.cells.flatMap((c) => c.blocks.flatMap(textNodesOf));
}

/** PNG width/height from the IHDR chunk; other formats report 0 until set. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } {
  const png = bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  if (!png) return { width: 0, height: 0 };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
