import type { GasContext } from "../core/context";
import type { DriveItem, LinkAccess, LinkPermission } from "../core/files";
import { driveUser, driveUsers, emailOf } from "../core/users";
import { newBlob, readBlobSource } from "../services/blob";
import {
  assertCanEdit,
  FOLDER_MIME,
  grant,
  isFolder,
  isStoredBytes,
  type Role,
  revoke,
  type StoredBytes,
  urlOf,
} from "./items";
import { ItemIterator } from "./iterators";

type FileApi = GoogleAppsScript.Drive.File;
type FolderApi = GoogleAppsScript.Drive.Folder;
type UserArg = string | GoogleAppsScript.Base.User;

/** What File and Folder share: identity, naming, trash, parents and sharing, all on one DriveItem. */
abstract class DriveEntry<Self> {
  constructor(
    protected readonly ctx: GasContext,
    /** The shared Drive record; Spreadsheet and Docs emulators hold the same object. */
    readonly item: DriveItem,
  ) {}

  /** A File or Folder prints as its name (gas-fakes src/services/driveapp/fakedrivemeta.js). */
  toString(): string {
    return this.item.name;
  }

  protected abstract readonly kind: "File" | "Folder";

  protected meter(method: string): void {
    this.ctx.call("Drive.call", `${this.kind}.${method}`);
  }

  protected share(method: string, role: Role, users: UserArg[], add: boolean): Self {
    this.ctx.call("Drive.share", `${this.kind}.${method}`);
    for (const u of users) {
      if (add) grant(this.ctx, this.item, emailOf(u), role);
      else revoke(this.ctx, this.item, emailOf(u), role);
    }
    return this as unknown as Self;
  }

  protected canEdit(): boolean {
    return this.ctx.files.can(this.item, this.ctx.effectiveUser, "edit");
  }

  protected touch(): void {
    this.item.updated = this.ctx.clock.now();
  }

  getId(): string {
    this.meter("getId");
    return this.item.id;
  }

  getName(): string {
    this.meter("getName");
    return this.item.name;
  }

  setName(name: string): Self {
    this.meter("setName");
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    this.item.name = String(name);
    this.touch();
    return this as unknown as Self;
  }

  getUrl(): string {
    this.meter("getUrl");
    return urlOf(this.item);
  }

  getDateCreated(): GoogleAppsScript.Base.Date {
    this.meter("getDateCreated");
    return new Date(this.item.created.getTime());
  }

  getLastUpdated(): GoogleAppsScript.Base.Date {
    this.meter("getLastUpdated");
    return new Date(this.item.updated.getTime());
  }

  getOwner(): GoogleAppsScript.Drive.User {
    this.meter("getOwner");
    return driveUser(this.item.owner);
  }

  /** The reference: "If the user who executes the script does not have edit access … returns an empty array." */
  getEditors(): GoogleAppsScript.Drive.User[] {
    this.meter("getEditors");
    return this.canEdit() ? driveUsers(this.item.editors) : [];
  }

  /** Viewers and commenters, as the reference says; empty for users without edit access. */
  getViewers(): GoogleAppsScript.Drive.User[] {
    this.meter("getViewers");
    return this.canEdit() ? driveUsers(new Set([...this.item.viewers, ...this.item.commenters])) : [];
  }

  getParents(): GoogleAppsScript.Drive.FolderIterator {
    this.meter("getParents");
    const ids = [...this.item.parents].filter((id) => {
      const p = this.ctx.files.get(id);
      return p !== undefined && this.ctx.files.can(p, this.ctx.effectiveUser, "view");
    });
    return folderIterator(this.ctx, ids);
  }

  isTrashed(): boolean {
    this.meter("isTrashed");
    return this.item.trashed;
  }

  setTrashed(trashed: boolean): Self {
    this.meter("setTrashed");
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    this.item.trashed = Boolean(trashed);
    this.touch();
    return this as unknown as Self;
  }

  addEditor(user: UserArg): Self {
    return this.share("addEditor", "editor", [user], true);
  }

  addEditors(emailAddresses: string[]): Self {
    return this.share("addEditors", "editor", emailAddresses, true);
  }

  addViewer(user: UserArg): Self {
    return this.share("addViewer", "viewer", [user], true);
  }

