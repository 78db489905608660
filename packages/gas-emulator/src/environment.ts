/**
 * One emulated Apps Script project: every service over one shared context (clock, meter, files, users),
 * ready to be installed as globals into a `vm` context (for a built bundle) or used directly in tests.
 */
import { GasContext, type GasContextOptions } from "./core/context";
import { EmulatedDocumentApp } from "./docs";
import { EmulatedDriveApp } from "./drive";
import { EmulatedGmailApp, EmulatedMailApp, MailWorld } from "./gmail";
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
import { Charts, EmulatedSpreadsheetApp } from "./spreadsheet";
import { EmulatedSheetsApi } from "./spreadsheet/sheets-api";

export interface GasEnvironmentOptions extends GasContextOptions {
  /** Enforce the editor add-on rules in ScriptApp (one time trigger per user per document, hourly at most). */
  addon?: boolean;
  /** Project HTML files by name (without .html), for HtmlService.createHtmlOutputFromFile. */
  htmlFiles?: Record<string, string>;
  /** Name shown for createAddonMenu() menus. */
  addonName?: string;
  /** Daily e-mail recipients per user (100 consumer, 1,500 Workspace). */
  dailyRecipientQuota?: number;
}

export class GasEnvironment {
  readonly ctx: GasContext;
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
  readonly MailApp: EmulatedMailApp;
  readonly DriveApp: EmulatedDriveApp;
  readonly DocumentApp: EmulatedDocumentApp;
  /** The Charts service's enums (Charts.ChartType…), for embedded charts; stateless, shared by every world. */
  readonly Charts = Charts;
  readonly scheduler: TriggerScheduler;
  /** Apps Script's Logger and console output, kept for inspection. */
  readonly logs: string[] = [];
  private invoker: (handler: string, event: object) => unknown = (handler) => {
    throw new Error(`No project loaded to run ${handler}`);
  };

  constructor(options: GasEnvironmentOptions = {}) {
    this.ctx = new GasContext(options);
    const documentId = () => this.activeDocumentId();
    this.SpreadsheetApp = new EmulatedSpreadsheetApp(this.ctx, { addonName: options.addonName });
    this.Sheets = new EmulatedSheetsApi(this.ctx, this.SpreadsheetApp);
    this.PropertiesService = new PropertiesService(this.ctx, { documentId });
    this.CacheService = new CacheService(this.ctx, { documentId });
    this.LockService = new LockService(this.ctx, { documentId });
    this.Session = new Session(this.ctx);
    this.Utilities = new Utilities(this.ctx);
    this.ScriptApp = new ScriptApp(this.ctx, { addon: options.addon ?? true, documentId });
    this.HtmlService = new HtmlService(this.ctx, { files: options.htmlFiles ?? {} });
    this.mail = new MailWorld({
      now: () => this.ctx.clock.now(),
      dailyRecipientQuota: options.dailyRecipientQuota,
    });
    this.GmailApp = new EmulatedGmailApp(this.ctx, this.mail);
    this.MailApp = new EmulatedMailApp(this.ctx, this.mail);
    this.DriveApp = new EmulatedDriveApp(this.ctx);
    this.DocumentApp = new EmulatedDocumentApp(this.ctx);
    this.scheduler = new TriggerScheduler(
      this.ctx,
      this.ScriptApp,
      (trigger, event) => {
        // Time-driven triggers have no UI; getUi() must fail as it does in Apps Script.
        const ui = this.SpreadsheetApp.uiAvailable;
        this.SpreadsheetApp.uiAvailable = false;
        try {
          return this.invoker(trigger.getHandlerFunction(), event);
        } finally {
          this.SpreadsheetApp.uiAvailable = ui;
        }
      },
      this.LockService,
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
      MailApp: this.MailApp,
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
