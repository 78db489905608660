/**
 * The buyer index's look-ups (hashed keys checked against the exact key) against a plain reference that scans
 * every buyer with the same normalisers: on a generated book of buyers from many countries — messy addresses,
 * legal forms, Chinese names and their pinyin, phones with extensions, repeated IDs — every look-up and every
 * matchSender decision of a run (buyers entered and addresses filed as the intake does) must be the same.
 */
import { describe, expect, it } from "vitest";
import { fold } from "../../src/domain/fold";
import { isFreeMailDomain } from "../../src/domain/free-mail";
import { AsciiWords, hashOf, PlainAddress, wordsHash } from "../../src/domain/key-chains";
import {
  type BuyerIndex,
  type BuyerRecord,
  buildBuyerIndex,
  companyDomain,
  companyTokens,
  findBuyers,
  type MatchResult,
  matchSender,
  normalizeCompany,
  normalizeEmail,
  personNameKeys,
  phoneDigits,
  type SenderFacts,
  splitPhones,
} from "../../src/domain/matching";

/** The look-ups as plain scans over the rows in the order they were indexed: slow, and plainly right. */
class ReferenceIndex {
  private readonly records: BuyerRecord[];
  /** Every address indexed, in order: a row's own, then those filed by addAddress. */
  private readonly addresses: { id: string; address: string }[] = [];
  private readonly domains: { id: string; domain: string }[] = [];
  private readonly added = new Map<string, string[]>();

  constructor(buyers: readonly BuyerRecord[]) {
    this.records = buyers.filter((b) => !!b?.id);
    for (const b of this.records) this.indexAddresses(b);
  }

  private indexAddresses(b: BuyerRecord): void {
    for (const raw of [b.email, ...(b.emails ?? [])]) this.file(b.id, raw);
    const site = b.website ? companyDomain(b.website) : "";
    if (site && !isFreeMailDomain(site)) this.domains.push({ id: b.id, domain: site });
  }

  private file(id: string, raw: string): boolean {
    const address = normalizeEmail(raw);
    if (!address) return false;
    const isNew = this.withEmail(address) === undefined;
    this.addresses.push({ id, address });
    const domain = companyDomain(address);
    if (domain && !isFreeMailDomain(domain)) this.domains.push({ id, domain });
    return isNew;
  }

  add(b: BuyerRecord): void {
    if (!b?.id) return;
    this.records.push(b);
    this.indexAddresses(b);
  }

  addAddress(id: string, address: string): boolean {
    if (!this.buyer(id) || !this.file(id, address)) return false;
    this.added.set(id, [...(this.added.get(id) ?? []), normalizeEmail(address)]);
    return true;
  }

  addedAddresses(id: string): readonly string[] {
    return this.added.get(id) ?? [];
  }

  get size(): number {
    return this.records.length;
  }

  buyer(id: string): BuyerRecord | undefined {
    return this.records.filter((b) => b.id === id).pop();
  }

  contactKeysOf(id: string): readonly string[] {
    return personNameKeys(this.buyer(id)?.name);
  }

  sharesContactKey(id: string, keys: readonly string[]): boolean {
    return keys.some((k) => this.contactKeysOf(id).includes(k));
  }

  phoneLinesOf(id: string): readonly string[] {
    return splitPhones(this.buyer(id)?.phone).map((p) => phoneDigits(p).replace(/^0+/, ""));
  }

  companyTokenCount(normalized: string): number {
    return new Set(companyTokens(normalized)).size;
  }

  forEachBuyer(visit: (b: BuyerRecord) => void): void {
    const byId = new Map<string, BuyerRecord>();
    for (const b of this.records) byId.set(b.id, b);
    byId.forEach(visit);
  }

  withEmail(address: string): string | undefined {
    return address ? this.addresses.find((a) => a.address === address)?.id : undefined;
  }

  atDomain(domain: string): readonly string[] {
    return once(this.domains.filter((d) => d.domain === domain).map((d) => d.id));
  }

  withCompany(normalized: string): readonly string[] {
    return normalized
      ? once(this.records.filter((b) => normalizeCompany(b.company) === normalized).map((b) => b.id))
      : [];
  }

  forCompanyToken(token: string, limit: number, visit: (id: string, company: string) => void): void {
    const found = this.records.filter((b) => companyTokens(normalizeCompany(b.company)).includes(token));
    if (found.length === 1 || found.length <= limit) for (const b of found) visit(b.id, normalizeCompany(b.company));
  }

