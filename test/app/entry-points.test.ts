/**
 * Every function Apps Script can call (menus, triggers, google.script.run — which any editor can reach from the
 * browser's console) checks its caller, on the built bundle: a person not in Staff and the platform's account
 * manager (viewer) are refused in their own language and change nothing. Also: every RPC handler that writes
 * or exports is closed to the viewer.
 */

import { readFileSync } from "node:fs";
import { createGasEnvironment, type GasEnvironment, type LoadedProject, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../scripts/build.mjs";
import type { AnyHandler } from "../../src/app/handler";
import { decide } from "../../src/domain/access";
import { HANDLERS } from "../../src/rpc/handlers";
import { builtProject } from "../support/built";

const BOSS = "boss@acme-tools.cn";
const VIEWER = "am@alibaba-partner.com";
const STRANGER = "stranger@example.com";
const NOW = "2026-11-23T01:00:00Z";

/** Arguments per entry point (menus take none; the CLI ones a payload). */
const ARGS: Record<string, unknown[]> = {
  staffOnboard: [JSON.stringify({ email: "new@acme-tools.cn", name: "New", role: "salesperson" })],
  staffOffboard: [JSON.stringify({ email: BOSS })],
  rpc: ["tripPlan", JSON.stringify({ target: { country: "Germany" } })],
  onEditAudit: [{}],
};
/** Entry points that only draw the menu: anyone who opens the file may run them. */
const OPEN_TO_ALL = new Set(["onOpen", "onInstall"]);
/** The viewer reads (R1): the sidebar opens for them, read-only (its RPCs check each action). */
const VIEWER_MAY = new Set(["menuOpenSidebar"]);
/**
 * The simple on-edit trigger: it has no caller to refuse (Apps Script runs it for the person who typed, whose
 * edit the sheet's protections already allowed); called by hand without an edit it must change nothing.
 */
const EDIT_EVENT = new Set(["onEdit"]);
/** Entry points whose refusal is a report, not a sentence for a person (triggers). */
const NO_TEXT = new Set(["heartbeat", "heartbeatContinue", "onEditAudit"]);

interface World {
  env: GasEnvironment;
  project: LoadedProject;
  book: GoogleAppsScript.Spreadsheet.Spreadsheet;
}

function world(code: string): World {
  const env = createGasEnvironment({ now: NOW, user: BOSS, htmlFiles: { Sidebar: "<div id=app></div>" } });
  const book = env.SpreadsheetApp.createForTest(
    "Buyerbook",
    BOSS,
  ) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  env.SpreadsheetApp.setActive(book as never);
  const project = loadProject(env, builtProject(code));
  project.run("menuSetup", [], { as: BOSS });
  const joined = JSON.parse(
    project.run("staffOnboard", [JSON.stringify({ email: VIEWER, name: "AM", role: "viewer", language: "zh-CN" })], {
      as: BOSS,
    }) as string,
  ) as { ok: boolean };
  expect(joined.ok).toBe(true);
  env.ctx.meter.quietly(() => book.addEditor(STRANGER));
  return { env, project, book };
}

/** What a refused run could have changed: every sheet's values, the Drive (Docs), everyone's triggers. */
function footprint(w: World): string {
  return w.env.ctx.meter.quietly(() => {
    const sheets = w.book.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()]);
    const files = w.env.ctx.files.all().length;
    const triggers = [BOSS, VIEWER, STRANGER].map((u) =>
      w.env.ctx.runAs(u, () => w.env.ScriptApp.getProjectTriggers().length),
    );
    return JSON.stringify({ sheets, files, triggers });
  });
}

/** The refusal text of a run's JSON answer, whatever its shape ({ refused }, an RpcResult, a heartbeat report). */
function refusal(answer: unknown): string | undefined {
  if (typeof answer !== "string" || !answer.startsWith("{")) return undefined;
  const parsed = JSON.parse(answer) as {
    refused?: string;
    ok?: boolean;
    error?: string;
    stopped?: string;
    ignored?: string;
  };
  if (parsed.refused) return parsed.refused;
  if (parsed.ok === false) return parsed.error;
  return parsed.stopped ?? parsed.ignored;
}

describe("R1, R29, R34: every entry point refuses an unknown user and a viewer", () => {
  let code: string;
  let names: string[];
  beforeAll(async () => {
    ({ names } = (await build({ quiet: true })) as { names: string[] });
    code = readFileSync("dist/Code.js", "utf8");
  }, 120_000);

  it("covers every entry point of the bundle", () => {
    expect(names.length).toBeGreaterThan(15);
  });

  for (const [who, email] of [
    ["an unknown user", STRANGER],
    ["a viewer", VIEWER],
  ] as const) {
    it(`R1, R34: ${who} is refused by each entry point, in their language, and nothing changes`, () => {
      const w = world(code);
      const outcomes: string[] = [];
      for (const name of names) {
        if (OPEN_TO_ALL.has(name) || (email === VIEWER && VIEWER_MAY.has(name))) continue;
        const before = footprint(w);
        let answer: unknown;
        try {
          answer = w.project.run(name, ARGS[name] ?? [], { as: email });
        } catch (e) {
          answer = JSON.stringify({ refused: `threw: ${(e as Error).message}` });
        }
        const text = refusal(answer);
        const after = footprint(w);
        if (!text && !EDIT_EVENT.has(name)) outcomes.push(`${name}: not refused (${String(answer).slice(0, 120)})`);
        if (after !== before) outcomes.push(`${name}: changed the book`);
        // The viewer reads Chinese (their Staff row); the stranger gets the book's language (zh-CN by default).
        if (text && !NO_TEXT.has(name) && !/[\u4e00-\u9fff]/.test(text))
          outcomes.push(`${name}: refusal not in the caller's language: ${text}`);
      }
      expect(outcomes).toEqual([]);
    });
  }

  it("R1: onOpen and onInstall only draw the menu, for anyone", () => {
    const w = world(code);
    const before = footprint(w);
    w.project.run("onOpen", [{ authMode: "FULL" }], { as: VIEWER });
    w.project.run("onInstall", [{ authMode: "FULL" }], { as: STRANGER });
    w.project.run("menuOpenSidebar", [], { as: VIEWER });
    expect(footprint(w)).toBe(before);
  });

  it("R1, R14: the same entry points still work for the boss (the refusals are not blanket)", () => {
    const w = world(code);
    for (const name of ["menuRefreshDue", "menuRunDueNow", "menuStartSchedule", "menuWeeklyReport"]) {
      const answer = w.project.run(name, [], { as: BOSS });
      expect(refusal(answer), name).toBeUndefined();
    }
    const plan = JSON.parse(w.project.run("rpc", ARGS.rpc, { as: BOSS }) as string) as { ok: boolean };
    expect(plan.ok).toBe(true);
  });
});

describe("R1: handlers that write or export are never open to the viewer", () => {
  const viewer = { email: VIEWER, role: "viewer", status: "active" };
  const table = HANDLERS as unknown as Record<string, AnyHandler>;
  for (const [method, h] of Object.entries(table)) {
    if (!h.write && !h.exports) continue;
    it(`R1: ${method} (${h.exports ? "exports" : "writes"}) is refused to a viewer and to an unknown user`, () => {
      expect(decide(viewer, h.action).ok).toBe(false);
      expect(decide(undefined, h.action).ok).toBe(false);
    });
  }

  it("R14: the trip plan (a Doc the caller keeps) is marked as an export", () => {
    expect(table.tripPlan.exports).toBe(true);
    expect(table.tripPlan.action).toBe("data.export");
  });
});
