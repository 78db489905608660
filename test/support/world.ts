/**
 * The one world builder for feature tests: a small export company (Ningbo Acme Tools) with its boss, assistant
 * and salespeople, a set-up Buyerbook, buyers and inquiries, and the mailboxes of the emulator.
 *
 * - `bookWorld` is the core: the emulated Apps Script, a book set up by its owner, settings, a team, editors
 *   and viewers, plus helpers to append rows, change settings and read sheets without counting calls.
 * - `makeWorld` is the desk's cast (an away salesperson with a deputy, a viewer, a frozen account) with `call`
 *   running one RPC as Apps Script would (google.script.run -> rpc(method, payloadJson)).
 * - `intakeWorld` is the mail pull's cast (a salesperson per market) with `pull` running one mailbox's pull.
 */

import { Budget } from "../../src/app/budget";
import type { RpcResult } from "../../src/app/result";
import { type PullResult, pullMailbox } from "../../src/features/intake/pull";
import { setupWorkbook } from "../../src/features/setup/setup";
import { HANDLERS } from "../../src/rpc/handlers";
import { dispatch } from "../../src/rpc/server";
import type { RecordOf, SheetSpec } from "../../src/store/columns";
import {
  type Buyer,
  Buyers,
  Inquiries,
  type Inquiry,
  Products,
  Routing,
  Settings,
  Staff,
  type StaffMember,
} from "../../src/store/schemas";
import { emptyRecord, readTable, TableWriter } from "../../src/store/table";
import { installGas, type TestWorld } from "./gas";

export const NOW = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
/** Monday 2026-11-23 09:00 in Shanghai is 01:00 UTC. */
export const MONDAY_0900 = new Date("2026-11-23T01:00:00Z");

// The cast. Everyone at the company writes from its domain; the platform's account manager does not.
export const DOMAIN = "acme-tools.cn";
export const BOSS = "boss@acme-tools.cn";
export const ASSISTANT = "amy@acme-tools.cn";
export const ALICE = "alice@acme-tools.cn";
export const BOB = "bob@acme-tools.cn";
export const CAROL = "carol@acme-tools.cn";
export const ANN = "ann@acme-tools.cn";
export const CAT = "cat@acme-tools.cn";
export const DAN = "dan@acme-tools.cn";
export const FROZEN = "fred@acme-tools.cn";
export const VIEWER = "manager@alibaba-partner.com";
export const STRANGER = "nobody@example.com";

const parse = { parseDateText: () => undefined };

export function staffRow(m: Partial<StaffMember> & { email: string; role: StaffMember["role"] }): StaffMember {
  return { ...emptyRecord(Staff), status: "active", language: "en", name: m.email.split("@")[0], ...m };
}

export function buyerRow(b: Partial<Buyer> & { id: string }): Buyer {
  return { ...emptyRecord(Buyers), status: "active", created: new Date("2026-11-01T02:00:00Z"), ...b };
}

export function inquiryRow(i: Partial<Inquiry> & { id: string; buyerId: string }): Inquiry {
  return {
    ...emptyRecord(Inquiries),
    receivedAt: new Date("2026-11-23T01:30:00Z"),
    channel: "email",
    status: "new",
    subject: "Inquiry about drills",
    ...i,
  };
}

export interface BookOptions {
  now?: Date;
  /** Who owns the spreadsheet, sets it up and so becomes the boss (default BOSS). */
  owner?: string;
  lang?: "en" | "zh-CN";
  /** Settings values by key (a key setup does not know is added). */
  settings?: Record<string, string>;
  /** Staff rows appended under the one setup writes for the owner. */
  staff?: StaffMember[];
  buyers?: Buyer[];
  inquiries?: Inquiry[];
  /** People the spreadsheet is shared with, as editors and as viewers (onboarding does this, C5). */
  editors?: string[];
  viewers?: string[];
}

/** A set-up book and the helpers every feature test needs; nothing here is counted by the call meter. */
export function bookWorld(options: BookOptions = {}) {
  const now = options.now ?? NOW;
  const owner = options.owner ?? BOSS;
  const w = installGas({ owner, now: now.toISOString() });
  const { env, book } = w;
  const quiet = <T>(fn: () => T): T => env.ctx.meter.quietly(fn);
  const sheet = (name: string) => book.getSheetByName(name)!;

  /** Appends records (fields not given are empty) to a sheet in one write. */
  const append = <S extends SheetSpec>(spec: S, records: readonly Partial<RecordOf<S>>[]): void =>
    quiet(() => {
      if (records.length === 0) return;
      const writer = new TableWriter(readTable(sheet(spec.name), spec, parse));
      for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as RecordOf<S>);
      writer.commit();
    });
  const setSettings = (values: Record<string, string>): void =>
    quiet(() => {
      const s = sheet(Settings.name);
      const keys = s
        .getRange(1, 1, s.getLastRow(), 1)
        .getValues()
        .map((r) => String(r[0]));
      for (const [key, value] of Object.entries(values)) {
        const row = keys.indexOf(key);
        if (row >= 0) s.getRange(row + 1, 2).setValue(value);
        else {
          s.appendRow([key, value, ""]);
          keys.push(key);
        }
      }
    });
  const read = <S extends SheetSpec>(spec: S) => quiet(() => readTable(sheet(spec.name), spec, parse));
  const records = <S extends SheetSpec>(spec: S) => read(spec).rows.map((r) => r.record);
  const sheetValues = (name: string) => quiet(() => sheet(name).getDataRange().getValues());
  /** What arrived in a person's inbox (subject, body, sender). */
  const inbox = (user: string) =>
    quiet(() =>
      env.ctx.runAs(user, () =>
        env.GmailApp.search("in:inbox")
          .flatMap((t) => t.getMessages())
          .map((m) => ({ subject: m.getSubject(), body: m.getPlainBody(), from: m.getFrom() })),
      ),
    );
  const call = <T = unknown>(user: string, method: string, payload: unknown = {}, at: Date = now): RpcResult<T> =>
    env.ctx.runAs(user, () => {
      env.LockService.beginExecution(`rpc-${user}-${method}`);
      try {
        return dispatch(HANDLERS, method, JSON.stringify(payload), book, user, at) as RpcResult<T>;
      } finally {
        env.LockService.endExecution(`rpc-${user}-${method}`);
      }
    });
  const ok = <T = unknown>(user: string, method: string, payload: unknown = {}, at: Date = now): T => {
    const r = call<T>(user, method, payload, at);
    if (!r.ok) throw new Error(`${method} as ${user} failed: ${r.code} ${r.error}`);
    return r.data;
  };

  quiet(() => {
    setupWorkbook(book, owner, options.lang ?? "en", now);
    if (options.editors?.length) book.addEditors(options.editors);
    for (const viewer of options.viewers ?? []) book.addViewer(viewer);
  });
  if (options.settings) setSettings(options.settings);
  append(Staff, options.staff ?? []);
  append(Buyers, options.buyers ?? []);
  append(Inquiries, options.inquiries ?? []);
  return { ...w, now, quiet, sheet, append, setSettings, read, records, sheetValues, inbox, call, ok };
}

