/**
 * The pull's small tables (Settings, Staff, Rules, Routing) come from the document cache shared with the RPC
 * layer (src/store/small-tables.ts): how fresh they are, and what they cost.
 */
import { describe, expect, it } from "vitest";
import { forgetCachedTables } from "../../../src/app/context";
import { headerCacheKey } from "../../../src/store/row-store";
import { Buyers, Inquiries } from "../../../src/store/schemas";
import { CACHE_SECONDS, forgetSmallTables, loadSmallTables } from "../../../src/store/small-tables";
import { ANN, BOB, BOSS, intakeWorld, TEAM } from "../../support/world";

/** Companies with nothing in common (similar names would be possible duplicates, routed to their owner). */
const FIRMS = ["Zephyr Optik", "Aurora Leuchten", "Borealis Licht", "Cobalt Lampen", "Delta Strahler"];

/** To the boss's mailbox (not a salesperson's), so the Routing rules decide who gets the new buyer (R6). */
function globalSources(country: string, n: number, date: Date) {
  return {
    from: "Global Sources <inquiry@globalsources.com>",
    to: BOSS,
    subject: `New Inquiry for LED Bulb ${n}`,
    text: `Hello,\n\nYou have received a new inquiry on Global Sources.\n\nBuyer Name: Buyer ${n}\nCompany: ${FIRMS[n % FIRMS.length]} GmbH\nCountry/Territory: ${country}\nProduct: LED Bulb\nOrder Quantity: 500 units\n\nInquiry Message:\nPrice please.\n\nReply to buyer: https://www.globalsources.com/x\n`,
    messageId: `<gs${n}@globalsources.com>`,
    date,
  };
}

