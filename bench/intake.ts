/**
 * Intake scenario: 500 new mails pulled into a book of 20,000 buyers and 100,000 inquiries.
 * Targets: Sheets calls <= 20 whatever the count; Gmail calls near the floor (one search page per 500 threads,
 * one threads.get per thread, sent 50 at a time by UrlFetchApp.fetchAll, <= 1,000 messages per label call: about one call a thread); modeled time <= 90 s of
 * the 360 s limit; matching
 * 500 senders against 20,000 buyers <= 50 ms Node CPU.
 */
import { createGasEnvironment } from "@buyerbook/gas-emulator";
import { Budget } from "../src/app/budget";
import { buildBuyerIndex, matchSender } from "../src/domain/matching";
import { pullMailbox } from "../src/features/intake";
import { setupWorkbook } from "../src/features/setup";
import { Buyers, Inquiries, Staff } from "../src/store/schemas";
import { loadSmallTables } from "../src/store/small-tables";
import { MEASURED_RUNS, measureMatching, WARM_UP_RUNS } from "./match-workload";
import type { Scenario } from "./scenario";

const BOSS = "boss@acme-tools.cn";
const ANN = "ann@acme-tools.cn";
const BOB = "bob@acme-tools.cn";
const NOW = new Date("2026-11-23T04:00:00Z");
const BUYERS = 20_000;
const INQUIRIES = 100_000;
const COUNTRIES = ["Germany", "United States", "India", "Brazil", "United Arab Emirates", "Russia", "France", "Peru"];

/** Sheets round trips (reads, writes, structure, metadata); "Spreadsheet.local" accessors need none. */
const SHEETS = [
  "Spreadsheet.read",
  "Spreadsheet.write",
  "Spreadsheet.structure",
  "Spreadsheet.find",
  "Spreadsheet.meta",
];
/** Gmail round trips; the label lookup (Gmail.meta) is reported apart. */
const GMAIL_BATCH = ["Gmail.search", "Gmail.read", "Gmail.label"];

function buyerRow(i: number): unknown[] {
  const values: Record<string, unknown> = {
    id: `B-${String(i).padStart(6, "0")}`,
    company: `Company ${i} Trading Ltd.`,
    name: `Contact ${i}`,
    email: `buyer${i}@company${i}.com`,
    country: COUNTRIES[i % COUNTRIES.length],
    source: "email",
    owner: i % 2 === 0 ? ANN : BOB,
    status: "active",
    created: new Date(NOW.getTime() - (i % 700) * 86_400_000),
  };
  return Buyers.columns.map((c) => values[c.key] ?? "");
}

/** In the mixed scenario, this many of the latest old inquiries are still open and past their limit (R8). */
const OPEN_PAST_LIMIT = 40;

function inquiryRow(i: number, mixed: boolean): unknown[] {
  const received = new Date(NOW.getTime() - (1 + (i % 900)) * 86_400_000);
  const open = mixed && i > INQUIRIES - OPEN_PAST_LIMIT;
  const replied = open ? null : new Date(received.getTime() + 3_600_000);
  const values: Record<string, unknown> = {
    id: `I-${String(i).padStart(6, "0")}`,
    receivedAt: received,
    channel: "email",
    source: "email",
    mailbox: i % 2 === 0 ? ANN : BOB,
    buyerId: `B-${String(1 + (i % BUYERS)).padStart(6, "0")}`,
    fromEmail: `buyer${1 + (i % BUYERS)}@company${1 + (i % BUYERS)}.com`,
    subject: `Old inquiry ${i}`,
    summary: "Please quote.",
    owner: i % 2 === 0 ? ANN : BOB,
    assignedTo: i % 2 === 0 ? ANN : BOB,
    status: open ? "new" : "replied",
    targetAt: received,
    limitAt: received,
    repliedAt: replied,
    responseHours: open ? null : 1,
    overdue: false,
    gmailMessageId: `old${i.toString(16)}`,
    gmailThreadId: `old${i.toString(16)}`,
    rfcMessageId: `old${i}@company.example`,
  };
  return Inquiries.columns.map((c) => values[c.key] ?? (c.kind === "bool" ? false : ""));
}

