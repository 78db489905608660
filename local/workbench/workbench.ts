/**
 * The workbench's state and actions, independent of HTTP: one long-lived LocalSession (the built dist/Code.js
 * on the emulator), who the person at the keyboard is acting as, the mail folder, and what the add-on showed
 * (toasts, alerts, dialogs) since each action began. The book is saved (debounced) after every change.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MenuEntry, ShownHtml } from "@buyerbook/gas-emulator";
import {
  type DocModel,
  docToDocx,
  docToHtml,
  parseRawMail,
  type StoredMessage,
  saveEml,
} from "@buyerbook/gas-emulator";
import { mapHeaders } from "../../src/store/headers";
import { Staff } from "../../src/store/schemas";
import { createDemo } from "../demo";
import { isCallableName, legalResult } from "../runtime/google-script";
import { LocalSession } from "../runtime/session";
import { type ActivityLine, describeFires } from "./activity";
import { CLOCK_STEPS, type ClockStep, clockTarget } from "./clock";
import { composeTestInquiry, type TestInquiry } from "./compose";

export const DOC_MIME = "application/vnd.google-apps.document";

export interface WorkbenchOptions {
  /** Data folder (default .local): book.xlsx, mail/, docs/. */
  dir?: string;
  /** Start from this workbook instead of DIR/book.xlsx (the demo is not created then). */
  book?: string;
  /** Mail folder (default DIR/mail). */
  mail?: string;
  /** The clock for a new demo (default: the real time). Ignored for an existing book, which keeps its clock. */
  now?: string;
  /** The language of a new demo company's sheets and Settings (default en). */
  language?: "en" | "zh-CN";
  /** Where dist/Code.js and dist/Sidebar.html are (default dist). */
  dist?: string;
  /** Debounce of the save after each action, ms (default 1000). */
  saveDelayMs?: number;
  log?: (line: string) => void;
}

export interface StaffUser {
  email: string;
  name: string;
  role: string;
  status: string;
}

export interface UiEvents {
  toasts: { title: string; message: string }[];
  alerts: { kind: string; title: string; prompt: string }[];
  /** HTML the add-on showed (sidebars, dialogs), by index for GET /shown/N. */
  shown: { index: number; kind: ShownHtml["kind"]; title: string }[];
}

export interface ActionResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: string;
  ui: UiEvents;
}

export interface MenuView {
  name: string;
  items: ({ caption: string; functionName: string } | { separator: true })[];
}

export interface SheetPage {
  name: string;
  offset: number;
  /** Rows with data (the sheet's last row). */
  lastRow: number;
  maxRows: number;
  columns: number;
  frozenRows: number;
  /** Display values of rows offset+1 .. offset+rows.length (1-based sheet rows). */
  rows: string[][];
}

export interface MailListing {
  user: string;
  folder: string;
  files: string[];
  messages: {
    id: string;
    date: string;
    from: string;
    to: string;
    subject: string;
    labels: string[];
    draft: boolean;
  }[];
}

export interface DocListing {
  id: string;
  name: string;
  owner: string;
  updated: string;
  canOpen: boolean;
}

export class Workbench {
  acting: string;
  /** Bumped after every change, so the page knows to reload what it shows. */
  version = 0;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly docStamps = new Map<string, number>();

