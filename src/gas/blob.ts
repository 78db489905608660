/** A file's bytes sent by the sidebar as base64, or undefined when the text is not base64. */
export function blobFromBase64(
  base64: string,
  contentType: string,
  fileName: string,
): GoogleAppsScript.Base.Blob | undefined {
  let bytes: GoogleAppsScript.Byte[];
  try {
    bytes = Utilities.base64Decode(base64);
  } catch {
    return undefined;
  }
  return Utilities.newBlob(bytes, contentType, fileName);
}