/**
 * Mail k of `count`: 60% new buyers, 30% known buyers writing again, 10% colleagues at known companies; in the
 * mixed scenario every tenth mail is a newsletter instead (skipped and logged).
 */
function mail(k: number, count: number, mixed = false) {
  if (mixed && k % 10 === 9) {
    return {
      from: `Trade News <news${k}@tradenews.example>`,
      to: ANN,
      subject: `This week in LED lighting #${k}`,
      text: "Market news. Unsubscribe at any time.",
      headers: { "List-Unsubscribe": `<mailto:unsubscribe${k}@tradenews.example>` },
      messageId: `<news${k}@tradenews.example>`,
      date: new Date(NOW.getTime() - (k + 1) * 60_000),
    };
  }
  const date = new Date(NOW.getTime() - (k + 1) * 60_000);
  const known = 1 + ((k * 37) % BUYERS);
  const from =
    k < count * 0.6
      ? `New Buyer ${k} <purchasing${k}@newfirm${k}.com>`
      : k < count * 0.9
        ? `Contact ${known} <buyer${known}@company${known}.com>`
        : `Colleague ${k} <colleague${k}@company${known}.com>`;
  return {
    from,
    to: ANN,
    subject: `Inquiry ${k}: LED panel lights`,
    text: `Hello,\nplease quote ${100 + k} pcs of LED panel lights, FOB Ningbo.\nRegards`,
    messageId: `<new${k}@mail.example>`,
    date,
  };
}

/**
 * `cold`: nothing in the document cache, so Settings, Staff, Rules and Routing are read. Otherwise the state an
 * hourly heartbeat's pull usually meets: a run or a sidebar click in the last 300 s left them cached.
 */
