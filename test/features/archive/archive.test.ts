import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import { CELL_LIMIT } from "../../../src/domain/capacity";
import { archiveLinksFor, archiveOldRows, archiveRefs } from "../../../src/features/archive";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { bookState } from "../../../src/gas/book-state";
import type { SheetSpec } from "../../../src/store/columns";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, FollowUps, Inquiries, Log, Quotes, Samples } from "../../../src/store/schemas";
import { emptyRecord, readTable, TableWriter } from "../../../src/store/table";
import { installGas, type TestWorld } from "../../support/gas";

const BOSS = "boss@acme-tools.cn";
const NOW = new Date("2026-11-23T02:00:00Z");
const DAY = 86_400_000;
const START = new Date("2022-01-10T03:00:00Z").getTime();
type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Subjects and summaries as buyers write them, some of which a careless copy would turn into numbers or formulas. */
const SUBJECTS = [
  "Anfrage: LED-Panel 600x600, 2.000 Stück",
  "询价：太阳能路灯 100W",
  "Cotización 00123 — lámparas solares",
  '=HYPERLINK("http://x")',
  "طلب عرض سعر: كشافات LED",
  "Запрос цены: прожекторы 50 Вт",
  "1/2",
  "Báo giá đèn LED âm trần",
  "+86 574 8765 4321",
  "견적 요청: LED 투광등",
];
const pad = (n: number) => String(n).padStart(6, "0");
const at = (i: number, count: number) => new Date(START + Math.floor(((NOW.getTime() - START) * i) / count));

function append<S extends SheetSpec>(book: Book, spec: S, records: Record<string, unknown>[]): void {
  const writer = new TableWriter(readTable(book.getSheetByName(spec.name)!, spec, { parseDateText: () => undefined }));
  for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

/** Five years of a small company's book: 40 buyers, 400 inquiries, 600 follow-ups, 60 quotes, 500 Log lines. */
function seed(w: TestWorld): void {
  w.env.ctx.meter.quietly(() => {
    append(
      w.book,
      Buyers,
      Array.from({ length: 40 }, (_, i) => ({
        id: `B-${pad(i + 1)}`,
        company: `Company ${i + 1}`,
        status: "active",
        created: new Date(START + i * DAY),
      })),
    );
    append(
      w.book,
      Inquiries,
      Array.from({ length: 400 }, (_, i) => ({
        id: `I-${pad(i + 1)}`,
        receivedAt: at(i, 400),
        buyerId: `B-${pad((i % 40) + 1)}`,
        channel: "email",
        subject: SUBJECTS[(i * 3) % SUBJECTS.length],
        quantity: i % 7 === 0 ? "00500" : "1,000 pcs",
        status: i % 10 === 3 ? "new" : i % 10 === 5 ? "closed" : "replied",
        responseHours: i % 5 === 0 ? null : 1.5,
      })),
    );
    append(
      w.book,
      FollowUps,
      Array.from({ length: 600 }, (_, i) => ({
        id: `F-${pad(i + 1)}`,
        at: at(i, 600),
        buyerId: `B-${pad(((i * 3) % 40) + 1)}`,
        by: "alice@acme-tools.cn",
        kind: "follow-up",
        channel: "email",
        summary: `${SUBJECTS[(i + 3) % SUBJECTS.length]} — called back`,
        needsBoss: i % 50 === 0,
        bossAnswer: i % 100 === 0 ? "Agreed" : "",
      })),
    );
    append(
      w.book,
      Quotes,
      Array.from({ length: 60 }, (_, i) => ({
        id: `Q-2022-${pad(i + 1)}`,
        date: at(i, 60),
        buyerId: `B-${pad((i % 40) + 1)}`,
        total: "012.50",
        status: ["draft", "sent", "accepted", "rejected", "expired"][i % 5],
      })),
    );
    // The Log with two identical lines (same second, same text): both must survive, once each.
    const log = Array.from({ length: 500 }, (_, i) => ({
      at: at(i, 500),
      user: BOSS,
      action: "pull",
      target: `I-${pad(i)}`,
      detail: i === 11 ? "same" : `line ${i}`,
    }));
    log[12] = { ...log[11] };
    append(w.book, Log, log);
  });
}

/** A row as comparable text, decided here independently of the archive code. */
const key = (row: unknown[]) =>
  JSON.stringify(row.map((v) => (v instanceof Date ? `D${Math.round(v.getTime() / 1000)}` : `${typeof v}:${v}`)));

function rowsOf(book: Book, name: string): string[] {
  const sheet = book.getSheetByName(name);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet
    .getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn())
    .getValues()
    .map(key);
}

