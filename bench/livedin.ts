/**
 * What users feel on a lived-in book: the second call of every sidebar action (an action answers with the
 * views it changed, so it is the only call), the daily upkeep, the three reports, a quiet heartbeat tick and a mail pull with
 * multi-message threads — on books from 1k buyers / 10k inquiries up to the cell limit, plus the sizes past
 * it, worked out from the measured ones. Each scenario's lower bound comes from bench/livedin/bounds.ts.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Budget } from "../src/app/budget";
import type { RpcResult } from "../src/app/result";
import { CELL_LIMIT } from "../src/domain/capacity";
import type { JobName } from "../src/domain/schedule";
import { type ArchiveRun, archiveOldRows } from "../src/features/archive";
import { pullMailbox } from "../src/features/intake";
import { reportRunner } from "../src/features/reports";
import {
  digestRunner,
  type JobArgs,
  type JobSpec,
  markScheduleStart,
  runHeartbeat,
  UPKEEP_PART_MIN_MS,
  upkeepRunner,
} from "../src/features/schedule";
import { HANDLERS } from "../src/rpc/handlers";
import { dispatch } from "../src/rpc/server";
import { Buyers, FollowUps, Inquiries, Quotes, Samples } from "../src/store/schemas";
import { ALICE, ASSISTANT, BOSS, type BookSize, type LivedInBook, livedInBook, NOW } from "./livedin/book";
import { lowerBound, readBlocks, type Work, writeBlocks } from "./livedin/bounds";
import { bundleBytes, measure, SIX_MINUTES } from "./livedin/measure";
import type { BenchRow, Suite } from "./scenario";

const HOUR = 3_600_000;
/** The jobs' own budget (src/app/budget.ts): they stop there and resume at the next run. */
const BUDGET_SECONDS = 270;
const here = path.dirname(fileURLToPath(import.meta.url));
const SHEETS_ROUND_TRIPS = ["Spreadsheet.read", "Spreadsheet.write", "Spreadsheet.find", "Spreadsheet.structure"];

/** The sizes of the scaling table; the main lived-in book is the third. */
export const SIZES: BookSize[] = [
  { buyers: 1_000, inquiries: 10_000 },
  { buyers: 10_000, inquiries: 50_000 },
  { buyers: 20_000, inquiries: 100_000 },
  { buyers: 30_000, inquiries: 150_000 },
  { buyers: 100_000, inquiries: 300_000 },
];

const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
export const sizeLabel = (s: BookSize) =>
  `${k(s.buyers)} buyers, ${k(s.inquiries)} inquiries, ${k(s.followUps ?? s.inquiries * 2)} follow-ups, ${k(s.logRows ?? s.inquiries)} Log`;

/** Cells of a book of this size, sized to its columns (the builder's shape: 5% quotes, 2% samples). */
export function cellsOfSize(s: BookSize): number {
  const col = (spec: { columns: readonly unknown[] }) => spec.columns.length;
  const rows = (n: number) => n + 1;
  return (
    rows(s.buyers) * col(Buyers) +
    rows(s.inquiries) * col(Inquiries) +
    rows(s.followUps ?? s.inquiries * 2) * col(FollowUps) +
    rows(Math.round(s.inquiries * 0.05)) * col(Quotes) +
    rows(Math.round(s.inquiries * 0.02)) * col(Samples) +
    rows(s.logRows ?? s.inquiries) * 5 +
    // Settings, Staff, Products, Rules, Routing, Templates at their 1,000 rows.
    1000 * (3 + 12 + 15 + 5 + 4 + 4)
  );
}

function caller(w: LivedInBook) {
  return <T>(user: string, method: string, payload: unknown = {}): T =>
    w.env.ctx.runAs(user, () => {
      w.env.LockService.beginExecution(`bench-${method}`);
      try {
        const r = dispatch(HANDLERS, method, JSON.stringify(payload), w.book, user, NOW) as RpcResult<T>;
        if (!r.ok) throw new Error(`${method}: ${r.code} ${r.error}`);
        return r.data;
      } finally {
        w.env.LockService.endExecution(`bench-${method}`);
      }
    });
}

/** The desk's work: the desk columns of every buyer, the inquiries needing attention (read where they are), samples. */
function deskWork(w: LivedInBook): Work {
  // The open inquiries were located by the first open (nothing has written Inquiries since): no search is due.
  return {
    reads: [
      { sheet: "Buyers", blocks: 1 },
      { sheet: "Inquiries", blocks: readBlocks(w.deskRows, 14) },
      { sheet: "Samples", blocks: 1 },
    ],
  };
}

