/** Foundation scenarios: setting up a workbook, and the store's read-then-scattered-write on 20,000 buyers. */
import { createGasEnvironment } from "@buyerbook/gas-emulator";
import { setupWorkbook } from "../src/features/setup";
import { Buyers, SETUP_SHEETS } from "../src/store/schemas";
import { readTable, TableWriter } from "../src/store/table";
import { cpuMs, type Scenario } from "./scenario";

const OWNER = "boss@acme-tools.cn";
const NOW = new Date("2026-11-23T01:00:00Z");
/** Round trips to the Sheets backend; "Spreadsheet.local" accessors (getRange, getName…) are answered in-process. */
const ROUND_TRIPS = [
  "Spreadsheet.read",
  "Spreadsheet.write",
  "Spreadsheet.structure",
  "Spreadsheet.find",
  "Spreadsheet.meta",
];

function world() {
  const env = createGasEnvironment({ now: NOW, user: OWNER });
  const { Date: _d, console: _c, ...globals } = env.globals();
  Object.assign(globalThis, globals);
  const book = env.SpreadsheetApp.createForTest("Buyerbook", OWNER);
  env.SpreadsheetApp.setActive(book);
  return { env, book };
}

const withDropdowns = SETUP_SHEETS.filter((s) => s.columns.some((c) => c.kind === "enum" || c.kind === "bool"));
const protectedSheets = SETUP_SHEETS.filter((s) => s.protectedSheet);

const setup: Scenario = {
  name: `setup: a new workbook (${SETUP_SHEETS.length} sheets, Settings, Staff, protections)`,
  // The outreach sheets (Campaigns, Outbox, Import) are made when first used, so they are not in this count.
  // List the sheets once. Per sheet: create it, write its formats, write its header together with the rows it
  // starts with (Settings defaults, the setup user in Staff, the Templates: a new sheet has nothing to merge
  // with, so they need no write of their own), freeze the header. One dropdown write per sheet with dropdowns;
  // the overdue highlight. Protections: a new protection mirrors the file's editors until changed, so the file's
  // editors are read once and whether domain-wide editing applies is asked once; per protected sheet protect it
  // and make one change (domain edit off, or its editor list); Staff's self-service away columns opened (R6).
  // Not counted as needed: the look at the blank default sheet before reusing it (tidiness, not a requirement).
  // Per sheet also: its surplus columns removed (a new sheet has 26), after asking its width.
  lowerBound: 1 + 6 * SETUP_SHEETS.length + withDropdowns.length + 1 + 2 + 2 * protectedSheets.length + 1,
  lowerBoundWhy:
    "1 sheet listing; per sheet create, formats, header with first rows, freeze, width asked, surplus columns removed; dropdowns; highlight; the file's editors and domain setting read once; per protected sheet protect and one change; Staff's away columns opened",
  boundCounts: ROUND_TRIPS,
  targets: { maxModeledSeconds: 10, maxRatio: 1.2 },
  run() {
    const { env, book } = world();
    env.ctx.meter.reset();
    const { ms } = cpuMs(() => setupWorkbook(book, OWNER, "zh-CN", NOW));
    return { env, cpuMs: ms };
  },
};

const scatteredWrite: Scenario = {
  name: "store: read 20,000 buyers, write back 500 changed rows scattered through them",
  // The two changed columns (Grade, Next follow-up) are 6 columns apart: writing them as one rectangle re-writes
  // 100,000 unchanged cells (13 s modeled), so each is its own write; that is the floor for this change.
  lowerBound: 4,
  lowerBoundWhy:
    "one read of the table, one re-read of the ID column under the lock (rows may have moved), one write per changed column",
  boundCounts: ["Spreadsheet.read", "Spreadsheet.write", "Spreadsheet.find"],
  targets: { maxModeledSeconds: 10, maxRatio: 1.2 },
  run() {
    const { env, book } = world();
    const rows = 20_000;
    env.ctx.meter.quietly(() => {
      setupWorkbook(book, OWNER, "en", NOW);
      const sheet = book.getSheetByName(Buyers.name)!;
      sheet.insertRowsAfter(sheet.getMaxRows(), rows + 1 - sheet.getMaxRows());
      const values = Array.from({ length: rows }, (_, i) =>
        Buyers.columns.map((c) => {
          if (c.key === "id") return `B-${String(i + 1).padStart(6, "0")}`;
          if (c.key === "company") return `Company ${i + 1} Ltd.`;
          if (c.key === "email") return `buyer${i + 1}@example${i % 997}.com`;
          if (c.key === "grade") return "ABCD"[i % 4];
          if (c.kind === "date" || c.kind === "datetime") return NOW;
          if (c.kind === "number") return 0;
          return c.kind === "enum" ? (c.values?.[0] ?? "") : "x";
        }),
      );
      sheet.getRange(2, 1, rows, Buyers.columns.length).setValues(values);
    });
    env.ctx.meter.reset();
    const { ms } = cpuMs(() => {
      const sheet = book.getSheetByName(Buyers.name)!;
      const table = readTable(sheet, Buyers, { parseDateText: () => undefined });
      const writer = new TableWriter(table);
      for (let k = 0; k < 500; k += 1) {
        const row = table.rows[(k * 7919) % rows];
        writer.update(row.record.id, { grade: "A", nextFollowUp: new Date("2026-11-26T16:00:00Z") });
      }
      const report = writer.commit();
      if (report.updated !== 500) throw new Error(`expected 500 rows written, got ${report.updated}`);
    });
    return { env, cpuMs: ms };
  },
};

export const scenarios = [setup, scatteredWrite];
