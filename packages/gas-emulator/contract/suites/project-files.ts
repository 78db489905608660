/**
 * A project's HTML files as code kept out of the .gs files: Apps Script parses every .gs file at the start of
 * every execution, so a script may keep rarely run code in an HTML file, read its text with
 * HtmlService.createHtmlOutputFromFile(name).getContent() and evaluate it when needed (Buyerbook's on-demand
 * program does this). The build writes PROBE_TEXT as the project file ContractProbe.html.
 */
import { expect, suite } from "../harness";

export const PROBE_FILE = "ContractProbe";
/** The same code gzipped and in base64url (written by the contract build), as Buyerbook ships its program. */
export const PACKED_PROBE_FILE = "ContractProbePacked";
/** Code with what an HTML parser could touch: "<" and "&", a closing tag in a string, non-Latin text. */
export const PROBE_TEXT = [
  "var ContractProbe = {",
  "  gap: function (a, b) { return a < b ? b - a : a - b; },",
  '  markup: "<p>a &amp; b</p></script>",',
  '  text: "询盘 · استفسار · запрос",',
  "  both: function () { return this.gap(9, 4) > 3 && 4 < 9; }",
  "};",
  "",
].join("\n");

const GET_CONTENT = "developers.google.com/apps-script/reference/html/html-output#getContent()";
const FROM_FILE = "developers.google.com/apps-script/reference/html/html-service#createHtmlOutputFromFile(String)";

export const projectFiles = suite("Project HTML files as code", (it) => {
  it(
    "getContent() of a project HTML file is its text as pushed, character for character",
    `${FROM_FILE}; ${GET_CONTENT}`,
    (fx) => {
      const text = fx.HtmlService.createHtmlOutputFromFile(PROBE_FILE).getContent();
      expect(text).toBe(PROBE_TEXT);
    },
  );

  it(
    "that text evaluates with new Function in the script's V8 and gives its values",
    "unsourced: V8 allows eval and new Function (developers.google.com/apps-script/guides/v8-runtime); the live run checks Apps Script does not forbid them",
    (fx) => {
      const text = fx.HtmlService.createHtmlOutputFromFile(PROBE_FILE).getContent();
      const probe = new Function(`${text}\nreturn ContractProbe;`)() as {
        gap(a: number, b: number): number;
        markup: string;
        text: string;
        both(): boolean;
      };
      expect(probe.gap(2, 7)).toBe(5);
      expect(probe.markup).toBe("<p>a &amp; b</p></script>");
      expect(probe.text).toBe("询盘 · استفسار · запрос");
      expect(probe.both()).toBe(true);
    },
  );

  it(
    "a packed file (gzip, then base64url) unpacks with Utilities and evaluates to the same values",
    `${GET_CONTENT}; developers.google.com/apps-script/reference/utilities/utilities#base64DecodeWebSafe(String); developers.google.com/apps-script/reference/utilities/utilities#ungzip(BlobSource)`,
    (fx) => {
      const text = fx.HtmlService.createHtmlOutputFromFile(PACKED_PROBE_FILE).getContent();
      const packed = (text.match(/[A-Za-z0-9_=-]{16,}/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), "");
      const zipped = fx.Utilities.newBlob(fx.Utilities.base64DecodeWebSafe(packed), "application/x-gzip");
      const code = fx.Utilities.ungzip(zipped).getDataAsString("UTF-8");
      expect(code).toBe(PROBE_TEXT);
      const probe = new Function(`${code}\nreturn ContractProbe;`)() as {
        gap(a: number, b: number): number;
        text: string;
      };
      expect(probe.gap(7, 2)).toBe(5);
      expect(probe.text).toBe("询盘 · استفسار · запрос");
    },
  );

  it("a file that is not in the project is an error naming it", FROM_FILE, (fx) => {
    expect(() => fx.HtmlService.createHtmlOutputFromFile("NoSuchContractFile")).toThrow();
  });
});
