import { describe, expect, it } from "vitest";
import {
  ACCESS_DENIED,
  CANNOT_REMOVE_OWNER,
  EmulatedDocumentApp,
  EmulatedDriveApp,
  GasContext,
  ITERATOR_AT_END,
  NO_ACCESS_MESSAGE,
  NO_ITEM_WITH_ID,
  Utilities,
} from "../src/index";

/**
 * DriveApp contract. Each world gives the services as one user at a time, so the same suite could run in
 * real Apps Script with real accounts. Pages: developers.google.com/apps-script/reference/drive/drive-app,
 * .../drive/file, .../drive/folder.
 */
interface World {
  ctx: GasContext;
  asUser<T>(
    user: string,
    fn: (s: { drive: GoogleAppsScript.Drive.DriveApp; docs: GoogleAppsScript.Document.DocumentApp }) => T,
  ): T;
}

function makeEmulatedWorld(): World {
  const ctx = new GasContext({ now: "2026-03-02T09:00:00Z", user: "owner@example.com" });
  const drive = new EmulatedDriveApp(ctx) as unknown as GoogleAppsScript.Drive.DriveApp;
  const docs = new EmulatedDocumentApp(ctx) as unknown as GoogleAppsScript.Document.DocumentApp;
  return { ctx, asUser: (user, fn) => ctx.runAs(user, () => fn({ drive, docs })) };
}

const OWNER = "owner@example.com";
const ALICE = "alice@example.com";
const BOB = "bob@example.com";

