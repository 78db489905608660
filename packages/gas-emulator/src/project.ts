import vm from "node:vm";
import type { GasEnvironment } from "./environment";

export interface LoadedProject {
  context: vm.Context;
  /** Calls a top-level function of the project as Apps Script would (one execution, as `user` if given). */
  run<T = unknown>(name: string, args?: unknown[], options?: { as?: string; trigger?: boolean }): T;
  has(name: string): boolean;
}

/**
 * Loads an Apps Script project's source (e.g. a built dist/Code.js) into a fresh vm context whose globals are
 * the emulator's services, like the Apps Script runtime does: only top-level function declarations are
 * callable from menus, triggers and google.script.run.
 */
export function loadProject(env: GasEnvironment, sources: { name: string; code: string }[]): LoadedProject {
  const context = vm.createContext({ ...env.globals() });
  for (const s of sources) vm.runInContext(s.code, context, { filename: s.name });
  let executions = 0;
  const call = (name: string, args: unknown[]) => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== "function") throw new Error(`Script function not found: ${name}`);
    return fn(...args);
  };
  const project: LoadedProject = {
    context,
    has: (name) => typeof (context as Record<string, unknown>)[name] === "function",
    run<T>(name: string, args: unknown[] = [], options: { as?: string; trigger?: boolean } = {}) {
      executions += 1;
      const execution = `exec-${executions}`;
      env.LockService.beginExecution(execution);
      try {
        if (options.as === undefined) return call(name, args) as T;
        return env.ctx.runAs(options.as, () => call(name, args)) as T;
      } finally {
        env.LockService.endExecution(execution);
      }
    },
  };
  env.setInvoker((handler, event) => call(handler, [event]));
  return project;
}
