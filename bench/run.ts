/**
 * `npm run bench`: every scenario in bench/*.ts, with service calls by type, modeled Apps Script seconds
 * (the emulator's cost table), the lower bound of calls and the ratio to it, and Node CPU time.
 * Figures, not pass/fail: the machines are noisy, so targets are printed beside the measured values.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Scenario } from "./scenario";

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

async function main(): Promise<void> {
  const files = readdirSync(here).filter((f) => f.endsWith(".ts") && !["run.ts", "scenario.ts"].includes(f));
  const results: Record<string, unknown>[] = [];
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { scenarios?: Scenario[] };
    for (const s of mod.scenarios ?? []) {
      if (only.length > 0 && !only.some((o) => s.name.includes(o) || file.includes(o))) continue;
      const start = process.cpuUsage();
      const run = await s.run();
      const used = process.cpuUsage(start);
      const meter = run.env.ctx.meter;
      const counted = s.boundCounts ? s.boundCounts.reduce((n, type) => n + meter.callsOf(type), 0) : meter.totalCalls;
      const modeled = meter.modeledMs() / 1000;
      const ratio = counted / s.lowerBound;
      const row = {
        scenario: s.name,
        calls: meter.totalCalls,
        counted,
        lowerBound: s.lowerBound,
        ratio: Number(ratio.toFixed(2)),
        modeledSeconds: Number(modeled.toFixed(2)),
        nodeCpuMs: Math.round(run.cpuMs ?? (used.user + used.system) / 1000),
        ...run.extra,
      };
      results.push(row);
      console.log(`\n== ${s.name}`);
      console.log(
        `   service calls ${meter.totalCalls}; counted toward the bound (${s.boundCounts?.join(", ") ?? "all"}) ${counted}; lower bound ${s.lowerBound} (${s.lowerBoundWhy}); ratio ${ratio.toFixed(2)}`,
      );
      console.log(`   modeled Apps Script time ${modeled.toFixed(2)} s; Node CPU ${row.nodeCpuMs} ms`);
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
    }
  }
  console.log(`\n${JSON.stringify(results)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