/** The buyer view's work: the buyer's row (its place known), and each history sheet searched, then its blocks read. */
function buyerWork(w: LivedInBook): Work {
  const h = w.heavy;
  return {
    reads: [
      { sheet: "Buyers", blocks: 1 },
      { sheet: "Inquiries", blocks: readBlocks(h.inquiryRows, Inquiries.columns.length), locate: true },
      { sheet: "Follow-ups", blocks: readBlocks(h.followUpRows, FollowUps.columns.length), locate: true },
      { sheet: "Quotes", blocks: readBlocks(h.quoteRows, Quotes.columns.length), locate: true },
      { sheet: "Samples", blocks: readBlocks(h.sampleRows, Samples.columns.length), locate: true },
    ],
  };
}

/** A change to one row of each of `sheets` (read it, write it) and one follow-up appended. */
const clickWork = (sheets: string[]): Work => ({
  reads: sheets.map((sheet) => ({ sheet, blocks: 1 })),
  writes: [...sheets.map((sheet) => ({ sheet, blocks: 1 })), { sheet: "Follow-ups", blocks: 1 }],
});

export function sidebarRows(w: LivedInBook, size: string): BenchRow[] {
  const call = caller(w);
  const rows: BenchRow[] = [];
  const heavy = w.heavy;
  const history = heavy.inquiryRows.length + heavy.followUpRows.length + heavy.quoteRows.length;
  const run = (name: string, rpcs: number, work: Work, first: () => unknown, second: () => unknown) => {
    first();
    rows.push(measure(w.env, { name, size, rpcs, bound: lowerBound(work) }, second));
  };
  run(
    "sidebar: open (bootstrap), second open",
    1,
    deskWork(w),
    () => call(ALICE, "bootstrap"),
    () => call(ALICE, "bootstrap"),
  );
  run(
    "sidebar: desk refresh",
    1,
    deskWork(w),
    () => call(ALICE, "desk"),
    () => call(ALICE, "desk"),
  );
  const view = buyerWork(w);
  view.reads![0].sheet = `Buyers (the buyer of ${history} history rows)`;
  run(
    "sidebar: buyer view (a buyer with 50–200 history rows scattered)",
    1,
    view,
    () => call(ALICE, "buyer", { buyerId: heavy.id }),
    () => call(ALICE, "buyer", { buyerId: heavy.id }),
  );
  run(
    "sidebar: search buyers",
    1,
    { reads: [{ sheet: "Buyers", blocks: 1 }] },
    () => call(ALICE, "searchBuyers", { query: "Hamburg Lighting 11" }),
    () => call(ALICE, "searchBuyers", { query: "Dubai Lighting 24" }),
  );
  // An action answers with the views it changed (the desk card, the buyer card): the sidebar makes no second call.
  const [first, second] = w.openInquiries;
  run(
    "sidebar: grade an inquiry (the desk and buyer cards come back with it)",
    1,
    clickWork(["Inquiries", "Buyers"]),
    () => call(ALICE, "gradeInquiry", { inquiryId: first.id, buyerId: first.buyerId, grade: "B" }),
    () => call(ALICE, "gradeInquiry", { inquiryId: second.id, buyerId: second.buyerId, grade: "A" }),
  );
  run(
    "sidebar: grade a buyer with 50–200 history rows (the buyer card comes back with it)",
    1,
    clickWork(["Buyers"]),
    () => call(ALICE, "gradeBuyer", { buyerId: heavy.id, grade: "B" }),
    () => call(ALICE, "gradeBuyer", { buyerId: heavy.id, grade: "A" }),
  );
  const followUp = (summary: string) => ({ buyerId: heavy.id, channel: "phone", summary, nextStep: "Send the quote" });
  run(
    "sidebar: log a follow-up for a buyer with 50–200 history rows (the buyer card comes back with it)",
    1,
    clickWork(["Buyers"]),
    () => call(ALICE, "logFollowUp", followUp("Called; they want 500 pcs by March")),
    () => call(ALICE, "logFollowUp", followUp("Called again; samples first")),
  );
  return rows;
}

