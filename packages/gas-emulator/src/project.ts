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
  manifest?: {
    oauthScopes?: string[];
    dependencies?: { enabledAdvancedServices?: { userSymbol?: string }[] };
    [key: string]: unknown;
  };
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
  if (manifest) {
    // An advanced service is a global only when the manifest enables it (under the name it gives).
    const enabled = manifest.dependencies?.enabledAdvancedServices ?? [];
    env.advancedServices = new Set(enabled.map((s) => String(s.userSymbol ?? "")));
  }
  const fresh = (): vm.Context => {
    const context = vm.createContext({ ...env.globals() });
    priceEvaluatedCode(env, context);
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

/**
 * Code a script evaluates itself (`new Function(source)`, e.g. code kept in a project HTML file so that not every
 * execution parses it) costs what loading that much project code costs: the context's Function constructor is
 * wrapped to price its source ("Script.load", by KB) and is otherwise the same function (same prototype, same
 * instanceof). Apps Script compiles such code again in every execution; the emulator compiles each distinct
 * source once and runs it in each execution's context (the price is paid every time). A direct `eval` is not
 * priced.
 */
function priceEvaluatedCode(env: GasEnvironment, context: vm.Context): void {
  const original = vm.runInContext("Function", context) as FunctionConstructor;
  const make = (args: unknown[]): unknown => {
    const texts = args.map(String);
    const body = texts.length > 0 ? texts[texts.length - 1] : "";
    env.ctx.call("Script.load", "new Function", Buffer.byteLength(body, "utf8") / 1024);
    const source = `(function anonymous(${texts.slice(0, -1).join(",")}\n) {\n${body}\n})`;
    let script = COMPILED.get(source);
    if (!script) {
      script = new vm.Script(source, { filename: "anonymous" });
      COMPILED.set(source, script);
    }
    return script.runInContext(context);
  };
  (context as Record<string, unknown>).Function = new Proxy(original, {
    construct: (_target, args) => make(args) as object,
    apply: (_target, _self, args) => make(args),
  });
}

/** Code evaluated with new Function, compiled once per distinct source (see priceEvaluatedCode). */
const COMPILED = new Map<string, vm.Script>();
