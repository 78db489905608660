import { describe, expect, it } from "vitest";
import {
  ACTION_NOT_ALLOWED,
  Blob,
  DOCUMENT_CLOSED,
  EmulatedDocumentApp,
  EmulatedDriveApp,
  GasContext,
  NO_ACCESS_MESSAGE,
} from "../src/index";

/**
 * DocumentApp contract, written against the public API so it could run in real Apps Script.
 * Pages: developers.google.com/apps-script/reference/document/document-app, .../document/body,
 * .../document/paragraph, .../document/list-item, .../document/table, .../document/text.
 */
const OWNER = "owner@example.com";
const ALICE = "alice@example.com";
const BOB = "bob@example.com";

/** A 1x1 PNG (IHDR width 1, height 1). */
const PNG_1X1 = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

function makeEmulatedWorld() {
  const ctx = new GasContext({ now: "2026-03-02T09:00:00Z", user: OWNER });
  const docs = new EmulatedDocumentApp(ctx) as unknown as GoogleAppsScript.Document.DocumentApp;
  const drive = new EmulatedDriveApp(ctx) as unknown as GoogleAppsScript.Drive.DriveApp;
  return { ctx, docs, drive, asUser: <T>(user: string, fn: () => T) => ctx.runAs(user, fn) };
}

