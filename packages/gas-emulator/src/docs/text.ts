import type { DocHandle } from "./handle";
import type { CharStyle, TextNode } from "./model";

type TextApi = GoogleAppsScript.Document.Text;

/** Apps Script's text for an offset past the end of a Text element (emulator's wording of the range error). */
export function offsetOutOfRange(offset: number, length: number): string {
  return `Index (${offset}) must be less than the content length (${length}).`;
}

/**
 * A Text element: the editable text of one run, or (editAsText) of a whole container whose paragraphs
 * are joined by "\n". Offsets count those separators, as in Apps Script; they carry no formatting.
 */
export class TextView
  implements
    Pick<
      TextApi,
      | "getText"
      | "setText"
      | "appendText"
      | "setBold"
      | "isBold"
      | "setItalic"
      | "isItalic"
      | "setUnderline"
      | "isUnderline"
      | "setFontSize"
      | "getFontSize"
      | "setForegroundColor"
      | "getForegroundColor"
      | "getType"
      | "editAsText"
    >
{
  toString(): string {
    return "Text";
  }

  constructor(
    private readonly doc: DocHandle,
    /** The runs, grouped by paragraph; computed on each call since the document may change between calls. */
    private readonly groups: () => TextNode[][],
    /** Where appendText/setText put new text: the single run this Text is, if it is one. */
    private readonly run?: TextNode,
  ) {}

  getType(): GoogleAppsScript.Document.ElementType {
    return "TEXT" as unknown as GoogleAppsScript.Document.ElementType;
  }

  editAsText(): TextApi {
    return this as unknown as TextApi;
  }

  getText(): string {
    this.doc.read("Text.getText");
    return this.groups()
      .map((g) => g.map((n) => n.text).join(""))
      .join("\n");
  }

  setText(text: string): TextApi {
    this.doc.edit("Text.setText");
    const nodes = this.groups().flat();
    const target = this.run ?? nodes[0];
    if (!target)
      throw new Error("Emulator: setText on an empty container Text is not emulated; use the paragraph's setText.");
    const style = target.styles[0] ?? {};
    const value = String(text).replace(/\n/g, "\r");
    target.text = value;
    target.styles = Array.from(value, () => ({ ...style }));
    for (const n of nodes) {
      if (n !== target) {
        n.text = "";
        n.styles = [];
      }
    }
    return this as unknown as TextApi;
  }

  appendText(text: string): TextApi {
    this.doc.edit("Text.appendText");
    const nodes = this.groups().flat();
    const target = this.run ?? nodes[nodes.length - 1];
    if (!target) throw new Error("Emulator: appendText on an empty container Text is not emulated.");
    const value = String(text).replace(/\n/g, "\r");
    const style = target.styles[target.styles.length - 1] ?? {};
    target.text += value;
    target.styles.push(...Array.from(value, () => ({ ...style })));
    return this as unknown as TextApi;
  }

  setBold(...args: [boolean] | [number, number, boolean]): TextApi {
    return this.format("Text.setBold", args, (s, v) => {
      s.bold = Boolean(v);
    });
  }

  setItalic(...args: [boolean] | [number, number, boolean]): TextApi {
    return this.format("Text.setItalic", args, (s, v) => {
      s.italic = Boolean(v);
    });
  }

  setUnderline(...args: [boolean] | [number, number, boolean]): TextApi {
    return this.format("Text.setUnderline", args, (s, v) => {
      s.underline = Boolean(v);
    });
  }

  setFontSize(...args: [number] | [number, number, number]): TextApi {
    return this.format("Text.setFontSize", args, (s, v) => {
      s.fontSize = Number(v);
    });
  }

  setForegroundColor(...args: [string] | [number, number, string]): TextApi {
    return this.format("Text.setForegroundColor", args, (s, v) => {
      s.foregroundColor = String(v);
    });
  }

  /** Like Apps Script: the value at `offset`, or for the whole text, the value if uniform else null. */
  isBold(offset?: number): boolean {
    return this.attribute("Text.isBold", offset, (s) => s.bold ?? false) as boolean;
  }

  isItalic(offset?: number): boolean {
    return this.attribute("Text.isItalic", offset, (s) => s.italic ?? false) as boolean;
  }

  isUnderline(offset?: number): boolean {
    return this.attribute("Text.isUnderline", offset, (s) => s.underline ?? false) as boolean;
  }

  getFontSize(offset?: number): number {
    return this.attribute("Text.getFontSize", offset, (s) => s.fontSize ?? null) as number;
  }

  getForegroundColor(offset?: number): string {
    return this.attribute("Text.getForegroundColor", offset, (s) => s.foregroundColor ?? null) as string;
  }

  /** Each character position, or null for a paragraph separator. */
  private positions(): (CharStyle | null)[] {
    const out: (CharStyle | null)[] = [];
    this.groups().forEach((group, gi) => {
      if (gi > 0) out.push(null);
      for (const n of group) out.push(...n.styles);
    });
    return out;
  }

  private format(method: string, args: unknown[], apply: (s: CharStyle, v: unknown) => void): TextApi {
    this.doc.edit(method);
    const all = this.positions();
    let start = 0;
    let end = all.length - 1;
    let value: unknown = args[0];
    if (args.length === 3) {
      start = Number(args[0]);
      end = Number(args[1]);
      value = args[2];
      if (start < 0 || start >= all.length) throw new Error(offsetOutOfRange(start, all.length));
      if (end < start || end >= all.length) throw new Error(offsetOutOfRange(end, all.length));
    }
    for (let i = start; i <= end; i++) {
      const s = all[i];
      if (s) apply(s, value);
    }
    return this as unknown as TextApi;
  }

  private attribute(method: string, offset: number | undefined, get: (s: CharStyle) => unknown): unknown {
    this.doc.read(method);
    const all = this.positions();
    if (offset !== undefined) {
      const s = all[Number(offset)];
      if (offset < 0 || offset >= all.length) throw new Error(offsetOutOfRange(offset, all.length));
      return s ? get(s) : null;
    }
    const values = new Set(all.filter((s): s is CharStyle => s !== null).map(get));
    return values.size === 1 ? [...values][0] : null;
  }
}
