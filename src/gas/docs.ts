/**
 * Writing a report into a Google Doc (C4): a thin adapter over DocumentApp and DriveApp. The report is
 * described as a list of blocks; each block is one or a few Docs calls, so the number of calls grows with
 * the report's sections, never with the rows of a table (a table is appended whole, in one call).
 *
 * One Doc per report period: its id is kept in the document properties under the caller's key, and a
 * re-run clears that Doc's body and writes it again — the link the boss has keeps working, and no second
 * Doc appears. A Doc that was deleted, trashed or is no longer ours to open is replaced by a new one.
 */

import { findOrCreateFolder } from "./drive";
import { sendPlainMail } from "./mail";
import { effectiveUserEmail } from "./session";

export type DocBlock =
  | { kind: "heading"; text: string; level: 1 | 2 }
  | { kind: "paragraph"; text: string; bold?: boolean }
  /** The first row is the header row (set bold). */
  | { kind: "table"; rows: string[][] };

export interface DocShare {
  email: string;
  /** Editors may answer in the Doc (the boss and the assistant); commenters in the margin; viewers only read. */
  role: "editor" | "commenter" | "viewer";
}

export interface WriteDocInput {
  /** Document property holding this period's Doc id, e.g. "report.weekly.2026-W48". */
  propertyKey: string;
  /** The Doc's name, also its title line. */
  title: string;
  /** Drive folder for new Docs, found by name and created once. */
  folderName: string;
  blocks: DocBlock[];
  share: DocShare[];
  /** People who must not have the Doc or the folder (salespeople: R33, the report is the boss's). */
  revoke?: string[];
  /** The folder is shared too, with these (the boss: every report in it is theirs). */
  folderShare?: DocShare[];
  /** The Doc's font, set on the whole body (a CJK font for a zh-CN report, so the .docx export carries it). */
  fontFamily?: string;
}

export interface WrittenDoc {
  id: string;
  url: string;
  name: string;
  /** False when an existing Doc for this period was rewritten. */
  created: boolean;
  sharedWith: string[];
  /** People whose access was taken away (from the Doc or the folder). */
  revoked: string[];
}

type Doc = GoogleAppsScript.Document.Document;
type File = GoogleAppsScript.Drive.File;

/** The Doc and Drive file stored under `key`, if they still exist, are not trashed and can be opened. */
function openStored(id: string | null): { doc: Doc; file: File } | undefined {
  if (!id) return undefined;
  try {
    const file = DriveApp.getFileById(id);
    if (file.isTrashed()) return undefined;
    return { doc: DocumentApp.openById(id), file };
  } catch {
    return undefined;
  }
}

function appendBlock(body: GoogleAppsScript.Document.Body, block: DocBlock): void {
  switch (block.kind) {
    case "heading":
      body
        .appendParagraph(block.text)
        .setHeading(block.level === 1 ? DocumentApp.ParagraphHeading.HEADING1 : DocumentApp.ParagraphHeading.HEADING2);
      return;
    case "paragraph": {
      const p = body.appendParagraph(block.text);
      if (block.bold && block.text !== "") p.editAsText().setBold(true);
      return;
    }
    case "table": {
      if (block.rows.length === 0) return;
      // A line break inside a cell would split it into paragraphs; a report cell is one line.
      const table = body.appendTable(block.rows.map((row) => row.map((cell) => cell.replace(/[\r\n]+/g, " "))));
      table.getRow(0).editAsText().setBold(true);
      return;
    }
  }
}

/** Writes (or rewrites) the period's Doc, files it in the reports folder and shares it. */
export function writeReportDoc(input: WriteDocInput, ids: DocIdStore): WrittenDoc {
  const stored = openStored(ids.get(input.propertyKey));
  let doc: Doc;
  let file: File;
  const created = !stored;
  if (stored) {
    ({ doc, file } = stored);
    if (doc.getName() !== input.title) doc.setName(input.title);
  } else {
    doc = DocumentApp.create(input.title);
    file = DriveApp.getFileById(doc.getId());
    file.moveTo(findOrCreateFolder(input.folderName));
    ids.set(input.propertyKey, doc.getId());
  }
  const body = doc.getBody();
  body.clear();
  // A cleared body (and a new Doc) holds one empty paragraph: the title goes there.
  const titleLine = body.getChild(0).asParagraph();
  titleLine.setText(input.title);
  titleLine.setHeading(DocumentApp.ParagraphHeading.TITLE);
  for (const block of input.blocks) appendBlock(body, block);
  if (input.fontFamily) setFont(body, input.fontFamily);
  const id = doc.getId();
  const url = doc.getUrl();
  doc.saveAndClose();
  const revoked = new Set(revokeAccess(file, input.revoke ?? [], created));
  const sharedWith = shareFile(file, input.share, created);
  if (input.folderShare || input.revoke) {
    const parents = file.getParents();
    const folder = parents.hasNext() ? parents.next() : undefined;
    if (folder) {
      for (const email of revokeAccess(folder, input.revoke ?? [], false)) revoked.add(email);
      shareFile(folder, input.folderShare ?? [], false);
    }
  }
  return { id, url, name: input.title, created, sharedWith, revoked: [...revoked] };
}

