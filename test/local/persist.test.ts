import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createGasEnvironment,
  loadMailDir,
  restoreComposedMail,
  restoreDrive,
  restoreMailLabels,
  saveDrive,
  saveMail,
} from "@buyerbook/gas-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { LocalSession, statePath } from "../../local/runtime/session";

/**
 * Saving an emulated world between runs (not Apps Script API): what a script made in one run — Docs
 * (developers.google.com/apps-script/reference/document/document-app#openById(String)), Drive folders and
 * files (.../drive/drive-app#getFolderById(String)), Gmail drafts and sent mail (.../gmail/gmail-app#getDraft(String))
 * — is there with the same ids in the next, as it would be in a real account.
 */
const OWNER = "owner@example.com";
const FRIEND = "friend@example.org";
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "gas-persist-"));
  dirs.push(d);
  return d;
}

const eml = (headers: string[], body: string) => `${headers.join("\r\n")}\r\n\r\n${body}\r\n`;

const QUESTION = eml(
  [
    `From: Friend <${FRIEND}>`,
    `To: ${OWNER}`,
    "Subject: Question about the schedule",
    "Date: Mon, 02 Mar 2026 09:00:00 +0000",
    "Message-ID: <question-1@example.org>",
  ],
  "When do we meet?",
);

/** A small Apps Script project, as plain JavaScript (what a built bundle is). */
const PROJECT = `
function makeReport() {
  var doc = DocumentApp.create("Weekly summary");
  doc.getBody().appendParagraph("First run").editAsText().setBold(0, 4, true);
  doc.getBody().appendListItem("one point");
  var docId = doc.getId();
  doc.saveAndClose();
  var folder = DriveApp.createFolder("Archive");
  folder.createFile(Utilities.newBlob([0, 1, 255], "application/octet-stream", "data.bin"));
  folder.addEditor("${FRIEND}");
  return { docId: docId, folderId: folder.getId() };
}
function readBack(ids) {
  var body = DocumentApp.openById(ids.docId).getBody();
  var folder = DriveApp.getFolderById(ids.folderId);
  var file = folder.getFilesByName("data.bin").next();
  return {
    text: body.getText(),
    bold: [body.getChild(1).asParagraph().editAsText().isBold(0), body.getChild(1).asParagraph().editAsText().isBold(6)],
    folder: folder.getName(),
    editors: folder.getEditors().map(function (u) { return u.getEmail(); }),
    bytes: file.getBlob().getBytes(),
    newDocId: DocumentApp.create("Another").getId(),
  };
}
function draftAndSend() {
  var thread = GmailApp.search("subject:question")[0];
  var draft = thread.createDraftReply("Tuesday at ten.");
  GmailApp.sendEmail("${FRIEND}", "Agenda", "Points attached.");
  var label = GmailApp.createLabel("Follow up");
  thread.addLabel(label);
  return { draftId: draft.getId(), threadId: thread.getId(), draftMessageId: draft.getMessage().getId() };
}
function readMail(ids) {
  var draft = GmailApp.getDraft(ids.draftId);
  var message = draft.getMessage();
  var sent = GmailApp.search("in:sent subject:agenda");
  return {
    isDraft: message.isDraft(),
    messageId: message.getId(),
    threadId: message.getThread().getId(),
    body: message.getPlainBody().trim(),
    threadMessages: message.getThread().getMessageCount(),
    sent: sent.map(function (t) { return t.getMessageCount(); }),
    labelled: GmailApp.getUserLabelByName("Follow up").getThreads().map(function (t) { return t.getId(); }),
    drafts: GmailApp.getDrafts().length,
  };
}
`;

function project(dir: string): string {
  const dist = path.join(dir, "dist");
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, "Code.js"), PROJECT);
  return dist;
}

function mailDir(dir: string): string {
  const mail = path.join(dir, "mail");
  mkdirSync(path.join(mail, OWNER), { recursive: true });
  writeFileSync(path.join(mail, OWNER, "question.eml"), QUESTION);
  return mail;
}

