/** Measuring one scenario on a lived-in book: every call counted, modeled time, CPU, memory, the bound. */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GasEnvironment } from "@buyerbook/gas-emulator";
// @ts-expect-error the build script is plain ESM JavaScript
import { unpackProgram } from "../../scripts/build.mjs";
import type { BenchRow } from "../scenario";
import { type Bound, ROUND_TRIP_TYPES } from "./bounds";

const here = path.dirname(fileURLToPath(import.meta.url));
const BUNDLE = path.join(here, "..", "..", "dist", "Code.js");
const PROGRAM = path.join(here, "..", "..", "dist", "Program.html");
/** Apps Script's limit for one execution. */
export const SIX_MINUTES = 360;

const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
/** The program's code as the execution evaluates it (the file holds it packed: scripts/build.mjs). */
const programSize = () =>
  existsSync(PROGRAM) ? Buffer.byteLength(unpackProgram(readFileSync(PROGRAM, "utf8")) as string, "utf8") : 0;

/**
 * The code an execution loads: every execution (every RPC, every trigger run) parses Code.js; the jobs, menus and
 * rare RPCs also read and evaluate the on-demand program (dist/Program.html).
 */
export function bundleBytes(program = false): number {
  return size(BUNDLE) + (program ? programSize() : 0);
}

export interface MeasureOptions {
  name: string;
  size: string;
  /** Executions the scenario is made of (an action and the sidebar's re-read are two). */
  rpcs: number;
  /** The lower bound, or how to work it out from what the scenario did (rows moved, mail read). */
  bound: Bound | ((value: unknown) => Bound);
  /** Round-trip types compared with the bound (default: all data round trips). */
  counted?: string[];
  /** Whether the executions run in the on-demand program (jobs, menus) rather than Code.js alone. */
  program?: boolean;
}

export function measure(env: GasEnvironment, options: MeasureOptions, fn: () => unknown): BenchRow {
  const meter = env.ctx.meter;
  meter.reset();
  const start = process.cpuUsage();
  const value = fn();
  meter.settle();
  const used = process.cpuUsage(start);
  const counted = options.counted ?? ROUND_TRIP_TYPES;
  const roundTrips = counted.reduce((n, t) => n + meter.callsOf(t), 0);
  const bound = typeof options.bound === "function" ? options.bound(value) : options.bound;
  const loadSeconds = (options.rpcs * env.loadCost(bundleBytes(options.program))) / 1000;
  const modeled = meter.modeledMs() / 1000 + loadSeconds;
  return {
    scenario: options.name,
    size: options.size,
    rpcs: options.rpcs,
    sheetsCalls: meter.callsOf("Spreadsheet"),
    gmailCalls: meter.callsOf("Gmail"),
    modeledSeconds: Number(modeled.toFixed(2)),
    lowerBoundCalls: bound.calls,
    ratio: Number((roundTrips / bound.calls).toFixed(2)),
    cpuMs: Math.round((used.user + used.system) / 1000),
    rssMb: Math.round(process.memoryUsage().rss / 1_048_576),
    roundTrips,
    otherCalls: meter.totalCalls - meter.callsOf("Spreadsheet") - meter.callsOf("Gmail"),
    over6Minutes: modeled > SIX_MINUTES,
    bound: bound.why,
    result: summarize(value),
  };
}

/** A short text of what the scenario returned (counts), for the printed log. */
function summarize(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value ?? "");
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "number" || typeof v === "boolean") out.push(`${k}=${v}`);
    else if (Array.isArray(v)) out.push(`${k}=${v.length}`);
    else if (v && typeof v === "object")
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>))
        if (typeof v2 === "number") out.push(`${k}.${k2}=${v2}`);
  }
  return out.slice(0, 10).join(" ");
}
