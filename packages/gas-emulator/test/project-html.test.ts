import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGasEnvironment, loadProject, projectSources } from "../src/index";

/**
 * A project's HTML files are served by HtmlService and never run when an execution starts: only .gs files are
 * loaded. A script may read such a file's text (createHtmlOutputFromFile(name).getContent()) — to inline it in
 * a template, or to evaluate code kept out of the .gs files so that every execution does not parse it.
 */
const CODE = `
var loaded = 0;
function lib() {
  loaded += 1;
  return new Function(HtmlService.createHtmlOutputFromFile("Lib").getContent() + "\\nreturn Lib;")();
}
function twice() { return lib().double(21) + lib().double(0) + loaded; }
function identity() {
  var f = Function("return 1");
  return f instanceof Function && Object.getPrototypeOf(f) === Function.prototype && f() === 1 && (function () {}) instanceof Function;
}
function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile("Page")); return 1; }
`;
const LIB = `var Lib = { double: function (x) { return 2 * x; } };\n${"// padding\n".repeat(200)}`;

describe("project HTML files", () => {
  it("are not run at load; a script can read one and evaluate it, paying the modeled load of the code it evaluates", () => {
    const env = createGasEnvironment({ now: "2026-11-23T02:00:00Z", user: "a@example.com" });
    const project = loadProject(env, [
      { name: "Code.js", code: CODE },
      { name: "Lib.html", code: LIB },
    ]);
    // Lib is not a global of the project: the HTML file was not loaded as code.
    expect(project.has("double")).toBe(false);
    expect(env.projectBytes).toBe(Buffer.byteLength(CODE, "utf8"));
    env.ctx.meter.reset();
    expect(project.run("twice")).toBe(44);
    const load = env.ctx.meter.summary().find((r) => r.type === "Script.load");
    expect(load?.calls).toBe(2);
    const evaluated = Buffer.byteLength(`${LIB}\nreturn Lib;`, "utf8");
    expect(load?.units).toBeCloseTo((2 * evaluated) / 1024, 3);
    // The wrapped constructor is still Function: same prototype, instanceof holds, calls work without new.
    expect(project.run("identity")).toBe(true);
    expect(env.loadCost(Buffer.byteLength(LIB, "utf8"))).toBeGreaterThan(0);
  });

  it("showing a file as a sidebar evaluates nothing (no load priced)", () => {
    const env = createGasEnvironment({ now: "2026-11-23T02:00:00Z", user: "a@example.com" });
    const book = env.SpreadsheetApp.createForTest("Book", "a@example.com");
    env.SpreadsheetApp.setActive(book);
    const project = loadProject(env, [
      { name: "Code.js", code: CODE },
      { name: "Page.html", code: "<p>hi</p>" },
    ]);
    env.ctx.meter.reset();
    expect(project.run("sidebar")).toBe(1);
    expect(env.ctx.meter.callsOf("Script.load")).toBe(0);
  });

  it("projectSources reads a built folder as clasp pushes it: code and HTML, the manifest only when asked", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "project-"));
    writeFileSync(path.join(dir, "Code.js"), CODE);
    writeFileSync(path.join(dir, "Lib.html"), LIB);
    writeFileSync(path.join(dir, "appsscript.json"), JSON.stringify({ oauthScopes: [] }));
    writeFileSync(path.join(dir, "notes.txt"), "not pushed");
    expect(projectSources(dir).map((s) => s.name)).toEqual(["Code.js", "Lib.html"]);
    expect(projectSources(dir, { manifest: true }).map((s) => s.name)).toEqual([
      "Code.js",
      "Lib.html",
      "appsscript.json",
    ]);
  });
});
