/**
 * The demo company on disk: `DIR/book.xlsx` (set up by the add-on itself, then filled through the emulated
 * SpreadsheetApp with one batched write per sheet) and `DIR/mail/<address>/*.eml`, all relative to "now" and
 * the same on every run (seeded).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SheetSpec } from "../../src/store/columns";
import { mapHeaders } from "../../src/store/headers";
import { ALL_SHEETS, Buyers, Products, Routing, Settings, Staff } from "../../src/store/schemas";
import { LocalSession, statePath } from "../runtime/session";
import { BOSS, companySettings, DEMO_PRODUCTS, DEMO_ROUTING, DEMO_USERS, type DemoUser } from "./company";
import { type HistorySummary, liveHistory } from "./history";
import { type DemoMail, demoMails, type OwnedPerson } from "./mails";
import { asciiSlug, inventPeople } from "./people";
import { SeededRandom } from "./random";
import { type BuyerBook, buyerRows, ownerFor, type Row } from "./records";

export { BOSS, COMPANY_NAME, DEMO_USERS, type DemoUser, DOMAIN } from "./company";
export type { HistorySummary } from "./history";
export type { DemoMail } from "./mails";

export interface DemoOptions {
  /** The data folder: the book is written to DIR/book.xlsx, the mailboxes to DIR/mail/. */
  dir: string;
  /** The demo's "now": mail and contacts are dated in the three weeks before it. */
  now: Date | string;
  /** The language of Settings and sheet headers (default en). */
  language?: "en" | "zh-CN";
  /** Where the built project is (default dist/). */
  dist?: string;
  seed?: number;
}

export interface DemoResult {
  bookPath: string;
  mailDir: string;
  users: DemoUser[];
  buyers: number;
  mails: DemoMail[];
  /** What the three weeks of history did through the add-on. */
  history: HistorySummary;
  /** How long creating the demo took (ms). */
  ms: number;
  /** The session that wrote the demo, still open (the workbench carries on with it instead of reloading). */
  session: LocalSession;
}

export const DEMO_BUYERS = 60;
const DAY = 24 * 3600_000;

export async function createDemo(options: DemoOptions): Promise<DemoResult> {
  const now = new Date(options.now);
  const dir = path.resolve(options.dir);
  const bookPath = path.join(dir, "book.xlsx");
  const mailDir = path.join(dir, "mail");

  const started = Date.now();
  const { mails, book: rows, rnd } = demoPlan(now, options.seed);
  const files = writeMailFolder(mailDir, mails);

  for (const file of [bookPath, statePath(bookPath)]) if (existsSync(file)) rmSync(file);
  // The book is set up before the oldest mail arrived; the mail is delivered as its time comes (history.ts).
  const setUpAt = new Date(Math.min(...mails.map((m) => m.date.getTime())) - DAY);
  const session = await LocalSession.open({
    book: bookPath,
    now: setUpAt.toISOString(),
    as: BOSS,
    dist: options.dist,
  });
  // Writing the demo is "what happened before now": the clock stays at now instead of running on by the
  // modeled cost of setting the book up.
  session.env.ctx.modelTime = false;
  const language = options.language ?? "en";
  // A person who types the language into Settings first gets every sheet set up in that language.
  asOwner(session, (book) => {
    const settings = book.insertSheet(Settings.name);
    settings.getRange(1, 1, 2, 3).setValues([
      ["Key", "Value", "Note"],
      ["language", language, ""],
    ]);
  });
  session.run("menuSetup", [], BOSS);
  putSettingsInPlace(session);
  const { buyers, followUps } = rows;
  // What the company kept before Buyerbook: staff, profile, catalogue, routing and its buyer list.
  asOwner(session, (book) => {
    writeRows(book, Staff, staffRows(now), { replace: true });
    writeSettings(book, companySettings(language));
    writeRows(book, Products, DEMO_PRODUCTS as unknown as Row[], { replace: true });
    writeRows(book, Routing, DEMO_ROUTING, { replace: true });
    writeRows(book, Buyers, buyers, { replace: true });
    book.addEditors(DEMO_USERS.filter((u) => u.email !== BOSS).map((u) => u.email));
  });
  // Again, now that Staff names the assistant: protections for boss and assistant, the menu language cached.
  session.run("menuSetup", [], BOSS);
  const history = await liveHistory(session, rnd, now, mails, files, followUps);
  session.run("menuRefreshDue", [], BOSS);
  startSchedulesOnTheHour(session, now);
  session.env.ctx.modelTime = true;
  await session.save();
  const ms = Date.now() - started;
  return { bookPath, mailDir, users: DEMO_USERS, buyers: buyers.length, mails, history, ms, session };
}

