import { readFileSync } from "node:fs";
import {
  createGasEnvironment,
  type GasEnvironment,
  type GasEnvironmentOptions,
  loadProject,
} from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build, MANIFESTS } from "../../../scripts/build.mjs";
import type { SheetSpec } from "../../../src/store/columns";
import { mapHeaders } from "../../../src/store/headers";
import { Buyers, Staff } from "../../../src/store/schemas";
import { builtProject } from "../../support/built";

/**
 * The heartbeat as each deployment runs it: the built bundle, each person's hourly trigger, the scheduler moving
 * the clock. A bound script's trigger has its spreadsheet; an editor add-on's time-driven trigger has none (no
 * active spreadsheet, no document properties, no document lock) and opens the book by the id stored when that
 * person started the schedule.
 *
 * Switching: once the emulator's deployment modes are on main (`createGasEnvironment({ mode: "addon" })`, the
 * manifest's scopes enforced), NATIVE is true and the emulator itself takes the document away from time-driven
 * triggers; until then `withoutDocument` does it with the environment's own hook (setActive(null)).
 */
const BOSS = "boss@acme-tools.cn";
const AMY = "amy@acme-tools.cn";
const LI = "li@acme-tools.cn";
const DEPLOYMENTS = ["bound", "addon"] as const;
type Deployment = (typeof DEPLOYMENTS)[number];
/** Workspace and consumer accounts differ in who Session names in a trigger, in quotas and in protections. */
const ACCOUNTS = ["workspace", "consumer"] as const;
type Account = (typeof ACCOUNTS)[number];
const CASES = DEPLOYMENTS.flatMap((d) => ACCOUNTS.map((a) => [d, a] as const));

let code: string;
beforeAll(async () => {
  await build({ quiet: true });
  code = readFileSync("dist/Code.js", "utf8");
}, 120_000);

interface Fire {
  handler: string;
  at: Date;
  owner: string;
  report: {
    user: string;
    stopped?: string;
    ran: { job: string; slotKey: string; error?: string; result?: Record<string, unknown> }[];
    passed: { job: string; slotKey: string; reason: string }[];
  };
}

function world(deployment: Deployment, account: Account, start: string) {
  const options = { now: start, user: BOSS, mode: deployment, account } as GasEnvironmentOptions;
  const env = createGasEnvironment(options);
  const native = "mode" in env;
  const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
  env.SpreadsheetApp.setActive(book);
  const sources = builtProject(code);
  if (native) sources.push({ name: "appsscript.json", code: readFileSync(MANIFESTS[deployment], "utf8") });
  const project = loadProject(env, sources);
  project.run("menuSetup", [], { as: BOSS });
  env.ctx.meter.quietly(() => {
    // Setup made the boss a row; the assistant writes the reports, Li sells (R1).
    writeRows(book, Staff, 3, [
      { email: AMY, name: "Amy", role: "assistant", status: "active", language: "en" },
      { email: LI, name: "Li Na", role: "salesperson", status: "active", language: "en" },
    ]);
    book.addEditors([AMY, LI]);
  });
  /** Runs the triggers due until `until`; an add-on's time-driven triggers see no spreadsheet. */
  const runUntil = (until: string): Fire[] => {
    const fires = withoutDocument(env, deployment, native, () => env.scheduler.runUntil(until));
    return fires.map((f) => ({
      handler: f.handler,
      at: f.at,
      owner: f.owner,
      report: JSON.parse(String(f.result ?? "{}")),
    }));
  };
  return { env, book, project, runUntil };
}

/** Rows written by column key, wherever setup put the columns and in whichever language it titled them. */
function writeRows(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: SheetSpec,
  firstRow: number,
  records: Record<string, unknown>[],
): void {
  const sheet = book.getSheetByName(spec.name)!;
  const width = sheet.getLastColumn();
  const headers = mapHeaders(spec, sheet.getRange(1, 1, 1, width).getValues()[0]);
  const rows = records.map((r) => {
    const row: unknown[] = Array.from({ length: width }, () => "");
    for (const [key, value] of Object.entries(r)) row[headers.index.get(key)!] = value;
    return row;
  });
  sheet.getRange(firstRow, 1, rows.length, width).setValues(rows);
}

