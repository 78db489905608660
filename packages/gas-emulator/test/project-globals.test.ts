import { describe, expect, it } from "vitest";
import { createGasEnvironment, loadProject } from "../src/index";

/**
 * Apps Script runs each execution on a freshly loaded project: a global a script changed in one execution (a
 * module-level cache, a flag) is back to its initial value in the next — a menu click, a trigger, a
 * google.script.run call. Code that leans on a global surviving between executions works only in an emulator
 * that keeps one context alive, never on Google's servers.
 */
const CODE = `
var runs = 0;
var seen = [];
function bump() { runs += 1; return runs; }
function remember(x) { seen.push(x); return seen.length; }
function inner() { return bump(); }
function outer() { bump(); return inner(); }
function onTick(e) { return bump(); }
`;

describe("project globals per execution", () => {
  it("each run starts from the project's initial globals", () => {
    const env = createGasEnvironment({ now: "2026-11-23T02:00:00Z", user: "a@example.com" });
    const project = loadProject(env, [{ name: "Code.js", code: CODE }]);
    expect(project.run("bump")).toBe(1);
    expect(project.run("bump")).toBe(1);
    expect(project.run("remember", ["x"])).toBe(1);
    expect(project.run("remember", ["y"])).toBe(1);
  });

  it("within one execution the globals are shared by the functions it calls", () => {
    const env = createGasEnvironment({ now: "2026-11-23T02:00:00Z", user: "a@example.com" });
    const project = loadProject(env, [{ name: "Code.js", code: CODE }]);
    expect(project.run("outer")).toBe(2);
    expect(project.has("outer")).toBe(true);
    expect(project.has("nothing")).toBe(false);
  });

  it("a trigger fire is an execution of its own too", () => {
    const env = createGasEnvironment({ now: "2026-11-23T02:00:00Z", user: "a@example.com" });
    const project = loadProject(env, [{ name: "Code.js", code: CODE }]);
    project.run("bump");
    env.ctx.runAs("a@example.com", () => env.ScriptApp.newTrigger("onTick").timeBased().everyHours(1).create());
    const fires = env.scheduler.runUntil("2026-11-23T04:30:00Z");
    expect(fires.length).toBeGreaterThan(0);
    expect(fires.map((f) => f.result)).toEqual(fires.map(() => 1));
  });
});
