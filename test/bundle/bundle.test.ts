import { readFileSync } from "node:fs";
import vm from "node:vm";
import { createGasEnvironment, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../scripts/build.mjs";

/** The built dist/Code.js, loaded the way Apps Script loads it: one global scope, only the emulator's globals. */
describe("the built bundle (dist/Code.js)", () => {
  let code: string;
  let names: string[];
  beforeAll(async () => {
    ({ names } = (await build({ quiet: true })) as { names: string[] });
    code = readFileSync("dist/Code.js", "utf8");
  }, 120_000);

  it("C6: exposes every ENTRY_POINTS key as a plain top-level function declaration", () => {
    expect(names).toEqual(
      expect.arrayContaining(["onOpen", "onInstall", "heartbeat", "rpc", "menuSetup", "menuPullNow"]),
    );
    for (const name of names) expect(code).toMatch(new RegExp(`^function ${name}\\(\\.\\.\\.args\\) \\{$`, "m"));
    const env = createGasEnvironment({ user: "boss@acme-tools.cn" });
    const project = loadProject(env, [{ name: "Code.js", code }]);
    for (const name of names) expect(project.has(name)).toBe(true);
  });

  it("needs no Node globals: it runs in a context holding only Apps Script's services", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context)).not.toThrow();
    expect(typeof (context as Record<string, unknown>).onOpen).toBe("function");
  });

  it("keeps to ES2019 syntax, which old Apps Script V8 builds accept", () => {
    // esbuild lowers newer syntax for target es2019; these are the constructs it would otherwise leave.
    expect(code).not.toMatch(/[\w)\]]\?\.[A-Za-z_$[(]/); // optional chaining (ES2020)
    expect(code).not.toMatch(/\?\?=|\|\|=|&&=/); // logical assignment (ES2021)
    expect(code).not.toMatch(/[^"'`\w]#[A-Za-z_]\w*\s*[=;(]/); // private class members (ES2022)
  });

  it("onOpen in AuthMode.NONE builds the menu touching no service that needs authorization", () => {
    const env = createGasEnvironment({ user: "boss@acme-tools.cn" });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", "boss@acme-tools.cn");
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, [{ name: "Code.js", code }]);
    env.ctx.meter.reset();
    env.ctx.authMode = "NONE";
    project.run("onOpen", [{ authMode: "NONE", source: book }]);
    const types = env.ctx.meter.summary().map((r) => r.type);
    expect(types.every((t) => ["Spreadsheet.ui", "Session.read", "Spreadsheet.local"].includes(t))).toBe(true);
    const menus = env.SpreadsheetApp.uiLog.menus;
    expect(menus.length).toBe(1);
    const handlers = menus[0].entries.flatMap((e) => (e.type === "item" ? [e.functionName] : []));
    // Who opens the book cannot be known in this mode: the minimal menu (R1: menus follow the role).
    expect(handlers).toEqual(["menuOpenSidebar", "menuSetup"]);
    // Every menu item calls a function that exists at top level.
    for (const h of handlers) expect(names).toContain(h);
  });
});
