import { newBlob, readBlobSource } from "../services/blob";
import type { AlignmentName, ElementTypeName, GlyphName, HeadingName } from "./enums";
import type { DocHandle } from "./handle";
import {
  type BlockNode,
  blockText,
  cellNode,
  cellText,
  type HorizontalRuleNode,
  type ImageNode,
  type InlineNode,
  imageSize,
  type ListItemNode,
  listItemNode,
  type PageBreakNode,
  type ParagraphNode,
  paragraphNode,
  paragraphText,
  rowText,
  rowTextNodes,
  type TableCellNode,
  type TableNode,
  type TableRowNode,
  type TextBlock,
  type TextNode,
  tableNode,
  textNode,
  textNodesOf,
} from "./model";
import { TextView } from "./text";

type ElementApi = GoogleAppsScript.Document.Element;

export function childIndexError(index: number, count: number): string {
  return `Child index (${index}) must be less than the number of child elements (${count}).`;
}
export const LAST_PARAGRAPH = "Can't remove the last paragraph in a document section.";

/** Common element behaviour: type, the as*() casts, removal from the parent's child list. */
abstract class BaseElement<N> {
  constructor(
    readonly doc: DocHandle,
    readonly node: N,
    /** The parent's child array holding `node`, for removeFromParent; set when a detached element is inserted. */
    public siblings?: unknown[],
  ) {}

  abstract readonly typeName: ElementTypeName;

  /** Whether the element sits in a document (a copy() or a removed element does not). */
  isAttached(): boolean {
    return this.siblings?.includes(this.node) === true;
  }

  /** Apps Script objects print as their class name ("Paragraph", "Body", "Table"…). */
  toString(): string {
    return CLASS_NAMES[this.typeName] ?? "Element";
  }

  /** The containing element, or null for a detached one (reference: element#getparent). */
  getParent(): GoogleAppsScript.Document.ContainerElement | null {
    this.doc.read(`${this.toString()}.getParent`);
    return (
      this.isAttached() ? parentOf(this.doc, this.node) : null
    ) as GoogleAppsScript.Document.ContainerElement | null;
  }

  getType(): GoogleAppsScript.Document.ElementType {
    return this.typeName as unknown as GoogleAppsScript.Document.ElementType;
  }

  private as<T>(wanted: ElementTypeName): T {
    if (this.typeName !== wanted) throw new Error(`Emulator: this element is a ${this.typeName}, not a ${wanted}.`);
    return this as unknown as T;
  }

  asParagraph(): GoogleAppsScript.Document.Paragraph {
    return this.as("PARAGRAPH");
  }

  asListItem(): GoogleAppsScript.Document.ListItem {
    return this.as("LIST_ITEM");
  }

  asTable(): GoogleAppsScript.Document.Table {
    return this.as("TABLE");
  }

  asTableRow(): GoogleAppsScript.Document.TableRow {
    return this.as("TABLE_ROW");
  }

  asTableCell(): GoogleAppsScript.Document.TableCell {
    return this.as("TABLE_CELL");
  }

  asInlineImage(): GoogleAppsScript.Document.InlineImage {
    return this.as("INLINE_IMAGE");
  }

  asHorizontalRule(): GoogleAppsScript.Document.HorizontalRule {
    return this.as("HORIZONTAL_RULE");
  }

  asPageBreak(): GoogleAppsScript.Document.PageBreak {
    return this.as("PAGE_BREAK");
  }

  asText(): GoogleAppsScript.Document.Text {
    return this.as("TEXT");
  }

  removeFromParent(): ElementApi {
    this.doc.edit(`${this.constructor.name}.removeFromParent`);
    const list = this.siblings;
    if (!list) throw new Error("Emulator: this element has no parent.");
    const i = list.indexOf(this.node);
    if (i < 0) return this as unknown as ElementApi;
    const isBody = list === this.doc.model.body;
    const node = this.node as { kind?: string };
    if (isBody && i === list.length - 1 && (node.kind === "paragraph" || node.kind === "listItem")) {
      throw new Error(LAST_PARAGRAPH);
    }
    list.splice(i, 1);
    return this as unknown as ElementApi;
  }
}

