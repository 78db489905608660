/**
 * Onboarding (R29, R30, C5): the Staff row, sharing, protections, a welcome mail in their language. Every
 * step looks before it writes, so running it twice changes nothing, and a run broken half-way is finished
 * by running it again.
 */

import { type Config, readConfig } from "../../app/config";
import { forgetCachedTables } from "../../app/context";
import type { Lang } from "../../i18n";
import { vouchAway } from "../../store/deputies";
import { loadTable } from "../../store/load-table";
import { appendLog } from "../../store/log";
import { Settings, Staff, type StaffMember } from "../../store/schemas";
import { emptyRecord, type Table, TableWriter } from "../../store/table";
import { allowSelfAway, protectSheets } from "../setup";
import { type Actor, MailedOnce, sameEmail, team } from "./common";
import { StaffRefusal } from "./refusal";
import { WELCOME_MARKER, welcomeMail } from "./texts";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface OnboardInput {
  email: string;
  name: string;
  role: "boss" | "assistant" | "salesperson" | "viewer";
  language: Lang;
  regions?: string[];
  products?: string[];
  deputy?: string;
}

export interface OnboardResult {
  email: string;
  staff: "added" | "updated" | "reactivated" | "unchanged";
  changed: string[];
  sharing: "editor" | "viewer" | "unchanged";
  welcome: "sent" | "already-sent";
  logged: boolean;
}

export function onboardStaff(book: Book, input: OnboardInput, actor: Actor, now: Date): OnboardResult {
  const email = input.email.trim().toLowerCase();
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const staff = loadTable(book, Staff, config.timeZone);
  const row = staff.rows.find((r) => sameEmail(r.record.email, email));
  const existing = row?.record;
  if ((input.role === "boss" || existing?.role === "boss") && actor.role !== "boss")
    throw new StaffRefusal("bossOnly", "denied");
  if (input.deputy && !staff.rows.some((r) => sameEmail(r.record.email, input.deputy) && r.record.status !== "frozen"))
    throw new StaffRefusal("badDeputy", "invalid", { email: input.deputy });

  const wanted: Partial<StaffMember> = {
    name: input.name.trim(),
    role: input.role,
    language: input.language,
    ...(input.regions ? { regions: input.regions.join(", ") } : {}),
    ...(input.products ? { products: input.products.join(", ") } : {}),
    ...(input.deputy !== undefined ? { deputy: input.deputy.trim().toLowerCase() } : {}),
  };
  const result: OnboardResult = {
    email,
    staff: "unchanged",
    changed: [],
    sharing: "unchanged",
    welcome: "already-sent",
    logged: false,
  };
  const joined = recordMember(staff, existing, wanted, email, now, result);

  // A deputy named by the manager onboarding them is vouched for (R6): the away cells as they are now.
  if (input.deputy !== undefined) {
    const after = { ...(existing ?? {}), ...wanted };
    vouchAway(
      [{ email, deputy: after.deputy, awayFrom: after.awayFrom, awayUntil: after.awayUntil }],
      actor.email,
      now,
    );
  }
  result.sharing = share(book, email, input.role);
  protectSheets(book, actor.email);
  allowSelfAway(book);

  if (sendWelcome(book, config, staff, existing, wanted, input, email, joined instanceof Date ? joined : now))
    result.welcome = "sent";

  const did = [
    result.staff !== "unchanged" ? `staff ${result.staff} (${result.changed.join(", ")})` : "",
    result.sharing !== "unchanged" ? `shared as ${result.sharing}` : "",
    result.welcome === "sent" ? `welcome mail (${input.language})` : "",
  ].filter((x) => x !== "");
  if (did.length > 0) {
    appendLog(book, [
      { at: now, user: actor.email, action: "onboard", target: email, detail: `${input.role}; ${did.join("; ")}` },
    ]);
    result.logged = true;
  }
  return result;
}

/** The newcomer's Staff row added, updated or reactivated; returns the day they (re)joined. */
function recordMember(
  staff: Table<typeof Staff>,
  existing: StaffMember | undefined,
  wanted: Partial<StaffMember>,
  email: string,
  now: Date,
  result: OnboardResult,
): Date | null {
  const writer = new TableWriter(staff);
  let joined = existing?.joined ?? now;
  if (!existing) {
    writer.append({ ...emptyRecord(Staff), ...wanted, email, status: "active", joined: now });
    result.staff = "added";
    result.changed = Object.keys(wanted);
    joined = now;
  } else {
    const changes: Partial<StaffMember> = {};
    for (const [key, value] of Object.entries(wanted) as [keyof StaffMember, unknown][])
      if (String(existing[key] ?? "") !== String(value)) (changes as Record<string, unknown>)[key] = value;
    if (existing.status === "frozen") {
      // A returning colleague: active again, with a fresh start date (their old buyers stay where they went).
      Object.assign(changes, { status: "active", left: null, joined: now });
      joined = now;
      result.staff = "reactivated";
    } else if (existing.status === "") changes.status = "active";
    result.changed = Object.keys(changes);
    if (result.changed.length > 0) {
      writer.update(existing.email, changes);
      if (result.staff === "unchanged") result.staff = "updated";
    }
  }
  if (writer.pending > 0) {
    writer.commit();
    forgetCachedTables();
  }
  return joined;
}

/** The welcome mail in the newcomer's language, once per joining (a rerun finds it sent). */
function sendWelcome(
  book: Book,
  config: Config,
  staff: Table<typeof Staff>,
  existing: StaffMember | undefined,
  wanted: Partial<StaffMember>,
  input: OnboardInput,
  email: string,
  joinedAt: Date,
): boolean {
  const mailed = new MailedOnce(`staff.welcome.${email}`, joinedAt.toISOString());
  const sent = mailed.send(email, WELCOME_MARKER, new Date(joinedAt.getTime() - 60_000), () => {
    const newcomer = existing ? [] : [{ ...emptyRecord(Staff), ...wanted, email, status: "active" as const }];
    return welcomeMail(input.language, {
      name: input.name.trim() || email,
      role: input.role,
      company: config.reader.text("company.name"),
      url: book.getUrl(),
      team: team([...staff.rows.map((r) => r.record), ...newcomer]),
    });
  });
  mailed.save();
  return sent;
}

/** Editors for boss, assistant and salespeople; viewers read only (R1). Changes only what differs. */
function share(book: Book, email: string, role: OnboardInput["role"]): OnboardResult["sharing"] {
  const editors = new Set(book.getEditors().map((u) => u.getEmail().toLowerCase()));
  if (role !== "viewer") {
    if (editors.has(email)) return "unchanged";
    book.addEditor(email);
    return "editor";
  }
  const owner = book.getOwner()?.getEmail().toLowerCase();
  const viewers = new Set(book.getViewers().map((u) => u.getEmail().toLowerCase()));
  if (editors.has(email) && email !== owner) {
    book.removeEditor(email);
    viewers.delete(email);
  }
  if (viewers.has(email) || email === owner) return "unchanged";
  book.addViewer(email);
  return "viewer";
}
