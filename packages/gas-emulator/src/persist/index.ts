/** Saving an emulated world's Drive files and composed mail between runs (the workbook has xlsx.ts). */
export { restoreDrive, type SavedDrive, type SavedDriveItem, saveDrive } from "./drive";
export {
  restoreComposedMail,
  restoreMailLabels,
  type SavedMail,
  type SavedMailbox,
  type SavedMessage,
  saveMail,
} from "./mail";
