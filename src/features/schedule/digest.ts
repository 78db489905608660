/**
 * The morning digest (R8, R20, R23: nothing missed silently): each salesperson's own heartbeat mails them, in
 * their Staff language, the buyers due for a follow-up today or overdue and their open inquiries whose reply
 * target falls today or has passed. Staff "Digest" = off opts out (empty means on). Sent once a day per person,
 * even when the tick is retried: the day is remembered in the book's state right after the mail goes, and the
 * mail is sent only while the tick has time left, so an execution is never stopped between the two.
 */

import { type Config, dateTextParser, readConfig } from "../../app/config";
import { dueList } from "../../domain/cadence";
import { isGrade } from "../../domain/grades";
import { slaState } from "../../domain/sla";
import { zonedDateKey, zonedParts } from "../../domain/time";
import { bookState } from "../../gas/book-state";
import { mailReportLink } from "../../gas/docs";
import { type Lang, t, toLang } from "../../i18n";
import { readColumns, rowsMatching } from "../../store/column-reader";
import { mapHeaders } from "../../store/headers";
import { Buyers, Inquiries, type StaffMember } from "../../store/schemas";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { readTableColumns } from "../../store/table";
import type { JobRunner } from "./heartbeat";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Lines per list in the mail; the rest is counted ("… and 12 more"). */
export const DIGEST_LINES = 40;
/** Kept in hand for the send and the record after it. */
const SEND_RESERVE_MS = 5_000;

export interface DigestResult {
  to: string;
  day: string;
  sent: boolean;
  /** Why nothing was sent: not a salesperson, opted out, already sent today, or nothing to say. */
  skipped?: "not-salesperson" | "opted-out" | "already-sent" | "nothing-due" | "no-time";
  due: number;
  inquiries: number;
}

export function digestKey(email: string): string {
  return `digest.${email.toLowerCase()}`;
}

interface DueLine {
  id: string;
  company: string;
  grade: string;
  dueDate: string;
  daysOverdue: number;
}

interface InquiryLine {
  id: string;
  from: string;
  subject: string;
  targetAt: Date;
  limitAt: Date;
  state: string;
}

/** My contactable buyers due today or overdue, most urgent first. */
function dueBuyers(book: Book, me: string, config: Config, now: Date): DueLine[] {
  const sheet = book.getSheetByName(Buyers.name);
  if (!sheet) return [];
  const keys = ["id", "company", "name", "email", "grade", "owner", "status", "created", "lastContact"] as const;
  const table = readTableColumns(sheet, Buyers, keys, { parseDateText: dateTextParser(config.timeZone) });
  const mine = table.rows
    .map((r) => r.record)
    .filter((b) => b.id !== "" && b.owner.trim().toLowerCase() === me)
    .map((b) => ({
      id: b.id,
      company: b.company || b.name || b.email,
      grade: isGrade(b.grade) ? b.grade : undefined,
      createdAt: b.created ?? undefined,
      lastContactAt: b.lastContact ?? undefined,
      doNotContact: b.status === "do-not-contact" || b.status === "bounced",
      unsubscribed: b.status === "unsubscribed",
    }));
  return dueList(mine, now, config.timeZone, config.cadenceDays, 0).map((e) => ({
    id: e.buyer.id,
    company: e.buyer.company,
    grade: e.buyer.grade ?? "",
    dueDate: e.dueDate,
    daysOverdue: e.daysOverdue,
  }));
}