const ARCHIVED = [Inquiries, FollowUps, Quotes, Log].map((s) => s.name as string);

/** Every archive spreadsheet in Drive, by name. */
function archives(w: TestWorld): Map<string, Book> {
  const out = new Map<string, Book>();
  const files = w.env.DriveApp.searchFiles("title contains 'Buyerbook archive'");
  while (files.hasNext()) {
    const f = files.next();
    out.set(f.getName(), w.env.SpreadsheetApp.openById(f.getId()));
  }
  return out;
}

/** Every row of each archived sheet, wherever it is now: the book and each archive (sorted multisets). */
function everywhere(w: TestWorld): Record<string, string[]> {
  return w.env.ctx.meter.quietly(() => {
    const out: Record<string, string[]> = {};
    for (const name of ARCHIVED) {
      out[name] = [...rowsOf(w.book, name), ...[...archives(w).values()].flatMap((a) => rowsOf(a, name))].sort();
    }
    return out;
  });
}

function bookRows(w: TestWorld): Record<string, string[]> {
  return w.env.ctx.meter.quietly(() => Object.fromEntries(ARCHIVED.map((n) => [n, rowsOf(w.book, n).sort()])));
}

const budget = (w: TestWorld) => new Budget(270_000, () => w.env.ctx.clock.nowMs());

