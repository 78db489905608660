/**
 * DocumentApp, GmailApp and DriveApp, with expected values from a peer project's live Apps Script runs
 * (github.com/brucemcpherson/gas-fakes: test/testdocs.js, testdocsnext.js, testgmail.js, testdrive.js),
 * written here in our own words. Gmail cases make and remove their own labels and drafts.
 */
import { expect, suite } from "../harness";

const PEER = "github.com/brucemcpherson/gas-fakes test/";

export const peerDocsMailDrive = suite("Peer: DocumentApp, GmailApp, DriveApp", (it) => {
  it("a new Doc's body holds one empty paragraph", `${PEER}testdocs.js`, (fx) => {
    const body = fx.document().getBody();
    expect(String(body.getType())).toBe("BODY_SECTION");
    expect(body.getNumChildren()).toBe(1);
    expect(body.getChildIndex(body.getChild(0))).toBe(0);
    expect(String(body.getChild(0).getType())).toBe("PARAGRAPH");
  });

  it("Document prints as Document and its body as DocumentBodySection", `${PEER}testdocs.js`, (fx) => {
    const doc = fx.document();
    expect(doc.toString()).toBe("Document");
    expect(doc.getBody().toString()).toBe("DocumentBodySection");
    expect(doc.getBody().appendParagraph("Angebot").toString()).toBe("Paragraph");
  });

  it("Body.getText joins paragraphs, table cells and list items with newlines", `${PEER}testdocsnext.js`, (fx) => {
    const body = fx.document().getBody();
    body.appendParagraph("First paragraph.");
    body.appendTable([
      ["R1C1", "R1C2"],
      ["R2C1", "R2C2"],
    ]);
    body.appendListItem("A list item.");
    body.appendParagraph("Final paragraph.");
    expect(body.getText()).toBe("\nFirst paragraph.\nR1C1\nR1C2\nR2C1\nR2C2\n\nA list item.\nFinal paragraph.");
  });

  it("Table, TableRow and TableCell getText", `${PEER}testdocsnext.js`, (fx) => {
    const table = fx
      .document()
      .getBody()
      .appendTable([
        ["R1C1", "R1C2"],
        ["R2C1", "R2C2"],
      ]);
    expect(table.getText()).toBe("R1C1\nR1C2\nR2C1\nR2C2");
    expect(table.getRow(0).getText()).toBe("R1C1\nR1C2");
    expect(table.getRow(0).getCell(1).getText()).toBe("R1C2");
  });

  it("appendTable() with no cells makes a table of no rows", `${PEER}testdocsnext.js`, (fx) => {
    const table = fx.document().getBody().appendTable();
    expect(table.getNumRows()).toBe(0);
    expect(table.getText()).toBe("");
  });

  it(
    "an appended table's parent is the body, and an empty paragraph follows it",
    `${PEER}testdocs.js, testdocsnext.js`,
    (fx) => {
      const body = fx.document().getBody();
      const table = body.appendTable([["t1c1", "t1c2"]]);
      expect(String(table.getParent()?.getType())).toBe("BODY_SECTION");
      const n = body.getNumChildren();
      expect(String(body.getChild(n - 2).getType())).toBe("TABLE");
      expect(String(body.getChild(n - 1).getType())).toBe("PARAGRAPH");
      expect(
        body
          .getChild(n - 1)
          .asParagraph()
          .getText(),
      ).toBe("");
    },
  );

  it(
    "a copy is detached and can be inserted; an attached element cannot be appended again",
    `${PEER}testdocs.js (copy then insert)`,
    (fx) => {
      const body = fx.document().getBody();
      const p = body.appendParagraph("p0");
      body.insertParagraph(1, p.copy());
      expect(body.getText()).toBe("\np0\np0");
      expect(() => body.appendParagraph(p)).toThrow("Element must be detached.");
      const item = body.appendListItem("li0");
      body.insertListItem(1, item.copy());
      expect(String(body.getChild(1).getType())).toBe("LIST_ITEM");
      expect(body.getChild(1).asListItem().getText()).toBe("li0");
    },
  );

  it(
    "a paragraph's parent is the body; a paragraph in a cell has the cell as parent",
    "developers.google.com/apps-script/reference/document/paragraph#getparent",
    (fx) => {
      const body = fx.document().getBody();
      const p = body.appendParagraph("Terms");
      expect(String(p.getParent()?.getType())).toBe("BODY_SECTION");
      const cell = body.appendTable([["FOB Ningbo"]]).getCell(0, 0);
      const inCell = cell.getChild(0).asParagraph();
      expect(String(inCell.getParent()?.getType())).toBe("TABLE_CELL");
      expect(String(cell.getParent()?.getType())).toBe("TABLE_ROW");
      expect(p.copy().getParent()).toBeNull();
    },
  );

  it(
    "sharing: editors and viewers come and go; the owner stays as one editor and one viewer",
    `${PEER}testdocs.js`,
    (fx) => {
      const doc = fx.document();
      doc.addEditor("editor@example.com").addViewer("viewer@example.com");
      expect(doc.getEditors().map((u) => u.getEmail())).toContain("editor@example.com");
      expect(doc.getViewers().map((u) => u.getEmail())).toContain("viewer@example.com");
      doc.addEditors(["editor2@example.com", "editor3@example.com"]);
      doc.addViewers(["viewer2@example.com"]);
      for (const e of ["editor@example.com", "editor2@example.com", "editor3@example.com"]) doc.removeEditor(e);
      for (const v of ["viewer@example.com", "viewer2@example.com"]) doc.removeViewer(v);
      expect(doc.getEditors().map((u) => u.getEmail())).toEqual([fx.me]);
      expect(doc.getViewers().map((u) => u.getEmail())).toEqual([fx.me]);
    },
  );

  it("createLabel gives a GmailLabel found by getUserLabels; deleting it twice throws", `${PEER}testgmail.js`, (fx) => {
    const name = `contract-label-${fx.now().getTime()}`;
    const label = fx.GmailApp.createLabel(name);
    fx.cleanup(() => label.deleteLabel());
    expect(label.getName()).toBe(name);
    expect(label.toString()).toBe("GmailLabel");
    expect(fx.GmailApp.getUserLabels().some((l) => l.getName() === name)).toBe(true);
    fx.GmailApp.deleteLabel(label);
    expect(fx.GmailApp.getUserLabels().some((l) => l.getName() === name)).toBe(false);
    expect(() => fx.GmailApp.deleteLabel(label)).toThrow(/not found|invalid/i);
  });

  it("getDraft finds a draft by id and throws for an unknown id", `${PEER}testgmail.js`, (fx) => {
    const draft = fx.GmailApp.createDraft(fx.me, `Contract draft ${fx.now().getTime()}`, "Body");
    fx.cleanup(() => draft.deleteDraft());
    expect(draft.toString()).toBe("GmailDraft");
    expect(fx.GmailApp.getDraft(draft.getId()).getId()).toBe(draft.getId());
    expect(() => fx.GmailApp.getDraft("non_existent_draft_id")).toThrow(/404|not found/i);
  });

  it("getDrafts and getDraftMessages list drafts as GmailDraft and GmailMessage", `${PEER}testgmail.js`, (fx) => {
    const before = fx.GmailApp.getDrafts().length;
    const a = fx.GmailApp.createDraft(fx.me, "Draft 1", "Body 1");
    const b = fx.GmailApp.createDraft(fx.me, "Draft 2", "Body 2");
    fx.cleanup(() => a.deleteDraft());
    fx.cleanup(() => b.deleteDraft());
    const drafts = fx.GmailApp.getDrafts();
    expect(drafts.length).toBe(before + 2);
    expect(drafts.every((d) => d.toString() === "GmailDraft")).toBe(true);
    expect(fx.GmailApp.getDraftMessages().every((m) => m.toString() === "GmailMessage")).toBe(true);
  });

  it("a draft's message and thread: subject, GmailMessage, GmailThread", `${PEER}testgmail.js`, (fx) => {
    const subject = `Contract message ${fx.now().getTime()}`;
    const draft = fx.GmailApp.createDraft(fx.me, subject, "Body");
    fx.cleanup(() => draft.deleteDraft());
    const message = fx.GmailApp.getMessageById(draft.getMessage().getId());
    expect(message.toString()).toBe("GmailMessage");
    expect(message.getSubject()).toBe(subject);
    expect(message.getDate()).toBeDate();
    const thread = fx.GmailApp.getThreadById(draft.getMessage().getThread().getId());
    expect(thread.toString()).toBe("GmailThread");
  });

  it("markMessagesUnread and markMessagesRead flip a message's unread flag", `${PEER}testgmail.js`, (fx) => {
    const subject = `Contract unread ${fx.now().getTime()}`;
    fx.GmailApp.sendEmail(fx.me, subject, "Body");
    // Live Gmail indexes new mail within a few seconds; the emulator at once.
    let threads = fx.GmailApp.search(`subject:"${subject}"`);
    for (let i = 0; i < 10 && threads.length === 0; i++) {
      fx.Utilities.sleep(1000);
      threads = fx.GmailApp.search(`subject:"${subject}"`);
    }
    expect(threads.length).toBeGreaterThan(0);
    fx.cleanup(() => fx.GmailApp.moveThreadsToTrash(threads));
    const messages = threads[0].getMessages();
    const last = messages[messages.length - 1];
    fx.GmailApp.markMessagesUnread([last]);
    expect(last.refresh().isUnread()).toBe(true);
    fx.GmailApp.markMessagesRead([last]);
    expect(last.refresh().isUnread()).toBe(false);
  });

  it("DriveApp prints as Drive; files and folders print as their names", `${PEER}testdrive.js`, (fx) => {
    expect(fx.DriveApp.toString()).toBe("Drive");
    expect(fx.DriveApp.getRootFolder().toString()).toBe("My Drive");
    const file = fx.DriveApp.createFile("contract-note.txt", "hello", "text/plain");
    fx.cleanup(() => file.setTrashed(true));
    expect(file.toString()).toBe("contract-note.txt");
    expect(file.getMimeType()).toBe("text/plain");
  });

  it("setContent replaces a file's text; a new file is not trashed", `${PEER}testdrive.js`, (fx) => {
    const file = fx.DriveApp.createFile(fx.Utilities.newBlob("first", "text/plain", "contract-content.txt"));
    fx.cleanup(() => file.setTrashed(true));
    file.setContent("foo");
    expect(file.getBlob().getDataAsString()).toBe("foo");
    expect(file.isTrashed()).toBe(false);
  });

  it("a blob without a name cannot become a file", `${PEER}testdrive.js`, ({ DriveApp, Utilities }) => {
    expect(() => DriveApp.createFile(Utilities.newBlob(""))).toThrow(
      "Blob object must have non-null name for this operation.",
    );
  });
});