/** My open inquiries whose reply target is today or already passed, the soonest limit first. */
function nearTarget(book: Book, me: string, config: Config, now: Date): InquiryLine[] {
  const sheet = book.getSheetByName(Inquiries.name);
  if (!sheet) return [];
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return [];
  const headers = mapHeaders(Inquiries, sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0]);
  const reader = { sheet, spec: Inquiries, headers, parseDate: dateTextParser(config.timeZone) };
  // Only the open ones are read: the server finds them, far cheaper than reading the whole sheet.
  const open = rowsMatching(reader, "status", "new", lastRow);
  const keys = ["id", "receivedAt", "channel", "fromName", "fromEmail", "subject", "owner", "assignedTo", "status"];
  const today = zonedDateKey(now, config.timeZone);
  const out: InquiryLine[] = [];
  for (const q of readColumns(reader, keys, open, lastRow).values()) {
    if (q.status !== "new" || !q.receivedAt) continue;
    if ((q.assignedTo || q.owner).trim().toLowerCase() !== me) continue;
    const sla = slaState({ receivedAt: q.receivedAt, channel: q.channel }, now, config.sla);
    if (sla.state === "ok" && zonedDateKey(sla.targetAt, config.timeZone) > today) continue;
    out.push({
      id: q.id,
      from: q.fromName || q.fromEmail,
      subject: q.subject,
      targetAt: sla.targetAt,
      limitAt: sla.limitAt,
      state: sla.state,
    });
  }
  return out.sort((a, b) => a.limitAt.getTime() - b.limitAt.getTime());
}

function clock(d: Date, timeZone: string): string {
  const p = zonedParts(d, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** The digest's text: plain, so it reads the same in any mail client (outside text stays text). */
export function digestText(
  lang: Lang,
  name: string,
  due: DueLine[],
  inquiries: InquiryLine[],
  timeZone: string,
): { subject: string; body: string } {
  const more = (n: number) => (n > DIGEST_LINES ? [t(lang, "digest.more", { count: n - DIGEST_LINES })] : []);
  const dueLines = due.slice(0, DIGEST_LINES).map((d) =>
    t(lang, d.daysOverdue > 0 ? "digest.dueLate" : "digest.dueToday", {
      company: d.company,
      id: d.id,
      grade: d.grade || "—",
      days: d.daysOverdue,
    }),
  );
  const inquiryLines = inquiries.slice(0, DIGEST_LINES).map((q) =>
    t(lang, q.state === "overdue" ? "digest.inquiryLate" : "digest.inquiry", {
      id: q.id,
      from: q.from || "—",
      subject: q.subject || "—",
      target: clock(q.targetAt, timeZone),
      limit: clock(q.limitAt, timeZone),
    }),
  );
  const body = [
    t(lang, "digest.hello", { name }),
    "",
    t(lang, "digest.dueHeading", { count: due.length }),
    ...(dueLines.length > 0 ? dueLines : [t(lang, "digest.none")]),
    ...more(due.length),
    "",
    t(lang, "digest.inquiryHeading", { count: inquiries.length }),
    ...(inquiryLines.length > 0 ? inquiryLines : [t(lang, "digest.none")]),
    ...more(inquiries.length),
    "",
    t(lang, "digest.footer"),
  ].join("\n");
  return { subject: t(lang, "digest.subject", { due: due.length, inquiries: inquiries.length }), body };
}

/** One person's digest for today, if they get one and it was not sent yet. */
export const digestRunner: JobRunner = ({ book, user, now, budget }) => {
  const small = loadSmallTables(book);
  const config = readConfig(asTable(small.settings));
  const me = user.toLowerCase();
  const staff = small.staff.records.find((s: StaffMember) => s.email.trim().toLowerCase() === me);
  const day = zonedDateKey(now, config.timeZone);
  const result: DigestResult = { to: me, day, sent: false, due: 0, inquiries: 0 };
  if (staff?.role !== "salesperson") return { ...result, skipped: "not-salesperson" };
  if (staff.digest === "off") return { ...result, skipped: "opted-out" };
  const state = bookState(book.getId());
  if (state.get<string>(digestKey(me), "") === day) return { ...result, skipped: "already-sent" };
  const due = dueBuyers(book, me, config, now);
  const inquiries = nearTarget(book, me, config, now);
  result.due = due.length;
  result.inquiries = inquiries.length;
  if (due.length === 0 && inquiries.length === 0) {
    state.set(digestKey(me), day);
    return { ...result, skipped: "nothing-due" };
  }
  // Never start the send without time for the record after it: the tick is not cut off between the two.
  if (!budget.has(SEND_RESERVE_MS)) return { ...result, done: false, skipped: "no-time" };
  const lang = toLang(staff.language || config.lang);
  const mail = digestText(lang, staff.name.trim() || me, due, inquiries, config.timeZone);
  mailReportLink(me, mail.subject, mail.body);
  state.set(digestKey(me), day);
  return { ...result, sent: true };
};
