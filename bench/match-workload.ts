/**
 * A synthetic book of buyers and a run's senders for measuring matchSender (R22): 20,000 buyers, 500 senders —
 * known addresses, colleagues at a known domain, free-mail senders (every weak look-up gets built), Chinese
 * names, platform buyers with a company and a phone.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BuyerRecord, buildBuyerIndex, matchSender, type SenderFacts } from "../src/domain/matching";

/** A Buyers row as the intake reads it: other addresses are one cell. */
type BuyerRow = BuyerRecord & { otherEmails: string };

const SURNAMES = ["Chen", "Wang", "Smith", "Garcia", "Müller", "Ivanov", "Nguyen", "Kim", "Haddad", "Silva"];
const GIVEN = ["Wei", "Anna", "John", "Maria", "Hans", "Olga", "Minh", "Jisoo", "Omar", "Paulo", "Dawen", "Lucia"];
const HAN = ["陈大文", "王芳", "李明华", "张伟", "刘德华", "黄志强", "周杰", "吴敏"];
const FREE = ["gmail.com", "163.com", "qq.com", "yahoo.com", "hotmail.com", "mail.ru"];

/**
 * The rows as a sheet read hands them over: each cell's text one flat string, decoded from the response. Strings
 * built here by template (a concatenation V8 keeps as parts) take about 1.5 times as long to read as any text
 * the intake ever gets.
 */
function asRead<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function buyersBook(n: number): BuyerRow[] {
  return asRead(
    Array.from({ length: n }, (_, i) => {
      const name =
        i % 11 === 0 ? HAN[i % HAN.length] : `${GIVEN[i % GIVEN.length]} ${SURNAMES[(i * 7) % SURNAMES.length]}`;
      return {
        id: `B-${String(i + 1).padStart(6, "0")}`,
        email: i % 4 === 0 ? `buyer${i}@${FREE[i % FREE.length]}` : `buyer${i}@firm${i}.com`,
        otherEmails: i % 10 === 0 ? `alt${i}@firm${i}.net` : "",
        company: `Firm ${i} Trading Co., Ltd.`,
        name,
        phone: i % 3 === 0 ? `+971 4 ${String(1000000 + i)}` : "",
      };
    }),
  );
}

/** A run's senders, as read from its mail (flat strings too). */
export function runSenders(n: number, buyers: number): SenderFacts[] {
  return asRead(
    Array.from({ length: n }, (_, k) => {
      const i = (k * 37) % buyers;
      switch (k % 5) {
        case 0:
          return { address: `buyer${i}@firm${i}.com`, name: "Known Buyer" };
        case 1:
          return { address: `someone${k}@firm${i}.com`, name: "New Colleague" };
        case 2:
          return { address: `x${k}@gmail.com`, name: `${GIVEN[k % GIVEN.length]} ${SURNAMES[k % SURNAMES.length]}` };
        case 3:
          return { address: `y${k}@qq.com`, name: HAN[k % HAN.length], phone: `+971 4 ${String(1000000 + i)}` };
        default:
          return {
            address: "",
            name: `Platform Buyer ${k}`,
            company: `Newfirm ${k} Trading LLC`,
            phone: "+1 212 555 0100",
          };
      }
    }),
  );
}

export interface MatchingFigures {
  /** Node CPU of one index build plus every sender matched (each look-up built on first use), best of `attempts`. */
  cpuMs: number;
  /** The median of the same attempts. */
  medianCpuMs: number;
  /** Of which the eager part of the build (the rows' fields copied, their addresses and company domains filed). */
  indexCpuMs: number;
  /** How the senders were matched ({ email: 75, domain: 75, weak: 33, … }). */
  kinds: Record<string, number>;
}

/**
 * Runs before the measured ones. V8 compiles the matching code in tiers over the first runs of a process, on
 * threads whose CPU the process counts: a run's CPU falls from about 250 ms to about 20 ms over its first 50 or
 * so runs. The steady figure is the matching's own; the cold one is measured apart (coldMatchingCpuMs).
 */
