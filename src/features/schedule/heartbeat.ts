import type { Budget } from "../../app/budget";
import { type Config, readConfig } from "../../app/config";
import { recordBeat } from "../../app/heartbeats";
import { decide } from "../../domain/access";
import { dueJobs, type JobName, parseScheduleSettings } from "../../domain/schedule";
import { type HeldLock, tryBookLock } from "../../gas/book-lock";
import { type BookState, bookState } from "../../gas/book-state";
import { removeMyHeartbeats } from "../../gas/triggers";
import type { StaffMember } from "../../store/schemas";
import { asTable, loadSmallTables } from "../../store/small-tables";
import { refreshOpenRowsInBackground } from "../desk";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Runs `fn` holding the book's lock (waiting up to `waitMs`); throws when another execution keeps it. */
export type WithLock = <T>(fn: () => T, waitMs?: number) => T;

export interface JobArgs {
  book: Book;
  user: string;
  now: Date;
  budget: Budget;
  slotKey: string;
  /** For jobs that lock only around their own writes. */
  withLock: WithLock;
}

/**
 * What one scheduled job does when due. Its result may say:
 * - `{ done: false }`: it did a slice and has more to do — the slot stays due and the next tick goes on;
 * - `{ passed: true }`: not this person's to run — the slot is left for someone else and another job may run.
 */
export type JobRunner = (args: JobArgs) => unknown;

export interface JobSpec {
  run: JobRunner;
  /** Each person runs it for themselves (their mailbox, their quota, their digest); else once for the book. */
  perUser?: boolean;
  /** The least time it needs to start; a tick with less left leaves it for the next. */
  minMs: number;
  /**
   * It holds the lock for its whole run (it allocates IDs or rewrites rows it read while reading mail).
   * Otherwise it takes the lock itself around its writes (withLock), or needs none.
   */
  lockWhole?: boolean;
  /** Why this person should not run it (the reports are the writer's), or undefined. Cheap: no sheet read. */
  notFor?: (user: string, config: Config, staff: readonly StaffMember[]) => string | undefined;
}

export interface HeartbeatRun {
  job: JobName;
  slotKey: string;
  result?: unknown;
  error?: string;
  /** The job did a slice and goes on at the next tick. */
  inProgress?: boolean;
}

export interface HeartbeatReport {
  user: string;
  ran: HeartbeatRun[];
  /** Due jobs left to others (`reason`) or to a later tick (the one heavy job of this tick ran, or time ran short). */
  passed: { job: JobName; slotKey: string; reason: string }[];
  deferred: { job: JobName; slotKey: string; reason: "one-job-per-tick" | "budget" | "running-elsewhere" }[];
  skippedSlots: string[];
  /** Why nothing ran, when nothing could. */
  stopped?: "not-staff" | "frozen" | "not-allowed" | "busy" | "no-access" | "no-book";
  /** When work is left: "trigger" (a one-off trigger runs it in a minute) or "next-tick". */
  continuation?: "trigger" | "next-tick";
  problems: string[];
}

interface Lease {
  slot: string;
  by: string;
  until: number;
}

interface SlotRecord {
  /** Document-wide slots (reports, upkeep), shared by everyone's heartbeat. */
  doc: string[];
  /** Per-user slots (each person pulls their own mailbox). */
  users: Record<string, string[]>;
  /** When the schedule started: no backlog before it. */
  since?: number;
  /** Document-wide jobs being run right now, so two people's ticks do not run the same one. */
  leases?: Record<string, Lease>;
}

const SLOTS_KEY = "heartbeat.slots";
/** Slot keys kept per list: enough to cover a month of pulls without nearing the 9 KB property limit. */
const KEEP = 120;
/** A lease outlives any execution (6 minutes): a tick that died leaves the job to the next one. */
const LEASE_MS = 7 * 60_000;
/** The lock is taken only to update the record; another execution holds it at most a few seconds. */
const RECORD_LOCK_WAIT_MS = 10_000;

function emptyRecord(): SlotRecord {
  return { doc: [], users: {} };
}

/** Marks when the schedule starts, so a first heartbeat runs no backlog from before it existed. */
export function markScheduleStart(book: Book, now: Date): void {
  const state = bookState(book.getId());
  const record = state.get<SlotRecord>(SLOTS_KEY, emptyRecord());
  if (record.since !== undefined) return;
  record.since = now.getTime();
  state.set(SLOTS_KEY, record);
}

