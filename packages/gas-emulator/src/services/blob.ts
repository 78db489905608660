/**
 * Apps Script's Blob: bytes + content type + name. The one Blob of the emulator: Utilities.newBlob,
 * HtmlOutput.getBlob, Drive's File.getBlob, Docs' InlineImage.getBlob and Gmail's attachment copyBlob all
 * hand out this class, and everything that takes a BlobSource reads it with `readBlobSource`. Apps Script hands out bytes as Java bytes (signed, -128..127); we store an
 * unsigned Uint8Array and convert at the edges.
 * Reference: developers.google.com/apps-script/reference/base/blob
 */
type BlobApi = GoogleAppsScript.Base.Blob;

/** Java bytes (signed) from raw bytes. */
export function toJavaBytes(bytes: Uint8Array): number[] {
  // Plain loops: a script may move a whole file's bytes (hundreds of KB) through these in one execution.
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[i] = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
  return out;
}

/** Raw bytes from Java bytes (signed) or plain 0..255 numbers. */
export function fromJavaBytes(bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[i] = bytes[i] & 0xff;
  return out;
}

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Decode bytes with a charset name Apps Script accepts ("UTF-8", "US-ASCII", "ISO-8859-1", "UTF-16"…). */
export function decodeBytes(bytes: Uint8Array, charset = "UTF-8"): string {
  const label = charset.toLowerCase().replace(/_/g, "-");
  if (label === "us-ascii" || label === "ascii")
    return Array.from(bytes, (b) => String.fromCharCode(b & 0x7f)).join("");
  return new TextDecoder(label).decode(bytes);
}

export function encodeString(text: string, charset = "UTF-8"): Uint8Array {
  const label = charset.toLowerCase().replace(/_/g, "-");
  if (label === "utf-8" || label === "utf8") return utf8Bytes(text);
  if (label === "us-ascii" || label === "ascii")
    return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 128 ? ch.charCodeAt(0) : 63));
  if (label === "iso-8859-1" || label === "latin1")
    return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63));
  throw new Error(`Unsupported charset: ${charset}`);
}

const EXTENSION_TYPES: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  csv: "text/csv",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  zip: "application/zip",
  xml: "text/xml",
};

export class Blob
  implements
    Pick<
      BlobApi,
      | "copyBlob"
      | "getBytes"
      | "getContentType"
      | "getDataAsString"
      | "getName"
      | "setName"
      | "setBytes"
      | "setContentType"
      | "setContentTypeFromExtension"
      | "setDataFromString"
      | "isGoogleType"
      | "getAs"
      | "getBlob"
    >
{
  private bytes: Uint8Array;

  constructor(
    data: Uint8Array | ArrayLike<number> | string = new Uint8Array(),
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    this.bytes =
      typeof data === "string" ? utf8Bytes(data) : data instanceof Uint8Array ? data.slice() : fromJavaBytes(data);
  }

  /** The raw bytes (unsigned), for other emulated services. */
  raw(): Uint8Array {
    return this.bytes;
  }

  getBytes(): number[] {
    return toJavaBytes(this.bytes);
  }

  setBytes(data: number[]): BlobApi {
    this.bytes = fromJavaBytes(data);
    return this.self();
  }

  getDataAsString(charset?: string): string {
    return decodeBytes(this.bytes, charset);
  }

  setDataFromString(text: string, charset?: string): BlobApi {
    this.bytes = encodeString(text, charset);
    return this.self();
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string | null): BlobApi {
    this.contentType = contentType;
    return this.self();
  }

  setContentTypeFromExtension(): BlobApi {
    const ext = this.name?.split(".").pop()?.toLowerCase() ?? "";
    const type = EXTENSION_TYPES[ext];
    if (!type) throw new Error(`Object does not have a valid extension: ${this.name ?? ""}`);
    this.contentType = type;
    return this.self();
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): BlobApi {
    this.name = name;
    return this.self();
  }

  copyBlob(): BlobApi {
    return new Blob(this.bytes, this.contentType, this.name) as unknown as BlobApi;
  }

  isGoogleType(): boolean {
    return (this.contentType ?? "").startsWith("application/vnd.google-apps.");
  }

  getBlob(): BlobApi {
    return this.self();
  }

  /** Only the identity conversion is emulated; real conversions (e.g. to PDF) belong to the owning service. */
  getAs(contentType: string): BlobApi {
    if (contentType === this.contentType) return this.copyBlob();
    throw new Error(`Converting from ${this.contentType ?? "unknown"} to ${contentType} is not supported.`);
  }

  toString(): string {
    return "Blob";
  }

  private self(): BlobApi {
    return this as unknown as BlobApi;
  }
}

/** Make a Blob typed as Apps Script's, for services that return one. */
export function newBlob(data: Uint8Array | string, contentType: string | null, name: string | null): BlobApi {
  return new Blob(data, contentType, name) as unknown as BlobApi;
}

export interface BlobData {
  bytes: Uint8Array;
  contentType: string | null;
  name: string | null;
}

/**
 * The bytes, type and name of a BlobSource argument (a Blob, or anything with getBlob(): a Drive File, a Gmail
 * attachment, an InlineImage…). Scripts may pass any object with those methods, so only the API is relied on.
 * `argument` names the parameter in Apps Script's "Invalid argument: …" error.
 */
export function readBlobSource(source: unknown, argument = "blob"): BlobData {
  if (source instanceof Blob)
    return { bytes: source.raw().slice(), contentType: source.getContentType(), name: source.getName() };
  type Readable = Partial<Pick<BlobApi, "getBytes" | "getContentType" | "getName" | "getBlob">>;
  const s = source as Readable | null;
  const blob = (typeof s?.getBytes === "function" ? s : typeof s?.getBlob === "function" ? s.getBlob() : undefined) as
    | Readable
    | undefined;
  if (!blob || typeof blob.getBytes !== "function") throw new Error(`Invalid argument: ${argument}`);
  if (blob instanceof Blob) return readBlobSource(blob, argument);
  return {
    bytes: fromJavaBytes(blob.getBytes()),
    contentType: blob.getContentType?.() ?? null,
    name: blob.getName?.() ?? null,
  };
}