/** Where each period's Doc id is kept (the book's state). */
export interface DocIdStore {
  get(key: string): string | null;
  set(key: string, id: string): void;
}

/**
 * One call for the whole body. Text.setFontFamily is Apps Script's (the offline emulator has none yet, so the
 * call is skipped there rather than failing the report).
 */
function setFont(body: GoogleAppsScript.Document.Body, font: string): void {
  const text = body.editAsText() as GoogleAppsScript.Document.Text & { setFontFamily?: (f: string) => unknown };
  if (typeof text.setFontFamily === "function") text.setFontFamily(font);
}

/** What files and folders share (DriveApp lists commenters among the viewers). */
interface Shared {
  getEditors(): GoogleAppsScript.Drive.User[];
  getViewers(): GoogleAppsScript.Drive.User[];
  removeEditor(email: string): unknown;
  removeViewer(email: string): unknown;
}

/** Takes away every role these people hold on the file or folder; returns who lost access. */
function revokeAccess(item: Shared, emails: readonly string[], created: boolean): string[] {
  if (created || emails.length === 0) return [];
  const unwanted = new Set(emails.map((e) => e.toLowerCase()));
  const out: string[] = [];
  for (const u of item.getEditors()) {
    const e = u.getEmail().toLowerCase();
    if (unwanted.has(e)) {
      item.removeEditor(e);
      out.push(e);
    }
  }
  // removeViewer takes a viewer's or a commenter's access away.
  for (const u of item.getViewers()) {
    const e = u.getEmail().toLowerCase();
    if (unwanted.has(e) && !out.includes(e)) {
      item.removeViewer(e);
      out.push(e);
    }
  }
  return out;
}

interface Shareable {
  getEditors(): GoogleAppsScript.Drive.User[];
  getViewers(): GoogleAppsScript.Drive.User[];
  addEditor(email: string): unknown;
  addViewer(email: string): unknown;
  /** Files only: a folder has no commenters. */
  addCommenter?(email: string): unknown;
}

/**
 * Gives people their role on the file (or folder); the owner (whoever runs the job) needs none. Someone who
 * should edit but only views is made an editor; nobody is demoted here (revokeAccess takes access away).
 */
function shareFile(item: Shareable, share: DocShare[], created: boolean): string[] {
  const me = effectiveUserEmail();
  const wanted = share.filter((s) => s.email !== "" && s.email.toLowerCase() !== me);
  if (wanted.length === 0) return [];
  const editors = new Set<string>();
  const others = new Set<string>();
  if (!created) {
    for (const u of item.getEditors()) editors.add(u.getEmail().toLowerCase());
    for (const u of item.getViewers()) others.add(u.getEmail().toLowerCase());
  }
  const added: string[] = [];
  for (const s of wanted) {
    const email = s.email.toLowerCase();
    if (editors.has(email) || (s.role !== "editor" && others.has(email))) continue;
    if (s.role === "editor") item.addEditor(email);
    else if (s.role === "commenter" && item.addCommenter) item.addCommenter(email);
    else item.addViewer(email);
    (s.role === "editor" ? editors : others).add(email);
    added.push(email);
  }
  return added;
}

/** The e-mail with the Doc's link. */
export function mailReportLink(to: string, subject: string, body: string): void {
  sendPlainMail({ to, subject, body });
}

/** A new, empty Google Doc in the user's Drive root. */
export function createDocument(title: string): Doc {
  return DocumentApp.create(title);
}

/** The paragraph heading for a document title or a level-1/2 heading. */
export function paragraphHeading(level: "title" | 1 | 2): GoogleAppsScript.Document.ParagraphHeading {
  if (level === "title") return DocumentApp.ParagraphHeading.TITLE;
  return level === 1 ? DocumentApp.ParagraphHeading.HEADING1 : DocumentApp.ParagraphHeading.HEADING2;
}
