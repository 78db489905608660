/**
 * A set-up book with a small team and a few buyers and inquiries, for the sidebar's RPC tests. `call` runs one
 * RPC the way Apps Script would (google.script.run -> rpc(method, payloadJson)) as a given user.
 */

import type { RpcResult } from "../../src/app/result";
import { setupWorkbook } from "../../src/features/setup/setup";
import { HANDLERS } from "../../src/rpc/handlers";
import { dispatch } from "../../src/rpc/server";
import { type Buyer, Buyers, Inquiries, type Inquiry, Staff, type StaffMember } from "../../src/store/schemas";
import { emptyRecord, readTable, TableWriter } from "../../src/store/table";
import { installGas, vouchCurrentDeputies } from "./gas";

export const NOW = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
export const BOSS = "boss@acme-tools.cn";
export const ASSISTANT = "amy@acme-tools.cn";
export const ALICE = "alice@acme-tools.cn";
export const BOB = "bob@acme-tools.cn";
export const VIEWER = "manager@alibaba-partner.com";
export const FROZEN = "fred@acme-tools.cn";
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

export interface WorldOptions {
  buyers?: Buyer[];
  inquiries?: Inquiry[];
  staff?: StaffMember[];
  /** The account kind (emulator): who Session names, whether protections open to the domain. */
  account?: "workspace" | "consumer";
}

export function makeWorld(options: WorldOptions = {}) {
  const w = installGas({ owner: BOSS, now: NOW.toISOString(), account: options.account });
  const { env, book } = w;
  env.ctx.meter.quietly(() => {
    setupWorkbook(book, BOSS, "en", NOW);
    // Everyone may open the file; whether they may act is Buyerbook's decision (the Staff sheet), tested here.
    book.addEditors([ASSISTANT, ALICE, BOB, "carol@acme-tools.cn", FROZEN, STRANGER]);
    book.addViewer(VIEWER);
    const staff = new TableWriter(readTable(book.getSheetByName(Staff.name)!, Staff, parse));
    for (const m of options.staff ?? defaultStaff()) staff.append(m);
    staff.commit();
    vouchCurrentDeputies(env, book);
    const buyers = new TableWriter(readTable(book.getSheetByName(Buyers.name)!, Buyers, parse));
    for (const b of options.buyers ?? []) buyers.append(b);
    buyers.commit();
    const inquiries = new TableWriter(readTable(book.getSheetByName(Inquiries.name)!, Inquiries, parse));
    for (const i of options.inquiries ?? []) inquiries.append(i);
    inquiries.commit();
  });
  const call = <T = unknown>(user: string, method: string, payload: unknown = {}, now: Date = NOW): RpcResult<T> =>
    env.ctx.runAs(user, () => {
      env.LockService.beginExecution(`rpc-${user}-${method}`);
      try {
        return dispatch(HANDLERS, method, JSON.stringify(payload), book, user, now) as RpcResult<T>;
      } finally {
        env.LockService.endExecution(`rpc-${user}-${method}`);
      }
    });
  const ok = <T = unknown>(user: string, method: string, payload: unknown = {}, now: Date = NOW): T => {
    const r = call<T>(user, method, payload, now);
    if (!r.ok) throw new Error(`${method} as ${user} failed: ${r.code} ${r.error}`);
    return r.data;
  };
  const read = <S extends typeof Buyers | typeof Inquiries | typeof Staff>(spec: S) =>
    env.ctx.meter.quietly(() => readTable(book.getSheetByName(spec.name)!, spec, parse));
  const sheetValues = (name: string) =>
    env.ctx.meter.quietly(() => book.getSheetByName(name)!.getDataRange().getValues());
  return { ...w, call, ok, read, sheetValues };
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
    staffRow({ email: "carol@acme-tools.cn", role: "salesperson", name: "Carol" }),
    staffRow({ email: VIEWER, role: "viewer" }),
    staffRow({ email: FROZEN, role: "salesperson", status: "frozen" }),
  ];
}
