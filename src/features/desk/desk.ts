/**
 * "My desk" (R7, R8, R10, R20, R23, R6): one person's queue, most urgent first — inquiries not yet answered
 * with the time left to the 2 h target and the 24 h limit, inquiries not yet graded, buyers whose follow-up is
 * overdue or due today, including the buyers of away colleagues who named this person deputy.
 * Salespeople see their own work; the boss, the assistant and viewers see the whole team's.
 */
import { deputizedFor } from "../../domain/access";
import { isGrade } from "../../domain/grades";
import { isAway, type StaffFacts } from "../../domain/routing";
import { type SlaSettings, slaState } from "../../domain/sla";
import { zonedDateKey } from "../../domain/time";
import type { Buyer, Inquiry, StaffMember } from "../../store/schemas";
import type { Desk, DeskFollowUp, DeskInquiry } from "./types";

/** Enough for a day's work in a 300 px sidebar; the totals say how many there are in all. */
export const DESK_LIMIT = 60;

export interface DeskInput {
  me: string;
  role: string;
  /** The company (or contact) shown for an inquiry's buyer. */
  companyOf: (buyerId: string) => string;
  inquiries: readonly Inquiry[];
  /** Buyers due today or overdue (days late), the ones to list; `dueTotals` counts them all. */
  due: readonly { buyer: Buyer; late: number }[];
  dueTotals: { overdue: number; today: number };
  staff: readonly StaffMember[];
  staffFacts: readonly StaffFacts[];
  now: Date;
  timeZone: string;
  sla: SlaSettings;
  /** The desk version read with the data (see click-audit). */
  version?: string;
}

const iso = (d: Date | null | undefined): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;

/** Who I answer for: "" for my own work, the owner's e-mail when I act as their deputy, undefined when not mine. */
function scopeOf(owner: string, input: DeskInput, everyone: boolean): string | undefined {
  const o = owner.toLowerCase();
  if (o === input.me) return "";
  if (o !== "" && deputizedFor(input.me, o, input.staffFacts, input.now)) return o;
  return everyone ? "" : undefined;
}

export function inquiryView(
  inquiry: Inquiry,
  company: string,
  now: Date,
  sla: SlaSettings,
  forOwner = "",
): DeskInquiry {
  const status =
    inquiry.receivedAt && inquiry.status !== "closed"
      ? slaState(
          { receivedAt: inquiry.receivedAt, channel: inquiry.channel, repliedAt: inquiry.repliedAt ?? undefined },
          now,
          sla,
        )
      : undefined;
  return {
    id: inquiry.id,
    buyerId: inquiry.buyerId,
    company,
    fromName: inquiry.fromName,
    fromEmail: inquiry.fromEmail,
    subject: inquiry.subject,
    channel: inquiry.channel,
    receivedAt: iso(inquiry.receivedAt),
    targetAt: iso(status?.targetAt ?? inquiry.targetAt),
    limitAt: iso(status?.limitAt ?? inquiry.limitAt),
    state: status?.state ?? "",
    minutesToTarget: status ? Math.round(status.msToTarget / 60_000) : 0,
    minutesToLimit: status ? Math.round(status.msToLimit / 60_000) : 0,
    grade: inquiry.grade,
    owner: inquiry.owner,
    assignedTo: inquiry.assignedTo,
    forOwner,
  };
}

export function buildDesk(input: DeskInput): Desk {
  const everyone = input.role !== "salesperson";
  const unanswered: DeskInquiry[] = [];
  const ungraded: DeskInquiry[] = [];
  for (const inquiry of input.inquiries) {
    if (inquiry.id === "" || inquiry.status === "closed") continue;
    // An inquiry handed to me (deputy at intake) is mine even if the buyer's owner is someone else.
    const handledBy = (inquiry.assignedTo || inquiry.owner).toLowerCase();
    const scope = handledBy === input.me ? "" : scopeOf(inquiry.owner, input, everyone);
    if (scope === undefined) continue;
    const open = inquiry.status !== "replied" && !inquiry.repliedAt;
    if (!open && inquiry.grade !== "") continue;
    const view = inquiryView(inquiry, input.companyOf(inquiry.buyerId), input.now, input.sla, scope);
    if (open) unanswered.push(view);
    if (inquiry.grade === "") ungraded.push(view);
  }
  unanswered.sort((a, b) => a.minutesToLimit - b.minutesToLimit || a.minutesToTarget - b.minutesToTarget);
  ungraded.sort((a, b) => (a.receivedAt ?? "").localeCompare(b.receivedAt ?? ""));

  const due: DeskFollowUp[] = [];
  for (const { buyer: b, late } of input.due) {
    const scope = scopeOf(b.owner, input, everyone);
    if (scope === undefined || late < 0) continue;
    due.push({
      buyerId: b.id,
      company: b.company,
      name: b.name,
      grade: b.grade,
      owner: b.owner,
      dueDate: b.nextFollowUp ? zonedDateKey(b.nextFollowUp, input.timeZone) : "",
      state: late > 0 ? "overdue" : "today",
      daysOverdue: late,
      forOwner: scope,
    });
  }
  const rank = (g: string) => (isGrade(g) ? "ABCD".indexOf(g) : 4);
  due.sort(
    (a, b) => b.daysOverdue - a.daysOverdue || rank(a.grade) - rank(b.grade) || a.buyerId.localeCompare(b.buyerId),
  );

  const covering = input.staff
    .filter((s) => {
      const email = s.email.toLowerCase();
      const facts = input.staffFacts.find((f) => f.email === email);
      return (
        email !== input.me &&
        facts !== undefined &&
        (isAway(facts, input.now) || facts.status === "frozen") &&
        deputizedFor(input.me, email, input.staffFacts, input.now)
      );
    })
    .map((s) => ({ email: s.email.toLowerCase(), name: s.name, until: iso(s.awayUntil) }));

  return {
    at: input.now.toISOString(),
    version: input.version ?? "",
    unanswered: unanswered.slice(0, DESK_LIMIT),
    ungraded: ungraded.slice(0, DESK_LIMIT),
    due: due.slice(0, DESK_LIMIT),
    covering,
    totals: {
      unanswered: unanswered.length,
      ungraded: ungraded.length,
      overdue: input.dueTotals.overdue,
      today: input.dueTotals.today,
    },
  };
}
