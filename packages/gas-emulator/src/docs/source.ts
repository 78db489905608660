import { EmulatedDocument } from "./document-app";
import type { CharStyle, DocModel } from "./model";

/** Exporters accept our Document object (as returned by DocumentApp) or the model itself. */
export type ExportSource = DocModel | GoogleAppsScript.Document.Document | EmulatedDocument;

export function modelOf(source: ExportSource): DocModel {
  if (source instanceof EmulatedDocument) return source.model;
  const maybe = source as { body?: unknown };
  if (Array.isArray(maybe.body)) return source as DocModel;
  throw new Error("Emulator: export needs a Document created by the emulated DocumentApp.");
}

export function titleOf(source: ExportSource): string {
  return source instanceof EmulatedDocument ? source.handle.item.name : "Document";
}

/** Runs of equal formatting, so exports emit one span/run per change rather than per character. */
export function runsOf(text: string, styles: CharStyle[]): { text: string; style: CharStyle }[] {
  const runs: { text: string; style: CharStyle }[] = [];
  for (let i = 0; i < text.length; i++) {
    const style = styles[i] ?? {};
    const last = runs[runs.length - 1];
    if (last && sameStyle(last.style, style)) last.text += text[i];
    else runs.push({ text: text[i], style });
  }
  return runs;
}

function sameStyle(a: CharStyle, b: CharStyle): boolean {
  return (
    Boolean(a.bold) === Boolean(b.bold) &&
    Boolean(a.italic) === Boolean(b.italic) &&
    Boolean(a.underline) === Boolean(b.underline) &&
    a.fontSize === b.fontSize &&
    a.foregroundColor === b.foregroundColor
  );
}

/** Only #rgb/#rrggbb colours pass into markup, so a colour value can never inject CSS or XML. */
export function safeColor(color: string | undefined): string | undefined {
  return color && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(color) ? color.toLowerCase() : undefined;
}
