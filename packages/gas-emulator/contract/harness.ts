/**
 * A tiny describe/it/expect for contract suites that must run in two places: under vitest against the
 * emulator, and bundled into one Apps Script file (npm run contract:build) against the real services.
 * Suites import only this module; they reach the services through the fixture handed to each case, never
 * through an import, so the same code meets `globalThis` in Apps Script and an emulated world in Node.
 * No Node API here: this file is bundled for Apps Script's V8 (ES2019).
 */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Document = GoogleAppsScript.Document.Document;

/** The Apps Script globals a suite may use. */
export interface ContractGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  GmailApp: GoogleAppsScript.Gmail.GmailApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
  Charts: GoogleAppsScript.Charts.Charts;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  /** The Sheets advanced service (enabled in the contract project's manifest). */
  Sheets?: GoogleAppsScript.Sheets;
}

/** What a case receives: the globals plus scratch objects that are cleaned up after the case. */
export interface Fixture extends ContractGlobals {
  /** The user running the suite. */
  me: string;
  /** A new sheet in the scratch spreadsheet (deleted afterwards). */
  sheet(): Sheet;
  /** The scratch spreadsheet (the bound one when there is one). */
  spreadsheet(): Spreadsheet;
  /** A new sheet in the scratch spreadsheet set to `locale` and `timeZone` (both restored afterwards). */
  sheetIn(locale: string, timeZone: string): Sheet;
  /** A new spreadsheet of its own (trashed afterwards). */
  newSpreadsheet(): Spreadsheet;
  /** The current instant as the services see it. */
  now(): Date;
  /** A new Google Doc (trashed afterwards). */
  document(): Document;
  /** Runs `fn` after the case, pass or fail. */
  cleanup(fn: () => void): void;
}

export interface ContractCase {
  suite: string;
  name: string;
  /** The page the expected value comes from, or "unsourced: …" when it is an observation nobody published. */
  ref: string;
  run(fx: Fixture): void;
}

export interface ContractSuite {
  name: string;
  cases: ContractCase[];
}

type It = (name: string, ref: string, run: (fx: Fixture) => void) => void;

/** Declares a suite: `suite("Utilities", (it) => { it("name", "developers.google.com/…", (fx) => {…}) })`. */
export function suite(name: string, body: (it: It) => void): ContractSuite {
  const cases: ContractCase[] = [];
  body((caseName, ref, run) => {
    cases.push({ suite: name, name: caseName, ref, run });
  });
  return { name, cases };
}

// --- expect --------------------------------------------------------------------------------------

export class ContractFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractFailure";
  }
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

function show(v: unknown): string {
  if (isDate(v)) return Number.isNaN(v.getTime()) ? "Invalid Date" : `Date(${v.toISOString()})`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "function") return "[function]";
  try {
    const s = JSON.stringify(v, (_k, x) => (isDate(x) ? `Date(${(x as Date).toISOString()})` : x));
    if (s !== undefined) return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    // cyclic or host object: fall through
  }
  return String(v);
}

/** Structural equality: arrays, plain objects, Dates by instant, NaN equal to NaN. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function errorText(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

export interface Expectation {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeNull(): void;
  toBeTruthy(): void;
  toBeFalsy(): void;
  /** A Date, whichever realm made it. */
  toBeDate(): void;
  toMatch(pattern: RegExp | string): void;
  toContain(item: unknown): void;
  toHaveLength(n: number): void;
  toBeGreaterThan(n: number): void;
  toBeCloseTo(n: number, digits?: number): void;
  /** `actual` is a function; it must throw, with a message containing `text` or matching the pattern. */
  toThrow(expected?: string | RegExp): void;
  readonly not: Expectation;
}

function makeExpectation(actual: unknown, negate: boolean): Expectation {
  const check = (pass: boolean, what: string) => {
    if (pass === negate) throw new ContractFailure(`expected ${show(actual)} ${negate ? "not " : ""}${what}`);
  };
  return {
    toBe: (expected) => check(Object.is(actual, expected), `to be ${show(expected)}`),
    toEqual: (expected) => check(deepEqual(actual, expected), `to equal ${show(expected)}`),
    toBeNull: () => check(actual === null, "to be null"),
    toBeTruthy: () => check(Boolean(actual), "to be truthy"),
    toBeFalsy: () => check(!actual, "to be falsy"),
    toBeDate: () => check(isDate(actual), "to be a Date"),
    toMatch: (pattern) =>
      check(
        typeof actual === "string" && (typeof pattern === "string" ? actual.includes(pattern) : pattern.test(actual)),
        `to match ${String(pattern)}`,
      ),
    toContain: (item) =>
      check(
        typeof actual === "string"
          ? actual.includes(String(item))
          : Array.isArray(actual) && actual.some((x) => deepEqual(x, item)),
        `to contain ${show(item)}`,
      ),
    toHaveLength: (n) => check((actual as { length?: unknown } | null)?.length === n, `to have length ${n}`),
    toBeGreaterThan: (n) => check(typeof actual === "number" && actual > n, `to be greater than ${n}`),
    toBeCloseTo: (n, digits = 2) =>
      check(typeof actual === "number" && Math.abs(actual - n) < 10 ** -digits / 2, `to be close to ${n}`),
    toThrow: (expected) => {
      if (typeof actual !== "function") throw new ContractFailure("toThrow needs a function");
      let threw = false;
      let message = "";
      try {
        actual();
      } catch (e) {
        threw = true;
        message = errorText(e);
      }
      const matches =
        expected === undefined || (typeof expected === "string" ? message.includes(expected) : expected.test(message));
      if (negate ? threw : !(threw && matches)) {
        throw new ContractFailure(
          threw
            ? `expected the call ${negate ? "not to throw" : `to throw ${show(String(expected))}`}, it threw ${show(message)}`
            : `expected the call to throw${expected === undefined ? "" : ` ${show(String(expected))}`}, it returned`,
        );
      }
    },
    get not() {
      return makeExpectation(actual, !negate);
    },
  };
}

