import type { GasContext } from "../core/context";
import type { AccessLevel, DriveItem, FileRegistry } from "../core/files";
import { ACCESS_DENIED, CANNOT_REMOVE_OWNER, invalidEmail, NO_ITEM_WITH_ID } from "./messages";

/**
 * Drive rules over the shared FileRegistry, independent of the DriveApp wrapper objects, so DocumentApp
 * (and anyone else) can apply the same sharing semantics to the same DriveItem.
 */
export const FOLDER_MIME = "application/vnd.google-apps.folder";
export const DOCUMENT_MIME = "application/vnd.google-apps.document";
export const SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet";

/** What a plain (uploaded) file keeps in DriveItem.content. */
export interface StoredBytes {
  kind: "bytes";
  bytes: Uint8Array;
  contentType: string;
}

/** Marks a user's "My Drive" folder in DriveItem.content. */
interface RootMarker {
  kind: "root";
  user: string;
}

export function isFolder(item: DriveItem): boolean {
  return item.mimeType === FOLDER_MIME;
}

export function isRoot(item: DriveItem): boolean {
  return (item.content as RootMarker | undefined)?.kind === "root";
}

export function isStoredBytes(content: unknown): content is StoredBytes {
  return (content as StoredBytes | undefined)?.kind === "bytes";
}

/** The user's "My Drive", created on first use (Drive gives every account one). */
export function rootFolderOf(ctx: GasContext, user: string): DriveItem {
  const u = user.toLowerCase();
  const existing = ctx.files.all().find((i) => isRoot(i) && (i.content as RootMarker).user === u);
  if (existing) return existing;
  const marker: RootMarker = { kind: "root", user: u };
  return ctx.files.add({
    id: ctx.files.newId("root"),
    name: "My Drive",
    mimeType: FOLDER_MIME,
    owner: u,
    created: ctx.clock.now(),
    content: marker,
  });
}

/** The URL Drive reports for an item: editors for Google files, the Drive viewer for the rest. */
export function urlOf(item: DriveItem): string {
  switch (item.mimeType) {
    case DOCUMENT_MIME:
      return `https://docs.google.com/document/d/${item.id}/edit`;
    case SPREADSHEET_MIME:
      return `https://docs.google.com/spreadsheets/d/${item.id}/edit`;
    case FOLDER_MIME:
      return `https://drive.google.com/drive/folders/${item.id}`;
    default:
      return `https://drive.google.com/file/d/${item.id}/view?usp=drivesdk`;
  }
}

/** Looks an item up for DriveApp: missing, trashed-for-good or unshared items all give Drive's one error. */
export function findForDrive(files: FileRegistry, id: string, user: string, level: AccessLevel = "view"): DriveItem {
  const item = files.get(String(id));
  if (!item || !files.can(item, user, "view")) throw new Error(NO_ITEM_WITH_ID);
  if (!files.can(item, user, level)) throw new Error(ACCESS_DENIED);
  return item;
}

export function assertCanEdit(files: FileRegistry, item: DriveItem, user: string): void {
  if (!files.can(item, user, "edit")) throw new Error(ACCESS_DENIED);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function normalizeEmail(email: string): string {
  const e = String(email ?? "")
    .trim()
    .toLowerCase();
  if (!EMAIL.test(e)) throw new Error(invalidEmail(String(email)));
  return e;
}

export type Role = "editor" | "commenter" | "viewer";

/**
 * Grants `role`. Only the owner or an editor may share. A user holds one role: adding an editor removes them
 * from viewers/commenters. Granting a lower role to someone who already has a higher one changes nothing
 * (the File reference: "If the user was already on the list of editors, this method has no effect").
 */
export function grant(ctx: GasContext, item: DriveItem, email: string, role: Role): void {
  assertCanEdit(ctx.files, item, ctx.effectiveUser);
  const e = normalizeEmail(email);
  if (e === item.owner.toLowerCase()) return;
  if (role === "editor") {
    item.viewers.delete(e);
    item.commenters.delete(e);
    item.editors.add(e);
  } else if (role === "commenter") {
    if (item.editors.has(e)) return;
    item.viewers.delete(e);
    item.commenters.add(e);
  } else {
    if (item.editors.has(e) || item.commenters.has(e)) return;
    item.viewers.add(e);
  }
  item.updated = ctx.clock.now();
}

/**
 * Revokes `role`. Removing the owner throws Drive's error. removeViewer also drops commenters (the reference:
 * "Removes the given user from the list of viewers and commenters") and leaves editors alone.
 */
export function revoke(ctx: GasContext, item: DriveItem, email: string, role: Role): void {
  assertCanEdit(ctx.files, item, ctx.effectiveUser);
  const e = normalizeEmail(email);
  if (e === item.owner.toLowerCase()) throw new Error(CANNOT_REMOVE_OWNER);
  if (role === "editor") item.editors.delete(e);
  else if (role === "commenter") item.commenters.delete(e);
  else {
    item.viewers.delete(e);
    item.commenters.delete(e);
  }
  item.updated = ctx.clock.now();
}
