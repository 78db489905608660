import { describe, expect, it } from "vitest";
import {
  ACCOUNT_QUOTAS,
  type AccountKind,
  createGasEnvironment,
  DOMAIN_EDIT_NEEDS_WORKSPACE,
  GMAIL_DAILY_LIMIT,
  loadProject,
} from "../src/index";

/**
 * Contract: what changes between a consumer (gmail.com) account and a Google Workspace domain. References:
 * - developers.google.com/apps-script/reference/base/session#getActiveUser: "the user's email address is not
 *   available in any context that allows a script to run without that user's authorization, like a simple
 *   onOpen(e) or onEdit(e) trigger … However, these restrictions generally do not apply if the developer runs
 *   the script themselves or belongs to the same Google Workspace domain as the user."
 * - developers.google.com/apps-script/guides/triggers/installable: installable triggers run as their creator.
 * - developers.google.com/apps-script/reference/spreadsheet/protection: setDomainEdit "Throws an exception if
 *   the spreadsheet does not belong to a Google Workspace domain (that is, if it is owned by a gmail.com
 *   account)"; canDomainEdit: "all users in the domain that owns the spreadsheet have permission to edit".
 * - developers.google.com/apps-script/guides/services/quotas: "Email recipients per day" 100 / 1,500;
 *   "Email read/write (excluding send)" 20,000 / 50,000; "reset 24 hours after the first request".
 */
const BOSS = "boss@acme-tools.cn";
const SALES = "li@acme-tools.cn";
const OUTSIDER = "agent@trading-partner.com";

const CODE = `
function whoAmI() { return Session.getActiveUser().getEmail() + "|" + Session.getEffectiveUser().getEmail(); }
function installEditTrigger() {
  ScriptApp.newTrigger("onEditInstalled").forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}
function onEditInstalled(e) { return whoAmI(); }
function protectA1() {
  var p = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1").protect();
  p.removeEditors(p.getEditors());
  return String(p.canDomainEdit());
}
function closeToDomain() {
  var p = SpreadsheetApp.getActiveSpreadsheet().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
  p.setDomainEdit(false);
  return String(p.canDomainEdit());
}
function writeA1(v) { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1").setValue(v); return "ok"; }
`;

function makeWorld(account: AccountKind) {
  const env = createGasEnvironment({ now: "2026-03-02T00:00:00Z", user: BOSS, timeZone: "UTC", account });
  const book = env.SpreadsheetApp.createForTest("Book", BOSS);
  env.SpreadsheetApp.setActive(book);
  env.ctx.meter.quietly(() => book.addEditors([SALES, OUTSIDER]));
  const project = loadProject(env, [{ name: "Code.js", code: CODE }]);
  return {
    env,
    run: (fn: string, as: string, args: unknown[] = []) => String(project.run(fn, args, { as })),
    simple: (fn: string, as: string) => String(project.run(fn, [{ source: book }], { as, kind: "simple" })),
    /** `actor` edits a cell: every installable on-edit trigger fires, each as its owner. */
    edit(actor: string) {
      const range = env.ctx.meter.quietly(() => book.getSheets()[0].getRange("B2"));
      return env.scheduler.dispatch("ON_EDIT", book.getId(), { range, source: book }, actor).map((f) => ({
        owner: f.owner,
        saw: f.error ? `error: ${(f.error as Error).message}` : String(f.result),
      }));
    },
  };
}

