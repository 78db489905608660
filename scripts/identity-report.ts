/**
 * Buyer identity figures (R21, R22): how much of the identity corpus gets its facts, how long matching a run's
 * senders takes, and the bytes the identity modules add to the bundle. `npx tsx scripts/identity-report.ts`.
 * Figures, not assertions: the tests hold the thresholds; CPU time depends on the machine and its load.
 */
import { loadavg } from "node:os";
import * as esbuild from "esbuild";
import { MEASURED_RUNS, measureMatching } from "../bench/match-workload";
import { evaluateCorpus } from "../test/fixtures/identity/evaluate";

const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : "0"} %)`;

const f = evaluateCorpus();
console.log(`Identity corpus: ${f.mails} mails`);
console.log(
  `  company-domain senders with company and country: ${pct(f.companyMail.companyAndCountry, f.companyMail.total)}`,
);
console.log(`  senders with a phone (country code written) given a country: ${pct(f.phone.country, f.phone.total)}`);
console.log(`  mails whose catalogue products were found: ${pct(f.products.matched, f.products.total)}`);
console.log(`  mails with a fact contradicting the mail: ${f.wrong}`);
for (const r of f.results) if (r.wrong.length) console.log(`    ${r.c.name}: ${r.wrong.join("; ")}`);

const BUYERS = 20_000;
const SENDERS = 500;
const load = loadavg()[0];
const matching = measureMatching(BUYERS, SENDERS);
console.log(
  `Matching ${SENDERS} senders against ${BUYERS} buyers as an intake run does, index build and every look-up ` +
    `included: ${matching.cpuMs} ms Node CPU (best of ${MEASURED_RUNS} once the JIT settled, median ${matching.medianCpuMs}; load average ${load.toFixed(1)}) ${JSON.stringify(matching.kinds)}`,
);

/** Minified bytes of a bundle of these modules (what they add to dist/Code.js, minified). */
async function bytes(entries: string[]): Promise<number> {
  const contents = entries.map((e, i) => `export * as m${i} from "./${e}";`).join("\n");
  const out = await esbuild.build({
    stdin: { contents, resolveDir: "src/domain", loader: "ts" },
    bundle: true,
    minify: true,
    write: false,
    format: "iife",
    target: "es2019",
    platform: "neutral",
    mainFields: ["module", "main"],
    charset: "utf8",
    logLevel: "silent",
  });
  return out.outputFiles[0].contents.length;
}
const before = await bytes(["matching", "text", "platforms", "regions"]);
const after = await bytes([
  "matching",
  "text",
  "platforms",
  "regions",
  "enrich",
  "fax",
  "conversation",
  "contact",
  "products",
]);
console.log(
  `Bundle (minified, UTF-8): matching+text+platforms+regions ${before} B; with the identity modules ${after} B; ` +
    `added ${after - before} B`,
);
