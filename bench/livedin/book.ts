/**
 * A lived-in book, built fast: every column filled as the app fills it (derived columns, Gmail ids,
 * Message-IDs), buyers whose 50–200 history rows are scattered through the sheets, follow-ups two per
 * inquiry, a full Log, a team of eight. The sheets are written straight into the emulator's model (no
 * metered calls, no per-cell input parsing), which is what lets a 9-million-cell book be built in seconds.
 */
import { createGasEnvironment, type GasEnvironment } from "@buyerbook/gas-emulator";
import { recordBeat } from "../../src/app/heartbeats";
import { markInquiriesWritten } from "../../src/features/desk";
import { setupWorkbook } from "../../src/features/setup";
import { bookState } from "../../src/gas/book-state";
import type { SheetSpec } from "../../src/store/columns";
import { Buyers, FollowUps, Inquiries, Log, Quotes, Samples, Staff } from "../../src/store/schemas";
import { loadSmallTables } from "../../src/store/small-tables";

export const BOSS = "boss@acme-tools.cn";
export const ASSISTANT = "amy@acme-tools.cn";
export const SALES = Array.from({ length: 6 }, (_, i) => `sales${i + 1}@acme-tools.cn`);
export const ALICE = SALES[0];
/** Monday 23 Nov 2026, 10:40 in Shanghai: no pull, upkeep or report slot is due. */
export const NOW = new Date("2026-11-23T02:40:00Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface BookSize {
  buyers: number;
  inquiries: number;
  /** Default: two per inquiry. */
  followUps?: number;
  /** Default: one line per inquiry (a full year of Log at this rate). */
  logRows?: number;
}

export interface LivedInBook {
  env: GasEnvironment;
  book: GoogleAppsScript.Spreadsheet.Spreadsheet;
  size: Required<BookSize>;
  cells: number;
  /** The buyer with the most scattered history (owned by Alice), and where its rows are. */
  heavy: {
    id: string;
    row: number;
    inquiryRows: number[];
    followUpRows: number[];
    quoteRows: number[];
    sampleRows: number[];
  };
  /** An open inquiry of Alice's near the bottom, and another for a second click. */
  openInquiries: { id: string; row: number; buyerId: string }[];
  /** Inquiry rows a desk must look at: open or not yet graded (whoever owns them). */
  deskRows: number[];
}

/** The rules the inquiry rows are built by (also what the bounds are computed from). */
const isOpen = (i: number, n: number) => n - 1 - i < 200 && i % 3 !== 0;
const isUngraded = (i: number, n: number) => (n - 1 - i < 400 && i % 2 === 0) || i % 2_000 === 7;

const COUNTRIES = [
  ["Germany", "Europe", "Hamburg"],
  ["United States", "North America", "Chicago"],
  ["Vietnam", "Southeast Asia", "Hanoi"],
  ["United Arab Emirates", "Middle East", "Dubai"],
  ["Brazil", "South America", "São Paulo"],
  ["Russia", "Europe", "Moscow"],
  ["Saudi Arabia", "Middle East", "Riyadh"],
  ["Korea, Republic of", "East Asia", "Busan"],
  ["Spain", "Europe", "Valencia"],
  ["France", "Europe", "Lyon"],
] as const;
const SUBJECTS = [
  "Anfrage LED-Panel 600x600",
  "询价：太阳能路灯 100W",
  "Cotización lámparas solares",
  "طلب عرض سعر كشافات LED",
  "Запрос цены прожекторы 50 Вт",
  "Demande de prix : projecteurs LED",
  "Báo giá đèn LED âm trần",
  "견적 요청 LED 투광등",
  "Orçamento luminárias LED",
  "RFQ: 2,000 pcs flood lights",
];
const PRODUCTS = ["LED panel", "Solar street light", "Flood light", "Downlight", "High bay"];
const pad = (n: number) => String(n).padStart(6, "0");

/** Deterministic scatter: a heavy buyer's rows land all over the sheet, not in one block. */
function scatter(n: number, count: number, seed: number): number[] {
  return Array.from({ length: count }, (_, j) => (Math.floor(((j + 0.5) * n) / count) + seed * 7919) % n);
}

/** Writes rows into a sheet's model: blanks as the emulator stores them, the grid grown to fit. */
function put(env: GasEnvironment, book: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec, rows: unknown[][]) {
  const model = env.SpreadsheetApp.emulated(book).model.sheetByName(spec.name)!;
  model.maxRows = Math.max(model.maxRows, rows.length + 1);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i];
    const stored = new Array(row.length);
    for (let j = 0; j < row.length; j += 1) stored[j] = row[j] === "" || row[j] === null ? undefined : row[j];
    model.values.rows[i + 1] = stored as never;
  }
}

