import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { type Command, option, UsageError } from "../command";
import { fromJson } from "./core";

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks; a UTF-8 BOM and ; or tab separators tolerated. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = [",", ";", "\t"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/** A cell as import text: hyperlinks (mailto: cells) give their text, formulas their result, dates a day. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

/** The first worksheet (or the named one) as rows of text. */
export async function readXlsx(file: string, sheetName?: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) throw new UsageError(`No worksheet ${sheetName ?? ""} in ${file}`);
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const line: string[] = [];
    for (let c = 1; c <= width; c += 1) line.push(cellText(row.getCell(c).value).trim());
    if (line.some((v) => v !== "")) rows.push(line);
  });
  return rows;
}

export async function readTableFile(file: string, sheetName?: string): Promise<string[][]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx") return readXlsx(file, sheetName);
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return parseCsv(readFileSync(file, "utf8"));
  throw new UsageError(`Unsupported file type ${ext}: use .xlsx or .csv`);
}

interface ImportReport {
  total: number;
  created: number;
  merged: number;
  needsPerson: number;
  invalid: number;
  unmappedHeaders: string[];
  rows: { line: number; result: string; buyerId: string; detail: string }[];
  problems: string[];
  dryRun: boolean;
}

export const importFile: Command = {
  name: "import",
  usage: "import FILE [--show NAME] [--source SOURCE] [--sheet NAME] [--dry-run]",
  describe: "Import old customers / trade-show contacts from .xlsx or .csv (R21): created, merged, needs a person",
  async run(session, args) {
    const file = args.positional[0];
    if (!file) throw new UsageError("import needs a FILE (.xlsx or .csv)");
    const [header, ...rows] = await readTableFile(path.resolve(file), option(args, "sheet"));
    if (!header) throw new UsageError(`${file} is empty`);
    const payload = {
      header,
      rows,
      show: option(args, "show"),
      source: option(args, "source"),
      dryRun: args.options["dry-run"] === true,
    };
    const result = fromJson(session.run("rpc", ["importRows", JSON.stringify(payload)])) as
      | { ok: true; data: ImportReport }
      | { ok: false; error: string };
    if (!result.ok) throw new Error(result.error);
    const r = result.data;
    const lines = [
      `${r.dryRun ? "Dry run — nothing written. " : ""}${path.basename(file)}: ${r.total} rows — created ${r.created}, merged ${r.merged}, needs a person ${r.needsPerson}, invalid ${r.invalid}.`,
      ...(r.unmappedHeaders.length > 0 ? [`  columns not imported: ${r.unmappedHeaders.join(", ")}`] : []),
      ...r.rows
        .filter((x) => x.result === "needs-person" || x.result === "invalid")
        .map((x) => `  row ${x.line} ${x.result}${x.buyerId ? ` ${x.buyerId}` : ""}: ${x.detail}`),
      ...r.problems.slice(0, 20).map((p) => `  problem: ${p}`),
    ];
    return { json: r, text: lines.join("\n") };
  },
};

export const IMPORT_COMMANDS = [importFile];
