import type { GasContext } from "../core/context";
import { wallClock, wallClockToMs } from "../core/zones";
import { usWeekOfYear } from "./dateformat";
import type { LockService } from "./lock";
import { type ScriptApp, Trigger, type TriggerRecord } from "./script";

/**
 * Runs installable triggers against the emulated clock. Apps Script randomises the minute of recurring
 * triggers ("Apps Script chooses a time between 9 a.m. and 10 a.m., then keeps that timing consistent");
 * the emulator is deterministic instead:
 * - everyMinutes(n): every n minutes from the creation minute;
 * - everyHours(n): every n hours at nearMinute, else at the creation minute (first fire strictly after creation);
 * - everyDays(n) / atHour(h): at h:nearMinute (minute 0 by default) in the trigger's zone (inTimezone or the
 *   script's), else at the creation time of day;
 * - onWeekDay(d) / everyWeeks(n): weekly on d (else the creation weekday) at the same time rules;
 * - onMonthDay(d): monthly, skipping months without that day; at(date)/after(ms)/atDate: once, then deleted.
 * Each fire is its own execution run as the trigger's owner. A handler that throws is recorded and the
 * scheduler carries on, as Apps Script does (it only e-mails a failure summary).
 * Event object: developers.google.com/apps-script/guides/triggers/events#time-driven_events — the fields are
 * reported in UTC with timezone "UTC", as Apps Script does.
 */
export interface TimeDrivenEvent {
  authMode: string;
  triggerUid: string;
  year: number;
  month: number;
  "day-of-month": number;
  "day-of-week": number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  "week-of-year": number;
}

export interface Fire {
  at: Date;
  handler: string;
  triggerUid: string;
  owner: string;
  /** What the handler returned (Apps Script discards it; tests and the CLI like to see it). */
  result?: unknown;
  error?: unknown;
}

export type TriggerInvoker = (trigger: GoogleAppsScript.Script.Trigger, event: object) => unknown;

/** One trigger about to fire: who it runs for and what it was given. */
export interface TriggerRun {
  record: TriggerRecord;
  event: object;
  /** Session.getActiveUser() for this run ("" when Apps Script withholds it). */
  activeUser: string;
}

/**
 * Runs one fire as an execution (users, locks, time budget, quotas); `invoke` calls the handler. Without a
 * runner the scheduler runs the handler itself as the trigger's owner, with the execution's locks.
 */
export type TriggerRunner = (run: TriggerRun, invoke: () => unknown) => unknown;

const MINUTE = 60000;
const DAY = 86400000;

export class TriggerScheduler {
  private readonly due = new Map<string, number>();
  private executions = 0;
  /** Every fire since construction. */
  readonly fires: Fire[] = [];
  /** Fires whose handler threw. */
  readonly failures: Fire[] = [];

  constructor(
    private readonly ctx: GasContext,
    private readonly scriptApp: ScriptApp,
    private readonly invoke: TriggerInvoker,
    private readonly locks?: LockService,
    private readonly runner?: TriggerRunner,
  ) {}