describe.each([["emulator", makeWorld]])("Session.getActiveUser by account kind (%s)", (_name, make) => {
  it("consumer: another user's installable trigger gets a blank active user, its owner as effective user", () => {
    const w = make("consumer");
    w.run("installEditTrigger", BOSS);
    w.run("installEditTrigger", SALES);
    expect(w.edit(BOSS)).toEqual([
      { owner: BOSS, saw: `${BOSS}|${BOSS}` },
      { owner: SALES, saw: `|${SALES}` },
    ]);
  });

  it("Workspace: within the domain the editor's address is available to a colleague's trigger; outside it is not", () => {
    const w = make("workspace");
    w.run("installEditTrigger", BOSS);
    w.run("installEditTrigger", SALES);
    expect(w.edit(BOSS)).toEqual([
      { owner: BOSS, saw: `${BOSS}|${BOSS}` },
      { owner: SALES, saw: `${BOSS}|${SALES}` },
    ]);
    expect(w.edit(OUTSIDER).map((f) => f.saw)).toEqual([`|${BOSS}`, `|${SALES}`]);
  });

  it("simple triggers: blank for users other than the developer, except the developer's Workspace colleagues", () => {
    const consumer = make("consumer");
    expect(consumer.simple("whoAmI", BOSS).split("|")[0]).toBe(BOSS); // the developer themselves
    expect(consumer.simple("whoAmI", SALES).split("|")[0]).toBe("");
    const workspace = make("workspace");
    expect(workspace.simple("whoAmI", SALES).split("|")[0]).toBe(SALES);
    expect(workspace.simple("whoAmI", OUTSIDER).split("|")[0]).toBe("");
  });

  it("menus and sidebars always know who clicked", () => {
    for (const account of ["consumer", "workspace"] as const) {
      expect(make(account).run("whoAmI", OUTSIDER)).toBe(`${OUTSIDER}|${OUTSIDER}`);
    }
  });
});

describe.each([["emulator", makeWorld]])("protections open to the domain (%s)", (_name, make) => {
  it("consumer: a protection is never open to a domain, and setDomainEdit throws", () => {
    const w = make("consumer");
    expect(w.run("protectA1", BOSS)).toBe("false");
    expect(() => w.run("closeToDomain", BOSS)).toThrow(DOMAIN_EDIT_NEEDS_WORKSPACE);
    expect(() => w.run("writeA1", SALES, ["x"])).toThrow(/protected/);
  });

  it("Workspace: a new protection lets the owner's domain edit until setDomainEdit(false)", () => {
    const w = make("workspace");
    expect(w.run("protectA1", BOSS)).toBe("true");
    expect(w.run("writeA1", SALES, ["colleague"])).toBe("ok");
    expect(() => w.run("writeA1", OUTSIDER, ["outsider"])).toThrow(/protected/);
    expect(w.run("closeToDomain", BOSS)).toBe("false");
    expect(() => w.run("writeA1", SALES, ["colleague again"])).toThrow(/protected/);
  });
});

describe.each([["emulator", makeWorld]])("daily quotas by account kind (%s)", (_name, make) => {
  it("email recipients per day: 100 for consumer accounts, 1,500 for Workspace", () => {
    expect(make("consumer").env.MailApp.getRemainingDailyQuota()).toBe(100);
    expect(make("workspace").env.MailApp.getRemainingDailyQuota()).toBe(1500);
  });

  it("consumer: the 20,001st Gmail read/write of the day throws; sends do not count; the next day it works", () => {
    const w = make("consumer");
    expect(ACCOUNT_QUOTAS.consumer.gmailReadWrite).toBe(20_000);
    expect(ACCOUNT_QUOTAS.workspace.gmailReadWrite).toBe(50_000);
    const gmail = w.env.GmailApp;
    w.env.ctx.runAs(BOSS, () => {
      for (let i = 0; i < 20_000; i++) gmail.search("from:nobody@example.com");
      expect(() => gmail.search("in:inbox")).toThrow(GMAIL_DAILY_LIMIT);
      expect(() => gmail.getInboxThreads()).toThrow(GMAIL_DAILY_LIMIT);
      // Sending is the recipients quota, not read/write.
      gmail.sendEmail(SALES, "Still sending", "Hello");
    });
    // Another user has their own quota.
    w.env.ctx.runAs(SALES, () => expect(gmail.search("in:inbox").length).toBe(1));
    w.env.ctx.clock.advance(24 * 3_600_000);
    w.env.ctx.runAs(BOSS, () => expect(gmail.search("in:inbox")).toEqual([]));
  });
});
