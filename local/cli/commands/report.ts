import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { docToDocx, docToHtml } from "@buyerbook/gas-emulator";
import { type Command, option, requireOption, UsageError } from "../command";
import { fromJson } from "./core";

const ENTRY: Record<string, string> = {
  weekly: "menuWeeklyReport",
  midweek: "menuMidweekBrief",
  "monthly-a": "menuMonthlyA",
};

interface ReportOutcome {
  kind: string;
  period: string;
  docId: string;
  url: string;
  name: string;
  created: boolean;
  sharedWith: string[];
  mailedTo: string[];
  problems: string[];
}

/** `npm run local -- report --kind weekly --week 2026-W48 --out DIR`: the Doc as .docx and .html, for reading offline. */
export const report: Command = {
  name: "report",
  usage:
    "report --kind weekly|midweek|monthly-a [--week 2026-W48] [--month 2026-11] --out DIR [--now ISO] [--as EMAIL]",
  describe: "Write the weekly report, Wednesday brief or monthly A-list (C4, R33, R35, R19) and export it",
  async run(session, args) {
    const kind = requireOption(args, "kind");
    const entry = ENTRY[kind];
    if (!entry) throw new UsageError(`--kind must be one of ${Object.keys(ENTRY).join(", ")}`);
    const out = path.resolve(requireOption(args, "out"));
    const period = kind === "monthly-a" ? option(args, "month") : option(args, "week");
    const result = fromJson(session.run(entry, period ? [period] : [])) as ReportOutcome;
    const { env } = session;
    // Export as the person who ran it (the Doc is theirs), without counting the export as add-on work.
    const doc = env.ctx.meter.quietly(() => env.ctx.runAs(session.user, () => env.DocumentApp.openById(result.docId)));
    mkdirSync(out, { recursive: true });
    const base = path.join(out, `buyerbook-${result.kind}-${result.period}`);
    writeFileSync(`${base}.docx`, await docToDocx(doc));
    writeFileSync(`${base}.html`, docToHtml(doc));
    const lines = [
      `${result.created ? "Wrote" : "Rewrote"} "${result.name}"`,
      `  ${base}.docx`,
      `  ${base}.html`,
      `  shared with: ${result.sharedWith.join(", ") || "(already shared / nobody)"}; mailed to: ${result.mailedTo.join(", ") || "nobody"}`,
      ...result.problems.map((p) => `  problem: ${p}`),
    ];
    return { json: { ...result, files: [`${base}.docx`, `${base}.html`] }, text: lines.join("\n") };
  },
};

export const REPORT_COMMANDS = [report];
