/**
 * The RPC contract is computed from the handler tables, and the sidebar's client is typed from it. These tests
 * type-check the real sidebar against the real server sources, once as they are and once with one handler
 * changed in memory: a rename, a changed payload and a changed result must each stop the sidebar compiling.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const triage = join(root, "src/features/desk/triage-handlers.ts");

let previous: ts.Program | undefined;

/** Sidebar diagnostics when `triage-handlers.ts` is read as `patch` makes it (everything else from disk). */
function sidebarErrors(patch: (source: string) => string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === triage ? patch(readFileSync(triage, "utf8")) : readFile(file));
  // The previous program lends its unchanged files, so each case re-checks little more than the patched one.
  const program = ts.createProgram(
    [join(root, "sidebar/main.ts")],
    { ...config.options, noEmit: true },
    host,
    previous,
  );
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.includes("/sidebar/"))
    .map((d) => `${d.file?.fileName.split("/").pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

function replaceOnce(source: string, from: string, to: string): string {
  if (!source.includes(from)) throw new Error(`the fixture expects ${JSON.stringify(from)} in triage-handlers.ts`);
  return source.replace(from, to);
}

// Type-checking the sidebar and the server takes a few seconds alone and much longer on a busy machine.
describe("the RPC contract is checked by the compiler", { timeout: 300_000 }, () => {
  it("the sidebar type-checks against the handlers as they are", () => {
    expect(sidebarErrors((s) => s)).toEqual([]);
  });

  it("renaming a handler breaks the sidebar's call to it", () => {
    const errors = sidebarErrors((s) =>
      replaceOnce(s, "  gradeInquiry: handler({", "  gradeInquiryRenamed: handler({"),
    );
    expect(errors.join("\n")).toMatch(/"gradeInquiry"/);
  });

  it("changing a handler's payload breaks the sidebar's call", () => {
    const errors = sidebarErrors((s) =>
      replaceOnce(
        s,
        "input: z.object({ inquiryId: id, grade: gradeInput }),",
        "input: z.object({ inquiry: id, grade: gradeInput }),",
      ),
    );
    expect(errors.join("\n")).toMatch(/inquiryId/);
  });

  it("changing a handler's result breaks the sidebar's use of it", () => {
    const errors = sidebarErrors((s) =>
      replaceOnce(s, "run(ctx, input): GradeResult {", 'run(ctx, input): Omit<GradeResult, "nextFollowUp"> {'),
    );
    expect(errors.join("\n")).toMatch(/nextFollowUp/);
  });
});
