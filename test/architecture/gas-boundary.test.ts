/**
 * Every Apps Script service is reached through src/gas, so the add-on can run in another context (a bound
 * script or an add-on, a Workspace or a consumer account) by swapping those adapters alone.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const SRC = join(ROOT, "src");

/** Apps Script's global services (and the enums hanging off them). */
const SERVICES = [
  "SpreadsheetApp",
  "GmailApp",
  "MailApp",
  "DriveApp",
  "DocumentApp",
  "SlidesApp",
  "FormApp",
  "CalendarApp",
  "CacheService",
  "LockService",
  "PropertiesService",
  "ScriptApp",
  "Session",
  "Utilities",
  "HtmlService",
  "ContentService",
  "UrlFetchApp",
  "XmlService",
  "Logger",
  "Charts",
  "Browser",
];
/** A service named as a value: not a property of something else (`x.Session`) nor a key (`Session:`). */
const USE = new RegExp(`(?<![.\\w$])(${SERVICES.join("|")})(?![\\w$])(?!\\s*:)`, "g");

/**
 * The code of a TypeScript file with comments blanked and string/template text blanked (a template's
 * `${…}` stays, since it is code). Line breaks are kept so positions still name the right line.
 */
function codeOnly(source: string): string {
  let out = "";
  let i = 0;
  /** Open template literals: for each, the brace depth of its current `${` expression. */
  const templates: number[] = [];
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    const inExpression = templates.length > 0 && templates[templates.length - 1] >= 0;
    if (templates.length > 0 && !inExpression) {
      // Inside a template's text.
      if (c === "\\") {
        out += "  ";
        i += 2;
      } else if (c === "`") {
        templates.pop();
        out += c;
        i += 1;
      } else if (c === "$" && next === "{") {
        templates[templates.length - 1] = 0;
        out += "${";
        i += 2;
      } else {
        out += c === "\n" ? c : " ";
        i += 1;
      }
      continue;
    }
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1;
      out += c + blank(source.slice(i + 1, j)) + c;
      i = j + 1;
    } else if (c === "`") {
      templates.push(-1);
      out += c;
      i += 1;
    } else if (inExpression && c === "{") {
      templates[templates.length - 1] += 1;
      out += c;
      i += 1;
    } else if (inExpression && c === "}") {
      if (templates[templates.length - 1] === 0) templates[templates.length - 1] = -1;
      else templates[templates.length - 1] -= 1;
      out += c;
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** `file:line Service` for each use of a service in the source. */
function serviceUses(file: string, source: string): string[] {
  const code = codeOnly(source);
  const uses: string[] = [];
  for (const m of code.matchAll(USE)) {
    const line = code.slice(0, m.index).split("\n").length;
    uses.push(`${file}:${line} ${m[1]}`);
  }
  return uses;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the Apps Script boundary", () => {
  it("finds a service used in code, and not one named in a comment, a string or a type", () => {
    const source = [
      "// SpreadsheetApp.flush() in a comment",
      "/* GmailApp.search */",
      'const text = "MailApp.sendEmail";',
      "const s = 'Session.getActiveUser';",
      "type Sheet = GoogleAppsScript.Spreadsheet.Sheet;",
      "const note = { Session: 1 }.Session;",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      "const t = `Utilities ${Utilities.formatDate(d)} and ${`${CacheService.getDocumentCache()}`}`;",
      "const charts = Charts.ChartType.BAR;",
    ].join("\n");
    expect(serviceUses("x.ts", source)).toEqual(["x.ts:7 Utilities", "x.ts:7 CacheService", "x.ts:8 Charts"]);
  });

  it("no file outside src/gas touches an Apps Script service", () => {
    const gas = join(SRC, "gas");
    const uses = sourceFiles(SRC)
      .filter((file) => !file.startsWith(gas + "/"))
      .flatMap((file) => serviceUses(relative(ROOT, file), readFileSync(file, "utf8")));
    expect(uses).toEqual([]);
  });

  it("src/gas itself does use the services (the scan sees them)", () => {
    const uses = sourceFiles(join(SRC, "gas")).flatMap((file) =>
      serviceUses(relative(ROOT, file), readFileSync(file, "utf8")),
    );
    expect(uses.length).toBeGreaterThan(20);
  });
});
