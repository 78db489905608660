/**
 * The only functions Apps Script sees. ENTRY_POINTS is the ONE list: the build appends a plain top-level
 * `function name(...args)` for each key (menus, triggers and google.script.run can only call those). The
 * everyday ones run here (src/resident.ts); the others load the on-demand program (src/program-points.ts).
 */

import { loadProgram } from "./gas/program";
import { PROGRAM_POINT_NAMES, type ProgramPointName } from "./program-points";
import { RESIDENT_POINTS } from "./resident";

type Point = (...args: never[]) => unknown;

/** Calls the program's entry point; named like it, so stack traces in Apps Script's logs read the same. */
function fromProgram(name: ProgramPointName): Point {
  const point = (...args: never[]) => loadProgram().PROGRAM_POINTS[name](...args);
  return Object.defineProperty(point, "name", { value: name });
}

const delegated = {} as Record<Exclude<ProgramPointName, keyof typeof RESIDENT_POINTS>, Point>;
for (const name of PROGRAM_POINT_NAMES) {
  if (name !== "rpc") delegated[name] = fromProgram(name);
}

export const ENTRY_POINTS = { ...delegated, ...RESIDENT_POINTS };
