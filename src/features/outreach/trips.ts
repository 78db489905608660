/**
 * Business trips and trade shows (R14, R15): the buyers at a destination (country, city, or met at / invited
 * to a show) with grade, owner, last contact and a one-line history, as a printable "visit plan" Doc; and a
 * meeting-request campaign over the same buyers (their answers arrive as mail and join each buyer's history).
 */

import { readConfig } from "../../app/config";
import { gradeRank, isGrade } from "../../domain/grades";
import { type SegmentFilter, selectSegment } from "../../domain/segment";
import { zonedDateKey } from "../../domain/time";
import { createDocument, paragraphHeading } from "../../gas/docs";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { Buyers, FollowUps, Inquiries, Settings, Staff } from "../../store/schemas";
import { type CampaignDraft, createCampaign } from "./campaign";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TripTarget {
  country?: string;
  city?: string;
  /** A trade show named in buyers' notes ("Trade show: Canton Fair 2025"). */
  show?: string;
}

export interface TripEntry {
  buyerId: string;
  company: string;
  name: string;
  email: string;
  phone: string;
  city: string;
  country: string;
  grade: string;
  owner: string;
  ownerName: string;
  lastContact: string;
  status: string;
  /** One line: how many inquiries and follow-ups, about what, and the latest contact. */
  history: string;
}

export function tripSegment(target: TripTarget): SegmentFilter {
  const filter: SegmentFilter = {};
  if (target.country) filter.countries = [target.country];
  if (target.city) filter.cities = [target.city];
  if (target.show) filter.show = target.show;
  return filter;
}

/** Everyone at the destination, best grade first, then most recently in touch (no one is left out: R14). */
export function tripList(book: Book, target: TripTarget, now: Date): TripEntry[] {
  if (!target.country && !target.city && !target.show) throw new Error("Pick a country, a city or a show.");
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const tz = config.timeZone;
  const buyers = loadTable(book, Buyers, tz).rows.map((r) => r.record);
  const staffNames = new Map(
    loadTable(book, Staff, tz).rows.map((r) => [r.record.email.toLowerCase(), r.record.name || r.record.email]),
  );
  const selected = selectSegment(buyers, tripSegment(target), now);
  // Suppressed buyers are still on the visit plan (a visit is not a mailing); they are marked by status.
  const here = [...selected.recipients, ...selected.suppressed.map((s) => s.buyer)];
  const ids = new Set(here.map((b) => b.id));
  const inquiries = new Map<string, { count: number; products: Set<string>; last?: { at: number; text: string } }>();
  for (const { record: q } of loadOptionalTable(book, Inquiries, tz)?.rows ?? []) {
    if (!ids.has(q.buyerId)) continue;
    const h = inquiries.get(q.buyerId) ?? { count: 0, products: new Set<string>() };
    h.count += 1;
    if (q.product) h.products.add(q.product);
    const at = q.receivedAt?.getTime() ?? 0;
    if (!h.last || at >= h.last.at) h.last = { at, text: `inquiry "${q.subject}"` };
    inquiries.set(q.buyerId, h);
  }
  const followUps = new Map<string, { count: number; last?: { at: number; text: string } }>();
  for (const { record: f } of loadOptionalTable(book, FollowUps, tz)?.rows ?? []) {
    if (!ids.has(f.buyerId)) continue;
    const h = followUps.get(f.buyerId) ?? { count: 0 };
    h.count += 1;
    const at = f.at?.getTime() ?? 0;
    if (!h.last || at >= h.last.at) h.last = { at, text: `${f.kind}: ${f.summary}` };
    followUps.set(f.buyerId, h);
  }
  const entries = here.map((b) => {
    const q = inquiries.get(b.id);
    const f = followUps.get(b.id);
    const latest = [q?.last, f?.last]
      .filter((x): x is { at: number; text: string } => !!x)
      .sort((a, c) => c.at - a.at)[0];
    const parts = [`${q?.count ?? 0} inquiries`, `${f?.count ?? 0} follow-ups`];
    if (q && q.products.size > 0) parts.push(`asked: ${[...q.products].slice(0, 3).join(", ")}`);
    else if (b.products) parts.push(`asked: ${b.products}`);
    if (latest) parts.push(`last: ${zonedDateKey(new Date(latest.at), tz)} ${latest.text}`.slice(0, 160));
    return {
      buyerId: b.id,
      company: b.company,
      name: b.name,
      email: b.email,
      phone: b.phone,
      city: b.city,
      country: b.country,
      grade: b.grade,
      owner: b.owner,
      ownerName: staffNames.get(b.owner.toLowerCase()) ?? b.owner,
      lastContact: b.lastContact ? zonedDateKey(b.lastContact, tz) : "",
      status: b.status,
      history: parts.join("; "),
    };
  });
  return entries.sort(
    (a, b) =>
      gradeRank(isGrade(a.grade) ? a.grade : undefined) - gradeRank(isGrade(b.grade) ? b.grade : undefined) ||
      b.lastContact.localeCompare(a.lastContact) ||
      a.buyerId.localeCompare(b.buyerId),
  );
}

export function describeTarget(target: TripTarget): string {
  return [target.show, target.city, target.country].filter(Boolean).join(", ");
}

export interface VisitPlan {
  docId: string;
  url: string;
  title: string;
  buyers: number;
}

/** The printable visit plan: one Doc with a table of every buyer there and a line for meeting notes. */
export function writeVisitPlan(book: Book, target: TripTarget, now: Date, dates = ""): VisitPlan {
  const entries = tripList(book, target, now);
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const where = describeTarget(target);
  const title = `Visit plan / 拜访计划 — ${where}${dates ? ` (${dates})` : ""}`;
  const doc = createDocument(title);
  const body = doc.getBody();
  body.appendParagraph(title).setHeading(paragraphHeading(1));
  body.appendParagraph(
    `${entries.length} buyers · printed ${zonedDateKey(now, config.timeZone)} · read every past contact before the visit`,
  );
  const rows = [
    [
      "Buyer / 客户",
      "Contact / 联系方式",
      "Grade / 等级",
      "Owner / 负责人",
      "Last contact / 最近联系",
      "History / 历史",
      "Meeting / 约见",
    ],
    ...entries.map((e) => [
      `${e.company || "(no company)"} (${e.buyerId})${e.status !== "active" && e.status !== "" ? ` [${e.status}]` : ""}`,
      [e.name, e.email, e.phone, e.city].filter(Boolean).join("\n"),
      e.grade || "-",
      e.ownerName,
      e.lastContact || "-",
      e.history,
      "",
    ]),
  ];
  const table = body.appendTable(rows);
  table.getRow(0).editAsText().setBold(true);
  // A closed Document answers nothing more: take its ID and URL first.
  const plan = { docId: doc.getId(), url: doc.getUrl(), title, buyers: entries.length };
  doc.saveAndClose();
  return plan;
}

/** A draft campaign asking the buyers there for a meeting (R14) or inviting them to the booth (R15). */
export function tripCampaign(
  book: Book,
  user: string,
  target: TripTarget,
  details: { dates: string; city?: string; booth?: string; name?: string; text?: string },
  now: Date,
) {
  const draft: CampaignDraft = {
    name: details.name || `${target.show ? "Show" : "Trip"}: ${describeTarget(target)}`,
    kind: target.show ? "show" : "meeting",
    segment: tripSegment(target),
    showName: target.show ?? "",
    showCity: details.city || target.city || target.country || "",
    showDates: details.dates,
    booth: details.booth ?? "",
    text: details.text ?? "",
  };
  return createCampaign(book, user, draft, now);
}
