import { type Action, decide } from "../domain/access";
import type { StaffFacts } from "../domain/routing";
import { type Lang, t, toLang } from "../i18n";
import { type Config, readConfig } from "../jobs/config";
import { staffList } from "../jobs/staff";
import { loadTable } from "../jobs/tables";
import { Settings, Staff, type StaffMember } from "../store/schemas";
import { RpcError } from "./result";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Who is calling and the small tables every RPC needs (Staff, Settings). They are read once per call, or
 * served from the document cache for a few minutes: a click should not cost two whole-sheet reads.
 * Actions that change Staff or Settings call `forgetCachedTables`.
 */
export interface RpcContext {
  book: Book;
  user: string;
  me: StaffMember | undefined;
  staff: StaffMember[];
  staffFacts: StaffFacts[];
  config: Config;
  lang: Lang;
  now: Date;
}

const CACHE_KEY = "rpc.tables.v1";
const CACHE_SECONDS = 300;

interface CachedTables {
  staff: StaffMember[];
  settings: { key: string; value: string; note: string }[];
}

export function forgetCachedTables(): void {
  CacheService.getDocumentCache()?.remove(CACHE_KEY);
}

export function loadRpcContext(book: Book, user: string, now: Date): RpcContext {
  const cache = CacheService.getDocumentCache();
  const cached = cache?.get(CACHE_KEY);
  let tables: CachedTables;
  if (cached) tables = JSON.parse(cached, reviveDates) as CachedTables;
  else {
    const settings = loadTable(book, Settings, "UTC");
    const tz = readConfig(settings).timeZone;
    const staff = loadTable(book, Staff, tz);
    tables = { staff: staff.rows.map((r) => r.record), settings: settings.rows.map((r) => r.record) };
    const json = JSON.stringify(tables);
    // CacheService values are capped at 100 KB; a bigger Staff/Settings just isn't cached.
    if (json.length < 90_000) cache?.put(CACHE_KEY, json, CACHE_SECONDS);
  }
  const config = readConfig({ rows: tables.settings.map((record) => ({ record })) } as unknown as Parameters<
    typeof readConfig
  >[0]);
  const me = tables.staff.find((s) => s.email.toLowerCase() === user.toLowerCase());
  const facts = staffList({ rows: tables.staff.map((record) => ({ record })) } as unknown as Parameters<
    typeof staffList
  >[0]);
  return {
    book,
    user,
    me,
    staff: tables.staff,
    staffFacts: facts,
    config,
    lang: me?.language ? toLang(me.language) : config.lang,
    now,
  };
}

function reviveDates(_key: string, value: unknown): unknown {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value)
    ? new Date(value)
    : value;
}

/** Throws a refusal in the caller's language unless they may do `action` (on a buyer owned by `owner`). */
export function authorize(ctx: RpcContext, action: Action, owner?: string): void {
  const decision = decide(
    ctx.me,
    action,
    owner === undefined ? undefined : { owner, staff: ctx.staffFacts, now: ctx.now },
  );
  if (decision.ok) return;
  switch (decision.reason) {
    case "unknown":
      throw new RpcError("unknown-user", t(ctx.lang, "auth.unknown", { email: ctx.user || "(anonymous)" }));
    case "frozen":
      throw new RpcError("frozen", t(ctx.lang, "auth.frozen", { email: ctx.user }));
    case "role":
      throw new RpcError("denied", t(ctx.lang, "auth.denied", { role: ctx.me?.role ?? "?", action }));
    case "not-owner":
      throw new RpcError("not-owner", t(ctx.lang, "auth.notYours", { buyer: "", owner: decision.owner ?? "" }));
  }
}
