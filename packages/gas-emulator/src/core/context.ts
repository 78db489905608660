import { Clock } from "./clock";
import type { Execution } from "./execution";
import { FileRegistry } from "./files";
import { Meter } from "./meter";
import { ACCOUNT_QUOTAS, type AccountKind, DailyQuota, GMAIL_DAILY_LIMIT } from "./quotas";

export interface GasContextOptions {
  now?: Date | string | number;
  /** The script's time zone (appsscript.json `timeZone`). */
  timeZone?: string;
  user?: string;
  /**
   * The users' account kind: "consumer" (gmail.com) or "workspace" (one Google Workspace domain). It sets
   * the daily quotas, whether another user's address is visible to Session, and whether protections can
   * open a range to the owner's domain. Without it: consumer quotas and Session rules, account-blind
   * protections (see `accountKnown`).
   */
  account?: AccountKind;
  /**
   * Who wrote the script: Session.getActiveUser() is available to the developer and, in Workspace, to users
   * of the developer's domain, where other users get "" (simple triggers). Default: `user`.
   */
  developer?: string;
  /** appsscript.json `oauthScopes`; absent means Apps Script detected the scopes itself (all granted). */
  oauthScopes?: string[];
}

/** Gmail calls that count toward "Email read/write (excluding send)"; local accessors (Gmail.meta) do not. */
const GMAIL_READ_WRITE = new Set(["Gmail.search", "Gmail.read", "Gmail.label", "Gmail.draft"]);

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
  readonly account: AccountKind;
  /**
   * False when no `account` was given: quotas and Session follow consumer rules, but protections keep the
   * emulator's earlier, account-blind behaviour (domain edit on by default, settable, not enforced).
   */
  readonly accountKnown: boolean;
  readonly developer: string;
  /** Granted OAuth scopes, or null when every scope the code needs is granted (no manifest list). */
  scopes: ReadonlySet<string> | null;
  /** The execution under way (its time budget), or null outside one (setup, in-process tests). */
  execution: Execution | null = null;
  /** Per-user daily quotas of this account kind. */
  readonly quotas: { triggerRuntime: DailyQuota; gmailReadWrite: DailyQuota; urlFetch: DailyQuota };

  constructor(options: GasContextOptions = {}) {
    this.clock = new Clock(options.now ?? Date.now());
    this.meter = new Meter();
    this.timeZone = options.timeZone ?? "Asia/Shanghai";
    this.activeUser = options.user ?? "";
    this.effectiveUser = options.user ?? "";
    this.account = options.account ?? "consumer";
    this.accountKnown = options.account !== undefined;
    this.developer = (options.developer ?? options.user ?? "").toLowerCase();
    this.scopes = options.oauthScopes ? new Set(options.oauthScopes) : null;
    const limits = ACCOUNT_QUOTAS[this.account];
    const now = () => this.clock.nowMs();
    this.quotas = {
      triggerRuntime: new DailyQuota(limits.triggerRuntimeMs, now),
      gmailReadWrite: new DailyQuota(limits.gmailReadWrite, now),
      urlFetch: new DailyQuota(limits.urlFetch, now),
    };
  }

  /**
   * When true, each call moves the clock forward by its modeled cost, so a job's time budget (6 minutes per
   * execution in Apps Script) runs out in emulation where it would in production.
   */
  modelTime = false;

  /**
   * Count (and maybe fault) one service call, before it has any effect: an execution whose time is up
   * stops here, a fault or a spent daily quota throws here, and the call's modeled cost is added to the
   * execution (and to the clock when `modelTime`).
   */
  call(type: string, method: string, units = 0): void {
    if (!this.meter.enabled) return;
    this.execution?.checkTime();
    const before = this.meter.chargedMs;
    try {
      this.meter.call(type, method, units);
      if (GMAIL_READ_WRITE.has(type)) this.spendGmail();
    } finally {
      this.elapse(this.meter.chargedMs - before);
    }
  }

  /** Modeled time passes: the execution's budget shrinks and, when `modelTime`, the clock moves. */
  elapse(ms: number): void {
    if (ms <= 0) return;
    if (this.execution) this.execution.elapsedMs += ms;
    if (this.modelTime) this.clock.advance(ms);
  }

  /** Real waiting (Utilities.sleep, a lock wait): the clock moves and the execution's budget shrinks. */
  wait(ms: number): void {
    if (ms <= 0) return;
    if (this.execution) this.execution.elapsedMs += ms;
    this.clock.advance(ms);
  }

  private spendGmail(): void {
    const quota = this.quotas.gmailReadWrite;
    if (quota.exhausted(this.effectiveUser)) throw new Error(GMAIL_DAILY_LIMIT);
    quota.spend(this.effectiveUser, 1);
  }

  /**
   * What Session.getActiveUser() shows of `user` in code installed or written by `owner`. Reference
   * (developers.google.com/apps-script/reference/base/session#getActiveUser): the address is not available
   * in contexts that run without that user's authorization (simple triggers, another user's installable
   * trigger); "However, these restrictions generally do not apply if the developer runs the script
   * themselves or belongs to the same Google Workspace domain as the user."
   */
  visibleUser(user: string, owner: string): string {
    if (!user) return "";
    if (user.toLowerCase() === owner.toLowerCase()) return user;
    const domain = domainOf(user);
    return this.account === "workspace" && domain !== "" && domain === domainOf(owner) ? user : "";
  }

  /**
   * Throws Apps Script's authorization error when the manifest's oauthScopes grant none of `accepted`
   * (text as Apps Script reports it: github.com/peterherrmann/BetterLog/issues/29, "You do not have
   * permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets").
   */
  requireScope(method: string, accepted: readonly string[]): void {
    if (!this.scopes || accepted.some((s) => this.scopes?.has(s))) return;
    throw new Error(`You do not have permission to call ${method}. Required permissions: ${accepted[0]}`);
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

function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}
