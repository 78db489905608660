/**
 * Plain JSON for saved worlds: bytes (images in Docs, uploaded files) become `{ "$base64": "…" }` so a
 * snapshot can be written with JSON.stringify and read back with the same types.
 */
type Encoded = { $base64: string };

function isEncoded(value: unknown): value is Encoded {
  return typeof value === "object" && value !== null && typeof (value as Encoded).$base64 === "string";
}

export function bytesToJson(bytes: Uint8Array): Encoded {
  return { $base64: Buffer.from(bytes).toString("base64") };
}

export function bytesFromJson(value: Encoded): Uint8Array {
  return new Uint8Array(Buffer.from(value.$base64, "base64"));
}

/** A deep copy in which every Uint8Array is encoded. */
export function encodeBinary<T>(value: T): unknown {
  if (value instanceof Uint8Array) return bytesToJson(value);
  if (Array.isArray(value)) return value.map(encodeBinary);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBinary(v)]));
  }
  return value;
}

/** The inverse of encodeBinary. */
export function decodeBinary<T>(value: unknown): T {
  if (isEncoded(value)) return bytesFromJson(value) as T;
  if (Array.isArray(value)) return value.map(decodeBinary) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBinary(v)])) as T;
  }
  return value as T;
}
