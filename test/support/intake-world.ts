/**
 * A small company's Buyerbook for intake tests: a set-up workbook, a team (an active salesperson per market,
 * one away with a deputy, one frozen), our mail domain in Settings, and a helper that runs one pull as the
 * mailbox owner would (in-process, on the emulator's clock).
 */
import { Budget } from "../../src/app/budget";
import { type PullResult, pullMailbox } from "../../src/features/intake/pull";
import { setupWorkbook } from "../../src/features/setup/setup";
import { Buyers, Inquiries, Products, Routing, Settings, Staff } from "../../src/store/schemas";
import { installGas, type TestWorld } from "./gas";

export const BOSS = "boss@acme-tools.cn";
export const ANN = "ann@acme-tools.cn";
export const BOB = "bob@acme-tools.cn";
export const CAT = "cat@acme-tools.cn";
export const DAN = "dan@acme-tools.cn";
export const DOMAIN = "acme-tools.cn";

/** Monday 2026-11-23 09:00 in Shanghai is 01:00 UTC. */
export const MONDAY_0900 = new Date("2026-11-23T01:00:00Z");

export interface StaffRow {
  email: string;
  name: string;
  role: "boss" | "assistant" | "salesperson" | "viewer";
  status?: "active" | "away" | "frozen" | "";
  deputy?: string;
  regions?: string;
  products?: string;
}

export const TEAM: StaffRow[] = [
  { email: BOSS, name: "Boss Zhang", role: "boss" },
  { email: ANN, name: "Ann Li", role: "salesperson", regions: "Europe" },
  { email: BOB, name: "Bob Wang", role: "salesperson", regions: "North America" },
  { email: CAT, name: "Cat Chen", role: "salesperson", status: "away", deputy: BOB, regions: "Middle East" },
  { email: DAN, name: "Dan Zhou", role: "salesperson", status: "frozen" },
];

export interface IntakeWorld extends TestWorld {
  pull(mailbox: string, options?: { now?: Date; budget?: Budget }): PullResult;
  /** Data rows of a sheet (header dropped), read without counting. */
  rows(sheet: "Buyers" | "Inquiries" | "Log"): unknown[][];
  /** Records of Inquiries/Buyers keyed by column key, read without counting. */
  records(sheet: "Buyers" | "Inquiries"): Record<string, unknown>[];
  setStaff(team: StaffRow[]): void;
  setRouting(rows: { country?: string; region?: string; product?: string; to: string }[]): void;
  setSetting(key: string, value: string): void;
}

export function intakeWorld(options: { now?: Date; team?: StaffRow[] } = {}): IntakeWorld {
  const now = options.now ?? MONDAY_0900;
  const w = installGas({ now, owner: BOSS });
  const { env, book } = w;
  const quiet = <T>(fn: () => T) => env.ctx.meter.quietly(fn);
  quiet(() => setupWorkbook(book, BOSS, "en", now));

  const sheet = (name: string) => book.getSheetByName(name)!;
  const setSetting = (key: string, value: string) =>
    quiet(() => {
      const s = sheet(Settings.name);
      const keys = s
        .getRange(1, 1, s.getLastRow(), 1)
        .getValues()
        .map((r) => String(r[0]));
      const row = keys.indexOf(key);
      if (row >= 0) s.getRange(row + 1, 2).setValue(value);
      else s.appendRow([key, value, ""]);
    });
  const setStaff = (team: StaffRow[]) =>
    quiet(() => {
      const s = sheet(Staff.name);
      if (s.getLastRow() > 1) s.getRange(2, 1, s.getLastRow() - 1, Staff.columns.length).clearContent();
      const lines = team.map((m) =>
        Staff.columns.map((c) => {
          const v = (m as unknown as Record<string, unknown>)[c.key];
          if (c.key === "status") return m.status ?? "active";
          return v ?? "";
        }),
      );
      s.getRange(2, 1, lines.length, Staff.columns.length).setValues(lines);
    });
  const setRouting = (rows: { country?: string; region?: string; product?: string; to: string }[]) =>
    quiet(() => {
      const s = sheet(Routing.name);
      const lines = rows.map((r) => [r.country ?? "", r.region ?? "", r.product ?? "", r.to]);
      s.getRange(2, 1, lines.length, 4).setValues(lines);
    });
  // Everyone on the team works in the shared book (each pulls their own mailbox into it).
  quiet(() => {
    for (const m of TEAM) if (m.email !== BOSS) book.addEditor(m.email);
  });
  setSetting("company.domains", DOMAIN);
  setStaff(options.team ?? TEAM);

  const rows = (name: "Buyers" | "Inquiries" | "Log") => quiet(() => sheet(name).getDataRange().getValues().slice(1));
  const records = (name: "Buyers" | "Inquiries") => {
    const spec = name === "Buyers" ? Buyers : Inquiries;
    return rows(name).map((line) => Object.fromEntries(spec.columns.map((c, i) => [c.key, line[i]])));
  };
  const pull = (mailbox: string, opts: { now?: Date; budget?: Budget } = {}) =>
    env.ctx.runAs(mailbox, () =>
      pullMailbox({
        book,
        mailbox,
        now: opts.now ?? env.ctx.clock.now(),
        budget: opts.budget ?? new Budget(270_000, () => env.ctx.clock.nowMs()),
      }),
    );
  return { ...w, pull, rows, records, setStaff, setRouting, setSetting };
}

/** Appends one buyer row (column order of the Buyers schema), without counting. */
export function seedBuyer(w: TestWorld, buyer: Record<string, unknown>): void {
  seedRows(w, "Buyers", [{ status: "active", ...buyer }]);
}

/** Appends records (by column key) to Buyers, Inquiries or Products in one write, without counting. */
export function seedRows(
  w: TestWorld,
  name: "Buyers" | "Inquiries" | "Products",
  records: Record<string, unknown>[],
): void {
  const spec = name === "Buyers" ? Buyers : name === "Inquiries" ? Inquiries : Products;
  w.env.ctx.meter.quietly(() => {
    const sheet = w.book.getSheetByName(spec.name)!;
    const lines = records.map((r) => spec.columns.map((c) => r[c.key] ?? (c.kind === "bool" ? false : "")));
    const need = sheet.getLastRow() + lines.length - sheet.getMaxRows();
    if (need > 0) sheet.insertRowsAfter(sheet.getMaxRows(), need);
    sheet.getRange(sheet.getLastRow() + 1, 1, lines.length, spec.columns.length).setValues(lines);
  });
}

/** Every formula of a sheet's data, flattened ("" where a cell holds a value). */
export function formulasOf(world: TestWorld, name: string): string[] {
  return world.env.ctx.meter.quietly(() => world.book.getSheetByName(name)!.getDataRange().getFormulas().flat());
}

export const SHEETS_WITH_INTAKE = ["Buyers", "Inquiries", "Log"] as const;
