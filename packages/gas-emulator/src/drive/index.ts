export { EmulatedDriveApp } from "./drive-app";
export { DOCUMENT_MIME, FOLDER_MIME, grant, revoke, rootFolderOf, SPREADSHEET_MIME, urlOf } from "./items";
export { ITERATOR_AT_END } from "./iterators";
export { ACCESS_DENIED, CANNOT_REMOVE_OWNER, NO_ITEM_WITH_ID } from "./messages";
export { EmulatedFile, EmulatedFolder } from "./objects";
