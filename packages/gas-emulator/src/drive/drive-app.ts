import type { GasContext } from "../core/context";
import type { DriveItem } from "../core/files";
import { findForDrive, isFolder, isRoot, rootFolderOf } from "./items";
import { ItemIterator } from "./iterators";
import { NO_ITEM_WITH_ID } from "./messages";
import { fileIterator, folderIterator, newFileItem, newFolderItem, wrapFile, wrapFolder } from "./objects";
import { parseDriveQuery } from "./query";

type DriveAppApi = GoogleAppsScript.Drive.DriveApp;

/**
 * DriveApp over the emulator's one FileRegistry (ctx.files). Everything is seen as ctx.effectiveUser: an item
 * they cannot see is "not found", as in Drive. Reference: developers.google.com/apps-script/reference/drive/drive-app
 */
export class EmulatedDriveApp
  implements
    Pick<
      DriveAppApi,
      | "getRootFolder"
      | "getFolderById"
      | "getFileById"
      | "getFilesByName"
      | "getFoldersByName"
      | "getFiles"
      | "getFolders"
      | "createFolder"
      | "createFile"
      | "searchFiles"
      | "searchFolders"
      | "continueFileIterator"
      | "continueFolderIterator"
    >
{
  toString(): string {
    return "Drive"; // live, per gas-fakes test/testdrive.js
  }

  constructor(private readonly ctx: GasContext) {}

  /** Enum values print as their names, as Apps Script's do (String(DriveApp.Access.PRIVATE) is "PRIVATE"). */
  readonly Access = {
    ANYONE: "ANYONE",
    ANYONE_WITH_LINK: "ANYONE_WITH_LINK",
    DOMAIN: "DOMAIN",
    DOMAIN_WITH_LINK: "DOMAIN_WITH_LINK",
    PRIVATE: "PRIVATE",
  } as unknown as typeof GoogleAppsScript.Drive.Access;
  readonly Permission = {
    VIEW: "VIEW",
    EDIT: "EDIT",
    COMMENT: "COMMENT",
    OWNER: "OWNER",
    ORGANIZER: "ORGANIZER",
    FILE_ORGANIZER: "FILE_ORGANIZER",
    NONE: "NONE",
  } as unknown as typeof GoogleAppsScript.Drive.Permission;

  private meter(method: string): void {
    this.ctx.call("Drive.call", `DriveApp.${method}`);
  }

  getRootFolder(): GoogleAppsScript.Drive.Folder {
    this.meter("getRootFolder");
    return wrapFolder(this.ctx, rootFolderOf(this.ctx, this.ctx.effectiveUser));
  }

  getFileById(id: string): GoogleAppsScript.Drive.File {
    this.meter("getFileById");
    const item = findForDrive(this.ctx.files, id, this.ctx.effectiveUser);
    if (isFolder(item)) throw new Error(NO_ITEM_WITH_ID);
    return wrapFile(this.ctx, item);
  }

  getFolderById(id: string): GoogleAppsScript.Drive.Folder {
    this.meter("getFolderById");
    const item = findForDrive(this.ctx.files, id, this.ctx.effectiveUser);
    if (!isFolder(item)) throw new Error(NO_ITEM_WITH_ID);
    return wrapFolder(this.ctx, item);
  }

  /** Every file the user can see, trashed ones included (DriveApp lists them; filter with isTrashed()). */
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    this.meter("getFiles");
    return fileIterator(
      this.ctx,
      this.visible((i) => !isFolder(i)),
    );
  }

  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    this.meter("getFolders");
    return folderIterator(
      this.ctx,
      this.visible((i) => isFolder(i) && !isRoot(i)),
    );
  }

  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    this.meter("getFilesByName");
    return fileIterator(
      this.ctx,
      this.visible((i) => !isFolder(i) && i.name === String(name)),
    );
  }

  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    this.meter("getFoldersByName");
    return folderIterator(
      this.ctx,
      this.visible((i) => isFolder(i) && !isRoot(i) && i.name === String(name)),
    );
  }

  /** Drive search-query subset: name/title =, contains; mimeType =, !=; trashed =; '<id>' in parents; and. */
  searchFiles(params: string): GoogleAppsScript.Drive.FileIterator {
    this.meter("searchFiles");
    const match = parseDriveQuery(params);
    return fileIterator(
      this.ctx,
      this.visible((i) => !isFolder(i) && match(i)),
    );
  }

  searchFolders(params: string): GoogleAppsScript.Drive.FolderIterator {
    this.meter("searchFolders");
    const match = parseDriveQuery(params);
    return folderIterator(
      this.ctx,
      this.visible((i) => isFolder(i) && !isRoot(i) && match(i)),
    );
  }

  continueFileIterator(continuationToken: string): GoogleAppsScript.Drive.FileIterator {
    this.meter("continueFileIterator");
    const { ids, at } = ItemIterator.decode(continuationToken, "file");
    return fileIterator(this.ctx, ids, at);
  }

  continueFolderIterator(continuationToken: string): GoogleAppsScript.Drive.FolderIterator {
    this.meter("continueFolderIterator");
    const { ids, at } = ItemIterator.decode(continuationToken, "folder");
    return folderIterator(this.ctx, ids, at);
  }

  /** A new folder in the user's My Drive. */
  createFolder(name: string): GoogleAppsScript.Drive.Folder {
    this.meter("createFolder");
    const root = rootFolderOf(this.ctx, this.ctx.effectiveUser);
    return wrapFolder(this.ctx, newFolderItem(this.ctx, name, root.id));
  }

  createFile(blob: GoogleAppsScript.Base.BlobSource): GoogleAppsScript.Drive.File;
  createFile(name: string, content: string): GoogleAppsScript.Drive.File;
  createFile(name: string, content: string, mimeType: string): GoogleAppsScript.Drive.File;
  createFile(blobOrName: GoogleAppsScript.Base.BlobSource | string, content?: string, mimeType?: string) {
    this.meter("createFile");
    const root = rootFolderOf(this.ctx, this.ctx.effectiveUser);
    return wrapFile(this.ctx, newFileItem(this.ctx, root.id, blobOrName, content, mimeType));
  }

  private visible(match: (item: DriveItem) => boolean): string[] {
    const user = this.ctx.effectiveUser;
    return this.ctx.files
      .all()
      .filter((i) => match(i) && this.ctx.files.can(i, user, "view"))
      .map((i) => i.id);
  }
}