/** Heartbeat jobs as the add-on schedules them (entry.ts SCHEDULED_JOBS: the same runners and minimum times). */
const JOBS: Partial<Record<JobName, JobSpec>> = {
  pull: {
    run: ({ book, user, now, budget }) => pullMailbox({ book, mailbox: user, now, budget }),
    perUser: true,
    lockWhole: true,
    minMs: 60_000,
  },
  upkeep: { run: upkeepRunner, minMs: UPKEEP_PART_MIN_MS },
  digest: { run: digestRunner, perUser: true, minMs: 20_000 },
  weekly: { run: reportRunner("weekly"), minMs: 40_000 },
  midweek: { run: reportRunner("midweek"), minMs: 40_000 },
  "monthly-a": { run: reportRunner("monthly-a"), minMs: 40_000 },
};

/** The bench runs one execution at a time: a job's own locking needs nothing more. */
const withLock: JobArgs["withLock"] = (fn) => fn();

function jobRows(w: LivedInBook, size: string): BenchRow[] {
  const rows: BenchRow[] = [];
  const env = w.env;
  const budget = () => new Budget(270_000, () => env.ctx.clock.nowMs());
  env.ctx.modelTime = true;
  try {
    // A quiet tick: an hour after the last, nothing due (11:40 in Shanghai), the small-table cache gone cold.
    env.ctx.meter.quietly(() => markScheduleStart(w.book, new Date(NOW.getTime() - HOUR)));
    env.ctx.clock.set(new Date(NOW.getTime() + HOUR));
    const tickAt = env.ctx.clock.now();
    rows.push(
      measure(
        env,
        {
          program: true,
          name: "heartbeat: a quiet tick (nothing due)",
          size,
          rpcs: 1,
          bound: lowerBound({
            reads: [
              { sheet: "Settings", blocks: 1 },
              { sheet: "Staff", blocks: 1 },
            ],
          }),
          counted: SHEETS_ROUND_TRIPS,
        },
        () => env.ctx.runAs(ALICE, () => runHeartbeat(w.book, ALICE, tickAt, budget(), JOBS)),
      ),
    );
    // A report is written in slices (each its own execution under the budget) until it says it is done.
    const report = (kind: "weekly" | "midweek" | "monthly-a", sheets: number, slot: string) => {
      let slices = 0;
      const row = measure(
        env,
        {
          program: true,
          name: `report: ${kind === "weekly" ? "weekly (Saturday)" : kind === "midweek" ? "Wednesday brief" : "monthly A-list"}`,
          size,
          rpcs: 1,
          bound: lowerBound({
            reads: Array.from({ length: sheets }, (_, i) => ({ sheet: `sheet ${i + 1}`, blocks: 1 })),
          }),
          counted: ["Spreadsheet.read"],
        },
        () => {
          let result: unknown;
          do {
            slices += 1;
            // The reports are the assistant's to write (reportWriter: the first active assistant).
            result = env.ctx.runAs(ASSISTANT, () =>
              reportRunner(kind)({
                book: w.book,
                user: ASSISTANT,
                now: env.ctx.clock.now(),
                budget: budget(),
                slotKey: slot,
                withLock,
              }),
            );
          } while ((result as { done?: boolean }).done === false && slices < 20);
          return result;
        },
      );
      // Each slice is an execution that loads the bundle.
      row.modeledSeconds = Number(
        (row.modeledSeconds + ((slices - 1) * env.loadCost(bundleBytes(true))) / 1000).toFixed(2),
      );
      row.rpcs = slices;
      rows.push(row);
    };
    // Settings, Staff, Buyers, Inquiries, Follow-ups, Quotes, Samples for the week; the brief and the A-list
    // need all but Samples.
    report("weekly", 7, "weekly@2026-W48");
    report("midweek", 6, "midweek@2026-W48");
    report("monthly-a", 6, "monthly-a@2026-10");
    // The archive's first run on this book (a slice under the budget; nothing older than the window moved yet).
    rows.push(
      measure(
        env,
        {
          program: true,
          name: "archive: first run (one slice of the backlog)",
          size,
          rpcs: 1,
          // Deciding needs each archived sheet's date (and status) column; each sheet with rows to move needs
          // them read, appended to the archive, read back there, deleted from the book, and for buyer history
          // the buyers' "Archived history" read and written.
          bound: (value) => {
            const moved = Object.entries((value as ArchiveRun).moved).filter(([, n]) => n > 0);
            const withBuyers = moved.filter(([sheet]) => sheet !== "Log").length;
            return lowerBound({
              reads: [
                ...["Settings", "Inquiries", "Follow-ups", "Quotes", "Log"].map((sheet) => ({ sheet, blocks: 1 })),
                ...moved.flatMap(([sheet]) => [
                  { sheet: `${sheet} rows to move`, blocks: 1 },
                  { sheet: `${sheet} read back from the archive`, blocks: 1 },
                ]),
                ...(withBuyers > 0 ? [{ sheet: "Buyers (archived history)", blocks: 1 }] : []),
              ],
              writes: [
                ...moved.map(([sheet]) => ({ sheet: `${sheet} into the archive`, blocks: 1 })),
                ...(withBuyers > 0 ? [{ sheet: "Buyers (archived history)", blocks: 1 }] : []),
              ],
              structural: moved.length,
            });
          },
          counted: SHEETS_ROUND_TRIPS,
        },
        () => env.ctx.runAs(BOSS, () => archiveOldRows({ book: w.book, now: env.ctx.clock.now(), budget: budget() })),
      ),
    );
    // The daily upkeep, on its second day (the Dashboard exists; the archive goes on with its backlog).
    const upkeep = () =>
      env.ctx.runAs(BOSS, () =>
        upkeepRunner({
          book: w.book,
          user: BOSS,
          now: env.ctx.clock.now(),
          budget: budget(),
          slotKey: `upkeep@${env.ctx.clock.now().toISOString()}`,
          withLock,
        }),
      );
    env.ctx.meter.quietly(upkeep);
    env.ctx.clock.advance(24 * HOUR);
    rows.push(
      measure(
        env,
        {
          program: true,
          name: "upkeep: daily (returns, due dates, dashboard, expired quotes, archive)",
          size,
          rpcs: 1,
          bound: lowerBound({
            reads: ["Settings", "Staff", "Buyers", "Inquiries", "Follow-ups", "Quotes", "Log"].map((sheet) => ({
              sheet,
              blocks: 1,
            })),
            writes: [
              { sheet: "Buyers", blocks: 1 },
              { sheet: "Dashboard", blocks: 1 },
            ],
          }),
          counted: SHEETS_ROUND_TRIPS,
        },
        upkeep,
      ),
    );
    rows.push(pullRow(w, size, budget));
  } finally {
    env.ctx.modelTime = false;
    env.ctx.clock.set(NOW);
  }
  return rows;
}

