type Folder = GoogleAppsScript.Drive.Folder;

/** The folder with this id, or undefined when it was deleted, trashed or is no longer shared with the user. */
export function folderById(id: string): Folder | undefined {
  if (!id) return undefined;
  try {
    const folder = DriveApp.getFolderById(id);
    return folder && !folder.isTrashed() ? folder : undefined;
  } catch {
    return undefined;
  }
}

export function createFolder(name: string): Folder {
  return DriveApp.createFolder(name);
}

/** The first folder of that name, created when there is none. */
export function findOrCreateFolder(name: string): Folder {
  const found = DriveApp.getFoldersByName(name);
  return found.hasNext() ? found.next() : DriveApp.createFolder(name);
}