  addViewers(emailAddresses: string[]): Self {
    return this.share("addViewers", "viewer", emailAddresses, true);
  }

  addCommenter(user: UserArg): Self {
    return this.share("addCommenter", "commenter", [user], true);
  }

  addCommenters(emailAddresses: string[]): Self {
    return this.share("addCommenters", "commenter", emailAddresses, true);
  }

  removeEditor(user: UserArg): Self {
    return this.share("removeEditor", "editor", [user], false);
  }

  removeViewer(user: UserArg): Self {
    return this.share("removeViewer", "viewer", [user], false);
  }

  removeCommenter(user: UserArg): Self {
    return this.share("removeCommenter", "commenter", [user], false);
  }

  /** Who may open the item by its link: PRIVATE until setSharing says otherwise. */
  getSharingAccess(): GoogleAppsScript.Drive.Access {
    this.meter("getSharingAccess");
    return (this.item.linkAccess ?? "PRIVATE") as unknown as GoogleAppsScript.Drive.Access;
  }

  /** What the link grants: NONE for a private item. */
  getSharingPermission(): GoogleAppsScript.Drive.Permission {
    this.meter("getSharingPermission");
    const access = this.item.linkAccess ?? "PRIVATE";
    return (access === "PRIVATE"
      ? "NONE"
      : (this.item.linkPermission ?? "VIEW")) as unknown as GoogleAppsScript.Drive.Permission;
  }

  /** Link sharing; only an editor may change it (Drive's "Access denied" otherwise). */
  setSharing(accessType: GoogleAppsScript.Drive.Access, permissionType: GoogleAppsScript.Drive.Permission): Self {
    this.ctx.call("Drive.share", `${this.kind}.setSharing`);
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    this.item.linkAccess = String(accessType) as LinkAccess;
    this.item.linkPermission = String(permissionType) as LinkPermission;
    this.touch();
    return this as unknown as Self;
  }
}

const SHARED_METHODS = [
  "getId",
  "getName",
  "setName",
  "getUrl",
  "getDateCreated",
  "getLastUpdated",
  "getOwner",
  "getEditors",
  "getViewers",
  "getParents",
  "isTrashed",
  "setTrashed",
  "addEditor",
  "addEditors",
  "addViewer",
  "addViewers",
  "addCommenter",
  "addCommenters",
  "removeEditor",
  "removeViewer",
  "removeCommenter",
  "getSharingAccess",
  "getSharingPermission",
  "setSharing",
] as const;
type SharedMethod = (typeof SHARED_METHODS)[number];
/** Folders have no commenters in the Apps Script API. */
type FolderSharedMethod = Exclude<SharedMethod, "addCommenter" | "addCommenters" | "removeCommenter">;

export class EmulatedFile
  extends DriveEntry<FileApi>
  implements Pick<FileApi, SharedMethod | "getMimeType" | "getSize" | "moveTo" | "makeCopy" | "setContent">
{
  protected readonly kind = "File";

  getMimeType(): string {
    this.meter("getMimeType");
    return this.item.mimeType;
  }

  /** Google Docs/Sheets use no storage quota and report 0, as Drive does. */
  getSize(): number {
    this.meter("getSize");
    return isStoredBytes(this.item.content) ? this.item.content.bytes.length : 0;
  }

  /** The file's bytes. Converting a Google Doc/Sheet (to PDF) is not emulated: use the Docs exporters instead. */
  getBlob(): GoogleAppsScript.Base.Blob {
    this.meter("getBlob");
    const content = this.item.content;
    if (!isStoredBytes(content)) {
      throw new Error(`Emulator: getBlob() of a ${this.item.mimeType} file (a PDF conversion) is not emulated.`);
    }
    return newBlob(content.bytes, content.contentType, this.item.name);
  }

  setContent(content: string): FileApi {
    this.meter("setContent");
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    const stored = this.item.content;
    if (!isStoredBytes(stored))
      throw new Error(`Emulator: setContent() on a ${this.item.mimeType} file is not emulated.`);
    stored.bytes = new Uint8Array(Buffer.from(String(content), "utf8"));
    this.touch();
    return this as unknown as FileApi;
  }

  /** New API: the file gets exactly one parent, the destination. Needs edit access to both. */
  moveTo(destination: FolderApi): FileApi {
    this.meter("moveTo");
    const dest = folderItemOf(this.ctx, destination);
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    assertCanEdit(this.ctx.files, dest, this.ctx.effectiveUser);
    this.item.parents = new Set([dest.id]);
    this.touch();
    return this as unknown as FileApi;
  }

  makeCopy(nameOrDestination?: string | FolderApi, destination?: FolderApi): FileApi {
    this.meter("makeCopy");
    const name = typeof nameOrDestination === "string" ? nameOrDestination : `Copy of ${this.item.name}`;
    const destApi = typeof nameOrDestination === "object" ? nameOrDestination : destination;
    const parents = destApi ? new Set([folderItemOf(this.ctx, destApi).id]) : new Set(this.item.parents);
    const now = this.ctx.clock.now();
    const copy = this.ctx.files.add({
      id: this.ctx.files.newId("file"),
      name,
      mimeType: this.item.mimeType,
      owner: this.ctx.effectiveUser.toLowerCase(),
      created: now,
      parents,
      content: copyContent(this.item.content),
    });
    return wrapFile(this.ctx, copy);
  }
}

