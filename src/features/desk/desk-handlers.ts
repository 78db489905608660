/**
 * Opening the sidebar: ONE call (bootstrap) returns everything the first paint needs — who I am, the strings,
 * the grade definitions (R18) with their cadence (R20, R23), the channels, my desk, and the buyer of the row
 * selected in Buyers or Inquiries (R22). `desk` and `selection` refresh those parts.
 */
import * as z from "zod/mini";
import type { RpcContext } from "../../app/context";
import { type HandlerTable, handler } from "../../app/handler";
import { type Beat, readBeatsQuickly, scheduleHealth, scheduleRunning } from "../../app/heartbeats";
import { deskOwners } from "../../domain/access";
import { GRADE_DEFINITIONS, GRADES } from "../../domain/grades";
import { bookState } from "../../gas/book-state";
import { catalogue, type MessageKey } from "../../i18n";
import { hintCacheKey, RowStore } from "../../store/row-store";
import { Buyers, FOLLOW_UP_CHANNELS, Inquiries, SOURCES } from "../../store/schemas";
import { nameEntries, putNames } from "./buyer-names";
import { loadBuyerView } from "./buyer-view";
import { cachedDeskState, DESK_STATE_CACHE_KEY, deskState, flushAudit } from "./click-audit";
import { buildDesk, DESK_LIMIT } from "./desk";
import { loadDeskRows } from "./load";
import { feedbackDue, previewOffboard, scopeFor, teamView } from "./team";
import type { Bootstrap, BuyerView, Desk, DeskVersion, Selection, TeamMember } from "./types";

const empty = z._default(z.object({}), {});
const email = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email());

/** The team as the caller may see it: every field, and whose schedule is not running, for those who manage staff (R1). */
function teamFor(ctx: RpcContext, beats: Record<string, Beat> | undefined): TeamMember[] {
  const role = ctx.me?.role ?? "";
  const manager = role === "boss" || role === "assistant";
  const health = manager && beats ? scheduleHealth(ctx.staff, beats, ctx.now, ctx.config.timeZone) : [];
  return teamView(ctx.staff, manager, ctx.now, health);
}

/** Everyone with a schedule of their own (all but viewers) has their heartbeats read: one properties call. */
function beatsFor(ctx: RpcContext): Record<string, Beat> | undefined {
  const role = ctx.me?.role ?? "";
  return role === "" || role === "viewer" ? undefined : readBeatsQuickly(bookState(ctx.book.getId()));
}

/** Per person: what their last desk put in the cache (a fingerprint of the entries) and when. */
const DESK_HINTS_KEY = "bb.deskHints.";
/** Row hints live 6 hours (store/row-store HINT_SECONDS); the same entries are written again after half that. */
const HINTS_REFRESH_MS = 3 * 3_600_000;

function hintsStamp(entries: Record<string, string>, now: Date): string {
  const text = Object.keys(entries)
    .sort()
    .map((k) => `${k}=${entries[k]}`)
    .join("\n");
  // FNV-1a: a fingerprint to compare with the last desk's, not a secret.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${hash.toString(36)}.${text.length}@${now.getTime()}`;
}

/** Whether the cache holds these very entries, written by a desk less than HINTS_REFRESH_MS ago. */
function hintsStillCached(cached: string | undefined, stamp: string, now: Date): boolean {
  if (!cached) return false;
  const [was, at] = cached.split("@");
  return was === stamp.split("@")[0] && now.getTime() - Number(at) < HINTS_REFRESH_MS;
}