describe("Archive: old rows move to yearly archive spreadsheets, copied and verified before they leave", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = installGas({ owner: BOSS, now: NOW.toISOString() });
    w.env.ctx.meter.quietly(() => setupWorkbook(w.book, BOSS, "en", new Date(START)));
    seed(w);
  });

  it("moves answered/closed inquiries, follow-ups and expired/rejected quotes past 24 months and the Log past 12; loses nothing", () => {
    const was = bookRows(w);
    const run = archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    expect(run.done).toBe(true);
    expect(run.problems).toEqual([]);
    expect(everywhere(w)).toEqual(was);
    const names = [...archives(w).keys()].sort();
    expect(names).toEqual([
      "Buyerbook archive 2022",
      "Buyerbook archive 2023",
      "Buyerbook archive 2024",
      "Buyerbook archive 2025",
    ]);
    // What stayed in the book: young rows, open inquiries, accepted/sent/draft quotes, unanswered boss questions.
    const tz = "Asia/Shanghai";
    const cutoff = new Date("2024-11-23T02:00:00Z").getTime();
    const inquiries = loadTable(w.book, Inquiries, tz).rows.map((r) => r.record);
    for (const i of inquiries) expect(i.receivedAt!.getTime() >= cutoff || i.status === "new", i.id).toBe(true);
    expect(inquiries.some((i) => i.status === "new" && i.receivedAt!.getTime() < cutoff)).toBe(true);
    const followUps = loadTable(w.book, FollowUps, tz).rows.map((r) => r.record);
    for (const f of followUps)
      expect(f.at!.getTime() >= cutoff || (f.needsBoss && f.bossAnswer === ""), f.id).toBe(true);
    const quotes = loadTable(w.book, Quotes, tz).rows.map((r) => r.record);
    for (const q of quotes)
      expect(q.date!.getTime() >= cutoff || !["expired", "rejected"].includes(q.status)).toBe(true);
    const logCutoff = new Date("2025-11-23T02:00:00Z").getTime();
    for (const l of loadTable(w.book, Log, tz).rows) expect(l.record.at!.getTime()).toBeGreaterThanOrEqual(logCutoff);
    expect(run.moved.Inquiries).toBe(was.Inquiries.length - inquiries.length);
    // Text that looks like a number or a formula is still the same text in the archive.
    const a2022 = archives(w).get("Buyerbook archive 2022")!.getSheetByName(Inquiries.name)!;
    const subjects = a2022
      .getRange(2, 9, a2022.getLastRow() - 1, 1)
      .getValues()
      .flat();
    expect(subjects).toContain("Cotización 00123 — lámparas solares");
    expect(subjects).toContain('=HYPERLINK("http://x")');
    expect(subjects).toContain("+86 574 8765 4321");
  });

  it("the buyer view can show 'older history in the 2024 archive': the year is on the buyer's row and links resolve", () => {
    archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    const buyers = loadTable(w.book, Buyers, "Asia/Shanghai").rows.map((r) => r.record);
    const b1 = buyers.find((b) => b.id === "B-000001")!;
    expect(b1.archivedIn).toBe("2022, 2023, 2024");
    const links = archiveLinksFor(w.book, b1);
    expect(links.map((l) => l.year)).toEqual(["2024", "2023", "2022"]);
    const refs = archiveRefs(w.book.getId());
    expect(links[0].url).toBe(refs["2024"].url);
    expect(links[0].url).toContain(refs["2024"].id);
    // Every archived inquiry's buyer carries its year.
    for (const a of archives(w).values()) {
      const sheet = a.getSheetByName(Inquiries.name);
      if (!sheet) continue;
      const year = a.getName().slice(-4);
      const ids = new Set(
        sheet
          .getRange(2, 6, sheet.getLastRow() - 1, 1)
          .getValues()
          .flat()
          .map(String),
      );
      for (const id of ids) expect(buyers.find((b) => b.id === id)!.archivedIn).toContain(year);
    }
    // A buyer with nothing archived costs nothing and shows nothing.
    expect(archiveLinksFor(w.book, { archivedIn: "" })).toEqual([]);
  });

  it("the archive is filed in the company's folder, beside the book, and reused by later runs", () => {
    const folder = w.env.ctx.meter.quietly(() => {
      const f = w.env.DriveApp.createFolder("Acme Tools — Buyerbook");
      w.env.DriveApp.getFileById(w.book.getId()).moveTo(f);
      return f;
    });
    archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    const inFolder: string[] = [];
    const files = folder.getFiles();
    while (files.hasNext()) inFolder.push(files.next().getName());
    expect(inFolder.sort()).toEqual([
      "Buyerbook",
      "Buyerbook archive 2022",
      "Buyerbook archive 2023",
      "Buyerbook archive 2024",
      "Buyerbook archive 2025",
    ]);
    // A year later the 2025 archive takes more rows; no second "2025" spreadsheet is made.
    archiveOldRows({ book: w.book, now: new Date("2027-11-23T02:00:00Z"), budget: budget(w) });
    const names: string[] = [];
    const again = folder.getFiles();
    while (again.hasNext()) names.push(again.next().getName());
    expect(names.filter((n) => n === "Buyerbook archive 2025")).toHaveLength(1);
    expect(names).toContain("Buyerbook archive 2026");
  });

  it("a run stopped between the copy and the delete leaves no duplicate: the next run settles the batch first", () => {
    const was = bookRows(w);
    w.env.ctx.meter.failEvery("Sheet.deleteRows", undefined, 1);
    expect(() => archiveOldRows({ book: w.book, now: NOW, budget: budget(w) })).toThrow();
    w.env.ctx.meter.clearFaults();
    // The batch is in the archive and still in the book: counted twice right now, and a journal says so.
    const midway = everywhere(w);
    expect(Object.values(midway).flat().length).toBeGreaterThan(Object.values(was).flat().length);
    expect(bookState(w.book.getId()).get("archive.journal", null)).not.toBeNull();
    const run = archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    expect(run.done).toBe(true);
    expect(everywhere(w)).toEqual(was);
  });

  it("a run stopped right after the journal, before anything was copied, copies the batch once on the next run", () => {
    const was = bookRows(w);
    w.env.ctx.meter.failEvery("Range.setNumberFormats", undefined, 1);
    expect(() => archiveOldRows({ book: w.book, now: NOW, budget: budget(w) })).toThrow();
    w.env.ctx.meter.clearFaults();
    archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    expect(everywhere(w)).toEqual(was);
  });

  it("a row a person changed between the copy and the delete stays in the book and goes, changed, next time", () => {
    const was = bookRows(w);
    // Stop at the first deletion, then change a row of that batch by hand.
    w.env.ctx.meter.failEvery("Sheet.deleteRows", undefined, 1);
    expect(() => archiveOldRows({ book: w.book, now: NOW, budget: budget(w) })).toThrow();
    w.env.ctx.meter.clearFaults();
    const sheet = w.book.getSheetByName(Inquiries.name)!;
    const subject = Inquiries.columns.findIndex((c) => c.key === "subject") + 1;
    sheet.getRange(2, subject).setValue("changed by hand");
    archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    const all = everywhere(w);
    // Both versions are kept: the one copied before the change, and the changed one.
    expect(all.Inquiries.length).toBe(was.Inquiries.length + 1);
    expect(all.Inquiries.filter((r) => r.includes("changed by hand"))).toHaveLength(1);
    expect(all.FollowUps).toEqual(was.FollowUps);
  });

  it("Settings 0 turns archiving off; a run with no budget left copies nothing and says it is not done", () => {
    const settings = w.book.getSheetByName("Settings")!;
    const keys = settings
      .getRange(2, 1, settings.getLastRow() - 1, 1)
      .getValues()
      .flat();
    settings.getRange(keys.indexOf("archive.afterMonths") + 2, 2).setValue("0");
    settings.getRange(keys.indexOf("log.keepMonths") + 2, 2).setValue("0");
    const was = bookRows(w);
    const off = archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    expect(off).toMatchObject({ done: true, moved: {} });
    expect(bookRows(w)).toEqual(was);
    settings.getRange(keys.indexOf("archive.afterMonths") + 2, 2).setValue("24");
    const spent = archiveOldRows({ book: w.book, now: NOW, budget: new Budget(0, () => 0) });
    expect(spent).toMatchObject({ done: false, moved: {} });
    expect(archives(w).size).toBe(0);
  });
});