describe.each([{ name: "emulator", make: makeEmulatedWorld }])("DriveApp contract ($name)", ({ make }) => {
  it("files/folders: createFolder + Folder.createFile; getFilesByName finds it; URL styles (drive/file#getUrl)", () => {
    const w = make();
    w.asUser(OWNER, ({ drive, docs }) => {
      const folder = drive.createFolder("Quotes");
      const file = folder.createFile("notes.txt", "hello", "text/plain");
      expect(file.getName()).toBe("notes.txt");
      expect(file.getMimeType()).toBe("text/plain");
      expect(file.getSize()).toBe(5);
      expect(file.getBlob().getDataAsString()).toBe("hello");
      expect(file.getUrl()).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
      expect(folder.getUrl()).toBe(`https://drive.google.com/drive/folders/${folder.getId()}`);
      const doc = docs.create("Offer");
      expect(drive.getFileById(doc.getId()).getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit`);
      expect(drive.getFileById(doc.getId()).getMimeType()).toBe("application/vnd.google-apps.document");
      const found = drive.getFilesByName("notes.txt");
      expect(found.hasNext()).toBe(true);
      expect(found.next().getId()).toBe(file.getId());
      expect(found.hasNext()).toBe(false);
      expect(() => found.next()).toThrow(ITERATOR_AT_END);
      expect(drive.getFoldersByName("Quotes").next().getId()).toBe(folder.getId());
      expect(folder.getFilesByName("notes.txt").next().getName()).toBe("notes.txt");
    });
  });

  it("createFile(blob) keeps bytes, name and type; root folder holds it (drive/drive-app#createFile(BlobSource))", () => {
    const w = make();
    w.asUser(OWNER, ({ drive }) => {
      const utilities = new Utilities(w.ctx);
      const blob = utilities.newBlob("a,b\n1,2 \u00e9", "text/csv", "data.csv");
      const file = drive.createFile(blob);
      expect(file.getName()).toBe("data.csv");
      expect(file.getMimeType()).toBe("text/csv");
      // The file's blob is a full Blob: same bytes, copyable, and a new File can be made from it.
      expect(file.getBlob().getBytes()).toEqual(blob.getBytes());
      const copy = file.getBlob().copyBlob().setName("copy.csv");
      expect(drive.createFile(copy).getBlob().getDataAsString()).toBe("a,b\n1,2 \u00e9");
      expect(file.getParents().next().getId()).toBe(drive.getRootFolder().getId());
      expect(drive.getRootFolder().getName()).toBe("My Drive");
    });
  });

  it("moveTo sets exactly one parent; addFile/removeFile (old API) add and drop parents (drive/file#moveTo)", () => {
    const w = make();
    w.asUser(OWNER, ({ drive }) => {
      const a = drive.createFolder("A");
      const b = drive.createFolder("B");
      const file = a.createFile("x.txt", "x");
      b.addFile(file);
      const parents = [];
      for (const it = file.getParents(); it.hasNext(); ) parents.push(it.next().getName());
      expect(parents.sort()).toEqual(["A", "B"]);
      a.removeFile(file);
      expect(a.getFiles().hasNext()).toBe(false);
      const c = drive.createFolder("C");
      file.moveTo(c);
      expect(file.getParents().next().getName()).toBe("C");
      expect(b.getFiles().hasNext()).toBe(false);
      expect(c.getFiles().next().getId()).toBe(file.getId());
      const sub = c.createFolder("Sub");
      expect(c.getFolders().next().getId()).toBe(sub.getId());
    });
  });

  it("continuation tokens resume an iterator (drive/file-iterator#getContinuationToken)", () => {
    const w = make();
    w.asUser(OWNER, ({ drive }) => {
      const f = drive.createFolder("Many");
      for (const n of ["1", "2", "3"]) f.createFile(`f${n}`, n);
      const it = f.getFiles();
      const first = it.next().getName();
      const rest = drive.continueFileIterator(it.getContinuationToken());
      const names = [first];
      while (rest.hasNext()) names.push(rest.next().getName());
      expect(names.sort()).toEqual(["f1", "f2", "f3"]);
    });
  });

  it("getFileById: unknown or unshared IDs throw Drive's 'No item with the given ID' error (drive/drive-app#getFileById)", () => {
    const w = make();
    const id = w.asUser(OWNER, ({ drive }) => drive.createFile("secret.txt", "s").getId());
    w.asUser(ALICE, ({ drive }) => {
      expect(() => drive.getFileById(id)).toThrow(NO_ITEM_WITH_ID);
      expect(() => drive.getFileById("nope")).toThrow(NO_ITEM_WITH_ID);
      expect(drive.getFilesByName("secret.txt").hasNext()).toBe(false);
    });
  });

  it("sharing: viewers read but cannot share or rename; adding an editor removes them from viewers (drive/file#addEditor)", () => {
    const w = make();
    const id = w.asUser(OWNER, ({ drive }) => drive.createFile("plan.txt", "p").addViewer(ALICE).getId());
    w.asUser(ALICE, ({ drive }) => {
      const file = drive.getFileById(id);
      expect(file.getName()).toBe("plan.txt");
      expect(() => file.addEditor(BOB)).toThrow(ACCESS_DENIED);
      expect(() => file.setName("mine")).toThrow(ACCESS_DENIED);
      expect(file.getEditors()).toEqual([]);
    });
    w.asUser(OWNER, ({ drive }) => {
      const file = drive.getFileById(id);
      expect(file.getViewers().map((u) => u.getEmail())).toEqual([ALICE]);
      file.addEditor(ALICE);
      expect(file.getEditors().map((u) => u.getEmail())).toEqual([ALICE]);
      expect(file.getViewers()).toEqual([]);
      expect(file.getOwner().getEmail()).toBe(OWNER);
    });
    w.asUser(ALICE, ({ drive }) => {
      drive.getFileById(id).addViewer(BOB);
      expect(
        drive
          .getFileById(id)
          .getViewers()
          .map((u) => u.getName()),
      ).toEqual(["bob"]);
    });
  });

  it("removeEditor of the owner throws Drive's error; removing an editor revokes their Docs access too (drive/file#removeEditor)", () => {
    const w = make();
    const id = w.asUser(OWNER, ({ docs }) => docs.create("Shared doc").addEditor(ALICE).getId());
    w.asUser(ALICE, ({ docs }) => expect(docs.openById(id).getName()).toBe("Shared doc"));
    w.asUser(OWNER, ({ drive }) => {
      const file = drive.getFileById(id);
      expect(() => file.removeEditor(OWNER)).toThrow(CANNOT_REMOVE_OWNER);
      file.removeEditor(ALICE);
    });
    w.asUser(ALICE, ({ docs, drive }) => {
      expect(() => docs.openById(id)).toThrow(NO_ACCESS_MESSAGE);
      expect(() => drive.getFileById(id)).toThrow(NO_ITEM_WITH_ID);
    });
  });

  it("setTrashed flags the file; trashed files stay listed by name (drive/file#setTrashed)", () => {
    const w = make();
    w.asUser(OWNER, ({ drive }) => {
      const file = drive.createFile("old.txt", "o");
      file.setTrashed(true);
      expect(drive.getFileById(file.getId()).isTrashed()).toBe(true);
      expect(drive.getFilesByName("old.txt").next().isTrashed()).toBe(true);
      expect(drive.searchFiles("title = 'old.txt' and trashed = false").hasNext()).toBe(false);
    });
  });

  it("metering: Drive.call per call, Drive.share per sharing change; a faulted share leaves access unchanged", () => {
    const w = make();
    const { meter } = w.ctx;
    const file = w.asUser(OWNER, ({ drive }) => drive.createFile("m.txt", "m"));
    meter.reset();
    w.asUser(OWNER, () => {
      file.getName();
      file.addEditor(ALICE);
      file.addViewers([BOB]);
    });
    expect(meter.callsOf("Drive.call")).toBe(1);
    expect(meter.callsOf("Drive.share")).toBe(2);
    meter.failEvery("File.addEditor");
    expect(() => w.asUser(OWNER, () => file.addEditor(BOB))).toThrow(/server error/);
    meter.clearFaults();
    expect(w.asUser(OWNER, () => file.getEditors().map((u) => u.getEmail()))).toEqual([ALICE]);
  });
});
