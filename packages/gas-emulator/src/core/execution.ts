/**
 * One execution of Apps Script code: a menu click, a google.script.run call, a trigger firing. Each has its
 * own time budget, measured in MODELED time (the meter's prices of the calls it made, plus loading the
 * project), not in Node time, so a job that would overrun in production overruns in emulation too.
 *
 * Limits (developers.google.com/apps-script/guides/services/quotas, "Current limitations"): "Script runtime
 * 6 min / execution", "Custom function runtime 30 sec / execution". Simple triggers: "Simple triggers cannot
 * run for longer than 30 seconds" (developers.google.com/workspace/add-ons/concepts/editor-triggers,
 * "Restrictions"). The error text is the one Apps Script logs: "Exceeded maximum execution time"
 * (labnol.org/code/20016-maximum-execution-time-limit; an execution log quoted in
 * github.com/chriskyfung/AutoFetcher-IG-Stories-to-GDrive/discussions/34).
 *
 * Apps Script halts the execution when the time is up; the emulator notices at the next service call (the
 * only moment it has control) and throws there. The stop is final: every later service call of the same
 * execution throws the same error, and the execution ends failed even if the script caught the error.
 */
export type ExecutionKind =
  /** A menu item, a sidebar's google.script.run, the script editor: AuthMode.FULL, with UI. */
  | "interactive"
  /** onOpen/onEdit/onInstall run as simple triggers: AuthMode.LIMITED, 30 s. */
  | "simple"
  /** An installable trigger (time-driven, on-edit, on-open…): runs as its owner, no UI. */
  | "trigger"
  /** A custom function in a cell: 30 s. */
  | "customFunction";

export const MAX_EXECUTION_TIME = "Exceeded maximum execution time";
export const SCRIPT_RUNTIME_MS = 6 * 60_000;
export const SHORT_RUNTIME_MS = 30_000;

export function executionLimitMs(kind: ExecutionKind): number {
  return kind === "simple" || kind === "customFunction" ? SHORT_RUNTIME_MS : SCRIPT_RUNTIME_MS;
}

/** Thrown by the first service call after an execution's time is up, and by every call after it. */
export class ExecutionTimeout extends Error {
  constructor() {
    super(MAX_EXECUTION_TIME);
    this.name = "Exception";
  }
}

export class Execution {
  /** Modeled ms spent so far: project load plus every metered call. */
  elapsedMs = 0;
  /** Set once a call found the budget spent; the execution is over from then on. */
  timedOut = false;

  constructor(
    readonly id: string,
    readonly kind: ExecutionKind,
    readonly limitMs: number = executionLimitMs(kind),
  ) {}

  /** Called before each service call: throws once the budget is spent. */
  checkTime(): void {
    if (this.timedOut || this.elapsedMs > this.limitMs) {
      this.timedOut = true;
      throw this.stopError();
    }
  }

  stopError(): ExecutionTimeout {
    return new ExecutionTimeout();
  }
}

/** What `env.executions` keeps of each finished execution. */
export interface ExecutionRecord {
  id: string;
  kind: ExecutionKind;
  /** The handler or function run, when known. */
  name?: string;
  activeUser: string;
  effectiveUser: string;
  /** Modeled time of the execution (load, calls, final write commit). */
  modeledMs: number;
  loadMs: number;
  timedOut: boolean;
  error?: unknown;
}
