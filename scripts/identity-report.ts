/**
 * Buyer identity figures (R21, R22): how much of the identity corpus gets its facts, how long matching a run's
 * senders takes, and the bytes the identity modules add to the bundle. `npx tsx scripts/identity-report.ts`.
 * Figures, not assertions: the tests hold the thresholds; CPU time depends on the machine and its load.
 */
import { loadavg } from "node:os";
import * as esbuild from "esbuild";
import { buyersBook, runSenders } from "../bench/match-workload";
import { buildBuyerIndex, matchSender } from "../src/domain/matching";
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
const buyers = buyersBook(BUYERS);
const senders = runSenders(SENDERS, BUYERS);
const run = () => {
  const index = buildBuyerIndex(buyers);
  const kinds: Record<string, number> = {};
  for (const s of senders) {
    const kind = matchSender(index, s).kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
};
run(); // warm the JIT, as a long run would be
let best = Number.POSITIVE_INFINITY;
let kinds: Record<string, number> = {};
for (let i = 0; i < 5; i++) {
  const start = process.cpuUsage();
  kinds = run();
  const used = process.cpuUsage(start);
  best = Math.min(best, (used.user + used.system) / 1000);
}
console.log(
  `Matching ${SENDERS} senders against ${BUYERS} buyers, index build and every look-up included: ` +
    `${best.toFixed(1)} ms Node CPU (best of 5; load average ${loadavg()[0].toFixed(1)}) ${JSON.stringify(kinds)}`,
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