  withContactName(key: string, limit = Number.POSITIVE_INFINITY): readonly string[] {
    const ids = once(this.records.filter((b) => !!b.name && personNameKeys(b.name).includes(key)).map((b) => b.id));
    return ids.slice(0, limit + 1);
  }

  withPhoneTail(tail: string, limit = Number.POSITIVE_INFINITY): readonly string[] {
    const tails = (b: BuyerRecord) =>
      String(b.phone ?? "")
        .split(/[;,/|]|\bor\b/)
        .map((p) => phoneDigits(p).replace(/^0+/, ""))
        .filter((d) => d.length >= 7)
        .map((d) => d.slice(-7));
    return once(this.records.filter((b) => !!b.phone && tails(b).includes(tail)).map((b) => b.id)).slice(0, limit + 1);
  }
}

/** IDs without a repeat of the one before (a buyer with a key twice is listed once). */
function once(ids: string[]): string[] {
  return ids.filter((id, i) => id !== ids[i - 1]);
}

// ------------------------------------------------------------ a generated book

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) | 0;
    return (state >>> 0) / 2 ** 32;
  };
}

const PEOPLE = [
  "John Smith",
  "Smith, John",
  "Mr. John Smith",
  "Dr John Smith",
  "Chen Dawen",
  "Chen Da Wen",
  "陈大文",
  "王芳",
  "Wang Fang",
  "李明华",
  "Li Minghua",
  "Ming Hua Li",
  "张伟",
  "Zhang Wei",
  "María García",
  "Maria Garcia",
  "Hans Müller",
  "HANS MUELLER",
  "Frau Petra Klein",
  "Иван Петров",
  "Ivan Petrov",
  "Nguyễn Văn An",
  "Nguyen Van An",
  "김민수",
  "Kim Min Su",
  "محمد الحداد",
  "Mohammed Haddad",
  "João Silva",
  "Joao Silva",
  "Pierre Dubois",
  "Søren Ørsted",
  "SØREN ORSTED",
  "Omar",
  "john_smith",
  "O'Neil Brown",
  "Ann-Marie Lee",
  "Ms Ann Marie Lee",
  "黄志强",
  "Wong Chi Keung",
  "",
];
const FIRMS = [
  "Acme Trading Co., Ltd.",
  "ACME Trading",
  "Acme Limited",
  "Smith Hardware Supply, Inc.",
  "Smith Hardware Supply Inc",
  "Müller GmbH & Co. KG",
  "Mueller GmbH",
  "Comercializadora Sol S.A. de C.V.",
  "Sol Comercial",
  "Công ty TNHH Ánh Sáng",
  "深圳市华强有限公司",
  "深圳市华强电子有限公司",
  "(주)한빛전자",
  "ООО «Ромашка»",
  "Al Noor Building Materials Trading LLC",
  "Al Noor Trading",
  "Bella Vista Arredamenti S.p.A.",
  "Sunrise Lighting Pty Ltd",
  "Sunrise Lighting",
  "3M Co",
  "Ærø Møbler ApS",
  "Café Crème S.à r.l.",
  "CAFE CREME SARL",
  "HK Sun Ltd",
  "Global Import Export",
  "Noor",
  "O'Neil & Sons",
  "Gulf Star Hardware FZE",
  "",
];
const DOMAINS = [
  "acme.com",
  "sales.acme.com",
  "acme.co.uk",
  "mail.acme.co.uk",
  "smithhardware.com",
  "mueller.de",
  "sol.com.mx",
  "anhsang.vn",
  "huaqiang.com.cn",
  "hanbit.co.kr",
  "romashka.ru",
  "alnoor.ae",
  "bellavista.it",
  "sunrise.com.au",
  "uni.ac.jp",
  "gmail.com",
  "163.com",
  "qq.com",
  "yahoo.co.uk",
  "hotmail.fr",
  "mail.ru",
];
const PHONES = [
  "+971 4 555 0199",
  "04 555 0199",
  "+971 50 123 4567 / +971 4 555 0199",
  "0086-755-8888 9999",
  "+86 755 8888 9999",
  "+49 30 1234567 ext. 12",
  "030 1234567",
  "+1 (212) 555-0100 x23",
  "+1 212 555 0100 or +1 212 555 0101",
  "00971 4 555 0199",
  "555 01",
  "tel: +7 495 123-45-67",
  "+82 2 1234 5678; +82 10 9876 5432",
  "",
];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)];
}