export function deskFor(ctx: RpcContext): Desk {
  const tz = ctx.config.timeZone;
  const me = ctx.user.toLowerCase();
  const role = ctx.me?.role ?? "";
  const owners = role === "salesperson" ? deskOwners(me, ctx.staffFacts, ctx.now) : "everyone";
  const hintsKey = DESK_HINTS_KEY + me;
  const rows = loadDeskRows(ctx.book, tz, ctx.now, { owners }, undefined, [DESK_STATE_CACHE_KEY, hintsKey]);
  // The version this desk was read at, and whether Log lines wait (from the cache, read with the headers).
  const state = cachedDeskState(rows.cached[DESK_STATE_CACHE_KEY]);
  if (state.queued) flushAudit(ctx.book);
  const companyOf = (id: string) => {
    const b = rows.buyers.get(id)?.buyer;
    return b ? b.company || b.name || b.email : "";
  };
  const desk = buildDesk({
    me,
    role,
    companyOf,
    inquiries: [...rows.inquiries.values()],
    due: rows.due,
    dueTotals: rows.dueTotals,
    staff: ctx.staff,
    staffFacts: ctx.staffFacts,
    now: ctx.now,
    timeZone: tz,
    sla: ctx.config.sla,
    version: state.version,
  });
  // Samples awaiting feedback, most late first (a salesperson's picked by their buyers' owners, read with the
  // desk); the sidebar lists DESK_LIMIT of them and says how many there are.
  const scope = scopeFor(me, role, ctx.staffFacts, ctx.now);
  const samplesDue = rows.samples
    ? feedbackDue(
        rows.samples,
        (id) => rows.sampleOwners.get(id) ?? rows.buyers.get(id)?.buyer.owner ?? "",
        scope,
        ctx.now,
        tz,
      )
    : undefined;
  const samplesShown = samplesDue?.slice(0, DESK_LIMIT);
  // Names for the lines shown only: the desk counts every candidate but shows at most DESK_LIMIT of each kind.
  const lines = [...desk.unanswered, ...desk.ungraded];
  rows.namesFor([...lines, ...(samplesShown ?? [])].map((l) => l.buyerId));
  for (const line of lines) if (!line.company) line.company = companyOf(line.buyerId);
  for (const line of samplesShown ?? []) {
    line.company = companyOf(line.buyerId) || line.buyerId;
    // A manager's desk picked them without owners: who they belong to shows now, for the lines shown.
    if (role !== "salesperson") line.forOwner = scope(rows.buyers.get(line.buyerId)?.buyer.owner ?? "") ?? "";
  }
  if (samplesDue && samplesShown) {
    desk.feedbackDue = samplesShown;
    desk.feedbackDueTotal = rows.samplesTotal;
  }
  // Each line carries the rows it was read on: the click on it hands them back, so it needs no search.
  const inquiryRows = new Map([...rows.inquiries].map(([row, i]) => [i.id, row]));
  for (const line of lines) {
    line.row = inquiryRows.get(line.id);
    line.buyerRow = rows.buyers.get(line.buyerId)?.row;
  }
  for (const line of desk.due) line.row = rows.buyers.get(line.buyerId)?.row;
  // The next click on any line shown finds its row without a search, and the next desk knows these names:
  // one cache write of the shown lines' entries (the cache keeps about 900 items for the whole document: the
  // entries of every candidate would push out everyone's others), skipped when this person's last desk wrote
  // the very same entries not long ago (an entry the cache evicted meanwhile costs the next click a search).
  const shownInquiries = new Set(lines.map((l) => l.id));
  const shownBuyers = new Set([
    ...lines.map((l) => l.buyerId),
    ...desk.due.map((d) => d.buyerId),
    ...(desk.feedbackDue ?? []).map((s) => s.buyerId),
  ]);
  const known = [...rows.buyers].filter(([id]) => shownBuyers.has(id));
  const entries = nameEntries(known.map(([, b]) => b));
  for (const [row, i] of rows.inquiries)
    if (shownInquiries.has(i.id)) entries[hintCacheKey(Inquiries, i.id)] = String(row);
  for (const [id, b] of known) entries[hintCacheKey(Buyers, id)] = String(b.row);
  const stamp = hintsStamp(entries, ctx.now);
  if (!hintsStillCached(rows.cached[hintsKey], stamp, ctx.now)) putNames({ ...entries, [hintsKey]: stamp });
  return desk;
}