function line(spec: SheetSpec, values: Record<string, unknown>): unknown[] {
  return spec.columns.map((c) => values[c.key] ?? (c.kind === "bool" ? false : ""));
}

export function livedInBook(input: BookSize): LivedInBook {
  const size: Required<BookSize> = {
    buyers: input.buyers,
    inquiries: input.inquiries,
    followUps: input.followUps ?? input.inquiries * 2,
    logRows: input.logRows ?? input.inquiries,
  };
  const env = createGasEnvironment({ now: NOW, user: BOSS });
  const { Date: _d, console: _c, ...globals } = env.globals();
  Object.assign(globalThis, globals);
  const book = env.SpreadsheetApp.createForTest("Buyerbook", BOSS);
  env.SpreadsheetApp.setActive(book);
  const span = 730 * DAY; // two years of activity
  const start = NOW.getTime() - span;
  const owners = (b: number) => (b % 4 === 0 ? ALICE : SALES[1 + (b % 5)]);

  // Heavy buyers: 1 in 100, each with 17–67 inquiries (and two follow-ups each) scattered through the book.
  const buyerOf = new Int32Array(size.inquiries);
  for (let i = 0; i < size.inquiries; i += 1) buyerOf[i] = (i * 7) % size.buyers;
  const heavyIds: number[] = [];
  for (let b = 0, k = 0; b + 3 < size.buyers; b += 100, k += 1) heavyIds.push(b + (k % 4));
  heavyIds.forEach((b, k) => {
    const quota = 17 + ((k * 37) % 51);
    for (const pos of scatter(size.inquiries, quota, k + 1)) buyerOf[pos] = b;
  });
  const heavyBuyer = heavyIds.filter((b) => owners(b) === ALICE).at(-1) ?? heavyIds[0];

  env.ctx.meter.quietly(() => {
    setupWorkbook(book, BOSS, "en", new Date(start));
    book.addEditors([ASSISTANT, ...SALES]);
    const team = [
      { email: BOSS, name: "Boss Zhang", role: "boss" },
      { email: ASSISTANT, name: "Amy", role: "assistant" },
      ...SALES.map((email, i) => ({ email, name: `Sales ${i + 1}`, role: "salesperson" })),
    ];
    book
      .getSheetByName(Staff.name)!
      .getRange(2, 1, team.length, Staff.columns.length)
      .setValues(team.map((m) => line(Staff, { ...m, status: "active", language: "en", joined: new Date(start) })));
    put(env, book, Buyers, buyerRows(size, start, span, owners));
    put(env, book, Inquiries, inquiryRows(size, start, span, buyerOf, owners));
    put(env, book, FollowUps, followUpRows(size, start, span, buyerOf, owners));
    put(env, book, Quotes, quoteRows(size, start, span, buyerOf, owners));
    put(env, book, Samples, sampleRows(size, start, span));
    put(env, book, Log, logRows(size, span));
    loadSmallTables(book, { intake: true });
    // Everyone's schedule runs: the last hourly heartbeat of each left its beat (and the cached copy of all).
    const state = bookState(book.getId());
    // ... and the last pull wrote Inquiries (the desks' remembered open rows are from after it).
    env.ctx.runAs(ALICE, () => markInquiriesWritten(book));
    for (const email of [BOSS, ASSISTANT, ...SALES])
      env.ctx.runAs(email, () =>
        recordBeat(state, email, { at: NOW.getTime() - 20 * 60_000, pulledAt: NOW.getTime() - 20 * 60_000 }),
      );
  });
  const history = (rows: number, of: (i: number) => number) =>
    Array.from({ length: rows }, (_, i) => i)
      .filter((i) => of(i) === heavyBuyer)
      .map((i) => i + 2);
  const quoteCount = Math.round(size.inquiries * 0.05);
  // Alice's open inquiries nearest the bottom (the newest 200 are partly open: i % 3 !== 0).
  const open: LivedInBook["openInquiries"] = [];
  for (let i = size.inquiries - 1; i >= Math.max(0, size.inquiries - 200) && open.length < 3; i -= 1)
    if (isOpen(i, size.inquiries) && owners(buyerOf[i]) === ALICE)
      open.push({ id: `I-${pad(i + 1)}`, row: i + 2, buyerId: `B-${pad(buyerOf[i] + 1)}` });
  return {
    env,
    book,
    size,
    cells: env.ctx.meter.quietly(() => book.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0)),
    heavy: {
      id: `B-${pad(heavyBuyer + 1)}`,
      row: heavyBuyer + 2,
      inquiryRows: history(size.inquiries, (i) => buyerOf[i]),
      followUpRows: history(size.followUps, (f) => buyerOf[Math.floor(f / 2) % size.inquiries]),
      quoteRows: history(quoteCount, (q) => buyerOf[(q * 20) % size.inquiries]),
      sampleRows: history(Math.round(size.inquiries * 0.02), (x) => (x * 31) % size.buyers),
    },
    openInquiries: open,
    deskRows: Array.from({ length: size.inquiries }, (_, i) => i)
      .filter((i) => isOpen(i, size.inquiries) || isUngraded(i, size.inquiries))
      .map((i) => i + 2),
  };
}

