/**
 * The Log is tamper-evident (R33, R34): every line carries a link "n:hash", where n counts the lines of the
 * chain (1, 2, 3…) and hash = SHA-256 of (n, the previous link's hash, the line's canonical text). Editing a
 * line, slipping one in or deleting one breaks the chain where it happened, and the sequence number tells a
 * deleted line (a gap) from an edited one (a line that no longer matches its own link). It is evidence, not a
 * lock: someone rewriting every link after theirs by hand is not stopped, only made to work for it.
 *
 * Pure: the hash function is passed in (Apps Script's digest in the add-on, node's in tests).
 */

/** The fields of a Log line that the link covers, as the sheet gives them back. */
export interface LogLine {
  at: Date | null;
  user: string;
  action: string;
  target: string;
  detail: string;
}

export type HashText = (text: string) => string;

/** A link: the line's number in its chain and its hash. */
export interface ChainLink {
  seq: number;
  hash: string;
}

/**
 * The text a link hashes. Values as a sheet reads them back: text trimmed, line breaks as \n, the time in
 * whole seconds (a sheet keeps no finer time than that reliably).
 */
export function canonicalLogText(line: LogLine): string {
  const text = (s: string) =>
    String(s ?? "")
      .replace(/\r\n?/g, "\n")
      .trim();
  const at = line.at instanceof Date && !Number.isNaN(line.at.getTime()) ? Math.round(line.at.getTime() / 1000) : "";
  return JSON.stringify([at, text(line.user), text(line.action), text(line.target), text(line.detail)]);
}

/** The link of `line` following `previous` (undefined: the line starts a chain). */
export function nextLink(line: LogLine, previous: ChainLink | undefined, hash: HashText): ChainLink {
  const seq = (previous?.seq ?? 0) + 1;
  return { seq, hash: hash(`${seq}\n${previous?.hash ?? ""}\n${canonicalLogText(line)}`) };
}

export function formatLink(link: ChainLink): string {
  return `${link.seq}:${link.hash}`;
}

/** The link in a Hash cell, or undefined when the cell holds none (an old line, or one typed by hand). */
export function parseLink(cell: string): ChainLink | undefined {
  const m = /^(\d{1,12}):([0-9a-f]{64})$/.exec(String(cell ?? "").trim());
  return m ? { seq: Number(m[1]), hash: m[2] } : undefined;
}

export interface LogRow extends LogLine {
  /** 1-based sheet row. */
  row: number;
  /** The Hash cell. */
  link: string;
}

export type LogFinding =
  /** The line's text no longer matches its link: edited after it was written. */
  | { kind: "changed"; row: number }
  /** A line that is not part of the chain: typed or pasted in, or a copy of another line. */
  | { kind: "inserted"; row: number }
  /** `count` lines of the chain are missing after sheet row `afterRow` (the header is row 1). */
  | { kind: "removed"; afterRow: number; count: number }
  /** A new chain starts here (the Log was remade, or its chain state was lost). */
  | { kind: "restarted"; row: number };

export interface LogChainReport {
  /** "broken" when a line was changed, inserted or removed. */
  status: "intact" | "broken";
  /** Sheet row of the chain's first line; lines above it predate the chain and are not covered. */
  chainStartsAt?: number;
  /** Lines the chain covers. */
  linked: number;
  findings: LogFinding[];
}

/**
 * Checks the Log's lines (in sheet order) against their links. `head`, the last link the writer handed out,
 * lets a deletion at the very end show too.
 */
export function verifyLogChain(rows: readonly LogRow[], hash: HashText, head?: ChainLink): LogChainReport {
  const findings: LogFinding[] = [];
  const parsed = rows.map((r) => ({ row: r, link: parseLink(r.link) }));
  const valid = (i: number, previous: ChainLink | undefined) => {
    const link = parsed[i].link;
    if (!link) return false;
    const expected = nextLink(parsed[i].row, previous, hash);
    return expected.seq === link.seq && expected.hash === link.hash;
  };
  const nextLinked = (i: number) => {
    for (let j = i + 1; j < parsed.length; j += 1) if (parsed[j].link) return j;
    return -1;
  };
  let chainStartsAt: number | undefined;
  let previous: (ChainLink & { row: number }) | undefined;
  let linked = 0;
  const seen = new Set<string>();
  for (let i = 0; i < parsed.length; i += 1) {
    const { row, link } = parsed[i];
    if (!link) {
      // Before the chain: old lines. Inside it: a line that was never linked.
      if (previous) findings.push({ kind: "inserted", row: row.row });
      continue;
    }
    if (seen.has(link.hash)) {
      // A copy of a line already in the chain.
      findings.push({ kind: "inserted", row: row.row });
      continue;
    }
    seen.add(link.hash);
    if (!previous) {
      chainStartsAt = row.row;
      if (link.seq > 1) findings.push({ kind: "removed", afterRow: row.row - 1, count: link.seq - 1 });
      else if (!valid(i, undefined)) findings.push({ kind: "changed", row: row.row });
    } else if (link.seq === 1 && valid(i, undefined)) {
      findings.push({ kind: "restarted", row: row.row });
    } else if (link.seq === previous.seq + 1) {
      if (!valid(i, previous)) {
        // Either this line was edited, or it was slipped in with a made-up link and the real next line follows.
        const j = nextLinked(i);
        if (j >= 0 && valid(j, previous)) {
          findings.push({ kind: "inserted", row: row.row });
          continue;
        }
        findings.push({ kind: "changed", row: row.row });
      }
    } else if (link.seq > previous.seq + 1) {
      findings.push({ kind: "removed", afterRow: previous.row, count: link.seq - previous.seq - 1 });
    } else {
      // A number already used, by a line that is not a copy: slipped in with a made-up link.
      findings.push({ kind: "inserted", row: row.row });
      continue;
    }
    previous = { ...link, row: row.row };
    linked += 1;
  }
  if (head && previous && head.seq > previous.seq)
    findings.push({ kind: "removed", afterRow: previous.row, count: head.seq - previous.seq });
  // A restart is reported but breaks nothing: every line is still accounted for.
  const broken = findings.some((f) => f.kind !== "restarted");
  return { status: broken ? "broken" : "intact", chainStartsAt, linked, findings };
}