function makeWithLock(held: { lock?: HeldLock }): WithLock {
  return <T>(fn: () => T, waitMs = 30_000): T => {
    if (held.lock) return fn();
    const lock = tryBookLock(waitMs);
    if (!lock) throw new Error("Another Buyerbook job holds the document lock.");
    held.lock = lock;
    try {
      return fn();
    } finally {
      held.lock = undefined;
      lock.release();
    }
  };
}

/** Reads, changes and writes the slot record under the lock (a few hundred ms). */
function updateRecord(state: BookState, withLock: WithLock, change: (r: SlotRecord) => boolean): boolean {
  return withLock(() => {
    const record = state.get<SlotRecord>(SLOTS_KEY, emptyRecord());
    record.leases ??= {};
    const ok = change(record);
    if (ok) state.set(SLOTS_KEY, record);
    return ok;
  }, RECORD_LOCK_WAIT_MS);
}

function scheduleOf(config: Config, report: HeartbeatReport) {
  const parsed = parseScheduleSettings(
    {
      pullSlots: config.reader.text("pull.slots"),
      campaignSend: config.reader.text("campaign.send"),
      upkeepDaily: config.reader.text("upkeep.daily"),
      digestDaily: config.reader.text("digest.daily"),
      weeklyReport: config.reader.text("report.weekly"),
      midweekBrief: config.reader.text("report.midweek"),
      monthlyAList: config.reader.text("report.monthlyA"),
    },
    {
      pullSlots: "pull.slots",
      campaignSend: "campaign.send",
      upkeepDaily: "upkeep.daily",
      digestDaily: "digest.daily",
      weeklyReport: "report.weekly",
      midweekBrief: "report.midweek",
      monthlyAList: "report.monthlyA",
    },
  );
  if (!parsed.ok) for (const e of parsed.errors) report.problems.push(`Settings ${e.message}`);
  return parsed.ok ? parsed.value : { jobs: [] };
}

/**
 * The one hourly heartbeat (an editor add-on may own only one time trigger per user per document). It runs at
 * most ONE job per tick — a pull, the upkeep, a campaign send, a digest or a report slice — whichever is due
 * first, if the tick still has the time that job needs; the rest wait for the next tick (or a one-off trigger
 * where the deployment allows one). Reads happen outside the lock; the lock is held to update the slot record,
 * and around a job's writes (or its whole run, for jobs that need that). A missed slot is caught up once, a
 * slot never runs twice, and a document-wide job is leased so two people's ticks never run it together.
 */
export function runHeartbeat(
  book: Book,
  user: string,
  now: Date,
  budget: Budget,
  jobs: Partial<Record<JobName, JobSpec>>,
): HeartbeatReport {
  const report: HeartbeatReport = { user, ran: [], passed: [], deferred: [], skippedSlots: [], problems: [] };
  // Through the small-table cache, which this read also fills for the jobs that follow (the pull's Rules and
  // Routing included): an hourly tick rarely finds it warm on its own, since it lives 20 minutes.
  const small = loadSmallTables(book, { intake: true });
  const config = readConfig(asTable(small.settings));
  report.problems.push(...config.problems);
  const staff = small.staff.records;
  const me = staff.find((r) => r.email.toLowerCase() === user.toLowerCase());
  const may = decide(me, "mail.pull");
  if (!may.ok) {
    // R29: a frozen (or removed) person's heartbeat does nothing and removes itself; so does a viewer's (R1).
    removeMyHeartbeats();
    report.stopped = may.reason === "frozen" ? "frozen" : may.reason === "role" ? "not-allowed" : "not-staff";
    return report;
  }
  const state = bookState(book.getId());
  // Whose schedule is running (the boss's desk and the weekly report read it): one key per person, no lock.
  recordBeat(state, user, { at: now.getTime() });
  const schedule = scheduleOf(config, report);
  schedule.jobs = schedule.jobs.filter((j) => jobs[j.job] !== undefined);
  const held: { lock?: HeldLock } = {};
  const withLock = makeWithLock(held);
  const record = state.get<SlotRecord>(SLOTS_KEY, emptyRecord());
  if (record.since === undefined) {
    // The first heartbeat starts the schedule (no backlog from before it), as "Start the schedule" does.
    record.since = now.getTime();
    try {
      updateRecord(state, withLock, (r) => {
        r.since ??= now.getTime();
        return true;
      });
    } catch {
      report.stopped = "busy";
      return report;
    }
  }
  const due = dueJobs({
    schedule,
    timeZone: config.timeZone,
    calendar: config.calendar,
    alreadyRun: [...record.doc, ...(record.users[user] ?? [])],
    now,
    since: new Date(record.since),
  });
  let heavy = false;
  for (const job of due) {
    const spec = jobs[job.job] as JobSpec;
    const slot = { job: job.job, slotKey: job.slotKey };
    const reason = spec.notFor?.(user, config, staff);
    if (reason) {
      report.passed.push({ ...slot, reason });
      continue;
    }
    if (heavy) {
      report.deferred.push({ ...slot, reason: "one-job-per-tick" });
      continue;
    }
    if (!budget.has(spec.minMs)) {
      report.deferred.push({ ...slot, reason: "budget" });
      continue;
    }
    const run = runOne(book, user, now, budget, spec, job, state, withLock, report);
    if (run === "busy" && report.ran.length === 0) report.stopped = "busy";
    if (run === "leased") report.deferred.push({ ...slot, reason: "running-elsewhere" });
    if (run === "ran") heavy = true;
  }
  rememberOpenInquiries(book, budget, report);
  // A failed job waits for the next hourly tick; work that only waited its turn may go on in a minute.
  const left = report.deferred.length > 0 || report.ran.some((r) => r.inProgress);
  if (left) report.continuation = "next-tick";
  return report;
}