describe("small tables from the document cache", () => {
  it("R6: a hand edit of Routing reaches the pull once the cached copy expires (CACHE_SECONDS), not before", () => {
    const w = intakeWorld();
    w.pull(BOSS); // an earlier run: the small tables are cached now
    w.setRouting([{ country: "India", to: BOB }]); // by hand, in the sheet
    w.env.mail.deliverStructured(globalSources("India", 1, w.env.ctx.clock.now()));
    w.env.ctx.clock.advance(60_000);
    w.pull(BOSS);
    const ownerOf = (n: number) =>
      w.records("Inquiries").find((r) => r.rfcMessageId === `gs${n}@globalsources.com`)?.owner;
    expect(ownerOf(1)).toBeTruthy();
    expect(ownerOf(1)).not.toBe(BOB); // the cached Routing (no rules) still applied

    w.env.ctx.clock.advance(CACHE_SECONDS * 1000);
    w.env.mail.deliverStructured(globalSources("India", 2, w.env.ctx.clock.now()));
    w.env.ctx.clock.advance(60_000);
    w.pull(BOSS);
    expect(ownerOf(2)).toBe(BOB);
  });

  it("R6: Buyerbook's own Staff change (forgetCachedTables) is seen by the next pull at once", () => {
    const w = intakeWorld();
    w.pull(BOSS);
    w.setRouting([{ country: "India", to: BOB }]);
    forgetCachedTables();
    w.env.mail.deliverStructured(globalSources("India", 1, w.env.ctx.clock.now()));
    w.env.ctx.clock.advance(60_000);
    w.pull(BOSS);
    expect(w.records("Inquiries")[0].owner).toBe(BOB);
  });

  it("a warm cache costs one cache call and no Sheets call; dates come back as dates, Settings values as text", () => {
    const w = intakeWorld({
      team: TEAM.map((m) => (m.email === ANN ? { ...m, status: "away" as const, deputy: BOB } : m)),
    });
    w.setSetting("holidays", "2026-12-25T00:00:00Z");
    w.env.ctx.meter.quietly(() =>
      w.book.getSheetByName("Staff")!.getRange(3, 6).setValue(new Date("2026-11-20T00:00:00Z")),
    );
    const cold = loadSmallTables(w.book, { intake: true });
    const meter = w.env.ctx.meter;
    meter.reset();
    const warm = loadSmallTables(w.book, { intake: true });
    // One cache read at most, and no Sheets call at all.
    expect(meter.totalCalls).toBeLessThanOrEqual(1);
    expect(meter.callsOf("Spreadsheet")).toBe(0);
    expect(warm).toEqual(cold);
    const ann = warm.staff.records.find((s) => s.email === ANN)!;
    expect(ann.awayFrom).toBeInstanceOf(Date);
    expect(ann.awayFrom).toEqual(new Date("2026-11-20T00:00:00Z"));
    expect(warm.settings.records.find((s) => s.key === "holidays")?.value).toBe("2026-12-25T00:00:00Z");
  });

  it("a missing optional sheet (Rules) is remembered as missing, so a later run does not look for it", () => {
    const w = intakeWorld();
    w.env.ctx.meter.quietly(() => w.book.deleteSheet(w.book.getSheetByName("Rules")!));
    expect(loadSmallTables(w.book, { intake: true }).rules).toBeUndefined();
    const meter = w.env.ctx.meter;
    meter.reset();
    expect(loadSmallTables(w.book, { intake: true }).rules).toBeUndefined();
    expect(meter.methodCalls("Spreadsheet.getSheetByName")).toBe(0);
    forgetSmallTables();
    meter.reset();
    loadSmallTables(w.book, { intake: true });
    const lookups = meter.methodCalls("Spreadsheet.getSheetByName");
    expect(lookups).toBeGreaterThan(0);
    expect(lookups).toBeLessThanOrEqual(4);
  });

  it("a cold start reads the tables and the header rows asked for in ONE call; the same tables as read one by one", () => {
    const w = intakeWorld({
      team: TEAM.map((m) => (m.email === ANN ? { ...m, status: "away" as const, deputy: BOB } : m)),
    });
    w.env.ctx.meter.quietly(() => {
      const staff = w.book.getSheetByName("Staff")!;
      staff.getRange(3, 6, 1, 2).setValues([[new Date("2026-11-20T00:00:00Z"), new Date("2026-12-04T00:00:00Z")]]);
      // A person's note far right of the table, and a blank row inside it: read as the sheet holds them.
      staff.insertColumnAfter(staff.getMaxColumns());
      staff.getRange(2, staff.getMaxColumns()).setValue("own note");
      staff.insertRowAfter(3);
    });
    const meter = w.env.ctx.meter;
    meter.reset();
    meter.keepLog = true;
    const together = loadSmallTables(w.book, { intake: true, headers: [Buyers, Inquiries] });
    const reads = meter.log().filter((c) => c.type === "Spreadsheet.read");
    expect(reads.map((c) => c.method)).toEqual(["Sheets.Spreadsheets.Values.batchGetByDataFilter"]);
    expect(meter.methodCalls("Spreadsheet.getSheetByName")).toBe(0);
    // The header rows are cached with the tables, as the sheets hold them.
    const cache = w.env.CacheService.getDocumentCache()!;
    const header = (name: string) => w.book.getSheetByName(name)!.getRange(1, 1, 1, 3).getValues()[0];
    expect(JSON.parse(cache.get(headerCacheKey(Buyers)) ?? "[]").slice(0, 3)).toEqual(header(Buyers.name));
    expect(JSON.parse(cache.get(headerCacheKey(Inquiries)) ?? "[]").slice(0, 3)).toEqual(header(Inquiries.name));

    // Without the advanced service every table is read on its own: the same records, the same dates.
    forgetSmallTables();
    const g = globalThis as { Sheets?: unknown };
    const api = g.Sheets;
    delete g.Sheets;
    try {
      const alone = loadSmallTables(w.book, { intake: true });
      expect(alone).toEqual(together);
    } finally {
      g.Sheets = api;
    }
    const ann = together.staff.records.find((s) => s.email === ANN)!;
    expect([ann.awayFrom, ann.awayUntil]).toEqual([new Date("2026-11-20T00:00:00Z"), new Date("2026-12-04T00:00:00Z")]);
  });

  it("a missing required sheet still says which sheet is missing, whichever way the tables are read", () => {
    const w = intakeWorld();
    w.env.ctx.meter.quietly(() => w.book.deleteSheet(w.book.getSheetByName("Staff")!));
    forgetSmallTables();
    expect(() => loadSmallTables(w.book, { headers: [Buyers] })).toThrow(/Staff/);
  });

  it("a date typed as text in Staff is read in the company's time zone when only Staff is read again (Settings cached)", () => {
    const w = intakeWorld();
    w.env.ctx.meter.quietly(() => {
      const cell = w.book.getSheetByName("Staff")!.getRange(3, 6);
      cell.setNumberFormat("@");
      cell.setValue("2026-12-01");
    });
    const fromScratch = loadSmallTables(w.book, { intake: true });
    // Staff's copy is gone (evicted), Settings' is not: Staff alone is read again.
    w.env.CacheService.getDocumentCache()!.remove("small-tables.v2.staff");
    const again = loadSmallTables(w.book, { intake: true });
    const day = (t: typeof again) => t.staff.records.find((s) => s.awayFrom)?.awayFrom;
    expect(day(fromScratch)).toBeInstanceOf(Date);
    expect(day(again)).toEqual(day(fromScratch));
    // Not midnight UTC: the company's zone is east of Greenwich.
    expect(day(again)?.getUTCHours()).not.toBe(0);
  });
});
