/**
 * A function that no longer fits on a screen hides its steps: each long body here is split into named steps
 * so a reader sees the flow first and the details on demand. The limit counts the lines of a body, from its
 * opening brace to its closing brace (an arrow with an expression body counts that expression's lines).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const MAX_LINES = 80;

/**
 * Bodies that may stay long for now, each with the reason. Keyed by "path:name" so a renamed or moved
 * function falls out of the list (and the test then says so).
 */
const ALLOWED: Record<string, string> = {};

interface LongBody {
  key: string;
  line: number;
  lines: number;
}

function tsFiles(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (recursive) out.push(...tsFiles(path, true));
    } else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
      out.push(path);
    }
  }
  return out;
}

/** The name a reader would search for: the declared name, or the variable/property an arrow is bound to. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  return "(anonymous)";
}

function longBodies(path: string): LongBody[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const file = relative(ROOT, path).split("\\").join("/");
  const found: LongBody[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const body = node.body as ts.Node;
      const first = source.getLineAndCharacterOfPosition(body.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(body.getEnd()).line;
      const lines = last - first + 1;
      if (lines > MAX_LINES) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ key: `${file}:${nameOf(node as ts.FunctionLikeDeclaration)}`, line, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FILES = [...tsFiles(join(ROOT, "src"), true), ...tsFiles(join(ROOT, "sidebar"), false)];
const LONG = FILES.flatMap(longBodies);

describe("function length", () => {
  it("reads every source file it is meant to (the walk is not silently empty)", () => {
    expect(FILES.some((f) => f.includes(`${join("src", "features")}`))).toBe(true);
    expect(FILES.some((f) => f.includes("sidebar"))).toBe(true);
  });

  it(`finds a body over ${MAX_LINES} lines when one exists (the measure works)`, () => {
    const body = Array.from({ length: MAX_LINES + 5 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    const probe = ts.createSourceFile("probe.ts", `const f = () => {\n${body}\n};`, ts.ScriptTarget.Latest, true);
    let longest = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isArrowFunction(node)) {
        const start = probe.getLineAndCharacterOfPosition(node.body.getStart(probe)).line;
        const end = probe.getLineAndCharacterOfPosition(node.body.getEnd()).line;
        longest = Math.max(longest, end - start + 1);
      }
      ts.forEachChild(node, visit);
    };
    visit(probe);
    expect(longest).toBeGreaterThan(MAX_LINES);
  });

  it(`keeps every function, method and arrow body at or under ${MAX_LINES} lines`, () => {
    const offenders = LONG.filter((b) => !(b.key in ALLOWED)).map((b) => `${b.key} (line ${b.line}): ${b.lines} lines`);
    expect(offenders).toEqual([]);
  });

  it("lists only bodies that are still long (a split function leaves the allow-list)", () => {
    const stillLong = new Set(LONG.map((b) => b.key));
    expect(Object.keys(ALLOWED).filter((key) => !stillLong.has(key))).toEqual([]);
  });
});