/**
 * Alice's mail since the last pull: 100 new inquiries from new senders and 30 replies from her buyers, each
 * the fourth message of a thread (three earlier messages: theirs, our answer, theirs).
 */
function pullRow(w: LivedInBook, size: string, budget: () => Budget): BenchRow {
  const env = w.env;
  const at = env.ctx.clock.nowMs();
  const known = w.deskRows.slice(0, 30).map((row) => row - 2);
  env.ctx.meter.quietly(() => {
    for (let n = 0; n < 100; n += 1)
      env.mail.deliverStructured(
        {
          from: `Buyer ${n} <purchasing${n}@newfirm${n}.example>`,
          to: ALICE,
          subject: `RFQ ${n}: LED flood lights`,
          text: `Hello,\nplease quote ${200 + n} pcs of 100W flood lights, CIF Jebel Ali.\nBest regards\nBuyer ${n}`,
          messageId: `<new${n}@newfirm${n}.example>`,
          date: new Date(at - (n + 1) * 60_000),
        },
        { mailboxes: [ALICE] },
      );
    known.forEach((i, t) => {
      const b = (i * 7) % w.size.buyers;
      const ids = [0, 1, 2, 3].map((m) => `<t${t}.${m}@company${b + 1}.example>`);
      for (let m = 0; m < 4; m += 1)
        env.mail.deliverStructured(
          {
            from: m % 2 === 1 ? `Alice <${ALICE}>` : `Contact ${b + 1} <buyer${b + 1}@company${b + 1}.example>`,
            to: m % 2 === 1 ? `buyer${b + 1}@company${b + 1}.example` : ALICE,
            subject: m === 0 ? `Inquiry ${t}: downlights` : `Re: Inquiry ${t}: downlights`,
            text: m % 2 === 1 ? "Thank you, our offer is attached." : `Message ${m}: can you do 3% less?`,
            messageId: ids[m],
            inReplyTo: m > 0 ? ids[m - 1] : undefined,
            references: ids.slice(0, m),
            date: new Date(at - (m < 3 ? 30 * HOUR - m * HOUR : 5 * 60_000 + t * 1000)),
          },
          { mailboxes: [ALICE] },
        );
    });
  });
  const threads = 100 + known.length;
  return measure(
    env,
    {
      program: true,
      name: "pull: 130 threads (100 new, 30 replies ending 4-message threads)",
      size,
      rpcs: 1,
      bound: lowerBound({
        reads: [
          { sheet: "Buyers", blocks: 1 },
          { sheet: "Inquiries", blocks: 1 },
        ],
        writes: [
          { sheet: "Buyers (new)", blocks: 1 },
          {
            sheet: "Buyers (known, last contact)",
            blocks: writeBlocks(known.map((i) => ((i * 7) % w.size.buyers) + 2)),
          },
          { sheet: "Inquiries", blocks: 1 },
        ],
        gmail: { searched: threads, threadsRead: threads, threadsLabelled: threads },
      }),
    },
    () =>
      env.ctx.runAs(ALICE, () =>
        pullMailbox({ book: w.book, mailbox: ALICE, now: env.ctx.clock.now(), budget: budget() }),
      ),
  );
}

