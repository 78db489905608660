/**
 * A minimal Blob for mail attachments (GmailAttachment.copyBlob, attachments passed to sendEmail).
 * Apps Script bytes are Java bytes: signed, -128..127.
 */
import type { AttachmentData } from "./model";

type Blob = GoogleAppsScript.Base.Blob;

export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

export function fromScriptBytes(bytes: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(Array.from(bytes, (b) => b & 0xff));
}

export class MailBlob
  implements
    Pick<Blob, "getName" | "getContentType" | "getBytes" | "getDataAsString" | "setName" | "isGoogleType" | "getBlob">
{
  constructor(
    private name: string,
    private contentType: string,
    private bytes: Uint8Array,
  ) {}

  getName(): string {
    return this.name;
  }
  getContentType(): string {
    return this.contentType;
  }
  getBytes(): number[] {
    return toSignedBytes(this.bytes);
  }
  getDataAsString(charset?: string): string {
    return new TextDecoder((charset ?? "utf-8").toLowerCase()).decode(this.bytes);
  }
  setName(name: string): Blob {
    this.name = name;
    return this.asBlob();
  }
  setContentType(contentType: string): Blob {
    this.contentType = contentType;
    return this.asBlob();
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): Blob {
    return new MailBlob(this.name, this.contentType, this.bytes.slice()).asBlob();
  }
  getBlob(): Blob {
    return this.asBlob();
  }
  /** The emulator's blobs implement the parts of Blob that mail code uses; typed as Blob for callers. */
  asBlob(): Blob {
    return this as unknown as Blob;
  }
}

/** Reads an Apps Script BlobSource (a Blob, a File, an attachment…) into attachment data. */
export function attachmentFromBlobSource(source: unknown, index: number): AttachmentData {
  const s = source as Partial<Blob> & Partial<GoogleAppsScript.Base.BlobSource>;
  const blob = (typeof s.getBytes === "function" ? s : typeof s.getBlob === "function" ? s.getBlob() : undefined) as
    | Partial<Blob>
    | undefined;
  if (!blob || typeof blob.getBytes !== "function") throw new Error("Invalid argument: attachments");
  return {
    name: blob.getName?.() || `attachment${index === 0 ? "" : `-${index}`}`,
    contentType: blob.getContentType?.() || "application/octet-stream",
    bytes: fromScriptBytes(blob.getBytes()),
    inline: false,
  };
}
