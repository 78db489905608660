import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build, MANIFESTS } from "../../../scripts/build.mjs";

/**
 * The two deployment modes as far as they can be checked without Google: what is committed, what the push
 * command runs, and what clasp would push. `clasp show-file-status` reads only the project file and the disk.
 */
const ROOT = path.resolve(__dirname, "../../..");
const CLASP = path.join(ROOT, "node_modules/.bin/clasp");
const CURRENT_ONLY = "https://www.googleapis.com/auth/spreadsheets.currentonly";
const SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets";

const tmp = mkdtempSync(path.join(os.tmpdir(), "buyerbook-deploy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gitFiles(): string[] {
  return execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n");
}

describe("a bound script: clasp create, then npm run push", () => {
  const example = JSON.parse(readFileSync(path.join(ROOT, ".clasp.json.example"), "utf8")) as { rootDir: string };
  const project = path.join(tmp, "bound");

  beforeAll(async () => {
    // A project laid out as `clasp create --rootDir dist` leaves it: .clasp.json beside the build folder.
    await build({ quiet: true, outDir: path.join(project, example.rootDir) });
    writeFileSync(path.join(project, ".clasp.json"), JSON.stringify({ scriptId: "test-script", ...example }));
  }, 120_000);

  it("no .clasp.json is committed (clasp create refuses to run where one exists) and it is git-ignored", () => {
    expect(gitFiles()).not.toContain(".clasp.json");
    expect(gitFiles()).toContain(".clasp.json.example");
    const ignored = execFileSync("git", ["check-ignore", ".clasp.json"], { cwd: ROOT, encoding: "utf8" }).trim();
    expect(ignored).toBe(".clasp.json");
    expect(example.rootDir).toBe("dist");
  });

  it("npm run push builds, then pushes with an option this clasp knows (the manifest is ours to overwrite)", () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.push).toBe("npm run build && clasp push --force");
    expect(scripts["push:addon"]).toBe("npm run build -- --addon && clasp push --force");
    const help = execFileSync(CLASP, ["push", "--help"], { cwd: project, encoding: "utf8" });
    expect(help).toMatch(/-f, --force/);
    const version = execFileSync(CLASP, ["--version"], { cwd: project, encoding: "utf8" }).trim();
    const locked = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages[
      "node_modules/@google/clasp"
    ].version as string;
    expect(version).toBe(locked);
  });

  it("clasp would push exactly the build: Code.js, the on-demand Program.html, Sidebar.html and appsscript.json at the root of dist/", () => {
    const status = JSON.parse(
      execFileSync(CLASP, ["show-file-status", "--json"], { cwd: project, encoding: "utf8" }),
    ) as { filesToPush: string[]; untrackedFiles: string[] };
    const built = readdirSync(path.join(project, "dist")).map((f) => `dist/${f}`);
    expect([...status.filesToPush].sort()).toEqual([...built].sort());
    expect([...status.filesToPush].sort()).toEqual([
      "dist/Code.js",
      "dist/Program.html",
      "dist/Sidebar.html",
      "dist/appsscript.json",
    ]);
    const manifest = JSON.parse(readFileSync(path.join(project, "dist/appsscript.json"), "utf8"));
    expect(manifest.oauthScopes).toContain(CURRENT_ONLY);
    expect(manifest.oauthScopes).not.toContain(SPREADSHEETS);
  });
});

describe("an editor add-on", () => {
  it("builds with the add-on manifest: the spreadsheets scope (openById from the hourly trigger), not currentonly", async () => {
    const out = path.join(tmp, "addon");
    await build({ quiet: true, mode: "addon", outDir: out });
    const manifest = JSON.parse(readFileSync(path.join(out, "appsscript.json"), "utf8"));
    expect(manifest.oauthScopes).toContain(SPREADSHEETS);
    expect(manifest.oauthScopes).not.toContain(CURRENT_ONLY);
    // Every other scope is the same in both modes: only the spreadsheet scope differs.
    const bound = JSON.parse(readFileSync(path.join(ROOT, MANIFESTS.bound), "utf8")).oauthScopes as string[];
    expect(manifest.oauthScopes.filter((s: string) => s !== SPREADSHEETS)).toEqual(
      bound.filter((s) => s !== CURRENT_ONLY),
    );
    expect(existsSync(path.join(out, "Code.js"))).toBe(true);
    // The same advanced services as bound: without Sheets every batched read would fall back to a read per range.
    const services = (m: { dependencies?: { enabledAdvancedServices?: { userSymbol: string }[] } }) =>
      (m.dependencies?.enabledAdvancedServices ?? []).map((s) => s.userSymbol).sort();
    expect(services(manifest)).toEqual(["Gmail", "Sheets"]);
    expect(services(manifest)).toEqual(services(JSON.parse(readFileSync(path.join(ROOT, MANIFESTS.bound), "utf8"))));
  }, 120_000);

  it("an unknown mode is refused rather than built with a guessed manifest", async () => {
    await expect(build({ quiet: true, mode: "standalone", outDir: path.join(tmp, "x") })).rejects.toThrow(
      /Unknown deployment mode standalone/,
    );
  });
});
