/**
 * Drive's view of every file the emulator holds (spreadsheets, documents, blobs, folders).
 * Spreadsheet, Docs and Drive emulations register here so sharing and access checks are one model:
 * a user removed as editor can no longer open the spreadsheet, whichever service they come through.
 */
export type AccessLevel = "view" | "comment" | "edit";

export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  editors: Set<string>;
  commenters: Set<string>;
  viewers: Set<string>;
  parents: Set<string>;
  trashed: boolean;
  created: Date;
  updated: Date;
  /** The service object behind the file (a spreadsheet model, a document model, blob bytes…). */
  content?: unknown;
  /** Link sharing (File.setSharing): who may open it without being named, and at what level. */
  linkAccess?: LinkAccess;
  linkPermission?: LinkPermission;
}

/** DriveApp.Access names (developers.google.com/apps-script/reference/drive/access). */
export type LinkAccess = "ANYONE" | "ANYONE_WITH_LINK" | "DOMAIN" | "DOMAIN_WITH_LINK" | "PRIVATE";
/** DriveApp.Permission names a link may grant (developers.google.com/apps-script/reference/drive/permission). */
export type LinkPermission = "VIEW" | "COMMENT" | "EDIT" | "NONE";

/** Apps Script's message when a user opens a file they have no access to (SpreadsheetApp.openById, DocumentApp.openById). */
export const NO_ACCESS_MESSAGE = "You do not have permission to access the requested document.";

export class FileRegistry {
  private readonly items = new Map<string, DriveItem>();
  private counter = 0;

  newId(prefix: string): string {
    let id: string;
    do {
      this.counter += 1;
      // Real IDs are 44 URL-safe characters; ours keep a readable prefix and the same length class.
      id = `${prefix}${String(this.counter).padStart(6, "0")}`.padEnd(44, "x");
    } while (this.items.has(id));
    return id;
  }

  /** How many ids were handed out; saved with the files so a restored world never hands one out twice. */
  get idCount(): number {
    return this.counter;
  }

  /** Continues numbering after `count` (restoring a saved world). Never goes back. */
  reserveIds(count: number): void {
    this.counter = Math.max(this.counter, count);
  }

  add(
    item: Omit<DriveItem, "editors" | "commenters" | "viewers" | "parents" | "trashed" | "updated"> &
      Partial<DriveItem>,
  ): DriveItem {
    const full: DriveItem = {
      editors: new Set(),
      commenters: new Set(),
      viewers: new Set(),
      parents: new Set(),
      trashed: false,
      updated: item.created,
      ...item,
    };
    this.items.set(full.id, full);
    return full;
  }

  get(id: string): DriveItem | undefined {
    return this.items.get(id);
  }

  all(): DriveItem[] {
    return [...this.items.values()];
  }

  remove(id: string): void {
    this.items.delete(id);
  }

  /** The highest access `user` has to the file, or undefined. An empty user (no session) is treated as the owner. */
  accessOf(item: DriveItem, user: string): AccessLevel | undefined {
    const u = user.toLowerCase();
    if (!u || item.owner.toLowerCase() === u || item.editors.has(u)) return "edit";
    if (item.commenters.has(u)) return "comment";
    if (item.viewers.has(u)) return "view";
    // Anyone (with the link) opens a link-shared file at the link's level; the emulator has no domains.
    if ((item.linkAccess === "ANYONE" || item.linkAccess === "ANYONE_WITH_LINK") && item.linkPermission !== "NONE")
      return item.linkPermission === "EDIT" ? "edit" : item.linkPermission === "COMMENT" ? "comment" : "view";
    return undefined;
  }

  can(item: DriveItem, user: string, level: AccessLevel): boolean {
    const rank = { view: 1, comment: 2, edit: 3 } as const;
    const has = this.accessOf(item, user);
    return has !== undefined && rank[has] >= rank[level];
  }

  /** Throws Apps Script's error unless `user` has at least `level` access. */
  assertAccess(id: string, user: string, level: AccessLevel = "view"): DriveItem {
    const item = this.items.get(id);
    if (!item || item.trashed || !this.can(item, user, level)) throw new Error(NO_ACCESS_MESSAGE);
    return item;
  }
}
