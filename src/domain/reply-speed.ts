/**
 * Reply speed per buyer message that awaited a reply (R7 answer every inquiry, R8 within one day aiming for two
 * hours, R26 a fax within 12 hours), computed from Inquiries rows so the dashboard and the weekly report count
 * the same way. An inquiry row is a conversation: each time the buyer waits for us (their first message, or a
 * message after our answer) is one wait; a chase while waiting is not a new wait (it is an escalation).
 *
 * A row keeps its waits in three places: the answered ones in "Reply history" ("2026-11-23T01:00Z →
 * 2026-11-23T02:30Z; …"), the open one in "Awaiting since", and, for rows written before the history existed
 * or answered by hand, "Received" → "Replied at".
 */
import { responseHours, type SlaSettings, slaState } from "./sla";
import type { WorkCalendar } from "./workCalendar";

export interface ReplyRow {
  receivedAt: Date | null;
  channel: string;
  status?: string;
  repliedAt?: Date | null;
  responseHours?: number | null;
  awaitingSince?: Date | null;
  replyHistory?: string;
}

export interface ReplyWait {
  /** The buyer message that started the wait. */
  since: Date;
  /** Our answer; undefined while unanswered, or when the row says answered without saying when. */
  answeredAt?: Date;
  answered: boolean;
  channel: string;
}

function valid(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

function minute(d: Date): string {
  return `${d.toISOString().slice(0, 16)}Z`;
}

const WAIT = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z)\s*(?:→|->)\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z)/g;

/** The answered waits of a Reply history cell; text a person changed into something else is skipped. */
export function parseReplyHistory(text: string | undefined | null): { since: Date; answeredAt: Date }[] {
  const out: { since: Date; answeredAt: Date }[] = [];
  for (const m of String(text ?? "").matchAll(WAIT)) {
    const since = new Date(m[1].replace("Z", ":00Z"));
    const answeredAt = new Date(m[2].replace("Z", ":00Z"));
    if (valid(since) && valid(answeredAt)) out.push({ since, answeredAt });
  }
  return out;
}

/** The history with one more answered wait (kept to the last 100 waits). */
export function appendReplyHistory(text: string | undefined | null, since: Date, answeredAt: Date): string {
  const waits = parseReplyHistory(text);
  if (waits.some((w) => minute(w.since) === minute(since))) return String(text ?? "");
  waits.push({ since, answeredAt });
  return waits
    .slice(-100)
    .map((w) => `${minute(w.since)} → ${minute(w.answeredAt)}`)
    .join("; ");
}

/** Every wait of one row, oldest first. */
export function waitsOf(row: ReplyRow): ReplyWait[] {
  const channel = row.channel || "email";
  const waits: ReplyWait[] = parseReplyHistory(row.replyHistory).map((w) => ({ ...w, answered: true, channel }));
  const received = valid(row.receivedAt) ? row.receivedAt : undefined;
  const replied = valid(row.repliedAt) ? row.repliedAt : undefined;
  const open = valid(row.awaitingSince) ? row.awaitingSince : undefined;
  const openKey = open ? minute(open) : "";
  // The first wait, when the history does not hold it (an older row, or answered at the desk).
  if (received && !waits.some((w) => minute(w.since) === minute(received)) && openKey !== minute(received)) {
    const answeredAt = replied && replied.getTime() >= received.getTime() ? replied : undefined;
    const answered = !!answeredAt || (row.status !== undefined && row.status !== "new" && row.status !== "");
    waits.unshift({ since: received, answeredAt, answered, channel });
  }
  if (open && !waits.some((w) => minute(w.since) === openKey)) {
    // "Awaiting since" left behind by a hand answer (status set to replied at the desk): answered, time unknown.
    const answered = row.status !== undefined && row.status !== "new" && row.status !== "";
    const answeredAt = answered && replied && replied.getTime() >= open.getTime() ? replied : undefined;
    waits.push({ since: open, answeredAt, answered, channel });
  }
  return waits.sort((a, b) => a.since.getTime() - b.since.getTime());
}

export interface ReplySpeedOptions {
  /** Waits that started in [from, to); open ends count everything. */
  from?: Date;
  to?: Date;
  /** The moment the figures describe: an answer after it is not an answer yet. */
  asOf: Date;
  sla: SlaSettings;
}