/** Wraps a block (body or cell child) in its element object. */
export function wrapBlock(doc: DocHandle, node: BlockNode, siblings: BlockNode[]): ElementApi {
  if (node.kind === "table") return new TableElement(doc, node, siblings) as unknown as ElementApi;
  if (node.kind === "listItem") return new ListItemElement(doc, node, siblings) as unknown as ElementApi;
  return new ParagraphElement(doc, node, siblings) as unknown as ElementApi;
}

function wrapInline(doc: DocHandle, node: InlineNode, siblings: InlineNode[]): ElementApi {
  switch (node.kind) {
    case "text":
      return new TextView(doc, () => [[node]], node) as unknown as ElementApi;
    case "image":
      return new InlineImageElement(doc, node, siblings) as unknown as ElementApi;
    case "horizontalRule":
      return new HorizontalRuleElement(doc, node, siblings) as unknown as ElementApi;
    case "pageBreak":
      return new PageBreakElement(doc, node, siblings) as unknown as ElementApi;
  }
}

function imageNodeFrom(input: unknown): ImageNode {
  const { bytes, contentType } = readBlobSource(input);
  return { kind: "image", bytes, contentType: contentType ?? "image/png", ...imageSize(bytes) };
}

export const MUST_BE_DETACHED = "Element must be detached.";

/**
 * The node of a detached element passed in (appendParagraph(paragraph) etc. insert the element itself, which
 * is then attached); an element still in a document is refused, as Apps Script does (copy() it first).
 */
function nodeOf<N>(el: unknown, into?: unknown[]): N {
  if (!(el instanceof BaseElement)) throw new Error("Invalid argument: element");
  if (el.isAttached()) throw new Error(MUST_BE_DETACHED);
  if (into) el.siblings = into;
  return el.node as N;
}

const CLASS_NAMES: Partial<Record<ElementTypeName, string>> = {
  BODY_SECTION: "DocumentBodySection", // live, per gas-fakes test/testdocs.js ("the real GAS returns DocumentBodySection")
  PARAGRAPH: "Paragraph",
  LIST_ITEM: "ListItem",
  TABLE: "Table",
  TABLE_ROW: "TableRow",
  TABLE_CELL: "TableCell",
  INLINE_IMAGE: "InlineImage",
  HORIZONTAL_RULE: "HorizontalRule",
  PAGE_BREAK: "PageBreak",
  TEXT: "Text",
};

/** Finds the element whose child list holds `node` (body, cell, row, table or paragraph). */
function parentOf(doc: DocHandle, node: unknown): ElementApi | null {
  const body = doc.model.body;
  if (body.includes(node as BlockNode)) return new BodyElement(doc, body) as unknown as ElementApi;
  const inBlocks = (list: BlockNode[]): ElementApi | null => {
    for (const b of list) {
      if (b.kind === "table") {
        if (b.rows.includes(node as TableRowNode)) return wrapBlock(doc, b, list);
        for (const row of b.rows) {
          if (row.cells.includes(node as TableCellNode))
            return new TableRowElement(doc, row, b.rows) as unknown as ElementApi;
          for (const cell of row.cells) {
            if (cell.blocks.includes(node as TextBlock))
              return new TableCellElement(doc, cell, row.cells) as unknown as ElementApi;
            const found = inBlocks(cell.blocks);
            if (found) return found;
          }
        }
      } else if (b.children.includes(node as InlineNode)) return wrapBlock(doc, b, list);
    }
    return null;
  };
  return inBlocks(body);
}

/**
 * Body and TableCell: containers of paragraphs, list items and tables.
 * Reference: developers.google.com/apps-script/reference/document/body
 */
abstract class BlockContainer<Self> extends BaseElement<unknown> {
  protected abstract blocks(): BlockNode[];
  protected abstract readonly label: string;

  protected insertBlock<T extends BlockNode>(method: string, index: number, node: T, units = 1): T {
    this.doc.edit(`${this.label}.${method}`, units);
    const list = this.blocks();
    if (index < 0 || index > list.length) throw new Error(childIndexError(index, list.length));
    list.splice(index, 0, node);
    return node;
  }

