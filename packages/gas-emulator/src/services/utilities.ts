import { createHash, createHmac, randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { GasContext } from "../core/context";
import { Blob, encodeString, fromJavaBytes, toJavaBytes } from "./blob";
import { formatJavaDate } from "./dateformat";
import { parseJavaDate } from "./dateparse";

/**
 * Utilities. Reference: developers.google.com/apps-script/reference/utilities/utilities
 * Enum members are their own names at runtime (Apps Script enums print as their name).
 */
type UtilitiesApi = GoogleAppsScript.Utilities.Utilities;
type Charset = GoogleAppsScript.Utilities.Charset;
type DigestAlgorithm = GoogleAppsScript.Utilities.DigestAlgorithm;
type MacAlgorithm = GoogleAppsScript.Utilities.MacAlgorithm;

export const Charset = { US_ASCII: "US_ASCII", UTF_8: "UTF_8" } as const;
export const DigestAlgorithm = {
  MD2: "MD2",
  MD5: "MD5",
  SHA_1: "SHA_1",
  SHA_256: "SHA_256",
  SHA_384: "SHA_384",
  SHA_512: "SHA_512",
} as const;
export const MacAlgorithm = {
  HMAC_MD5: "HMAC_MD5",
  HMAC_SHA_1: "HMAC_SHA_1",
  HMAC_SHA_256: "HMAC_SHA_256",
  HMAC_SHA_384: "HMAC_SHA_384",
  HMAC_SHA_512: "HMAC_SHA_512",
} as const;
export const RsaAlgorithm = { RSA_SHA_1: "RSA_SHA_1", RSA_SHA_256: "RSA_SHA_256" } as const;

const NODE_DIGEST: Record<string, string> = {
  MD2: "md2",
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};
const NODE_HMAC: Record<string, string> = {
  HMAC_MD5: "md5",
  HMAC_SHA_1: "sha1",
  HMAC_SHA_256: "sha256",
  HMAC_SHA_384: "sha384",
  HMAC_SHA_512: "sha512",
};

/** Reference: "The maximum allowed value is 300000 (or 5 minutes)". */
export const MAX_SLEEP_MS = 300000;

function charsetName(charset?: Charset): string {
  return String(charset ?? "UTF_8").replace(/_/g, "-");
}

function bytesOf(value: number[] | string, charset?: Charset): Uint8Array {
  return typeof value === "string" ? encodeString(value, charsetName(charset)) : fromJavaBytes(value);
}

/**
 * Digests and HMACs of a string without a charset hash it as US-ASCII, every non-ASCII character becoming
 * "?" (gas-fakes' live run, test/testutilities.js: "default charset with special text is US_ASCII").
 */
function hashBytesOf(value: number[] | string, charset?: Charset): Uint8Array {
  return bytesOf(value, charset ?? (Charset.US_ASCII as unknown as Charset));
}

export class Utilities
  implements
    Pick<
      UtilitiesApi,
      | "Charset"
      | "DigestAlgorithm"
      | "MacAlgorithm"
      | "RsaAlgorithm"
      | "formatDate"
      | "parseDate"
      | "formatString"
      | "getUuid"
      | "newBlob"
      | "base64Encode"
      | "base64Decode"
      | "base64EncodeWebSafe"
      | "base64DecodeWebSafe"
      | "computeDigest"
      | "computeHmacSha256Signature"
      | "computeHmacSignature"
      | "sleep"
      | "parseCsv"
      | "gzip"
      | "ungzip"
    >
{
  readonly Charset = Charset as unknown as typeof GoogleAppsScript.Utilities.Charset;
  readonly DigestAlgorithm = DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm as unknown as typeof GoogleAppsScript.Utilities.MacAlgorithm;
  readonly RsaAlgorithm = RsaAlgorithm as unknown as typeof GoogleAppsScript.Utilities.RsaAlgorithm;

  constructor(private readonly ctx: GasContext) {}

  /** Java's SimpleDateFormat.parse in `timeZone` (see dateparse.ts). */
  parseDate(date: string, timeZone: string, format: string): Date {
    this.ctx.call("Utilities.call", "Utilities.parseDate");
    return parseJavaDate(String(date), timeZone, format);
  }

  toString(): string {
    return "Utilities";
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.ctx.call("Utilities.call", "Utilities.formatDate");
    return formatJavaDate(date as unknown as Date, timeZone, format);
  }

  /** Java's String.format for the common conversions: %s %d %f %.2f %5d %05d %x %o %e %b %c %% %n. */
  formatString(template: string, ...args: unknown[]): string {
    this.ctx.call("Utilities.call", "Utilities.formatString");
    return javaFormat(template, args);
  }

  getUuid(): string {
    this.ctx.call("Utilities.call", "Utilities.getUuid");
    return randomUUID();
  }

  newBlob(data: number[] | string, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    this.ctx.call("Utilities.call", "Utilities.newBlob");
    // A blob made from text is text/plain unless told otherwise (gas-fakes' live run, test/testutilities.js).
    return new Blob(
      typeof data === "string" ? data : fromJavaBytes(data),
      contentType ?? (typeof data === "string" ? "text/plain" : null),
      name ?? null,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }

  /** A gzip file of the blob's bytes, named `name` or the blob's name plus ".gz" (application/x-gzip). */
  gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string): GoogleAppsScript.Base.Blob {
    this.ctx.call("Utilities.call", "Utilities.gzip");
    const source = blob.getBlob() as unknown as Blob;
    const zipped = gzipSync(source.raw());
    const named = name ?? (source.getName() ? `${source.getName()}.gz` : null);
    return new Blob(zipped, "application/x-gzip", named) as unknown as GoogleAppsScript.Base.Blob;
  }

  /** The bytes a gzip blob holds; data that is not gzip is an error (its text unsourced). */
  ungzip(blob: GoogleAppsScript.Base.BlobSource): GoogleAppsScript.Base.Blob {
    this.ctx.call("Utilities.call", "Utilities.ungzip");
    const source = blob.getBlob() as unknown as Blob;
    let bytes: Uint8Array;
    try {
      bytes = gunzipSync(source.raw());
    } catch {
      throw new Error("Invalid argument: blob (not gzip data)");
    }
    const name = source.getName()?.replace(/\.gz$/i, "") ?? null;
    return new Blob(bytes, null, name) as unknown as GoogleAppsScript.Base.Blob;
  }

  base64Encode(data: number[] | string, charset?: Charset): string {
    this.ctx.call("Utilities.call", "Utilities.base64Encode");
    return Buffer.from(bytesOf(data, charset)).toString("base64");
  }

  base64EncodeWebSafe(data: number[] | string, charset?: Charset): string {
    this.ctx.call("Utilities.call", "Utilities.base64EncodeWebSafe");
    return Buffer.from(bytesOf(data, charset)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }

  base64Decode(encoded: string, _charset?: Charset): number[] {
    this.ctx.call("Utilities.call", "Utilities.base64Decode");
    return decodeBase64(encoded, false);
  }

  base64DecodeWebSafe(encoded: string, _charset?: Charset): number[] {
    this.ctx.call("Utilities.call", "Utilities.base64DecodeWebSafe");
    return decodeBase64(encoded, true);
  }

  computeDigest(algorithm: DigestAlgorithm, value: number[] | string, charset?: Charset): number[] {
    this.ctx.call("Utilities.call", "Utilities.computeDigest");
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw new Error("Invalid argument: algorithm");
    return toJavaBytes(createHash(name).update(hashBytesOf(value, charset)).digest());
  }

  computeHmacSha256Signature(value: number[] | string, key: number[] | string, charset?: Charset): number[] {
    this.ctx.call("Utilities.call", "Utilities.computeHmacSha256Signature");
    return toJavaBytes(createHmac("sha256", hashBytesOf(key, charset)).update(hashBytesOf(value, charset)).digest());
  }

  computeHmacSignature(
    algorithm: MacAlgorithm,
    value: number[] | string,
    key: number[] | string,
    charset?: Charset,
  ): number[] {
    this.ctx.call("Utilities.call", "Utilities.computeHmacSignature");
    const name = NODE_HMAC[String(algorithm)];
    if (!name) throw new Error("Invalid argument: algorithm");
    return toJavaBytes(createHmac(name, hashBytesOf(key, charset)).update(hashBytesOf(value, charset)).digest());
  }

  /** Emulated sleep: the clock moves and the execution's time runs, Node does not wait. */
  sleep(milliseconds: number): void {
    this.ctx.call("Utilities.call", "Utilities.sleep");
    const ms = Number(milliseconds);
    // Message not verified against Apps Script; the limit is from the reference page.
    if (!(ms >= 0) || ms > MAX_SLEEP_MS) throw new Error("Invalid argument: milliseconds");
    this.ctx.wait(Math.floor(ms));
  }

  parseCsv(csv: string, delimiter = ","): string[][] {
    this.ctx.call("Utilities.call", "Utilities.parseCsv");
    return parseCsv(csv, delimiter);
  }
}

function decodeBase64(encoded: string, webSafe: boolean): number[] {
  const text = webSafe ? encoded.replace(/-/g, "+").replace(/_/g, "/") : encoded;
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) throw new Error("Could not decode string.");
  return toJavaBytes(Buffer.from(text, "base64"));
}

export function parseCsv(csv: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && csv[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function javaFormat(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    /%(\d+\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([sSdfxXoeEbBcn%])/g,
    (_m, pos, flags, width, prec, conv) => {
      if (conv === "%") return "%";
      if (conv === "n") return "\n";
      const arg = pos ? args[Number.parseInt(pos, 10) - 1] : args[next++];
      let s: string;
      switch (conv) {
        case "s":
        case "S":
          s = String(arg);
          if (prec !== undefined) s = s.slice(0, Number(prec));
          if (conv === "S") s = s.toUpperCase();
          break;
        case "d":
          s = String(Math.trunc(Number(arg)));
          if (flags.includes(",")) s = Number(s).toLocaleString("en-US");
          if (flags.includes("+") && Number(arg) >= 0) s = `+${s}`;
          break;
        case "f":
          s = Number(arg).toFixed(prec === undefined ? 6 : Number(prec));
          if (flags.includes("+") && Number(arg) >= 0) s = `+${s}`;
          break;
        case "e":
        case "E":
          s = Number(arg)
            .toExponential(prec === undefined ? 6 : Number(prec))
            .replace(/e([+-])(\d)$/, "e$10$2");
          if (conv === "E") s = s.toUpperCase();
          break;
        case "x":
        case "X":
          s = Math.trunc(Number(arg)).toString(16);
          if (conv === "X") s = s.toUpperCase();
          break;
        case "o":
          s = Math.trunc(Number(arg)).toString(8);
          break;
        case "b":
        case "B":
          s = String(arg !== null && arg !== undefined && arg !== false);
          if (conv === "B") s = s.toUpperCase();
          break;
        default:
          s = typeof arg === "number" ? String.fromCharCode(arg) : String(arg).charAt(0);
      }
      if (width !== undefined && s.length < Number(width)) {
        const w = Number(width);
        if (flags.includes("-")) s = s.padEnd(w);
        else if (flags.includes("0") && /[dfxXoeE]/.test(conv)) {
          const sign = /^[+-]/.test(s) ? s[0] : "";
          s = sign + s.slice(sign.length).padStart(w - sign.length, "0");
        } else s = s.padStart(w);
      }
      return s;
    },
  );
}
