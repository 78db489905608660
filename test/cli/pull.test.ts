/**
 * The CLI end to end (C2): `setup` then `pull --mail DIR --json` on the BUILT dist/Code.js, a temp workbook and a
 * folder of .eml files, as a person would run `npm run local -- pull`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS } from "../fixtures/intake/corpus";
import { eml } from "../fixtures/intake/eml";

const ROOT = path.resolve(__dirname, "../..");
const BOSS = "boss@acme-tools.cn";
const NOW = "2026-11-23T04:00:00Z";
/** Corpus cases that need no colleague mailboxes or Settings: plain and platform inquiries, skips, hostile mail. */
const PICK = ["c01", "c02", "c03", "c05", "c20", "c22", "c29", "c31", "c33", "c35", "c37", "c39"];

interface Summary {
  mailbox: string;
  messages: number;
  newBuyers: number;
  newInquiries: number;
  repliesMatched: number;
  alreadyImported: number;
  skipped: Record<string, number>;
  problems: string[];
  partial: boolean;
}

function cli(args: string[]): string {
  return execFileSync("npx", ["tsx", "local/cli/main.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("npm run local -- pull (C2, R7, R21)", () => {
  let dir: string;
  let book: string;
  let mail: string;
  let first: Summary;
  let second: Summary;

  beforeAll(() => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "ignore", timeout: 120_000 });
    dir = mkdtempSync(path.join(tmpdir(), "buyerbook-pull-"));
    book = path.join(dir, "book.xlsx");
    mail = path.join(dir, "mail");
    const box = path.join(mail, BOSS);
    mkdirSync(box, { recursive: true });
    for (const c of CORPUS.filter((x) => PICK.some((p) => x.id.startsWith(`${p}@`))))
      writeFileSync(path.join(box, `${c.id.split("@")[0]}.eml`), c.raw.split("ann@acme-tools.cn").join(BOSS));
    // The boss answers the first inquiry in its thread at 10:30 Shanghai (R7, R8).
    writeFileSync(
      path.join(box, "reply.eml"),
      eml(
        {
          from: `Boss Zhang <${BOSS}>`,
          to: "Laura Smith <laura.smith@northbeam-lighting.com>",
          subject: "Re: RFQ: LED high bay 150W",
          date: "2026-11-23T02:30:00Z",
          id: "reply-c01@acme-tools.cn",
          inReplyTo: "c01@northbeam-lighting.com",
        },
        "Dear Laura, our price follows.",
      ),
    );
    cli(["setup", "--book", book, "--as", BOSS, "--now", NOW, "--json"]);
    first = JSON.parse(cli(["pull", "--mail", mail, "--book", book, "--as", BOSS, "--now", NOW, "--json"])) as Summary;
    second = JSON.parse(
      cli(["pull", "--mail", mail, "--book", book, "--as", BOSS, "--now", "2026-11-23T05:00:00Z", "--json"]),
    ) as Summary;
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("C2: prints the summary: new buyers, inquiries, replies matched, skipped by reason", () => {
    expect(first.mailbox).toBe(BOSS);
    expect(first.partial).toBe(false);
    expect(first.messages).toBe(PICK.length + 1);
    expect(first.newInquiries).toBe(8); // c01 c02 c03 c05 c20 c22 c37 c39, each from its own new buyer
    expect(first.newBuyers).toBe(8);
    expect(first.problems).toEqual([]);
    expect(first.repliesMatched).toBe(1);
    expect(first.skipped).toEqual({ bounce: 1, newsletter: 1, automated: 1, "no-sender": 1 });
    expect(existsSync(book)).toBe(true);
  });

  it("the saved .xlsx holds the hostile subject as text, and no formula in Inquiries, Buyers or Log", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    let hostile = 0;
    for (const name of ["Inquiries", "Buyers", "Log"]) {
      workbook.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula, `${name}!${cell.address}`).toBeFalsy();
          if (cell.value === '=IMPORTXML("http://x","//a")') hostile += 1;
        }),
      );
    }
    expect(hostile).toBe(1);
  });

  it("C2: a second pull of the same folder imports nothing twice (labels kept beside the book)", () => {
    expect(second.newInquiries).toBe(0);
    expect(second.newBuyers).toBe(0);
    expect(second.skipped).toEqual({});
  });
});
