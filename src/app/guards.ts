import { type Action, sameAddress } from "../domain/access";
import type { MenuAudience } from "../gas/menu";
import type { Lang } from "../i18n";
import { mapHeaders } from "../store/headers";
import { Staff } from "../store/schemas";
import { cachedStaff } from "../store/small-tables";
import { authorize, loadRpcContext } from "./context";
import { readLanguageSetting } from "./language";
import { RpcError } from "./result";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface StaffLine {
  email: string;
  role: string;
  status: string;
}

/** The Staff sheet's people, read with one small read (menus check the caller before doing anything). */
function staffLines(book: Book): StaffLine[] | undefined {
  const sheet = book.getSheetByName(Staff.name);
  if (!sheet) return undefined;
  const values = sheet.getDataRange().getValues();
  const map = mapHeaders(Staff, values[0] ?? []);
  const at = (row: unknown[], key: string) => {
    const i = map.index.get(key);
    return i === undefined ? "" : String(row[i] ?? "").trim();
  };
  return values
    .slice(1)
    .map((r) => ({ email: at(r, "email").toLowerCase(), role: at(r, "role"), status: at(r, "status") }));
}

/**
 * Who may run "Set up workbook": anyone known by address on a book nobody has set up yet (they become its boss), afterwards
 * only an active boss or assistant (R1, R34).
 */
export function maySetUp(book: Book, user: string): boolean {
  const staff = staffLines(book);
  const managers = (staff ?? []).filter((s) => (s.role === "boss" || s.role === "assistant") && s.status !== "frozen");
  if (managers.length === 0) return user.trim() !== "";
  return managers.some((s) => sameAddress(s.email, user));
}

/**
 * Who may pull their mailbox into the book (C2, R29): active or away boss, assistant or salesperson. A viewer (the
 * platform's account manager), a frozen or an unknown user may not.
 */
export function mayPullMail(book: Book, user: string): boolean {
  const me = staffLines(book)?.find((s) => sameAddress(s.email, user));
  return !!me && me.status !== "frozen" && ["boss", "assistant", "salesperson"].includes(me.role);
}

/**
 * For entry points that are not RPCs (menus, the CLI): the refusal, in the caller's language, when the
 * caller may not do `action` — unknown, frozen or the wrong role — else undefined. Reads Staff and Settings
 * through the small-table cache, like an RPC.
 */
export function entryRefusal(book: Book, user: string, action: Action, now: Date): string | undefined {
  const ctx = loadRpcContext(book, user, now);
  try {
    authorize(ctx, action);
    return undefined;
  } catch (e) {
    if (e instanceof RpcError) return e.message;
    throw e;
  }
}

/** The person's own language (Staff), else the book's (Settings): for messages outside an RPC, such as a toast. */
export function callerLanguage(book: Book, user: string, now: Date): Lang {
  try {
    return user ? loadRpcContext(book, user, now).lang : readLanguageSetting(book);
  } catch {
    return readLanguageSetting(book);
  }
}

/**
 * Who the Buyerbook menu is for, as far as onOpen can tell (R1): the Staff member's role when the user's address
 * is known and on the Staff sheet (from the cached Staff table, else one small read), a fresh book when nobody
 * manages it yet, else unknown. onOpen may run with limited authorization (the address can be empty, a read can
 * fail): anything that goes wrong gives "unknown", never a broken menu.
 */
export function menuAudience(book: Book, user: string): MenuAudience {
  try {
    const email = user.trim().toLowerCase();
    const cached = cachedStaff();
    const staff =
      cached?.map((s) => ({ email: s.email.trim().toLowerCase(), role: s.role, status: s.status })) ?? staffLines(book);
    if (!staff) return { kind: "fresh" };
    const managers = staff.filter((s) => (s.role === "boss" || s.role === "assistant") && s.status !== "frozen");
    if (managers.length === 0) return { kind: "fresh" };
    const me = email === "" ? undefined : staff.find((s) => s.email === email);
    return me ? { kind: "staff", actor: me } : { kind: "unknown" };
  } catch {
    return { kind: "unknown" };
  }
}