  appendParagraph(textOrParagraph: string | GoogleAppsScript.Document.Paragraph): GoogleAppsScript.Document.Paragraph {
    const node =
      typeof textOrParagraph === "string"
        ? paragraphNode(textOrParagraph)
        : nodeOf<ParagraphNode>(textOrParagraph, this.blocks());
    this.insertBlock("appendParagraph", this.blocks().length, node);
    return wrapBlock(this.doc, node, this.blocks()) as unknown as GoogleAppsScript.Document.Paragraph;
  }

  insertParagraph(
    childIndex: number,
    textOrParagraph: string | GoogleAppsScript.Document.Paragraph,
  ): GoogleAppsScript.Document.Paragraph {
    const node =
      typeof textOrParagraph === "string"
        ? paragraphNode(textOrParagraph)
        : nodeOf<ParagraphNode>(textOrParagraph, this.blocks());
    this.insertBlock("insertParagraph", childIndex, node);
    return wrapBlock(this.doc, node, this.blocks()) as unknown as GoogleAppsScript.Document.Paragraph;
  }

  /** A new list item continues the list of the list item right before it, else starts a new list. */
  private newListItem(
    textOrItem: string | GoogleAppsScript.Document.ListItem,
    before: BlockNode | undefined,
  ): ListItemNode {
    if (typeof textOrItem !== "string") return nodeOf<ListItemNode>(textOrItem, this.blocks());
    const listId = before?.kind === "listItem" ? before.listId : this.doc.model.newListId();
    const node = listItemNode(textOrItem, listId);
    if (before?.kind === "listItem") {
      node.glyph = before.glyph;
      node.nesting = before.nesting;
    }
    return node;
  }

  appendListItem(textOrItem: string | GoogleAppsScript.Document.ListItem): GoogleAppsScript.Document.ListItem {
    const list = this.blocks();
    const node = this.newListItem(textOrItem, list[list.length - 1]);
    this.insertBlock("appendListItem", list.length, node);
    return new ListItemElement(this.doc, node, list) as unknown as GoogleAppsScript.Document.ListItem;
  }

  insertListItem(
    childIndex: number,
    textOrItem: string | GoogleAppsScript.Document.ListItem,
  ): GoogleAppsScript.Document.ListItem {
    const list = this.blocks();
    const node = this.newListItem(textOrItem, list[childIndex - 1]);
    this.insertBlock("insertListItem", childIndex, node);
    return new ListItemElement(this.doc, node, list) as unknown as GoogleAppsScript.Document.ListItem;
  }

  /** One call, priced per cell (units = rows × columns), however many cells. */
  appendTable(cellsOrTable?: string[][] | GoogleAppsScript.Document.Table): GoogleAppsScript.Document.Table {
    return this.insertTable(this.blocks().length, cellsOrTable, "appendTable");
  }

  insertTable(
    childIndex: number,
    cellsOrTable?: string[][] | GoogleAppsScript.Document.Table | null,
    method = "insertTable",
  ): GoogleAppsScript.Document.Table {
    const node = Array.isArray(cellsOrTable)
      ? tableNode(cellsOrTable)
      : cellsOrTable
        ? nodeOf<TableNode>(cellsOrTable, this.blocks())
        : tableNode([]);
    const units = node.rows.reduce((n, r) => n + r.cells.length, 0);
    const last = childIndex === this.blocks().length;
    this.insertBlock(method, childIndex, node, units);
    // A body always ends with a paragraph: a table put last gets an empty one after it (as live Docs does).
    if (last && this.typeName === "BODY_SECTION") this.blocks().push(paragraphNode(""));
    return new TableElement(this.doc, node, this.blocks()) as unknown as GoogleAppsScript.Document.Table;
  }

  /** "The HorizontalRule will be contained in a new Paragraph" (Body reference). */
  appendHorizontalRule(): GoogleAppsScript.Document.HorizontalRule {
    const rule: HorizontalRuleNode = { kind: "horizontalRule" };
    const p = paragraphNode("");
    p.children.push(rule);
    this.insertBlock("appendHorizontalRule", this.blocks().length, p);
    return new HorizontalRuleElement(this.doc, rule, p.children) as unknown as GoogleAppsScript.Document.HorizontalRule;
  }