describe.each([{ name: "emulator", make: makeEmulatedWorld }])("DocumentApp contract ($name)", ({ make }) => {
  it("create: a new Doc has one empty paragraph, lives in the creator's root, owned by them (document-app#createname)", () => {
    const { docs, drive } = make();
    const doc = docs.create("Offer ACME");
    expect(doc.getName()).toBe("Offer ACME");
    expect(doc.getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit`);
    expect(doc.getBody().getNumChildren()).toBe(1);
    expect(doc.getBody().getText()).toBe("");
    const file = drive.getFileById(doc.getId());
    expect(file.getOwner().getEmail()).toBe(OWNER);
    expect(file.getParents().next().getId()).toBe(drive.getRootFolder().getId());
  });

  it("headings, list items and tables round-trip through getText/getChild (body#appendtablecells, body#getchildchildindex)", () => {
    const { docs } = make();
    const body = docs.create("Round trip").getBody();
    body.appendParagraph("Quotation").setHeading(docs.ParagraphHeading.HEADING1);
    body.appendListItem("first").setGlyphType(docs.GlyphType.NUMBER);
    body.appendListItem("second").setNestingLevel(1);
    const table = body.appendTable([
      ["Item", "Qty"],
      ["Tea", "40"],
    ]);
    // A table put last is followed by an empty paragraph: a body always ends with one.
    expect(body.getNumChildren()).toBe(6);
    expect(body.getChild(5).getType()).toBe(docs.ElementType.PARAGRAPH);
    expect(body.getChild(1).getType()).toBe(docs.ElementType.PARAGRAPH);
    const heading = body.getChild(1).asParagraph();
    expect(heading.getText()).toBe("Quotation");
    expect(heading.getHeading()).toBe(docs.ParagraphHeading.HEADING1);
    expect(String(heading.getHeading())).toBe("HEADING1");
    const second = body.getChild(3).asListItem();
    expect(second.getText()).toBe("second");
    expect(second.getNestingLevel()).toBe(1);
    expect(second.getGlyphType()).toBe(docs.GlyphType.NUMBER);
    expect(second.getListId()).toBe(body.getChild(2).asListItem().getListId());
    expect(table.getNumRows()).toBe(2);
    expect(table.getRow(1).getCell(0).getText()).toBe("Tea");
    expect(body.getChild(4).asTable().getCell(1, 1).getText()).toBe("40");
    expect(body.getText()).toBe("\nQuotation\nfirst\nsecond\nItem\nQty\nTea\n40\n");
    expect(body.getTables()).toHaveLength(1);
    expect(body.getParagraphs().map((p) => p.getText())).toEqual([
      "",
      "Quotation",
      "first",
      "second",
      "Item",
      "Qty",
      "Tea",
      "40",
      "",
    ]);
    expect(() => body.getChild(9)).toThrow("Child index (9) must be less than the number of child elements (6).");
  });

  it("insertParagraph, appendTableRow, clear leaves one empty paragraph (body#insertparagraphchildindex-text, body#clear)", () => {
    const { docs } = make();
    const body = docs.create("Edits").getBody();
    body.appendParagraph("b");
    body.insertParagraph(1, "a");
    expect(body.getText()).toBe("\na\nb");
    const t = body.appendTable([["h"]]);
    t.appendTableRow().appendTableCell("v");
    expect(t.getNumRows()).toBe(2);
    expect(t.getCell(1, 0).getText()).toBe("v");
    body.clear();
    expect(body.getNumChildren()).toBe(1);
    expect(body.getText()).toBe("");
  });

  it("the last paragraph of the body cannot be removed (body#removechildchild)", () => {
    const { docs } = make();
    const body = docs.create("Last").getBody();
    expect(() => body.getChild(0).removeFromParent()).toThrow("Can't remove the last paragraph in a document section.");
    body.appendParagraph("x");
    body.getChild(0).removeFromParent();
    expect(body.getText()).toBe("x");
  });

  it("Text: setBold whole and by range, font size, colour; paragraph setAttributes (text#setboldstartoffset-endoffsetinclusive-bold)", () => {
    const { docs } = make();
    const body = docs.create("Fmt").getBody();
    const p = body.appendParagraph("Hello world");
    const text = p.editAsText();
    text.setBold(0, 4, true);
    expect(text.isBold(0)).toBe(true);
    expect(text.isBold(6)).toBe(false);
    expect(text.isBold()).toBeNull();
    text.setBold(true).setFontSize(14).setForegroundColor("#ff0000");
    expect(text.isBold()).toBe(true);
    expect(text.getFontSize()).toBe(14);
    expect(text.getForegroundColor()).toBe("#ff0000");
    const q = body.appendParagraph("centered");
    q.setAttributes({ [docs.Attribute.BOLD]: true });
    q.setAlignment(docs.HorizontalAlignment.CENTER);
    expect(q.editAsText().isBold()).toBe(true);
    expect(q.getAlignment()).toBe(docs.HorizontalAlignment.CENTER);
    p.appendText(" again");
    expect(p.getText()).toBe("Hello world again");
    p.setText("line1\nline2");
    expect(p.getText()).toBe("line1\rline2");
    expect(() => text.setBold(0, 99, true)).toThrow(/Index \(99\)/);
  });

  it("images, page breaks and rules sit in new paragraphs; image size from the PNG (body#appendimageimage)", () => {
    const { docs } = make();
    const body = docs.create("Img").getBody();
    const img = body.appendImage(
      new Blob(PNG_1X1, "image/png", "dot.png") as unknown as GoogleAppsScript.Base.BlobSource,
    );
    expect(img.getWidth()).toBe(1);
    img.setWidth(120);
    expect(body.getImages()[0].getWidth()).toBe(120);
    body.appendPageBreak();
    body.appendHorizontalRule();
    expect(body.getNumChildren()).toBe(4);
    expect(body.getChild(1).asParagraph().getChild(0).getType()).toBe(docs.ElementType.INLINE_IMAGE);
    expect(body.getChild(2).asParagraph().getChild(0).getType()).toBe(docs.ElementType.PAGE_BREAK);
    expect(body.getChild(3).asParagraph().getChild(0).getType()).toBe(docs.ElementType.HORIZONTAL_RULE);
  });

  it("sharing: a viewer reads but cannot edit; a removed editor gets the error on openById (document#removeeditoremailaddress)", () => {
    const w = make();
    const id = w.asUser(OWNER, () => {
      const doc = w.docs.create("Team");
      doc.getBody().appendParagraph("draft");
      doc.addViewer(ALICE).addEditor(BOB);
      expect(doc.getEditors().map((u) => u.getEmail())).toEqual([OWNER, BOB]);
      return doc.getId();
    });
    w.asUser(ALICE, () => {
      const body = w.docs.openById(id).getBody();
      expect(body.getText()).toBe("\ndraft");
      expect(() => body.appendParagraph("mine")).toThrow(ACTION_NOT_ALLOWED);
      expect(body.getText()).toBe("\ndraft");
    });
    w.asUser(BOB, () => w.docs.openById(id).getBody().appendParagraph("bob was here"));
    w.asUser(OWNER, () => w.docs.openById(id).removeEditor(BOB));
    w.asUser(BOB, () => expect(() => w.docs.openById(id)).toThrow(NO_ACCESS_MESSAGE));
    w.asUser("stranger@example.com", () => expect(() => w.docs.openById(id)).toThrow(NO_ACCESS_MESSAGE));
  });

  it("saveAndClose: later use of the Document throws (document#saveandclose)", () => {
    const { docs } = make();
    const doc = docs.create("Closed");
    const id = doc.getId();
    const body = doc.getBody();
    doc.saveAndClose();
    expect(() => body.appendParagraph("late")).toThrow(DOCUMENT_CLOSED);
    expect(docs.openById(id).getBody().getNumChildren()).toBe(1);
  });

  it("metering: create/open/save once each, Docs.edit per mutation with cells as units; N tables cost N calls", () => {
    const { ctx, docs } = make();
    const doc = docs.create("Metered");
    const body = doc.getBody();
    body.appendParagraph("a");
    for (let i = 0; i < 3; i++) {
      body.appendTable([
        ["a", "b", "c"],
        ["d", "e", "f"],
      ]);
    }
    docs.openById(doc.getId());
    doc.saveAndClose();
    const byType = Object.fromEntries(ctx.meter.summary().map((r) => [r.type, r]));
    expect(byType["Docs.create"].calls).toBe(1);
    expect(byType["Docs.open"].calls).toBe(1);
    expect(byType["Docs.save"].calls).toBe(1);
    expect(byType["Docs.edit"].calls).toBe(4);
    expect(byType["Docs.edit"].units).toBe(1 + 3 * 6);
    expect(ctx.meter.methodCalls("Body.appendTable")).toBe(3);
  });

  it("an injected fault leaves the Doc unchanged", () => {
    const { ctx, docs } = make();
    const doc = docs.create("Faulty");
    const body = doc.getBody();
    body.appendParagraph("kept");
    ctx.meter.failEvery("Body.appendTable", undefined, 1);
    expect(() => body.appendTable([["x"]])).toThrow(/Service Documents failed/);
    ctx.meter.failEvery("Text.setBold", undefined, 1);
    expect(() => body.getChild(1).asParagraph().editAsText().setBold(true)).toThrow(/Service Documents failed/);
    expect(body.getNumChildren()).toBe(2);
    expect(body.getTables()).toHaveLength(0);
    expect(body.getChild(1).asParagraph().editAsText().isBold()).toBe(false);
  });

  it("makeCopy of a Doc is independent of the original (drive/file#makecopyname)", () => {
    const { docs, drive } = make();
    const doc = docs.create("Template");
    doc.getBody().appendParagraph("Dear {name}");
    const copyId = drive.getFileById(doc.getId()).makeCopy("Offer for ACME").getId();
    const copy = docs.openById(copyId);
    copy.getBody().getChild(1).asParagraph().setText("Dear ACME");
    expect(copy.getName()).toBe("Offer for ACME");
    expect(doc.getBody().getText()).toBe("\nDear {name}");
    expect(copy.getBody().getText()).toBe("\nDear ACME");
  });
});