export const WARM_UP_RUNS = 60;

/**
 * Runs measured after those. This machine's noise comes in spells (the host's, not the process's) that double
 * every run in them: the best of runs spanning more than one spell is the matching's cost.
 */
export const MEASURED_RUNS = 15;

/** One intake run's matching (BuyerBook): see measureMatching. */
function matchOnce(book: BuyerRow[], run: SenderFacts[]) {
  const start = process.cpuUsage();
  const index = buildBuyerIndex(book, { rowsChange: true }); // as the intake builds it
  const built = process.cpuUsage(start);
  const kinds: Record<string, number> = {};
  run.forEach((s, k) => {
    const match = matchSender(index, s);
    kinds[match.kind] = (kinds[match.kind] ?? 0) + 1;
    if (match.strong && match.kind !== "email" && match.addAddress) index.addAddress(match.buyerId, match.addAddress);
    if (!match.strong) {
      const entered = {
        id: `N-${k}`,
        email: s.address,
        otherEmails: "",
        company: s.company ?? "",
        name: s.name ?? "",
      };
      index.add({ ...entered, website: "", phone: s.phone ?? "" });
    }
  });
  const used = process.cpuUsage(start);
  return { cpuMs: (used.user + used.system) / 1000, indexCpuMs: (built.user + built.system) / 1000, kinds };
}

/**
 * Matching `senders` against `buyers` with every look-up the richer matching uses (addresses, domains, company
 * names and words, contact names with their pinyin, phone tails), as one intake run does (BuyerBook): the index
 * built from the rows, each sender matched, a new address filed under the buyer a strong match joins, a new
 * buyer entered into the index for every other sender. The best and the median of `attempts` once the JIT has
 * settled (WARM_UP_RUNS), as the machines are noisy. A figure for the bench, never a test assertion.
 */
export function measureMatching(buyers = 20_000, senders = 500, attempts = MEASURED_RUNS): MatchingFigures {
  const book = buyersBook(buyers);
  const run = runSenders(senders, buyers);
  for (let i = 0; i < WARM_UP_RUNS; i++) matchOnce(book, run);
  const runs = Array.from({ length: attempts }, () => matchOnce(book, run)).sort((a, b) => a.cpuMs - b.cpuMs);
  const best = runs[0];
  const oneDecimal = (n: number) => Number(n.toFixed(1));
  return {
    cpuMs: oneDecimal(best.cpuMs),
    medianCpuMs: oneDecimal(runs[Math.floor(runs.length / 2)].cpuMs),
    indexCpuMs: oneDecimal(best.indexCpuMs),
    kinds: best.kinds,
  };
}

/** Runs `call` (an export of this module) in a fresh Node process and answers what it printed, as JSON. */
function inFreshProcess<T>(call: string): T {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(here, "match-workload.ts")).href)});
console.log(JSON.stringify(m.${call}));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
    cwd: path.join(here, ".."),
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "null") as T;
}

/**
 * measureMatching in a process of its own: its heap holds the book and the run alone, so the collector's threads,
 * whose CPU is counted with the runs, collect only what matching leaves.
 */
export function measureMatchingApart(buyers = 20_000, senders = 500, attempts = MEASURED_RUNS): MatchingFigures {
  return inFreshProcess<MatchingFigures>(`measureMatching(${buyers}, ${senders}, ${attempts})`);
}

/**
 * The same run's CPU in a fresh Node process, its first and only run: the code not yet compiled, as each Apps
 * Script execution starts (its V8 differs; the figure shows what compiling adds, not Google's time).
 */
export function coldMatchingCpuMs(buyers = 20_000, senders = 500): number {
  return Number(inFreshProcess<number>(`firstRunCpuMs(${buyers}, ${senders})`).toFixed(1));
}

/** The first run's CPU in this process (cold only when nothing matched before). */
export function firstRunCpuMs(buyers: number, senders: number): number {
  return matchOnce(buyersBook(buyers), runSenders(senders, buyers)).cpuMs;
}