describe("Archive without the spreadsheets scope (a bound script keeps spreadsheets.currentonly)", () => {
  it("says why and leaves the book as it was: no copy, no journal, no failed upkeep", () => {
    const manifest = JSON.parse(readFileSync("appsscript/appsscript.json", "utf8")) as { oauthScopes: string[] };
    const w = installGas({ owner: BOSS, now: NOW.toISOString(), oauthScopes: manifest.oauthScopes });
    w.env.ctx.meter.quietly(() => setupWorkbook(w.book, BOSS, "en", new Date(START)));
    seed(w);
    const was = bookRows(w);
    const run = archiveOldRows({ book: w.book, now: NOW, budget: budget(w) });
    expect(run.done).toBe(false);
    expect(run.moved).toEqual({});
    expect(run.problems.join(" ")).toMatch(/Buyerbook archive 2022 could not be created: .*auth\/spreadsheets/);
    expect(bookRows(w)).toEqual(was);
    expect(bookState(w.book.getId()).get("archive.journal", null)).toBeNull();
  });
});

describe("Archive near the 10 million cell limit", () => {
  it("a book too full to take a day's inquiries gets room back, in slices under the execution budget, losing nothing", () => {
    const w = installGas({ owner: BOSS, now: NOW.toISOString() });
    w.env.ctx.meter.quietly(() => setupWorkbook(w.book, BOSS, "en", new Date(START)));
    const count = 12_000;
    w.env.ctx.meter.quietly(() => {
      const sheet = w.book.getSheetByName(Inquiries.name)!;
      sheet.insertRowsAfter(sheet.getMaxRows(), count + 1 - sheet.getMaxRows());
      const rows = Array.from({ length: count }, (_, i) =>
        Inquiries.columns.map((c) => {
          if (c.key === "id") return `I-${pad(i + 1)}`;
          if (c.key === "receivedAt") return at(i, count);
          if (c.key === "buyerId") return `B-${pad((i % 500) + 1)}`;
          if (c.key === "subject") return SUBJECTS[i % SUBJECTS.length].replace(/^[=+]/, "");
          if (c.key === "status") return i % 97 === 0 ? "new" : "replied";
          return c.kind === "bool" ? false : "";
        }),
      );
      sheet.getRange(2, 1, count, Inquiries.columns.length).setValues(rows);
      // The rest of the 10 million cells: a Samples sheet grown to its limit by years of use (empty rows count too).
      const samples = w.book.getSheetByName(Samples.name)!;
      const used = w.book.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
      const room = CELL_LIMIT - used - 3_000 * Inquiries.columns.length;
      samples.insertRowsAfter(samples.getMaxRows(), Math.floor(room / Samples.columns.length));
    });
    const inquiries = w.book.getSheetByName(Inquiries.name)!;
    // A day's 3,000 rows more no longer fit...
    expect(() => inquiries.insertRowsAfter(inquiries.getMaxRows(), 3_001)).toThrow(/10000000 cells/);
    const was = bookRows(w);
    w.env.ctx.modelTime = true;
    const runs: ReturnType<typeof archiveOldRows>[] = [];
    for (let slice = 0; slice < 10; slice += 1) {
      // The 90 s the daily upkeep has left after its other parts.
      const left = new Budget(90_000, () => w.env.ctx.clock.nowMs());
      const run = w.env.execute(() => archiveOldRows({ book: w.book, now: NOW, budget: left }), {
        kind: "trigger",
        name: "upkeep",
      });
      runs.push(run);
      if (run.done) break;
    }
    w.env.ctx.modelTime = false;
    // Past 80% of the limit the window is 12 months, and the work took more than one run, none near 6 minutes.
    expect(runs[0].windowMonths).toBe(12);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.at(-1)!.done).toBe(true);
    for (const e of w.env.executions.filter((x) => x.name === "upkeep")) {
      expect(e.timedOut).toBe(false);
      expect(e.modeledMs).toBeLessThan(180_000);
    }
    expect(everywhere(w)).toEqual(was);
    // ...and now they do.
    expect(() => inquiries.insertRowsAfter(inquiries.getMaxRows(), 3_001)).not.toThrow();
  });
});
