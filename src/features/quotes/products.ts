/**
 * The product library (R4, R28): products get codes P-0001… that are never reused, and their pictures are
 * registered into one Drive folder under numbered names (P-0001-1.jpg, P-0001-2.jpg…) so two people never
 * clash over a picture reference. Prices are the boss's and assistant's (R36): the Products sheet is
 * protected for them, and the RPC allows `product.edit` to them only. Callers hold the document lock.
 */

import { readConfig } from "../../app/config";
import { MoneyError, parseDecimal } from "../../domain/money";
import { parseTierPrices } from "../../domain/tiers";
import { createFolder, folderById } from "../../gas/drive";
import { readDocJson, writeDocJson } from "../../gas/properties";
import { allocateIds, pictureSeries } from "../../store/ids";
import { loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import { type Product, Products, Settings } from "../../store/schemas";
import { emptyRecord, TableWriter } from "../../store/table";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Blob = GoogleAppsScript.Base.Blob;

export const PRODUCT_FOLDER_NAME = "Buyerbook products";
const FOLDER_KEY = "products.folderId";

export class ProductError extends Error {
  constructor(
    readonly code: "not-found" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "ProductError";
  }
}

export type ProductInput = Partial<Omit<Product, "code" | "pictures" | "moq">> & { name: string; moq?: number | null };

/** Price cells are checked before they are written: a price no quote can read is refused at the door. */
export function checkPrices(input: { basePrice?: string; tierPrices?: string }): void {
  if (input.basePrice && input.basePrice.trim() !== "") {
    try {
      parseDecimal(input.basePrice);
    } catch (e) {
      if (e instanceof MoneyError) throw new ProductError("invalid", `Base price: ${e.message}`);
      throw e;
    }
  }
  const tiers = parseTierPrices(input.tierPrices ?? "");
  if (!tiers.ok) throw new ProductError("invalid", `Tier prices: ${tiers.problem}`);
}

/** Registers a product under the next code (allocated under the lock, never reused: `ids.P`). */
export function registerProduct(book: Book, input: ProductInput, user: string, now: Date): Product {
  if (input.name.trim() === "") throw new ProductError("invalid", "a product needs a name");
  if (input.moq !== undefined && input.moq !== null && !(Number.isInteger(input.moq) && input.moq > 0))
    throw new ProductError("invalid", `MOQ must be a whole number above 0, not ${input.moq}`);
  checkPrices(input);
  const tz = readConfig(loadTable(book, Settings, "UTC")).timeZone;
  const products = loadTable(book, Products, tz);
  const [code] = allocateIds(Products, products.byId.keys(), 1);
  const record: Product = {
    ...emptyRecord(Products),
    ...Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v])),
    moq: input.moq ?? null,
    currency: (input.currency ?? "").trim().toUpperCase(),
    code,
    pictures: "",
  };
  const writer = new TableWriter(products);
  writer.append(record);
  writer.commit();
  appendLog(book, { at: now, user, action: "product.register", target: code, detail: record.name });
  return record;
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
};

/** The picture numbers already used for a product, from its Pictures cell ("P-0001-2.jpg https://…" lines). */
export function pictureNumbers(code: string, cell: string): number[] {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(?:^|\\s)${escaped}-(\\d+)\\.[a-z0-9]+`, "gi");
  return [...cell.matchAll(re)].map((m) => Number(m[1]));
}

function productFolder(): GoogleAppsScript.Drive.Folder {
  // Deleted, trashed or no longer shared with this user: a new one is made.
  const kept = folderById(readDocJson<string>(FOLDER_KEY, ""));
  if (kept) return kept;
  const folder = createFolder(PRODUCT_FOLDER_NAME);
  writeDocJson(FOLDER_KEY, folder.getId());
  return folder;
}

export interface RegisteredPicture {
  code: string;
  name: string;
  url: string;
  fileId: string;
}

/**
 * Saves a picture into the "Buyerbook products" folder as <code>-<n>.<ext> (R28) and records it in the
 * product's Pictures cell. n is one past the highest ever used for that product (the cell and a counter in
 * document properties), so a deleted picture's number is not reused for a different image.
 */
export function registerPicture(book: Book, code: string, blob: Blob, user: string, now: Date): RegisteredPicture {
  const contentType = (blob.getContentType() ?? "").toLowerCase();
  const fromName = /\.([a-z0-9]+)$/i.exec(blob.getName() ?? "")?.[1]?.toLowerCase();
  const ext = EXTENSIONS[contentType] ?? (fromName === "jpeg" ? "jpg" : fromName);
  if (!ext || !Object.values(EXTENSIONS).includes(ext))
    throw new ProductError("invalid", `a product picture must be JPEG, PNG, GIF or WebP (got ${contentType || "?"})`);
  const tz = readConfig(loadTable(book, Settings, "UTC")).timeZone;
  const products = loadTable(book, Products, tz);
  const row = products.byId.get(code);
  if (!row) throw new ProductError("not-found", `product ${code} is not in the Products sheet`);
  const used = pictureNumbers(code, row.record.pictures).map((n) => `${code}-${n}`);
  const [picture] = allocateIds(pictureSeries(code), used, 1);
  const name = `${picture}.${ext}`;
  const file = productFolder().createFile(blob.copyBlob().setName(name));
  const url = file.getUrl();
  const cell = [row.record.pictures.trim(), `${name} ${url}`].filter((x) => x !== "").join("\n");
  const writer = new TableWriter(products);
  writer.update(code, { pictures: cell });
  writer.commit();
  appendLog(book, { at: now, user, action: "product.picture", target: code, detail: name });
  return { code, name, url, fileId: file.getId() };
}

/** Picture links of a product's cell, for the electronic sample (R27). */
export function pictureLinks(cell: string): { name: string; url: string }[] {
  return cell
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((parts) => parts[0] !== "")
    .map(([name, url]) => ({ name, url: url ?? "" }));
}
