// Builds the Apps Script project into dist/: Code.js (one IIFE bundle plus plain top-level entry functions),
// appsscript.json, and Sidebar.html (the sidebar app inlined into one file).
//
// Why not gas-webpack-plugin / esbuild-gas-plugin: both find entry points by heuristics (assignments to
// `global.x`), and the esbuild one is unmaintained. We bundle to an IIFE that exposes ONE explicit object of
// entry points (src/entry.ts: ENTRY_POINTS), read its keys by evaluating the bundle in an empty vm, and append
// one `function name(...args) { return Buyerbook.ENTRY_POINTS.name(...args); }` per key: Apps Script only
// sees function declarations at top level, and the list can never drift from the code.

import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { gunzipSync, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const GLOBAL = "Buyerbook";
/**
 * The on-demand program (src/program.ts): the jobs, menus and rare RPCs, shipped as the project file
 * Program.html (read and evaluated only by the executions that need it: src/gas/program.ts, whose PROGRAM_FILE
 * and PROGRAM_GLOBAL these must equal).
 */
export const PROGRAM = { entry: "src/program.ts", file: "Program.html", global: "BuyerbookProgram" };

/**
 * The program as the project file holds it: gzip, then base64url — letters, digits, "-", "_" and "=" only.
 * HtmlService serves a project file through its HTML processing (it strips what look like comments inside
 * scripts, and "<" or "&" in text are markup to an HTML parser), so raw JavaScript could come back altered;
 * text of this alphabet has nothing to alter. src/gas/program.ts undoes it with Utilities (base64DecodeWebSafe,
 * ungzip); gzip also makes the file about a quarter of the code's size.
 */
export function packProgram(js) {
  return gzipSync(Buffer.from(js, "utf8"), { level: 9 }).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

/** The program's JavaScript from the project file's text (for tests and the bench; the add-on does it in Apps Script). */
export function unpackProgram(text) {
  const runs = text.match(/[A-Za-z0-9_=-]{64,}/g) ?? [];
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), "");
  return gunzipSync(Buffer.from(longest.replace(/-/g, "+").replace(/_/g, "/"), "base64")).toString("utf8");
}
// Apps Script's V8 accepts ES2019 reliably; class fields and newer syntax are lowered.
const TARGET = "es2019";
const KB = 1024;
/** What the add-on may weigh (dist/Code.js, bytes as Apps Script stores them). Above it the build warns. */
export const BUDGET_BYTES = 300 * KB;
/**
 * Above this the build fails. Code.js holds only what runs many times a day for everyone (the menu, the on-edit
 * trigger, the sidebar's everyday RPCs); the jobs, the buyer-identity data and the seven-language texts are in
 * the on-demand program, so the limit is the budget itself.
 */
export const LIMIT_BYTES = BUDGET_BYTES;
/**
 * What the on-demand program may weigh: it is parsed by every job execution (a pull, a report, a heartbeat
 * tick), so it may not grow unnoticed either. Today ~763 KB.
 */
export const PROGRAM_LIMIT_BYTES = 800 * KB;
/** zod's classic API (methods on every schema) defeats tree-shaking; the add-on uses zod/mini. */
const ZOD_CLASSIC = "node_modules/zod/v4/classic/";

/**
 * The add-on bundle, minified: esbuild renames local identifiers, and keepNames gives every function and class
 * its source name back (V8 prints the `name` property in stack traces, so Apps Script's logs stay readable).
 */
export async function bundleAddon(entry = "src/entry.ts", globalName = GLOBAL) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    globalName,
    target: TARGET,
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    keepNames: true,
    metafile: true,
  });
  return { bundle: result.outputFiles[0].text, metafile: result.metafile };
}

