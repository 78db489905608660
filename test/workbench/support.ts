/**
 * Test support for the workbench: a private copy of the built project (other test files rebuild dist/ at the
 * same time; a copy taken when the build is complete cannot change under us) and temp folders.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error the build script is plain ESM JavaScript
import { build, unpackProgram } from "../../scripts/build.mjs";

export const DEMO_NOW = "2026-11-25T02:00:00Z"; // Wednesday 10:00 in Ningbo

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Whether the program file is whole (a file still being written does not unpack). */
function unpacks(program: string): boolean {
  try {
    return unpackProgram(program).length > 0;
  } catch {
    return false;
  }
}

/**
 * Builds, then copies dist/Code.js, the on-demand dist/Program.html and dist/Sidebar.html into DIR/dist once
 * they read back whole (other suites build dist/ at the same time).
 */
export async function privateDist(dir: string): Promise<string> {
  await build({ quiet: true });
  const out = path.join(dir, "dist");
  mkdirSync(out, { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = readFileSync("dist/Code.js", "utf8");
    const program = readFileSync("dist/Program.html", "utf8");
    const sidebar = readFileSync("dist/Sidebar.html", "utf8");
    if (/\}\n$/.test(code) && unpacks(program) && sidebar.includes("</html>")) {
      writeFileSync(path.join(out, "Code.js"), code);
      writeFileSync(path.join(out, "Program.html"), program);
      writeFileSync(path.join(out, "Sidebar.html"), sidebar);
      return out;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("dist/ did not settle into a complete build");
}