function address(next: () => number, n: number): string {
  const local = pick(next, ["info", "sales", "john.smith", "li", "Hans.Mueller", "buyer"]);
  const domain = pick(next, DOMAINS);
  const text = `${local}${n % 7}@${domain}`;
  const form = Math.floor(next() * 8);
  if (form === 0) return text.toUpperCase();
  if (form === 1) return `  ${pick(next, PEOPLE)} <${text}> `;
  if (form === 2) return `mailto:${text}`;
  return form === 3 ? `${text}.` : text;
}

function book(seed: number, size: number): BuyerRecord[] {
  const next = random(seed);
  return Array.from({ length: size }, (_, i) => ({
    // A few IDs repeat, as in a hand-edited sheet.
    id: next() < 0.02 ? `B-${Math.floor(next() * i) + 1}` : `B-${i + 1}`,
    email: next() < 0.05 ? "" : address(next, i),
    emails: next() < 0.2 ? [address(next, i + 1), address(next, i + 2)] : undefined,
    company: pick(next, FIRMS),
    website: next() < 0.1 ? `https://www.${pick(next, DOMAINS)}/en` : undefined,
    phone: pick(next, PHONES),
    name: pick(next, PEOPLE),
  }));
}

function senders(seed: number, size: number): SenderFacts[] {
  const next = random(seed);
  return Array.from({ length: size }, (_, k) => ({
    address: next() < 0.15 ? "" : address(next, k),
    name: pick(next, [...PEOPLE, ...FIRMS]),
    company: next() < 0.4 ? pick(next, FIRMS) : undefined,
    phone: next() < 0.4 ? pick(next, PHONES) : undefined,
    fax: next() < 0.05 ? pick(next, PHONES) : undefined,
  }));
}

/**
 * One run: each sender matched, then (as the intake does) the new address filed and the phone a known buyer lacked
 * filled in (the buyer's record entered again under its ID), or a new buyer entered.
 */
function run(index: BuyerIndex, mail: SenderFacts[]): MatchResult[] {
  return mail.map((sender, k) => {
    const match = matchSender(index, sender);
    if (match.strong && match.kind !== "email" && match.addAddress) index.addAddress(match.buyerId, match.addAddress);
    const known = match.strong ? index.buyer(match.buyerId) : undefined;
    if (known && !known.phone && sender.phone) index.add({ ...known, phone: sender.phone });
    if (!match.strong)
      index.add({
        id: `N-${k}`,
        email: sender.address,
        company: sender.company ?? "",
        name: sender.name ?? "",
        phone: sender.phone,
      });
    return match;
  });
}

