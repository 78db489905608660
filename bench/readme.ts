/**
 * `npm run bench:readme`: regenerates the README's performance section from bench/results.json (written by
 * `npm run bench -- --json`), between the markers <!-- bench:begin --> and <!-- bench:end -->.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "./scenario";

const here = path.dirname(fileURLToPath(import.meta.url));
const README = path.join(here, "..", "README.md");
const BEGIN = "<!-- bench:begin -->";
const END = "<!-- bench:end -->";
const LIMIT_CELLS = 10_000_000;
const SIX_MINUTES = 360;

const n = (x: number) => x.toLocaleString("en-US");
const cell = (r: BenchRow | undefined) => {
  if (!r) return "–";
  if (r.extrapolated && r.budgeted) return `≤ ${r.modeledSeconds.toFixed(0)} (a slice)`;
  return `${r.extrapolated ? "≈" : ""}${r.modeledSeconds.toFixed(1)}${r.over6Minutes ? " ⛔" : ""}`;
};

/** Inquiries at which a scenario's modeled time reaches 6 minutes: a line through its two largest measured sizes. */
function crossing(rows: BenchRow[], cellLimitAt: number | null): string {
  if (rows.some((r) => r.budgeted)) return "never: stops within its 4.5-minute budget, the next run goes on";
  const pts = rows.filter((r) => !r.extrapolated && r.inquiries).sort((a, b) => a.inquiries! - b.inquiries!);
  const over = pts.find((r) => r.modeledSeconds > SIX_MINUTES);
  if (over) return `over 6 min at ${n(over.inquiries!)} inquiries (measured)`;
  if (pts.length < 2) return "–";
  const [a, b] = pts.slice(-2);
  const slope = (b.modeledSeconds - a.modeledSeconds) / (b.inquiries! - a.inquiries!);
  if (slope <= 0) return "does not grow with the book";
  const at = b.inquiries! + (SIX_MINUTES - b.modeledSeconds) / slope;
  const text = `≈ ${n(Math.round(at / 1000) * 1000)} inquiries`;
  return cellLimitAt !== null && at > cellLimitAt ? `${text}, past the cell limit` : text;
}

/** Inquiries at which the book's cells reach the limit: a line through the two largest measured sizes. */
function cellLimitInquiries(sizes: BenchRow[]): number | null {
  const pts = sizes.filter((s) => s.cells && s.inquiries).sort((a, b) => a.inquiries! - b.inquiries!);
  if (pts.length < 2) return null;
  const [a, b] = pts.slice(-2);
  const slope = (b.cells! - a.cells!) / (b.inquiries! - a.inquiries!);
  return b.inquiries! + (LIMIT_CELLS - b.cells!) / slope;
}

export function render(results: BenchRow[]): string {
  const scaled = results.filter((r) => r.inquiries);
  const sizes = [...new Map(scaled.map((r) => [r.size, r])).values()].sort((a, b) => a.inquiries! - b.inquiries!);
  const scenarios = [...new Set(scaled.map((r) => r.scenario))];
  const at = (scenario: string, size: string) => scaled.find((r) => r.scenario === scenario && r.size === size);
  const lines: string[] = [];
  lines.push(
    "Modeled Apps Script seconds per scenario (the emulator's cost table, plus loading the bundle once per execution); ⛔ = over the 6-minute limit of one execution; ≈ = worked out from the two largest measured sizes, because a book that size is over the 10 million cell limit and cannot exist as one spreadsheet.",
    "",
    `| scenario | ${sizes.map((s) => s.size).join(" | ")} | crosses 6 minutes |`,
    `| --- | ${sizes.map(() => "---:").join(" | ")} | --- |`,
    `| cells in the book | ${sizes.map((s) => `${n(s.cells ?? 0)}${(s.cells ?? 0) >= LIMIT_CELLS ? " ⛔ over the limit" : ""}`).join(" | ")} | |`,
  );
  const limitAt = cellLimitInquiries(sizes.filter((s) => !s.extrapolated));
  for (const sc of scenarios)
    lines.push(
      `| ${sc} | ${sizes.map((s) => cell(at(sc, s.size))).join(" | ")} | ${crossing(
        scaled.filter((r) => r.scenario === sc),
        limitAt,
      )} |`,
    );
  if (limitAt !== null)
    lines.push(
      "",
      `A book of this shape (1 buyer per 5 inquiries, follow-ups two per inquiry, a year of Log at one line per inquiry) reaches the 10 million cell limit at ≈ ${n(Math.round(limitAt / 1000) * 1000)} inquiries without archiving.`,
    );
  const main = sizes.filter((s) => !s.extrapolated).at(-2) ?? sizes[0];
  if (main) {
    lines.push(
      "",
      `Every call counted on the lived-in book of ${main.size} (${n(main.cells ?? 0)} cells): the second call of each sidebar action (one RPC each: an action returns the cards it changed), round trips (Sheets reads, writes, searches, structural edits; Gmail searches, fetches, label, draft and send calls) against the lower bound computed from the work (sheets touched, rows found, threads read), Node CPU and the process's memory.`,
      "",
      "| scenario | RPCs | Sheets calls | Gmail calls | round trips / lower bound | ratio | modeled s | CPU ms | RSS MB |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const r of scaled.filter((x) => x.size === main.size))
      lines.push(
        `| ${r.scenario} | ${r.rpcs} | ${n(r.sheetsCalls)} | ${n(r.gmailCalls)} | ${r.roundTrips ?? "?"} / ${r.lowerBoundCalls} | ${r.ratio} | ${r.modeledSeconds} | ${n(r.cpuMs)} | ${r.extrapolated ? "–" : r.rssMb} |`,
      );
  }
  const other = results.filter((r) => !r.inquiries);
  if (other.length > 0) {
    lines.push(
      "",
      "The issue scenarios (fresh books built per scenario):",
      "",
      "| scenario | Sheets calls | Gmail calls | counted / lower bound | ratio | modeled s | CPU ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const r of other)
      lines.push(
        `| ${r.scenario} | ${n(r.sheetsCalls)} | ${n(r.gmailCalls)} | ${r.roundTrips ?? "?"} / ${r.lowerBoundCalls} | ${r.ratio} | ${r.modeledSeconds} | ${n(r.cpuMs)} |`,
      );
  }
  return lines.join("\n");
}

function main(): void {
  const results = JSON.parse(readFileSync(path.join(here, "results.json"), "utf8")) as BenchRow[];
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} section`);
  const next = `${readme.slice(0, start + BEGIN.length)}\n${render(results)}\n${readme.slice(end)}`;
  writeFileSync(README, next);
  console.log(`README.md: performance section regenerated from ${results.length} results`);
}

main();
