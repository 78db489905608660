/**
 * One emulated Apps Script project: every service over one shared context (clock, meter, files, users),
 * ready to be installed as globals into a `vm` context (for a built bundle) or used directly in tests.
 * `execute` runs code as one Apps Script execution: its kind decides the time limit, the users Session
 * reports, whether there is a UI and an active document, and whether it spends the trigger-runtime quota.
 */
import { GasContext, type GasContextOptions } from "./core/context";
import { costOf } from "./core/costs";
import { Execution, type ExecutionKind, type ExecutionRecord } from "./core/execution";
import { ACCOUNT_QUOTAS, TOO_MUCH_COMPUTER_TIME } from "./core/quotas";
import { EmulatedDocumentApp } from "./docs";
import { EmulatedDriveApp } from "./drive";
import { EmulatedGmailApi, EmulatedGmailApp, EmulatedMailApp, MailWorld } from "./gmail";
import { gmailRestHost } from "./gmail/gmail-rest";
import {
  CacheService,
  HtmlService,
  LockService,
  PropertiesService,
  ScriptApp,
  Session,
  TriggerScheduler,
  Utilities,
} from "./services";
import type { TriggerRun } from "./services/scheduler";
import { UrlFetchApp } from "./services/url-fetch";
import { Charts, EmulatedSpreadsheetApp } from "./spreadsheet";
import { EmulatedSheetsApi } from "./spreadsheet/sheets-api";

/**
 * How the script is deployed (developers.google.com/apps-script/guides/bound, .../workspace/add-ons/concepts/
 * editor-triggers):
 * - "bound": a container-bound script. Every execution, time-driven triggers included, has the container
 *   as SpreadsheetApp.getActiveSpreadsheet().
 * - "addon": an editor add-on. Menus, sidebars, simple triggers and installable event triggers run in their
 *   document; a time-driven trigger runs with no document: getActiveSpreadsheet() is null (and document
 *   properties and caches with it), so the code must open its spreadsheet by id, which needs the full
 *   spreadsheets scope. "A timed trigger will receive null when it calls
 *   SpreadsheetApp.getActiveSpreadsheet(), since there is no Sheets instance attached to it. Instead, you
 *   need to open the spreadsheet by URL or ID." (github.com/mogsdad/SheetConverter/issues/2; the
 *   VtstAddonTriggerLib README gives the same for add-ons).
 */
export type DeploymentMode = "bound" | "addon";

export interface GasEnvironmentOptions extends GasContextOptions {
  /**
   * "bound" or "addon" (see DeploymentMode). Default "bound": the container is the active document in
   * every execution, which is what this package's users wrote their tests against.
   */
  mode?: DeploymentMode;
  /**
   * Enforce the editor add-on trigger rules in ScriptApp (one trigger of each type per user per document,
   * time-driven at most hourly). Default: true with `mode: "addon"` and without `mode` (the long-standing
   * default), false with `mode: "bound"`.
   */
  addon?: boolean;
  /** Project HTML files by name (without .html), for HtmlService.createHtmlOutputFromFile. */
  htmlFiles?: Record<string, string>;
  /** Name shown for createAddonMenu() menus. */
  addonName?: string;
  /** Daily e-mail recipients per user; default by account kind (100 consumer, 1,500 Workspace). */
  dailyRecipientQuota?: number;
}

export interface ExecuteOptions {
  /** Default "interactive". */
  kind?: ExecutionKind;
  /** The user at the keyboard; for "interactive" also whose authority the code has. Default: the current users. */
  user?: string;
  /** Whose authority the code has, when not `user` (a trigger's owner). */
  effectiveUser?: string;
  /** Session.getActiveUser(), when set explicitly (triggers compute it from the account rules). */
  activeUser?: string;
  /** The active spreadsheet for this execution: an id, null for none; default by kind and mode. */
  documentId?: string | null;
  /** AuthMode; default LIMITED for simple triggers, FULL for triggers, and for interactive runs the current one. */
  authMode?: GasContext["authMode"];
  /** A name for the execution record (the function or handler). */
  name?: string;
}

