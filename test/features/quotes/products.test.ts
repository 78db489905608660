import { beforeEach, describe, expect, it } from "vitest";
import {
  PRODUCT_FOLDER_NAME,
  ProductError,
  pictureNumbers,
  registerPicture,
  registerProduct,
} from "../../../src/features/quotes/products";
import { loadTable } from "../../../src/store/load-table";
import { Products } from "../../../src/store/schemas";
import { type BookWorld, bookWorld } from "../../support/world";

const NOW = new Date("2026-11-23T02:00:00Z");
const jpeg = (name = "photo.jpg") => Utilities.newBlob([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3], "image/jpeg", name);

describe("product library (R4, R28, R36)", () => {
  let w: BookWorld;
  beforeEach(() => {
    w = bookWorld({ now: NOW });
  });

  it("R4: registers products as P-0001, P-0002 with their catalogue fields", () => {
    const a = registerProduct(
      w.book,
      {
        name: "Stainless hinge",
        model: "HG-100",
        spec: "304",
        moq: 500,
        unit: "pcs",
        certifications: "CE",
        basePrice: "12.50",
      },
      w.owner,
      NOW,
    );
    const b = registerProduct(w.book, { name: "Door stopper" }, w.owner, NOW);
    expect([a.code, b.code]).toEqual(["P-0001", "P-0002"]);
    const row = loadTable(w.book, Products, "UTC").byId.get("P-0001")!.record;
    expect(row).toMatchObject({
      name: "Stainless hinge",
      model: "HG-100",
      moq: 500,
      certifications: "CE",
      basePrice: "12.50",
    });
  });

  it("R4: a code is never reused, even after its row is deleted", () => {
    registerProduct(w.book, { name: "A" }, w.owner, NOW);
    registerProduct(w.book, { name: "B" }, w.owner, NOW);
    w.book.getSheetByName(Products.name)!.deleteRow(3);
    expect(registerProduct(w.book, { name: "C" }, w.owner, NOW).code).toBe("P-0003");
  });

  it("R3: refuses prices no quote could read", () => {
    expect(() => registerProduct(w.book, { name: "X", basePrice: "12,5" }, w.owner, NOW)).toThrow(ProductError);
    expect(() => registerProduct(w.book, { name: "X", tierPrices: "gold: 1" }, w.owner, NOW)).toThrow(/unknown tier/);
    expect(() => registerProduct(w.book, { name: "X", moq: 2.5 }, w.owner, NOW)).toThrow(/MOQ/);
    expect(loadTable(w.book, Products, "UTC").rows).toEqual([]);
  });

  it("R36: the Products sheet (prices) is protected for the boss and assistant", () => {
    const protection = w.book
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .find((p) => p.getRange().getSheet().getName() === Products.name)!;
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual([w.owner]);
  });

  it("R28: pictures are saved as numbered files in one Drive folder and listed in the Pictures cell", () => {
    registerProduct(w.book, { name: "Hinge" }, w.owner, NOW);
    const one = registerPicture(w.book, "P-0001", jpeg(), w.owner, NOW);
    const two = registerPicture(w.book, "P-0001", Utilities.newBlob([1], "image/png", "x.png"), w.owner, NOW);
    expect([one.name, two.name]).toEqual(["P-0001-1.jpg", "P-0001-2.png"]);
    const folders = DriveApp.getFoldersByName(PRODUCT_FOLDER_NAME);
    const folder = folders.next();
    expect(folders.hasNext()).toBe(false);
    const names: string[] = [];
    const files = folder.getFiles();
    while (files.hasNext()) names.push(files.next().getName());
    expect(names.sort()).toEqual(["P-0001-1.jpg", "P-0001-2.png"]);
    const cell = loadTable(w.book, Products, "UTC").byId.get("P-0001")!.record.pictures;
    expect(cell).toBe(`P-0001-1.jpg ${one.url}\nP-0001-2.png ${two.url}`);
    expect(DriveApp.getFileById(one.fileId).getBlob().getBytes().length).toBe(7);
  });

  it("R28: a picture number is never handed out twice, even if a person clears the cell", () => {
    registerProduct(w.book, { name: "Hinge" }, w.owner, NOW);
    registerPicture(w.book, "P-0001", jpeg(), w.owner, NOW);
    const col = Products.columns.findIndex((c) => c.key === "pictures") + 1;
    w.book.getSheetByName(Products.name)!.getRange(2, col).setValue("");
    expect(registerPicture(w.book, "P-0001", jpeg(), w.owner, NOW).name).toBe("P-0001-2.jpg");
    expect(pictureNumbers("P-0001", "P-0001-7.jpg https://x\nP-0001-3.png")).toEqual([7, 3]);
  });

  it("R28: refuses files that are not pictures, and unknown products", () => {
    registerProduct(w.book, { name: "Hinge" }, w.owner, NOW);
    expect(() =>
      registerPicture(w.book, "P-0001", Utilities.newBlob("hi", "text/plain", "a.txt"), w.owner, NOW),
    ).toThrow(/JPEG, PNG/);
    expect(() => registerPicture(w.book, "P-0404", jpeg(), w.owner, NOW)).toThrow(/P-0404/);
  });
});
