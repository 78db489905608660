import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type ChainLink,
  canonicalLogText,
  formatLink,
  type LogLine,
  type LogRow,
  nextLink,
  parseLink,
  verifyLogChain,
} from "../../src/domain/log-chain";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const LINES: LogLine[] = [
  {
    at: new Date("2026-11-23T01:00:00Z"),
    user: "amy@acme-tools.cn",
    action: "staff.onboard",
    target: "li@acme-tools.cn",
    detail: "新同事 李娜 入职",
  },
  {
    at: new Date("2026-11-23T01:05:00Z"),
    user: "li@acme-tools.cn",
    action: "inquiry.grade",
    target: "I-000012",
    detail: "A (was B)",
  },
  {
    at: new Date("2026-11-23T02:00:00Z"),
    user: "li@acme-tools.cn",
    action: "quote.save",
    target: "Q-2026-0003",
    detail: "B-000044 standard USD 12,400.00",
  },
  {
    at: new Date("2026-11-23T02:30:00Z"),
    user: "ahmed@acme-tools.cn",
    action: "sample.request",
    target: "S-000009",
    detail: "B-000051 physical عينة مجانية",
  },
  {
    at: new Date("2026-11-23T03:00:00Z"),
    user: "boss@acme-tools.cn",
    action: "offboard",
    target: "bob@acme-tools.cn",
    detail: "buyers 12 handed to: li@acme-tools.cn 12",
  },
];

/** Sheet rows 2.. as the writer leaves them, after `legacy` unlinked lines. */
function written(lines: LogLine[], legacy: LogLine[] = []): { rows: LogRow[]; head: ChainLink } {
  let head: ChainLink | undefined;
  const rows: LogRow[] = legacy.map((l, i) => ({ ...l, row: i + 2, link: "" }));
  for (const line of lines) {
    head = nextLink(line, head, sha256);
    rows.push({ ...line, row: rows.length + 2, link: formatLink(head) });
  }
  return { rows, head: head! };
}

/** Sheet order after a person edits: row numbers follow the lines' new places. */
function renumber(rows: LogRow[]): LogRow[] {
  return rows.map((r, i) => ({ ...r, row: i + 2 }));
}

describe("the Log's hash chain (R33, R34)", () => {
  it("R33: an untouched Log is intact, and every line is covered", () => {
    const { rows, head } = written(LINES);
    expect(verifyLogChain(rows, sha256, head)).toEqual({ status: "intact", chainStartsAt: 2, linked: 5, findings: [] });
  });

  it("R34: a line whose text was changed by hand is named", () => {
    const { rows, head } = written(LINES);
    rows[2] = { ...rows[2], detail: "B-000044 standard USD 1,240.00" };
    expect(verifyLogChain(rows, sha256, head)).toMatchObject({
      status: "broken",
      findings: [{ kind: "changed", row: 4 }],
    });
  });

  it("R34: a changed time or user is caught too, not only the detail", () => {
    const { rows } = written(LINES);
    const later = rows.map((r, i) => (i === 1 ? { ...r, at: new Date("2026-11-24T01:05:00Z") } : r));
    const other = rows.map((r, i) => (i === 3 ? { ...r, user: "li@acme-tools.cn" } : r));
    expect(verifyLogChain(later, sha256).findings).toEqual([{ kind: "changed", row: 3 }]);
    expect(verifyLogChain(other, sha256).findings).toEqual([{ kind: "changed", row: 5 }]);
  });

  it("R34: a line slipped in by hand is named, with or without a made-up hash, and so is a copied line", () => {
    const { rows, head } = written(LINES);
    const forged: LogRow = { ...LINES[1], row: 0, detail: "D (was A)", link: `3:${"ab".repeat(32)}` };
    const bare: LogRow = { ...LINES[1], row: 0, detail: "C", link: "" };
    const copy: LogRow = { ...rows[0], row: 0 };
    for (const [inserted, at] of [
      [forged, 2],
      [bare, 4],
      [copy, 5],
    ] as const) {
      const tampered = renumber([...rows.slice(0, at), inserted, ...rows.slice(at)]);
      expect(verifyLogChain(tampered, sha256, head), `inserted at index ${at}`).toMatchObject({
        status: "broken",
        findings: [{ kind: "inserted", row: at + 2 }],
      });
    }
  });

  it("R34: a deleted line shows as a break after the row before it, at the end too", () => {
    const { rows, head } = written(LINES);
    const middle = renumber([...rows.slice(0, 2), ...rows.slice(3)]);
    expect(verifyLogChain(middle, sha256, head).findings).toEqual([{ kind: "removed", afterRow: 3, count: 1 }]);
    const twoAtTheEnd = rows.slice(0, 3);
    expect(verifyLogChain(twoAtTheEnd, sha256, head).findings).toEqual([{ kind: "removed", afterRow: 4, count: 2 }]);
    const first = renumber(rows.slice(1));
    expect(verifyLogChain(first, sha256, head).findings).toEqual([{ kind: "removed", afterRow: 1, count: 1 }]);
  });

  it("an old Log's lines without a hash come before the chain: it starts at the first linked row", () => {
    const { rows, head } = written(LINES.slice(2), LINES.slice(0, 2));
    expect(verifyLogChain(rows, sha256, head)).toEqual({ status: "intact", chainStartsAt: 4, linked: 3, findings: [] });
    expect(verifyLogChain(rows.slice(0, 2), sha256)).toEqual({ status: "intact", linked: 0, findings: [] });
  });

  it("a chain started afresh (its state lost) is reported, and the lines after it still check", () => {
    const before = written(LINES.slice(0, 2)).rows;
    const after = written(LINES.slice(2)).rows;
    const rows = renumber([...before, ...after]);
    expect(verifyLogChain(rows, sha256)).toEqual({
      status: "intact",
      chainStartsAt: 2,
      linked: 5,
      findings: [{ kind: "restarted", row: 4 }],
    });
    rows[4] = { ...rows[4], detail: "edited" };
    expect(verifyLogChain(rows, sha256).findings).toContainEqual({ kind: "changed", row: 6 });
  });

  it("the canonical text is what a sheet gives back: trimmed text, \\n line breaks, whole seconds", () => {
    const line = LINES[1];
    const asRead = { ...line, detail: ` ${line.detail}\r\n`, at: new Date(line.at!.getTime() + 400) };
    expect(canonicalLogText(asRead)).toBe(canonicalLogText(line));
    expect(canonicalLogText({ ...line, detail: "A\r\n(was B)" })).toBe(
      canonicalLogText({ ...line, detail: "A\n(was B)" }),
    );
    expect(canonicalLogText({ ...line, at: null })).not.toBe(canonicalLogText(line));
  });

  it("a Hash cell is read only in its own form", () => {
    const hash = sha256("x");
    expect(parseLink(` 12:${hash} `)).toEqual({ seq: 12, hash });
    expect(parseLink(hash)).toBeUndefined();
    expect(parseLink(`12:${hash.toUpperCase()}`)).toBeUndefined();
    expect(parseLink("=HYPERLINK(1)")).toBeUndefined();
  });
});
