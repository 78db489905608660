/**
 * The Buyerbook menu by role (R1): built from the same access table the server checks, and safe under the
 * limited authorization onOpen runs with.
 */
import { describe, expect, it } from "vitest";
import { decide } from "../../../src/domain/access";
import { MENU } from "../../../src/gas/menu";
import { ENTRY_POINTS } from "../../../src/program";
import { Staff } from "../../../src/store/schemas";
import { ALICE, ASSISTANT, BOSS, makeWorld, STRANGER, VIEWER, type World } from "../../support/world";

function menuOf(w: World, user: string, authMode: "NONE" | "LIMITED" | "FULL", activeUser = user): string[] {
  w.env.SpreadsheetApp.uiLog.menus = [];
  w.env.ctx.runAs(
    activeUser,
    () => ENTRY_POINTS.onOpen({ authMode: ScriptApp.AuthMode[authMode] } as GoogleAppsScript.Events.SheetsOnOpen),
    { effectiveUser: user, authMode },
  );
  const menus = w.env.SpreadsheetApp.uiLog.menus;
  expect(menus).toHaveLength(1);
  return menus[0].entries.flatMap((e) => (e.type === "item" ? [e.functionName] : []));
}

const REPORTS = ["menuWeeklyReport", "menuMidweekBrief", "menuMonthlyA", "menuRefreshDashboard"];

describe("the menu by role (R1)", () => {
  it("R1: a salesperson's menu has their work (open, pull, schedule) but no set-up, report, campaign or import items", () => {
    const w = makeWorld();
    const items = menuOf(w, ALICE, "LIMITED");
    expect(items).toEqual(
      expect.arrayContaining(["menuOpenSidebar", "menuPullNow", "menuRefreshDue", "menuStartSchedule"]),
    );
    for (const fn of ["menuSetup", "menuSendCampaignsNow", "menuImportSheet", "menuReexamineBuyers", ...REPORTS])
      expect(items).not.toContain(fn);
  });

  it("R1, R33, R35: the boss and the assistant get every item", () => {
    const w = makeWorld();
    const all = MENU.map((i) => i.fn);
    expect(menuOf(w, BOSS, "FULL")).toEqual(all);
    expect(menuOf(w, ASSISTANT, "LIMITED")).toEqual(all);
  });

  it("R1: the platform's account manager (viewer) only opens Buyerbook", () => {
    const w = makeWorld();
    expect(menuOf(w, VIEWER, "LIMITED")).toEqual(["menuOpenSidebar"]);
  });

  it("each item is shown exactly when the server's access table lets the role run it", () => {
    for (const role of ["boss", "assistant", "salesperson", "viewer"]) {
      const actor = { email: "x@acme-tools.cn", role, status: "active" };
      for (const item of MENU.filter((i) => i.action))
        expect(decide(actor, item.action!).ok, `${role} ${item.fn}`).toBe(
          role === "boss" ||
            role === "assistant" ||
            (role === "salesperson" &&
              // The book's one audit trigger is a manager's (R33, R34).
              !REPORTS.concat([
                "menuSetup",
                "menuSendCampaignsNow",
                "menuImportSheet",
                "menuReexamineBuyers",
                "menuInstallAudit",
              ]).includes(item.fn)),
        );
    }
  });

  it("AuthMode.NONE (not yet used in this document): the minimal menu, no spreadsheet touched", () => {
    const w = makeWorld();
    w.env.ctx.meter.reset();
    expect(menuOf(w, ALICE, "NONE")).toEqual(["menuOpenSidebar", "menuSetup"]);
    expect(w.env.ctx.meter.callsOf("Spreadsheet.read") + w.env.ctx.meter.callsOf("Spreadsheet.meta")).toBe(0);
  });

  it("no address for the user (LIMITED, another domain): the minimal menu", () => {
    const w = makeWorld();
    expect(menuOf(w, ALICE, "LIMITED", "")).toEqual(["menuOpenSidebar", "menuSetup"]);
  });

  it("someone not on the Staff sheet, or a Staff sheet that cannot be read: the minimal menu, never an error", () => {
    const w = makeWorld();
    expect(menuOf(w, STRANGER, "LIMITED")).toEqual(["menuOpenSidebar", "menuSetup"]);
    w.env.CacheService.getDocumentCache()!.removeAll(["small-tables.v2.staff"]);
    w.env.ctx.meter.failEvery("Spreadsheet.read");
    expect(menuOf(w, ALICE, "LIMITED")).toEqual(["menuOpenSidebar", "menuSetup"]);
    w.env.ctx.meter.clearFaults();
  });

  it("with the Staff table cached, the menu costs no Sheets read", () => {
    const w = makeWorld();
    w.ok(ALICE, "team"); // any click caches Staff
    w.env.ctx.meter.reset();
    menuOf(w, ALICE, "LIMITED");
    expect(w.env.ctx.meter.callsOf("Spreadsheet.read")).toBe(0);
  });

  it("R1: a viewer who runs an item by other means is refused in their language; a salesperson may refresh due dates", () => {
    const w = makeWorld();
    const refused = w.env.ctx.runAs(VIEWER, () => ENTRY_POINTS.menuRunDueNow());
    // Their language is their Staff row's (English here), not the book's (Chinese).
    expect(JSON.parse(refused)).toEqual({ refused: "Your role (viewer) may not pull mail." });
    const ok = JSON.parse(w.env.ctx.runAs(ALICE, () => ENTRY_POINTS.menuRefreshDue()));
    expect(ok).toMatchObject({ problems: [] });
  });

  it("a hand edit of a person's language in Staff reaches their next click at once (the cached Staff is dropped)", () => {
    const w = makeWorld();
    expect(w.ok<{ lang: string }>(ALICE, "deskVersion").lang).toBe("en");
    const staff = w.book.getSheetByName(Staff.name)!;
    const cell = w.env.ctx.meter.quietly(() => {
      const values = staff.getDataRange().getValues();
      const row = values.findIndex((r) => r.includes(ALICE));
      return staff.getRange(row + 1, values[0].indexOf("Language") + 1);
    });
    w.env.ctx.runAs(BOSS, () => {
      cell.setValue("zh-CN");
      ENTRY_POINTS.onEdit({ range: cell } as unknown as GoogleAppsScript.Events.SheetsOnEdit);
    });
    expect(w.ok<{ lang: string }>(ALICE, "deskVersion").lang).toBe("zh-CN");
  });
});