export function expect(actual: unknown): Expectation {
  return makeExpectation(actual, false);
}

// --- running -------------------------------------------------------------------------------------

export interface CaseResult {
  suite: string;
  name: string;
  ref: string;
  ok: boolean;
  error?: string;
}

/**
 * Builds the fixture over a set of globals. Used as is in Apps Script (globals = globalThis) and in the
 * emulator (globals = env.globals()); everything it creates it removes in `dispose`.
 */
export function makeFixture(
  globals: ContractGlobals,
  options: { now?: () => Date } = {},
): { fixture: Fixture; dispose(): void } {
  const cleanups: (() => void)[] = [];
  let scratch: Spreadsheet | null = null;
  let counter = 0;
  const stamp = () => {
    counter += 1;
    return `${Date.now().toString(36)}-${counter}`;
  };
  const trash = (id: string) => () => globals.DriveApp.getFileById(id).setTrashed(true);
  const fixture: Fixture = {
    // Named one by one: Apps Script's globals need not be enumerable on globalThis.
    SpreadsheetApp: globals.SpreadsheetApp,
    DocumentApp: globals.DocumentApp,
    DriveApp: globals.DriveApp,
    GmailApp: globals.GmailApp,
    Utilities: globals.Utilities,
    LockService: globals.LockService,
    Session: globals.Session,
    Charts: globals.Charts,
    HtmlService: globals.HtmlService,
    Sheets: typeof globals.Sheets === "undefined" ? undefined : globals.Sheets,
    me: globals.Session.getActiveUser().getEmail(),
    spreadsheet() {
      if (scratch) return scratch;
      scratch = globals.SpreadsheetApp.getActiveSpreadsheet();
      if (!scratch) {
        scratch = globals.SpreadsheetApp.create(`contract scratch ${stamp()}`);
        cleanups.push(trash(scratch.getId()));
      }
      return scratch;
    },
    sheet() {
      const ss = fixture.spreadsheet();
      const sheet = ss.insertSheet(`contract ${stamp()}`);
      cleanups.push(() => ss.deleteSheet(sheet));
      return sheet;
    },
    sheetIn(locale, timeZone) {
      const ss = fixture.spreadsheet();
      const [oldLocale, oldZone] = [ss.getSpreadsheetLocale(), ss.getSpreadsheetTimeZone()];
      cleanups.push(() => {
        ss.setSpreadsheetLocale(oldLocale);
        ss.setSpreadsheetTimeZone(oldZone);
      });
      ss.setSpreadsheetLocale(locale);
      ss.setSpreadsheetTimeZone(timeZone);
      return fixture.sheet();
    },
    newSpreadsheet() {
      const ss = globals.SpreadsheetApp.create(`contract ${stamp()}`);
      cleanups.push(trash(ss.getId()));
      return ss;
    },
    now: options.now ?? (() => new Date()),
    document() {
      const doc = globals.DocumentApp.create(`contract ${stamp()}`);
      cleanups.push(trash(doc.getId()));
      return doc;
    },
    cleanup(fn) {
      cleanups.push(fn);
    },
  };
  return {
    fixture,
    dispose() {
      // Last made, first removed; a failing cleanup must not hide the others.
      for (const fn of cleanups.reverse()) {
        try {
          fn();
        } catch {
          // best effort
        }
      }
      cleanups.length = 0;
    },
  };
}

export function runCase(c: ContractCase, globals: ContractGlobals, now?: () => Date): CaseResult {
  const { fixture, dispose } = makeFixture(globals, { now });
  try {
    c.run(fixture);
    return { suite: c.suite, name: c.name, ref: c.ref, ok: true };
  } catch (e) {
    return { suite: c.suite, name: c.name, ref: c.ref, ok: false, error: errorText(e) };
  } finally {
    dispose();
  }
}

/** Runs every case of every suite; `only` filters suites by name. */
export function runSuites(suites: ContractSuite[], globals: ContractGlobals, only?: string): CaseResult[] {
  const results: CaseResult[] = [];
  for (const s of suites) {
    if (only && s.name !== only) continue;
    for (const c of s.cases) results.push(runCase(c, globals));
  }
  return results;
}

/** The pass/fail table written to the log: one line per case, failures with their message and reference. */
export function formatResults(results: CaseResult[]): string {
  const passed = results.filter((r) => r.ok).length;
  const lines = results.map((r) =>
    r.ok ? `PASS | ${r.suite} | ${r.name}` : `FAIL | ${r.suite} | ${r.name} | ${r.error} | ref: ${r.ref}`,
  );
  lines.push(`${passed} passed, ${results.length - passed} failed`);
  return lines.join("\n");
}
