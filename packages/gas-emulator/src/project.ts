import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import type { ExecutionKind } from "./core/execution";
import type { GasEnvironment } from "./environment";

export interface RunOptions {
  /** Run as this user (active and effective), like that person clicking a menu item. */
  as?: string;
  /**
   * What kind of execution this is (default "interactive"): "simple" runs the function as a simple trigger
   * (onOpen, onEdit: 30 s, AuthMode.LIMITED, the active user per Session's rules), "trigger" as an
   * installable trigger of `as`, "customFunction" as a custom function (30 s).
   */
  kind?: ExecutionKind;
}

export interface LoadedProject {
  context: vm.Context;
  /** Calls a top-level function of the project as Apps Script would: one execution (see env.execute). */
  run<T = unknown>(name: string, args?: unknown[], options?: RunOptions): T;
  has(name: string): boolean;
  /** appsscript.json, when one of the sources was the manifest. */
  manifest?: { oauthScopes?: string[]; [key: string]: unknown };
}

/**
 * Loads an Apps Script project's source (e.g. a built dist/Code.js) into vm contexts whose globals are the
 * emulator's services, like the Apps Script runtime does: only top-level function declarations are callable
 * from menus, triggers and google.script.run, and every execution starts from fresh globals. A source named appsscript.json is the manifest, not
 * code: its `oauthScopes` become the granted scopes (a scope it lacks makes the methods that need it throw).
 * A source named *.html is a project HTML file (HtmlService.createHtmlOutputFromFile reads it; it is not code
 * loaded at the start of an execution). Every execution pays the modeled load time of the project's code
 * (env.loadCost).
 */
export function loadProject(env: GasEnvironment, sources: { name: string; code: string }[]): LoadedProject {
  let manifest: LoadedProject["manifest"];
  let bytes = 0;
  const scripts: vm.Script[] = [];
  for (const s of sources) {
    if (s.name.endsWith("appsscript.json")) {
      manifest = JSON.parse(s.code) as LoadedProject["manifest"];
      continue;
    }
    if (s.name.endsWith(".html")) {
      // A project HTML file: served by HtmlService, never run as code at load.
      env.HtmlService.addFile(s.name.replace(/^.*\//, ""), s.code);
      continue;
    }
    bytes += Buffer.byteLength(s.code, "utf8");
    scripts.push(new vm.Script(s.code, { filename: s.name }));
  }
  /**
   * Apps Script loads the project afresh for every execution: a value a script keeps in a global (a cache, a
   * flag set by an earlier run) is gone at the next menu click, trigger or google.script.run call. Each
   * execution gets a fresh context with the project's top level run again (compiled once).
   */
  const fresh = (): vm.Context => {
    const context = vm.createContext({ ...env.globals() });
    for (const script of scripts) script.runInContext(context);
    return context;
  };
  const context = fresh();
  if (manifest?.oauthScopes) env.ctx.scopes = new Set(manifest.oauthScopes);
  env.projectBytes = bytes;
  // Nested calls (a function the running one calls through the invoker) share the running execution's globals.
  let current: vm.Context | undefined;
  const call = (name: string, args: unknown[]) => {
    const outer = current;
    const ctx = outer ?? fresh();
    const fn = (ctx as Record<string, unknown>)[name];
    if (typeof fn !== "function") throw new Error(`Script function not found: ${name}`);
    current = ctx;
    try {
      return fn(...args);
    } finally {
      current = outer;
    }
  };
  const project: LoadedProject = {
    context,
    manifest,
    has: (name) => typeof (context as Record<string, unknown>)[name] === "function",
    run<T>(name: string, args: unknown[] = [], options: RunOptions = {}) {
      return env.execute(() => call(name, args) as T, { kind: options.kind, user: options.as, name });
    },
  };
  env.setInvoker((handler, event) => call(handler, [event]));
  return project;
}

/**
 * A built project's files as loadProject takes them, as clasp would push the folder: every .js/.gs file (code,
 * in name order like the editor's file order) and every .html file; the manifest only when asked for (its
 * oauthScopes become the granted scopes).
 */
export function projectSources(dir: string, options: { manifest?: boolean } = {}): { name: string; code: string }[] {
  const names = readdirSync(dir)
    .filter((n) => /\.(js|gs|html)$/.test(n) || (options.manifest === true && n === "appsscript.json"))
    .sort();
  return names.map((name) => ({ name, code: readFileSync(path.join(dir, name), "utf8") }));
}
