/**
 * How Drive files and folders linked in buyer mail are shared (campaign picture links, catalogues): read
 * through DriveApp as the person queueing the mail. One getFileById (or getFolderById) per distinct file.
 */

export interface LinkSharing {
  name: string;
  /** DriveApp.Access name: ANYONE, ANYONE_WITH_LINK, DOMAIN, DOMAIN_WITH_LINK, PRIVATE. */
  access: string;
  /** DriveApp.Permission name the link grants: VIEW, COMMENT, EDIT, NONE… */
  permission: string;
}

type Shared = Pick<GoogleAppsScript.Drive.File, "getName" | "getSharingAccess" | "getSharingPermission">;

function openItem(id: string): Shared | null {
  try {
    return DriveApp.getFileById(id);
  } catch {
    try {
      return DriveApp.getFolderById(id);
    } catch {
      // Deleted, or not shared with this person either: the buyer cannot open it.
      return null;
    }
  }
}

/** Sharing of each file ID, or null when it cannot be opened. */
export function linkSharing(fileIds: readonly string[]): Map<string, LinkSharing | null> {
  const out = new Map<string, LinkSharing | null>();
  for (const id of new Set(fileIds)) {
    const item = openItem(id);
    out.set(
      id,
      item
        ? {
            name: item.getName(),
            access: String(item.getSharingAccess()),
            permission: String(item.getSharingPermission()),
          }
        : null,
    );
  }
  return out;
}
