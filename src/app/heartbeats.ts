/**
 * Whose schedule is running and whose mail was pulled (R6, R8, R20: nothing missed silently). Every heartbeat
 * records when it ran for its owner, and when that person's mail was last pulled in full, under one key per
 * person in the book's state (one writer per key: each person's own trigger). The boss's desk and the weekly
 * report read them back as ScheduleHealth.
 */
import { zonedDateKey } from "../domain/time";
import type { BookState } from "../gas/book-state";
import type { StaffMember } from "../store/schemas";

export interface Beat {
  /** The last heartbeat's start (ms). */
  at: number;
  /** The last pull of this person's mailbox that finished (not cut short by the time budget). */
  pulledAt?: number;
  /** The last pull that was tried, and its error if it failed. */
  pullTriedAt?: number;
  pullError?: string;
  /** When the person last started their schedule (its first tick may be up to an hour away). */
  startedAt?: number;
}

const PREFIX = "beat.";
/** An hourly trigger that has not run for this long is not running (one missed tick is allowed). */
export const NOT_RUNNING_AFTER_MS = 2.5 * 3_600_000;

/** Everyone's beats as the last writer saw them, in the script cache for the sidebar's open. */
const ALL_KEY = "beats";

export function recordBeat(state: BookState, user: string, patch: Partial<Beat>): Beat {
  const key = PREFIX + user.toLowerCase();
  const beat = { ...state.get<Beat>(key, { at: 0 }), ...patch };
  state.set(key, beat);
  // Writers are each person's own trigger, once an hour: two writing at once may each cache a list without the
  // other's newest beat, a staleness of one tick in a figure that allows two and a half hours. The copy is
  // updated in place when there is one (a cache read, ~3 ms), else listed from the properties (~30 ms).
  const all = state.cached<Record<string, Beat>>(ALL_KEY) ?? readBeats(state);
  state.keepCached(ALL_KEY, { ...all, [user.toLowerCase()]: beat });
  return beat;
}

export function readBeats(state: BookState): Record<string, Beat> {
  return state.list<Beat>(PREFIX);
}

/** Everyone's beats from the cached copy when there is one (the sidebar opens often), else the properties. */
export function readBeatsQuickly(state: BookState): Record<string, Beat> {
  return state.cached<Record<string, Beat>>(ALL_KEY) ?? readBeats(state);
}

/** A person's hourly heartbeat ran lately, or they started it lately (the first tick is still to come). */
export function scheduleRunning(beat: Beat | undefined, now: Date): boolean {
  const last = Math.max(beat?.at ?? 0, beat?.startedAt ?? 0);
  return last > 0 && now.getTime() - last <= NOT_RUNNING_AFTER_MS;
}

export interface ScheduleHealth {
  email: string;
  name: string;
  role: StaffMember["role"];
  lastBeat: Date | null;
  /** A heartbeat ran within NOT_RUNNING_AFTER_MS. */
  running: boolean;
  lastPull: Date | null;
  /** Their mail was pulled in full today (company time zone). */
  pulledToday: boolean;
}

/** One row per active staff member who pulls mail or writes reports (everyone but viewers). */
export function scheduleHealth(
  staff: readonly StaffMember[],
  beats: Record<string, Beat>,
  now: Date,
  timeZone: string,
): ScheduleHealth[] {
  const today = zonedDateKey(now, timeZone);
  return staff
    .filter((s) => s.email.trim() !== "" && s.status !== "frozen" && s.role !== "viewer")
    .map((s) => {
      const email = s.email.trim().toLowerCase();
      const beat = beats[email];
      const at = beat?.at ? beat.at : undefined;
      const pulled = beat?.pulledAt;
      return {
        email,
        name: s.name.trim() || email,
        role: s.role,
        lastBeat: at === undefined ? null : new Date(at),
        running: scheduleRunning(beat, now),
        lastPull: pulled === undefined ? null : new Date(pulled),
        pulledToday: pulled !== undefined && zonedDateKey(pulled, timeZone) === today,
      };
    });
}