function intake(count: number, mixed = false, cold = false): Scenario {
  const smallReads = cold ? 4 : 0;
  return {
    name: `intake: ${count} new mails into ${BUYERS.toLocaleString("en")} buyers and ${INQUIRIES.toLocaleString("en")} inquiries${mixed ? ` (mixed: newsletters logged, ${OPEN_PAST_LIMIT} old inquiries flagged overdue)` : ""}${cold ? " (cold: small tables not cached)" : " (small tables cached)"}`,
    // Sheets: one read each of Buyers and Inquiries (header + columns), and when cold of Settings, Staff, Rules
    // and Routing; the Buyers appends (values + formats), the Buyers updates (one read that proves the rows by
    // their IDs, one write), the Inquiries appends (values + formats); the Log is not written (no skips).
    // Gmail: one search page, one REST threads.get per thread (no call fetches several threads; a fetchAll sends
    // many at once, which saves time, not calls), the label lookup, one batchModify per 1,000 messages.
    lowerBound: 3 + smallReads + 2 + 2 + 2 + 1 + count + 1 + Math.ceil(count / 1000) + (mixed ? 3 + 2 : 0),
    lowerBoundWhy: `${3 + smallReads} sheet reads (${cold ? "Settings, Staff, Rules, Routing, " : ""}Buyers, Inquiries header + columns), 2 Buyers appends, 2 Buyers update (block read with its IDs + write), 2 Inquiries appends; ${mixed ? "3 for the Log (header read, formats + values of its appends), 2 for the overdue flags (read + write); " : ""}1 search page, ${count} thread fetches (one threads.get each), 1 label lookup, ${Math.ceil(count / 1000)} label call(s) of 1,000 messages`,
    boundCounts: [...SHEETS.filter((t) => t !== "Spreadsheet.meta"), ...GMAIL_BATCH],
    targets: { maxModeledSeconds: 90, maxCalls: { "Gmail.search": 1, "Gmail.read": count, Gmail: 3 * count } },
    run() {
      const env = createGasEnvironment({ now: NOW, user: BOSS });
      const { Date: _d, console: _c, ...globals } = env.globals();
      Object.assign(globalThis, globals);
      const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
      env.SpreadsheetApp.setActive(book);
      env.ctx.meter.quietly(() => {
        setupWorkbook(book, BOSS, "en", NOW);
        book.addEditor(ANN);
        book.addEditor(BOB);
        const staff = book.getSheetByName(Staff.name)!;
        const team = [
          { email: BOSS, name: "Boss", role: "boss" },
          { email: ANN, name: "Ann", role: "salesperson" },
          { email: BOB, name: "Bob", role: "salesperson" },
        ].map((m) =>
          Staff.columns.map((c) => (m as Record<string, string>)[c.key] ?? (c.key === "status" ? "active" : "")),
        );
        staff.getRange(2, 1, team.length, Staff.columns.length).setValues(team);
        for (const [spec, count, row] of [
          [Buyers, BUYERS, buyerRow],
          [Inquiries, INQUIRIES, (i: number) => inquiryRow(i, mixed)],
        ] as const) {
          const sheet = book.getSheetByName(spec.name)!;
          if (sheet.getMaxRows() < count + 1) sheet.insertRowsAfter(sheet.getMaxRows(), count + 1 - sheet.getMaxRows());
          const values = Array.from({ length: count }, (_, i) => row(i + 1));
          sheet.getRange(2, 1, count, spec.columns.length).setValues(values);
        }
        for (let k = 0; k < count; k += 1) env.mail.deliverStructured(mail(k, count, mixed), { mailboxes: [ANN] });
        // As the previous run (another mailbox's pull, a sidebar click) left the document cache.
        if (!cold) loadSmallTables(book, { intake: true });
      });

      // Matching alone, on the same buyers and senders, in Node CPU.
      const records = Array.from({ length: BUYERS }, (_, i) => ({
        id: `B-${String(i + 1).padStart(6, "0")}`,
        email: `buyer${i + 1}@company${i + 1}.com`,
        company: `Company ${i + 1} Trading Ltd.`,
        name: `Contact ${i + 1}`,
      }));
      const senders = Array.from({ length: count }, (_, k) => {
        const m = /^(.*) <(.*)>$/.exec(mail(k, count).from)!;
        return { name: m[1], address: m[2] };
      });
      // Each sender also named with a company (as platform notifications are): every weak look-up gets built.
      const withCompanies = senders.map((s, k) => ({ ...s, company: `Newfirm ${k} Trading Co., Ltd.` }));
      /** CPU of one index build plus every sender matched; the best of `attempts`, as the machines are noisy. */
      const matchCpu = (who: typeof senders, attempts: number) => {
        let best = { total: Number.POSITIVE_INFINITY, build: 0, matched: 0 };
        for (let attempt = 0; attempt < attempts; attempt += 1) {
          const start = process.cpuUsage();
          const index = buildBuyerIndex(records, { rowsChange: true }); // as the intake builds it
          const built = process.cpuUsage(start);
          let matched = 0;
          for (const s of who) if (matchSender(index, s).kind !== "none") matched += 1;
          const used = process.cpuUsage(start);
          const total = (used.user + used.system) / 1000;
          if (total < best.total) best = { total, build: (built.user + built.system) / 1000, matched };
        }
        return best;
      };
      // Until the JIT has settled, as measureMatching does: the figure is the matching's, not V8's compiling.
      matchCpu(senders, WARM_UP_RUNS / 2);
      matchCpu(withCompanies, WARM_UP_RUNS / 2);
      const plain = matchCpu(senders, MEASURED_RUNS);
      const everyLookup = matchCpu(withCompanies, MEASURED_RUNS);
      const ms = (n: number) => Number(n.toFixed(1));
      const matchCpuMs = ms(plain.total);
      const matched = plain.matched;
      // The richer matching (pinyin names, phones, company words) on a book that has them: bench/matching.ts.
      // Measured as the matching scenario measures it, in this run's heap (100,000 inquiries beside it).
      const rich = measureMatching(BUYERS, count);

      env.ctx.meter.reset();
      env.ctx.meter.keepLog = true;
      env.ctx.modelTime = true;
      const pullStart = process.cpuUsage();
      const result = env.ctx.runAs(ANN, () =>
        pullMailbox({ book, mailbox: ANN, now: NOW, budget: new Budget(270_000, () => env.ctx.clock.nowMs()) }),
      );
      const pullUsed = process.cpuUsage(pullStart);
      env.ctx.modelTime = false;
      const meter = env.ctx.meter;
      meter.keepLog = false;
      /** Sheets calls by Apps Script method, the round trips and metadata the target counts. */
      const sheetsByMethod = new Map<string, number>();
      for (const call of meter.log())
        if (SHEETS.includes(call.type)) sheetsByMethod.set(call.method, (sheetsByMethod.get(call.method) ?? 0) + 1);
      const sheetsCalls = SHEETS.reduce((n, t) => n + meter.callsOf(t), 0);
      const sheetsRoundTrips = sheetsCalls - meter.callsOf("Spreadsheet.meta");
      const met = (ok: boolean) => (ok ? "met" : "MISSED");
      return {
        env,
        cpuMs: (pullUsed.user + pullUsed.system) / 1000,
        extra: {
          matchCpuMs,
          matchIndexCpuMs: ms(plain.build),
          matchEveryLookupCpuMs: ms(everyLookup.total),
          matchedKnown: matched,
          sheetsCalls,
          sheetsRoundTrips,
          sheetsTarget: `<= 20: ${met(sheetsRoundTrips <= 20)} for reads/writes/structure (${sheetsRoundTrips}); ${met(sheetsCalls <= 20)} counting metadata getters too (${sheetsCalls})`,
          matchRichCpuMs: rich.cpuMs,
          matchRichMedianCpuMs: rich.medianCpuMs,
          matchTarget: `<= 50 ms: ${met(matchCpuMs <= 50)} (${matchCpuMs} ms, of which building the index ${ms(plain.build)} ms; ${ms(everyLookup.total)} ms when senders name companies too); richer matching (names, pinyin, phones): ${met(rich.cpuMs <= 50)} (${rich.cpuMs} ms, median ${rich.medianCpuMs})`,
          labelTarget: `<= 1,000 messages per call: ${met(meter.methodCalls("Gmail.Users.Messages.batchModify") <= Math.ceil(count / 1000))}`,
          gmailCallsPerThread: Number((meter.callsOf("Gmail") / count).toFixed(2)),
          sheetsByMethod: [...sheetsByMethod].map(([m, n]) => `${m} ${n}`).join(", "),
          sheetsLocalCalls: meter.callsOf("Spreadsheet.local"),
          gmailBatchCalls: GMAIL_BATCH.reduce((n, t) => n + meter.callsOf(t), 0),
          gmailMetaCalls: meter.callsOf("Gmail.meta"),
          labelCalls: meter.methodCalls("Gmail.Users.Messages.batchModify"),
          newInquiries: result.newInquiries,
          newBuyers: result.newBuyers,
          partial: String(result.partial),
        },
      };
    },
  };
}

/**
 * 500 mails is the issue's figure; 50 shows the Sheets calls do not grow with the mail count. The mixed run
 * adds what a working day brings and the issue's figure leaves out: the Log written (header read, last row,
 * insert, formats, values) and open inquiries flagged overdue (their rows re-located and written). The cold
 * run is the first pull after 300 s without any run or click: the small tables read, 8 Sheets calls more.
 */
export const scenarios = [intake(500), intake(50), intake(500, true), intake(500, false, true)];
