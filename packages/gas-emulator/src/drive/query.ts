import type { DriveItem } from "../core/files";

/**
 * A small subset of Drive's search-query language (developers.google.com/drive/api/guides/search-files),
 * enough for scripts that look files up by name, type, trash state or folder. Unknown terms throw, so a
 * script never silently gets "everything".
 */
type Matcher = (item: DriveItem) => boolean;

const TERM =
  /^\s*(?:(title|name)\s*(=|!=|contains)\s*'((?:[^'\\]|\\.)*)'|(mimeType)\s*(=|!=)\s*'((?:[^'\\]|\\.)*)'|(trashed)\s*=\s*(true|false)|'((?:[^'\\]|\\.)*)'\s+in\s+parents)\s*$/i;

function unquote(s: string): string {
  return s.replace(/\\(.)/g, "$1");
}

export function parseDriveQuery(query: string): Matcher {
  const terms = String(query)
    .split(/\s+and\s+/i)
    .filter((t) => t.trim() !== "");
  const matchers = terms.map((term): Matcher => {
    const m = TERM.exec(term);
    if (!m)
      throw new Error(`Invalid argument: q (emulator supports name/title, mimeType, trashed, in parents): ${term}`);
    if (m[1]) {
      const value = unquote(m[3]);
      if (m[2].toLowerCase() === "contains") return (i) => i.name.toLowerCase().includes(value.toLowerCase());
      return m[2] === "=" ? (i) => i.name === value : (i) => i.name !== value;
    }
    if (m[4]) {
      const value = unquote(m[6]);
      return m[5] === "=" ? (i) => i.mimeType === value : (i) => i.mimeType !== value;
    }
    if (m[7]) {
      const wanted = m[8].toLowerCase() === "true";
      return (i) => i.trashed === wanted;
    }
    const parent = unquote(m[9]);
    return (i) => i.parents.has(parent);
  });
  return (item) => matchers.every((f) => f(item));
}