export class GasEnvironment {
  readonly ctx: GasContext;
  readonly mode: DeploymentMode;
  readonly SpreadsheetApp: EmulatedSpreadsheetApp;
  /** The Sheets advanced service (values batch reads), enabled like in the project's manifest. */
  readonly Sheets: EmulatedSheetsApi;
  readonly PropertiesService: PropertiesService;
  readonly CacheService: CacheService;
  readonly LockService: LockService;
  readonly Session: Session;
  readonly Utilities: Utilities;
  readonly ScriptApp: ScriptApp;
  readonly HtmlService: HtmlService;
  readonly mail: MailWorld;
  readonly GmailApp: EmulatedGmailApp;
  /** The Gmail advanced service (Gmail API v1) over the same mail world as GmailApp. */
  readonly Gmail: EmulatedGmailApi;
  /**
   * The advanced services a loaded manifest enables (`dependencies.enabledAdvancedServices[].userSymbol`); null
   * (no manifest loaded) means every emulated one. Gates `Gmail` only: `Sheets` is always there (README).
   */
  advancedServices: ReadonlySet<string> | null = null;
  readonly MailApp: EmulatedMailApp;
  /** UrlFetchApp: no network; answers the Gmail REST API's threads.get over the same mail world. */
  readonly UrlFetchApp: UrlFetchApp;
  readonly DriveApp: EmulatedDriveApp;
  readonly DocumentApp: EmulatedDocumentApp;
  /** The Charts service's enums (Charts.ChartType…), for embedded charts; stateless, shared by every world. */
  readonly Charts = Charts;
  readonly scheduler: TriggerScheduler;
  /** Apps Script's Logger and console output, kept for inspection. */
  readonly logs: string[] = [];
  /** Every finished execution, oldest first. */
  readonly executions: ExecutionRecord[] = [];
  /** Bytes of project code each execution loads (set by loadProject). */
  projectBytes = 0;
  private executionCount = 0;
  private invoker: (handler: string, event: object) => unknown = (handler) => {
    throw new Error(`No project loaded to run ${handler}`);
  };

  constructor(options: GasEnvironmentOptions = {}) {
    this.ctx = new GasContext(options);
    this.mode = options.mode ?? "bound";
    const documentId = () => this.activeDocumentId();
    this.SpreadsheetApp = new EmulatedSpreadsheetApp(this.ctx, { addonName: options.addonName });
    this.Sheets = new EmulatedSheetsApi(this.ctx, this.SpreadsheetApp);
    this.PropertiesService = new PropertiesService(this.ctx, { documentId });
    this.CacheService = new CacheService(this.ctx, { documentId });
    this.LockService = new LockService(this.ctx, { documentId });
    this.Session = new Session(this.ctx);
    this.Utilities = new Utilities(this.ctx);
    const addonRules = options.addon ?? (options.mode ? options.mode === "addon" : true);
    this.ScriptApp = new ScriptApp(this.ctx, { addon: addonRules, documentId });
    this.HtmlService = new HtmlService(this.ctx, { files: options.htmlFiles ?? {} });
    this.mail = new MailWorld({
      now: () => this.ctx.clock.now(),
      dailyRecipientQuota: options.dailyRecipientQuota ?? ACCOUNT_QUOTAS[this.ctx.account].emailRecipients,
    });
    this.GmailApp = new EmulatedGmailApp(this.ctx, this.mail);
    this.MailApp = new EmulatedMailApp(this.ctx, this.mail);
    this.Gmail = new EmulatedGmailApi(this.ctx, this.mail);
    this.UrlFetchApp = new UrlFetchApp(this.ctx, [gmailRestHost(this.ctx, this.Gmail)]);
    this.DriveApp = new EmulatedDriveApp(this.ctx);
    this.DocumentApp = new EmulatedDocumentApp(this.ctx);
    this.scheduler = new TriggerScheduler(
      this.ctx,
      this.ScriptApp,
      (trigger, event) => this.invoker(trigger.getHandlerFunction(), event),
      this.LockService,
      (run, invoke) => this.execute(invoke, this.triggerExecution(run)),
    );
  }

  /** The document the project is bound to (the active spreadsheet). */
  activeDocumentId(): string | undefined {
    return this.ctx.meter.quietly(() => {
      const saved = this.ctx.effectiveUser;
      try {
        this.ctx.effectiveUser = "";
        return this.SpreadsheetApp.getActiveSpreadsheet()?.getId();
      } finally {
        this.ctx.effectiveUser = saved;
      }
    });
  }

  /** How scheduled triggers reach the project's top-level functions (set by the loader). */
  setInvoker(invoke: (handler: string, event: object) => unknown): void {
    this.invoker = invoke;
  }

  /** Modeled ms to load `bytes` of project code, paid by every execution (cost table "Script.load"). */
  loadCost(bytes: number): number {
    return costOf("Script.load", bytes / 1024);
  }

