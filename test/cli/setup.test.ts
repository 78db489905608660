import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error the build script is plain ESM JavaScript
import { build } from "../../scripts/build.mjs";
import { SETUP_SHEETS } from "../../src/store/schemas";
import { SETTING_DEFAULTS } from "../../src/store/settings";

function cli(args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "local/cli/main.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run local -- setup", () => {
  beforeAll(async () => {
    await build({ quiet: true });
  }, 120_000);

  it("writes a real .xlsx with every sheet, its headers and the Settings defaults, and re-running changes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bb-cli-"));
    const book = path.join(dir, "b.xlsx");
    const first = JSON.parse(cli(["setup", "--book", book, "--now", "2026-11-23T00:30:00Z", "--json"])) as {
      created: string[];
      schedule: string;
    };
    expect(first.created).toEqual(SETUP_SHEETS.map((s) => s.name));
    expect(first.schedule).toBe("installed");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const visible = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
    expect(visible).toEqual(SETUP_SHEETS.map((s) => s.name));
    for (const spec of SETUP_SHEETS) {
      const header = (wb.getWorksheet(spec.name)!.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(spec.columns.map((c) => c.zh));
    }
    const settings = wb.getWorksheet("Settings")!;
    const keys = new Map<string, string>();
    settings.eachRow((row, n) => {
      if (n > 1) keys.set(String(row.getCell(1).value), String(row.getCell(2).value ?? ""));
    });
    for (const d of SETTING_DEFAULTS) expect(keys.get(d.key) ?? "").toBe(d.value);

    const second = JSON.parse(cli(["setup", "--book", book, "--json"])) as {
      created: string[];
      upgraded: string[];
      schedule: string;
    };
    expect(second.created).toEqual([]);
    expect(second.upgraded).toEqual([]);
    expect(second.schedule).toBe("already");
  });

  it("prints usage and exits non-zero for an unknown command", () => {
    expect(() => cli(["no-such-command"])).toThrow(/Unknown command/);
  });
});
