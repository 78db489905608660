/**
 * A local Buyerbook: the built dist/Code.js running on the emulator, with the workbook kept as a real .xlsx
 * and mailboxes read from folders of .eml files. Shared by the CLI (`npm run local`) and the workbench.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  createGasEnvironment,
  type GasEnvironment,
  type LoadedProject,
  loadProject,
  loadWorkbookXlsx,
  projectSources,
  saveWorkbookXlsx,
} from "@buyerbook/gas-emulator";
import { captureState, readStateFile, restoreState, writeStateFile } from "./state";

export interface LocalOptions {
  /** The workbook file (default .local/book.xlsx); created on first save. */
  book?: string;
  /** The emulator clock (ISO-8601); default: the saved clock, else the real time. */
  now?: string;
  /** The active user (default: the book's owner). */
  as?: string;
  /** A folder of mailboxes: DIR/<address>/*.eml. */
  mail?: string;
  /** Where the built project is (default dist/). */
  dist?: string;
  /** Move the clock by each call's modeled cost (so time budgets behave as in Apps Script). */
  modelTime?: boolean;
}

export const DEFAULT_BOOK = ".local/book.xlsx";
export const DEFAULT_OWNER = "boss@acme-tools.cn";

export class LocalSession {
  private constructor(
    readonly env: GasEnvironment,
    readonly project: LoadedProject,
    readonly bookPath: string,
    public user: string,
    readonly owner: string,
  ) {}

  static async open(options: LocalOptions = {}): Promise<LocalSession> {
    const bookPath = path.resolve(options.book ?? DEFAULT_BOOK);
    const dist = path.resolve(options.dist ?? "dist");
    const sidebar = existsSync(path.join(dist, "Sidebar.html"))
      ? readFileSync(path.join(dist, "Sidebar.html"), "utf8")
      : "";
    const saved = readStateFile(statePath(bookPath));
    const owner = (saved?.owner ?? options.as ?? DEFAULT_OWNER).toLowerCase();
    const env = createGasEnvironment({
      now: options.now ?? saved?.clock ?? new Date().toISOString(),
      user: owner,
      timeZone: "Asia/Shanghai",
      addonName: "Buyerbook",
      htmlFiles: { Sidebar: sidebar },
    });
    const book = existsSync(bookPath)
      ? await loadWorkbookXlsx(env.SpreadsheetApp, bookPath, { name: path.basename(bookPath, ".xlsx"), owner })
      : env.SpreadsheetApp.createForTest(path.basename(bookPath, ".xlsx"), owner);
    env.SpreadsheetApp.setActive(book);
    await restoreState(env, saved, {
      keepClock: options.now !== undefined,
      mailDir: options.mail ? path.resolve(options.mail) : undefined,
    });
    env.ctx.modelTime = options.modelTime ?? true;
    const project = loadProject(env, projectSources(dist));
    return new LocalSession(env, project, bookPath, (options.as ?? owner).toLowerCase(), owner);
  }

  /** Calls a top-level function of the add-on as the session's user (an interactive execution). */
  run<T = unknown>(name: string, args: unknown[] = [], as = this.user): T {
    return this.project.run<T>(name, args, { as });
  }

  /** One heartbeat as a time-driven trigger would run it for `as`: no UI, the trigger owner as effective user. */
  tick(as = this.user): unknown {
    const app = this.env.SpreadsheetApp;
    const ui = app.uiAvailable;
    app.uiAvailable = false;
    try {
      return this.env.ctx.runAs("", () => this.project.run("heartbeat", [{ authMode: "FULL" }]), { effectiveUser: as });
    } finally {
      app.uiAvailable = ui;
    }
  }

  book(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.env.ctx.meter.quietly(() => {
      const saved = this.env.ctx.effectiveUser;
      this.env.ctx.effectiveUser = "";
      try {
        return this.env.SpreadsheetApp.getActiveSpreadsheet();
      } finally {
        this.env.ctx.effectiveUser = saved;
      }
    });
  }

  async save(): Promise<void> {
    mkdirSync(path.dirname(this.bookPath), { recursive: true });
    await saveWorkbookXlsx(this.book(), this.bookPath);
    const users = [...new Set([this.owner, this.user, ...this.env.ScriptApp.allTriggers().map((t) => t.owner)])];
    writeStateFile(statePath(this.bookPath), { ...captureState(this.env, users), owner: this.owner });
  }
}

export function statePath(bookPath: string): string {
  return `${bookPath}.state.json`;
}