  /** "The image will be contained in a new Paragraph" (Body reference). */
  appendImage(
    image: GoogleAppsScript.Base.BlobSource | GoogleAppsScript.Document.InlineImage,
  ): GoogleAppsScript.Document.InlineImage {
    const img = image instanceof InlineImageElement ? structuredClone(image.node) : imageNodeFrom(image);
    const p = paragraphNode("");
    p.children.push(img);
    this.insertBlock("appendImage", this.blocks().length, p);
    return new InlineImageElement(this.doc, img, p.children) as unknown as GoogleAppsScript.Document.InlineImage;
  }

  getNumChildren(): number {
    this.doc.read(`${this.label}.getNumChildren`);
    return this.blocks().length;
  }

  getChild(childIndex: number): ElementApi {
    this.doc.read(`${this.label}.getChild`);
    const list = this.blocks();
    const i = Number(childIndex);
    if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new Error(childIndexError(i, list.length));
    return wrapBlock(this.doc, list[i], list);
  }

  getChildIndex(child: ElementApi): number {
    this.doc.read(`${this.label}.getChildIndex`);
    const node = child instanceof BaseElement ? child.node : undefined;
    const i = this.blocks().indexOf(node as BlockNode);
    if (i < 0) throw new Error("Element does not contain the specified child element.");
    return i;
  }

  removeChild(child: ElementApi): Self {
    if (!(child instanceof BaseElement)) throw new Error("Invalid argument: child");
    child.removeFromParent();
    return this as unknown as Self;
  }

  getText(): string {
    this.doc.read(`${this.label}.getText`);
    return this.blocks().map(blockText).join("\n");
  }

  editAsText(): GoogleAppsScript.Document.Text {
    return new TextView(this.doc, () =>
      this.blocks().flatMap(textNodesOf),
    ) as unknown as GoogleAppsScript.Document.Text;
  }

  /** Every paragraph and list item, tables' cells included (Body reference: "including ListItems"). */
  getParagraphs(): GoogleAppsScript.Document.Paragraph[] {
    this.doc.read(`${this.label}.getParagraphs`);
    const out: GoogleAppsScript.Document.Paragraph[] = [];
    const walk = (list: BlockNode[]) => {
      for (const b of list) {
        if (b.kind === "table") for (const r of b.rows) for (const c of r.cells) walk(c.blocks);
        else out.push(wrapBlock(this.doc, b, list) as unknown as GoogleAppsScript.Document.Paragraph);
      }
    };
    walk(this.blocks());
    return out;
  }

  getListItems(): GoogleAppsScript.Document.ListItem[] {
    this.doc.read(`${this.label}.getListItems`);
    const list = this.blocks();
    return list
      .filter((b): b is ListItemNode => b.kind === "listItem")
      .map((b) => new ListItemElement(this.doc, b, list) as unknown as GoogleAppsScript.Document.ListItem);
  }

  getTables(): GoogleAppsScript.Document.Table[] {
    this.doc.read(`${this.label}.getTables`);
    const list = this.blocks();
    return list
      .filter((b): b is TableNode => b.kind === "table")
      .map((b) => new TableElement(this.doc, b, list) as unknown as GoogleAppsScript.Document.Table);
  }

  getImages(): GoogleAppsScript.Document.InlineImage[] {
    this.doc.read(`${this.label}.getImages`);
    const out: GoogleAppsScript.Document.InlineImage[] = [];
    for (const b of this.blocks()) {
      if (b.kind === "table") continue;
      for (const c of b.children) {
        if (c.kind === "image")
          out.push(new InlineImageElement(this.doc, c, b.children) as unknown as GoogleAppsScript.Document.InlineImage);
      }
    }
    return out;
  }

  /** Leaves one empty paragraph: a document section always holds at least one. */
  clear(): Self {
    this.doc.edit(`${this.label}.clear`);
    const list = this.blocks();
    list.splice(0, list.length, paragraphNode(""));
    return this as unknown as Self;
  }

  setText(text: string): Self {
    this.doc.edit(`${this.label}.setText`);
    const list = this.blocks();
    list.splice(0, list.length, ...String(text).split("\n").map(paragraphNode));
    return this as unknown as Self;
  }
}

