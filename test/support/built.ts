import { readFileSync } from "node:fs";

let program: string | undefined;

/**
 * The built add-on as loadProject takes it: Code.js (here `code`, as the test read it) and the on-demand
 * program dist/Program.html, which Code.js reads through HtmlService when a job runs.
 */
export function builtProject(code: string): { name: string; code: string }[] {
  program ??= readFileSync("dist/Program.html", "utf8");
  return [
    { name: "Code.js", code },
    { name: "Program.html", code: program },
  ];
}