export type BookWorld = ReturnType<typeof bookWorld>;

export interface WorldOptions {
  buyers?: Buyer[];
  inquiries?: Inquiry[];
  staff?: StaffMember[];
}

/** The desk's cast in a set-up book, for the sidebar's RPC tests. */
export function makeWorld(options: WorldOptions = {}) {
  const w = bookWorld({
    // Everyone may open the file; whether they may act is Buyerbook's decision (the Staff sheet), tested here.
    editors: [ASSISTANT, ALICE, BOB, CAROL, FROZEN, STRANGER],
    viewers: [VIEWER],
    staff: options.staff ?? defaultStaff(),
    buyers: options.buyers,
    inquiries: options.inquiries,
  });
  return w;
}

export type World = ReturnType<typeof makeWorld>;

export function defaultStaff(): StaffMember[] {
  return [
    staffRow({ email: ASSISTANT, role: "assistant" }),
    staffRow({ email: ALICE, role: "salesperson", name: "Alice" }),
    // Bob is travelling and named Alice his deputy (R6).
    staffRow({
      email: BOB,
      role: "salesperson",
      name: "Bob",
      status: "away",
      deputy: ALICE,
      awayUntil: new Date("2026-12-01T00:00:00Z"),
    }),
    staffRow({ email: CAROL, role: "salesperson", name: "Carol" }),
    staffRow({ email: VIEWER, role: "viewer" }),
    staffRow({ email: FROZEN, role: "salesperson", status: "frozen" }),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The mail pull's cast

export interface StaffLine {
  email: string;
  name: string;
  role: "boss" | "assistant" | "salesperson" | "viewer";
  status?: "active" | "away" | "frozen" | "";
  deputy?: string;
  regions?: string;
  products?: string;
}

/** A salesperson per market, one away with a deputy, one frozen. */
export const TEAM: StaffLine[] = [
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
  setStaff(team: StaffLine[]): void;
  setRouting(rows: { country?: string; region?: string; product?: string; to: string }[]): void;
  setSetting(key: string, value: string): void;
}

/** The pull's cast in a set-up book with our mail domain in Settings; `pull` runs as the mailbox owner would. */
export function intakeWorld(options: { now?: Date; team?: StaffLine[] } = {}): IntakeWorld {
  const w = bookWorld({
    now: options.now ?? MONDAY_0900,
    // Everyone on the team works in the shared book (each pulls their own mailbox into it).
    editors: TEAM.filter((m) => m.email !== BOSS).map((m) => m.email),
    settings: { "company.domains": DOMAIN },
  });
  const { env, quiet, sheet } = w;
  const setStaff = (team: StaffLine[]) =>
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
      const lines = rows.map((r) => [r.country ?? "", r.region ?? "", r.product ?? "", r.to]);
      sheet(Routing.name).getRange(2, 1, lines.length, 4).setValues(lines);
    });
  setStaff(options.team ?? TEAM);

  const rows = (name: "Buyers" | "Inquiries" | "Log") => quiet(() => sheet(name).getDataRange().getValues().slice(1));
  const records = (name: "Buyers" | "Inquiries") => {
    const spec = name === "Buyers" ? Buyers : Inquiries;
    return rows(name).map((line) => Object.fromEntries(spec.columns.map((c, i) => [c.key, line[i]])));
  };
  const pull = (mailbox: string, opts: { now?: Date; budget?: Budget } = {}) =>
    env.ctx.runAs(mailbox, () =>
      pullMailbox({
        book: w.book,
        mailbox,
        now: opts.now ?? env.ctx.clock.now(),
        budget: opts.budget ?? new Budget(270_000, () => env.ctx.clock.nowMs()),
      }),
    );
  const setSetting = (key: string, value: string) => w.setSettings({ [key]: value });
  return { env, book: w.book, owner: w.owner, pull, rows, records, setStaff, setRouting, setSetting };
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
