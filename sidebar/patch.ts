/**
 * Applies what a click changed (the server's ViewPatch) to the buyer on screen and to the desk, so a grade or
 * a follow-up is one round trip: the card, the inquiry, the history line, the desk's lines and totals.
 */
import type { DeskFollowUp, DeskInquiry, HistoryItem, ViewPatch } from "../src/features/desk";
import { state } from "./app";

const newestFirst = (a: HistoryItem, b: HistoryItem) => (b.at ?? "").localeCompare(a.at ?? "");
const byUrgency = (a: DeskInquiry, b: DeskInquiry) =>
  a.minutesToLimit - b.minutesToLimit || a.minutesToTarget - b.minutesToTarget;
const byAge = (a: DeskInquiry, b: DeskInquiry) => (a.receivedAt ?? "").localeCompare(b.receivedAt ?? "");
const rank = (g: string) => (g !== "" && "ABCD".includes(g) ? "ABCD".indexOf(g) : 4);
const byLateness = (a: DeskFollowUp, b: DeskFollowUp) =>
  b.daysOverdue - a.daysOverdue || rank(a.grade) - rank(b.grade) || a.buyerId.localeCompare(b.buyerId);

/** Puts `entry` in place of the item with the same key, adds it, or (null) takes the item out. */
function upsert<T>(list: T[], matches: (item: T) => boolean, entry: T | null): void {
  const at = list.findIndex(matches);
  if (entry === null) {
    if (at >= 0) list.splice(at, 1);
  } else if (at >= 0) list[at] = entry;
  else list.push(entry);
}

export function applyPatch(patch: ViewPatch): void {
  const view = state.buyer;
  if (view && patch.buyer && view.buyer.id === patch.buyer.id) {
    view.buyer = patch.buyer;
    for (const i of patch.inquiries) upsert(view.inquiries, (x) => x.id === i.id, i);
    for (const item of patch.history) upsert(view.history, (h) => h.kind === item.kind && h.id === item.id, item);
    view.history.sort(newestFirst);
  }
  const desk = state.boot?.desk;
  if (!desk) return;
  for (const { id, entry } of patch.desk.unanswered) upsert(desk.unanswered, (x) => x.id === id, entry);
  for (const { id, entry } of patch.desk.ungraded) upsert(desk.ungraded, (x) => x.id === id, entry);
  for (const { id, entry } of patch.desk.due) upsert(desk.due, (x) => x.buyerId === id, entry);
  desk.unanswered.sort(byUrgency);
  desk.ungraded.sort(byAge);
  desk.due.sort(byLateness);
  const t = desk.totals;
  const d = patch.desk.totals;
  t.unanswered = Math.max(0, t.unanswered + d.unanswered);
  t.ungraded = Math.max(0, t.ungraded + d.ungraded);
  t.overdue = Math.max(0, t.overdue + d.overdue);
  t.today = Math.max(0, t.today + d.today);
}
