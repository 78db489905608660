import { readFileSync } from "node:fs";
import vm from "node:vm";
import { createGasEnvironment, loadProject } from "@buyerbook/gas-emulator";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import * as buildScript from "../../scripts/build.mjs";
import { PROGRAM_FILE, PROGRAM_GLOBAL } from "../../src/gas/program";
import { PROGRAM_POINT_NAMES } from "../../src/program-points";
import { builtProject } from "../support/built";

const { BUDGET_BYTES, build, bundleAddon, bundleProblems, LIMIT_BYTES, PROGRAM, PROGRAM_LIMIT_BYTES, unpackProgram } =
  buildScript;

interface Part {
  name: string;
  bytes: number;
  ours: boolean;
}

/** The built dist/Code.js, loaded the way Apps Script loads it: one global scope, only the emulator's globals. */
describe("the built bundle (dist/Code.js)", () => {
  let code: string;
  let names: string[];
  let bytes: number;
  let parts: Part[];
  let programBytes: number;
  let program: string;
  let packed: string;
  beforeAll(async () => {
    ({ names, bytes, parts, programBytes } = (await build({ quiet: true })) as {
      names: string[];
      bytes: number;
      parts: Part[];
      programBytes: number;
    });
    code = readFileSync("dist/Code.js", "utf8");
    packed = readFileSync(`dist/${PROGRAM.file}`, "utf8");
    program = unpackProgram(packed);
  }, 120_000);

  it("C6: exposes every ENTRY_POINTS key as a plain top-level function declaration", () => {
    expect(names).toEqual(
      expect.arrayContaining(["onOpen", "onInstall", "heartbeat", "rpc", "menuSetup", "menuPullNow"]),
    );
    for (const name of names) expect(code).toMatch(new RegExp(`^function ${name}\\(\\.\\.\\.args\\) \\{$`, "m"));
    const env = createGasEnvironment({ user: "boss@acme-tools.cn" });
    const project = loadProject(env, builtProject(code));
    for (const name of names) expect(project.has(name)).toBe(true);
  });

  it("needs no Node globals: it runs in a context holding only Apps Script's services", () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context)).not.toThrow();
    expect(typeof (context as Record<string, unknown>).onOpen).toBe("function");
  });

  it("keeps to ES2019 syntax, which old Apps Script V8 builds accept (Code.js and the on-demand program)", () => {
    // esbuild lowers newer syntax for target es2019; these are the constructs it would otherwise leave.
    for (const text of [code, program]) {
      expect(text).not.toMatch(/[\w)\]]\?\.[A-Za-z_$[(]/); // optional chaining (ES2020)
      expect(text).not.toMatch(/\?\?=|\|\|=|&&=/); // logical assignment (ES2021)
      expect(text).not.toMatch(/[^"'`\w]#[A-Za-z_]\w*\s*[=;(]/); // private class members (ES2022)
    }
  });

  it("the program file holds nothing HtmlService's HTML processing could alter: gzip in base64url", () => {
    expect(packed).toMatch(/^[A-Za-z0-9_=-]+$/);
    expect(packed.length).toBeLessThan(program.length);
    expect(program.slice(0, 40)).toMatch(/^("use strict";)?var BuyerbookProgram=/);
  });

  it("the on-demand program answers every name Code.js hands to it, under the names the loader uses", () => {
    expect(PROGRAM.file).toBe(`${PROGRAM_FILE}.html`);
    expect(PROGRAM.global).toBe(PROGRAM_GLOBAL);
    const context = vm.createContext({});
    vm.runInContext(program, context);
    const loaded = (context as Record<string, { PROGRAM_POINTS?: Record<string, unknown> }>)[PROGRAM_GLOBAL];
    expect(Object.keys(loaded.PROGRAM_POINTS ?? {}).sort()).toEqual([...PROGRAM_POINT_NAMES].sort());
    // Every name Code.js exposes is either its own or the program's.
    for (const name of PROGRAM_POINT_NAMES) expect(names).toContain(name);
  });

  it("a sidebar click and an open parse Code.js alone; a job reads and evaluates the program once", () => {
    const boss = "boss@acme-tools.cn";
    const env = createGasEnvironment({ user: boss });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", boss);
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
    env.ctx.meter.reset();
    const setup = JSON.parse(project.run<string>("menuSetup", [], { as: boss })) as { created: string[] };
    expect(setup.created.length).toBeGreaterThan(5);
    expect(env.ctx.meter.callsOf("Script.load")).toBe(1);
    env.ctx.meter.reset();
    const desk = JSON.parse(project.run<string>("rpc", ["bootstrap", "{}"], { as: boss })) as { ok: boolean };
    expect(desk.ok).toBe(true);
    project.run("onOpen", [{ authMode: "FULL", source: book }], { as: boss, kind: "simple" });
    expect(env.ctx.meter.callsOf("Script.load")).toBe(0);
    // A rare RPC goes to the program through the same rpc function, checked there the same way.
    env.ctx.meter.reset();
    const team = JSON.parse(project.run<string>("rpc", ["mergeBuyers", "{}"], { as: boss })) as { ok: boolean };
    expect(team.ok).toBe(false);
    expect(env.ctx.meter.callsOf("Script.load")).toBe(1);
  });

  it("onOpen in AuthMode.NONE builds the menu touching no service that needs authorization", () => {
    const env = createGasEnvironment({ user: "boss@acme-tools.cn" });
    const book = env.SpreadsheetApp.createForTest("Buyerbook", "boss@acme-tools.cn");
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, builtProject(code));
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

  it("is minified, yet every function keeps its name (V8 prints it in the stack traces Apps Script logs)", () => {
    // Identifiers are renamed (no declaration keeps its source name), and keepNames gives the name back.
    expect(code).not.toMatch(/function activeBook\(/);
    expect(code).toMatch(/"activeBook"/);
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const entry = (context as { Buyerbook: { ENTRY_POINTS: Record<string, (...a: unknown[]) => unknown> } }).Buyerbook
      .ENTRY_POINTS;
    for (const name of names) expect(entry[name].name).toBe(name);
    // Without Apps Script's services the RPC fails where it first reaches for the book: the trace says where.
    expect(() => entry.rpc("desk", "{}")).toThrow(
      expect.objectContaining({ stack: expect.stringMatching(/at activeBook [^\n]*\n\s+at (Object\.)?rpc /) }),
    );
  });

  it("C6: weighs what the build reports, stays within its 300 KB budget, and ships zod only as zod/mini", () => {
    expect(bytes).toBe(Buffer.byteLength(code, "utf8"));
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(LIMIT_BYTES).toBe(BUDGET_BYTES);
    expect(programBytes).toBe(Buffer.byteLength(program, "utf8"));
    expect(programBytes).toBeLessThanOrEqual(PROGRAM_LIMIT_BYTES);
    const zod = parts.find((p) => p.name === "zod");
    expect(zod?.bytes).toBeLessThan(60 * 1024);
    expect(parts.filter((p) => p.ours).reduce((n, p) => n + p.bytes, 0)).toBeGreaterThan(zod?.bytes ?? 0);
  });

  it("C6: the build refuses a bundle over the limit, and one carrying zod classic (naming who imports it)", async () => {
    const { bundle, metafile } = await bundleAddon("test/bundle/fixtures/classic-zod.ts");
    const size = Buffer.byteLength(bundle, "utf8");
    expect(bundleProblems(metafile, size, Number.POSITIVE_INFINITY)).toEqual([
      expect.stringMatching(/zod classic .* imported by test\/bundle\/fixtures\/classic-zod\.ts/),
    ]);
    expect(bundleProblems(metafile, size, size - 1)).toEqual([
      expect.stringMatching(/over the .* limit/),
      expect.stringMatching(/zod classic/),
    ]);
    const ours = await bundleAddon();
    expect(bundleProblems(ours.metafile, Buffer.byteLength(ours.bundle, "utf8"))).toEqual([]);
  });
});