const CONTAINER_METHODS = [
  "appendParagraph",
  "insertParagraph",
  "appendListItem",
  "insertListItem",
  "appendTable",
  "insertTable",
  "appendHorizontalRule",
  "appendImage",
  "getNumChildren",
  "getChild",
  "getChildIndex",
  "removeChild",
  "getText",
  "editAsText",
  "clear",
  "setText",
  "getType",
] as const;
type ContainerMethod = (typeof CONTAINER_METHODS)[number];

export class BodyElement
  extends BlockContainer<GoogleAppsScript.Document.Body>
  implements
    Pick<
      GoogleAppsScript.Document.Body,
      ContainerMethod | "appendPageBreak" | "getParagraphs" | "getTables" | "getListItems" | "getImages"
    >
{
  readonly typeName = "BODY_SECTION";
  protected readonly label = "Body";

  protected blocks(): BlockNode[] {
    return this.doc.model.body;
  }

  /** "The PageBreak will be contained in a new Paragraph"; page breaks may not go inside table cells. */
  appendPageBreak(): GoogleAppsScript.Document.PageBreak {
    const brk: PageBreakNode = { kind: "pageBreak" };
    const p = paragraphNode("");
    p.children.push(brk);
    this.insertBlock("appendPageBreak", this.blocks().length, p);
    return new PageBreakElement(this.doc, brk, p.children) as unknown as GoogleAppsScript.Document.PageBreak;
  }
}

export class TableCellElement
  extends BlockContainer<GoogleAppsScript.Document.TableCell>
  implements Pick<GoogleAppsScript.Document.TableCell, Exclude<ContainerMethod, "appendTable" | "insertTable">>
{
  readonly typeName = "TABLE_CELL";
  protected readonly label = "TableCell";

  constructor(
    doc: DocHandle,
    readonly cell: TableCellNode,
    siblings: TableCellNode[],
  ) {
    super(doc, cell, siblings);
  }

  protected blocks(): BlockNode[] {
    return this.cell.blocks;
  }

  override getText(): string {
    this.doc.read("TableCell.getText");
    return cellText(this.cell);
  }
}