/** Time a tick keeps back before searching for the open inquiries (a TextFinder and one read: seconds at most). */
const OPEN_ROWS_MIN_MS = 20_000;

/**
 * After the job (a pull marks Inquiries written), the desks' open inquiries are searched for here, in the
 * background, when nothing remembered fits (open-inquiries.ts): the next desk, and the morning's first, need no
 * search. Only an optimisation: a failure is noted, never fatal to the tick.
 */
function rememberOpenInquiries(book: Book, budget: Budget, report: HeartbeatReport): void {
  if (!budget.has(OPEN_ROWS_MIN_MS)) return;
  try {
    refreshOpenRowsInBackground(book);
  } catch (e) {
    report.problems.push(`open inquiries not remembered: ${e instanceof Error ? e.message : String(e)}`);
  }
}

type RunOutcome = "ran" | "passed" | "leased" | "busy";

/** Claims the slot, runs the job, records the outcome. */
function runOne(
  book: Book,
  user: string,
  now: Date,
  budget: Budget,
  spec: JobSpec,
  job: { job: JobName; slotKey: string; skipped: string[] },
  state: BookState,
  withLock: WithLock,
  report: HeartbeatReport,
): RunOutcome {
  const perUser = spec.perUser === true;
  let claimed: boolean;
  try {
    claimed = perUser || claimLease(state, withLock, job, user, now);
  } catch {
    return "busy";
  }
  if (!claimed) return "leased";
  const entry: HeartbeatRun = { job: job.job, slotKey: job.slotKey };
  report.ran.push(entry);
  let finished = false;
  let outcome: RunOutcome = "ran";
  try {
    const args: JobArgs = { book, user, now, budget, slotKey: job.slotKey, withLock };
    entry.result = spec.lockWhole ? withLock(() => spec.run(args)) : spec.run(args);
    const r = entry.result as { done?: unknown; passed?: unknown } | undefined;
    if (r?.passed === true) {
      outcome = "passed";
      report.ran.pop();
      report.passed.push({ job: job.job, slotKey: job.slotKey, reason: String((r as { skipped?: string }).skipped) });
    } else if (r?.done === false) entry.inProgress = true;
    else finished = true;
  } catch (e) {
    // A failed job is retried at the next tick: its slot is not recorded.
    entry.error = (e as Error).message;
  }
  try {
    updateRecord(state, withLock, (record) => {
      const leases = record.leases as Record<string, Lease>;
      if (!perUser && leases[job.job]?.by === user) delete leases[job.job];
      if (!finished) return true;
      if (perUser) record.users[user] = [...(record.users[user] ?? []), job.slotKey, ...job.skipped].slice(-KEEP);
      else record.doc = [...record.doc, job.slotKey, ...job.skipped].slice(-KEEP);
      return true;
    });
    if (finished) report.skippedSlots.push(...job.skipped);
  } catch (e) {
    report.problems.push(`the schedule's record could not be updated: ${(e as Error).message}`);
  }
  return outcome;
}

/** Takes the lease on a document-wide job unless its slot is done or someone else's live lease holds it. */
function claimLease(
  state: BookState,
  withLock: WithLock,
  job: { job: JobName; slotKey: string },
  user: string,
  now: Date,
): boolean {
  return updateRecord(state, withLock, (record) => {
    if (record.doc.includes(job.slotKey)) return false;
    const leases = record.leases as Record<string, Lease>;
    const lease = leases[job.job];
    if (lease && lease.by !== user && lease.until > now.getTime()) return false;
    leases[job.job] = { slot: job.slotKey, by: user, until: now.getTime() + LEASE_MS };
    return true;
  });
}
