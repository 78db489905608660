/**
 * Sheet protections that match the role checks (R1, R6, R34), on the built bundle, in Google Workspace and in
 * consumer accounts: each role types into each protected range (and one open range as a control) and is
 * allowed or refused as the role matrix says; every allowed edit of an audited column is logged exactly once,
 * naming the editor in Workspace and "an editor (not identified)" where Apps Script withholds them.
 */

import { readFileSync } from "node:fs";
import { createGasEnvironment, type GasEnvironment, type LoadedProject, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../scripts/build.mjs";
import { Buyers, Inquiries, Settings, Staff } from "../../src/store/schemas";
import { builtProject } from "../support/built";

const BOSS = "boss@acme-tools.cn";
const AMY = "amy@acme-tools.cn";
const ANN = "ann@acme-tools.cn";
const BOB = "bob@acme-tools.cn";
const VIEWER = "am@alibaba-partner.com";
const NOW = "2026-11-23T01:00:00Z";
const UNIDENTIFIED = "an editor (not identified)";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Who = "boss" | "assistant" | "salesperson" | "viewer";
const PEOPLE: Record<Who, string> = { boss: BOSS, assistant: AMY, salesperson: BOB, viewer: VIEWER };

interface Target {
  name: string;
  sheet: string;
  /** Finds the cell now (1-based row and column). */
  cell(book: Book, who: string): [number, number];
  /** Whether the column is audited (its hand edits logged). */
  audited?: string;
  allowed: Record<Who, boolean>;
}

const col = (spec: { columns: readonly { key: string }[] }, key: string) =>
  spec.columns.findIndex((c) => c.key === key) + 1;

function staffRow(book: Book, email: string): number {
  const values = book.getSheetByName(Staff.name)!.getDataRange().getValues();
  return values.findIndex((l) => l[0] === email) + 1;
}

const TARGETS: Target[] = [
  {
    name: "Staff: one's own deputy cell",
    sheet: Staff.name,
    cell: (book, who) => [staffRow(book, who), col(Staff, "deputy")],
    audited: "deputy",
    // The viewer has no row and may edit nothing.
    allowed: { boss: true, assistant: true, salesperson: true, viewer: false },
  },
  {
    name: "Staff: a colleague's deputy cell (Ann's)",
    sheet: Staff.name,
    cell: (book) => [staffRow(book, ANN), col(Staff, "deputy")],
    audited: "deputy",
    allowed: { boss: true, assistant: true, salesperson: false, viewer: false },
  },
  {
    name: "Staff: Ann's role",
    sheet: Staff.name,
    cell: (book) => [staffRow(book, ANN), col(Staff, "role")],
    audited: "role",
    allowed: { boss: true, assistant: true, salesperson: false, viewer: false },
  },
  {
    name: "Buyers: owner",
    sheet: Buyers.name,
    cell: () => [2, col(Buyers, "owner")],
    audited: "owner",
    allowed: { boss: true, assistant: true, salesperson: false, viewer: false },
  },
  {
    name: "Inquiries: owner",
    sheet: Inquiries.name,
    cell: () => [2, col(Inquiries, "owner")],
    audited: "owner",
    allowed: { boss: true, assistant: true, salesperson: false, viewer: false },
  },
  {
    // Who handles an inquiry moves with deputies (a salesperson's own mail pull writes it): open, audited.
    name: "Inquiries: handled by (open to editors, audited)",
    sheet: Inquiries.name,
    cell: () => [2, col(Inquiries, "assignedTo")],
    audited: "assignedTo",
    allowed: { boss: true, assistant: true, salesperson: true, viewer: false },
  },
  {
    name: "Settings: a value",
    sheet: Settings.name,
    cell: () => [2, col(Settings, "value")],
    allowed: { boss: true, assistant: true, salesperson: false, viewer: false },
  },
  {
    name: "Buyers: grade (open to editors, audited)",
    sheet: Buyers.name,
    cell: () => [2, col(Buyers, "grade")],
    audited: "grade",
    allowed: { boss: true, assistant: true, salesperson: true, viewer: false },
  },
  {
    name: "Buyers: notes (open to editors)",
    sheet: Buyers.name,
    cell: () => [2, col(Buyers, "notes")],
    allowed: { boss: true, assistant: true, salesperson: true, viewer: false },
  },
];

interface World {
  env: GasEnvironment;
  project: LoadedProject;
  book: Book;
}

function world(code: string, account: "workspace" | "consumer"): World {
  const env = createGasEnvironment({ now: NOW, user: BOSS, account });
  const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS) as unknown as Book;
  env.SpreadsheetApp.setActive(book as never);
  const project = loadProject(env, builtProject(code));
  project.run("menuSetup", [], { as: BOSS });
  for (const [email, role] of [
    [AMY, "assistant"],
    [ANN, "salesperson"],
    [BOB, "salesperson"],
    [VIEWER, "viewer"],
  ]) {
    const r = JSON.parse(
      project.run("staffOnboard", [JSON.stringify({ email, name: email.split("@")[0], role, language: "en" })], {
        as: BOSS,
      }) as string,
    ) as { ok: boolean; error?: string };
    expect(r.ok, r.error).toBe(true);
  }
  // A buyer and an inquiry of Ann's, through the sidebar as people add them.
  const added = JSON.parse(
    project.run("rpc", ["addBuyer", JSON.stringify({ company: "Elbe Import GmbH", email: "einkauf@elbe.de" })], {
      as: ANN,
    }) as string,
  ) as { ok: boolean; error?: string };
  expect(added.ok, added.error).toBe(true);
  env.ctx.meter.quietly(() => {
    const sheet = book.getSheetByName(Inquiries.name)!;
    const line = Inquiries.columns.map((c) =>
      c.key === "id" ? "I-000001" : c.key === "owner" || c.key === "assignedTo" ? ANN : c.kind === "bool" ? false : "",
    );
    sheet.getRange(2, 1, 1, line.length).setValues([line]);
  });
  // Bob's own on-edit trigger, as an older Buyerbook installed one per person (Workspace would then log each
  // edit once per person).
  env.ctx.meter.quietly(() =>
    env.ctx.runAs(BOB, () =>
      env.ScriptApp.newTrigger("onEditAudit")
        .forSpreadsheet(book as never)
        .onEdit()
        .create(),
    ),
  );
  // A manager starts the schedule: the book's audit trigger is theirs and the protections are aligned.
  project.run("menuStartSchedule", [], { as: BOSS });
  return { env, project, book };
}