export class EmulatedFolder
  extends DriveEntry<FolderApi>
  implements
    Pick<
      FolderApi,
      | FolderSharedMethod
      | "createFolder"
      | "createFile"
      | "getFolders"
      | "getFiles"
      | "getFilesByName"
      | "getFoldersByName"
      | "addFile"
      | "removeFile"
      | "addFolder"
      | "removeFolder"
      | "moveTo"
      | "getSize"
    >
{
  protected readonly kind = "Folder";

  getSize(): number {
    this.meter("getSize");
    return 0;
  }

  createFolder(name: string): FolderApi {
    this.meter("createFolder");
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    return wrapFolder(this.ctx, newFolderItem(this.ctx, name, this.item.id));
  }

  createFile(blobOrName: GoogleAppsScript.Base.BlobSource | string, content?: string, mimeType?: string): FileApi {
    this.meter("createFile");
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    return wrapFile(this.ctx, newFileItem(this.ctx, this.item.id, blobOrName, content, mimeType));
  }

  getFiles(): GoogleAppsScript.Drive.FileIterator {
    this.meter("getFiles");
    return fileIterator(
      this.ctx,
      this.children((i) => !isFolder(i)),
    );
  }

  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    this.meter("getFolders");
    return folderIterator(this.ctx, this.children(isFolder));
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    this.meter("getFilesByName");
    return fileIterator(
      this.ctx,
      this.children((i) => !isFolder(i) && i.name === String(name)),
    );
  }

  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    this.meter("getFoldersByName");
    return folderIterator(
      this.ctx,
      this.children((i) => isFolder(i) && i.name === String(name)),
    );
  }

  /** Old API: adds this folder as one more parent of the file (a file may sit in several folders). */
  addFile(child: FileApi): FolderApi {
    this.meter("addFile");
    return this.link(fileItemOf(this.ctx, child), true);
  }

  removeFile(child: FileApi): FolderApi {
    this.meter("removeFile");
    return this.link(fileItemOf(this.ctx, child), false);
  }

  addFolder(child: FolderApi): FolderApi {
    this.meter("addFolder");
    return this.link(folderItemOf(this.ctx, child), true);
  }

  removeFolder(child: FolderApi): FolderApi {
    this.meter("removeFolder");
    return this.link(folderItemOf(this.ctx, child), false);
  }

  moveTo(destination: FolderApi): FolderApi {
    this.meter("moveTo");
    const dest = folderItemOf(this.ctx, destination);
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    assertCanEdit(this.ctx.files, dest, this.ctx.effectiveUser);
    this.item.parents = new Set([dest.id]);
    this.touch();
    return this as unknown as FolderApi;
  }

  private link(child: DriveItem, add: boolean): FolderApi {
    assertCanEdit(this.ctx.files, this.item, this.ctx.effectiveUser);
    if (add) child.parents.add(this.item.id);
    else child.parents.delete(this.item.id);
    child.updated = this.ctx.clock.now();
    return this as unknown as FolderApi;
  }

  /** Children the effective user can see. Trashed items stay listed, as in DriveApp (filter with isTrashed()). */
  private children(match: (item: DriveItem) => boolean): string[] {
    const user = this.ctx.effectiveUser;
    return this.ctx.files
      .all()
      .filter((i) => i.parents.has(this.item.id) && match(i) && this.ctx.files.can(i, user, "view"))
      .map((i) => i.id);
  }
}

