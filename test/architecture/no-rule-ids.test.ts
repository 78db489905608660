/**
 * Rule IDs (R1–R37, C1–C7) belong in tests and comments, never in text a person reads: the boss, a salesperson or a
 * buyer has no use for "R27". Comments are gone from the minified add-on and the sidebar, so every ID left in
 * them is in a string someone could see — a Settings note, a refusal, a report line, a checklist.
 */
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { bundleAddon, PROGRAM } from "../../scripts/build.mjs";

const RULE_ID = /(?<![A-Za-z0-9_$.-])(?:R(?:[1-9]|[12]\d|3[0-7])|C[1-7])(?![A-Za-z0-9_$])/;

/** Where a template literal's expressions were (never text a person reads). */
const HOLE = "\u0024{…}";

/** String and template literals of a script, as the TypeScript parser reads them (regular expressions are not text). */
function literals(code: string): string[] {
  const file = ts.createSourceFile("code.js", code, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(JSON.stringify(node.text));
    else if (ts.isTemplateExpression(node))
      out.push(`\`${[node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(HOLE)}\``);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** A1 ranges such as "C2:C" name cells, not rules. */
const isA1 = (text: string) => /^["'`][A-Z]{1,3}\d*(:[A-Z]{1,3}\d*)?["'`]$/.test(text);

function offenders(code: string): string[] {
  return literals(code)
    .filter((s) => !isA1(s))
    .filter((s) => RULE_ID.test(s))
    .map((s) => s.slice(0, 120));
}

describe("no rule ID in text a person reads", () => {
  it("the checker finds an ID in a note and passes an A1 range", () => {
    expect(offenders(`a="Reply limit (R8)",b="C2:C",c="Tel +971 4 R2D2",d="（R33：周六）"`)).toEqual([
      '"Reply limit (R8)"',
      '"（R33：周六）"',
    ]);
  });

  it("the built add-on carries none (Settings notes, catalogues, reports, checklists, refusals)", async () => {
    const { bundle } = await bundleAddon();
    expect(offenders(bundle)).toEqual([]);
    // The on-demand program (the jobs, reports, letters) is most of the add-on's text.
    const program = await bundleAddon(PROGRAM.entry, PROGRAM.global);
    expect(program.bundle.length).toBeGreaterThan(bundle.length);
    expect(offenders(program.bundle)).toEqual([]);
  }, 120_000);

  it("the sidebar's source carries none outside comments", () => {
    const files = readdirSync("sidebar")
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `sidebar/${f}`);
    const found = files.flatMap((f) =>
      offenders(
        readFileSync(f, "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/^\s*\/\/.*$/gm, ""),
      ).map((s) => `${f}: ${s}`),
    );
    expect(found).toEqual([]);
  });
});
