import { ORDERED_GLYPHS } from "./enums";
import type { BlockNode, CharStyle, InlineNode, ListItemNode, TableNode, TextBlock } from "./model";
import { type ExportSource, modelOf, runsOf, safeColor, titleOf } from "./source";

/**
 * A Doc as one self-contained HTML page (images inlined as data: URLs). Every piece of document text is
 * escaped: a paragraph reading "<script>…" shows as that text and never becomes markup.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const HEADING_TAG: Record<string, string> = {
  HEADING1: "h1",
  HEADING2: "h2",
  HEADING3: "h3",
  HEADING4: "h4",
  HEADING5: "h5",
  HEADING6: "h6",
  TITLE: "h1",
  SUBTITLE: "h2",
};

function styleAttr(style: CharStyle): string {
  const css: string[] = [];
  if (style.fontSize) css.push(`font-size:${Number(style.fontSize)}pt`);
  const color = safeColor(style.foregroundColor);
  if (color) css.push(`color:${color}`);
  return css.length ? ` style="${css.join(";")}"` : "";
}

function inlineHtml(node: InlineNode): string {
  switch (node.kind) {
    case "text":
      return runsOf(node.text, node.styles)
        .map(({ text, style }) => {
          let html = escapeHtml(text).replace(/\r/g, "<br>");
          if (style.bold) html = `<strong>${html}</strong>`;
          if (style.italic) html = `<em>${html}</em>`;
          if (style.underline) html = `<u>${html}</u>`;
          const attr = styleAttr(style);
          return attr ? `<span${attr}>${html}</span>` : html;
        })
        .join("");
    case "image": {
      const type = /^image\/(png|jpeg|gif)$/.test(node.contentType) ? node.contentType : "application/octet-stream";
      const size = node.width && node.height ? ` width="${node.width}" height="${node.height}"` : "";
      return `<img src="data:${type};base64,${Buffer.from(node.bytes).toString("base64")}"${size} alt="">`;
    }
    case "horizontalRule":
      return "<hr>";
    case "pageBreak":
      return '<div class="page-break"></div>';
  }
}

function paragraphHtml(p: TextBlock, tag = HEADING_TAG[p.heading] ?? "p"): string {
  const align = p.alignment ? ` style="text-align:${p.alignment.toLowerCase()}"` : "";
  return `<${tag}${align}>${p.children.map(inlineHtml).join("")}</${tag}>`;
}

function tableHtml(t: TableNode): string {
  const rows = t.rows.map((row, r) => {
    const cell = r === 0 ? "th" : "td";
    const cells = row.cells.map((c) => `<${cell}>${c.blocks.map((b) => blockHtml([b], 0).html).join("")}</${cell}>`);
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<table>${rows.join("")}</table>`;
}

/** Consecutive list items of one list become one <ul>/<ol>; nesting is shown by indentation. */
function listHtml(items: ListItemNode[]): string {
  const tag = ORDERED_GLYPHS.has(items[0].glyph) ? "ol" : "ul";
  const lis = items.map((i) => {
    const indent = i.nesting ? ` style="margin-left:${i.nesting * 2}em"` : "";
    return `<li${indent}>${i.children.map(inlineHtml).join("")}</li>`;
  });
  return `<${tag}>${lis.join("")}</${tag}>`;
}

function blockHtml(blocks: BlockNode[], start: number): { html: string; next: number } {
  const b = blocks[start];
  if (b.kind === "table") return { html: tableHtml(b), next: start + 1 };
  if (b.kind === "paragraph") return { html: paragraphHtml(b), next: start + 1 };
  const items: ListItemNode[] = [];
  let i = start;
  while (i < blocks.length) {
    const item = blocks[i];
    if (item.kind !== "listItem" || item.listId !== b.listId) break;
    items.push(item);
    i++;
  }
  return { html: listHtml(items), next: i };
}

const CSS =
  "body{font-family:Arial,sans-serif;max-width:50em;margin:2em auto;line-height:1.4}" +
  "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left}" +
  ".page-break{page-break-after:always;border-top:1px dashed #ccc;margin:1em 0}";

export function docToHtml(doc: ExportSource): string {
  const model = modelOf(doc);
  const parts: string[] = [];
  for (let i = 0; i < model.body.length; ) {
    const { html, next } = blockHtml(model.body, i);
    parts.push(html);
    i = next;
  }
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(titleOf(doc))}</title>` +
    `<style>${CSS}</style></head><body>${parts.join("\n")}</body></html>`
  );
}
