import { describe, expect, it } from "vitest";
import { ADDON_CLOCK_TOO_FREQUENT, createGasEnvironment, type DeploymentMode, loadProject } from "../src/index";

/**
 * Contract: what a script sees of "its" spreadsheet in each deployment mode. References:
 * - developers.google.com/apps-script/guides/bound: a container-bound script's getActiveSpreadsheet() is its
 *   container.
 * - developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle: menus run in AuthMode.FULL in the
 *   open document; onOpen/onEdit in LIMITED with "Access to document … Yes".
 * - developers.google.com/workspace/add-ons/concepts/editor-triggers ("Add-ons can only create triggers for
 *   the file in which the add-on is used"; "Time-driven triggers cannot run more frequently than once per hour").
 * - An editor add-on's time-driven trigger has no active document: "A timed trigger will receive null when it
 *   calls SpreadsheetApp.getActiveSpreadsheet() … you need to open the spreadsheet by URL or ID"
 *   (github.com/mogsdad/SheetConverter/issues/2), and opening it by id needs the full spreadsheets scope:
 *   "The more restricted … spreadsheets.currentonly scopes … are not sufficient" (github.com/vtst/
 *   google-apps-scripts, VtstAddonTriggerLib/README.md). The error text: github.com/peterherrmann/BetterLog/issues/29.
 */
const OWNER = "owner@example.com";
const CURRENT_ONLY = "https://www.googleapis.com/auth/spreadsheets.currentonly";
const SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets";

const CODE = `
function whereAmI() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var props = PropertiesService.getDocumentProperties();
  return JSON.stringify({ id: ss ? ss.getId() : null, docProps: props !== null });
}
function remember() {
  PropertiesService.getUserProperties().setProperty("book", SpreadsheetApp.getActiveSpreadsheet().getId());
  ScriptApp.newTrigger("tick").timeBased().everyHours(1).create();
  ScriptApp.newTrigger("edited").forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}
function tick() {
  var seen = JSON.parse(whereAmI());
  var id = PropertiesService.getUserProperties().getProperty("book");
  try { seen.opened = SpreadsheetApp.openById(id).getId(); } catch (e) { seen.openError = e.message; }
  return JSON.stringify(seen);
}
function edited(e) { return whereAmI(); }
function onOpen(e) { SpreadsheetApp.getUi().createAddonMenu().addItem("Go", "whereAmI").addToUi(); return whereAmI(); }
function everyMinute() { ScriptApp.newTrigger("tick").timeBased().everyMinutes(1).create(); }
`;

interface ModeWorld {
  bookId: string;
  /** A menu click / sidebar call by the owner. */
  click(fn: string): string;
  /** The spreadsheet opened: onOpen as a simple trigger. */
  open(): string;
  /** Run the owner's time-driven triggers for the next hour. */
  nextHour(): string[];
  /** The owner edits a cell: their installable on-edit triggers fire. */
  edit(): string[];
}

function makeEmulator(mode: DeploymentMode | undefined, scopes?: string[]): ModeWorld {
  const env = createGasEnvironment({ now: "2026-03-02T00:00:00Z", user: OWNER, timeZone: "UTC", mode });
  const book = env.SpreadsheetApp.createForTest("Book", OWNER);
  env.SpreadsheetApp.setActive(book);
  const sources = [{ name: "Code.js", code: CODE }];
  if (scopes) sources.push({ name: "appsscript.json", code: JSON.stringify({ oauthScopes: scopes }) });
  const project = loadProject(env, sources);
  let hour = 0;
  return {
    bookId: book.getId(),
    click: (fn) => String(project.run(fn, [], { as: OWNER })),
    open: () => String(project.run("onOpen", [{ authMode: "LIMITED", source: book }], { as: OWNER, kind: "simple" })),
    nextHour() {
      hour += 1;
      const at = new Date(Date.UTC(2026, 2, 2, hour, 30));
      return env.scheduler
        .runUntil(at)
        .map((f) => (f.error ? `error: ${(f.error as Error).message}` : String(f.result)));
    },
    edit() {
      const range = env.ctx.meter.quietly(() => book.getSheets()[0].getRange("A1"));
      return env.scheduler
        .dispatch("ON_EDIT", book.getId(), { range, source: book }, OWNER)
        .map((f) => (f.error ? `error: ${(f.error as Error).message}` : String(f.result)));
    },
  };
}

describe.each([["emulator", makeEmulator]])("deployment modes (%s)", (_name, make) => {
  it("bound: a time-driven trigger's active spreadsheet is the container", () => {
    const w = make("bound");
    w.click("remember");
    const [fire] = w.nextHour();
    expect(JSON.parse(fire)).toEqual({ id: w.bookId, docProps: true, opened: w.bookId });
  });

  it("add-on: a time-driven trigger runs with no active document and no document properties", () => {
    const w = make("addon");
    w.click("remember");
    const [fire] = w.nextHour();
    expect(JSON.parse(fire)).toMatchObject({ id: null, docProps: false });
  });

  it("add-on with only spreadsheets.currentonly: the trigger cannot open its spreadsheet by id", () => {
    const w = make("addon", [CURRENT_ONLY, "https://www.googleapis.com/auth/script.scriptapp"]);
    w.click("remember");
    const [fire] = w.nextHour();
    expect(JSON.parse(fire)).toEqual({
      id: null,
      docProps: false,
      openError: `You do not have permission to call SpreadsheetApp.openById. Required permissions: ${SPREADSHEETS}`,
    });
  });

  it("add-on with the spreadsheets scope: the trigger opens its spreadsheet by id", () => {
    const w = make("addon", [SPREADSHEETS, "https://www.googleapis.com/auth/script.scriptapp"]);
    w.click("remember");
    const [fire] = w.nextHour();
    expect(JSON.parse(fire)).toEqual({ id: null, docProps: false, opened: w.bookId });
  });

  it("add-on: menus, simple onOpen and installable on-edit triggers all have their document", () => {
    const w = make("addon", [CURRENT_ONLY, "https://www.googleapis.com/auth/script.scriptapp"]);
    expect(JSON.parse(w.click("whereAmI"))).toEqual({ id: w.bookId, docProps: true });
    expect(JSON.parse(w.open())).toEqual({ id: w.bookId, docProps: true });
    w.click("remember");
    expect(w.edit().map((r) => JSON.parse(r))).toEqual([{ id: w.bookId, docProps: true }]);
  });

  it("add-on trigger rules apply in add-on mode and by default, not to a bound script", () => {
    expect(() => make("addon").click("everyMinute")).toThrow(ADDON_CLOCK_TOO_FREQUENT);
    expect(() => make(undefined).click("everyMinute")).toThrow(ADDON_CLOCK_TOO_FREQUENT);
    expect(make("bound").click("everyMinute")).toBe("undefined");
  });

  it("without a mode the world is bound: a time-driven trigger sees the container", () => {
    const w = make(undefined);
    w.click("remember");
    expect(JSON.parse(w.nextHour()[0])).toMatchObject({ id: w.bookId });
  });
});
