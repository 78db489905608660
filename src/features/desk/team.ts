/**
 * What the sidebar shows beside the desk: the team (R1, R6) from the cached Staff table, what offboarding a
 * person would move (R29: the confirm step), and the samples whose feedback is due (R27).
 */

import { dateTextParser } from "../../app/config";
import type { ScheduleHealth } from "../../app/heartbeats";
import { deputizedFor } from "../../domain/access";
import { isAway, isSalesperson, type StaffFacts } from "../../domain/routing";
import { daysBetweenKeys, zonedDateKey } from "../../domain/time";
import { readColumns } from "../../store/column-reader";
import { loadOptionalTable } from "../../store/load-table";
import { RowStore } from "../../store/row-store";
import { type Buyer, Buyers, Inquiries, Quotes, type Sample, Samples, type StaffMember } from "../../store/schemas";
import { staffFacts } from "../../store/staff-facts";
import type { DeskSample, OffboardPreview, TeamMember } from "./types";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

const iso = (d: Date | null | undefined): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
const lower = (s: string) => s.trim().toLowerCase();

/**
 * Everyone on the Staff sheet; people who do not manage staff see names, roles and who is away only. Managers
 * also see whose schedule is not running (`health`, from the heartbeats' records).
 */
export function teamView(
  staff: readonly StaffMember[],
  manager: boolean,
  now: Date,
  health: readonly ScheduleHealth[] = [],
): TeamMember[] {
  const byEmail = new Map(health.map((h) => [h.email, h]));
  return staff
    .filter((s) => s.email.trim() !== "")
    .map((s) => {
      const facts = staffFacts(s);
      const h = manager ? byEmail.get(lower(s.email)) : undefined;
      return {
        email: lower(s.email),
        name: s.name,
        role: s.role,
        status: facts.status,
        deputy: manager ? lower(s.deputy) : "",
        awayFrom: iso(s.awayFrom),
        awayUntil: iso(s.awayUntil),
        regions: manager ? s.regions : "",
        products: manager ? s.products : "",
        language: manager ? s.language : "",
        awayNow: isAway(facts, now),
        schedule: h
          ? { running: h.running, lastRun: iso(h.lastBeat), lastPull: iso(h.lastPull), pulledToday: h.pulledToday }
          : null,
      };
    })
    .sort((a, b) => Number(a.status === "frozen") - Number(b.status === "frozen") || a.name.localeCompare(b.name));
}

/**
 * What `offboardStaff` would hand on, counted the way it counts: the buyers the person owns, their open
 * ("new") inquiries, the draft or sent quotes and the samples not yet delivered of those buyers. Reads only the columns it needs.
 */
export function previewOffboard(
  book: Book,
  email: string,
  to: string | undefined,
  staff: readonly StaffFacts[],
  timeZone: string,
  now: Date,
): OffboardPreview {
  const leaver = lower(email);
  const parseDate = dateTextParser(timeZone);
  const read = <S extends typeof Buyers | typeof Inquiries>(spec: S, keys: string[]) => {
    const store = new RowStore(book, spec, timeZone);
    const reader = { sheet: store.sheet, spec, headers: store.freshHeaders(), parseDate };
    return [...readColumns(reader, keys, "all", store.sheet.getLastRow()).values()];
  };
  const owned = new Set(
    (read(Buyers, ["id", "owner"]) as Buyer[]).filter((b) => b.id && lower(b.owner) === leaver).map((b) => b.id),
  );
  const inquiries = read(Inquiries, ["id", "buyerId", "owner", "assignedTo", "status"]).filter((i) => {
    const r = i as { id: string; owner: string; assignedTo: string; status: string };
    return r.id && r.status === "new" && (lower(r.owner) === leaver || lower(r.assignedTo) === leaver);
  }).length;
  const quotes = (loadOptionalTable(book, Quotes, timeZone)?.rows ?? []).filter(
    (r) => owned.has(r.record.buyerId) && (r.record.status === "draft" || r.record.status === "sent"),
  ).length;
  const samples = (loadOptionalTable(book, Samples, timeZone)?.rows ?? []).filter(
    (r) => owned.has(r.record.buyerId) && !r.record.delivered,
  ).length;
  const receivers = to
    ? [lower(to)]
    : staff
        .filter((s) => s.email !== leaver && s.status === "active" && isSalesperson(s) && !isAway(s, now))
        .map((s) => s.email);
  return { email: leaver, buyers: owned.size, inquiries, quotes, samples, receivers };
}

/**
 * Samples in my scope whose feedback day has come (R27) and whose result is still empty, most late first. The
 * desk's reads found them (Samples' feedback-due and result columns) and their buyers.
 */
export function feedbackDue(
  samples: readonly Sample[],
  ownerOf: (buyerId: string) => string,
  inScope: (owner: string) => string | undefined,
  now: Date,
  timeZone: string,
): DeskSample[] {
  const today = zonedDateKey(now, timeZone);
  const out: DeskSample[] = [];
  for (const s of samples) {
    if (!s.id || !s.feedbackDue || s.result.trim() !== "") continue;
    const late = daysBetweenKeys(zonedDateKey(s.feedbackDue, timeZone), today);
    if (late < 0) continue;
    const scope = inScope(ownerOf(s.buyerId));
    if (scope === undefined) continue;
    out.push({
      id: s.id,
      buyerId: s.buyerId,
      // Named by the caller, for the lines it shows.
      company: "",
      products: s.products,
      kind: s.kind,
      delivered: iso(s.delivered),
      feedbackDue: zonedDateKey(s.feedbackDue, timeZone),
      daysLate: late,
      forOwner: scope,
    });
  }
  return out.sort((a, b) => b.daysLate - a.daysLate || a.id.localeCompare(b.id));
}

/** The desk's scope rule as a function: "" mine (or everyone's for managers), the owner when I deputize, else undefined. */
export function scopeFor(me: string, role: string, staff: readonly StaffFacts[], now: Date) {
  const everyone = role !== "salesperson";
  return (owner: string): string | undefined => {
    const o = lower(owner);
    if (o === me) return "";
    if (o !== "" && deputizedFor(me, o, staff, now)) return o;
    return everyone ? "" : undefined;
  };
}