function withoutDocument<T>(env: GasEnvironment, deployment: Deployment, native: boolean, fn: () => T): T {
  if (deployment === "bound" || native) return fn();
  const active = env.SpreadsheetApp.getActiveSpreadsheet();
  env.SpreadsheetApp.setActive(null);
  try {
    return fn();
  } finally {
    env.SpreadsheetApp.setActive(active);
  }
}

describe.each(CASES)("the heartbeat deployed as %s in a %s account", (deployment, account) => {
  it("C2, R6, R8: pulls each person's own mail, mails Li the morning digest once a day, and records every tick", () => {
    // Friday 27 Nov 2026, 07:05 in Shanghai.
    const { env, book, project, runUntil } = world(deployment, account, "2026-11-26T23:05:00Z");
    for (const who of [BOSS, AMY, LI]) project.run("menuStartSchedule", [], { as: who });
    // One of Li's buyers, grade B (weekly), last contacted twelve days ago: overdue on both mornings.
    env.ctx.meter.quietly(() =>
      writeRows(book, Buyers, 2, [
        {
          id: "B-000001",
          company: "Hanoi Hardware Co.",
          grade: "B",
          owner: LI,
          status: "active",
          created: new Date("2026-10-01T02:00:00Z"),
          lastContact: new Date("2026-11-15T02:00:00Z"),
        },
      ]),
    );
    env.mail.deliverStructured({
      from: "Lea Roth <lea@neu-licht.de>",
      to: LI,
      subject: "Anfrage: LED-Panels 600x600, 2.000 Stück",
      text: "Guten Tag,\nwir suchen 2.000 LED-Panels 600x600 mit CE. Bitte Preis FOB Ningbo.\nLea Roth\nNeu Licht GmbH",
      date: new Date("2026-11-26T23:30:00Z"),
    });
    const fires = runUntil("2026-11-28T02:30:00Z"); // Saturday 10:30
    expect(env.scheduler.failures).toEqual([]);
    expect(fires.length).toBeGreaterThan(0);
    expect(fires.filter((f) => f.report.stopped !== undefined)).toEqual([]);
    expect(fires.flatMap((f) => f.report.ran).filter((r) => r.error !== undefined)).toEqual([]);
    // Li's mail became an inquiry, pulled by Li's own trigger.
    const inquiries = env.ctx.meter.quietly(() => book.getSheetByName("Inquiries")!.getDataRange().getValues());
    expect(inquiries.slice(1).some((r) => r.includes("lea@neu-licht.de"))).toBe(true);
    const liPulls = fires
      .filter((f) => f.report.user === LI)
      .flatMap((f) => f.report.ran.filter((r) => r.job === "pull"));
    expect(liPulls.length).toBeGreaterThanOrEqual(3);
    // One digest a day for Li (Friday: the overdue buyer; Saturday: it and Lea's unanswered inquiry), none for
    // the boss or the assistant.
    const digests = env.mail
      .mailbox(LI)
      .sortedThreads()
      .flatMap((t) => t.messages)
      .filter((m) => m.content.subject.startsWith("Buyerbook today"));
    expect(digests.map((m) => m.content.subject).sort()).toEqual([
      "Buyerbook today: 1 follow-up due, 0 inquiries to answer",
      "Buyerbook today: 1 follow-up due, 1 inquiry to answer",
    ]);
    const saturday = digests.find((m) => m.content.subject.includes("1 inquiry "))!;
    expect(saturday.content.text).toContain("Hanoi Hardware Co. (B-000001)");
    expect(saturday.content.text).toContain("Anfrage: LED-Panels 600x600");
    expect(
      env.mail
        .mailbox(BOSS)
        .sortedThreads()
        .flatMap((t) => t.messages),
    ).toHaveLength(0);
    // Every person's last tick is in the book's state (the boss's desk and the report read it).
    const props = env.PropertiesService.getScriptProperties().getProperties();
    for (const who of [BOSS, AMY, LI]) {
      const beat = JSON.parse(props[`bb:${book.getId()}:beat.${who}`]) as { at: number; pulledAt?: number };
      expect(beat.at).toBeGreaterThan(new Date("2026-11-28T01:00:00Z").getTime());
      expect(beat.pulledAt).toBeGreaterThan(0);
    }
  });

  it("R33: a salesperson's heartbeat never writes the report; the assistant's does, and Li cannot open it", () => {
    // Saturday 28 Nov 2026, 14:05 in Shanghai; the report is due at 16:00.
    const { env, project, runUntil } = world(deployment, account, "2026-11-28T06:05:00Z");
    for (const who of [BOSS, LI, AMY]) project.run("menuStartSchedule", [], { as: who });
    const fires = runUntil("2026-11-28T11:00:00Z"); // 19:00
    expect(env.scheduler.failures).toEqual([]);
    const weekly = (who: string) =>
      fires.filter((f) => f.report.user === who).flatMap((f) => f.report.ran.filter((r) => r.job === "weekly"));
    expect(weekly(LI)).toEqual([]);
    expect(weekly(BOSS)).toEqual([]);
    expect(weekly(AMY).map((r) => r.slotKey)).toEqual(["weekly@2026-W48"]);
    const passedByLi = fires
      .filter((f) => f.report.user === LI)
      .flatMap((f) => f.report.passed.filter((p) => p.job === "weekly"));
    expect(passedByLi.length).toBeGreaterThan(0);
    expect(passedByLi[0].reason).toContain(AMY);
    const docId = String(weekly(AMY)[0].result?.docId);
    const file = env.ctx.meter.quietly(() => env.DriveApp.getFileById(docId));
    expect(file.getOwner().getEmail()).toBe(AMY);
    expect(file.getEditors().map((u) => u.getEmail())).toContain(BOSS);
    expect(() => env.ctx.runAs(LI, () => env.DocumentApp.openById(docId))).toThrow(/permission/i);
  });

  it("R29: a person who can no longer open the book has their trigger remove itself", () => {
    const { env, book, project, runUntil } = world(deployment, account, "2026-11-26T23:05:00Z");
    project.run("menuStartSchedule", [], { as: LI });
    expect(env.ScriptApp.allTriggers().filter((t) => t.owner === LI).length).toBeGreaterThan(0);
    env.ctx.meter.quietly(() => env.DriveApp.getFileById(book.getId()).removeEditor(LI));
    const fires = runUntil("2026-11-27T01:00:00Z");
    expect(fires.map((f) => f.report.stopped)).toContain("no-access");
    expect(env.ScriptApp.allTriggers().filter((t) => t.owner === LI)).toEqual([]);
  });

  it("R33, R34: the book's audit logs Li's hand edit of a buyer's grade exactly once, naming her where the account kind can", () => {
    const { env, book, project } = world(deployment, account, "2026-11-26T23:05:00Z");
    // The boss and Li each start a schedule; the book's audit trigger is the boss's (a manager's) alone.
    for (const who of [BOSS, LI]) project.run("menuStartSchedule", [], { as: who });
    const edits = env.ScriptApp.allTriggers().filter((t) => t.eventType === "ON_EDIT");
    expect(edits.map((t) => t.owner)).toEqual([BOSS]);
    const range = env.ctx.meter.quietly(() => {
      writeRows(book, Buyers, 2, [
        { id: "B-000001", company: "Hanoi Hardware Co.", grade: "B", owner: LI, status: "active" },
      ]);
      const sheet = book.getSheetByName(Buyers.name)!;
      const headers = mapHeaders(Buyers, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]);
      return sheet.getRange(2, headers.index.get("grade")! + 1);
    });
    env.ctx.meter.quietly(() => env.ctx.runAs(LI, () => range.setValue("A")));
    // The edit reaches every installable on-edit trigger of the book, as in Sheets.
    env.scheduler.dispatch("ON_EDIT", book.getId(), { range, value: "A", oldValue: "B", source: book }, LI);
    const lines = env.ctx.meter.quietly(() =>
      book
        .getSheetByName("Log")!
        .getDataRange()
        .getValues()
        .slice(1)
        .filter((l) => l[2] === "edit.grade"),
    );
    expect(lines).toHaveLength(1);
    // Workspace names the editor to the trigger's owner; a consumer account blanks another person's address.
    if (account === "workspace") expect(lines[0][1]).toBe(LI);
    else expect(lines[0][1]).not.toBe(LI);
  });
});