describe("buyer index look-ups (R22: the same buyers as a plain scan finds)", () => {
  it.each([1, 2, 3])(
    "R22: every matchSender decision of a run on generated book %i equals the plain scan's",
    (seed) => {
      const buyers = book(seed, 400);
      const mail = senders(seed + 100, 300);
      const fast = run(buildBuyerIndex(buyers), mail);
      const plain = run(new ReferenceIndex(buyers) as unknown as BuyerIndex, mail);
      expect(fast).toEqual(plain);
      // The book is varied enough to exercise each kind of decision.
      expect(new Set(fast.map((m) => m.kind))).toEqual(
        new Set(["email", "domain", "company", "contact", "weak", "none"]),
      );
    },
  );

  it.each([4, 5])(
    "R22: on book %i with IDs in ascending order (found by halving) every decision equals the plain scan's",
    (seed) => {
      // As the intake hands IDs out and appends rows: "B-000001", "B-000002", … with no ID repeated.
      const buyers = book(seed, 400).map((b, i) => ({ ...b, id: `B-${String(i + 1).padStart(6, "0")}` }));
      const mail = senders(seed + 100, 300);
      const fast = run(buildBuyerIndex(buyers), mail);
      expect(fast).toEqual(run(new ReferenceIndex(buyers) as unknown as BuyerIndex, mail));
      expect(new Set(fast.map((m) => m.kind))).toEqual(
        new Set(["email", "domain", "company", "contact", "weak", "none"]),
      );
    },
  );

  it("R22: rows changed after the index is built with rowsChange are matched as they were", () => {
    const buyers = book(6, 300);
    // Buyers rows as the intake reads them: the other addresses in one "Other e-mails" cell.
    const rows = buyers.map(({ emails, ...b }) => ({ ...b, otherEmails: (emails ?? []).join(", ") }));
    const mail = senders(106, 200);
    const fast = buildBuyerIndex(rows, { rowsChange: true });
    // The intake fills rows in place as mail arrives; the index answers from the rows as they were.
    for (const row of rows) Object.assign(row, { company: "Changed Company Ltd", name: "Changed Name", phone: "" });
    expect(run(fast, mail)).toEqual(run(new ReferenceIndex(buyers) as unknown as BuyerIndex, mail));
  });

  it("R22: each look-up answers as the plain scan does, after buyers are entered and addresses filed", () => {
    const buyers = book(7, 300);
    const fast = buildBuyerIndex(buyers);
    const plain = new ReferenceIndex(buyers);
    const mail = senders(8, 200);
    run(fast, mail);
    run(plain as unknown as BuyerIndex, mail);
    const all: BuyerRecord[] = [
      ...buyers,
      ...mail.map((s, k) => ({
        id: `N-${k}`,
        email: s.address,
        company: s.company ?? "",
        name: s.name ?? "",
        phone: s.phone,
      })),
    ];
    const same = <T>(ask: (index: BuyerIndex) => T) => expect(ask(fast)).toEqual(ask(plain as unknown as BuyerIndex));
    for (const b of all) {
      same((x) => x.buyer(b.id));
      same((x) => x.addedAddresses(b.id));
      same((x) => x.contactKeysOf(b.id));
      for (const other of buyers.slice(0, 40)) {
        const keys = personNameKeys(other.name);
        same((x) => x.sharesContactKey(b.id, keys, keys.map(wordsHash)));
      }
      same((x) => x.phoneLinesOf(b.id));
      for (const raw of [b.email, ...(b.emails ?? []), b.website ?? ""]) {
        same((x) => x.withEmail(normalizeEmail(raw)));
        same((x) => x.atDomain(companyDomain(raw)));
      }
      const company = normalizeCompany(b.company);
      same((x) => x.withCompany(company));
      for (const token of companyTokens(company)) {
        const visits = (x: BuyerIndex) => {
          const seen: string[] = [];
          x.forCompanyToken(token, 3, (id, name) => seen.push(`${id}:${name}`));
          return seen;
        };
        same(visits);
      }
      for (const key of personNameKeys(b.name)) {
        same((x) => x.withContactName(key));
        same((x) => x.withContactName(key, 2));
      }
      for (const phone of String(b.phone ?? "").split(/[;,/|]|\bor\b/)) {
        const digits = phoneDigits(phone).replace(/^0+/, "");
        same((x) => x.withPhoneTail(digits.slice(-7)));
        same((x) => x.withPhoneTail(digits.slice(-7), 2));
      }
    }
    same((x) => x.size);
    for (const query of [
      "acme",
      "john smith",
      "陈大文",
      "chen dawen",
      "+971 4 555 0199",
      "555 01",
      "acme.co.uk",
      "sol",
    ])
      same((x) => findBuyers(x, query));
  });
});

describe("keys read in place (R22: the same keys the normalisers give)", () => {
  const ADDRESSES = [
    "ann@acme.de",
    "Ann.Berg@Sales.ACME.de",
    "li@mail.foo.com.cn",
    "x@dept.uni.ac.jp",
    "o'neil@acme.ie",
    "ahmed_ali+rfq@alnoor-trading.ae",
    "a@b.c",
    "a@b",
    "@acme.com",
    "a@.acme.com",
    "a@acme..com",
    "a@acme.c0m",
    " ann@acme.de",
    "Ann <ann@acme.de>",
    "ann@acme.de.",
    "jürgen@müller.de",
    "ann@acme.co",
    "x@y.z.co.uk",
    "KELVIN\u212a@acme.com",
    "a@@acme.com",
    "a%b@x-y.com.au",
  ];

  it.each(ADDRESSES)("R22: a plain address %j is hashed as normalizeEmail and companyDomain read it", (raw) => {
    const reader = new PlainAddress();
    if (!reader.read(raw)) {
      // Not plain (spaces, a display name, Unicode, a bad top level): the index takes the normalisers' path.
      expect(raw).not.toMatch(/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/);
      return;
    }
    const address = normalizeEmail(raw);
    expect(address).not.toBe("");
    expect(reader.hash).toBe(hashOf(address));
    const domain = hashOf(companyDomain(address));
    expect(domain === reader.lastTwo || (reader.hasThree && domain === reader.lastThree)).toBe(true);
  });

  it.each([...FIRMS, ...PEOPLE])("R22: the words read from %j include every word normalizeCompany keeps", (text) => {
    const reader = new AsciiWords();
    if (!reader.read(text, true)) return;
    const read = Array.from(reader.hashes.subarray(0, reader.count));
    for (const word of normalizeCompany(text).split(" ").filter(Boolean)) expect(read).toContain(hashOf(word));
  });
});

