import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { Blob, docToDocx, docToHtml, EmulatedDocumentApp, GasContext } from "../src/index";

/**
 * Exports of an emulated Doc (not Apps Script API): HTML must be self-contained and escape all text;
 * .docx must be a real Word package (a zip with word/document.xml) holding the document's content.
 */
const PNG_1X1 = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

function sampleDoc() {
  const ctx = new GasContext({ now: "2026-03-02T09:00:00Z", user: "owner@example.com" });
  const docs = new EmulatedDocumentApp(ctx) as unknown as GoogleAppsScript.Document.DocumentApp;
  const doc = docs.create("Quote <ACME>");
  const body = doc.getBody();
  body.appendParagraph("Quotation").setHeading(docs.ParagraphHeading.HEADING1);
  const p = body.appendParagraph("Total due now");
  p.editAsText().setBold(0, 4, true);
  body.appendParagraph("<script>alert(1)</script>");
  body.appendListItem("Green tea");
  body.appendListItem("Black tea");
  body.appendListItem("Step one").setGlyphType(docs.GlyphType.NUMBER);
  body.appendTable([
    ["Item", "Qty"],
    ["Oolong & co", "40"],
  ]);
  body.appendPageBreak();
  body.appendImage(new Blob(PNG_1X1, "image/png", "dot.png") as unknown as GoogleAppsScript.Base.BlobSource);
  body.appendParagraph("After the break");
  return doc;
}

describe("Doc exports", () => {
  it("docToHtml escapes content: a paragraph of <script> shows as text, never markup", () => {
    const html = docToHtml(sampleDoc());
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("<title>Quote &#60;ACME&#62;</title>");
    expect(html).toContain("<h1>Quotation</h1>");
    expect(html).toContain("<strong>Total</strong> due now");
    expect(html).toContain("<li>Green tea</li><li>Black tea</li>");
    expect(html).toMatch(/<th>.*Item.*<\/th>/);
    expect(html).toContain("Oolong &#38; co");
    expect(html).toContain("data:image/png;base64,");
    expect(html).toContain('class="page-break"');
  });

  it("docToDocx is a valid zip with word/document.xml holding paragraphs, bold runs, lists, table text, image", async () => {
    const bytes = await docToDocx(sampleDoc());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("Quotation");
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toMatch(/<w:b\/>.*?<w:t[^>]*>Total<\/w:t>/s);
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).toContain("Green tea");
    expect(xml).toContain("<w:numPr>");
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("Oolong &amp; co");
    // Header row is bold: the run holding "Item" carries <w:b/>.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Item<\/w:t>/s);
    expect(xml).toContain('<w:br w:type="page"/>');
    expect(xml).toContain("After the break");
    const media = Object.keys(zip.files).filter((n) => n.startsWith("word/media/"));
    expect(media).toHaveLength(1);
    expect(zip.file("word/numbering.xml")).not.toBeNull();
  });
});