export function wrapFile(ctx: GasContext, item: DriveItem): FileApi {
  return new EmulatedFile(ctx, item) as unknown as FileApi;
}

export function wrapFolder(ctx: GasContext, item: DriveItem): FolderApi {
  return new EmulatedFolder(ctx, item) as unknown as FolderApi;
}

export function fileIterator(ctx: GasContext, ids: string[], at = 0): GoogleAppsScript.Drive.FileIterator {
  const it = new ItemIterator("file", ids, (id) => wrapFile(ctx, itemOrGone(ctx, id)), at);
  return it as unknown as GoogleAppsScript.Drive.FileIterator;
}

export function folderIterator(ctx: GasContext, ids: string[], at = 0): GoogleAppsScript.Drive.FolderIterator {
  const it = new ItemIterator("folder", ids, (id) => wrapFolder(ctx, itemOrGone(ctx, id)), at);
  return it as unknown as GoogleAppsScript.Drive.FolderIterator;
}

function itemOrGone(ctx: GasContext, id: string): DriveItem {
  const item = ctx.files.get(id);
  if (!item) throw new Error(`Emulator: item ${id} was deleted while iterating.`);
  return item;
}

/** Our own Folder objects carry their item; anything else is looked up by its ID. */
export function folderItemOf(ctx: GasContext, folder: FolderApi): DriveItem {
  const item = folder instanceof EmulatedFolder ? folder.item : ctx.files.get(ctx.meter.quietly(() => folder.getId()));
  if (!item || !isFolder(item)) throw new Error("Invalid argument: destination");
  return item;
}

function fileItemOf(ctx: GasContext, file: FileApi): DriveItem {
  const item = file instanceof EmulatedFile ? file.item : ctx.files.get(ctx.meter.quietly(() => file.getId()));
  if (!item) throw new Error("Invalid argument: child");
  return item;
}

export function newFolderItem(ctx: GasContext, name: string, parentId: string): DriveItem {
  return ctx.files.add({
    id: ctx.files.newId("fold"),
    name: String(name),
    mimeType: FOLDER_MIME,
    owner: ctx.effectiveUser.toLowerCase(),
    created: ctx.clock.now(),
    parents: new Set([parentId]),
  });
}

/** createFile(blob) or createFile(name, content, mimeType = "text/plain"), as DriveApp and Folder take them. */
export const BLOB_NEEDS_NAME = "Blob object must have non-null name for this operation.";

export function newFileItem(
  ctx: GasContext,
  parentId: string,
  blobOrName: GoogleAppsScript.Base.BlobSource | string,
  content?: string,
  mimeType?: string,
): DriveItem {
  let name: string;
  let stored: StoredBytes;
  if (typeof blobOrName === "string") {
    name = blobOrName;
    stored = {
      kind: "bytes",
      bytes: new Uint8Array(Buffer.from(String(content ?? ""), "utf8")),
      contentType: mimeType ?? "text/plain",
    };
  } else {
    const blob = readBlobSource(blobOrName);
    // gas-fakes' live run (test/testdrive.js): a blob without a name is refused with this text.
    if (blob.name === null || blob.name === undefined) throw new Error(BLOB_NEEDS_NAME);
    name = blob.name;
    stored = { kind: "bytes", bytes: blob.bytes, contentType: blob.contentType ?? "application/octet-stream" };
  }
  return ctx.files.add({
    id: ctx.files.newId("file"),
    name,
    mimeType: stored.contentType,
    owner: ctx.effectiveUser.toLowerCase(),
    created: ctx.clock.now(),
    parents: new Set([parentId]),
    content: stored,
  });
}

/** A copy must not share state with the original: services may give their content a clone(). */
function copyContent(content: unknown): unknown {
  if (content === undefined) return undefined;
  if (isStoredBytes(content)) return { ...content, bytes: new Uint8Array(content.bytes) };
  const cloneable = content as { clone?: () => unknown };
  if (typeof cloneable.clone === "function") return cloneable.clone();
  throw new Error("Emulator: makeCopy() of this kind of file is not emulated.");
}
