/**
 * The on-demand program: most of Buyerbook's code ships in the project file Program.html, not in Code.js, since
 * Apps Script parses every .gs file of a project at the start of every execution — each sidebar click and each
 * edit — while an HTML file is read only when asked for. The jobs that need the program read it once per
 * execution and evaluate it (one more parse, paid only by the executions that run them).
 */

/** The project file holding the program (built by scripts/build.mjs from src/program.ts). */
export const PROGRAM_FILE = "Program";
/** The name the program's bundle assigns its exports to (scripts/build.mjs PROGRAM_GLOBAL). */
export const PROGRAM_GLOBAL = "BuyerbookProgram";

/** What the resident code calls in the program (src/program.ts exports it). */
export interface Program {
  PROGRAM_POINTS: Record<string, (...args: never[]) => unknown>;
  checkEditedTemplates(first: number, last: number): void;
}

let program: Program | undefined;

/**
 * The program when this realm already has it: in one module graph (Node, the tests) src/program.ts registers
 * itself as it loads, and no file is read.
 */
export function registerProgram(p: Program): void {
  program = p;
}

/**
 * The program, read and evaluated at most once per execution (each execution starts from fresh globals). The
 * file holds the code gzipped and in base64url (scripts/build.mjs packProgram): HtmlService passes project
 * files through its HTML processing, which must find nothing to change. The longest run of that alphabet is
 * taken, so markup the processing might wrap around the text does not matter.
 */
export function loadProgram(): Program {
  if (program) return program;
  const text = HtmlService.createHtmlOutputFromFile(PROGRAM_FILE).getContent();
  const packed = longestRun(text);
  const zipped = Utilities.newBlob(Utilities.base64DecodeWebSafe(packed), "application/x-gzip");
  const code = Utilities.ungzip(zipped).getDataAsString("UTF-8");
  // The file is our own build output, pushed with the project: code of this script, not outside text.
  program = new Function(`${code}\nreturn ${PROGRAM_GLOBAL};`)() as Program;
  return program;
}

function longestRun(text: string): string {
  let longest = "";
  for (const run of text.match(/[A-Za-z0-9_=-]+/g) ?? []) if (run.length > longest.length) longest = run;
  return longest;
}