/** Paragraph and ListItem. Reference: developers.google.com/apps-script/reference/document/paragraph */
export class ParagraphElement<N extends TextBlock = ParagraphNode>
  extends BaseElement<N>
  implements
    Pick<
      GoogleAppsScript.Document.Paragraph,
      | "getText"
      | "setText"
      | "appendText"
      | "editAsText"
      | "getHeading"
      | "setHeading"
      | "getAlignment"
      | "setAlignment"
      | "getNumChildren"
      | "getChild"
      | "appendHorizontalRule"
      | "appendInlineImage"
      | "appendPageBreak"
      | "clear"
      | "getAttributes"
      | "setAttributes"
      | "getType"
    >
{
  readonly typeName: ElementTypeName = "PARAGRAPH";
  protected readonly label: string = "Paragraph";

  getText(): string {
    this.doc.read(`${this.label}.getText`);
    return blockText(this.node);
  }

  setText(text: string): GoogleAppsScript.Document.Paragraph {
    this.doc.edit(`${this.label}.setText`);
    const value = paragraphText(text);
    this.node.children = value ? [textNode(value)] : [];
    return this as unknown as GoogleAppsScript.Document.Paragraph;
  }

  appendText(text: string | GoogleAppsScript.Document.Text): GoogleAppsScript.Document.Text {
    this.doc.edit(`${this.label}.appendText`);
    const run = typeof text === "string" ? textNode(paragraphText(text)) : textNode(paragraphText(text.getText()));
    this.node.children.push(run);
    return new TextView(this.doc, () => [[run]], run) as unknown as GoogleAppsScript.Document.Text;
  }

  editAsText(): GoogleAppsScript.Document.Text {
    return new TextView(
      this.doc,
      () => textNodesOf(this.node),
      this.firstRun(),
    ) as unknown as GoogleAppsScript.Document.Text;
  }

  /** The run editAsText().setText writes into (created on demand for an empty paragraph). */
  private firstRun(): TextNode | undefined {
    return this.node.children.find((c): c is TextNode => c.kind === "text");
  }

  getHeading(): GoogleAppsScript.Document.ParagraphHeading {
    this.doc.read(`${this.label}.getHeading`);
    return this.node.heading as unknown as GoogleAppsScript.Document.ParagraphHeading;
  }

  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): GoogleAppsScript.Document.Paragraph {
    this.doc.edit(`${this.label}.setHeading`);
    this.node.heading = String(heading) as HeadingName;
    return this as unknown as GoogleAppsScript.Document.Paragraph;
  }

  getAlignment(): GoogleAppsScript.Document.HorizontalAlignment {
    this.doc.read(`${this.label}.getAlignment`);
    return this.node.alignment as unknown as GoogleAppsScript.Document.HorizontalAlignment;
  }

  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): GoogleAppsScript.Document.Paragraph {
    this.doc.edit(`${this.label}.setAlignment`);
    this.node.alignment = String(alignment) as AlignmentName;
    return this as unknown as GoogleAppsScript.Document.Paragraph;
  }

  getNumChildren(): number {
    this.doc.read(`${this.label}.getNumChildren`);
    return this.node.children.length;
  }

  getChild(childIndex: number): ElementApi {
    this.doc.read(`${this.label}.getChild`);
    const list = this.node.children;
    if (childIndex < 0 || childIndex >= list.length) throw new Error(childIndexError(childIndex, list.length));
    return wrapInline(this.doc, list[childIndex], list);
  }

  appendHorizontalRule(): GoogleAppsScript.Document.HorizontalRule {
    this.doc.edit(`${this.label}.appendHorizontalRule`);
    const rule: HorizontalRuleNode = { kind: "horizontalRule" };
    this.node.children.push(rule);
    return new HorizontalRuleElement(
      this.doc,
      rule,
      this.node.children,
    ) as unknown as GoogleAppsScript.Document.HorizontalRule;
  }

  appendInlineImage(
    image: GoogleAppsScript.Base.BlobSource | GoogleAppsScript.Document.InlineImage,
  ): GoogleAppsScript.Document.InlineImage {
    this.doc.edit(`${this.label}.appendInlineImage`);
    const img = image instanceof InlineImageElement ? structuredClone(image.node) : imageNodeFrom(image);
    this.node.children.push(img);
    return new InlineImageElement(
      this.doc,
      img,
      this.node.children,
    ) as unknown as GoogleAppsScript.Document.InlineImage;
  }

  appendPageBreak(): GoogleAppsScript.Document.PageBreak {
    this.doc.edit(`${this.label}.appendPageBreak`);
    const brk: PageBreakNode = { kind: "pageBreak" };
    this.node.children.push(brk);
    return new PageBreakElement(this.doc, brk, this.node.children) as unknown as GoogleAppsScript.Document.PageBreak;
  }

  clear(): GoogleAppsScript.Document.Paragraph {
    this.doc.edit(`${this.label}.clear`);
    this.node.children = [];
    return this as unknown as GoogleAppsScript.Document.Paragraph;
  }

  // biome-ignore lint/suspicious/noExplicitAny: Apps Script types attributes as `any`
  getAttributes(): any {
    this.doc.read(`${this.label}.getAttributes`);
    const runs = textNodesOf(this.node).flat();
    const first = runs[0]?.styles[0] ?? {};
    return {
      HEADING: this.node.heading,
      HORIZONTAL_ALIGNMENT: this.node.alignment,
      BOLD: first.bold ?? null,
      ITALIC: first.italic ?? null,
      FONT_SIZE: first.fontSize ?? null,
      FOREGROUND_COLOR: first.foregroundColor ?? null,
    };
  }

  /** Paragraph attributes (HEADING, HORIZONTAL_ALIGNMENT) and text attributes for the whole paragraph. */
  // biome-ignore lint/suspicious/noExplicitAny: Apps Script types attributes as `any`
  setAttributes(attributes: any): GoogleAppsScript.Document.Paragraph {
    this.doc.edit(`${this.label}.setAttributes`);
    const a = (attributes ?? {}) as Record<string, unknown>;
    if (a.HEADING != null) this.node.heading = String(a.HEADING) as HeadingName;
    if (a.HORIZONTAL_ALIGNMENT != null) this.node.alignment = String(a.HORIZONTAL_ALIGNMENT) as AlignmentName;
    for (const run of textNodesOf(this.node).flat()) {
      for (const s of run.styles) {
        if (a.BOLD != null) s.bold = Boolean(a.BOLD);
        if (a.ITALIC != null) s.italic = Boolean(a.ITALIC);
        if (a.UNDERLINE != null) s.underline = Boolean(a.UNDERLINE);
        if (a.FONT_SIZE != null) s.fontSize = Number(a.FONT_SIZE);
        if (a.FOREGROUND_COLOR != null) s.foregroundColor = String(a.FOREGROUND_COLOR);
      }
    }
    return this as unknown as GoogleAppsScript.Document.Paragraph;
  }

  copy(): this {
    const Ctor = this.constructor as new (doc: DocHandle, node: N) => this;
    return new Ctor(this.doc, structuredClone(this.node));
  }
}