  /** When each clock trigger fires next (for inspection). */
  nextFires(): { uid: string; handler: string; at: Date }[] {
    this.refresh();
    return [...this.due.entries()]
      .map(([uid, at]) => ({ uid, handler: this.record(uid)?.handler ?? "", at: new Date(at) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Advance the clock to `instant`, firing each due time-driven trigger in time order. */
  runUntil(instant: Date | string | number): Fire[] {
    const end = new Date(instant).getTime();
    const fired: Fire[] = [];
    for (;;) {
      this.refresh();
      let next: { uid: string; at: number } | undefined;
      for (const r of this.scriptApp.allTriggers()) {
        const at = this.due.get(r.uid);
        if (at !== undefined && at <= end && (!next || at < next.at)) next = { uid: r.uid, at };
      }
      if (!next) break;
      if (next.at > this.ctx.clock.nowMs()) this.ctx.clock.set(next.at);
      const record = this.record(next.uid);
      if (!record?.clock) continue;
      const following =
        record.clock.kind === "once" || record.clock.kind === "date" ? undefined : nextAfter(record, next.at);
      if (following === undefined) {
        this.due.delete(record.uid);
        this.scriptApp.removeRecord(record.uid);
      } else this.due.set(record.uid, following);
      fired.push(this.execute(record, timeDrivenEvent(record.uid, this.ctx.clock.nowMs()), record.owner));
    }
    if (end > this.ctx.clock.nowMs()) this.ctx.clock.set(end);
    return fired;
  }

  /**
   * Fire the installable event triggers (ON_EDIT, ON_OPEN, ON_CHANGE, ON_FORM_SUBMIT) of a document, each as
   * its owner. The active user is the acting user for the owner's own triggers; for other users' triggers
   * Apps Script withholds it, except within one Google Workspace domain (ctx.visibleUser).
   */
  dispatch(eventType: string, sourceId: string, event: Record<string, unknown>, actingUser: string): Fire[] {
    const matching = this.scriptApp.allTriggers().filter((r) => r.eventType === eventType && r.sourceId === sourceId);
    return matching.map((r) =>
      this.execute(r, { authMode: "FULL", triggerUid: r.uid, ...event }, this.ctx.visibleUser(actingUser, r.owner)),
    );
  }

  private execute(record: TriggerRecord, event: object, activeUser: string): Fire {
    const fire: Fire = {
      at: this.ctx.clock.now(),
      handler: record.handler,
      triggerUid: record.uid,
      owner: record.owner,
    };
    const invoke = () => this.invoke(new Trigger(record) as unknown as GoogleAppsScript.Script.Trigger, event);
    try {
      fire.result = this.runner
        ? this.runner({ record, event, activeUser }, invoke)
        : this.runAlone(record, activeUser, invoke);
    } catch (error) {
      fire.error = error;
      this.failures.push(fire);
    }
    this.fires.push(fire);
    return fire;
  }

  private runAlone(record: TriggerRecord, activeUser: string, invoke: () => unknown): unknown {
    this.executions += 1;
    const execution = `trigger-${record.uid}-${this.executions}`;
    this.locks?.beginExecution(execution);
    try {
      return this.ctx.runAs(activeUser, invoke, { effectiveUser: record.owner, authMode: "FULL" });
    } finally {
      this.locks?.endExecution(execution);
    }
  }

  private record(uid: string): TriggerRecord | undefined {
    return this.scriptApp.allTriggers().find((r) => r.uid === uid);
  }

  /** Schedule triggers created since the last look; forget deleted ones. */
  private refresh(): void {
    const live = new Set<string>();
    for (const r of this.scriptApp.allTriggers()) {
      if (!r.clock) continue;
      live.add(r.uid);
      if (!this.due.has(r.uid)) this.due.set(r.uid, firstFire(r));
    }
    for (const uid of [...this.due.keys()]) if (!live.has(uid)) this.due.delete(uid);
  }
}

export function timeDrivenEvent(triggerUid: string, ms: number): TimeDrivenEvent {
  const d = new Date(ms);
  const weekday = d.getUTCDay();
  return {
    authMode: "FULL",
    triggerUid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    "day-of-month": d.getUTCDate(),
    "day-of-week": weekday === 0 ? 7 : weekday,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: "UTC",
    "week-of-year": usWeekOfYear(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()).week,
  };
}

interface TimeOfDay {
  hour: number;
  minute: number;
}

function timeOfDay(record: TriggerRecord, schedule: { hour?: number; minute?: number }): TimeOfDay {
  const created = wallClock(record.createdAt, record.clock?.timeZone ?? "GMT");
  if (schedule.hour !== undefined) return { hour: schedule.hour, minute: schedule.minute ?? 0 };
  return { hour: created.hour, minute: schedule.minute ?? created.minute };
}

/** The local calendar date `days` after (y, m, d), as plain numbers. */
function addDays(y: number, m: number, d: number, days: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function firstFire(record: TriggerRecord): number {
  const c = record.clock;
  if (!c) throw new Error("not a clock trigger");
  const zone = c.timeZone;
  const created = record.createdAt;
  const local = wallClock(created, zone);
  switch (c.kind) {
    case "once":
      return Math.max(c.at, created);
    case "date": {
      const t = timeOfDay(record, { hour: c.hour ?? 0, minute: c.minute ?? 0 });
      return Math.max(wallClockToMs(zone, c.year, c.month, c.day, t.hour, t.minute), created);
    }
    case "minutes":
      return Math.floor(created / MINUTE) * MINUTE + c.every * MINUTE;
    case "hours": {
      const minute = c.minute ?? local.minute;
      const base = Math.floor(created / MINUTE) * MINUTE;
      for (let k = 1; k <= 60; k++) {
        const t = base + k * MINUTE;
        if (wallClock(t, zone).minute === minute) return t;
      }
      return base + 60 * MINUTE;
    }
    case "days": {
      const t = timeOfDay(record, c);
      for (let k = 0; k <= 1; k++) {
        const day = addDays(local.year, local.month, local.day, k);
        const at = wallClockToMs(zone, day.y, day.m, day.d, t.hour, t.minute);
        if (at > created) return at;
      }
      return created + DAY;
    }
    case "weeks": {
      const t = timeOfDay(record, c);
      const weekDay = c.weekDay ?? local.weekday;
      for (let k = 0; k <= 7; k++) {
        const day = addDays(local.year, local.month, local.day, k);
        if (new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() !== weekDay) continue;
        const at = wallClockToMs(zone, day.y, day.m, day.d, t.hour, t.minute);
        if (at > created) return at;
      }
      return created + 7 * DAY;
    }
    case "monthDay":
      return nextMonthDay(record, c.day, created);
  }
}

/** The fire after one at `prev` (recurring schedules only). */
export function nextAfter(record: TriggerRecord, prev: number): number | undefined {
  const c = record.clock;
  if (!c) return undefined;
  const zone = c.timeZone;
  const local = wallClock(prev, zone);
  switch (c.kind) {
    case "once":
    case "date":
      return undefined;
    case "minutes":
      return prev + c.every * MINUTE;
    case "hours":
      return prev + c.every * 60 * MINUTE;
    case "days": {
      const t = timeOfDay(record, c);
      const day = addDays(local.year, local.month, local.day, c.every);
      return wallClockToMs(zone, day.y, day.m, day.d, t.hour, t.minute);
    }
    case "weeks": {
      const t = timeOfDay(record, c);
      const day = addDays(local.year, local.month, local.day, 7 * c.every);
      return wallClockToMs(zone, day.y, day.m, day.d, t.hour, t.minute);
    }
    case "monthDay":
      return nextMonthDay(record, c.day, prev);
  }
}

function nextMonthDay(record: TriggerRecord, dayOfMonth: number, after: number): number {
  const c = record.clock as TriggerRecord["clock"] & { hour?: number; minute?: number };
  const zone = c.timeZone;
  const t = timeOfDay(record, { hour: c.hour ?? 0, minute: c.minute ?? 0 });
  const local = wallClock(after, zone);
  for (let k = 0; k < 24; k++) {
    const y = local.year + Math.floor((local.month - 1 + k) / 12);
    const m = ((local.month - 1 + k) % 12) + 1;
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (dayOfMonth > daysInMonth) continue;
    const at = wallClockToMs(zone, y, m, dayOfMonth, t.hour, t.minute);
    if (at > after) return at;
  }
  return after + 31 * DAY;
}
