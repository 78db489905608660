import type { Budget } from "../../app/budget";
import { readConfig } from "../../app/config";
import { dueJobs, type JobName, parseScheduleSettings } from "../../domain/schedule";
import { tryDocumentLock } from "../../gas/lock";
import { readDocJson, writeDocJson } from "../../gas/properties";
import { removeMyHeartbeats } from "../../gas/triggers";
import { asTable, loadSmallTables } from "../../store/small-tables";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What one scheduled job does when due. Jobs not registered (not built yet) are simply not scheduled. */
export type JobRunner = (args: { book: Book; user: string; now: Date; budget: Budget; slotKey: string }) => unknown;

export interface HeartbeatReport {
  user: string;
  ran: { job: JobName; slotKey: string; result?: unknown; error?: string }[];
  skippedSlots: string[];
  /** Why nothing ran, when nothing could. */
  stopped?: "not-staff" | "frozen" | "busy";
  problems: string[];
}

interface SlotRecord {
  /** Document-wide slots (reports), shared by everyone's heartbeat. */
  doc: string[];
  /** Per-user slots (each person pulls their own mailbox). */
  users: Record<string, string[]>;
  /** When the schedule started: no backlog before it. */
  since?: number;
}

const SLOTS_KEY = "heartbeat.slots";

/** Marks when the schedule starts, so a first heartbeat runs no backlog from before it existed. */
export function markScheduleStart(now: Date): void {
  const record = readDocJson<SlotRecord>(SLOTS_KEY, { doc: [], users: {} });
  if (record.since !== undefined) return;
  record.since = now.getTime();
  writeDocJson(SLOTS_KEY, record);
}
/** Slot keys kept per list: enough to cover a month of pulls without nearing the 9 KB property limit. */
const KEEP = 120;
/** Jobs each person runs for themselves: their own mailbox, their own campaign mail (their own quota). */
const PER_USER_JOBS: ReadonlySet<JobName> = new Set(["pull", "campaigns"]);

/**
 * The one hourly heartbeat (an editor add-on may own only one time trigger per user per document): runs
 * whatever Settings schedule says is due, catching up a missed slot once, never running a slot twice.
 */
export function runHeartbeat(
  book: Book,
  user: string,
  now: Date,
  budget: Budget,
  jobs: Partial<Record<JobName, JobRunner>>,
): HeartbeatReport {
  const report: HeartbeatReport = { user, ran: [], skippedSlots: [], problems: [] };
  // Through the small-table cache, which this read also fills for the jobs that follow (the pull's Rules and
  // Routing included): an hourly tick rarely finds it warm on its own, since it lives 300 s.
  const small = loadSmallTables(book, { intake: true });
  const config = readConfig(asTable(small.settings));
  report.problems.push(...config.problems);
  const me = small.staff.records.find((r) => r.email.toLowerCase() === user.toLowerCase());
  if (!me || me.status === "frozen") {
    // R29: a frozen (or removed) person's heartbeat does nothing and removes itself.
    removeMyHeartbeats();
    report.stopped = me ? "frozen" : "not-staff";
    return report;
  }
  const lock = tryDocumentLock(10_000);
  if (!lock) {
    report.stopped = "busy";
    return report;
  }
  try {
    const parsed = parseScheduleSettings(
      {
        pullSlots: config.reader.text("pull.slots"),
        campaignSend: config.reader.text("campaign.send"),
        upkeepDaily: config.reader.text("upkeep.daily"),
        weeklyReport: config.reader.text("report.weekly"),
        midweekBrief: config.reader.text("report.midweek"),
        monthlyAList: config.reader.text("report.monthlyA"),
      },
      {
        pullSlots: "pull.slots",
        campaignSend: "campaign.send",
        upkeepDaily: "upkeep.daily",
        weeklyReport: "report.weekly",
        midweekBrief: "report.midweek",
        monthlyAList: "report.monthlyA",
      },
    );
    if (!parsed.ok) for (const e of parsed.errors) report.problems.push(`Settings ${e.message}`);
    const schedule = parsed.ok ? parsed.value : { jobs: [] };
    schedule.jobs = schedule.jobs.filter((j) => jobs[j.job] !== undefined);
    const record = readDocJson<SlotRecord>(SLOTS_KEY, { doc: [], users: {} });
    record.since ??= now.getTime();
    const mine = record.users[user] ?? [];
    const due = dueJobs({
      schedule,
      timeZone: config.timeZone,
      calendar: config.calendar,
      alreadyRun: [...record.doc, ...mine],
      now,
      since: new Date(record.since),
    });
    for (const job of due) {
      if (!budget.has(30_000)) break;
      const list = PER_USER_JOBS.has(job.job) ? mine : record.doc;
      try {
        const result = jobs[job.job]!({ book, user, now, budget, slotKey: job.slotKey });
        report.ran.push({ job: job.job, slotKey: job.slotKey, result });
      } catch (e) {
        // A failed job is retried at the next tick: its slot is not recorded.
        report.ran.push({ job: job.job, slotKey: job.slotKey, error: (e as Error).message });
        continue;
      }
      list.push(job.slotKey, ...job.skipped);
      report.skippedSlots.push(...job.skipped);
    }
    record.users[user] = mine.slice(-KEEP);
    record.doc = record.doc.slice(-KEEP);
    writeDocJson(SLOTS_KEY, record);
    return report;
  } finally {
    lock.release();
  }
}