describe("generated keys read in place (R22: one pass gives what the normalisers give)", () => {
  // Pieces of addresses and names as mail writes them: cases, digits, dots, several labels, a two-letter top level
  // under a generic second level (where companyDomain keeps three labels), accents, separators, joiners.
  const LOCAL = ["ann", "Ann.Berg", "li_98", "o'neil", "x+rfq", "a%b", "9", "-q-", "SALES"];
  const LABELS = ["acme", "ACME", "mail", "co", "com", "ac", "gob", "uk", "cn", "de", "x-y", "9ab", "b", "sales", "jp"];
  const TAILS = ["", "", "", ".", " ", ".c0m", "..com", ">"];
  const WORD_PIECES = [
    "Acme",
    "S.p.A.",
    "O'Neil",
    "Müller",
    "CAFÉ",
    "&",
    "Co.,",
    "Ltd.",
    "x`y",
    "ß",
    "×",
    "ø",
    "陈",
    "9-5",
    " ",
    "  ",
  ];

  it("R22: a plain address is hashed as normalizeEmail and companyDomain read it, on 3,000 generated addresses", () => {
    const next = random(11);
    const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)];
    const reader = new PlainAddress();
    let plain = 0;
    for (let n = 0; n < 3000; n++) {
      const labels = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(LABELS));
      const raw = `${pick(LOCAL)}@${labels.join(".")}${pick(TAILS)}`;
      if (!reader.read(raw)) {
        expect(raw).not.toMatch(/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/);
        continue;
      }
      plain++;
      const address = normalizeEmail(raw);
      expect(reader.hash).toBe(hashOf(address));
      const domain = hashOf(companyDomain(address));
      expect(domain === reader.lastTwo || (reader.hasThree && domain === reader.lastThree)).toBe(true);
    }
    expect(plain).toBeGreaterThan(400);
  });

  it("R22: the words read from a generated name are the words fold() gives, on 3,000 generated names", () => {
    const next = random(12);
    const reader = new AsciiWords();
    let read = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 5) },
        () => WORD_PIECES[Math.floor(next() * WORD_PIECES.length)],
      ).join(next() < 0.5 ? " " : "");
      for (const joining of [true, false]) {
        if (!reader.read(text, joining)) {
          // Declined (the index then takes the normalisers' path): only for a letter fold() does not make one ASCII one.
          expect(text).toMatch(/[\u0080-\uffff]/);
          continue;
        }
        read++;
        const folded = fold(text);
        const expected = (joining ? folded.replace(/[.'`]/g, "") : folded).split(/[^a-z0-9]+/).filter(Boolean);
        expect(Array.from(reader.hashes.subarray(0, reader.count))).toEqual(expected.map((word) => hashOf(word)));
      }
    }
    expect(read).toBeGreaterThan(1000);
  });
});

describe("a word read in place is spelled as fold() spells it", () => {
  it.each(["Müller GmbH & Co. KG", "Bella Vista Arredamenti S.p.A.", "O'Neil & Sons", "Café Crème S.à r.l."])(
    "R22: each word of %j is recognised, and no other",
    (text) => {
      const reader = new AsciiWords();
      expect(reader.read(text, true)).toBe(true);
      const expected = fold(text)
        .replace(/[.'`]/g, "")
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
      expect(reader.count).toBe(expected.length);
      expected.forEach((word, w) => {
        expect(reader.spells(text, w, word, true)).toBe(true);
        expect(reader.spells(text, w, `${word.slice(0, -1)}q`, true)).toBe(word.endsWith("q"));
      });
    },
  );
});
