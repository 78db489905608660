import { type Action, decide, sameAddress } from "../domain/access";
import type { StaffFacts } from "../domain/routing";
import { type Lang, type MessageKey, t, toLang } from "../i18n";
import { Buyers, FollowUps, Inquiries, Quotes, Samples, type StaffMember } from "../store/schemas";
import { asTable, forgetSmallTables, loadSmallTables } from "../store/small-tables";
import { staffList } from "../store/staff-facts";
import { type Config, readConfig } from "./config";
import { RpcError } from "./result";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Who is calling and the small tables every RPC needs (Staff, Settings). They are read once per call, or
 * served from the document cache for a few minutes (src/store/small-tables.ts, shared with the jobs): a click
 * should not cost two whole-sheet reads. Actions that change Staff or Settings call `forgetCachedTables`;
 * hand edits of those sheets are forgotten by the on-edit trigger, or seen once the cached copy expires (20 min).
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

/** Buyerbook's own changes to Staff or Settings call this, so the next click sees them (see small-tables). */
export function forgetCachedTables(): void {
  forgetSmallTables();
}

/** The sheets the sidebar's calls read single rows of: a cold start reads their header rows with Staff and Settings. */
const ROW_SHEETS = [Buyers, Inquiries, FollowUps, Quotes, Samples];

export function loadRpcContext(book: Book, user: string, now: Date): RpcContext {
  const tables = loadSmallTables(book, { headers: ROW_SHEETS });
  const config = readConfig(asTable(tables.settings));
  const staff = tables.staff.records;
  const me = staff.find((s) => sameAddress(s.email, user));
  return {
    book,
    user,
    me,
    staff,
    staffFacts: staffList(asTable(tables.staff), now),
    config,
    lang: me?.language ? toLang(me.language) : config.lang,
    now,
  };
}

function roleName(lang: Lang, role: string): string {
  const key = `sb.role.${role}` as MessageKey;
  const text = t(lang, key);
  return text === key ? role || "?" : text;
}

/** Throws a refusal in the caller's language unless they may do `action` (on a buyer owned by `owner`). */
export function authorize(ctx: RpcContext, action: Action, owner?: string, buyerId?: string): void {
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
      throw new RpcError(
        "denied",
        t(ctx.lang, "auth.roleDenied", {
          role: roleName(ctx.lang, ctx.me?.role ?? ""),
          action: t(ctx.lang, `action.${action}`),
        }),
      );
    case "not-owner": {
      const owner = decision.owner ?? "";
      const name = ctx.staff.find((s) => s.email.trim().toLowerCase() === owner)?.name || owner;
      throw new RpcError("not-owner", t(ctx.lang, "auth.notYours", { buyer: buyerId ?? "", owner: name }));
    }
  }
}