/** The buyer of the selected row, when the selection is on Buyers or Inquiries (reads that one row). */
export function selectionFor(ctx: RpcContext): { selection: Selection | null; buyer: BuyerView | null } {
  const range = ctx.book.getActiveRange();
  if (!range) return { selection: null, buyer: null };
  const sheet = range.getSheet().getName();
  const row = range.getRow();
  let selection: Selection | null = null;
  if (sheet === Buyers.name) {
    const at = new RowStore(ctx.book, Buyers, ctx.config.timeZone).at(row);
    if (at?.record.id) selection = { sheet, row, buyerId: at.record.id, inquiryId: "" };
  } else if (sheet === Inquiries.name) {
    const at = new RowStore(ctx.book, Inquiries, ctx.config.timeZone).at(row);
    if (at?.record.id) selection = { sheet, row, buyerId: at.record.buyerId, inquiryId: at.record.id };
  }
  if (!selection || selection.buyerId === "") return { selection, buyer: null };
  // The selected Buyers row is the buyer's row: it rides in the view's batched read as a known row.
  return { selection, buyer: loadBuyerView(ctx, selection.buyerId, sheet === Buyers.name ? row : undefined) };
}

/** The catalogue entries the sidebar shows ("sb.*" and the menu title), in the caller's language. */
function sidebarStrings(ctx: RpcContext): Record<string, string> {
  const all = catalogue(ctx.lang);
  const out: Record<string, string> = {};
  for (const key of Object.keys(all) as MessageKey[]) {
    if (key.startsWith("sb.") || key === "menu.title") out[key] = all[key];
  }
  return out;
}

export const DESK_HANDLERS = {
  bootstrap: handler({
    input: empty,
    action: "desk.view",
    write: false,
    run(ctx): Bootstrap {
      const cadence = ctx.config.cadenceDays;
      const { selection, buyer } = selectionFor(ctx);
      const beats = beatsFor(ctx);
      const email = ctx.user.toLowerCase();
      return {
        me: {
          email,
          name: ctx.me?.name ?? "",
          role: ctx.me?.role ?? "",
          lang: ctx.lang,
          scheduleRunning: beats ? scheduleRunning(beats[email], ctx.now) : null,
        },
        timeZone: ctx.config.timeZone,
        strings: sidebarStrings(ctx),
        grades: GRADES.map((grade) => ({
          grade,
          definition: GRADE_DEFINITIONS[grade][ctx.lang],
          cadenceDays: cadence[grade],
        })),
        ungradedDays: cadence.ungraded,
        channels: [...FOLLOW_UP_CHANNELS],
        sources: SOURCES.filter((s) => s !== "import"),
        desk: deskFor(ctx),
        selection,
        buyer,
        team: teamFor(ctx, beats),
      };
    },
  }),

  desk: handler({
    input: empty,
    action: "desk.view",
    write: false,
    run: (ctx): Desk => deskFor(ctx),
  }),

  /**
   * What an open sidebar asks every minute or two (one property read): the desk's version — it moves when a
   * job or a click changed desk data, and only then does the sidebar fetch its desk again — and the server's
   * clock (the day or the SLA clocks may have moved). Writes the Log lines clicks queued.
   */
  deskVersion: handler({
    input: empty,
    action: "desk.view",
    write: false,
    run(ctx): DeskVersion {
      const state = deskState();
      if (state.queued) flushAudit(ctx.book);
      return { version: state.version, at: ctx.now.toISOString(), lang: ctx.lang };
    },
  }),

  selection: handler({
    input: empty,
    action: "buyer.view",
    write: false,
    run: (ctx) => selectionFor(ctx),
  }),

  team: handler({
    input: empty,
    action: "desk.view",
    write: false,
    run: (ctx) => teamFor(ctx, beatsFor(ctx)),
  }),

  /** The confirm step of offboarding (R29): how much would move, and to whom. Changes nothing. */
  offboardPreview: handler({
    input: z.object({ email, to: z.optional(email) }),
    action: "staff.manage",
    write: false,
    run: (ctx, input) => previewOffboard(ctx.book, input.email, input.to, ctx.staffFacts, ctx.config.timeZone, ctx.now),
  }),
} satisfies HandlerTable;
