/**
 * A synthetic book of buyers and a run's senders for measuring matchSender (R22): 20,000 buyers, 500 senders —
 * known addresses, colleagues at a known domain, free-mail senders (every weak look-up gets built), Chinese
 * names, platform buyers with a company and a phone.
 */
import { type BuyerRecord, buildBuyerIndex, matchSender, type SenderFacts } from "../src/domain/matching";

/** A Buyers row as the intake reads it: other addresses are one cell. */
type BuyerRow = BuyerRecord & { otherEmails: string };

const SURNAMES = ["Chen", "Wang", "Smith", "Garcia", "Müller", "Ivanov", "Nguyen", "Kim", "Haddad", "Silva"];
const GIVEN = ["Wei", "Anna", "John", "Maria", "Hans", "Olga", "Minh", "Jisoo", "Omar", "Paulo", "Dawen", "Lucia"];
const HAN = ["陈大文", "王芳", "李明华", "张伟", "刘德华", "黄志强", "周杰", "吴敏"];
const FREE = ["gmail.com", "163.com", "qq.com", "yahoo.com", "hotmail.com", "mail.ru"];

export function buyersBook(n: number): BuyerRow[] {
  return Array.from({ length: n }, (_, i) => {
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
  });
}

export function runSenders(n: number, buyers: number): SenderFacts[] {
  return Array.from({ length: n }, (_, k) => {
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
  });
}

export interface MatchingFigures {
  /** Node CPU of one index build plus every sender matched (each look-up built on first use), best of `attempts`. */
  cpuMs: number;
  /** Of which the eager part of the build (the rows' fields copied, their addresses and company domains filed). */
  indexCpuMs: number;
  /** How the senders were matched ({ email: 75, domain: 75, weak: 33, … }). */
  kinds: Record<string, number>;
}

/**
 * Matching `senders` against `buyers` with every look-up the richer matching uses (addresses, domains, company
 * names and words, contact names with their pinyin, phone tails), as one intake run does (BuyerBook): the index
 * built from the rows, each sender matched, a new address filed under the buyer a strong match joins, a new
 * buyer entered into the index for every other sender. The best of `attempts` after a warm-up, as the machines
 * are noisy. A figure for the bench, never a test assertion.
 */
export function measureMatching(buyers = 20_000, senders = 500, attempts = 5): MatchingFigures {
  const book = buyersBook(buyers);
  const run = runSenders(senders, buyers);
  const once = () => {
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
  };
  once(); // warm the JIT, as a long run would be
  let best = once();
  for (let i = 1; i < attempts; i++) {
    const next = once();
    if (next.cpuMs < best.cpuMs) best = next;
  }
  return { cpuMs: Number(best.cpuMs.toFixed(1)), indexCpuMs: Number(best.indexCpuMs.toFixed(1)), kinds: best.kinds };
}
