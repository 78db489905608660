import { createGasEnvironment, type GasEnvironment, type GasEnvironmentOptions } from "@buyerbook/gas-emulator";
import { vouchAway } from "../../src/store/deputies";
import { Staff } from "../../src/store/schemas";
import { readTable } from "../../src/store/table";

/**
 * An emulated Apps Script world for in-process tests of src/ code: the services become globals (as in Apps
 * Script), a spreadsheet owned by `owner` is the active one, and the code runs as `owner` by default.
 * Jobs take `now` as a parameter, so the real Date stays untouched.
 */
export function installGas(options: GasEnvironmentOptions & { owner?: string; bookName?: string } = {}) {
  const owner = options.owner ?? "boss@acme-tools.cn";
  const env = createGasEnvironment({ now: "2026-11-23T01:00:00Z", user: owner, ...options });
  const { Date: _date, console: _console, ...globals } = env.globals();
  Object.assign(globalThis, globals);
  const book = env.SpreadsheetApp.createForTest(options.bookName ?? "Buyerbook", owner);
  env.SpreadsheetApp.setActive(book);
  return { env, book, owner };
}

export type TestWorld = ReturnType<typeof installGas>;

/** Run `fn` as `user` (active and effective), like one execution by that person. */
export function as<T>(env: GasEnvironment, user: string, fn: () => T): T {
  return env.ctx.runAs(user, fn);
}

/**
 * Vouches for every deputy relation now in the Staff sheet, as the boss would by confirming them (R6): test
 * worlds that write Staff directly stand for a team whose deputies were set the proper way.
 */
export function vouchCurrentDeputies(env: GasEnvironment, book: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  env.ctx.meter.quietly(() => {
    const staff = readTable(book.getSheetByName(Staff.name)!, Staff, { parseDateText: () => undefined });
    const cells = staff.rows.map((r) => r.record).filter((s) => s.deputy !== "");
    vouchAway(cells, "boss@acme-tools.cn", new Date("2026-11-01T00:00:00Z"));
  });
}