export interface ReplySpeed {
  /** Buyer messages that awaited a reply (R7). */
  awaited: number;
  answered: number;
  /** Answered by the target (R8: two working hours). */
  withinTarget: number;
  /** Answered by the limit (R8: one day; R26: fax 12 hours). */
  withinLimit: number;
  unanswered: number;
  /** Unanswered and past the limit. */
  pastLimit: number;
  /** Working hours to each timed answer, ascending. */
  hours: number[];
  medianHours: number | null;
}

function empty(): ReplySpeed {
  return {
    awaited: 0,
    answered: 0,
    withinTarget: 0,
    withinLimit: 0,
    unanswered: 0,
    pastLimit: 0,
    hours: [],
    medianHours: null,
  };
}

function count(speed: ReplySpeed, wait: ReplyWait, options: ReplySpeedOptions): void {
  const t = wait.since.getTime();
  if (options.from && t < options.from.getTime()) return;
  if (options.to && t >= options.to.getTime()) return;
  if (t > options.asOf.getTime()) return;
  speed.awaited += 1;
  const answeredAt =
    wait.answeredAt && wait.answeredAt.getTime() <= options.asOf.getTime() ? wait.answeredAt : undefined;
  if (wait.answered && (answeredAt || !wait.answeredAt)) {
    speed.answered += 1;
    if (!answeredAt) return;
    const state = slaState(
      { receivedAt: wait.since, channel: wait.channel, repliedAt: answeredAt },
      options.asOf,
      options.sla,
    );
    if (state.metTarget) speed.withinTarget += 1;
    if (state.state === "answered-in-time") speed.withinLimit += 1;
    speed.hours.push(responseHours(wait.since, answeredAt, options.sla.calendar));
    return;
  }
  speed.unanswered += 1;
  const state = slaState({ receivedAt: wait.since, channel: wait.channel }, options.asOf, options.sla);
  if (state.state === "overdue") speed.pastLimit += 1;
}

function finish(speed: ReplySpeed): ReplySpeed {
  speed.hours.sort((a, b) => a - b);
  const n = speed.hours.length;
  if (n > 0) {
    const mid = Math.floor(n / 2);
    speed.medianHours =
      n % 2 ? speed.hours[mid] : Math.round(((speed.hours[mid - 1] + speed.hours[mid]) / 2) * 100) / 100;
  }
  return speed;
}

/** R7, R8, R26 figures over every buyer message that awaited a reply in the period. */
export function replySpeed(rows: readonly ReplyRow[], options: ReplySpeedOptions): ReplySpeed {
  const speed = empty();
  for (const row of rows ?? []) for (const wait of waitsOf(row)) count(speed, wait, options);
  return finish(speed);
}

/** The same figures per key (the handler: `row.assignedTo || row.owner`, say). */
export function replySpeedBy<R extends ReplyRow>(
  rows: readonly R[],
  keyOf: (row: R) => string,
  options: ReplySpeedOptions,
): Map<string, ReplySpeed> {
  const out = new Map<string, ReplySpeed>();
  for (const row of rows ?? []) {
    const key = keyOf(row);
    let speed = out.get(key);
    if (!speed) {
      speed = empty();
      out.set(key, speed);
    }
    for (const wait of waitsOf(row)) count(speed, wait, options);
  }
  for (const speed of out.values()) finish(speed);
  return out;
}

/**
 * What a row becomes when we answer it at `at` (the pull, the desk and a sent quote alike): answered, the wait
 * moved to the history, the first answer's time and response kept as the inquiry's R8 figures.
 */
export function answerChanges(
  row: ReplyRow,
  at: Date,
  calendar: WorkCalendar,
): {
  status: "replied";
  awaitingSince: null;
  overdue: false;
  replyHistory: string;
  repliedAt: Date;
  responseHours: number | null;
} {
  const since = valid(row.awaitingSince) ? row.awaitingSince : valid(row.receivedAt) ? row.receivedAt : undefined;
  const first = valid(row.repliedAt) ? row.repliedAt : at;
  const received = valid(row.receivedAt) ? row.receivedAt : undefined;
  return {
    status: "replied",
    awaitingSince: null,
    overdue: false,
    replyHistory: since ? appendReplyHistory(row.replyHistory, since, at) : String(row.replyHistory ?? ""),
    repliedAt: first,
    responseHours: valid(row.repliedAt)
      ? (row.responseHours ?? null)
      : received
        ? responseHours(received, at, calendar)
        : null,
  };
}