function buyerRows(size: Required<BookSize>, start: number, span: number, owners: (b: number) => string) {
  return Array.from({ length: size.buyers }, (_, b) => {
    const [country, region, city] = COUNTRIES[b % COUNTRIES.length];
    const created = new Date(start + Math.floor((b / size.buyers) * span * 0.9));
    const last = new Date(created.getTime() + ((b * 13) % 90) * DAY);
    const grade = b % 7 === 0 ? "" : "ABCD"[b % 4];
    return line(Buyers, {
      id: `B-${pad(b + 1)}`,
      company: `${city} Lighting ${b + 1} ${b % 3 === 0 ? "GmbH" : b % 3 === 1 ? "LLC" : "Co., Ltd."}`,
      name: `Contact ${b + 1}`,
      email: `buyer${b + 1}@company${b + 1}.example`,
      otherEmails: b % 9 === 0 ? `purchasing${b + 1}@company${b + 1}.example` : "",
      phone: `+49 40 ${String(1_000_000 + b).slice(1)}`,
      website: `company${b + 1}.example`,
      country,
      region,
      nature: ["importer", "wholesaler", "retailer", "distributor"][b % 4],
      source: ["alibaba", "email", "website", "trade-show"][b % 4],
      grade,
      owner: owners(b),
      status: b % 50 === 0 ? "do-not-contact" : "active",
      products: PRODUCTS[b % PRODUCTS.length],
      created,
      lastContact: last,
      nextFollowUp: new Date(last.getTime() + 15 * DAY),
      daysOverdue: Math.max(0, Math.floor((NOW.getTime() - last.getTime()) / DAY) - 15),
      duplicateOf: b % 211 === 0 && b > 0 ? `B-${pad(b)}` : "",
      notes: b % 5 === 0 ? "Prefers WhatsApp; price-sensitive" : "",
      city,
    });
  });
}

function inquiryRows(
  size: Required<BookSize>,
  start: number,
  span: number,
  buyerOf: Int32Array,
  owners: (b: number) => string,
) {
  return Array.from({ length: size.inquiries }, (_, i) => {
    const b = buyerOf[i];
    const received = start + Math.floor((i / size.inquiries) * span);
    const open = isOpen(i, size.inquiries);
    const replied = open ? null : received + (1 + (i % 30)) * 600_000;
    const owner = owners(b);
    return line(Inquiries, {
      id: `I-${pad(i + 1)}`,
      receivedAt: new Date(received),
      channel: i % 10 === 0 ? "platform" : i % 37 === 0 ? "fax" : "email",
      source: i % 10 === 0 ? "alibaba" : "email",
      mailbox: owner,
      buyerId: `B-${pad(b + 1)}`,
      fromName: `Contact ${b + 1}`,
      fromEmail: `buyer${b + 1}@company${b + 1}.example`,
      subject: SUBJECTS[i % SUBJECTS.length],
      summary: `Please quote ${100 + (i % 900)} pcs, FOB Ningbo, delivery in ${2 + (i % 6)} weeks.`,
      product: PRODUCTS[i % PRODUCTS.length],
      quantity: `${100 + (i % 900)} pcs`,
      country: COUNTRIES[b % COUNTRIES.length][0],
      language: ["de", "zh", "es", "ar", "ru", "fr", "vi", "ko", "pt", "en"][i % 10],
      owner,
      assignedTo: owner,
      status: open ? "new" : i % 10 === 0 ? "closed" : "replied",
      grade: isUngraded(i, size.inquiries) ? "" : "ABCD"[i % 4],
      targetAt: new Date(received + 2 * HOUR),
      limitAt: new Date(received + 24 * HOUR),
      repliedAt: replied === null ? "" : new Date(replied),
      responseHours: replied === null ? "" : (replied - received) / HOUR,
      overdue: open && size.inquiries - 1 - i > 100,
      gmailMessageId: `18c${i.toString(16).padStart(13, "0")}`,
      gmailThreadId: `18c${(i - (i % 3)).toString(16).padStart(13, "0")}`,
      rfcMessageId: `<${i}.${b}@company${b + 1}.example>`,
    });
  });
}

