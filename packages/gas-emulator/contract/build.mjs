// Bundles the portable contract suites into one Apps Script file: dist-contract/Contract.js (an IIFE plus
// plain top-level functions runContracts and listContractSuites, which is all Apps Script can call) and
// dist-contract/appsscript.json. Run from this package: npm run contract:build.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const GLOBAL = "GasContract";

const MANIFEST = {
  timeZone: "Europe/London",
  dependencies: { enabledAdvancedServices: [{ userSymbol: "Sheets", serviceId: "sheets", version: "v4" }] },
  exceptionLogging: "STACKDRIVER",
  runtimeVersion: "V8",
  oauthScopes: [
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/documents",
    "https://www.googleapis.com/auth/drive",
    "https://mail.google.com/",
    "https://www.googleapis.com/auth/userinfo.email",
  ],
};

/** gzip, then base64url: the form Buyerbook's build gives its on-demand program (scripts/build.mjs packProgram). */
export function packText(text) {
  return gzipSync(Buffer.from(text, "utf8"), { level: 9 }).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

export async function buildContract({ outDir = join(here, "..", "dist-contract"), quiet = false } = {}) {
  const result = await esbuild.build({
    entryPoints: [join(here, "main.ts")],
    bundle: true,
    format: "iife",
    globalName: GLOBAL,
    target: "es2019",
    platform: "neutral",
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const bundle = result.outputFiles[0].text;
  // The script editor runs functions without arguments: one runSuiteN() per suite keeps each run short of
  // Apps Script's 6-minute limit when the whole set would not be.
  const context = vm.createContext({});
  vm.runInContext(
    `${bundle}\nthis.__count = ${GLOBAL}.listContractSuites().length; this.__probe = [${GLOBAL}.PROBE_FILE, ${GLOBAL}.PROBE_TEXT, ${GLOBAL}.PACKED_PROBE_FILE];`,
    context,
    { timeout: 5000 },
  );
  const perSuite = Array.from(
    { length: context.__count },
    (_, i) => `function runSuite${i + 1}() {\n  return ${GLOBAL}.runContracts(${GLOBAL}.suiteName(${i})).table;\n}`,
  );
  const wrappers = [
    `function runContracts(suiteName) {\n  return ${GLOBAL}.runContracts(suiteName).table;\n}`,
    `function listContractSuites() {\n  var names = ${GLOBAL}.listContractSuites();\n  Logger.log(names.join("\\n"));\n  return names;\n}`,
    ...perSuite,
  ].join("\n");
  const code = `${bundle}\n// Entry points Apps Script can run\n${wrappers}\n`;
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "Contract.js"), code);
  await writeFile(join(outDir, "appsscript.json"), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  // The project file the "Project HTML files as code" suite reads and evaluates.
  const [probeFile, probeText, packedFile] = context.__probe;
  await writeFile(join(outDir, `${probeFile}.html`), probeText);
  await writeFile(join(outDir, `${packedFile}.html`), packText(probeText));
  if (!quiet) console.log(`${join(outDir, "Contract.js")} ${(code.length / 1024).toFixed(0)} KB`);
  return { file: join(outDir, "Contract.js"), code };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildContract();