/**
 * Each person starts the schedule at the top of the hour, so the hourly heartbeats fire on the hour (a
 * "Saturday 16:00" step lands on the report slot itself); the clock then goes back to now.
 */
function startSchedulesOnTheHour(session: LocalSession, now: Date): void {
  const { clock } = session.env.ctx;
  clock.set(Math.floor(now.getTime() / 3600_000) * 3600_000);
  for (const user of DEMO_USERS) session.run("menuStartSchedule", [], user.email);
  clock.set(now.getTime());
}

/** Everything the demo writes, computed without touching disk or the emulator (same seed and now, same demo). */
export function demoPlan(now: Date, seed = 20061108): { mails: DemoMail[]; book: BuyerBook; rnd: SeededRandom } {
  const rnd = new SeededRandom(seed);
  const pool: OwnedPerson[] = inventPeople(rnd, DEMO_BUYERS + 30).map((p) => ({ ...p, owner: ownerFor(p) }));
  const known = pool.slice(0, DEMO_BUYERS);
  const mails = demoMails(rnd, now, known, pool.slice(DEMO_BUYERS));
  return { mails, book: buyerRows(rnd, now, known), rnd };
}

/**
 * The person who typed Settings first now drags its tab to where setup would have put it (Apps Script's
 * moveActiveSheet does the same; the emulator does not offer it, so the tab order is set on its model).
 */
function putSettingsInPlace(session: LocalSession): void {
  const model = session.env.SpreadsheetApp.emulated(session.book()).model;
  const order = ALL_SHEETS.map((s) => s.name as string);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  model.sheets.sort((a, b) => rank(a.name) - rank(b.name));
}

function asOwner(session: LocalSession, fn: (book: GoogleAppsScript.Spreadsheet.Spreadsheet) => void): void {
  session.env.ctx.runAs(session.owner, () => fn(session.env.SpreadsheetApp.getActiveSpreadsheet()));
}

/** Writes each mail as DIR/<mailbox>/<stamp>-NN-<subject>.eml; returns the files in the mails' order. */
function writeMailFolder(mailDir: string, mails: DemoMail[]): string[] {
  if (existsSync(mailDir)) rmSync(mailDir, { recursive: true });
  for (const u of DEMO_USERS) mkdirSync(path.join(mailDir, u.email), { recursive: true });
  return mails.map((m, i) => {
    const stamp = m.date.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
    const name = `${stamp}-${String(i + 1).padStart(2, "0")}-${asciiSlug(m.subject).slice(0, 40)}.eml`;
    const file = path.join(mailDir, m.mailbox, name);
    writeFileSync(file, m.raw);
    return file;
  });
}

function staffRows(now: Date): Row[] {
  return DEMO_USERS.map((u) => ({
    email: u.email,
    name: u.name,
    role: u.role,
    status: "active",
    deputy: u.deputy ?? "",
    awayFrom: u.awayDays ? dayStart(now, u.awayDays[0]) : "",
    awayUntil: u.awayDays ? dayStart(now, u.awayDays[1]) : "",
    regions: u.regions.join(", "),
    products: u.products.join(", "),
    joined: dayStart(now, -u.joinedDaysAgo),
    left: "",
    language: u.language,
  }));
}

function dayStart(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(0, 0, 0, 0);
  return d;
}

/**
 * Writes records under the sheet's header (found by English or Chinese label), in one setValues.
 * `replace` writes from row 2, over whatever a setup put there (the boss's own Staff row).
 */
function writeRows(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: SheetSpec,
  rows: Row[],
  options: { replace?: boolean } = {},
): void {
  const sheet = book.getSheetByName(spec.name);
  if (!sheet) throw new Error(`Demo: sheet ${spec.name} missing after setup`);
  if (rows.length === 0) return;
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0];
  const { index } = mapHeaders(spec, header);
  const values = rows.map((r) => {
    const line: unknown[] = new Array(width).fill("");
    for (const [key, value] of Object.entries(r)) {
      const at = index.get(key);
      if (at !== undefined) line[at] = value ?? "";
    }
    return line;
  });
  const firstRow = options.replace ? 2 : sheet.getLastRow() + 1;
  sheet.getRange(firstRow, 1, values.length, width).setValues(values);
}

/** Fills values of the Settings keys setup wrote (one read, one write of the value column). */
function writeSettings(book: GoogleAppsScript.Spreadsheet.Spreadsheet, values: Record<string, string>): void {
  const sheet = book.getSheetByName(Settings.name)!;
  const all = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  const { index } = mapHeaders(Settings, all[0]);
  const k = index.get("key")!;
  const v = index.get("value")!;
  const column = all.slice(1).map((r) => [r[k] in values ? values[String(r[k])] : r[v]]);
  sheet.getRange(2, v + 1, column.length, 1).setValues(column);
}
