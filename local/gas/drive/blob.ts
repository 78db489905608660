/**
 * The little of Apps Script's Blob that Drive and Docs need. Until the shared Utilities.newBlob exists, any
 * object with these four methods is accepted (a real Blob has them too), and `SimpleBlob` is what we hand out.
 */
export interface BlobLike {
  getBytes(): number[] | Uint8Array;
  getContentType(): string | null;
  getName(): string | null;
  getDataAsString(): string;
}

/** Anything that is, or can give, a blob: a Blob or a BlobSource (File, InlineImage…). */
export type BlobInput = BlobLike | { getBlob(): BlobLike };

export function isBlobLike(x: unknown): x is BlobLike {
  return typeof x === "object" && x !== null && typeof (x as BlobLike).getBytes === "function";
}

export function toBlob(input: BlobInput): BlobLike {
  if (isBlobLike(input)) return input;
  if (typeof input === "object" && input !== null && typeof input.getBlob === "function") return input.getBlob();
  throw new Error("Invalid argument: blob");
}

export function bytesOf(blob: BlobLike): Uint8Array {
  const b = blob.getBytes();
  // Apps Script bytes are signed Java bytes (-128..127); Uint8Array.from wraps them back to 0..255.
  return b instanceof Uint8Array ? new Uint8Array(b) : Uint8Array.from(b, (n) => n & 0xff);
}

export class SimpleBlob implements BlobLike {
  private readonly bytes: Uint8Array;

  constructor(
    bytes: Uint8Array | string,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    this.bytes = typeof bytes === "string" ? new Uint8Array(Buffer.from(bytes, "utf8")) : new Uint8Array(bytes);
  }

  /** Apps Script returns signed bytes. */
  getBytes(): number[] {
    return Array.from(this.bytes, (n) => (n > 127 ? n - 256 : n));
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string): this {
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): this {
    this.name = name;
    return this;
  }

  getDataAsString(): string {
    return Buffer.from(this.bytes).toString("utf8");
  }

  getBlob(): this {
    return this;
  }
}