function followUpRows(
  size: Required<BookSize>,
  start: number,
  span: number,
  buyerOf: Int32Array,
  owners: (b: number) => string,
) {
  return Array.from({ length: size.followUps }, (_, f) => {
    const i = Math.floor(f / 2) % size.inquiries;
    const b = buyerOf[i];
    const at = start + Math.floor((f / size.followUps) * span) + HOUR;
    return line(FollowUps, {
      id: `F-${pad(f + 1)}`,
      at: new Date(at),
      buyerId: `B-${pad(b + 1)}`,
      inquiryId: `I-${pad(i + 1)}`,
      by: owners(b),
      kind: f % 50 === 0 ? "grade" : f % 23 === 0 ? "sample" : f % 11 === 0 ? "note" : "follow-up",
      channel: ["email", "phone", "platform"][f % 3],
      summary:
        f % 50 === 0 ? "B → A" : `Sent the quote for ${PRODUCTS[f % PRODUCTS.length]}; they compare with two suppliers`,
      nextStep: "Call on Thursday",
      needsBoss: f % 997 === 0,
      bossAnswer: f % 1994 === 0 ? "Agreed: 3% off" : "",
      nextDue: new Date(at + 7 * DAY),
    });
  });
}

function quoteRows(
  size: Required<BookSize>,
  start: number,
  span: number,
  buyerOf: Int32Array,
  owners: (b: number) => string,
) {
  const count = Math.round(size.inquiries * 0.05);
  return Array.from({ length: count }, (_, q) => {
    const i = (q * 20) % size.inquiries;
    const date = start + Math.floor((q / count) * span);
    return line(Quotes, {
      id: `Q-${new Date(date).getUTCFullYear()}-${pad(q + 1)}`,
      date: new Date(date),
      buyerId: `B-${pad(buyerOf[i] + 1)}`,
      inquiryId: `I-${pad(i + 1)}`,
      by: owners(buyerOf[i]),
      tier: "standard",
      currency: "USD",
      incoterm: "FOB",
      port: "Ningbo",
      payment: "T/T",
      items: `${PRODUCTS[q % PRODUCTS.length]} × ${100 + (q % 900)} @ 12.50`,
      total: String(1250 + q),
      status: ["sent", "accepted", "expired", "rejected", "sent"][q % 5],
      validUntil: new Date(date + 30 * DAY),
      draftId: `r-${q}`,
    });
  });
}

function sampleRows(size: Required<BookSize>, start: number, span: number) {
  const count = Math.round(size.inquiries * 0.02);
  return Array.from({ length: count }, (_, s) => {
    const sent = start + Math.floor((s / count) * span);
    return line(Samples, {
      id: `S-${pad(s + 1)}`,
      requestDate: new Date(sent - 3 * DAY),
      buyerId: `B-${pad(((s * 31) % size.buyers) + 1)}`,
      products: PRODUCTS[s % PRODUCTS.length],
      kind: s % 2 === 0 ? "physical" : "electronic",
      freight: "collect",
      courier: "DHL",
      tracking: `JD0146${pad(s)}`,
      cost: "35",
      sent: new Date(sent),
      delivered: new Date(sent + 5 * DAY),
      feedbackDue: new Date(sent + 8 * DAY),
      result: s % 3 === 0 ? "" : "Approved",
    });
  });
}

/** A year of Log, oldest first. */
function logRows(size: Required<BookSize>, span: number) {
  const year = Math.min(span, 365 * DAY);
  const start = NOW.getTime() - year;
  return Array.from({ length: size.logRows }, (_, k) =>
    line(Log, {
      at: new Date(start + Math.floor((k / size.logRows) * year)),
      user: SALES[k % SALES.length],
      action: ["pull", "grade", "follow-up", "quote", "skip"][k % 5],
      target: `I-${pad((k % size.inquiries) + 1)}`,
      detail: k % 5 === 4 ? "newsletter: List-Unsubscribe" : "",
    }),
  );
}