  private constructor(
    readonly session: LocalSession,
    readonly dir: string,
    readonly mailDir: string,
    private readonly options: WorkbenchOptions,
  ) {
    this.acting = session.owner;
  }

  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const log = options.log ?? (() => {});
    const dir = path.resolve(options.dir ?? ".local");
    const mailDir = path.resolve(options.mail ?? path.join(dir, "mail"));
    const bookPath = options.book ? path.resolve(options.book) : path.join(dir, "book.xlsx");
    let session: LocalSession;
    if (!options.book && !existsSync(bookPath) && !options.mail) {
      const now = options.now ?? new Date().toISOString();
      log(`Creating the demo company in ${dir} (clock ${now}) ...`);
      const demo = await createDemo({ dir, now, dist: options.dist, language: options.language });
      const h = demo.history;
      log(
        `  ${demo.buyers} buyers; three weeks lived: ${h.pulls} pulls, ${h.inquiries} inquiries (${h.graded} graded), ${h.quotes} quotes, ${h.samples} samples, ${h.reports.length} weekly reports; ${h.waiting} new mails wait for a pull (${(demo.ms / 1000).toFixed(1)} s)`,
      );
      session = demo.session;
    } else {
      mkdirSync(mailDir, { recursive: true });
      session = await LocalSession.open({
        book: bookPath,
        mail: mailDir,
        dist: options.dist,
        now: options.book ? options.now : undefined,
      });
    }
    const bench = new Workbench(session, dir, mailDir, options);
    for (const u of bench.users()) session.env.mail.mailbox(u.email).displayName = u.name;
    const firstSales = bench.users().find((u) => u.role === "salesperson" && u.status !== "frozen");
    bench.actAs(firstSales?.email ?? session.owner);
    return bench;
  }

  get env() {
    return this.session.env;
  }

  get timeZone(): string {
    return this.env.ctx.timeZone;
  }

  // ---------------------------------------------------------------- people

  /** Staff from the Staff sheet (the demo's boss, assistant and salespeople), plus the book's owner. */
  users(): StaffUser[] {
    const values = this.quiet(() => {
      const sheet = this.session.book().getSheetByName(Staff.name);
      return sheet ? sheet.getDataRange().getValues() : [];
    });
    const out: StaffUser[] = [];
    if (values.length > 0) {
      const { index } = mapHeaders(Staff, values[0]);
      const at = (row: unknown[], key: string) => String(row[index.get(key) ?? -1] ?? "").trim();
      for (const row of values.slice(1)) {
        const email = at(row, "email").toLowerCase();
        if (email.includes("@"))
          out.push({ email, name: at(row, "name"), role: at(row, "role"), status: at(row, "status") });
      }
    }
    if (!out.some((u) => u.email === this.session.owner))
      out.unshift({ email: this.session.owner, name: "", role: "owner", status: "" });
    return out;
  }

  /** Switches the person at the keyboard; the add-on's onOpen runs for them, as when they open the sheet. */
  actAs(user: string): ActionResult {
    const email = user.trim().toLowerCase();
    if (!email.includes("@")) return { ok: false, error: `Not an e-mail address: ${user}`, ui: emptyUi() };
    this.acting = email;
    this.session.user = email;
    this.version++;
    return this.capture(() => this.openDocument());
  }

  private openDocument(): void {
    const app = this.env.SpreadsheetApp;
    app.uiLog.menus = [];
    if (this.session.project.has("onOpen"))
      this.session.run("onOpen", [{ authMode: "FULL", user: this.acting }], this.acting);
  }

  menus(): MenuView[] {
    return this.env.SpreadsheetApp.uiLog.menus.map((m) => ({
      name: m.name,
      items: flattenMenu(m.entries),
    }));
  }

  // ---------------------------------------------------------------- running the add-on

  /** google.script.run: a top-level function of the project, as the acting user. */
  gasRun(fn: string, args: unknown[]): ActionResult {
    if (!isCallableName(fn)) return { ok: false, error: `Not a callable function: ${fn}`, ui: emptyUi() };
    if (!this.session.project.has(fn)) return { ok: false, error: `Script function not found: ${fn}`, ui: emptyUi() };
    return this.action(() => legalResult(this.session.run(fn, Array.isArray(args) ? args : [], this.acting)));
  }

  /** A menu item: only the functions the add-on put in its menus. */
  runMenu(fn: string): ActionResult {
    const known = this.menus().some((m) => m.items.some((i) => "functionName" in i && i.functionName === fn));
    if (!known) return { ok: false, error: `Not a menu item: ${fn}`, ui: emptyUi() };
    return this.gasRun(fn, []);
  }

  pullNow(): ActionResult {
    return this.gasRun("menuPullNow", []);
  }

  /** Moves the clock, firing each installed time-driven trigger (the heartbeats) when due. */
  advanceClock(step: ClockStep): ActionResult<{
    clock: string;
    fires: { at: string; handler: string; owner: string; error?: string }[];
    /** What the fires did, in words (quiet ticks counted in one line). */
    activity: ActivityLine[];
  }> {
    if (!CLOCK_STEPS.includes(step)) return { ok: false, error: `Unknown clock step: ${step}`, ui: emptyUi() };
    const target = clockTarget(this.env.ctx.clock.now(), step, this.timeZone);
    const names = new Map(this.users().map((u) => [u.email, u.name || u.email]));
    return this.action(() => {
      const fires = this.env.scheduler.runUntil(target);
      return {
        clock: this.env.ctx.clock.now().toISOString(),
        activity: describeFires(fires, (email) => names.get(email.toLowerCase()) ?? email),
        fires: fires.map((f) => ({
          at: f.at.toISOString(),
          handler: f.handler,
          owner: f.owner,
          error: f.error ? errorText(f.error) : undefined,
        })),
      };
    });
  }

  // ---------------------------------------------------------------- the grid

  sheetNames(): { name: string; lastRow: number; columns: number }[] {
    return this.quiet(() =>
      this.session
        .book()
        .getSheets()
        .map((s) => ({ name: s.getName(), lastRow: s.getLastRow(), columns: s.getLastColumn() })),
    );
  }

  sheetPage(name: string, offset = 0, limit = 500): SheetPage {
    return this.quiet(() => {
      const sheet = this.session.book().getSheetByName(name);
      if (!sheet) throw new Error(`No sheet named "${name}"`);
      const lastRow = sheet.getLastRow();
      const maxRows = sheet.getMaxRows();
      const columns = Math.min(sheet.getMaxColumns(), Math.max(sheet.getLastColumn(), 1) + 2);
      const first = Math.max(0, Math.min(offset, Math.max(0, maxRows - 1)));
      // A few empty rows below the data, as a person would see, to type a new row into.
      const count = Math.max(0, Math.min(limit, Math.min(maxRows, lastRow + 20) - first));
      const rows = count > 0 ? sheet.getRange(first + 1, 1, count, columns).getDisplayValues() : [];
      return { name, offset: first, lastRow, maxRows, columns, frozenRows: sheet.getFrozenRows(), rows };
    });
  }

  /**
   * A typed value, through Range.setValue as the acting user (parsed as Sheets parses typing; protections
   * apply), then the edit triggers Sheets would fire: a simple onEdit and the installable ON_EDIT triggers.
   */
  setCell(name: string, row: number, column: number, value: string): ActionResult<string> {
    return this.action(() => {
      const { ctx, SpreadsheetApp } = this.env;
      const edit = ctx.runAs(this.acting, () =>
        ctx.meter.quietly(() => {
          const book = SpreadsheetApp.getActiveSpreadsheet();
          const sheet = book.getSheetByName(name);
          if (!sheet) throw new Error(`No sheet named "${name}"`);
          const range = sheet.getRange(row, column);
          const oldValue = range.getValue();
          range.setValue(value);
          SpreadsheetApp.select(sheet, range.getA1Notation());
          return { book, range, oldValue, display: range.getDisplayValue() };
        }),
      );
      const user = this.acting;
      const event = {
        source: edit.book,
        range: edit.range,
        value: edit.range.getValue(),
        oldValue: edit.oldValue,
        user: { getEmail: () => user, getNickname: () => user.split("@")[0] },
      };
      if (this.session.project.has("onEdit"))
        ctx.runAs(user, () => this.session.project.run("onEdit", [{ ...event, authMode: "LIMITED" }], { as: user }));
      const fires = this.env.scheduler.dispatch("ON_EDIT", edit.book.getId(), event, user);
      const failed = fires.find((f) => f.error);
      if (failed) this.options.log?.(`${failed.handler} failed: ${errorText(failed.error)}`);
      return edit.display;
    });
  }

  /** The person selects a row (what the sidebar's "selected row" reads through getActiveRange). */
  select(name: string, row: number): ActionResult<string> {
    const result = this.capture(() =>
      this.quiet(() => {
        const sheet = this.session.book().getSheetByName(name);
        if (!sheet) throw new Error(`No sheet named "${name}"`);
        const a1 = `A${row}:${columnLetter(Math.max(1, sheet.getLastColumn()))}${row}`;
        this.env.SpreadsheetApp.select(sheet, a1);
        return `${name}!${a1}`;
      }),
    );
    return result as ActionResult<string>;
  }

  // ---------------------------------------------------------------- mail

  mailbox(user: string): MailListing {
    const address = user.trim().toLowerCase();
    const folder = path.join(this.mailDir, address);
    const files = existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.toLowerCase().endsWith(".eml"))
          .sort()
      : [];
    const box = this.env.mail.hasMailbox(address) ? this.env.mail.mailbox(address) : undefined;
    const messages = box
      ? [...box.messages.values()]
          .sort((a, b) => b.date.getTime() - a.date.getTime())
          .map((m) => ({
            id: m.id,
            date: m.date.toISOString(),
            from: m.content.from,
            to: m.content.to,
            subject: m.content.subject,
            labels: [...m.labels],
            draft: Boolean(m.draftId),
          }))
      : [];
    return { user: address, folder: path.relative(this.dir, folder) || folder, files, messages };
  }

  /** Writes a test inquiry as an .eml into DIR/mail/<to>/ and delivers it into that mailbox now. */
  async writeTestInquiry(input: TestInquiry): Promise<ActionResult<{ file: string; messageId: string }>> {
    const to = input.to.trim().toLowerCase();
    // Only a mailbox of the book's people: anything else would make a folder nobody pulls.
    if (!this.users().some((u) => u.email === to))
      return { ok: false, error: `"To" is not a mailbox of this book: ${to || "(empty)"}`, ui: emptyUi() };
    const { raw, fileName } = composeTestInquiry(input, this.env.ctx.clock.now());
    const folder = path.join(this.mailDir, to);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, fileName);
    writeFileSync(file, raw);
    const content = await parseRawMail(raw, this.env.mail.newRfcMessageId(`${fileName}@mail.emulated`));
    const stored = this.env.mail.mailbox(to).import(content, this.env.ctx.clock.now());
    this.changed();
    return { ok: true, value: { file: path.relative(this.dir, file), messageId: stored.id }, ui: emptyUi() };
  }

  /** A message to read inline: its headers and plain text (HTML-only mail shown as its text, never as HTML). */
  message(
    user: string,
    messageId: string,
  ): { from: string; to: string; cc: string; date: string; subject: string; text: string } | undefined {
    const address = user.trim().toLowerCase();
    if (!this.env.mail.hasMailbox(address)) return undefined;
    const m = this.env.mail.mailbox(address).messages.get(messageId);
    if (!m) return undefined;
    const c = m.content;
    const text = c.text || c.html.replace(/<[^>]*>/g, " ").replace(/[ \t]+/g, " ");
    return { from: c.from, to: c.to, cc: c.cc, date: m.date.toISOString(), subject: c.subject, text };
  }

  /** The .eml source of a message in a mailbox (drafts and sent mail the add-on composed included). */
  eml(user: string, messageId: string): { name: string; source: string } | undefined {
    const address = user.trim().toLowerCase();
    if (!this.env.mail.hasMailbox(address)) return undefined;
    const m: StoredMessage | undefined = this.env.mail.mailbox(address).messages.get(messageId);
    if (!m) return undefined;
    return { name: `${m.draftId ? "draft" : "message"}-${m.id}.eml`, source: saveEml(m) };
  }

  // ---------------------------------------------------------------- docs

  docs(): DocListing[] {
    const files = this.env.ctx.files;
    return files
      .all()
      .filter((f) => f.mimeType === DOC_MIME && !f.trashed)
      .sort((a, b) => b.updated.getTime() - a.updated.getTime())
      .map((f) => ({
        id: f.id,
        name: f.name,
        owner: f.owner,
        updated: f.updated.toISOString(),
        canOpen: files.can(f, this.acting, "view"),
      }));
  }

  /** A Doc as HTML, if the acting user may open it (Drive sharing applies, as in Google Docs). */
  docHtml(id: string): string | undefined {
    const model = this.docModel(id);
    return model ? docToHtml(model) : undefined;
  }

  async docDocx(id: string): Promise<{ name: string; data: Buffer } | undefined> {
    const model = this.docModel(id);
    if (!model) return undefined;
    const item = this.env.ctx.files.get(id)!;
    return { name: `${safeFileName(item.name)}.docx`, data: await docToDocx(model) };
  }

  private docModel(id: string): DocModel | undefined {
    const item = this.env.ctx.files.get(id);
    if (!item || item.mimeType !== DOC_MIME || !this.env.ctx.files.can(item, this.acting, "view")) return undefined;
    return item.content as DocModel;
  }

  shownHtml(index: number): ShownHtml | undefined {
    return this.env.SpreadsheetApp.uiLog.html[index];
  }

  sidebarSource(): string {
    const file = path.resolve(this.options.dist ?? "dist", "Sidebar.html");
    return existsSync(file)
      ? readFileSync(file, "utf8")
      : "<!doctype html><p>dist/Sidebar.html is missing: run npm run build.</p>";
  }

  // ---------------------------------------------------------------- saving

  /** Saves the book now (and the docs as .docx beside it); waits for a save in progress. */
  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.saving = this.saving
      .then(() => this.writeAll())
      .catch((e) => this.options.log?.(`Save failed: ${errorText(e)}`));
    await this.saving;
  }

  private async writeAll(): Promise<void> {
    await this.session.save();
    const docsDir = path.join(this.dir, "docs");
    for (const item of this.env.ctx.files.all()) {
      if (item.mimeType !== DOC_MIME || item.trashed) continue;
      const stamp = item.updated.getTime();
      if (this.docStamps.get(item.id) === stamp) continue;
      mkdirSync(docsDir, { recursive: true });
      writeFileSync(path.join(docsDir, `${safeFileName(item.name)}.docx`), await docToDocx(item.content as DocModel));
      this.docStamps.set(item.id, stamp);
    }
  }

  private changed(): void {
    this.version++;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), this.options.saveDelayMs ?? 1000);
  }

  // ---------------------------------------------------------------- helpers

  /** Runs a change and reports what the add-on showed meanwhile; a thrown error becomes the result's error. */
  private action<T>(fn: () => T): ActionResult<T> {
    const result = this.capture(fn);
    this.changed();
    return result;
  }

  private capture<T>(fn: () => T): ActionResult<T> {
    const app = this.env.SpreadsheetApp;
    const toastsBefore = app.toasts().length;
    const alertsBefore = app.uiLog.alerts.length;
    const htmlBefore = app.uiLog.html.length;
    const ui = (): UiEvents => ({
      toasts: app
        .toasts()
        .slice(toastsBefore)
        .map((t) => ({ title: String(t.title ?? ""), message: String(t.message ?? "") })),
      alerts: app.uiLog.alerts.slice(alertsBefore).map((a) => ({ kind: a.kind, title: a.title, prompt: a.prompt })),
      shown: app.uiLog.html.slice(htmlBefore).map((h, i) => ({ index: htmlBefore + i, kind: h.kind, title: h.title })),
    });
    try {
      const value = fn();
      return { ok: true, value, ui: ui() };
    } catch (error) {
      return { ok: false, error: errorText(error), ui: ui() };
    }
  }

  private quiet<T>(fn: () => T): T {
    return this.env.ctx.meter.quietly(fn);
  }
}

function flattenMenu(entries: MenuEntry[]): MenuView["items"] {
  const out: MenuView["items"] = [];
  for (const e of entries) {
    if (e.type === "item") out.push({ caption: e.caption, functionName: e.functionName });
    else if (e.type === "separator") out.push({ separator: true });
    else out.push(...flattenMenu(e.menu.entries));
  }
  return out;
}

function emptyUi(): UiEvents {
  return { toasts: [], alerts: [], shown: [] };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function safeFileName(name: string): string {
  return (
    [...name]
      .map((c) => (c < " " || '\\/:*?"<>|'.includes(c) ? "_" : c))
      .join("")
      .slice(0, 120) || "document"
  );
}
