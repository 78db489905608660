/**
 * `npm run bench`: every scenario in bench/*.ts — service calls (every call: metadata and accessors too),
 * modeled Apps Script seconds (the emulator's cost table, plus loading the bundle per execution), the lower
 * bound of round trips and the ratio to it, Node CPU and memory. Figures, not pass/fail: targets are printed
 * beside the measured values. `npm run bench -- --json` also writes bench/results.json; other arguments pick
 * scenarios by name or file.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchRow, Scenario, Suite } from "./scenario";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes("--json");
const only = args.filter((a) => a !== "--json");
const SKIP = ["run.ts", "scenario.ts", "readme.ts"];

function printRow(row: BenchRow): void {
  console.log(
    `   ${row.size ? `[${row.size}] ` : ""}${row.rpcs} RPC · Sheets calls ${row.sheetsCalls} · Gmail calls ${row.gmailCalls} · round trips ${row.roundTrips ?? "?"} / bound ${row.lowerBoundCalls} = ${row.ratio} · modeled ${row.modeledSeconds} s${row.over6Minutes ? " (OVER 6 MINUTES)" : ""} · CPU ${row.cpuMs} ms · RSS ${row.rssMb} MB${row.extrapolated ? " · extrapolated" : ""}`,
  );
  if (row.bound) console.log(`     bound: ${row.bound}`);
  if (row.result) console.log(`     result: ${row.result}`);
}

function runScenario(s: Scenario, run: Awaited<ReturnType<Scenario["run"]>>, cpu: number): BenchRow {
  const meter = run.env.ctx.meter;
  meter.settle();
  const counted = s.boundCounts ? s.boundCounts.reduce((n, type) => n + meter.callsOf(type), 0) : meter.totalCalls;
  const modeled = meter.modeledMs() / 1000;
  const ratio = counted / s.lowerBound;
  console.log(`\n== ${s.name}`);
  console.log(
    `   service calls ${meter.totalCalls}; counted toward the bound (${s.boundCounts?.join(", ") ?? "all"}) ${counted}; lower bound ${s.lowerBound} (${s.lowerBoundWhy}); ratio ${ratio.toFixed(2)}`,
  );
  console.log(`   modeled Apps Script time ${modeled.toFixed(2)} s; Node CPU ${Math.round(run.cpuMs ?? cpu)} ms`);
  for (const r of meter.summary())
    console.log(
      `     ${r.type.padEnd(24)} calls ${String(r.calls).padStart(6)}  units ${String(r.units).padStart(9)}  ${(r.modeledMs / 1000).toFixed(2).padStart(8)} s`,
    );
  if (run.extra) for (const [k, v] of Object.entries(run.extra)) console.log(`   ${k}: ${v}`);
  const t = s.targets;
  if (t) {
    const checks: string[] = [];
    if (t.maxModeledSeconds !== undefined)
      checks.push(`modeled ≤ ${t.maxModeledSeconds} s: ${modeled <= t.maxModeledSeconds ? "met" : "MISSED"}`);
    if (t.maxRatio !== undefined) checks.push(`ratio ≤ ${t.maxRatio}: ${ratio <= t.maxRatio ? "met" : "MISSED"}`);
    for (const [prefix, max] of Object.entries(t.maxCalls ?? {})) {
      const n = meter.callsOf(prefix);
      checks.push(`${prefix} calls ${n} ≤ ${max}: ${n <= max ? "met" : "MISSED"}`);
    }
    console.log(`   targets: ${checks.join("; ")}`);
  }
  return {
    scenario: s.name,
    size: "",
    rpcs: typeof run.extra?.rpcs === "number" ? run.extra.rpcs : 1,
    sheetsCalls: meter.callsOf("Spreadsheet"),
    gmailCalls: meter.callsOf("Gmail"),
    modeledSeconds: Number(modeled.toFixed(2)),
    lowerBoundCalls: s.lowerBound,
    ratio: Number(ratio.toFixed(2)),
    cpuMs: Math.round(run.cpuMs ?? cpu),
    rssMb: Math.round(process.memoryUsage().rss / 1_048_576),
    roundTrips: counted,
    bound: s.lowerBoundWhy,
  };
}

async function main(): Promise<void> {
  const files = readdirSync(here).filter((f) => f.endsWith(".ts") && !SKIP.includes(f));
  const results: BenchRow[] = [];
  const picked = (name: string, file: string) =>
    only.length === 0 || only.some((o) => name.includes(o) || file.includes(o));
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as {
      scenarios?: Scenario[];
      suites?: Suite[];
    };
    for (const s of mod.scenarios ?? []) {
      if (!picked(s.name, file)) continue;
      const start = process.cpuUsage();
      const run = await s.run();
      const used = process.cpuUsage(start);
      results.push(runScenario(s, run, (used.user + used.system) / 1000));
    }
    for (const suite of mod.suites ?? []) {
      if (!picked(suite.name, file)) continue;
      console.log(`\n== ${suite.name}`);
      const rows = await suite.run();
      for (const row of rows) {
        console.log(`-- ${row.scenario}`);
        printRow(row);
      }
      results.push(...rows);
    }
  }
  if (json) {
    const out = path.join(here, "results.json");
    writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
    // Formatted as Biome wants it, so a committed results file passes the lint.
    execFileSync(
      process.execPath,
      [path.join(here, "..", "node_modules", "@biomejs", "biome", "bin", "biome"), "format", "--write", out],
      {
        stdio: "ignore",
      },
    );
    console.log(`\nwrote ${path.relative(process.cwd(), out)} (${results.length} rows)`);
  } else console.log(`\n${JSON.stringify(results)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
