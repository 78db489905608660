/**
 * "Re-examine the buyers": rows already in the book (an imported list, rows typed by hand years ago) get their
 * empty fields filled from what the row itself says, with the reason in Evidence, and possible duplicates
 * flagged with the mail pull's matching, never merged; a run stopped by the time budget resumes.
 */

import { readFileSync } from "node:fs";
import { createGasEnvironment, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../../scripts/build.mjs";
import { Budget } from "../../../src/app/budget";
import { reexamineBuyers, reexamineMessage } from "../../../src/features/intake";
import { ENTRY_POINTS } from "../../../src/program";
import { mapHeaders } from "../../../src/store/headers";
import { type Buyer, Buyers, Log } from "../../../src/store/schemas";
import { builtProject } from "../../support/built";
import { ALICE, ASSISTANT, BOSS, buyerRow, makeWorld, NOW, seedRows, type World } from "../../support/world";

/** An old book: a hand-typed list and an import, in the order they were entered. */
function oldBook(): Buyer[] {
  return [
    buyerRow({ id: "B-000001", name: "陈大文", phone: "+65 9123 4567", country: "Singapore", region: "Asia" }),
    buyerRow({
      id: "B-000002",
      company: "Smith Hardware Supply, Inc.",
      name: "John Smith",
      email: "john@smithhardware.com",
      phone: "+1 312 555 0142",
      country: "United States",
    }),
    buyerRow({
      id: "B-000003",
      company: "Al Noor Trading LLC",
      name: "Ahmed Al Mansouri",
      email: "ahmed@alnoor-trading.com",
      phone: "+971 4 555 0199",
    }),
    buyerRow({
      id: "B-000004",
      company: "Müller Werkzeuge GmbH",
      name: "Klaus Müller",
      email: "k.mueller@mueller-werkzeuge.de",
      phone: "030 1234567",
    }),
    buyerRow({ id: "B-000005", name: "Chen Dawen", email: "dawen.chen@gmail.com", phone: "+65 9123 4567" }),
    buyerRow({
      id: "B-000006",
      company: "Smith Hardware Supply Inc",
      name: "Mike Brown",
      email: "mike.brown77@gmail.com",
    }),
    // A person typed Ghana; the Nigerian phone must not change it.
    buyerRow({
      id: "B-000007",
      company: "Eko Tools Ltd",
      name: "Tunde Bakare",
      phone: "+234 803 123 4567",
      country: "Ghana",
      website: "ekotools.com.ng",
    }),
    buyerRow({
      id: "B-000008",
      name: "Mr. Lee",
      phone: "8888 1234",
      notes: "Met at the Canton Fair, wants a catalogue",
    }),
    buyerRow({
      id: "B-000009",
      company: "Okafor Builders",
      name: "Grace Okafor",
      email: "grace.okafor@yahoo.com",
      notes: "Wholesaler with a shop in Lagos",
    }),
  ];
}

function world(): World {
  return makeWorld({ buyers: oldBook() });
}

function buyers(w: World): Map<string, Buyer> {
  return new Map(w.records(Buyers).map((b) => [b.id, b]));
}

/** Runs the pass as one long run (a big budget and batch). */
function longRun(w: World) {
  return w.env.ctx.runAs(BOSS, () =>
    reexamineBuyers({ book: w.book, user: BOSS, now: NOW, budget: new Budget(10 * 60_000) }),
  );
}

describe("re-examine the buyers (existing rows)", () => {
  it("R21: an empty country is filled from the phone's country code, and Evidence says so", () => {
    const w = world();
    longRun(w);
    const b = buyers(w).get("B-000003")!;
    expect(b.country).toBe("United Arab Emirates");
    expect(b.region).not.toBe("");
    expect(b.evidence).toContain("country: phone +971 4 555 0199");
    expect(b.website).toBe("alnoor-trading.com");
    expect(b.evidence).toContain("website: company e-mail domain alnoor-trading.com");
  });

  it("R21: a .de company address gives Germany when the phone has no country code", () => {
    const w = world();
    longRun(w);
    const b = buyers(w).get("B-000004")!;
    expect(b.country).toBe("Germany");
    expect(b.evidence).toMatch(/country: domain \.de/);
    expect(b.phone).toBe("030 1234567");
  });

  it("R21: a place the notes say the buyer is in gives the country; free mail gives none", () => {
    const w = world();
    longRun(w);
    const book = buyers(w);
    expect(book.get("B-000009")!.country).toBe("Nigeria");
    expect(book.get("B-000009")!.evidence).toContain("country: notes say 'Wholesaler with a shop in Lagos'");
    expect(book.get("B-000009")!.website).toBe("");
    // Gmail says nothing of where Mike Brown is: left empty, with the reason.
    const mike = book.get("B-000006")!;
    expect(mike.country).toBe("");
    expect(mike.website).toBe("");
    expect(mike.evidence).toContain("country empty:");
    expect(mike.evidence).toContain("gmail.com is free mail");
  });

  it("R21: a country a person typed is never changed, and a row with nothing to go on stays empty with the reason", () => {
    const w = world();
    longRun(w);
    const book = buyers(w);
    expect(book.get("B-000007")!.country).toBe("Ghana");
    expect(book.get("B-000007")!.evidence).not.toContain("country");
    expect(book.get("B-000001")!.country).toBe("Singapore");
    const lee = book.get("B-000008")!;
    expect(lee.country).toBe("");
    expect(lee.evidence).toBe(
      "country empty: phone '8888 1234' has no country code; city and notes name no known place; no e-mail address",
    );
  });

  it("R22: pinyin twins with one phone, and one company written two ways, are flagged, never merged", () => {
    const w = world();
    const result = longRun(w);
    const book = buyers(w);
    expect(book.size).toBe(9);
    // 陈大文 and Chen Dawen share a phone: strong evidence, still only a flag for a person.
    expect(book.get("B-000005")!.duplicateOf).toBe("possible duplicate of B-000001");
    expect(book.get("B-000005")!.status).toBe("active");
    expect(book.get("B-000005")!.country).toBe("Singapore");
    expect(book.get("B-000001")!.duplicateOf).toBe("");
    // The same company from free mail, another contact: weak evidence.
    expect(book.get("B-000006")!.duplicateOf).toBe("possible duplicate of B-000002");
    expect(book.get("B-000006")!.evidence).toContain("duplicate: possible duplicate of B-000002 (same company");
    expect(book.get("B-000002")!.duplicateOf).toBe("");
    expect(result.strongDuplicates).toBe(1);
    expect(result.weakDuplicates).toBe(1);
    for (const id of ["B-000003", "B-000004", "B-000007", "B-000008", "B-000009"])
      expect(book.get(id)!.duplicateOf).toBe("");
  });

  it("R21: a second pass changes nothing and adds no note twice", () => {
    const w = world();
    longRun(w);
    const after = w.records(Buyers);
    const again = longRun(w);
    expect(w.records(Buyers)).toEqual(after);
    expect(again).toMatchObject({ looked: 9, countries: 0, websites: 0, strongDuplicates: 0, weakDuplicates: 0 });
  });

  it("R22: a flag a person cleared stays cleared on the next pass; a new look-alike is still flagged", () => {
    const w = world();
    longRun(w);
    // A person looked at B-000006 and B-000002 and decided they are two buyers: they empty the flag.
    const sheet = w.book.getSheetByName(Buyers.name)!;
    const rows = w.records(Buyers);
    const row = rows.findIndex((b) => b.id === "B-000006") + 2;
    const column = Buyers.columns.findIndex((c) => c.key === "duplicateOf") + 1;
    w.env.ctx.meter.quietly(() => sheet.getRange(row, column).setValue(""));
    // A new colleague of the same company, from free mail, is typed in under the rest.
    seedRows(w, "Buyers", [
      {
        ...buyerRow({
          id: "B-000010",
          company: "Smith Hardware Supply, Inc.",
          name: "Ann Lee",
          email: "ann.lee@gmail.com",
        }),
      },
    ]);
    const again = longRun(w);
    const book = buyers(w);
    expect(book.get("B-000006")!.duplicateOf).toBe("");
    expect(book.get("B-000010")!.duplicateOf).toContain("B-000002");
    expect(again.weakDuplicates + again.strongDuplicates).toBe(1);
  });

  it("R21, R22: a run stopped by a tiny budget resumes where it stopped and ends as one long run does", () => {
    const long = world();
    longRun(long);
    const short = world();
    const runs: ReturnType<typeof reexamineBuyers>[] = [];
    for (let i = 0; i < 10 && !runs.at(-1)?.finished; i++) {
      runs.push(
        short.env.ctx.runAs(BOSS, () =>
          reexamineBuyers({ book: short.book, user: BOSS, now: NOW, budget: new Budget(1), batchSize: 2 }),
        ),
      );
    }
    expect(runs.map((r) => r.position)).toEqual([2, 4, 6, 8, 9]);
    expect(runs.every((r) => r.batches === 1)).toBe(true);
    expect(short.records(Buyers)).toEqual(long.records(Buyers));
    const total = runs.reduce((n, r) => n + r.looked, 0);
    expect(total).toBe(9);
    // One Log line a run; the last says the pass is finished.
    const lines = short.records(Log).filter((l) => l.action === "buyers.reexamine");
    expect(lines).toHaveLength(5);
    expect(lines[0].detail).toContain("stopped at row 2 of 9");
    expect(lines[4].detail).toContain("pass finished");
    // Asked again after the end: a new pass from the first row.
    const next = short.env.ctx.runAs(BOSS, () =>
      reexamineBuyers({ book: short.book, user: BOSS, now: NOW, budget: new Budget(1), batchSize: 2 }),
    );
    expect(next.position).toBe(2);
  });

  it("R21: the menu runs it for the assistant, logs one summary line and toasts it in the book's language", () => {
    const w = world();
    const out = JSON.parse(w.env.ctx.runAs(ASSISTANT, () => ENTRY_POINTS.menuReexamineBuyers()));
    expect(out).toMatchObject({ looked: 9, countries: 4, websites: 3, strongDuplicates: 1, weakDuplicates: 1 });
    const line = w.records(Log).find((l) => l.action === "buyers.reexamine")!;
    expect(line.user).toBe(ASSISTANT);
    expect(line.detail).toContain("9 rows looked at; filled 4 countries, 3 websites; flagged 2 possible duplicates");
    const toasts = w.env.SpreadsheetApp.toasts(w.book).map((t) => t.message);
    expect(toasts.at(-1)).toBe(
      "Buyers re-examined: 9 rows looked at, 4 countries and 3 websites filled in, 2 possible duplicates flagged. The Evidence column says why.",
    );
  });

  it("R21: the summary in English (plural forms) and in Chinese", () => {
    const one = {
      looked: 1,
      countries: 1,
      websites: 0,
      strongDuplicates: 0,
      weakDuplicates: 1,
      position: 1,
      total: 3,
      finished: false,
      batches: 1,
      problems: [],
    };
    expect(reexamineMessage("en", one)).toBe(
      "Buyers re-examined: 1 row looked at, 1 country and 0 websites filled in, 1 possible duplicate flagged. The Evidence column says why. Stopped at row 1 of 3 (time limit): run it again to continue.",
    );
    expect(reexamineMessage("zh-CN", { ...one, finished: true })).toBe(
      "客户已重新检查：查看 1 行，补填国家 1 个、网站 0 个，标记疑似重复 1 个。依据见「信息依据」列。",
    );
  });

  it("R21: a salesperson is refused and nothing changes", () => {
    const w = world();
    const before = w.records(Buyers);
    const out = JSON.parse(w.env.ctx.runAs(ALICE, () => ENTRY_POINTS.menuReexamineBuyers()));
    expect(out.refused).toBeTruthy();
    expect(w.records(Buyers)).toEqual(before);
    expect(w.records(Log).some((l) => l.action === "buyers.reexamine")).toBe(false);
  });
});

describe("re-examine the buyers in the built bundle (dist/Code.js)", () => {
  let code: string;
  beforeAll(async () => {
    await build({ quiet: true });
    code = readFileSync("dist/Code.js", "utf8");
  }, 120_000);

  it("R21, R22: the menu item fills an imported row's country and flags its twin", () => {
    const env = createGasEnvironment({ now: NOW.toISOString(), user: BOSS });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
    project.run("menuSetup", [], { as: BOSS });
    const sheet = book.getSheetByName(Buyers.name)!;
    const width = sheet.getLastColumn();
    const headers = mapHeaders(Buyers, sheet.getRange(1, 1, 1, width).getValues()[0]);
    const column = (key: string) => headers.index.get(key)!;
    const rows = oldBook()
      .slice(0, 5)
      .map((b) => {
        const row: unknown[] = Array.from({ length: width }, () => "");
        for (const key of ["id", "company", "name", "email", "phone", "country", "status"] as const)
          row[column(key)] = b[key];
        return row;
      });
    env.ctx.meter.quietly(() => sheet.getRange(2, 1, rows.length, width).setValues(rows));
    const out = JSON.parse(String(project.run("menuReexamineBuyers", [], { as: BOSS })));
    expect(out).toMatchObject({ looked: 5, finished: true, strongDuplicates: 1 });
    const values = sheet.getRange(2, 1, rows.length, width).getValues();
    expect(values[2][column("country")]).toBe("United Arab Emirates");
    expect(values[4][column("duplicateOf")]).toBe("possible duplicate of B-000001");
  });
});
