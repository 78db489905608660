import { Clock } from "./clock";
import { costOf } from "./costs";
import { FileRegistry } from "./files";
import { Meter } from "./meter";

export interface GasContextOptions {
  now?: Date | string | number;
  /** The script's time zone (appsscript.json `timeZone`). */
  timeZone?: string;
  user?: string;
}

/**
 * What every emulated service shares within one emulated project: the clock, the meter (call counts,
 * cost, faults) and who is running the current execution. Services take it in their constructor.
 */
export class GasContext {
  readonly clock: Clock;
  readonly meter: Meter;
  /** Every Drive file of this emulated world, shared by Spreadsheet, Docs and Drive. */
  readonly files = new FileRegistry();
  timeZone: string;
  /** Session.getActiveUser(): the user at the keyboard (empty for triggers run by someone else). */
  activeUser: string;
  /** Session.getEffectiveUser(): whose authority the script runs with (the trigger owner for triggers). */
  effectiveUser: string;
  /** Apps Script's AuthMode for the current execution ("FULL", "LIMITED", "NONE"). */
  authMode: "NONE" | "LIMITED" | "FULL" = "FULL";

  constructor(options: GasContextOptions = {}) {
    this.clock = new Clock(options.now ?? Date.now());
    this.meter = new Meter();
    this.timeZone = options.timeZone ?? "Asia/Shanghai";
    this.activeUser = options.user ?? "";
    this.effectiveUser = options.user ?? "";
  }

  /**
   * When true, each call moves the clock forward by its modeled cost, so a job's time budget (6 minutes per
   * execution in Apps Script) runs out in emulation where it would in production.
   */
  modelTime = false;

  /** Count (and maybe fault) one service call. */
  call(type: string, method: string, units = 0): void {
    this.meter.call(type, method, units);
    if (this.modelTime && this.meter.enabled) this.clock.advance(costOf(type, units));
  }

  /** Run `fn` as one execution by `user` (active and effective), restoring the previous user after. */
  runAs<T>(user: string, fn: () => T, options: { effectiveUser?: string; authMode?: GasContext["authMode"] } = {}): T {
    const saved = [this.activeUser, this.effectiveUser, this.authMode] as const;
    this.activeUser = user;
    this.effectiveUser = options.effectiveUser ?? user;
    this.authMode = options.authMode ?? "FULL";
    try {
      return fn();
    } finally {
      [this.activeUser, this.effectiveUser, this.authMode] = saved;
    }
  }

  /** Throws like Apps Script when a service that needs authorization is used in AuthMode.NONE. */
  requireAuth(what: string): void {
    if (this.authMode === "NONE") {
      throw new Error(
        `You do not have permission to call ${what}. Required permissions are not granted in AuthMode.NONE.`,
      );
    }
  }
}
