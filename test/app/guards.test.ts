import { readFileSync } from "node:fs";
import { createGasEnvironment, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../scripts/build.mjs";
import { builtProject } from "../support/built";

const BOSS = "boss@acme-tools.cn";

describe("who may run the menus that change the book", () => {
  let code: string;
  beforeAll(async () => {
    await build({ quiet: true });
    code = readFileSync("dist/Code.js", "utf8");
  }, 120_000);

  it("R1, R34: the first person becomes the boss; afterwards only boss and assistant may run it", () => {
    const env = createGasEnvironment({ now: "2026-11-23T01:00:00Z", user: BOSS });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
    const first = JSON.parse(project.run("menuSetup", [], { as: BOSS }) as string) as { staffAdded: string };
    expect(first.staffAdded).toBe("boss");
    // The assistant and a salesperson join the proper way (R29, R30): sharing and protections follow their role.
    for (const [email, name, role] of [
      ["lily@acme-tools.cn", "Lily", "assistant"],
      ["li@acme-tools.cn", "Li", "salesperson"],
    ]) {
      const joined = JSON.parse(
        project.run("staffOnboard", [JSON.stringify({ email, name, role, language: "en" })], { as: BOSS }) as string,
      ) as { ok: boolean };
      expect(joined.ok).toBe(true);
    }
    const refused = JSON.parse(project.run("menuSetup", [], { as: "li@acme-tools.cn" }) as string) as {
      refused?: string;
    };
    expect(refused.refused).toMatch(/boss|老板/);
    const assistant = JSON.parse(project.run("menuSetup", [], { as: "lily@acme-tools.cn" }) as string) as {
      created: string[];
    };
    expect(assistant.created).toEqual([]);
  });

  it("C2, R1: staff pull their own mail; the platform's account manager (viewer) and strangers may not", () => {
    const env = createGasEnvironment({ now: "2026-11-23T01:00:00Z", user: BOSS });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
    project.run("menuSetup", [], { as: BOSS });
    for (const [email, role] of [
      ["li@acme-tools.cn", "salesperson"],
      ["am@alibaba-partner.com", "viewer"],
    ]) {
      project.run("staffOnboard", [JSON.stringify({ email, name: email.split("@")[0], role, language: "en" })], {
        as: BOSS,
      });
    }
    const sales = JSON.parse(project.run("menuPullNow", [], { as: "li@acme-tools.cn" }) as string) as {
      refused?: string;
      mailbox?: string;
    };
    expect(sales.refused).toBeUndefined();
    expect(sales.mailbox).toBe("li@acme-tools.cn");
    const viewer = JSON.parse(project.run("menuPullNow", [], { as: "am@alibaba-partner.com" }) as string) as {
      refused?: string;
    };
    expect(viewer.refused).toMatch(/am@alibaba-partner.com (may not pull mail|无权)/);
    env.ctx.meter.quietly(() => book.addEditor("stranger@example.com"));
    const stranger = JSON.parse(project.run("menuPullNow", [], { as: "stranger@example.com" }) as string) as {
      refused?: string;
    };
    expect(stranger.refused).toMatch(/stranger@example.com/);
  });

  it("R1, R34: a Staff row with a blank email matches nobody, not even an execution with no user", () => {
    const env = createGasEnvironment({ now: "2026-11-23T01:00:00Z", user: BOSS });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
    project.run("menuSetup", [], { as: BOSS });
    // Someone types a boss row and forgets the email.
    env.ctx.meter.quietly(() => {
      const staff = book.getSheetByName("Staff")!;
      const header = staff.getRange(1, 1, 1, staff.getLastColumn()).getValues()[0].map(String);
      const row = header.map((h) =>
        /^(Role|角色)$/.test(h)
          ? "boss"
          : /^(Status|状态)$/.test(h)
            ? "active"
            : /^(Name|姓名)$/.test(h)
              ? "Ghost"
              : "",
      );
      staff.getRange(staff.getLastRow() + 1, 1, 1, row.length).setValues([row]);
    });
    const setup = JSON.parse(project.run("menuSetup", [], { as: "" }) as string) as { refused?: string };
    expect(setup.refused).toBeTruthy();
    const pull = JSON.parse(project.run("menuPullNow", [], { as: "" }) as string) as { refused?: string };
    expect(pull.refused).toBeTruthy();
    const rpc = JSON.parse(project.run("rpc", ["bootstrap", "{}"], { as: "" }) as string) as {
      ok: boolean;
      code?: string;
    };
    expect(rpc).toMatchObject({ ok: false, code: "unknown-user" });
  });
});