describe("a saved world keeps Drive files, Docs and composed mail (LocalSession.save, then open again)", () => {
  it("the same Doc id opens with the same body; the folder, its file and its sharing are back; new ids do not collide", async () => {
    const dir = tempDir();
    const options = { book: path.join(dir, "book.xlsx"), dist: project(dir), as: OWNER, now: "2026-03-02T10:00:00Z" };
    const first = await LocalSession.open(options);
    const ids = first.run<{ docId: string; folderId: string }>("makeReport");
    await first.save();

    const second = await LocalSession.open(options);
    const back = second.run<Record<string, unknown>>("readBack", [ids]);
    expect(back.text).toBe("\nFirst run\none point");
    expect(back.bold).toEqual([true, false]);
    expect(back.folder).toBe("Archive");
    expect(back.editors).toEqual([FRIEND]);
    expect(back.bytes).toEqual([0, 1, -1]);
    expect(back.newDocId).not.toBe(ids.docId);
    expect(second.env.ctx.files.all().map((f) => f.id)).toContain(back.newDocId);
  });

  it("a draft reply is still a draft in the same thread; sent mail and labels survive; the sidecar holds no copy of the mail folder", async () => {
    const dir = tempDir();
    const mail = mailDir(dir);
    const options = {
      book: path.join(dir, "book.xlsx"),
      dist: project(dir),
      as: OWNER,
      mail,
      now: "2026-03-02T10:00:00Z",
    };
    const first = await LocalSession.open(options);
    const ids = first.run<{ draftId: string; threadId: string; draftMessageId: string }>("draftAndSend");
    await first.save();

    const second = await LocalSession.open(options);
    const after = second.run<Record<string, unknown>>("readMail", [ids]);
    expect(after).toEqual({
      isDraft: true,
      messageId: ids.draftMessageId,
      threadId: ids.threadId,
      body: "Tuesday at ten.",
      threadMessages: 2,
      sent: [1],
      labelled: [ids.threadId],
      drafts: 1,
    });
    // The friend's mailbox got the sent mail too.
    expect(second.env.mail.mailbox(FRIEND).sortedThreads()).toHaveLength(1);
    const sidecar = readFileSync(statePath(options.book), "utf8");
    expect(sidecar).toContain("Subject: Re: Question about the schedule");
    expect(sidecar).not.toContain("When do we meet?");
    expect(sidecar).not.toContain(Buffer.from("When do we meet?").toString("base64"));

    // A third run from the second's save: nothing doubles.
    await second.save();
    const third = await LocalSession.open(options);
    expect(third.run<Record<string, unknown>>("readMail", [ids])).toEqual(after);
  });

  it("a reply dropped into the mail folder between runs threads onto the mail sent in the first run", async () => {
    const dir = tempDir();
    const mail = mailDir(dir);
    const options = {
      book: path.join(dir, "book.xlsx"),
      dist: project(dir),
      as: OWNER,
      mail,
      now: "2026-03-02T10:00:00Z",
    };
    const first = await LocalSession.open(options);
    first.run("draftAndSend");
    const sent = first.env.mail.mailbox(OWNER).sortedThreads()[0].messages[0];
    expect(sent.content.subject).toBe("Agenda");
    await first.save();

    writeFileSync(
      path.join(mail, OWNER, "reply.eml"),
      eml(
        [
          `From: ${FRIEND}`,
          `To: ${OWNER}`,
          "Subject: Re: Agenda",
          "Date: Tue, 03 Mar 2026 09:00:00 +0000",
          "Message-ID: <reply-1@example.org>",
          `In-Reply-To: ${sent.content.messageId}`,
        ],
        "Thanks.",
      ),
    );
    const second = await LocalSession.open({ ...options, now: "2026-03-03T10:00:00Z" });
    const thread = second.env.mail.mailbox(OWNER).threads.get(sent.threadId);
    expect(thread?.messages.map((m) => m.content.subject)).toEqual(["Agenda", "Re: Agenda"]);
  });
});

describe("saveDrive / saveMail on their own (any emulated world)", () => {
  it("round-trips through JSON into a fresh environment with the same ids", async () => {
    const dir = tempDir();
    const a = createGasEnvironment({ now: "2026-03-02T10:00:00Z", user: OWNER });
    await loadMailDir(a.mail, mailDir(dir));
    const docId = a.ctx.runAs(OWNER, () => {
      const doc = a.DocumentApp.create("Notes");
      doc.getBody().appendParagraph("kept");
      return doc.getId();
    });
    const draftId = a.ctx.runAs(OWNER, () => a.GmailApp.createDraft(FRIEND, "Hello", "draft body").getId());
    const saved = JSON.parse(JSON.stringify({ drive: saveDrive(a.ctx.files), mail: saveMail(a.mail) }));

    const b = createGasEnvironment({ now: "2026-03-03T10:00:00Z", user: OWNER });
    await restoreComposedMail(b.mail, saved.mail);
    await loadMailDir(b.mail, path.join(dir, "mail"));
    restoreMailLabels(b.mail, saved.mail);
    restoreDrive(b.ctx.files, saved.drive);
    b.ctx.runAs(OWNER, () => {
      expect(b.DocumentApp.openById(docId).getBody().getText()).toBe("\nkept");
      expect(b.GmailApp.getDraft(draftId).getMessage().getSubject()).toBe("Hello");
      expect(b.GmailApp.getInboxThreads().map((t) => t.getFirstMessageSubject())).toEqual([
        "Question about the schedule",
      ]);
      // New drafts and docs continue numbering after the saved ones.
      expect(b.GmailApp.createDraft(FRIEND, "Second", "x").getId()).not.toBe(draftId);
      expect(b.DocumentApp.create("Other").getId()).not.toBe(docId);
    });
  });

  it("mail loaded from a folder keeps its Gmail ids when other files are added before it", async () => {
    const dir = tempDir();
    const mail = mailDir(dir);
    const a = createGasEnvironment({ now: "2026-03-02T10:00:00Z", user: OWNER });
    await loadMailDir(a.mail, mail);
    const before = [...a.mail.mailbox(OWNER).messages.keys()];
    writeFileSync(
      path.join(mail, OWNER, "0-earlier.eml"),
      eml([`From: ${FRIEND}`, `To: ${OWNER}`, "Subject: Earlier", "Date: Sun, 01 Mar 2026 09:00:00 +0000"], "x"),
    );
    const b = createGasEnvironment({ now: "2026-03-02T10:00:00Z", user: OWNER });
    await loadMailDir(b.mail, mail);
    expect([...b.mail.mailbox(OWNER).messages.keys()]).toEqual(expect.arrayContaining(before));
    expect(b.mail.mailbox(OWNER).messages.size).toBe(2);
  });
});