/** Every scenario on one book size; the book is dropped afterwards. */
export function measureSize(size: BookSize): BenchRow[] {
  const label = sizeLabel(size);
  const w = livedInBook(size);
  const rows = [...sidebarRows(w, label), ...jobRows(w, label)];
  for (const r of rows)
    Object.assign(r, {
      cells: w.cells,
      buyers: size.buyers,
      inquiries: size.inquiries,
      budgeted: /^(archive|upkeep|pull):/.test(r.scenario),
    });
  return rows;
}

/**
 * Sizes past the cell limit cannot be built as one spreadsheet: each scenario's time there is the straight
 * line through the two largest measured sizes, by the book's cells (what reads and writes scale with), marked.
 */
export function extrapolate(measured: BenchRow[], size: BookSize): BenchRow[] {
  const cells = cellsOfSize(size);
  const byScenario = new Map<string, BenchRow[]>();
  for (const r of measured) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
  const out: BenchRow[] = [];
  for (const [scenario, rows] of byScenario) {
    const pts = rows.filter((r) => r.cells && !r.extrapolated).sort((a, b) => a.cells! - b.cells!);
    if (pts.length < 2) continue;
    const [a, b] = pts.slice(-2);
    const at = (y1: number, y0: number) => y1 + ((y1 - y0) / (b.cells! - a.cells!)) * (cells - b.cells!);
    // A budgeted job stops at its budget whatever the backlog (the rest waits for the next run): at most that.
    const linear = Math.max(0, at(b.modeledSeconds, a.modeledSeconds));
    const modeled = b.budgeted ? BUDGET_SECONDS : linear;
    out.push({
      ...b,
      scenario,
      size: sizeLabel(size),
      modeledSeconds: Number(modeled.toFixed(1)),
      cpuMs: Math.max(0, Math.round(at(b.cpuMs, a.cpuMs))),
      rssMb: 0,
      over6Minutes: modeled > SIX_MINUTES,
      extrapolated: true,
      cells,
      buyers: size.buyers,
      inquiries: size.inquiries,
      result: "",
    });
  }
  return out;
}

/** One size in a child process (its own heap and RSS); two at a time on this 2-core machine. */
function measureInWorker(index: number): Promise<BenchRow[]> {
  const worker = path.join(here, "livedin", "size-worker.ts");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--max-old-space-size=6144", "--import", "tsx", worker, String(index)],
      { maxBuffer: 64 * 1024 * 1024, cwd: path.join(here, "..") },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`size ${index}: ${error.message}\n${stderr}`));
        const last = stdout.trim().split("\n").at(-1) ?? "[]";
        resolve(JSON.parse(last) as BenchRow[]);
      },
    );
  });
}

export const suites: Suite[] = [
  {
    name: "lived-in books (scaling 1k → 100k buyers, 10k → 300k inquiries)",
    async run() {
      const built = SIZES.map((s, i) => ({ s, i })).filter(({ s }) => cellsOfSize(s) < CELL_LIMIT);
      // Largest first, so the two longest runs do not end up one after the other.
      const queue = [...built].sort((a, b) => b.s.inquiries - a.s.inquiries);
      const measured: BenchRow[][] = new Array(SIZES.length).fill([]);
      const lane = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) measured[next.i] = await measureInWorker(next.i);
      };
      await Promise.all([lane(), lane()]);
      const rows = measured.flat();
      for (const size of SIZES.filter((s) => cellsOfSize(s) >= CELL_LIMIT)) rows.push(...extrapolate(rows, size));
      return rows;
    },
  },
];
