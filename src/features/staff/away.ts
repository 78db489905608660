/**
 * Away and deputies (R6): while travelling a salesperson names a deputy who receives their new inquiries
 * (routing.ts) and sees their due follow-ups (access.ts deskOwners); back, it flips to active by itself.
 */

import { readConfig } from "../../app/config";
import { forgetCachedTables } from "../../app/context";
import { isAway } from "../../domain/routing";
import { loadTable } from "../../store/load-table";
import { appendLog, type LogLine } from "../../store/log";
import { Settings, Staff, type StaffMember } from "../../store/schemas";
import { staffFacts } from "../../store/staff-facts";
import { TableWriter } from "../../store/table";
import type { Actor } from "./common";
import { sameEmail } from "./common";
import { StaffRefusal } from "./refusal";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface AwayInput {
  /** Whose away dates; the caller's own when absent. */
  email?: string;
  deputy?: string;
  /** The first day away; now when absent. */
  from?: Date;
  until?: Date;
  /** Back now: active again, the away window cleared. */
  back?: boolean;
}

export interface AwayResult {
  email: string;
  status: string;
  deputy: string;
  awayFrom: string | null;
  awayUntil: string | null;
  awayNow: boolean;
  changed: string[];
}

const iso = (d: Date | null | undefined) => (d instanceof Date ? d.toISOString() : null);

/** The Staff columns everyone may write for themselves (R6), left open in the sheet's protection. */

export function setAway(book: Book, input: AwayInput, actor: Actor, now: Date): AwayResult {
  const email = (input.email ?? actor.email).trim().toLowerCase();
  const manager = actor.role === "boss" || actor.role === "assistant";
  if (!manager && !sameEmail(email, actor.email)) throw new StaffRefusal("notSelf", "denied");
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const staff = loadTable(book, Staff, config.timeZone);
  const row = staff.rows.find((r) => sameEmail(r.record.email, email))?.record;
  if (!row || row.status === "frozen") throw new StaffRefusal("notStaff", "not-found", { email });
  if (row.role === "boss" && !sameEmail(actor.email, email) && actor.role !== "boss")
    throw new StaffRefusal("bossOnly", "denied");
  const changes: Partial<StaffMember> = {};
  if (input.back) {
    Object.assign(changes, { awayFrom: null, awayUntil: null });
    // Status is a boss-and-assistant column (protected); a status set by them is theirs to clear, or ends by date.
    if (row.status === "away" && manager) changes.status = "active";
  } else {
    const deputy = (input.deputy ?? row.deputy).trim().toLowerCase();
    const ok = staff.rows.some(
      (r) => sameEmail(r.record.email, deputy) && r.record.status !== "frozen" && !sameEmail(deputy, email),
    );
    if (!ok) throw new StaffRefusal("badDeputy", "invalid", { email: deputy || "—" });
    // The away window alone carries the absence (isAway): a salesperson may write these columns, not status.
    Object.assign(changes, { deputy, awayFrom: input.from ?? now, awayUntil: input.until ?? null });
  }
  const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ""));
  const diff = Object.entries(changes).filter(([k, v]) => cell(v) !== cell((row as Record<string, unknown>)[k]));
  const after = { ...row, ...changes };
  if (diff.length > 0) {
    const writer = new TableWriter(staff);
    writer.update(row.email, Object.fromEntries(diff) as Partial<StaffMember>);
    writer.commit();
    forgetCachedTables();
    appendLog(book, [
      {
        at: now,
        user: actor.email.toLowerCase(),
        action: input.back ? "back" : "away",
        target: email,
        detail: input.back
          ? "back at work"
          : `away ${iso(after.awayFrom)?.slice(0, 10) ?? ""}..${iso(after.awayUntil)?.slice(0, 10) ?? ""}, deputy ${after.deputy}`,
      },
    ]);
  }
  return {
    email,
    status: after.status,
    deputy: after.deputy,
    awayFrom: iso(after.awayFrom),
    awayUntil: iso(after.awayUntil),
    awayNow: isAway(staffFacts(after), now),
    changed: diff.map(([k]) => k),
  };
}

/**
 * Back by itself (R6): everyone marked away whose away-until date has passed is active again. Cheap when
 * nobody is due back (two small reads, no writes), so the heartbeat can call it at every tick.
 * Call it while holding the document lock.
 */
export function returnFromAway(book: Book, now: Date): string[] {
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const staff = loadTable(book, Staff, config.timeZone);
  const back = staff.rows
    .map((r) => r.record)
    .filter((s) => s.status === "away" && s.awayUntil instanceof Date && s.awayUntil.getTime() < now.getTime());
  if (back.length === 0) return [];
  const writer = new TableWriter(staff);
  for (const s of back) writer.update(s.email, { status: "active" });
  writer.commit();
  forgetCachedTables();
  const entries: LogLine[] = back.map((s) => ({
    at: now,
    user: "buyerbook",
    action: "back",
    target: s.email.toLowerCase(),
    detail: `away until ${iso(s.awayUntil)?.slice(0, 10)}; back at work, new inquiries go to them again`,
  }));
  appendLog(book, entries);
  return back.map((s) => s.email.toLowerCase());
}