/** Bytes in the bundle per npm package, and per area of our own code (src/domain, src/features/quotes, ...). */
export function breakdown(metafile) {
  const output = Object.values(metafile.outputs)[0];
  const parts = new Map();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const depth = path.startsWith("src/features/") ? 3 : 2;
    const name = pkg ? pkg[1] : path.split("/").slice(0, depth).join("/");
    parts.set(name, (parts.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...parts]
    .map(([name, bytes]) => ({ name, bytes, ours: name.startsWith("src/") }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Why this bundle may not ship: over the size limit, or zod classic in it (named with the files importing it). */
export function bundleProblems(metafile, bytes, limit = LIMIT_BYTES) {
  const problems = [];
  if (bytes > limit) problems.push(`dist/Code.js is ${kb(bytes)}, over the ${kb(limit)} limit`);
  const inputs = Object.entries(metafile.inputs);
  if (inputs.some(([path]) => path.includes(ZOD_CLASSIC))) {
    const importers = inputs
      .filter(([path, input]) => !path.includes("node_modules/") && input.imports.some((i) => isZodClassic(i.path)))
      .map(([path]) => path);
    problems.push(
      `zod classic (${ZOD_CLASSIC}) is in the bundle, imported by ${importers.join(", ") || "a dependency"}: use import * as z from "zod/mini"`,
    );
  }
  return problems;
}

/** An import of zod that is not zod/mini (or the core it is built on). */
const isZodClassic = (path) =>
  path.includes("node_modules/zod/") && !/node_modules\/zod\/(mini|v4-mini|v4\/mini|v4\/core)\//.test(path);

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

/**
 * The manifest per deployment mode (README "Deployment modes"): a script bound to its spreadsheet needs only
 * `spreadsheets.currentonly`; an editor add-on's hourly trigger runs with no open spreadsheet and opens the book
 * by id, which needs `spreadsheets`.
 */
export const MANIFESTS = { bound: "appsscript/appsscript.json", addon: "appsscript/addon.appsscript.json" };

export async function build({ quiet = false, mode = "bound", outDir = "dist" } = {}) {
  const manifest = MANIFESTS[mode];
  if (!manifest) throw new Error(`Unknown deployment mode ${mode}: bound or addon`);
  await mkdir(outDir, { recursive: true });
  const { bundle, metafile } = await bundleAddon();
  const names = entryNames(bundle);
  const wrappers = names
    .map((n) => `function ${n}(...args) {\n  return ${GLOBAL}.ENTRY_POINTS.${n}(...args);\n}`)
    .join("\n");
  const code = `${bundle}\n// Entry points Apps Script calls (generated from src/entry.ts ENTRY_POINTS)\n${wrappers}\n`;
  const bytes = Buffer.byteLength(code, "utf8");
  const parts = breakdown(metafile);
  const problems = bundleProblems(metafile, bytes);
  if (problems.length > 0)
    throw new Error(`The add-on bundle may not ship:\n- ${problems.join("\n- ")}\n${report(bytes, parts, names)}`);
  await writeFile(path.join(outDir, "Code.js"), code);
  const program = await bundleAddon(PROGRAM.entry, PROGRAM.global);
  await copyFile(manifest, path.join(outDir, "appsscript.json"));
  await buildSidebar(outDir);
  const programBytes = Buffer.byteLength(program.bundle, "utf8");
  const programProblems = bundleProblems(program.metafile, programBytes, PROGRAM_LIMIT_BYTES).map((p) =>
    p.replace("dist/Code.js", `dist/${PROGRAM.file}`),
  );
  if (programProblems.length > 0) throw new Error(`The program may not ship:\n- ${programProblems.join("\n- ")}`);
  await writeFile(path.join(outDir, PROGRAM.file), packProgram(program.bundle));
  if (!quiet)
    console.log(
      `${report(bytes, parts, names)}\n  dist/${PROGRAM.file} ${kb(programBytes)} of code, packed into ${kb(Buffer.byteLength(packProgram(program.bundle)))} (the on-demand program: read only by the executions that run it)\n  manifest ${manifest}`,
    );
  return { names, bytes, parts, programBytes };
}

function report(bytes, parts, names) {
  const budget =
    bytes > BUDGET_BYTES
      ? `OVER the ${kb(BUDGET_BYTES)} budget by ${kb(bytes - BUDGET_BYTES)}`
      : `budget ${kb(BUDGET_BYTES)}`;
  const lines = [`dist/Code.js ${kb(bytes)} (${budget}; the build fails above ${kb(LIMIT_BYTES)})`];
  const packages = parts.filter((p) => !p.ours);
  const ours = parts.filter((p) => p.ours);
  const sum = (ps) => ps.reduce((n, p) => n + p.bytes, 0);
  lines.push(`  packages ${kb(sum(packages))}: ${packages.map((p) => `${p.name} ${kb(p.bytes)}`).join(", ")}`);
  lines.push(
    `  our code ${kb(sum(ours))}: ${ours.map((p) => `${p.name.replace(/^src\//, "")} ${kb(p.bytes)}`).join(", ")}`,
  );
  lines.push(`  ${names.length} entry points: ${names.join(", ")}`);
  return lines.join("\n");
}

function entryNames(bundle) {
  const context = vm.createContext({});
  vm.runInContext(`${bundle}\nthis.__names = Object.keys(${GLOBAL}.ENTRY_POINTS);`, context, { timeout: 5000 });
  const names = Array.from(context.__names);
  for (const n of names)
    if (!/^[A-Za-z_$][\w$]*$/.test(n)) throw new Error(`Entry point name not a JS identifier: ${n}`);
  return names;
}

async function buildSidebar(outDir) {
  if (!existsSync("sidebar/main.ts")) {
    await writeFile(
      path.join(outDir, "Sidebar.html"),
      "<!doctype html><html><body><p>Sidebar not built yet.</p></body></html>\n",
    );
    return;
  }
  const js = await esbuild.build({
    entryPoints: ["sidebar/main.ts"],
    bundle: true,
    format: "iife",
    target: "es2019",
    minify: true,
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const css = existsSync("sidebar/style.css") ? await readFile("sidebar/style.css", "utf8") : "";
  const shell = await readFile("sidebar/index.html", "utf8");
  // Function replacers: `$` sequences in the bundle must not be read as replacement patterns.
  const html = shell
    .replace("/*INLINE_CSS*/", () => css)
    .replace("/*INLINE_JS*/", () => js.outputFiles[0].text.replace(/<\/script/gi, "<\\/script"));
  await writeFile(path.join(outDir, "Sidebar.html"), html);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build({ mode: process.argv.includes("--addon") ? "addon" : "bound" }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