/** Reference: developers.google.com/apps-script/reference/document/list-item */
export class ListItemElement
  extends ParagraphElement<ListItemNode>
  implements
    Pick<
      GoogleAppsScript.Document.ListItem,
      "getGlyphType" | "setGlyphType" | "getNestingLevel" | "setNestingLevel" | "getListId"
    >
{
  override readonly typeName: ElementTypeName = "LIST_ITEM";
  protected override readonly label = "ListItem";

  getGlyphType(): GoogleAppsScript.Document.GlyphType {
    this.doc.read("ListItem.getGlyphType");
    return this.node.glyph as unknown as GoogleAppsScript.Document.GlyphType;
  }

  setGlyphType(glyphType: GoogleAppsScript.Document.GlyphType): GoogleAppsScript.Document.ListItem {
    this.doc.edit("ListItem.setGlyphType");
    this.node.glyph = String(glyphType) as GlyphName;
    return this as unknown as GoogleAppsScript.Document.ListItem;
  }

  getNestingLevel(): number {
    this.doc.read("ListItem.getNestingLevel");
    return this.node.nesting;
  }

  setNestingLevel(nestingLevel: number): GoogleAppsScript.Document.ListItem {
    this.doc.edit("ListItem.setNestingLevel");
    // Docs supports nesting levels 0..8.
    this.node.nesting = Math.max(0, Math.min(8, Math.trunc(Number(nestingLevel))));
    return this as unknown as GoogleAppsScript.Document.ListItem;
  }

  getListId(): string {
    this.doc.read("ListItem.getListId");
    return this.node.listId;
  }
}

/** Reference: developers.google.com/apps-script/reference/document/table */
export class TableElement
  extends BaseElement<TableNode>
  implements
    Pick<
      GoogleAppsScript.Document.Table,
      | "getNumRows"
      | "getRow"
      | "getCell"
      | "appendTableRow"
      | "removeRow"
      | "getText"
      | "editAsText"
      | "getNumChildren"
      | "getChild"
      | "getType"
    >
{
  readonly typeName = "TABLE";

  getNumRows(): number {
    this.doc.read("Table.getNumRows");
    return this.node.rows.length;
  }

  getNumChildren(): number {
    this.doc.read("Table.getNumChildren");
    return this.node.rows.length;
  }

  getRow(rowIndex: number): GoogleAppsScript.Document.TableRow {
    this.doc.read("Table.getRow");
    return this.row(rowIndex) as unknown as GoogleAppsScript.Document.TableRow;
  }

  getChild(childIndex: number): ElementApi {
    this.doc.read("Table.getChild");
    return this.row(childIndex) as unknown as ElementApi;
  }

  getCell(rowIndex: number, cellIndex: number): GoogleAppsScript.Document.TableCell {
    this.doc.read("Table.getCell");
    return this.row(rowIndex).cellAt(cellIndex) as unknown as GoogleAppsScript.Document.TableCell;
  }

  appendTableRow(row?: GoogleAppsScript.Document.TableRow): GoogleAppsScript.Document.TableRow {
    this.doc.edit("Table.appendTableRow");
    const node: TableRowNode = row ? nodeOf<TableRowNode>(row, this.node.rows) : { kind: "tableRow", cells: [] };
    this.node.rows.push(node);
    return new TableRowElement(this.doc, node, this.node.rows) as unknown as GoogleAppsScript.Document.TableRow;
  }

  removeRow(rowIndex: number): GoogleAppsScript.Document.TableRow {
    this.doc.edit("Table.removeRow");
    const row = this.row(rowIndex);
    this.node.rows.splice(rowIndex, 1);
    return row as unknown as GoogleAppsScript.Document.TableRow;
  }

  getText(): string {
    this.doc.read("Table.getText");
    return blockText(this.node);
  }

  editAsText(): GoogleAppsScript.Document.Text {
    return new TextView(this.doc, () => textNodesOf(this.node)) as unknown as GoogleAppsScript.Document.Text;
  }

  private row(i: number): TableRowElement {
    const rows = this.node.rows;
    if (i < 0 || i >= rows.length) throw new Error(childIndexError(i, rows.length));
    return new TableRowElement(this.doc, rows[i], rows);
  }
}

