// Builds the Apps Script project into dist/ (or `outDir`): Code.js (one IIFE bundle plus plain top-level entry functions),
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
import * as esbuild from "esbuild";

const GLOBAL = "Buyerbook";
/**
 * The manifest per deployment mode (README "Deployment modes"): a script bound to its spreadsheet needs only
 * `spreadsheets.currentonly`; an editor add-on's hourly trigger runs with no open spreadsheet and opens the book
 * by id, which needs `spreadsheets`.
 */
export const MANIFESTS = { bound: "appsscript/appsscript.json", addon: "appsscript/addon.appsscript.json" };
// Apps Script's V8 accepts ES2019 reliably; class fields and newer syntax are lowered.
const TARGET = "es2019";

export async function build({ quiet = false, mode = "bound", outDir = "dist" } = {}) {
  const manifest = MANIFESTS[mode];
  if (!manifest) throw new Error(`Unknown deployment mode ${mode}: bound or addon`);
  await mkdir(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: ["src/entry.ts"],
    bundle: true,
    format: "iife",
    globalName: GLOBAL,
    target: TARGET,
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const bundle = result.outputFiles[0].text;
  const names = entryNames(bundle);
  const wrappers = names
    .map((n) => `function ${n}(...args) {\n  return ${GLOBAL}.ENTRY_POINTS.${n}(...args);\n}`)
    .join("\n");
  const code = `${bundle}\n// Entry points Apps Script calls (generated from src/entry.ts ENTRY_POINTS)\n${wrappers}\n`;
  await writeFile(path.join(outDir, "Code.js"), code);
  await copyFile(manifest, path.join(outDir, "appsscript.json"));
  await buildSidebar(outDir);
  if (!quiet)
    console.log(
      `dist/Code.js ${(code.length / 1024).toFixed(0)} KB, ${names.length} entry points: ${names.join(", ")}; manifest ${manifest}`,
    );
  return { names, bytes: code.length };
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