  /**
   * Runs `fn` as one Apps Script execution. The execution gets its own time budget (6 min; 30 s for simple
   * triggers and custom functions) spent by loading the project and by every service call; past it the
   * next call throws "Exceeded maximum execution time". Trigger executions first check and then spend the
   * owner's daily trigger runtime ("Service using too much computer time for one day." once it is gone).
   * Locks still held at the end are released and queued spreadsheet writes committed. Nested calls run
   * inside the outer execution.
   */
  execute<T>(fn: () => T, options: ExecuteOptions = {}): T {
    if (this.ctx.execution) return fn();
    const kind = options.kind ?? "interactive";
    const effectiveUser = options.effectiveUser ?? options.user ?? this.ctx.effectiveUser;
    const activeUser = options.activeUser ?? this.activeUserFor(kind, options.user);
    const triggered = kind === "simple" || kind === "trigger";
    const runtime = this.ctx.quotas.triggerRuntime;
    this.executionCount += 1;
    const execution = new Execution(`exec-${this.executionCount}`, kind);
    const loadMs = this.projectBytes > 0 ? this.loadCost(this.projectBytes) : 0;
    const record: ExecutionRecord = {
      id: execution.id,
      kind,
      name: options.name,
      activeUser,
      effectiveUser,
      modeledMs: 0,
      loadMs,
      timedOut: false,
    };
    if (triggered) {
      if (runtime.exhausted(effectiveUser)) {
        record.error = new Error(TOO_MUCH_COMPUTER_TIME);
        this.executions.push(record);
        throw record.error;
      }
      runtime.spend(effectiveUser, 0); // the day's window opens at the first trigger run's start
    }
    const authMode = options.authMode ?? this.authModeFor(kind, options.user);
    const app = this.SpreadsheetApp;
    const ui = app.uiAvailable;
    const document = options.documentId !== undefined ? (options.documentId ?? undefined) : app.activeDocumentId;
    this.ctx.execution = execution;
    this.LockService.beginExecution(execution.id);
    try {
      this.ctx.elapse(loadMs);
      app.uiAvailable = ui && (kind === "interactive" || kind === "simple");
      const result = app.withActiveDocument(document, () =>
        this.ctx.runAs(activeUser, fn, { effectiveUser, authMode }),
      );
      if (execution.timedOut) throw execution.stopError();
      return result;
    } catch (error) {
      // Apps Script halts a timed-out execution: whatever the script did with the error, that is how it ends.
      record.error = execution.timedOut ? execution.stopError() : error;
      throw record.error;
    } finally {
      this.ctx.elapse(this.ctx.meter.settle());
      this.LockService.endExecution(execution.id);
      app.uiAvailable = ui;
      this.ctx.execution = null;
      record.modeledMs = execution.elapsedMs;
      record.timedOut = execution.timedOut;
      if (triggered) runtime.spend(effectiveUser, execution.elapsedMs);
      this.executions.push(record);
    }
  }

  private authModeFor(kind: ExecutionKind, user: string | undefined): GasContext["authMode"] {
    if (kind === "simple") return this.ctx.authMode === "NONE" ? "NONE" : "LIMITED";
    if (kind === "interactive" && user === undefined) return this.ctx.authMode;
    return "FULL";
  }

  /** Session.getActiveUser() for an execution of `kind` by `user` (see ctx.visibleUser). */
  private activeUserFor(kind: ExecutionKind, user: string | undefined): string {
    const person = user ?? this.ctx.activeUser;
    if (kind === "simple" || kind === "customFunction") return this.ctx.visibleUser(person, this.ctx.developer);
    return person;
  }

  /** A trigger fire: its owner's authority, no UI; a time-driven one has no document in add-on mode. */
  private triggerExecution(run: TriggerRun): ExecuteOptions {
    const { record } = run;
    const timeDriven = record.source === "CLOCK";
    return {
      kind: "trigger",
      name: record.handler,
      effectiveUser: record.owner,
      activeUser: run.activeUser,
      documentId: timeDriven
        ? this.mode === "addon"
          ? null
          : undefined
        : record.source === "SPREADSHEETS"
          ? record.sourceId
          : undefined,
    };
  }

  /** The globals a script sees, named as in Apps Script. */
  globals(): Record<string, unknown> {
    const log = (...args: unknown[]) => this.logs.push(args.map(String).join(" "));
    return {
      SpreadsheetApp: this.SpreadsheetApp,
      Sheets: this.Sheets,
      PropertiesService: this.PropertiesService,
      CacheService: this.CacheService,
      LockService: this.LockService,
      Session: this.Session,
      Utilities: this.Utilities,
      ScriptApp: this.ScriptApp,
      HtmlService: this.HtmlService,
      GmailApp: this.GmailApp,
      ...(this.advancedServices === null || this.advancedServices.has("Gmail") ? { Gmail: this.Gmail } : {}),
      MailApp: this.MailApp,
      UrlFetchApp: this.UrlFetchApp,
      DriveApp: this.DriveApp,
      DocumentApp: this.DocumentApp,
      Charts: this.Charts,
      Logger: { log: (...a: unknown[]) => log(...a) },
      console: { log, info: log, warn: log, error: log },
      Date: this.ctx.clock.dateClass(),
    };
  }
}

export function createGasEnvironment(options: GasEnvironmentOptions = {}): GasEnvironment {
  return new GasEnvironment(options);
}