export class TableRowElement
  extends BaseElement<TableRowNode>
  implements
    Pick<
      GoogleAppsScript.Document.TableRow,
      "getNumCells" | "getCell" | "appendTableCell" | "getText" | "editAsText" | "getType"
    >
{
  readonly typeName = "TABLE_ROW";

  getNumCells(): number {
    this.doc.read("TableRow.getNumCells");
    return this.node.cells.length;
  }

  getCell(cellIndex: number): GoogleAppsScript.Document.TableCell {
    this.doc.read("TableRow.getCell");
    return this.cellAt(cellIndex) as unknown as GoogleAppsScript.Document.TableCell;
  }

  cellAt(i: number): TableCellElement {
    const cells = this.node.cells;
    if (i < 0 || i >= cells.length) throw new Error(childIndexError(i, cells.length));
    return new TableCellElement(this.doc, cells[i], cells);
  }

  appendTableCell(textOrCell?: string | GoogleAppsScript.Document.TableCell): GoogleAppsScript.Document.TableCell {
    this.doc.edit("TableRow.appendTableCell");
    const node =
      typeof textOrCell === "object" && textOrCell !== null
        ? nodeOf<TableCellNode>(textOrCell, this.node.cells)
        : cellNode(String(textOrCell ?? ""));
    this.node.cells.push(node);
    return new TableCellElement(this.doc, node, this.node.cells) as unknown as GoogleAppsScript.Document.TableCell;
  }

  getText(): string {
    this.doc.read("TableRow.getText");
    return rowText(this.node);
  }

  editAsText(): GoogleAppsScript.Document.Text {
    return new TextView(this.doc, () => rowTextNodes(this.node)) as unknown as GoogleAppsScript.Document.Text;
  }
}

/** Reference: developers.google.com/apps-script/reference/document/inline-image */
export class InlineImageElement
  extends BaseElement<ImageNode>
  implements
    Pick<GoogleAppsScript.Document.InlineImage, "getWidth" | "setWidth" | "getHeight" | "setHeight" | "getType">
{
  readonly typeName = "INLINE_IMAGE";

  getWidth(): number {
    this.doc.read("InlineImage.getWidth");
    return this.node.width;
  }

  setWidth(width: number): GoogleAppsScript.Document.InlineImage {
    this.doc.edit("InlineImage.setWidth");
    this.node.width = Number(width);
    return this as unknown as GoogleAppsScript.Document.InlineImage;
  }

  getHeight(): number {
    this.doc.read("InlineImage.getHeight");
    return this.node.height;
  }

  setHeight(height: number): GoogleAppsScript.Document.InlineImage {
    this.doc.edit("InlineImage.setHeight");
    this.node.height = Number(height);
    return this as unknown as GoogleAppsScript.Document.InlineImage;
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    this.doc.read("InlineImage.getBlob");
    return newBlob(this.node.bytes, this.node.contentType, null);
  }
}

export class HorizontalRuleElement extends BaseElement<HorizontalRuleNode> {
  readonly typeName = "HORIZONTAL_RULE";
}

export class PageBreakElement extends BaseElement<PageBreakNode> {
  readonly typeName = "PAGE_BREAK";
}
