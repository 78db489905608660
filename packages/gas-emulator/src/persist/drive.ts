/**
 * Saving and restoring the Drive side of an emulated world (folders, uploaded files, Google Docs with their
 * content, sharing, parents, trash) so that a project run twice sees the files its first run made, with the
 * same ids. Spreadsheets are left out: their content is a workbook, which xlsx.ts saves on its own.
 */
import type { DriveItem, FileRegistry } from "../core/files";
import { type CharStyle, type DocData, DocModel, type TextNode } from "../docs/model";
import { isStoredBytes, SPREADSHEET_MIME } from "../drive/items";
import { decodeBinary, encodeBinary } from "./json";

type SavedContent =
  | { kind: "root"; user: string }
  | { kind: "bytes"; contentType: string; bytes: unknown }
  /** The DocModel as JSON text: one line in an indented file rather than a line per node. */
  | { kind: "doc"; json: string };

export interface SavedDriveItem {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  editors: string[];
  commenters: string[];
  viewers: string[];
  parents: string[];
  trashed: boolean;
  created: string;
  updated: string;
  content?: SavedContent;
}

export interface SavedDrive {
  /** FileRegistry.idCount at save time, so new ids continue after the saved ones. */
  idCount: number;
  items: SavedDriveItem[];
}

/**
 * Docs keep one style per character; saved, a text node keeps runs of equal style instead, so a saved report
 * is not one `{}` per letter.
 */
type StyleRun = [count: number, style: CharStyle];

function compactText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compactText);
  if (typeof value !== "object" || value === null || value instanceof Uint8Array) return value;
  const node = value as Partial<TextNode> & Record<string, unknown>;
  if (node.kind === "text" && Array.isArray(node.styles)) {
    const runs: StyleRun[] = [];
    for (const style of node.styles) {
      const last = runs[runs.length - 1];
      if (last && JSON.stringify(last[1]) === JSON.stringify(style)) last[0] += 1;
      else runs.push([1, style]);
    }
    return { kind: "text", text: node.text, runs };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, compactText(v)]));
}

function expandText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandText);
  if (typeof value !== "object" || value === null || value instanceof Uint8Array) return value;
  const node = value as { kind?: string; text?: string; runs?: StyleRun[] } & Record<string, unknown>;
  if (node.kind === "text" && Array.isArray(node.runs)) {
    const styles = node.runs.flatMap(([count, style]) => Array.from({ length: count }, () => ({ ...style })));
    return { kind: "text", text: node.text, styles };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, expandText(v)]));
}

function saveContent(item: DriveItem): SavedContent | undefined {
  const content = item.content as { kind?: string; user?: string } | undefined;
  if (content === undefined) return undefined;
  if (content instanceof DocModel)
    return { kind: "doc", json: JSON.stringify(encodeBinary(compactText(content.toData()))) };
  if (isStoredBytes(content))
    return { kind: "bytes", contentType: content.contentType, bytes: encodeBinary(content.bytes) };
  if (content.kind === "root" && typeof content.user === "string") return { kind: "root", user: content.user };
  return undefined;
}

function restoreContent(saved: SavedContent | undefined): unknown {
  if (!saved) return undefined;
  switch (saved.kind) {
    case "doc":
      return DocModel.fromData(expandText(decodeBinary(JSON.parse(saved.json))) as DocData);
    case "bytes":
      return { kind: "bytes", contentType: saved.contentType, bytes: decodeBinary<Uint8Array>(saved.bytes) };
    case "root":
      return { kind: "root", user: saved.user };
  }
}

/** Every Drive item except spreadsheets, as JSON-ready data. */
export function saveDrive(files: FileRegistry): SavedDrive {
  const items = files
    .all()
    .filter((item) => item.mimeType !== SPREADSHEET_MIME)
    .map(
      (item): SavedDriveItem => ({
        id: item.id,
        name: item.name,
        mimeType: item.mimeType,
        owner: item.owner,
        editors: [...item.editors],
        commenters: [...item.commenters],
        viewers: [...item.viewers],
        parents: [...item.parents],
        trashed: item.trashed,
        created: item.created.toISOString(),
        updated: item.updated.toISOString(),
        content: saveContent(item),
      }),
    );
  return { idCount: files.idCount, items };
}

/** Puts saved items back with their ids. An id already present (e.g. the workbook, loaded first) is kept as is. */
export function restoreDrive(files: FileRegistry, saved: SavedDrive): void {
  for (const s of saved.items) {
    if (files.get(s.id)) continue;
    files.add({
      id: s.id,
      name: s.name,
      mimeType: s.mimeType,
      owner: s.owner,
      editors: new Set(s.editors),
      commenters: new Set(s.commenters),
      viewers: new Set(s.viewers),
      parents: new Set(s.parents),
      trashed: s.trashed,
      created: new Date(s.created),
      updated: new Date(s.updated),
      content: restoreContent(s.content),
    });
  }
  files.reserveIds(saved.idCount);
}
