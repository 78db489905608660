/**
 * The value of a formula made only of constants: what Sheets shows for typed input it turned into a formula
 * ("+86 574 1234" becomes "=+86 574 1234"). The emulator has no formula engine, but these need none:
 * arithmetic on numbers gives a number, a formula that does not parse gives "#ERROR!", a lone unknown name
 * gives "#NAME?". Anything that refers to cells or calls a function is left to the caller (undefined).
 */
import type { CellValue } from "./values";

type Token = { kind: "num"; value: number } | { kind: "op"; value: string } | { kind: "word"; value: string };

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([-+*/^%()])|([A-Za-z_][\w.]*|\$?[A-Za-z]{1,3}\$?\d+)|(\S))/y;
const CELL_REF = /^\$?[A-Za-z]{1,3}\$?\d+$/;

class ParseError extends Error {}
class NeedsEngine extends Error {}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(at))) break;
      throw new ParseError();
    }
    if (m[1] !== undefined) out.push({ kind: "num", value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: "op", value: m[2] });
    else if (m[3] !== undefined) out.push({ kind: "word", value: m[3] });
    else if (m[4] === '"' || m[4] === "!" || m[4] === ":" || m[4] === "&" || m[4] === "," || m[4] === "{") {
      // Strings, sheet references, ranges, concatenation, arguments, arrays: a real formula.
      throw new NeedsEngine();
    } else throw new ParseError();
  }
  return out;
}

/** Recursive descent over + - * / ^ % and parentheses, Sheets' precedence (unary minus binds tighter than ^). */
class Parser {
  private i = 0;
  /** Evaluation errors are noted, not thrown: a formula that does not parse is #ERROR! whatever else it has. */
  error: "#NAME?" | "#DIV/0!" | undefined;
  constructor(private readonly tokens: Token[]) {}

  private peekOp(): string | undefined {
    const t = this.tokens[this.i];
    return t?.kind === "op" ? t.value : undefined;
  }

  parse(): number {
    const v = this.additive();
    if (this.i < this.tokens.length) throw new ParseError();
    return v;
  }

  private additive(): number {
    let v = this.multiplicative();
    for (let op = this.peekOp(); op === "+" || op === "-"; op = this.peekOp()) {
      this.i++;
      const r = this.multiplicative();
      v = op === "+" ? v + r : v - r;
    }
    return v;
  }

  private multiplicative(): number {
    let v = this.power();
    for (let op = this.peekOp(); op === "*" || op === "/"; op = this.peekOp()) {
      this.i++;
      const r = this.power();
      if (op === "/" && r === 0) this.error ??= "#DIV/0!";
      v = op === "*" ? v * r : v / r;
    }
    return v;
  }

  private power(): number {
    let v = this.unary();
    while (this.peekOp() === "^") {
      this.i++;
      v = v ** this.unary();
    }
    return v;
  }

  private unary(): number {
    const op = this.peekOp();
    if (op === "+" || op === "-") {
      this.i++;
      const v = this.unary();
      return op === "-" ? -v : v;
    }
    return this.percent();
  }

  private percent(): number {
    let v = this.primary();
    while (this.peekOp() === "%") {
      this.i++;
      v /= 100;
    }
    return v;
  }

  private primary(): number {
    const t = this.tokens[this.i++];
    if (!t) throw new ParseError();
    if (t.kind === "num") return t.value;
    if (t.kind === "op" && t.value === "(") {
      const v = this.additive();
      if (this.peekOp() !== ")") throw new ParseError();
      this.i++;
      return v;
    }
    if (t.kind === "word") {
      if (this.peekOp() === "(" || CELL_REF.test(t.value)) throw new NeedsEngine();
      const upper = t.value.toUpperCase();
      if (upper === "TRUE") return 1;
      if (upper === "FALSE") return 0;
      this.error ??= "#NAME?";
      return 0;
    }
    throw new ParseError();
  }
}

export function literalFormulaValue(formula: string): CellValue | undefined {
  if (!formula.startsWith("=")) return undefined;
  try {
    const tokens = tokenize(formula.slice(1));
    if (tokens.length === 0) return "#ERROR!";
    const parser = new Parser(tokens);
    const value = parser.parse();
    return parser.error ?? value;
  } catch (e) {
    if (e instanceof ParseError) return "#ERROR!";
    return undefined;
  }
}
