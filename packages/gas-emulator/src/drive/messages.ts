/**
 * Drive's exact error texts as DriveApp throws them. Each names where it was seen so a reader can check it.
 */

/**
 * DriveApp.getFileById / getFolderById for an unknown, trashed-away or unshared ID. Seen verbatim as
 * "Exception: No item with the given ID could be found. Possibly because you have not edited this item or you
 * do not have permission to access it." in github.com/chriskyfung/AutoFetcher-IG-Stories-to-GDrive/issues/112.
 */
export const NO_ITEM_WITH_ID =
  "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.";

/**
 * A sharing or content change by someone who may not make it (a viewer adding an editor, a non-editor renaming).
 * Quoted as "Exception: Access denied: DriveApp." in many public scripts, e.g. for `folder.addEditor(email)`
 * on a folder owned by another account.
 */
export const ACCESS_DENIED = "Access denied: DriveApp.";

/**
 * Removing the owner's access. Drive API's permissions.delete error (reason cannotRemoveOwner), which DriveApp
 * passes through; quoted by clients of the Drive API that match on it.
 */
export const CANNOT_REMOVE_OWNER = "The owner of a file cannot be removed.";

/** Drive's invalid-email error for sharing with something that is not an address. */
export function invalidEmail(email: string): string {
  return `Invalid argument: ${email}`;
}