function logLines(w: World): unknown[][] {
  return w.env.ctx.meter.quietly(() => w.book.getSheetByName("Log")!.getDataRange().getValues().slice(1));
}

describe("R1, R6, R34: who may type where — every role × every protected range, on the built bundle", () => {
  let code: string;
  beforeAll(async () => {
    await build({ quiet: true });
    code = readFileSync("dist/Code.js", "utf8");
  }, 120_000);

  for (const account of ["workspace", "consumer"] as const) {
    it(`R1, R6, R34: ${account} accounts`, () => {
      const w = world(code, account);
      const mismatches: string[] = [];
      const rows: string[] = [];
      for (const target of TARGETS) {
        const line: string[] = [];
        for (const who of Object.keys(PEOPLE) as Who[]) {
          const email = PEOPLE[who];
          const [row, column] = w.env.ctx.meter.quietly(() => target.cell(w.book, email));
          const before = logLines(w).length;
          let allowed = true;
          let range: GoogleAppsScript.Spreadsheet.Range | undefined;
          w.env.ctx.meter.quietly(() =>
            w.env.ctx.runAs(email, () => {
              try {
                range = w.book.getSheetByName(target.sheet)!.getRange(row, column);
                const v = range.getValue();
                range.setValue(v === "" ? "x" : v);
              } catch {
                allowed = false;
              }
            }),
          );
          line.push(`${who} ${allowed ? "allowed" : "refused"}`);
          if (allowed !== target.allowed[who])
            mismatches.push(`${target.name} / ${who}: ${allowed ? "allowed" : "refused"}, expected the opposite`);
          if (!allowed || !range) continue;
          // The edit reaches every installable on-edit trigger of the book, as in Sheets.
          w.env.ctx.meter.quietly(() =>
            w.env.scheduler.dispatch("ON_EDIT", w.book.getId(), { range, value: "x", source: w.book }, email),
          );
          if (!target.audited) continue;
          const logged = logLines(w)
            .slice(before)
            .filter((l) => l[2] === `edit.${target.audited}`);
          const expectedUser = account === "workspace" || email === BOSS ? email : UNIDENTIFIED;
          if (logged.length !== 1 || logged[0][1] !== expectedUser)
            mismatches.push(
              `${target.name} / ${who}: logged ${logged.length} times as ${logged.map((l) => l[1]).join(", ")}, expected once as ${expectedUser}`,
            );
        }
        rows.push(`${target.name}: ${line.join(", ")}`);
      }
      console.log(`[matrix ${account}]\n  ${rows.join("\n  ")}`);
      expect(mismatches).toEqual([]);
      // The protections leave salespeople's own work alone: a new buyer (a row under the protected ones) and a
      // grade (cells the owner protection does not cover).
      const rpc = (method: string, payload: unknown) =>
        JSON.parse(w.project.run("rpc", [method, JSON.stringify(payload)], { as: ANN }) as string) as {
          ok: boolean;
          error?: string;
        };
      const more = rpc("addBuyer", { company: "Rhein Trade AG", email: "info@rhein-trade.de" });
      expect(more.ok, more.error).toBe(true);
      const graded = rpc("gradeBuyer", { buyerId: "B-000001", grade: "B" });
      expect(graded.ok, graded.error).toBe(true);
    });
  }
});
